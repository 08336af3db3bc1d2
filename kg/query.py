"""Run SPARQL over a built graph or a remote endpoint, and show the answers.

The library behind `kg query`, usable from notebooks:

    from kg.query import query_df
    query_df("graph.trig", "models")                      # a saved query
    query_df("graph.trig", "entity-card", thing="딥시크")  # with a parameter
    query_df("graph.trig", "SELECT ?s WHERE { ?s a aikg:AIModel }")

Queries see the union of the named graphs (one per article plus the
knowledge base), every triple once: a built store keeps that merged view in
its default graph, and a graph file is merged when loaded (kg/graph/store.py);
`GRAPH ?g` patterns reach each article's own graph. Saved queries
live in `kg/graph/queries/*.rq`; a parameter is declared by a `# param: NAME`
line and bound where the query text says `VALUES ?NAME { UNDEF }`, by
replacing UNDEF with the value serialised as one RDF term, so a value holding
quotes or braces can never change the query.
"""

from __future__ import annotations

import contextlib
import difflib
import itertools
import json
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.errors import UserError
from kg.graph.keys import expand_fact_keys
from kg.graph.store import open_store, reads_union
from kg.paging import Detail, FactKey, compose, declared_prefixes, parse_detail, parse_key, with_details
from kg.results import (
    DEFAULT_PREFIXES,
    FORMATS,
    QueryResult,
    Term,
    compact_iri,
    display,
    render,
    render_table,
    text_width,
    to_dataframe,
    to_python,
)
from kg.sparql_errors import at_position, diagnose, expected_in_words, offset_of, position

if TYPE_CHECKING:
    import pandas

# the library's names, the results' among them (kg/results.py), for `from kg.query import ...`
__all__ = [
    "DEFAULT_PREFIXES", "FORMATS", "QueryParam", "QueryResult", "Resolve", "SavedQuery", "Term",
    "bind_params", "check_params", "compact_iri", "display", "get_saved", "has_dataset_clause", "list_saved",
    "param_term", "parse_remote", "parse_saved", "query_df", "render", "render_table", "run_query",
    "run_remote", "run_saved", "saved_sparql", "syntax_message", "text_width", "to_dataframe", "to_python",
    "with_prologue",
]


# ---------------------------------------------------------------- saved queries

ParamValue = str | Term | list[str | Term]


@dataclass(frozen=True)
class QueryParam:
    """A parameter of a saved query: `--param NAME=VALUE` binds `?NAME`."""

    name: str
    description: str
    required: bool = True


@dataclass(frozen=True)
class SavedQuery:
    """A `.rq` file of kg/graph/queries: its name is the file stem."""

    name: str
    description: str
    params: tuple[QueryParam, ...]
    text: str
    resolves: tuple[Resolve, ...] = ()
    page: int | None = None  # `# page: N`: a listing that grows with the corpus; `kg query` shows N rows by default
    key: FactKey | None = None  # `# key:`: each row's fact (kg/paging.py)
    details: tuple[Detail, ...] = ()  # `# detail:` lines, joined in their order (kg/paging.py)


@dataclass(frozen=True)
class Resolve:
    """`# resolve: PARAM -> VAR by LOOKUP.rq`: the value of PARAM is looked up first, by the
    saved query LOOKUP (its ?VAR answers), and the things found are bound to ?VAR as constants.
    A query that also says `VALUES ?PARAM { UNDEF }` gets the value as written there too (the
    speaker of a claim may be a thing named so, or only the text's words: 업계 관계자).

    Why: Oxigraph plans a join with a sub-select by evaluating both sides whole, so "the
    articles that mention the things named X" read every mention in the graph; with the
    things as constants it reads only theirs (articles-mentioning at 10,000 articles: 400 -> 99 ms).
    """

    param: str
    variable: str
    lookup: str


