"""Reliability (issue 8): bad input is named and skipped, interrupted builds lose nothing, output is deterministic.

Every bad file is generated here (no committed binaries). End-to-end checks run the real command
line, `python -m kg.cli build DIR -o OUT`, as a subprocess; the exit code of `kg build` is 0 when
every article was built, 1 when some were skipped (each named on stderr with its problem) and 2
when nothing was built or the command was wrong.
"""

from __future__ import annotations

import gc
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.ingest
from kg.errors import IngestError
from kg.graph.store import rdf_format_for
from kg.ingest import find_article_files, load_metadata, read_article

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
AIKG = "https://w3id.org/aikg/ontology#"
SCHEMA = "https://schema.org/"

# A short article that every legacy encoding can hold (KS X 1001 Hangul only).
ARTICLE = (
    "2025. 2. 1.\n"
    "딥시크, 새 AI 모델 공개\n"
    "중국 인공지능 기업 딥시크는 1일 새로운 대형언어모델 V3를 공개했다고 밝혔다.\n"
    "이 모델의 매개변수는 6710억 개이며 훈련 비용은 560만 달러라고 회사 측은 설명했다.\n"
    "알리바바는 향후 3년간 3800억 위안을 AI 인프라에 투자할 계획이라고 밝혔다.\n"
)
HEADLINE = "딥시크, 새 AI 모델 공개"


def kg_cli(*args: object, timeout: float = 600, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Run `python -m kg.cli ARGS` and capture its output."""
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *map(str, args)],
        capture_output=True, text=True, timeout=timeout, cwd=ROOT, **kwargs,  # type: ignore[arg-type]
    )


def graph_articles(path: Path) -> dict[str, str | None]:
    """file name -> headline of every Article in a built graph file."""
    store = ox.Store()
    store.load(path=str(path), format=rdf_format_for(path))
    rows = store.query(
        f"SELECT ?f ?h WHERE {{ ?a <{AIKG}file> ?f OPTIONAL {{ ?a <{SCHEMA}headline> ?h }} }}",
        use_default_graph_as_union=True,
    )
    return {row["f"].value: (row["h"].value if row["h"] is not None else None) for row in rows}


def skipped_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("kg build: skipped ")]


# ------------------------------------------------------------------ 1. the bad-input suite
def _write_suite(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Write good and bad articles; return ({file: expected problem}, {file: expected headline})."""
    folder.mkdir()
    seed = (SEEDS / "004_01ed2f5323a57a61.txt").read_bytes()
    bad: dict[str, str] = {}
    good: dict[str, str] = {}

    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    good["good.txt"] = HEADLINE
    for name, encoding in (("cp949.txt", "cp949"), ("euckr.txt", "euc-kr"), ("utf16_bom.txt", "utf-16"),
                           ("utf16be_bom.txt", "utf-16-be"), ("utf8_bom.txt", "utf-8-sig")):
        data = ARTICLE.encode(encoding)
        if encoding == "utf-16-be":
            data = b"\xfe\xff" + data
        (folder / name).write_bytes(data)
        good[name] = HEADLINE
    html = ("<!DOCTYPE html><html><head><title>사이트</title><style>p { color: red }</style>"
            "<script>document.write('<p>광고</p>')</script></head><body><nav>메뉴</nav>"
            + "".join(f"<p>{line}</p>" for line in ARTICLE.splitlines())
            + "<!-- 주석 --></body></html>")
    (folder / "html_page.txt").write_text(html, encoding="utf-8")  # one line, as scrapers save it
    good["html_page.txt"] = HEADLINE
    controls = ARTICLE.replace("딥시크는", "딥시크는\x01\x1b[0m").replace("밝혔다.", "밝혔다.\x7f\u202e\u200b")
    (folder / "control_chars.txt").write_text(controls, encoding="utf-8")
    good["control_chars.txt"] = HEADLINE

    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 64)
    bad["binary.txt"] = "binary file"
    (folder / "nul_bytes.txt").write_bytes(seed[:600] + b"\x00" + seed[600:])
    bad["nul_bytes.txt"] = "binary file"
    (folder / "control_blob.txt").write_bytes(bytes(range(1, 32)) * 200)
    bad["control_blob.txt"] = "binary file"
    cut = ARTICLE.encode("utf-8")
    (folder / "truncated_end.txt").write_bytes(cut[: cut.index("밝혔다".encode()) + 2])
    bad["truncated_end.txt"] = "truncated multibyte sequence"
    middle = cut.index("모델".encode()) + 1
    (folder / "truncated_middle.txt").write_bytes(cut[:middle] + cut[middle + 1 :])
    bad["truncated_middle.txt"] = "truncated multibyte sequence"
    (folder / "empty.txt").write_bytes(b"")
    bad["empty.txt"] = "empty"
    (folder / "whitespace.txt").write_bytes(b" \t\r\n  \n")
    (folder / "unicode_spaces.txt").write_text("\u3000 \u00a0\n\u2003\n", encoding="utf-8")
    bad["unicode_spaces.txt"] = "empty"
    bad["whitespace.txt"] = "empty"
    (folder / "markup_only.txt").write_text("<html><body><div> </div><br></body></html>\n", encoding="utf-8")
    bad["markup_only.txt"] = "empty"
    with open(folder / "huge_20mb.txt", "wb") as fh:
        block = ARTICLE.encode("utf-8") * 1000
        while fh.tell() < 20 * 2**20:
            fh.write(block)
    bad["huge_20mb.txt"] = "too large"

    (folder / "loop_a.txt").symlink_to("loop_b.txt")
    (folder / "loop_b.txt").symlink_to("loop_a.txt")
    bad["loop_a.txt"] = bad["loop_b.txt"] = "symbolic link loop"
    (folder / "dangling.txt").symlink_to(folder / "no-such-target.txt")
    bad["dangling.txt"] = "broken symbolic link"
    if Path("/dev/zero").exists():
        (folder / "dev_zero.txt").symlink_to("/dev/zero")
        bad["dev_zero.txt"] = "character device"
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "fifo.txt")
        bad["fifo.txt"] = "named pipe"
    sub = folder / "sub"
    sub.mkdir()
    (sub / "nested.txt").write_text(ARTICLE.replace("딥시크, 새", "딥시크, 또 새"), encoding="utf-8")
    good["nested.txt"] = "딥시크, 또 새 AI 모델 공개"
    (sub / "up").symlink_to("..", target_is_directory=True)  # a folder loop
    return bad, good


