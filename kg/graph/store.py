"""Open, change and save a built graph, whatever form it was written in.

A GRAPH argument is either an RDF file (.ttl, .trig, .nt, .nq, .jsonld) or a
folder holding an on-disk Oxigraph store (what `kg build DIR -o OUT` writes
when OUT has no suffix). Oxigraph rather than rdflib holds the graph because it
loads and queries 10-1000x faster (see benchmarks/STORE.md).

The build pipeline uses the primitives here: `replace_graph` swaps one
article's named graph atomically, `article_hashes` tells `--update` which
articles changed, and `dump` writes the result deterministically and
atomically (a temp file renamed over the target, so an interrupted write leaves
the previous file intact).

The merged view. Every article is its own named graph and repeats the
descriptions of the things it names, so a thing named by k articles has k
copies of its type and labels. Oxigraph 0.5's union default graph does not
remove such duplicates (its issue #1919), and a query joining p patterns
about one thing then yields k^p solutions: saved queries grew polynomially
with the corpus. So a store keeps in its default graph the union of its named
graphs, every triple once: queries read that (`reads_union` is False), and
`GRAPH ?g` still reaches each article's own graph for provenance. The build
writes the view alongside each article (`add_graphs`), `replace_graph` and
`remove_graph` keep it exact (a triple leaves it when no other graph states
it), and a dataset file is merged when it is loaded (`merge_named_graphs`).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.errors import UserError

AIKG = "https://w3id.org/aikg/ontology#"
ID = "https://w3id.org/aikg/id/"

RDF_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
}

# Formats that can hold named graphs; the others receive the union of all graphs.
DATASET_FORMATS = {ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS, ox.RdfFormat.JSON_LD}

# Prefixes written into Turtle/TriG output so that a saved graph reads like the fixtures.
PREFIXES = {
    "aikg": AIKG,
    "id": ID,
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "wd": "http://www.wikidata.org/entity/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

Term = ox.NamedNode | ox.BlankNode | ox.Literal
GraphContent = Iterable[ox.Quad | ox.Triple | tuple]


def rdf_format_for(path: Path) -> ox.RdfFormat | None:
    """The RDF serialisation a file name asks for, or None for a store folder."""
    return RDF_FORMATS.get(Path(path).suffix.lower())


def _require_format(path: Path) -> ox.RdfFormat:
    fmt = rdf_format_for(path)
    if fmt is None:
        raise UserError(f"{path}: unknown graph format (use .ttl, .trig, .nt, .nq, .jsonld or a store folder)")
    return fmt


def open_store(path: str | Path, read_only: bool = True) -> ox.Store:
    """Open GRAPH: load a file into an in-memory store, or open a store folder.

    `read_only` only matters for folders: several readers may share one store,
    but only one process may hold it read-write.
    """
    path = Path(path)
    if not path.exists():
        raise UserError(f"{path}: no such graph file or store")
    if path.is_dir():
        try:
            return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        except OSError as exc:
            raise UserError(f"{path}: cannot open as an Oxigraph store: {exc}") from exc
    store = ox.Store()
    load_file(store, path)
    return store


def _has_default_triples(store: ox.Store) -> bool:
    return next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None


def _has_named_graphs(store: ox.Store) -> bool:
    return next(iter(store.named_graphs()), None) is not None


def reads_union(store: ox.Store) -> bool:
    """Whether queries must read the union of the graphs: a store without the merged view.

    Stores that `kg build` writes, and files once loaded, hold the merged view in
    their default graph; a store folder written by an older aikg does not.
    """
    return not _has_default_triples(store) and _has_named_graphs(store)


def merge_named_graphs(store: ox.Store) -> None:
    """Add every named graph's triples to the default graph (the merged view), in one update."""
    if _has_named_graphs(store):
        store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")


def add_graphs(store: ox.Store, quads: Iterable[ox.Quad]) -> None:
    """Bulk-add quads of named graphs, and their triples to the merged view (`add_graph_data`).

    Not transactional: for stores being built from scratch, which nobody reads
    until the build renames them into place. About 5x faster per article than a
    SPARQL update, and the writer's memory stays flat (benchmarks/PROFILE.md).
    """
    quads = list(quads)
    if any(isinstance(q.graph_name, ox.DefaultGraph) for q in quads):
        raise ValueError("add_graphs writes named graphs: the default graph is the merged view")
    add_graph_data(store, [ox.serialize(quads, format=ox.RdfFormat.N_QUADS)])


# the graph term that ends an N-Quads line of a named graph (`<s> <p> <o> <g> .`); N-Quads escapes
# line breaks inside literals, so each line is one quad
_GRAPH_TERM = re.compile(rb" <[^<>\s]*> \.$", re.MULTILINE)


