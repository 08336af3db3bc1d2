"""Profile the pipeline on generated articles, and measure proposed fixes before they are applied.

    python benchmarks/profile_pipeline.py profile [--articles 200]    # pyinstrument (or cProfile) tree + top
    python benchmarks/profile_pipeline.py variants [--articles 80]    # before/after of the proposed fixes
    python benchmarks/profile_pipeline.py writes --store STORE        # store writes: now and proposed
    python benchmarks/profile_pipeline.py replay --store STORE --rounds 25   # the writer as its store grows (P10)
    python benchmarks/profile_pipeline.py memory [--store NEW_DIR]    # memory growth while extracting
    python benchmarks/profile_pipeline.py storemem --store STORE --mode replace|replace-flush|bulk
    python benchmarks/profile_pipeline.py queries --store STORE [--dedup]   # saved vs rewritten vs deduplicated

Why the variants run here and not in kg/: the benchmarks only read kg/, so a
proposed fix is tried by patching it into a separate process (the same code
path, nothing else changed), and its graph is checked to be identical to the
unpatched one before its speed counts. Each variant runs in its own process,
variants interleaved over several rounds, and the median chars per
CPU-second is reported, because the machine is shared.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VARIANTS = ("baseline", "gc", "words", "all")  # see `child`


def corpus(n: int, seed: int = 0) -> list[Path]:
    """The first `n` articles of the benchmark corpus (generated once into /tmp)."""
    sys.path.insert(0, str(HERE))
    import generate

    out = Path(f"/tmp/aikg-profile-s{seed}-n{n}")
    marker = out / "corpus.json"
    if not marker.exists() or json.loads(marker.read_text()).get("generator_version") != generate.GENERATOR_VERSION:
        generate.generate(n, out, seed)
    return sorted(out.glob("*/*.txt"))


def patch_words() -> None:
    """Proposed fix: split each sentence into words once per doc (entities and relations both do it)."""
    import kg.extract.sentence as sentence

    import kg.extract.entities as entities
    import kg.extract.words as words

    original = words.split_words

    def split_words_once(span):
        doc = getattr(span, "doc", None)
        if doc is None:
            return original(span)
        cache = doc.user_data.setdefault("_split_words", {})
        key = (span.start, span.end)
        found = cache.get(key)
        if found is None:
            found = cache[key] = original(span)
        return found

    entities.split_words = split_words_once
    sentence.split_words = split_words_once


def tune_gc() -> None:
    """Proposed fix: after the models are loaded, freeze them out of the collector and collect less often."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)


def child(variant: str, files: list[str]) -> dict:
    from kg.ingest import load_metadata
    from kg.pipeline import article_quads, build_nlp

    if variant in ("words", "all"):
        patch_words()
    build_nlp()
    metas = {}
    paths = [Path(f) for f in files]
    for p in paths:
        if p.parent not in metas:
            metas[p.parent] = load_metadata(p.parent)
    article_quads(paths[0], metas[paths[0].parent].get(paths[0].name))  # loads Kiwi; not counted
    if variant in ("gc", "all"):
        tune_gc()
    chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    digest = hashlib.sha256()
    w0, c0 = time.perf_counter(), time.process_time()
    for p in paths:
        _name, quads, _problem, _hash = article_quads(p, metas[p.parent].get(p.name))
        digest.update("\n".join(sorted(str(q) for q in quads or [])).encode())
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    hwm = 0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            hwm = int(line.split()[1])
    return {"variant": variant, "chars": chars, "wall": wall, "cpu": cpu, "graph": digest.hexdigest()[:16],
            "hwm_kb": hwm}


