"""One self-contained, offline HTML page that shows the graph (`kg viz`).

pyvis builds the network (its node and edge dictionaries and options); the page
itself comes from our own template because pyvis's links vis.js and Bootstrap
from CDNs, its `add_edge` rescans every edge, and its filter menu blanks the
graph. The page inlines vis-network (shipped inside the pyvis package), carries
the graph as escaped JSON data, and allows only its own scripts to run
(Content-Security-Policy with a nonce), so article text can never become code.

Big graphs keep their most connected part, are laid out here in Python
(deterministically) and drawn with physics off, so they open in seconds.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import deque
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
import numpy as np
import pyvis
from pyvis.network import Network

from kg.analysis import THING_CLASSES, display_label, find_node
from kg.errors import UserError

PHYSICS_MAX_NODES = 200  # above this vis.js takes too long to settle; we lay out in Python
LAYOUT_CORE = 400  # nodes of one component laid out by forces; the rest orbit their neighbours
EDGE_PX = 150.0  # typical edge length on the page, in pixels
SEED = 7
GRAVITY = 1.0
MAX_TITLE_ITEMS = 8  # facts listed per section of a hover text before "… and n more"
FONT_FACE = "Noto Sans KR, NanumGothic, Malgun Gothic, Apple SD Gothic Neo, sans-serif"


@dataclass
class ViewInfo:
    """What a written view shows and leaves out, for the command to report."""

    nodes: int
    edges: int
    total_nodes: int
    total_edges: int
    left_out_nodes: int = 0
    left_out_edges: int = 0
    physics: bool = True
    focus: str | None = None
    notes: list[str] = field(default_factory=list)


RESOURCES = Path(__file__).parent / "resources" / "viz"


@cache
def _resource(name: str) -> str:
    return (RESOURCES / name).read_text(encoding="utf-8")


@cache
def _config() -> dict[str, Any]:
    return json.loads(_resource("view.json"))


@cache
def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS from the pyvis package, without the source-map link DevTools would fetch."""
    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    js = re.sub(r"//# sourceMappingURL=\S*", "", js)
    css = re.sub(r"/\*# sourceMappingURL=\S*\s*\*/", "", css)
    return js, css


def _json_for_html(value: Any) -> str:
    """JSON that is safe inside a <script> element: no character in it can end the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


# --- which nodes -----------------------------------------------------------------------------------


def _edges_within(g: nx.MultiDiGraph, nodes: list[str]) -> list[tuple[str, str, str]]:
    """(u, v, key) of the edges among `nodes`, sorted; plain loops, as networkx's subgraph views are slow."""
    keep = set(nodes)
    return sorted((u, v, key) for u in nodes for v, keys in g.adj[u].items() if v in keep for key in keys)


def _simple(g: nx.MultiDiGraph, nodes: list[str] | None = None) -> nx.Graph:
    nodes = sorted(g.nodes) if nodes is None else nodes
    simple = nx.Graph()
    simple.add_nodes_from(nodes)
    simple.add_edges_from((u, v) for u, v, _ in _edges_within(g, nodes) if u != v)
    return simple


def select_nodes(g: nx.MultiDiGraph, focus: str | None = None, hops: int = 2,
                 max_nodes: int | None = 500) -> tuple[list[str], list[str], str | None]:
    """(kept, left out, focus node): the neighbourhood of `focus` or everything, cut to max_nodes.

    The cut keeps the nearest and then the most connected things, so what is
    shown is the dense core people look for, not a random sample.
    """
    undirected = _simple(g)
    focus_node = None
    if focus is not None:
        focus_node = find_node(g, focus)
        if focus_node is None:
            raise UserError(f"--focus {focus!r}: no thing has that name")
        distance = nx.single_source_shortest_path_length(undirected, focus_node, cutoff=max(hops, 0))
    else:
        distance = dict.fromkeys(undirected.nodes, 0)
    ranked = sorted(distance, key=lambda n: (distance[n], -undirected.degree(n), -g.nodes[n]["mentions"], n))
    if max_nodes and len(ranked) > max_nodes:
        return sorted(ranked[:max_nodes]), sorted(ranked[max_nodes:]), focus_node
    return sorted(ranked), [], focus_node


