"""Attributed statements: speakers, unnamed speakers, continuations, claim types."""

from __future__ import annotations

import pytest


def claims(ext):
    return [(ext.things[c.speaker].name if c.speaker else c.speaker_text, c.claim_type) for c in ext.claims]


@pytest.mark.parametrize(
    "sentence, speaker, claim_type",
    [
        ("마이크로소프트는 AGI 달성에 시간이 더 필요할 것으로 전망했습니다.", "Microsoft", "forecast"),
        ("중국 기업들이 한계에 봉착해 있다고 미국 뉴욕타임스(NYT)가 21일(현지시간) 지적했다.",
         "The New York Times", "assessment"),
        ("엔비디아의 젠슨 황 CEO는 추론 능력이 필요하다고 설명했다.", "Jensen Huang", "assessment"),
        ("앤드리슨 호로비츠의 분석에 따르면, 많은 미국 스타트업이 중국 모델에 의존하고 있다.",
         "Andreessen Horowitz", "assessment"),
        ("네이버는 향후 5년간 1조원을 투자하겠다고 밝혔다.", "Naver", "plan"),
        ("하버드대학교의 엘레나 루소 교수는 중국이 미국을 앞섰다고 평가했다.", "엘레나 루소", "comparison"),
    ],
)
def test_claims_speaker_and_type(extract, sentence, speaker, claim_type):
    assert (speaker, claim_type) in claims(extract(sentence))


def test_claims_unnamed_speaker_is_kept_as_text(extract):
    ext = extract("국내 서버 업체 관계자는 중국 AI 모델을 사용하지 않을 이유가 없다고 말했다.")
    assert ext.claims and ext.claims[0].speaker is None
    assert ext.claims[0].speaker_text.endswith("관계자")


def test_claims_pronoun_and_noun_predicate_continue_the_speaker(extract):
    ext = extract("알리바바의 차이 회장은 AI 승자가 바뀌어야 한다고 발언했습니다. "
                  "그는 기술 배포에 더 집중해야 한다고 역설했습니다. "
                  "미국이 컴퓨팅에만 집중했다는 분석입니다.")
    assert [s for s, _ in claims(ext)] == ["Joe Tsai"] * 3


def test_claims_hearsay_with_a_possessive_source(extract):
    ext = extract("이코노미스트의 이 브리핑 기사는 중국 AI 개발환경이 더 개방적이라고 합니다. "
                  "또한 다른 점에서는 더 폐쇄적이기도 하다고 합니다.")
    assert [s for s, _ in claims(ext)] == ["The Economist", "The Economist"]


def test_claims_a_sentence_without_a_reporting_verb_is_not_a_claim(extract):
    assert not extract("딥시크는 지난해 12월 V3를 발표했다.").claims


def test_claims_facts_in_a_claim_carry_stated_by(extract):
    ext = extract("NYT는 01.AI의 기업 가치가 10억달러를 돌파했다고 전했다.")
    valuation = [f for f in ext.facts if f.predicate == "valuation"]
    assert valuation and ext.things[valuation[0].stated_by].name == "The New York Times"
    assert valuation[0].qualifier == "atLeast"


def test_claims_a_passive_reporting_verb_has_no_speaker(extract):
    ext = extract("메타가 비용의 10%만 사용했다는 사실이 밝혀지면서 업계가 놀랐다.")
    assert not [c for c in ext.claims if c.speaker]
