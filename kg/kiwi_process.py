"""A process of its own for Kiwi during a one-worker `kg build`: tokenise there, extract here.

Why: a one-worker build used one of the machine's cores. Loading Kiwi and its
first call take 3-4 s, and importing spaCy and building the pipeline another
1.5-2 s, one after the other; Kiwi's tokenising is about 40 % of the time per
article. With Kiwi in a child process both start-ups run at once, and the
child tokenises the next articles while this process extracts the current
one. The doc built from the child's morphemes is the one `kg.nlp` would
build itself (`kg.kiwi.morphemes` in either process), so the graph is the same.

The child is started before the parent imports spaCy (it imports only
`kg.kiwi` and `kg.kb`), is given each article's text (the parent reads the
files, so ingest and its errors stay where they were), runs at most WINDOW
articles ahead so that memory stays flat, and exits when its parent dies. If
it dies itself, the build goes on in this process alone.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

T = TypeVar("T")

WINDOW = 32  # articles the child may be ahead of the parent


def _watch_parent(parent: int) -> None:
    """Exit when the parent is gone (killed: it cannot shut us down)."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _start_child(parent: int) -> None:
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _warm() -> bool:
    from kg.kiwi import warm_up

    warm_up()
    return True


def _tokenize(text: str) -> list | None:
    """kg.kiwi.morphemes(text) in the child; None when it fails (the parent repeats it and reports the error)."""
    from kg.kiwi import morphemes

    try:
        return morphemes(text)
    except Exception:  # noqa: BLE001
        return None


class KiwiProcess:
    """The tokenizer process: started early, fed jobs in order, closed at the end."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork") if hasattr(os, "fork") else multiprocessing.get_context()
        self._pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
            max_workers=1, mp_context=context, initializer=_start_child, initargs=(os.getpid(),))
        self._warm: Future = self._pool.submit(_warm)  # starts the child and Kiwi's loading now

    def ahead(self, items: Iterable[T], text_of: Callable[[T], str | None]) -> Iterator[tuple[T, list | None]]:
        """(item, morphemes of text_of(item), or None) in input order, the child up to WINDOW items ahead.

        Items are drawn from `items` only as the window fills (the caller reads articles lazily).
        None: no text, or the child could not do it (it died): the caller tokenises itself.
        """
        pending: deque[tuple[T, Future | None]] = deque()
        it = iter(items)
        exhausted = False
        while True:
            while not exhausted and len(pending) < WINDOW:
                try:
                    item = next(it)
                except StopIteration:
                    exhausted = True
                    break
                text = text_of(item)
                pending.append((item, self._submit(text) if text is not None else None))
            if not pending:
                return
            item, future = pending.popleft()
            yield item, self._result(future)

    def _submit(self, text: str) -> Future | None:
        if self._pool is None:
            return None
        try:
            return self._pool.submit(_tokenize, text)
        except (BrokenProcessPool, RuntimeError):
            self._broken()
            return None

    def _result(self, future: Future | None) -> list | None:
        if future is None:
            return None
        try:
            return future.result()
        except BrokenProcessPool:
            self._broken()
            return None

    def _broken(self) -> None:
        self.close()

    def close(self) -> None:
        """Stop the child now, whatever it is doing (loading Kiwi for nothing, if no article needed it)."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        processes = list(getattr(pool, "_processes", {}).values())
        # the pool's management thread, kept now: the first shutdown forgets it, so a second
        # shutdown(wait=True) would not wait for it
        manager = getattr(pool, "_executor_manager_thread", None)
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(timeout=5)
        # left running, that thread may close its wake-up pipe while the interpreter's exit
        # hook writes to it ("OSError: Bad file descriptor" after our last line, Python 3.11)
        if manager is not None:
            manager.join(timeout=10)

    def __enter__(self) -> KiwiProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
