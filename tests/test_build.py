"""Graph builder: the contract's vocabulary, provenance on every fact, deterministic IRIs and bytes."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg.graph.vocab import AIKG
from kg.pipeline import build_graph_file

ARTICLE = (
    "딥시크, 새 모델 공개\n"
    "입력 2025.01.28 10:15\n"
    "지난해 12월, 중국 기업 딥시크는 새로운 대형언어모델 V3를 발표했다. "
    "이 모델은 6850억 개의 파라미터를 보유하고 있다. "
    "업계 관계자는 \"가격 경쟁력이 핵심\"이라고 말했다.\n"
)


@pytest.fixture(scope="module")
def small_graph(tmp_path_factory) -> tuple[Path, rdflib.Dataset]:
    folder = tmp_path_factory.mktemp("articles")
    (folder / "a1.txt").write_text(ARTICLE, encoding="utf-8")
    out = folder.parent / "g.trig"
    build_graph_file([folder], out)
    ds = rdflib.Dataset(default_union=True)
    ds.parse(out, format="trig")
    return out, ds


def test_build_facts_are_asserted_and_reified_with_provenance(small_graph):
    out, ds = small_graph
    v3 = rdflib.URIRef("https://w3id.org/aikg/id/deepseek-v3")
    assert (v3, AIKG.parameterCount, rdflib.Literal(685000000000)) in ds
    claim = next(ds.subjects(rdflib.RDF.predicate, AIKG.parameterCount))
    text = (out.parent / "articles0" / "a1.txt").read_text(encoding="utf-8") if False else ARTICLE
    start, end = int(ds.value(claim, AIKG.charStart)), int(ds.value(claim, AIKG.charEnd))
    assert text[start:end] == str(ds.value(claim, AIKG.evidence))
    assert 0 < float(ds.value(claim, AIKG.confidence)) <= 1
    assert str(ds.value(claim, AIKG.extractor)).startswith("kg.extract.matcher/parameterCount:")


def test_build_dates_are_typed_by_precision(small_graph):
    _, ds = small_graph
    v3 = rdflib.URIRef("https://w3id.org/aikg/id/deepseek-v3")
    date = ds.value(v3, AIKG.releaseDate)
    assert str(date) == "2024-12" and date.datatype == rdflib.XSD.gYearMonth


def test_build_article_node_and_mentions(small_graph):
    _, ds = small_graph
    article = next(ds.subjects(AIKG.file, rdflib.Literal("a1.txt")))
    schema = rdflib.Namespace("https://schema.org/")
    assert str(ds.value(article, schema.datePublished)) == "2025-01-28"
    mentioned = {str(ds.value(t, rdflib.RDFS.label)) for t in ds.objects(article, schema.mentions)}
    assert {"DeepSeek", "DeepSeek-V3", "China"} <= mentioned


def test_build_one_named_graph_per_article_plus_the_kb_and_the_description(small_graph):
    out, _ = small_graph
    store = ox.Store()
    store.load(path=str(out), format=ox.RdfFormat.TRIG)
    graphs = {g.value for g in store.named_graphs()}
    assert graphs == {"https://w3id.org/aikg/id/graph/a1", "https://w3id.org/aikg/id/graph/kb",
                      "https://w3id.org/aikg/id/graph/statistics"}


def test_build_unnamed_speaker_claim(small_graph):
    _, ds = small_graph
    texts = {str(o) for o in ds.objects(None, AIKG.speakerText)}
    assert any(t.endswith("관계자") for t in texts)


@pytest.mark.parametrize("suffix, fmt", [(".ttl", "turtle"), (".nt", "nt"), (".nq", "nquads"), (".jsonld", "json-ld"),
                                         (".trig", "trig")])
def test_build_every_output_format_parses_and_is_byte_identical_twice(tmp_path, suffix, fmt):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a1.txt").write_text(ARTICLE, encoding="utf-8")
    first, second = tmp_path / f"one{suffix}", tmp_path / f"two{suffix}"
    build_graph_file([tmp_path / "in"], first)
    build_graph_file([tmp_path / "in"], second)
    assert first.read_bytes() == second.read_bytes()
    graph = rdflib.Dataset()
    graph.parse(first, format=fmt)
    assert len(graph) > 0 or sum(1 for _ in graph.quads()) > 0


# ---------------------------------------------------------------- hand-made articles
SCHEMA = "https://schema.org/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
VALUATION_TEXT = (
    "오픈AI 기업가치 3000억 달러\n"
    "오픈AI의 기업가치는 3000억 달러로 평가됐다. 소프트뱅크는 오픈AI의 기업가치를 3000억 달러로 봤다. "
    "일부 투자자는 5000억 달러를 거론했다.\n"
    "박지훈 기자 jh@news.example\n"
)


def _article(stem: str, text: str = VALUATION_TEXT, authors: list[str] | None = None):
    from kg.ingest import Article

    return Article(path=Path(f"{stem}.txt"), text=text, encoding="utf-8", content_hash=f"sha256:{stem}",
                   analysis_text=text, headline=text.splitlines()[0], authors=authors or [])


def _valuations(*amounts_at: tuple[int, int]):
    """An extraction naming OpenAI with one valuation fact per (amount in USD, sentence start)."""
    from decimal import Decimal

    from kg.extract.model import Extraction, Fact, Mention, MoneyValue, Thing

    ext = Extraction()
    ext.things["openai"] = Thing(key="openai", type="Organization", name="OpenAI", kb_id="openai",
                                 labels={"오픈AI": "ko"})
    ext.mentions.append(Mention(0, 4, "오픈AI", "openai", "Organization", 1.0, "kb"))
    for amount, start in amounts_at:
        end = VALUATION_TEXT.index(".", start) + 1
        ext.facts.append(Fact("openai", "valuation", MoneyValue(Decimal(amount), "USD"), start, end, 0.8, "test"))
    return ext


def _quads(article, ext) -> list[ox.Quad]:
    from kg.graph.build import ArticleGraphBuilder
    from kg.kb import load_kb

    return ArticleGraphBuilder(article, ext, load_kb()).quads()


def test_build_byline_names_become_schema_author_literals_not_things() -> None:
    article = _article("b1", authors=["박지훈", "Kim Minsu", "박지훈"])
    quads = _quads(article, _valuations())
    authors = [q.object for q in quads if q.predicate.value == SCHEMA + "author"]
    assert authors == [ox.Literal("Kim Minsu", language="en"), ox.Literal("박지훈", language="ko")]
    assert all(q.subject == ox.NamedNode("https://w3id.org/aikg/id/article/b1") for q in quads
               if q.predicate.value == SCHEMA + "author")
    labels = {q.object.value for q in quads if q.predicate.value.endswith("#label")}
    assert labels == {"OpenAI"}  # the reporter is no thing of the graph


def test_build_article_without_byline_has_no_author() -> None:
    quads = _quads(_article("b2"), _valuations())
    assert not [q for q in quads if q.predicate.value == SCHEMA + "author"]


def test_build_same_amount_stated_twice_is_one_node_with_two_claims() -> None:
    body = VALUATION_TEXT.index("오픈AI의")
    second = VALUATION_TEXT.index("소프트뱅크")
    other = VALUATION_TEXT.index("일부")
    quads = _quads(_article("b3"), _valuations((300_000_000_000, body), (300_000_000_000, second),
                                               (500_000_000_000, other)))
    amounts = {q.subject for q in quads if q.object == ox.NamedNode(SCHEMA + "MonetaryAmount")}
    assert len(amounts) == 2
    claims_per_amount = {a: {q.subject for q in quads if q.predicate.value == RDF + "object" and q.object == a}
                         for a in amounts}
    assert sorted(len(c) for c in claims_per_amount.values()) == [1, 2]
    # the same amount in another article is the same node (the value, not the sentence, names it)
    again = _quads(_article("b4"), _valuations((300_000_000_000, body)))
    assert {q.subject for q in again if q.object == ox.NamedNode(SCHEMA + "MonetaryAmount")} <= amounts


def test_build_kb_background_is_claimed_by_the_kb_dataset_with_its_date() -> None:
    from kg.graph.build import KB_SOURCE, kb_quads
    from kg.kb import load_kb
    from kg.normalize.dates import PartialDate

    quads = kb_quads(load_kb(), ["deepseek-r1"], as_of=PartialDate(2025, 11))
    sources = {q.object for q in quads if q.predicate.value.endswith("#source")}
    assert sources == {KB_SOURCE}
    assert not [q for q in quads if q.predicate.value.endswith("#evidence")]
    dated = [q.object for q in quads if q.subject == KB_SOURCE and q.predicate.value == SCHEMA + "dateModified"]
    assert dated == [ox.Literal("2025-11", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYearMonth"))]


def test_build_every_fact_claim_names_its_fact_as_saved_queries_compute_it(small_graph) -> None:
    from kg.graph.store import open_store
    from kg.query import run_query

    out, _ = small_graph
    query = """SELECT (COUNT(?claim) AS ?claims) (SUM(IF(?named = aikg:statementOf(?s, ?p, ?o), 1, 0)) AS ?same) WHERE {
                 ?claim rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
                 OPTIONAL { ?claim aikg:statement ?named } }"""
    ((claims, same),) = run_query(open_store(out), query).values()
    assert claims > 3 and same == claims
