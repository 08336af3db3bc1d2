"""`kg eval GOLD_DIR --articles DIR`: build the graph of the articles, then score it against gold files."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import UserError

if TYPE_CHECKING:
    from kg.eval import EvalReport


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `eval` sub-command."""
    parser = subparsers.add_parser(
        "eval",
        help="build, then score the graph against gold files",
        description="Build the graph of every article under --articles, then score it against the gold "
                    "files of GOLD_DIR (one <article file name>.json each): precision, recall and F1 per "
                    "entity type and per property, then what was missed and what is false.",
    )
    parser.add_argument("gold_dir", metavar="GOLD_DIR", type=Path, help="folder of gold *.json files")
    parser.add_argument("--articles", metavar="DIR", type=Path, required=True,
                        help="folder of the *.txt articles the gold files describe")
    parser.add_argument("--graph", metavar="OUT", type=Path,
                        help="keep the built graph here (.ttl, .trig, .nt, .nq, .jsonld or a store folder); "
                             "by default it is built in a temporary folder and removed")
    parser.add_argument("--json", metavar="FILE", type=Path, help="also write the scores as JSON")
    parser.add_argument("--verbose", action="store_true",
                        help="list every miss and false thing, and every article")
    parser.add_argument("--markdown", action="store_true",
                        help="print only the totals, as a row of a Markdown table (the README's quality table)")
    parser.set_defaults(func=run)


def evaluate(gold_dir: Path, articles: Path, graph: Path | None = None, command: str = "kg eval") -> EvalReport:
    """Build the articles' graph (into `graph`, else a temporary file) and score it against the gold folder.

    Each article that was skipped or ignored is named on stderr, prefixed with `command`.
    """
    from kg.eval import load_gold, score
    from kg.pipeline import build_graph_file  # imported late: the pipeline loads the NLP models

    if not gold_dir.is_dir():
        raise UserError(f"{gold_dir}: no such gold folder")
    load_gold(gold_dir)  # fail on a bad gold file before the (slow) build
    if not articles.is_dir():
        raise UserError(f"{articles}: no such article folder")
    with tempfile.TemporaryDirectory(prefix="kg-eval-") as tmp:
        out: Path = graph if graph is not None else Path(tmp) / "graph.trig"
        built = build_graph_file([articles], out)
        for name, why in getattr(built, "ignored", None) or []:
            print(f"{command}: ignored {name}: {why}", file=sys.stderr)
        for name, problem in getattr(built, "skipped", None) or []:
            print(f"{command}: skipped {name}: {problem}", file=sys.stderr)
        return score(out, gold_dir)


def run(args: argparse.Namespace) -> int:
    """Build, score, print; the scores go to --json too when asked."""
    from kg.eval import format_report, markdown_table

    report = evaluate(args.gold_dir, args.articles, args.graph)
    if args.markdown:
        print(markdown_table([(f"`{args.gold_dir.as_posix()} --articles {args.articles.as_posix()}`", report)]))
    else:
        print(format_report(report, verbose=args.verbose))
    if args.json is not None:
        args.json.write_text(json.dumps(report.to_json(), ensure_ascii=False, indent=1, default=str) + "\n",
                             encoding="utf-8")
    return 0