_PARAM_LINE = re.compile(r"#\s*param:\s*(\w+)\s*(\(optional\))?\s*(.*)")
_RESOLVE_LINE = re.compile(r"#\s*resolve:\s*(\w+)\s*->\s*(\w+)\s+by\s+([\w-]+)\.rq\b")
_PAGE_LINE = re.compile(r"#\s*page:\s*(\d+)\s*$")


def _queries_dir() -> Path:
    return Path(str(resources.files("kg.graph") / "queries"))


def parse_saved(name: str, text: str) -> SavedQuery:
    """Read the header lines of a saved query: `# description:`, `# param:`, `# resolve:`, `# page:`,
    and a keyed listing's `# key:` and `# detail:` (kg/paging.py)."""
    description = ""
    params: list[QueryParam] = []
    resolves: list[Resolve] = []
    page = None
    key = None
    details: list[Detail] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        if match := re.match(r"#\s*description:\s*(.*)", stripped):
            description = match.group(1).strip()
        elif match := _PARAM_LINE.match(stripped):
            params.append(QueryParam(match.group(1), match.group(3).strip(), required=not match.group(2)))
        elif match := _RESOLVE_LINE.match(stripped):
            resolves.append(Resolve(*match.groups()))
        elif match := _PAGE_LINE.match(stripped):
            page = int(match.group(1)) or None
        elif (found := parse_key(stripped)) is not None:
            key = found
        elif (detail := parse_detail(stripped)) is not None:
            details.append(detail)
    return SavedQuery(name, description, tuple(params), text, tuple(resolves), page, key, tuple(details))


def _all_saved() -> dict[str, SavedQuery]:
    files = sorted(_queries_dir().glob("*.rq"), key=lambda p: p.stem)
    return {p.stem: parse_saved(p.stem, p.read_text(encoding="utf-8")) for p in files}


def list_saved() -> list[SavedQuery]:
    """Every saved query, sorted by name (helpers whose name starts with _ are not listed)."""
    return [q for name, q in _all_saved().items() if not name.startswith("_")]


def get_saved(name: str) -> SavedQuery:
    """The saved query called `name`; an unknown name suggests the closest ones."""
    queries = _all_saved()
    if name in queries:
        return queries[name]
    close = difflib.get_close_matches(name, [q for q in queries if not q.startswith("_")], n=3, cutoff=0.5)
    hint = f" (did you mean {', '.join(close)}?)" if close else " (see `kg query --list`)"
    raise UserError(f"no saved query named {name!r}{hint}")


def param_term(value: str | Term) -> Term:
    """The RDF term a parameter value stands for: `<IRI>` is an IRI, anything else a plain string."""
    if isinstance(value, ox.NamedNode | ox.BlankNode | ox.Literal):
        return value
    if value.startswith("<") and value.endswith(">"):
        try:
            return ox.NamedNode(value[1:-1])
        except ValueError as exc:
            raise UserError(f"{value}: not a valid IRI: {exc}") from exc
    return ox.Literal(value)


def _marker(name: str) -> re.Pattern[str]:
    return re.compile(r"VALUES\s+\?" + re.escape(name) + r"\s*\{\s*UNDEF\s*\}")


