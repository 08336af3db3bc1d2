"""Korean numbers and quantities in AI news: parse, render and find them in a sentence.

Why: parameter counts, costs, ranks and stock moves are written with Korean myriad
units (6,710억; 1조 2,000억; 1만5000), Latin suffixes (70B, 355B-A32B) and hedges
(약, 이상, 10여명); the graph needs exact numbers plus a qualifier. Every word comes
from kg/resources/lexicon/units.json, loaded once and validated on load.

Rules the extraction stage relies on (see also find_quantities):
- a number glued inside a Latin/alnum token (QwQ-32B, GPT-4o, V3, H100, 01.AI) is
  never reported, nor is a bare number without a unit (the "3.1" of Llama 3.1);
- ranges (2~3년, 2-3위, 1,000~2,000억원) are skipped, never halved or guessed;
- N년 with N above 999 (2025년) is a date, left to dates.py;
- kind "params": the counter 개 next to a parameter word (after it: "320억 개의
  파라미터", before it: "파라미터 수는 4050억 개"), or a Latin size of at least 1e9
  (70B, 1T, 355B-A32B), or any Latin size followed by a parameter word, or a Korean
  number of at least a million right before one without a counter (38억 파라미터);
- money: see money.py (the stated-first amount wins, the parenthesised one is alt_value).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

LEXICON_PARTS = ("resources", "lexicon", "units.json")
SIGN_WINDOW = 12  # characters searched on each side of a percent for 상승/하락 words
PARAM_WINDOW = 16  # characters searched before a count for 파라미터 수는 ...
LATIN_PARAMS_MIN = 10**9  # a bare 70B / 1T is a parameter size; a bare 3M or 4K is not
KOREAN_PARAMS_MIN = 10**6  # 38억 파라미터 is a size; "3 파라미터" is no model's


class Qualifier(StrEnum):
    """How the stated number relates to the true one (약 / 이상 / 이하 ...)."""

    EXACT = "exact"
    APPROXIMATE = "approximately"
    AT_LEAST = "atLeast"
    AT_MOST = "atMost"


class LexiconError(ValueError):
    """units.json is malformed: fail at load, not as silent misses later."""


@dataclass(frozen=True)
class Quantity:
    """A quantity found in a sentence; offsets are relative to that sentence."""

    start: int
    end: int
    text: str
    kind: str  # count | money | percent | bytes | rank | duration | params | ratio
    value: Decimal
    unit: str | None = None
    qualifier: Qualifier = Qualifier.EXACT
    alt_value: Decimal | None = None
    alt_unit: str | None = None
    sign: int = 0
    active: Decimal | None = None


@dataclass(frozen=True)
class UnitWord:
    """A word that may follow a number, with what it makes of the number."""

    kind: str  # percent | bytes | money | duration | rank | count | ratio | fraction
    label: str | None  # Quantity.unit: "%", ISO 4217 code, counter word, ISO 8601 designator
    factor: int = 1
    max_number: int | None = None  # 년 above this is a year, not a duration
    needs_suffix: bool = False  # 3일 alone is a date; 3일간 is a duration


@dataclass(frozen=True)
class Lexicon:
    """units.json, validated; word tuples are sorted longest first."""

    small_units: dict[str, int]
    big_units: dict[str, int]
    latin: dict[str, int]
    vague: tuple[str, ...]
    approx_infix: tuple[str, ...]
    particles: tuple[str, ...]
    units: dict[str, UnitWord]
    unit_words: tuple[str, ...]
    param_counters: frozenset[str]
    param_words: tuple[str, ...]
    param_links: tuple[str, ...]
    param_before_links: tuple[str, ...]
    range_marks: str
    duration_suffixes: tuple[str, ...]
    period_words: dict[str, str]  # 해마다 -> P1Y
    duration_followers: tuple[str, ...]
    currency_prefix: dict[str, str]
    alt_markers: tuple[str, ...]
    original_markers: tuple[str, ...]
    qualifier_prefix: dict[str, Qualifier]
    qualifier_suffix: dict[str, Qualifier]
    qualifier_joiners: tuple[str, ...]
    signs: dict[str, int]
    dates: dict[str, Any]


def _need(raw: Any, key: str, kind: type, where: str) -> Any:
    if not isinstance(raw, dict) or key not in raw:
        raise LexiconError(f"units.json: {where}: missing key {key!r}")
    value = raw[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise LexiconError(f"units.json: {where}.{key}: expected {kind.__name__}")
    return value


def _words(raw: Any, key: str, where: str) -> tuple[str, ...]:
    value = _need(raw, key, list, where)
    if not value or not all(isinstance(w, str) and w for w in value):
        raise LexiconError(f"units.json: {where}.{key}: expected a non-empty list of non-empty strings")
    return tuple(sorted(set(value), key=lambda w: (-len(w), w)))


def _table(raw: Any, key: str, where: str, check: Any) -> dict[str, Any]:
    value = _need(raw, key, dict, where)
    out: dict[str, Any] = {}
    for word, item in value.items():
        try:
            out[word] = check(item)
        except (TypeError, ValueError) as exc:
            raise LexiconError(f"units.json: {where}.{key}[{word!r}]: {exc}") from None
        if not word:
            raise LexiconError(f"units.json: {where}.{key}: empty word")
    return out


def _positive(item: Any) -> int:
    if not isinstance(item, int) or isinstance(item, bool) or item <= 0:
        raise ValueError(f"expected a positive integer, got {item!r}")
    return item


def _offset(item: Any) -> int:
    if not isinstance(item, int) or isinstance(item, bool) or abs(item) > 9:
        raise ValueError(f"expected a small integer offset, got {item!r}")
    return item


def _iso4217(item: Any) -> str:
    if not isinstance(item, str) or not re.fullmatch(r"[A-Z]{3}", item):
        raise ValueError(f"expected an ISO 4217 code, got {item!r}")
    return item


def _kind(*allowed: str) -> Any:
    def check(item: Any) -> str:
        if item not in allowed:
            raise ValueError(f"expected one of {allowed}, got {item!r}")
        return str(item)

    return check


def _add_unit(units: dict[str, UnitWord], word: str, unit: UnitWord) -> None:
    if word in units:
        raise LexiconError(f"units.json: unit word {word!r} is listed twice")
    units[word] = unit


_TOP_KEYS = frozenset({
    "_about", "numbers", "approx_infix", "particles", "counters", "param_counters", "param_words",
    "param_links", "param_before_links", "percent", "bytes", "ranks", "fraction", "range_marks", "durations",
    "duration_suffixes", "duration_followers", "currencies", "qualifiers", "signs", "dates", "period_words",
})


def _periods(raw: Any) -> dict[str, str]:
    if not isinstance(raw, dict) or not all(isinstance(k, str) and isinstance(v, str) and
                                            re.fullmatch(r"P\d+[YMWD]", v) for k, v in raw.items()):
        raise LexiconError("units.json: period_words maps words to ISO 8601 durations such as P1Y")
    return dict(raw)


def build_lexicon(raw: Any) -> Lexicon:
    """Validate the parsed units.json and index it; raises LexiconError naming the bad key."""
    if not isinstance(raw, dict):
        raise LexiconError("units.json: expected a JSON object")
    unknown = sorted(k for k in set(raw) - _TOP_KEYS if not k.startswith("_"))  # "_x": a note on x
    if unknown:
        raise LexiconError(f"units.json: unknown keys {unknown} (a typo?)")
    num = _need(raw, "numbers", dict, "")
    cur = _need(raw, "currencies", dict, "")
    qual = _need(raw, "qualifiers", dict, "")
    units: dict[str, UnitWord] = {}
    for word, label in _table(raw, "percent", "", _kind("%", "%p")).items():
        _add_unit(units, word, UnitWord("percent", label))
    for word, factor in _table(raw, "bytes", "", _positive).items():
        _add_unit(units, word, UnitWord("bytes", None, factor))
    for word, code in _table(cur, "suffix", "currencies", _iso4217).items():
        _add_unit(units, word, UnitWord("money", code))
    for i, item in enumerate(_need(raw, "durations", list, "")):
        where = f"durations[{i}]"
        word = _need(item, "word", str, where)
        designator = _kind("Y", "M", "W", "D", "H")(_need(item, "designator", str, where))
        cap = item.get("max_number")
        try:
            cap = None if cap is None else _positive(cap)
        except ValueError as exc:
            raise LexiconError(f"units.json: {where}.max_number: {exc}") from None
        needs_suffix = _need(item, "needs_suffix", bool, where)
        _add_unit(units, word, UnitWord("duration", designator, 1, cap, needs_suffix))
    for word in _words(raw, "ranks", ""):
        _add_unit(units, word, UnitWord("rank", None))
    for word, kind in _table(raw, "counters", "", _kind("count", "ratio")).items():
        _add_unit(units, word, UnitWord(kind, word))
    _add_unit(units, _need(raw, "fraction", str, ""), UnitWord("fraction", None))
    dates = _need(raw, "dates", dict, "")
    for key in ("dateline_labels", "relative_weeks", "year_parts", "month_parts", "vague_relative",
                "local_time_endings", "not_a_day_after", "not_a_year_after"):
        _words(dates, key, "dates")
    for key in ("relative_years", "relative_months", "relative_days"):
        _table(dates, key, "dates", _offset)
    _need(dates, "past_marker", str, "dates")
    sign_words = _need(raw, "signs", dict, "")
    signs = {w: 1 for w in _words(sign_words, "up", "signs")}
    signs.update({w: -1 for w in _words(sign_words, "down", "signs")})
    return Lexicon(
        small_units=_table(num, "small_units", "numbers", _positive),
        big_units=_table(num, "big_units", "numbers", _positive),
        latin={k.upper(): v for k, v in _table(num, "latin_suffixes", "numbers", _positive).items()}
        | {k.lower(): v for k, v in _table(num, "latin_words", "numbers", _positive).items()},
        vague=_words(num, "vague", "numbers"),
        approx_infix=_words(raw, "approx_infix", ""),
        particles=_words(raw, "particles", ""),
        units=units,
        unit_words=tuple(sorted(units, key=lambda w: (-len(w), w))),
        param_counters=frozenset(_words(raw, "param_counters", "")),
        param_words=_words(raw, "param_words", ""),
        param_links=_words(raw, "param_links", ""),
        param_before_links=_words(raw, "param_before_links", ""),
        range_marks="".join(_words(raw, "range_marks", "")),
        duration_suffixes=_words(raw, "duration_suffixes", ""),
        period_words=_periods(raw.get("period_words", {})),
        duration_followers=_words(raw, "duration_followers", ""),
        currency_prefix=_table(cur, "prefix", "currencies", _iso4217),
        alt_markers=_words(cur, "alt_markers", "currencies"),
        original_markers=_words(cur, "original_markers", "currencies"),
        qualifier_prefix=_table(qual, "prefix", "qualifiers", Qualifier),
        qualifier_suffix=_table(qual, "suffix", "qualifiers", Qualifier),
        qualifier_joiners=_words(qual, "joiners", "qualifiers"),
        signs=signs,
        dates=dates,
    )


@cache
def lexicon() -> Lexicon:
    """The packaged units.json, read and validated once per process."""
    text = resources.files("kg").joinpath(*LEXICON_PARTS).read_text(encoding="utf-8")
    return build_lexicon(json.loads(text))


_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?"
_NUM_RE = re.compile(_NUM)
_DIGIT = re.compile(r"\d")  # where find_quantities tries to read a number


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    lex = lexicon()
    small, big = "".join(lex.small_units), "".join(lex.big_units)
    group = rf"(?:{_NUM})(?:[{small}](?:{_NUM})?)*"
    suffixes = "|".join(re.escape(k) for k in sorted(lex.latin, key=len, reverse=True))
    letters = "".join(k + k.lower() for k in lex.latin if len(k) == 1)
    words = "|".join(re.escape(k) for k in lex.latin if len(k) > 1)
    params = "|".join(map(re.escape, lex.param_words))
    return {
        "korean": re.compile(rf"{group}(?:[{big}](?:\s?{group}[{big}])*(?:\s?{group})?)?"),
        "token": re.compile(rf"\s*(?:({_NUM})|([{small}])|([{big}]))"),
        "latin": re.compile(rf"(?:([{letters}])|\s?(?i:({words})))(?![A-Za-z0-9])"),
        "active": re.compile(rf"-A({_NUM})(?i:({suffixes}))(?![A-Za-z0-9])"),
        "latin_full": re.compile(rf"({_NUM})(?i:\s?({suffixes}))"),
        "param_after": re.compile(
            rf"(?:\s*(?:{'|'.join(map(re.escape, lex.param_links))}))*\s*(?:{params})"),
        "param_before": re.compile(
            rf"(?:{params})\s*(?:(?:{'|'.join(map(re.escape, lex.param_before_links))})\s*)*$"),
    }


def is_latin_size(text: str) -> bool:
    """Whether text is a number with a Latin size suffix of units.json and nothing else (7B, 1.5T, 16k)."""
    return _patterns()["latin_full"].fullmatch(text) is not None


def clean_decimal(value: Decimal) -> Decimal:
    """Integral values as plain integers (671000000000, not 6.71E+11); others without trailing zeros."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def parse_korean_number(text: str) -> Decimal:
    """Read "6,710억", "1조 2,000억", "1만5000", "5억 5천만", "3.5", "70B", "1.5T" as a number.

    Raises ValueError on anything else, including vague amounts (수십, 수천억) that
    have no value to give.
    """
    lex, pats = lexicon(), _patterns()
    s = text.strip()
    if any(s.startswith(word) for word in lex.vague):
        raise ValueError(f"vague amount, not a number: {text!r}")
    latin = pats["latin_full"].fullmatch(s)
    if latin:
        return clean_decimal(_decimal(latin[1]) * lex.latin[_latin_key(latin[2])])
    total, group, pending = Decimal(0), Decimal(0), None
    last_small = last_big = None
    pos, seen = 0, False
    while pos < len(s):
        m = pats["token"].match(s, pos)
        if not m or m.end() == pos:
            raise ValueError(f"not a Korean number: {text!r}")
        pos = m.end()
        number, small, big = m.groups()
        if number is not None:
            if pending is not None:
                raise ValueError(f"two numbers in a row: {text!r}")
            pending, seen = _decimal(number), True
        elif small is not None:
            unit = lex.small_units[small]
            if pending is None or (last_small is not None and unit >= last_small):
                raise ValueError(f"misplaced {small!r} in {text!r}")
            group, pending, last_small = group + pending * unit, None, unit
        else:
            unit = lex.big_units[big]
            value = group + (pending or 0)
            if not seen or value == 0 or (last_big is not None and unit >= last_big):
                raise ValueError(f"misplaced {big!r} in {text!r}")
            total, group, pending, last_small, last_big = total + value * unit, Decimal(0), None, None, unit
    if not seen:
        raise ValueError(f"not a number: {text!r}")
    return clean_decimal(total + group + (pending or 0))


