"""Benchmark runner: the Kiwi floor, the pipeline, the store, the queries, at growing corpus sizes.

    python benchmarks/run.py                      # sizes 100, 1,000, 10,000; writes benchmarks/RESULTS.md
    python benchmarks/run.py --max 100000         # adds 100,000
    python benchmarks/run.py --sizes 100,1000     # a quick run

Why this shape: the question is whether the cost per character of the
pipeline stays flat as the corpus grows, and how far it is from what cannot be
beaten (Kiwi tokenizing the same text). So one corpus is generated once
(`benchmarks/generate.py`, seeded) and every size is a prefix of it; at each
size, in separate processes so that each peak memory is its own:

  (a) floor     Kiwi alone (the pipeline's own Kiwi, with its user words) tokenizing every article text
  (b) pipeline  ingest -> quads per article (`kg.pipeline.article_quads`), timed inside (c) with workers=1
  (c) store     `kg build DIR -o STORE` (no suffix: an on-disk Oxigraph store), --workers 1 and 2,
                with the time spent writing (`replace_graph`) and in the final KB step; the two stores'
                sorted N-Quads dumps are compared
  (d) queries   every saved query on the built store: median and p99 latency
  (e) memory    peak RSS (VmHWM) of every process, and the peak PSS of each build's process tree

Timings are wall and CPU seconds: the machine may be shared, and CPU time is
what contention distorts least. The load average is recorded beside each step.
A time budget (`--budget-min`) keeps the default run bounded: when a step of
the largest size would overrun it, the step runs on an evenly spread sample of
that size's articles and is labelled as extrapolated.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "RESULTS.md"
NOTES_START, NOTES_END = "<!-- notes:start -->", "<!-- notes:end -->"
DEFAULT_SIZES = (100, 1_000, 10_000)


# ============================================================================ helpers shared by runner and children
def vm_hwm_kb() -> int:
    """Peak resident set of this process (VmHWM), in kB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def cpu_seconds(who: int = resource.RUSAGE_SELF) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def emit(obj: dict) -> None:
    """Children report to the runner as one JSON line prefixed by a marker."""
    sys.stdout.write("@@RESULT " + json.dumps(obj) + "\n")
    sys.stdout.flush()


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); with few samples p99 is the maximum."""
    data = sorted(values)
    if not data:
        return float("nan")
    rank = max(1, int(-(-q * len(data) // 100)))
    return data[min(rank, len(data)) - 1]


# ============================================================================ children (run in their own process)
def child_floor(args: dict) -> None:
    """(a): Kiwi alone over the article texts, one process."""
    t0 = time.perf_counter()
    from kg.kiwi import get_kiwi

    kiwi = get_kiwi()
    load_s = time.perf_counter() - t0
    rss_loaded = vm_hwm_kb()
    files = Path(args["list"]).read_text(encoding="utf-8").splitlines()
    texts = [Path(f).read_bytes().decode("utf-8") for f in files]
    chars = sum(map(len, texts))
    tokens = 0
    warm0 = time.perf_counter()
    kiwi.tokenize(texts[0])  # Kiwi initialises lazily on its first call; the pipeline's first article pays it too
    warm_s = time.perf_counter() - warm0
    w0, c0 = time.perf_counter(), time.process_time()
    for text in texts:
        tokens += len(kiwi.tokenize(text))
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    emit({"articles": len(texts), "chars": chars, "tokens": tokens, "wall": wall, "cpu": cpu, "load_s": load_s,
          "warmup_s": warm_s,
          "rss_loaded_kb": rss_loaded, "hwm_kb": vm_hwm_kb()})


def child_build(args: dict) -> None:
    """(b)+(c): `kg build INPUTS -o STORE --workers W`, with timers wrapped around the library's own steps.

    The wrappers only time: `article_quads` (per article, in whichever process runs it; worker
    processes are forked, so they inherit the wrapper and append their timings to a file of their
    own), `add_graph_data`/`replace_graph` (writes into the store) and the final KB steps.
    """
    import kg.graph.store as store_mod
    import kg.pipeline as pipeline
    from kg.cli import main as kg_main

    timing_dir = Path(args["timing_dir"])
    timing_dir.mkdir(parents=True, exist_ok=True)
    # every article's extraction passes through _extract_batch (serial, tokenizer process, workers), a
    # batch of articles at a time (each gets the batch's time divided among them); older versions of the
    # library through _article_graph or article_quads, one article at a time
    target = next(t for t in ("_extract_batch", "_article_graph", "article_quads") if hasattr(pipeline, t))
    original = getattr(pipeline, target)
    fds: dict[int, int] = {}

    def record(results: list, wall: float, cpu: float) -> None:
        pid = os.getpid()
        if pid not in fds:
            fds[pid] = os.open(timing_dir / f"{pid}.tsv", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        share = max(1, len(results))
        rows = "".join(f"{Path(name).name}\t{wall / share:.6f}\t{cpu / share:.6f}\t"
                       f"{len(quads) if quads is not None else -1}\t{vm_hwm_kb()}\n" for name, quads, *_ in results)
        os.write(fds[pid], rows.encode())  # unbuffered: pool workers end with os._exit, which would drop a buffer

    def timed_extraction(*args):
        w0, c0 = time.perf_counter(), time.process_time()
        result = original(*args)
        record(result if target == "_extract_batch" else [result], time.perf_counter() - w0,
               time.process_time() - c0)
        return result

    setattr(pipeline, target, timed_extraction)
    spent: dict[str, float] = {"write": 0.0, "write_cpu": 0.0, "kb_ids": 0.0, "kb_closure": 0.0, "kb_quads": 0.0}
    writes = [0]

    def timed(key: str, fn):
        def wrapper(*a, **kw):
            w0, c0 = time.perf_counter(), time.process_time()
            try:
                return fn(*a, **kw)
            finally:
                spent[key] += time.perf_counter() - w0
                if key == "write":
                    spent["write_cpu"] += time.process_time() - c0
                    writes[0] += 1

        return wrapper

    store_mod.replace_graph = timed("write", store_mod.replace_graph)
    if hasattr(store_mod, "add_graph_data"):  # fresh builds bulk-load N-Quads (add_graphs goes through it)
        store_mod.add_graph_data = timed("write", store_mod.add_graph_data)
    elif hasattr(store_mod, "add_graphs"):  # fresh builds write in bulk batches (before P10)
        store_mod.add_graphs = timed("write", store_mod.add_graphs)
    pipeline.kb_ids_of = timed("kb_ids", pipeline.kb_ids_of)
    if hasattr(pipeline, "_named_kb_ids"):  # the KB ids of a store, found by a query
        pipeline._named_kb_ids = timed("kb_ids", pipeline._named_kb_ids)
    pipeline.kb_closure = timed("kb_closure", pipeline.kb_closure)
    pipeline.kb_quads = timed("kb_quads", pipeline.kb_quads)

    argv = ["build", *args["inputs"], "-o", args["out"], "--workers", str(args["workers"]), "--quiet"]
    w0, c0 = time.perf_counter(), cpu_seconds()
    code = kg_main(argv)
    wall, cpu = time.perf_counter() - w0, cpu_seconds() - c0
    import pyoxigraph as ox

    store = ox.Store.read_only(args["out"])
    quads = len(store)
    del store
    size = sum(f.stat().st_size for f in Path(args["out"]).rglob("*") if f.is_file())
    emit({"exit": code, "wall": wall, "cpu": cpu, "children_cpu": cpu_seconds(resource.RUSAGE_CHILDREN),
          "writes": writes[0], **spent, "quads": quads, "store_bytes": size, "hwm_kb": vm_hwm_kb(),
          "children_maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss})


def frequent_thing(store) -> str | None:
    """The label of the Organization that most articles mention (a realistic, heavy parameter value).

    Counted from the mention quads directly, not with a saved query, so that picking it costs
    little even where the saved queries are slow.
    """
    import collections

    import pyoxigraph as ox

    mentions = ox.NamedNode("https://schema.org/mentions")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    org = ox.NamedNode("https://w3id.org/aikg/ontology#Organization")
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    counts = collections.Counter(q.object for q in store.quads_for_pattern(None, mentions, None))
    for thing, _n in counts.most_common(50):
        if next(store.quads_for_pattern(thing, rdf_type, org), None) is not None:
            found = next(store.quads_for_pattern(thing, label, None), None)
            if found is not None and len(found.object.value) >= 3:  # not a one-letter name such as X
                return found.object.value
    return None


def child_queries(args: dict) -> None:
    """(d): every saved query on the store, repeated; a frequent thing for the parameterised ones.

    Emits a `start` line before each query so that the runner can stop one that runs too long.
    """
    import pyoxigraph as ox

    from kg.query import list_saved, run_saved

    store = ox.Store.read_only(args["store"])
    budget = float(args.get("per_query_s", 5.0))
    max_runs = int(args.get("max_runs", 30))
    skip = set(args.get("skip", []))
    w0 = time.perf_counter()
    thing = args.get("thing") or frequent_thing(store)
    emit({"thing": thing, "pick_s": time.perf_counter() - w0})
    # each query as a user first runs it (its required parameters given), and a query with
    # optional parameters once more with them given (claims-by-speaker: every claim, or one speaker's)
    runs = []
    for query in list_saved():
        required = {p.name: thing or "OpenAI" for p in query.params if p.required}
        runs.append((query.name, query, required, False))
        if any(not p.required for p in query.params):
            given = ", ".join(p.name for p in query.params if not p.required)
            runs.append((f"{query.name} ({given} given)", query,
                         {p.name: thing or "OpenAI" for p in query.params}, True))
    for label, query, params, given in runs:
        if label in skip:
            continue
        limit = query.page if args.get("paged") else None  # as `kg query` runs it: a listing's first page
        emit({"start": label, "optional_given": given})
        samples: list[float] = []
        rows = -1
        first = None
        total = 0.0
        while True:
            w0 = time.perf_counter()
            result = run_saved(store, query.name, params, limit=limit) if limit else run_saved(store, query.name,
                                                                                                 params)
            elapsed = time.perf_counter() - w0
            emit({"ran": label, "s": elapsed})  # the runner's limit is per run, not per query's repetitions
            rows = len(result)
            if first is None:  # the first run warms caches; reported apart
                first = elapsed
                if elapsed > budget:
                    samples.append(elapsed)
                    break
                continue
            samples.append(elapsed)
            total += elapsed
            if len(samples) >= max_runs or (total >= budget and len(samples) >= 3):
                break
        emit({"query": label, "optional_given": given, "params": params, "rows": rows,
              "total": getattr(result, "total", None), "first_s": first, "runs": len(samples),
              "p50_s": statistics.median(samples), "p99_s": percentile(samples, 99), "hwm_kb": vm_hwm_kb()})
    emit({"done": True, "hwm_kb": vm_hwm_kb()})


def child_dump(args: dict) -> None:
    """A store as sorted, de-duplicated N-Quads: its sha256 and line count (to compare two builds)."""
    import pyoxigraph as ox

    store = ox.Store.read_only(args["store"])
    raw = Path(args["tmp"])
    store.dump(output=str(raw), format=ox.RdfFormat.N_QUADS)
    del store
    env = dict(os.environ, LC_ALL="C")
    sorted_path = raw.with_suffix(".sorted.nq")
    subprocess.run(["sort", "-u", "-S", "25%", "-T", str(raw.parent), "-o", str(sorted_path), str(raw)],
                   check=True, env=env)
    digest = hashlib.sha256()
    lines = 0
    with open(sorted_path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
            lines += block.count(b"\n")
    raw.unlink()
    keep = args.get("keep")
    if keep:
        shutil.move(str(sorted_path), keep)
    else:
        sorted_path.unlink()
    emit({"sha256": digest.hexdigest(), "lines": lines, "hwm_kb": vm_hwm_kb()})


CHILDREN = {"floor": child_floor, "build": child_build, "queries": child_queries, "dump": child_dump}


# ============================================================================ running children, watching memory
def _children_of() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        kids.setdefault(ppid, []).append(int(entry))
    return kids


def _tree(root: int) -> list[int]:
    kids = _children_of()
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(kids.get(pid, []))
    return out


def _rss_pss_kb(pid: int) -> tuple[int, int]:
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


class TreeMemory(threading.Thread):
    """Samples the summed RSS and PSS of a process and its descendants; keeps the peaks.

    Sampling starts every 10 ms and slows down to `interval`, so that a command of a tenth of a second is
    seen after its imports (one sample at its start read 3 MB for a 0.13 s `kg query`) and a build of an
    hour costs the machine little.
    """

    def __init__(self, pid: int, interval: float = 1.0) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_rss = self.peak_pss = 0
        self.peak_procs = 0
        self._halt = threading.Event()

    def run(self) -> None:
        wait = min(0.01, self.interval)
        while not self._halt.is_set():
            pids = _tree(self.pid)
            sums = [_rss_pss_kb(p) for p in pids]
            self.peak_rss = max(self.peak_rss, sum(s[0] for s in sums))
            self.peak_pss = max(self.peak_pss, sum(s[1] for s in sums))
            self.peak_procs = max(self.peak_procs, len(pids))
            self._halt.wait(wait)
            wait = min(wait * 1.5, self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join(timeout=5)


def run_child(kind: str, args: dict, timeout: float | None = None, log=None,
              watchdog=None) -> tuple[list[dict], dict]:
    """Run one child; return its result lines and (wall, load averages, tree memory peaks).

    `watchdog(results)` is asked twice a second; True stops the child (a query running too long).
    """
    cmd = [sys.executable, str(Path(__file__).resolve()), "_child", kind, json.dumps(args)]
    load0 = os.getloadavg()
    w0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=str(ROOT))
    watch = TreeMemory(proc.pid)
    watch.start()
    results: list[dict] = []
    timed_out = False
    err_lines: list[str] = []
    stderr_reader = threading.Thread(target=lambda: err_lines.extend(proc.stderr), daemon=True)
    stderr_reader.start()
    deadline = None if timeout is None else time.monotonic() + timeout

    def kill_on_deadline() -> None:
        nonlocal timed_out
        while proc.poll() is None:
            if (deadline is not None and time.monotonic() > deadline) or (watchdog and watchdog(results)):
                timed_out = True
                proc.kill()
                return
            time.sleep(0.5)

    killer = threading.Thread(target=kill_on_deadline, daemon=True)
    killer.start()
    for line in proc.stdout:
        if line.startswith("@@RESULT "):
            item = json.loads(line[len("@@RESULT "):])
            item["_at"] = time.monotonic()
            results.append(item)
            if log:
                log(item)
    proc.wait()
    watch.stop()
    stderr_reader.join(timeout=5)
    info = {"wall": time.perf_counter() - w0, "load_before": load0, "load_after": os.getloadavg(),
            "tree_peak_rss_kb": watch.peak_rss, "tree_peak_pss_kb": watch.peak_pss, "procs": watch.peak_procs,
            "returncode": proc.returncode, "timed_out": timed_out}
    if proc.returncode != 0 and not timed_out:
        tail = "".join(err_lines[-30:])
        raise RuntimeError(f"child {kind} failed ({proc.returncode}):\n{tail}")
    return results, info


def skip_reason(q: dict, prev_size: int, size: int, limit: float) -> str:
    """Why a query measured (or not) at `prev_size` is not run at `size`, or "" to run it."""
    if q.get("timeout"):
        return f"stopped after {limit:.0f} s at {prev_size:,} articles"
    if q.get("not_run"):
        return f"not run at {prev_size:,} articles either"
    if q["first_s"] * size / prev_size > limit:
        return f"first run at {prev_size:,} articles took {q['first_s']:.1f} s; × {size // prev_size} > {limit:.0f} s"
    return ""


def kg_source_digest() -> str:
    """A digest of kg/ (code and resources): other people edit it while benchmarks run, so each
    build records which version it ran."""
    digest = hashlib.sha256()
    for f in sorted((ROOT / "kg").rglob("*")):
        if f.is_file() and "__pycache__" not in f.parts:
            digest.update(f.relative_to(ROOT).as_posix().encode())
            digest.update(f.read_bytes())
    return digest.hexdigest()[:12]


def _saved_queries():
    sys.path.insert(0, str(ROOT))
    from kg.query import list_saved

    return list_saved()


# ============================================================================ corpus and views
def machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_kb = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    except OSError:
        pass
    versions = {}
    for mod in ("kiwipiepy", "spacy", "pyoxigraph"):
        try:
            versions[mod] = __import__(mod).__version__
        except Exception:  # noqa: BLE001  (a version is only informative)
            versions[mod] = "?"
    return {"nproc": os.cpu_count(), "cpu": model or platform.processor(), "ram_gb": round(mem_kb / 1024**2, 1),
            "python": platform.python_version(), "platform": platform.platform(), **versions}


def ensure_corpus(work: Path, n: int, seed: int) -> Path:
    """Generate the corpus once; reuse it when the same generator, seed and size are already there."""
    sys.path.insert(0, str(HERE))
    import generate

    corpus = work / f"corpus-s{seed}"
    marker = corpus / "corpus.json"
    if marker.exists():
        info = json.loads(marker.read_text())
        if (info.get("articles"), info.get("seed"), info.get("generator_version")) == (
                n, seed, generate.GENERATOR_VERSION):
            return corpus
    shutil.rmtree(corpus, ignore_errors=True)
    t0 = time.perf_counter()
    generate.generate(n, corpus, seed)
    print(f"generated {n:,} articles in {time.perf_counter() - t0:.1f} s -> {corpus}", flush=True)
    return corpus


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(corpus.glob("*/*.txt"))


def make_view(corpus: Path, files: list[Path], view: Path) -> Path:
    """A folder of hard links to `files`, sharded like the corpus, each shard with its metadata entries."""
    shutil.rmtree(view, ignore_errors=True)
    by_shard: dict[str, list[Path]] = {}
    for f in files:
        by_shard.setdefault(f.parent.name, []).append(f)
    for shard, members in by_shard.items():
        dst = view / shard
        dst.mkdir(parents=True)
        meta = json.loads((corpus / shard / "metadata.json").read_text(encoding="utf-8"))
        for f in members:
            try:
                os.link(f, dst / f.name)
            except OSError:
                shutil.copy2(f, dst / f.name)
        keep = {f.name: meta[f.name] for f in members if f.name in meta}
        (dst / "metadata.json").write_text(json.dumps(keep, ensure_ascii=False), encoding="utf-8")
    return view


def spread(files: list[Path], k: int) -> list[Path]:
    """k files evenly spread over the list (a sample that sees the whole corpus, not its start)."""
    if k >= len(files):
        return list(files)
    step = len(files) / k
    return [files[int(i * step)] for i in range(k)]


# ============================================================================ one size
@dataclass
class SizeResult:
    size: int
    chars: int
    steps: dict[str, Any] = field(default_factory=dict)
    queries: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def read_timings(timing_dir: Path) -> dict[str, Any]:
    """Per-article pipeline timings that the build processes wrote: per process and in all."""
    per_pid: dict[str, dict] = {}
    rows: list[tuple[str, float, float]] = []
    for f in sorted(timing_dir.glob("*.tsv")):
        wall = cpu = 0.0
        hwm = 0
        n = 0
        for line in f.read_text().splitlines():
            if line.startswith("#"):
                continue
            name, w, c, _quads, h = line.split("\t")
            rows.append((name, float(w), float(c)))
            wall += float(w)
            cpu += float(c)
            hwm = max(hwm, int(h))
            n += 1
        per_pid[f.stem] = {"articles": n, "wall": wall, "cpu": cpu, "hwm_kb": hwm}
    return {"per_process": per_pid, "rows": rows}


class Runner:
    def __init__(self, opts: argparse.Namespace) -> None:
        self.opts = opts
        self.work = Path(opts.work)
        self.t_start = time.perf_counter()
        self.budget = opts.budget_min * 60
        self.results: list[SizeResult] = []
        self.rate: dict[str, float] = {}  # seconds per char of each step, from the last size measured
        self.started = dt.datetime.now().strftime("%Y-%m-%d %H:%M")

    def remaining(self) -> float:
        return self.budget - (time.perf_counter() - self.t_start)

    def log(self, msg: str) -> None:
        el = time.perf_counter() - self.t_start
        print(f"[{el / 60:5.1f} min | load {os.getloadavg()[0]:.2f}] {msg}", flush=True)

    def run(self) -> None:
        opts = self.opts
        sizes = sorted(set(opts.sizes))
        self.machine = machine()
        self.log(f"machine: {self.machine}")
        corpus = ensure_corpus(self.work, max(sizes), opts.seed)
        files = corpus_files(corpus)
        self.chars_of = {f.name: len(f.read_bytes().decode("utf-8")) for f in files}
        self.corpus = corpus
        for size in sizes:
            self.results.append(self.one_size(size, files[:size], last=size == sizes[-1]))
            self.save()
        self.log("done")

    def plan_sample(self, step: str, chars: int, size_files: list[Path], reserve: float,
                    least: int = 200) -> list[Path]:
        """All the articles if the step's estimate fits the budget (minus `reserve`), else a spread sample
        of at least `least` articles."""
        rate = self.rate.get(step)
        if rate is None:
            return size_files
        estimate = rate * chars
        room = self.remaining() - reserve
        if estimate <= room:
            return size_files
        k = max(min(least, len(size_files)), int(len(size_files) * max(room, 0) / estimate))
        return spread(size_files, k)

    def query_reserve(self) -> float:
        """Seconds the next size's queries may take: the ones not stopped before, each at most limit + reps."""
        if not self.results:
            return 0.0
        alive = [q for q in self.results[-1].queries if "p50_s" in q]
        return len(alive) * (self.opts.query_limit + self.opts.query_reps_s) + 30.0

    def one_size(self, size: int, size_files: list[Path], last: bool) -> SizeResult:
        chars = sum(self.chars_of[f.name] for f in size_files)
        res = SizeResult(size, chars)
        self.log(f"=== {size:,} articles, {chars:,} characters")
        base = self.work / f"n{size}"
        shutil.rmtree(base, ignore_errors=True)
        base.mkdir(parents=True)
        view = make_view(self.corpus, size_files, base / "articles") if size < len(self.chars_of) else self.corpus
        q_reserve = self.query_reserve()

        # (c) workers=2 first: it builds the store the queries run on, and is never sampled
        est_w2 = self.rate.get("w2", 0.0) * chars
        # ---- (a) floor
        reserve = est_w2 + q_reserve + self.rate.get("w1", 0.0) * chars * 0.2
        floor_files = self.plan_sample("floor", chars, size_files, reserve, least=1000) if last else size_files
        lst = base / "floor.list"
        lst.write_text("\n".join(str(f) for f in floor_files), encoding="utf-8")
        out, info = run_child("floor", {"list": str(lst)})
        floor = {**out[0], **info, "sampled": len(floor_files) < len(size_files)}
        res.steps["floor"] = floor
        self.rate["floor"] = floor["wall"] / floor["chars"]
        self.log(f"(a) floor: {floor['chars'] / floor['wall']:,.0f} chars/s wall, "
                 f"{floor['chars'] / floor['cpu']:,.0f} chars/s CPU ({floor['articles']} articles)")

        # ---- (c) workers=2 into a store
        w2 = self.build(base, "w2", [view], 2, len(size_files), chars)
        res.steps["w2"] = w2
        self.rate["w2"] = w2["wall"] / chars

        # ---- (d) queries on that store
        res.queries, res.steps["queries"] = self.queries(base / "store-w2", size)

        # ---- (b)+(c) workers=1, timed inside
        w1_files = self.plan_sample("w1", chars, size_files, 60.0) if last else size_files
        sampled = len(w1_files) < len(size_files)
        w1_chars = sum(self.chars_of[f.name] for f in w1_files)
        w1_inputs = [make_view(self.corpus, w1_files, base / "w1-sample")] if sampled else [view]
        w1 = self.build(base, "w1", w1_inputs, 1, len(w1_files), w1_chars)
        w1["sampled"] = sampled
        res.steps["w1"] = w1
        self.rate["w1"] = w1["wall"] / w1_chars
        if sampled:
            res.notes.append(f"workers=1 ran on {len(w1_files):,} of the {size:,} articles (evenly spread) to stay "
                             f"in the time budget; its totals at {size:,} are extrapolated per character")

        # ---- same graph?
        if not sampled:
            d1, _ = run_child("dump", {"store": str(base / "store-w1"), "tmp": str(base / "w1.nq")})
            d2, _ = run_child("dump", {"store": str(base / "store-w2"), "tmp": str(base / "w2.nq")})
            res.steps["same_graph"] = {"equal": d1[0]["sha256"] == d2[0]["sha256"], "w1": d1[0], "w2": d2[0]}
            self.log(f"same graph with 1 and 2 workers: {res.steps['same_graph']['equal']} "
                     f"({d1[0]['lines']:,} vs {d2[0]['lines']:,} quads)")
        if not self.opts.keep:
            for sub in ("store-w1", "store-w2", "articles", "w1-sample"):
                shutil.rmtree(base / sub, ignore_errors=True)
        return res

    def queries(self, store: Path, size: int) -> tuple[list[dict], dict]:
        """Every saved query, each stopped after `--query-limit` seconds; a query that was stopped at a
        smaller size, or whose first run there times the size ratio exceeds the limit, is not run again."""
        limit = self.opts.query_limit
        done: list[dict] = []
        skip: set[str] = set()
        prev = self.results[-1] if self.results else None
        if prev is not None:
            for q in prev.queries:
                why = skip_reason(q, prev.size, size, limit)
                if why:
                    skip.add(q["query"])
                    done.append({"query": q["query"], "not_run": True, "why": why})
        thing = None
        info: dict = {}
        peak = 0
        while True:
            def watchdog(results: list[dict]) -> bool:
                """Stop the query whose current run has taken longer than the limit."""
                marks = [r for r in results if "start" in r or "ran" in r]
                if not marks:
                    return False
                name = next(r["start"] for r in reversed(marks) if "start" in r)
                finished = any(r.get("query") == name for r in results)
                return not finished and time.monotonic() - marks[-1]["_at"] > limit

            out, info = run_child("queries", {"store": str(store), "per_query_s": self.opts.query_reps_s,
                                              "skip": sorted(skip | {q["query"] for q in done}), "thing": thing},
                                  watchdog=watchdog,
                                  log=lambda r: "query" in r and self.log(
                                      f"(d) {r['query']}: p50 {r['p50_s'] * 1000:,.1f} ms, p99 "
                                      f"{r['p99_s'] * 1000:,.1f} ms ({r['runs']} runs, {r['rows']:,} rows)"))
            peak = max([peak] + [r.get("hwm_kb", 0) for r in out])
            thing = next((r["thing"] for r in out if "thing" in r), thing)
            done += [{k: v for k, v in r.items() if k != "_at"} for r in out if "query" in r]
            if not info["timed_out"]:
                break
            stuck = [r["start"] for r in out if "start" in r][-1]
            self.log(f"(d) {stuck}: stopped after {limit:.0f} s")
            done.append({"query": stuck, "timeout": True, "why": f"stopped after {limit:.0f} s"})
        order = {q.name: i for i, q in enumerate(_saved_queries())}
        done.sort(key=lambda r: order.get(r["query"], 999))
        return done, {**info, "hwm_kb": peak, "thing": thing}

    def build(self, base: Path, label: str, inputs: list[Path], workers: int, articles: int, chars: int) -> dict:
        timing_dir = base / f"timing-{label}"
        shutil.rmtree(timing_dir, ignore_errors=True)
        out, info = run_child("build", {"inputs": [str(i) for i in inputs], "out": str(base / f"store-{label}"),
                                        "workers": workers, "timing_dir": str(timing_dir)})
        rec = {**out[0], **info, "articles": articles, "chars": chars, "workers": workers}
        timings = read_timings(timing_dir)
        rec["per_process"] = timings["per_process"]
        walls = [r[1] for r in timings["rows"]]
        rec["pipeline_wall"] = sum(walls)
        rec["pipeline_cpu"] = sum(r[2] for r in timings["rows"])
        rec["article_p50_s"] = statistics.median(walls) if walls else 0.0
        rec["article_p99_s"] = percentile(walls, 99) if walls else 0.0
        # the first article of each process loads Kiwi, spaCy and the KB: the steady rate leaves it out
        firsts = []
        for f in sorted(timing_dir.glob("*.tsv")):
            lines = f.read_text().splitlines()
            if lines:
                firsts.append(lines[0].split("\t"))
        rec["first_article_s"] = max((float(x[1]) for x in firsts), default=0.0)
        rec["steady_chars"] = chars - sum(self.chars_of.get(x[0], 0) for x in firsts)
        rec["steady_wall"] = rec["pipeline_wall"] - sum(float(x[1]) for x in firsts)
        rec["steady_cpu"] = rec["pipeline_cpu"] - sum(float(x[2]) for x in firsts)
        rec["kg_source"] = kg_source_digest()
        self.log(f"(c) kg build --workers {workers}: {rec['wall']:.1f} s wall ({chars / rec['wall']:,.0f} chars/s), "
                 f"pipeline {chars / max(rec['pipeline_cpu'], 1e-9):,.0f} chars/CPU-s, "
                 f"writes {rec['write']:.1f} s, {rec['quads']:,} quads, tree peak PSS "
                 f"{rec['tree_peak_pss_kb'] / 1024:,.0f} MB")
        return rec

    # ------------------------------------------------------------------ output
    def save(self) -> None:
        data = {"machine": self.machine, "seed": self.opts.seed, "budget_min": self.opts.budget_min,
                "query_limit": self.opts.query_limit,
                "started": self.started, "sizes": [r.__dict__ for r in self.results]}
        (self.work / "results.json").write_text(json.dumps(data, indent=1, default=str), encoding="utf-8")
        if self.opts.results:
            write_results(data, Path(self.opts.results))


