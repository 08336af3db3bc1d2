"""Listings that grow with the corpus print their first page and the total; `--limit` chooses."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from kg.cli import main
from kg.commands.query import FORMATS as CLI_FORMATS
from kg.errors import UserError
from kg.query import FORMATS, _count_query, get_saved, list_saved, run_query, run_saved

MINI = str(Path(__file__).parent / "fixtures" / "mini.trig")
ALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"


def kg(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_limit_keeps_the_first_rows_in_order_and_counts_all() -> None:
    everything = run_query(MINI, ALL)
    page = run_query(MINI, ALL, limit=3)
    assert len(everything) > 3
    assert page.rows == everything.rows[:3]
    assert page.total == len(everything.rows)
    assert run_query(MINI, ALL, limit=0).rows == everything.rows
    assert run_query(MINI, ALL).total is None


# Shapes a page and its count must agree on: DISTINCT, GROUP BY, a trailing VALUES, comments, a string that
# reads like a keyword, a query that pages itself (then counted by iterating, as it must).
SHAPES = [
    "# things and their labels\nSELECT DISTINCT ?s WHERE { ?s rdfs:label ?l } ORDER BY ?s  # sorted",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) ?p",
    "PREFIX ex: <http://example.org/LIMIT>\n"
    "SELECT ?s ?p WHERE { ?s ?p ?o } ORDER BY ?s ?p VALUES ?p { rdfs:label skos:altLabel }",
    "SELECT ?s WHERE { ?s rdfs:label ?l FILTER(?l != \"SELECT x LIMIT 5\") } ORDER BY ?s",
    "SELECT ?s WHERE { ?s rdfs:label ?l } ORDER BY ?s LIMIT 4",
    "SELECT ?s WHERE { ?s rdfs:label ?l } ORDER BY ?s OFFSET 2",
]


@pytest.mark.parametrize("sparql", SHAPES)
def test_a_page_and_its_count_agree_with_every_row(sparql: str) -> None:
    everything = run_query(MINI, sparql)
    assert len(everything) > 2
    page = run_query(MINI, sparql, limit=2)
    assert page.rows == everything.rows[:2] and page.total == len(everything.rows)


def test_the_count_is_a_sub_select_only_where_one_can_be() -> None:
    counted = _count_query("# a comment\nPREFIX ex: <http://example.org/>\nSELECT ?s WHERE { ?s ex:p ?o } ORDER BY ?s")
    assert counted is not None
    assert counted.startswith("# a comment\nPREFIX ex: <http://example.org/>\nSELECT (COUNT(*) AS ?rows) WHERE {")
    assert counted.rstrip().endswith("ORDER BY ?s\n}")
    assert _count_query("SELECT ?s WHERE { ?s ?p ?o VALUES ?p { rdfs:label } }") is not None  # VALUES inside
    for cannot in ("ASK { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                   "SELECT ?s FROM <http://example.org/g> WHERE { ?s ?p ?o }",
                   "SELECT ?s WHERE { ?s ?p ?o } LIMIT 10", "SELECT ?s WHERE { ?s ?p ?o } OFFSET 10",
                   "SELECT ?s WHERE { ?s ?p ?o } VALUES ?p { rdfs:label }"):
        assert _count_query(cannot) is None, cannot


def test_a_mistake_in_a_limited_query_is_reported_where_it_was_written() -> None:
    with pytest.raises(UserError) as plain:
        run_query(MINI, "SELECT ?s WHERE { ?s ?p ?o")
    with pytest.raises(UserError) as limited:
        run_query(MINI, "SELECT ?s WHERE { ?s ?p ?o", limit=5)
    assert str(limited.value) == str(plain.value)
    assert "LIMIT" not in str(limited.value)


def test_the_library_returns_every_row_unless_asked() -> None:
    assert run_saved(MINI, "facts-with-evidence").total is None


def test_listings_that_grow_with_the_corpus_have_a_page() -> None:
    paged = {q.name for q in list_saved() if q.page}
    assert {"models", "facts-with-evidence", "claims-by-speaker", "models-by-size", "articles-by-date"} <= paged
    assert not {"class-counts", "models-per-country"} & paged


def test_cli_prints_the_first_page_and_the_total(capsys) -> None:
    full = run_query(MINI, ALL)
    code, out, _ = kg(capsys, "query", MINI, ALL, "--limit", "2")
    assert code == 0
    assert f"(2 of {len(full.rows):,} rows" in out.splitlines()[-1]
    code, out, err = kg(capsys, "query", MINI, ALL, "--limit", "2", "--format", "csv")
    assert len(list(csv.reader(io.StringIO(out)))) == 3  # header + 2 rows: still valid CSV
    assert f"2 of {len(full.rows):,} rows" in err


def test_cli_saved_listing_defaults_to_its_page_and_limit_0_shows_all(capsys) -> None:
    saved = get_saved("facts-with-evidence")
    everything = run_saved(MINI, "facts-with-evidence")
    code, out, _ = kg(capsys, "query", MINI, "--saved", "facts-with-evidence", "--limit", "0")
    n = len(everything.rows)
    assert code == 0 and out.splitlines()[-1] == f"({n} row{'s' if n != 1 else ''})"
    code, out, _ = kg(capsys, "query", MINI, "--saved", "facts-with-evidence")
    shown = min(len(everything.rows), saved.page)
    assert code == 0 and f"({shown}" in out.splitlines()[-1]


def test_cli_formats_are_the_library_formats() -> None:
    assert CLI_FORMATS == FORMATS


def test_a_negative_limit_is_a_one_line_error(capsys) -> None:
    code, _, err = kg(capsys, "query", MINI, ALL, "--limit", "-1")
    assert code == 2 and "--limit" in err and len(err.strip().splitlines()) == 1
