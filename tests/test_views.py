"""Sentence views (kg/extract/views.py): mentions and values placed on words, discourse focus, date anaphora.

The sentences are invented (노바랩스, 한빛소프트, 박하람, 루미나 … are names the knowledge base
does not hold), except where a model's own name must come from it (라마 3.1 405B).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.normalize.numbers import find_quantities


@pytest.fixture(scope="module")
def views():
    """views(text, published) -> the doc's sentence views, through ingest and the real pipeline up to views."""
    from kg.extract.run import build_nlp
    from kg.ingest import Article, analysis_view, classify_lines, mask_furniture
    from kg.normalize.dates import PartialDate

    nlp = build_nlp()

    def run(text: str, published: str | None = "2025-02-01"):
        view, offsets = analysis_view(text)
        lines = classify_lines(view)
        article = Article(path=Path("t.txt"), text=text, encoding="utf-8", content_hash="0", lines=lines,
                          offsets=offsets)
        doc = nlp.make_doc(mask_furniture(view, lines))
        doc.user_data["published"] = PartialDate.parse(published) if published else None
        doc.user_data["line_kinds"] = [(ln.start, ln.end, ln.kind) for ln in article.lines]
        for name, component in nlp.pipeline:
            doc = component(doc)
            if name == "aikg_views":
                break
        return doc._.views

    return run


def referent(view, text: str) -> tuple[str, str, str]:
    """(key, type, rule) of the view's mention whose text is `text`."""
    found = [m for m in view.mentions if m.text == text]
    assert len(found) == 1, [(m.text, m.key) for m in view.mentions]
    return found[0].key, found[0].type, found[0].rule


def dates(view) -> list[tuple[str, str]]:
    return [(view.full[d.start : d.end], d.value.iso()) for d in view.dates if d.value is not None]


# ------------------------------------------------------------------ placing things on words
def test_views_one_view_per_sentence_with_its_own_span(views):
    text = "노바랩스는 새 모델 '루미나-2'를 공개했다. 한빛소프트는 칩을 만든다."
    got = views(text)
    assert [v.text for v in got] == ["노바랩스는 새 모델 '루미나-2'를 공개했다.", "한빛소프트는 칩을 만든다."]
    assert [v.index for v in got] == [0, 1]
    assert all(text[v.start : v.end] == v.text for v in got)


def test_views_mentions_are_placed_on_the_word_that_carries_them(views):
    (v,) = views("노바랩스는 새 모델 '루미나-2'를 공개했다.")
    by_text = {m.text: m for m in v.mentions}
    assert set(by_text) == {"노바랩스", "루미나-2"}
    assert v.word_text(v.word_of(by_text["노바랩스"])) == "노바랩스는"
    assert v.word_text(v.word_of(by_text["루미나-2"])) == "'루미나-2'를"
    phrase = v.phrase_of(by_text["노바랩스"])
    assert [m.text for m in v.mentions_in(phrase)] == ["노바랩스"]
    assert v.mentions_in(phrase, ("AIModel",)) == []


def test_views_quantities_are_absolute_and_found_in_their_phrase(views):
    first, second = views("노바랩스는 '루미나-2'를 공개했다. 이 모델은 70억 개의 파라미터를 갖췄다.")
    assert first.quantities == []
    (q,) = second.quantities
    assert q.kind == "params" and q.value == 7_000_000_000
    assert second.full[q.start : q.end] == "70억 개"
    phrase = second.phrase_of(q)
    assert second.values_in(phrase, ("params",)) == [q]
    assert second.values_in(phrase, ("money",)) == []


def test_views_sizes_inside_model_names_are_not_quantities_of_the_sentence(views):
    sentence = "메타는 라마 3.1 405B를 공개했다."
    assert [q.text for q in find_quantities(sentence)] == ["405B"]  # read alone, 405B is a size
    (v,) = views(sentence)
    assert any(m.type == "AIModel" and m.text == "라마 3.1 405B" for m in v.mentions)
    assert v.quantities == []


