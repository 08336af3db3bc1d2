"""Entity recognition: KB matches through particles and spelling variants, discovery by cue, resolution."""

from __future__ import annotations

import pytest


def names(ext, type_=None):
    return {t.name for t in ext.things.values() if type_ is None or t.type == type_}


def mentioned(ext):
    """Names and labels of the things the text mentions."""
    keys = {m.key for m in ext.mentions}
    return {n for k in keys for n in (ext.things[k].name, *ext.things[k].labels)}


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("딥시크가 새 모델을 공개했다.", "DeepSeek"),
        ("알리바바의 주가가 올랐다.", "Alibaba Group"),
        ("중국 스타트업 문샷 AI는 투자를 받았다.", "Moonshot AI"),
        ("중국 스타트업 문샷AI는 투자를 받았다.", "Moonshot AI"),
        ("알리바바는 QwQ 32B를 공개했다.", "QwQ-32B"),
        ("오픈AI는 GPT 4o를 유료로 서비스했다.", "GPT-4o"),
        ("중국 스타트업 01.AI가 정상에 올랐다.", "01.AI"),
        ("앤트로픽과 앤스로픽은 같은 회사다.", "Anthropic"),
    ],
)
def test_entities_kb_match_is_robust_to_particles_spacing_and_punctuation(extract, sentence, expected):
    assert expected in mentioned(extract(sentence))


def test_entities_names_glued_to_other_script_are_one_thing(extract):
    ext = extract("페이스북의 모회사 메타Meta가 새 모델을 출시했다.")
    meta = [t for t in ext.things.values() if t.name == "Meta"]
    assert len(meta) == 1
    assert {"메타", "Meta"} <= {meta[0].name, *meta[0].labels}


def test_entities_name_inside_a_longer_word_does_not_match(extract):
    assert "Meta" not in mentioned(extract("메타버스 산업이 성장하고 있다."))


def test_entities_ordinary_words_that_are_also_names_need_support(extract):
    assert "DALL·E" not in mentioned(extract("과거와 달리, 오픈AI는 수익화에 집중했다."))
    assert "Sora" in mentioned(extract("오픈AI가 동영상 생성 AI 소라(Sora)를 공개했다."))


def test_entities_short_names_resolve_only_with_their_developer(extract):
    assert "DeepSeek-R1" in mentioned(extract("딥시크는 R1이라는 추론 모델을 공개했다."))
    assert "DeepSeek-R1" not in mentioned(extract("이 차량은 R1 등급을 받았다."))


def test_entities_a_short_name_inside_another_quoted_name_is_no_mention(extract):
    # DeepSeek is named, so V3 alone would be DeepSeek-V3; inside '루미 V3' it is that model's version
    assert "DeepSeek-V3" not in mentioned(extract("딥시크는 R1을 냈다. 노바랩스의 '루미 V3'를 앞질렀다."))
    assert "DeepSeek-V3" in mentioned(extract("딥시크는 R1을 냈다. 이 회사의 'V3'는 빠르다."))
    # a quotation closed earlier in the sentence ('라마 3.3 70B'를 …) leaves none open
    assert "DeepSeek-R1" in mentioned(extract("노바랩스는 '라마 3.3 70B'를 바탕으로 '소나'를 만들었고, "
                                              "딥시크의 추론 모델 R1을 추가 학습했다."))


def test_entities_surname_with_title_resolves_to_the_person(extract):
    ext = extract("알리바바의 차이 회장은 한 행사에서 AI 승자를 정의했다. 두 회사의 차이를 설명했다.")
    people = [m for m in ext.mentions if m.type == "Person"]
    assert [ext.things[m.key].name for m in people] == ["Joe Tsai"]


@pytest.mark.parametrize(
    "sentence, name, type_",
    [
        ("레오드 벤처스의 마리아 콘스탄틴 파트너는 투자를 늘리겠다고 밝혔다.", "마리아 콘스탄틴", "Person"),
        ("미국의 벤처 투자자인 토마스 베르크만은 중국 모델을 높이 평가했다.", "토마스 베르크만", "Person"),
        ("하버드대학교의 엘레나 루소 교수는 이렇게 설명했다.", "엘레나 루소", "Person"),
        ("중국 스타트업 지니AI는 새 모델을 내놓았다.", "지니AI", "Organization"),
        ("그는 베이징에서 에코스피어를 설립해 운영하고 있다.", "에코스피어", "Organization"),
        ("그 회사는 '루미나-2' 모델을 공개했다.", "루미나-2", "AIModel"),
        ("이 회사는 지난해 동영상 생성기인 비디오버스(VideoVerse)를 출시했다.", "VideoVerse", "AIModel"),
        ("그는 바이두 연구소 책임자였던 리우창(刘强)을 영입했다.", "리우창", "Person"),
    ],
)
def test_entities_discovery_types_unknown_names_by_context(extract, sentence, name, type_):
    ext = extract(sentence)
    found = {(t.name, t.type) for t in ext.things.values()} | {
        (label, t.type) for t in ext.things.values() for label in t.labels
    }
    assert (name, type_) in found
    thing = next(t for t in ext.things.values() if t.name == name or name in t.labels)
    assert thing.confidence < 0.95  # discovered things rank below KB matches


@pytest.mark.parametrize(
    "sentence",
    ["이번 기사는 AI 산업을 다룬다.", "고성능 AI 모델이 늘고 있다.", "중국산 AI는 저렴하다.",
     "피드 랭킹과 추천에 활용한다.",
     "더 이상 '크고 비싼' 모델만이 답이 아니다.", "AI 연구소 책임자였던 그는 떠났다."],
)
def test_entities_generic_words_never_become_things(extract, sentence):
    ext = extract(sentence)
    assert not [t for t in ext.things.values() if t.kb_id is None], names(ext)