def bind_params(sparql: str, params: Mapping[str, ParamValue] | None, saved: SavedQuery | None = None) -> str:
    """Bind `?NAME` to each value by replacing `VALUES ?NAME { UNDEF }` with the term(s).

    The terms are written by Oxigraph's N-Triples serialiser (escaped quotes,
    backslashes and newlines), so a value stays one literal whatever it holds; a
    list of values binds several. For a saved query, a parameter its `# resolve:`
    line looks up is bound by inlining the look-up as a sub-select: one
    self-contained query for any endpoint (`run_saved` looks it up first instead,
    which is faster).
    """
    params = dict(params or {})
    if saved is not None:
        check_params(saved, params)
        for resolve in saved.resolves:
            if resolve.param in params:
                value = params.pop(resolve.param)
                lookup = bind_params(get_saved(resolve.lookup).text, {"name": value})
                body = "\n".join(line for line in lookup.splitlines() if not line.lstrip().startswith("#"))
                sparql = _marker(resolve.variable).sub(lambda _m, body=body: f"{{ {body.strip()} }}", sparql)
                if _marker(resolve.param).search(sparql):  # the query reads the value as written too
                    params[resolve.param] = value
    for name, value in params.items():
        if not re.fullmatch(r"\w+", name):
            raise UserError(f"{name!r} is not a parameter name")
        pattern = _marker(name)
        if not pattern.search(sparql):
            raise UserError(f"the query has no `VALUES ?{name} {{ UNDEF }}` to bind parameter {name!r}")
        values = value if isinstance(value, list | tuple) else [value]
        terms = " ".join(str(param_term(v)) for v in values)
        sparql = pattern.sub(lambda _m, name=name, terms=terms: f"VALUES ?{name} {{ {terms} }}", sparql)
    return sparql


def check_params(saved: SavedQuery, params: Mapping[str, object]) -> None:
    """Every parameter given is declared, and every required one is given."""
    declared = {p.name for p in saved.params}
    for name in params:
        if name not in declared:
            takes = ", ".join(sorted(declared)) or "no parameters"
            raise UserError(f"saved query {saved.name!r} takes {takes}, not {name!r}")
    for param in saved.params:
        if param.required and param.name not in params:
            raise UserError(f"saved query {saved.name!r} needs --param {param.name}=VALUE ({param.description})")


# ---------------------------------------------------------------- running


_STRINGS_AND_COMMENTS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*',
)
_DATASET_CLAUSE = re.compile(r"(?i)\bFROM\s+(NAMED\s+)?(<|[A-Za-z_][\w.-]*:|:)")


def _masked(sparql: str) -> str:
    """The query with strings, IRIs and comments blanked, every character where it was."""
    def blank(match: re.Match) -> str:
        text = match.group(0)
        return text[0] + " " * (len(text) - 2) + text[-1] if text[0] in "<\"'" else " " * len(text)
    return _STRINGS_AND_COMMENTS.sub(blank, sparql)


def has_dataset_clause(sparql: str) -> bool:
    """Whether the query says FROM / FROM NAMED (then it chooses its own default graph)."""
    return bool(_DATASET_CLAUSE.search(_masked(sparql)))


def with_prologue(sparql: str) -> str:
    """The query with PREFIX lines for the usual prefixes it uses but does not declare.

    Local queries get these through Oxigraph's `prefixes=`; remote ones need them in the text.
    """
    declared = {m.lower() for m in re.findall(r"(?i)PREFIX\s+([\w.-]*):", sparql)}
    missing = [p for p in DEFAULT_PREFIXES if p not in declared and re.search(rf"(?<![\w.-]){p}:", sparql)]
    prologue = "".join(f"PREFIX {p}: <{DEFAULT_PREFIXES[p]}>\n" for p in missing)
    return prologue + sparql


def syntax_message(exc: BaseException | str, sparql: str, line_shift: int = 0) -> str:
    """A parser error as one line: `SPARQL syntax error at line L, column C: what is wrong`.

    What is wrong is said by `kg.sparql_errors.diagnose` when it recognises the mistake
    (Oxigraph names the furthest point its parser reached, often far from it); otherwise
    Oxigraph's expectation at its position, with the token found there and the line.
    `line_shift` takes away lines we added in front of the user's text.
    """
    text = " ".join(str(exc).split())
    problem = diagnose(sparql, DEFAULT_PREFIXES)
    if problem is not None:
        line, column = position(sparql, problem.offset)
        return f"SPARQL syntax error at line {line}, column {column}: {problem.message}" + (
            _near(sparql, line) if problem.near else "")
    match = re.match(r"error at (\d+):(\d+):\s*(.*)", text)
    if not match:
        return f"SPARQL syntax error: {text[:300]}"
    line, column = int(match.group(1)) - line_shift, int(match.group(2))
    expected = expected_in_words(match.group(3))
    if len(expected) > 200:
        expected = expected[:200] + "…"
    if expected.startswith(("expected", "unexpected")):
        expected += f", found {at_position(sparql, offset_of(sparql, line, column))}"
    return f"SPARQL syntax error at line {line}, column {column}: {expected}{_near(sparql, line)}"