@pytest.fixture(scope="module")
def bad_suite(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path, dict, dict]:
    """`kg build` once over the whole suite (a FIFO or /dev/zero would hang or fill memory if read)."""
    base = tmp_path_factory.mktemp("bad_input")
    folder = base / "articles"
    bad, good = _write_suite(folder)
    out = base / "graph.nq"
    done = kg_cli("build", folder, "-o", out, timeout=300)
    return done, out, bad, good


def test_bad_input_exit_code_says_some_articles_were_skipped(bad_suite) -> None:
    done, out, _bad, _good = bad_suite
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert out.is_file()


def test_bad_input_each_bad_file_gets_one_line_naming_it_and_the_problem(bad_suite) -> None:
    done, _out, bad, _good = bad_suite
    lines = skipped_lines(done.stderr)
    for name, problem in bad.items():
        mine = [line for line in lines if re.search(rf"[/\\]{re.escape(name)}: ", line)]
        assert len(mine) == 1, f"{name}: {lines}"
        assert problem in mine[0], mine[0]
    assert len(lines) == len(bad), lines
    assert f"{len(bad)} skipped" in done.stdout


def test_bad_input_every_other_article_is_built_and_decoded_correctly(bad_suite) -> None:
    done, out, _bad, good = bad_suite
    built = graph_articles(out)
    assert built == good
    assert f"built {len(good)} article(s)" in done.stdout


