"""Units of a sentence for sequence patterns: a name, a word, or a parenthesis, with what it holds.

A sequence pattern ("미국 엔비디아", "정신아 카카오 대표", "파라미터 80억 개의 X") is
matched over consecutive units: a mention spanning one or more words is one unit
(샘 올트먼), a word without a mention is one unit, and a parenthesis glued to a
word (`'A.X 4.0' 표준형(720억 개)`, `최고경영자(CEO)`) is a unit of its own after it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.model import Mention
from kg.normalize.dates import DateMention
from kg.normalize.numbers import Quantity


@dataclass(slots=True)
class Unit:
    start: int
    end: int
    first_word: int
    last_word: int
    core: str  # the text of its core (the word's core, the name, or the parenthesis content)
    particle: str | None  # the role of the particle after it, None when it is bare
    mentions: list[Mention] = field(default_factory=list)
    values: list[Quantity | DateMention] = field(default_factory=list)
    paren: bool = False
    comma: bool = False


def build_units(view) -> list[Unit]:
    """The units of a sentence view, in order."""
    words = view.words
    info = view.clauses.info
    text = view.full
    units: list[Unit] = []
    by_start = sorted(view.mentions, key=lambda m: (m.start, -m.end))
    i = 0
    while i < len(words):
        w = words[i]
        # a mention that starts in this word and ends in a later one makes a multi-word unit
        multi = [m for m in by_start if w.start <= m.start < w.end and m.end > w.end]
        if multi:
            m = max(multi, key=lambda x: x.end)
            j = view.word_at(m.end - 1)
            if j is not None and j > i:
                last = words[j]
                units.append(Unit(m.start, m.end, i, j, text[m.start:m.end], _particle(info, j, last, m.end),
                                  [x for x in view.mentions if m.start <= x.start and x.end <= m.end],
                                  _values(view, m.start, m.end), comma=info[j].comma))
                if last.paren:
                    units.append(_paren_unit(view, j))
                i = j + 1
                continue
        core_start, core_end = w.core_start, w.core_end
        if core_end > core_start:
            inside = [m for m in view.mentions if core_start <= m.start and m.end <= max(core_end, m.end)
                      and m.start < core_end and not (w.paren and m.start >= w.paren[0].idx)]
            units.append(Unit(core_start, core_end, i, i, text[core_start:core_end],
                              None if w.paren else _particle(info, i, w, core_end), inside,
                              _values(view, core_start, core_end if not w.paren else w.paren[0].idx),
                              comma=info[i].comma and not w.paren))
        if w.paren:
            units.append(_paren_unit(view, i))
        i += 1
    return units


def _paren_unit(view, i: int) -> Unit:
    w = view.words[i]
    start, end = w.paren[0].idx, w.paren[-1].idx + len(w.paren[-1].text)
    inside = [m for m in view.mentions if start <= m.start and m.end <= end]
    return Unit(start, end, i, i, view.full[start:end], _particle(view.clauses.info, i, w, end), inside,
                _values(view, start, end), paren=True, comma=view.clauses.info[i].comma)


def _particle(info, i: int, word, unit_end: int) -> str | None:
    """The role of the particle right after a unit that ends its word's core (or parenthesis)."""
    if unit_end < word.core_end:
        return None
    return info[i].role if info[i].role not in (None, "bare", "conjunct") else None


def _values(view, start: int, end: int) -> list:
    """Values that begin inside the span (a quantity may run on into the next word: 80억 개)."""
    qs = [q for q in view.quantities if start <= q.start < end]
    ds = [d for d in view.dates if start <= d.start < end and d.value is not None]
    return [*qs, *ds]
