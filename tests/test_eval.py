"""Scoring a graph against gold files: exact counts on small hand-made graphs, and agreement with score.py."""

from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from kg import cli
from kg.errors import UserError
from kg.eval import EvalReport, fold_label, format_report, load_gold, numbers_match, score
from kg.graph.vocab import AIKG, ID, SCHEMA

GOLD_DIR = Path(__file__).parent / "fixtures" / "eval_gold"
FIXTURE = Path(__file__).parent / "fixtures" / "mini.trig"
REPO_GOLD = Path(__file__).parents[1] / "tests" / "gold"
SCORE_PY = Path(__file__).resolve().parent / "reference" / "score.py"  # the in-repo copy: a clone has no ../shared
KB = ID["source/knowledge-base"]


class GraphMaker:
    """Writes things, facts and Claims the way the builder does, with little typing."""

    def __init__(self) -> None:
        self.graph = Graph()
        self.n = 0
        self.graph.add((KB, RDF.type, PROV.Entity))

    def article(self, name: str) -> URIRef:
        node = ID[f"article/{name}"]
        self.graph.add((node, RDF.type, AIKG.Article))
        self.graph.add((node, AIKG.file, Literal(name)))
        return node

    def thing(self, local: str, types: list[URIRef], label: str, *alts: str,
              mentioned_by: URIRef | None = None) -> URIRef:
        node = ID[local]
        for cls in types:
            self.graph.add((node, RDF.type, cls))
        self.graph.add((node, RDFS.label, Literal(label, lang="en")))
        for alt in alts:
            self.graph.add((node, SKOS.altLabel, Literal(alt, lang="ko")))
        if mentioned_by is not None:
            self.graph.add((mentioned_by, SCHEMA.mentions, node))
        return node

    def claim(self, source: URIRef, evidence: str | None = None, **props: object) -> URIRef:
        self.n += 1
        node = ID[f"claim/t-{self.n:04d}"]
        g = self.graph
        g.add((node, RDF.type, AIKG.Claim))
        g.add((node, AIKG.source, source))
        g.add((node, AIKG.confidence, Literal("0.8", datatype=XSD.decimal)))
        if evidence is not None:
            g.add((node, AIKG.evidence, Literal(evidence)))
        for name, value in props.items():
            for v in value if isinstance(value, list) else [value]:
                g.add((node, AIKG[name], v if isinstance(v, URIRef | Literal) else Literal(v)))
        return node

    def fact(self, s: URIRef, p: URIRef, o: URIRef | Literal, source: URIRef, assert_it: bool = True,
             **props: object) -> URIRef:
        if assert_it:
            self.graph.add((s, p, o))
        node = self.claim(source, "근거 문장.", **props)
        self.graph.add((node, RDF.subject, s))
        self.graph.add((node, RDF.predicate, p))
        self.graph.add((node, RDF.object, o))
        return node

    def amount(self, local: str, value: str, currency: str, period: str | None = None) -> URIRef:
        node = ID[f"amount/{local}"]
        self.graph.add((node, RDF.type, SCHEMA.MonetaryAmount))
        self.graph.add((node, SCHEMA.value, Literal(value, datatype=XSD.decimal)))
        self.graph.add((node, SCHEMA.currency, Literal(currency)))
        if period:
            self.graph.add((node, AIKG.period, Literal(period, datatype=XSD.duration)))
        return node

    def ranking(self, local: str, rank: int, leaderboard: URIRef | None) -> URIRef:
        node = ID[f"ranking/{local}"]
        self.graph.add((node, RDF.type, AIKG.Ranking))
        self.graph.add((node, AIKG.rank, Literal(rank)))
        if leaderboard is not None:
            self.graph.add((node, AIKG.leaderboard, leaderboard))
        return node


