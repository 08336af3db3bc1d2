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
        "an OUT without suffix is an on-disk Oxigraph store. On a terminal, a progress bar on stderr shows "
        "the articles done, the rate and the time left. A .txt that is no article (a list of links) is "
        "ignored with one line. Exit code 0: all built; 1: some articles were skipped (each named on "
        "stderr); 2: nothing could be built.",
    )
    p.add_argument("inputs", nargs="+", type=Path, metavar="DIR", help="article folders or files")
    p.add_argument("-o", "--out", required=True, type=Path, metavar="OUT", help="output graph file or store folder")
    p.add_argument("--update", action="store_true",
                   help="re-extract only new or changed articles (store folders): an article changes with its "
                        "file, its metadata.json entry, or the knowledge base, lexicons, ontology and code")
    p.add_argument("--workers", type=int, default=1, help="extraction processes (default 1)")
    p.add_argument("--cluster", metavar="ADDRESS", help="extract on a Dask distributed cluster (tcp://host:8786)")
    p.add_argument("--quiet", action="store_true",
                   help="print nothing but errors: no progress bar, no summary, no line for ignored files")
    p.set_defaults(func=run)


def stderr_is_terminal() -> bool:
    """Whether a person watches stderr: only then is a progress bar drawn (never into a log or a pipe)."""
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # replaced or closed
        return False


class ProgressBar:
    """A tqdm bar on stderr (articles done/total, rate, time left), opened once the total is known."""

    def __init__(self) -> None:
        self.bar = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if total <= 0:
                return
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc="kg build", unit="article", file=sys.stderr, dynamic_ncols=True,
                            leave=False)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def run(args: argparse.Namespace) -> int:
    # Kiwi starts loading in a process of its own before spaCy is imported here (kg/kiwi_process.py)
    from kg.kiwi_process import KiwiProcess

    # (with --workers N it tokenises the first articles while the workers' parent loads Kiwi itself)
    tokenizer = KiwiProcess() if not args.cluster else None
    bar = ProgressBar() if not args.quiet and stderr_is_terminal() else None
    try:
        from kg.pipeline import build_graph_file

        report = build_graph_file(list(args.inputs), args.out, update=args.update, workers=args.workers,
                                  cluster=args.cluster, progress=bar, tokenizer=tokenizer)
    finally:
        if tokenizer is not None:
            tokenizer.close()
        if bar is not None:
            bar.close()
    if not args.quiet:
        for name, why in report.ignored:
            print(f"kg build: ignored {name}: {why}", file=sys.stderr)
    for name, problem in report.skipped:
        print(f"kg build: skipped {name}: {problem}", file=sys.stderr)
    if not args.quiet:
        extra = f", {report.unchanged} unchanged, {report.removed} removed" if args.update else ""
        ignored = f"; {len(report.ignored)} ignored (not articles)" if report.ignored else ""
        print(
            f"built {report.articles} article(s){extra} into {report.out}: {report.quads} quads "
            f"in {report.seconds:.1f} s" + (f"; {len(report.skipped)} skipped" if report.skipped else "") + ignored
        )
    if report.articles == 0 and (report.skipped or report.ignored) and not args.update:
        return 2
    return report.exit_code