def replay(store_dir: str, articles: int = 200, rounds: int = 25) -> dict:
    """The writer of a fresh build as its store grows (PROFILE.md, P10).

    The N-Quads of `articles` article graphs of a built store, replayed `rounds` times with fresh
    IRIs into a fresh store, 200 articles a write: parsed into quads and written with their
    merged-view copies by `bulk_extend` (the writer before P10), and as bytes by
    `store.add_graph_data` (after). CPU is the process's, Oxigraph's compaction threads included;
    both stores must hold the same quads.
    """
    import hashlib
    import shutil
    import tempfile

    import pyoxigraph as ox

    import kg.graph.store as store_mod

    src = ox.Store.read_only(store_dir)
    graphs = [g for g in src.named_graphs() if "/graph/kb" not in g.value and "/graph/" in g.value][:articles]
    blobs = [ox.serialize(src.quads_for_pattern(None, None, None, g), format=ox.RdfFormat.N_QUADS) for g in graphs]
    del src

    def as_quads(store: ox.Store, batch: list[bytes]) -> None:
        quads = [q for data in batch for q in ox.parse(data, format=ox.RdfFormat.N_QUADS)]
        store.bulk_extend(quads + [ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads])

    out: dict[str, dict] = {}
    digests = set()
    for name, write in (("quads (bulk_extend)", as_quads), ("bytes (add_graph_data)", store_mod.add_graph_data)):
        folder = tempfile.mkdtemp(prefix="aikg-replay-")
        store = ox.Store(folder)
        cpu0, w0 = time.process_time(), time.perf_counter()
        per_round = []
        for r in range(rounds):
            fresh = [data.replace(b"w3id.org/aikg/id/", b"w3id.org/aikg/id/r%d/" % r) for data in blobs]
            c = time.process_time()
            for i in range(0, len(fresh), 200):
                write(store, fresh[i:i + 200])
            per_round.append(round(time.process_time() - c, 2))
        store.flush()
        out[name] = {"cpu_s": round(time.process_time() - cpu0, 2), "wall_s": round(time.perf_counter() - w0, 2),
                     "articles": rounds * len(blobs), "quads": len(store), "cpu_s_per_round": per_round}
        digests.add(hashlib.sha256(b"\n".join(sorted(set(store.dump(format=ox.RdfFormat.N_QUADS).split(b"\n")))))
                    .hexdigest())
        del store
        shutil.rmtree(folder, ignore_errors=True)
    out["same quads"] = len(digests) == 1
    return out


def writes(store_dir: str, articles: int = 300, rounds: int = 3) -> dict:
    """Writing article graphs into a fresh on-disk store: as `kg build` does it and as proposed.

    `replace_graph` (DROP + INSERT DATA through a SPARQL update: the quads are serialised to text and
    parsed back) against `Store.extend` (one transaction per article, no text round trip) and
    `Store.bulk_extend` in batches (no transaction: enough for a fresh build, which fills a work copy
    renamed into place at the end); and the workers=2 path, which parses the workers' N-Quads first.
    """
    import shutil
    import tempfile

    import pyoxigraph as ox

    import kg.graph.store as store_mod

    src = ox.Store.read_only(store_dir)
    graphs = [g for g in src.named_graphs() if "/graph/kb" not in g.value][:articles]
    per_graph = [(g, list(src.quads_for_pattern(None, None, None, g))) for g in graphs]
    blobs = [(g, ox.serialize(q, format=ox.RdfFormat.N_QUADS)) for g, q in per_graph]
    n_quads = sum(len(q) for _, q in per_graph)

    def fresh() -> tuple[ox.Store, str]:
        folder = tempfile.mkdtemp(prefix="aikg-writes-")
        return ox.Store(folder), folder

    def replace(store):
        for g, quads in per_graph:
            store_mod.replace_graph(store, g, quads)

    def extend(store):
        for _g, quads in per_graph:
            store.extend(quads)

    def w2_path(store):
        for g, data in blobs:
            store_mod.replace_graph(store, g, list(ox.parse(data, format=ox.RdfFormat.N_QUADS)))

    def w2_extend(store):
        for _g, data in blobs:
            store.extend(ox.parse(data, format=ox.RdfFormat.N_QUADS))

    def bulk(store, batch: int = 200):
        # a fresh build writes into a work copy that is renamed into place at the end, so it needs no
        # transaction per article: bulk_extend in batches, then flush
        buf: list = []
        for i, (_g, quads) in enumerate(per_graph, 1):
            buf.extend(quads)
            if i % batch == 0:
                store.bulk_extend(buf)
                buf = []
        if buf:
            store.bulk_extend(buf)

    def w2_bulk(store, batch: int = 200):
        buf: list = []
        for i, (_g, data) in enumerate(blobs, 1):
            buf.extend(ox.parse(data, format=ox.RdfFormat.N_QUADS))
            if i % batch == 0:
                store.bulk_extend(buf)
                buf = []
        if buf:
            store.bulk_extend(buf)

    def w2_load_bytes(store):
        # the workers' N-Quads straight into the store, one transaction per article, no Python quads
        for _g, data in blobs:
            store.load(input=data, format=ox.RdfFormat.N_QUADS)

    def w2_bulk_load_bytes(store, batch: int = 200):
        for i in range(0, len(blobs), batch):
            store.bulk_load(input=b"".join(data for _g, data in blobs[i:i + batch]), format=ox.RdfFormat.N_QUADS)

    def replace_flush(store):
        for i, (g, quads) in enumerate(per_graph, 1):
            store_mod.replace_graph(store, g, quads)
            if i % 500 == 0:
                store.flush()

    out: dict[str, float] = {}
    for name, fn in (("replace_graph", replace), ("replace_graph_flush500", replace_flush), ("extend", extend),
                     ("bulk_extend_200", bulk), ("w2_parse_replace", w2_path), ("w2_parse_extend", w2_extend),
                     ("w2_parse_bulk_200", w2_bulk), ("w2_load_bytes", w2_load_bytes),
                     ("w2_bulk_load_bytes_200", w2_bulk_load_bytes)):
        times = []
        for _ in range(rounds):
            store, folder = fresh()
            w0 = time.perf_counter()
            fn(store)
            store.flush()
            times.append(time.perf_counter() - w0)
            del store
            shutil.rmtree(folder, ignore_errors=True)
        out[name + "_ms_per_article"] = statistics.median(times) / len(per_graph) * 1000
    return out | {"articles": len(per_graph), "quads_per_article": n_quads / len(per_graph)}


