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

A build over several worker processes keeps the child for the whole build: the
parent imports spaCy and builds the pipeline (without Kiwi) while the child loads
Kiwi, forks the workers, and hands each of them a batch of articles with the
child's morphemes (`files_ahead`: there the child reads the files itself, and
the worker reads them again for the rest of the article). Kiwi is loaded once,
not in the parent again, and nobody waits for it; the workers only extract.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

WINDOW = 32  # articles (or batches of articles, `files_ahead`) the child may be ahead of the parent


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


def _tokenize_files(jobs: list[tuple[str, dict | None]]) -> list[bytes | None]:
    """The packed morphemes (`unpack`) of each (file, metadata) article, read here; None where it
    cannot be read or tokenised (the worker reads it again, and reports the problem or tokenises it)."""
    from kg.ingest import read_article
    from kg.kiwi import morphemes

    out: list[bytes | None] = []
    for path, meta in jobs:
        try:
            out.append(pickle.dumps(morphemes(read_article(Path(path), meta).analysis_text), pickle.HIGHEST_PROTOCOL))
        except Exception:  # noqa: BLE001
            out.append(None)
    return out


def unpack(pieces: bytes | list | None) -> list | None:
    """Morphemes as `_tokenize_files` packs them (bytes: the parent passes them on without unpickling)."""
    return pickle.loads(pieces) if isinstance(pieces, bytes) else pieces


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
        def call(item: T) -> tuple[Callable, object] | None:
            text = text_of(item)
            return None if text is None else (_tokenize, text)

        return self._ahead(items, call)

    def files_ahead(self, batches: Iterable[list[tuple[Path, dict | None]]]
                    ) -> Iterator[tuple[list[tuple[Path, dict | None]], list[bytes | None]]]:
        """(batch, packed morphemes of each of its articles, or Nones) in order, the child reading
        the files and up to WINDOW batches ahead. None: the worker reads and tokenises it itself."""
        def call(batch: list[tuple[Path, dict | None]]) -> tuple[Callable, object]:
            return _tokenize_files, [(str(path), meta) for path, meta in batch]

        for batch, packed in self._ahead(batches, call):
            yield batch, packed if packed is not None else [None] * len(batch)

    def _ahead(self, items: Iterable[T], call_of: Callable[[T], tuple[Callable, object] | None]
               ) -> Iterator[tuple[T, Any]]:
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
                call = call_of(item)
                pending.append((item, self._submit_call(*call) if call is not None else None))
            if not pending:
                return
            item, future = pending.popleft()
            yield item, self._result(future)

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
