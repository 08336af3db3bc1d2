"""Listings read as sorted keys, then the details of one page of them.

A saved listing of facts shows one row per fact, with how many sources state
it and the first of them. Read as one query, Oxigraph joins every claim of the
property before the page is cut (the release dates of 10,000 articles: 1.6 s).
Read in two steps, it costs the sort of the keys and one index seek per key of
the page: the keys query lists and sorts the facts, `# key:` names each row's
fact, and each `# detail:` helper answers for the page's facts only, bound by
`VALUES`. The same parts compose into one standard SPARQL 1.1 query (`compose`)
for every row (`--limit 0`), an endpoint or another tool.

The header lines of such a listing, with a fact's key computed in Python for
the page (SHA-1 over 15,000 keys costs Oxigraph 200 ms, over a page nothing):

    # key: ?fact = aikg:statementOf(?_org, aikg:stockChange, ?change)
    # detail: ?fact by _fact-sources.rq

Columns whose name starts with `_` (and the key) are read, not shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.graph.keys import statement_iri

if TYPE_CHECKING:
    from kg.query import QueryResult

_KEY_LINE = re.compile(r"#\s*key:\s*\?(\w+)\s*=\s*(aikg:statementOf\(([^()]*)\))\s*$")
_DETAIL_LINE = re.compile(r"#\s*detail:\s*\?(\w+)\s+by\s+([\w-]+)\.rq\s*$")
_SELECT = re.compile(r"(?is)\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?")
_FINAL_ORDER = re.compile(r"(?is)\}\s*ORDER\s+BY\s+([^{}]+?)\s*$")  # after the last brace: the outer one
_PROLOGUE = re.compile(r"(?i)\s*(PREFIX|BASE)\b")
NO_FACT = "urn:aikg:no-fact"


@dataclass(frozen=True)
class FactKey:
    """`# key: ?VAR = aikg:statementOf(S, P, O)`: each row's fact, from three of its columns or constants."""

    variable: str
    expression: str  # the aikg:statementOf(...) call, as written
    terms: tuple[str, str, str]  # each a ?variable, a prefixed name or an <IRI>

    def value(self, row: Mapping[str, ox.NamedNode | ox.Literal | None],
              prefixes: Mapping[str, str]) -> ox.NamedNode | None:
        """The fact's IRI for one row, as the builder minted its claims' `aikg:statement`."""
        parts = [row.get(t[1:]) if t.startswith("?") else _constant(t, prefixes) for t in self.terms]
        subject, predicate, obj = parts
        if not isinstance(subject, ox.NamedNode) or not isinstance(predicate, ox.NamedNode) or obj is None:
            return None
        return statement_iri(subject, predicate, obj)


@dataclass(frozen=True)
class Detail:
    """`# detail: ?VAR by HELPER.rq`: each row gets the columns HELPER answers for its ?VAR
    (HELPER binds it by `VALUES ?VAR { UNDEF }`)."""

    variable: str
    helper: str


def parse_key(line: str) -> FactKey | None:
    match = _KEY_LINE.match(line)
    if not match:
        return None
    terms = tuple(t.strip() for t in match.group(3).split(","))
    if len(terms) != 3:
        raise ValueError(f"{line.strip()}: aikg:fact takes three terms")
    return FactKey(match.group(1), match.group(2), terms)  # type: ignore[arg-type]


def parse_detail(line: str) -> Detail | None:
    match = _DETAIL_LINE.match(line)
    return Detail(*match.groups()) if match else None


def _constant(term: str, prefixes: Mapping[str, str]) -> ox.NamedNode:
    if term.startswith("<") and term.endswith(">"):
        return ox.NamedNode(term[1:-1])
    prefix, _, local = term.partition(":")
    return ox.NamedNode(prefixes[prefix] + local)


def declared_prefixes(sparql: str) -> dict[str, str]:
    return dict(re.findall(r"(?i)PREFIX\s+([\w.-]*):\s*<([^>]*)>", sparql))


def hidden(name: str) -> bool:
    """A column read for the listing's sake, not shown: `?_org`."""
    return name.startswith("_")