def test_bad_input_legacy_encodings_are_read_as_the_same_text(tmp_path: Path) -> None:
    for encoding in ("cp949", "euc-kr", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(ARTICLE.encode(encoding))
        article = read_article(path)
        assert article.text == ARTICLE, encoding
        with open(path, encoding=article.encoding, newline="") as fh:  # offsets refer to this text
            assert fh.read() == article.text


def test_bad_input_nothing_built_exits_2(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    done = kg_cli("build", tmp_path, "-o", tmp_path / "g.nq")
    assert done.returncode == 2, done.stderr
    assert len(skipped_lines(done.stderr)) == 2
    assert "Traceback" not in done.stderr
    empty_dir = tmp_path / "no_articles"
    empty_dir.mkdir()
    (empty_dir / "notes.md").write_text("x", encoding="utf-8")
    done = kg_cli("build", empty_dir, "-o", tmp_path / "h.nq")
    assert done.returncode == 2
    assert "no *.txt articles" in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_bad_input_two_files_of_one_name_are_not_merged_into_one_article(tmp_path: Path) -> None:
    """2025/01/brief.txt and 2025/02/brief.txt: one IRI (id/article/brief), so the second is skipped by name."""
    january, february = tmp_path / "2025" / "01", tmp_path / "2025" / "02"
    january.mkdir(parents=True)
    february.mkdir(parents=True)
    (january / "brief.txt").write_text(ARTICLE, encoding="utf-8")
    (february / "brief.txt").write_text(
        "2025. 2. 3.\n한빛전자, 추론용 AI 칩 발표\n한빛전자는 3일 추론용 AI 칩 '누리-2'를 발표했다.\n",
        encoding="utf-8")
    out = tmp_path / "g.nq"
    done = kg_cli("build", tmp_path / "2025", "-o", out)
    assert done.returncode == 1, done.stderr
    [line] = skipped_lines(done.stderr)
    assert str(february / "brief.txt") in line and str(january / "brief.txt") in line and "rename" in line
    assert graph_articles(out) == {"brief.txt": HEADLINE}
    # the same file given twice (its folder and its path) is one article, built once
    done = kg_cli("build", january, (january / "brief.txt").resolve(), "-o", out)
    assert done.returncode == 0 and not skipped_lines(done.stderr), done.stderr
    assert graph_articles(out) == {"brief.txt": HEADLINE}


@pytest.mark.slow
def test_bad_input_one_line_of_1mb_builds(tmp_path: Path) -> None:
    """A page saved as one 1 MB line of real text does not hang or crash; it builds."""
    body = " ".join(line for line in ARTICLE.splitlines()[2:])
    text = ""
    while len(text.encode("utf-8")) < 2**20:
        text += body + " "
    (tmp_path / "one_line.txt").write_text(text.strip() + "\n", encoding="utf-8")
    out = tmp_path / "g.nq"
    started = time.monotonic()
    done = kg_cli("build", tmp_path, "-o", out, timeout=900)
    assert done.returncode == 0, done.stderr
    assert graph_articles(out).keys() == {"one_line.txt"}
    assert time.monotonic() - started < 600


def test_bad_input_pathological_markup_and_lines_stay_linear(tmp_path: Path) -> None:
    """Unclosed <script>s, repeated furniture cues and 200 KB words used to take minutes (quadratic regexes)."""
    cases = {
        "scripts.txt": "<html>" + "<script>x" * 20000,
        "comments.txt": "<html>" + "<!--x" * 40000,
        "counters.txt": "댓글1건 " * 40000 + "\n" + ARTICLE,
        "titles.txt": "원제목: " * 40000 + "\n" + ARTICLE,
        "related.txt": "관련기사\n" + "a" * 200000 + "\n" + ARTICLE,
    }
    for name, text in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        started = time.monotonic()
        try:
            read_article(path)
        except IngestError:
            pass
        assert time.monotonic() - started < 3, name


def test_bad_input_file_that_vanishes_mid_run_is_skipped_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is listed, then deleted before it is read (as a scraper cleaning up would)."""
    from kg.pipeline import build_graph_file

    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(ARTICLE.replace("딥시크,", f"{name[0]}사,"), encoding="utf-8")
    real_open = kg.ingest._open_article

    def vanish_then_open(path: Path) -> int:
        if Path(path).name == "b.txt":
            Path(path).unlink()
        return real_open(path)

    monkeypatch.setattr(kg.ingest, "_open_article", vanish_then_open)
    report = build_graph_file([tmp_path], tmp_path / "g.nq")
    assert report.articles == 2
    assert report.skipped == [(str(tmp_path / "b.txt"), "file disappeared before it could be read")]
    assert report.exit_code == 1
    assert graph_articles(tmp_path / "g.nq").keys() == {"a.txt", "c.txt"}


def test_bad_input_unreadable_file_is_skipped_by_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod 000 does not stop root, so the refusal the kernel would give is simulated."""
    from kg.pipeline import build_graph_file

    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "locked.txt").write_text(ARTICLE, encoding="utf-8")
    real_open = kg.ingest._open_article

    def refuse(path: Path) -> int:
        if Path(path).name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path)

    monkeypatch.setattr(kg.ingest, "_open_article", refuse)
    report = build_graph_file([tmp_path], tmp_path / "g.nq")
    assert report.articles == 1
    assert report.skipped == [(str(tmp_path / "locked.txt"), "permission denied (cannot read the file)")]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads chmod 000 files")
