"""`kg build DIR -o STORE --update`: only new or changed articles are re-extracted; the result equals a full build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox

from kg.graph.store import serialize_sorted
from kg.pipeline import build_graph_file

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _dump(path: Path) -> bytes:
    store = ox.Store.read_only(str(path))
    return serialize_sorted(store, ox.RdfFormat.N_QUADS)


def _merged_view(path: Path) -> tuple[set[ox.Triple], set[ox.Triple]]:
    """(the default graph, the union of the named graphs) of a store folder."""
    store = ox.Store.read_only(str(path))
    default = {q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    named = {q.triple for g in store.named_graphs() for q in store.quads_for_pattern(None, None, None, g)}
    return default, named


def test_incremental_update_equals_full_rebuild(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    names = sorted(p.name for p in SEEDS.glob("*.txt"))
    for name in names[:3]:
        shutil.copy(SEEDS / name, articles / name)
    store = tmp_path / "store"
    first = build_graph_file([articles], store)
    assert first.articles == 3

    # change one article, delete one, add one
    changed = articles / names[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n엔비디아 주가는 이날 6% 하락했다고 밝혔다.\n",
                       encoding="utf-8")
    (articles / names[1]).unlink()
    shutil.copy(SEEDS / names[3], articles / names[3])

    update = build_graph_file([articles], store, update=True)
    assert (update.articles, update.unchanged, update.removed) == (2, 1, 1)

    full = tmp_path / "full"
    build_graph_file([articles], full)
    assert _dump(store) == _dump(full)
    # the merged view the queries read stays exactly the union of the article graphs
    default, named = _merged_view(store)
    assert default == named == _merged_view(full)[0]


def test_incremental_update_with_nothing_changed_extracts_nothing(tmp_path):
    store = tmp_path / "store"
    build_graph_file([SEEDS], store)
    again = build_graph_file([SEEDS], store, update=True)
    assert (again.articles, again.unchanged, again.removed) == (0, 5, 0)


def test_incremental_a_failing_update_leaves_the_store_as_it_was(tmp_path, monkeypatch):
    import pytest

    import kg.pipeline as pipeline

    articles = tmp_path / "articles"
    articles.mkdir()
    for path in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(path, articles / path.name)
    store = tmp_path / "store"
    build_graph_file([articles], store)
    before = _dump(store)
    shutil.copy(sorted(SEEDS.glob("*.txt"))[2], articles / "new.txt")
    (articles / sorted(SEEDS.glob("*.txt"))[0].name).unlink()

    def failing(todo, workers=1, cluster=None):
        raise RuntimeError("disk full half-way")
        yield  # pragma: no cover

    monkeypatch.setattr(pipeline, "iter_article_results", failing)
    with pytest.raises(RuntimeError):
        build_graph_file([articles], store, update=True)
    assert _dump(store) == before
    assert not list(tmp_path.glob(".store.*"))  # no working copy left behind


def test_incremental_refuses_to_replace_a_folder_that_is_not_a_store(tmp_path):
    import pytest

    from kg.errors import UserError

    folder = tmp_path / "mydocs"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(UserError, match="not an aikg store"):
        build_graph_file([SEEDS], folder)
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_store_built_by_two_workers_equals_one_worker_with_its_merged_view(tmp_path):
    """Workers hand the writer serialised graphs (loaded in bulk by Oxigraph); the store is the same."""
    one, two = tmp_path / "one", tmp_path / "two"
    build_graph_file([SEEDS], one, workers=1)
    build_graph_file([SEEDS], two, workers=2)
    quads_one = sorted(map(str, ox.Store.read_only(str(one))))
    assert quads_one == sorted(map(str, ox.Store.read_only(str(two))))
    default, named = _merged_view(two)
    assert default == named