def test_views_a_size_outside_any_name_stays_a_quantity(views):
    (v,) = views("메타는 4050억 개 파라미터의 라마 3.1을 공개했다.")
    assert [(q.kind, q.value) for q in v.quantities] == [("params", 405_000_000_000)]


def test_views_carry_the_kind_and_line_of_the_text_they_stand_on(views):
    got = views("노바랩스, 새 추론 모델 루미나 공개\n노바랩스는 12일 새 추론 모델 '루미나'를 공개했다고 밝혔다.\n"
                "한빛소프트는 이 모델을 자사 서비스에 쓸 계획이라고 설명했다.")
    assert [v.kind for v in got] == ["heading", "body", "body"]
    assert [v.paragraph for v in got] == [0, 1, 2]


# ------------------------------------------------------------------ discourse focus
def test_views_this_company_is_the_organisation_in_focus(views):
    first, second = views("노바랩스는 새 모델 '루미나-2'를 공개했다. 이 회사는 지난해 설립됐다.")
    key, type_, rule = referent(second, "이 회사")
    assert (key, type_, rule) == (referent(first, "노바랩스")[0], "Organization", "discourse")


def test_views_this_model_is_the_model_named_last(views):
    got = views("노바랩스는 '루미나-2'를 공개했다. 한빛소프트는 '별빛-3'을 내놨다. 이 모델은 빠르다.")
    assert referent(got[2], "이 모델")[0] == referent(got[1], "별빛-3")[0]


def test_views_this_model_survives_a_sentence_about_something_else(views):
    got = views("노바랩스는 '루미나-2'를 공개했다. 박하람 대표는 이렇게 말했다. 이 모델은 빠르다.")
    assert referent(got[2], "이 모델")[:2] == (referent(got[0], "루미나-2")[0], "AIModel")


def test_views_he_is_the_person_spoken_about_last(views):
    got = views("박하람 노바랩스 대표는 말했다. 김서윤 한빛소프트 대표는 반박했다. 그는 투자를 늘린다.")
    key, type_, _ = referent(got[2], "그")
    assert type_ == "Person" and key == referent(got[1], "김서윤")[0]


def test_views_a_new_topic_replaces_the_company_in_focus(views):
    got = views("노바랩스는 투자를 받았다. 한빛소프트는 칩을 만든다. 이 회사는 서울에 있다.")
    assert referent(got[2], "이 회사")[0] == referent(got[1], "한빛소프트")[0]


def test_views_the_company_in_focus_is_the_topic_not_the_object(views):
    got = views("한빛소프트는 노바랩스를 인수했다. 이 회사는 서울에 있다.")
    assert referent(got[1], "이 회사")[0] == referent(got[0], "한빛소프트")[0]


def test_views_both_companies_take_an_organisation_in_focus(views):
    first, second = views("노바랩스와 한빛소프트는 협약을 맺었다. 양사는 공동으로 모델을 개발한다.")
    key, type_, _ = referent(second, "양사")
    assert type_ == "Organization" and key in {m.key for m in first.mentions}


@pytest.mark.xfail(strict=True, reason="양사 (both companies) becomes a mention of one company only (the topic, "
                   "한빛소프트); 노바랩스 is lost, so '양사는 공동으로 개발한다' is read about one of the two")
def test_views_both_companies_stand_for_both(views):
    first, second = views("노바랩스와 한빛소프트는 협약을 맺었다. 양사는 공동으로 모델을 개발한다.")
    assert {m.key for m in second.mentions if m.rule == "discourse"} == {m.key for m in first.mentions}


def test_views_a_pronoun_with_nothing_in_focus_stays_unresolved(views):
    (v,) = views("이 회사는 서울에 있다.")
    assert v.mentions == []


