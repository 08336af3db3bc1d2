"""Money amounts: currency words and symbols to ISO 4217, and converted amounts in parentheses.

Why: costs, investment plans and valuations must land in the graph as a
schema:MonetaryAmount (decimal value + ISO 4217 code), while Korean news writes
"460만 달러", "10억달러", "$5.6M", "73억원($5.6M)", "3,800억 위안(한화 약 75조원)".

Rule for two amounts of one sum: the amount stated first is the value and the one in
parentheses becomes alt_value/alt_unit (never a second Quantity), whatever the
currencies, because Korean news states the original first and the conversion after
("3,800억 위안(한화 약 75조원)"). Only a marker from currencies.original_markers
inside the parentheses (원문, 현지 통화) swaps them. Hedges inside the parentheses
(한화 약 ...) do not change the qualifier of the stated amount.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from kg.normalize.numbers import Quantity, find_quantities, lexicon

MAX_PAREN = 40  # a conversion in parentheses is short; longer asides are not conversions


def currency_code(word: str) -> str | None:
    """ISO 4217 code of a currency word or symbol ("달러" -> "USD", "元" -> "CNY", "$" -> "USD")."""
    lex = lexicon()
    word = word.strip()
    unit = lex.units.get(word)
    if unit is not None and unit.kind == "money":
        return unit.label
    return lex.currency_prefix.get(word)


def currency_before(s: str, i: int, floor: int = 0) -> tuple[int, str] | None:
    """A currency symbol written before the number at i ("$5.6M", "US$ 10억"): (symbol start, code)."""
    prefix = lexicon().currency_prefix
    end = i - 1 if i - 1 >= floor and s[i - 1] == " " else i
    for symbol in sorted(prefix, key=len, reverse=True):
        at = end - len(symbol)
        if at >= floor and s.startswith(symbol, at):
            return at, prefix[symbol]
    return None


def _only_markers(text: str) -> bool:
    """True when text holds nothing but conversion markers (한화, 약, 원문 ...) and spaces."""
    lex = lexicon()
    markers = sorted((*lex.alt_markers, *lex.original_markers), key=len, reverse=True)
    rest = text.strip(" :,")
    while rest:
        word = next((m for m in markers if rest.startswith(m)), None)
        if word is None:
            return False
        rest = rest[len(word):].strip(" :,")
    return True


def attach_converted(q: Quantity, sentence: str) -> Quantity:
    """Fold "(한화 약 75조원)" / "($5.6M)" right after a money amount into its alt_value."""
    k = q.end + 1 if sentence.startswith(" (", q.end) else q.end
    if not sentence.startswith("(", k):
        return q
    close = sentence.find(")", k + 1, k + 2 + MAX_PAREN)
    if close < 0:
        return q
    inner = sentence[k + 1:close]
    found = find_quantities(inner)
    if len(found) != 1 or found[0].kind != "money" or found[0].unit == q.unit:
        return q
    other = found[0]
    if other.alt_value is not None or inner[other.end:].strip() or not _only_markers(inner[:other.start]):
        return q
    q = replace(q, end=close + 1, text=sentence[q.start:close + 1])
    if any(marker in inner for marker in lexicon().original_markers):
        return replace(q, value=other.value, unit=other.unit, qualifier=other.qualifier,
                       alt_value=q.value, alt_unit=q.unit)
    return replace(q, alt_value=other.value, alt_unit=other.unit)


def parse_money(text: str) -> tuple[Decimal, str]:
    """("460만 달러" -> (4600000, "USD")): text must be one money amount and nothing else."""
    found = find_quantities(text)
    if len(found) != 1 or found[0].kind != "money" or found[0].text != text.strip():
        raise ValueError(f"not a money amount: {text!r}")
    assert found[0].unit is not None
    return found[0].value, found[0].unit
