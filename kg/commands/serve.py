"""`kg serve`: a SPARQL 1.1 Protocol endpoint over GRAPH (the Oxigraph server)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.serve import is_loopback, serve_forever, start_server


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve GRAPH as a SPARQL 1.1 endpoint (read-only unless --writable)",
        description="Serve GRAPH as a SPARQL 1.1 Protocol endpoint with the Oxigraph server. Queries see "
        "the union of the named graphs. The query URL is printed on start; Ctrl-C stops the server.",
    )
    parser.add_argument("graph", metavar="GRAPH", help="graph file (.ttl .trig .nt .nq .jsonld) or store folder")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    parser.add_argument("--port", type=int, default=7878, help="port to bind (default: 7878; 0 picks a free one)")
    parser.add_argument(
        "--writable",
        action="store_true",
        help="also accept SPARQL UPDATE and Graph Store writes (changes a store folder in place)",
    )
    parser.add_argument("--timeout", type=float, metavar="S", help="stop any query that runs longer than S seconds")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    graph = Path(args.graph)
    handle = start_server(graph, host=args.host, port=args.port, writable=args.writable, timeout=args.timeout)
    mode = "read-write" if args.writable else "read-only"
    print(f"Serving {graph} ({mode}) with Oxigraph")
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