def projection(sparql: str) -> list[str]:
    """The variables the first SELECT projects: `?a` and `(… AS ?b)`, in order (not `SELECT *`)."""
    text = without_comments(sparql)
    match = _SELECT.search(text)
    if not match:
        raise ValueError("the query has no SELECT")
    names: list[str] = []
    depth = 0
    for token in re.finditer(r"\(|\)|\{|(?i:\bWHERE\b)|(?i:\bAS\s+)?\?\w+", text[match.end():]):
        word = token.group(0)
        if word == "(":
            depth += 1
        elif word == ")":
            depth -= 1
        elif depth == 0 and (word == "{" or word.upper() == "WHERE"):
            break
        elif depth == 0 or (depth == 1 and word[:2].upper() == "AS"):
            names.append(word.split("?")[-1])
    if not names:
        raise ValueError("the query's SELECT names no variables")
    return names


def without_comments(sparql: str) -> str:
    return "\n".join(line for line in sparql.splitlines() if not line.lstrip().startswith("#"))


def _split(text: str) -> tuple[list[str], str]:
    lines = without_comments(text).splitlines()
    prologue = [line.strip() for line in lines if _PROLOGUE.match(line)]
    return prologue, "\n".join(line for line in lines if not _PROLOGUE.match(line)).strip()


def compose(keys: str, key: FactKey | None, helpers: Sequence[tuple[str, str]]) -> str:
    """The keys query, its key and its detail helpers (text, key variable) as one SPARQL 1.1 query.

    The keys are a sub-select, the key is bound over it, each helper's answer is joined
    OPTIONALly on its key variable, and the keys' final ORDER BY orders the whole (so it
    may use only what the keys project). Hidden columns are not projected.
    """
    prologue, body = _split(keys)
    order = _FINAL_ORDER.search(body)
    keys_body = body[: order.start() + 1] if order else body
    helper_parts = [_split(helper) for helper, _ in helpers]
    for lines, _ in helper_parts:
        prologue += lines
    names = projection(keys) + ([key.variable] if key else [])
    names += [name for helper, _ in helpers for name in projection(helper)]
    shown = [n for n in dict.fromkeys(names) if not hidden(n) and n not in {v for _, v in helpers}]
    # a row that is no fact gets a key no helper answers for (unbound, it would join every answer)
    bind = f" BIND(COALESCE({key.expression}, <{NO_FACT}>) AS ?{key.variable})" if key else ""
    return "\n".join([
        *dict.fromkeys(prologue),
        f"SELECT {' '.join('?' + c for c in shown)} WHERE {{",
        f"  {{ {keys_body} }}{bind}",
        *(f"  OPTIONAL {{ {body} }}" for _, body in helper_parts),
        "}",
        *([f"ORDER BY {order.group(1)}"] if order else []),
    ])


def with_details(keys: QueryResult, key: FactKey | None, helpers: Sequence[tuple[str, str]],
                 prefixes: Mapping[str, str], run: Callable[[str, dict], QueryResult]) -> QueryResult:
    """A page of keys, each row given its key and every helper's columns for it; hidden columns dropped.

    `run(helper_text, {variable: values})` answers a helper with its VALUES bound. A helper's
    column named as one of the keys' fills it where the keys left it unbound (a row of the listing
    that is no fact reads its own, and has no key), as `compose`'s OPTIONAL join would.
    """
    from kg.query import QueryResult

    columns = list(keys.columns)
    rows = [list(row) for row in keys.rows]
    if key is not None:
        for row in rows:
            row.append(key.value(dict(zip(keys.columns, row, strict=True)), prefixes))
        columns.append(key.variable)
    for helper, variable in helpers:
        at = columns.index(variable)
        values = list(dict.fromkeys(row[at] for row in rows if row[at] is not None))
        found = run(helper, {variable: values}) if values else QueryResult(projection(helper))
        found_at = found.columns.index(variable)
        by_key = {row[found_at]: row for row in found.rows}
        shared = [(columns.index(name), i) for i, name in enumerate(found.columns)
                  if name != variable and name in columns]
        added = [i for i, name in enumerate(found.columns) if name != variable and name not in columns]
        absent = (None,) * len(added)
        for row in rows:
            match = by_key.get(row[at])
            if match is not None and any(row[mine] is not None and row[mine] != match[theirs]
                                         for mine, theirs in shared):
                match = None  # as SPARQL's OPTIONAL: a row joins only an answer it agrees with
            for mine, theirs in shared:
                if match is not None and row[mine] is None:
                    row[mine] = match[theirs]
            row.extend(tuple(match[i] for i in added) if match else absent)
        columns += [found.columns[i] for i in added]
    drop = {variable for _, variable in helpers} | ({key.variable} if key else set())
    keep = [i for i, name in enumerate(columns) if name not in drop and not hidden(name)]
    return QueryResult([columns[i] for i in keep], [tuple(row[i] for i in keep) for row in rows], total=keys.total)
