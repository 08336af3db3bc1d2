"""Hostile text and the endpoint (issue 8): nothing a page says can break out of where it is written.

An article whose file name, headline, publisher, URL and sentences hold HTML, JavaScript, quotes,
newlines, backslashes, `\"\"\"`, `>`, `}` and Turtle/SPARQL syntax is built into every RDF
serialisation; each must parse back (rdflib) to the same terms, with the evidence literal equal to
the file text it points at. Saved queries bind parameters as one RDF term. `kg serve` binds
loopback by default, refuses updates unless `--writable`, bounds query time and answer size, and
survives a bounded load on loopback.
"""

from __future__ import annotations

import importlib.util
import json
import queue
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import to_isomorphic

from kg.cli import build_parser, main
from kg.errors import UserError
from kg.query import run_saved

ROOT = Path(__file__).resolve().parents[1]
AIKG = rdflib.Namespace("https://w3id.org/aikg/ontology#")
SCHEMA = rdflib.Namespace("https://schema.org/")

HOSTILE_FILE = 'x"}> <img src=x onerror=alert(1)> #\\%41{y};.txt'
HOSTILE_TEXT = (
    "2025. 2. 1.\n"
    '오픈AI "</script><script>alert(1)</script>" 공개 """ } > \\ 헤드라인\n'
    "오픈AI는 1일 'GPT-9 <b onmouseover=\"alert(1)\">X</b> \"\"\"}' 모델을 공개했다고 밝혔다.\n"
    '샘 올트먼 오픈AI 최고경영자(CEO)는 "이 모델은 \\"\\"\\" } ; DROP ALL ; # 구글 제미나이보다 뛰어나다"라고 말했다.\n'
    "딥시크는 \"<img src=x onerror=alert(1)>\"라는 이름의 'R9}\"\\n<x>' 모델을 공개했다. "
    "이 모델의 매개변수는 6710억 개다.\n"
    "알리바바는\x01 향후 3년간 3800억 위안을 AI 인프라에 투자할 계획이라고 밝혔다. <!-- ]]> --> @prefix x: <y> .\n"
)
PLAIN_TEXT = (
    "2025. 3. 7.\n딥시크, 새 AI 모델 공개\n"
    "중국 인공지능 기업 딥시크는 7일 새로운 대형언어모델 V3를 공개했다고 밝혔다.\n"
)
HEADLINE = 'H <script>alert("x")</script>\n"""\'\'\' } ; DROP ALL ; # \\ >\r\n끝 \\u0022 ${x} {{x}}'
PUBLISHER = '</script><script>alert("pub")</script> "}> \\ \'\'\' <!--'
URL = 'https://e.org/a?x="><script>alert(1)</script>&y=\\'
PAYLOADS = ['x" } ; DROP ALL ; #', "x' } UNION { ?s ?p ?o } #", 'x"^^<http://e.org/t> . ?s ?p ?o #',
            "\\\" } \n } ; CLEAR ALL", "<http://e.org/a> } UNION { ?s ?p ?o }", '"""', "}"]
