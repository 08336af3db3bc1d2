"""A `.txt` that is no article (kg.errors.NotAnArticle, e.g. a urls.txt list of links) is ignored, not a failure."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.pipeline as pipeline
from kg import cli
from kg.errors import NotAnArticle
from kg.graph.store import open_store, serialize_sorted

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
URLS = "".join(f"https://news.example/ai/{i}\n" for i in range(12))
PROBLEM = "not an article (a list of 12 links, no prose)"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """One seed article and a urls.txt beside it."""
    articles = tmp_path / "articles"
    articles.mkdir()
    first = sorted(SEEDS.glob("*.txt"))[0]
    shutil.copy(first, articles / first.name)
    (articles / "urls.txt").write_text(URLS, encoding="utf-8")
    return articles


@pytest.fixture
def urls_are_not_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ingest's verdict on urls.txt, as the lead's ingest will give it (other files are read as usual)."""
    real = pipeline.read_article

    def read_article(path: Path, metadata: dict | None = None):
        if Path(path).name == "urls.txt":
            raise NotAnArticle(path, PROBLEM)
        return real(path, metadata)

    monkeypatch.setattr(pipeline, "read_article", read_article)


def files_in(graph: Path) -> set[str]:
    rows = open_store(graph).query("SELECT ?f WHERE { ?a <https://w3id.org/aikg/ontology#file> ?f }")
    return {row["f"].value for row in rows}


def test_build_ignored_file_is_one_line_and_no_failure(folder: Path, tmp_path: Path, urls_are_not_articles,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "g.trig"
    assert cli.main(["build", str(folder), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [f"kg build: ignored {folder / 'urls.txt'}: {PROBLEM}"]
    assert "built 1 article(s)" in captured.out and "1 ignored" in captured.out and "skipped" not in captured.out
    assert files_in(out) == {sorted(SEEDS.glob("*.txt"))[0].name}


def test_build_ignored_file_quiet_says_nothing(folder: Path, tmp_path: Path, urls_are_not_articles,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["build", str(folder), "-o", str(tmp_path / "g.nt"), "--quiet"]) == 0
    assert capsys.readouterr() == ("", "")


def test_build_only_ignored_files_is_nothing_built(folder: Path, tmp_path: Path, urls_are_not_articles,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    for article in folder.glob("*.txt"):
        if article.name != "urls.txt":
            article.unlink()
    assert cli.main(["build", str(folder), "-o", str(tmp_path / "g.nt")]) == 2
    assert "ignored" in capsys.readouterr().err


def test_build_ignored_file_with_a_bad_article_still_counts_the_bad_one(folder: Path, tmp_path: Path,
                                                                        urls_are_not_articles,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "empty.txt").write_bytes(b"")
    assert cli.main(["build", str(folder), "-o", str(tmp_path / "g.nt")]) == 1
    err = capsys.readouterr().err
    assert "ignored" in err and "skipped" in err and "empty.txt" in err


def test_build_ignored_file_once_built_leaves_the_store_on_update(folder: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A store built when urls.txt passed for an article: the update that knows better drops its graph."""
    (folder / "urls.txt").write_text("오픈AI는 새 모델을 공개했다고 밝혔다.\n" + URLS, encoding="utf-8")
    store = tmp_path / "store"
    pipeline.build_graph_file([folder], store)
    assert "urls.txt" in files_in(store)

    real = pipeline.read_article

    def read_article(path: Path, metadata: dict | None = None):
        if Path(path).name == "urls.txt":
            raise NotAnArticle(path, PROBLEM)
        return real(path, metadata)

    monkeypatch.setattr(pipeline, "read_article", read_article)
    monkeypatch.setattr(pipeline, "resources_fingerprint", lambda: "the ingest that knows lists of links")
    update = pipeline.build_graph_file([folder], store, update=True)
    assert (update.articles, update.ignored, update.skipped) == (1, [(str(folder / "urls.txt"), PROBLEM)], [])
    assert "urls.txt" not in files_in(store)
    full = tmp_path / "full"
    pipeline.build_graph_file([folder], full)
    dump = [serialize_sorted(ox.Store.read_only(str(s)), ox.RdfFormat.N_QUADS) for s in (store, full)]
    assert dump[0] == dump[1]


def test_build_ignored_problem_survives_the_trip_to_a_worker_process() -> None:
    problem = pickle.loads(pickle.dumps(pipeline.Ignored(PROBLEM)))
    assert isinstance(problem, pipeline.Ignored) and problem == PROBLEM