def test_entities_same_unknown_name_is_one_thing_across_mentions(extract):
    ext = extract("하버드대학교의 엘레나 루소 교수는 설명했다. 엘레나 루소 교수는 또 강조했다.")
    assert len([t for t in ext.things.values() if t.type == "Person"]) == 1


def test_entities_quoted_variant_of_a_known_model_is_a_new_model(extract):
    ext = extract("네이버가 지난 10일 새로운 AI 모델 '하이퍼클로바X 오로라'를 공개했다.", published="2025-06-12")
    variant = next(t for t in ext.things.values() if "하이퍼클로바X 오로라" in {t.name, *t.labels})
    assert variant.type == "AIModel" and variant.kb_id is None and variant.family == "hyperclova-x"
    assert "HyperCLOVA X" not in mentioned(ext)  # the family alone is never named


def test_entities_a_kb_surname_with_another_given_name_is_another_person(extract):
    ext = extract("카네기멜런대학교의 데이비드 첸 교수는 미국의 제재를 지적했다.")
    people = {ext.things[m.key].name for m in ext.mentions if m.type == "Person"}
    assert people == {"데이비드 첸"}


def test_entities_a_version_the_kb_does_not_list_is_a_new_model(extract):
    ext = extract("xAI는 그록 5가 곧 나온다고 밝혔다. 오픈AI의 GPT-5는 이미 나왔다.")
    models = {ext.things[m.key].name for m in ext.mentions if m.type == "AIModel"}
    assert models == {"Grok 5", "GPT-5"}  # the canonical name is English; 그록 5 is its label


def test_entities_a_currency_before_an_amount_is_not_the_group_of_that_name(extract):
    assert "Hanwha Group" not in names(extract("노바랩스는 3년간 50억 달러(한화 약 7조원)를 쓴다."))
    assert "Hanwha Group" in names(extract("한화는 노바랩스에 투자했다."))


def test_entities_a_word_of_a_model_name_is_not_the_lab_of_that_name(extract):
    ext = extract("네이버는 'HyperCLOVA X SEED'를 공개했다. 'SEED'는 가볍다. 바이트댄스 시드 팀도 모델을 냈다.")
    assert "ByteDance Seed" in names(ext)  # its full name still names the lab
    seed_mentions = [m for m in ext.mentions if m.text == "SEED"]
    assert all(ext.things[m.key].type == "AIModel" for m in seed_mentions)


def test_entities_names_in_a_parenthesis_after_a_name_are_its_other_names(extract):
    ext = extract("노바랩스는 추론 모델 '별빛 X1(星光 X1·Starlight X1)'을 공개했다.")
    models = [t for t in ext.things.values() if t.type == "AIModel"]
    assert len(models) == 1
    assert {"Starlight X1", "星光 X1"} <= {models[0].name, *models[0].labels}
    ext = extract("메타(페이스북, 인스타그램)는 새 모델을 냈다.")  # two other known companies stay themselves
    assert {"Meta", "Facebook", "Instagram"} <= names(ext, "Organization")


def test_entities_a_known_name_inside_a_gloss_is_part_of_the_gloss():
    from kg.extract.model import Extraction, Mention, Thing
    from kg.extract.resolve import Resolver

    text = "노바랩스는 '루미나 코더(Llama Coder)'를 내놨다."
    outer_start = text.index("루미나")
    inner_start = text.index("Llama")
    coder = Thing(key="aimodel:루미나코더", type="AIModel", name="Llama Coder", rule="discovery:quoted-aimodel")
    coder.add_label("루미나 코더", "ko")
    llama = Thing(key="llama", type="AIModel", name="LLaMA", kb_id="llama", rule="kb")
    ext = Extraction(things={coder.key: coder, llama.key: llama}, mentions=[
        Mention(outer_start, outer_start + 6, "루미나 코더", coder.key, "AIModel", 0.7, "discovery"),
        Mention(inner_start, inner_start + 5, "Llama", llama.key, "AIModel", 0.9, "kb")])
    Resolver._drop_parts_of_glosses(ext, text)
    assert [m.text for m in ext.mentions] == ["루미나 코더"] and set(ext.things) == {coder.key}


def test_entities_a_name_before_a_title_is_a_person_whatever_it_ends_with(extract):
    ext = extract("박서원 대표가 이끄는 노바랩스가 개발을 맡는다. 한빛연구원은 새 모델을 냈다.")
    assert "박서원" in names(ext, "Person") and "박서원" not in names(ext, "Organization")
    assert "한빛연구원" in names(ext, "Organization")


def test_entities_an_ambiguous_name_is_supported_by_a_cue_word_with_its_particle(extract):
    assert "LMArena" in names(extract("lmsys 랭킹에서도 노바랩스의 모델은 7위에 올랐다."), "Leaderboard")
    assert "LMArena" not in names(extract("lmsys 연구진이 논문을 냈다."), "Leaderboard")


def test_entities_two_ambiguous_names_vouch_for_each_other_as_developer_and_model(extract):
    """Alone 메타 (meta-) and 라마 (llama) are ordinary words; 'X의 Y' where the KB has Y as X's model names both."""
    ext = extract("메타의 라마 같은 범용 모델이 모두 여기에 해당합니다.")
    assert {"Meta", "LLaMA"} <= names(ext)
    assert not names(extract("라마 같은 동물은 메타 분석의 대상이 아니다."))