def render_korean_number(n: int, *, commas: bool = False, spaces: bool = True) -> str:
    """Write n in Korean myriad units, e.g. 671000000000 -> "6710억", 1200000000000 -> "1조 2000억"."""
    if n < 0:
        return "-" + render_korean_number(-n, commas=commas, spaces=spaces)
    parts: list[str] = []
    for name, unit in sorted(lexicon().big_units.items(), key=lambda kv: -kv[1]):
        count, n = divmod(n, unit)
        if count:
            parts.append((f"{count:,}" if commas else str(count)) + name)
    if n or not parts:
        parts.append(f"{n:,}" if commas else str(n))
    return (" " if spaces else "").join(parts)


def _latin_key(suffix: str) -> str:
    return suffix.upper() if len(suffix) == 1 else suffix.lower()


def _is_hangul(c: str) -> bool:
    return "\uac00" <= c <= "\ud7a3" or "\u3131" <= c <= "\u318e"


def _is_latin_alnum(c: str) -> bool:
    return c.isascii() and c.isalnum()


def boundary_ok(s: str, k: int) -> bool:
    """After a Hangul unit word the next syllables must be a particle: 4개월 is not 4개, 원칙 is not 원."""
    if k >= len(s) or not _is_hangul(s[k]):
        return True
    return any(s.startswith(p, k) for p in lexicon().particles)