def _rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def memory(n: int, every: int = 100, store_dir: str | None = None) -> list[dict]:
    """Resident memory of one process while it extracts `n` articles (and writes them, with a store).

    Why: the build's peak memory grows with the corpus; this tells whether the pipeline (spaCy's
    vocabulary and string store keep every new string; caches) or the store holds the growth.
    """
    import pyoxigraph as ox

    import kg.graph.store as store_mod
    from kg.ingest import load_metadata
    from kg.pipeline import article_quads, build_nlp

    nlp = build_nlp()
    paths = corpus(n)
    metas: dict[Path, dict] = {}
    store = ox.Store(store_dir) if store_dir else None
    rows = []
    for i, p in enumerate(paths, 1):
        if p.parent not in metas:
            metas[p.parent] = load_metadata(p.parent)
        _name, quads, _problem, _hash = article_quads(p, metas[p.parent].get(p.name))
        if store is not None and quads:
            store_mod.replace_graph(store, quads[0].graph_name, quads)
        if i % every == 0 or i == 1:
            row = {"articles": i, "rss_mb": _rss_kb() / 1024, "strings": len(nlp.vocab.strings),
                   "lexemes": len(nlp.vocab), "gc_objects": len(gc.get_objects())}
            rows.append(row)
            print(json.dumps(row), flush=True)
    return rows


def store_memory(store_dir: str, articles: int, mode: str, every: int = 500) -> list[dict]:
    """Resident memory of a process that copies `articles` article graphs into a fresh on-disk store.

    Modes: `replace` (replace_graph per article, as `kg build` does), `replace-flush` (the same, with
    `Store.flush()` every `every` articles), `bulk` (`bulk_extend` per 200 articles). Why: the build's
    memory grows with the corpus, and the pipeline alone does not grow (see `memory`).
    """
    import shutil
    import tempfile

    import pyoxigraph as ox

    import kg.graph.store as store_mod

    src = ox.Store.read_only(store_dir)
    graphs = [g for g in src.named_graphs() if "/graph/kb" not in g.value][:articles]
    folder = tempfile.mkdtemp(prefix="aikg-storemem-")
    store = ox.Store(folder)
    rows, buf = [], []
    w0 = time.perf_counter()
    for i, g in enumerate(graphs, 1):
        quads = list(src.quads_for_pattern(None, None, None, g))
        if mode == "bulk":
            buf.extend(quads)
            if i % 200 == 0:
                store.bulk_extend(buf)
                buf = []
        else:
            store_mod.replace_graph(store, g, quads)
            if mode == "replace-flush" and i % every == 0:
                store.flush()
        if i % 1000 == 0:
            row = {"mode": mode, "articles": i, "rss_mb": _rss_kb() / 1024, "seconds": time.perf_counter() - w0}
            rows.append(row)
            print(json.dumps(row), flush=True)
    if buf:
        store.bulk_extend(buf)
    store.flush()
    del store
    shutil.rmtree(folder, ignore_errors=True)
    return rows


