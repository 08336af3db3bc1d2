"""From article folders to a graph: ingest -> spaCy pipeline -> graph builder -> store or file.

The flow is one way. `extract_article` runs the Korean Language with the
extraction components on one article; `build_graph_file` streams every
article's quads into an Oxigraph store (in memory for a file output, on disk
for a store folder) and writes the result atomically (temporary file, then
rename), so a failed or interrupted build leaves the previous graph intact.

A store folder also keeps, beside Oxigraph's own files, a record of what each
article's graph was built from (`aikg-build.json`: the file's content hash, its
`metadata.json` entry and a fingerprint of the knowledge base, lexicons,
ontology and extraction code), so that `--update` rebuilds an article when any
of them changed and the store stays equal to a full build. The record is not
RDF: build bookkeeping never shows up in a query.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import shutil
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as metadata_version
from pathlib import Path

import pyoxigraph as ox

from kg.errors import IngestError, NotAnArticle, UserError
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
from kg.graph.statistics import STATISTICS_GRAPH, StoreChange, class_counts, statistics_quads
from kg.graph.store import rdf_format_for
from kg.graph.vocab import ONTOLOGY_FILE
from kg.ingest import content_hash, find_article_files, load_metadata, read_article
from kg.kb import load_kb
from kg.kiwi_process import KiwiProcess, unpack

_EXTRACTION = ("build_nlp", "extract_article", "extract_articles")  # of kg.extract.run, imported when first used


def __getattr__(name: str):
    """kg.extract.run's functions, imported on first use: with them comes spaCy (about 0.7 s), which
    a build that extracts nothing (`--update` with no new article) never needs."""
    if name in _EXTRACTION:
        from kg.extract import run

        return getattr(run, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# progress(done, total): called when the articles to extract are known (0, total), then after each one
Progress = Callable[[int, int], None]


class Ignored(str):
    """The problem of a `.txt` that is no article (NotAnArticle): reported in one line, never a failure.

    A str, so that a result stays a (file, quads, problem, hash) tuple across processes and Dask workers.
    """

    __slots__ = ()


@dataclass
class BuildReport:
    articles: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, problem)
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (file, why it is no article)
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
def article_quads(path: Path, metadata: dict | None,
                  pieces: list | None = None) -> tuple[str, list[ox.Quad] | None, str | None, str]:
    """(file, quads or None, problem, content hash) for one article; errors become problems, never crashes.

    A file that is no article (a list of links) gives an `Ignored` problem. `pieces`: the
    morphemes of its text, when another process has tokenised it already.
    """
    return _extract_batch([(*_read(path, metadata), pieces)])[0]


def _read(path: Path, metadata: dict | None) -> tuple[Path, object | None, str | None]:
    """(path, Article or None, problem) as article_quads reads it."""
    try:
        return path, read_article(path, metadata), None
    except NotAnArticle as exc:
        return path, None, Ignored(exc.problem)
    except IngestError as exc:
        return path, None, exc.problem


def _serial_with_tokenizer(jobs, tokenizer: KiwiProcess):
    """article_quads of each job in order, the tokenizer process tokenising the next articles meanwhile."""
    if not jobs:
        return
    from kg.extract.run import build_nlp

    build_nlp()  # spaCy's import and the pipeline (about 0.8 s) now, while the tokenizer process loads Kiwi
    reads = (_read(path, meta) for path, meta in jobs)
    tokenised = tokenizer.ahead(reads, lambda r: r[1].analysis_text if r[1] else None)
    for batch in _grouped(((*read, pieces) for read, pieces in tokenised), _text_size):
        yield from _extract_batch(batch)


def _serial(jobs):
    """article_quads of each job in order, in batches (`_extract_batch`)."""
    for batch in _grouped(((*_read(path, meta), None) for path, meta in jobs), _text_size):
        yield from _extract_batch(batch)


ArticleResult = tuple[str, list[ox.Quad] | None, str | None, str]  # (file, quads or None, problem, content hash)
BATCH_BYTES = 48_000  # articles extracted together: about 30 short ones or 5 long ones (kg.extract.run)
WORKER_NICENESS = 10  # the workers' niceness relative to the tokenizer and writer processes (`_yield_to_tokenizer`)
# Kiwi is about a third of the CPU of an article (benchmarks/PROFILE.md, P9), so the one tokenizer
# process keeps about two workers busy; with more, each worker tokenises its own articles, or Kiwi's
# one core would cap a build on many cores
WORKERS_ONE_TOKENIZER_FEEDS = 2


def _extract_batch(batch: list[tuple[Path, object | None, str | None, list | None]]) -> list[ArticleResult]:
    """The result of each (path, article or None, problem, morphemes or None) as `_read` gave it,
    the articles extracted together (`extract_articles`); an error is that article's problem only."""
    from kg.extract.run import extract_articles

    articles = [(path, article, pieces) for path, article, _problem, pieces in batch if article is not None]
    extractions = extract_articles([a for _p, a, _x in articles], [x for _p, _a, x in articles])
    next_extraction = iter(extractions)
    kb = load_kb()
    out: list[ArticleResult] = []
    for path, article, problem, _pieces in batch:
        if article is None:
            out.append((str(path), None, problem, ""))
            continue
        ext = next(next_extraction)
        try:
            if isinstance(ext, Exception):
                raise ext
            quads = ArticleGraphBuilder(article, ext, kb).quads()
        except Exception as exc:  # a bug on one article must not end the whole build
            out.append((str(path), None, f"internal error while extracting ({type(exc).__name__}: {exc})", ""))
            continue
        out.append((str(path), quads, None, article.content_hash))
    # Finished docs leave no cyclic garbage (`kg.extract.run.release`), but an error's traceback
    # or a future component might, and the young generation of `build_nlp` is large: one
    # collection per batch keeps a worker's memory flat whatever happens (benchmarks/PROFILE.md,
    # P6), and costs next to nothing when there is nothing to find (P9).
    ext = extractions = next_extraction = None
    if len(articles) > 1:
        gc.collect()
    return out


