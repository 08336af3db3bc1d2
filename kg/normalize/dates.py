"""Dates in Korean AI news: absolute, partial and relative mentions, resolved against publication.

Why: aikg:releaseDate must be exactly as precise as the text (xsd:date, gYearMonth,
gYear), and CONTRACT §1 resolves relative dates only when the publication date is
precise enough (지난해 9월 needs its year, 지난 16일 its month, 어제 its day). What
cannot be resolved is kept as text with value None, never guessed.

Resolution rules (GRACE_DAYS = 7):
- 2025년 1월 28일, 2025. 3. 7., 2024-02-16, 2024.02, 2023년 12월, 2030년: as written.
- N월 / N월 D일 without a year: the publication year, or the year before when the
  date would begin more than GRACE_DAYS after the publication date's last possible
  day (published 2025-02-01: 12월 8일 -> 2024-12-08, 2월 3일 -> 2025-02-03); a
  publication date known to the year only lends just its year.
- D일, D일(현지시간), 지난 D일: day D of the publication month, or of the month
  before when D lies after the publication day (+GRACE_DAYS for D일 without 지난);
  with a month-precision publication date, the publication month.
- 지난 N월 (D일): the latest such month (date) strictly before publication.
- 지난해/작년/올해/내년 (N월 (D일)), 지난달/이달/다음 달 (D일), 어제/오늘/그제: by
  calendar offset. 초/말/중순/상반기 keep the precision and set approximate.
- 지난주/이번 주, 며칠 뒤/얼마 전: relative and approximate, value None (a week is
  not a year, month or day).
- A bare D일 takes its year and month, and a bare N월 (D일) its year, from the
  mention right before it when at most INHERIT_GAP characters (과, 와, ·, ~) part
  them: 2023년 3월과 5월 -> 2023-05, 지난해 11월과 12월 -> both last year.
Durations (2~3년, 1년간, 8개월) and decades (1990년대) are not dates.

korean-datetime 1.0.0 (PyPI, MIT, no deps), tried on this module's test sentences with
Cycle.NEAREST: good on absolute forms, 지난해 N월, N일(현지시간) and 지난달 N일, but it
misses 지난 16일 and 며칠 뒤, drops 초/말 (올해 말 -> 올해), reads 지난 1년간 and
4개월 후 as dates, and needs a full datetime as "now" so it cannot honour a
month-precision publication date. Not adopted: our rules are smaller and follow the contract.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from typing import Any

from kg.normalize.numbers import boundary_ok, lexicon

GRACE_DAYS = 7  # news mentions a few days ahead of its dateline (발표 예정) more often than a year ago
INHERIT_GAP = 3  # "과 ", "~", "·": how far a list item may stand from the mention it borrows from
_PRECISION = ("year", "month", "day")


@dataclass(frozen=True)
class PartialDate:
    """A date known to year, month or day precision (xsd:gYear / gYearMonth / date)."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year out of range: {self.year}")
        if self.month is None:
            if self.day is not None:
                raise ValueError("a day needs a month")
        elif not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        elif self.day is not None:
            date(self.year, self.month, self.day)

    @property
    def precision(self) -> str:
        """"year", "month" or "day"."""
        return "day" if self.day is not None else "month" if self.month is not None else "year"

    def iso(self) -> str:
        """"2025", "2025-03" or "2025-03-07"."""
        parts = [f"{self.year:04d}"] + [f"{x:02d}" for x in (self.month, self.day) if x is not None]
        return "-".join(parts)

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    @classmethod
    def parse(cls, s: str) -> PartialDate:
        """Read "2025", "2025-03" or "2025-03-07"; raises ValueError otherwise."""
        m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", s.strip())
        if not m:
            raise ValueError(f"not a YYYY, YYYY-MM or YYYY-MM-DD date: {s!r}")
        return cls(*(int(g) if g else None for g in m.groups()))  # type: ignore[arg-type]

    def __str__(self) -> str:
        return self.iso()


@dataclass(frozen=True)
class DateMention:
    """A date expression in a sentence; value None when it cannot be resolved."""

    start: int
    end: int
    text: str
    value: PartialDate | None
    relative: bool
    approximate: bool = False