def query_child(store_dir: str, name: str, runs: int) -> dict:
    """One query (a saved name, or a file of benchmarks/query_fixes) on a read-only store: rows and timings."""
    import pyoxigraph as ox

    from kg.query import run_query, run_saved

    store = ox.Store.read_only(store_dir)
    fix = HERE / "query_fixes" / f"{name}.rq"
    use_fix = bool(os.environ.get("AIKG_FIX")) and fix.exists()  # the rewrite instead of the saved query
    params = {} if use_fix else _params(store, name)
    times, result = [], None
    for _ in range(runs):
        w0 = time.perf_counter()
        result = run_query(store, fix.read_text(encoding="utf-8")) if use_fix else run_saved(store, name, params)
        times.append(time.perf_counter() - w0)
    rows = sorted(tuple("" if v is None else str(v) for v in row) for row in result.values())
    return {"query": name, "rows": len(rows), "digest": hashlib.sha256(repr(rows).encode()).hexdigest()[:12],
            "first_ms": times[0] * 1000, "p50_ms": statistics.median(times[1:] or times) * 1000}


def _params(store, name: str) -> dict:
    from kg.query import get_saved

    saved = get_saved(name)
    if not any(p.required for p in saved.params):
        return {}
    sys.path.insert(0, str(HERE))
    from run import frequent_thing

    return {p.name: frequent_thing(store) or "OpenAI" for p in saved.params if p.required}


def queries(store_dir: str, names: list[str], limit: float, dedup: bool, saved: bool = True) -> list[dict]:
    """Saved queries as they are, the rewrites of benchmarks/query_fixes, and (with `dedup`) the saved
    queries unchanged over a copy of the store where every triple is once (in the default graph).

    Each query runs in its own process, stopped after `limit` seconds.
    """
    import pyoxigraph as ox

    targets = [(store_dir, n, False) for n in names] if saved else []
    targets += [(store_dir, n, True) for n in names if (HERE / "query_fixes" / f"{n}.rq").exists()]
    if dedup:
        copy = Path(store_dir).with_name(Path(store_dir).name + "-dedup")
        if not copy.exists():
            src = ox.Store.read_only(store_dir)
            dst = ox.Store(str(copy))
            dst.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in src)
            dst.flush()
            print(f"deduplicated copy: {len(src):,} quads -> {len(dst):,} triples in {copy}", flush=True)
            del dst
        targets += [(str(copy), n, False) for n in names]
    out = []
    for store, name, fix in targets:
        env = dict(os.environ, AIKG_FIX="1" if fix else "")
        label = ("rewrite" if fix else "dedup copy" if store != store_dir else "as saved")
        try:
            proc = subprocess.run([sys.executable, __file__, "_query", store, name, "4"], capture_output=True,
                                  text=True, timeout=limit, env=env, cwd=str(ROOT), check=True)
            res = json.loads(proc.stdout.strip().splitlines()[-1])
        except subprocess.TimeoutExpired:
            res = {"query": name, "timeout_s": limit}
        res["how"] = label
        out.append(res)
        print(json.dumps(res), flush=True)
    return out