def _grouped(items, size_of, limit: int = BATCH_BYTES):
    """Lists of consecutive items whose sizes reach `limit` (the last one may be smaller)."""
    batch: list = []
    size = 0
    for item in items:
        batch.append(item)
        size += size_of(item)
        if size >= limit:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _text_size(read: tuple) -> int:
    """About the bytes of a read article's text (Hangul takes 3 in UTF-8): what BATCH_BYTES counts."""
    article = read[1]
    return 3 * len(article.analysis_text) if article is not None else 0


def _file_size(job: tuple) -> int:
    try:
        return Path(job[0]).stat().st_size
    except OSError:  # the worker reports it
        return 0


# a worker's job: (file, its metadata, its morphemes if already tokenised, maybe packed: `kiwi_process.unpack`);
# its answer: (file, N-Quads, problem, hash)
Job = tuple[Path | str, dict | None, list | bytes | None]
WorkerResult = tuple[str, bytes | None, str | None, str]


def _worker(job: Job) -> WorkerResult:
    """One article in a Dask worker (the cluster path hands out articles one by one)."""
    return _worker_batch([job])[0]


def _worker_batch(batch: list[Job]) -> list[WorkerResult]:
    """The results of a task of about BATCH_BYTES of files, extracted together (`_extract_batch`),
    their quads as N-Quads bytes (pickled far faster than Python quads)."""
    results = _extract_batch([(*_read(Path(path), meta), unpack(pieces)) for path, meta, pieces in batch])
    return [(name, None if quads is None else ox.serialize(quads, format=ox.RdfFormat.N_QUADS), problem, digest)
            for name, quads, problem, digest in results]


def _from_worker(result: WorkerResult) -> ArticleResult:
    """A worker's result with its N-Quads parsed back into quads, in the process that writes them."""
    name, data, problem, digest = result
    return name, None if data is None else list(ox.parse(data, format=ox.RdfFormat.N_QUADS)), problem, digest


def _as_sent(result: WorkerResult) -> WorkerResult:
    """A worker's result as it sent it, its quads N-Quads bytes (for `iter_article_results(as_nquads=True)`)."""
    return result


def _serialised(result: ArticleResult) -> WorkerResult:
    """A result of this process with its quads as N-Quads bytes, as a worker would have sent them."""
    name, quads, problem, digest = result
    return name, None if quads is None else ox.serialize(quads, format=ox.RdfFormat.N_QUADS), problem, digest


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


