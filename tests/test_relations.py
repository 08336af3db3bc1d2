"""Relations end to end: the matcher on hand-built docs, domain and range, one owner per value, discourse.

Sentences are invented (names the knowledge base does not hold) unless a test is about the
knowledge base itself.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from spacy.tokens import Doc

from kg.extract.matcher import RelationMatcher
from kg.extract.model import EntityValue, Mention, NumberValue, Thing, get_extraction
from kg.extract.views import build_views
from kg.nlp import blank_korean


def facts(ext, predicate):
    out = set()
    for f in ext.facts:
        if f.predicate != predicate:
            continue
        v = f.value
        value = ext.things[v.key].name if isinstance(v, EntityValue) else v
        out.add((ext.things[f.subject].name, value))
    return out


# ------------------------------------------------------------------ the matcher on a hand-built doc
def hand_built_doc():
    """노바랩스 는 루미나 를 공개했다 — Kiwi-style tokens, with the tags and lemmas a tokenizer would give."""
    nlp = blank_korean()
    words = ["노바랩스", "는", "루미나", "를", "공개", "했다", "."]
    spaces = [False, True, False, True, False, False, False]
    tags = ["NNP", "JX", "NNP", "JKO", "NNG", "XSV+EP+EF", "SF"]
    lemmas = ["노바랩스", "는", "루미나", "를", "공개", "하+었+다", "."]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, tags=tags, lemmas=lemmas, sent_starts=[True] + [False] * 6)
    ext = get_extraction(doc)
    ext.things["org"] = Thing("org", "Organization", "노바랩스")
    ext.things["model"] = Thing("model", "AIModel", "루미나")
    ext.mentions += [Mention(0, 4, "노바랩스", "org", "Organization", 0.7, "test"),
                     Mention(6, 9, "루미나", "model", "AIModel", 0.7, "test")]
    doc._.views = build_views(doc, ext.mentions, None)
    return doc, ext


TABLE = """
    [[pattern]]
    id = "made-by"
    predicate = "developedBy"
    trigger = ["공개"]
    subject = { type = "AIModel", from = ["object"] }
    object = { type = "Organization", from = ["topic"] }
    examples = [{ text = "x", expect = [] }]
