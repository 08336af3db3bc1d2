"""kg.analysis on the hand-written fixture: projection, paths, names, centrality; kg stats and kg path."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from kg.analysis import (
    Step,
    centrality_top,
    class_counts,
    components,
    explained_path,
    find_node,
    pagerank,
    project,
    property_counts,
)
from kg.cli import main
from kg.graph.store import open_store

FIXTURE = Path(__file__).parent / "fixtures" / "mini.trig"
ID = "https://w3id.org/aikg/id/"


@pytest.fixture(scope="module")
def g() -> nx.MultiDiGraph:
    return project(open_store(FIXTURE))


def test_analysis_projection_counts(g: nx.MultiDiGraph) -> None:
    assert g.number_of_nodes() == 14
    assert g.number_of_edges() == 10
    assert class_counts(g) == {"AIModel": 3, "Organization": 6, "Person": 1, "Country": 2, "Leaderboard": 1,
                               "Hardware": 1, "Policy": 0}
    assert property_counts(g) == {"country": 3, "developedBy": 3, "ranking": 1, "uses": 1, "usesHardware": 1,
                                  "worksFor": 1}
    # Articles, Claims, money and ranking nodes are not things.
    assert not any("/claim/" in n or "/article/" in n or "/amount/" in n or "/ranking/" in n for n in g)


def test_analysis_node_attributes(g: nx.MultiDiGraph) -> None:
    deepseek = g.nodes[ID + "deepseek"]
    assert deepseek["label"] == "DeepSeek"
    assert deepseek["labelKo"] == "딥시크"
    assert deepseek["altLabels"] == ["딥시크"]
    assert deepseek["class"] == "Organization"
    assert "Company" in deepseek["types"]
    assert deepseek["mentions"] == 2
    assert deepseek["articles"] == ["a1.txt", "a2.txt"]
    assert g.nodes[ID + "china"]["sameAs"] == "http://www.wikidata.org/entity/Q148"
    assert g.nodes[ID + "china"]["isoCode"] == "CN"


def test_analysis_literal_facts_are_node_attributes(g: nx.MultiDiGraph) -> None:
    v3 = g.nodes[ID + "deepseek-v3"]
    assert v3["releaseDate"] == "2024-12"
    assert v3["modelSizeBytes"] == 700_000_000_000
    assert v3["trainingCost"] == {"value": 5_600_000.0, "currency": "USD"}
    # Two articles disagree: both values are kept, each with its own sentence and source.
    counts = {v["value"]: v["claims"][0] for v in v3["facts"]["parameterCount"]}
    assert set(counts) == {685_000_000_000, 671_000_000_000}
    assert counts[685_000_000_000]["file"] == "a1.txt"
    assert counts[671_000_000_000]["evidence"] == "V3는 6710억 개의 파라미터를 가졌다."
    assert counts[671_000_000_000]["statedBy"] == ID + "nyt"
    assert v3["parameterCount"] in counts
    assert g.nodes[ID + "llama-3.1"]["parameterCount"] == 405_000_000_000


def test_analysis_edges_carry_evidence(g: nx.MultiDiGraph) -> None:
    edge = g.edges[ID + "deepseek-v3", ID + "h800", "usesHardware"]
    assert edge["property"] == "usesHardware"
    assert edge["confidence"] == pytest.approx(0.75)
    assert edge["articles"] == ["a1.txt"]
    claim = edge["claims"][0]
    assert claim["evidence"] == "V3는 H800 칩으로 훈련됐다."
    assert (claim["file"], claim["date"]) == ("a1.txt", "2025-02-01")
    # A fact stated by an article and by the knowledge base: the article's sentence comes first.
    country = g.edges[ID + "deepseek", ID + "china", "country"]
    assert [c["evidence"] for c in country["claims"]] == ["중국 기업 딥시크는 V3를 공개했다.", None]
    assert country["claims"][1]["source"] == "aikg knowledge base"
    assert g.edges[ID + "paul-gauthier", ID + "aider", "worksFor"]["claims"][0]["role"] == "founder"


def test_analysis_ranking_becomes_edge_to_leaderboard(g: nx.MultiDiGraph) -> None:
    edge = g.edges[ID + "deepseek-v3", ID + "lm-arena", "ranking"]
    assert edge["rank"] == 7
    assert edge["claims"][0]["evidence"] == "lmsys 랭킹에서 V3는 7위에 올랐다."


def test_analysis_statements_listed_on_things(g: nx.MultiDiGraph) -> None:
    statements = g.nodes[ID + "deepseek-v3"]["statements"]
    assert [s["claimType"] for s in statements] == ["comparison"]
    assert statements[0]["speaker"] == "Paul Gauthier"
    assert g.nodes[ID + "deepseek"]["statements"][0]["speaker"] == "업계 관계자"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("딥시크", "deepseek"),
        ("딥 시크", "deepseek"),
        ("DEEPSEEK", "deepseek"),
        ("라마 3.1", "llama-3.1"),
        ("라마3.1", "llama-3.1"),
        ("llama3.1", "llama-3.1"),
        ("v3", "deepseek-v3"),
        ("DeepSeek V3", "deepseek-v3"),
        ("뉴욕타임스", "nyt"),
        ("nyt", "nyt"),
        ("폴 고티에", "paul-gauthier"),
        ("중국", "china"),
        (ID + "h800", "h800"),
    ],
)
def test_analysis_find_node_by_any_label(g: nx.MultiDiGraph, name: str, expected: str) -> None:
    assert find_node(g, name) == ID + expected


@pytest.mark.parametrize("name", ["", "   ", "알리바바", "GPT-5"])
def test_analysis_find_node_unknown(g: nx.MultiDiGraph, name: str) -> None:
    assert find_node(g, name) is None


def test_analysis_explained_path_with_evidence(g: nx.MultiDiGraph) -> None:
    steps = explained_path(g, "오픈AI", "중국")
    assert steps == [
        Step(from_=ID + "openai", property="uses", to=ID + "deepseek-v3",
             evidence="오픈AI도 V3를 사용하고 있다.", source="a2.txt", date="2025-03-07",
             confidence=0.7, forward=True),
        Step(from_=ID + "deepseek-v3", property="developedBy", to=ID + "deepseek", evidence=None,
             source="aikg knowledge base", date=None, confidence=1.0, forward=True, background=True),
        Step(from_=ID + "deepseek", property="country", to=ID + "china",
             evidence="중국 기업 딥시크는 V3를 공개했다.", source="a1.txt", date="2025-02-01",
             confidence=0.9, forward=True),
    ]


def test_analysis_explained_path_walks_facts_backwards(g: nx.MultiDiGraph) -> None:
    steps = explained_path(g, "H800", "OpenAI")
    assert steps is not None
    assert [(s.property, s.forward) for s in steps] == [("usesHardware", False), ("uses", False)]
    assert steps[0].from_ == ID + "deepseek-v3" and steps[0].to == ID + "h800"


def test_analysis_explained_path_none_and_unknown(g: nx.MultiDiGraph) -> None:
    assert explained_path(g, "폴 고티에", "중국", fallback=False) is None
    # no chain of relations: what links them is the article that names both
    assert [(s.kind, s.source) for s in explained_path(g, "폴 고티에", "중국") or []] == [("article", "a1.txt")]
    assert explained_path(g, "딥시크", "DeepSeek") == []
    with pytest.raises(KeyError):
        explained_path(g, "no such thing", "중국")


def test_analysis_centrality_and_components(g: nx.MultiDiGraph) -> None:
    top = centrality_top(g, 2)
    assert [n for n, _ in top] == [ID + "deepseek-v3", ID + "deepseek"]
    assert top[0][1] == pytest.approx(4 / 13)
    assert [n for n, _ in centrality_top(g, 1, "betweenness")] == [ID + "deepseek-v3"]
    assert len(centrality_top(g, 3, "pagerank")) == 3
    with pytest.raises(ValueError):
        centrality_top(g, 3, "closeness-ish")
    comps = components(g)
    assert [len(c) for c in comps] == [10, 2, 1, 1]
    assert comps[1] == [ID + "aider", ID + "paul-gauthier"]


def test_analysis_flat_file_without_named_graphs(g: nx.MultiDiGraph, tmp_path: Path) -> None:
    import pyoxigraph as ox

    flat = tmp_path / "mini.nt"
    ox.serialize([q.triple for q in open_store(FIXTURE)], output=str(flat), format=ox.RdfFormat.N_TRIPLES)
    again = project(open_store(flat))
    assert sorted(again.nodes) == sorted(g.nodes)
    assert sorted(again.edges(keys=True)) == sorted(g.edges(keys=True))
    assert again.nodes[ID + "china"]["labelKo"] == "중국"
    assert again.nodes[ID + "deepseek"]["mentions"] == 2


def test_analysis_korean_label_is_the_commonest_form(tmp_path: Path) -> None:
    trig = tmp_path / "labels.trig"
    alt = "<http://www.w3.org/2004/02/skos/core#altLabel>"
    graphs = "".join(
        f"<{ID}graph/{name}> {{ <{ID}china> {alt} " + ", ".join(f'"{x}"@ko' for x in labels) + " . }\n"
        for name, labels in [("a1", ["중국", "중"]), ("a2", ["중국"]), ("a3", ["중화인민공화국", "중"])]
    )
    trig.write_text(f"<{ID}china> a <https://w3id.org/aikg/ontology#Country> .\n" + graphs, encoding="utf-8")
    china = project(open_store(trig)).nodes[ID + "china"]
    assert china["labelKo"] == "중국"  # 중국 and 중 are both in two articles: the word wins over the syllable
    assert china["altLabels"] == ["중", "중국", "중화인민공화국"]


def test_analysis_empty_graph() -> None:
    import pyoxigraph as ox

    empty = project(ox.Store())
    assert empty.number_of_nodes() == 0
    assert centrality_top(empty, 5) == []
    assert components(empty) == []


def test_stats_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(FIXTURE), "--top", "3"]) == 0
    out = capsys.readouterr().out
    assert "14 things, 10 facts between things, 2 articles" in out
    assert "Organization        6" in out
    assert "components: 4 (largest 10 things; 2 things stand alone)" in out
    assert "1. DeepSeek-V3 (AIModel)" in out
    assert "3. OpenAI (Organization)" in out


def test_path_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["path", str(FIXTURE), "오픈AI", "중국"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "OpenAI —uses→ DeepSeek-V3"
    assert out[1] == "    “오픈AI도 V3를 사용하고 있다.” (a2.txt, 2025-03-07, confidence 0.70)"
    assert out[4] == "DeepSeek —country→ China"


def test_path_command_no_path_and_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["path", str(FIXTURE), "폴 고티에", "중국", "--relations-only"]) == 1
    assert "no chain of relations links 폴 고티에 and 중국" in capsys.readouterr().out
    assert main(["path", str(FIXTURE), "알리바바", "중국"]) == 2
    assert "no thing is called '알리바바'" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["stats", "path", "viz"])
def test_analysis_commands_have_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    assert "GRAPH" in capsys.readouterr().out


def test_analysis_pagerank_needs_no_scipy() -> None:
    """A fresh install has no SciPy (networkx's pagerank needs it): ours must run without it."""
    code = (
        "import sys; sys.modules['scipy'] = None\n"
        "import networkx as nx\n"
        "from kg.analysis import pagerank\n"
        "g = nx.DiGraph([('a', 'b'), ('b', 'c'), ('c', 'a'), ('d', 'a')])\n"
        "r = pagerank(g)\n"
        "assert abs(sum(r.values()) - 1) < 1e-9, r\n"
        "assert max(r, key=r.get) == 'a' and r['d'] == min(r.values()), r\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_analysis_pagerank_closed_forms() -> None:
    """A cycle ranks its nodes equally; a dangling node spreads its rank to all."""
    cycle = pagerank(nx.DiGraph([(1, 2), (2, 3), (3, 1)]))
    assert all(v == pytest.approx(1 / 3) for v in cycle.values())
    # a -> b with b dangling: r_a = (1-d)/2 + d*r_b/2 and r_a + r_b = 1, so r_a = 0.5 / (1 + d/2)
    two = pagerank(nx.DiGraph([("a", "b")]))
    assert two["a"] == pytest.approx(0.5 / 1.425)
    assert two["b"] == pytest.approx(1 - 0.5 / 1.425)
    assert pagerank(nx.DiGraph()) == {}