# ============================================================================ RESULTS.md
def _mb(kb: float) -> str:
    return f"{kb / 1024:,.0f} MB"


def _rate(chars: float, seconds: float) -> str:
    return f"{chars / seconds:,.0f}" if seconds > 0 else "-"


def _load(step: dict) -> str:
    return f"{step['load_before'][0]:.1f}→{step['load_after'][0]:.1f}"


def summarize(size: dict) -> dict:
    """The headline figures of one size (also used by the 'what this shows' text)."""
    s = size["steps"]
    fl, w1, w2 = s["floor"], s["w1"], s["w2"]
    floor_cpu = fl["chars"] / fl["cpu"]
    floor_wall = fl["chars"] / fl["wall"]
    pipe_cpu = w1["steady_chars"] / w1["steady_cpu"]
    pipe_wall = w1["steady_chars"] / w1["steady_wall"]
    w2_pipe_cpu = w2["steady_chars"] / w2["steady_cpu"]
    w1_total = w1["wall"] * (size["chars"] / w1["chars"])  # extrapolated per character when sampled
    return {"floor_cpu": floor_cpu, "floor_wall": floor_wall, "pipe_cpu": pipe_cpu, "pipe_wall": pipe_wall,
            "ratio_cpu": pipe_cpu / floor_cpu, "ratio_wall": pipe_wall / floor_wall, "w2_pipe_cpu": w2_pipe_cpu,
            "w1_total": w1_total, "w2_total": w2["wall"], "speedup": w1_total / w2["wall"],
            "w1_sampled": w1.get("sampled", False), "floor_sampled": fl.get("sampled", False)}


