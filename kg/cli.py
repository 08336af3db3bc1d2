"""The `kg` command line: a thin layer that parses arguments and calls library functions.

Each sub-command lives in its own module under `kg.commands` and exposes
`register(subparsers)`; the module's `run(args) -> int` does the work.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from kg.errors import UserError

# Order is the order shown by `kg --help`.
COMMAND_MODULES = ["build", "query", "eval", "viz", "serve", "push", "stats", "path"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="aikg: a knowledge graph of AI-industry news written in Korean.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"kg.commands.{name}")
        except ModuleNotFoundError as exc:  # a command still being written
            if exc.name == f"kg.commands.{name}":
                continue
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"kg {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
