"""`kg query`: run SPARQL (ad hoc or saved) on a graph or a remote endpoint."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import UserError

if TYPE_CHECKING:
    from kg.query import QueryResult

# kg.query.FORMATS; written out so that parsing the command line imports neither Oxigraph nor kg.query
FORMATS = ("table", "csv", "tsv", "json", "turtle")
DEFAULT_PAGE_NOTE = "first page of a listing: --limit N for more rows, --limit 0 for all"

EPILOG = """examples:
  kg query graph.trig --saved models                 (a listing: its first page and the total)
  kg query graph.trig --saved models --limit 0       (every row)
  kg query --saved release-timeline --show-sparql    (the query itself, for another SPARQL tool)
  kg query graph.trig --saved entity-card --param thing=딥시크
  kg query graph.trig "SELECT ?m WHERE { ?m a aikg:AIModel }" --format csv
  kg query --endpoint http://localhost:7878/query --saved conflicts
  kg query --list

SPARQL may also be given as @FILE.rq or - (read from stdin). Queries run over the union of
all named graphs; the usual prefixes (aikg, id, rdf, rdfs, schema, skos, owl, prov, xsd, wd)
need no declaration."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "query",
        help="run a SPARQL query (or a saved one) on a graph or endpoint",
        description="Run a SPARQL 1.1 query, ad hoc or saved, on GRAPH (a graph file or store folder) "
        "or on a remote SPARQL endpoint, and print the answer.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "graph", nargs="?", metavar="GRAPH", help="graph file (.ttl .trig .nt .nq .jsonld) or store folder"
    )
    parser.add_argument("sparql", nargs="?", metavar="SPARQL", help="query text, @FILE or - for stdin")
    parser.add_argument("--saved", metavar="NAME", help="run the saved query NAME (see --list)")
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="bind a saved query's parameter (repeatable); VALUE is a plain string, or <IRI>",
    )
    parser.add_argument("--list", action="store_true", help="list the saved queries and their parameters")
    parser.add_argument(
        "--show-sparql",
        action="store_true",
        help="with --saved: print the saved query as one standard SPARQL 1.1 query, parameters bound, "
        "for another tool or endpoint (no GRAPH needed)",
    )
    parser.add_argument("--endpoint", metavar="URL", help="query a SPARQL 1.1 endpoint instead of GRAPH")
    parser.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    parser.add_argument(
        "--limit",
        type=int,
        default=None,
        metavar="N",
        help="print the first N rows and the total count (0: every row). Default: a saved listing whose answer "
        "grows with the corpus (`kg query --list` says so) prints its first page; anything else all rows",
    )
    parser.add_argument(
        "--max-width",
        type=int,
        default=60,
        metavar="N",
        help="truncate table cells to N columns (0: never; default 60)",
    )
    parser.set_defaults(func=run)


def parse_params(pairs: list[str]) -> dict[str, str]:
    """`["thing=딥시크"]` -> `{"thing": "딥시크"}`; only the first `=` splits."""
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UserError(f"--param {pair!r}: expected NAME=VALUE")
        params[name.strip()] = value
    return params


def read_sparql(text: str) -> str:
    """The query text: given inline, from @FILE, or from stdin for `-`."""
    if text == "-":
        return sys.stdin.read()
    if text.startswith("@"):
        path = Path(text[1:])
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            raise UserError(f"{path}: cannot read the query: {exc.strerror}") from exc
    return text


def saved_listing() -> QueryResult:
    """The saved queries as a result table: name, parameters ([optional]) and description (and page size)."""
    import pyoxigraph as ox

    from kg.query import QueryResult, list_saved

    rows = []
    for saved in list_saved():
        params = " ".join(p.name if p.required else f"[{p.name}]" for p in saved.params)
        page = f" [first {saved.page} rows by default: --limit]" if saved.page else ""
        rows.append((ox.Literal(saved.name), ox.Literal(params), ox.Literal(saved.description + page)))
    return QueryResult(["name", "params", "description"], rows)


def run(args: argparse.Namespace) -> int:
    from kg.query import get_saved, render, run_query, run_saved

    max_width = args.max_width or None
    if args.limit is not None and args.limit < 0:
        raise UserError("--limit N needs N >= 0 (0: every row)")
    if args.list:
        sys.stdout.write(render(saved_listing(), args.format, max_width=None))
        return 0
    params = parse_params(args.param)
    if args.show_sparql:
        if not args.saved:
            raise UserError("--show-sparql prints a saved query: give --saved NAME")
        from kg.query import saved_sparql

        sys.stdout.write(saved_sparql(args.saved, params).rstrip("\n") + "\n")
        return 0
    if args.endpoint:
        target: str | Path = args.endpoint
        texts = [t for t in (args.graph, args.sparql) if t is not None]
        if len(texts) > 1:
            raise UserError("with --endpoint give only the SPARQL query, not a GRAPH")
        sparql = texts[0] if texts else None
    else:
        if args.graph is None:
            raise UserError("give GRAPH and a SPARQL query or --saved NAME (or --list, or --endpoint URL)")
        target, sparql = args.graph, args.sparql
    if args.saved and sparql is not None:
        raise UserError("give either a SPARQL query or --saved NAME, not both")
    if args.saved:
        limit = args.limit if args.limit is not None else get_saved(args.saved).page
        result = run_saved(target, args.saved, params, limit=limit or None)
    elif sparql is not None:
        result = run_query(target, read_sparql(sparql), params, limit=args.limit or None)
    else:
        raise UserError("give a SPARQL query or --saved NAME (see kg query --list)")
    sys.stdout.write(render(result, args.format, max_width=max_width))
    if result.total is not None and result.total > len(result.rows) and args.format != "table":
        # the table says it in its last line; other formats stay parseable, so it goes to stderr
        print(f"kg query: {len(result.rows):,} of {result.total:,} rows ({DEFAULT_PAGE_NOTE})", file=sys.stderr)
    return 0
