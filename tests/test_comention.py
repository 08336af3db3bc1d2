"""Facts the knowledge base confirms (kg/extract/comention.py): developers, parents, sizes in names,
series dates, countries in names.

A fact of this component always carries a rule of `kg.extract.comention` and a confidence below
what a sentence states. Where the KB must be involved the records are real (gemini-2.5-flash, google,
youtube, hyperclova-x, naver, us-commerce-department, china-mobile, nvidia); the rest is invented.
"""

from __future__ import annotations

import pytest

from kg.extract.comention import COMENTION_CONFIDENCE, NAME_CONFIDENCE, RULE, SERIES_CONFIDENCE


def facts(ext, predicate: str, subject: str | None = None) -> list:
    return [f for f in ext.facts if f.predicate == predicate and (subject is None or f.subject == subject)]


def key_of(ext, name: str) -> str:
    """The key of the thing called `name` (its name or a label)."""
    keys = [k for k, t in ext.things.items() if name == t.name or name in t.labels]
    assert len(keys) == 1, (name, sorted(ext.things))
    return keys[0]


def value(fact):
    v = fact.value
    return getattr(v, "key", None) or getattr(v, "value", None)


def evidence(text: str, fact) -> str:
    return text[fact.start : fact.end]


# ------------------------------------------------------------------ the developer the KB records
def test_comention_a_models_kb_developer_named_in_the_same_sentence(extract):
    text = "구글 행사에서 제미나이 2.5 플래시가 화제였다."
    (f,) = facts(extract(text), "developedBy")
    assert (f.subject, value(f)) == ("gemini-2.5-flash", "google")
    assert f.rule == f"{RULE}/developedBy:kb-comention" and f.confidence == COMENTION_CONFIDENCE
    assert evidence(text, f) == text


def test_comention_named_apart_the_evidence_is_the_models_first_sentence(extract):
    text = "구글은 행사를 열었다. 제미나이 2.5 플래시는 빠르다. 제미나이 2.5 플래시는 싸다."
    (f,) = facts(extract(text), "developedBy")
    assert value(f) == "google" and evidence(text, f) == "제미나이 2.5 플래시는 빠르다."


def test_comention_no_developer_when_the_article_does_not_name_it(extract):
    assert facts(extract("제미나이 2.5 플래시는 빠르다. 노바랩스는 이 모델을 쓴다."), "developedBy") == []


def test_comention_a_stated_developer_is_not_repeated(extract):
    got = facts(extract("구글은 제미나이 2.5 플래시를 공개했다."), "developedBy")
    assert len(got) == 1 and value(got[0]) == "google"
    assert got[0].rule.startswith("kg.extract.matcher")


def test_comention_an_organisations_kb_parent_named_with_it(extract):
    (f,) = facts(extract("유튜브는 구글과 함께 행사를 열었다."), "parentOrganization")
    assert (f.subject, value(f)) == ("youtube", "google")
    assert f.rule == f"{RULE}/parentOrganization:kb-comention"


def test_comention_no_parent_without_the_parent_named(extract):
    assert facts(extract("유튜브는 새 기능을 공개했다."), "parentOrganization") == []


# ------------------------------------------------------------------ a variant's developer from its family
def test_comention_a_kb_familys_developer_goes_to_its_variant(extract):
    ext = extract("네이버 행사에서 '하이퍼클로바X 오로라'가 소개됐다.")
    variant = key_of(ext, "하이퍼클로바X 오로라")
    (f,) = facts(ext, "developedBy", variant)
    assert value(f) == "naver" and f.rule == f"{RULE}/developedBy:family-developer"


def test_comention_a_familys_developer_is_not_given_unless_named(extract):
    assert facts(extract("'하이퍼클로바X 오로라'가 소개됐다."), "developedBy") == []


def test_comention_a_family_the_article_dates_and_credits_passes_its_developer_on(extract):
    ext = extract("노바랩스는 '루미나 2'를 공개했다. 루미나 2 프로도 곧 나온다고 회사는 밝혔다.")
    lab = key_of(ext, "노바랩스")
    (f,) = facts(ext, "developedBy", key_of(ext, "루미나 2 프로"))
    assert value(f) == lab and f.rule == f"{RULE}/developedBy:family-developer"


# ------------------------------------------------------------------ sizes in a model's own name
def test_comention_a_size_in_the_name_is_the_parameter_count(extract):
    ext = extract("알리바바는 큐웬3-32B를 공개했다.")
    model = key_of(ext, "큐웬3-32B")
    (f,) = facts(ext, "parameterCount", model)
    assert value(f) == 32_000_000_000
    assert f.rule == f"{RULE}/parameterCount:size-in-name" and f.confidence == NAME_CONFIDENCE
    assert facts(ext, "activeParameterCount", model) == []