def build_test_graph() -> Graph:
    """The system graph the gold files of fixtures/eval_gold are scored against (see the expectations)."""
    m = GraphMaker()
    e1 = m.article("e1.txt")
    org, model = [AIKG.Organization, AIKG.Company], [AIKG.AIModel]
    deepseek = m.thing("deepseek", org, "DeepSeek", "딥시크", mentioned_by=e1)
    v3 = m.thing("deepseek-v3", model, "Deepseek V3", mentioned_by=e1)  # folds to the gold "DeepSeek-V3"
    m.thing("deepseek-v3-copy", model, "DEEPSEEK.V3", mentioned_by=e1)  # duplicate
    openai = m.thing("openai", org, "Open AI", "오픈AI", mentioned_by=e1)
    altman = m.thing("sam-altman", [AIKG.Organization], "Sam Altman", mentioned_by=e1)  # wrong type
    arena = m.thing("lm-arena", [AIKG.Leaderboard], "LMSYS", mentioned_by=e1)  # an alias, other case
    china = m.thing("china", [AIKG.Country], "China", "중국", mentioned_by=e1)
    m.graph.add((china, AIKG.isoCode, Literal("CN")))
    m.thing("h800", [AIKG.Hardware], "nvidia-h800", mentioned_by=e1)  # hyphen for a space
    m.thing("mbc", [AIKG.Organization, AIKG.MediaOutlet], "MBC", mentioned_by=e1)  # unknown and absent
    m.thing("gpt-4o", model, "GPT-4o")  # in the graph, but e1 does not mention it: still missed
    rank = m.ranking("r1", 7, arena)
    m.graph.add((e1, SCHEMA.mentions, rank))  # mentioned, but no thing type: ignored

    m.fact(v3, AIKG.developedBy, deepseek, KB)  # background: not e1's fact
    m.fact(v3, AIKG.developedBy, deepseek, e1)
    m.fact(v3, AIKG.parameterCount, Literal(686_000_000_000), e1, statedBy=openai)  # within 0.5 %
    m.fact(v3, AIKG.modelSizeBytes, Literal(710_000_000_000), e1)  # 1.4 % off
    m.fact(v3, AIKG.trainingCost, m.amount("m1", "5600000.0", "USD"), e1)
    m.fact(v3, AIKG.developmentCost, m.amount("m2", "7300000000", "USD"), e1)  # gold says KRW
    m.fact(v3, AIKG.ranking, rank, e1)  # gold leaderboard is null: any leaderboard will do
    m.fact(v3, AIKG.releaseDate, Literal("2024-12", datatype=XSD.gYearMonth), e1)
    m.fact(deepseek, AIKG.country, china, e1)  # compared through aikg:isoCode
    m.fact(altman, AIKG.worksFor, openai, e1, assert_it=False)  # provenance of an unasserted fact
    m.fact(v3, AIKG.role, Literal("V3"), e1)  # an aikg property but no fact property: ignored

    m.claim(e1, "오픈AI는 딥시크가 빠르게 추격하고 있다고 평가했다.", statedBy=openai, about=deepseek,
            claimType="assessment")
    m.claim(e1, "샘 올트먼은 AGI가 곧 온다고 말했다.", statedBy=altman, about=deepseek, claimType="forecast")
    m.claim(e1, "업계 관계자는 딥시크가 빠르게 추격하고 있다고 말했다.", speakerText="업계 관계자",
            claimType="assessment")  # no statedBy: neither true nor false

    # bylines (schema:author): a literal, a node's schema:name, and one the gold does not list
    m.graph.add((e1, SCHEMA.author, Literal("박지훈")))
    kim = ID["person/kim-minsu"]
    m.graph.add((e1, SCHEMA.author, kim))
    m.graph.add((kim, RDF.type, SCHEMA.Person))
    m.graph.add((kim, SCHEMA.name, Literal("Kim Minsu")))  # folds to the gold "Kim Min-su"
    m.graph.add((e1, SCHEMA.author, Literal("홍길동")))  # false

    e3 = m.article("e3.txt")
    alibaba = m.thing("alibaba", org, "Alibaba.Group", "알리바바", mentioned_by=e3)
    qwen = m.thing("qwen3-max", model, "QWEN3 MAX", mentioned_by=e3)
    arena3 = ID["lm-arena"]
    m.graph.add((e3, SCHEMA.mentions, arena3))
    m.graph.add((arena3, SKOS.altLabel, Literal("LM-Arena", lang="en")))
    m.fact(alibaba, AIKG.stockChange, Literal("8.43", datatype=XSD.decimal), e3)
    m.fact(alibaba, AIKG.investmentPlan, m.amount("m3", "380000000000", "CNY", "P3Y"), e3)
    m.fact(qwen, AIKG.ranking, m.ranking("r2", 4, arena3), e3)  # gold rank is 3
    m.fact(qwen, AIKG.releaseDate, Literal("2025-09", datatype=XSD.gYearMonth), e3)  # gold gives the day
    choi = ID["person/choi"]
    m.graph.add((e3, SCHEMA.author, choi))  # e3's gold lists no authors: false
    m.graph.add((choi, RDFS.label, Literal("최기자", lang="ko")))
    return m.graph


