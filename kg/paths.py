"""How two things are connected, explained step by step (`kg path`, the notebook).

What an analyst asks of "how is OpenAI connected to DeepSeek" is a chain of
relations (who developed, uses, is based on, works for, owns what), each with
the sentence that states it. Countries, leaderboards and articles are hubs: nearly
any two things share one, so a shortest path through them ("OpenAI → US ← Cognition AI
→ Alibaba → China ← DeepSeek") says nothing. So the search runs in two rounds:

1. relations only: no country, leaderboard or article as a step in between (a
   country may still be an end: "OpenAI" to "China");
2. only if no chain of relations exists, a fallback that may also go through a
   shared country, leaderboard or article, each such step labelled as a fallback
   (`kind` "country", "leaderboard" or "article"), an article step with a
   sentence of that article naming both where the graph has one.

Within a round the path has the fewest steps; of equals, the one with the
fewest background steps (stated only by the knowledge base), then the best
evidenced.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.analysis import best_claim, find_node

# Properties whose objects are hubs that nearly everything shares: a step through one is a fallback,
# named by the kind of hub.
HUB_PROPERTIES = {"country": "country", "ranking": "leaderboard"}
COST = {"relation": 1.0, "country": 1.5, "leaderboard": 1.5, "article": 1.0}  # an article step: two article edges
BACKGROUND_COST = 0.25  # a step no article states, only the knowledge base
_ARTICLE = "\x1farticle:"  # search-graph nodes for articles, never an IRI


@dataclass(frozen=True)
class Step:
    """One step of an explained path, in the direction the fact states it.

    `forward` is False when the path walks the fact backwards (object to subject).
    `kind` is "relation", or for a fallback "country" or "leaderboard" (a fact
    pointing at a hub) or "article" (both things named in the article `source`,
    `property` "mentions").
    `background` is True when no article states the fact, only the knowledge base.
    """

    from_: str
    property: str
    to: str
    evidence: str | None
    source: str | None
    date: str | None = None
    confidence: float | None = None
    forward: bool = True
    kind: str = "relation"
    background: bool = False


def _is_background(data: dict[str, Any]) -> bool:
    claims = data.get("claims") or []
    return bool(claims) and not any(c.get("file") for c in claims)


def _edge_kind(prop: str) -> str:
    return HUB_PROPERTIES.get(prop, "relation")


def _edge_cost(prop: str, data: dict[str, Any]) -> float:
    claim = best_claim(data) or {}
    return (COST[_edge_kind(prop)] + BACKGROUND_COST * _is_background(data)
            + 1e-4 * (claim.get("evidence") is None) + 1e-5 * (1.0 - (data.get("confidence") or 0.0)))


def _search_graph(g: nx.MultiDiGraph, ends: set[str], fallback: bool) -> nx.Graph:
    """Things linked by facts, each pair once at its cheapest; with `fallback`, articles as nodes too."""
    search = nx.Graph()
    search.add_nodes_from(sorted(g.nodes))
    for u, v, prop, data in sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        if u == v:
            continue
        if _edge_kind(prop) != "relation" and not fallback and v not in ends:
            continue  # in the first round a country (the object of the fact) is only ever an end
        cost = _edge_cost(prop, data)
        if not search.has_edge(u, v) or cost < search.edges[u, v]["cost"]:
            search.add_edge(u, v, cost=cost)
    if fallback:
        for node in sorted(g.nodes):
            for file in g.nodes[node]["articles"]:
                search.add_edge(node, _ARTICLE + file, cost=COST["article"])
    return search


def _fact_step(g: nx.MultiDiGraph, u: str, v: str, allow_hubs: bool, ends: set[str]) -> Step:
    """The fact that best explains the step u-v: a relation, stated by an article, confident, forward.

    A fact pointing at a hub is a fallback step unless the hub is an end of the path.
    """
    candidates = [(u, v, key, data, True) for key, data in (g.get_edge_data(u, v) or {}).items()]
    candidates += [(v, u, key, data, False) for key, data in (g.get_edge_data(v, u) or {}).items()]
    if not allow_hubs and any(_edge_kind(c[2]) == "relation" for c in candidates):
        candidates = [c for c in candidates if _edge_kind(c[2]) == "relation"]

    def strength(c: tuple[str, str, str, dict[str, Any], bool]) -> tuple[Any, ...]:
        claim = best_claim(c[3]) or {}
        return (_edge_kind(c[2]) != "relation", _is_background(c[3]), claim.get("evidence") is None,
                -(c[3].get("confidence") or 0.0), not c[4], c[2])

    s, o, key, data, forward = min(candidates, key=strength)
    claim = best_claim(data) or {}
    return Step(from_=s, property=key, to=o, evidence=claim.get("evidence"), source=claim.get("source"),
                date=claim.get("date"), confidence=claim.get("confidence"), forward=forward,
                kind="relation" if o in ends else _edge_kind(key), background=_is_background(data))


def _shared_sentence(g: nx.MultiDiGraph, a: str, b: str, file: str) -> str | None:
    """A sentence of `file` that names both: an attributed statement about (or by) both."""
    for x, y in ((a, b), (b, a)):
        for st in g.nodes[x]["statements"]:
            if st.get("file") == file and st.get("evidence") and (y in st["about"] or st.get("statedBy") == y):
                return str(st["evidence"])
    return None


def _article_step(g: nx.MultiDiGraph, a: str, b: str) -> Step:
    """Both things named in one article: the one with a sentence naming both, else the newest."""
    shared = sorted(set(g.nodes[a]["articles"]) & set(g.nodes[b]["articles"]))
    dates = {art["file"]: art.get("date") for art in g.graph.get("articles", [])}
    sentences = {file: _shared_sentence(g, a, b, file) for file in shared}
    best = min(shared, key=lambda f: (sentences[f] is None, _negated(dates.get(f) or ""), f))
    return Step(from_=a, property="mentions", to=b, evidence=sentences[best], source=best, date=dates.get(best),
                kind="article")


def _negated(text: str) -> tuple[int, ...]:
    return tuple(-ord(ch) for ch in text)  # sorts the newest ISO date first


def _walk(g: nx.MultiDiGraph, nodes: list[str], fallback: bool) -> list[Step]:
    steps: list[Step] = []
    i = 0
    while i < len(nodes) - 1:
        if nodes[i + 1].startswith(_ARTICLE):
            steps.append(_article_step(g, nodes[i], nodes[i + 2]))
            i += 2
        else:
            steps.append(_fact_step(g, nodes[i], nodes[i + 1], fallback, {nodes[0], nodes[-1]}))
            i += 1
    return steps


def explained_path(g: nx.MultiDiGraph, a: str, b: str, fallback: bool = True) -> list[Step] | None:
    """The chain of facts linking a and b, each explained by its sentence (see the module docstring).

    Direction is ignored for finding the path (a model and its developer's
    country are related whichever way the facts point) but kept in each Step.
    `a` and `b` are names or ids; an unknown name raises KeyError; None means
    no path (with `fallback=False`: no chain of relations).
    """
    start, end = find_node(g, a), find_node(g, b)
    for name, node in ((a, start), (b, end)):
        if node is None:
            raise KeyError(name)
    assert start is not None and end is not None
    if start == end:
        return []
    for round_fallback in (False, True) if fallback else (False,):
        search = _search_graph(g, {start, end}, round_fallback)
        try:
            nodes = nx.dijkstra_path(search, start, end, weight="cost")
        except nx.NetworkXNoPath:
            continue
        return _walk(g, nodes, round_fallback)
    return None


def is_fallback(steps: list[Step]) -> bool:
    """Whether a path goes through a shared country or article rather than relations alone."""
    return any(step.kind != "relation" for step in steps)
