"""SIGTERM and SIGHUP as Ctrl-C: a command stopped by `kill` unwinds and cleans up.

Python dies of an unhandled SIGTERM without unwinding, so a build stopped by a
job scheduler left its multi-GB work copy behind, and `kg serve` its server
process and temporary store.
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import threading
from collections.abc import Iterator


@contextlib.contextmanager
def termination_as_interrupt() -> Iterator[None]:
    """While the block runs, SIGTERM and SIGHUP raise KeyboardInterrupt in this process (main thread only)."""
    previous = {}
    if threading.current_thread() is threading.main_thread():
        handler = functools.partial(_raise_interrupt, os.getpid())
        for name in ("SIGTERM", "SIGHUP"):
            if hasattr(signal, name):
                sig = getattr(signal, name)
                previous[sig] = signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _raise_interrupt(command_pid: int, signum: int, frame: object) -> None:
    if os.getpid() != command_pid:
        # a worker forked from the command: it ends as it did before, silently, when its pool stops it
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    raise KeyboardInterrupt