def _near(sparql: str, line: int) -> str:
    lines = sparql.splitlines()
    near = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    if len(near) > 60:
        near = near[:60] + "…"
    return f" (near: {near})" if near else ""


def _local(store: ox.Store, sparql: str, limit: int | None = None) -> QueryResult:
    union = not has_dataset_clause(sparql) and reads_union(store)
    counting = _count_query(sparql) if limit else None
    paged = _page_and_count(store, sparql, counting, limit, union) if counting is not None else None
    if paged is not None:
        return paged
    with _user_errors(sparql):
        answer = store.query(sparql, use_default_graph_as_union=union, prefixes=DEFAULT_PREFIXES)
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult(["result"], [(ox.Literal(bool(answer)),)], kind="ask")
        if isinstance(answer, ox.QueryTriples):
            rows = [(t.subject, t.predicate, t.object) for t in answer]
            return _page(QueryResult(["subject", "predicate", "object"], rows, kind="graph"), limit)
        variables = answer.variables
        columns = [v.value for v in variables]
        if not limit:
            return QueryResult(columns, [tuple(sol[v] for v in variables) for sol in answer])
        # the first page as terms; the rest only counted (no Python terms made for them)
        page = [tuple(sol[v] for v in variables) for sol in itertools.islice(answer, limit)]
        total = len(page) + sum(1 for _ in answer)
        return QueryResult(columns, page, total=total)


@contextlib.contextmanager
def _user_errors(sparql: str) -> Iterator[None]:
    """Oxigraph's failures as one-line UserErrors: a syntax error says where, others what."""
    try:
        yield
    except SyntaxError as exc:
        raise UserError(syntax_message(exc, sparql)) from exc
    except (OSError, RuntimeError, ValueError) as exc:
        raise UserError(f"query failed: {' '.join(str(exc).split())}") from exc


_SELECT_KEYWORD = re.compile(r"(?i)\bSELECT\b")
_OWN_SLICE = re.compile(r"(?i)\b(LIMIT|OFFSET)\s+\d+\s*$")
_TRAILING_VALUES = re.compile(r"(?i)\bVALUES\b[^{}]*\{[^{}]*\}\s*$")  # after the WHERE: no LIMIT may follow


def _count_query(sparql: str) -> str | None:
    """The query's rows counted by Oxigraph: `SELECT (COUNT(*) AS ?rows) WHERE { the query }`.

    None where the query cannot be a sub-select (not a SELECT; a FROM clause), pages itself (its
    own LIMIT or OFFSET) or ends with VALUES (no LIMIT can be added). `SELECT ?name ?born WHERE
    { ... } ORDER BY ?name` becomes the count of its rows, which Oxigraph neither sorts nor turns
    into terms.
    """
    masked = _masked(sparql)
    select = _SELECT_KEYWORD.search(masked)
    prologue = masked[: select.start()] if select else ""
    if (select is None or re.search(r"(?i)\b(ASK|CONSTRUCT|DESCRIBE)\b", prologue)
            or any(p.search(masked) for p in (_DATASET_CLAUSE, _OWN_SLICE, _TRAILING_VALUES))):
        return None
    return f"{sparql[: select.start()]}SELECT (COUNT(*) AS ?rows) WHERE {{\n{sparql[select.start():]}\n}}"


