"""Normalisers and finders for Korean quantities, money and dates (pure functions, no NLP models).

Why a package of its own: every extraction component needs the same reading of
"6,710억 개", "$5.6M" or "지난해 9월", and these readings are testable on plain strings.
The words they rely on live in kg/resources/lexicon/units.json.
"""

from kg.normalize.dates import DateMention, PartialDate, find_dates, parse_dateline
from kg.normalize.money import attach_converted, currency_code, parse_money
from kg.normalize.numbers import (
    LexiconError,
    Qualifier,
    Quantity,
    find_quantities,
    lexicon,
    parse_korean_number,
    render_korean_number,
)

__all__ = [
    "DateMention",
    "LexiconError",
    "PartialDate",
    "Qualifier",
    "Quantity",
    "attach_converted",
    "currency_code",
    "find_dates",
    "find_quantities",
    "lexicon",
    "parse_dateline",
    "parse_korean_number",
    "parse_money",
    "render_korean_number",
]
