"""A process of its own for Kiwi during `kg build`: tokenise there, extract here.

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

A build over several worker processes uses the child only while it starts:
the parent loads Kiwi and the pipeline once before it forks the workers
(about two seconds in which the second core would wait), and meanwhile the
child, which has Kiwi loaded by then, reads and tokenises the first articles
(`prefill`). The workers extract those from the child's morphemes.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

WINDOW = 32  # articles the child may be ahead of the parent
PREFILL_MAX = 1_000  # articles offered to `prefill`: more than it reads while the workers' parent loads
STOP_WAIT_S = 10.0  # how long `collect` waits for the child to hand over what it has done

_stop: Any = None  # in the child: the parent's "stop prefilling" event (inherited, as events must be)


def _watch_parent(parent: int) -> None:
    """Exit when the parent is gone (killed: it cannot shut us down)."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _start_child(parent: int, stop: Any) -> None:
    global _stop
    _stop = stop
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


def _prefill(jobs: list[tuple[str, dict | None]]) -> dict[int, list]:
    """{job index: morphemes of its article's text}, in job order, until the parent sets the stop event.

    Articles that cannot be read are left out: the worker reads them again and reports the problem.
    """
    from kg.ingest import read_article
    from kg.kiwi import morphemes

    done: dict[int, list] = {}
    for index, (path, meta) in enumerate(jobs):
        if _stop is not None and _stop.is_set():
            break
        try:
            done[index] = morphemes(read_article(Path(path), meta).analysis_text)
        except Exception:  # noqa: BLE001
            continue
    return done


class KiwiProcess:
    """The tokenizer process: started early, fed jobs in order, closed at the end."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork") if hasattr(os, "fork") else multiprocessing.get_context()
        self._stop = context.Event()
        self._pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
            max_workers=1, mp_context=context, initializer=_start_child, initargs=(os.getpid(), self._stop))
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

    def prefill(self, jobs: list[tuple[Path, dict | None]]) -> Future | None:
        """Start reading and tokenising `jobs` in order in the child; `collect` stops it and takes what is done."""
        return self._submit_call(_prefill, [(str(path), meta) for path, meta in jobs[:PREFILL_MAX]])

    def collect(self, pending: Future | None) -> dict[int, list]:
        """Stop a `prefill` and return {job index: morphemes} of the articles it finished; then close.

        A child still loading Kiwi has done nothing yet: it is closed at once rather than waited for.
        """
        self._stop.set()
        done: dict[int, list] = {}
        if pending is not None and self._warm.done():
            try:
                done = pending.result(timeout=STOP_WAIT_S)
            except (BrokenProcessPool, FutureTimeout):
                done = {}
        self.close()
        return done

    def _submit(self, text: str) -> Future | None:
        return self._submit_call(_tokenize, text)

    def _submit_call(self, fn: Callable, arg: object) -> Future | None:
        if self._pool is None:
            return None
        try:
            return self._pool.submit(fn, arg)
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