# --- where nodes go ---------------------------------------------------------------------------------


def _force_layout(n: int, pairs: list[tuple[int, int]], seed: int, iterations: int = 80) -> np.ndarray:
    """Fruchterman-Reingold on dense float32 arrays: about 0.3 s for 400 nodes (networkx's takes 3 s)."""
    if n == 1:
        return np.zeros((1, 2))
    rng = np.random.default_rng(seed)
    x, y = rng.random(n, dtype=np.float32), rng.random(n, dtype=np.float32)
    adjacency = np.zeros((n, n), dtype=np.float32)
    for i, j in pairs:
        adjacency[i, j] = adjacency[j, i] = 1.0
    k = np.float32(math.sqrt(1.0 / n))
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        dist2 = np.maximum(dx * dx + dy * dy, np.float32(1e-4))
        # repulsion k²/d and attraction d²/k along each edge, both as multiples of the unit vector (dx, dy)/d
        force = k * k / dist2 - adjacency * np.sqrt(dist2) / k
        gx = (dx * force).sum(axis=1) - GRAVITY * (x - x.mean()) / k  # gravity keeps loose nodes near
        gy = (dy * force).sum(axis=1) - GRAVITY * (y - y.mean()) / k
        length = np.maximum(np.sqrt(gx * gx + gy * gy), np.float32(0.01))
        step = np.minimum(length, np.float32(temperature)) / length
        x += gx * step
        y += gy * step
        temperature -= cooling
    pos = np.stack([x - x.mean(), y - y.mean()], axis=1).astype(np.float64)
    return pos / float(k) * EDGE_PX


