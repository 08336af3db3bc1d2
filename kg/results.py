"""What a query answered, as RDF terms and as Python values, and how it is shown.

`QueryResult` holds named columns of terms (None where unbound); `render` prints
it as an aligned table (Hangul and CJK count two columns: `삼성전자` is eight
wide), CSV, TSV, JSON records or Turtle; `to_dataframe` gives pandas the values,
numbers as numbers. kg/query.py runs the queries and re-exports these names.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from wcwidth import wcswidth

from kg.errors import UserError
from kg.graph.store import PREFIXES

if TYPE_CHECKING:
    import pandas

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGER_TYPES = {
    XSD + name
    for name in (
        "integer int long short byte nonNegativeInteger positiveInteger negativeInteger "
        "nonPositiveInteger unsignedLong unsignedInt unsignedShort unsignedByte"
    ).split()
}
FLOAT_TYPES = {XSD + "decimal", XSD + "double", XSD + "float"}
FORMATS = ("table", "csv", "tsv", "json", "turtle")

# A prologue every ad-hoc query gets for free, so `aikg:AIModel` works on the command line.
DEFAULT_PREFIXES = dict(PREFIXES)


# ---------------------------------------------------------------- results


@dataclass
class QueryResult:
    """What a query answered: named columns of RDF terms (None where unbound).

    `kind` is "select", "ask" (one boolean row) or "graph" (CONSTRUCT/DESCRIBE:
    subject, predicate, object rows).
    """

    columns: list[str]
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    kind: str = "select"
    total: int | None = None  # rows of the whole answer, when `rows` holds only its first page (a limit)

    def __len__(self) -> int:
        return len(self.rows)

    def values(self) -> list[tuple[Any, ...]]:
        """The rows as Python values (int, float, bool, str, None)."""
        return [tuple(to_python(term) for term in row) for row in self.rows]

    def records(self) -> list[dict[str, Any]]:
        """The rows as dicts keyed by column name."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.values()]


def to_python(term: Term | None) -> Any:
    """A term as the Python value a notebook wants: numbers as numbers, the rest as strings."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in INTEGER_TYPES:
                return int(term.value)
            if datatype in FLOAT_TYPES:
                return float(term.value)
        except ValueError:
            return term.value
        if datatype == XSD + "boolean":
            return term.value in ("true", "1")
        return term.value
    return str(term)


def compact_iri(iri: str) -> str:
    """`https://w3id.org/aikg/id/deepseek` -> `id:deepseek`, for tables people read."""
    best = ""
    for prefix, namespace in DEFAULT_PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(DEFAULT_PREFIXES.get(best, "")):
            best = prefix
    return f"{best}:{iri[len(DEFAULT_PREFIXES[best]) :]}" if best else f"<{iri}>"


def display(term: Term | None, compact: bool = True) -> str:
    """A term as text: the lexical form of literals, IRIs compacted for tables."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact_iri(term.value) if compact else term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


# ---------------------------------------------------------------- rendering


def text_width(text: str) -> int:
    """Columns a string takes in a terminal: Hangul and CJK count two."""
    width = wcswidth(text)
    return width if width >= 0 else sum(max(wcswidth(ch), 0) for ch in text)


def _cell_text(text: str, max_width: int | None) -> str:
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ").replace("\t", " ")
    if max_width and text_width(text) > max_width:
        out, width = [], 0
        for ch in text:
            w = max(wcswidth(ch), 0)
            if width + w > max_width - 1:
                break
            out.append(ch)
            width += w
        text = "".join(out) + "…"
    return text


def _is_number(term: Term | None) -> bool:
    return isinstance(term, ox.Literal) and term.datatype.value in INTEGER_TYPES | FLOAT_TYPES


def render_table(result: QueryResult, max_width: int | None = 60) -> str:
    """An aligned text table; widths count display columns, so Korean text lines up."""
    cells = [[_cell_text(display(t), max_width) for t in row] for row in result.rows]
    widths = [text_width(c) for c in result.columns]
    for row in cells:
        widths = [max(w, text_width(c)) for w, c in zip(widths, row, strict=True)]
    numeric = [
        bool(result.rows) and all(r[i] is None or _is_number(r[i]) for r in result.rows)
        for i in range(len(result.columns))
    ]

    def line(values: Iterable[str]) -> str:
        parts = []
        for i, value in enumerate(values):
            pad = " " * (widths[i] - text_width(value))
            parts.append(pad + value if numeric[i] else value + pad)
        return "  ".join(parts).rstrip()

    out = [line(result.columns), "  ".join("-" * w for w in widths)]
    out += [line(row) for row in cells]
    count = len(result.rows)
    if result.total is not None and result.total > count:
        out.append(f"({count:,} of {result.total:,} rows: the first page; --limit N for more, --limit 0 for all)")
    else:
        out.append(f"({count} row{'s' if count != 1 else ''})")
    return "\n".join(out) + "\n"


def render(result: QueryResult, fmt: str = "table", max_width: int | None = 60) -> str:
    """The result as `table`, `csv`, `tsv`, `json` (a list of records) or `turtle` (graph answers)."""
    if fmt == "table":
        return render_table(result, max_width)
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        if fmt == "csv":
            writer = csv.writer(buffer, lineterminator="\n")
            writer.writerow(result.columns)
            writer.writerows([display(t, compact=False) for t in row] for row in result.rows)
        else:
            buffer.write("\t".join(result.columns) + "\n")
            for row in result.rows:
                values = [display(t, compact=False) for t in row]
                escaped = [v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n") for v in values]
                buffer.write("\t".join(escaped).replace("\r", "\\r") + "\n")
        return buffer.getvalue()
    if fmt == "json":
        if result.kind == "ask":
            return json.dumps(to_python(result.rows[0][0])) + "\n"
        return json.dumps(result.records(), ensure_ascii=False, indent=1) + "\n"
    if fmt == "turtle":
        if result.kind != "graph":
            raise UserError("--format turtle is for CONSTRUCT and DESCRIBE queries")
        triples = sorted({ox.Triple(*row) for row in result.rows}, key=str)
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=DEFAULT_PREFIXES).decode("utf-8")
    raise UserError(f"unknown format {fmt!r} (use {', '.join(FORMATS)})")


# ---------------------------------------------------------------- notebooks


def to_dataframe(result: QueryResult) -> pandas.DataFrame:
    """The result as a pandas DataFrame of Python values (numbers stay numbers)."""
    import pandas as pd

    columns: dict[str, Any] = {}
    for i, name in enumerate(result.columns):
        values = [row[i] for row in result.values()] if result.rows else []
        present = [v for v in values if v is not None]
        if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
            columns[name] = pd.array(values, dtype="Int64" if len(present) < len(values) else "int64")
        elif present and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
            floats = [float("nan") if v is None else float(v) for v in values]
            columns[name] = pd.array(floats, dtype="float64")
        else:
            columns[name] = pd.array(values, dtype=object)
    return pd.DataFrame(columns, columns=result.columns)