def _make(year: int, month: int | None = None, day: int | None = None) -> PartialDate | None:
    try:
        return PartialDate(year, month, day)
    except ValueError:
        return None


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    y, m = divmod(year * 12 + month - 1 + delta, 12)
    return y, m + 1


def _is_duration(sentence: str, end: int) -> bool:
    """3일간, 3일 동안, 3일 뒤에: a count of days, not a day of the month (16일 전격 공개 still is)."""
    for marker in lexicon().dates["not_a_day_after"]:
        if sentence.startswith(marker, end) and boundary_ok(sentence, end + len(marker)):
            return True
    return False


def _alt(words: Any) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_A_DIGIT = re.compile(r"\d")
# the patterns of `_patterns` that may match without a digit: they start with a word of the lexicon
_WORDED = frozenset({"rel_y", "rel_m", "rel_d", "rel_w", "vague"})


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    """(name, pattern) in priority order; at one start the longer match wins, then the earlier name."""
    d = lexicon().dates
    y, m, dd = r"(19\d\d|2[01]\d\d)", r"(1[0-2]|0?[1-9])", r"(3[01]|[12]\d|0?[1-9])"
    nb = r"(?<![\d.,~∼〜\-–A-Za-z])"
    hb = r"(?<![가-힣])"
    parts = _alt(set(d["year_parts"]) | set(d["month_parts"]))
    past = re.escape(d["past_marker"])
    table = {
        "ymd_ko": rf"{nb}{y}\s*년\s*{m}\s*월\s*{dd}\s*일",
        "ym_ko": rf"{nb}{y}\s*년\s*{m}\s*월(?:\s*({parts}))?",
        "y_ko": rf"{nb}{y}\s*년(?!{_alt(d['not_a_year_after'])})(?:\s*({parts}))?",
        "ymd_num": rf"(?<![\d.]){y}\s?([./-])\s?{m}\s?\2\s?{dd}(?:\s?\.(?!\d))?(?!\d)",
        "ym_num": rf"(?<![\d.]){y}([.-])(0[1-9]|1[0-2])(?!\d|[.-]\d)",
        "rel_y": rf"{hb}({_alt(d['relative_years'])})(?:\s*{m}\s*월(?:\s*{dd}\s*일)?)?(?:\s*({parts}))?",
        "rel_m": rf"{hb}({_alt(d['relative_months'])})(?:\s*{dd}\s*일)?(?:\s*({parts}))?",
        "past_md": rf"{hb}{past}\s*{m}\s*월(?:\s*{dd}\s*일)?",
        "past_d": rf"{hb}{past}\s*{dd}\s*일(?!\d)",
        "rel_d": rf"{hb}({_alt(d['relative_days'])})",
        "rel_w": rf"{hb}({_alt(d['relative_weeks'])})",
        "vague": rf"{hb}({_alt(d['vague_relative'])})",
        "md": rf"{nb}{m}\s*월\s*{dd}\s*일(?!\d)",
        "m": rf"{nb}{m}\s*월(?:\s*({_alt(d['month_parts'])}))?",
        "d_local": rf"{nb}{dd}\s*일\s*\([^()]{{0,12}}(?:{_alt(d['local_time_endings'])})\)",
        "d_bare": rf"{nb}{dd}\s*일(?!\d)",
    }
    return [(name, re.compile(p)) for name, p in table.items()]


def _yearless(pub: PartialDate | None, month: int, day: int | None) -> PartialDate | None:
    """N월 (D일) with no year: see the module docstring."""
    if pub is None:
        return None
    if pub.month is None:
        return _make(pub.year, month, day)
    limit = pub.last_day() + timedelta(days=GRACE_DAYS)
    same = limit.year > pub.year or (month, day or 1) <= (limit.month, limit.day)
    return _make(pub.year if same else pub.year - 1, month, day)


def _day_of_month(pub: PartialDate | None, day: int, strict: bool) -> PartialDate | None:
    """D일 / 지난 D일: the publication month, or the one before when D is after the publication day."""
    if pub is None or pub.month is None:
        return None
    year, month = pub.year, pub.month
    if pub.day is not None and day > pub.day + (0 if strict else GRACE_DAYS):
        year, month = _shift_month(year, month, -1)
    return _make(year, month, day)


