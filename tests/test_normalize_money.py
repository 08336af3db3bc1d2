"""Money: ISO 4217 codes, Korean amounts, converted amounts in parentheses."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.normalize import Qualifier, currency_code, find_quantities, parse_money, render_korean_number


@pytest.mark.parametrize(
    ("sentence", "text", "value", "code"),
    [
        (
            "이 모델은 학습 비용이 460만 달러에 불과하지만, 성능은 최상위권에 해당합니다.",
            "460만 달러",
            4_600_000,
            "USD",
        ),
        ("기업 가치가 10억달러를 넘었다.", "10억달러를 넘었", 10**9, "USD"),
        ("훈련 비용은 $5.6M 수준이다.", "$5.6M", 5_600_000, "USD"),
        ("투자 규모는 5억 5천만 달러다.", "5억 5천만 달러", 550_000_000, "USD"),
        ("US$ 10억을 조달했다.", "US$ 10억", 10**9, "USD"),
        ("사업비 1조 2,000억 원을 투입한다.", "1조 2,000억 원", 1_200_000_000_000, "KRW"),
        ("9급 초임 300만원 준다는데", "300만원", 3_000_000, "KRW"),
        ("1000억엔 규모의 펀드", "1000억엔", 100_000_000_000, "JPY"),
        ("보조금 50억 유로를 책정했다.", "50억 유로", 5_000_000_000, "EUR"),
        ("영국은 10억 파운드를 투입한다.", "10억 파운드", 10**9, "GBP"),
        ("€200 million을 유치했다.", "€200 million", 200_000_000, "EUR"),
        ("3,800억 위안화를 투자한다.", "3,800억 위안화", 380_000_000_000, "CNY"),
        ("중국 정부가 1000억元을 투입한다.", "1000억元", 100_000_000_000, "CNY"),
        ("₩1,000,000을 송금했다.", "₩1,000,000", 1_000_000, "KRW"),
    ],
)
def test_money_amounts(sentence: str, text: str, value: int, code: str) -> None:
    (q,) = find_quantities(sentence)
    assert (q.kind, q.text, q.value, q.unit) == ("money", text, Decimal(value), code)


def test_valuation_passed_is_at_least() -> None:
    (q,) = find_quantities("01.AI는 기업 가치가 10억달러를 돌파했는데 이 시스템 기술의 일부가 라마에서 왔다.")
    assert (q.text, q.value, q.unit, q.qualifier) == (
        "10억달러를 돌파",
        Decimal(10**9),
        "USD",
        Qualifier.AT_LEAST,
    )


def test_conversion_in_parentheses_is_alt_value() -> None:
    sentence = "알리바바 그룹은 약 3년간 3,800억 위안(한화 약 75조원)을 투자할 계획을 밝혔습니다."
    q = [x for x in find_quantities(sentence) if x.kind == "money"][0]
    assert (q.value, q.unit, q.alt_value, q.alt_unit) == (
        Decimal(380 * 10**9),
        "CNY",
        Decimal(75 * 10**12),
        "KRW",
    )
    assert q.qualifier == Qualifier.EXACT  # 약 inside the parentheses hedges the conversion only
    assert q.text == "3,800억 위안(한화 약 75조원)"


def test_stated_first_amount_wins() -> None:
    (q,) = find_quantities("약 75조원(3,800억 위안)을 투자한다.")
    assert (q.value, q.unit, q.alt_value, q.alt_unit, q.qualifier) == (
        Decimal(75 * 10**12),
        "KRW",
        Decimal(380 * 10**9),
        "CNY",
        Qualifier.APPROXIMATE,
    )
    (q,) = find_quantities("딥시크는 73억원($5.6M)을 들였다.")
    assert (q.value, q.unit, q.alt_value, q.alt_unit) == (
        Decimal(73 * 10**8),
        "KRW",
        Decimal(5_600_000),
        "USD",
    )


def test_original_marker_swaps_the_amounts() -> None:
    (q,) = find_quantities("약 75조원(원문 3,800억 위안)을 투자한다.")
    assert (q.value, q.unit, q.alt_value, q.alt_unit) == (
        Decimal(380 * 10**9),
        "CNY",
        Decimal(75 * 10**12),
        "KRW",
    )


def test_parentheses_that_are_not_a_conversion() -> None:
    found = find_quantities("460만 달러(학습 비용)와 20만 달러(추론 비용)")
    assert [(q.text, q.alt_value) for q in found] == [("460만 달러", None), ("20만 달러", None)]
    found = find_quantities("460만 달러(약 5억 달러)")  # same currency: not a conversion
    assert found[0].alt_value is None


@pytest.mark.parametrize(
    "sentence",
    ["로봇 3원칙을 발표했다.", "3엔진 구조", "수십억 달러를 지원해", "10위원회", "7000억 담은 개미들"],
)
def test_not_money(sentence: str) -> None:
    assert [q for q in find_quantities(sentence) if q.kind == "money"] == []


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("달러", "USD"),
        ("$", "USD"),
        ("USD", "USD"),
        ("미 달러", "USD"),
        ("위안", "CNY"),
        ("元", "CNY"),
        ("CNY", "CNY"),
        ("원", "KRW"),
        ("₩", "KRW"),
        ("KRW", "KRW"),
        ("엔", "JPY"),
        ("円", "JPY"),
        ("JPY", "JPY"),
        ("유로", "EUR"),
        ("€", "EUR"),
        ("EUR", "EUR"),
        ("파운드", "GBP"),
        ("개", None),
        ("", None),
    ],
)
def test_currency_code(word: str, code: str | None) -> None:
    assert currency_code(word) == code


def test_parse_money() -> None:
    assert parse_money("460만 달러") == (Decimal(4_600_000), "USD")
    assert parse_money(" $5.6M ") == (Decimal(5_600_000), "USD")
    with pytest.raises(ValueError):
        parse_money("460만 명")
    with pytest.raises(ValueError):
        parse_money("460만 달러와 20만 달러")


@given(
    st.integers(min_value=1, max_value=10**15),
    st.sampled_from(
        [
            ("달러", "USD"),
            (" 달러", "USD"),
            ("원", "KRW"),
            (" 위안", "CNY"),
            (" 유로", "EUR"),
            ("엔", "JPY"),
            (" 파운드", "GBP"),
        ]
    ),
    st.booleans(),
    st.sampled_from(["", "을 투자했다", "가 들었다", " 규모다", "에 불과하다"]),
)
def test_rendered_amounts_are_found(n: int, currency: tuple[str, str], commas: bool, tail: str) -> None:
    word, code = currency
    amount = render_korean_number(n, commas=commas)
    (q,) = find_quantities(f"비용은 {amount}{word}{tail}")
    assert (q.kind, q.value, q.unit, q.text) == ("money", Decimal(n), code, amount + word)