def _component_layout(comp: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    """Forces for the LAYOUT_CORE best connected nodes; the others orbit the neighbour that reached them."""
    order = sorted(comp.nodes, key=lambda n: (-comp.degree(n), n))
    core = sorted(order[:LAYOUT_CORE])
    index = {n: i for i, n in enumerate(core)}
    pairs = [(index[u], index[v]) for u, v in comp.subgraph(core).edges()]
    coords = _force_layout(len(core), sorted(pairs), seed)
    pos = {n: (float(coords[i, 0]), float(coords[i, 1])) for n, i in index.items()}
    children: dict[str, int] = {}
    queue = deque(core)
    golden = math.pi * (3.0 - math.sqrt(5.0))
    while queue:
        parent = queue.popleft()
        for child in sorted(comp.neighbors(parent)):
            if child in pos:
                continue
            i = children.get(parent, 0)
            children[parent] = i + 1
            radius = EDGE_PX * (0.5 + 0.22 * math.sqrt(i))  # a sunflower around the parent
            px, py = pos[parent]
            pos[child] = (px + radius * math.cos(i * golden), py + radius * math.sin(i * golden))
            queue.append(child)
    return pos


def layout_positions(graph: nx.Graph, seed: int = SEED) -> dict[str, tuple[int, int]]:
    """Deterministic pixel positions: each component laid out alone, then packed in rows, largest first."""
    comps = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))
    placed: list[tuple[dict[str, tuple[float, float]], float, float, float, float]] = []
    for c in comps:
        pos = _component_layout(graph.subgraph(c), seed)
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        placed.append((pos, min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
    pad = EDGE_PX * 0.8
    area = sum((w + pad) * (h + pad) for _, _, _, w, h in placed)
    row_width = max([placed[0][3] + pad if placed else 0.0, math.sqrt(area) * 1.3])
    out: dict[str, tuple[int, int]] = {}
    x = y = row_height = 0.0
    for pos, x0, y0, w, h in placed:
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height + pad, 0.0
        for n, (px, py) in pos.items():
            out[n] = (px - x0 + x, py - y0 + y)
        x += w + pad
        row_height = max(row_height, h)
    if out:
        cx = (min(p[0] for p in out.values()) + max(p[0] for p in out.values())) / 2
        cy = (min(p[1] for p in out.values()) + max(p[1] for p in out.values())) / 2
        return {n: (round(px - cx), round(py - cy)) for n, (px, py) in sorted(out.items())}
    return {}


# --- what the page says -------------------------------------------------------------------------------


def format_value(value: Any) -> str:
    """A literal as a reader writes it: 685,000,000,000; 5,600,000 USD."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,}"
    if isinstance(value, dict) and "value" in value:
        text = f"{format_value(value['value'])} {value.get('currency') or ''}".strip()
        return f"{text} / {value['period']}" if value.get("period") else text
    return str(value)


def _claim_line(claim: dict[str, Any], t: dict[str, Any], g: nx.MultiDiGraph, lang: str) -> list[str]:
    where = [claim.get("file") or (t["knowledge_base"] if claim.get("source") is None
                                   or "knowledge" in str(claim.get("source")) else str(claim["source"]))]
    if claim.get("date"):
        where.append(str(claim["date"]))
    if claim.get("confidence") is not None:
        where.append(f"{t['confidence']} {claim['confidence']:.2f}")
    by = claim.get("statedBy")
    if by:
        where.append(f"{t['stated_by']} {display_label(g, by, lang) if by in g else by}")
    lines = [f"  “{claim['evidence']}”"] if claim.get("evidence") else []
    lines.append("    " + " · ".join(where))
    return lines


def _more(items: list[Any], t: dict[str, Any]) -> tuple[list[Any], list[str]]:
    if len(items) <= MAX_TITLE_ITEMS:
        return items, []
    return items[:MAX_TITLE_ITEMS], [t["more"].format(n=len(items) - MAX_TITLE_ITEMS)]


def node_title(g: nx.MultiDiGraph, n: str, lang: str) -> str:
    """The hover text of a thing: names, articles, literal facts with their sentences, relations."""
    t = _config()["strings"][lang]
    data = g.nodes[n]
    name = display_label(g, n, lang)
    lines = [f"{name} ({t['class_names'][data['class']]})"]
    others = [x for x in [data["label"], *data["altLabels"]] if x != name]
    if others:
        lines.append(f"{t['other_names']}: {', '.join(others)}")
    if data["articles"]:
        shown, more = _more(data["articles"], t)
        tail = " " + more[0] if more else ""
        lines.append(f"{t['mentioned_in']} ({len(data['articles'])}): {', '.join(shown)}{tail}")
    facts = [(prop, v) for prop in sorted(data["facts"]) for v in data["facts"][prop]]
    facts, more = _more(facts, t)
    for prop, v in facts:
        lines.append(f"{prop} = {format_value(v['value'])}")
        for claim in v["claims"][:2]:
            lines += _claim_line(claim, t, g, lang)
    lines += more
    relations = [f"{key} → {display_label(g, v, lang)}" for _, v, key in sorted(g.out_edges(n, keys=True))]
    relations += [f"{key} ← {display_label(g, u, lang)}" for u, _, key in sorted(g.in_edges(n, keys=True))]
    relations, more = _more(relations, t)
    lines += relations + more
    statements, more = _more(data.get("statements") or [], t)
    if statements:
        lines.append(f"{t['statements']}:")
        for st in statements:
            who = st.get("speaker") or ""
            kind = f"[{st['claimType']}] " if st.get("claimType") else ""
            lines.append(f"  {kind}{who}: “{st.get('evidence') or ''}”")
            lines.append(f"    {st.get('file') or ''}")
        lines += more
    return "\n".join(lines)


def edge_title(g: nx.MultiDiGraph, u: str, v: str, key: str, lang: str) -> str:
    """The hover text of a fact: who —property→ what, then every sentence that states it and where."""
    t = _config()["strings"][lang]
    data = g.edges[u, v, key]
    lines = [f"{display_label(g, u, lang)} —{key}→ {display_label(g, v, lang)}"]
    if data.get("rank") is not None:
        lines.append(f"{t['rank']} {data['rank']}")
    claims, more = _more(data.get("claims") or [], t)
    for claim in claims:
        lines += _claim_line(claim, t, g, lang)
    return "\n".join(lines + more)


# --- the network and the page -------------------------------------------------------------------------


def build_network(g: nx.MultiDiGraph, nodes: list[str], *, lang: str = "ko", focus: str | None = None,
                  physics: bool = True) -> Network:
    """A pyvis Network of `nodes` and the facts among them, with positions, styles and hover texts.

    Nodes and edges are appended to pyvis's lists directly: its add_node and
    add_edge scan every existing one (quadratic; 23 s for 20k nodes) and our ids
    are unique by construction.
    """
    styles = _config()["classes"]
    simple = _simple(g, nodes)
    positions = layout_positions(simple)
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    for n in nodes:
        data = g.nodes[n]
        style = styles[data["class"]]
        names = sorted({data["label"], *data["altLabels"], *([data["labelKo"]] if data["labelKo"] else [])})
        node = {
            "id": n,
            "label": display_label(g, n, lang),
            "title": node_title(g, n, lang),
            "shape": style["shape"],
            "color": {"background": style["color"], "border": "#333333" if n == focus else style["color"],
                      "highlight": {"background": style["color"], "border": "#111111"}},
            "size": round(12 + 6 * math.sqrt(data["mentions"]), 1),
            "borderWidth": 4 if n == focus else 1,
            "x": positions[n][0],
            "y": positions[n][1],
            "cls": data["class"],
            "names": names,
            "articles": data["articles"],
            "mentions": data["mentions"],
            "degree": simple.degree(n),
        }
        net.nodes.append(node)
        net.node_ids.append(n)
        net.node_map[n] = node
    parallel: dict[tuple[str, str], int] = {}
    for i, (u, v, key) in enumerate(_edges_within(g, nodes)):
        data = g.edges[u, v, key]
        pair = (min(u, v), max(u, v))
        k = parallel[pair] = parallel.get(pair, -1) + 1
        edge: dict[str, Any] = {
            "id": f"e{i}",
            "from": u,
            "to": v,
            "label": key,
            "title": edge_title(g, u, v, key, lang),
            "articles": data.get("articles") or [],
            "width": 1.0 + 0.5 * min(len(data.get("articles") or []), 4),
            # A fact no article states (background knowledge) is drawn dashed.
            "dashes": not data.get("articles"),
        }
        if k and not physics:  # straight edges overlap: bend the 2nd, 3rd... between a pair
            edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.2 * k}
        net.edges.append(edge)
    net.options = _options(physics, len(nodes))
    return net


def _options(physics: bool, n: int) -> dict[str, Any]:
    return {
        "autoResize": True,
        "layout": {"randomSeed": SEED, "improvedLayout": False},
        "nodes": {"font": {"size": 16, "face": FONT_FACE, "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "color": {"color": "#9a9a9a", "highlight": "#333333", "hover": "#555555"},
            "font": {"size": 11, "face": FONT_FACE, "color": "#555555", "strokeWidth": 2,
                     "strokeColor": "#ffffff", "align": "middle"},
            "smooth": {"enabled": True, "type": "dynamic"} if physics else {"enabled": False},
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": n > 1000,
                        "navigationButtons": False, "keyboard": False},
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -2500, "centralGravity": 0.3, "springLength": 110,
                          "springConstant": 0.04, "avoidOverlap": 0.3},
            "stabilization": {"enabled": physics, "iterations": 300, "fit": True},
        },
    }


def render_html(g: nx.MultiDiGraph, *, lang: str = "ko", focus: str | None = None, hops: int = 2,
                max_nodes: int | None = 500, title: str | None = None) -> tuple[str, ViewInfo]:
    """The page for g (or the neighbourhood of `focus`), and what it shows and leaves out."""
    if lang not in _config()["strings"]:
        raise UserError(f"--lang {lang!r}: use one of {', '.join(sorted(_config()['strings']))}")
    t = _config()["strings"][lang]
    kept, left_out, focus_node = select_nodes(g, focus, hops, max_nodes)
    physics = not left_out and len(kept) <= PHYSICS_MAX_NODES
    net = build_network(g, kept, lang=lang, focus=focus_node, physics=physics)
    total_edges = g.number_of_edges()
    candidate_edges = len(_edges_within(g, kept + left_out)) if left_out else len(net.edges)
    info = ViewInfo(nodes=len(net.nodes), edges=len(net.edges), total_nodes=g.number_of_nodes(),
                    total_edges=total_edges, left_out_nodes=len(left_out),
                    left_out_edges=candidate_edges - len(net.edges), physics=physics, focus=focus_node)
    notes = []
    if focus_node is not None:
        notes.append({"kind": "focus", "text": t["focus"].format(name=display_label(g, focus_node, lang),
                                                                  hops=hops)})
    if left_out:
        by_class: dict[str, int] = {}
        for n in left_out:
            by_class[g.nodes[n]["class"]] = by_class.get(g.nodes[n]["class"], 0) + 1
        parts = ", ".join(f"{t['class_names'][c]} {by_class[c]:,}" for c in THING_CLASSES if c in by_class)
        notes.append({"kind": "truncated", "text": t["truncated"].format(
            shown=f"{info.nodes:,}", hidden_nodes=f"{info.left_out_nodes:,}", by_class=parts,
            hidden_edges=f"{info.left_out_edges:,}")})
    if not physics:
        notes.append({"kind": "physics", "text": t["physics_off"]})
    info.notes = [note["text"] for note in notes]

    counts = {c: 0 for c in THING_CLASSES}
    for node in net.nodes:
        counts[node["cls"]] += 1
    styles = _config()["classes"]
    legend = [{"name": c, "title": t["class_names"][c], "count": counts[c], **styles[c]}
              for c in THING_CLASSES]
    shown_articles = {a for node in net.nodes for a in node["articles"]}
    articles = [{"file": a["file"], "text": _article_text(a)} for a in g.graph.get("articles", [])
                if a["file"] in shown_articles]

    data = {"nodes": net.nodes, "edges": net.edges, "options": net.options, "focus": focus_node,
            "strings": {k: t[k] for k in ("not_found", "found", "hidden_by_filter", "details_hint")}}
    data_json = _json_for_html(data)
    vis_js, vis_css = _vis_assets()
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    template = env.from_string(_resource("view.html.j2"))
    html = template.render(
        lang=lang, title=title or t["title"], t=t, notes=notes, legend=legend, articles=articles,
        summary=t["summary"].format(nodes=f"{info.nodes:,}", edges=f"{info.edges:,}"),
        data_json=data_json, nonce=hashlib.sha256(data_json.encode()).hexdigest()[:32],
        vis_js=vis_js, vis_css=vis_css, view_js=_resource("view.js"), view_css=_resource("view.css"),
    )
    return html, info


def _article_text(article: dict[str, Any]) -> str:
    headline = article.get("headline") or ""
    if len(headline) > 40:
        headline = headline[:39] + "…"
    date = f" ({article['date']})" if article.get("date") else ""
    return f"{article['file']} — {headline}{date}" if headline else f"{article['file']}{date}"


def write_view(graph: str | Path, out: str | Path, **kwargs: Any) -> ViewInfo:
    """Open GRAPH, project it and write the page to OUT (the library side of `kg viz`)."""
    from kg.analysis import project
    from kg.graph.store import open_store

    g = project(open_store(graph))
    kwargs.setdefault("title", f"aikg — {Path(graph).name}")
    html, info = render_html(g, **kwargs)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    return info
