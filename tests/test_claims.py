"""Attributed statements: speakers from the reporting structure, continuations, claim types, about.

Every sentence here is invented (노바랩스, 한빛전자, 박하람 … are names the knowledge
base does not hold); the examples of `kg/resources/patterns/speech.toml` run too.
"""

from __future__ import annotations

import pytest

from kg.extract.speech import SPEECH_PATH, SpeechDataError, load_speech

EXAMPLES = load_speech().examples


def said(ext) -> list[tuple[str | None, str]]:
    """(speaker, claim type) of every claim: a thing's name, or an unnamed speaker's text."""
    out = []
    for c in ext.claims:
        if c.speaker:
            thing = ext.things[c.speaker]
            out.append((thing.name, c.claim_type))
        else:
            out.append((c.speaker_text, c.claim_type))
    return out


def speakers(ext) -> list[str | None]:
    return [s for s, _t in said(ext)]


def named(ext) -> list[str]:
    return [ext.things[c.speaker].name for c in ext.claims if c.speaker]


def names_of(ext, thing_key: str) -> set[str]:
    thing = ext.things[thing_key]
    return {thing.name, *thing.labels}


def spoke(ext, claim, name: str) -> bool:
    """The claim's speaker is called `name` (a thing's name or label, or an unnamed speaker's text)."""
    return name in names_of(ext, claim.speaker) if claim.speaker else claim.speaker_text == name


# ---------------------------------------------------------------------- the data's own examples
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"{e.section}-{e.key}")
def test_claims_speech_data_example(extract, example):
    ext = extract(example.text)
    got = said(ext)
    if not example.speaker:
        assert not named(ext), got
        return
    hits = [c.claim_type for c in ext.claims if spoke(ext, c, example.speaker)]
    assert hits, got
    if example.claim_type:
        assert example.claim_type in hits, got


def test_claims_speech_data_every_example_is_a_body_line():
    """A line of fewer than 25 characters is read as a heading, which holds no claims."""
    for e in EXAMPLES:
        assert all(len(line.strip()) >= 25 for line in e.text.split("\n") if line.strip()), e.text


def test_claims_speech_data_refuses_an_entry_without_an_example(tmp_path):
    bad = tmp_path / "speech.toml"
    bad.write_text('[[verb]]\nlemma = "말하"\n', encoding="utf-8")
    with pytest.raises(SpeechDataError, match="example"):
        load_speech.__wrapped__(bad)


def test_claims_speech_data_refuses_an_unknown_claim_type(tmp_path):
    bad = tmp_path / "speech.toml"
    bad.write_text('[[verb]]\nlemma = "말하"\ntype = "opinion"\nexample = "x"\nspeaker = ""\n', encoding="utf-8")
    with pytest.raises(SpeechDataError, match="claim type"):
        load_speech.__wrapped__(bad)


def test_claims_speech_data_has_no_duplicate_entries():
    seen = set()
    for e in EXAMPLES:
        assert (e.section, e.key) not in seen, e
        seen.add((e.section, e.key))
    assert SPEECH_PATH.name == "speech.toml"