def _jobs(inputs: Iterable[Path], report: BuildReport) -> list[tuple[Path, dict | None]]:
    """(file, its metadata entry) of every article to build; a file named as an earlier one is skipped.

    An article's IRI, named graph and build record come from its file name (`id/article/<stem>`),
    so 2025/01/brief.txt and 2025/02/brief.txt would be one article holding the sentences and
    offsets of both texts: the second is reported as skipped, naming the first, instead.
    """
    files = find_article_files(inputs)
    metadata_by_dir: dict[Path, dict] = {}
    jobs = []
    first_of_stem: dict[str, Path] = {}
    for path in files:
        first = first_of_stem.setdefault(path.stem, path)
        if first != path:
            if _same_file(first, path):  # given twice (seeds and /abs/seeds/a.txt): built once
                continue
            report.skipped.append((str(path), f"same article name as {first} (articles are named by "
                                              f"their file name, {path.stem}): rename one of them"))
            continue
        folder = path.parent
        if folder not in metadata_by_dir:
            try:
                metadata_by_dir[folder] = load_metadata(folder)
            except IngestError as exc:
                print(f"kg build: warning: {exc}", file=sys.stderr)
                metadata_by_dir[folder] = {}
        jobs.append((path, metadata_by_dir[folder].get(path.name)))
    return jobs


def iter_article_results(jobs: list[tuple[Path, dict | None]], workers: int = 1, cluster: str | None = None,
                         tokenizer: KiwiProcess | None = None, as_nquads: bool = False):
    """Yield (file, quads|None, problem, hash) in input order: serially, over local processes, or on a cluster.

    With `as_nquads` each article's quads come as N-Quads bytes, as the workers send them, for a
    writer that bulk-loads them (`store.add_graph_data`): nothing is parsed into Python terms.

    `cluster` is the address of a Dask distributed scheduler (tcp://host:8786); each of
    its workers loads the Korean pipeline once and extracts whole articles, so the
    result is the same graph as a serial build. When `tokenizer` is given
    (kg/kiwi_process.py), its process reads and tokenises, for this process in a serial
    build and for up to WORKERS_ONE_TOKENIZER_FEEDS local workers, which then only
    extract; more workers tokenise for themselves.
    """
    serial = not cluster and (workers <= 1 or len(jobs) < 2)
    if tokenizer is not None and cluster:
        tokenizer.close()
    received = _as_sent if as_nquads else _from_worker
    if cluster:
        yield from map(received, _cluster_results(jobs, cluster))
        return
    if serial:
        results = _serial_with_tokenizer(jobs, tokenizer) if tokenizer is not None else _serial(jobs)
        yield from map(_serialised, results) if as_nquads else results
        return
    feeding = tokenizer is not None and workers <= WORKERS_ONE_TOKENIZER_FEEDS
    if tokenizer is not None and not feeding:
        tokenizer.close()  # each worker tokenises its own articles: the tokenizer's core is theirs
    context = _loaded_fork_context(kiwi=not feeding)
    batches = _grouped(jobs, _file_size)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=_yield_to_tokenizer if feeding else None) as pool:
        if not feeding:
            tasks = (pool.submit(_worker_batch, [(*job, None) for job in batch]) for batch in batches)
        else:
            tasks = (pool.submit(_worker_batch, [(*job, packed) for job, packed in zip(batch, pieces, strict=True)])
                     for batch, pieces in tokenizer.files_ahead(batches))
        for task in _in_order(tasks, ahead=2 * workers):
            yield from map(received, task.result())


def _yield_to_tokenizer() -> None:
    """Run the workers at a lower priority than the tokenizer process that feeds them.

    Why: the tokenizer and the workers share the cores as equals, so on two cores the tokenizer
    got a third of the CPU and the workers waited for it, though Kiwi is only about a third of
    the work. Yielding to it (and to the writer, this process) keeps their queues full; the
    workers take what is left. On 600 short articles with two workers: 6.66 -> 5.47 s wall
    (benchmarks/PROFILE.md, P9).
    """
    try:
        os.nice(WORKER_NICENESS)
    except (AttributeError, OSError):  # no nice here (Windows): equal priorities, as before
        pass