"""


def test_relations_matcher_finds_matches_then_sets_them_as_facts(pattern_table):
    doc, ext = hand_built_doc()
    matcher = RelationMatcher(pattern_table(TABLE))
    matches = matcher.match(doc)
    assert [(m.pattern.id, m.subject, m.value) for m in matches] == [("made-by", "model", EntityValue("org"))]
    assert ext.facts == []  # finding is not setting
    matcher.set_annotations(doc, matches)
    assert facts(ext, "developedBy") == {("루미나", "노바랩스")}
    assert ext.facts[0].rule == "kg.extract.matcher/developedBy:made-by"


def test_relations_domain_and_range_refuse_an_impossible_triple(pattern_table):
    doc, ext = hand_built_doc()
    ext.things["model"].type = "Person"  # the subject is no model: developedBy cannot hold
    matcher = RelationMatcher(pattern_table(TABLE))
    matcher.set_annotations(doc, matcher.match(doc))
    assert ext.facts == []


# ------------------------------------------------------------------ end to end, through the real pipeline
def test_relations_a_value_goes_to_one_owner(extract):
    ext = extract("노바랩스는 언어모델 '루미나-2'와 경량 모델 '루미나-2 미니'를 공개했다. "
                  "'루미나-2 미니'는 70억 개의 파라미터를 가진 모델이다.")
    assert facts(ext, "parameterCount") == {("루미나-2 Mini", NumberValue(Decimal(7_000_000_000)))}


def test_relations_each_clause_dates_its_own_release(extract):
    ext = extract("노바랩스는 지난 9월 언어모델 '루미나-2'를 출시했으며, "
                  "한빛소프트는 지난 8월 추론 모델 '별빛-1'을 내놨다.", published="2025-11-19")
    dates = {(name, v.value.iso()) for name, v in facts(ext, "releaseDate")}
    assert dates == {("루미나-2", "2025-09"), ("별빛-1", "2025-08")}


def test_relations_then_dates_a_release_by_the_sentence_before(extract):
    ext = extract("노바랩스가 오픈소스 진영에 뛰어든 것은 지난해 11월이다. "
                  "당시 공개한 언어모델 '루미나-2'는 가장 큰 공개 모델이었다.", published="2025-11-19")
    dates = {(name, v.value.iso()) for name, v in facts(ext, "releaseDate")}
    assert dates == {("루미나-2", "2024-11")}


def test_relations_a_model_named_to_qualify_a_noun_is_not_the_model_in_focus(extract):
    # '루미나-2'의 뒤를 잇는 모델: 루미나-2 only says whose successor 루미나-3 is; the training is 루미나-3's
    ext = extract("노바랩스는 지난해 12월 언어모델 '루미나-3'를 공개했다. 파라미터는 140억 개로, 같은 크기였던 "
                  "언어모델 '루미나-2'의 뒤를 잇는 모델이다. 합성 데이터를 중심에 둔 것이 특징이고, "
                  "토큰 9조 개를 H100 GPU 1,920개로 21일 동안 학습했다.", published="2025-11-19")
    assert {name for name, _ in facts(ext, "usesHardware")} == {"루미나-3"}


def test_relations_a_planned_release_gives_no_date(extract):
    ext = extract("노바랩스의 박하람 대표는 언어모델 '루미나-3'가 내년 초 출시될 것이라고 예고했다.",
                  published="2025-11-19")
    assert not facts(ext, "releaseDate")


def test_relations_this_model_refers_to_the_model_named_before(extract):
    ext = extract("노바랩스는 새 언어모델 '루미나-2'를 공개했다. 이 모델은 6850억 개의 파라미터를 갖췄다.")
    assert {(n, int(v.value)) for n, v in facts(ext, "parameterCount")} == {("루미나-2", 685_000_000_000)}


def test_relations_this_company_refers_to_the_company_in_focus(extract):
    ext = extract("노바랩스는 언어모델 '루미나-2'를 공개했다. 이 회사는 H100 GPU 1만 장을 확보했다.")
    assert facts(ext, "usesHardware") == {("노바랩스", "Nvidia H100")}


def test_relations_training_chips_belong_to_the_model_and_its_trainer(extract):
    ext = extract("노바랩스는 엔비디아 H800 칩 2,048개로 언어모델 '루미나-2'를 훈련했다고 밝혔다.")
    assert {("루미나-2", "Nvidia H800"), ("노바랩스", "Nvidia H800")} <= facts(ext, "usesHardware")
    ext = extract("언어모델 '루미나-2'는 엔비디아 H800 칩에서 훈련됐다.")
    assert facts(ext, "usesHardware") == {("루미나-2", "Nvidia H800")}


def test_relations_unavailable_hardware_is_not_used(extract):
    ext = extract("미국의 제재로 H100을 사용하지 못하는 노바랩스는 자체 칩을 개발한다.")
    assert not facts(ext, "usesHardware")


def test_relations_the_noun_user_is_not_the_verb_use(extract):
    ext = extract("노바랩스의 언어모델 '루미나-2' 사용자는 1억 명을 넘었다.")
    assert not facts(ext, "uses")


def test_relations_money_raised_is_no_valuation(extract):
    ext = extract("노바랩스는 시리즈B에서 5억 달러를 유치했다.")
    assert not facts(ext, "valuation")


def test_relations_a_valuation_in_a_round_belongs_to_the_company_not_the_investor(extract):
    ext = extract("한빛캐피털이 참여한 라운드에서 노바랩스는 기업가치 90억 달러를 인정받았다.")
    owners = {name for name, _ in facts(ext, "valuation")}
    assert owners == {"노바랩스"}


def test_relations_a_converted_amount_in_parentheses_is_one_fact(extract):
    ext = extract("노바그룹은 약 3년간 3,800억 위안(한화 약 75조원)을 투자할 계획을 밝혔다.")
    plans = [f for f in ext.facts if f.predicate == "investmentPlan"]
    assert len(plans) == 1 and plans[0].value.currency == "CNY" and plans[0].value.period == "P3Y"


@pytest.mark.parametrize(
    "sentence",
    ["노바랩스 대표 출신인 박하람은 새 회사를 세웠다.", "당시 노바랩스 대표였던 박하람은 떠났다.",
     "박하람 전 노바랩스 대표는 새 회사를 세웠다."],
)
def test_relations_past_roles_give_no_current_employer(extract, sentence):
    ext = extract(sentence)
    assert ("박하람", "노바랩스") not in facts(ext, "worksFor")


def test_relations_kb_confirmed_developer_of_a_model_named_with_it(extract):
    ext = extract("구글은 이날 제미나이 2.5 플래시의 새 버전을 소개했다.")
    dev = [f for f in ext.facts if f.predicate == "developedBy"]
    assert dev and ext.things[dev[0].value.key].name == "Google"


def test_relations_evidence_is_the_whole_sentence(extract):
    text = "첫 문장이다. 노바랩스의 언어모델 '루미나-2'는 6,710억 개의 파라미터를 가졌다. 마지막 문장이다."
    ext = extract(text)
    fact = next(f for f in ext.facts if f.predicate == "parameterCount")
    assert text[fact.start : fact.end] == "노바랩스의 언어모델 '루미나-2'는 6,710억 개의 파라미터를 가졌다."


def test_relations_a_size_in_a_name_is_no_value_of_the_sentence(extract):
    ext = extract("노바랩스는 '루미나-2'가 라마 3.1 405B 같은 큰 모델을 넘어섰다고 밝혔다.")
    counts = facts(ext, "parameterCount")
    assert not any(name.startswith("루미나") for name, _ in counts)


def test_relations_an_investor_in_a_relative_clause_does_not_take_the_valuation(extract):
    ext = extract("노바랩스는 2023년 투자를 받았다. 그해 6월에는 한빛캐피털이 이끈 라운드에서 3억 달러를 모았다. "
                  "올해 8월에는 5억 달러를 유치하며 40억 달러로 평가받았다.")
    owners = {name for name, _ in facts(ext, "valuation")}
    assert owners == {"노바랩스"}


def test_relations_a_rank_without_its_leaderboard_yields_to_the_same_rank_with_it(extract):
    ext = extract("언어모델 '루미나-2'는 챗봇 순위 6위에 올랐다. 언어모델 '루미나-2'는 LM아레나에서 6위에 올랐다.")
    ranks = facts(ext, "ranking")
    assert len(ranks) == 1 and next(iter(ranks))[1].leaderboard == "lm-arena"


def test_relations_a_model_introduced_as_an_object_comes_into_focus(extract):
    ext = extract("언어모델 '루미나-1'은 지난해 나왔다. 노바랩스는 올해 1월 추론 모델 '루미나-2'를 내놨다. "
                  "총 3000억 개 파라미터 중 토큰당 200억 개만 활성화되는 구조다.")
    assert {name for name, _ in facts(ext, "activeParameterCount")} == {"루미나-2"}


def test_relations_names_in_a_parenthesis_gloss_the_head_and_do_not_head(extract):
    ext = extract("메타(페이스북, 인스타그램 등)에서는 새 언어모델 '루미나-2'를 출시했다.")
    assert facts(ext, "developedBy") == {("루미나-2", "Meta")}


def test_relations_an_organisations_model_noun_is_its_model_named_before(extract):
    ext = extract("딥시크는 지난달 대형언어모델 V3를 발표했다. 오픈AI는 o1을 내놨다. "
                  "딥시크의 대형언어모델은 LM아레나에서 7위에 올랐다.")
    ranks = facts(ext, "ranking")
    assert {name for name, _ in ranks} == {"DeepSeek-V3"}, ranks