def _past_month(pub: PartialDate | None, month: int, day: int | None) -> PartialDate | None:
    """지난 N월 (D일): the latest one strictly before publication."""
    if pub is None or pub.month is None:
        return None
    before = month < pub.month or (month == pub.month and day is not None and pub.day is not None
                                   and day < pub.day)
    return _make(pub.year if before else pub.year - 1, month, day)


def _num(g: str | None) -> int | None:
    return int(g) if g else None


def _resolve(name: str, m: re.Match[str], pub: PartialDate | None) -> tuple[PartialDate | None, bool, bool]:
    """(value, relative, approximate) of one match."""
    d = lexicon().dates
    g = m.groups()
    if name in ("ymd_ko", "ym_ko", "y_ko"):
        nums = [int(x) for x in g if x and x.isdigit()]
        return _make(*nums), False, name != "ymd_ko" and bool(g[-1] and not g[-1].isdigit())
    if name == "ymd_num":
        return _make(int(g[0]), int(g[2]), int(g[3])), False, False
    if name == "ym_num":
        return _make(int(g[0]), int(g[2])), False, False
    if name == "rel_y":
        value = None if pub is None else _make(pub.year + d["relative_years"][g[0]], _num(g[1]), _num(g[2]))
        return value, True, bool(g[3])
    if name == "rel_m":
        value = None
        if pub is not None and pub.month is not None:
            year, month = _shift_month(pub.year, pub.month, d["relative_months"][g[0]])
            value = _make(year, month, _num(g[1]))
        return value, True, bool(g[2])
    if name == "past_md":
        return _past_month(pub, int(g[0]), _num(g[1])), True, False
    if name == "past_d":
        return _day_of_month(pub, int(g[0]), strict=True), True, False
    if name == "rel_d":
        if pub is None or pub.day is None:
            return None, True, False
        day = pub.first_day() + timedelta(days=d["relative_days"][g[0]])
        return PartialDate(day.year, day.month, day.day), True, False
    if name in ("rel_w", "vague"):
        return None, True, True
    if name == "md":
        return _yearless(pub, int(g[0]), int(g[1])), False, False
    if name == "m":
        return _yearless(pub, int(g[0]), None), False, bool(g[1])
    return _day_of_month(pub, int(g[0]), strict=False), False, False  # d_local, d_bare


_YEAR_NAMES = frozenset({"ymd_ko", "ym_ko", "y_ko", "ymd_num", "ym_num", "rel_y"})


def _inherit(name: str, m: re.Match[str], prior: DateMention | None, prior_has_year: bool,
             sentence: str) -> PartialDate | None:
    """2023년 3월과 5월 / 12월 8일과 21일: take the missing year (month) from the mention just before."""
    if prior is None or prior.value is None or m.start() - prior.end > INHERIT_GAP:
        return None
    if any(c.isdigit() for c in sentence[prior.end:m.start()]):
        return None
    base = prior.value
    if name in ("d_bare", "d_local") and base.month is not None:
        return _make(base.year, base.month, int(m.group(1)))
    if not prior_has_year:
        return None
    if name == "md":
        return _make(base.year, int(m.group(1)), int(m.group(2)))
    if name == "m":
        return _make(base.year, int(m.group(1)))
    return None