@pytest.fixture(scope="module")
def report() -> EvalReport:
    return score(build_test_graph(), GOLD_DIR)


def by_article(report: EvalReport) -> dict[str, object]:
    return {a.article: a for a in report.articles}


@pytest.mark.parametrize(("surface", "gold"), [
    ("Deepseek V3", "DeepSeek-V3"),
    ("DEEPSEEK.V3", "DeepSeek-V3"),
    ("nvidia-h800", "Nvidia H800"),
    ("Alibaba.Group", "Alibaba Group"),
    ("QWEN3 MAX", "Qwen3-Max"),
    ("오픈 AI", "오픈AI"),
    ("Ｇｅｍｉｎｉ", "Gemini"),  # full-width forms (NFKC)
    ("Kai-Fu Lee", "kai fu lee"),
])
def test_eval_fold_label_equates_surface_forms(surface: str, gold: str) -> None:
    assert fold_label(surface) == fold_label(gold)


@pytest.mark.parametrize(("value", "gold", "expected"), [
    (686_000_000_000, 685_000_000_000, True),
    (710_000_000_000, 700_000_000_000, False),
    ("8.43", 8.4, True),
    (0, 0, True),
    (1, 0, False),
    (None, 5, False),
    ("abc", 5, False),
])
def test_eval_numbers_match_within_half_a_percent(value: object, gold: object, expected: bool) -> None:
    assert numbers_match(value, gold) is expected


def test_eval_entities_counts(report: EvalReport) -> None:
    e1 = by_article(report)["e1.txt"]
    assert (e1.entities.tp, e1.entities.fp, e1.entities.fn) == (6, 3, 2)
    assert sorted(e1.missed_entities) == ["gpt-4o", "sam-altman"]
    reasons = sorted((e.type, e.reason) for e in e1.false_entities)
    assert reasons == [("AIModel", "duplicate"), ("Organization", "unknown"), ("Organization", "wrong type")]
    e3 = by_article(report)["e3.txt"]
    assert (e3.entities.tp, e3.entities.fp, e3.entities.fn) == (3, 0, 0)


def test_eval_entities_per_type(report: EvalReport) -> None:
    table = {k: v.as_list() for k, v in report.by_type.items()}
    assert table == {
        "Organization": [3, 2, 1],  # deepseek, openai, alibaba / sam-altman, mbc / e2's alibaba
        "AIModel": [2, 1, 2],  # deepseek-v3, qwen3-max / the copy / gpt-4o, e2's qwen
        "Person": [0, 0, 1],
        "Leaderboard": [2, 0, 0],
        "Country": [1, 0, 0],
        "Hardware": [1, 0, 0],
    }


def test_eval_facts_counts(report: EvalReport) -> None:
    e1 = by_article(report)["e1.txt"]
    assert (e1.facts.tp, e1.facts.fp, e1.facts.fn) == (6, 2, 3)
    assert sorted(f["p"] for f in e1.missed_facts) == ["developmentCost", "modelSizeBytes", "worksFor"]
    assert sorted(f.property for f in e1.false_facts) == ["developmentCost", "modelSizeBytes"]
    e3 = by_article(report)["e3.txt"]
    assert (e3.facts.tp, e3.facts.fp, e3.facts.fn) == (2, 2, 2)
    assert sorted(f.property for f in e3.false_facts) == ["ranking", "releaseDate"]


def test_eval_facts_per_property(report: EvalReport) -> None:
    table = {k: v.as_list() for k, v in report.by_property.items()}
    assert table == {
        "developedBy": [1, 0, 1], "parameterCount": [1, 0, 0], "modelSizeBytes": [0, 1, 1],
        "trainingCost": [1, 0, 0], "developmentCost": [0, 1, 1], "ranking": [1, 1, 1],
        "releaseDate": [1, 1, 1], "country": [1, 0, 0], "worksFor": [0, 0, 1],
        "stockChange": [1, 0, 0], "investmentPlan": [1, 0, 0],
    }


def test_eval_claims_by_speaker_and_evidence_substring(report: EvalReport) -> None:
    e1 = by_article(report)["e1.txt"]
    assert (e1.claims.tp, e1.claims.fp, e1.claims.fn) == (1, 1, 1)
    assert [c["speaker"] for c in e1.missed_claims] == ["sam-altman"]
    assert "AGI" in e1.false_claims[0]


