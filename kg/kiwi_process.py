"""A process of its own for Kiwi during a one-worker `kg build`: read and tokenise there, extract here.

Why: a one-worker build used one of the machine's cores. Loading Kiwi and its
first call take 3-4 s, and importing spaCy and building the pipeline another
1.5-2 s, one after the other; Kiwi's tokenising is about 40 % of the time per
article. With Kiwi in a child process both start-ups run at once, and the
child tokenises the next articles while this process extracts the current
one. The doc built from the child's morphemes is the one `kg.nlp` would
build itself (`kg.kiwi.morphemes` in either process), so the graph is the same.

The child is started before the parent imports spaCy (it imports only
`kg.kiwi`, `kg.ingest` and `kg.kb`), runs at most WINDOW articles ahead so
that memory stays flat, and exits when its parent dies. If it dies itself, the
build goes on in this process alone.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

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


def _read_and_tokenize(path: str, metadata: dict | None) -> tuple[str, Any, tuple[str, str] | None, Any]:
    """(file, Article or None, (kind, problem) or None, morphemes or None) of one article, in the child.

    kind is "ignored" (no article: NotAnArticle) or "skipped" (IngestError).

    Reading errors are reported as `kg.pipeline.article_quads` reports them; when
    tokenising fails the morphemes are None and the parent tokenises (and fails) itself,
    so the error reads the same.
    """
    from kg.errors import IngestError, NotAnArticle
    from kg.ingest import read_article
    from kg.kiwi import morphemes

    try:
        article = read_article(Path(path), metadata)
    except NotAnArticle as exc:
        return path, None, ("ignored", exc.problem), None
    except IngestError as exc:
        return path, None, ("skipped", exc.problem), None
    try:
        pieces = morphemes(article.analysis_text)
    except Exception:  # noqa: BLE001  (the parent repeats it and reports it)
        pieces = None
    return path, article, None, pieces


class KiwiProcess:
    """The tokenizer process: started early, fed jobs in order, closed at the end."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork") if hasattr(os, "fork") else multiprocessing.get_context()
        self._pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
            max_workers=1, mp_context=context, initializer=_start_child, initargs=(os.getpid(),))
        self._warm: Future = self._pool.submit(_warm)  # starts the child and Kiwi's loading now

    def results(self, jobs: Iterable[tuple[Path, dict | None]]) -> Iterator[tuple[Path, dict | None, Any]]:
        """(path, metadata, what `_read_and_tokenize` gave, or None) in input order.

        None means the child could not do it (it died): the caller reads and tokenises itself.
        """
        pending: deque[tuple[Path, dict | None, Future | None]] = deque()
        it = iter(jobs)
        exhausted = False
        while True:
            while not exhausted and len(pending) < WINDOW:
                try:
                    path, meta = next(it)
                except StopIteration:
                    exhausted = True
                    break
                pending.append((path, meta, self._submit(path, meta)))
            if not pending:
                return
            path, meta, future = pending.popleft()
            yield path, meta, self._result(future)

    def _submit(self, path: Path, meta: dict | None) -> Future | None:
        if self._pool is None:
            return None
        try:
            return self._pool.submit(_read_and_tokenize, str(path), meta)
        except (BrokenProcessPool, RuntimeError):
            self._broken()
            return None

    def _result(self, future: Future | None) -> Any:
        if future is None:
            return None
        try:
            return future.result()
        except BrokenProcessPool:
            self._broken()
            return None

    def _broken(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def close(self) -> None:
        """Stop the child now, whatever it is doing (loading Kiwi for nothing, if no article needed it)."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        processes = list(getattr(pool, "_processes", {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(timeout=5)

    def __enter__(self) -> KiwiProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
