"""Benchmark: rdflib vs pyoxigraph (in memory and on disk) on a graph shaped like aikg's.

Run on demand (not part of the tests):

    python benchmarks/bench_store.py                 # ~330k quads, writes benchmarks/STORE.md
    python benchmarks/bench_store.py --articles 6000 # ~1M quads

The data is generated deterministically (fixed seed) in the shape `kg build`
writes (see tests/fixtures/mini.trig): a knowledge-base graph plus one named
graph per article with its mentions, plain facts and one reified aikg:Claim
per fact, MonetaryAmount and Ranking nodes. Each engine runs in its own
process, so its peak memory (ru_maxrss) is its own; it loads the same N-Quads
file, then runs saved queries (union of named graphs) several times and
reports the median. A query that runs past --limit seconds is stopped.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = Path(__file__).resolve().parent / "STORE.md"
START, END = "<!-- bench_store:start -->", "<!-- bench_store:end -->"

AIKG = "https://w3id.org/aikg/ontology#"
ID = "https://w3id.org/aikg/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"

QUERIES = [
    ("models", {}),
    ("conflicts", {}),
    ("entity-card", {"thing": "딥시크 7"}),
    ("most-mentioned", {}),
    ("single-source-facts", {}),
]
ENGINES = ["rdflib", "oxigraph-memory", "oxigraph-disk"]


# ---------------------------------------------------------------- data


def _iri(local: str) -> str:
    return f"<{ID}{local}>"


def _p(ns: str, local: str) -> str:
    return f"<{ns}{local}>"


def _lit(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if lang:
        return f'"{escaped}"@{lang}'
    if datatype:
        return f'"{escaped}"^^<{XSD}{datatype}>'
    return f'"{escaped}"'


def generate(path: Path, articles: int, seed: int = 7) -> int:
    """Write an N-Quads file shaped like a built aikg graph; returns the quad count."""
    rng = random.Random(seed)
    lines: list[str] = []
    kb = _iri("graph/kb")

    def q(s: str, p: str, o: str, g: str) -> None:
        lines.append(f"{s} {p} {o} {g} .\n")

    countries = [("CN", "China", "중국"), ("US", "United States", "미국"), ("KR", "South Korea", "한국")]
    countries += [(f"C{i}", f"Country {i}", f"나라 {i}") for i in range(7)]
    n_orgs, n_models, n_people = max(50, articles // 4), max(100, articles), max(50, articles // 2)
    board = _iri("lm-arena")
    q(board, _p(RDF, "type"), _p(AIKG, "Leaderboard"), kb)
    q(board, _p(RDFS, "label"), _lit("LM Arena", "en"), kb)
    for code, name, ko in countries:
        c = _iri(f"country-{code}")
        q(c, _p(RDF, "type"), _p(AIKG, "Country"), kb)
        q(c, _p(RDFS, "label"), _lit(name, "en"), kb)
        q(c, _p(SKOS, "altLabel"), _lit(ko, "ko"), kb)
        q(c, _p(AIKG, "isoCode"), _lit(code), kb)
    claim_no = 0

    def kb_claim(s: str, p: str, o: str) -> None:
        nonlocal claim_no
        claim_no += 1
        c = _iri(f"claim/kb-{claim_no}")
        q(c, _p(RDF, "type"), _p(AIKG, "Claim"), kb)
        q(c, _p(RDF, "subject"), s, kb)
        q(c, _p(RDF, "predicate"), p, kb)
        q(c, _p(RDF, "object"), o, kb)
        q(c, _p(AIKG, "source"), _iri("source/knowledge-base"), kb)
        q(c, _p(AIKG, "confidence"), _lit("1.0", datatype="decimal"), kb)

    for i in range(n_orgs):
        o = _iri(f"org-{i}")
        q(o, _p(RDF, "type"), _p(AIKG, "Organization"), kb)
        q(o, _p(RDFS, "label"), _lit(f"Org {i}", "en"), kb)
        q(o, _p(SKOS, "altLabel"), _lit(f"딥시크 {i}" if i % 10 == 7 else f"기업 {i}", "ko"), kb)
        country = _iri(f"country-{countries[i % len(countries)][0]}")
        q(o, _p(AIKG, "country"), country, kb)
        kb_claim(o, _p(AIKG, "country"), country)
    for i in range(n_models):
        m = _iri(f"model-{i}")
        q(m, _p(RDF, "type"), _p(AIKG, "AIModel"), kb)
        q(m, _p(RDFS, "label"), _lit(f"Model-{i}", "en"), kb)
        q(m, _p(SKOS, "altLabel"), _lit(f"모델 {i}", "ko"), kb)
        dev = _iri(f"org-{i % n_orgs}")
        q(m, _p(AIKG, "developedBy"), dev, kb)
        kb_claim(m, _p(AIKG, "developedBy"), dev)
    for i in range(n_people):
        person = _iri(f"person-{i}")
        q(person, _p(RDF, "type"), _p(AIKG, "Person"), kb)
        q(person, _p(RDFS, "label"), _lit(f"Person {i}", "en"), kb)
        q(person, _p(SKOS, "altLabel"), _lit(f"사람 {i}", "ko"), kb)

    for a in range(articles):
        g = _iri(f"graph/a{a}")
        art = _iri(f"article/a{a}")
        day = 1 + a % 28
        q(art, _p(RDF, "type"), _p(AIKG, "Article"), g)
        q(art, _p(AIKG, "file"), _lit(f"{a:05d}.txt"), g)
        q(art, _p(AIKG, "contentHash"), _lit(f"sha256:{rng.getrandbits(64):016x}"), g)
        q(art, _p(SCHEMA, "headline"), _lit(f"AI 뉴스 {a}: 모델 공개", "ko"), g)
        q(art, _p(SCHEMA, "datePublished"), _lit(f"2025-{1 + a % 12:02d}-{day:02d}", datatype="date"), g)
        q(art, _p(SCHEMA, "publisher"), _iri(f"org-{a % 17}"), g)
        models = [rng.randrange(n_models) for _ in range(3)]
        orgs = [rng.randrange(n_orgs) for _ in range(3)]
        people = [rng.randrange(n_people) for _ in range(2)]
        things = [f"model-{m}" for m in models] + [f"org-{o}" for o in orgs] + [f"person-{p}" for p in people]
        things += [f"country-{countries[rng.randrange(3)][0]}"]
        for t in things:
            q(art, _p(SCHEMA, "mentions"), _iri(t), g)
        facts: list[tuple[str, str, str, list[tuple[str, str, str]]]] = []
        for m in models:
            params = rng.choice([7, 8, 13, 70, 405, 671, 685]) * 1_000_000_000
            facts.append((_iri(f"model-{m}"), "parameterCount", _lit(str(params), datatype="integer"), []))
            facts.append(
                (
                    _iri(f"model-{m}"),
                    "releaseDate",
                    _lit(f"2024-{1 + rng.randrange(12):02d}", datatype="gYearMonth"),
                    [],
                )
            )
        amount = _iri(f"amount/a{a}")
        money = [
            (amount, _p(RDF, "type"), _p(SCHEMA, "MonetaryAmount")),
            (amount, _p(SCHEMA, "value"), _lit(f"{rng.randrange(1, 100)}000000", datatype="decimal")),
            (amount, _p(SCHEMA, "currency"), _lit(rng.choice(["USD", "KRW", "CNY"]))),
        ]
        facts.append((_iri(f"model-{models[0]}"), "trainingCost", amount, money))
        facts.append((_iri(f"org-{orgs[0]}"), "uses", _iri(f"model-{models[1]}"), []))
        facts.append((_iri(f"person-{people[0]}"), "worksFor", _iri(f"org-{orgs[1]}"), []))
        ranking = _iri(f"ranking/a{a}")
        rank = [
            (ranking, _p(RDF, "type"), _p(AIKG, "Ranking")),
            (ranking, _p(AIKG, "leaderboard"), _iri("lm-arena")),
            (ranking, _p(AIKG, "rank"), _lit(str(1 + rng.randrange(50)), datatype="integer")),
        ]
        facts.append((_iri(f"model-{models[2]}"), "ranking", ranking, rank))
        for n, (s, prop, o, extra) in enumerate(facts):
            q(s, _p(AIKG, prop), o, g)
            for es, ep, eo in extra:
                q(es, ep, eo, g)
            c = _iri(f"claim/a{a}-{n}")
            q(c, _p(RDF, "type"), _p(AIKG, "Claim"), g)
            q(c, _p(RDF, "subject"), s, g)
            q(c, _p(RDF, "predicate"), _p(AIKG, prop), g)
            q(c, _p(RDF, "object"), o, g)
            q(c, _p(AIKG, "source"), art, g)
            q(c, _p(AIKG, "evidence"), _lit(f"기사 {a}의 {n}번째 문장은 사실 하나를 말한다."), g)
            q(c, _p(AIKG, "charStart"), _lit(str(n * 40), datatype="integer"), g)
            q(c, _p(AIKG, "charEnd"), _lit(str(n * 40 + 38), datatype="integer"), g)
            q(c, _p(AIKG, "confidence"), _lit("0.8", datatype="decimal"), g)
            if prop == "worksFor":
                q(c, _p(AIKG, "role"), _lit("CEO"), g)
        c = _iri(f"claim/a{a}-said")
        q(c, _p(RDF, "type"), _p(AIKG, "Claim"), g)
        q(c, _p(AIKG, "statedBy"), _iri(f"person-{people[1]}"), g)
        q(c, _p(AIKG, "about"), _iri(f"org-{orgs[2]}"), g)
        q(c, _p(AIKG, "claimType"), _lit(rng.choice(["assessment", "forecast", "comparison"])), g)
        q(c, _p(AIKG, "source"), art, g)
        q(c, _p(AIKG, "evidence"), _lit(f"사람 {people[1]}은 기업 {orgs[2]}이 성장할 것이라고 말했다."), g)
    path.write_text("".join(lines), encoding="utf-8")
    return len(lines)


# ---------------------------------------------------------------- workers


class QueryTimeout(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise QueryTimeout


def _rss_mb() -> float:
    """Peak resident memory of this process in MB.

    VmHWM rather than ru_maxrss: Linux carries ru_maxrss over from the parent
    across exec, so a worker would inherit the generator's peak.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(engine: str, data: Path, runs: int, limit: float) -> dict:
    """Load `data` with one engine, time the saved queries, report peak memory."""
    sys.path.insert(0, str(ROOT))
    from kg.query import bind_params, get_saved

    texts = {name: bind_params(get_saved(name).text, params, get_saved(name)) for name, params in QUERIES}
    if engine == "rdflib":
        import rdflib
    else:
        import pyoxigraph as ox
    baseline = _rss_mb()
    workdir = Path(tempfile.mkdtemp(prefix="aikg-bench-"))
    started = time.perf_counter()
    if engine == "rdflib":
        graph = rdflib.Dataset(default_union=True)
        graph.parse(str(data), format="nquads")

        def run(text: str) -> int:
            return len(list(graph.query(text)))

    else:
        store = ox.Store(str(workdir / "store")) if engine == "oxigraph-disk" else ox.Store()
        store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
        if engine == "oxigraph-disk":
            store.flush()

        def run(text: str) -> int:
            return len(list(store.query(text, use_default_graph_as_union=True)))

    load = time.perf_counter() - started
    timings: dict[str, dict] = {}
    signal.signal(signal.SIGALRM, _alarm)
    for name, _ in QUERIES:
        times, rows = [], None
        for _ in range(runs):
            signal.setitimer(signal.ITIMER_REAL, limit)
            t0 = time.perf_counter()
            try:
                rows = run(texts[name])
            except QueryTimeout:
                times = None
                break
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            times.append(time.perf_counter() - t0)
            if times[-1] > limit / 4:  # slow enough that one run says it
                break
        timings[name] = {
            "median": statistics.median(times) if times else None,
            "rows": rows,
            "runs": len(times or []),
        }
    disk = sum(f.stat().st_size for f in workdir.rglob("*") if f.is_file()) / 1e6
    shutil.rmtree(workdir, ignore_errors=True)
    return {
        "engine": engine,
        "load": load,
        "queries": timings,
        "peak_mb": _rss_mb(),
        "baseline_mb": baseline,
        "disk_mb": disk,
    }


