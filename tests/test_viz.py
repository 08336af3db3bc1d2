"""kg.viz and `kg viz`: one offline file, escaped text, legend, determinism, focus, truncation, scale."""

from __future__ import annotations

import json
import random
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from kg.analysis import project
from kg.cli import main
from kg.errors import UserError
from kg.graph.store import open_store
from kg.viz import format_value, layout_positions, render_html

FIXTURE = Path(__file__).parent / "fixtures" / "mini.trig"
ID = "https://w3id.org/aikg/id/"

HOSTILE_LABEL = '<script>window.__pwned = "label"</script>'
HOSTILE_ALT = '"onmouseover="window.__pwned=\'alt\'" x="'
HOSTILE_EVIDENCE = '</script><script>window.__pwned = "evidence"</script><!--'
HOSTILE_HEADLINE = "<img src=x onerror=\"window.__pwned='headline'\">"


def _ttl_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid Turtle string


def hostile_trig() -> str:
    """The fixture's shape with labels, a sentence and a headline that try to run code."""
    return f"""
@prefix aikg: <https://w3id.org/aikg/ontology#> .
@prefix id: <https://w3id.org/aikg/id/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/aikg/id/graph/evil> {{
  id:article\\/evil a aikg:Article ; aikg:file "evil.txt" ;
    schema:headline {_ttl_string(HOSTILE_HEADLINE)}@ko ;
    schema:mentions id:evil-org, id:evil-model .
  id:evil-org a aikg:Organization ; rdfs:label {_ttl_string(HOSTILE_LABEL)}@en ;
    skos:altLabel {_ttl_string(HOSTILE_ALT)}@ko .
  id:evil-model a aikg:AIModel ; rdfs:label "Evil-1"@en ; aikg:developedBy id:evil-org .
  id:claim\\/evil-1 a aikg:Claim ; rdf:subject id:evil-model ; rdf:predicate aikg:developedBy ;
    rdf:object id:evil-org ; aikg:source id:article\\/evil ; aikg:evidence {_ttl_string(HOSTILE_EVIDENCE)} ;
    aikg:confidence 0.5 .
}}
"""


def synthetic_trig(n_things: int = 5000, n_articles: int = 200, seed: int = 1) -> str:
    """A builder-shaped graph of n_things with hubs (preferential attachment), for scale tests."""
    rng = random.Random(seed)
    classes = ["Organization"] * 4 + ["AIModel"] * 4
    classes += ["Person", "Country", "Hardware", "Leaderboard", "Policy"]
    things = [(f"t{i}", classes[i % len(classes)]) for i in range(n_things)]
    orgs = [t for t, c in things if c == "Organization"]
    out = [
        "@prefix aikg: <https://w3id.org/aikg/ontology#> .",
        "@prefix id: <https://w3id.org/aikg/id/> .",
        "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix schema: <https://schema.org/> .",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
    ]
    for a in range(n_articles):
        out.append(f'<{ID}graph/s{a}> {{ id:article\\/s{a} a aikg:Article ; aikg:file "s{a}.txt" ; '
                   f'schema:datePublished "2025-01-{a % 28 + 1:02d}" . }}')
    body = []
    for i, (t, c) in enumerate(things):
        body.append(f'id:{t} a aikg:{c} ; rdfs:label "Thing {i}"@en ; skos:altLabel "사물 {i}"@ko .')
        a = rng.randrange(n_articles)
        body.append(f"id:article\\/s{a} schema:mentions id:{t} .")
        for k in range(rng.choice([1, 1, 2])):
            if c == "AIModel":
                o, p = orgs[min(int(rng.paretovariate(1.2)) - 1, len(orgs) - 1)], "developedBy"
            elif i:
                o, p = things[int(rng.random() ** 3 * i)][0], "uses"
            else:
                continue
            if o == t:
                continue
            body.append(f"id:{t} aikg:{p} id:{o} . id:claim\\/{t}-{k} a aikg:Claim ; rdf:subject id:{t} ; "
                        f"rdf:predicate aikg:{p} ; rdf:object id:{o} ; aikg:source id:article\\/s{a} ; "
                        f'aikg:evidence "{t} 문장 {k}" ; aikg:confidence 0.8 .')
    out.append(f"<{ID}graph/synthetic> {{\n" + "\n".join(body) + "\n}")
    return "\n".join(out)


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each <script>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def page_data(html: str) -> dict:
    tags = parse(html)
    index = [i for i, (tag, attrs) in enumerate(t for t in tags.tags if t[0] == "script")
             if attrs.get("id") == "aikg-data"]
    assert len(index) == 1
    return json.loads(tags.scripts[index[0]])


@pytest.fixture(scope="module")
def g() -> nx.MultiDiGraph:
    return project(open_store(FIXTURE))


@pytest.fixture(scope="module")
def fixture_html(g: nx.MultiDiGraph) -> str:
    return render_html(g)[0]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> nx.MultiDiGraph:
    path = tmp_path_factory.mktemp("hostile") / "hostile.trig"
    path.write_text(hostile_trig(), encoding="utf-8")
    return project(open_store(path))


