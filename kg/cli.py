"""The `kg` command line: a thin layer that parses arguments and calls library functions.

Each sub-command lives in its own module under `kg.commands` and exposes
`register(subparsers)`; the module's `run(args) -> int` does the work.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from kg.errors import UserError
from kg.interrupts import termination_as_interrupt

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


def os_error_line(exc: OSError, target: object = None) -> str:
    """One line for an OSError: the file it names (else `target`, the file being written) and the problem."""
    problem = exc.strerror or str(exc) or type(exc).__name__
    path = exc.filename if exc.filename is not None else target
    if path is None:
        return problem
    if exc.filename2 is not None:
        return f"{path} -> {exc.filename2}: {problem}"
    return f"{path}: {problem}"


def _stdout_is_broken() -> bool:
    """Whether stdout's reader went away; if so, point stdout at /dev/null so exiting does not fail again."""
    try:
        sys.stdout.flush()
        return False
    except (BrokenPipeError, ValueError):
        pass
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return True


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with termination_as_interrupt():
            return int(args.func(args) or 0)
    except UserError as exc:
        print(f"kg {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError as exc:
        if not _stdout_is_broken():
            print(f"kg {args.command}: error: {os_error_line(exc)}", file=sys.stderr)
            return 2
        # the reader of our output went away (`kg query ... | head`): stop quietly, as other tools do
        return 1
    except OSError as exc:
        # a disk full, a file size limit, a permission refused...: the file and the problem, no traceback.
        # A write error carries no file name; then it concerns the command's output (-o OUT), if it has one.
        print(f"kg {args.command}: error: {os_error_line(exc, getattr(args, 'out', None))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
