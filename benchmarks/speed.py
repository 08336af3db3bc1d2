"""Issue 15's figures: start-up, whole-command speed against Kiwi alone, 10k/30k builds, listings at 10k.

    python benchmarks/run.py speed                                  # every part, then RESULTS.md
    python benchmarks/run.py speed --parts startup,ratio            # some parts (others kept from speed.json)
    python benchmarks/run.py speed --parts scale --scale-sizes 10000,30000

Every figure is a whole command run as a user runs it (`kg build`, `kg query`, in a fresh process), its wall
time, its CPU time (the process and every child it waited for) and the peak PSS of its process tree,
with the load average before and after: the machine has 2 cores and is shared. Results accumulate in
benchmarks/speed.json, in the repository beside RESULTS.md, so that re-running some parts on another
machine keeps the others (each part records when and on what it was measured); the section between the
`speed` markers of RESULTS.md is rewritten from it. Corpora and stores stay in WORK.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import run as R  # noqa: E402  (the runner's helpers: memory sampling, corpus, dumps, queries)

START, END = "<!-- speed:start -->", "<!-- speed:end -->"
PARTS = ("startup", "ratio", "scale", "queries")


def timed(cmd: list[str], env: dict | None = None) -> dict:
    """Run a command; wall, CPU (self + waited-for children), tree peak PSS, load before/after, exit code."""
    load0 = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    w0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=str(ROOT),
                            env=env)
    watch = R.TreeMemory(proc.pid, interval=0.2)
    watch.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - w0
    watch.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"cmd": " ".join(cmd[2:]) if cmd[:2] == [sys.executable, "-m"] else " ".join(cmd), "wall": wall,
            "cpu": cpu, "pss_kb": watch.peak_pss, "rss_kb": watch.peak_rss, "load": [load0, os.getloadavg()[0]],
            "exit": proc.returncode, "stdout_tail": out[-300:], "stderr_tail": err[-300:]}


def kg(*args: object) -> list[str]:
    return [sys.executable, "-m", "kg.cli", *map(str, args)]


def graph_digest(path: Path) -> str:
    """sha256 of a graph file's sorted lines: the same graph in any order of N-Quads gives the same digest."""
    return R.hashlib.sha256(b"".join(sorted(path.read_bytes().splitlines(True)))).hexdigest()


def median_of(runs: list[dict], key: str = "wall") -> float:
    return statistics.median(r[key] for r in runs)


# ============================================================================ parts
def part_startup(work: Path, reps: int) -> dict:
    """One article built into a file; kg query on that small graph and on a small store; where the time goes."""
    one = work / "one"
    shutil.rmtree(one, ignore_errors=True)
    one.mkdir(parents=True)
    seed = sorted((ROOT / "seeds").glob("*.txt"))[0]
    shutil.copy(seed, one / seed.name)
    small = work / "small.ttl"
    store = work / "small-store"
    shutil.rmtree(store, ignore_errors=True)
    subprocess.run(kg("build", ROOT / "seeds", "-o", store, "--quiet"), check=True, cwd=ROOT)
    res: dict[str, Any] = {"article": seed.name, "chars": len(seed.read_text(encoding="utf-8"))}
    runs = [timed(kg("build", one, "-o", small, "--quiet")) for _ in range(reps)]
    res["build_one"] = runs
    res["query_file"] = [timed(kg("query", small, "--saved", "models")) for _ in range(reps)]
    res["query_store"] = [timed(kg("query", store, "--saved", "models")) for _ in range(reps)]
    res["query_list"] = [timed(kg("query", "--list")) for _ in range(reps)]
    phases = subprocess.run([sys.executable, str(HERE / "speed.py"), "_phases", str(one / seed.name)],
                            capture_output=True, text=True, cwd=ROOT, check=True)
    res["phases"] = json.loads(phases.stdout.strip().splitlines()[-1])
    return res


