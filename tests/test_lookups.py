"""Look-ups that replace scans (kg/extract/clauses.py, kg/extract/resolve.py) give the scans' answers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.clauses import _HANGUL_CHAR, _string_particle, load_grammar
from kg.extract.lexicon import fold

GRAMMAR = load_grammar()
FORMS = [f for f, _r in GRAMMAR.particle_strings]


def naive_string_particle(text: str):
    for form, role in GRAMMAR.particle_strings:
        if text.endswith(form) and len(text) > len(form) and not _HANGUL_CHAR.match(text[-len(form) - 1]):
            return ("topic", True) if role == "topic" else (role, False)
    return None, False


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="GPT-5%43.2가나는을를의에서이며와과로 ", max_size=4), st.sampled_from(FORMS + [""]))
def test_lookups_string_particle_is_the_scan(stem, form):
    assert _string_particle(GRAMMAR, stem + form) == naive_string_particle(stem + form)


def test_lookups_kb_people_by_family_name_keep_file_order():
    from kg.extract.resolve import Resolver

    resolver = Resolver()
    people = resolver.kb.by_type("Person")
    surnames = {fold(v) for rec in people for v in rec.family_name.values()}
    for surname in surnames:
        naive = [rec for rec in people if surname in {fold(v) for v in rec.family_name.values()}]
        assert resolver.people_by_family[surname] == naive


def naive_line_kind(kinds, char):
    for index, (start, end, kind) in enumerate(kinds):
        if start <= char < max(end, start + 1):
            return kind, index
    return "body", -1


line = st.tuples(st.integers(0, 60), st.integers(0, 60), st.sampled_from(["heading", "summary", "caption", "body"]))


@settings(max_examples=500, deadline=None)
@given(st.lists(line, max_size=8), st.integers(-2, 70))
def test_lookups_line_kind_is_the_scan(lines, char):
    from kg.extract.views import LineKinds

    kinds = sorted(lines)
    assert LineKinds(kinds).at(char) == naive_line_kind(kinds, char)


def test_lookups_token_tags_are_those_of_char_span():
    from kg.extract.words import TokenTags
    from kg.nlp import blank_korean

    nlp = blank_korean()
    texts = ["노바랩스는 '루미나-2'(700억 개)와  최고경영자(CEO)는\n\n 사카나AI 대표는 발표했다. ",
             " 앞 공백, 끝 공백 ", "GPT-5는 43.2%를   기록했다."]
    for text in texts:
        doc = nlp(text)
        table = TokenTags(doc)
        for start in range(-1, len(text) + 2):
            for end in range(start + 1, len(text) + 2):  # (an empty range is passed on to char_span)
                span = doc.char_span(start, end, alignment_mode="expand")
                naive = None if span is None else [t.tag_ for t in span if not t.is_space]
                assert table.over(start, end) == naive, (text, start, end)