def _left_glued(s: str, i: int) -> bool:
    """The number at i continues a token on its left (QwQ-32B, V3, 3.1, 2~3, 06:01)."""
    if i == 0:
        return False
    c = s[i - 1]
    if _is_latin_alnum(c):
        return True
    return (c in ".,_:/" or c in lexicon().range_marks) and i >= 2 and s[i - 2].isalnum()


def _unit_at(s: str, j: int, spaced: bool) -> tuple[str, UnitWord, int] | None:
    """The longest unit word at j that ends on a word boundary; durations check their suffix."""
    lex = lexicon()
    for word in lex.unit_words:
        if not s.startswith(word, j):
            continue
        unit, end = lex.units[word], j + len(word)
        if spaced and unit.kind in ("rank", "fraction"):
            continue
        if _is_latin_alnum(word[-1]) and end < len(s) and _is_latin_alnum(s[end]):
            continue
        if unit.kind == "duration":
            suffix = next((x for x in lex.duration_suffixes if s.startswith(x, end)), None)
            if suffix:
                return word, unit, end + len(suffix)
            if unit.needs_suffix and not any(s.startswith(x, end) for x in lex.duration_followers):
                continue
        if unit.kind != "fraction" and _is_hangul(word[-1]) and not boundary_ok(s, end):
            continue
        return word, unit, end
    return None