SUFFIXES = {".ttl": "turtle", ".nt": "nt", ".trig": "trig", ".jsonld": "json-ld", ".nq": "nquads"}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The hostile articles built into every serialisation (suffix -> graph file), plus the folder."""
    from kg.pipeline import build_graph_file

    base = tmp_path_factory.mktemp("hostile")
    folder = base / "articles"
    folder.mkdir()
    (folder / "hostile.txt").write_bytes(HOSTILE_TEXT.encode("utf-8"))
    (folder / HOSTILE_FILE).write_bytes(PLAIN_TEXT.encode("utf-8"))
    meta = {"hostile.txt": {"headline": HEADLINE, "publisher": PUBLISHER, "url": URL},
            HOSTILE_FILE: {"headline": HEADLINE[::-1], "publisher": PUBLISHER}}
    (folder / "metadata.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    graphs: dict[str, Path] = {"folder": folder}
    for suffix in SUFFIXES:
        out = base / f"graph{suffix}"
        report = build_graph_file([folder], out)
        assert report.articles == 2 and not report.skipped, report.skipped
        graphs[suffix] = out
    return graphs


def parsed(path: Path) -> rdflib.Graph:
    """Every triple of a graph file (the union of its named graphs), read by rdflib."""
    fmt = SUFFIXES[path.suffix]
    if fmt in ("trig", "nquads", "json-ld"):
        dataset = rdflib.Dataset()
        dataset.parse(path, format=fmt)
        union = rdflib.Graph()
        for s, p, o, _g in dataset.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    graph = rdflib.Graph()
    graph.parse(path, format=fmt)
    return graph


# ------------------------------------------------------------------ serialisations
@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".trig", ".jsonld"])
def test_hostile_every_serialisation_parses_back_to_the_same_terms(hostile: dict[str, Path], suffix: str) -> None:
    reference = parsed(hostile[".nq"])
    assert len(reference) > 100
    assert to_isomorphic(parsed(hostile[suffix])) == to_isomorphic(reference)


@pytest.mark.parametrize("suffix", list(SUFFIXES))
def test_hostile_literals_are_written_exactly(hostile: dict[str, Path], suffix: str) -> None:
    graph = parsed(hostile[suffix])
    by_file = {str(o): s for s, o in graph.subject_objects(AIKG.file)}
    assert set(by_file) == {"hostile.txt", HOSTILE_FILE}
    article = by_file["hostile.txt"]
    assert [str(h) for h in graph.objects(article, SCHEMA.headline)] == [HEADLINE]
    assert [str(u) for u in graph.objects(article, SCHEMA.url)] == [URL]
    publisher = graph.value(article, SCHEMA.publisher)
    assert PUBLISHER in {str(label) for label in graph.objects(publisher, rdflib.RDFS.label)}
    assert [str(h) for h in graph.objects(by_file[HOSTILE_FILE], SCHEMA.headline)] == [HEADLINE[::-1]]


@pytest.mark.parametrize("suffix", list(SUFFIXES))
def test_hostile_evidence_equals_the_file_text_it_points_at(hostile: dict[str, Path], suffix: str) -> None:
    graph = parsed(hostile[suffix])
    texts = {}
    for article, name in graph.subject_objects(AIKG.file):
        with open(hostile["folder"] / str(name), encoding="utf-8", newline="") as fh:
            texts[article] = fh.read()
    claims = list(graph.subjects(AIKG.evidence, None))
    assert len(claims) >= 5
    hostile_evidence = 0
    for claim in claims:
        text = texts[graph.value(claim, AIKG.source)]
        start, end = int(graph.value(claim, AIKG.charStart)), int(graph.value(claim, AIKG.charEnd))
        evidence = str(graph.value(claim, AIKG.evidence))
        assert evidence == text[start:end]
        hostile_evidence += any(c in evidence for c in '"<>}\\\x01')
    assert hostile_evidence >= 3  # the quotes, tags, braces and backslashes really went through


def test_hostile_html_view_runs_no_injected_code(hostile: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "view.html"
    assert main(["viz", str(hostile[".trig"]), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    for payload in ("</script><script>alert", "<img src=x onerror", 'onmouseover="alert', "<!--"):
        assert payload not in html


# ------------------------------------------------------------------ saved queries bind terms
def test_hostile_saved_query_parameter_is_one_term_cli(hostile: dict[str, Path]) -> None:
    """The brief's own attack, through the real command line."""
    done = subprocess.run(
        [sys.executable, "-m", "kg.cli", "query", str(hostile[".trig"]), "--saved", "entity-card",
         "--param", 'thing=x" } ; DROP ALL ; #', "--format", "csv"],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines() == ["subject,property,value,sources,source,published,evidence"]


@pytest.mark.parametrize("name", ["entity-card", "articles-mentioning", "claims-about", "claims-by-speaker"])
@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_saved_query_parameters_never_inject(hostile: dict[str, Path], name: str, payload: str) -> None:
    param = "speaker" if name == "claims-by-speaker" else "thing"
    try:
        result = run_saved(hostile[".trig"], name, {param: payload})
    except UserError as exc:  # only a value written as <IRI> may be refused, and only as a bad IRI
        assert payload.startswith("<") and "not a valid IRI" in str(exc)
        return
    assert len(result) == 0  # a pasted value would have matched everything (UNION { ?s ?p ?o })


def test_hostile_saved_query_finds_a_hostile_name_exactly(hostile: dict[str, Path]) -> None:
    rows = run_saved(hostile[".trig"], "entity-card", {"thing": PUBLISHER}).values()
    assert rows and any(PUBLISHER in map(str, row) for row in rows)
    articles = run_saved(hostile[".trig"], "articles-mentioning", {"thing": "오픈AI"}).values()
    assert articles


# ------------------------------------------------------------------ the endpoint
@contextmanager
def kg_serve(graph: Path, *extra: str) -> Iterator[tuple[subprocess.Popen, str]]:
    """`kg serve GRAPH --port 0 EXTRA...` as a user runs it; yields (process, query URL)."""
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(graph), "--port", "0", *extra],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    try:
        url = None
        deadline = time.monotonic() + 120
        while url is None:
            if process.poll() is not None or time.monotonic() > deadline:
                stderr = process.stderr.read() if process.stderr else ""
                raise AssertionError(f"kg serve did not start (exit {process.poll()}): {stderr}")
            try:
                line = lines.get(timeout=0.5)
            except queue.Empty:
                continue
            if line.startswith("SPARQL query endpoint:"):
                url = line.split(":", 1)[1].strip()
        yield process, url
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def post(url: str, field: str, text: str, timeout: float = 30) -> tuple[int, bytes]:
    """POST a form-encoded SPARQL query or update; (status, body) whatever the status."""
    data = urllib.parse.urlencode({field: text}).encode("utf-8")
    request = urllib.request.Request(url, data=data, method="POST",
                                     headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # ~10^10 rows on the seeds


def count(url: str) -> int:
    status, body = post(url, "query", COUNT)
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def listening_addresses(port: int) -> set[str]:
    """Local addresses (hex, as /proc/net/tcp* writes them) of sockets listening on `port`."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            address, hex_port = fields[1].rsplit(":", 1)
            if int(hex_port, 16) == port and fields[3] == "0A":  # 0A: LISTEN
                found.add(address)
    return found


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs /proc/net/tcp")
def test_endpoint_binds_loopback_unless_told_otherwise(seeds_graph: Path) -> None:
    assert build_parser().parse_args(["serve", "g"]).host == "127.0.0.1"
    with kg_serve(seeds_graph) as (_process, url):
        port = urllib.parse.urlsplit(url).port
        assert urllib.parse.urlsplit(url).hostname == "127.0.0.1"
        assert port is not None and listening_addresses(port) == {"0100007F"}  # 127.0.0.1 only


@pytest.mark.slow
def test_endpoint_refuses_updates_unless_writable(seeds_graph: Path) -> None:
    insert = "INSERT DATA { <https://e.org/s> <https://e.org/p> 'x' }"
    with kg_serve(seeds_graph) as (_process, url):
        before = count(url)
        base = url.rsplit("/", 1)[0]
        assert post(f"{base}/update", "update", insert)[0] == 403
        assert post(f"{base}/update", "update", "DROP ALL")[0] == 403
        assert 400 <= post(url, "query", "DROP ALL")[0] < 500  # an update sent as a query is refused too
        put = urllib.request.Request(f"{base}/store?default", data=b"", method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(put, timeout=30)
        assert refused.value.code == 403
        assert count(url) == before
    with kg_serve(seeds_graph, "--writable") as (_process, url):  # the same request is accepted when asked for
        base = url.rsplit("/", 1)[0]
        assert post(f"{base}/update", "update", insert)[0] in (200, 204)
        assert count(url) == before + 1


def _cut_short(status: int, body: bytes) -> bool:
    """A query stopped by the server: an HTTP error, or a result stream that ends unfinished."""
    if status != 200:
        return True
    try:
        json.loads(body)
    except ValueError:
        return True
    return False


@pytest.mark.slow
def test_endpoint_timeout_stops_a_runaway_query(seeds_graph: Path) -> None:
    with kg_serve(seeds_graph, "--timeout", "2") as (_process, url):
        started = time.monotonic()
        status, body = post(url, "query", SLOW_QUERY, timeout=60)
        assert time.monotonic() - started < 20
        assert _cut_short(status, body)
        assert count(url) > 1000  # and the server goes on answering


@pytest.mark.slow
def test_endpoint_applies_a_query_timeout_by_default(seeds_graph: Path) -> None:
    with kg_serve(seeds_graph) as (_process, url):
        status, body = post(url, "query", SLOW_QUERY, timeout=75)
        assert _cut_short(status, body)


def test_endpoint_limits_the_size_of_an_answer(seeds_graph: Path) -> None:
    with kg_serve(seeds_graph, "--max-results", "100") as (_process, url):
        status, body = post(url, "query", "SELECT * WHERE { ?s ?p ?o }", timeout=60)
        if status == 200:
            try:
                rows = json.loads(body)["results"]["bindings"]
            except ValueError:
                rows = []  # cut off mid-stream: refused
            assert len(rows) <= 100
        else:
            assert 400 <= status < 600 and b"100" in body  # refused, naming the limit


def _load_test_module():
    spec = importlib.util.spec_from_file_location("aikg_load_test", ROOT / "benchmarks" / "load_test.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_endpoint_survives_a_bounded_load_on_loopback(seeds_graph: Path) -> None:
    """A smaller run of benchmarks/load_test.py: 300 mixed queries from 8 clients, no valid one fails."""
    load = _load_test_module()
    jobs = load.workload(300)
    assert any(not job.valid for job in jobs) and any(job.valid for job in jobs)
    with load.kg_serve(seeds_graph) as (process, url):
        result = load.run_load(url, jobs, clients=8)
        assert process.poll() is None
        assert load.send(url, load.Job("probe", True, "ASK {}")).ok
    assert result.failed_valid == []
    assert result.badly_refused == []
    with pytest.raises(ValueError, match="only targets loopback"):
        load.run_load("http://192.0.2.1:7878/query", jobs[:1])