def test_eval_claim_prefers_the_attributed_statement() -> None:
    """A gold claim matched by a fact Claim and by an attributed statement of one sentence hits the latter."""
    m = GraphMaker()
    article = m.article("e2.txt")
    alibaba = m.thing("alibaba", [AIKG.Organization], "Alibaba", mentioned_by=article)
    qwen = m.thing("qwen", [AIKG.AIModel], "Qwen", mentioned_by=article)
    sentence = "알리바바는 큐원을 직접 개발했으며 세계 최고 수준이라고 밝혔다."
    fact = m.fact(qwen, AIKG.developedBy, alibaba, article, statedBy=alibaba)  # claim/t-0001 sorts first
    m.graph.set((fact, AIKG.evidence, Literal(sentence)))
    m.claim(article, sentence, statedBy=alibaba, about=qwen, claimType="assessment")  # claim/t-0002
    e2 = by_article(score(m.graph, GOLD_DIR))["e2.txt"]
    assert (e2.claims.tp, e2.claims.fp, e2.claims.fn) == (1, 0, 0)


def test_eval_authors_by_folded_name(report: EvalReport) -> None:
    e1, e2, e3 = (by_article(report)[name] for name in ("e1.txt", "e2.txt", "e3.txt"))
    assert (e1.authors.tp, e1.authors.fp, e1.authors.fn) == (2, 1, 1)
    assert (e1.missed_authors, e1.false_authors) == (["이영희"], ["홍길동"])
    assert (e3.authors.tp, e3.authors.fp, e3.authors.fn) == (0, 1, 0)
    assert e2.authors.as_list() == [0, 0, 0]
    assert report.authors.as_list() == [2, 2, 1]
    assert report.to_json()["articles"][0]["author_fn_list"] == ["이영희"]


def test_eval_authors_of_a_missing_article_are_missed(tmp_path: Path) -> None:
    gold = json.loads((GOLD_DIR / "e1.txt.json").read_text(encoding="utf-8"))
    (tmp_path / "e1.txt.json").write_text(json.dumps(gold), encoding="utf-8")
    missing = score(Graph(), tmp_path)
    assert missing.authors.as_list() == [0, 0, 3]
    assert missing.summary_line().endswith("authors 0/3")


def test_eval_absent_names_and_missing_articles(report: EvalReport) -> None:
    e1, e2 = by_article(report)["e1.txt"], by_article(report)["e2.txt"]
    assert e1.absent_hits == [["mbc"]]
    assert not e2.found
    assert (e2.entities.fn, e2.facts.fn, e2.claims.fn) == (2, 1, 1)
    assert (report.absent_hits, report.missing_articles) == (1, 1)


def test_eval_totals_and_summary_line(report: EvalReport) -> None:
    assert report.entities.as_list() == [9, 3, 4]
    assert report.facts.as_list() == [8, 4, 6]
    assert report.claims.as_list() == [1, 1, 2]
    assert report.summary_line() == (
        "entities P/R/F1 0.750/0.692/0.720  facts 0.667/0.571/0.615  claims 0.500/0.333/0.400  "
        "absent-hits 1  missing-articles 1  authors 2/3")
    summary = report.summary()
    assert (summary["ent_tp"], summary["fact_fn"], summary["claim_fp"]) == (9, 6, 1)
    assert (summary["author_tp"], summary["author_fp"], summary["author_fn"]) == (2, 2, 1)


def test_eval_format_report_lists_tables_and_misses(report: EvalReport) -> None:
    text = format_report(report)
    assert report.summary_line() in text.splitlines()
    assert any(line.startswith("AIModel ") for line in text.splitlines())
    assert any(line.startswith("releaseDate ") for line in text.splitlines())
    assert "missed entities (2): " in text
    assert "missed authors (1): 이영희" in text and "false authors (1): 홍길동" in text
    assert any(line.startswith("authors ") for line in text.splitlines())
    assert "not in the graph" in text
    verbose = format_report(report, verbose=True)
    assert "e3.txt" in verbose


def test_eval_accepts_files_and_datasets(tmp_path: Path, report: EvalReport) -> None:
    graph = build_test_graph()
    dataset = Dataset()
    named = dataset.graph(ID["graph/e1"])
    for triple in graph:
        named.add(triple)
    path = tmp_path / "graph.nq"
    dataset.serialize(path, format="nquads")
    for source in (dataset, path, str(path)):
        assert score(source, GOLD_DIR).summary() == report.summary()