# ---------------------------------------------------------------------- speakers from the reporting structure
@pytest.mark.parametrize(
    "sentence, speaker, claim_type",
    [
        ("박하람 노바랩스 대표는 새 칩의 전력 효율이 경쟁사보다 두 배 좋다고 말했다.", "박하람", "comparison"),
        ("노바랩스는 내년 상반기에 동남아 시장에 진출하겠다고 밝혔다.", "노바랩스", "plan"),
        ("윤서진 한빛전자 연구원은 칩 가격이 내년에 더 오를 것이라고 내다봤다.", "윤서진", "forecast"),
        ("한빛전자 반도체 부문의 매출이 석 달 새 두 배로 늘었다고 로이터통신이 보도했다.", "로이터통신", None),
        ("노바랩스가 새 칩을 한빛전자에 공급하고 있다고 로이터통신은 전했다.", "로이터통신", None),
        ("로이터통신에 따르면 노바랩스는 지난달 한빛전자의 칩 사업부를 인수했다.", "로이터통신", None),
        ("한빛전자와 노바랩스는 모두 두 회사 사이에 거래가 전혀 없다는 입장이다.", "노바랩스", None),
        ("새 모델의 추론 속도가 이전보다 세 배 빨라졌다는 것이 노바랩스의 설명이다.", "노바랩스", "comparison"),
        ("한빛전자는 내년 동남아 시장에 새 공장을 지어 진출할 계획이다.", "한빛전자", "plan"),
        ("가람테크 CEO 또한 내년까지 대규모 투자를 이어 가겠다고 밝혔다.", "가람테크", "plan"),
        ("노바랩스 대표도 \"새 칩은 올해 안에 반드시 나온다\"라며 출시 연기설을 일축했다.", "노바랩스", None),
        ("박하람 당시 한빛연구원 원장은 \"국산 칩이 10년 안에 세계 1위가 될 것\"이라고 말했다.", "박하람", "forecast"),
        ("박하람 노바랩스 대표는 기자간담회에서 \"올해 안에 해외 시장에 진출하겠다\"고 말했다.", "박하람", "plan"),
    ],
)
def test_claims_speaker_and_type(extract, sentence, speaker, claim_type):
    ext = extract(sentence)
    types = [c.claim_type for c in ext.claims if spoke(ext, c, speaker)]
    assert types, said(ext)
    if claim_type:
        assert claim_type in types, said(ext)


@pytest.mark.parametrize(
    "sentence",
    [
        "노바랩스의 주가는 내년에도 더 오를 것이라고 합니다.",  # hearsay: the possessor of the topic never speaks
        "노바랩스의 등장은 칩 시장의 판도를 바꿀 것이라는 분석입니다.",  # the writer's reading
        "이번 발표는 노바랩스가 칩 시장에 본격적으로 뛰어든다는 신호탄입니다.",  # the writer's commentary
        "이번 합의는 노바랩스의 해외 진출에 큰 호재로 작용합니다.",
        "한빛전자는 내년에 적자에서 벗어나 흑자로 돌아설 전망이다.",
        "한빛전자는 이르면 다음 달 새 칩을 시장에 내놓을 것으로 보인다.",
        "노바랩스가 비용의 10%만 썼다는 사실이 밝혀지면서 업계가 크게 놀랐다.",  # a passive: nobody speaks
        "한빛전자는 노바랩스와 손잡고 새 칩을 함께 개발하기로 했다.",  # a decision is an event, not a statement
        "노바랩스는 지난해 새 칩 세 종을 공개하며 전체 라인업을 밝혔다.",  # 밝히다 with a plain object
    ],
)
def test_claims_no_speaker_without_the_reporting_structure(extract, sentence):
    assert not named(extract(sentence)), said(extract(sentence))


def test_claims_unnamed_speaker_is_kept_as_text_and_ends_the_voice(extract):
    ext = extract("블룸버그통신은 노바랩스가 한빛전자 인수를 검토하고 있다고 보도했다. "
                  "업계 관계자도 두 회사가 가격을 두고 협상하고 있다고 말했다.")
    assert len(ext.claims) == 2 and spoke(ext, ext.claims[0], "블룸버그통신"), said(ext)
    assert ext.claims[1].speaker is None and ext.claims[1].speaker_text == "업계 관계자"


@pytest.mark.parametrize(("line", "speaker"), [
    ("- 윤 상무는 가격보다 납기가 중요하다고 강조했다.", "윤 상무"),
    ("• 증권가 관계자는 수요가 당분간 이어질 것이라고 말했다.", "증권가 관계자"),
    ("1. 업계 관계자는 두 회사가 협상하고 있다고 말했다.", "업계 관계자"),
])
def test_claims_a_list_marker_is_no_part_of_the_speaker(extract, line, speaker):
    # a bulleted or numbered line: the bullet is a word of symbols, nobody's name
    ext = extract(line)
    assert [c.speaker_text for c in ext.claims] == [speaker], said(ext)


