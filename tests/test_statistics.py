"""The dataset's VoID description: written by every build, exact, read by `class-counts`, checked by SHACL."""

from __future__ import annotations

from urllib.parse import unquote

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import given
from hypothesis import strategies as st

from kg.graph.statistics import (
    DATASET,
    STATISTICS_GRAPH,
    VOID,
    class_counts,
    partition_iri,
    statistics_quads,
)
from kg.graph.validate import validate
from kg.pipeline import build_graph_file
from kg.query import run_saved

AIKG = "https://w3id.org/aikg/ontology#"
ARTICLES = {
    "r1.txt": ("라온테크, 새 언어모델 공개\n입력 2025.03.02 09:00\n"
               "국내 스타트업 라온테크는 2일 대형언어모델 누리-7B를 공개했다. "
               "이 모델은 70억 개의 파라미터를 갖췄다.\n"),
    "r2.txt": ("한빛랩, 엔비디아 칩 도입\n입력 2025.04.11 14:30\n"
               "한빛랩은 엔비디아의 H100을 사용해 새 모델을 학습했다고 밝혔다. "
               "김도윤 한빛랩 대표는 \"연내 후속 모델을 내놓겠다\"고 말했다.\n"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> ox.Store:
    folder = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    out = folder.parent / "g.trig"
    build_graph_file([folder], out)
    store = ox.Store()
    store.load(path=str(out), format=ox.RdfFormat.TRIG)
    return store


def _described(store: ox.Store) -> dict[str, int]:
    rows = store.query(f"SELECT ?c ?n WHERE {{ GRAPH <{STATISTICS_GRAPH.value}> {{ "
                       f"<{DATASET.value}> <{VOID}classPartition> ?p . ?p <{VOID}class> ?c ; <{VOID}entities> ?n }} }}")
    return {row["c"].value: int(row["n"].value) for row in rows}


def _without_description(store: ox.Store) -> ox.Store:
    bare = ox.Store()
    bare.extend(q for q in store if q.graph_name != STATISTICS_GRAPH)
    return bare


def test_description_names_each_class_once_with_its_count():
    quads = statistics_quads({AIKG + "Person": 2, AIKG + "Claim": 7})
    assert {q.graph_name for q in quads} == {STATISTICS_GRAPH}
    partitions = [q.object for q in quads if q.predicate.value == VOID + "classPartition"]
    assert len(partitions) == len(set(partitions)) == 2
    counts = {q.subject: int(q.object.value) for q in quads if q.predicate.value == VOID + "entities"}
    assert counts[partition_iri(AIKG + "Person")] == 2 and counts[partition_iri(AIKG + "Claim")] == 7


@given(st.lists(st.text(min_size=1), min_size=2, max_size=5, unique=True))
def test_partition_iris_are_one_to_one_with_classes(names):
    classes = ["https://example.org/" + name for name in names]
    iris = [partition_iri(c).value for c in classes]
    assert len(set(iris)) == len(classes)
    assert [unquote(i.rsplit("/", 1)[1]) for i in iris] == classes


def test_a_built_graph_describes_exactly_what_it_holds(built):
    described = _described(built)
    assert described == class_counts(_without_description(built), union=True)
    assert described[AIKG + "Article"] == 2
    assert described[AIKG + "Claim"] > 0


def test_class_counts_reads_the_description_and_counts_a_graph_without_one(built):
    with_description = run_saved(built, "class-counts")
    counted = run_saved(_without_description(built), "class-counts")
    assert with_description.rows == counted.rows
    assert ("Article", ox.Literal("2", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))) in {
        (row[0].value, row[1]) for row in with_description.rows}


def test_shacl_flags_a_count_that_is_not_the_graphs(built):
    data = rdflib.Dataset(default_union=True)
    data.parse(data=built.dump(format=ox.RdfFormat.TRIG).decode(), format="trig")
    assert validate(data).conforms
    part = rdflib.URIRef(partition_iri(AIKG + "Article").value)
    entities = rdflib.URIRef(VOID + "entities")
    graph = data.graph(rdflib.URIRef(STATISTICS_GRAPH.value))
    graph.set((part, entities, rdflib.Literal(3)))
    result = validate(data)
    assert not result.conforms
    assert "not the number of things of its class" in result.text