# ---------------------------------------------------------------- report


def _fmt_time(seconds: float | None, limit: float) -> str:
    if seconds is None:
        return f"> {limit:.0f} s"
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def table(results: list[dict], limit: float) -> str:
    """A Markdown table, one column per engine; `≠` marks a row count unlike Oxigraph's."""
    header = ["", *[r["engine"] for r in results]]
    rows = [["load N-Quads", *[_fmt_time(r["load"], limit) for r in results]]]
    reference = next((r for r in results if r["engine"].startswith("oxigraph")), None)
    for name, _ in QUERIES:
        cells = []
        expected = reference["queries"][name]["rows"] if reference else None
        for r in results:
            info = r["queries"][name]
            cell = _fmt_time(info["median"], limit)
            if info["rows"] is not None:
                wrong = expected is not None and info["rows"] != expected
                cell += f" ({info['rows']} rows{' ≠' if wrong else ''})"
            cells.append(cell)
        rows.append([f"query `{name}` (median)", *cells])
    rows.append(["peak RSS (after imports)", *[f"{r['peak_mb']:.0f} MB ({r['baseline_mb']:.0f} MB)" for r in results]])
    rows.append(["on-disk store size", *[f"{r['disk_mb']:.0f} MB" if r["disk_mb"] else "-" for r in results]])
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    lines.append("")
    lines.append("`≠`: a different number of rows than Oxigraph answered (a wrong answer).")
    return "\n".join(lines)


