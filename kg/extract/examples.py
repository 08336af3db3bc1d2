"""Run the example sentences of the relation patterns: every pattern must give what it promises.

`check_pattern(pattern)` extracts each example sentence through the real
pipeline and compares the facts with the example's expected triples: a
positive example must yield its triples (and the pattern must have matched
them), a negative example (`expect = []`) must yield no fact of the pattern's
predicate from that pattern. Objects compare as the patterns file writes them
(a thing's name or any of its labels, a number, a date, "AMOUNT CUR", "N" or
"N@LEADERBOARD" for a rank).

    python -m kg.extract.examples [PATTERN_ID ...]   # prints every failing example
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

from kg.extract.lexicon import fold
from kg.extract.model import DateValue, EntityValue, Extraction, Fact, MoneyValue, NumberValue, RankingValue
from kg.extract.patterns import Example, Pattern, load_patterns
from kg.normalize.dates import PartialDate

DEFAULT_PUBLISHED = "2026-04-02"


def extract_text(text: str, published: str | None = DEFAULT_PUBLISHED):
    """(extraction, relation matches) of a text, through the real pipeline."""
    from kg.ingest import Article, analysis_view, mask
    from kg.layout import analyse
    from kg.pipeline import extract_article

    view, offsets = analysis_view(text)
    layout = analyse(view)
    article = Article(path=Path("example.txt"), text=text, encoding="utf-8", content_hash="0",
                      lines=layout.lines, offsets=offsets, authors=list(layout.authors))
    article.analysis_text = mask(view, layout)
    article.published = PartialDate.parse(published) if published else None
    return extract_article(article, keep_matches=True)


def _names(ext: Extraction, key: str) -> set[str]:
    """A thing's names as a reader of the graph sees them: its labels, and the KB's for a KB thing."""
    thing = ext.things.get(key)
    if thing is None:
        return {fold(key)}
    names = {fold(thing.name), *(fold(label) for label in thing.labels)}
    if thing.kb_id:
        from kg.kb import load_kb

        rec = load_kb().get(thing.kb_id)
        if rec is not None:
            names |= {fold(text) for text, _lang in rec.all_aliases()}
    return names


def _object_forms(ext: Extraction, fact: Fact) -> set[str]:
    v = fact.value
    if isinstance(v, EntityValue):
        return _names(ext, v.key)
    if isinstance(v, NumberValue):
        return {format(Decimal(v.value).normalize(), "f")}
    if isinstance(v, DateValue):
        return {v.value.iso()}
    if isinstance(v, MoneyValue):
        return {f"{format(Decimal(v.amount).normalize(), 'f')} {v.currency}"}
    if isinstance(v, RankingValue):
        forms = {str(v.rank)}
        if v.leaderboard:
            forms |= {f"{v.rank}@{n}" for n in _names(ext, v.leaderboard)}
        return forms
    return set()


def _normal(obj: str) -> str:
    try:
        return format(Decimal(obj).normalize(), "f")
    except ArithmeticError:
        pass
    if "@" in obj:
        rank, board = obj.split("@", 1)
        return f"{rank}@{fold(board)}"
    parts = obj.rsplit(" ", 1)
    if len(parts) == 2 and parts[1].isupper() and len(parts[1]) == 3:
        try:
            return f"{format(Decimal(parts[0]).normalize(), 'f')} {parts[1]}"
        except ArithmeticError:
            pass
    return fold(obj) if not obj[:4].isdigit() else obj


def check_example(pattern: Pattern, example: Example) -> list[str]:
    """Problems with one example, as lines; empty when it gives what it promises."""
    ext, matches = extract_text(example.text, example.published or DEFAULT_PUBLISHED)
    facts = [f for f in ext.facts if f.predicate == pattern.predicate]
    mine = [m for m in matches if m.pattern.id == pattern.id]
    problems = []
    produced = False  # the pattern itself gave one of the expected triples of its predicate
    own_expected = [t for t in example.expect if t[1] == pattern.predicate]
    for s, p, o in example.expect:
        if p != pattern.predicate:
            wanted = [f for f in ext.facts if f.predicate == p]
        else:
            wanted = facts
        target = _normal(o)
        hit = [f for f in wanted if fold(s) in _names(ext, f.subject) and (target in _object_forms(ext, f) or
                                                                          fold(o) in _object_forms(ext, f))]
        if not hit:
            got = sorted(f"{sorted(_names(ext, f.subject))[0]} {f.predicate} {sorted(_object_forms(ext, f))[:1]}"
                         for f in ext.facts)
            problems.append(f"{pattern.id}: {example.text!r}: no ({s}, {p}, {o}); facts: {got}; "
                            f"things: {sorted(t.name for t in ext.things.values())}")
        elif p == pattern.predicate and any(m.subject in {f.subject for f in hit} for m in mine):
            produced = True
    for s, p, o in example.reject:
        wanted = [f for f in ext.facts if f.predicate == p]
        if any(fold(s) in _names(ext, f.subject) and (_normal(o) in _object_forms(ext, f) or
                                                     fold(o) in _object_forms(ext, f)) for f in wanted):
            problems.append(f"{pattern.id}: {example.text!r}: gives ({s}, {p}, {o}), which it must not")
    if own_expected and not produced and not problems:
        problems.append(f"{pattern.id}: {example.text!r}: the expected triples came from other rules "
                        f"({', '.join(sorted({f.rule for f in facts}))})")
    if not example.expect:
        own = [f for f in facts if f.rule == pattern.rule]
        if own:
            problems.append(f"{pattern.id}: {example.text!r}: expected no {pattern.predicate}, got "
                            f"{[(f.subject, str(f.value)) for f in own]}")
    return problems


def check_pattern(pattern: Pattern) -> list[str]:
    return [line for ex in pattern.examples for line in check_example(pattern, ex)]


def main(argv: list[str] | None = None) -> int:
    ids = set(argv if argv is not None else sys.argv[1:])
    table = load_patterns()
    failures = 0
    for pattern in table.patterns:
        if ids and pattern.id not in ids:
            continue
        for line in check_pattern(pattern):
            failures += 1
            print(line)
    total = sum(len(p.examples) for p in table.patterns if not ids or p.id in ids)
    print(f"{total - failures} of {total} examples give what they promise")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