def test_bad_input_chmod_000_file_is_skipped_by_name(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(IngestError, match="locked.txt: permission denied"):
            read_article(path)
    finally:
        path.chmod(0o644)


def test_bad_input_unlistable_folder_is_named_not_silently_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    real_list = kg.ingest._list_folder

    def refuse(folder: Path) -> list[Path]:
        if folder.name == "locked":
            raise PermissionError(13, "Permission denied", str(folder))
        return real_list(folder)

    monkeypatch.setattr(kg.ingest, "_list_folder", refuse)
    files = find_article_files([tmp_path])
    assert files == [tmp_path / "a.txt", locked]
    with pytest.raises(IngestError, match=r"locked: folder cannot be listed \(Permission denied\)"):
        read_article(locked)


def test_bad_input_hostile_metadata_is_reported_not_crashing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "metadata.json").write_text("[" * 100000 + "]" * 100000, encoding="utf-8")
    with pytest.raises(IngestError, match="unreadable metadata.json"):
        load_metadata(tmp_path)
    (tmp_path / "metadata.json").write_text(
        '{"a.txt": {"headline": ["not", "text"], "publisher": 7, "url": {"x": 1}, "published": [2025]}}',
        encoding="utf-8",
    )
    article = read_article(tmp_path / "a.txt", load_metadata(tmp_path)["a.txt"])
    assert article.headline == HEADLINE and article.publisher is None and article.url is None
    assert len(article.warnings) == 4
    (tmp_path / "metadata.json").unlink()
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "metadata.json")  # would block a plain read forever
        with pytest.raises(IngestError, match="named pipe"):
            load_metadata(tmp_path)