def write_report(body: str) -> None:
    section = f"{START}\n{body}\n{END}"
    text = (
        REPORT.read_text(encoding="utf-8")
        if REPORT.exists()
        else (
            "# Store benchmark\n\nWhy aikg keeps its graph in Oxigraph: `benchmarks/bench_store.py` loads "
            "the same generated graph into rdflib and pyoxigraph and times saved queries. Re-run with "
            "`python benchmarks/bench_store.py`; it rewrites the section below.\n\n"
        )
    )
    if START in text and END in text:
        text = text[: text.index(START)] + section + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    REPORT.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000, help="articles to generate (2000 = ~330k quads)")
    parser.add_argument("--runs", type=int, default=5, help="runs per query (median reported)")
    parser.add_argument("--limit", type=float, default=120.0, help="seconds before a query is given up")
    parser.add_argument("--engines", default=",".join(ENGINES), help="comma-separated subset of " + ", ".join(ENGINES))
    parser.add_argument("--no-write", action="store_true", help="print only; leave STORE.md alone")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, Path(args.data), args.runs, args.limit)))
        return 0
    with tempfile.TemporaryDirectory(prefix="aikg-bench-") as tmp:
        data = Path(tmp) / "graph.nq"
        quads = generate(data, args.articles)
        size = data.stat().st_size / 1e6
        print(f"generated {quads} quads ({size:.0f} MB N-Quads, {args.articles} article graphs)", flush=True)
        results = []
        for engine in args.engines.split(","):
            print(f"running {engine} ...", flush=True)
            command = [sys.executable, __file__, "--worker", engine, "--data", str(data)]
            command += ["--runs", str(args.runs), "--limit", str(args.limit)]
            done = subprocess.run(
                command, capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": "0"}
            )
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    import platform

    import pyoxigraph
    import rdflib

    body = (
        f"Generated graph: {quads} quads in {args.articles + 1} named graphs ({size:.0f} MB of N-Quads), "
        f"seed 7. Queries are saved queries run over the union of the named graphs; median of up to "
        f"{args.runs} runs. rdflib {rdflib.__version__} (`Dataset(default_union=True)`), pyoxigraph "
        f"{pyoxigraph.__version__}; Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs.\n\n" + table(results, args.limit)
    )
    print(body)
    if not args.no_write:
        write_report(body)
        print(f"\nwritten to {REPORT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
