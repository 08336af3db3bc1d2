"""`kg build DIR -o STORE --update`: only new or changed articles are re-extracted; the result equals a full build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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
    full_report = build_graph_file([articles], full)
    assert _dump(store) == _dump(full)
    # the count the update derived from what it changed is the count of the store
    assert update.quads == full_report.quads == len(ox.Store.read_only(str(store)))
    # the merged view the queries read stays exactly the union of the article graphs
    default, named = _merged_view(store)
    assert default == named == _merged_view(full)[0]


def test_incremental_update_with_nothing_changed_extracts_nothing(tmp_path):
    store = tmp_path / "store"
    build_graph_file([SEEDS], store)
    again = build_graph_file([SEEDS], store, update=True)
    assert (again.articles, again.unchanged, again.removed) == (0, 5, 0)


def test_incremental_update_with_nothing_changed_keeps_the_store_and_its_count(tmp_path, monkeypatch):
    """An update that writes and removes no graph leaves the background knowledge and statistics as
    they are and reports the quad count the build recorded, instead of reading every quad again."""
    import kg.pipeline as pipeline

    store = tmp_path / "store"
    first = build_graph_file([SEEDS], store)
    before = _dump(store)
    assert pipeline.read_build_file(store)[1].quads == first.quads

    def must_not_run(*_args, **_kwargs):
        raise AssertionError("recomputed for an update that changed nothing")

    monkeypatch.setattr(pipeline, "class_counts", must_not_run)
    monkeypatch.setattr(pipeline, "kb_closure", must_not_run)
    again = build_graph_file([SEEDS], store, update=True)
    assert (again.articles, again.unchanged, again.removed, again.quads) == (0, 5, 0, first.quads)
    assert _dump(store) == before
    assert pipeline.read_build_file(store)[1].quads == first.quads


def test_incremental_update_moves_the_recorded_counts_instead_of_counting_again(tmp_path, monkeypatch):
    """One changed article and one removed: the class counts and the quad count follow from what the
    update touched, and equal a full build's (statistics graph included)."""
    import kg.pipeline as pipeline

    articles = tmp_path / "articles"
    articles.mkdir()
    names = sorted(p.name for p in SEEDS.glob("*.txt"))
    for name in names:
        shutil.copy(SEEDS / name, articles / name)
    store = tmp_path / "store"
    build_graph_file([articles], store)
    # a new company, its model and its chief executive: new typed things in the merged view; and an article fewer
    (articles / names[0]).write_text("한빛로보틱스, 새 언어모델 공개\n\n한빛로보틱스는 3일 새 언어모델 '누리-2'를 "
                                     "공개했다. 김도윤 한빛로보틱스 대표는 \"누리-2는 한국어에 강하다\"고 말했다.\n",
                                     encoding="utf-8")
    (articles / names[1]).unlink()

    def must_not_run(*_args, **_kwargs):
        raise AssertionError("counted the whole store again")

    monkeypatch.setattr(pipeline, "class_counts", must_not_run)
    update = build_graph_file([articles], store, update=True)
    assert (update.articles, update.removed) == (1, 1)
    monkeypatch.undo()
    full = tmp_path / "full"
    full_report = build_graph_file([articles], full)
    assert _dump(store) == _dump(full)
    assert update.quads == full_report.quads == len(ox.Store.read_only(str(store)))
    assert pipeline.read_build_file(store)[1] == pipeline.read_build_file(full)[1]


def test_incremental_update_counts_the_quads_again_when_the_record_has_no_count(tmp_path):
    """A store whose record predates the count (or was edited) gets its quads counted, not a guess."""
    import json

    import kg.pipeline as pipeline

    store = tmp_path / "store"
    first = build_graph_file([SEEDS], store)
    record = store / pipeline.BUILD_RECORDS
    body = json.loads(record.read_text(encoding="utf-8"))
    del body["quads"]
    record.write_text(json.dumps(body), encoding="utf-8")
    again = build_graph_file([SEEDS], store, update=True)
    assert again.quads == first.quads == len(ox.Store.read_only(str(store)))
    assert pipeline.read_build_file(store)[1].quads == first.quads


