#!/usr/bin/env python3
"""Rewrite the README's quality table from `kg eval` on the seed gold and the development gold.

    python scripts/update_readme_quality.py           # rebuild, score, rewrite the table in README.md
    python scripts/update_readme_quality.py --check   # exit 1 if README.md's table is not what kg eval gives

The table sits between two marker comments in README.md; tests/test_readme_quality.py fails when its
figures drift from what `kg eval` computes, so after a change to extraction run this once and commit.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
# (gold folder, article folder), relative to the repository root: each is one `kg eval` run and one row
CORPORA = [("tests/gold", "seeds"), ("tests/corpus/dev/gold", "tests/corpus/dev/articles")]
BEGIN = "<!-- quality table: written by scripts/update_readme_quality.py from kg eval; do not edit by hand -->"
END = "<!-- end of the quality table -->"


def label(gold: str, articles: str) -> str:
    """A row's label: the arguments of its `kg eval` run, as `kg eval --markdown` labels it."""
    return f"`{gold} --articles {articles}`"


def table(reports: list) -> str:
    """The table for EvalReports in CORPORA's order."""
    from kg.eval import markdown_table

    return markdown_table([(label(g, a), r) for (g, a), r in zip(CORPORA, reports, strict=True)])


def block_of(text: str) -> str:
    """The table between the markers of a README's text; a clear error when the markers are missing."""
    try:
        start = text.index(BEGIN) + len(BEGIN)
        end = text.index(END, start)
    except ValueError:
        raise SystemExit(f"{README}: no quality table markers ({BEGIN!r} ... {END!r})") from None
    return text[start:end].strip("\n")


def with_block(text: str, new_table: str) -> str:
    """The README's text with the table between the markers replaced."""
    block_of(text)  # checks the markers
    start = text.index(BEGIN) + len(BEGIN)
    end = text.index(END, start)
    return f"{text[:start]}\n{new_table}\n{text[end:]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 when the table is stale")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    from kg.commands.eval import evaluate

    reports = [evaluate(Path(gold), Path(articles), command="update_readme_quality") for gold, articles in CORPORA]
    fresh = table(reports)
    text = README.read_text(encoding="utf-8")
    if block_of(text) == fresh:
        print(f"{README.name}: the quality table is what kg eval gives")
        return 0
    if args.check:
        print(f"{README.name}: the quality table is stale; kg eval gives:\n{fresh}", file=sys.stderr)
        return 1
    README.write_text(with_block(text, fresh), encoding="utf-8")
    print(f"{README.name}: quality table rewritten:\n{fresh}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
