"""Profile the pipeline on generated articles, and measure proposed fixes before they are applied.

    python benchmarks/profile_pipeline.py profile [--articles 200]    # pyinstrument (or cProfile) tree + top
    python benchmarks/profile_pipeline.py variants [--articles 80]    # before/after of the proposed fixes
    python benchmarks/profile_pipeline.py writes --store STORE        # store writes: now and proposed
    python benchmarks/profile_pipeline.py kbstep --store STORE        # the KB step: now and proposed
    python benchmarks/profile_pipeline.py memory [--store NEW_DIR]    # memory growth while extracting

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
VARIANTS = ("baseline", "gc", "words", "kbstep", "all")


def corpus(n: int, seed: int = 0) -> list[Path]:
    """The first `n` articles of the benchmark corpus (generated once into /tmp)."""
    sys.path.insert(0, str(HERE))
    import generate

    out = Path(f"/tmp/aikg-profile-s{seed}-n{n}")
    if not (out / "corpus.json").exists():
        generate.generate(n, out, seed)
    return sorted(out.glob("*/*.txt"))


def patch_words() -> None:
    """Proposed fix: split each sentence into words once per doc (entities and relations both do it)."""
    import kg.extract.entities as entities
    import kg.extract.sentence as sentence
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


def kb_step(store_dir: str, rounds: int = 3) -> dict:
    """The KB step of `_build_store` as it is (a scan of every quad) and as proposed (the two predicates)."""
    import pyoxigraph as ox

    from kg.graph.build import KB_GRAPH, MENTIONS, PUBLISHER, kb_ids_of

    store = ox.Store.read_only(store_dir)
    out: dict[str, list[float]] = {"scan_all": [], "by_predicate": []}
    for _ in range(rounds):
        w0 = time.perf_counter()
        a = kb_ids_of(q for q in store.quads_for_pattern(None, None, None) if q.graph_name != KB_GRAPH)
        out["scan_all"].append(time.perf_counter() - w0)
        w0 = time.perf_counter()
        b = kb_ids_of(q for pred in (MENTIONS, PUBLISHER) for q in store.quads_for_pattern(None, pred, None)
                      if q.graph_name != KB_GRAPH)
        out["by_predicate"].append(time.perf_counter() - w0)
        assert a == b, "the proposed KB step must name the same KB ids"
    return {k: statistics.median(v) for k, v in out.items()} | {"quads": len(store), "ids": len(a)}


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


def variants(n: int, rounds: int) -> list[dict]:
    files = [str(p) for p in corpus(n)]
    results = []
    for r in range(rounds):
        for variant in ("baseline", "gc", "words", "all"):
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
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["profile", "variants", "kbstep", "writes", "memory"])
    parser.add_argument("--articles", type=int, default=None)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--store", help="a built store folder (for kbstep)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/aikg-profile.txt"))
    opts = parser.parse_args(argv)
    if opts.what == "profile":
        profile(opts.articles or 200, opts.out)
    elif opts.what == "variants":
        res = variants(opts.articles or 80, opts.rounds)
        for v in ("baseline", "gc", "words", "all"):
            rows = [r for r in res if r["variant"] == v]
            rate = statistics.median(r["chars"] / r["cpu"] for r in rows)
            graphs = sorted({r["graph"] for r in rows})
            print(f"{v:9s} median {rate:,.0f} chars/CPU-s over {len(rows)} rounds; graphs {graphs}")
        Path("/tmp/aikg-variants.json").write_text(json.dumps(res, indent=1))
    elif opts.what == "memory":
        memory(opts.articles or 1000, store_dir=opts.store)
    elif opts.what == "writes":
        print(json.dumps(writes(opts.store, opts.articles or 300, opts.rounds), indent=1))
    else:
        print(json.dumps(kb_step(opts.store)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
