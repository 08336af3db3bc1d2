"""Say what is wrong with a SPARQL query that does not parse, in the words of the person who wrote it.

Oxigraph's parser reports the furthest position it reached and the tokens it
could have taken there (`SELEC broken` gives "expected CONSTRUCT" at column 10),
so when it refuses a query we look at the text ourselves, with a small lexer
and the mistakes people make: a misspelt keyword, an undeclared prefix, an
unclosed brace or string, an operator without an operand, a triple without its
object or the `.` before the next one. What none of these explains is reported
at Oxigraph's position, naming the token found there and the line.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
UPDATES = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
# SPARQL 1.1 keywords and built-in functions, with what Oxigraph adds (RDF-star, LATERAL, ADJUST).
KEYWORDS = frozenset("""
BASE PREFIX SELECT DISTINCT REDUCED AS CONSTRUCT WHERE DESCRIBE ASK FROM NAMED GROUP BY HAVING ORDER ASC DESC
LIMIT OFFSET VALUES LOAD SILENT INTO CLEAR DROP CREATE ADD TO MOVE COPY INSERT DATA DELETE WITH USING DEFAULT ALL
GRAPH OPTIONAL SERVICE BIND UNDEF MINUS UNION FILTER LATERAL STR LANG LANGMATCHES DATATYPE BOUND IRI URI BNODE
RAND ABS CEIL FLOOR ROUND CONCAT STRLEN UCASE LCASE ENCODE_FOR_URI CONTAINS STRSTARTS STRENDS STRBEFORE STRAFTER
YEAR MONTH DAY HOURS MINUTES SECONDS TIMEZONE TZ NOW UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE IF
STRLANG STRDT SAMETERM ISIRI ISURI ISBLANK ISLITERAL ISNUMERIC REGEX SUBSTR REPLACE EXISTS NOT IN COUNT SUM MIN
MAX AVG SAMPLE GROUP_CONCAT SEPARATOR TRUE FALSE TRIPLE SUBJECT PREDICATE OBJECT ISTRIPLE ADJUST LANGDIR HASLANG
HASLANGDIR STRLANGDIR
""".split())
# Keywords that start a part of a group other than a triple (a triple may end without "." before them).
GROUP_KEYWORDS = frozenset("FILTER OPTIONAL BIND VALUES MINUS UNION GRAPH SERVICE LATERAL".split())
BINARY = {"=", "!=", "<", ">", "<=", ">=", "&&", "||", "*", "/"}
OPEN, CLOSE = {"{": "}", "(": ")", "[": "]"}, {"}": "{", ")": "(", "]": "["}

_TOKEN = re.compile(
    r"""(?P<space>\s+)
    |(?P<comment>\#[^\n]*)
    |(?P<long>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*''')
    |(?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    |(?P<quote>["'])
    |(?P<iri><[^<>"{}|^`\\\s]*>)
    |(?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
    |(?P<pname>(?:[^\W\d_][\w.-]*)?:(?:[\w%:-]|\\[_~.!$&'()*+,;=/?\#@%-]|\.(?=[\w%:\\-]))*)
    |(?P<bnode>_:[\w.-]*\w)
    |(?P<lang>@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)
    |(?P<number>[+-]?(?:\d+\.\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|\d+(?:[eE][+-]?\d+)?))
    |(?P<word>[^\W\d][\w]*)
    |(?P<punct>\^\^|<<|>>|<=|>=|!=|&&|\|\||[{}()\[\].,;*=<>!+\-/^|?])
    |(?P<other>.)""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int


@dataclass(frozen=True)
class Problem:
    """What is wrong and where: an offset in the query text."""

    offset: int
    message: str
    near: bool = False  # whether the message should quote the line


def tokens(sparql: str) -> list[Token]:
    """The query's tokens, without spaces and comments."""
    out = []
    for match in _TOKEN.finditer(sparql):
        kind = match.lastgroup or "other"
        if kind not in ("space", "comment"):
            out.append(Token(kind, match.group(), match.start()))
    return out


def position(sparql: str, offset: int) -> tuple[int, int]:
    """(line, column), both from 1, of an offset."""
    line = sparql.count("\n", 0, offset) + 1
    return line, offset - (sparql.rfind("\n", 0, offset) + 1) + 1


def offset_of(sparql: str, line: int, column: int) -> int:
    """The offset of a (line, column) position, clamped to the text."""
    lines = sparql.split("\n")
    if line < 1:
        return 0
    if line > len(lines):
        return len(sparql)
    return min(sum(len(x) + 1 for x in lines[: line - 1]) + max(column - 1, 0), len(sparql))


def _word(token: Token) -> str:
    return token.text.upper() if token.kind == "word" else ""


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word.upper(), sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else ""


# ---------------------------------------------------------------- the checks, in the order they are tried


def _check_strings(toks: list[Token]) -> Problem | None:
    for tok in toks:
        if tok.kind == "quote":
            return Problem(tok.start, f"unterminated string: the {tok.text} here is never closed on its line",
                           near=True)
    return None


def _check_iris(sparql: str, toks: list[Token]) -> Problem | None:
    for tok in toks:
        if tok.kind == "punct" and tok.text == "<":
            match = re.match(r"<([A-Za-z][\w+.-]*:[^<>\n]*?)>", sparql[tok.start:])
            if match and re.search(r"[\s\"{}|^`\\]", match.group(1)):
                return Problem(tok.start, f"malformed IRI {match.group()}: an IRI cannot hold spaces, "
                                          "quotes, braces or backslashes")
    return None


def _check_form(toks: list[Token]) -> Problem | None:
    """The prologue (PREFIX, BASE) and then SELECT, CONSTRUCT, ASK or DESCRIBE."""
    i = 0
    while i < len(toks) and _word(toks[i]) in ("PREFIX", "BASE"):
        keyword = _word(toks[i])
        if keyword == "PREFIX":
            if i + 2 >= len(toks) or toks[i + 1].kind != "pname" or not toks[i + 1].text.endswith(":") \
                    or toks[i + 2].kind != "iri":
                return Problem(toks[i].start, "PREFIX needs a name ending in ':' and an <IRI> "
                                              "(PREFIX ex: <http://example.org/>)")
            i += 3
        else:
            if i + 1 >= len(toks) or toks[i + 1].kind != "iri":
                return Problem(toks[i].start, "BASE needs an <IRI>")
            i += 2
    if i >= len(toks):
        return Problem(toks[-1].start + len(toks[-1].text) if toks else 0,
                       "no query after the PREFIX lines (expected SELECT, CONSTRUCT, ASK or DESCRIBE)")
    first = toks[i]
    word = _word(first)
    if word in FORMS:
        return None
    if word in UPDATES:
        return Problem(first.start, f"'{first.text}' is SPARQL Update: kg query only reads "
                                    "(SELECT, CONSTRUCT, ASK or DESCRIBE)")
    what = f"unknown keyword '{first.text}'" if first.kind == "word" and word not in KEYWORDS \
        else f"a query starts with SELECT, CONSTRUCT, ASK or DESCRIBE, not '{first.text}'"
    if what.startswith("unknown"):
        what += " (expected SELECT, CONSTRUCT, ASK or DESCRIBE)"
    return Problem(first.start, what)


def _check_clauses(toks: list[Token]) -> Problem | None:
    """ORDER and GROUP take BY, LIMIT and OFFSET a whole number, and a query does not end at its keyword."""
    for i, tok in enumerate(toks):
        word = _word(tok)
        after = toks[i + 1] if i + 1 < len(toks) else None
        if word in ("ORDER", "GROUP") and (after is None or _word(after) != "BY"):
            return Problem(tok.start, f"{tok.text} needs BY ({word} BY ?variable)")
        if word == "BY" and after is None:
            return Problem(tok.start, f"{toks[i - 1].text} BY needs a variable or an expression after it")
        if word in ("LIMIT", "OFFSET") and (after is None or not re.fullmatch(r"\d+", after.text)):
            found = f", not '{after.text}'" if after else " after it"
            return Problem(tok.start, f"{tok.text} needs a whole number{found}")
        if word in FORMS and after is None:
            needs = {"SELECT": "the variables to return (or *) and a WHERE { } group", "ASK": "a { } group",
                     "CONSTRUCT": "a { } template and a WHERE { } group", "DESCRIBE": "an <IRI> or a ?variable"}
            return Problem(tok.start, f"the query ends at {tok.text}, which needs {needs[word]}")
    return None


def _check_words(toks: list[Token], prefixes: Iterable[str]) -> Problem | None:
    """Words that are no keyword, and prefixes nobody declared: the first one in the text."""
    known = {p.lower() for p in prefixes}
    known |= {nxt.text[:-1].lower() for tok, nxt in zip(toks, toks[1:], strict=False) if _word(tok) == "PREFIX"}
    for i, tok in enumerate(toks):
        if tok.kind == "word" and tok.text != "a" and tok.text.upper() not in KEYWORDS:
            return Problem(tok.start, f"unknown keyword '{tok.text}'{_suggest(tok.text, KEYWORDS)}")
        if tok.kind == "pname" and not (i and _word(toks[i - 1]) == "PREFIX"):
            prefix = tok.text.split(":", 1)[0]
            if prefix.lower() not in known:
                hint = f"PREFIX {prefix}: <…>" if prefix else "PREFIX : <…>"
                return Problem(tok.start, f"unknown prefix '{prefix}:' in {tok.text} (declare it: {hint})")
    return None


def _check_brackets(toks: list[Token]) -> Problem | None:
    stack: list[Token] = []
    for tok in toks:
        if tok.kind != "punct":
            continue
        if tok.text in OPEN:
            stack.append(tok)
        elif tok.text in CLOSE:
            if not stack:
                return Problem(tok.start, f"'{tok.text}' closes nothing: no '{CLOSE[tok.text]}' is open here",
                               near=True)
            opened = stack.pop()
            if OPEN[opened.text] != tok.text:
                return Problem(tok.start, f"'{tok.text}' here, but the '{opened.text}' opened before it "
                                          f"needs '{OPEN[opened.text]}' first", near=True)
    if stack:
        return Problem(stack[-1].start, f"'{stack[-1].text}' opened here is never closed "
                                        f"(add '{OPEN[stack[-1].text]}')", near=True)
    return None


def _check_operators(toks: list[Token]) -> Problem | None:
    for i, tok in enumerate(toks):
        if tok.kind != "punct" or tok.text not in BINARY:
            continue
        before = toks[i - 1] if i else None
        after = toks[i + 1] if i + 1 < len(toks) else None
        if tok.text == "*" and before is not None and (_word(before) in ("SELECT", "DISTINCT", "REDUCED")
                                                       or before.text == "("):
            continue  # SELECT * and COUNT(*)
        if tok.text in ("*", "/") and before is not None and before.kind in ("iri", "pname", "punct") \
                and before.text not in ("(", ","):
            continue  # a property path: p* or p1/p2
        if after is None or after.text in (")", ",", "}", "]", ".", ";"):
            return Problem(tok.start, f"'{tok.text}' has nothing on its right", near=True)
        if before is None or before.text in ("(", ","):
            return Problem(tok.start, f"'{tok.text}' has nothing on its left", near=True)
    return None


_TERM = {"var", "iri", "pname", "string", "long", "number", "bnode"}
_NEED = {None: 3, ";": 2, ",": 1}  # terms a part of a triple needs: all three, after ';', after ','


def _triple_problem(terms: list[Token]) -> Problem | None:
    """A run of simple terms (and ';' ','), ended by '.', '}' or a keyword: is it a whole triple?"""
    if not terms:
        return None
    text = " ".join(t.text for t in terms)
    separator: str | None = None
    part: list[Token] = []
    for tok in [*terms, None]:
        if tok is not None and tok.text not in (";", ","):
            part.append(tok)
            continue
        need = _NEED[separator]
        if not part and separator == ";":
            pass  # "s p o ;" may end a triple
        elif len(part) < need:
            if separator == ",":
                return Problem(terms[0].start, f"an object is missing after ',' in '{text}'", near=True)
            return Problem(terms[0].start, f"the triple '{text}' has no object", near=True)
        elif len(part) > need:
            extra = part[need]
            before = " ".join(t.text for t in terms[: terms.index(extra)])
            return Problem(extra.start, f"'.' missing between '{before}' and '{extra.text}'", near=True)
        if tok is not None:
            separator, part = tok.text, []
    return None


def _check_triples(toks: list[Token]) -> Problem | None:
    """In each { } group: a triple without its object, or two triples without the '.' between them.

    Only runs of plain terms are checked; a path, a list, a blank-node property list or an
    expression makes the rest of that triple someone else's business (Oxigraph's).
    """
    stack: list[str] = []  # "group" ({ } of patterns), "data" (VALUES { }), "expr" (( ) and [ ])
    run: list[Token] = []
    skip = False  # the current triple holds something this check does not read
    keyword_led: list[bool] = []  # for each open "expr": opened right after a keyword (FILTER(, BIND(, f()
    values_next = name_next = attach_next = False

    def end_triple() -> Problem | None:
        nonlocal run, skip
        problem = None if skip else _triple_problem(run)
        run, skip = [], False
        return problem

    previous: Token | None = None
    for tok in toks:
        text, word = tok.text, _word(tok)
        in_group = bool(stack) and stack[-1] == "group"
        if tok.kind == "punct" and text == "{":
            if in_group and (problem := end_triple()):
                return problem
            stack.append("data" if values_next else "group")
            values_next = name_next = False
        elif tok.kind == "punct" and text in ("(", "["):
            led = previous is not None and previous.kind == "word"
            if in_group and not led:
                skip = True
            stack.append("expr")
            keyword_led.append(led)
        elif tok.kind == "punct" and text in CLOSE:
            closing = stack.pop() if stack else None
            if closing == "group" and (problem := end_triple()):
                return problem
            if closing == "expr" and keyword_led.pop() and stack and stack[-1] == "group":
                run, skip = [], False
            elif closing in ("group", "data"):
                run, skip = [], False
        elif word == "VALUES" and not in_group:
            values_next = True  # VALUES after the WHERE group: its { } holds data
        elif not in_group:
            pass
        elif text == ".":
            if problem := end_triple():
                return problem
        elif word in GROUP_KEYWORDS:
            if problem := end_triple():
                return problem
            values_next, name_next = word == "VALUES", word in ("GRAPH", "SERVICE")
            skip = True  # what follows the keyword is no triple
        elif name_next or attach_next:
            attach_next = False
            if tok.kind in _TERM:
                name_next = False
        elif tok.kind == "lang":
            pass  # "텍스트"@ko is one term
        elif text == "^^":
            attach_next = True
        elif tok.kind in _TERM or text in (";", ",") or (tok.kind == "word" and text == "a"):
            run.append(tok)
        else:
            skip = True  # a path, a keyword, an operator
        previous = tok
    return None


AGGREGATES = frozenset("COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT".split())


def _check_projection(toks: list[Token]) -> Problem | None:
    """Beside an aggregate (or with GROUP BY) a selected ?variable must be grouped: the outer SELECT."""
    start = next((i for i, t in enumerate(toks) if _word(t) == "SELECT"), None)
    if start is None:
        return None
    depth, plain, aggregated, i = 0, [], False, start + 1
    while i < len(toks) and not (depth == 0 and (_word(toks[i]) in ("WHERE", "FROM") or toks[i].text == "{")):
        tok = toks[i]
        depth += tok.text == "("
        depth -= tok.text == ")"
        aggregated |= _word(tok) in AGGREGATES
        if depth == 0 and tok.kind == "var":
            plain.append(tok)
        i += 1
    braces, grouped, in_group_by = 0, None, False
    for tok in toks[i:]:
        braces += (tok.text == "{") - (tok.text == "}")
        if braces == 0 and _word(tok) == "GROUP":
            grouped, in_group_by = set(), True
        elif braces == 0 and _word(tok) in ("HAVING", "ORDER", "LIMIT", "OFFSET", "VALUES"):
            in_group_by = False
        elif in_group_by and tok.kind == "var" and grouped is not None:
            grouped.add(tok.text[1:])
    if not aggregated and grouped is None:
        return None
    for var in plain:
        if var.text[1:] not in (grouped or set()):
            return Problem(var.start, f"{var.text} is selected beside an aggregate but not grouped: add GROUP BY "
                                      f"{var.text}, or select SAMPLE({var.text}) AS ?…")
    return None


def diagnose(sparql: str, prefixes: Iterable[str] = ()) -> Problem | None:
    """The first mistake the checks find in a query that does not parse, or None."""
    toks = tokens(sparql)
    if not toks:
        return Problem(0, "the query is empty")
    for check in (lambda: _check_strings(toks), lambda: _check_iris(sparql, toks), lambda: _check_form(toks),
                  lambda: _check_clauses(toks),
                  lambda: _check_words(toks, prefixes), lambda: _check_brackets(toks),
                  lambda: _check_operators(toks), lambda: _check_triples(toks),
                  lambda: _check_projection(toks)):
        if problem := check():
            return problem
    return None


# Oxigraph's own words inside an "expected one of ..." list, and ours for them.
_OXIGRAPH_PHRASES = {
    "The SELECT contains a variable that is unbound": "a selected variable is never bound by the query, or is "
    "neither grouped (GROUP BY) nor aggregated (COUNT, SAMPLE ...)",
    "IRI parsing failed": "malformed IRI",
    "Prefix not found": "unknown prefix",
}


def expected_in_words(problem: str) -> str:
    """Oxigraph's "expected one of ..." without its character classes, its own phrases in ours."""
    for phrase, words in _OXIGRAPH_PHRASES.items():
        if phrase in problem:
            return words
    match = re.match(r"expected (?:one of )?(.*)", problem, flags=re.S)
    if not match:
        return problem
    alternatives = re.sub(r"\[[^\]]*\]", " ", match.group(1))
    names = [a.strip() for a in alternatives.split(",")]
    names = [n for n in names if n and not n.startswith(("'", "|")) and "..=" not in n]
    return f"expected {', '.join(names[:8])}{' …' if len(names) > 8 else ''}" if names else "unexpected text"


def at_position(sparql: str, offset: int) -> str:
    """What stands at an offset: 'the token' or the end of the query."""
    for tok in tokens(sparql):
        if tok.start <= offset < tok.start + len(tok.text) or tok.start >= offset:
            return f"'{tok.text}'"
    return "the end of the query"