def test_comention_an_active_size_in_the_name_is_the_active_count(extract):
    ext = extract("알리바바는 Qwen3-235B-A22B를 공개했다.")
    model = key_of(ext, "Qwen3-235B-A22B")
    assert [value(f) for f in facts(ext, "parameterCount", model)] == [235_000_000_000]
    assert [value(f) for f in facts(ext, "activeParameterCount", model)] == [22_000_000_000]


def test_comention_a_stated_parameter_count_wins_over_the_name(extract):
    ext = extract("알리바바는 Qwen3-32B를 공개했다. 이 모델의 파라미터는 330억 개다.")
    got = facts(ext, "parameterCount", key_of(ext, "Qwen3-32B"))
    assert [value(f) for f in got] == [33_000_000_000]
    assert not got[0].rule.startswith(RULE)


def test_comention_a_model_without_a_size_in_its_name_gets_none(extract):
    assert facts(extract("노바랩스는 새 모델 '루미나 2'를 공개했다."), "parameterCount") == []


# ------------------------------------------------------------------ series dates
SERIES = "노바랩스는 3월 12일 '루미나 2'를 공개했다. 루미나 2 프로와 루미나 2 미니도 함께 나왔다."


def test_comention_variants_after_a_dated_release_share_its_date(extract):
    ext = extract(SERIES, published="2025-03-20")
    for name in ("루미나 2 프로", "루미나 2 미니"):
        (f,) = facts(ext, "releaseDate", key_of(ext, name))
        assert value(f).iso() == "2025-03-12" and f.date_text == "3월 12일"
        assert f.rule == f"{RULE}/releaseDate:series-date" and f.confidence == SERIES_CONFIDENCE
        assert evidence(SERIES, f) == "루미나 2 프로와 루미나 2 미니도 함께 나왔다."


def test_comention_variants_in_another_paragraph_do_not_share_the_date(extract):
    ext = extract(SERIES.replace(" 루미나 2 프로와", "\n\n루미나 2 프로와"), published="2025-03-20")
    variants = [key_of(ext, "루미나 2 프로"), key_of(ext, "루미나 2 미니")]
    assert [f for f in facts(ext, "releaseDate") if f.subject in variants] == []


def test_comention_a_variant_named_before_the_release_does_not_share_the_date(extract):
    ext = extract("루미나 2 프로가 먼저 화제였다. 노바랩스는 3월 12일 '루미나 2'를 공개했다.", published="2025-03-20")
    assert facts(ext, "releaseDate", key_of(ext, "루미나 2 프로")) == []


def test_comention_a_variant_with_its_own_date_keeps_it(extract):
    ext = extract("노바랩스는 3월 12일 '루미나 2'를 공개했다. 루미나 2 프로는 4월 1일 출시됐다.",
                  published="2025-04-20")
    got = facts(ext, "releaseDate", key_of(ext, "루미나 2 프로"))
    assert [value(f).iso() for f in got] == ["2025-04-01"]


# ------------------------------------------------------------------ a country in an organisation's name
def test_comention_an_organisation_named_with_its_country_gets_it(extract):
    text = "미국 상무부는 수출 규제를 발표했다. 미국은 중국을 견제한다."
    (f,) = facts(extract(text), "country", "us-commerce-department")
    assert value(f) == "united-states" and f.rule == f"{RULE}/country:country-in-name"
    assert evidence(text, f) == "미국 상무부는 수출 규제를 발표했다."


def test_comention_a_short_country_name_and_chinese_characters_count_too(extract):
    (f,) = facts(extract("미국은 중국을 견제한다. 미 상무부는 수출 규제를 발표했다."), "country",
                 "us-commerce-department")
    assert value(f) == "united-states"
    (g,) = facts(extract("中国移动은 새 모델을 냈다. 중국은 AI에 투자한다."), "country", "china-mobile")
    assert value(g) == "china"


def test_comention_no_country_unless_the_article_names_the_country(extract):
    assert facts(extract("미국 상무부는 수출 규제를 발표했다."), "country") == []


def test_comention_no_country_from_the_kb_alone_when_the_name_does_not_hold_it(extract):
    assert facts(extract("엔비디아는 새 칩을 내놨다. 미국은 수출을 막았다."), "country") == []


@pytest.mark.parametrize("text, org", [("미드저니는 새 모델을 냈다. 미국은 AI를 규제한다.", "midjourney"),
                                       ("한화는 노바랩스에 투자했다. 한국은 AI에 투자한다.", "hanwha")])
def test_comention_a_name_that_only_begins_like_a_country_does_not_hold_it(extract, text, org):
    assert [f.rule for f in facts(extract(text), "country", org) if f.rule.startswith(RULE)] == []