def _in_order(tasks: Iterator[Future], ahead: int) -> Iterator[Future]:
    """The futures of `tasks` in order, the first one done or waited for while up to `ahead` others run.

    A task is drawn from `tasks` only as an earlier one finishes, so that the pool's queue holds
    a few batches rather than the whole corpus (the tokenizer process, which makes them, stays
    its window ahead).
    """
    pending: deque[Future] = deque()
    for task in tasks:
        pending.append(task)
        while pending and (pending[0].done() or len(pending) > ahead):
            yield pending.popleft()
    yield from pending


def _loaded_fork_context(kiwi: bool = True):
    """A fork context whose children inherit the pipeline (and Kiwi, if `kiwi`) loaded here, where fork exists.

    Each worker would otherwise build the pipeline itself: about a second of CPU per worker, at
    the same time, before its first article. Loaded once before the fork, the workers start
    extracting at once and share those pages. Kiwi is left out when the tokenizer process
    tokenises for the workers (it loads Kiwi meanwhile); a worker without Kiwi that must
    tokenise an article (the tokenizer died) loads it then. Where there is no fork, each worker
    loads its own, as before.
    """
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    from kg.extract.run import build_nlp

    build_nlp()  # also freezes the loaded objects out of the collector's sight (no copy-on-write)
    if kiwi:
        from kg.kiwi import warm_up

        warm_up()  # Kiwi runs no threads of its own (`kg.kiwi`), so it forks safely
    return multiprocessing.get_context("fork")


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
        futures = client.map(_worker, [(str(p), m, None) for p, m in jobs], pure=False, batch_size=64)
        for future in futures:  # in input order, so the graph is the same as a serial build
            yield future.result()
    finally:
        client.close()


# ------------------------------------------------------------------ building
def build_graph_file(inputs: list[Path], out: Path, *, update: bool = False, workers: int = 1,
                     cluster: str | None = None, progress: Progress | None = None,
                     tokenizer: KiwiProcess | None = None) -> BuildReport:
    """Build the graph of every article under `inputs` into `out` (file by suffix, or a store folder).

    `progress(done, total)` hears of each article extracted (for a progress bar; see Progress);
    `tokenizer`, a started KiwiProcess, reads and tokenises for a serial build.
    """
    t0 = time.perf_counter()
    out = Path(out)
    fmt = rdf_format_for(out)
    if out.suffix and fmt is None:
        raise UserError(f"{out}: unknown output format (use .ttl, .trig, .nt, .nq, .jsonld or no suffix for a store)")
    report = BuildReport(out=out)
    jobs = _jobs(inputs, report)
    if not jobs:
        raise UserError(f"no *.txt articles under {', '.join(str(p) for p in inputs)}")
    if fmt is None:
        _build_store(jobs, out, report, update=update, workers=workers, cluster=cluster, progress=progress,
                     tokenizer=tokenizer)
    else:
        _build_file(jobs, out, fmt, report, workers=workers, cluster=cluster, progress=progress, tokenizer=tokenizer)
    report.seconds = time.perf_counter() - t0
    return report


def _tally(report: BuildReport, name: str, quads: list[ox.Quad] | bytes | None, problem: str | None) -> bool:
    """Count one result; True when it is an article graph to write, False when it was ignored or skipped."""
    if quads is not None:
        report.articles += 1
        return True
    if isinstance(problem, Ignored):
        report.ignored.append((name, str(problem)))
    else:
        report.skipped.append((name, problem or "unknown problem"))
    return False


def _results(jobs, workers: int, cluster: str | None, progress: Progress | None, tokenizer: KiwiProcess | None = None,
             as_nquads: bool = False):
    """iter_article_results, telling `progress` how many of the jobs are done."""
    if progress:
        progress(0, len(jobs))
    for done, result in enumerate(iter_article_results(jobs, workers, cluster, tokenizer, as_nquads), start=1):
        yield result
        if progress:
            progress(done, len(jobs))