def _iso_duration(value: Decimal, designator: str) -> str:
    number = format(value, "f")
    return f"PT{number}H" if designator == "H" else f"P{number}{designator}"


def _suffix_qualifier(s: str, k: int) -> tuple[Qualifier | None, int]:
    """약 ... 정도/이상/돌파: the qualifier after an amount, optionally after 를/이 and a space."""
    lex = lexicon()
    for joiner in ("", *lex.qualifier_joiners):
        if joiner and not s.startswith(joiner, k):
            continue
        for gap in ("", " "):
            at = k + len(joiner) + len(gap)
            for word, qualifier in sorted(lex.qualifier_suffix.items(), key=lambda kv: -len(kv[0])):
                if (joiner or gap) and word in lex.approx_infix:
                    continue
                if s.startswith(word, at):
                    return qualifier, at + len(word)
    return None, k


def _prefix_qualifier(s: str, start: int, floor: int) -> tuple[Qualifier | None, int]:
    lex = lexicon()
    end = start - 1 if start - 1 >= floor and s[start - 1] == " " else start
    for word, qualifier in sorted(lex.qualifier_prefix.items(), key=lambda kv: -len(kv[0])):
        at = end - len(word)
        if at >= floor and s.startswith(word, at) and (at == 0 or not s[at - 1].isalnum()):
            return qualifier, at
    return None, start


