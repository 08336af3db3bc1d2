"""Dates: PartialDate, find_dates on news sentences with and without a publication date, datelines."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.normalize import DateMention, PartialDate, find_dates, parse_dateline

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
P = PartialDate.parse


def test_partial_date_basics() -> None:
    assert P("2025").precision == "year" and P("2025").iso() == "2025"
    assert P("2025-03").precision == "month" and P("2025-03").iso() == "2025-03"
    assert P("2025-03-07") == PartialDate(2025, 3, 7) and P("2025-03-07").precision == "day"
    assert str(P("2024-02-16")) == "2024-02-16"


@pytest.mark.parametrize("text", ["25", "2025-3", "2025-13", "2025-02-30", "2025/03/07", "", "March 2025"])
def test_partial_date_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        P(text)


def test_partial_date_needs_month_for_day() -> None:
    with pytest.raises(ValueError):
        PartialDate(2025, None, 3)


def _dates(sentence: str, published: str | None) -> list[tuple[str, str | None, bool]]:
    pub = P(published) if published else None
    return [(d.text, d.value.iso() if d.value else None, d.relative) for d in find_dates(sentence, pub)]


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        (
            "세계 최초의 추론 모델이 지난해 9월, 미국 기업 오픈AI에 의해 공개됐다.",
            "2025-02-01",
            [("지난해 9월", "2024-09", True)],
        ),
        (
            "지난 12월, 구글은 Gemini Flash Thinking이라는 자체 추론 모델을 발표했다.",
            "2025-02-01",
            [("지난 12월", "2024-12", True)],
        ),
        (
            "이에 맞서 오픈AI는 며칠 뒤 o1의 업그레이드 버전인 o3을 내놓았다.",
            "2025-02-01",
            [("며칠 뒤", None, True)],
        ),
        (
            "1월 25일에 발간된 이코노미스트의 이 브리핑 기사는",
            "2025-02-01",
            [("1월 25일", "2025-01-25", False)],
        ),
        (
            "미국 AI 기업 오픈AI가 16일(현지시간) 미국 워싱턴 D.C.에서 동영상을 재생하고 있다.",
            "2024-02",
            [("16일(현지시간)", "2024-02-16", False)],
        ),
        (
            "미국 뉴욕타임스(NYT)가 21일(현지시간) 지적했다.",
            "2024-02",
            [("21일(현지시간)", "2024-02-21", False)],
        ),
        (
            "오픈AI가 2023년 12월 8일(현지시간) 생성형 AI 챗GPT의 모델로",
            "2024-02",
            [("2023년 12월 8일", "2023-12-08", False)],
        ),
        (
            "중국 스타트업 01.AI가 설립 8개월된 지난해 11월 오픈소스 AI 순위에서 정상에 올랐고",
            "2024-02",
            [("지난해 11월", "2023-11", True)],
        ),
        (
            "알파고가 2016년 3월 이세돌 9단·2017년 5월 당시 세계 랭킹 1위 중국 커제에 승리한 후",
            "2024-02",
            [("2016년 3월", "2016-03", False), ("2017년 5월", "2017-05", False)],
        ),
        (
            "중국 정부는 2030년까지 AI 기술을 선도한다는 야심찬 계획을 세웠다.",
            "2024-02",
            [("2030년", "2030", False)],
        ),
        (
            "오픈AI가 2022년 11월 첫 생성 AI 챗GPT를 출시했을 때",
            "2024-02",
            [("2022년 11월", "2022-11", False)],
        ),
        (
            "오픈AI가 지난 16일 간단한 텍스트 프롬프트를 동영상으로 전환하는 소라를 공개하면서",
            "2024-02",
            [("지난 16일", "2024-02-16", True)],
        ),
        (
            "메타Meta가 지난해 7월 출시한 대표적인 대형언어모델 Llama 3.1의",
            "2025-02-01",
            [("지난해 7월", "2024-07", True)],
        ),
        (
            "[10월14일] 미국 AI를 따라잡았다는 알리바바의 자신감",
            "2025-10-14",
            [("10월14일", "2025-10-14", False)],
        ),
        (
            "2025. 3. 7. 오늘의 테마 - 미국과 중국의 AI 전쟁",
            "2025-03-07",
            [("2025. 3. 7.", "2025-03-07", False), ("오늘", "2025-03-07", True)],
        ),
        (
            "발표일은 2024.02.16, 공개일은 2024-02-16, 출시는 2023.12였다.",
            None,
            [
                ("2024.02.16", "2024-02-16", False),
                ("2024-02-16", "2024-02-16", False),
                ("2023.12", "2023-12", False),
            ],
        ),
        (
            "딥시크는 지난달 28일 새 모델을, 어제 앱을, 그제 논문을 공개했다.",
            "2025-03-07",
            [("지난달 28일", "2025-02-28", True), ("어제", "2025-03-06", True), ("그제", "2025-03-05", True)],
        ),
        (
            "올해 3월 출시된 모델과 작년에 나온 모델",
            "2025-10-14",
            [("올해 3월", "2025-03", True), ("작년", "2024", True)],
        ),
        (
            "지난해 11월과 12월 연속으로 모델을 냈다.",
            "2025-03-07",
            [("지난해 11월", "2024-11", True), ("12월", "2024-12", True)],
        ),
        (
            "2023년 3월 5일과 9일에 공개됐다.",
            None,
            [("2023년 3월 5일", "2023-03-05", False), ("9일", "2023-03-09", False)],
        ),
    ],
)
def test_find_dates(
    sentence: str, published: str | None, expected: list[tuple[str, str | None, bool]]
) -> None:
    assert _dates(sentence, published) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("12월 8일", "2025-02-01", "2024-12-08"),  # would lie ten months after publication
        ("2월 3일", "2025-02-01", "2025-02-03"),  # within the grace days
        ("9월", "2025-03-07", "2024-09"),
        ("3월", "2025-02-27", "2025-03"),  # starts within the grace days
        ("9월", "2025", "2025-09"),  # a year-precision publication lends its year only
        ("12월 8일", "2024-02", "2023-12-08"),
        ("25일", "2025-03-07", "2025-02-25"),
        ("10일", "2025-03-07", "2025-03-10"),
        ("지난 10일", "2025-03-07", "2025-02-10"),
        ("지난 5일", "2025-03-07", "2025-03-05"),
        ("지난 31일", "2025-03-07", None),  # 2025-02-31 does not exist
        ("지난 3월", "2025-03-07", "2024-03"),
        ("지난 2월", "2025-03-07", "2025-02"),
        ("지난달", "2025-01-15", "2024-12"),
        ("올해", "2025-01-15", "2025"),
        ("내년 상반기", "2025-01-15", "2026"),
        ("재작년", "2025", "2023"),
    ],
)
def test_resolution_rules(text: str, published: str, expected: str | None) -> None:
    (mention,) = find_dates(f"모델은 {text} 공개됐다.", P(published))
    assert mention.text == text
    assert (mention.value.iso() if mention.value else None) == expected


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("지난해 9월", None),  # needs a year
        ("지난 16일", "2024"),  # needs a month
        ("지난달 28일", "2025"),
        ("어제", "2025-03"),  # needs a day
        ("오늘", None),
        ("12월 8일", None),
        ("16일(현지시간)", "2024"),
        ("지난주", "2025-03-07"),  # a week is no year, month or day
    ],
)
def test_not_resolved_when_publication_is_too_coarse(text: str, published: str | None) -> None:
    (mention,) = find_dates(f"모델은 {text} 공개됐다.", P(published) if published else None)
    assert mention.text == text and mention.value is None


def test_days_that_are_durations() -> None:
    pub = P("2025-03-20")
    assert find_dates("3일 전에 공개됐고 3일간의 행사는 7일 이내에 끝난다.", pub) == []
    assert [d.value for d in find_dates("오픈AI는 16일 전격 공개했다.", pub)] == [P("2025-03-16")]


def test_approximate_parts() -> None:
    found = find_dates("올해 초 공개됐고 올해 말 후속작이, 2025년 상반기 정식판이 나온다.", P("2025-03-07"))
    assert [(d.text, d.value, d.approximate) for d in found] == [
        ("올해 초", P("2025"), True),
        ("올해 말", P("2025"), True),
        ("2025년 상반기", P("2025"), True),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "중국이 생성형 AI 개발에서 미국에 2~3년 뒤처져 있다고 추정했다.",
        "딥시크의 V3 및 R1 출시 이후 10개월간 눈에 띄는 플래그십 모델이 없었다.",
        "GPT-3의 출시 4개월 후, Google이 출시합니다.",
        "지난 1년간 알리바바는 3일간 7일 이내에 모델을 냈다.",
        "1990년대 이후 오늘날까지",
        "이세돌 9단과 2부 리그, 연 임대수익 5000만원",
        "약 3년간 3,800억 위안(한화 약 75조원)을 투자할 계획",
        "QwQ-32B와 GPT-4o, Llama 3.1",
    ],
)
def test_no_dates(sentence: str) -> None:
    assert find_dates(sentence, P("2025-03-07")) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025. 3. 7. 오늘의 테마 - 미국과 중국의 AI 전쟁", "2025-03-07"),
        ("댓글 0건 조회 27회 작성일 25-02-01 06:01", "2025-02-01"),
        ("입력 2025.01.28 10:15 수정 2025.01.29 09:00", "2025-01-28"),
        ("2024-02-16", "2024-02-16"),
        ("2025년 1월 28일", "2025-01-28"),
        ("기사입력 2025-01-28", "2025-01-28"),
        ("본문\n2025년 1월 28일 오후 3:00\n본문", "2025-01-28"),
    ],
)
def test_parse_dateline(text: str, expected: str) -> None:
    assert parse_dateline(text) == P(expected)


def test_parse_dateline_ignores_dates_in_prose() -> None:
    assert parse_dateline("오픈AI가 2023년 12월 8일(현지시간) 생성형 AI를 공개했다.") is None
    assert parse_dateline("전화 02-123-4567, 사업자 등록번호 123-45-67890") is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("001_e8b3b67180670b51.txt", "2025-03-07"),
        ("003_e3ba423165b48130.txt", "2025-02-01"),
        ("004_01ed2f5323a57a61.txt", None),  # its date comes from metadata.json only
    ],
)
def test_parse_dateline_on_seed_articles(name: str, expected: str | None) -> None:
    path = SEEDS / name
    if not path.exists():
        pytest.skip("seed articles not present")
    value = parse_dateline(path.read_text(encoding="utf-8"))
    assert (value.iso() if value else None) == expected


# --- properties -----------------------------------------------------------------------------------------

_PUBLISHED = st.one_of(
    st.none(),
    st.builds(PartialDate, st.integers(1995, 2035)),
    st.builds(PartialDate, st.integers(1995, 2035), st.integers(1, 12)),
    st.dates(min_value=date(1995, 1, 1), max_value=date(2035, 12, 31)).map(
        lambda d: PartialDate(d.year, d.month, d.day)
    ),
)
_RANK = {"year": 0, "month": 1, "day": 2}

# template, precision written in the text, precision the publication date must have (None: absolute)
_TEMPLATES = [
    ("{y}년 {m}월 {d}일", "day", None),
    ("{y}년 {m}월", "month", None),
    ("{y}년까지", "year", None),
    ("{y}.{mm}.{dd}", "day", None),
    ("지난해 {m}월", "month", "year"),
    ("지난해", "year", "year"),
    ("올해 {m}월 {d}일", "day", "year"),
    ("{m}월 {d}일", "day", "year"),
    ("{m}월", "month", "year"),
    ("지난달 {d}일", "day", "month"),
    ("지난 {d}일", "day", "month"),
    ("{d}일(현지시간)", "day", "month"),
    ("지난 {m}월", "month", "month"),
    ("어제", "day", "day"),
    ("오늘", "day", "day"),
    ("그제", "day", "day"),
]


@settings(max_examples=300)
@given(
    st.sampled_from(_TEMPLATES),
    st.integers(1990, 2040),
    st.integers(1, 12),
    st.integers(1, 31),
    _PUBLISHED,
)
def test_resolution_is_never_more_precise_than_its_inputs(
    template: tuple[str, str, str | None], y: int, m: int, d: int, published: PartialDate | None
) -> None:
    pattern, written, needed = template
    text = pattern.format(y=y, m=m, d=d, mm=f"{m:02d}", dd=f"{d:02d}")
    found = find_dates(f"그 모델은 {text} 공개됐다.", published)
    assert len(found) == 1, (text, found)
    value = found[0].value
    if value is None:
        return
    assert _RANK[value.precision] == _RANK[written]
    if needed is not None:
        assert published is not None and _RANK[published.precision] >= _RANK[needed]


@settings(max_examples=400)
@given(
    st.one_of(
        st.text(),
        st.lists(
            st.sampled_from(
                list("0123456789 .-~()")
                + [
                    "년",
                    "월",
                    "일",
                    "지난",
                    "지난해",
                    "올해",
                    "어제",
                    "현지시간",
                    "초",
                    "말",
                    "간",
                    "개월",
                    "며칠 뒤",
                    "작성일",
                    "입력",
                    "\n",
                ]
            ),
            max_size=30,
        ).map("".join),
    ),
    _PUBLISHED,
)
def test_find_dates_never_raises_and_offsets_hold(sentence: str, published: PartialDate | None) -> None:
    found: list[DateMention] = find_dates(sentence, published)
    end = 0
    for mention in found:
        assert sentence[mention.start : mention.end] == mention.text
        assert mention.start >= end
        end = mention.end
    parse_dateline(sentence)


def test_year_anaphora_takes_the_year_spoken_of_last():
    from kg.normalize.dates import apply_date_anaphora

    last = PartialDate(2023, 5, None)
    for text, expected in (("같은 해 9월에는 새 모델이 나왔다.", PartialDate(2023, 9, None)),
                           ("이듬해 3월 2일 후속작을 냈다.", PartialDate(2024, 3, 2))):
        found = apply_date_anaphora(text, find_dates(text, PartialDate(2026, 1, 10)), last)
        assert [d.value for d in found] == [expected]
        assert text.startswith(found[0].text)
    plain = "9월에는 새 모델이 나왔다."  # no anaphora: the publication date decides, as before
    assert apply_date_anaphora(plain, find_dates(plain, PartialDate(2026, 1, 10)), last) == \
        find_dates(plain, PartialDate(2026, 1, 10))


@pytest.mark.parametrize("text, last, expected", [
    # the date before it in the sentence counts, and the year of the date spoken of before it
    ("지난해 3월 나온 '루미-1'은 작았고, 한 달 뒤인 4월 공개된 '루미-2'는 컸다.", PartialDate(2026, 6, 10),
     PartialDate(2025, 4, None)),
    ("두 달 뒤 1월 23일 후속작이 나왔다.", PartialDate(2024, 11, 20), PartialDate(2025, 1, 23)),  # past December
])
def test_a_month_after_an_interval_counts_from_the_date_before(text, last, expected):
    from kg.normalize.dates import apply_date_anaphora

    found = apply_date_anaphora(text, find_dates(text, PartialDate(2026, 6, 10)), last)
    assert found[-1].value == expected  # published in June 2026: alone, 4월 would be 2026-04


def test_a_month_without_an_interval_keeps_the_publication_year():
    from kg.normalize.dates import apply_date_anaphora

    text = "4월 공개된 모델은 컸다."
    found = apply_date_anaphora(text, find_dates(text, PartialDate(2026, 6, 10)), PartialDate(2024, 3, None))
    assert [d.value for d in found] == [PartialDate(2026, 4, None)]


def test_month_anaphora_takes_the_month_spoken_of_last():
    from kg.normalize.dates import apply_date_anaphora

    text = "며칠 뒤 후속 모델을 내놓았다."
    found = apply_date_anaphora(text, find_dates(text, PartialDate(2026, 1, 10)), PartialDate(2025, 12, 5))
    assert [(d.text, d.value, d.approximate) for d in found] == [("며칠 뒤", PartialDate(2025, 12, None), True)]
    text = "같은 달 공개했다."
    found = apply_date_anaphora(text, find_dates(text, PartialDate(2026, 1, 10)), PartialDate(2025, 7, None))
    assert [d.value for d in found] == [PartialDate(2025, 7, None)]


def _date_words() -> list[str]:
    from kg.normalize.numbers import lexicon

    words: list[str] = []
    for value in lexicon().dates.values():
        words += [value] if isinstance(value, str) else [w for w in value if isinstance(w, str)]
    return [w for w in words if not any(c.isdigit() for c in w)]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_date_words() + list(" .,-~()년월일초말경께쯤") + ["현지시간", "모델", "공개했다"]),
                max_size=14))
def test_only_the_worded_patterns_match_a_sentence_without_digits(pieces: list[str]) -> None:
    """find_dates skips the numeric patterns when a sentence holds no digit: none of them may match there."""
    from kg.normalize.dates import _WORDED, _patterns

    text = "".join(pieces)
    assert [name for name, pattern in _patterns() if name not in _WORDED and pattern.search(text)] == []
