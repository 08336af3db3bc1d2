"""`kg stats GRAPH`: what the graph holds: things per class, facts per property, components, hubs."""

from __future__ import annotations

import argparse
from pathlib import Path

from wcwidth import wcswidth


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "stats",
        help="count things per class and facts per property; components; most central things",
        description="Project GRAPH onto its things and the facts between them (networkx) and print "
        "counts per class and per property, the connected components and the most central things.",
    )
    p.add_argument("graph", type=Path, metavar="GRAPH",
                   help="graph file (.ttl .trig .nt .nq .jsonld) or store folder")
    p.add_argument("--top", type=int, default=10, metavar="K",
                   help="how many central things to list (default 10)")
    p.add_argument("--centrality", choices=["degree", "betweenness", "pagerank"], default="degree",
                   help="centrality measure (default degree)")
    p.add_argument("--lang", choices=["ko", "en"], default="en", help="label language (default en)")
    p.set_defaults(func=run)


def _pad(text: str, width: int) -> str:
    """Left-align for terminals, where a Hangul syllable takes two columns."""
    return text + " " * max(width - wcswidth(text), 0)


def run(args: argparse.Namespace) -> int:
    from kg.analysis import centrality_top, class_counts, components, display_label, project, property_counts
    from kg.graph.store import open_store

    g = project(open_store(args.graph))
    comps = components(g)
    articles = len(g.graph.get("articles", []))
    print(f"{args.graph}: {g.number_of_nodes()} things, {g.number_of_edges()} facts between things, "
          f"{articles} articles")
    print("\nthings per class:")
    for cls, count in class_counts(g).items():
        print(f"  {_pad(cls, 14)}{count:>7}")
    props = property_counts(g)
    if props:
        print("\nfacts per property:")
        for prop, count in props.items():
            print(f"  {_pad(prop, 20)}{count:>7}")
    isolated = sum(1 for c in comps if len(c) == 1)
    largest = len(comps[0]) if comps else 0
    print(f"\ncomponents: {len(comps)} (largest {largest} things; {isolated} things stand alone)")
    top = centrality_top(g, args.top, args.centrality)
    if top:
        print(f"\ntop {len(top)} by {args.centrality} centrality:")
        labels = [f"{display_label(g, n, args.lang)} ({g.nodes[n]['class']})" for n, _ in top]
        width = max(wcswidth(label) for label in labels) + 2
        for rank, ((_, score), label) in enumerate(zip(top, labels, strict=True), start=1):
            print(f"  {rank:>3}. {_pad(label, width)}{score:.3f}")
    return 0