def _page_and_count(store: ox.Store, sparql: str, counting: str, limit: int, union: bool) -> QueryResult | None:
    """The first `limit` rows, and the number of all, as two queries at once.

    Iterating every row to count it costs Oxigraph a decoded term per column (an IRI is a
    dictionary look-up): 9,800 leaderboard rows, 70 ms of 230. The page asks for its rows only
    (`LIMIT`, so 50 are decoded) and the count, in a second thread (Oxigraph releases the GIL),
    reads no term: on two cores the wall time is the slower of the two (130 ms there), on one
    about what iterating cost. None when the query with `LIMIT` does not parse: the query alone
    then reports its own mistake, where it was written.
    """
    counted: list[int] = []

    def count() -> None:
        with contextlib.suppress(Exception):  # the page query reports the same failure, or it is counted below
            answer = store.query(counting, use_default_graph_as_union=union, prefixes=DEFAULT_PREFIXES)
            counted.append(int(next(iter(answer))["rows"].value))

    # a daemon thread: an interrupted query does not wait for its count at exit
    counter = threading.Thread(target=count, name="aikg-count", daemon=True)
    counter.start()
    try:
        answer = store.query(f"{sparql}\nLIMIT {limit}", use_default_graph_as_union=union,
                             prefixes=DEFAULT_PREFIXES)
    except SyntaxError:
        return None
    with _user_errors(sparql):
        variables = answer.variables
        page = [tuple(sol[v] for v in variables) for sol in answer]
    counter.join()
    if counted:
        total = counted[0]
    else:  # a count the wrapper could not express: every row counted, as without it
        total = sum(1 for _ in store.query(sparql, use_default_graph_as_union=union, prefixes=DEFAULT_PREFIXES))
    return QueryResult([v.value for v in variables], page, total=total)


def is_endpoint(target: object) -> bool:
    """Whether a GRAPH argument is an http(s) URL rather than a file or folder."""
    return isinstance(target, str) and target.startswith(("http://", "https://"))


def _page(result: QueryResult, limit: int | None) -> QueryResult:
    """The first `limit` rows of a result, with the total (no limit, or 0: the result as it is)."""
    if not limit or len(result.rows) <= limit:
        return result
    return QueryResult(result.columns, result.rows[:limit], result.kind, total=len(result.rows))


def run_query(
    graph_or_store: str | Path | ox.Store,
    sparql: str,
    params: Mapping[str, str | Term] | None = None,
    limit: int | None = None,
) -> QueryResult:
    """Run a SPARQL query over a graph file, store folder, open Store or endpoint URL.

    `limit`: keep only the first rows and count the others (`QueryResult.total`); None or 0 keeps all.
    """
    if params:
        sparql = bind_params(sparql, params)
    sparql = expand_fact_keys(sparql)
    if is_endpoint(graph_or_store):
        return _page(run_remote(str(graph_or_store), sparql), limit)
    store = graph_or_store if isinstance(graph_or_store, ox.Store) else open_store(graph_or_store)
    return _local(store, sparql, limit)


def run_saved(
    graph_or_store: str | Path | ox.Store,
    name: str,
    params: Mapping[str, str | Term] | None = None,
    limit: int | None = None,
) -> QueryResult:
    """Run the saved query `name` (see `list_saved`) with its parameters bound.

    A parameter that the query's `# resolve:` line looks up is looked up first,
    on the same graph, and the things found are bound as constants. `limit` keeps
    the first rows only (with the total); the library returns every row unless asked,
    `kg query` asks for a listing's `# page:` by default.
    """
    saved = get_saved(name)
    params = dict(params or {})
    check_params(saved, params)
    target: str | ox.Store
    if isinstance(graph_or_store, ox.Store):
        target = graph_or_store
    elif is_endpoint(graph_or_store):
        target = str(graph_or_store)
    else:
        target = open_store(graph_or_store)  # once, for the look-ups and the query
    bound: dict[str, ParamValue] = dict(params)
    for resolve in saved.resolves:
        if resolve.param in bound:
            value = bound.pop(resolve.param)
            lookup = get_saved(resolve.lookup)
            found = run_query(target, bind_params(lookup.text, {"name": value}))
            column = found.columns.index(resolve.variable)
            bound[resolve.variable] = [row[column] for row in found.rows if row[column] is not None]
            if _marker(resolve.param).search(saved.text):  # the query reads the value as written too
                bound[resolve.param] = value
    text = bind_params(saved.text, bound)
    if not saved.details:
        return run_query(target, text, limit=limit)
    helpers = _helpers(saved)
    if not limit and is_endpoint(target):
        return run_query(target, compose(text, saved.key, helpers))  # one standard query for the endpoint
    # Every row (no limit) is read in the same two steps as a page: composed into one query, each
    # helper would read the claims of every fact in the graph (the release timeline at 10,000
    # articles: 20 s, against about a second for its 2,680 facts' claims).
    prefixes = {**DEFAULT_PREFIXES, **declared_prefixes(text)}
    return with_details(run_query(target, text, limit=limit), saved.key, helpers, prefixes,
                        lambda helper, values: _answer_in_chunks(target, helper, values))


