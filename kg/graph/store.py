"""Open a built graph as an Oxigraph store, whatever form it was written in.

A GRAPH argument is either an RDF file (.ttl, .trig, .nt, .nq, .jsonld) or a
folder holding an on-disk Oxigraph store (what `kg build DIR -o OUT` writes
when OUT has no suffix).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.errors import UserError

RDF_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
}


def rdf_format_for(path: Path) -> ox.RdfFormat | None:
    """The RDF serialisation a file name asks for, or None for a store folder."""
    return RDF_FORMATS.get(path.suffix.lower())


def open_store(path: str | Path, read_only: bool = True) -> ox.Store:
    """Open GRAPH: load a file into an in-memory store, or open a store folder."""
    path = Path(path)
    if not path.exists():
        raise UserError(f"{path}: no such graph file or store")
    if path.is_dir():
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    fmt = rdf_format_for(path)
    if fmt is None:
        raise UserError(f"{path}: unknown graph format (use .ttl, .trig, .nt, .nq, .jsonld or a store folder)")
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        raise UserError(f"{path}: cannot parse as {fmt}: {exc}") from exc
    return store
