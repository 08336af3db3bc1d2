"""Check a built graph against ontology/shapes.ttl (SHACL), whatever form it was written in.

The shapes constrain the graph as queries see it: the union of all named
graphs (a Claim in an article graph points at a source typed in another), so
a Dataset or a .trig/.nq file is merged into one graph first. The ontology is
mixed in as pyshacl's `ont_graph` so that rdfs:subClassOf holds for
`sh:class` (an Article is a prov:Entity) without running an RDFS reasoner,
which would multiply the triples and the time.

    python -m kg.graph.validate GRAPH      # prints the report, exit 1 when it does not conform
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import RDF, SH

from kg.errors import UserError
from kg.graph.vocab import ONTOLOGY_FILE, SHAPES_FILE

RDFLIB_FORMATS = {
    ".ttl": "turtle",
    ".trig": "trig",
    ".nt": "nt",
    ".nq": "nquads",
    ".jsonld": "json-ld",
}


@dataclass(frozen=True)
class ValidationResult:
    """Outcome of a SHACL validation: `text` is pyshacl's human-readable report."""

    conforms: bool
    text: str
    violations: int


def merge_graphs(data: Graph) -> Graph:
    """One graph holding every triple of every named graph (a plain Graph is returned as is)."""
    if not isinstance(data, ConjunctiveGraph):  # Dataset is a ConjunctiveGraph in rdflib 7
        return data
    merged = Graph()
    for prefix, namespace in data.namespaces():
        merged.bind(prefix, namespace, override=False)
    for s, p, o, _ in data.quads((None, None, None, None)):
        merged.add((s, p, o))
    return merged


def _load_store_folder(path: Path) -> Graph:
    """Read an on-disk Oxigraph store (what `kg build -o DIR` writes) into rdflib."""
    import pyoxigraph as ox

    try:
        store = ox.Store.read_only(str(path))
    except OSError as exc:
        raise UserError(f"{path}: not an RDF file or an Oxigraph store folder: {exc}") from exc
    data = store.dump(format=ox.RdfFormat.N_QUADS)
    dataset = Dataset()
    dataset.parse(data=data, format="nquads")
    return merge_graphs(dataset)


def load_graph(path: str | Path) -> Graph:
    """Parse a graph file (.ttl, .trig, .nt, .nq, .jsonld) or store folder into one merged rdflib Graph."""
    path = Path(path)
    if not path.exists():
        raise UserError(f"{path}: no such graph file or store")
    if path.is_dir():
        return _load_store_folder(path)
    fmt = RDFLIB_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UserError(f"{path}: unknown graph format "
                        "(use .ttl, .trig, .nt, .nq, .jsonld or a store folder)")
    dataset = Dataset(default_union=True)
    try:
        dataset.parse(str(path), format=fmt)
    except Exception as exc:  # rdflib raises many parser-specific types
        raise UserError(f"{path}: cannot parse as {fmt}: {exc}") from exc
    return merge_graphs(dataset)


@lru_cache(maxsize=1)
def _shapes_and_ontology() -> tuple[Graph, Graph]:
    """Parsed once per process: the shapes and ontology never change while we run."""
    return (Graph().parse(SHAPES_FILE, format="turtle"), Graph().parse(ONTOLOGY_FILE, format="turtle"))


def validate(data: Graph | Dataset | str | Path) -> ValidationResult:
    """Validate a graph, dataset or graph file against the aikg shapes."""
    import pyshacl  # slow to import; only this function needs it

    if isinstance(data, str | Path):
        graph = load_graph(data)
    elif isinstance(data, ConjunctiveGraph):
        graph = merge_graphs(data)
    else:  # the caller's graph: validate a copy, since the ontology is mixed into it
        graph = Graph()
        graph += data
    shapes, ontology = _shapes_and_ontology()
    conforms, report, text = pyshacl.validate(
        graph,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none",
        advanced=True,  # for the SPARQL targets (see shapes.ttl)
        inplace=True,  # `graph` is ours: spare pyshacl a second copy
        allow_warnings=False,
    )
    violations = len(set(report.subjects(RDF.type, SH.ValidationResult)))
    return ValidationResult(conforms=bool(conforms), text=str(text), violations=violations)


def main(argv: list[str] | None = None) -> int:
    """Validate one graph file and print the report; exit 0 when it conforms."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0].startswith("-"):
        print("usage: python -m kg.graph.validate GRAPH", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        result = validate(args[0])
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(result.text.rstrip())
    print(f"{result.violations} violation(s) in {time.perf_counter() - started:.2f}s")
    return 0 if result.conforms else 1


if __name__ == "__main__":
    sys.exit(main())