def test_claims_pronoun_and_stance_noun_continue_the_speaker(extract):
    ext = extract("박하람 노바랩스 대표는 새 칩이 올해 안에 나온다고 말했다. "
                  "그는 가격도 경쟁사의 절반 수준으로 내릴 수 있다고 덧붙였다. "
                  "공급 계약도 이미 여러 건 맺었다는 입장이다.")
    assert speakers(ext) == ["박하람"] * 3


def test_claims_zero_subject_continues_the_speaker_in_the_paragraph(extract):
    ext = extract("윤서진 한빛전자 연구원은 메모리 수요가 빠르게 회복되고 있다고 말했다. "
                  "하반기에는 가격도 오를 것이라고 덧붙였다.")
    assert speakers(ext) == ["윤서진", "윤서진"]


def test_claims_a_new_paragraph_ends_the_voice(extract):
    ext = extract("윤서진 한빛전자 연구원은 메모리 수요가 빠르게 회복되고 있다고 말했다.\n\n"
                  "하반기에는 가격도 오를 것이라고 덧붙였다.")
    assert named(ext) == ["윤서진"]


def test_claims_the_writers_voice_ends_the_voice(extract):
    ext = extract("윤서진 한빛전자 연구원은 메모리 수요가 빠르게 회복되고 있다고 말했다. "
                  "한빛전자는 내년에 적자에서 벗어나 흑자로 돌아설 전망이다. "
                  "가격도 곧 오를 것이라고 덧붙였다.")
    assert named(ext) == ["윤서진"]


def test_claims_the_writers_closing_words_end_the_voice(extract):
    """A는 …라고 비판해 파장은 커질 전망이다: only the first part is A's, and the voice ends there."""
    ext = extract("박하람 노바랩스 대표는 한빛전자가 칩 시장을 사실상 독점하고 있다고 비판해 파장은 커질 전망이다. "
                  "가격도 곧 오를 것이라고 덧붙였다.")
    assert named(ext) == ["박하람"]


def test_claims_a_new_speaker_wins_over_the_voice(extract):
    ext = extract("박하람 노바랩스 대표는 새 칩이 올해 안에 나온다고 말했다. "
                  "윤서진 한빛전자 연구원은 그 칩이 시장의 판도를 바꾸기는 어렵다고 평가했다.")
    assert speakers(ext) == ["박하람", "윤서진"]


def test_claims_two_speakers_in_one_sentence(extract):
    ext = extract("박하람 노바랩스 대표는 새 칩이 가장 빠르다고 밝혔고, "
                  "윤서진 한빛전자 연구원은 가격이 너무 높다고 지적했다.")
    assert sorted(speakers(ext)) == ["박하람", "윤서진"]


def test_claims_a_subject_after_the_first_report_is_what_is_said(extract):
    ext = extract("박하람 노바랩스 대표는 시장이 곧 커질 것이라고 말하며, "
                  "한빛전자가 가격 경쟁에서 밀릴 것이라고 평가했다.")
    assert speakers(ext) == ["박하람"]


def test_claims_family_name_and_title_is_the_person_named_before(extract):
    ext = extract("박하람 노바랩스 대표는 새 칩이 올해 안에 나온다고 말했다. 업계는 출시 시점에 주목하고 있다. "
                  "박 대표는 가격도 경쟁사의 절반 수준이 될 것이라고 강조했다.")
    assert speakers(ext)[-1] == "박하람"


def test_claims_an_unknown_title_holder_is_nobody_we_know(extract):
    """성 총괄도 …: a person we cannot name is no continuation of the speaker before."""
    ext = extract("박하람 노바랩스 대표는 새 칩이 올해 안에 나온다고 말했다. "
                  "성 총괄도 같은 날 가격을 내릴 계획이 없다고 반박했다.")
    assert named(ext) == ["박하람"]
    assert ext.claims[-1].speaker is None and ext.claims[-1].speaker_text


