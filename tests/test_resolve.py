"""Resolution inside an article (kg/extract/resolve.py): one thing per referent, whatever name the text uses.

Most tests run the `Resolver` on a hand-built extraction, so that only resolution is under test;
a few run the whole pipeline. KB records used: cognition-ai, zhipu, joe-tsai, rick-tsai, alibaba,
mediatek, us-commerce-department, mofcom, github-copilot, github, jensen-huang, nvidia, meta,
facebook, instagram, tii, falcon.
"""

from __future__ import annotations

import pytest

from kg.extract.model import Extraction, Mention, Thing


@pytest.fixture(scope="module")
def resolve():
    """resolve(text, things, mentions) -> the Extraction after the Resolver ran on it."""
    from kg.extract.resolve import Resolver
    from kg.extract.run import build_nlp

    nlp = build_nlp()
    resolver = Resolver()

    def run(text: str, things: list[Thing], mentions: list[Mention]) -> Extraction:
        doc = nlp.make_doc(text)
        doc._.extraction = Extraction(things={t.key: t for t in things}, mentions=list(mentions))
        resolver(doc)
        return doc._.extraction

    return run


def found(key: str, type_: str, name: str, **labels: str) -> Thing:
    """A discovered thing (no KB id); `labels` as surface=lang."""
    thing = Thing(key=key, type=type_, name=name, confidence=0.7, rule="discovery:test")
    for label, lang in labels.items():
        thing.add_label(label, lang)
    return thing


def known(kb_id: str, type_: str, name: str) -> Thing:
    return Thing(key=kb_id, type=type_, name=name, kb_id=kb_id, confidence=0.95, rule="kb")


