"""The fact properties of the vocabulary, with their domain and range, read from `ontology/aikg.ttl`.

One list of predicates for the whole project: extraction checks every fact
against its property's domain and range before emitting it (a pattern can never
make an Organization `basedOn` something, or a Person `developedBy`), the graph
builder and `kg eval` know which properties are facts, and a test holds the
SHACL shapes to the same signatures. A property is a fact property when the
ontology marks it `aikg:fact true`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from kg.graph.vocab import AIKG_IRI, ONTOLOGY_FILE

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SCHEMA = "https://schema.org/"

# What the range of a fact property is, as extraction produces values.
ENTITY, INTEGER, DECIMAL, DATE, MONEY, RANKING = "entity", "integer", "decimal", "date", "money", "ranking"


@dataclass(frozen=True)
class FactProperty:
    name: str  # local name: developedBy
    domain: frozenset[str]  # thing classes the subject may be
    range_kind: str  # entity | integer | decimal | date | money | ranking
    range_classes: frozenset[str] = frozenset()  # for entity ranges: the classes the object may be

    def allows(self, subject_type: str, object_type: str | None = None) -> bool:
        """Whether a subject (and, for entity ranges, an object) of these classes fits the signature."""
        if subject_type not in self.domain:
            return False
        if self.range_kind == ENTITY:
            return object_type in self.range_classes
        return True


def _objects(graph: ox.Store, node, predicate: str) -> list:
    return [q.object for q in graph.quads_for_pattern(node, ox.NamedNode(predicate), None)]


def _union(graph: ox.Store, node) -> list:
    """The members of the owl:unionOf list of a blank node, in order."""
    members = []
    for head in _objects(graph, node, OWL + "unionOf"):
        cell = head
        while isinstance(cell, ox.BlankNode):
            members += _objects(graph, cell, RDF + "first")
            rest = _objects(graph, cell, RDF + "rest")
            cell = rest[0] if rest else None
    return members


def _classes(graph: ox.Store, node) -> frozenset[str]:
    """Local names of an aikg class, or of the classes of an owl:unionOf."""
    if isinstance(node, ox.NamedNode):
        return frozenset({node.value[len(AIKG_IRI):]}) if node.value.startswith(AIKG_IRI) else frozenset()
    out: set[str] = set()
    for member in _union(graph, node):
        out |= _classes(graph, member)
    return frozenset(out)


def _range_kind(graph: ox.Store, node) -> tuple[str, frozenset[str]]:
    if isinstance(node, ox.NamedNode):
        iri = node.value
        if iri == SCHEMA + "MonetaryAmount":
            return MONEY, frozenset()
        if iri == AIKG_IRI + "Ranking":
            return RANKING, frozenset()
        if iri == XSD + "integer":
            return INTEGER, frozenset()
        if iri == XSD + "decimal":
            return DECIMAL, frozenset()
        return ENTITY, _classes(graph, node)
    members = [m.value for m in _union(graph, node) if isinstance(m, ox.NamedNode)]
    if members and all(m.startswith(XSD) for m in members):
        return DATE, frozenset()
    return ENTITY, _classes(graph, node)


@lru_cache(maxsize=4)
def fact_properties(path: Path = ONTOLOGY_FILE) -> dict[str, FactProperty]:
    """Every fact property of the ontology by local name, in name order."""
    graph = ox.Store()
    graph.load(path=str(path), format=ox.RdfFormat.TURTLE)
    rows = graph.query(
        f"SELECT ?p ?d ?r WHERE {{ ?p <{AIKG_IRI}fact> true ; <{RDFS}domain> ?d ; <{RDFS}range> ?r }}"
    )
    out: dict[str, FactProperty] = {}
    for p, d, r in rows:
        name = p.value[len(AIKG_IRI):]
        kind, classes = _range_kind(graph, r)
        out[name] = FactProperty(name, _classes(graph, d), kind, classes)
    if not out:
        raise ValueError(f"{path}: no property is marked aikg:fact true")
    return dict(sorted(out.items()))


def fact_property(name: str) -> FactProperty:
    """The signature of one fact property; KeyError names the property when it is not one."""
    try:
        return fact_properties()[name]
    except KeyError:
        raise KeyError(f"{name!r} is not a fact property of the ontology (aikg:fact true)") from None
