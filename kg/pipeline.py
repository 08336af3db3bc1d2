"""From article folders to a graph: ingest -> spaCy pipeline -> graph builder -> store or file.

The flow is one way. `extract_article` runs the Korean Language with the
extraction components on one article; `build_graph_file` streams every
article's quads into an Oxigraph store (in memory for a file output, on disk
for a store folder) and writes the result atomically (temporary file, then
rename), so a failed or interrupted build leaves the previous graph intact.
"""

from __future__ import annotations

import gc
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import IngestError, UserError
from kg.extract.run import build_nlp, extract_article  # noqa: F401  (build_nlp: re-exported)
from kg.graph import store as store_mod
from kg.graph.build import (
    KB_GRAPH,
    ArticleGraphBuilder,
    graph_for_stem,
    kb_closure,
    kb_id_of,
    kb_ids_of,
    kb_quads,
)
from kg.graph.store import rdf_format_for
from kg.ingest import content_hash, find_article_files, load_metadata, read_article
from kg.kb import load_kb


@dataclass
class BuildReport:
    articles: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, problem)
    unchanged: int = 0
    removed: int = 0
    quads: int = 0
    seconds: float = 0.0
    out: Path | None = None

    @property
    def exit_code(self) -> int:
        """0: everything built; 1: some articles were skipped (reported by name)."""
        return 1 if self.skipped else 0


# ------------------------------------------------------------------ one article, in any process
def article_quads(path: Path, metadata: dict | None) -> tuple[str, list[ox.Quad] | None, str | None, str]:
    """(file, quads or None, problem, content hash) for one article; errors become problems, never crashes."""
    try:
        article = read_article(path, metadata)
    except IngestError as exc:
        return str(path), None, exc.problem, ""
    try:
        ext = extract_article(article)
        quads = ArticleGraphBuilder(article, ext, load_kb()).quads()
    except Exception as exc:  # a bug on one article must not end the whole build
        return str(path), None, f"internal error while extracting ({type(exc).__name__}: {exc})", ""
    return str(path), quads, None, article.content_hash


def _worker(args: tuple[Path | str, dict | None]) -> tuple[str, bytes | None, str | None, str]:
    path, meta = args
    name, quads, problem, digest = article_quads(Path(path), meta)
    if quads is None:
        return name, None, problem, digest
    return name, ox.serialize(quads, format=ox.RdfFormat.N_QUADS), None, digest


def _jobs(inputs: Iterable[Path]) -> list[tuple[Path, dict | None]]:
    files = find_article_files(inputs)
    metadata_by_dir: dict[Path, dict] = {}
    jobs = []
    for path in files:
        folder = path.parent
        if folder not in metadata_by_dir:
            try:
                metadata_by_dir[folder] = load_metadata(folder)
            except IngestError as exc:
                print(f"kg build: warning: {exc}", file=sys.stderr)
                metadata_by_dir[folder] = {}
        jobs.append((path, metadata_by_dir[folder].get(path.name)))
    return jobs


def iter_article_results(jobs: list[tuple[Path, dict | None]], workers: int = 1, cluster: str | None = None):
    """Yield (file, quads|None, problem, hash) in input order: serially, over local processes, or on a cluster.

    `cluster` is the address of a Dask distributed scheduler (tcp://host:8786); each of
    its workers loads the Korean pipeline once and extracts whole articles, so the
    result is the same graph as a serial build.
    """
    if cluster:
        yield from _cluster_results(jobs, cluster)
        return
    if workers <= 1 or len(jobs) < 2:
        for path, meta in jobs:
            yield article_quads(path, meta)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for name, data, problem, digest in pool.map(_worker, jobs, chunksize=4):
            quads = None if data is None else list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
            yield name, quads, problem, digest


def _cluster_results(jobs: list[tuple[Path, dict | None]], address: str):
    try:
        from distributed import Client
    except ImportError as exc:  # an optional extra
        raise UserError("--cluster needs Dask distributed: pip install -e '.[cluster]'") from exc
    try:
        client = Client(address, timeout="10s")
    except OSError as exc:
        raise UserError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        # articles are read by the workers: paths must be visible to them (a shared filesystem)
        futures = client.map(_worker, [(str(p), m) for p, m in jobs], pure=False, batch_size=64)
        for future in futures:  # in input order, so the graph is the same as a serial build
            name, data, problem, digest = future.result()
            quads = None if data is None else list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
            yield name, quads, problem, digest
    finally:
        client.close()


# ------------------------------------------------------------------ building
def build_graph_file(inputs: list[Path], out: Path, *, update: bool = False, workers: int = 1,
                     cluster: str | None = None, progress: Callable[[str], None] | None = None) -> BuildReport:
    """Build the graph of every article under `inputs` into `out` (file by suffix, or a store folder)."""
    t0 = time.perf_counter()
    out = Path(out)
    fmt = rdf_format_for(out)
    if out.suffix and fmt is None:
        raise UserError(f"{out}: unknown output format (use .ttl, .trig, .nt, .nq, .jsonld or no suffix for a store)")
    jobs = _jobs(inputs)
    if not jobs:
        raise UserError(f"no *.txt articles under {', '.join(str(p) for p in inputs)}")
    report = BuildReport(out=out)
    if fmt is None:
        _build_store(jobs, out, report, update=update, workers=workers, cluster=cluster, progress=progress)
    else:
        _build_file(jobs, out, fmt, report, workers=workers, cluster=cluster, progress=progress)
    report.seconds = time.perf_counter() - t0
    return report


