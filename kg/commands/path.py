"""`kg path GRAPH A B`: how two things are connected, each step explained by its sentence."""

from __future__ import annotations

import argparse
from pathlib import Path

EPILOG = """example:
  kg path graph.trig 오픈AI 중국
    OpenAI —uses→ DeepSeek-V3
      “오픈AI도 V3를 사용하고 있다.” (a2.txt, 2025-03-07, confidence 0.70)
    ...

Names match any label (Korean, English, short forms), ignoring case and spaces. Direction is
ignored when searching (a path may walk a fact backwards, shown with ←). Exit code 0: a path
was printed; 1: the things are not connected; 2: a name matches nothing."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "path",
        help="explain how two things are connected (shortest chain of facts with evidence)",
        description="Print the shortest chain of facts linking A and B in GRAPH, each with its evidence "
        "sentence, article and date.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("graph", type=Path, metavar="GRAPH",
                   help="graph file (.ttl .trig .nt .nq .jsonld) or store folder")
    p.add_argument("a", metavar="A", help="a thing's name")
    p.add_argument("b", metavar="B", help="another thing's name")
    p.add_argument("--lang", choices=["ko", "en"], default="en", help="label language (default en)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.analysis import display_label, explained_path, project
    from kg.errors import UserError
    from kg.graph.store import open_store

    g = project(open_store(args.graph))
    try:
        steps = explained_path(g, args.a, args.b)
    except KeyError as exc:
        raise UserError(f"no thing is called {exc.args[0]!r}") from None
    if steps is None:
        print(f"no path: {args.a} and {args.b} are not connected in {args.graph}")
        return 1
    if not steps:
        print(f"{args.a} and {args.b} are the same thing")
        return 0
    for step in steps:
        s, o = display_label(g, step.from_, args.lang), display_label(g, step.to, args.lang)
        arrow = f"{s} —{step.property}→ {o}" if step.forward else f"{o} ←{step.property}— {s}"
        print(arrow)
        where = [x for x in (step.source, step.date) if x]
        if step.confidence is not None:
            where.append(f"confidence {step.confidence:.2f}")
        evidence = f"“{step.evidence}”" if step.evidence else "(no sentence: background knowledge)"
        print(f"    {evidence}" + (f" ({', '.join(where)})" if where else ""))
    return 0