def test_bad_input_unexpected_extraction_error_skips_only_that_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug the extractor hits on one strange article must not crash the run (the contract: never crash)."""
    from kg.pipeline import build_graph_file

    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(ARTICLE.replace("딥시크,", f"{name[0]}사,"), encoding="utf-8")
    from kg.extract.run import build_nlp

    # a component fails on b only; a, b and c are extracted in one batch, each step over all three
    _name, component = build_nlp().pipeline[-1]
    real_call = type(component).__call__

    def crash_on_b(self, doc):
        if "b사" in doc.text:
            raise IndexError("simulated extractor bug")
        return real_call(self, doc)

    monkeypatch.setattr(type(component), "__call__", crash_on_b)
    report = build_graph_file([tmp_path], tmp_path / "g.nq")
    assert report.articles == 2
    assert [name for name, _problem in report.skipped] == [str(tmp_path / "b.txt")]
    assert "IndexError" in report.skipped[0][1] and "\n" not in report.skipped[0][1]


# ------------------------------------------------------------------ 2. nothing lost
def _copies(folder: Path, n: int) -> Path:
    """`n` seed articles under different names (the build takes a few seconds)."""
    folder.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(n):
        src = seeds[i % len(seeds)]
        shutil.copy(src, folder / f"copy{i:02d}_{src.name}")
    return folder


def _previous_output(tmp_path: Path, name: str) -> tuple[Path, bytes]:
    """An earlier graph at OUT, built from one article."""
    from kg.pipeline import build_graph_file

    one = tmp_path / "one"
    one.mkdir()
    (one / "one.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out" / name
    build_graph_file([one], out)
    return out, out.read_bytes()


def _assert_intact(out: Path, previous: bytes) -> None:
    assert out.read_bytes() == previous
    assert graph_articles(out).keys() == {"one.txt"}  # it parses, and it is the old graph


def _limit_file_size(limit: int) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def _run_with_file_size_limit(args: list[object], limit: int, die: bool) -> subprocess.CompletedProcess[str]:
    """`kg ARGS` where writing past `limit` bytes kills the process (SIGXFSZ) or fails (EFBIG)."""
    prologue = "import signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_DFL); " if die else "import sys; "
    code = prologue + "from kg.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, *map(str, args)],
        capture_output=True, text=True, timeout=600, cwd=ROOT, preexec_fn=_limit_file_size(limit),
    )


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_FSIZE"), reason="needs RLIMIT_FSIZE")
def test_build_killed_while_writing_keeps_the_previous_graph(tmp_path: Path) -> None:
    """The kernel kills `kg build` (SIGXFSZ) in the middle of writing the new graph, deterministically."""
    out, previous = _previous_output(tmp_path, "graph.nq")
    limit = 64 * 1024  # the seeds' graph is ~700 KB: the write is cut a tenth of the way in
    done = _run_with_file_size_limit(["build", SEEDS, "-o", out], limit, die=True)
    assert done.returncode == -signal.SIGXFSZ, done.stderr
    _assert_intact(out, previous)
    partial = [p for p in out.parent.iterdir() if p != out]
    assert partial and all(p.stat().st_size == limit for p in partial), "the kill was not mid-write"


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_FSIZE"), reason="needs RLIMIT_FSIZE")
def test_build_failing_while_writing_keeps_the_previous_graph_and_no_litter(tmp_path: Path) -> None:
    """A write error (disk full, quota: here EFBIG) leaves the old graph and removes the temporary file."""
    out, previous = _previous_output(tmp_path, "graph.ttl")
    done = _run_with_file_size_limit(["build", SEEDS, "-o", out], 64 * 1024, die=False)
    assert done.returncode != 0
    _assert_intact(out, previous)
    assert sorted(out.parent.iterdir()) == [out]


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_FSIZE"), reason="needs RLIMIT_FSIZE")
def test_build_write_error_is_one_line(tmp_path: Path) -> None:
    out, _previous = _previous_output(tmp_path, "graph.nt")
    done = _run_with_file_size_limit(["build", SEEDS, "-o", out], 64 * 1024, die=False)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and str(out.name) in done.stderr


@pytest.mark.slow
def test_build_sigkilled_after_it_started_writing_keeps_the_previous_graph(tmp_path: Path) -> None:
    """SIGKILL as soon as anything appears next to OUT or OUT itself changes (30 articles to extract)."""
    out, previous = _previous_output(tmp_path, "graph.nq")
    articles = _copies(tmp_path / "copies", 30)
    before = {p.name for p in out.parent.iterdir()}
    state = out.stat()
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(articles), "-o", str(out)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    seen_write = False
    try:
        deadline = time.monotonic() + 600
        while process.poll() is None and time.monotonic() < deadline:
            now = out.stat()
            if {p.name for p in out.parent.iterdir()} != before or (now.st_ino, now.st_size, now.st_mtime_ns) != (
                state.st_ino, state.st_size, state.st_mtime_ns
            ):
                process.send_signal(signal.SIGKILL)
                seen_write = True
                break
            time.sleep(0.0005)
    finally:
        if process.poll() is None and not seen_write:
            process.kill()
        process.wait()
        assert process.stderr is not None
        process.stderr.close()
    assert seen_write, "the build ended before it was seen writing"
    if process.returncode == 0:
        pytest.skip("the write finished between detection and the kill; nothing to check")
    assert process.returncode == -signal.SIGKILL
    _assert_intact(out, previous)


# ------------------------------------------------------------------ 2b. a store that fails half-way
def _store_quads(path: Path) -> list[str]:
    gc.collect()  # drop any handle the failed build left behind
    store = ox.Store.read_only(str(path))
    lines = ox.serialize(store, format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines()
    del store
    return sorted(lines)


def _store_with_four(tmp_path: Path) -> tuple[Path, Path, list[str]]:
    from kg.pipeline import build_graph_file

    articles = tmp_path / "articles"
    articles.mkdir()
    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        (articles / name).write_text(ARTICLE.replace("딥시크,", f"{name[0]}사,"), encoding="utf-8")
    store = tmp_path / "store"
    assert build_graph_file([articles], store).articles == 4
    gc.collect()
    return articles, store, _store_quads(store)


def _interrupt_when_reading(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Ctrl-C arrives while the build reads `name` (after it has handled the articles before it)."""
    real_open = kg.ingest._open_article

    def interrupt(path: Path) -> int:
        if Path(path).name == name:
            raise KeyboardInterrupt
        return real_open(path)

    monkeypatch.setattr(kg.ingest, "_open_article", interrupt)


def test_store_update_interrupted_half_way_leaves_the_store_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kg.pipeline import build_graph_file

    articles, store, before = _store_with_four(tmp_path)
    (articles / "a.txt").write_text(ARTICLE.replace("딥시크,", "에이사, 수정"), encoding="utf-8")
    (articles / "c.txt").write_text(ARTICLE.replace("딥시크,", "씨사, 수정"), encoding="utf-8")
    (articles / "d.txt").unlink()
    (articles / "e.txt").write_text(ARTICLE.replace("딥시크,", "이사,"), encoding="utf-8")
    _interrupt_when_reading(monkeypatch, "c.txt")  # a.txt is done by then
    with pytest.raises(KeyboardInterrupt):
        build_graph_file([articles], store, update=True)
    assert _store_quads(store) == before


