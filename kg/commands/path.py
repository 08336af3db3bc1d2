"""`kg path GRAPH A B`: how two things are connected, each step explained by its sentence."""

from __future__ import annotations

import argparse
from pathlib import Path

EPILOG = """example:
  kg path graph.trig 오픈AI 중국
    OpenAI —uses→ DeepSeek-V3
        “오픈AI도 V3를 사용하고 있다.” (a2.txt, 2025-03-07, confidence 0.70)
    DeepSeek-V3 —developedBy→ DeepSeek
        background: aikg knowledge base (no article states it)
    ...

The path is a chain of relations (developedBy, uses, basedOn, worksFor, parentOrganization,
usesHardware, successorOf ...). Only when no such chain exists does it go through what the two
share instead, a shared country, leaderboard or article, each such step marked [fallback: ...]
(--relations-only: never). Names match any label (Korean, English, short forms), ignoring case
and spaces. Direction is ignored when searching (a path may walk a fact backwards, shown with ←).
Exit code 0: a path was printed; 1: the things are not connected; 2: a name matches nothing."""

FALLBACK = {"country": "a shared country", "leaderboard": "a shared leaderboard"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "path",
        help="explain how two things are connected (a chain of relations, each with its evidence)",
        description="Print the shortest chain of relations linking A and B in GRAPH, each with its evidence "
        "sentence, article and date; failing that, what they share (a country, a leaderboard, an article).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("graph", type=Path, metavar="GRAPH",
                   help="graph file (.ttl .trig .nt .nq .jsonld) or store folder")
    p.add_argument("a", metavar="A", help="a thing's name")
    p.add_argument("b", metavar="B", help="another thing's name")
    p.add_argument("--lang", choices=["ko", "en"], default="en", help="label language (default en)")
    p.add_argument("--relations-only", action="store_true",
                   help="no fallback through shared countries, leaderboards or articles")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.analysis import display_label, project
    from kg.errors import UserError
    from kg.graph.store import open_store
    from kg.paths import explained_path, is_fallback

    g = project(open_store(args.graph))
    try:
        steps = explained_path(g, args.a, args.b, fallback=not args.relations_only)
    except KeyError as exc:
        raise UserError(f"no thing is called {exc.args[0]!r}") from None
    if steps is None:
        how = "no chain of relations links" if args.relations_only else "no path:"
        print(f"{how} {args.a} and {args.b} {'in' if args.relations_only else 'are not connected in'} {args.graph}")
        return 1
    if not steps:
        print(f"{args.a} and {args.b} are the same thing")
        return 0
    label = {node: display_label(g, node, args.lang) for step in steps for node in (step.from_, step.to)}
    if is_fallback(steps):
        print(f"no chain of relations links {label[steps[0].from_]} and {label[steps[-1].to]}; "
              "what links them instead (a fallback):")
    headlines = {art["file"]: art.get("headline") for art in g.graph.get("articles", [])}
    for step in steps:
        s, o = label[step.from_], label[step.to]
        if step.kind == "article":
            print(f"{s} and {o}  [fallback: both named in {step.source}]")
            where = ", ".join(x for x in (step.source, step.date) if x)
            said = f"“{step.evidence}”" if step.evidence else f"headline: “{headlines.get(step.source) or ''}”"
            print(f"    {said} ({where})")
            continue
        arrow = f"{s} —{step.property}→ {o}" if step.forward else f"{o} ←{step.property}— {s}"
        print(arrow + (f"  [fallback: {FALLBACK[step.kind]}]" if step.kind in FALLBACK else ""))
        if step.background:
            as_of = f", as of {step.date}" if step.date else ""
            print(f"    background: {step.source}{as_of} (no article states it)")
            continue
        where = [x for x in (step.source, step.date) if x]
        if step.confidence is not None:
            where.append(f"confidence {step.confidence:.2f}")
        evidence = f"“{step.evidence}”" if step.evidence else "(no sentence)"
        print(f"    {evidence}" + (f" ({', '.join(where)})" if where else ""))
    return 0