DETAIL_CHUNK = 500  # keys bound per helper query: a short query text and a small VALUES join


def _answer_in_chunks(target: str | ox.Store, helper: str, values: Mapping[str, list]) -> QueryResult:
    """A detail helper's answer for many keys, DETAIL_CHUNK keys a query, the rows put together."""
    (variable, keys), = values.items()
    parts = [run_query(target, bind_params(helper, {variable: keys[i: i + DETAIL_CHUNK]}))
             for i in range(0, len(keys), DETAIL_CHUNK)]
    return QueryResult(parts[0].columns, [row for part in parts for row in part.rows])


def saved_sparql(name: str, params: Mapping[str, ParamValue] | None = None) -> str:
    """The saved query `name` as one standard SPARQL 1.1 query that any endpoint or tool runs.

    Parameters are bound, look-ups inlined, a keyed listing composed with its details, and
    `aikg:statementOf(...)` written out; it answers every row (what `--limit 0` shows).
    """
    saved = get_saved(name)
    text = bind_params(saved.text, params, saved)
    if saved.details:
        text = compose(text, saved.key, _helpers(saved))
    return expand_fact_keys(text)


def _helpers(saved: SavedQuery) -> list[tuple[str, str]]:
    """A keyed listing's detail helpers: (query text, key variable), in their order."""
    return [(get_saved(d.helper).text, d.variable) for d in saved.details]


# ---------------------------------------------------------------- remote


RESULT_ACCEPT = (
    "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8, "
    "application/sparql-results+xml;q=0.1"
)


def run_remote(
    endpoint_url: str,
    sparql: str,
    params: Mapping[str, str | Term] | None = None,
    union_default_graph: bool | None = None,
    timeout: float = 60.0,
) -> QueryResult:
    """Run a query on a SPARQL 1.1 Protocol endpoint (GET, or form POST when long).

    Form POST rather than a direct `application/sparql-query` body because some
    servers (Virtuoso) hang on the latter. `union_default_graph` adds Oxigraph's
    `union-default-graph` parameter so that graphs pushed one per article are
    queried together (other servers ignore it). By default it is added unless the
    query has FROM or the endpoint's default graph holds data: `kg serve` of a
    built store serves its merged view there, and the union would count every
    triple twice.
    """
    if params:
        sparql = bind_params(sparql, params)
    if union_default_graph is None:
        union_default_graph = not has_dataset_clause(sparql) and not _default_graph_has_data(endpoint_url, timeout)
    return _post_query(endpoint_url, sparql, union_default_graph, timeout)


def _default_graph_has_data(endpoint_url: str, timeout: float) -> bool:
    answer = _post_query(endpoint_url, "ASK { ?s ?p ?o }", False, timeout)
    return bool(answer.rows) and bool(to_python(answer.rows[0][0]))