def child_phases(path: str) -> None:
    """Each start-up step of a one-article build, one after the other in one process (no overlap)."""
    marks: list[tuple[str, float]] = []
    t = time.perf_counter()

    def mark(label: str) -> None:
        nonlocal t
        now = time.perf_counter()
        marks.append((label, now - t))
        t = now

    import kg.cli  # noqa: F401

    mark("python + kg.cli (argument parsing)")
    import kg.kiwi

    mark("import kiwipiepy (kg.kiwi)")
    from kg.kb import load_kb

    load_kb()
    mark("knowledge base (load_kb; cached on disk)")
    kg.kiwi.get_kiwi()
    mark("Kiwi() with the KB's user words")
    kg.kiwi.warm_up()
    mark("Kiwi's first call (lazy initialisation)")
    import kg.pipeline  # noqa: F401

    mark("import the build: graph builder, Oxigraph, rdflib (kg.pipeline)")
    from kg.extract.run import build_nlp

    mark("import spaCy and the extraction code (kg.extract.run; at the first article)")
    build_nlp()
    mark("build the pipeline (components, alias index, gc)")
    from kg.ingest import read_article

    article = read_article(Path(path))
    mark("read the article (ingest)")
    pieces = kg.kiwi.morphemes(article.analysis_text)
    mark("Kiwi: tokenise the article")
    from kg.pipeline import _extract_batch

    [(_name, quads, _problem, _digest)] = _extract_batch([(Path(path), article, None, pieces)])
    mark("extract and build the article's quads")
    import pyoxigraph as ox

    from kg.graph.build import kb_closure, kb_ids_of, kb_quads
    from kg.graph.store import serialize_sorted

    store = ox.Store()
    store.extend(quads)
    kb = load_kb()
    store.extend(kb_quads(kb, kb_closure(kb, kb_ids_of(quads))))
    serialize_sorted(store, ox.RdfFormat.TURTLE)
    mark("KB background, merge, sorted Turtle")
    print(json.dumps(marks))


def part_ratio(work: Path, n: int) -> dict:
    """Whole `kg build` against Kiwi alone over the same text, for short and for ~3k-character articles."""
    from generate import generate

    out: dict[str, Any] = {}
    for label, short in (("short", True), ("long", False)):
        corpus = work / f"ratio-{label}-{n}"
        if not (corpus / "corpus.json").exists():
            shutil.rmtree(corpus, ignore_errors=True)
            generate(n, corpus, 0, short=short)
        files = sorted(corpus.rglob("*.txt"))
        lst = work / f"ratio-{label}.list"
        lst.write_text("\n".join(map(str, files)), encoding="utf-8")
        floor_out, floor_info = R.run_child("floor", {"list": str(lst)})
        rec: dict[str, Any] = {"articles": len(files), "chars": floor_out[0]["chars"],
                               "floor": {**floor_out[0], "load": [floor_info["load_before"][0],
                                                                  floor_info["load_after"][0]]}}
        for workers in (1, 2):
            target = work / f"ratio-{label}-w{workers}.nq"
            rec[f"w{workers}"] = timed(kg("build", corpus, "-o", target, "--workers", workers, "--quiet"))
            rec[f"w{workers}"]["sha256"] = graph_digest(target)
        out[label] = rec
    return out


def part_scale(work: Path, sizes: list[int], cluster_size: int) -> dict:
    """`kg build DIR -o STORE --workers 2` at each size; the same graph from 1 worker and the Dask path."""
    corpus = R.ensure_corpus(work, max(sizes + [cluster_size]), 0)
    files = R.corpus_files(corpus)
    # sizes measured before stay (run 10,000 and 30,000 on different days): each keeps when it was measured
    earlier = load_results().get("scale", {})
    out: dict[str, Any] = {"sizes": dict(earlier.get("sizes", {}))}
    for size in sorted(sizes):
        base = work / f"scale-{size}"
        shutil.rmtree(base, ignore_errors=True)
        base.mkdir(parents=True)
        view = R.make_view(corpus, files[:size], base / "articles") if size < len(files) else corpus
        chars = sum(len(f.read_bytes().decode("utf-8")) for f in files[:size])
        rec = timed(kg("build", view, "-o", base / "store", "--workers", 2, "--quiet"))
        if rec["exit"] != 0:
            raise SystemExit(f"kg build of {size:,} articles failed ({rec['exit']}): {rec['stderr_tail']}")
        rec["chars"] = chars
        rec["measured"] = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
        rec["store_bytes"] = sum(f.stat().st_size for f in (base / "store").rglob("*") if f.is_file())
        out["sizes"][str(size)] = rec
        keep = work / "store-10000"
        if size == 10_000:  # the queries part reads it
            shutil.rmtree(keep, ignore_errors=True)
            shutil.move(str(base / "store"), keep)
        shutil.rmtree(base, ignore_errors=True)
        save_partial("scale", out)
    if cluster_size:
        out["same_graph"] = same_graph(work, corpus, files[:cluster_size])
    elif "same_graph" in earlier:  # --same-graph-size 0: keep the last check
        out["same_graph"] = earlier["same_graph"]
    return out