def variants(n: int, rounds: int) -> list[dict]:
    files = [str(p) for p in corpus(n)]
    results = []
    for r in range(rounds):
        for variant in VARIANTS:
            load = os.getloadavg()[0]
            proc = subprocess.run([sys.executable, __file__, "_child", variant, json.dumps(files)],
                                  capture_output=True, text=True, check=True, cwd=str(ROOT))
            res = json.loads(proc.stdout.strip().splitlines()[-1])
            res["round"], res["load"] = r, load
            results.append(res)
            print(f"round {r} {variant:9s} {res['chars'] / res['cpu']:8,.0f} chars/CPU-s  "
                  f"{res['chars'] / res['wall']:8,.0f} chars/s  graph {res['graph']}  load {load:.2f}", flush=True)
    return results


def profile(n: int, out: Path) -> None:
    from kg.ingest import load_metadata
    from kg.pipeline import article_quads, build_nlp

    paths = corpus(n)
    build_nlp()
    meta = load_metadata(paths[0].parent)
    article_quads(paths[0], meta.get(paths[0].name))
    try:
        from pyinstrument import Profiler
    except ImportError:  # pyinstrument is optional: fall back to cProfile
        Profiler = None
    if Profiler is not None:
        prof = Profiler(interval=0.002)
        prof.start()
        for p in paths:
            article_quads(p, meta.get(p.name))
        prof.stop()
        out.write_text(prof.output_text(unicode=True, color=False), encoding="utf-8")
    import cProfile
    import pstats

    cp = cProfile.Profile()
    cp.enable()
    for p in paths:
        article_quads(p, meta.get(p.name))
    cp.disable()
    with open(out.with_suffix(".cprofile.txt"), "w", encoding="utf-8") as fh:
        stats = pstats.Stats(cp, stream=fh)
        stats.sort_stats("tottime").print_stats(40)
        stats.sort_stats("cumulative").print_stats(60)
    print(f"wrote {out} and {out.with_suffix('.cprofile.txt')}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_child"]:
        print(json.dumps(child(argv[1], json.loads(argv[2]))))
        return 0
    if argv[:1] == ["_query"]:
        print(json.dumps(query_child(argv[1], argv[2], int(argv[3]))))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["profile", "variants", "writes", "replay", "memory", "storemem", "queries"])
    parser.add_argument("--queries", default="", help="comma-separated saved query names (default: all)")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds before a query is stopped")
    parser.add_argument("--dedup", action="store_true", help="also run over a deduplicated copy of the store")
    parser.add_argument("--no-saved", action="store_true", help="skip the saved queries on the store as it is")
    parser.add_argument("--mode", default="replace", choices=["replace", "replace-flush", "bulk"])
    parser.add_argument("--articles", type=int, default=None)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--store", help="a built store folder (writes, storemem) or a new one (memory)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/aikg-profile.txt"))
    opts = parser.parse_args(argv)
    if opts.what == "profile":
        profile(opts.articles or 200, opts.out)
    elif opts.what == "variants":
        res = variants(opts.articles or 80, opts.rounds)
        for v in VARIANTS:
            rows = [r for r in res if r["variant"] == v]
            rate = statistics.median(r["chars"] / r["cpu"] for r in rows)
            graphs = sorted({r["graph"] for r in rows})
            print(f"{v:9s} median {rate:,.0f} chars/CPU-s over {len(rows)} rounds; graphs {graphs}")
        Path("/tmp/aikg-variants.json").write_text(json.dumps(res, indent=1))
    elif opts.what == "queries":
        from kg.query import list_saved

        names = [n for n in opts.queries.split(",") if n] or [q.name for q in list_saved()]
        res = queries(opts.store, names, opts.limit, opts.dedup, saved=not opts.no_saved)
        Path("/tmp/aikg-queries.json").write_text(json.dumps(res, indent=1))
    elif opts.what == "storemem":
        store_memory(opts.store, opts.articles or 5000, opts.mode)
    elif opts.what == "memory":
        memory(opts.articles or 1000, store_dir=opts.store)
    elif opts.what == "writes":
        print(json.dumps(writes(opts.store, opts.articles or 300, opts.rounds), indent=1))
    elif opts.what == "replay":
        print(json.dumps(replay(opts.store, opts.articles or 200, opts.rounds), indent=1))

    return 0


if __name__ == "__main__":
    raise SystemExit(main())
