"""The vocabulary module, the ontology and the shapes stay in step with each other and with the contract."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH

from kg.graph import vocab
from kg.graph.schema import fact_properties
from kg.graph.vocab import AIKG, AIKG_IRI, ONTOLOGY_DIR, ONTOLOGY_FILE, SHAPES_FILE

FIXTURE = Path(__file__).parent / "fixtures" / "mini.trig"

# CONTRACT.md section 2: the names queries rely on.
CONTRACT_CLASSES = ["Organization", "Person", "AIModel", "Country", "Leaderboard", "Hardware", "Policy",
                    "Article", "Claim"]
CONTRACT_PROPERTIES = ["developedBy", "releaseDate", "parameterCount", "activeParameterCount", "trainingCost",
                       "developmentCost", "modelSizeBytes", "basedOn", "successorOf", "country",
                       "parentOrganization", "worksFor", "uses", "investmentPlan", "valuation", "ranking",
                       "stockChange", "usesHardware", "isoCode", "role", "period", "leaderboard", "rank",
                       "source", "evidence", "charStart", "charEnd", "confidence", "statedBy", "about",
                       "claimType", "file"]
SUBCLASSES = {"Company": "Organization", "University": "Organization", "ResearchLab": "Organization",
              "Investor": "Organization", "MediaOutlet": "Organization", "GovernmentBody": "Organization",
              "Benchmark": "Leaderboard"}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def test_vocab_namespace_lists_exactly_the_ontology_terms() -> None:
    classes, properties = vocab.ontology_terms()
    assert vocab.namespace_terms() == set(classes) | set(properties)
    assert vocab.check() == []
    assert vocab.main(["--check"]) == 0


def test_vocab_misspelt_term_raises() -> None:
    assert AIKG.developedBy == URIRef(AIKG_IRI + "developedBy")
    with pytest.raises(AttributeError):
        _ = AIKG.devlopedBy


def test_vocab_print_renders_every_term(capsys: pytest.CaptureFixture[str]) -> None:
    assert vocab.main(["--print"]) == 0
    printed = set(re.findall(r"^    (\w+): URIRef$", capsys.readouterr().out, flags=re.M))
    assert printed == vocab.namespace_terms()


@pytest.mark.parametrize("term", CONTRACT_CLASSES + CONTRACT_PROPERTIES + list(SUBCLASSES))
def test_vocab_contract_term_exists(term: str) -> None:
    assert term in vocab.namespace_terms()


def test_vocab_covers_every_term_the_fixture_uses() -> None:
    used = set(re.findall(r"\baikg:(\w+)", FIXTURE.read_text(encoding="utf-8")))
    assert used - vocab.namespace_terms() == set()


def test_vocab_ontology_dir_holds_ontology_and_shapes() -> None:
    assert ONTOLOGY_DIR.name == "ontology"
    assert ONTOLOGY_FILE.is_file() and SHAPES_FILE.is_file()


def test_vocab_every_term_has_english_and_korean_label_and_comment(ontology: Graph) -> None:
    missing = []
    for term in sorted(vocab.namespace_terms()):
        node = AIKG[term]
        for prop in (RDFS.label, RDFS.comment):
            languages = {literal.language for literal in ontology.objects(node, prop)}
            if not {"en", "ko"} <= languages:
                missing.append(f"{term} {prop.n3(ontology.namespace_manager)}")
    assert missing == []


def test_vocab_every_property_has_domain_and_range(ontology: Graph) -> None:
    _, properties = vocab.ontology_terms()
    for term in properties:
        if (AIKG[term], RDF.type, OWL.AnnotationProperty) in ontology:
            continue  # annotations (aikg:fact) describe the vocabulary, they take no domain or range
        assert (AIKG[term], RDFS.domain, None) in ontology, term
        assert (AIKG[term], RDFS.range, None) in ontology, term


def test_vocab_the_fact_properties_are_the_contract_table() -> None:
    """One list of fact properties, read from the ontology, with the contract's domain and range."""
    facts = fact_properties()
    assert set(facts) == {
        "developedBy", "releaseDate", "parameterCount", "activeParameterCount", "trainingCost", "developmentCost",
        "modelSizeBytes", "basedOn", "successorOf", "country", "parentOrganization", "worksFor", "uses",
        "investmentPlan", "valuation", "ranking", "stockChange", "usesHardware"}
    assert facts["basedOn"].domain == {"AIModel", "Organization"} and facts["basedOn"].range_classes == {"AIModel"}
    assert facts["uses"].range_classes == {"AIModel", "Organization"}
    assert facts["releaseDate"].range_kind == "date" and facts["valuation"].range_kind == "money"
    assert facts["stockChange"].range_kind == "decimal" and facts["ranking"].range_kind == "ranking"
    assert not facts["worksFor"].allows("Organization", "Organization")
    assert facts["developedBy"].allows("AIModel", "Organization")


def test_vocab_each_fact_property_has_a_shape_with_its_domain_and_range() -> None:
    """The SHACL shapes hold every fact to the ontology's signature (and to nothing else)."""
    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    facts = fact_properties()
    targeted = {str(o)[len(str(AIKG)):] for o in shapes.objects(None, SH.targetSubjectsOf)}
    assert set(facts) <= targeted
    for name, prop in facts.items():
        shape = next(shapes.subjects(SH.targetSubjectsOf, AIKG[name]))
        domain = {str(c) for c in shapes.objects(shape, SH["class"])}
        for alternative in shapes.objects(shape, SH["or"]):
            domain |= {str(c) for item in Collection(shapes, alternative) for c in shapes.objects(item, SH["class"])}
        assert domain == {str(AIKG[c]) for c in prop.domain}, name
        prop_shape = next(ps for ps in shapes.objects(shape, SH.property)
                          if (ps, SH.path, AIKG[name]) in shapes)
        classes = {str(c) for c in shapes.objects(prop_shape, SH["class"])}
        for alternative in shapes.objects(prop_shape, SH["or"]):
            classes |= {str(c) for item in Collection(shapes, alternative) for c in shapes.objects(item, SH["class"])}
        if prop.range_kind == "entity":
            assert classes == {str(AIKG[c]) for c in prop.range_classes}, name
        elif prop.range_kind == "money":
            assert classes == {"https://schema.org/MonetaryAmount"}, name
        elif prop.range_kind == "ranking":
            assert classes == {str(AIKG.Ranking)}, name


@pytest.mark.parametrize(("sub", "base"), sorted(SUBCLASSES.items()))
def test_vocab_subclasses_are_declared(ontology: Graph, sub: str, base: str) -> None:
    assert (AIKG[sub], RDFS.subClassOf, AIKG[base]) in ontology


def test_vocab_ontology_header(ontology: Graph) -> None:
    header = URIRef("https://w3id.org/aikg/ontology")
    assert (header, RDF.type, OWL.Ontology) in ontology
    assert (header, OWL.versionInfo, None) in ontology


def test_vocab_every_class_has_a_shape() -> None:
    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    targeted = set(shapes.objects(None, SH.targetClass))
    classes, _ = vocab.ontology_terms()
    assert {AIKG[c] for c in classes} - targeted == set()