def write_results(data: dict, path: Path) -> None:
    m = data["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"One run of `python benchmarks/run.py` started {data['started']} (seed {data['seed']}, time budget "
        f"{data['budget_min']} min). Generated by the runner; do not edit by hand.",
        "",
        f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['ram_gb']} GB RAM; Python {m['python']}, kiwipiepy "
        f"{m['kiwipiepy']}, spaCy {m['spacy']}, pyoxigraph {m['pyoxigraph']}. The machine was shared with other "
        "test runs: the load average (1 min, before→after) is given beside each step, and rates are given per "
        "CPU-second as well as per wall-second, since CPU time is what contention distorts least.",
        "",
        "Corpus: synthetic Korean AI-news articles from `benchmarks/generate.py` (knowledge-base things, Korean "
        "numbers, money with conversions, absolute and relative dates, attributed claims, page furniture); each "
        "size is a prefix of the same corpus.",
        "",
    ]
    for size in data["sizes"]:
        lines += _size_section(size)
    lines += _shows(data)
    notes = ""
    if path.exists():  # the hand-written reading of a run survives re-rendering
        old = path.read_text(encoding="utf-8")
        if NOTES_START in old and NOTES_END in old:
            notes = old[old.index(NOTES_START):old.index(NOTES_END) + len(NOTES_END)]
    lines += [notes or f"{NOTES_START}\n{NOTES_END}", ""]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _size_section(size: dict) -> list[str]:
    s = size["steps"]
    fl, w1, w2 = s["floor"], s["w1"], s["w2"]
    sm = summarize(size)
    n, chars = size["size"], size["chars"]
    ex = " (extrapolated from the sample)" if sm["w1_sampled"] else ""
    smp1 = " — sample" if sm["w1_sampled"] else ""
    out = [f"## {n:,} articles ({chars:,} characters, {chars / n:,.0f} per article)", ""]
    out += ["| step | articles | wall | CPU | chars/s wall | chars/s CPU | peak RSS | load |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    out.append(f"| (a) floor: Kiwi `tokenize` only, 1 process{' — sample' if sm['floor_sampled'] else ''} | "
               f"{fl['articles']:,} | {fl['wall']:.1f} s | {fl['cpu']:.1f} s | {sm['floor_wall']:,.0f} | "
               f"{sm['floor_cpu']:,.0f} | {_mb(fl['hwm_kb'])} | {_load(fl)} |")
    out.append(f"| (a) … loading Kiwi (not counted) and its first call (warm-up, not counted) | | "
               f"{fl['load_s']:.1f} s + {fl.get('warmup_s', 0):.1f} s | | | | | |")
    out.append(f"| (b) pipeline ingest→quads, 1 process, steady (time in `article_quads`){smp1} | "
               f"{w1['articles'] - 1:,} | {w1['steady_wall']:.1f} s | {w1['steady_cpu']:.1f} s | "
               f"{sm['pipe_wall']:,.0f} | {sm['pipe_cpu']:,.0f} | {_mb(w1['hwm_kb'])} | {_load(w1)} |")
    out.append(f"| **(b)/(a)** | | | | **{sm['ratio_wall']:.2f}** | **{sm['ratio_cpu']:.2f}** | | |")
    out.append(f"| (b) … first article of the process (loads Kiwi, spaCy, KB) | 1 | {w1['first_article_s']:.1f} s "
               "| | | | | |")
    out.append(f"| (c) `kg build DIR -o STORE --workers 1`: total{smp1} | {w1['articles']:,} | {w1['wall']:.1f} s | "
               f"{w1['cpu']:.1f} s | {_rate(w1['chars'], w1['wall'])} | | {_mb(w1['hwm_kb'])} | {_load(w1)} |")
    out.append(f"| (c) … of which writing into the store (`add_graphs`/`replace_graph`, {w1['writes']:,} calls) | | "
               f"{w1['write']:.1f} s | {w1['write_cpu']:.1f} s | | | | |")
    out.append(f"| (c) … of which the KB step (scan for KB ids, closure, KB graph) | | "
               f"{w1['kb_ids'] + w1['kb_closure'] + w1['kb_quads']:.1f} s | | | | | |")
    out.append(f"| (c) `kg build DIR -o STORE --workers 2`: total | {n:,} | {w2['wall']:.1f} s | "
               f"{w2['cpu'] + w2['children_cpu']:.1f} s | {_rate(chars, w2['wall'])} | "
               f"{sm['w2_pipe_cpu']:,.0f} per worker, steady | {_mb(w2['hwm_kb'])} parent + "
               f"{_mb(w2['children_maxrss_kb'])} per worker | {_load(w2)} |")
    out.append(f"| (c) … of which writing into the store (in the parent) | | {w2['write']:.1f} s | "
               f"{w2['write_cpu']:.1f} s | | | | |")
    out.append(f"| (c) … of which the KB step | | {w2['kb_ids'] + w2['kb_closure'] + w2['kb_quads']:.1f} s | "
               "| | | | |")
    out += [""]
    same = s.get("same_graph")
    if same is None:
        same_text = "graphs not compared (workers=1 ran on a sample)"
    elif same["equal"]:
        same_text = (f"**same graph**: sorted N-Quads dumps byte-identical ({same['w1']['lines']:,} quads, "
                     f"sha256 {same['w1']['sha256'][:12]}…)")
    else:
        same_text = f"**different graphs**: {same['w1']['lines']:,} vs {same['w2']['lines']:,} quads"
    out += [
        f"- Workers: 1 worker {sm['w1_total']:.1f} s{ex}, 2 workers {sm['w2_total']:.1f} s: speed-up "
        f"**{sm['speedup']:.2f}×**; {same_text}.",
        f"- Store: {w2['quads']:,} quads, {w2['store_bytes'] / 1024**2:,.0f} MB on disk, "
        f"{w2['quads'] / n:,.0f} quads per article (the article graphs and the merged view); writing costs "
        f"{w1['write'] / max(w1['articles'], 1) * 1000:,.1f} "
        f"ms per article (workers=1).",
        f"- Per article (workers=1): p50 {w1['article_p50_s'] * 1000:,.0f} ms, p99 "
        f"{w1['article_p99_s'] * 1000:,.0f} ms.",
        f"- Peak memory of whole process trees (summed PSS, sampled each second; summed RSS would count the "
        f"pages workers share after fork twice): floor {_mb(fl['tree_peak_pss_kb'])}, build workers=1 "
        f"{_mb(w1['tree_peak_pss_kb'])}, build workers=2 {_mb(w2['tree_peak_pss_kb'])} (summed RSS "
        f"{_mb(w2['tree_peak_rss_kb'])}), queries {_mb(s['queries']['hwm_kb'])}.",
    ]
    if w1.get("kg_source") != w2.get("kg_source"):
        out.append(f"- Note: kg/ changed between the two builds (source digests {w2.get('kg_source')} then "
                   f"{w1.get('kg_source')}): other people were editing it.")
    for note in size.get("notes", []):
        out.append(f"- Note: {note}.")
    thing = s["queries"].get("thing")
    out += ["", f"(d) Saved queries on the {n:,}-article store (the workers=2 build), through "
            "`kg.query.run_saved` on a read-only store; required parameters get the organisation most articles "
            f"mention ({thing!r}). The first run is reported apart; p50 and p99 are over the runs after it "
            "(repeated for about 5 s, 3 to 30 runs; p99 of few runs is their maximum).", "",
            "| query | rows | runs | p50 ms | p99 ms | first run ms |",
            "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for q in size["queries"]:
        if q.get("timeout") or q.get("not_run"):
            out.append(f"| {q['query']} | | | not measured: {q['why']} | | |")
            continue
        flag = " ⚠" if q["p50_s"] > 0.2 else ""
        out.append(f"| {q['query']} | {q['rows']:,} | {q['runs']} | {q['p50_s'] * 1000:,.1f}{flag} | "
                   f"{q['p99_s'] * 1000:,.1f} | {q['first_s'] * 1000:,.1f} |")
    out += ["", "⚠: p50 above the 200 ms target.", ""]
    return out


def _shows(data: dict) -> list[str]:
    sizes = data["sizes"]
    if not sizes:
        return []
    sums = [(s["size"], s["chars"], summarize(s), s) for s in sizes]
    out = ["## What this shows (computed from the tables above)", ""]
    ratios = ", ".join(f"{n:,}: {sm['ratio_cpu']:.2f} (wall {sm['ratio_wall']:.2f})" for n, _, sm, _ in sums)
    out.append(f"- Pipeline vs Kiwi floor, (b)/(a) in chars per CPU-second, by corpus size: {ratios}. "
               "The target is ≥ 0.50.")
    out.append("- Pipeline chars per CPU-second (steady) by size: "
               + ", ".join(f"{n:,}: {sm['pipe_cpu']:,.0f}" for n, _, sm, _ in sums)
               + "; per worker inside the 2-worker builds (all articles): "
               + ", ".join(f"{n:,}: {sm['w2_pipe_cpu']:,.0f}" for n, _, sm, _ in sums) + ".")
    out.append("- Workers speed-up (target ≥ 1.7× with the same graph): "
               + ", ".join(f"{n:,}: {sm['speedup']:.2f}×{' (workers=1 extrapolated)' if sm['w1_sampled'] else ''}"
                           for n, _, sm, _ in sums) + ".")
    out.append("- Store writes per article (workers=1): "
               + ", ".join(f"{n:,}: {z['steps']['w1']['write'] / max(z['steps']['w1']['articles'], 1) * 1000:,.1f} ms"
                           for n, _, _, z in sums) + "; the KB step after the last article: "
               + ", ".join(f"{n:,}: {z['steps']['w2']['kb_ids'] + z['steps']['w2']['kb_closure']:,.1f} s"
                           for n, _, _, z in sums) + ".")
    big_n, _, _, big_size = sums[-1]
    q = [r for r in big_size["queries"] if "p50_s" in r]
    missing = [r["query"] for r in big_size["queries"] if "p50_s" not in r]
    if big_size["queries"]:
        over = [r["query"] for r in q if r["p50_s"] > 0.2]
        out.append(f"- Queries at {big_n:,} articles: {len(q) - len(over)} of {len(big_size['queries'])} saved queries "
                   f"answer with p50 ≤ 200 ms; measured above it: {', '.join(over) or 'none'}; stopped or not run "
                   f"(too slow): {', '.join(missing) or 'none'}.")
    if len(sums) >= 2 and 100_000 not in [n for n, *_ in sums]:
        (n0, c0, _, z0), (n1, c1, _, z1) = sums[-2], sums[-1]
        per0, per1 = z0["steps"]["w2"]["wall"] / c0, z1["steps"]["w2"]["wall"] / c1
        growth = per1 / per0
        chars_100k = c1 / n1 * 100_000
        # a time per character that fell (a quieter machine) is not carried forward: linear at least
        t100 = z1["steps"]["w2"]["wall"] * (chars_100k / c1) * max(growth, 1.0)
        pss0, pss1 = z0["steps"]["w2"]["tree_peak_pss_kb"], z1["steps"]["w2"]["tree_peak_pss_kb"]
        mem100 = pss1 + max(pss1 - pss0, 0) * (100_000 - n1) / (n1 - n0)
        out.append(f"- **Extrapolation to 100,000 articles (not measured)**: the 2-worker build's wall time per "
                   f"character changed ×{growth:.2f} from {n0:,} to {n1:,} articles; carrying "
                   f"{'that change' if growth > 1 else 'it linearly (no less than ×1)'} one more decade gives "
                   f"≈ {t100 / 60:,.0f} min for 100,000 articles (target < 45 min); a linear growth "
                   f"of the build tree's peak PSS gives ≈ {mem100 / 1024**2:,.1f} GB (target < 3 GB).")
    out.append("")
    return out


# ============================================================================ main
def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["speed"]:  # issue 15's figures (benchmarks/speed.py)
        sys.path.insert(0, str(ROOT))
        import speed

        return speed.main(argv[1:])
    if argv[:1] == ["_child"]:
        sys.path.insert(0, str(ROOT))
        CHILDREN[argv[1]](json.loads(argv[2]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=list(DEFAULT_SIZES),
                        help="comma-separated corpus sizes (default 100,1000,10000)")
    parser.add_argument("--max", type=int, default=10_000, help="largest size to run (100000 adds that size)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--work", default="/tmp/aikg-bench", help="work folder: corpus, stores, results.json")
    parser.add_argument("--budget-min", type=float, default=40.0, help="time budget of the whole run, minutes")
    parser.add_argument("--results", default=str(RESULTS), help="Markdown report to write ('' for none)")
    parser.add_argument("--keep", action="store_true", help="keep the built stores")
    parser.add_argument("--query-limit", type=float, default=10.0,
                        help="stop a saved query's first run after this many seconds (default 10)")
    parser.add_argument("--query-reps-s", type=float, default=5.0,
                        help="repeat each query for about this many seconds (at least 3 runs, at most 30)")
    parser.add_argument("--render", type=Path, metavar="RESULTS_JSON",
                        help="only rewrite the Markdown report from a results.json of an earlier run")
    opts = parser.parse_args(argv)
    if opts.render:
        write_results(json.loads(opts.render.read_text(encoding="utf-8")), Path(opts.results))
        return 0
    if opts.max >= 100_000 and 100_000 not in opts.sizes:
        opts.sizes.append(100_000)
    opts.sizes = [s for s in opts.sizes if s <= opts.max]
    Path(opts.work).mkdir(parents=True, exist_ok=True)
    Runner(opts).run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
