"""The tokenizer process of a one-worker build (kg/kiwi_process.py): same morphemes, in order, and a clean exit."""

from __future__ import annotations

import subprocess
import sys
import threading

from kg.kiwi import morphemes
from kg.kiwi_process import KiwiProcess, unpack

TEXTS = [
    "한빛랩스는 지난달 매개변수 700억 개의 새 모델 '누리-3'을 공개했다.",
    None,  # an item without text: the caller tokenises it (or reports it) itself
    "박서윤 대표는 \"학습 비용은 120억 원이 들었다\"고 밝혔다.\n둘째 줄도 읽는다.",
    "",
]


def _manager_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if type(t).__name__ == "_ExecutorManagerThread" and t.is_alive()]


def test_kiwi_process_gives_the_morphemes_of_this_process_in_input_order() -> None:
    with KiwiProcess() as tokenizer:
        got = list(tokenizer.ahead(enumerate(TEXTS), lambda item: item[1]))
    assert [item for item, _ in got] == list(enumerate(TEXTS))
    for (_, text), pieces in got:
        assert pieces == (None if text is None else morphemes(text))


def test_kiwi_process_close_waits_for_the_pools_thread_even_while_kiwi_loads() -> None:
    # a thread left running may close its wake-up pipe while the exit hook writes to it
    for _ in range(3):
        KiwiProcess().close()
        assert _manager_threads() == []


def test_kiwi_process_closed_unused_exits_without_a_traceback() -> None:
    program = "from kg.kiwi_process import KiwiProcess\nfor _ in range(5):\n    KiwiProcess().close()\n"
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_kiwi_process_whose_child_dies_hands_every_item_back_untokenised() -> None:
    tokenizer = KiwiProcess()
    tokenizer._warm.result(timeout=120)
    for process in list(tokenizer._pool._processes.values()):
        process.kill()
        process.join(timeout=10)
    got = list(tokenizer.ahead(enumerate(TEXTS), lambda item: item[1]))
    assert [item for item, _ in got] == list(enumerate(TEXTS))
    assert all(pieces is None for _, pieces in got)  # the caller tokenises them itself
    assert _manager_threads() == []
    tokenizer.close()  # a second close is harmless


def _articles(folder, texts):
    paths = []
    for i, text in enumerate(texts):
        path = folder / f"{i}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def read_article_text(path) -> str:
    from kg.ingest import read_article

    return read_article(path, None).analysis_text


def test_kiwi_process_reads_and_tokenises_batches_of_files_in_order(tmp_path) -> None:
    texts = [t for t in TEXTS if t] + [""]  # the empty file is no article: None, its worker reports it
    paths = _articles(tmp_path, texts)
    batches = [[(paths[0], None), (paths[1], None)], [(paths[2], None), (tmp_path / "missing.txt", None)]]
    with KiwiProcess() as tokenizer:
        got = list(tokenizer.files_ahead(iter(batches)))
    assert [batch for batch, _ in got] == batches
    packed = [pieces for _, batch_pieces in got for pieces in batch_pieces]
    assert all(isinstance(p, bytes) for p in packed[:2])  # passed on to the workers without unpickling
    assert [unpack(p) for p in packed] == [morphemes(read_article_text(paths[0])),
                                           morphemes(read_article_text(paths[1])), None, None]


def test_kiwi_process_whose_child_dies_hands_every_batch_back_untokenised(tmp_path) -> None:
    paths = _articles(tmp_path, [TEXTS[0], TEXTS[2]])
    tokenizer = KiwiProcess()
    tokenizer._warm.result(timeout=120)
    for process in list(tokenizer._pool._processes.values()):
        process.kill()
        process.join(timeout=10)
    batches = [[(paths[0], None)], [(paths[1], None), (paths[0], None)]]
    got = list(tokenizer.files_ahead(batches))
    assert got == [(batches[0], [None]), (batches[1], [None, None])]  # the workers tokenise them themselves
    assert _manager_threads() == []


def test_unpack_leaves_unpacked_morphemes_and_none_alone() -> None:
    pieces = morphemes(TEXTS[0])
    assert unpack(pieces) is pieces and unpack(None) is None
