"""The store layer: open any graph form, swap article graphs atomically, save deterministically."""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import UserError
from kg.graph import store as st
from kg.graph.store import (
    article_hashes,
    create_store,
    dump,
    graph_names,
    load_file,
    open_store,
    remove_graph,
    replace_graph,
    serialize_sorted,
)

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini.trig"
A1 = "https://w3id.org/aikg/id/graph/a1"
A2 = "https://w3id.org/aikg/id/graph/a2"
KB = "https://w3id.org/aikg/id/graph/kb"
EX = "https://example.org/"
NASTY = 'quote " brace } backslash \\ \\u0022 newline \n tab \t NUL \x00 한글 😀 """'


def quads(store: ox.Store) -> set[ox.Quad]:
    return set(store)


def triples(store: ox.Store) -> set[ox.Triple]:
    return {q.triple for q in store}


def graph_triples(store: ox.Store, iri: str) -> set[ox.Triple]:
    return {q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(iri))}


def test_store_open_fixture_holds_kb_and_article_graphs() -> None:
    store = open_store(MINI)
    assert graph_names(store) == [A1, A2, KB]
    assert len(list(st.stored_quads(store))) == 314
    # the merged view: the default graph holds the union of the graphs, every triple once
    merged = {q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    assert merged == triples(store) and len(merged) == 312
    assert not st.reads_union(store)


@pytest.mark.parametrize("suffix", [".trig", ".nq", ".jsonld"])
def test_store_dataset_formats_round_trip_every_quad(tmp_path: Path, suffix: str) -> None:
    store = open_store(MINI)
    out = dump(store, tmp_path / f"graph{suffix}")
    assert quads(open_store(out)) == quads(store)


@pytest.mark.parametrize("suffix", [".ttl", ".nt"])
def test_store_triple_formats_hold_the_union_without_duplicates(tmp_path: Path, suffix: str) -> None:
    store = open_store(MINI)
    out = dump(store, tmp_path / f"graph{suffix}")
    reopened = open_store(out)
    assert triples(reopened) == triples(store)
    assert len(reopened) == len(triples(store))  # 314 quads, 312 distinct triples
    assert graph_names(reopened) == []


def test_store_folder_round_trip_and_read_only_open(tmp_path: Path) -> None:
    store = open_store(MINI)
    folder = dump(store, tmp_path / "graph")
    assert folder.is_dir()
    assert quads(open_store(folder)) == quads(store)
    dump(store, folder)  # replacing an existing store folder works too
    assert quads(open_store(folder)) == quads(store)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("suffix", [".ttl", ".trig", ".nt", ".nq", ".jsonld"])
def test_store_dump_is_deterministic_whatever_the_load_order(tmp_path: Path, suffix: str) -> None:
    forward = open_store(MINI)
    backward = ox.Store()
    backward.extend(sorted(forward, key=str, reverse=True))
    a = dump(forward, tmp_path / f"a{suffix}").read_bytes()
    b = dump(backward, tmp_path / f"b{suffix}").read_bytes()
    assert a == b


@pytest.mark.parametrize("fmt", [ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES])
def test_store_line_formats_are_sorted_unique_lines(fmt: ox.RdfFormat) -> None:
    lines = serialize_sorted(open_store(MINI), fmt).decode("utf-8").splitlines()
    assert lines == sorted(set(lines))


def test_store_turtle_groups_a_subject_with_type_first() -> None:
    text = serialize_sorted(open_store(MINI), ox.RdfFormat.TURTLE).decode("utf-8")
    assert "@prefix aikg: <https://w3id.org/aikg/ontology#> ." in text
    block = text[text.index("id:deepseek-v3 a aikg:AIModel") :].split(" .\n")[0]
    assert "aikg:parameterCount 671000000000 , 685000000000" in block


def test_store_interrupted_dump_leaves_the_previous_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "graph.trig"
    target.write_text("previous", encoding="utf-8")

    def crash(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        dump(open_store(MINI), target)
    assert target.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.trig"]


def test_store_dump_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "graph.nq"
    target.write_text("", encoding="utf-8")
    target.chmod(0o640)
    dump(open_store(MINI), target)
    assert target.stat().st_mode & 0o777 == 0o640


def test_store_replace_graph_swaps_one_graph_only() -> None:
    store = open_store(MINI)
    a2_before = graph_triples(store, A2)
    new = [ox.Triple(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p"), ox.Literal("new"))]
    assert replace_graph(store, A1, new) == 1
    assert graph_triples(store, A1) == set(new)
    assert graph_triples(store, A2) == a2_before
    assert graph_names(store) == [A1, A2, KB]


def test_store_replace_graph_accepts_quads_tuples_and_keeps_any_literal_intact() -> None:
    store = ox.Store()
    s, p = ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p")
    content = [
        ox.Quad(s, p, ox.Literal(NASTY), ox.NamedNode(EX + "elsewhere")),
        (s, p, ox.Literal(NASTY, language="ko")),
        ox.Triple(s, p, ox.Literal("5600000.5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))),
    ]
    replace_graph(store, EX + "g", content)
    got = graph_triples(store, EX + "g")
    assert ox.Triple(s, p, ox.Literal(NASTY)) in got
    assert ox.Triple(s, p, ox.Literal(NASTY, language="ko")) in got
    assert len(got) == 3
    assert graph_names(store) == [EX + "g"]


def test_store_replace_graph_that_fails_midway_changes_nothing() -> None:
    store = open_store(MINI)
    before = quads(store)

    def content():
        yield ox.Triple(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p"), ox.Literal("x"))
        raise RuntimeError("extractor crashed")

    with pytest.raises(RuntimeError):
        replace_graph(store, A1, content())
    assert quads(store) == before


def test_store_replace_graph_with_nothing_empties_it() -> None:
    store = open_store(MINI)
    replace_graph(store, A1, [])
    assert graph_triples(store, A1) == set()
    assert A1 not in graph_names(store)


def test_store_remove_graph() -> None:
    store = open_store(MINI)
    remove_graph(store, ox.NamedNode(A2))
    assert graph_names(store) == [A1, KB]


def test_store_article_hashes_reads_file_and_content_hash() -> None:
    store = open_store(MINI)
    assert article_hashes(store) == {}
    load_file(store, FIXTURES / "queries.trig")
    assert article_hashes(store) == {"a3.txt": "sha256:a3a3", "a4.txt": "sha256:a4a4"}


def test_store_on_disk_store_survives_reopening(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    store = create_store(folder)
    load_file(store, MINI)
    replace_graph(store, A2, [])
    store.flush()
    del store
    reopened = open_store(folder)
    assert graph_names(reopened) == [A1, KB]


def test_store_missing_graph_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such graph file or store"):
        open_store(tmp_path / "nope.trig")


def test_store_unknown_suffix_is_a_user_error(tmp_path: Path) -> None:
    path = tmp_path / "graph.rdf4"
    path.write_text("", encoding="utf-8")
    with pytest.raises(UserError, match="unknown graph format"):
        open_store(path)
    with pytest.raises(UserError, match="unknown graph format"):
        dump(ox.Store(), tmp_path / "out.xyz")


def test_store_malformed_file_error_names_file_and_position(tmp_path: Path) -> None:
    path = tmp_path / "bad.ttl"
    path.write_text("<http://a> <http://b> .\n", encoding="utf-8")
    with pytest.raises(UserError) as info:
        open_store(path)
    assert str(path) in str(info.value)
    assert "line 1" in str(info.value) or "1:" in str(info.value)


def test_store_rdf_format_for() -> None:
    assert st.rdf_format_for(Path("x.TTL")) == ox.RdfFormat.TURTLE
    assert st.rdf_format_for(Path("x")) is None


def test_store_merged_view_follows_replaced_and_removed_graphs() -> None:
    store = open_store(MINI)

    def merged() -> set[ox.Triple]:
        return {q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}

    only_a1 = graph_triples(store, A1) - graph_triples(store, A2) - graph_triples(store, KB)
    shared = {sorted(only_a1, key=str)[0]}
    replace_graph(store, A2, graph_triples(store, A2) | shared)  # now both articles state it
    only_a1 -= shared
    assert only_a1 and shared <= merged()
    new = ox.Triple(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p"), ox.Literal("new"))
    replace_graph(store, A1, [new, *shared])
    assert new in merged() and shared <= merged() and not only_a1 & merged()
    remove_graph(store, A1)
    assert new not in merged() and shared <= merged()  # A2 still states the shared triples
    assert merged() == graph_triples(store, A2) | graph_triples(store, KB)
    assert not st.reads_union(store)


def test_store_without_the_merged_view_is_read_as_a_union() -> None:
    """A store folder written before the merged view existed: queries read the union of its graphs."""
    store = ox.Store()
    s, p = ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p")
    store.add(ox.Quad(s, p, ox.Literal("x"), ox.NamedNode(A1)))
    assert st.reads_union(store)
    replace_graph(store, A2, [(s, p, ox.Literal("y"))])
    assert st.reads_union(store)  # no view is started half-way
    assert {q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())} == set()


class _CountingStore:
    """A store whose updates are counted (Oxigraph's Store cannot be patched)."""

    def __init__(self, store: ox.Store) -> None:
        self.store, self.updates = store, 0

    def quads_for_pattern(self, *args):
        return self.store.quads_for_pattern(*args)

    def update(self, text: str) -> None:
        self.updates += 1
        self.store.update(text)


def test_store_replace_graph_with_what_it_holds_writes_nothing() -> None:
    store = open_store(MINI)
    counting = _CountingStore(store)
    before = quads(store)
    assert replace_graph(counting, A1, sorted(graph_triples(store, A1), key=str), merged=True) > 0
    assert counting.updates == 0 and quads(store) == before


TERMS = {
    "s": [ox.NamedNode(EX + f"s{i}") for i in range(3)],
    "p": [ox.NamedNode(EX + f"p{i}") for i in range(2)],
    "o": [ox.Literal("한빛"), ox.Literal(NASTY, language="ko"), ox.NamedNode(EX + "s0")],
}
GRAPHS = [EX + f"g{i}" for i in range(3)]


def _triples_strategy():
    from hypothesis import strategies as hs

    term = {k: hs.sampled_from(v) for k, v in TERMS.items()}
    return hs.frozensets(hs.builds(ox.Triple, term["s"], term["p"], term["o"]), max_size=6)


def test_store_merged_view_stays_the_union_whatever_the_replacements() -> None:
    """Any sequence of replacements (shared triples, emptied graphs): the default graph is
    the union of the named graphs, every triple once, and each graph holds what it was given last."""
    from hypothesis import given, settings
    from hypothesis import strategies as hs

    @settings(max_examples=150, deadline=None)
    @given(hs.lists(hs.tuples(hs.sampled_from(GRAPHS), _triples_strategy()), min_size=1, max_size=8))
    def check(steps) -> None:
        store = ox.Store()
        store.add(ox.Quad(TERMS["s"][0], TERMS["p"][0], TERMS["o"][0], ox.DefaultGraph()))  # a started view
        replace_graph(store, GRAPHS[0], [(TERMS["s"][0], TERMS["p"][0], TERMS["o"][0])], merged=True)
        last = {GRAPHS[0]: {ox.Triple(TERMS["s"][0], TERMS["p"][0], TERMS["o"][0])}}
        for graph, content in steps:
            replace_graph(store, graph, content, merged=True)
            last[graph] = set(content)
            union = set().union(*last.values())
            default = {q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
            assert default == union
            for name, held in last.items():
                assert graph_triples(store, name) == held
                assert (name in graph_names(store)) == bool(held)

    check()


def test_store_graph_data_loads_as_the_quads_would_be_added(tmp_path: Path) -> None:
    # an article graph as N-Quads bytes (as a build's workers send it) makes the same store as its
    # quads: the named graph and the merged view, whatever a literal holds (a graph-like tail, a
    # line break, a language tag, a datatype)
    g1, g2 = ox.NamedNode("https://w3id.org/aikg/id/graph/a1"), ox.NamedNode("https://w3id.org/aikg/id/graph/a2")
    s, p = ox.NamedNode("https://w3id.org/aikg/id/nova-labs"), ox.NamedNode("https://schema.org/description")
    objects = [ox.Literal('노바랩스는 <https://w3id.org/aikg/id/graph/a1> .'), ox.Literal("첫 줄\n둘째 줄"),
               ox.Literal("Nova Labs", language="en"), ox.Literal("42", datatype=ox.NamedNode(
                   "http://www.w3.org/2001/XMLSchema#integer")), ox.NamedNode("https://w3id.org/aikg/id/seoul")]
    quads = [ox.Quad(s, p, o, g) for g in (g1, g2) for o in objects]
    merged = {ox.Quad(s, p, o, ox.DefaultGraph()) for o in objects}
    by_quads, by_data = ox.Store(str(tmp_path / "quads")), ox.Store(str(tmp_path / "data"))
    st.add_graphs(by_quads, quads)
    st.add_graph_data(by_data, [ox.serialize([q for q in quads if q.graph_name == g], format=ox.RdfFormat.N_QUADS)
                                for g in (g1, g2)] + [b""])
    assert set(by_data) == set(by_quads) == set(quads) | merged
    with pytest.raises(ValueError, match="named graphs"):
        st.add_graphs(by_quads, [ox.Quad(s, p, objects[-1], ox.DefaultGraph())])