def test_claims_the_source_speaks_where_the_clause_gives_an_order(extract):
    ext = extract("로이터통신에 따르면 한빛전자는 협력사들에 노바랩스 칩의 주문을 당장 중단하라고 지시했다.")
    assert len(ext.claims) == 1 and spoke(ext, ext.claims[0], "로이터통신"), said(ext)


def test_claims_the_speaker_wins_over_the_source_where_it_speaks(extract):
    ext = extract("로이터통신에 따르면 노바랩스는 새 칩이 질문에 1초 안에 답한다며 경쟁 제품과 선을 그었다.")
    assert speakers(ext) == ["노바랩스"]


def test_claims_about_names_what_is_said_not_the_speaker_nor_his_employer(extract):
    ext = extract("박하람 노바랩스 대표는 한빛전자의 새 칩이 시장에서 가장 빠르다고 말했다.")
    claim = ext.claims[0]
    assert [ext.things[k].name for k in claim.about] == ["한빛전자"]


def test_claims_body_lines_and_summary_bullets_hold_claims(extract):
    text = ("노바랩스 \"새 칩은 한빛전자 제품보다 두 배 빠르다\"고 밝혀\n"
            "원제목: 노바랩스, 새 칩이 두 배 빠르다고 밝혀 - 한빛일보\n"
            "핵심 요약\n"
            "- 박하람 노바랩스 대표는 새 칩이 한빛전자 제품보다 두 배 빠르다고 말했다.\n"
            "상세 내용\n"
            "박하람 노바랩스 대표는 15일 기자간담회에서 새 칩이 올해 안에 나온다고 말했다.\n"
            "▲ 박하람 노바랩스 대표가 새 칩이 가장 빠르다고 말하고 있다.\n")
    ext = extract(text)
    evidence = [text[c.start : c.end] for c in ext.claims]
    assert evidence == ["- 박하람 노바랩스 대표는 새 칩이 한빛전자 제품보다 두 배 빠르다고 말했다.",
                        "박하람 노바랩스 대표는 15일 기자간담회에서 새 칩이 올해 안에 나온다고 말했다."], evidence


def test_claims_a_byline_is_never_a_speaker(extract):
    text = ("노바랩스, 새 칩 공개\n"
            "(서울=한빛일보) 김하늘 기자 = 노바랩스는 새 칩이 경쟁 제품보다 두 배 빠르다고 15일 밝혔다.\n"
            "김하늘 기자 sky@news.example\n")
    ext = extract(text)
    assert speakers(ext) == ["노바랩스"]
    assert not [c for c in ext.claims if c.speaker_text and "김하늘" in c.speaker_text]


def test_claims_a_facts_sentence_in_a_claim_is_stated_by_its_speaker(extract):
    ext = extract("로이터통신은 노바랩스가 칩 설계 스타트업 가람테크를 인수했다고 전했다.")
    stated = {f.stated_by for f in ext.facts if f.start == ext.claims[0].start}
    assert stated <= {ext.claims[0].speaker}


def test_claims_hearsay_with_a_source_noun_and_its_continuation(extract):
    ext = extract("한빛일보의 이 기사는 노바랩스의 칩이 업계에서 가장 빠르다고 합니다. "
                  "또한 가격도 가장 싸다고 합니다.")
    assert speakers(ext) == ["한빛일보", "한빛일보"]


def test_claims_the_company_side_is_the_company_in_focus(extract):
    ext = extract("노바랩스는 지난 15일 새 칩 세 종을 한꺼번에 공개했다. "
                  "학습 비용이 이전 모델의 10분의 1에 그친다는 것이 회사 측 설명입니다.")
    assert speakers(ext) == ["노바랩스"]
