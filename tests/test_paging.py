"""Keyed listings (kg/paging.py): header lines, projections, composition, and a page joined with its details."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.graph.keys import statement_iri
from kg.paging import compose, parse_detail, parse_key, projection, with_details
from kg.query import QueryResult, run_query

AIKG = "https://w3id.org/aikg/ontology#"
ID = "https://w3id.org/aikg/id/"
KEYS = """PREFIX aikg: <https://w3id.org/aikg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?model ?released ?_m WHERE {
  ?_m aikg:releaseDate ?released ; rdfs:label ?label .
  { SELECT ?_m WHERE { ?_m rdfs:label ?y } ORDER BY ?y }  # an inner ORDER BY is not the final one
  BIND(STR(?label) AS ?model)
}
ORDER BY ?released ?model"""
HELPER = """PREFIX aikg: <https://w3id.org/aikg/ontology#>
SELECT ?fact (COUNT(?claim) AS ?claims) WHERE { VALUES ?fact { UNDEF } ?claim aikg:statement ?fact } GROUP BY ?fact"""


def test_paging_header_lines() -> None:
    key = parse_key("# key: ?fact = aikg:statementOf(?_m, aikg:releaseDate, ?released)")
    assert key is not None and key.variable == "fact" and key.terms == ("?_m", "aikg:releaseDate", "?released")
    assert parse_detail("# detail: ?fact by _fact-sources.rq").helper == "_fact-sources"
    assert parse_key("# page: 50") is None and parse_detail("# key: ?x = y") is None
    with pytest.raises(ValueError, match="three terms"):
        parse_key("# key: ?fact = aikg:statementOf(?s, ?o)")


@pytest.mark.parametrize(("sparql", "names"), [
    ("SELECT ?a ?b WHERE { ?a ?p ?b }", ["a", "b"]),
    ("SELECT DISTINCT ?a (COUNT(DISTINCT ?b) AS ?n) (STR(CONCAT(?a, ?b)) AS ?s) WHERE { ?a ?p ?b }", ["a", "n", "s"]),
    ("# SELECT ?not WHERE\nSELECT ?x\n{ ?x ?p ?o }", ["x"]),
])
def test_paging_projection_reads_variables_and_aliases(sparql: str, names: list[str]) -> None:
    assert projection(sparql) == names


def _store() -> ox.Store:
    """Two models released on one day; one release stated by two claims, the other by one."""
    store = ox.Store()
    date = ox.Literal("2025-03", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYearMonth"))
    for name, claims in (("Hanbit-7", 2), ("Arirang-2", 1)):
        model = ox.NamedNode(ID + name.lower())
        store.add(ox.Quad(model, ox.NamedNode(AIKG + "releaseDate"), date))
        store.add(ox.Quad(model, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal(name)))
        fact = statement_iri(model, ox.NamedNode(AIKG + "releaseDate"), date)
        for i in range(claims):
            store.add(ox.Quad(ox.NamedNode(f"{ID}claim/{name}-{i}"), ox.NamedNode(AIKG + "statement"), fact))
    return store


def test_paging_a_page_and_the_composed_query_answer_the_same_rows() -> None:
    store = _store()
    key = parse_key("# key: ?fact = aikg:statementOf(?_m, aikg:releaseDate, ?released)")
    helpers = [(HELPER, "fact")]
    whole = run_query(store, compose(KEYS, key, helpers))
    assert whole.columns == ["model", "released", "claims"]
    assert [(r[0].value, int(r[2].value)) for r in whole.rows] == [("Arirang-2", 1), ("Hanbit-7", 2)]

    def run(helper: str, values: dict) -> QueryResult:
        from kg.query import bind_params
        return run_query(store, bind_params(helper, values))

    page = with_details(run_query(store, KEYS, limit=1), key, helpers, {"aikg": AIKG}, run)
    assert page.columns == whole.columns and page.rows == whole.rows[:1] and page.total == 2


# A listing whose rows are facts or not: a model's release (a fact, counted by the helper) and its
# label (no fact: no ?_p, no key, and no count: unkeyed, the composed OPTIONAL would join every answer).
MIXED_KEYS = """PREFIX aikg: <https://w3id.org/aikg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?model ?what ?claims ?_m ?_p ?_o WHERE {
  ?_m rdfs:label ?label .
  BIND(STR(?label) AS ?model)
  { ?_m aikg:releaseDate ?_o . BIND(aikg:releaseDate AS ?_p) BIND("released" AS ?what) }
  UNION
  { BIND("named" AS ?what) }
}
ORDER BY ?model ?what"""


def test_paging_a_row_with_no_fact_keeps_its_own_columns_in_both_forms() -> None:
    store = _store()
    key = parse_key("# key: ?fact = aikg:statementOf(?_m, ?_p, ?_o)")
    helpers = [(HELPER, "fact")]
    expected = [("Arirang-2", "named", None), ("Arirang-2", "released", 1),
                ("Hanbit-7", "named", None), ("Hanbit-7", "released", 2)]
    whole = run_query(store, compose(MIXED_KEYS, key, helpers))
    assert whole.columns == ["model", "what", "claims"]
    assert [(r[0].value, r[1].value, r[2] and int(r[2].value)) for r in whole.rows] == expected

    def run(helper: str, values: dict) -> QueryResult:
        from kg.query import bind_params
        return run_query(store, bind_params(helper, values))

    page = with_details(run_query(store, MIXED_KEYS, limit=3), key, helpers, {"aikg": AIKG}, run)
    assert page.columns == whole.columns and page.rows == whole.rows[:3] and page.total == 4