def same_graph(work: Path, corpus: Path, files: list[Path]) -> dict:
    """Sorted N-Quads of `--workers 1`, `--workers 2` and `--cluster` (a local 2-worker Dask cluster) builds."""
    base = work / f"same-{len(files)}"
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    view = R.make_view(corpus, files, base / "articles")
    dumps: dict[str, Any] = {}
    for label, extra in (("w1", ["--workers", "1"]), ("w2", ["--workers", "2"]), ("cluster", None)):
        store = base / f"store-{label}"
        if extra is None:
            rec = cluster_build(view, store)
        else:
            rec = timed(kg("build", view, "-o", store, *extra, "--quiet"))
        dump, _ = R.run_child("dump", {"store": str(store), "tmp": str(base / f"{label}.nq")})
        dumps[label] = {**rec, **dump[0]}
    shas = {d["sha256"] for d in dumps.values()}
    shutil.rmtree(base, ignore_errors=True)
    return {"articles": len(files), "builds": dumps, "equal": len(shas) == 1,
            "measured": dt.datetime.now().strftime("%Y-%m-%d %H:%M")}


def cluster_build(view: Path, store: Path) -> dict:
    """`kg build --cluster` against a LocalCluster of 2 single-threaded worker processes on loopback."""
    code = (
        "import sys\n"
        "from distributed import LocalCluster\n"
        "from kg.cli import main\n"
        "with LocalCluster(n_workers=2, threads_per_worker=1, host='127.0.0.1', dashboard_address=None,"
        " processes=True) as c:\n"
        f"    sys.exit(main(['build', {str(view)!r}, '-o', {str(store)!r}, '--cluster', c.scheduler_address,"
        " '--quiet']))\n"
    )
    return timed([sys.executable, "-c", code])


def part_queries(work: Path, per_query_s: float, limit_s: float) -> dict:
    """Every saved query on the 10,000-article store as `kg query` runs it (a listing: its first page)."""
    store = work / "store-10000"
    if not store.exists():
        return {"error": "no 10,000-article store (run the scale part first)"}
    done: list[dict] = []
    skip: list[str] = []
    thing = None
    while True:
        args = {"store": str(store), "per_query_s": per_query_s, "skip": skip, "thing": thing, "paged": True}

        def watchdog(results: list[dict]) -> bool:
            """Stop the query whose current run has taken longer than limit_s (not its repetitions together)."""
            marks = [r for r in results if "start" in r or "ran" in r]
            if not marks:
                return False
            name = next(r["start"] for r in reversed(marks) if "start" in r)
            finished = any(r.get("query") == name for r in results)
            return not finished and time.monotonic() - marks[-1]["_at"] > limit_s

        out, info = R.run_child("queries", args, watchdog=watchdog)
        thing = next((r["thing"] for r in out if "thing" in r), thing)
        done += [{k: v for k, v in r.items() if k != "_at"} for r in out if "query" in r]
        if not info["timed_out"]:
            break
        stuck = [r for r in out if "start" in r][-1]
        done.append({"query": stuck["start"], "optional_given": stuck.get("optional_given", False), "timeout": True})
        skip = [r["query"] for r in done]
    return {"thing": thing, "queries": sorted(done, key=lambda r: r["query"]), "limit_s": limit_s}


# ============================================================================ results
RESULTS_JSON = HERE / "speed.json"


def load_results(path: Path = RESULTS_JSON) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def save_partial(part: str, value: Any, path: Path = RESULTS_JSON) -> None:
    """Store one part's figures with the date and machine they were measured on."""
    data = load_results(path)
    data[part] = {**value, "measured": dt.datetime.now().strftime("%Y-%m-%d %H:%M"), "machine": R.machine()}
    path.write_text(json.dumps(data, indent=1, default=str, ensure_ascii=False) + "\n", encoding="utf-8")


def where(part: dict) -> str:
    """When and on what a part was measured, as a sentence."""
    m = part.get("machine") or {}
    return (f"Measured {part.get('measured', '?')} on {m.get('nproc')} CPUs ({m.get('cpu')}), {m.get('ram_gb')} GB "
            f"RAM; Python {m.get('python')}, kiwipiepy {m.get('kiwipiepy')}, spaCy {m.get('spacy')}, pyoxigraph "
            f"{m.get('pyoxigraph')}.")