def _build_file(jobs, out: Path, fmt: ox.RdfFormat, report: BuildReport, *, workers: int, cluster: str | None,
                progress: Progress | None, tokenizer: KiwiProcess | None = None) -> None:
    store = ox.Store()
    named: set[str] = set()
    for name, quads, problem, _digest in _results(jobs, workers, cluster, progress, tokenizer):
        if not _tally(report, name, quads, problem):
            continue
        store.extend(quads)
        named |= kb_ids_of(quads)
    kb = load_kb()
    store.extend(kb_quads(kb, kb_closure(kb, named)))
    store.extend(statistics_quads(class_counts(store, union=True)))
    report.quads = len(store)
    store_mod.dump(store, out)


def _build_store(jobs, out: Path, report: BuildReport, *, update: bool, workers: int, cluster: str | None,
                 progress: Progress | None, tokenizer: KiwiProcess | None = None) -> None:
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
        records: dict[str, dict] = {}
        recorded = Recorded()
        if update and out.exists():
            records, recorded = read_build_file(out)
            previous = ox.Store(str(out))
            previous.backup(str(work))
            del previous
        store = ox.Store(str(work))
        records, counts, change = _fill_store(store, jobs, report, records, recorded.classes, update=update,
                                              workers=workers, cluster=cluster, progress=progress,
                                              tokenizer=tokenizer)
        store.flush()
        if not update:
            # A fresh build wrote in bulk, leaving many overlapping files: compacting them once makes
            # every later index look-up cheaper (saved queries on a 10k-article store 1.3-2x faster,
            # for 2 % of its build time). An update's few changes are not worth rewriting the store.
            store.optimize()
        # counting a store's quads reads all of them (0.34 s at 3,000 articles): an update adds
        # what it changed to the count the build that wrote the store recorded
        exact = change is not None and change.exact and recorded.quads is not None
        report.quads = recorded.quads + change.quads if exact else len(store)
        del store
        gc.collect()  # release the store's files before the rename
        write_build_records(work, records, Recorded(report.quads, counts))
        _swap_in(work, out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


BULK_BATCH = 200  # articles per bulk write in a fresh build (benchmarks/PROFILE.md, S2)


def _fill_store(store: ox.Store, jobs, report: BuildReport, records: dict[str, dict],
                recorded_classes: dict[str, int] | None = None, *, update: bool, workers: int,
                cluster: str | None, progress: Progress | None = None, tokenizer: KiwiProcess | None = None,
                ) -> tuple[dict[str, dict], dict[str, int] | None, StoreChange | None]:
    """Write every article's graph, and the merged view, into `store` (a work copy nobody reads yet).

    A fresh build writes in bulk, BULK_BATCH articles at a time; `--update` replaces
    each changed article's graph in its own transaction and keeps the merged view exact.
    An article is unchanged when what its graph was built from (`records`, see
    `build_record`) is what it would be built from now. Returns the records of the
    articles now in the store, the class counts of its statistics, and for an update
    what it changed (`StoreChange`; None for a fresh build).

    The background knowledge and the statistics follow from the articles' graphs (and from
    the knowledge base, which is in every record's fingerprint), so an update that wrote and
    removed no graph leaves them as they are: at 3,000 articles they took 0.9 of the 1.7 s
    of an update that found nothing new. An update that did change graphs moves the class
    counts it was built with (`recorded_classes`) by what it changed, instead of counting again.
    """
    change = StoreChange() if update else None

    def replace(graph: ox.NamedNode, quads: list[ox.Quad]) -> None:
        written = [q.triple for q in quads]
        change.around(store, graph, written,
                      lambda held: store_mod.replace_graph(store, graph, written, merged=True, held=held))

    def remove(graph: ox.NamedNode) -> None:
        change.around(store, graph, [], lambda _held: store_mod.remove_graph(store, graph))

    if update and store_mod.reads_union(store):
        store_mod.merge_named_graphs(store)  # a store from before the merged view
        change.exact = False
    known = store_mod.article_hashes(store) if update else {}
    records = dict(records) if update else {}
    fingerprint = resources_fingerprint()
    todo = []
    current_files = set()
    seen: dict[str, list[int] | None] = {}  # file name -> what its stat said before it was read
    for path, meta in jobs:
        current_files.add(path.name)
        seen[path.name] = file_stat(path)
        if update and path.name in known:
            previous = records.get(path.name)
            digest = recorded_hash(previous, seen[path.name])
            if digest is None:
                try:
                    digest = content_hash(path)
                except IngestError:
                    digest = ""
            current = build_record(digest, meta, fingerprint)
            if same_build(previous, current):
                report.unchanged += 1
                records[path.name] = {**current, "stat": seen[path.name]}
                continue
        todo.append((path, meta))
    for name in sorted(set(known) - current_files):
        remove(graph_for_stem(Path(name).stem))
        records.pop(name, None)
        report.removed += 1
    metadata_of = {str(path): meta for path, meta in todo}
    # a fresh build bulk-loads the articles' N-Quads as the workers sent them (`add_graph_data`);
    # an update replaces each article's graph as quads
    batch: list[bytes] = []
    for name, quads, problem, digest in _results(todo, workers, cluster, progress, tokenizer, as_nquads=not update):
        file_name = Path(name).name
        if not _tally(report, name, quads, problem):
            if isinstance(problem, Ignored) and file_name in known:  # once built as an article, now known better
                remove(graph_for_stem(Path(file_name).stem))
                records.pop(file_name, None)
            continue  # a skipped article keeps its previous graph and record, and is tried again next time
        records[file_name] = {**build_record(digest, metadata_of.get(name), fingerprint), "stat": seen.get(file_name)}
        if update:
            graph = quads[0].graph_name if quads else graph_for_stem(Path(name).stem)
            replace(graph, quads)
            continue
        batch.append(quads)
        if report.articles % BULK_BATCH == 0:
            store_mod.add_graph_data(store, batch)
            batch = []
    if batch:
        store_mod.add_graph_data(store, batch)
    if update and not change.graphs and change.exact and recorded_classes is not None:
        # nothing written or removed (without recorded counts the store may have been changed by
        # other means, and the statistics are made again)
        return records, recorded_classes, change
    # the background knowledge follows what the articles now in the store name
    kb = load_kb()
    background = kb_quads(kb, kb_closure(kb, _named_kb_ids(store)))
    if update:
        replace(KB_GRAPH, background)
    else:
        store_mod.add_graphs(store, background)  # already quads of KB_GRAPH
    # and the dataset's description counts what is now there (over the merged view); the
    # description's own classes are VoID's, which are not counted, so writing it moves no count
    if update and change.exact and recorded_classes is not None:
        counts = change.applied(recorded_classes)
    else:
        counts = class_counts(store, union=False)
    described = statistics_quads(counts)
    if update:
        replace(STATISTICS_GRAPH, described)
    else:
        store_mod.add_graphs(store, described)
    return records, counts, change


# ------------------------------------------------------------------ what an article's graph was built from
BUILD_RECORDS = "aikg-build.json"  # in the store folder, beside Oxigraph's files (RocksDB ignores it)
_PACKAGE = Path(__file__).resolve().parent
# What shapes an article's graph besides its text and metadata entry: the knowledge base, lexicons and
# patterns (all of kg/resources), the ontology, and the code from ingest to quads.
FINGERPRINTED = (
    _PACKAGE / "resources", ONTOLOGY_FILE, _PACKAGE / "ingest.py", _PACKAGE / "nlp.py", _PACKAGE / "kiwi.py",
    _PACKAGE / "kb.py",
    _PACKAGE / "extract", _PACKAGE / "normalize", _PACKAGE / "graph" / "build.py", _PACKAGE / "graph" / "vocab.py",
)
FINGERPRINTED_PACKAGES = ("spacy", "kiwipiepy", "kiwipiepy-model")


@lru_cache(maxsize=1)
def resources_fingerprint() -> str:
    """sha256 over every file of FINGERPRINTED (names and bytes) and the versions of the NLP packages.

    Any change to the knowledge base, a lexicon, the ontology or the extraction code changes it, and
    `--update` then rebuilds every article, as a full build would.
    """
    digest = hashlib.sha256()
    for root in FINGERPRINTED:
        files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
        for path in files:
            if "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            name = path.relative_to(_PACKAGE.parent) if path.is_relative_to(_PACKAGE.parent) else path
            digest.update(f"{name.as_posix()}\0".encode())
            digest.update(path.read_bytes() if path.is_file() else b"(missing)")
            digest.update(b"\0")
    for package in FINGERPRINTED_PACKAGES:
        try:
            digest.update(f"{package}=={metadata_version(package)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{package} missing\0".encode())
    return digest.hexdigest()


def build_record(content: str, metadata: dict | None, fingerprint: str) -> dict[str, str | None]:
    """What one article's graph is built from: its bytes, its metadata.json entry, the resources."""
    entry = None
    if metadata is not None:
        canonical = json.dumps(metadata, sort_keys=True, ensure_ascii=False, default=str)
        entry = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return {"content": content, "metadata": entry, "resources": fingerprint}


RACY_NS = 2_000_000_000  # a file changed this close before its stat is hashed again (coarse file clocks)


def file_stat(path: Path) -> list[int] | None:
    """[size, mtime_ns, when it was looked at] of an article file, kept in its build record; None if unreadable."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns, time.time_ns()]


def recorded_hash(record: dict | None, stat_now: list[int] | None) -> str | None:
    """The content hash a build record holds when the file is as it was then (same size and time), else None.

    As rsync's and git's quick check: `--update` reads only the files whose size or modification
    time changed. A time within RACY_NS of the moment the record looked at the file proves
    nothing (the file may have changed again in the same tick of a coarse clock): hashed again.
    """
    then = record.get("stat") if record else None
    if not then or stat_now is None or len(then) != 3:
        return None
    size, mtime_ns, looked_ns = then
    if [size, mtime_ns] != stat_now[:2] or mtime_ns >= looked_ns - RACY_NS:
        return None
    return record.get("content")


def same_build(previous: dict | None, current: dict) -> bool:
    """Whether an article's graph was built from what it would be built from now (its stat aside)."""
    if previous is None:
        return False
    return {k: v for k, v in previous.items() if k != "stat"} == current


@dataclass
class Recorded:
    """What the build that wrote a store counted: its quads and the class counts of its statistics
    (None when not recorded: a store from before the counts, or an unreadable record)."""

    quads: int | None = None
    classes: dict[str, int] | None = None


def _count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def read_build_file(store_dir: Path) -> tuple[dict[str, dict], Recorded]:
    """file name -> build record of a store folder (empty for a store written before the records: all
    rebuild), and what the build that wrote them counted."""
    path = Path(store_dir) / BUILD_RECORDS
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, Recorded()
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        print(f"kg build: warning: {path}: unreadable build record, every article is rebuilt "
              f"({' '.join(str(exc).split())[:200]})", file=sys.stderr)
        return {}, Recorded()
    if not isinstance(data, dict):
        return {}, Recorded()
    articles = data.get("articles")
    records = {k: v for k, v in articles.items() if isinstance(v, dict)} if isinstance(articles, dict) else {}
    quads, classes = data.get("quads"), data.get("classes")
    if not (isinstance(classes, dict) and all(isinstance(k, str) and _count(v) for k, v in classes.items())):
        classes = None
    return records, Recorded(quads if _count(quads) else None, classes)


def forget_recorded_counts(store_dir: Path) -> None:
    """Drop the counts from a store folder's build record, keeping the articles' records: for a store
    something other than `kg build` is about to change (`kg serve --writable`), so that the next
    update counts the store again instead of moving counts that no longer hold."""
    path = Path(store_dir) / BUILD_RECORDS
    if not path.is_file():
        return
    records, recorded = read_build_file(store_dir)
    if recorded.quads is not None or recorded.classes is not None:
        write_build_records(store_dir, records)


def write_build_records(store_dir: Path, records: dict[str, dict], counted: Recorded | None = None) -> None:
    """Write the records (and what the build counted) into the (work) store folder, sorted, through a
    temporary file."""
    path = Path(store_dir) / BUILD_RECORDS
    tmp = path.with_name(path.name + ".tmp")
    body: dict = {"format": 1, "articles": dict(sorted(records.items()))}
    if counted is not None and counted.quads is not None:
        body["quads"] = counted.quads
    if counted is not None and counted.classes is not None:
        body["classes"] = dict(sorted(counted.classes.items()))
    tmp.write_text(json.dumps(body, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)


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
