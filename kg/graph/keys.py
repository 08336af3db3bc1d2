"""IRIs minted from a fact's terms, shared by the graph builder and the query runner.

A fact stated by several articles is one triple in the merged view but one
`aikg:Claim` per article. Each claim names its fact by `aikg:statement`, an IRI
minted here from the fact's subject, predicate and object, so the claims of
one fact ("모델 X는 2025년 3월 공개됐다" in three articles) are found by one
index seek on that IRI, where a join on `rdf:subject`, `rdf:predicate` and
`rdf:object` reads every claim of the subject. Light on purpose: `kg query`
imports it, and neither rdflib nor the extraction code.
"""

from __future__ import annotations

import hashlib

import pyoxigraph as ox

FACT_NAMESPACE = "https://w3id.org/aikg/id/fact/"


def statement_iri(subject: ox.NamedNode | ox.BlankNode, predicate: ox.NamedNode,
                  obj: ox.NamedNode | ox.BlankNode | ox.Literal) -> ox.NamedNode:
    """`id/fact/<digest>` of the three terms in N-Triples form (a literal's datatype and language count)."""
    text = f"{subject} {predicate} {obj}"
    return ox.NamedNode(FACT_NAMESPACE + hashlib.sha1(text.encode("utf-8")).hexdigest()[:20])
