"""Articles extracted in batches (kg/pipeline.py): the tasks of `kg build --workers N`, and the serial build."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.ingest import read_article
from kg.kiwi import morphemes
from kg.pipeline import BATCH_BYTES, _file_size, _grouped, _worker, _worker_batch

ARTICLES = {
    "a.txt": "누리랩, 새 언어모델 공개\n입력 2026.03.02 09:00\n"
             "누리랩은 2일 매개변수 300억 개의 모델 '가람-2'를 공개했다.\n",
    "b.txt": "한결소프트는 지난주 AI 칩 '별빛'을 발표했다. 김하준 대표는 \"성능이 두 배\"라고 말했다.\n",
    "c.txt": "",  # empty: no article
}


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_batches_keep_every_job_once_in_order_and_close_a_task_past_its_size(tmp_path: Path) -> None:
    sizes = [30_000, 10_000, 12_000, 40_000, 100, 5]
    jobs = []
    for i, size in enumerate(sizes):
        path = tmp_path / f"{i}.txt"
        path.write_bytes(b"a" * size)
        jobs.append((path, None, None))
    jobs.append((tmp_path / "missing.txt", None, None))  # unreadable: counted as empty, reported by the worker
    batches = list(_grouped(jobs, _file_size))
    assert [job for batch in batches for job in batch] == jobs
    for batch in batches[:-1]:
        assert sum(Path(p).stat().st_size for p, _m, _x in batch) >= BATCH_BYTES
        assert sum(Path(p).stat().st_size for p, _m, _x in batch[:-1]) < BATCH_BYTES
    assert list(_grouped([], _file_size)) == []


def test_worker_batch_answers_as_the_worker_does_one_job_at_a_time(folder: Path) -> None:
    jobs = [(folder / name, None, None) for name in ARTICLES] + [(folder / "missing.txt", None, None)]
    one_by_one = [_worker(job) for job in jobs]
    assert _worker_batch(jobs) == one_by_one
    assert one_by_one[0][1] and one_by_one[1][1]  # two article graphs
    assert one_by_one[2][1] is None and one_by_one[3][1] is None and one_by_one[3][2]  # no article, a problem


def test_worker_batch_uses_morphemes_tokenised_elsewhere_to_the_same_graph(folder: Path) -> None:
    path = folder / "b.txt"
    pieces = morphemes(read_article(path, None).analysis_text)
    assert _worker_batch([(path, None, pieces)]) == [_worker((path, None, None))]


def _garbage_left_by_extracting(articles: list) -> int:
    """How many objects the collector finds unreachable after a batch's extractions are dropped."""
    import gc

    from kg.extract.run import extract_articles

    extract_articles(articles)  # the first call fills the process's caches
    gc.collect()
    gc.disable()
    try:
        extractions = extract_articles(articles)
        assert all(not isinstance(e, Exception) and e.mentions for e in extractions)
        del extractions
        return gc.collect()
    finally:
        gc.enable()


def test_a_finished_batch_leaves_no_cyclic_garbage(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each doc is freed by reference counting alone (`kg.extract.run.release`): the collector,
    which `build_nlp` runs rarely, finds nothing; without the release it finds the whole docs."""
    import kg.extract.run as run

    articles = [read_article(folder / name, None) for name in ("a.txt", "b.txt")]
    assert _garbage_left_by_extracting(articles) == 0
    monkeypatch.setattr(run, "release", lambda doc: None)
    assert _garbage_left_by_extracting(articles) > 100


def _kill_child(tokenizer) -> None:
    tokenizer._warm.result(timeout=120)
    for process in list(tokenizer._pool._processes.values()):
        process.kill()
        process.join(timeout=10)


@pytest.mark.parametrize(("child", "workers"), [("alive", 2), ("dead", 2), ("alive", 3)])
def test_workers_fed_by_the_tokenizer_process_give_the_serial_results(folder: Path, child: str,
                                                                      workers: int) -> None:
    """Over two workers the tokenizer process reads and tokenises; workers without its morphemes
    (it died) load Kiwi and tokenise themselves, as more than two workers do: the same results,
    in input order, every way."""
    from kg.kiwi_process import KiwiProcess
    from kg.pipeline import iter_article_results

    jobs = [(folder / name, None) for name in ARTICLES] + [(folder / "missing.txt", None)]
    serial = list(iter_article_results(jobs, workers=1))
    with KiwiProcess() as tokenizer:
        if child == "dead":
            _kill_child(tokenizer)
        fed = list(iter_article_results(jobs, workers=workers, tokenizer=tokenizer))
        if workers > 2:
            assert tokenizer._pool is None  # closed: its core is the workers'
    assert fed == serial
    assert [name for name, *_ in fed] == [str(path) for path, _ in jobs]


@pytest.mark.parametrize("workers", [1, 2])
def test_results_as_nquads_are_the_quads_as_sent(folder: Path, workers: int) -> None:
    """A writer that bulk-loads (`store.add_graph_data`) gets each article's quads as N-Quads bytes,
    serially too: the same quads, problems and order as the parsed results."""
    import pyoxigraph as ox

    from kg.pipeline import iter_article_results

    jobs = [(folder / name, None) for name in ARTICLES] + [(folder / "missing.txt", None)]
    parsed = list(iter_article_results(jobs, workers=workers))
    sent = list(iter_article_results(jobs, workers=workers, as_nquads=True))
    assert [(n, p, d) for n, _q, p, d in sent] == [(n, p, d) for n, _q, p, d in parsed]
    for (_n, data, *_), (_m, quads, *_) in zip(sent, parsed, strict=True):
        assert (data is None) == (quads is None)
        if data is not None:
            assert isinstance(data, bytes) and data.endswith(b"\n")
            assert list(ox.parse(data, format=ox.RdfFormat.N_QUADS)) == quads


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked where fork exists")
def test_workers_fed_by_the_tokenizer_run_below_its_priority() -> None:
    """The tokenizer process must get a core whenever it has work, or the workers wait for it."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from kg.pipeline import WORKER_NICENESS, _yield_to_tokenizer

    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(1, mp_context=context, initializer=_yield_to_tokenizer) as pool:
        assert pool.submit(os.nice, 0).result() == min(os.nice(0) + WORKER_NICENESS, 19)