def _combine(*qualifiers: Qualifier | None) -> Qualifier:
    """A bound (이상/이하) beats a hedge (약); the later bound (the suffix) wins."""
    given = [q for q in qualifiers if q is not None and q is not Qualifier.EXACT]
    bounds = [q for q in given if q in (Qualifier.AT_LEAST, Qualifier.AT_MOST)]
    if bounds:
        return bounds[-1]
    return given[0] if given else Qualifier.EXACT


def _sign(s: str, start: int, end: int) -> int:
    """+1/-1 from 상승/급등/하락... next to a percent; words after it win (6% 하락, 급등(HK 8.4%))."""
    signs = lexicon().signs
    if start > 0 and s[start - 1] in "+-−▲▼" and (start < 2 or not s[start - 2].isalnum()):
        return -1 if s[start - 1] in "-−▼" else 1
    words = sorted(signs, key=len, reverse=True)
    after = re.split(r"[\d.!?;\n]", s[end:end + SIGN_WINDOW])[0]
    hits = [(after.find(w), signs[w]) for w in words if w in after]
    if hits:
        return min(hits)[1]
    before = re.split(r"[\d.!?;\n]", s[max(0, start - SIGN_WINDOW):start])[-1]
    hits = [(before.rfind(w) + len(w), signs[w]) for w in words if w in before]
    return max(hits)[1] if hits else 0


@dataclass(frozen=True)
class _Core:
    kind: str
    value: Decimal
    end: int
    unit: str | None = None
    approx: bool = False
    active: Decimal | None = None


def _latin_core(s: str, k: int, value: Decimal) -> _Core | None:
    lex, pats = lexicon(), _patterns()
    unit = _unit_at(s, k + 1 if s.startswith(" ", k) else k, s.startswith(" ", k))
    if unit and unit[1].kind == "money":
        return _Core("money", value, unit[2], unit[1].label)
    active = pats["active"].match(s, k)
    if active:
        share = clean_decimal(_decimal(active[1]) * lex.latin[_latin_key(active[2])])
        return _Core("params", value, active.end(), active=share)
    if value >= LATIN_PARAMS_MIN or pats["param_after"].match(s, k):
        return _Core("params", value, k)
    return None


