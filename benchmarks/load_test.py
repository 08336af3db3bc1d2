"""A bounded load test of `kg serve` on loopback: many clients, saved and malformed queries.

    python benchmarks/load_test.py                       # builds the seeds graph, 2,000 queries, 8 clients
    python benchmarks/load_test.py GRAPH --queries 500 --clients 4 --write benchmarks/LOAD.md

It starts `kg serve GRAPH --host 127.0.0.1 --port 0`-like (a free loopback port, through the real
command line), sends a fixed, seeded mix of queries over the SPARQL 1.1 Protocol (HTTP POST, form
encoded) from concurrent client threads, and records every answer's status and latency. A valid
query (a saved query, parameters bound) fails unless it gets HTTP 200 and a complete SPARQL JSON
result; a malformed one must be refused with HTTP 4xx, never 5xx, and never bring the server down.
The load is bounded (a fixed number of queries) and only ever sent to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import queue
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
PARAMS = {"thing": "딥시크", "speaker": "딥시크"}
# Refused by a SPARQL 1.1 query endpoint with a 4xx: syntax errors, updates, junk, empty.
MALFORMED = {
    "syntax-error": "SELEC ?s WHERE { ?s ?p ?o }",
    "unclosed-brace": "SELECT ?s WHERE { ?s ?p ?o ",
    "unknown-prefix": "SELECT ?s WHERE { ?s nope:p ?o }",
    "update-on-query-endpoint": "DROP ALL",
    "insert-on-query-endpoint": "INSERT DATA { <http://e.org/s> <http://e.org/p> 'x' }",
    "empty": "",
    "junk": "}}}{{{ \" ''' \\ ; # \x01",
    "injection-shaped": 'SELECT * WHERE { VALUES ?x { "a" } } ; DROP ALL ; #',
    "long-garbage": "SELECT " + "?" * 20000,
    "bad-iri": "SELECT * WHERE { <http://e.org/a b> ?p ?o }",
}


@dataclass(frozen=True)
class Job:
    """One request of the workload: a name, whether it is valid, and the SPARQL text."""

    name: str
    valid: bool
    sparql: str


@dataclass(frozen=True)
class Outcome:
    job: Job
    status: int
    ok: bool
    seconds: float
    detail: str = ""


@dataclass
class LoadResult:
    """Every outcome of a run, with the figures that LOAD.md records."""

    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0
    clients: int = 0

    def of(self, valid: bool) -> list[Outcome]:
        return [o for o in self.outcomes if o.job.valid == valid]

    @property
    def failed_valid(self) -> list[Outcome]:
        return [o for o in self.of(True) if not o.ok]

    @property
    def badly_refused(self) -> list[Outcome]:
        return [o for o in self.of(False) if not o.ok]


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..1) of a non-empty list."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def saved_queries() -> dict[str, str]:
    """Every saved query with its parameters bound, ready to send."""
    from kg.query import list_saved, saved_sparql

    queries = {}
    for saved in list_saved():
        params = {p.name: PARAMS.get(p.name, "딥시크") for p in saved.params if p.required}
        queries[saved.name] = saved_sparql(saved.name, params)
    return queries


def workload(total: int, malformed_share: float = 0.2, seed: int = 8) -> list[Job]:
    """`total` jobs: every saved query in turn, with malformed ones mixed in at random (seeded)."""
    rng = random.Random(seed)
    saved = sorted(saved_queries().items())
    bad = sorted(MALFORMED.items())
    jobs = []
    for i in range(total):
        if rng.random() < malformed_share:
            name, text = bad[rng.randrange(len(bad))]
            jobs.append(Job(name, False, text))
        else:
            name, text = saved[i % len(saved)]
            jobs.append(Job(name, True, text))
    return jobs


def send(query_url: str, job: Job, timeout: float = 60.0) -> Outcome:
    """POST one query; judge the answer (valid: 200 and complete JSON; malformed: 4xx)."""
    data = urllib.parse.urlencode({"query": job.sparql}).encode("utf-8")
    request = urllib.request.Request(
        query_url, data=data, method="POST",
        headers={"Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"},
    )
    started = time.perf_counter()
    status, body, detail = 0, b"", ""
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as exc:
        status, body = exc.code, exc.read()
    except (urllib.error.URLError, OSError) as exc:  # refused, reset, timed out: the server failed
        detail = f"{type(exc).__name__}: {exc}"
    seconds = time.perf_counter() - started
    if job.valid:
        ok = status == 200 and _complete_answer(body)
        if status and not ok:
            detail = body[:200].decode("utf-8", "replace")
    else:
        ok = 400 <= status < 500
        if status and not ok:
            detail = f"HTTP {status}: {body[:200].decode('utf-8', 'replace')}"
    return Outcome(job, status, ok, seconds, detail)


def _complete_answer(body: bytes) -> bool:
    try:
        answer = json.loads(body)
    except ValueError:
        return False
    return isinstance(answer, dict) and ("results" in answer or "boolean" in answer)


def run_load(query_url: str, jobs: list[Job], clients: int = 8) -> LoadResult:
    """Send `jobs` from `clients` concurrent threads; only loopback URLs are accepted."""
    host = urllib.parse.urlsplit(query_url).hostname or ""
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError(f"the load test only targets loopback, not {host!r}")
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        outcomes = list(pool.map(lambda job: send(query_url, job), jobs))
    return LoadResult(outcomes, time.perf_counter() - started, clients)


@contextmanager
def kg_serve(graph: Path, *extra: str, ready_timeout: float = 120.0) -> Iterator[tuple[subprocess.Popen, str]]:
    """Run `kg serve GRAPH --host 127.0.0.1 --port 0 EXTRA...`; yield (process, query URL)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", str(graph), "--host", "127.0.0.1", "--port", "0", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:  # readline in a thread: select() cannot see what Python already buffered
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    try:
        deadline = time.monotonic() + ready_timeout
        url = None
        while url is None:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"kg serve did not start: {process.stderr.read() if process.stderr else ''}")
            try:
                line = lines.get(timeout=0.5)
            except queue.Empty:
                continue
            if line.startswith("SPARQL query endpoint:"):
                url = line.split(":", 1)[1].strip()
        yield process, url
    finally:
        if process.poll() is None:
            process.terminate()  # kg serve stops its Oxigraph server on SIGTERM
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def graph_quads(graph: Path) -> int:
    from kg.graph.store import open_store

    return len(open_store(graph))


