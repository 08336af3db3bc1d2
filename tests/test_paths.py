"""kg.paths and `kg path`: relations first, countries, leaderboards and articles only as a labelled fallback."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from kg.analysis import project
from kg.cli import main
from kg.graph.store import open_store
from kg.paths import Step, explained_path, is_fallback

FIXTURE = Path(__file__).parent / "fixtures" / "paths.trig"
ID = "https://w3id.org/aikg/id/"


@pytest.fixture(scope="module")
def g() -> nx.MultiDiGraph:
    return project(open_store(FIXTURE))


def test_paths_chain_of_relations_beats_a_shorter_way_through_a_country(g: nx.MultiDiGraph) -> None:
    steps = explained_path(g, "마이크로소프트", "오픈AI")
    assert steps is not None and not is_fallback(steps)
    assert [(s.from_[len(ID):], s.property, s.to[len(ID):], s.forward) for s in steps] == [
        ("github", "parentOrganization", "microsoft", False),
        ("github-copilot", "developedBy", "github", False),
        ("github-copilot", "basedOn", "gpt-4o", True),
        ("gpt-4o", "developedBy", "openai", True),
    ]
    assert steps[2].evidence == "코파일럿은 GPT-4o를 기반으로 한다." and steps[2].source == "p1.txt"


def test_paths_background_step_is_marked_with_its_source_and_date(g: nx.MultiDiGraph) -> None:
    steps = explained_path(g, "GPT-4o", "오픈AI")
    assert steps == [Step(from_=ID + "gpt-4o", property="developedBy", to=ID + "openai", evidence=None,
                          source="aikg knowledge base", date="2025-11", confidence=1.0, background=True)]


def test_paths_things_named_together_fall_back_to_their_article_with_a_sentence(g: nx.MultiDiGraph) -> None:
    steps = explained_path(g, "네이버", "카카오")
    assert steps == [Step(from_=ID + "naver", property="mentions", to=ID + "kakao",
                          evidence="업계는 네이버와 카카오가 올해 정면으로 경쟁할 것으로 본다.", source="p2.txt",
                          date="2025-06-02", kind="article")]
    assert explained_path(g, "네이버", "카카오", fallback=False) is None


def test_paths_a_shared_country_is_a_labelled_fallback(g: nx.MultiDiGraph) -> None:
    steps = explained_path(g, "업스테이지", "네이버")
    assert steps is not None and is_fallback(steps)
    assert [(s.kind, s.property, s.to[len(ID):]) for s in steps] == [
        ("country", "country", "south-korea"), ("country", "country", "south-korea")]
    # a country asked for is an end, not a hub: the fact that names it is a relation
    direct = explained_path(g, "업스테이지", "한국")
    assert direct is not None and [(s.kind, s.evidence) for s in direct] == [("relation", "국내 스타트업 업스테이지는")]


def test_paths_nothing_links_and_unknown_names(g: nx.MultiDiGraph) -> None:
    assert explained_path(g, "사카나 AI", "네이버") is None
    assert explained_path(g, "네이버", "Naver") == []
    with pytest.raises(KeyError):
        explained_path(g, "no such thing", "네이버")


def test_paths_command_prints_each_step_with_its_evidence(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["path", str(FIXTURE), "마이크로소프트", "오픈AI"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Microsoft ←parentOrganization— GitHub"
    assert out[1] == "    “마이크로소프트 자회사 깃허브는” (p1.txt, 2025-05-01, confidence 0.80)"
    assert out[-2:] == ["GPT-4o —developedBy→ OpenAI",
                        "    background: aikg knowledge base, as of 2025-11 (no article states it)"]


def test_paths_command_labels_the_fallback(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["path", str(FIXTURE), "네이버", "카카오", "--lang", "ko"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "no chain of relations links 네이버 and 카카오; what links them instead (a fallback):",
        "네이버 and 카카오  [fallback: both named in p2.txt]",
        "    “업계는 네이버와 카카오가 올해 정면으로 경쟁할 것으로 본다.” (p2.txt, 2025-06-02)",
    ]
    assert main(["path", str(FIXTURE), "업스테이지", "네이버"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1] == "Upstage —country→ South Korea  [fallback: a shared country]"
    assert main(["path", str(FIXTURE), "업스테이지", "네이버", "--relations-only"]) == 1
    assert capsys.readouterr().out.startswith("no chain of relations links 업스테이지 and 네이버")