def _korean_core(s: str, k: int, value: Decimal) -> _Core | None:
    lex = lexicon()
    for infix in ("", *lex.approx_infix):
        if infix and not s.startswith(infix, k):
            continue
        j = k + len(infix)
        found = _unit_at(s, j, False) or (_unit_at(s, j + 1, True) if s.startswith(" ", j) else None)
        if found:
            break
    else:
        return None
    word, unit, end = found
    approx = bool(infix)
    if unit.kind == "count" and s.startswith(" ", j) and re.match(r"\s?\d", s[end:end + 2]):
        return None  # "1 대 1", a score, not one machine
    if unit.kind == "duration":
        if unit.max_number is not None and value > unit.max_number:
            return None
        return _Core("duration", value, end, _iso_duration(value, unit.label or "Y"), approx)
    if unit.kind == "fraction":
        m = re.compile(rf"\s?({_NUM})(?!\d)").match(s, end)
        if not m or value == 0:
            return None
        return _Core("ratio", clean_decimal(_decimal(m[1]) / value), m.end(), None, approx)
    if unit.kind == "rank" and value != value.to_integral_value():
        return None
    return _Core(unit.kind, clean_decimal(value * unit.factor), end, unit.label, approx)


def _read_quantity(s: str, i: int, floor: int) -> Quantity | None:
    """The quantity whose number starts at i, or None; nothing left of floor is taken."""
    from kg.normalize import money  # money builds on this module

    lex, pats = lexicon(), _patterns()
    if _left_glued(s, i):
        return None
    number = _NUM_RE.match(s, i)
    korean = pats["korean"].match(s, i)
    if number is None or korean is None:
        return None
    latin = pats["latin"].match(s, number.end())
    k = latin.end() if latin else korean.end()
    if k < len(s) - 1 and s[k] in lex.range_marks and s[k + 1].isdigit():
        return None
    try:
        value = parse_korean_number(s[i:k])
    except ValueError:
        return None
    prefix = money.currency_before(s, i, floor)
    if prefix:
        core: _Core | None = _Core("money", value, k, prefix[1])
    elif latin:
        core = _latin_core(s, k, value)
    else:
        core = _korean_core(s, k, value)
        if core is None and value >= KOREAN_PARAMS_MIN and pats["param_after"].match(s, k):
            core = _Core("params", value, k)  # 38억 파라미터, 70억 매개변수: no counter, the word says it
    if core is None:
        return None
    after_q, end = _suffix_qualifier(s, core.end)
    start = prefix[0] if prefix else i
    before_q, start = _prefix_qualifier(s, start, floor)
    kind = core.kind
    before = s[max(floor, start - PARAM_WINDOW):start]
    if kind == "count" and core.unit in lex.param_counters and (
        pats["param_after"].match(s, end) or pats["param_before"].search(before)
    ):
        kind = "params"
    q = Quantity(start, end, s[start:end], kind, core.value, None if kind == "params" else core.unit,
                 _combine(before_q, Qualifier.APPROXIMATE if core.approx else None, after_q),
                 active=core.active)
    if kind == "percent":
        q = replace(q, sign=_sign(s, start, end))
    if kind == "money":
        q = money.attach_converted(q, s)
    return q


def find_quantities(sentence: str) -> list[Quantity]:
    """Every quantity in the sentence, non-overlapping and sorted by start; never raises on text."""
    found: list[Quantity] = []
    floor = 0
    for m in _DIGIT.finditer(sentence):
        i = m.start()
        if i < floor or (i > 0 and sentence[i - 1].isdigit()):
            continue
        q = _read_quantity(sentence, i, floor)
        if q is not None:
            found.append(q)
            floor = q.end
    for word, period in lexicon().period_words.items():  # 해마다, 매년: a period without a number
        if word not in sentence:  # most sentences hold none: no pattern made for nothing
            continue
        for m in re.finditer(re.escape(word), sentence):
            if (m.start() == 0 or not sentence[m.start() - 1].isalnum()) and \
                    not any(q.start < m.end() and m.start() < q.end for q in found):
                found.append(Quantity(m.start(), m.end(), word, "duration", Decimal(1), unit=period))
    return sorted(found, key=lambda q: q.start)


__all__ = [
    "Lexicon",
    "LexiconError",
    "Qualifier",
    "Quantity",
    "UnitWord",
    "boundary_ok",
    "build_lexicon",
    "clean_decimal",
    "find_quantities",
    "lexicon",
    "parse_korean_number",
    "render_korean_number",
]