def add_graph_data(store: ox.Store, graphs: Iterable[bytes]) -> None:
    """Bulk-load named graphs given as N-Quads (every line in a named graph), and their triples
    into the merged view; not transactional, as `add_graphs`. Blank node labels are kept as
    written, so separate chunks must not share one by chance (Oxigraph's own are random).

    Why: the build's workers send their quads as N-Quads. Parsed into Python quads, copied into
    the default graph and written by `bulk_extend`, 5,000 long articles cost the writer 68 s of
    CPU; the same bytes, their merged-view lines made by one regular expression over them (the
    graph term dropped) and parsed by Oxigraph's `bulk_load`, 58 s, and the Python lock is free
    while Oxigraph loads, so this process goes on feeding the workers (benchmarks/PROFILE.md, P10).
    """
    chunks = list(graphs)
    store.bulk_load(input=b"".join(chunks + [_GRAPH_TERM.sub(b" .", chunk) for chunk in chunks]),
                    format=ox.RdfFormat.N_QUADS)


def create_store(path: str | Path) -> ox.Store:
    """Create (or reopen) an on-disk store folder for writing."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise UserError(f"{path}: exists and is not a store folder")
    try:
        return ox.Store(str(path))
    except OSError as exc:
        raise UserError(f"{path}: cannot open as an Oxigraph store: {exc}") from exc


def load_file(store: ox.Store, path: str | Path) -> None:
    """Bulk-load an RDF file into `store`, and its named graphs into the merged view.

    A parse error names the file and position.
    """
    path = Path(path)
    fmt = _require_format(path)
    try:
        store.bulk_load(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        raise UserError(f"{path}: cannot parse as {fmt.name}: {exc}") from exc
    if fmt in DATASET_FORMATS:
        merge_named_graphs(store)


def _named(iri: str | ox.NamedNode) -> ox.NamedNode:
    return iri if isinstance(iri, ox.NamedNode) else ox.NamedNode(iri)


def _as_triple(item: ox.Quad | ox.Triple | tuple) -> ox.Triple:
    if isinstance(item, ox.Triple):
        return item
    if isinstance(item, ox.Quad):
        return item.triple
    return ox.Triple(*item[:3])


def _unmerge(graph: ox.NamedNode) -> str:
    """The update removing from the merged view what only `graph` states."""
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {graph}) }} }}")


def replace_graph(store: ox.Store, graph_iri: str | ox.NamedNode, content: GraphContent,
                  merged: bool | None = None, held: Iterable[ox.Triple] | None = None) -> int:
    """Replace the named graph `graph_iri` with `content` in one transaction.

    `content` holds Triples, Quads (their graph is ignored) or (s, p, o) tuples
    of pyoxigraph terms. Oxigraph runs one SPARQL update as one transaction, so
    readers see either the old graph or the new one, never a half-written
    article. The terms are written by Oxigraph's own N-Triples serialiser, so
    no literal can break out of the update. The merged view is kept exact when
    the store has one (`merged=None`: find out). Returns the number of triples.

    Only the difference is written: a graph written again as it was (the knowledge
    base's background after an update whose new article names nothing new) costs a
    read of the graph, not a rewrite of it and of its share of the merged view. `held`: the
    graph's triples as the caller has just read them, so that they are not read again.
    """
    graph = _named(graph_iri)
    if merged is None:
        merged = not reads_union(store)
    triples = [_as_triple(item) for item in content]
    held = set(held) if held is not None else {q.triple for q in store.quads_for_pattern(None, None, None, graph)}
    wanted = set(triples)
    removed = held - wanted
    added = [t for t in dict.fromkeys(triples) if t not in held]
    if not removed and not added:
        return len(triples)
    if not triples or any(_has_blank_node(t) for t in (*removed, *added)):
        # an emptied graph is dropped, name and all; no blank node can go into DELETE DATA or VALUES
        steps = [_unmerge(graph)] if merged else []
        steps.append(f"DROP SILENT GRAPH {graph}")
        added = list(dict.fromkeys(triples))
    else:
        steps = []
        if removed:
            steps.append(f"DELETE DATA {{ GRAPH {graph} {{\n{_ntriples(removed)}}} }}")
            if merged:
                steps.append(_unmerge_triples(removed))
    if added:
        body = _ntriples(added)
        steps.append(f"INSERT DATA {{ {body if merged else ''}GRAPH {graph} {{\n{body}}} }}")
    store.update(" ;\n".join(steps))
    return len(triples)


def _ntriples(triples: Iterable[ox.Triple]) -> str:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")


def _has_blank_node(triple: ox.Triple) -> bool:
    return isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode)


def _unmerge_triples(triples: Iterable[ox.Triple]) -> str:
    """The update removing from the merged view those of `triples` that no named graph states any more."""
    rows = "\n".join(f"({t.subject} {t.predicate} {t.object})" for t in triples)
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES (?s ?p ?o) {{\n{rows}\n}} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} }} }}")


def remove_graph(store: ox.Store, graph_iri: str | ox.NamedNode) -> None:
    """Remove a named graph and everything in it (an article that was deleted), and from the merged view."""
    graph = _named(graph_iri)
    steps = [] if reads_union(store) else [_unmerge(graph)]
    store.update(" ;\n".join([*steps, f"DROP SILENT GRAPH {graph}"]))


def graph_names(store: ox.Store) -> list[str]:
    """The IRIs of the store's named graphs, sorted."""
    return sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))


