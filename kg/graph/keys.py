"""The IRI that names a fact, minted the same way by the graph builder and by SPARQL.

A fact stated by several articles is one triple in the merged view but one
`aikg:Claim` per article. Each claim names its fact by `aikg:statement`, an
IRI minted from the fact's subject, predicate and object, so the claims of one
fact ("모델 X는 2025년 3월 공개됐다" in three articles) are found by one index
seek on that IRI, where a join on `rdf:subject`, `rdf:predicate` and
`rdf:object` reads every claim of the subject.

A saved query names the same IRI with `aikg:statementOf(?s, aikg:p, ?o)`, which
`expand_fact_keys` writes out as standard SPARQL 1.1 (SHA1 over the terms'
strings), so any endpoint computes it. Light on purpose: `kg query` imports
it, and neither rdflib nor the extraction code.
"""

from __future__ import annotations

import hashlib
import re

import pyoxigraph as ox

from kg.graph.store import ID

FACT_NAMESPACE = ID + "fact/"
_SEPARATOR = "\x1f"
_DIGITS = 20  # of the SHA-1, hexadecimal: 80 bits, far from any collision at millions of facts

# aikg:statementOf(A, B, C): each argument a variable, a prefixed name or an <IRI>
_ARG = r"\s*(\?\w+|<[^<>\s]*>|[A-Za-z][\w.-]*:[\w.-]*)\s*"
_STATEMENT_CALL = re.compile(r"(?<![\w:])aikg:statementOf\(" + _ARG + "," + _ARG + "," + _ARG + r"\)")


def _key_text(subject: str, predicate: str, obj: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
    if isinstance(obj, ox.Literal):
        datatype, language = obj.datatype.value, obj.language or ""
    else:
        datatype = language = ""
    return _SEPARATOR.join((subject, predicate, obj.value, datatype, language))


def statement_iri(subject: ox.NamedNode, predicate: ox.NamedNode,
                  obj: ox.NamedNode | ox.BlankNode | ox.Literal) -> ox.NamedNode:
    """`id/fact/<digest>`: the object's datatype and language count, so "2025" and 2025 differ."""
    digest = hashlib.sha1(_key_text(subject.value, predicate.value, obj).encode("utf-8")).hexdigest()
    return ox.NamedNode(FACT_NAMESPACE + digest[:_DIGITS])


def fact_key_sparql(subject: str, predicate: str, obj: str) -> str:
    """The SPARQL 1.1 expression that computes `statement_iri` of three terms (variables or IRIs)."""
    sep = '"\\u001F"'
    parts = [f"STR({subject})", f"STR({predicate})", f"STR({obj})",
             f'COALESCE(STR(DATATYPE({obj})), "")', f'COALESCE(LANG({obj}), "")']
    text = f"CONCAT({f', {sep}, '.join(parts)})"
    return f'IRI(CONCAT("{FACT_NAMESPACE}", SUBSTR(SHA1({text}), 1, {_DIGITS})))'


def expand_fact_keys(sparql: str) -> str:
    """`aikg:statementOf(?m, aikg:releaseDate, ?d)` written out by `fact_key_sparql`; other text unchanged."""
    return _STATEMENT_CALL.sub(lambda m: fact_key_sparql(*m.groups()), sparql)
