"""Load a built graph into a SPARQL 1.1 Graph Store Protocol endpoint.

Each named graph of GRAPH (one per article, plus the knowledge base) is sent
with an HTTP PUT to `STORE?graph=<iri>`, which replaces whatever that graph
held on the server; graphs of other articles there are left alone. Re-pushing
after `kg build --update` therefore refreshes changed articles in place.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import UserError
from kg.graph.store import PREFIXES, graph_names, open_store, own_default_triples

CONTENT_TYPES = {
    "nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    "ttl": ("text/turtle", ox.RdfFormat.TURTLE),
}
# Answers that mean every other PUT would fail the same way: stop at the first.
FATAL_STATUS = {401, 403, 404, 405}


@dataclass
class PushedGraph:
    """One PUT: the graph (IRI, or "default"), its size and how the server answered."""

    graph: str
    triples: int
    status: int | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300


@dataclass
class PushReport:
    """What `push` sent where, graph by graph."""

    store_url: str
    graphs: list[PushedGraph] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(g.ok for g in self.graphs)

    @property
    def triples(self) -> int:
        return sum(g.triples for g in self.graphs if g.ok)

    @property
    def failed(self) -> list[PushedGraph]:
        return [g for g in self.graphs if not g.ok]


def graph_url(store_url: str, graph: str | None) -> str:
    """`STORE?graph=<iri>` (or `STORE?default` for the default graph), escaped."""
    sep = "&" if "?" in store_url else "?"
    if graph is None:
        return f"{store_url}{sep}default"
    return f"{store_url}{sep}{urllib.parse.urlencode({'graph': graph})}"


def serialize_graph(triples: list[ox.Triple], fmt: str = "nt") -> bytes:
    """A graph's triples as sorted N-Triples (or Turtle), so re-pushes send identical bytes."""
    ordered = sorted(set(triples), key=str)
    _, rdf_format = CONTENT_TYPES[fmt]
    if fmt == "nt":
        return b"".join(line + b"\n" for line in ox.serialize(ordered, format=rdf_format).splitlines())
    return ox.serialize(ordered, format=rdf_format, prefixes=PREFIXES)


def put_graph(store_url: str, graph: str | None, body: bytes, fmt: str = "nt", timeout: float = 60.0) -> int:
    """PUT one graph; returns the HTTP status or raises urllib errors."""
    content_type, _ = CONTENT_TYPES[fmt]
    request = urllib.request.Request(
        graph_url(store_url, graph),
        data=body,
        method="PUT",
        headers={"Content-Type": f"{content_type}; charset=utf-8", "User-Agent": "aikg"},
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        response.read()
        return int(response.status)


def push(graph_path: str | Path | ox.Store, store_url: str, fmt: str = "nt", timeout: float = 60.0) -> PushReport:
    """PUT every named graph of GRAPH (and its own default graph, if not empty) to `store_url`.

    The merged view (the default graph's copies of the named graphs' triples) is
    not sent: the server's union default graph plays that part.
    """
    if fmt not in CONTENT_TYPES:
        raise UserError(f"unknown push format {fmt!r} (use {', '.join(CONTENT_TYPES)})")
    if not store_url.startswith(("http://", "https://")):
        raise UserError(f"{store_url}: the store must be an http(s) URL, e.g. http://localhost:7878/store")
    store = graph_path if isinstance(graph_path, ox.Store) else open_store(graph_path)
    targets: list[tuple[str | None, ox.NamedNode | ox.DefaultGraph]] = [
        (name, ox.NamedNode(name)) for name in graph_names(store)
    ]
    own_default = own_default_triples(store)
    if own_default:
        targets.insert(0, (None, ox.DefaultGraph()))
    report = PushReport(store_url)
    for name, graph in targets:
        if isinstance(graph, ox.DefaultGraph):
            triples = own_default
        else:
            triples = [q.triple for q in store.quads_for_pattern(None, None, None, graph)]
        pushed = PushedGraph(name or "default", len(triples))
        report.graphs.append(pushed)
        try:
            pushed.status = put_graph(store_url, name, serialize_graph(triples, fmt), fmt, timeout)
        except urllib.error.HTTPError as exc:
            pushed.status = exc.code
            detail = " ".join(exc.read().decode("utf-8", "replace").split())[:200]
            pushed.error = f"HTTP {exc.code} {exc.reason}: {detail}".rstrip(": ")
            if exc.code in FATAL_STATUS:
                hint = (
                    " (is the server writable, and is the URL its Graph Store endpoint, "
                    "e.g. http://localhost:7878/store?)"
                )
                raise UserError(f"{store_url}: {pushed.error}{hint}") from exc
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            reason = getattr(exc, "reason", exc)
            raise UserError(f"{store_url}: cannot reach the store: {reason}") from exc
    return report