def find_dates(sentence: str, published: PartialDate | None) -> list[DateMention]:
    """Date mentions in one sentence, sorted and non-overlapping; relative ones resolved against published."""
    candidates: list[tuple[int, int, int, str, re.Match[str]]] = []
    # about half of a news article's sentences hold no digit ("회사는 지난주 새 모델을 내놓았다"): only
    # the worded patterns can match there, and each pattern left out is one scan of the sentence less
    digits = _A_DIGIT.search(sentence) is not None
    for rank, (name, pattern) in enumerate(_patterns()):
        if not digits and name not in _WORDED:
            continue
        for m in pattern.finditer(sentence):
            if name in ("past_d", "d_bare") and _is_duration(sentence, m.end()):
                continue
            if m.end() > m.start() and boundary_ok(sentence, m.end()):
                candidates.append((m.start(), -(m.end() - m.start()), rank, name, m))
    found: list[DateMention] = []
    has_year = False  # whether the last mention's year was given by its own text (or borrowed from such)
    for start, _, _, name, m in sorted(candidates, key=lambda c: c[:3]):
        if found and start < found[-1].end:
            continue
        value, relative, approximate = _resolve(name, m, published)
        prior = found[-1] if found else None
        inherited = _inherit(name, m, prior, has_year, sentence)
        if inherited is not None and prior is not None:
            value, relative = inherited, prior.relative
        has_year = name in _YEAR_NAMES or (inherited is not None and has_year)
        found.append(DateMention(start, m.end(), m.group(), value, relative, approximate))
    return found


def find_day_anaphora(sentence: str, day: PartialDate | None) -> list[DateMention]:
    """"이날", "당일", "같은 날": the day the text spoke of last (`day`, a day-precise date), or nothing.

    News dates an event once ("7일(현지시간) 공개했다") and then says 이날 for it.
    """
    if day is None or day.precision != "day":
        return []
    # 그날 inside 그날그날, 이날 inside a longer word: no anaphor
    return _anaphors(sentence, lexicon().dates.get("anaphoric_days", ()), day,
                     lambda m: m.start() == 0 or not sentence[m.start() - 1].isalnum())


def find_moment_anaphora(sentence: str, spoken: PartialDate | None) -> list[DateMention]:
    """"당시", "이때": the date the text spoke of just before (`spoken`, at its precision), or nothing.

    "노바랩스가 처음 모델을 낸 것은 2022년 5월이다. 회사는 당시 두 모델을 공개했다": 당시 is 2022-05.
    Only where it stands for a time of its own: at the start of the sentence or after a topic,
    subject or 도 phrase; "출시 당시" (at the time of the launch) and "(당시 환율로)" are left.
    """
    if spoken is None:
        return []
    after = tuple(lexicon().dates.get("anaphoric_moment_after", ()))

    def stands_alone(m: re.Match[str]) -> bool:
        follows = sentence[m.end() : m.end() + 1]
        if follows and not (follows.isspace() or follows == ","):
            return False  # 당시의, 이때문에: another word
        before = sentence[: m.start()]
        previous = before.rstrip()
        return not previous or (before != previous and previous.endswith(after))

    return _anaphors(sentence, lexicon().dates.get("anaphoric_moments", ()), spoken, stands_alone)


def _anaphors(sentence: str, words: Iterable[str], value: PartialDate,
              keep: Callable[[re.Match[str]], bool]) -> list[DateMention]:
    """Non-overlapping occurrences of `words` (longest first) that `keep` accepts, all dated `value`."""
    found: list[DateMention] = []
    for word in sorted(words, key=len, reverse=True):
        if word not in sentence:  # most sentences hold none of them: no pattern made for nothing
            continue
        for m in re.finditer(re.escape(word), sentence):
            if keep(m) and not any(f.start < m.end() and m.start() < f.end for f in found):
                found.append(DateMention(m.start(), m.end(), m.group(), value, True))
    return sorted(found, key=lambda d: d.start)


def apply_date_anaphora(sentence: str, found: list[DateMention], last: PartialDate | None) -> list[DateMention]:
    """같은 해 9월, 이듬해 3월: a month or day after a word for "that year" takes the year the text spoke
    of last (`last`), plus the word's offset, and the word joins the date's span; 며칠 뒤, 같은 달 take
    that date's month."""
    if last is None or last.year is None:
        return found
    words = lexicon().dates.get("anaphoric_years", {})
    months = lexicon().dates.get("anaphoric_months", ())
    found = _month_anaphora(sentence, found, last, months)
    found = _months_after_an_interval(sentence, found, last)
    out = []
    for d in found:
        before = sentence[: d.start].rstrip()
        word = next((w for w in sorted(words, key=len, reverse=True) if before.endswith(w)), None)
        if word is None or d.value is None or d.value.month is None:
            out.append(d)
            continue
        start = len(before) - len(word)
        value = PartialDate(last.year + int(words[word]), d.value.month, d.value.day)
        out.append(DateMention(start, d.end, sentence[start : d.end], value, True, d.approximate))
    return out