def test_eval_wrong_leaderboard_is_false(tmp_path: Path) -> None:
    gold = json.loads((GOLD_DIR / "e3.txt.json").read_text(encoding="utf-8"))
    gold["facts"] = [{"s": "qwen3-max", "p": "ranking", "o": {"leaderboard": "lm-arena", "rank": 4}}]
    gold["entities"].append({"id": "other-board", "type": "Leaderboard", "name": "Other board"})
    (tmp_path / "e3.txt.json").write_text(json.dumps(gold), encoding="utf-8")
    assert score(build_test_graph(), tmp_path).facts.tp == 1
    gold["facts"][0]["o"]["leaderboard"] = "other-board"
    (tmp_path / "e3.txt.json").write_text(json.dumps(gold), encoding="utf-8")
    assert score(build_test_graph(), tmp_path).facts.tp == 0


@pytest.mark.parametrize(("content", "problem"), [
    ("[]", "JSON object"),
    ('{"entities": [], "facts": []}', '"article"'),
    ('{"article": "a.txt", "entities": [{"id": "x"}], "facts": []}', "entities[0]"),
    ('{"article": "a.txt", "entities": [], "facts": [], "claims": [{"speaker": "x"}]}', "claims[0]"),
    ('{"article": "a.txt", "entities": [], "facts": [], "authors": "박지훈"}', '"authors" must be a list'),
    ('{"article": "a.txt", "entities": [], "facts": [], "authors": [{"name": "박지훈"}]}', "list of names"),
    ("{not json", "not a gold file"),
])
def test_eval_load_gold_rejects_malformed_files(tmp_path: Path, content: str, problem: str) -> None:
    (tmp_path / "bad.json").write_text(content, encoding="utf-8")
    with pytest.raises(UserError, match=problem.replace("[", r"\[").replace("]", r"\]")):
        load_gold(tmp_path)


def test_eval_load_gold_needs_a_folder_with_gold(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such gold folder"):
        load_gold(tmp_path / "nope")
    with pytest.raises(UserError, match="no \\*.json gold files"):
        load_gold(tmp_path)


# --------------------------------------------------------------------------- the `kg eval` command


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[Path], Path]]:
    """Stands in for kg.pipeline: 'builds' the hand-made test graph into the requested file."""
    calls: list[tuple[list[Path], Path]] = []

    def build_graph_file(inputs: list[Path], out: Path) -> object:
        calls.append((inputs, out))
        build_test_graph().serialize(out, format="trig")
        return object()

    module = types.ModuleType("kg.pipeline")
    module.build_graph_file = build_graph_file  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "kg.pipeline", module)
    return calls


def test_eval_command_builds_scores_and_writes_json(tmp_path: Path, fake_pipeline: list,
                                                    capsys: pytest.CaptureFixture[str],
                                                    report: EvalReport) -> None:
    out, scores = tmp_path / "built.trig", tmp_path / "scores.json"
    rc = cli.main(["eval", str(GOLD_DIR), "--articles", str(tmp_path), "--graph", str(out),
                   "--json", str(scores)])
    assert rc == 0
    assert fake_pipeline == [([tmp_path], out)] and out.exists()
    assert report.summary_line() in capsys.readouterr().out
    written = json.loads(scores.read_text(encoding="utf-8"))
    assert written["summary"]["ent_tp"] == 9
    assert [a["article"] for a in written["articles"]] == ["e1.txt", "e2.txt", "e3.txt"]


def test_eval_command_builds_in_a_temporary_file_by_default(tmp_path: Path, fake_pipeline: list) -> None:
    assert cli.main(["eval", str(GOLD_DIR), "--articles", str(tmp_path)]) == 0
    (_, out), = fake_pipeline
    assert out.suffix == ".trig" and not out.exists()


def test_eval_command_missing_gold_dir_is_a_user_error(tmp_path: Path, fake_pipeline: list,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["eval", str(tmp_path / "nope"), "--articles", str(tmp_path)]) == 2
    assert "no such gold folder" in capsys.readouterr().err
    assert fake_pipeline == []


def test_eval_command_has_help() -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["eval", "--help"])
    assert exc.value.code == 0


# --------------------------------------------------------------------------- agreement with score.py


def fixture_as_seed_articles() -> str:
    """mini.trig with its two articles renamed to seed articles that have gold files."""
    text = FIXTURE.read_text(encoding="utf-8")
    return (text.replace('"a1.txt"', '"003_e3ba423165b48130.txt"')
                .replace('"a2.txt"', '"004_01ed2f5323a57a61.txt"'))