ARTICLE_HASHES = f"""
SELECT DISTINCT ?file ?hash WHERE {{
  ?article <{AIKG}file> ?file ; <{AIKG}contentHash> ?hash .
}}"""


def article_hashes(store: ox.Store) -> dict[str, str]:
    """file name -> content hash of every article in the store (for `kg build --update`).

    Read from `?article aikg:file ?f ; aikg:contentHash ?h` over all graphs.
    """
    hashes: dict[str, str] = {}
    for row in store.query(ARTICLE_HASHES, use_default_graph_as_union=reads_union(store)):
        hashes[row["file"].value] = row["hash"].value
    return hashes


def _triple_key(triple: ox.Triple) -> tuple[str, bool, str, str]:
    # rdf:type first within a subject, as people write Turtle by hand.
    return str(triple.subject), triple.predicate != RDF_TYPE, str(triple.predicate), str(triple.object)


def _sort_key(quad: ox.Quad) -> tuple[str, str, bool, str, str]:
    graph = "" if isinstance(quad.graph_name, ox.DefaultGraph) else str(quad.graph_name)
    return (graph, *_triple_key(quad.triple))


def _in_a_named_graph(store: ox.Store, triple: ox.Triple) -> bool:
    return any(not isinstance(q.graph_name, ox.DefaultGraph)
               for q in store.quads_for_pattern(triple.subject, triple.predicate, triple.object, None))


def own_default_triples(store: ox.Store) -> list[ox.Triple]:
    """The default graph's triples that are not the merged view's copies of named-graph triples."""
    triples = [q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())]
    if not _has_named_graphs(store):
        return triples
    return [t for t in triples if not _in_a_named_graph(store, t)]


def stored_quads(store: ox.Store) -> Iterator[ox.Quad]:
    """The store's quads without the merged view (what was written, not what was derived)."""
    for triple in own_default_triples(store):
        yield ox.Quad(triple.subject, triple.predicate, triple.object, ox.DefaultGraph())
    for graph in store.named_graphs():
        yield from store.quads_for_pattern(None, None, None, graph)


def serialize_sorted(store: ox.Store, fmt: ox.RdfFormat) -> bytes:
    """The store in `fmt`, byte-for-byte the same for the same content.

    N-Triples/N-Quads are sorted, de-duplicated lines. Turtle, TriG and JSON-LD
    are written by Oxigraph's streaming serialiser from quads sorted by graph,
    subject, predicate (rdf:type first) and object, which groups each
    subject's statements into one block; rdflib's pretty printer gives similar
    Turtle 10-100x slower, so it is not used. Formats without named graphs
    (Turtle, N-Triples) receive the union of all graphs, duplicates removed;
    the others receive the named graphs as stored, without the merged view.
    """
    if fmt == ox.RdfFormat.N_QUADS:
        lines = set(ox.serialize(stored_quads(store), format=fmt).split(b"\n"))
        return b"".join(line + b"\n" for line in sorted(lines) if line)
    if fmt in DATASET_FORMATS:
        quads = sorted(stored_quads(store), key=_sort_key)
        return ox.serialize(quads, format=fmt, prefixes=None if fmt == ox.RdfFormat.JSON_LD else PREFIXES)
    triples = sorted({q.triple for q in store}, key=_triple_key)
    if fmt == ox.RdfFormat.N_TRIPLES:
        lines = ox.serialize(triples, format=fmt).split(b"\n")
        return b"".join(line + b"\n" for line in sorted(lines) if line)
    return ox.serialize(triples, format=fmt, prefixes=PREFIXES)


def dump(store: ox.Store, path: str | Path) -> Path:
    """Write the store to `path` (format from the suffix; no suffix = store folder).

    The content goes to a temporary sibling first and is renamed over `path`
    only when complete, so an interrupted run leaves the previous graph intact.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if rdf_format_for(path) is None:
        if path.suffix:
            _require_format(path)
        return _dump_folder(store, path)
    data = serialize_sorted(store, _require_format(path))
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp_name, _file_mode(path))
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    return path


def _file_mode(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 & ~umask."""
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _dump_folder(store: ox.Store, path: Path) -> Path:
    """Copy the store into a fresh store folder, swapped in by renames."""
    tmp_dir = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"))
    try:
        copy = ox.Store(str(tmp_dir / "store"))
        copy.bulk_extend(sorted(store, key=_sort_key))
        copy.flush()
        del copy
        old = None
        if path.exists():
            old = path.with_name(f".{path.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(path, old)
        os.replace(tmp_dir / "store", path)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp_dir, ignore_errors=True)
    return path