def test_incremental_update_with_nothing_new_does_not_load_the_extraction(tmp_path):
    """No article to extract: `kg build --update` never imports spaCy and the extraction code (~0.7 s)."""
    store = tmp_path / "store"
    build_graph_file([SEEDS], store)
    probe = (
        "import sys\n"
        "from kg.cli import main\n"
        f"code = main(['build', {str(SEEDS)!r}, '-o', {str(store)!r}, '--update', '--quiet'])\n"
        "print(code, sorted(m for m in ('spacy', 'kg.extract.run', 'kg.nlp') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300)
    assert done.stdout.split(None, 1) == ["0", "[]\n"], done.stdout + done.stderr


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

    def failing(*_args, **_kwargs):
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


def _three_articles(tmp_path: Path) -> tuple[Path, list[str]]:
    articles = tmp_path / "articles"
    articles.mkdir()
    names = sorted(p.name for p in SEEDS.glob("*.txt"))[:3]
    for name in names:
        shutil.copy(SEEDS / name, articles / name)
    return articles, names


def _full_build(articles: Path, tmp_path: Path) -> bytes:
    full = tmp_path / "full"
    shutil.rmtree(full, ignore_errors=True)
    build_graph_file([articles], full)
    return _dump(full)


def test_incremental_metadata_change_rebuilds_the_articles_it_affects(tmp_path):
    """metadata.json added, then changed, then removed: each --update equals a full build, quad for quad."""
    import json

    articles, names = _three_articles(tmp_path)
    store = tmp_path / "store"
    build_graph_file([articles], store)
    before = _dump(store)

    meta = {names[1]: {"headline": "메타데이터가 정한 제목", "published": "2024-03", "publisher": "테스트일보"}}
    (articles / "metadata.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    update = build_graph_file([articles], store, update=True)
    assert (update.articles, update.unchanged, update.removed) == (1, 2, 0)
    assert _dump(store) == _full_build(articles, tmp_path) != before

    meta[names[1]]["published"] = "2024-03-05"  # the same entry, one value changed
    meta[names[2]] = {"url": None}  # an entry that says nothing still is one
    (articles / "metadata.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    update = build_graph_file([articles], store, update=True)
    assert (update.articles, update.unchanged) == (2, 1)
    assert _dump(store) == _full_build(articles, tmp_path)

    (articles / "metadata.json").unlink()
    update = build_graph_file([articles], store, update=True)
    assert (update.articles, update.unchanged) == (2, 1)
    assert _dump(store) == _full_build(articles, tmp_path) == before


def test_incremental_resources_change_rebuilds_every_article(tmp_path, monkeypatch):
    """A new knowledge base, lexicon, ontology or extraction code (its fingerprint) rebuilds everything."""
    import kg.pipeline as pipeline

    articles, _ = _three_articles(tmp_path)
    store = tmp_path / "store"
    build_graph_file([articles], store)
    monkeypatch.setattr(pipeline, "resources_fingerprint", lambda: "another knowledge base")
    update = build_graph_file([articles], store, update=True)
    assert (update.articles, update.unchanged) == (3, 0)
    assert _dump(store) == _full_build(articles, tmp_path)
    again = build_graph_file([articles], store, update=True)
    assert (again.articles, again.unchanged) == (0, 3)


def test_incremental_store_without_a_build_record_rebuilds_every_article(tmp_path):
    """A store written before the records (or with a broken one) cannot tell what it was built from."""
    from kg.pipeline import BUILD_RECORDS

    articles, _ = _three_articles(tmp_path)
    store = tmp_path / "store"
    build_graph_file([articles], store)
    (store / BUILD_RECORDS).unlink()
    assert build_graph_file([articles], store, update=True).articles == 3
    (store / BUILD_RECORDS).write_text("{not json", encoding="utf-8")
    assert build_graph_file([articles], store, update=True).articles == 3
    assert build_graph_file([articles], store, update=True).articles == 0
    assert _dump(store) == _full_build(articles, tmp_path)


def test_incremental_fingerprint_covers_resources_and_ontology(tmp_path, monkeypatch):
    import kg.pipeline as pipeline

    kb = tmp_path / "resources" / "kb"
    kb.mkdir(parents=True)
    (kb / "models.jsonl").write_text('{"id": "nova"}\n', encoding="utf-8")
    ontology = tmp_path / "aikg.ttl"
    ontology.write_text("@prefix aikg: <https://w3id.org/aikg/ontology#> .\n", encoding="utf-8")
    monkeypatch.setattr(pipeline, "FINGERPRINTED", (tmp_path / "resources", ontology))
    fingerprint = pipeline.resources_fingerprint.__wrapped__
    first = fingerprint()
    assert fingerprint() == first
    (kb / "models.jsonl").write_text('{"id": "nova-2"}\n', encoding="utf-8")
    second = fingerprint()
    ontology.write_text("# changed\n", encoding="utf-8")
    third = fingerprint()
    (kb / "people.jsonl").write_text("", encoding="utf-8")  # a new file, even empty
    assert len({first, second, third, fingerprint()}) == 4
    assert pipeline.resources_fingerprint() == pipeline.resources_fingerprint()  # the real one, cached


def _aged_copies(folder: Path, names: list[str], age_s: int = 3600) -> None:
    folder.mkdir()
    for name in names:
        shutil.copy(SEEDS / name, folder / name)
        past = (folder / name).stat().st_mtime - age_s
        os.utime(folder / name, (past, past))


def _counting_content_hash(monkeypatch) -> list[str]:
    import kg.pipeline

    calls: list[str] = []
    real = kg.pipeline.content_hash

    def counting(path, *args, **kwargs):
        calls.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(kg.pipeline, "content_hash", counting)
    return calls


def _built_from_aged_copies(tmp_path: Path, n: int) -> tuple[list[str], Path, Path]:
    """(names, article folder, store): `n` seed articles last modified an hour ago, built into a store."""
    names = sorted(p.name for p in SEEDS.glob("*.txt"))[:n]
    articles = tmp_path / "articles"
    _aged_copies(articles, names)
    store = tmp_path / "store"
    build_graph_file([articles], store)
    return names, articles, store


def test_incremental_update_does_not_read_files_whose_size_and_time_are_as_recorded(tmp_path, monkeypatch):
    _names, articles, store = _built_from_aged_copies(tmp_path, 3)
    calls = _counting_content_hash(monkeypatch)
    again = build_graph_file([articles], store, update=True)
    assert (again.articles, again.unchanged) == (0, 3)
    assert calls == []


def test_incremental_update_rereads_a_file_whose_time_changed_even_at_the_same_size(tmp_path, monkeypatch):
    names, articles, store = _built_from_aged_copies(tmp_path, 2)
    target = articles / names[0]
    text = target.read_text(encoding="utf-8")
    swapped = text.replace("다.", "다!", 1)  # same length in bytes, other content
    assert swapped != text and len(swapped.encode()) == len(text.encode())
    mtime = target.stat().st_mtime
    target.write_text(swapped, encoding="utf-8")
    os.utime(target, (mtime + 1, mtime + 1))
    calls = _counting_content_hash(monkeypatch)
    again = build_graph_file([articles], store, update=True)
    assert (again.articles, again.unchanged) == (1, 1)
    assert calls == [names[0]]


def test_incremental_update_rereads_files_changed_just_before_they_were_recorded(tmp_path, monkeypatch):
    """A clock tick may hide a second change: a file whose time is that close to its record is hashed again."""
    names = sorted(p.name for p in SEEDS.glob("*.txt"))[:2]
    articles = tmp_path / "articles"
    articles.mkdir()
    for name in names:
        shutil.copy(SEEDS / name, articles / name)  # modified now, as the build looks at them
    store = tmp_path / "store"
    build_graph_file([articles], store)
    calls = _counting_content_hash(monkeypatch)
    again = build_graph_file([articles], store, update=True)
    assert (again.articles, again.unchanged) == (0, 2)
    assert sorted(calls) == names