def assert_agrees_with_reference_scorer(graph_path: Path, gold_dir: Path, tmp_path: Path,
                                        claim_fp_too: bool = True) -> None:
    """Our totals equal what score.py prints and writes for the same graph and gold."""
    ours = score(graph_path, gold_dir)
    json_out = tmp_path / "score.json"
    command = [sys.executable, str(SCORE_PY), str(graph_path), str(gold_dir), "--json", str(json_out)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    if claim_fp_too:
        assert done.stdout.strip().splitlines()[-1] == ours.summary_line()
    theirs = json.loads(json_out.read_text(encoding="utf-8"))["summary"]
    keys = ["ent_tp", "ent_fp", "ent_fn", "fact_tp", "fact_fp", "fact_fn", "claim_tp", "claim_fn",
            "author_tp", "author_fp", "author_fn", "absent", "missing_articles"]
    keys += ["claim_fp"] if claim_fp_too else []
    assert {k: ours.summary()[k] for k in keys} == {k: theirs[k] for k in keys}


@pytest.mark.parametrize("case", ["hand-made graph", "fixture against seed gold"])
def test_eval_agrees_with_reference_scorer(tmp_path: Path, case: str) -> None:
    graph_path = tmp_path / "graph.trig"
    if case == "hand-made graph":
        build_test_graph().serialize(graph_path, format="trig")
        assert_agrees_with_reference_scorer(graph_path, GOLD_DIR, tmp_path)
    else:
        graph_path.write_text(fixture_as_seed_articles(), encoding="utf-8")
        assert_agrees_with_reference_scorer(graph_path, REPO_GOLD, tmp_path)


def test_eval_facts_are_matched_in_the_reference_order(tmp_path: Path) -> None:
    """Each fact takes the first gold fact it matches, so the order of the graph's facts counts: by IRI and value."""
    gold = {"article": "e1.txt", "entities": [{"id": "m", "type": "AIModel", "name": "Nova"}],
            "facts": [{"s": "m", "p": "parameterCount", "o": 1000}, {"s": "m", "p": "parameterCount", "o": 1009}]}
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "e1.txt.json").write_text(json.dumps(gold), encoding="utf-8")
    m = GraphMaker()
    e1 = m.article("e1.txt")
    nova = m.thing("nova", [AIKG.AIModel], "Nova", mentioned_by=e1)
    m.fact(nova, AIKG.parameterCount, Literal(1004), e1)  # within 0.5 % of both; its Claim comes first
    m.fact(nova, AIKG.parameterCount, Literal(1001), e1)  # only of 1000
    assert score(m.graph, gold_dir).facts.as_list() == [2, 0, 0]
    graph_path = tmp_path / "graph.trig"
    m.graph.serialize(graph_path, format="trig")
    assert_agrees_with_reference_scorer(graph_path, gold_dir, tmp_path)


def test_eval_things_are_taken_in_the_reference_order(tmp_path: Path) -> None:
    """The first thing naming a gold entity takes it: things in IRI string order (…/gemini before …/gemini-flash)."""
    gold = {"article": "e1.txt", "facts": [], "entities": [
        {"id": "gemini", "type": "AIModel", "name": "Gemini"},
        {"id": "gemini-flash", "type": "AIModel", "name": "Gemini Flash"}]}
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "e1.txt.json").write_text(json.dumps(gold), encoding="utf-8")
    m = GraphMaker()
    e1 = m.article("e1.txt")
    m.thing("gemini-flash", [AIKG.AIModel], "Gemini", "Gemini Flash", mentioned_by=e1)  # names both
    m.thing("gemini", [AIKG.AIModel], "Gemini", mentioned_by=e1)  # sorts first, takes "gemini"
    assert score(m.graph, gold_dir).entities.as_list() == [1, 1, 1]
    graph_path = tmp_path / "graph.trig"
    m.graph.serialize(graph_path, format="trig")
    assert_agrees_with_reference_scorer(graph_path, gold_dir, tmp_path)


def test_eval_agrees_with_reference_scorer_on_the_built_seeds(seeds_graph: Path, tmp_path: Path) -> None:
    # claim_fp too: score.py now matches attributed statements before fact Claims, in a fixed order
    assert_agrees_with_reference_scorer(seeds_graph, REPO_GOLD, tmp_path)