def render(data: dict) -> str:
    """The speed section of RESULTS.md."""
    lines = [START, "## Issue 15: speed where users feel it", "",
             "Generated by `python benchmarks/run.py speed` from `benchmarks/speed.json`; each part says when and "
             "on what machine it was measured. Load average (1 min) before→after each step: the machine is shared, "
             "so CPU seconds are given too (the command's own and its children's).", ""]
    st = data.get("startup")
    if st:
        lines += ["### Start-up", "", where(st), "",
                  "| command | runs | wall p50 | wall min | CPU p50 | peak PSS | load |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | --- |"]
        for key, what in (("build_one", f"`kg build ONE -o OUT.ttl` (one seed article, {st['chars']:,} chars)"),
                          ("query_file", "`kg query small.ttl --saved models` (5 articles)"),
                          ("query_store", "`kg query STORE --saved models` (5-article store)"),
                          ("query_list", "`kg query --list`")):
            runs = st[key]
            lines.append(f"| {what} | {len(runs)} | {median_of(runs):.2f} s | {min(r['wall'] for r in runs):.2f} s | "
                         f"{median_of(runs, 'cpu'):.2f} s | {statistics.median(r['pss_kb'] for r in runs) / 1024:,.0f}"
                         f" MB | {runs[0]['load'][0]:.2f}→{runs[-1]['load'][1]:.2f} |")
        lines += ["", "Where the seconds of a one-article build go, each step alone and one after the other in one "
                  "process (in `kg build` the Kiwi steps run in the tokenizer process, beside the import and "
                  "pipeline steps):", "", "| step | seconds |", "| --- | ---: |"]
        lines += [f"| {label} | {sec:.2f} |" for label, sec in st["phases"]]
        lines += [f"| **sum** | **{sum(s for _l, s in st['phases']):.2f}** |", ""]
    ra = data.get("ratio")
    if ra:
        lines += ["### Whole command against Kiwi alone", "", where(ra), "",
                  "Kiwi alone: its `tokenize` over every article text in one process, after loading and its first "
                  "call (as in the issue). Ratio = Kiwi-alone wall / whole-command wall (≥ 0.5 is the target).", "",
                  "| corpus | articles | chars | Kiwi alone | `kg build -o X.nq` workers 1: wall (CPU) | ratio | "
                  "workers 2: wall (CPU) | ratio | same graph | load |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"]
        for label, what in (("short", "short (~550 chars)"), ("long", "long (~3,150 chars)")):
            r = ra.get(label)
            if not r:
                continue
            fw = r["floor"]["wall"]
            lines.append(f"| {what} | {r['articles']} | {r['chars']:,} | {fw:.1f} s | {r['w1']['wall']:.1f} s "
                         f"({r['w1']['cpu']:.1f} s) | **{fw / r['w1']['wall']:.2f}** | {r['w2']['wall']:.1f} s "
                         f"({r['w2']['cpu']:.1f} s) | **{fw / r['w2']['wall']:.2f}** | "
                         f"{'yes' if r['w1']['sha256'] == r['w2']['sha256'] else 'NO'} | "
                         f"{r['floor']['load'][0]:.2f}→{r['w2']['load'][1]:.2f} |")
        lines.append("")
    sc = data.get("scale")
    if sc:
        lines += ["### Into an on-disk store with `--workers 2`", "", where(sc), "",
                  "| articles | chars | wall | CPU | chars/s wall | peak PSS (tree) | store | load | measured |",
                  "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"]
        sizes = sorted(sc["sizes"], key=int)
        for s in sizes:
            r = sc["sizes"][s]
            lines.append(f"| {int(s):,} | {r['chars']:,} | {r['wall']:.0f} s | {r['cpu']:.0f} s | "
                         f"{r['chars'] / r['wall']:,.0f} | {r['pss_kb'] / 1024:,.0f} MB | "
                         f"{r['store_bytes'] / 2**20:,.0f} MB | {r['load'][0]:.2f}→{r['load'][1]:.2f} | "
                         f"{r.get('measured', sc.get('measured', '?'))} |")
        if len(sizes) >= 2:
            a, b = sc["sizes"][sizes[0]], sc["sizes"][sizes[-1]]
            slope = (b["wall"] - a["wall"]) / (int(sizes[-1]) - int(sizes[0]))
            t100 = b["wall"] + slope * (100_000 - int(sizes[-1]))
            lines += ["", f"Extrapolated from the slope between {int(sizes[0]):,} and {int(sizes[-1]):,} articles "
                      f"({slope * 1000:.1f} ms per article): **100,000 articles ≈ {t100 / 60:.0f} min** "
                      f"(target 45); peak memory grows "
                      f"{(b['pss_kb'] - a['pss_kb']) / 1024:,.0f} MB over those "
                      f"{int(sizes[-1]) - int(sizes[0]):,} articles."]
        sg = sc.get("same_graph")
        if sg:
            b = sg["builds"]
            lines += ["", f"Same graph at {sg['articles']:,} articles: `--workers 1` {b['w1']['wall']:.0f} s, "
                      f"`--workers 2` {b['w2']['wall']:.0f} s, `--cluster` (LocalCluster, 2 workers) "
                      f"{b['cluster']['wall']:.0f} s; sorted N-Quads "
                      f"{'byte-identical' if sg['equal'] else 'DIFFERENT'} ({b['w1']['lines']:,} quads, sha256 "
                      f"{b['w1']['sha256'][:12]}…)" + (f", checked {sg['measured']}" if sg.get("measured") else "")
                      + "."]
        lines.append("")
    qu = data.get("queries")
    if qu and "queries" in qu:
        rows = qu["queries"]
        plain = [r for r in rows if not r.get("optional_given")]  # the queries as first run; the others
        fast = [r for r in plain if "p50_s" in r and r["p50_s"] <= 0.2]  # again with optional parameters
        lines += ["### Saved queries at 10,000 articles, as `kg query` runs them", "", where(qu), "",
                  f"A listing (`# page: 50`) returns its first 50 rows and counts the rest; parameters get "
                  f"'{qu.get('thing')}' (a query's optional ones in a row of their own, \"given\"). "
                  f"**{len(fast)} of {len(plain)} answer within 200 ms p50.**", "",
                  "| query | rows shown | total | runs | p50 ms | p99 ms | first ms |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for r in rows:
            if "p50_s" not in r:
                lines.append(f"| {r['query']} | | | | stopped after {qu['limit_s']:.0f} s | | |")
                continue
            mark = "" if r["p50_s"] <= 0.2 else " ⚠"
            total = f"{r['total']:,}" if r.get("total") is not None else f"{r['rows']:,}"
            lines.append(f"| {r['query']} | {r['rows']:,} | {total} | {r['runs']} | {r['p50_s'] * 1000:,.1f}{mark} | "
                         f"{r['p99_s'] * 1000:,.1f} | {r['first_s'] * 1000:,.1f} |")
        lines.append("")
    lines.append(END)
    return "\n".join(lines) + "\n"


def write(data: dict, path: Path = R.RESULTS) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    section = render(data)
    if START in text and END in text:
        text = text[: text.index(START)] + section + text[text.index(END) + len(END) + 1:]
    else:
        head, sep, rest = text.partition("\n## ")
        text = head.rstrip() + "\n\n" + section + ("\n## " + rest if sep else "")
    path.write_text(text, encoding="utf-8")


def main(argv: list[str]) -> int:
    if argv[:1] == ["_phases"]:
        child_phases(argv[1])
        return 0
    parser = argparse.ArgumentParser(prog="run.py speed", description=__doc__.split("\n\n")[0])
    parser.add_argument("--parts", default=",".join(PARTS), help=f"comma-separated, of {', '.join(PARTS)}")
    parser.add_argument("--work", default="/tmp/aikg-bench", type=Path)
    parser.add_argument("--reps", type=int, default=5, help="runs of each start-up command")
    parser.add_argument("--ratio-articles", type=int, default=600)
    parser.add_argument("--scale-sizes", default="10000,30000")
    parser.add_argument("--same-graph-size", type=int, default=1000, help="0: keep the last same-graph check")
    parser.add_argument("--query-limit", type=float, default=10.0)
    parser.add_argument("--query-reps-s", type=float, default=5.0)
    parser.add_argument("--render", action="store_true", help="only rewrite RESULTS.md from benchmarks/speed.json")
    opts = parser.parse_args(argv)
    opts.work.mkdir(parents=True, exist_ok=True)
    if not opts.render:
        for part in opts.parts.split(","):
            print(f"[{dt.datetime.now():%H:%M:%S} load {os.getloadavg()[0]:.2f}] {part}", flush=True)
            if part == "startup":
                value = part_startup(opts.work, opts.reps)
            elif part == "ratio":
                value = part_ratio(opts.work, opts.ratio_articles)
            elif part == "scale":
                value = part_scale(opts.work, [int(s) for s in opts.scale_sizes.split(",")], opts.same_graph_size)
            elif part == "queries":
                value = part_queries(opts.work, opts.query_reps_s, opts.query_limit)
            else:
                parser.error(f"unknown part {part!r}")
            save_partial(part, value)
    data = load_results()
    write(data)
    print(render(data))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
