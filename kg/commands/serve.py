"""`kg serve`: a SPARQL 1.1 Protocol endpoint over GRAPH (the Oxigraph server)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.serve import DEFAULT_MAX_RESULTS, DEFAULT_TIMEOUT, is_loopback, serve_forever, start_server


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be 0 (no limit) or a positive number of seconds, not {text!r}")
    return value


def _rows(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of rows: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (no limit) or a positive number of rows, not {text!r}")
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve GRAPH as a SPARQL 1.1 endpoint (read-only unless --writable)",
        description="Serve GRAPH as a SPARQL 1.1 Protocol endpoint with the Oxigraph server. Queries see "
        "the union of the named graphs. A query that runs longer than --timeout seconds is stopped, and an "
        "answer with more than --max-results rows is refused (HTTP 413) rather than sent. The query URL is "
        "printed on start; Ctrl-C stops the server.",
    )
    parser.add_argument("graph", metavar="GRAPH", help="graph file (.ttl .trig .nt .nq .jsonld) or store folder")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    parser.add_argument("--port", type=int, default=7878, help="port to bind (default: 7878; 0 picks a free one)")
    parser.add_argument(
        "--writable",
        action="store_true",
        help="also accept SPARQL UPDATE and Graph Store writes (changes a store folder in place)",
    )
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"stop any query that runs longer than SECONDS (default: {DEFAULT_TIMEOUT:g}; 0: no limit)",
    )
    parser.add_argument(
        "--max-results",
        type=_rows,
        default=DEFAULT_MAX_RESULTS,
        metavar="N",
        help=f"refuse (HTTP 413) an answer of more than N rows or triples (default: {DEFAULT_MAX_RESULTS}; "
        "0: no limit, answers stream through unchecked)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    graph = Path(args.graph)
    handle = start_server(
        graph,
        host=args.host,
        port=args.port,
        writable=args.writable,
        timeout=args.timeout,
        max_results=args.max_results,
    )
    mode = "read-write" if args.writable else "read-only"
    time_limit = f"{handle.timeout:g} s" if handle.timeout else "none"
    size_limit = f"{handle.max_results} rows" if handle.max_results else "none"
    print(f"Serving {graph} ({mode}) with Oxigraph; query time limit: {time_limit}, answer size limit: {size_limit}")
    print(f"SPARQL query endpoint: {handle.query_url}")
    if args.writable:
        print(f"SPARQL update endpoint: {handle.update_url}")
        print(f"Graph Store endpoint: {handle.store_url}")
        if not graph.is_dir():
            print(
                f"kg serve: note: {graph} is a file; changes go to a temporary copy and are lost on exit",
                file=sys.stderr,
            )
    if not is_loopback(args.host):
        who = "read and change" if args.writable else "read"
        print(
            f"kg serve: warning: bound to {args.host}; anyone who can reach it can {who} the graph",
            file=sys.stderr,
        )
    print("Press Ctrl-C to stop.", flush=True)
    return serve_forever(handle)
