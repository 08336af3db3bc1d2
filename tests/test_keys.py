"""The fact key: the builder's `aikg:statement` and SPARQL's `aikg:statementOf(...)` name a fact alike."""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
from hypothesis import given
from hypothesis import strategies as st

from kg.graph.build import date_literal, decimal_literal, integer_literal
from kg.graph.keys import expand_fact_keys, statement_iri
from kg.normalize.dates import PartialDate

XSD = "http://www.w3.org/2001/XMLSchema#"
MODEL = ox.NamedNode("https://w3id.org/aikg/id/aimodel/hanbit-7-1a2b3c4d")
P = ox.NamedNode("https://w3id.org/aikg/ontology#parameterCount")


def _sparql_key(obj: ox.NamedNode | ox.Literal) -> ox.NamedNode:
    """The key that a store computes for (MODEL, P, obj), as a saved query would."""
    store = ox.Store()
    store.add(ox.Quad(MODEL, P, obj))
    query = expand_fact_keys("SELECT (aikg:statementOf(?s, ?p, ?o) AS ?k) WHERE { ?s ?p ?o }")
    (row,) = store.query(query, prefixes={"aikg": "https://w3id.org/aikg/ontology#"})
    return row["k"]


@given(st.decimals(min_value=-10**6, max_value=10**6, places=3, allow_nan=False, allow_infinity=False))
def test_keys_a_decimal_object_keys_alike_in_python_and_in_the_store(value: Decimal) -> None:
    # Oxigraph keeps decimals in canonical form (8.40 -> 8.4): the builder writes that form
    literal = decimal_literal(value)
    assert statement_iri(MODEL, P, literal) == _sparql_key(literal)


@given(st.integers(min_value=0, max_value=10**13))
def test_keys_an_integer_object_keys_alike(value: int) -> None:
    literal = integer_literal(value)
    assert statement_iri(MODEL, P, literal) == _sparql_key(literal)


@given(st.text(min_size=1, max_size=30).filter(lambda t: "\x00" not in t))
def test_keys_a_language_string_keys_alike(text: str) -> None:
    literal = ox.Literal(text, language="ko")
    assert statement_iri(MODEL, P, literal) == _sparql_key(literal)


def test_keys_dates_and_iris_key_alike() -> None:
    for obj in (date_literal(PartialDate(2025, 3)), date_literal(PartialDate(2025, 3, 14)),
                ox.NamedNode("https://w3id.org/aikg/id/org/hanbit-lab-5e6f7a8b")):
        assert statement_iri(MODEL, P, obj) == _sparql_key(obj)


def test_keys_a_value_and_its_string_are_different_facts() -> None:
    # "2025" the year, 2025 the number and "2025" the string are three objects, three facts
    objects = [ox.Literal("2025", datatype=ox.NamedNode(XSD + "gYear")), integer_literal(2025), ox.Literal("2025")]
    assert len({statement_iri(MODEL, P, o) for o in objects}) == 3


def test_keys_expansion_leaves_other_text_alone() -> None:
    text = "SELECT ?x WHERE { ?x aikg:statement ?y . BIND(aikg:statementOf(?x, <http://e/p>, ?y) AS ?k) }"
    expanded = expand_fact_keys(text)
    assert "aikg:statement ?y" in expanded and "aikg:statementOf(" not in expanded and "SHA1(" in expanded