def test_views_focus_only_touches_the_views_not_the_articles_mentions(extract):
    ext = extract("노바랩스는 새 모델 '루미나-2'를 공개했다. 이 회사는 지난해 설립됐다.")
    assert [m.text for m in ext.mentions if m.rule == "discourse"] == []
    assert "이 회사" not in {m.text for m in ext.mentions}


# ------------------------------------------------------------------ dates the text points back to
def test_views_this_day_takes_the_last_day_named(views):
    first, second = views("노바랩스는 3월 12일 서울에서 행사를 열었다. 이날 '루미나-2'를 공개했다.",
                          published="2025-03-20")
    assert dates(first) == [("3월 12일", "2025-03-12")]
    assert dates(second) == [("이날", "2025-03-12")]


def test_views_this_day_skips_a_month_named_after_the_day(views):
    got = views("노바랩스는 1월 20일 행사를 열었다. 5월에는 투자를 받았다. 이날 행사는 성황이었다.")
    assert dates(got[2]) == [("이날", "2025-01-20")]


def test_views_this_day_with_no_day_named_is_the_publication_day(views):
    (v,) = views("이날 노바랩스는 '루미나-2'를 공개했다.", published="2025-03-20")
    assert dates(v) == [("이날", "2025-03-20")]


def test_views_this_day_needs_a_day_precise_date(views):
    (v,) = views("이날 노바랩스는 '루미나-2'를 공개했다.", published="2025-03")
    assert dates(v) == []


@pytest.mark.parametrize("first, day", [("지난 5일", "2025-01-05"), ("어제", "2025-01-31")])
def test_views_this_day_after_a_relative_day(views, first, day):
    got = views(f"노바랩스는 {first} 서울에서 행사를 열었다. 이날 '루미나-2'를 공개했다.")
    assert dates(got[1]) == [("이날", day)]


def test_views_this_day_skips_a_background_date_weeks_before(views):
    got = views("노바랩스는 2일 행사를 열었다. 모델은 지난 3월 25일 처음 나왔다. 이날 새 버전이 공개됐다.",
                published="2025-05-03")
    assert dates(got[2]) == [("이날", "2025-05-02")]


def test_views_then_takes_the_date_the_sentence_before_spoke_of(views):
    first, second = views("노바랩스가 오픈소스에 뛰어든 것은 2023년 11월이다. 회사는 당시 '루미나-2'를 공개했다.")
    assert dates(first) == [("2023년 11월", "2023-11")]
    assert dates(second) == [("당시", "2023-11")]
    _, third = views("베가AI는 4월 30일 행사를 열었다. 이때 공개한 모델은 '베가-7B'다.", published="2025-05-10")
    assert dates(third) == [("이때", "2025-04-30")]


@pytest.mark.parametrize("second", [
    "노바랩스는 출시 당시 이 모델이 가장 빠르다고 밝혔다.",  # at the time of the launch
    "투자금은 1억 달러(당시 약 1300억 원)였다.",  # at the exchange rate of the day
])
def test_views_then_of_a_noun_is_not_the_date_before(views, second):
    _, got = views(f"노바랩스는 2023년 11월 '루미나-2'를 냈다. {second}")
    assert dates(got) == []


def test_views_then_needs_a_date_in_the_sentence_before(views):
    got = views("노바랩스는 2023년 11월 설립됐다. 회사는 서울에 있다. 회사는 당시 '루미나-2'를 공개했다.")
    assert dates(got[2]) == []


def test_views_the_same_year_takes_the_last_year_named(views):
    got = views("노바랩스는 2023년 5월 설립됐다. 같은 해 9월 첫 모델을 공개했다. 이듬해 3월 투자를 받았다.")
    assert dates(got[1]) == [("같은 해 9월", "2023-09")]
    assert dates(got[2]) == [("이듬해 3월", "2024-03")]


def test_views_the_same_year_follows_a_relative_year(views):
    got = views("노바랩스는 2021년 설립됐다. 지난해 3월 투자를 받았다. 같은 해 9월 모델을 냈다.")
    assert dates(got[2]) == [("같은 해 9월", "2024-09")]
