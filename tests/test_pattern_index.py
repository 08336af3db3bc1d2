"""The matcher's pre-checks (kg/extract/pattern_index.py) against the scans they spare.

The trigger index must name exactly the clause patterns whose trigger regexes fire; the
sentence inventory must never refuse a pattern that, tried in full, gives a match.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.clauses import Predicate
from kg.extract.pattern_index import Gates, SentenceInventory, TriggerIndex, needs
from kg.extract.patterns import load_patterns
from kg.extract.units import build_units

TABLE = load_patterns()
CLAUSES = [p for p in TABLE.patterns if p.kind == "clause"]
TRIGGER_WORDS = sorted({t for p in CLAUSES for t in (*p.triggers, *p.not_triggers) if t})


def naive_fired(pred: Predicate) -> frozenset[str]:
    """The matcher's former test: one prefix regex of triggers (and one of exclusions) per pattern."""
    forms = (pred.lemma, pred.surface, pred.phrase_lemma)
    out = set()
    for p in CLAUSES:
        yes = re.compile("(?:" + "|".join(re.escape(t) for t in sorted(p.triggers, key=len, reverse=True)) + ")")
        no = re.compile("(?:" + "|".join(re.escape(t) for t in p.not_triggers) + ")") if p.not_triggers else None
        if no is not None and any(no.match(f) for f in forms):
            continue
        if any(yes.match(f) for f in forms):
            out.add(p.id)
    return frozenset(out)


form = st.one_of(
    st.text(alphabet="공개하출시발표밝혔다 미세조정", max_size=6),
    st.builds(lambda t, rest: t + rest, st.sampled_from(TRIGGER_WORDS), st.text(alphabet="하였다 는", max_size=3)),
    st.builds(lambda t: t[:-1], st.sampled_from(TRIGGER_WORDS)),
)


@settings(max_examples=400, deadline=None)
@given(form, form, form)
def test_pattern_index_triggers_are_those_of_the_regexes(lemma, surface, phrase_lemma):
    pred = Predicate(0, 0, lemma, surface, "final", phrase_lemma=phrase_lemma)
    index = TriggerIndex(TABLE.patterns)
    assert index.fired(pred) == naive_fired(pred)
    assert index.fired(pred) == naive_fired(pred)  # and again, from its memory


@pytest.fixture(scope="module")
def example_views():
    """The sentence views of every pattern example, through the real pipeline up to the matcher."""
    from kg.extract.run import build_nlp
    from kg.ingest import Article, analysis_view, classify_lines, mask_furniture
    from kg.normalize.dates import PartialDate

    nlp = build_nlp()
    out = []
    for p in TABLE.patterns:
        for ex in p.examples:
            view, offsets = analysis_view(ex.text)
            lines = classify_lines(view)
            article = Article(path=Path("t.txt"), text=ex.text, encoding="utf-8", content_hash="0", lines=lines,
                              offsets=offsets)
            doc = nlp.make_doc(mask_furniture(view, lines))
            doc.user_data["published"] = PartialDate.parse(ex.published or "2025-02-01")
            doc.user_data["line_kinds"] = [(ln.start, ln.end, ln.kind) for ln in article.lines]
            for name, component in nlp.pipeline:
                if name == "aikg_relations":
                    out.append((doc, component))
                    break
                doc = component(doc)
    return out


def test_pattern_index_never_refuses_a_pattern_that_matches(example_views):
    from kg.extract.matcher import Context
    from kg.extract.model import get_extraction

    tried = 0
    gates = Gates(TABLE.patterns)
    for doc, matcher in example_views:
        ext = get_extraction(doc)
        context = Context()
        for v in doc._.views:
            every = [frozenset(p.id for p in CLAUSES)] * len(v.clauses.predicates)
            inventory = SentenceInventory(v, build_units)
            for p in TABLE.patterns:
                if p.kind == "clause":
                    found = matcher._clause(p, v, ext, context, every)
                elif p.kind == "phrase":
                    found = matcher._phrase(p, v, ext)
                else:
                    found = matcher._sequence(p, v, ext, build_units(v))
                if found:
                    tried += 1
                    assert inventory.allows(needs(p)), (p.id, v.text)
            assert gates.open(inventory) == [inventory.allows(n) for n in gates.needs]
            context = matcher._next_context(v, context)
    assert tried > 100


def test_pattern_index_a_predicate_without_the_roles_gives_no_candidates(example_views):
    from kg.extract.matcher import Context
    from kg.extract.model import get_extraction
    from kg.extract.pattern_index import has_phrase_in, plain_roles

    refused = 0
    for doc, matcher in example_views:
        ext = get_extraction(doc)
        for v in doc._.views:
            for pred in v.clauses.predicates:
                for p in CLAUSES:
                    for spec in (p.subject, p.object):
                        roles = plain_roles(spec)
                        if roles is not None and not has_phrase_in(pred, roles):
                            refused += 1
                            assert matcher._candidates(spec, v, pred, ext, Context()) == [], (p.id, v.text)
    assert refused > 100
