"""`kg push`: PUT each article graph into a real, writable Oxigraph Graph Store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from kg.cli import main
from kg.errors import UserError
from kg.graph.store import dump, open_store, replace_graph
from kg.push import graph_url, push, serialize_graph
from kg.query import list_saved, run_query, run_remote, run_saved
from kg.serve import ServerHandle, free_port, start_server

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini.trig"
ID = "https://w3id.org/aikg/id/"
PER_GRAPH = """SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"""
MINI_COUNTS = [(ID + "graph/a1", 166), (ID + "graph/a2", 60), (ID + "graph/kb", 88)]
PARAMS = {
    "entity-card": {"thing": "딥시크"},
    "claims-about": {"thing": "china"},
    "articles-mentioning": {"thing": "h800"},
}


@pytest.fixture()
def store_server() -> Iterator[ServerHandle]:
    """An empty, writable Oxigraph without --union-default-graph (as users run it)."""
    with start_server(None, port=0, writable=True, union_default_graph=False) as handle:
        yield handle


def counts_by_sparqlwrapper(url: str) -> list[tuple[str, int]]:
    client = SPARQLWrapper(url)
    client.setQuery(PER_GRAPH)
    client.setReturnFormat(JSON)
    bindings = client.query().convert()["results"]["bindings"]
    return [(b["g"]["value"], int(b["n"]["value"])) for b in bindings]


def test_push_puts_one_named_graph_per_article_and_the_kb(store_server: ServerHandle) -> None:
    report = push(MINI, store_server.store_url)
    assert report.ok
    assert [(g.graph, g.triples, g.status) for g in report.graphs] == [(g, n, 201) for g, n in MINI_COUNTS]
    assert report.triples == 314
    assert counts_by_sparqlwrapper(store_server.query_url) == MINI_COUNTS


def test_push_every_saved_query_answers_remotely_as_locally(store_server: ServerHandle) -> None:
    push(MINI, store_server.store_url)
    for saved in list_saved():
        params = PARAMS.get(saved.name)
        remote = run_saved(store_server.query_url, saved.name, params)
        assert remote.values() == run_saved(MINI, saved.name, params).values(), saved.name


def test_push_then_kg_query_endpoint(store_server: ServerHandle, capsys) -> None:
    assert main(["push", str(MINI), "--store", store_server.store_url]) == 0
    out, _ = capsys.readouterr()
    assert out == f"pushed 3 of 3 graphs (314 triples) to {store_server.store_url}\n"
    code = main(["query", "--endpoint", store_server.query_url, "--saved", "who-uses-whom", "--format", "tsv"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert out.splitlines() == [
        "user\tused\tused_type\tsources\tsource\tpublished\tevidence",
        "OpenAI\tDeepSeek-V3\tAIModel\t1\ta2.txt\t2025-03-07\t오픈AI도 V3를 사용하고 있다.",
    ]


def test_push_again_replaces_each_article_graph(store_server: ServerHandle, tmp_path: Path) -> None:
    push(MINI, store_server.store_url)
    push(MINI, store_server.store_url)  # idempotent: no duplicates
    assert counts_by_sparqlwrapper(store_server.query_url) == MINI_COUNTS

    changed = open_store(MINI)
    s, p = ox.NamedNode(ID + "deepseek-v3"), ox.NamedNode("https://w3id.org/aikg/ontology#parameterCount")
    replace_graph(changed, ID + "graph/a2", [ox.Triple(s, p, ox.Literal(672000000000))])
    report = push(dump(changed, tmp_path / "changed.nq"), store_server.store_url)
    assert [g.status for g in report.graphs] == [204, 204, 204]
    assert counts_by_sparqlwrapper(store_server.query_url) == [
        MINI_COUNTS[0],
        (ID + "graph/a2", 1),
        MINI_COUNTS[2],
    ]
    values = run_query(store_server.query_url, "SELECT ?n WHERE { id:deepseek-v3 aikg:parameterCount ?n } ORDER BY ?n")
    assert values.values() == [(672000000000,), (685000000000,)]


def test_push_leaves_other_articles_on_the_server(store_server: ServerHandle) -> None:
    push(MINI, store_server.store_url)
    report = push(FIXTURES / "queries.trig", store_server.store_url)
    assert [g.graph for g in report.graphs] == [ID + "graph/a3", ID + "graph/a4"]
    graphs = [g for g, _ in counts_by_sparqlwrapper(store_server.query_url)]
    assert graphs == [ID + f"graph/{name}" for name in ("a1", "a2", "a3", "a4", "kb")]


def test_push_turtle_and_default_graph(store_server: ServerHandle, tmp_path: Path) -> None:
    flat = dump(open_store(MINI), tmp_path / "flat.ttl")  # no named graphs left
    report = push(flat, store_server.store_url, fmt="ttl")
    assert [(g.graph, g.triples) for g in report.graphs] == [("default", 312)]
    count = run_remote(store_server.query_url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", union_default_graph=False)
    assert count.values() == [(312,)]


def test_push_to_a_read_only_server_is_a_user_error() -> None:
    with start_server(MINI, port=0) as handle:
        with pytest.raises(UserError, match="HTTP 403 .*read-only.*Graph Store endpoint"):
            push(MINI, handle.store_url)


def test_push_to_nobody_is_a_user_error(capsys) -> None:
    url = f"http://127.0.0.1:{free_port()}/store"
    with pytest.raises(UserError, match="cannot reach the store"):
        push(MINI, url)
    assert main(["push", str(MINI), "--store", url]) == 2
    _, err = capsys.readouterr()
    assert err.startswith("kg push: error:") and len(err.splitlines()) == 1
    with pytest.raises(UserError, match="must be an http"):
        push(MINI, "localhost:7878/store")


def test_push_graph_url_escapes_the_iri() -> None:
    assert (
        graph_url("http://h/store", ID + "graph/a b")
        == "http://h/store?graph=https%3A%2F%2Fw3id.org%2Faikg%2Fid%2Fgraph%2Fa+b"
    )
    assert graph_url("http://h/store?x=1", None) == "http://h/store?x=1&default"


def test_push_serialize_graph_is_sorted_ntriples() -> None:
    store = open_store(MINI)
    triples = [q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(ID + "graph/a2"))]
    body = serialize_graph(list(reversed(triples)))
    assert body == serialize_graph(triples)
    lines = body.decode("utf-8").splitlines()
    assert lines == sorted(lines) and len(lines) == 60
