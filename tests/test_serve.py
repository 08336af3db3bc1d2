"""`kg serve`: a real Oxigraph server on a free loopback port, queried by standard clients."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox
import pytest
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from kg.cli import build_parser, main
from kg.errors import UserError
from kg.graph.store import dump, open_store
from kg.query import run_query, run_saved
from kg.serve import DEFAULT_MAX_RESULTS, DEFAULT_TIMEOUT, ServerHandle, free_port, start_server

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini.trig"
COUNT_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
COUNT_ARTICLES = "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/aikg/ontology#Article> }"


@pytest.fixture(scope="module")
def server() -> Iterator[ServerHandle]:
    with start_server(MINI, port=0) as handle:
        yield handle


def sparqlwrapper_rows(url: str, query: str) -> list[dict[str, str]]:
    client = SPARQLWrapper(url)
    client.setQuery(query)
    client.setReturnFormat(JSON)
    answer = client.query().convert()
    return [{k: v["value"] for k, v in b.items()} for b in answer["results"]["bindings"]]


def test_serve_answers_a_standard_client_over_the_union_of_graphs(server: ServerHandle) -> None:
    assert server.host == "127.0.0.1"
    assert server.query_url == f"http://127.0.0.1:{server.port}/query"
    assert sparqlwrapper_rows(server.query_url, COUNT_ARTICLES) == [{"n": "2"}]
    models = "SELECT ?m WHERE { ?m a <https://w3id.org/aikg/ontology#AIModel> } ORDER BY ?m"
    assert [r["m"].rsplit("/", 1)[1] for r in sparqlwrapper_rows(server.query_url, models)] == [
        "deepseek-r1",
        "deepseek-v3",
        "llama-3.1",
    ]


@pytest.mark.parametrize("name", ["models", "conflicts", "entity-card", "articles-by-date"])
def test_serve_saved_queries_answer_as_locally(server: ServerHandle, name: str) -> None:
    params = {"thing": "딥시크"} if name == "entity-card" else None
    assert run_saved(server.query_url, name, params).values() == run_saved(MINI, name, params).values()


def test_serve_is_read_only_by_default(server: ServerHandle) -> None:
    client = SPARQLWrapper(server.query_url, updateEndpoint=server.update_url)
    client.setMethod(POST)
    client.setQuery("INSERT DATA { <https://example.org/s> <https://example.org/p> 'x' }")
    with pytest.raises(urllib.error.HTTPError) as info:
        client.query()
    assert info.value.code == 403
    put = urllib.request.Request(
        f"{server.store_url}?default",
        data=b"",
        method="PUT",
        headers={"Content-Type": "application/n-triples"},
    )
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(put, timeout=10)
    assert info.value.code == 403
    assert sparqlwrapper_rows(server.query_url, "SELECT * WHERE { <https://example.org/s> ?p ?o }") == []
    assert run_query(server.query_url, "ASK { <https://example.org/s> ?p ?o }").values() == [(False,)]


def test_serve_kg_query_endpoint_cli(server: ServerHandle, capsys) -> None:
    code = main(["query", "--endpoint", server.query_url, "--saved", "models", "--format", "csv"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert out.splitlines()[0] == "model,developer,country,parameters,training_cost,released,articles"
    assert "DeepSeek-V3,DeepSeek,CN,671000000000 / 685000000000,5600000 USD,2024-12,2" in out.splitlines()
    code = main(["query", "--endpoint", server.query_url, "SELECT ?h WHERE { ?a schema:headline ?h } ORDER BY ?h"])
    out, _ = capsys.readouterr()
    assert out.splitlines()[2:4] == ["딥시크 V3 공개", "알리바바, 큐원3 공개"]


def test_serve_remote_syntax_error_is_one_line_with_position(server: ServerHandle, capsys) -> None:
    code = main(["query", "--endpoint", server.query_url, "SELECT ?m\nWHERE { ?m a aikg:AIModel "])
    _, err = capsys.readouterr()
    assert code == 2
    assert "SPARQL syntax error at line 2, column " in err
    assert len(err.splitlines()) == 1


def test_serve_long_queries_go_by_form_post(server: ServerHandle) -> None:
    padding = "# " + "x" * 3000 + "\n"
    assert run_query(server.query_url, padding + COUNT_ARTICLES).values() == [(2,)]


def test_serve_a_store_folder_in_place(tmp_path: Path) -> None:
    folder = dump(open_store(MINI), tmp_path / "graph")
    with start_server(folder, port=0) as handle:
        assert run_query(handle.query_url, COUNT_ARTICLES).values() == [(2,)]
    assert folder.is_dir()  # the user's store is never deleted


def test_serve_stop_removes_the_temporary_store() -> None:
    handle = start_server(MINI, port=0, timeout=5)
    workdir = handle.workdir
    assert workdir is not None and workdir.exists()
    handle.stop()
    assert handle.process.poll() is not None
    assert not workdir.exists()
    handle.stop()  # idempotent


def test_serve_port_in_use_is_a_user_error(server: ServerHandle) -> None:
    with pytest.raises(UserError, match=f"cannot listen on 127.0.0.1:{server.port}: .*choose another --port"):
        start_server(MINI, port=server.port)


def test_serve_unparseable_graph_is_a_user_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle\n", encoding="utf-8")
    with pytest.raises(UserError, match="cannot parse"):
        start_server(bad, port=0)
    with pytest.raises(UserError, match="no such graph"):
        start_server(tmp_path / "missing.trig", port=0)


def _children(pid: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                children.append(int(entry.name))
    return children


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the server process")
@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM])
def test_serve_cli_prints_the_url_and_stops_cleanly(stop_signal: signal.Signals) -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", str(MINI), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = [process.stdout.readline() for _ in range(3)]
        url = f"http://127.0.0.1:{port}/query"
        assert lines[1].strip() == f"SPARQL query endpoint: {url}"
        assert "read-only" in lines[0]
        assert run_query(url, COUNT_ARTICLES).values() == [(2,)]
        servers = _children(process.pid)
        assert servers
        process.send_signal(stop_signal)
        assert process.wait(timeout=15) == 0
        time.sleep(0.1)
        for pid in servers:
            with pytest.raises(ProcessLookupError):
                os.kill(pid, 0)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
        process.stderr.close()


def test_serve_probe_url_encodes_the_query(server: ServerHandle) -> None:
    probe = f"{server.query_url}?{urllib.parse.urlencode({'query': 'ASK {}'})}"
    request = urllib.request.Request(probe, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200


# ------------------------------------------------------------------ the limits: query time and answer size
def _ask(url: str, query: str, accept: str) -> tuple[int, str, bytes]:
    """GET a query with an Accept header; (status, content type, body) whatever the status."""
    request = urllib.request.Request(f"{url}?{urllib.parse.urlencode({'query': query})}", headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read()


RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}


@pytest.fixture(scope="module")
def limited() -> Iterator[ServerHandle]:
    with start_server(MINI, port=0, max_results=10, timeout=1) as handle:
        yield handle


def test_serve_cli_limits_by_default() -> None:
    args = build_parser().parse_args(["serve", "g"])
    assert (args.timeout, args.max_results) == (DEFAULT_TIMEOUT, DEFAULT_MAX_RESULTS) == (30.0, 100_000)
    args = build_parser().parse_args(["serve", "g", "--timeout", "0", "--max-results", "0"])
    assert (args.timeout, args.max_results) == (0, 0)
    for bad in (["--timeout", "-1"], ["--timeout", "soon"], ["--max-results", "-5"], ["--max-results", "1.5"]):
        with pytest.raises(SystemExit):
            build_parser().parse_args(["serve", "g", *bad])


@pytest.mark.parametrize("accept", [*RESULT_TYPES, "text/csv"])
def test_serve_answer_within_the_limit_is_complete(limited: ServerHandle, accept: str) -> None:
    status, ctype, body = _ask(limited.query_url, "SELECT * WHERE { ?s ?p ?o } LIMIT 10", accept)
    assert status == 200 and ctype.startswith(accept)
    if accept == "text/csv":
        assert len(body.decode("utf-8").splitlines()) == 11  # the header and 10 rows (no newline in the values)
    else:
        assert len(list(ox.parse_query_results(body, RESULT_TYPES[accept]))) == 10


@pytest.mark.parametrize("accept", [*RESULT_TYPES, "text/csv"])
def test_serve_answer_over_the_limit_is_refused_naming_it(limited: ServerHandle, accept: str) -> None:
    status, ctype, body = _ask(limited.query_url, "SELECT * WHERE { ?s ?p ?o } LIMIT 11", accept)
    assert status == 413 and ctype.startswith("text/plain")
    assert b"more than 10 rows" in body and b"--max-results 10" in body


@pytest.mark.parametrize("accept", ["text/turtle", "application/n-triples", "application/ld+json",
                                    "application/rdf+xml"])
def test_serve_graph_answers_are_limited_by_triples(limited: ServerHandle, accept: str) -> None:
    ok = _ask(limited.query_url, "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 10", accept)
    assert ok[0] == 200
    assert len(list(ox.parse(ok[2], ox.RdfFormat.from_media_type(accept)))) == 10
    assert _ask(limited.query_url, "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 11", accept)[0] == 413


def test_serve_ask_and_errors_pass_through_the_limit(limited: ServerHandle) -> None:
    assert _ask(limited.query_url, "ASK { ?s ?p ?o }", "text/csv")[::2] == (200, b"true")
    assert _ask(limited.query_url, "ASK { ?s ?p ?o }", "application/sparql-results+json")[0] == 200
    status, _ctype, body = _ask(limited.query_url, "SELEC ?s", "application/sparql-results+json")
    assert status == 400 and b"error at 1:" in body  # Oxigraph's own message, untouched


def test_serve_query_over_the_time_limit_is_a_clear_error(limited: ServerHandle) -> None:
    """Oxigraph alone would answer 200 with a cut-off document; the client gets 504 naming the limit."""
    started = time.monotonic()
    status, _ctype, body = _ask(limited.query_url, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
                                "application/sparql-results+json")
    assert time.monotonic() - started < 30
    assert status == 504 and b"time limit of 1 s" in body
    assert _ask(limited.query_url, "ASK {}", "application/sparql-results+json")[0] == 200  # and it goes on


def test_serve_limits_hold_under_concurrent_clients(limited: ServerHandle) -> None:
    queries = ["SELECT * WHERE { ?s ?p ?o } LIMIT 10", "SELECT * WHERE { ?s ?p ?o } LIMIT 11"] * 20
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda q: _ask(limited.query_url, q, "application/sparql-results+json")[0], queries))
    assert statuses == [200, 413] * 20


def test_serve_without_a_size_limit_streams_whole_answers() -> None:
    with start_server(MINI, port=0, max_results=None) as handle:
        status, _ctype, body = _ask(handle.query_url, "SELECT * WHERE { ?s ?p ?o }", "application/sparql-results+json")
        assert status == 200
        rows = json.loads(body)["results"]["bindings"]
        assert len(rows) > 200 and [(len(rows),)] == run_query(handle.query_url, COUNT_TRIPLES).values()


def test_serve_writable_forwards_graph_store_and_update_requests() -> None:
    data = b"".join(b'<https://e.org/s%d> <https://e.org/p> "%s" .\n' % (i, b"x" * 50) for i in range(30000))
    with start_server(None, port=0, writable=True, max_results=5) as handle:  # 1.8 MB: streamed on, not read whole
        put = urllib.request.Request(f"{handle.store_url}?default", data=data, method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
        with urllib.request.urlopen(put, timeout=60) as response:
            assert response.status in (200, 201, 204)
        assert run_query(handle.query_url, COUNT_TRIPLES).values() == [(30000,)]
        client = SPARQLWrapper(handle.query_url, updateEndpoint=handle.update_url)
        client.setMethod(POST)
        client.setQuery("DELETE WHERE { <https://e.org/s0> ?p ?o }")
        client.query()
        assert run_query(handle.query_url, COUNT_TRIPLES).values() == [(29999,)]


def test_serve_writable_on_a_store_makes_the_next_update_count_it_again(tmp_path: Path) -> None:
    """A write through `kg serve --writable` changes the store behind the build's back: the counts the
    build recorded are dropped when the endpoint opens, and `kg build --update` counts the store again."""
    from kg.graph.statistics import STATISTICS_GRAPH
    from kg.pipeline import build_graph_file, read_build_file

    seeds = Path(__file__).resolve().parents[1] / "seeds"
    store = tmp_path / "store"
    first = build_graph_file([seeds], store)
    assert read_build_file(store)[1].quads == first.quads
    with start_server(store, port=0, writable=True) as handle:
        client = SPARQLWrapper(handle.query_url, updateEndpoint=handle.update_url)
        client.setMethod(POST)
        client.setQuery("INSERT DATA { GRAPH <https://e.org/notes> { <https://e.org/n1> a <https://e.org/Note> } "
                        "<https://e.org/n1> a <https://e.org/Note> }")
        client.query()
    assert read_build_file(store)[1].quads is None
    again = build_graph_file([seeds], store, update=True)
    assert again.articles == 0
    written = ox.Store.read_only(str(store))
    assert again.quads == len(written) > first.quads  # the two triples, and the statistics of their class
    counted = {q.object.value for q in written.quads_for_pattern(None, None, None, STATISTICS_GRAPH)
               if isinstance(q.object, ox.NamedNode)}
    assert "https://e.org/Note" in counted