def report(result: LoadResult, graph: Path, quads: int, alive: bool) -> str:
    """LOAD.md: the figures of one run."""
    valid, bad = result.of(True), result.of(False)
    lat = [o.seconds * 1000 for o in valid]
    bad_lat = [o.seconds * 1000 for o in bad]
    lines = [
        "# Load test of `kg serve` (loopback)",
        "",
        "Produced by `python benchmarks/load_test.py` (see its docstring); figures from one run.",
        "",
        f"- Date: {time.strftime('%Y-%m-%d %H:%M %Z')}; machine: {platform.machine()}, {os.cpu_count()} CPU(s), "
        f"Python {platform.python_version()}, {platform.system()}",
        f"- Graph: `{graph.name}` (the seeds, {quads} quads), served by `kg serve` on 127.0.0.1 "
        "(Oxigraph, read-only)",
        f"- Load: {len(result.outcomes)} queries from {result.clients} concurrent clients in "
        f"{result.seconds:.1f} s ({len(result.outcomes) / result.seconds:.0f} queries/s)",
        f"- Valid queries (every saved query in turn, parameters bound): {len(valid)}, "
        f"**failed: {len(result.failed_valid)}**",
        f"- Malformed queries (syntax errors, updates, junk, empty): {len(bad)}, refused with HTTP 4xx: "
        f"{len(bad) - len(result.badly_refused)}, otherwise: {len(result.badly_refused)}",
        f"- Server still answering after the run: {'yes' if alive else 'NO'}",
        "",
        "| latency (ms) | p50 | p90 | p99 | max |",
        "| --- | ---: | ---: | ---: | ---: |",
        f"| valid queries | {percentile(lat, .5):.1f} | {percentile(lat, .9):.1f} | {percentile(lat, .99):.1f} "
        f"| {max(lat):.1f} |",
    ]
    if bad_lat:
        lines.append(f"| malformed queries | {percentile(bad_lat, .5):.1f} | {percentile(bad_lat, .9):.1f} "
                     f"| {percentile(bad_lat, .99):.1f} | {max(bad_lat):.1f} |")
    lines += ["", "Per saved query (valid queries, under the same load):", "",
              "| query | n | p50 ms | p99 ms |", "| --- | ---: | ---: | ---: |"]
    for name in sorted({o.job.name for o in valid}):
        times = [o.seconds * 1000 for o in valid if o.job.name == name]
        lines.append(f"| {name} | {len(times)} | {statistics.median(times):.1f} | {percentile(times, .99):.1f} |")
    if result.failed_valid or result.badly_refused:
        lines += ["", "Failures:", ""]
        lines += [f"- {o.job.name}: {o.status} {o.detail}" for o in (result.failed_valid + result.badly_refused)[:20]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", nargs="?", type=Path, help="graph to serve (default: the seeds, built now)")
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--write", type=Path, metavar="LOAD.md", help="write the figures to this file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="aikg-load-") as tmp:
        graph = args.graph
        if graph is None:
            from kg.pipeline import build_graph_file

            graph = Path(tmp) / "seeds.trig"
            build_graph_file([SEEDS], graph)
        jobs = workload(args.queries)
        with kg_serve(graph) as (process, url):
            result = run_load(url, jobs, args.clients)
            alive = process.poll() is None and send(url, Job("probe", True, "ASK {}")).ok
        text = report(result, graph, graph_quads(graph), alive)
    print(text)
    if args.write:
        args.write.write_text(text, encoding="utf-8")
    return 0 if alive and not result.failed_valid and not result.badly_refused else 1


if __name__ == "__main__":
    sys.exit(main())