def _post_query(endpoint_url: str, sparql: str, union_default_graph: bool, timeout: float) -> QueryResult:
    full_text = with_prologue(sparql)
    line_shift = full_text.count("\n") - sparql.count("\n")
    fields = [("query", full_text)]
    if union_default_graph:
        fields.append(("union-default-graph", ""))
    encoded = urllib.parse.urlencode(fields)
    headers = {"Accept": RESULT_ACCEPT, "User-Agent": "aikg"}
    if len(endpoint_url) + len(encoded) < 2000:
        sep = "&" if "?" in endpoint_url else "?"
        request = urllib.request.Request(f"{endpoint_url}{sep}{encoded}", headers=headers)
    else:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        request = urllib.request.Request(endpoint_url, data=encoded.encode("ascii"), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            body = response.read()
    except urllib.error.HTTPError as exc:
        detail = " ".join(exc.read().decode("utf-8", "replace").split())
        if exc.code == 400 and re.match(r"error at \d+:\d+:", detail):
            raise UserError(f"{endpoint_url}: {syntax_message(detail, sparql, line_shift)}") from exc
        detail = detail[:300]
        raise UserError(f"{endpoint_url}: HTTP {exc.code} {exc.reason}: {detail}") from exc
    except (TimeoutError, urllib.error.URLError, ConnectionError) as exc:
        reason = getattr(exc, "reason", exc)
        raise UserError(f"{endpoint_url}: cannot reach the endpoint: {reason}") from exc
    return parse_remote(body, content_type, endpoint_url)


def _json_term(cell: Mapping[str, Any]) -> Term:
    kind, value = cell.get("type"), cell.get("value", "")
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if kind == "triple":
        inner = cell["value"]
        parts = (_json_term(inner[k]) for k in ("subject", "predicate", "object"))
        return ox.Triple(*parts)
    if "xml:lang" in cell:
        return ox.Literal(value, language=cell["xml:lang"])
    if "datatype" in cell:
        return ox.Literal(value, datatype=ox.NamedNode(cell["datatype"]))
    return ox.Literal(value)


def parse_remote(body: bytes, content_type: str, source: str = "endpoint") -> QueryResult:
    """Turn a SPARQL JSON result or an RDF graph answer into a QueryResult."""
    graph_formats = {
        "application/n-triples": ox.RdfFormat.N_TRIPLES,
        "text/turtle": ox.RdfFormat.TURTLE,
        "application/n-quads": ox.RdfFormat.N_QUADS,
        "application/rdf+xml": ox.RdfFormat.RDF_XML,
    }
    if content_type in graph_formats:
        try:
            triples = [q.triple for q in ox.parse(body, format=graph_formats[content_type])]
        except SyntaxError as exc:
            raise UserError(f"{source}: unreadable {content_type} answer: {exc}") from exc
        return QueryResult(
            ["subject", "predicate", "object"], [(t.subject, t.predicate, t.object) for t in triples], "graph"
        )
    try:
        data = json.loads(body)
    except ValueError as exc:
        answered = content_type or "an unknown type"
        raise UserError(f"{source}: answered {answered}, not SPARQL results") from exc
    if "boolean" in data:
        return QueryResult(["result"], [(ox.Literal(bool(data["boolean"])),)], kind="ask")
    columns = list(data.get("head", {}).get("vars", []))
    rows = []
    for binding in data.get("results", {}).get("bindings", []):
        rows.append(tuple(_json_term(binding[c]) if c in binding else None for c in columns))
    return QueryResult(columns, rows)


def query_df(graph: str | Path | ox.Store, sparql_or_saved_name: str, **params: str | Term) -> pandas.DataFrame:
    """One call for notebooks: a saved query name or SPARQL text -> DataFrame."""
    text = sparql_or_saved_name.strip()
    if re.fullmatch(r"[\w-]+", text):
        return to_dataframe(run_saved(graph, text, params))
    return to_dataframe(run_query(graph, sparql_or_saved_name, params))
