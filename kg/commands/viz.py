"""`kg viz GRAPH -o OUT.html`: write a self-contained interactive view of the graph."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

EPILOG = """examples:
  kg viz graph.trig -o out/graph.html
  kg viz graph.trig -o out/deepseek.html --focus 딥시크 --hops 2 --lang en
  kg viz big-store -o out/big.html --max-nodes 1000

The page works offline (vis-network is inlined): search by any name, hide classes or keep
one article's things, hover a node or an edge for its evidence sentences. Above --max-nodes
the most connected things are kept, the page says what was left out, and the layout is
computed in advance (physics off)."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "viz",
        help="write a self-contained interactive HTML view (pyvis/vis-network)",
        description="Write a self-contained, offline HTML view of GRAPH (a graph file or store folder).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("graph", type=Path, metavar="GRAPH",
                   help="graph file (.ttl .trig .nt .nq .jsonld) or store folder")
    p.add_argument("-o", "--out", required=True, type=Path, metavar="OUT.html", help="the HTML file to write")
    p.add_argument("--lang", choices=["ko", "en"], default="ko", help="label language (default ko)")
    p.add_argument("--focus", metavar="NAME",
                   help="draw only the neighbourhood of this thing (any of its names)")
    p.add_argument("--hops", type=int, default=2, metavar="N", help="radius of --focus, in facts (default 2)")
    p.add_argument("--max-nodes", type=int, default=500, metavar="N",
                   help="keep at most N most connected things (default 500; 0 = no limit)")
    p.add_argument("--title", help="page title (default: aikg — GRAPH's name)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.errors import UserError
    from kg.viz import write_view

    if args.hops < 0:
        raise UserError("--hops must be 0 or more")
    if args.max_nodes < 0:
        raise UserError("--max-nodes must be 0 (no limit) or more")
    started = time.perf_counter()
    kwargs = {"lang": args.lang, "focus": args.focus, "hops": args.hops, "max_nodes": args.max_nodes or None}
    if args.title:
        kwargs["title"] = args.title
    info = write_view(args.graph, args.out, **kwargs)
    print(f"wrote {args.out}: {info.nodes} nodes, {info.edges} edges "
          f"(of {info.total_nodes} and {info.total_edges}) in {time.perf_counter() - started:.1f} s")
    for note in info.notes:
        print(f"  {note}")
    return 0