def test_viz_command_writes_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sub" / "view.html"
    assert main(["viz", str(FIXTURE), "-o", str(out)]) == 0
    assert out.is_file()
    assert "14 nodes, 10 edges" in capsys.readouterr().out
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "<title>aikg — mini.trig</title>" in html


def test_viz_no_external_resources(fixture_html: str) -> None:
    tags = parse(fixture_html)
    for tag, attrs in tags.tags:
        for name in ("src", "href", "action", "data", "poster"):
            value = attrs.get(name)
            assert value is None or value.startswith(("data:", "#")), (tag, name, value)
        assert tag != "link", "stylesheets must be inline"
        assert tag not in ("iframe", "object", "embed", "base")
    # vis-network is inlined, and only its licence comments mention a URL.
    assert len(tags.scripts) == 3
    assert "vis.Network" in tags.scripts[2] and len(tags.scripts[1]) > 400_000
    assert "sourceMappingURL" not in fixture_html
    assert "cdnjs" not in fixture_html and "jsdelivr" not in fixture_html
    assert "@import" not in fixture_html
    assert "Content-Security-Policy" in fixture_html


def test_viz_data_matches_graph(fixture_html: str) -> None:
    data = page_data(fixture_html)
    assert len(data["nodes"]) == 14
    assert len(data["edges"]) == 10
    node = next(n for n in data["nodes"] if n["id"] == ID + "deepseek")
    assert node["label"] == "딥시크"
    assert node["cls"] == "Organization"
    assert node["shape"] == "dot"
    assert set(node["names"]) == {"DeepSeek", "딥시크"}
    assert node["articles"] == ["a1.txt", "a2.txt"]
    edge = next(e for e in data["edges"] if e["label"] == "usesHardware")
    assert "V3는 H800 칩으로 훈련됐다." in edge["title"]
    assert "a1.txt · 2025-02-01 · 신뢰도 0.75" in edge["title"]
    assert data["options"]["physics"]["enabled"] is True
    # sizes grow with the number of mentioning articles
    sizes = {n["id"]: n["size"] for n in data["nodes"]}
    assert sizes[ID + "deepseek"] > sizes[ID + "meta"] > sizes[ID + "aider"]


def test_viz_hover_text_has_facts_with_evidence(fixture_html: str) -> None:
    data = page_data(fixture_html)
    v3 = next(n for n in data["nodes"] if n["id"] == ID + "deepseek-v3")
    title = v3["title"]
    assert title.startswith("DeepSeek-V3 (AI 모델)")
    assert "parameterCount = 685,000,000,000" in title
    assert "parameterCount = 671,000,000,000" in title
    assert "“딥시크는 6850억 개의 파라미터를 가진 V3를 발표했다.”" in title
    assert "trainingCost = 5,600,000 USD" in title
    assert "출처 발화자 뉴욕타임스" in title
    assert "[comparison] Paul Gauthier" in title


def test_viz_english_labels(g: nx.MultiDiGraph) -> None:
    html, _ = render_html(g, lang="en")
    data = page_data(html)
    assert next(n for n in data["nodes"] if n["id"] == ID + "deepseek")["label"] == "DeepSeek"
    assert '<html lang="en">' in html
    assert "AI model" in html
    with pytest.raises(UserError):
        render_html(g, lang="fr")


def test_viz_legend_and_filters(fixture_html: str) -> None:
    tags = parse(fixture_html)
    boxes = [a for t, a in tags.tags if t == "input" and "aikg-class-filter" in (a.get("class") or "")]
    assert [b["data-class"] for b in boxes] == ["AIModel", "Organization", "Person", "Country", "Leaderboard",
                                                "Hardware", "Policy"]
    assert 'id="aikg-legend"' in fixture_html
    assert "color: #e15759" in fixture_html and "◆" in fixture_html and "AI 모델" in fixture_html
    options = [a.get("value") for t, a in tags.tags if t == "option"]
    assert options == ["", "a1.txt", "a2.txt"]
    assert "a1.txt — 딥시크 V3 공개 (2025-02-01)" in fixture_html
    assert 'id="aikg-search-input"' in fixture_html


def test_viz_hostile_text_is_escaped(hostile: nx.MultiDiGraph) -> None:
    html, _ = render_html(hostile)
    tags = parse(html)
    assert len(tags.scripts) == 3, "no text may open or close a <script>"
    assert [t for t, _ in tags.tags].count("img") == 0
    for tag, attrs in tags.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
    for text in (HOSTILE_LABEL, HOSTILE_ALT, HOSTILE_EVIDENCE, HOSTILE_HEADLINE):
        assert text not in html
    assert "&lt;img src=x onerror=" in html  # the headline, as text in the article filter
    # ... and the data still holds the text exactly, for the page to show as text.
    data = page_data(html)
    org = next(n for n in data["nodes"] if n["id"] == ID + "evil-org")
    assert org["label"] == HOSTILE_ALT  # the Korean name, shown for lang="ko"
    assert {HOSTILE_LABEL, HOSTILE_ALT} <= set(org["names"])
    assert HOSTILE_EVIDENCE in data["edges"][0]["title"]


