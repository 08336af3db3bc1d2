"""`kg push`: load GRAPH into a Graph Store Protocol endpoint, one named graph per article."""

from __future__ import annotations

import argparse
import sys

from kg.push import CONTENT_TYPES, push


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "push",
        help="load GRAPH into a SPARQL Graph Store endpoint, one named graph per article",
        description="PUT every named graph of GRAPH (one per article, plus the knowledge base) to a "
        "SPARQL 1.1 Graph Store Protocol endpoint, replacing what each graph held there.",
        epilog="example: kg push graph.trig --store http://localhost:7878/store",
    )
    parser.add_argument("graph", metavar="GRAPH", help="graph file (.ttl .trig .nt .nq .jsonld) or store folder")
    parser.add_argument(
        "--store", required=True, metavar="URL", help="Graph Store endpoint, e.g. http://host:7878/store"
    )
    parser.add_argument(
        "--format",
        choices=sorted(CONTENT_TYPES),
        default="nt",
        help="what to send: nt (application/n-triples, default) or ttl (text/turtle)",
    )
    parser.add_argument("--timeout", type=float, default=60.0, metavar="S", help="seconds to wait for each PUT")
    parser.add_argument("-v", "--verbose", action="store_true", help="print one line per graph")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    report = push(args.graph, args.store, fmt=args.format, timeout=args.timeout)
    if args.verbose:
        for pushed in report.graphs:
            print(f"{pushed.status or '---'}  {pushed.triples:>7}  {pushed.graph}")
    for pushed in report.failed:
        print(f"kg push: {pushed.graph}: {pushed.error}", file=sys.stderr)
    done = len(report.graphs) - len(report.failed)
    print(f"pushed {done} of {len(report.graphs)} graphs ({report.triples} triples) to {args.store}")
    return 0 if report.ok else 1