def test_store_rebuild_interrupted_half_way_leaves_the_store_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kg.pipeline import build_graph_file

    articles, store, before = _store_with_four(tmp_path)
    _interrupt_when_reading(monkeypatch, "c.txt")
    with pytest.raises(KeyboardInterrupt):
        build_graph_file([articles], store)
    assert _store_quads(store) == before


def _update_under_way(tmp_path: Path, *extra: str) -> tuple[subprocess.Popen, Path, list]:
    """`kg build DIR -o STORE --update [extra]` of 60 new articles, 3 s into their extraction."""
    articles, store, before = _store_with_four(tmp_path)
    for i, src in enumerate(sorted(SEEDS.glob("*.txt")) * 12):
        shutil.copy(src, articles / f"new{i:02d}_{src.name}")
    process = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "build", str(articles), "-o", str(store), "--update", *extra],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, text=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if any(p.name.startswith(f".{store.name}.") for p in tmp_path.iterdir()):
            break  # its working copy exists: the run is under way
        time.sleep(0.01)
    time.sleep(3)  # into the extraction of the new articles (which takes 10-30 s)
    assert process.poll() is None, "the update finished before it could be stopped"
    return process, store, before


@pytest.mark.slow
def test_store_update_sigkilled_mid_run_leaves_the_store_as_before(tmp_path: Path) -> None:
    """SIGKILL `kg build DIR -o STORE --update` while it extracts 60 new articles."""
    process, store, before = _update_under_way(tmp_path)
    try:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
    assert process.returncode == -signal.SIGKILL
    assert _store_quads(store) == before


@pytest.mark.slow
def test_store_update_terminated_mid_run_leaves_the_store_and_no_work_copy(tmp_path: Path) -> None:
    """SIGTERM (`kill`, a job scheduler) stops `kg build --update --workers 2` as Ctrl-C does."""
    process, store, before = _update_under_way(tmp_path, "--workers", "2")
    try:
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
    assert process.returncode == 130 and "interrupted" in err
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(f".{store.name}.")]
    assert _store_quads(store) == before


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_store_update_does_not_hang_on_a_fifo_in_place_of_an_article(tmp_path: Path) -> None:
    articles, store, _before = _store_with_four(tmp_path)
    (articles / "b.txt").unlink()
    os.mkfifo(articles / "b.txt")
    done = kg_cli("build", articles, "-o", store, "--update", timeout=45)
    assert done.returncode == 1
    assert "b.txt: a named pipe" in done.stderr


# ------------------------------------------------------------------ 3. deterministic
@pytest.fixture(scope="module")
def seeds_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, bytes]]:
    """The seeds built by separate processes: different hash seeds, one and two workers."""
    base = tmp_path_factory.mktemp("determinism")
    runs = {
        "nq-1": ("g1.nq", "1", "1"),
        "nq-2": ("g2.nq", "2", "1"),
        "nq-workers2": ("g3.nq", "3", "2"),
        "ttl-1": ("g1.ttl", "4", "1"),
        "ttl-2": ("g2.ttl", "5", "2"),
    }
    results = {}
    for key, (name, hash_seed, workers) in runs.items():
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = kg_cli("build", SEEDS, "-o", base / name, "--workers", workers, env=env)
        results[key] = (done.returncode, (base / name).read_bytes() if done.returncode == 0 else b"")
    return results


@pytest.mark.slow
def test_deterministic_building_twice_gives_byte_identical_files(seeds_builds) -> None:
    assert {key: code for key, (code, _data) in seeds_builds.items()} == dict.fromkeys(seeds_builds, 0)
    assert seeds_builds["nq-1"][1] == seeds_builds["nq-2"][1]
    assert seeds_builds["ttl-1"][1] == seeds_builds["ttl-2"][1]
    assert len(seeds_builds["nq-1"][1]) > 100_000


@pytest.mark.slow
def test_deterministic_one_or_two_workers_give_the_same_graph(seeds_builds) -> None:
    assert seeds_builds["nq-workers2"][1] == seeds_builds["nq-1"][1]