_BARE_MONTH = re.compile(r"\d{1,2}\s*월")


@cache
def _interval_before() -> re.Pattern[str] | None:
    spec = lexicon().dates.get("interval_after")
    if not spec:
        return None
    counts, units, after = ("|".join(map(re.escape, sorted(spec[k], key=len, reverse=True)))
                            for k in ("counts", "units", "after"))
    return re.compile(rf"(?:{counts})\s*(?:{units})\s*(?:{after})\s*$")


def _months_after_an_interval(sentence: str, found: list[DateMention], last: PartialDate) -> list[DateMention]:
    """지난해 3월 출시했고, 한 달 뒤인 4월 …: a bare month after an interval is counted from the date
    spoken of just before it (earlier in the sentence, else `last`)."""
    pattern = _interval_before()
    if pattern is None:
        return found
    out: list[DateMention] = []
    for d in found:
        base = next((p.value for p in reversed(out) if p.value is not None and p.value.month), last)
        if d.value is not None and d.value.month is not None and base.month is not None and \
                _BARE_MONTH.match(d.text) and pattern.search(sentence[: d.start]):  # not 2024년 4월, 지난 4월
            year = base.year + (1 if d.value.month < base.month else 0)
            d = replace(d, value=PartialDate(year, d.value.month, d.value.day), relative=True)
        out.append(d)
    return out


def _month_anaphora(sentence: str, found: list[DateMention], last: PartialDate,
                    words: tuple[str, ...]) -> list[DateMention]:
    """며칠 뒤, 같은 달: the month of the date spoken of last (approximate); a found mention of no value
    is filled, an unfound word is added."""
    if last.month is None:
        return found
    month = PartialDate(last.year, last.month, None)
    out = [replace(d, value=month, approximate=True) if d.value is None and d.text in words else d for d in found]
    for word in sorted(words, key=len, reverse=True):
        if word not in sentence:
            continue
        for m in re.finditer(re.escape(word), sentence):
            if (m.start() == 0 or not sentence[m.start() - 1].isalnum()) and \
                    not any(d.start < m.end() and m.start() < d.end for d in out):
                out.append(DateMention(m.start(), m.end(), word, month, True, True))
    return sorted(out, key=lambda d: d.start)


@cache
def _dateline_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    labels = _alt(lexicon().dates["dateline_labels"])
    rest = r"\s?([./-])\s?(\d{1,2})\s?\2\s?(\d{1,2})(?!\d)"
    korean = r"(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일"
    return (
        re.compile(rf"(?:{labels})\s*[:：]?\s*(?:(\d{{4}}|\d{{2}}){rest}|{korean})"),
        re.compile(rf"(?<![\d.])(\d{{4}}){rest}"),
        re.compile(rf"^\s*(?:(?:{labels})\s*[:：]?\s*)?{korean}.{{0,15}}$", re.MULTILINE),
    )


def _dateline_value(groups: tuple[str | None, ...]) -> PartialDate | None:
    nums = [g for g in groups if g and g.isdigit()]
    if len(nums) != 3:
        return None
    year = int(nums[0]) + (2000 if len(nums[0]) == 2 else 0)
    if not 1990 <= year <= 2100:
        return None
    return _make(year, int(nums[1]), int(nums[2]))


def parse_dateline(text: str) -> PartialDate | None:
    """The publication date of a page from its dateline, or None.

    Looks, in this order, for the first labelled date (입력 2025.01.28 10:15, 작성일
    25-02-01 06:01 — the only place a two-digit year is read), the first numeric date
    with a four-digit year (2025. 3. 7., 2024-02-16), and a 2025년 1월 28일 standing on
    a line of its own; a date inside running prose is an event, not a dateline.
    """
    for pattern in _dateline_patterns():
        for m in pattern.finditer(text):
            value = _dateline_value(m.groups())
            if value is not None:
                return value
    return None
