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


def test_incremental_update_with_nothing_changed_extracts_nothing(tmp_path):
    store = tmp_path / "store"
    build_graph_file([SEEDS], store)
    again = build_graph_file([SEEDS], store, update=True)
    assert (again.articles, again.unchanged, again.removed) == (0, 5, 0)
