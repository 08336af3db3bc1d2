"""`kg build DIR... -o OUT`: extract every *.txt article under DIR into one graph."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "build",
        help="extract articles into a graph (.ttl/.trig/.nt/.nq/.jsonld, or a store folder)",
        description="Extract every *.txt article under DIR into one graph. The format follows OUT's suffix; "
        "an OUT without suffix is an on-disk Oxigraph store. Exit code 0: all built; 1: some articles "
        "were skipped (each named on stderr); 2: nothing could be built.",
    )
    p.add_argument("inputs", nargs="+", type=Path, metavar="DIR", help="article folders or files")
    p.add_argument("-o", "--out", required=True, type=Path, metavar="OUT", help="output graph file or store folder")
    p.add_argument("--update", action="store_true", help="re-extract only new or changed articles (store folders)")
    p.add_argument("--workers", type=int, default=1, help="extraction processes (default 1)")
    p.add_argument("--cluster", metavar="ADDRESS", help="extract on a Dask distributed cluster (tcp://host:8786)")
    p.add_argument("--quiet", action="store_true", help="print nothing but errors")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.pipeline import build_graph_file

    report = build_graph_file(list(args.inputs), args.out, update=args.update, workers=args.workers,
                              cluster=args.cluster)
    for name, problem in report.skipped:
        print(f"kg build: skipped {name}: {problem}", file=sys.stderr)
    if not args.quiet:
        extra = f", {report.unchanged} unchanged, {report.removed} removed" if args.update else ""
        print(
            f"built {report.articles} article(s){extra} into {report.out}: {report.quads} quads "
            f"in {report.seconds:.1f} s" + (f"; {len(report.skipped)} skipped" if report.skipped else "")
        )
    if report.articles == 0 and report.skipped and not args.update:
        return 2
    return report.exit_code