def test_viz_output_is_deterministic(g: nx.MultiDiGraph) -> None:
    again = project(open_store(FIXTURE))
    assert render_html(g)[0].encode() == render_html(again)[0].encode()
    assert render_html(g, max_nodes=5)[0] == render_html(again, max_nodes=5)[0]


def test_viz_command_is_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    assert main(["viz", str(FIXTURE), "-o", str(a)]) == 0
    assert main(["viz", str(FIXTURE), "-o", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize(
    ("focus", "hops", "expected"),
    [
        ("딥시크", 0, {"deepseek"}),
        ("딥시크", 1, {"deepseek", "deepseek-v3", "deepseek-r1", "china"}),
        ("DeepSeek", 2, {"deepseek", "deepseek-v3", "deepseek-r1", "china", "openai", "h800", "lm-arena"}),
        ("aider", 5, {"aider", "paul-gauthier"}),
    ],
)
def test_viz_focus_hops(g: nx.MultiDiGraph, focus: str, hops: int, expected: set[str]) -> None:
    html, info = render_html(g, focus=focus, hops=hops)
    data = page_data(html)
    assert {n["id"].removeprefix(ID) for n in data["nodes"]} == expected
    assert info.focus == data["focus"]
    assert info.left_out_nodes == 0
    focused = next(n for n in data["nodes"] if n["id"] == info.focus)
    assert focused["borderWidth"] == 4
    assert f"반경 {hops}단계" in html


def test_viz_focus_unknown(g: nx.MultiDiGraph) -> None:
    with pytest.raises(UserError, match="no thing has that name"):
        render_html(g, focus="알리바바")


def test_viz_max_nodes_truncates_and_turns_physics_off(g: nx.MultiDiGraph) -> None:
    html, info = render_html(g, max_nodes=5)
    data = page_data(html)
    assert (info.nodes, info.left_out_nodes) == (5, 9)
    assert len(data["nodes"]) == 5
    # the most connected things are kept
    kept = {n["id"].removeprefix(ID) for n in data["nodes"]}
    assert {"deepseek-v3", "deepseek"} <= kept
    assert data["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])
    assert "가장 많이 연결된 5개만 표시합니다: 노드 9개" in html
    assert "class=\"aikg-note aikg-truncated\"" in html
    assert info.left_out_edges == 10 - len(data["edges"])
    en, _ = render_html(g, max_nodes=5, lang="en")
    assert "Showing the 5 most connected things: 9 nodes" in en


def test_viz_empty_graph() -> None:
    import pyoxigraph as ox

    html, info = render_html(project(ox.Store()))
    assert info.nodes == 0
    assert page_data(html)["nodes"] == []


def test_viz_layout_is_deterministic_and_spread() -> None:
    graph = nx.barabasi_albert_graph(300, 2, seed=3)
    graph = nx.relabel_nodes(graph, {n: f"n{n:03d}" for n in graph})
    graph.add_nodes_from(["lonely-1", "lonely-2"])
    first, second = layout_positions(graph), layout_positions(graph)
    assert first == second
    assert len(set(first.values())) == len(first)  # no two nodes on the same spot


@pytest.mark.parametrize(("value", "text"), [
    (685_000_000_000, "685,000,000,000"),
    (8.4, "8.4"),
    (5_600_000.0, "5,600,000"),
    ({"value": 380_000_000_000.0, "currency": "CNY", "period": "P3Y"}, "380,000,000,000 CNY / P3Y"),
    ("2024-12", "2024-12"),
])
def test_viz_format_value(value: object, text: str) -> None:
    assert format_value(value) == text


def test_viz_5000_nodes(tmp_path: Path) -> None:
    path = tmp_path / "synthetic.trig"
    path.write_text(synthetic_trig(5000), encoding="utf-8")
    g = project(open_store(path))
    assert g.number_of_nodes() == 5000
    html, info = render_html(g)
    assert (info.nodes, info.left_out_nodes) == (500, 4500)
    data = page_data(html)
    assert data["options"]["physics"]["enabled"] is False
    assert "가장 많이 연결된 500개만 표시합니다: 노드 4,500개" in html
    everything, info = render_html(g, max_nodes=None)
    assert info.nodes == 5000 and not info.physics
    assert len(page_data(everything)["edges"]) == g.number_of_edges()


def test_viz_bytes_do_not_depend_on_hash_seed(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    pages = []
    for seed in ("1", "2"):
        out = tmp_path / f"seed{seed}.html"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [sys.executable, "-m", "kg.cli", "viz", str(FIXTURE), "-o", str(out), "--max-nodes", "6"]
        subprocess.run(command, check=True, env=env, capture_output=True)
        pages.append(out.read_bytes())
    assert pages[0] == pages[1]


def test_viz_command_unknown_focus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["viz", str(FIXTURE), "-o", str(tmp_path / "x.html"), "--focus", "알리바바"]) == 2
    assert "no thing has that name" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()
