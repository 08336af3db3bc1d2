"""Tests of the knowledge base: the shipped data is valid and true, and the validator catches errors."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from kg.kb import DEFAULT_KB_DIR, LANGS, TYPES, KBError, KnowledgeBase, fold, load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


# --------------------------------------------------------------------------- the shipped KB


def test_kb_loads_with_enough_records(kb: KnowledgeBase) -> None:
    assert len(kb) >= 1500


def test_every_class_is_present(kb: KnowledgeBase) -> None:
    counts = Counter(r.type for r in kb)
    assert set(counts) == TYPES
    minimum = {"Organization": 700, "Person": 300, "AIModel": 300, "Hardware": 100, "Leaderboard": 60,
               "Policy": 50, "Country": 60}
    assert all(counts[t] >= n for t, n in minimum.items()), counts


def test_load_is_cached() -> None:
    assert load_kb() is load_kb()


def test_ids_unique_across_files() -> None:
    ids = [
        json.loads(line)["id"]
        for path in sorted(DEFAULT_KB_DIR.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]


def test_record_order_follows_files(kb: KnowledgeBase) -> None:
    order = [r.type for r in kb]
    assert order[0] == "Country"
    assert order.index("Person") > order.index("Organization")
    assert order[-1] == "Policy"


def test_qids_well_formed(kb: KnowledgeBase) -> None:
    qids = [r.qid for r in kb if r.qid]
    assert len(qids) >= 150
    assert all(re.fullmatch(r"Q[1-9][0-9]*", q) for q in qids)
    assert len(qids) == len(set(qids)), "two records share a QID"


def test_language_keys(kb: KnowledgeBase) -> None:
    for rec in kb:
        assert set(rec.aliases) <= LANGS and set(rec.short) <= LANGS and set(rec.family_name) <= LANGS


def test_no_undeclared_duplicate_aliases(kb: KnowledgeBase) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    strict: dict[str, set[str]] = defaultdict(set)
    for rec in kb:
        forms = [(rec.name, rec.is_loose(rec.name))]
        forms += [(text, text in rec.ambiguous) for text, _lang in rec.all_aliases()]
        forms += [(text, True) for texts in rec.short.values() for text in texts]
        for text, loose in forms:
            owners[fold(text)].add(rec.id)
            if not loose:
                strict[fold(text)].add(rec.id)
    for key, ids in owners.items():
        if len(ids) > 1:
            assert not strict[key], f"{key!r} shared by {sorted(ids)} but not loose on {sorted(strict[key])}"


def test_referenced_ids_exist_and_have_the_right_type(kb: KnowledgeBase) -> None:
    for rec in kb:
        for key in ("parent", "developer"):
            target = getattr(rec, key)
            if target:
                assert kb.get(target) is not None and kb.get(target).type == "Organization", (rec.id, key)
        if rec.based_on:
            assert kb.get(rec.based_on).type == "AIModel", rec.id
        if rec.successor_of:
            assert kb.get(rec.successor_of).type == rec.type, rec.id
        for org, role in rec.works_for:
            assert kb.get(org) is not None and kb.get(org).type == "Organization", (rec.id, org)
            assert role
        if rec.country:
            assert kb.country(rec.country) is not None, (rec.id, rec.country)


def test_countries_have_iso_codes(kb: KnowledgeBase) -> None:
    codes = [r.iso_code for r in kb.by_type("Country")]
    assert all(c and re.fullmatch(r"[A-Z]{2}", c) for c in codes)
    assert len(codes) == len(set(codes))


def test_people_roles_point_to_employers(kb: KnowledgeBase) -> None:
    people = kb.by_type("Person")
    assert len(people) >= 50
    assert sum(1 for p in people if p.works_for) >= 0.8 * len(people)


def test_surface_forms(kb: KnowledgeBase) -> None:
    forms = list(kb.surface_forms())
    assert all(lang in LANGS for _text, lang, _rid, _loose in forms)
    assert ("딥시크", "ko", "deepseek", False) in forms
    assert ("R1", "en", "deepseek-r1", True) in forms  # short form
    assert ("소라", "ko", "sora", True) in forms  # ambiguous
    assert ("올트먼", "ko", "sam-altman", False) in forms  # distinctive surname listed as alias
    assert ("황", "ko", "jensen-huang", True) in forms  # family name: always loose
    assert len({(t, lang, rid) for t, lang, rid, _ in forms}) == len(forms)


#: Ordinary Korean words (and common loanwords) that name AI-industry things too: wherever one is a
#: surface form it must be loose (ambiguous or short), never a strong alias.
ORDINARY_KOREAN_WORDS = [
    "메타", "라마", "소라", "달리", "제미니", "파이", "커맨드", "팰컨", "미모", "라이터", "애플", "믿음",
    "가우스", "솔라", "키미", "젬마", "비오", "하이쿠", "소네트", "소넷", "오퍼스", "코덱스", "위스퍼",
    "노바", "람다", "버트", "팜", "잠바", "플럭스", "다음", "토스", "당근", "기아", "라인", "모레", "커서",
    "아틀라스", "오로라", "코스모스", "스텝", "웨이브", "라이너", "프라이머", "리플릿", "시놉시스", "하비",
    "시에라", "헬릭스", "옵티머스", "블랙홀", "파인만", "기가바이트", "마이크론", "암", "이란", "인도",
    "오만", "호랑이", "이루다", "국방부", "외교부", "교육부", "상원", "하원", "민주당", "공화당",
    "수출통제", "칩스법", "집행위원회", "대통령실", "청와대", "연합", "한경", "이코노미스트", "타임",
]


@pytest.mark.parametrize("word", ORDINARY_KOREAN_WORDS)
def test_ordinary_korean_words_are_never_strong(kb: KnowledgeBase, word: str) -> None:
    owners = kb.lookup(word)
    assert owners, f"{word!r} is not a form of any record (drop it from this list)"
    for rec in owners:
        forms = [t for t, _lang in rec.all_aliases() if fold(t) == fold(word)]
        forms += [t for ts in rec.short.values() for t in ts if fold(t) == fold(word)]
        if fold(rec.name) == fold(word):
            forms.append(rec.name)
        assert all(rec.is_loose(t) for t in forms), (word, rec.id)


def test_aliases_are_names_not_descriptions(kb: KnowledgeBase) -> None:
    """A parenthetical is how an article explains a name, not the name itself ("X(옛 트위터)")."""
    allowed = {"(주)LG", "SK(주)"}  # the Korean corporate marker is part of how those names are written
    for rec in kb:
        for text, _lang in rec.all_aliases():
            assert not re.search(r"[()]", text) or text in allowed, (rec.id, text)


def test_successors_share_the_developer(kb: KnowledgeBase) -> None:
    for rec in kb:
        if rec.successor_of and rec.developer:
            other = kb.get(rec.successor_of)
            assert other.developer in (None, rec.developer), (rec.id, rec.developer, other.id, other.developer)


def test_korean_people_have_no_loose_surname(kb: KnowledgeBase) -> None:
    """Korean surnames (김, 이, 박...) are shared by millions: Korean people carry no family_name."""
    for rec in kb.by_type("Person"):
        if rec.country == "KR":
            assert not rec.family_name, rec.id


def test_current_roles_point_to_live_organizations(kb: KnowledgeBase) -> None:
    """People known only for a past role carry a note instead of a works_for entry."""
    for rec in kb.by_type("Person"):
        if not rec.works_for:
            assert rec.note, rec.id


# --------------------------------------------------------------------------- facts (spot checks)


def test_spot_check_facts(kb: KnowledgeBase) -> None:
    assert kb.get("deepseek-r1").developer == "deepseek"
    assert kb.get("deepseek-r1").based_on == "deepseek-v3"
    assert kb.get("nvidia").country == "US"
    assert kb.get("deepseek").country == "CN"
    assert kb.get("alibaba").qid == "Q1359568"
    assert kb.get("united-states").qid == "Q30"
    assert kb.get("south-korea").iso_code == "KR"
    assert kb.get("united-kingdom").iso_code == "GB"
    assert ("openai", "CEO") in kb.get("sam-altman").works_for
    assert ("nvidia", "CEO") in kb.get("jensen-huang").works_for
    assert ("alibaba", "Chairman") in kb.get("joe-tsai").works_for
    assert kb.get("facebook").parent == "meta"
    assert kb.get("tiktok").parent == "bytedance"
    assert kb.get("o3").successor_of == "o1"
    assert kb.get("gemini").successor_of == "bard"
    assert kb.get("qwq-32b").developer == "alibaba"
    assert kb.get("kimi-k2-thinking").developer == "moonshot-ai"
    assert kb.get("hunyuanimage-3").developer == "tencent"
    assert kb.get("h20").developer == "nvidia"
    assert kb.get("ascend-910c").developer == "huawei"
    assert kb.get("ai-plus").country == "CN"
    # added with the broadened KB
    assert kb.get("bytedance-seed").parent == "bytedance"
    assert kb.get("tongyi-lab").parent == "alibaba"
    assert kb.get("kunlunxin").parent == "baidu"
    assert kb.get("samsung-foundry").parent == "samsung-electronics"
    assert kb.get("naver-cloud").parent == "naver"
    assert kb.get("windsurf").parent == "cognition-ai"
    assert kb.get("boston-dynamics").parent == "hyundai-motor-group"
    assert kb.get("t-mobile-us").parent == "deutsche-telekom"
    assert kb.get("gb300").successor_of == "gb200"
    assert kb.get("trainium3").successor_of == "trainium2"
    assert kb.get("mi350").developer == "amd"
    assert kb.get("ascend-950").successor_of == "ascend-910c"
    assert kb.get("hbm4e").successor_of == "hbm4"
    assert kb.get("gemini-3").successor_of == "gemini-2.5"
    assert kb.get("deepseek-v3").successor_of == "deepseek-v2.5"
    assert kb.get("exaone-deep").based_on == "exaone-3.5"
    assert kb.get("claude-haiku-4.5").successor_of == "claude-3.5-haiku"
    assert kb.get("swe-bench-pro").type == "Leaderboard"
    assert kb.get("eu-gpai-code-of-practice").developer == "eu-ai-office"
    assert ("sk-telecom", "CEO") in kb.get("jung-jai-hun").works_for
    assert ("ostp", "Director") in kb.get("michael-kratsios").works_for
    assert kb.get("sanae-takaichi").country == "JP"
    assert kb.get("hugging-face").qid == "Q108943604"
    assert kb.get("mistral-ai").qid == "Q119718658"


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("앤트로픽", "anthropic"),
        ("앤스로픽", "anthropic"),
        ("오픈AI", "openai"),
        ("오픈에이아이", "openai"),
        ("엔비디아", "nvidia"),
        ("젠슨황", "jensen-huang"),
        ("젠슨 황", "jensen-huang"),
        ("큐원3-맥스", "qwen3-max"),
        ("큐웬", "qwen"),
        ("문샷 AI", "moonshot-ai"),
        ("李開復", "kai-fu-lee"),
        ("李开复", "kai-fu-lee"),
        ("훈위안-이미지-3.0", "hunyuanimage-3"),
        ("LM 아레나", "lm-arena"),
        ("앤드리슨 호로비츠", "andreessen-horowitz"),
        ("AI 플러스", "ai-plus"),
        ("하이퍼클로바X", "hyperclova-x"),
        ("리벨리온", "rebellions"),
        ("퓨리오사AI", "furiosaai"),
        ("미국", "united-states"),
        ("DALL-E", "dall-e"),
        ("dalle", "dall-e"),
        ("gpt 4o", "gpt-4o"),
        ("바이트댄스 시드", "bytedance-seed"),
        ("지푸AI", "zhipu"),
        ("壁仞科技", "biren"),
        ("沐曦", "metax"),
        ("과기정통부", "msit"),
        ("정보통신산업진흥원", "nipa"),
        ("국가인공지능위원회", "national-ai-strategy-committee"),
        ("카카오브레인", "kakao-brain"),
        ("트웰브랩스", "twelve-labs"),
        ("하이퍼엑셀", "hyperaccel"),
        ("LG유플러스", "lg-uplus"),
        ("라인야후", "ly-corp"),
        ("무바달라", "mubadala"),
        ("싱가포르투자청", "gic"),
        ("라이트스피드벤처파트너스", "lightspeed"),
        ("카운터포인트리서치", "counterpoint"),
        ("디일렉", "the-elec"),
        ("백악관 과학기술정책실", "ostp"),
        ("유럽의회", "european-parliament"),
        ("다카이치 사나에", "sanae-takaichi"),
        ("高市早苗", "sanae-takaichi"),
        ("다리오 아모데이", "dario-amodei"),
        ("클로드 오퍼스", "claude-opus"),
        ("제미나이 2.5", "gemini-2.5"),
        ("큐원3-VL", "qwen3-vl"),
        ("DeepSeek V2.5", "deepseek-v2.5"),
        ("달리 3", "dall-e-3"),
        ("믿:음 2.0", "mi-dm-2.0"),
        ("블랙웰 울트라", "blackwell-ultra"),
        ("GB300", "gb300"),
        ("트레이니엄2", "trainium2"),
        ("昇腾950", "ascend-950"),
        ("SWE-bench Pro", "swe-bench-pro"),
        ("범용 AI 행동강령", "eu-gpai-code-of-practice"),
        ("생명의미래연구소", "future-of-life-institute"),
    ],
)
def test_surface_resolves(kb: KnowledgeBase, surface: str, expected: str) -> None:
    assert [r.id for r in kb.lookup(surface)] == [expected]


def test_ambiguous_korean_words_are_marked(kb: KnowledgeBase) -> None:
    assert "소라" in kb.get("sora").ambiguous
    assert "라마" in kb.get("llama").ambiguous
    assert "메타" in kb.get("meta").ambiguous
    assert "中" in kb.get("china").ambiguous
    assert "美" in kb.get("united-states").ambiguous
    assert kb.get("joe-tsai").family_name["ko"] == "차이"
    # 상무부 names both the US and the Chinese ministry: allowed because loose on both.
    assert {r.id for r in kb.lookup("상무부")} == {"us-commerce-department", "mofcom"}
    # 그로크 is how Korean press writes both xAI's Grok and the chip maker Groq.
    assert {r.id for r in kb.lookup("그로크")} == {"grok", "groq"}
    assert all(r.is_loose("그로크") for r in kb.lookup("그로크"))
    # Short forms shared by a chip and a model: both stay loose.
    assert {r.id for r in kb.lookup("M1")} == {"apple-m1", "minimax-m1"}
    assert all(r.is_loose("M1") for r in kb.lookup("M1"))


def test_fold() -> None:
    assert fold("DALL·E") == fold("dall-e") == fold("DALL E") == "dalle"
    assert fold("ＧＰＴ－４") == fold("gpt-4")


# --------------------------------------------------------------------------- validator errors


GOOD = [
    {"id": "us", "type": "Country", "name": "United States", "iso_code": "US", "aliases": {"ko": ["미국"]}},
    {"id": "acme", "type": "Organization", "name": "Acme", "country": "US", "aliases": {"ko": ["애크미"]}},
    {"id": "acme-1", "type": "AIModel", "name": "Acme-1", "developer": "acme"},
]


def write_kb(directory: Path, records: list[object], *, raw_lines: dict[int, str] | None = None) -> Path:
    """Write ``records`` as one ``test.jsonl`` (line i+1 = record i), optionally replacing raw lines."""
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    for index, text in (raw_lines or {}).items():
        lines[index] = text
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "test.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return directory


def expect_error(directory: Path, line: int, fragment: str, file: str = "test.jsonl") -> None:
    load_kb.cache_clear()
    try:
        with pytest.raises(KBError) as info:
            load_kb(directory)
    finally:
        load_kb.cache_clear()
    message = str(info.value)
    assert message.startswith(f"{file}:{line}:"), message
    assert fragment in message, message
    assert info.value.line == line


def test_good_small_kb_loads(tmp_path: Path) -> None:
    load_kb.cache_clear()
    kb = load_kb(write_kb(tmp_path, GOOD))
    load_kb.cache_clear()
    assert list(kb.records) == ["us", "acme", "acme-1"]
    assert kb.get("acme-1").developer == "acme"


def test_error_invalid_json(tmp_path: Path) -> None:
    expect_error(write_kb(tmp_path, GOOD, raw_lines={1: '{"id": "acme", "type": '}), 2, "invalid JSON")


def test_error_not_an_object(tmp_path: Path) -> None:
    expect_error(write_kb(tmp_path, [*GOOD, ["a", "list"]]), 4, "JSON object")


def test_error_duplicate_id_across_files(tmp_path: Path) -> None:
    write_kb(tmp_path, GOOD)
    (tmp_path / "zz_more.jsonl").write_text(
        json.dumps({"id": "x", "type": "Policy", "name": "X"}) + "\n"
        + json.dumps({"id": "acme", "type": "Organization", "name": "Acme Two"}) + "\n",
        encoding="utf-8",
    )
    expect_error(tmp_path, 2, "duplicate id 'acme' (first defined at test.jsonl:2)", file="zz_more.jsonl")


def x(type_: str, **fields: object) -> dict[str, object]:
    """A record with id 'x' and name 'X' plus ``fields``: keeps the error cases below short."""
    return {"id": "x", "type": type_, "name": "X", **fields}


@pytest.mark.parametrize(
    ("bad", "fragment"),
    [
        (x("Robot"), "unknown type 'Robot'"),
        ({"id": "X_1", "type": "Policy", "name": "X"}, "bad id"),
        ({"id": "x", "type": "Policy"}, "missing or empty 'name'"),
        (x("Policy", qid="Q0"), "bad qid"),
        (x("Policy", qid="q42"), "bad qid"),
        (x("Organization", country="usa"), "bad country"),
        (x("Country", iso_code="U1"), "bad iso_code"),
        (x("Country"), "needs an 'iso_code'"),
        (x("Policy", aliases={"fr": ["X"]}), "unknown language key 'fr'"),
        (x("Policy", aliases={"en": "X"}), "must be a list"),
        (x("Policy", colour="red"), "unknown field(s) colour"),
        (x("Policy", ambiguous=["Y"]), "not among the record's"),
        (x("AIModel", aliases={"en": ["X1"]}, short={"en": ["X1"]}), "both in"),
        (x("Organization", works_for=[{"org": "acme"}]), "not allowed on"),
        (x("Person", works_for=["acme"]), "each works_for entry"),
        (x("Person", family_name={"ko": ["엑스"]}), "family_name.ko"),
    ],
)
def test_error_bad_record(tmp_path: Path, bad: dict[str, object], fragment: str) -> None:
    expect_error(write_kb(tmp_path, [*GOOD, bad]), 4, fragment)


@pytest.mark.parametrize(
    ("bad", "fragment"),
    [
        (x("Organization", parent="nobody"), "parent refers to unknown id 'nobody'"),
        (x("AIModel", developer="nobody"), "developer refers to unknown id"),
        (x("AIModel", developer="acme-1"), "is a AIModel, expected Organization"),
        (x("AIModel", based_on="nobody"), "based_on refers to unknown id"),
        (x("AIModel", successor_of="nobody"), "successor_of refers to unknown id"),
        (x("AIModel", successor_of="acme"), "expected a AIModel"),
        (x("Person", works_for=[{"org": "nobody", "role": "CEO"}]), "works_for refers to unknown id"),
        (x("Organization", country="FR"), "country 'FR' has no Country record"),
    ],
)
def test_error_bad_reference(tmp_path: Path, bad: dict[str, object], fragment: str) -> None:
    expect_error(write_kb(tmp_path, [*GOOD, bad]), 4, fragment)


def test_error_reference_loop(tmp_path: Path) -> None:
    loop = [
        {"id": "a", "type": "AIModel", "name": "A", "successor_of": "b"},
        {"id": "b", "type": "AIModel", "name": "B", "successor_of": "a"},
    ]
    expect_error(write_kb(tmp_path, [*GOOD, *loop]), 4, "loops")


def test_error_shared_alias(tmp_path: Path) -> None:
    twin = {"id": "acme-co", "type": "Organization", "name": "Acme Co", "aliases": {"ko": ["애크미"]}}
    expect_error(write_kb(tmp_path, [*GOOD, twin]), 4, "also '애크미' of 'acme' (test.jsonl:2)")


def test_error_shared_alias_folded(tmp_path: Path) -> None:
    twin = {"id": "acme-1b", "type": "AIModel", "name": "acme 1", "developer": "acme"}
    expect_error(write_kb(tmp_path, [*GOOD, twin]), 4, "surface form 'acme 1'")


def test_error_shared_alias_ambiguous_on_one_side_only(tmp_path: Path) -> None:
    twin = {"id": "acme-co", "type": "Organization", "name": "Acme Co", "aliases": {"ko": ["애크미"]}}
    twin["ambiguous"] = ["애크미"]
    expect_error(write_kb(tmp_path, [*GOOD, twin]), 4, "mark it ambiguous on both")


def test_shared_alias_allowed_when_ambiguous_on_both(tmp_path: Path) -> None:
    records = [dict(r) for r in GOOD]
    records[1]["ambiguous"] = ["애크미"]
    twin = {"id": "acme-co", "type": "Organization", "name": "Acme Co", "aliases": {"ko": ["애크미"]}}
    twin["ambiguous"] = ["애크미"]
    load_kb.cache_clear()
    kb = load_kb(write_kb(tmp_path, [*records, twin]))
    load_kb.cache_clear()
    assert {r.id for r in kb.lookup("애크미")} == {"acme", "acme-co"}


def test_error_missing_directory(tmp_path: Path) -> None:
    load_kb.cache_clear()
    with pytest.raises(KBError, match="not found"):
        load_kb(tmp_path / "nowhere")
