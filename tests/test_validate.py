"""SHACL validation: the fixture conforms in every serialisation; small broken graphs do not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg.errors import UserError
from kg.graph.validate import ValidationResult, load_graph, validate
from kg.graph.vocab import AIKG, ID, SCHEMA

FIXTURE = Path(__file__).parent / "fixtures" / "mini.trig"
FACT_CLAIM = ID["claim/a1-0001"]  # deepseek-v3 parameterCount 685000000000, from article a1
STATED_CLAIM = ID["claim/a1-0007"]  # Paul Gauthier's comparison
KB_CLAIM = ID["claim/kb-0001"]
AMOUNT, RANKING, ARTICLE = ID["amount/m1"], ID["ranking/r1"], ID["article/a1"]


@pytest.fixture(scope="module")
def fixture_graph() -> Graph:
    return load_graph(FIXTURE)


def replace(graph: Graph, subject: object, prop: object, value: object) -> None:
    graph.remove((subject, prop, None))
    graph.add((subject, prop, value))


def test_validate_fixture_conforms() -> None:
    result = validate(FIXTURE)
    assert isinstance(result, ValidationResult)
    assert result.conforms, result.text
    assert result.violations == 0


def test_validate_merges_the_named_graphs_of_a_dataset() -> None:
    dataset = Dataset()
    dataset.parse(FIXTURE, format="trig")
    assert len(list(dataset.contexts())) > 1
    assert validate(dataset).conforms


def test_validate_leaves_the_callers_graph_alone(fixture_graph: Graph) -> None:
    before = len(fixture_graph)
    assert validate(fixture_graph).conforms
    assert len(fixture_graph) == before  # the ontology was mixed into a copy


@pytest.mark.parametrize(("suffix", "fmt"), [(".ttl", "turtle"), (".nt", "nt"), (".jsonld", "json-ld"),
                                             (".nq", "nquads"), (".trig", "trig")])
def test_validate_reads_every_graph_format(tmp_path: Path, suffix: str, fmt: str) -> None:
    dataset = Dataset()
    dataset.parse(FIXTURE, format="trig")
    path = tmp_path / f"graph{suffix}"
    (dataset if fmt in ("nquads", "trig") else load_graph(FIXTURE)).serialize(path, format=fmt)
    assert validate(path).conforms


def test_validate_reads_a_store_folder(tmp_path: Path) -> None:
    store = ox.Store(str(tmp_path / "store"))
    store.bulk_load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    assert validate(tmp_path / "store").conforms


@pytest.mark.parametrize(("name", "content", "problem"), [
    ("missing.ttl", None, "no such graph"),
    ("graph.xyz", "", "unknown graph format"),
    ("broken.ttl", "this is not turtle", "cannot parse"),
])
def test_validate_bad_input_is_a_user_error(tmp_path: Path, name: str, content: str | None,
                                            problem: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(UserError, match=problem):
        validate(path)


Breakage = Callable[[Graph], None]

BROKEN: dict[str, tuple[Breakage, str]] = {
    "two labels": (lambda g: g.add((ID.deepseek, RDFS.label, Literal("DeepSeek AI", lang="en"))),
                   "exactly one rdfs:label"),
    "no label": (lambda g: g.remove((ID.h800, RDFS.label, None)), "exactly one rdfs:label"),
    "altLabel without language": (lambda g: g.add((ID.h800, SKOS.altLabel, Literal("H-800"))),
                                  "language tag"),
    "parameter count as text": (lambda g: g.add((ID["deepseek-r1"], AIKG.parameterCount, Literal("671B"))),
                                "parameterCount is an xsd:integer"),
    "release date untyped": (lambda g: g.add((ID["deepseek-r1"], AIKG.releaseDate, Literal("2025-01"))),
                             "releaseDate is an xsd:date"),
    "stock change as integer": (lambda g: g.add((ID.deepseek, AIKG.stockChange, Literal(8))),
                                "stockChange is an xsd:decimal"),
    "currency lower case": (lambda g: replace(g, AMOUNT, SCHEMA.currency, Literal("usd")), "ISO 4217"),
    "amount as text": (lambda g: replace(g, AMOUNT, SCHEMA.value, Literal("5.6M")), "schema:value"),
    "rank as text": (lambda g: replace(g, RANKING, AIKG.rank, Literal("7")), "aikg:rank"),
    "leaderboard not a Leaderboard": (lambda g: replace(g, RANKING, AIKG.leaderboard, ID.h800),
                                      "aikg:leaderboard"),
    "three-letter country code": (lambda g: replace(g, ID.china, AIKG.isoCode, Literal("CHN")), "isoCode"),
    "claim without source": (lambda g: g.remove((FACT_CLAIM, AIKG.source, None)), "exactly one aikg:source"),
    "source not a prov:Entity": (lambda g: replace(g, FACT_CLAIM, AIKG.source, ID.deepseek),
                                 "aikg:source points at an Article or the knowledge base"),
    "confidence above 1": (
        lambda g: replace(g, FACT_CLAIM, AIKG.confidence, Literal("1.5", datatype=XSD.decimal)),
        "aikg:confidence"),
    "article claim without evidence": (lambda g: g.remove((FACT_CLAIM, AIKG.evidence, None)),
                                       "source is an Article"),
    "article claim without offsets": (lambda g: g.remove((FACT_CLAIM, AIKG.charEnd, None)),
                                      "source is an Article"),
    "negative offset": (lambda g: replace(g, FACT_CLAIM, AIKG.charStart, Literal(-1)), "charStart"),
    "start after end": (lambda g: replace(g, FACT_CLAIM, AIKG.charStart, Literal(99)), "below aikg:charEnd"),
    "knowledge-base claim with evidence": (
        lambda g: g.add((KB_CLAIM, AIKG.evidence, Literal("딥시크는 중국 기업이다."))), "knowledge-base"),
    "claim neither fact nor statement": (
        lambda g: [g.remove((FACT_CLAIM, p, None)) for p in (RDF.subject, RDF.predicate, RDF.object)],
        "either reifies a fact"),
    "unknown claim type": (lambda g: replace(g, STATED_CLAIM, AIKG.claimType, Literal("opinion")),
                           "claimType"),
    "statement without speaker": (lambda g: g.remove((STATED_CLAIM, AIKG.statedBy, None)),
                                  "names its speaker"),
    "reified fact not asserted": (lambda g: g.remove((ID["deepseek-v3"], AIKG.modelSizeBytes, None)),
                                  "not asserted"),
    "reified predicate no fact property": (lambda g: replace(g, FACT_CLAIM, RDF.predicate, AIKG.rank),
                                           "fact property"),
    "company without Organization type": (
        lambda g: [g.add((ID.x, RDF.type, AIKG.Company)), g.add((ID.x, RDFS.label, Literal("X")))],
        "also carries rdf:type aikg:Organization"),
    "article without file": (lambda g: g.remove((ARTICLE, AIKG.file, None)), "exactly one aikg:file"),
    "two headlines": (lambda g: g.add((ARTICLE, SCHEMA.headline, Literal("다른 제목", lang="ko"))),
                      "schema:headline"),
    "publication date untyped": (lambda g: replace(g, ARTICLE, SCHEMA.datePublished, Literal("2025-02-01")),
                                 "schema:datePublished"),
    "mention of a non-thing": (lambda g: g.add((ARTICLE, SCHEMA.mentions, AMOUNT)), "points at a thing"),
    "fact on the wrong class": (lambda g: g.add((ID.meta, AIKG.parameterCount, Literal(5))),
                                "Only an AIModel has aikg:parameterCount"),
    "thing outside the id namespace": (
        lambda g: [g.add((URIRef("https://example.org/x"), RDF.type, AIKG.Hardware))],
        "match pattern"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_validate_broken_graph_fails(fixture_graph: Graph, case: str) -> None:
    breakage, message = BROKEN[case]
    graph = Graph()
    graph += fixture_graph
    breakage(graph)
    result = validate(graph)
    assert not result.conforms
    assert result.violations >= 1
    assert message in result.text, result.text


def test_validate_period_on_an_amount_is_a_duration(fixture_graph: Graph) -> None:
    graph = Graph()
    graph += fixture_graph
    graph.add((AMOUNT, AIKG.period, Literal("P3Y", datatype=XSD.duration)))
    assert validate(graph).conforms
    replace(graph, AMOUNT, AIKG.period, Literal("3 years"))
    assert not validate(graph).conforms


def test_validate_built_seeds_graph_conforms(seeds_graph: Path) -> None:
    """What `kg build` writes for the seeds (about 10k triples) has the shape the contract describes."""
    result = validate(seeds_graph)
    assert result.conforms, result.text