def _build_file(jobs, out: Path, fmt: ox.RdfFormat, report: BuildReport, *, workers: int, cluster: str | None,
                progress) -> None:
    store = ox.Store()
    named: set[str] = set()
    for name, quads, problem, _digest in iter_article_results(jobs, workers, cluster):
        if quads is None:
            report.skipped.append((name, problem or "unknown problem"))
            if progress:
                progress(f"skipped {name}: {problem}")
            continue
        store.extend(quads)
        named |= kb_ids_of(quads)
        report.articles += 1
    kb = load_kb()
    store.extend(kb_quads(kb, kb_closure(kb, named)))
    report.quads = len(store)
    store_mod.dump(store, out)


def _build_store(jobs, out: Path, report: BuildReport, *, update: bool, workers: int, cluster: str | None,
                 progress) -> None:
    """Build into an on-disk Oxigraph store: one named graph per article.

    The run works on a copy (for --update a hard-linked backup of the store, which is
    cheap) and swaps it in by renames only when it has finished, so a failed or
    interrupted build leaves the previous store as it was.
    """
    if out.exists() and not _is_store(out):
        raise UserError(f"{out}: exists and is not an aikg store folder (refusing to replace it)")
    work = out.with_name(f".{out.name}.building-{os.getpid()}")
    shutil.rmtree(work, ignore_errors=True)
    try:
        if update and out.exists():
            previous = ox.Store(str(out))
            previous.backup(str(work))
            del previous
        store = ox.Store(str(work))
        _fill_store(store, jobs, report, update=update, workers=workers, cluster=cluster)
        store.flush()
        report.quads = len(store)
        del store
        gc.collect()  # release the store's files before the rename
        _swap_in(work, out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


BULK_BATCH = 200  # articles per bulk write in a fresh build (benchmarks/PROFILE.md, S2)


def _fill_store(store: ox.Store, jobs, report: BuildReport, *, update: bool, workers: int,
                cluster: str | None) -> None:
    """Write every article's graph, and the merged view, into `store` (a work copy nobody reads yet).

    A fresh build writes in bulk, BULK_BATCH articles at a time; `--update` replaces
    each changed article's graph in its own transaction and keeps the merged view exact.
    """
    if update and store_mod.reads_union(store):
        store_mod.merge_named_graphs(store)  # a store from before the merged view
    known = store_mod.article_hashes(store) if update else {}
    todo = []
    current_files = set()
    for path, meta in jobs:
        current_files.add(path.name)
        if update and path.name in known:
            try:
                digest = content_hash(path)
            except IngestError:
                digest = ""
            if digest == known[path.name]:
                report.unchanged += 1
                continue
        todo.append((path, meta))
    for name in sorted(set(known) - current_files):
        store_mod.remove_graph(store, graph_for_stem(Path(name).stem))
        report.removed += 1
    batch: list[ox.Quad] = []
    for name, quads, problem, _digest in iter_article_results(todo, workers, cluster):
        if quads is None:
            report.skipped.append((name, problem or "unknown problem"))
            continue
        report.articles += 1
        if update:
            graph = quads[0].graph_name if quads else graph_for_stem(Path(name).stem)
            store_mod.replace_graph(store, graph, quads, merged=True)
            continue
        batch += quads
        if report.articles % BULK_BATCH == 0:
            store_mod.add_graphs(store, batch)
            batch = []
    if batch:
        store_mod.add_graphs(store, batch)
    # the background knowledge follows what the articles now in the store name
    kb = load_kb()
    background = kb_quads(kb, kb_closure(kb, _named_kb_ids(store)))
    if update:
        store_mod.replace_graph(store, KB_GRAPH, background, merged=True)
    else:
        store_mod.add_graphs(store, background)  # already quads of KB_GRAPH


def _is_store(folder: Path) -> bool:
    """An Oxigraph (RocksDB) store folder, or an empty folder."""
    return folder.is_dir() and (not any(folder.iterdir()) or (folder / "CURRENT").exists())


def _swap_in(work: Path, out: Path) -> None:
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    if out.exists():
        os.replace(out, old)
    os.replace(work, out)
    shutil.rmtree(old, ignore_errors=True)


def _named_kb_ids(store: ox.Store) -> set[str]:
    """KB ids of what the articles in the store mention or are published by (one query, not a scan)."""
    rows = store.query(
        "SELECT DISTINCT ?t WHERE { GRAPH ?g { ?a <https://schema.org/mentions>|<https://schema.org/publisher> ?t } "
        "FILTER(?g != <https://w3id.org/aikg/id/graph/kb>) }"
    )
    return {i for i in (kb_id_of(row["t"]) for row in rows) if i}
