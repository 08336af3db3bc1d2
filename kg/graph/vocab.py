"""The aikg vocabulary as Python names, checked against `ontology/aikg.ttl`.

`AIKG` is an rdflib `DefinedNamespace`: a misspelt term (`AIKG.devlopedBy`)
raises `AttributeError` where it is written, not as an empty result in a
user's SPARQL query. The term list is generated from the ontology and a test
keeps the two equal; `python -m kg.graph.vocab --check` does the same check
and `--print` prints the class body to paste after editing aikg.ttl.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, DefinedNamespace

ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "aikg.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"

AIKG_IRI = "https://w3id.org/aikg/ontology#"

SCHEMA = Namespace("https://schema.org/")
ID = Namespace("https://w3id.org/aikg/id/")
WD = Namespace("http://www.wikidata.org/entity/")

# rdf:type values that declare a term of the ontology.
_DECLARING_TYPES = (OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty,
                    OWL.AnnotationProperty, RDF.Property)


class AIKG(DefinedNamespace):
    """Classes and properties of `https://w3id.org/aikg/ontology#` (generated from ontology/aikg.ttl)."""

    _NS = Namespace(AIKG_IRI)
    _fail = True

    # classes
    AIModel: URIRef
    Article: URIRef
    Benchmark: URIRef
    Claim: URIRef
    Company: URIRef
    Country: URIRef
    GovernmentBody: URIRef
    Hardware: URIRef
    Investor: URIRef
    Leaderboard: URIRef
    MediaOutlet: URIRef
    Organization: URIRef
    Person: URIRef
    Policy: URIRef
    Ranking: URIRef
    ResearchLab: URIRef
    University: URIRef

    # properties
    about: URIRef
    activeParameterCount: URIRef
    basedOn: URIRef
    charEnd: URIRef
    charStart: URIRef
    claimType: URIRef
    confidence: URIRef
    contentHash: URIRef
    country: URIRef
    dateText: URIRef
    developedBy: URIRef
    developmentCost: URIRef
    evidence: URIRef
    extractor: URIRef
    fact: URIRef
    file: URIRef
    investmentPlan: URIRef
    isoCode: URIRef
    leaderboard: URIRef
    modelSizeBytes: URIRef
    parameterCount: URIRef
    parentOrganization: URIRef
    period: URIRef
    qualifier: URIRef
    rank: URIRef
    ranking: URIRef
    releaseDate: URIRef
    role: URIRef
    source: URIRef
    speakerText: URIRef
    statedBy: URIRef
    statement: URIRef
    stockChange: URIRef
    successorOf: URIRef
    trainingCost: URIRef
    uses: URIRef
    usesHardware: URIRef
    valuation: URIRef
    worksFor: URIRef


def ontology_terms(path: Path = ONTOLOGY_FILE) -> tuple[list[str], list[str]]:
    """(classes, properties) declared in the ontology file, local names sorted."""
    graph = Graph().parse(path, format="turtle")
    classes: set[str] = set()
    properties: set[str] = set()
    for declaring in _DECLARING_TYPES:
        for subject in graph.subjects(RDF.type, declaring):
            if isinstance(subject, URIRef) and str(subject).startswith(AIKG_IRI):
                name = str(subject)[len(AIKG_IRI):]
                (classes if declaring in (OWL.Class, RDFS.Class) else properties).add(name)
    return sorted(classes), sorted(properties)


def namespace_terms() -> set[str]:
    """Local names the `AIKG` class declares."""
    return {name for name in AIKG.__annotations__ if not name.startswith("_")}


def render_class_body(path: Path = ONTOLOGY_FILE) -> str:
    """The term lines of `AIKG` as generated from the ontology file."""
    classes, properties = ontology_terms(path)
    lines = ["    # classes", *(f"    {c}: URIRef" for c in classes), "",
             "    # properties", *(f"    {p}: URIRef" for p in properties)]
    return "\n".join(lines)


def check(path: Path = ONTOLOGY_FILE) -> list[str]:
    """Differences between the ontology file and `AIKG`, one line each; empty when in step."""
    classes, properties = ontology_terms(path)
    declared = set(classes) | set(properties)
    listed = namespace_terms()
    return ([f"in {path.name} but not in AIKG: {t}" for t in sorted(declared - listed)]
            + [f"in AIKG but not in {path.name}: {t}" for t in sorted(listed - declared)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kg.graph.vocab",
                                     description="Check or regenerate the AIKG namespace class.")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--check", action="store_true", help="exit 1 when AIKG and aikg.ttl differ (default)")
    group.add_argument("--print", action="store_true", help="print the generated class body")
    args = parser.parse_args(argv)
    if args.print:
        print(render_class_body())
        return 0
    problems = check()
    for line in problems:
        print(line, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