def at(text: str, surface: str, thing: Thing, nth: int = 0) -> Mention:
    """A mention of `thing` on the nth occurrence of `surface` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention(start, start + len(surface), surface, thing.key, thing.type, thing.confidence, thing.rule)


def keys_of(ext: Extraction, surface: str) -> list[str]:
    return [m.key for m in ext.mentions if m.text == surface]


def the_one_model(ext: Extraction) -> Thing:
    """The thing every AIModel mention of the text points to (there must be exactly one)."""
    models = {m.key for m in ext.mentions if m.type == "AIModel"}
    assert len(models) == 1, models
    return ext.things[models.pop()]


# ------------------------------------------------------------------ discovered names the KB holds
def test_resolve_a_discovered_name_the_kb_holds_becomes_the_kb_record(extract):
    ext = extract("미국 스타트업 코그니션이 투자를 받았다.")
    assert keys_of(ext, "코그니션") == ["cognition-ai"]
    thing = ext.things["cognition-ai"]
    assert thing.kb_id == "cognition-ai" and thing.rule == "kb-resolved"
    assert not [k for k in ext.things if k.startswith("organization:")]


def test_resolve_the_kb_thing_keeps_the_discovered_surface_as_a_label(resolve):
    text = "중국 스타트업 즈푸AI는 새 모델을 냈다."
    lab = found("organization:즈푸ai", "Organization", "즈푸AI")
    ext = resolve(text, [lab], [at(text, "즈푸AI", lab)])
    assert set(ext.things) == {"zhipu"} and keys_of(ext, "즈푸AI") == ["zhipu"]
    assert ext.things["zhipu"].name == "Zhipu AI" and "즈푸AI" in ext.things["zhipu"].labels


def test_resolve_a_kb_name_of_another_class_is_not_that_record(resolve):
    text = "노바랩스는 새 모델 '즈푸AI'를 공개했다."
    model = found("aimodel:즈푸ai", "AIModel", "즈푸AI")
    ext = resolve(text, [model], [at(text, "즈푸AI", model)])
    assert set(ext.things) == {"aimodel:즈푸ai"} and ext.things["aimodel:즈푸ai"].kb_id is None


def test_resolve_a_name_of_two_kb_records_needs_context_to_choose(resolve):
    text = "상무부는 새 규제를 발표했다."
    body = found("organization:상무부", "Organization", "상무부")
    ext = resolve(text, [body], [at(text, "상무부", body)])
    assert set(ext.things) == {"organization:상무부"}  # the US or the Chinese ministry: not guessed


def test_resolve_a_name_of_two_kb_records_goes_to_the_one_related_to_the_article(resolve):
    text = "깃허브는 새 기능을 냈다. 코파일럿은 코드를 쓴다."
    github = known("github", "Organization", "GitHub")
    pilot = found("aimodel:코파일럿", "AIModel", "코파일럿")
    ext = resolve(text, [github, pilot], [at(text, "깃허브", github), at(text, "코파일럿", pilot)])
    assert keys_of(ext, "코파일럿") == ["github-copilot"]


# ------------------------------------------------------------------ surnames
def test_resolve_a_surname_goes_to_the_kb_person_whose_employer_is_named(resolve):
    text = "엔비디아의 황 CEO는 새 칩을 소개했다."
    nvidia = known("nvidia", "Organization", "Nvidia")
    huang = found("person:황", "Person", "황")
    ext = resolve(text, [nvidia, huang], [at(text, "엔비디아", nvidia), at(text, "황", huang)])
    assert keys_of(ext, "황") == ["jensen-huang"]
    assert ext.things["jensen-huang"].name == "Jensen Huang" and "person:황" not in ext.things


@pytest.mark.parametrize("org, name, person", [("alibaba", "알리바바", "joe-tsai"),
                                               ("mediatek", "미디어텍", "rick-tsai")])
def test_resolve_a_surname_of_two_kb_people_goes_to_the_one_whose_employer_is_named(resolve, org, name, person):
    text = f"{name}의 차이 회장은 이렇게 말했다."
    employer = known(org, "Organization", name)
    tsai = found("person:차이", "Person", "차이")
    ext = resolve(text, [employer, tsai], [at(text, name, employer), at(text, "차이", tsai)])
    assert keys_of(ext, "차이") == [person]


@pytest.mark.xfail(strict=True, reason="_kb_match runs before the surname rule and kb.lookup('황') holds one Person "
                   "(jensen-huang), so a lone surname becomes that person with no employer named; latent in the "
                   "pipeline today, as discovery mints no one-syllable names")
def test_resolve_a_surname_without_the_employer_named_stays_itself(resolve):
    text = "노바랩스의 황 CEO는 새 칩을 소개했다."
    huang = found("person:황", "Person", "황")
    ext = resolve(text, [huang], [at(text, "황", huang)])
    assert keys_of(ext, "황") == ["person:황"]


def test_resolve_a_surname_goes_to_the_person_of_the_article_with_that_last_name(resolve):
    text = "엘레나 루소 교수는 설명했다. 루소 교수는 또 강조했다."
    full = found("person:엘레나루소", "Person", "엘레나 루소")
    short = found("person:루소", "Person", "루소")
    ext = resolve(text, [full, short], [at(text, "엘레나 루소", full), at(text, "루소", short, nth=1)])
    assert [m.key for m in ext.mentions] == ["person:엘레나루소", "person:엘레나루소"]
    assert set(ext.things) == {"person:엘레나루소"} and "루소" in ext.things["person:엘레나루소"].labels


@pytest.mark.parametrize("text, person", [
    ("하버드대학교의 엘레나 루소 교수는 이렇게 설명했다. 루소 교수는 또 강조했다.", "엘레나 루소"),
    ("박하람 노바랩스 대표는 이렇게 말했다. 박 대표는 또 강조했다.", "박하람"),
])
def test_resolve_surname_and_title_in_a_later_sentence_is_the_person(extract, text, person):
    ext = extract(text)
    later = text.index(". ") + 2
    people = [ext.things[m.key].name for m in ext.mentions if m.type == "Person" and m.start >= later]
    assert people == [person]


# ------------------------------------------------------------------ one thing per label and class
def test_resolve_same_label_things_of_one_class_merge_and_the_latin_name_wins(resolve):
    text = "노바랩스는 '스텝-2(Step-2)'를 공개했다. 'Step-2' 모델은 빠르다."
    korean = found("aimodel:스텝2", "AIModel", "스텝-2", **{"Step-2": "en"})
    latin = found("aimodel:step2", "AIModel", "Step-2")
    ext = resolve(text, [korean, latin], [at(text, "스텝-2", korean), at(text, "Step-2", latin, nth=1)])
    assert set(ext.things) == {"aimodel:step2"}
    assert {m.key for m in ext.mentions} == {"aimodel:step2"} and "스텝-2" in ext.things["aimodel:step2"].labels


def test_resolve_same_label_things_merge_through_the_pipeline(extract):
    ext = extract("노바랩스는 '스텝-2(Step-2)'를 공개했다. 'Step-2' 모델은 빠르다.")
    model = the_one_model(ext)
    assert {"스텝-2", "Step-2"} <= {model.name, *model.labels}


def test_resolve_same_name_of_two_classes_stays_two_things(resolve):
    text = "루미나는 새 모델 '루미나'를 공개했다."
    lab = found("organization:루미나", "Organization", "루미나")
    model = found("aimodel:루미나", "AIModel", "루미나")
    ext = resolve(text, [lab, model], [at(text, "루미나", lab), at(text, "루미나", model, nth=1)])
    assert set(ext.things) == {"organization:루미나", "aimodel:루미나"}


def test_resolve_two_kb_records_sharing_a_label_stay_two(resolve):
    text = "미국 상무부와 중국 상무부가 맞섰다."
    us, cn = known("us-commerce-department", "Organization", "U.S. Department of Commerce"), \
        known("mofcom", "Organization", "Ministry of Commerce of China")
    us.add_label("상무부", "ko")
    cn.add_label("상무부", "ko")
    ext = resolve(text, [us, cn], [at(text, "미국 상무부", us), at(text, "중국 상무부", cn)])
    assert set(ext.things) == {"us-commerce-department", "mofcom"}


# ------------------------------------------------------------------ names in a parenthesis after a name
def test_resolve_names_in_a_parenthesis_are_the_names_other_names(resolve):
    text = "노바랩스는 추론 모델 별빛 X1(星光 X1·Starlight X1)을 공개했다."
    outer = found("aimodel:별빛x1", "AIModel", "별빛 X1")
    hanzi = found("aimodel:星光x1", "AIModel", "星光 X1")
    latin = found("aimodel:starlightx1", "AIModel", "Starlight X1")
    ext = resolve(text, [outer, hanzi, latin], [at(text, "별빛 X1", outer), at(text, "星光 X1", hanzi),
                                                at(text, "Starlight X1", latin)])
    assert len(ext.things) == 1 and len({m.key for m in ext.mentions}) == 1
    (thing,) = ext.things.values()
    assert {"별빛 X1", "星光 X1", "Starlight X1"} <= {thing.name, *thing.labels}


def test_resolve_a_kb_record_in_the_parenthesis_is_the_thing(resolve):
    text = "중국 지푸에이아이(Zhipu AI)는 새 모델을 냈다."
    outer = found("organization:지푸에이아이", "Organization", "지푸에이아이")
    zhipu = known("zhipu", "Organization", "Zhipu AI")
    ext = resolve(text, [outer, zhipu], [at(text, "지푸에이아이", outer), at(text, "Zhipu AI", zhipu)])
    assert set(ext.things) == {"zhipu"} and {m.key for m in ext.mentions} == {"zhipu"}
    assert "지푸에이아이" in ext.things["zhipu"].labels


@pytest.mark.parametrize("text, inner, inner_type", [
    ("노바랩스는 별빛 X1(Starlight X1 기반)을 공개했다.", "Starlight X1", "AIModel"),  # more than names inside
    ("노바랩스는 별빛 X1(한빛소프트)을 공개했다.", "한빛소프트", "Organization"),  # another class inside
])
def test_resolve_a_parenthesis_with_more_than_other_names_merges_nothing(resolve, text, inner, inner_type):
    outer = found("aimodel:별빛x1", "AIModel", "별빛 X1")
    other = found(f"{inner_type.lower()}:x", inner_type, inner)
    ext = resolve(text, [outer, other], [at(text, "별빛 X1", outer), at(text, inner, other)])
    assert set(ext.things) == {"aimodel:별빛x1", f"{inner_type.lower()}:x"}


def test_resolve_known_companies_in_a_parenthesis_stay_themselves(extract):
    ext = extract("메타(페이스북, 인스타그램)는 새 모델을 냈다.")
    assert {m.text: m.key for m in ext.mentions} == {"메타": "meta", "페이스북": "facebook", "인스타그램": "instagram"}


# ------------------------------------------------------------------ a known name inside a gloss
def test_resolve_a_known_name_inside_a_gloss_is_part_of_the_gloss(extract):
    ext = extract("TII는 '팰컨 아랍어(Falcon Arabic)'를 공개했다.")
    model = the_one_model(ext)
    assert "falcon" not in ext.things
    assert {"팰컨 아랍어", "Falcon Arabic"} <= {model.name, *model.labels}


def test_resolve_a_known_name_in_a_parenthesis_that_is_no_gloss_stays(resolve):
    text = "노바랩스는 '루미나 코더(Llama 기반)'를 내놨다."
    coder = found("aimodel:루미나코더", "AIModel", "루미나 코더")
    llama = known("llama", "AIModel", "LLaMA")
    ext = resolve(text, [coder, llama], [at(text, "루미나 코더", coder), at(text, "Llama", llama)])
    assert keys_of(ext, "Llama") == ["llama"] and "llama" in ext.things


def test_resolve_a_surname_with_a_title_needs_that_person_before(extract):
    ext = extract("박 대표는 이렇게 말했다. 박하람 노바랩스 대표도 동의했다.")
    first = [m for m in ext.mentions if m.start < 5 and m.type == "Person"]
    assert first == []  # nobody named 박 before: 박 대표 names nobody yet
