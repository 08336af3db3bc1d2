"""Korean numbers and quantities: parse/render, find_quantities on news sentences, lexicon checks."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.normalize import Qualifier, find_quantities, parse_korean_number, render_korean_number
from kg.normalize.numbers import LexiconError, build_lexicon


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6,710억", 671_000_000_000),
        ("1조 2,000억", 1_200_000_000_000),
        ("1조2000억", 1_200_000_000_000),
        ("1만5000", 15_000),
        ("1만 5,000", 15_000),
        ("459억", 45_900_000_000),
        ("5억 5천만", 550_000_000),
        ("2천", 2_000),
        ("5천5백만", 55_000_000),
        ("1.5조", 1_500_000_000_000),
        ("70B", 70_000_000_000),
        ("1.5B", 1_500_000_000),
        ("1T", 1_000_000_000_000),
        ("405M", 405_000_000),
        ("1,000,000", 1_000_000),
        ("0", 0),
    ],
)
def test_parse_korean_number(text: str, expected: int) -> None:
    assert parse_korean_number(text) == Decimal(expected)


def test_parse_keeps_decimals() -> None:
    assert parse_korean_number("3.5") == Decimal("3.5")
    assert parse_korean_number("8.40") == Decimal("8.4")
    assert str(parse_korean_number("6,710억")) == "671000000000"  # never 6.71E+11


@pytest.mark.parametrize(
    "text", ["수십", "수천억", "몇", "", "억", "만", "abc", "1 2", "만억", "1억 2조", "1,2", "V3"]
)
def test_parse_rejects_non_numbers(text: str) -> None:
    with pytest.raises(ValueError):
        parse_korean_number(text)


def test_render_korean_number() -> None:
    assert render_korean_number(671_000_000_000) == "6710억"
    assert render_korean_number(1_200_000_000_000) == "1조 2000억"
    assert render_korean_number(1_200_000_000_000, commas=True) == "1조 2,000억"
    assert render_korean_number(15_000, spaces=False) == "1만5000"
    assert render_korean_number(0) == "0"
    assert render_korean_number(10**16) == "1경"


@given(st.integers(min_value=0, max_value=10**16), st.booleans(), st.booleans())
def test_render_then_parse_round_trips(n: int, commas: bool, spaces: bool) -> None:
    assert parse_korean_number(render_korean_number(n, commas=commas, spaces=spaces)) == n


def _only(sentence: str) -> tuple[str, str, Decimal, str | None, Qualifier]:
    found = find_quantities(sentence)
    assert len(found) == 1, found
    q = found[0]
    return q.kind, q.text, q.value, q.unit, q.qualifier


EXACT, APPROX, AT_LEAST, AT_MOST = (
    Qualifier.EXACT,
    Qualifier.APPROXIMATE,
    Qualifier.AT_LEAST,
    Qualifier.AT_MOST,
)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "특히 QwQ-32B는 320억 개의 파라미터로 구성되어 있어",
            ("params", "320억 개", Decimal(32 * 10**9), None, EXACT),
        ),
        (
            "6,710억 개의 파라미터를 가진 R1보다 효율적이며",
            ("params", "6,710억 개", Decimal(671 * 10**9), None, EXACT),
        ),
        (
            "알리바바는 1조 개 이상의 매개변수를 가진 '큐원3-맥스' 모델을 선보이며",
            ("params", "1조 개 이상", Decimal(10**12), None, AT_LEAST),
        ),
        (
            "Llama 3.1의 파라미터 수는 4050억 개에 불과했다.",
            ("params", "4050억 개", Decimal(405 * 10**9), None, EXACT),
        ),
        (
            "6850억 개의 파라미터parameters를 보유하고 있다.",
            ("params", "6850억 개", Decimal(685 * 10**9), None, EXACT),
        ),
        ("메타는 Llama 3.1 70B 모델을 공개했다.", ("params", "70B", Decimal(70 * 10**9), None, EXACT)),
        (
            "이 모델의 크기는 약 700기가바이트로, 일반용 하드웨어에서는 구동할 수 없다.",
            ("bytes", "약 700기가바이트", Decimal(700 * 10**9), None, APPROX),
        ),
        ("가중치 파일은 1.5TB에 이른다.", ("bytes", "1.5TB", Decimal(15 * 10**11), None, EXACT)),
        ("lmsys 랭킹에서도 이 모델은 전체 7위에 올랐다.", ("rank", "7위", Decimal(7), None, EXACT)),
        (
            "AI 모델 순위에서 2위를 차지하며 업계의 주목을 받고 있습니다.",
            ("rank", "2위", Decimal(2), None, EXACT),
        ),
        ("전문가 10여명에 따르면", ("count", "10여명", Decimal(10), "명", APPROX)),
        (
            "아프간 난민 1만5000여명이 입국하지 못했다.",
            ("count", "1만5000여명", Decimal(15000), "명", APPROX),
        ),
        ("불법이민 460명 체포", ("count", "460명", Decimal(460), "명", EXACT)),
        ("하늘길 1만 5000명 차단", ("count", "1만 5000명", Decimal(15000), "명", EXACT)),
        ("매출의 최대 30%를 차지한다.", ("percent", "최대 30%", Decimal(30), "%", AT_MOST)),
        ("비용이 20%가량 줄었다.", ("percent", "20%가량", Decimal(20), "%", APPROX)),
        ("GPU 1만 대 이상을 확보했다.", ("count", "1만 대 이상", Decimal(10000), "대", AT_LEAST)),
        (
            "알리바바 그룹은 약 3년간 투자할 계획을 밝혔다.",
            ("duration", "약 3년간", Decimal(3), "P3Y", APPROX),
        ),
        (
            "딥시크의 V3 및 R1 출시 이후 10개월간 눈에 띄는 모델이 없었다.",
            ("duration", "10개월간", Decimal(10), "P10M", EXACT),
        ),
        (
            "GPT-3의 출시 4개월 후, Google이 Bard를 출시합니다.",
            ("duration", "4개월", Decimal(4), "P4M", EXACT),
        ),
        ("01.AI가 설립 8개월된 지난해 11월 정상에 올랐고", ("duration", "8개월", Decimal(8), "P8M", EXACT)),
        (
            "중국이 미국에 최소 1년 이상 뒤지고 있어",
            ("duration", "최소 1년 이상", Decimal(1), "P1Y", AT_LEAST),
        ),
        ("학습에 2시간이 걸렸다.", ("duration", "2시간", Decimal(2), "PT2H", EXACT)),
        ("개발 비용은 10분의1 이하라고 합니다.", ("ratio", "10분의1 이하", Decimal("0.1"), None, AT_MOST)),
        ("성능은 3배 향상됐다.", ("ratio", "3배", Decimal(3), "배", EXACT)),
        ("들인 비용의 무려 10% 정도만 사용했다는 사실이", ("percent", "10% 정도", Decimal(10), "%", APPROX)),
        ("중국 AI 투자의 50%가 생성 AI 기본 모델 대신", ("percent", "50%", Decimal(50), "%", EXACT)),
        ("점유율이 3%p 올랐다.", ("percent", "3%p", Decimal(3), "%p", EXACT)),
        ("AI 스타트업 30곳이 참여했다.", ("count", "30곳", Decimal(30), "곳", EXACT)),
    ],
)
def test_find_quantities(sentence: str, expected: tuple[object, ...]) -> None:
    assert _only(sentence) == expected


def test_stock_change_signs() -> None:
    (up,) = find_quantities("이로 인해 알리바바의 주식이 순간적으로 급등(HK 8.4%)하기도 했습니다.")
    assert (up.kind, up.value, up.sign, up.text) == ("percent", Decimal("8.4"), 1, "8.4%")
    (down,) = find_quantities("엔비디아 주가는 장중 6% 하락했다.")
    assert (down.value, down.sign) == (Decimal(6), -1)
    (rise,) = find_quantities("바이두 주가가 4.5% 올라 마감했다.")
    assert rise.sign == 1
    (unknown,) = find_quantities("중국 AI 투자의 50%가 투입됐다.")
    assert unknown.sign == 0


def test_total_and_active_parameters() -> None:
    (q,) = find_quantities("GLM-4.5는 355B-A32B 구조의 MoE 모델이다.")
    assert (q.kind, q.value, q.active, q.text) == (
        "params",
        Decimal(355 * 10**9),
        Decimal(32 * 10**9),
        "355B-A32B",
    )


@pytest.mark.parametrize("text, value", [
    ("노바랩스의 38억 파라미터 모델이 나왔다.", 3_800_000_000),
    ("약 70억 매개변수의 경량 모델이다.", 7_000_000_000),
])
def test_parameters_without_a_counter(text: str, value: int) -> None:
    (q,) = find_quantities(text)
    assert (q.kind, q.value) == ("params", Decimal(value))


def test_a_small_number_before_a_parameter_word_is_no_size() -> None:
    assert find_quantities("이 함수는 3 파라미터를 받는다.") == []


@given(st.integers(min_value=1, max_value=10**6), st.sampled_from(["B", "b", "M", "K", "k", "T", " billion"]))
def test_a_number_with_a_size_suffix_is_a_latin_size(number: int, suffix: str) -> None:
    from kg.normalize.numbers import is_latin_size

    assert is_latin_size(f"{number}{suffix}")
    assert not is_latin_size(f"V{number}") and not is_latin_size(str(number))


def test_a_sentence_with_several_quantities() -> None:
    found = find_quantities("알리바바 그룹은 약 3년간 3,800억 위안(한화 약 75조원)을 투자할 계획을 밝혔다.")
    assert [(q.kind, q.text) for q in found] == [
        ("duration", "약 3년간"),
        ("money", "3,800억 위안(한화 약 75조원)"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "알리바바가 새롭게 공개한 AI 모델은 'QwQ-32B'입니다.",
        "당시 OpenAI는 'GPT 4o'와 GPT-4o를 유료로 서비스하고 있었습니다.",
        "Deepseek V3는 GPT 4o를 조금 앞서는 성능을 지녔다.",
        "o1이 공개된 지 불과 석 달도 지나지 않아",
        "엔비디아 H100 칩을 사용하지 않는다.",
        "중국 스타트업 01.AI가 정상에 올랐다.",
        "메타가 출시한 Llama 3.1의 파라미터 수는 공개되지 않았다.",
        "알파고가 이세돌 9단에게 승리했다.",
        "AI 강국 외의 국가들은 '2부 리그'로 전락할 수 있다.",
        "2025년 1월 28일에 발표했다.",
        "2030년까지 AI 기술을 선도한다는 계획이다.",
        "중국이 미국에 2~3년 뒤처져 있다고 추정했다.",
        "순위는 2~3위권이다.",
        "현재는 수조 개의 파라미터 수준으로 수렴하고 있다.",
        "중국 정부는 수십억 달러를 지원했다.",
        "4K 영상과 3M 테이프, 5G 통신",
        "2025. 3. 7. 오늘의 테마",
        "작성일 25-02-01 06:01, 전화 02-123-4567, 728x90",
        "공항 짓겠다고 산 500억 땅",
        "16일(현지시간) 미국 워싱턴에서",
        "3원칙과 엔진, 10위원회",
        "훈위안-이미지-3.0과 큐원3-맥스",
    ],
)
def test_no_quantity(sentence: str) -> None:
    assert find_quantities(sentence) == []


def test_counter_needs_a_word_boundary() -> None:
    kinds = [q.kind for q in find_quantities("4개월 동안 4개 모델과 3개국, 5개사")]
    assert kinds == ["duration", "count", "count", "count"]


_ALPHABET = st.sampled_from(
    list("0123456789,.~-()% $₩€¥")
    + [
        "억",
        "조",
        "만",
        "천",
        "개",
        "명",
        "위",
        "년",
        "개월",
        "간",
        "달러",
        "원",
        "위안",
        "약",
        "이상",
        "이하",
        "여",
        "의",
        "파라미터",
        "B",
        "T",
        "M",
        "A",
        "GB",
        "기가바이트",
        "분의",
        "급등",
        "하락",
        "QwQ-",
        "GPT-",
        "한화",
        "(",
        ")",
        " ",
        "가",
        "을",
    ]
)
_TEXT = st.one_of(st.text(), st.lists(_ALPHABET, max_size=40).map("".join))


@settings(max_examples=400)
@given(_TEXT)
def test_find_quantities_never_raises_and_offsets_hold(sentence: str) -> None:
    found = find_quantities(sentence)
    previous_end = 0
    for q in found:
        assert sentence[q.start : q.end] == q.text
        assert q.start >= previous_end and q.end > q.start
        previous_end = q.end


def _raw_lexicon() -> dict[str, object]:
    text = resources.files("kg").joinpath("resources", "lexicon", "units.json").read_text(encoding="utf-8")
    return json.loads(text)


def test_packaged_lexicon_is_valid() -> None:
    build_lexicon(_raw_lexicon())


@pytest.mark.parametrize(
    ("path", "bad"),
    [
        (("currencies", "suffix", "달러"), "usd"),
        (("numbers", "big_units", "억"), -1),
        (("qualifiers", "prefix", "약"), "roughly"),
        (("counters", "위"), "count"),  # 위 is already a rank word
        (("particles",), []),
    ],
)
def test_broken_lexicon_is_rejected(path: tuple[str, ...], bad: object) -> None:
    raw = copy.deepcopy(_raw_lexicon())
    node: dict[str, object] = raw
    for key in path[:-1]:
        node = node[key]  # type: ignore[assignment]
    node[path[-1]] = bad
    with pytest.raises(LexiconError):
        build_lexicon(raw)


def test_missing_section_is_rejected() -> None:
    raw = _raw_lexicon()
    del raw["signs"]
    with pytest.raises(LexiconError, match="signs"):
        build_lexicon(raw)


def test_unknown_section_is_rejected() -> None:
    raw = _raw_lexicon()
    raw["counter"] = {"개": "count"}
    with pytest.raises(LexiconError, match="counter"):
        build_lexicon(raw)


def test_explicit_sign_and_scores() -> None:
    (q,) = find_quantities("주가가 -3% 변동했다.")
    assert (q.value, q.sign) == (Decimal(3), -1)
    assert find_quantities("결승에서 1 대 1로 비겼다.") == []


def test_period_words_are_durations_without_a_number():
    from kg.normalize.numbers import find_quantities

    found = find_quantities("노바랩스는 해마다 30억 달러를 쓰고, 매달 보고서를 낸다.")
    assert [(q.text, q.kind, q.unit) for q in found] == [
        ("해마다", "duration", "P1Y"), ("30억 달러", "money", "USD"), ("매달", "duration", "P1M")]
    assert [q.text for q in find_quantities("불해마다")] == []  # inside a longer word it is not a period
