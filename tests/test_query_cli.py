"""`kg query` and the rendering/DataFrame helpers behind it."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyoxigraph as ox
import pytest
from wcwidth import wcswidth

from kg.cli import main
from kg.query import QueryResult, list_saved, query_df, render, run_query, to_dataframe

FIXTURES = Path(__file__).parent / "fixtures"
MINI = str(FIXTURES / "mini.trig")
MODELS = "SELECT ?m WHERE { ?m a aikg:AIModel } ORDER BY ?m"


def kg(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_query_cli_list_names_at_least_fifteen_with_descriptions(capsys) -> None:
    code, out, _ = kg(capsys, "query", "--list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["name", "params", "description"]
    for saved in list_saved():
        line = next(x for x in lines if x.startswith(saved.name + " "))
        assert saved.description in line
    assert len(list_saved()) >= 15
    assert "entity-card                 thing" in out
    assert "[speaker]" in out


def test_query_cli_list_as_json(capsys) -> None:
    code, out, _ = kg(capsys, "query", "--list", "--format", "json")
    records = json.loads(out)
    assert code == 0
    assert {"name": "entity-card", "params": "thing"}.items() <= records[
        [r["name"] for r in records].index("entity-card")
    ].items()


def test_query_cli_saved_query_prints_a_table(capsys) -> None:
    code, out, _ = kg(capsys, "query", MINI, "--saved", "models")
    assert code == 0
    assert out.splitlines()[0].split() == [
        "model",
        "developer",
        "country",
        "parameters",
        "training_cost",
        "released",
        "articles",
    ]
    # one row per model: the two sizes articles give share its cell
    assert "DeepSeek-V3  DeepSeek   CN       671000000000 / 685000000000  5600000 USD    2024-12          2" in out
    assert out.endswith("(3 rows)\n")


def test_query_cli_saved_query_with_param(capsys) -> None:
    code, out, _ = kg(capsys, "query", MINI, "--saved", "entity-card", "--param", "thing=오픈AI", "--format", "csv")
    assert code == 0
    assert out.splitlines()[0] == "subject,property,value,sources,source,published,evidence"
    assert "OpenAI,uses,DeepSeek-V3,1,a2.txt,2025-03-07,오픈AI도 V3를 사용하고 있다." in out.splitlines()


def test_query_cli_adhoc_query_with_default_prefixes(capsys) -> None:
    code, out, _ = kg(capsys, "query", MINI, MODELS, "--format", "csv")
    assert code == 0
    assert out == (
        "m\nhttps://w3id.org/aikg/id/deepseek-r1\nhttps://w3id.org/aikg/id/deepseek-v3\n"
        "https://w3id.org/aikg/id/llama-3.1\n"
    )


def test_query_cli_table_compacts_iris(capsys) -> None:
    _, out, _ = kg(capsys, "query", MINI, MODELS)
    assert out.splitlines()[2:5] == ["id:deepseek-r1", "id:deepseek-v3", "id:llama-3.1"]


def test_query_cli_json_and_tsv_formats(capsys) -> None:
    _, out, _ = kg(capsys, "query", MINI, "--saved", "models-by-size", "--format", "json")
    records = json.loads(out)
    assert records[0] == {
        "model": "DeepSeek-V3",
        "developer": "DeepSeek",
        "parameters": 685000000000,
        "billions": 685.0,
        "active_parameters": None,
        "size_bytes": "700000000000",
        "articles": 2,
    }
    _, out, _ = kg(capsys, "query", MINI, "--saved", "models-by-size", "--format", "tsv")
    assert out.splitlines()[1].split("\t") == [
        "DeepSeek-V3",
        "DeepSeek",
        "685000000000",
        "685",
        "",
        "700000000000",
        "2",
    ]


def test_query_cli_malformed_sparql_one_line_with_position_exit_2(capsys) -> None:
    code, out, err = kg(capsys, "query", MINI, "SELECT ?m WHERE {\n  ?m a aikg:AIModel\n  FILTER(?m = ) }")
    assert code == 2
    assert out == ""
    assert err == ("kg query: error: SPARQL syntax error at line 3, column 13: '=' has nothing on its right "
                   "(near: FILTER(?m = ) })\n")


# Broken queries and what the user is told (after "SPARQL syntax error at "): the problem in their
# words, at the place of the mistake rather than where Oxigraph's parser gave up.
BROKEN = [
    ("SELEC broken", "line 1, column 1: unknown keyword 'SELEC' (expected SELECT, CONSTRUCT, ASK or DESCRIBE)"),
    ("PREFIX ex: <http://example.org/>\nSLECT ?m WHERE { ?m a ex:Model }",
     "line 2, column 1: unknown keyword 'SLECT' (expected SELECT, CONSTRUCT, ASK or DESCRIBE)"),
    ("SELECT ?m WHRE { ?m a aikg:AIModel }", "line 1, column 11: unknown keyword 'WHRE' (did you mean WHERE?)"),
    ("SELECT ?m WHERE {\n  ?m a aikg:AIModel .\n  FILTR(?m != id:openai)\n}",
     "line 3, column 3: unknown keyword 'FILTR' (did you mean FILTER?)"),
    ("SELECT ?m WHERE { ?m a ai:AIModel }",
     "line 1, column 24: unknown prefix 'ai:' in ai:AIModel (declare it: PREFIX ai: <…>)"),
    ("SELECT ?m\nWHERE { ?m rdfs:label \"딥시크 }",
     "line 2, column 23: unterminated string: the \" here is never closed on its line "
     "(near: WHERE { ?m rdfs:label \"딥시크 })"),
    ("SELECT ?m WHERE {\n  ?m a aikg:AIModel",
     "line 1, column 17: '{' opened here is never closed (add '}') (near: SELECT ?m WHERE {)"),
    ("SELECT ?m WHERE { ?m a aikg:AIModel } }",
     "line 1, column 39: '}' closes nothing: no '{' is open here (near: SELECT ?m WHERE { ?m a aikg:AIModel } })"),
    ("SELECT ?m WHERE {\n  ?m a aikg:AIModel ; rdfs:label ?l ?x aikg:developedBy ?d\n}",
     "line 2, column 37: '.' missing between '?m a aikg:AIModel ; rdfs:label ?l' and '?x' "
     "(near: ?m a aikg:AIModel ; rdfs:label ?l ?x aikg:developedBy ?d)"),
    ("SELECT ?m WHERE { ?m a aikg:AIModel ; rdfs:label ?l ?x aikg:developedBy ?d ; aikg:parameterCount ?n }",
     "line 1, column 53: '.' missing between '?m a aikg:AIModel ; rdfs:label ?l' and '?x' "
     "(near: SELECT ?m WHERE { ?m a aikg:AIModel ; rdfs:label ?l ?x aikg:…)"),
    ("SELECT * WHERE {\n  ?s ?p\n}", "line 2, column 3: the triple '?s ?p' has no object (near: ?s ?p)"),
    ("SELECT ?m WHERE { ?m ?p ?o } ORDER ?m", "line 1, column 30: ORDER needs BY (ORDER BY ?variable)"),
    ("SELECT ?m WHERE { ?m ?p ?o } LIMIT ten", "line 1, column 30: LIMIT needs a whole number, not 'ten'"),
    ("SELECT ?p (COUNT(?m) AS ?n) WHERE { ?m ?p ?o }",
     "line 1, column 8: ?p is selected beside an aggregate but not grouped: add GROUP BY ?p, "
     "or select SAMPLE(?p) AS ?…"),
    ("INSERT DATA { id:x a aikg:AIModel }",
     "line 1, column 1: 'INSERT' is SPARQL Update: kg query only reads (SELECT, CONSTRUCT, ASK or DESCRIBE)"),
    ("SELECT * WHERE { ?s <https://w3id.org/aikg/id/deep seek> ?o }",
     "line 1, column 21: malformed IRI <https://w3id.org/aikg/id/deep seek>: an IRI cannot hold spaces, quotes, "
     "braces or backslashes"),
    ("   # nothing but a comment\n", "line 1, column 1: the query is empty"),
    # nothing above explains it: Oxigraph's expectation, the token at its position and the line
    ("SELECT * WHERE { ?s ?p ?o OPTIONAL ?s }",
     "line 1, column 36: expected \"{\", found '?s' (near: SELECT * WHERE { ?s ?p ?o OPTIONAL ?s })"),
]


@pytest.mark.parametrize(("sparql", "message"), BROKEN, ids=[b[0][:24] for b in BROKEN])
def test_query_cli_broken_sparql_names_the_problem_in_one_line(capsys, sparql: str, message: str) -> None:
    code, out, err = kg(capsys, "query", MINI, sparql)
    assert (code, out) == (2, "")
    assert err == f"kg query: error: SPARQL syntax error at {message}\n"


# Good queries in shapes the checks must not mistake for mistakes.
GOOD = [
    'SELECT * WHERE { VALUES ?x { "a" "b" } GRAPH ?g { ?x ?p ?o } FILTER(?x) ?s ?p "5"^^xsd:integer , "x"@ko }',
    "SELECT ?s (COUNT(*) AS ?n) WHERE { ?s rdfs:label|skos:altLabel ?l ; a ?t . ?t ^rdf:type/rdfs:label* ?u } "
    "GROUP BY ?s ORDER BY DESC(?n) LIMIT 5 OFFSET 1",
    "SELECT ?q WHERE { { SELECT ?q WHERE { ?q ?r ?t } GROUP BY ?q } FILTER NOT EXISTS { ?q a ?t } "
    "BIND(1 AS ?one) ?q id:article\\/a3 ?z ; a aikg:Claim ; }",
    "SELECT * WHERE { ?s ?p [ a aikg:Claim ] . ?s aikg:x ( 1 2 ) . FILTER(?p != rdf:type && ?s < 3) } "
    "VALUES (?s ?p) { (UNDEF 1) }",
    "ASK { ?s ?p ?o }",
    "DESCRIBE id:deepseek",
    "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l FILTER(LANG(?l) = 'ko') }",
]


@pytest.mark.parametrize("sparql", [*GOOD, *(q.text for q in list_saved())])
def test_query_cli_good_queries_are_not_diagnosed_as_broken(sparql: str) -> None:
    """The checks that explain a broken query find nothing wrong in a good one."""
    from kg.query import DEFAULT_PREFIXES
    from kg.sparql_errors import diagnose

    run_query(ox.Store(), sparql)  # Oxigraph reads it
    assert diagnose(sparql, DEFAULT_PREFIXES) is None


def test_query_cli_malformed_sparql_in_a_subprocess_has_no_traceback() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kg.cli", "query", MINI, "SELECT * WHERE { ?s ?p }"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("kg query: error: SPARQL syntax error at line 1, column ")
    assert len(done.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["query"], "give GRAPH and a SPARQL query"),
        (["query", MINI], "give a SPARQL query or --saved NAME"),
        (["query", MINI, "--saved", "nope"], "no saved query named 'nope'"),
        (["query", MINI, "--saved", "entity-card"], "needs --param thing=VALUE"),
        (["query", MINI, "--saved", "models", "--param", "oops"], "expected NAME=VALUE"),
        (["query", MINI, "SELECT * {}", "--saved", "models"], "not both"),
        (["query", "missing.trig", MODELS], "no such graph file or store"),
        (["query", MINI, "SELECT * WHERE { SERVICE <http://127.0.0.1:1/x> { ?s ?p ?o } }"], "query failed"),
    ],
)
def test_query_cli_user_errors_exit_2(capsys, argv: list[str], message: str) -> None:
    code, _, err = kg(capsys, *argv)
    assert code == 2
    assert message in err
    assert len(err.splitlines()) == 1


def test_query_cli_reads_query_from_file_and_stdin(capsys, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "q.rq"
    path.write_text(MODELS, encoding="utf-8")
    _, from_file, _ = kg(capsys, "query", MINI, f"@{path}")
    monkeypatch.setattr(sys, "stdin", io.StringIO(MODELS))
    _, from_stdin, _ = kg(capsys, "query", MINI, "-")
    assert from_file == from_stdin
    assert "id:llama-3.1" in from_file


def test_query_cli_ask_construct_and_describe_print_sensibly(capsys) -> None:
    _, out, _ = kg(capsys, "query", MINI, "ASK { ?m a aikg:AIModel }")
    assert out.splitlines()[:3] == ["result", "------", "true"]
    _, out, _ = kg(capsys, "query", MINI, "ASK { ?m a aikg:Policy }", "--format", "json")
    assert out == "false\n"
    construct = "CONSTRUCT { ?m a aikg:AIModel } WHERE { ?m a aikg:AIModel }"
    _, out, _ = kg(capsys, "query", MINI, construct, "--format", "turtle")
    assert "id:deepseek-v3 a aikg:AIModel ." in out
    _, out, _ = kg(capsys, "query", MINI, construct)
    assert out.splitlines()[0].split() == ["subject", "predicate", "object"]
    assert "id:llama-3.1    rdf:type   aikg:AIModel" in out
    _, out, _ = kg(capsys, "query", MINI, "DESCRIBE id:h800", "--format", "csv")
    assert "https://w3id.org/aikg/id/h800,http://www.w3.org/2000/01/rdf-schema#label,Nvidia H800" in out


def test_query_cli_turtle_format_only_for_graph_answers(capsys) -> None:
    code, _, err = kg(capsys, "query", MINI, MODELS, "--format", "turtle")
    assert code == 2
    assert "CONSTRUCT" in err


def test_query_table_aligns_korean_by_display_width() -> None:
    sparql = (
        "SELECT ?headline ?published WHERE { ?a schema:headline ?headline ; schema:datePublished ?published }"
        " ORDER BY ?published"
    )
    lines = render(run_query(MINI, sparql)).splitlines()
    column = wcswidth(lines[0][: lines[0].index("published")])
    assert wcswidth(lines[1][: lines[1].rindex(" ") + 1]) == column
    for line, headline in zip(lines[2:4], ["딥시크 V3 공개", "알리바바, 큐원3 공개"], strict=True):
        assert line.startswith(headline)
        assert wcswidth(line[: line.index("2025")]) == column, line
        assert len(line) < wcswidth(line)  # Hangul takes two columns each


def test_query_table_truncates_long_cells_by_display_width() -> None:
    result = QueryResult(["text"], [(ox.Literal("가" * 50),)])
    line = render(result, max_width=11).splitlines()[2]
    assert line == "가" * 5 + "…"
    assert wcswidth(line) == 11
    assert render(result, max_width=None).splitlines()[2] == "가" * 50


def test_query_table_right_aligns_number_columns() -> None:
    result = QueryResult(["n"], [(ox.Literal(5),), (ox.Literal(12345),)])
    assert render(result).splitlines()[2:4] == ["    5", "12345"]


def test_query_to_dataframe_keeps_numbers_numeric() -> None:
    frame = query_df(MINI, "cost-per-parameter")
    assert list(frame.columns) == ["model", "cost_type", "cost", "currency", "parameters", "cost_per_billion"]
    assert str(frame["parameters"].dtype) == "int64"
    assert frame["cost"].dtype == "float64"
    assert set(frame["parameters"]) == {671000000000, 685000000000}
    sizes = query_df(MINI, "models-by-size")
    assert str(sizes["parameters"].dtype) == "int64"
    assert sizes.loc[sizes["model"] == "Llama 3.1", "parameters"].item() == 405000000000


def test_query_to_dataframe_nullable_ints_and_params() -> None:
    frame = query_df(MINI, "entity-card", thing="H800")
    assert set(frame["property"]) == {"altLabel", "label", "type", "usesHardware", "mentionedIn"}
    frame = to_dataframe(run_query(MINI, "SELECT ?s ?n WHERE { ?s aikg:charStart ?n } ORDER BY ?n LIMIT 2"))
    assert str(frame["n"].dtype) == "int64"
    empty = to_dataframe(QueryResult(["a", "b"], []))
    assert list(empty.columns) == ["a", "b"]
    assert len(empty) == 0
    mixed = to_dataframe(QueryResult(["n"], [(ox.Literal(1),), (None,)]))
    assert str(mixed["n"].dtype) == "Int64"
    assert isinstance(mixed, pd.DataFrame)


def test_query_df_accepts_sparql_text() -> None:
    frame = query_df(MINI, MODELS)
    assert frame["m"].tolist()[0] == "https://w3id.org/aikg/id/deepseek-r1"


def test_query_every_command_has_help(capsys) -> None:
    for command in ("query", "serve", "push"):
        with pytest.raises(SystemExit) as info:
            main([command, "--help"])
        assert info.value.code == 0
        out, _ = capsys.readouterr()
        assert f"usage: kg {command}" in out
