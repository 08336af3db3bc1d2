"""Relations from sentence structure: each value attaches to the thing it describes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.extract.model import DateValue, EntityValue, MoneyValue, NumberValue, RankingValue


def facts(ext, predicate):
    """{(subject name, value)} of one predicate, with entity values as names."""
    out = set()
    for f in ext.facts:
        if f.predicate != predicate:
            continue
        v = f.value
        if isinstance(v, EntityValue):
            value = ext.things[v.key].name if v.key in ext.things else v.key
        elif isinstance(v, NumberValue):
            value = int(v.value) if v.integer else float(v.value)
        elif isinstance(v, DateValue):
            value = v.value.iso()
        elif isinstance(v, MoneyValue):
            value = (int(v.amount), v.currency)
        elif isinstance(v, RankingValue):
            value = (v.rank, ext.things[v.leaderboard].name if v.leaderboard else None)
        out.add((ext.things[f.subject].name, value))
    return out


def test_relations_quantity_attaches_to_the_thing_it_describes_not_the_nearest_name(extract):
    ext = extract("특히 QwQ-32B는 320억 개의 파라미터로 구성되어 있어 6,710억 개의 파라미터를 가진 R1보다 효율적이다. "
                  "딥시크의 R1은 추론 모델이다.")
    assert facts(ext, "parameterCount") == {("QwQ-32B", 32_000_000_000), ("DeepSeek-R1", 671_000_000_000)}


def test_relations_possessive_and_focus_on_this_model(extract):
    ext = extract("지난해 12월, 딥시크는 새로운 대형언어모델 V3를 발표했다. "
                  "이 모델의 크기는 약 700기가바이트로, 6850억 개의 파라미터를 보유하고 있다.")
    assert ("DeepSeek-V3", 685_000_000_000) in facts(ext, "parameterCount")
    assert ("DeepSeek-V3", 700_000_000_000) in facts(ext, "modelSizeBytes")
    assert ("DeepSeek-V3", "2024-12") in facts(ext, "releaseDate")
    size = next(f for f in ext.facts if f.predicate == "modelSizeBytes")
    assert size.qualifier == "approximately"


def test_relations_release_dates_relative_to_publication(extract):
    ext = extract("오픈AI가 지난 16일 동영상 생성 AI 소라(Sora)를 공개했다.", published="2024-02")
    assert ("Sora", "2024-02-16") in facts(ext, "releaseDate")
    ext = extract("메타가 지난해 7월 출시한 Llama 3.1의 파라미터 수는 4050억 개에 불과했다.", published="2025-02-01")
    assert ("Llama 3.1", "2024-07") in facts(ext, "releaseDate")
    assert ("Llama 3.1", 405_000_000_000) in facts(ext, "parameterCount")


def test_relations_unresolvable_dates_are_not_guessed(extract):
    ext = extract("오픈AI는 지난 16일 소라(Sora)를 공개했다.", published=None)
    assert not facts(ext, "releaseDate")


def test_relations_money_with_converted_amount_is_one_fact(extract):
    ext = extract("알리바바 그룹은 약 3년간 3,800억 위안(한화 약 75조원)을 투자할 계획을 밝혔다.")
    plans = [f for f in ext.facts if f.predicate == "investmentPlan"]
    assert len(plans) == 1
    assert plans[0].value == MoneyValue(Decimal("380000000000"), "CNY", "P3Y")


def test_relations_training_cost_of_this_model(extract):
    ext = extract("중국 AI 기업이 개발한 '씽킹(Thinking)' 모델이 AI 모델 순위에서 2위를 차지했다. "
                  "이 모델은 학습 비용이 460만 달러에 불과하다.")
    assert {v for _, v in facts(ext, "trainingCost")} == {(4_600_000, "USD")}
    assert {v for _, v in facts(ext, "ranking")} == {(2, None)}


def test_relations_ranking_with_its_leaderboard(extract):
    ext = extract("LM 아레나의 텍스트-이미지 생성 부문 1위 모델이 텐센트의 '훈위안-이미지-3.0'인 점도 주목된다.")
    assert ("HunyuanImage-3.0", (1, "LMArena")) in facts(ext, "ranking")
    assert ("HunyuanImage-3.0", "Tencent") in facts(ext, "developedBy")


def test_relations_a_rank_of_a_person_is_not_a_model_ranking(extract):
    ext = extract("알파고가 2017년 5월 당시 세계 랭킹 1위 중국 커제(柯洁)에 승리했다.")
    assert not facts(ext, "ranking")


def test_relations_stock_change_sign(extract):
    ext = extract("이로 인해 알리바바의 주식이 순간적으로 급등(HK 8.4%)했다.")
    assert ("Alibaba Group", 8.4) in facts(ext, "stockChange")
    assert ("Nvidia", -6.0) in facts(extract("엔비디아 주가는 이날 6% 하락했다."), "stockChange")


def test_relations_country_by_apposition_and_coordination(extract):
    ext = extract("블룸버그 통신 등 외신에 따르면, 싱킹 머신스 랩, 코그니션AI 등 미국의 여러 스타트업들이 "
                  "알리바바, 지푸와 같은 중국 AI 모델을 사용하고 있다.")
    countries = facts(ext, "country")
    assert {n for n, c in countries if c == "United States"} >= {"Thinking Machines Lab", "Cognition AI"}
    assert "Bloomberg" not in {n for n, _ in countries}
    uses = facts(ext, "uses")
    assert ("Thinking Machines Lab", "Alibaba Group") in uses
    assert not {u for u in uses if u[0] == "Bloomberg"}


def test_relations_parent_organisation_from_parentheses_and_possessives(extract):
    assert ("Facebook", "Meta") in facts(extract("미국 메타(페이스북 모회사)의 생성형 AI 라마(LLaMA)가 쓰였다."),
                                         "parentOrganization")
    assert ("TikTok", "ByteDance") in facts(extract("틱톡의 모회사 중국 바이트댄스가 새 모델을 공개했다."),
                                            "parentOrganization")


def test_relations_successors_and_bases(extract):
    ext = extract("이에 맞서 오픈AI는 며칠 뒤 o1의 업그레이드 버전인 o3을 내놓았다.")
    assert ("o3", "o1") in facts(ext, "successorOf")
    ext = extract("물론 구글 역시 'Bard(현 Gemini)'를 출시했다.")
    assert ("Gemini", "Bard") in facts(ext, "successorOf")


@pytest.mark.parametrize(
    "sentence, person, org, role",
    [
        ("레오니스 캐피털의 제니 샤오 파트너는 이렇게 말했다.", "제니 샤오", "레오니스 캐피털", "partner"),
        ("엔비디아의 젠슨 황 CEO는 설명했다.", "Jensen Huang", "Nvidia", "CEO"),
        ("메타의 최고경영자(CEO)인 마크 저커버그는 투자를 진행했다.", "Mark Zuckerberg", "Meta", "CEO"),
        ("하버드대학교의 엘레나 루소 교수는 이렇게 설명했다.", "엘레나 루소", "Harvard University", "professor"),
    ],
)
def test_relations_works_for_with_role(extract, sentence, person, org, role):
    ext = extract(sentence)
    found = [f for f in ext.facts if f.predicate == "worksFor"]
    assert [(ext.things[f.subject].name, ext.things[f.value.key].name, f.role) for f in found] == [(person, org, role)]


def test_relations_past_roles_are_not_current_employment(extract):
    ext = extract("구글 차이나 사장 출신인 리카이푸는 인터뷰에 응했다. 전 구글 직원인 그는 떠났다.")
    assert not [f for f in ext.facts if f.predicate == "worksFor"]


def test_relations_founding_gives_a_founder_role(extract):
    ext = extract("왕창후(王長虎)는 베이징에서 AI스피어를 설립해 동영상 생성기를 출시했다.")
    assert [(f.role) for f in ext.facts if f.predicate == "worksFor"] == ["founder"]


def test_relations_evidence_is_the_sentence(extract):
    text = "첫 문장이다. 딥시크의 R1은 6,710억 개의 파라미터를 가졌다. 마지막 문장이다."
    ext = extract(text)
    fact = next(f for f in ext.facts if f.predicate == "parameterCount")
    assert text[fact.start : fact.end] == "딥시크의 R1은 6,710억 개의 파라미터를 가졌다."


def test_relations_hardware_used_by_the_topic(extract):
    ext = extract("딥시크는 V3를 엔비디아 H800 칩 2,048개로 훈련했다고 밝혔다.")
    assert ("DeepSeek", "Nvidia H800") in facts(ext, "usesHardware")
    ext = extract("미국의 제재로 엔비디아 H100을 사용하지 못하는 중국 업체들은 자체 칩을 개발한다.")
    assert not facts(ext, "usesHardware")


def test_relations_each_clause_dates_its_own_release(extract):
    ext = extract("앤트로픽은 지난 9월 클로드 소넷 4.5를 출시했으며, 오픈AI는 지난 8월 GPT-5를 내놨다.",
                  published="2025-11-19")
    assert facts(ext, "releaseDate") == {("Claude Sonnet 4.5", "2025-09"), ("GPT-5", "2025-08")}


def test_relations_a_planned_release_is_not_a_release_date(extract):
    ext = extract("xAI의 일론 머스크 CEO는 그록 5가 내년 초 출시될 것이라고 예고했다.", published="2025-11-19")
    assert not facts(ext, "releaseDate")
