"""Page layout (kg/layout.py): line kinds, bylines and authors, headline, publisher, masking.

The pages are invented (한빛일보, 테크나우, 노바랩스, 김하늘 … are no real outlets, firms or reporters).
"""

from __future__ import annotations

import pytest

from kg.layout import TEXT_KINDS, analyse, find_publisher, mask

PAGE = """전체메뉴
로그인
2025.03.12 10:30
노바랩스, 새 추론 모델 '루미나-2' 공개
김하늘 기자
입력 2025.03.12 10:30
▲노바랩스 박하람 대표가 새 모델을 소개하고 있다.
핵심 요약
- 노바랩스가 새 추론 모델을 공개했다
- 성능이 두 배로 좋아졌다

(서울=한빛일보) 김하늘 기자 = 노바랩스는 12일 새 추론 모델 '루미나-2'를 공개했다고 밝혔다.
이 모델은 기존 모델보다 두 배 빠르다고 회사는 설명했다.
관련기사
노바랩스, 투자 유치
오로라, 새 칩 공개
hanul@example.com
Copyright © 2025 테크나우. All rights reserved.
"""


def kinds(page: str) -> dict[str, str]:
    layout = analyse(page)
    return {page[ln.start : ln.end]: ln.kind for ln in layout.lines if page[ln.start : ln.end]}


# ------------------------------------------------------------------ line kinds
@pytest.mark.parametrize(
    "line, kind",
    [
        ("전체메뉴", "furniture"),
        ("로그인", "furniture"),
        ("노바랩스, 새 추론 모델 '루미나-2' 공개", "heading"),
        ("김하늘 기자", "byline"),
        ("입력 2025.03.12 10:30", "furniture"),
        ("▲노바랩스 박하람 대표가 새 모델을 소개하고 있다.", "caption"),
        ("핵심 요약", "heading"),
        ("- 노바랩스가 새 추론 모델을 공개했다", "summary"),
        ("- 성능이 두 배로 좋아졌다", "summary"),
        ("이 모델은 기존 모델보다 두 배 빠르다고 회사는 설명했다.", "body"),
        ("관련기사", "furniture"),
        ("노바랩스, 투자 유치", "furniture"),  # a headline of another article, in the related list
        ("hanul@example.com", "furniture"),
        ("Copyright © 2025 테크나우. All rights reserved.", "furniture"),
    ],
)
def test_layout_line_kinds_of_a_news_page(line, kind):
    assert kinds(PAGE)[line] == kind


def test_layout_blank_lines_are_blank_and_every_line_is_classified():
    layout = analyse(PAGE)
    assert len(layout.lines) == PAGE.count("\n") + 1
    assert [ln.kind for ln in layout.lines if not PAGE[ln.start : ln.end].strip()] == ["blank", "blank"]
    assert all(ln.kind in (*TEXT_KINDS, "byline", "furniture", "blank") for ln in layout.lines)


def test_layout_bullets_without_a_summary_header_are_no_summary():
    page = ("노바랩스, 한국어 추론 모델 루미나 공개\n- 노바랩스가 새 모델을 공개했다\n"
            "노바랩스는 12일 새 모델 루미나를 공개했다고 밝혔다. 이 모델은 한국어에 강하다.\n")
    assert kinds(page)["- 노바랩스가 새 모델을 공개했다"] != "summary"


def test_layout_prose_after_a_related_list_is_body_again():
    page = ("노바랩스는 12일 새 모델 루미나를 공개했다고 밝혔다. 이 모델은 한국어에 강하다.\n"
            "관련기사\n노바랩스, 투자 유치\n"
            "한빛소프트는 이날 별도 행사에서 자체 개발한 칩을 공개하고 내년부터 양산에 들어간다고 밝혔다. "
            "회사는 이 칩이 기존 제품보다 두 배 빠르다고 설명했다.\n")
    got = kinds(page)
    assert got["노바랩스, 투자 유치"] == "furniture"
    assert [k for line, k in got.items() if line.startswith("한빛소프트는")] == ["body"]


def test_layout_short_lines_after_the_last_prose_are_trailing_furniture():
    page = ("노바랩스, 한국어 추론 모델 루미나 공개\n노바랩스는 12일 새 모델 루미나를 공개했다고 밝혔다.\n"
            "인공지능\n반도체\n")
    got = kinds(page)
    assert got["노바랩스, 한국어 추론 모델 루미나 공개"] == "heading"
    assert got["인공지능"] == got["반도체"] == "furniture"


def test_layout_a_paragraph_cut_before_its_period_is_still_body():
    cut = "회사는 이 모델을 다음 달부터 국내 기업 고객에게 먼저 제공하고 이후 일반 사용자에게도 넓힐 계획"
    page = f"노바랩스, 한국어 추론 모델 루미나 공개\n노바랩스는 12일 새 모델 루미나를 공개했다고 밝혔다.\n{cut}\n"
    assert kinds(page)[cut] == "body"


def test_layout_a_very_long_line_is_text_and_does_not_hang():
    line = "노바랩스는 새 모델을 공개했다. " * 20_000
    layout = analyse(line)
    assert [ln.kind for ln in layout.lines] == ["body"]


# ------------------------------------------------------------------ bylines and authors
@pytest.mark.parametrize(
    "line, author",
    [
        ("김하늘 기자", "김하늘"),
        ("김하늘 기자 hanul@example.com", "김하늘"),
        ("김하늘 기자 | 입력 2025.03.12 10:30", "김하늘"),
        ("김하늘 IT전문 기자", "김하늘"),
        ("김하늘 베이징 특파원", "김하늘"),
        ("by 박하람 2025.03.12", "박하람"),
        ("by Sarah Kim", "Sarah Kim"),
    ],
)
def test_layout_a_byline_line_names_the_author(line, author):
    page = f"노바랩스, 새 추론 모델 루미나 공개\n{line}\n노바랩스는 12일 새 모델 루미나를 공개했다고 밝혔다.\n"
    layout = analyse(page)
    assert kinds(page)[line] == "byline"
    assert layout.authors == [author]


@pytest.mark.parametrize(
    "lede, author, publisher",
    [
        ("(서울=한빛일보) 김하늘 기자 = ", "김하늘", "한빛일보"),
        ("[한빛일보 김하늘 기자] ", "김하늘", "한빛일보"),
        ("김하늘 기자 = ", "김하늘", None),
    ],
)
def test_layout_a_lede_byline_names_author_and_publisher_and_is_masked(lede, author, publisher):
    body = "노바랩스는 12일 새 추론 모델 루미나를 공개했다고 밝혔다."
    page = f"노바랩스, 새 추론 모델 루미나 공개\n{lede}{body}\n"
    layout = analyse(page)
    assert layout.authors == [author]
    assert layout.publisher == publisher
    masked = mask(page, layout)
    assert author not in masked and "기자" not in masked
    assert body in masked and masked.index(body) == page.index(body)


def test_layout_one_author_named_twice_is_one_author():
    assert analyse(PAGE).authors == ["김하늘"]  # the byline line and the lede byline


def test_layout_prose_that_mentions_reporters_is_no_byline():
    page = ("노바랩스, 새 추론 모델 루미나 공개\n"
            "박하람 대표는 기자들에게 \"루미나는 빠르다\"고 말했다.\n노바랩스 기자간담회\n")
    layout = analyse(page)
    assert layout.authors == []
    assert kinds(page)["박하람 대표는 기자들에게 \"루미나는 빠르다\"고 말했다."] == "body"


# ------------------------------------------------------------------ headline
def test_layout_headline_is_the_article_title_not_the_menu_or_stamp():
    assert analyse(PAGE).headline == "노바랩스, 새 추론 모델 '루미나-2' 공개"


def test_layout_headline_is_never_a_caption_or_a_breadcrumb():
    page = ("홈 > AI > 산업\n▲ 박하람 노바랩스 대표가 새 모델 루미나를 소개하고 있다.\n"
            "노바랩스, 새 모델 루미나 공개하며 시장 공략\n노바랩스는 12일 새 모델 루미나를 공개했다고 밝혔다.\n")
    assert analyse(page).headline == "노바랩스, 새 모델 루미나 공개하며 시장 공략"


def test_layout_headline_drops_a_leading_date_and_a_trailing_section():
    page = "2025-03-12 노바랩스 새 추론 모델 공개 > 산업\n노바랩스는 12일 새 모델 루미나를 공개했다고 밝혔다.\n"
    assert analyse(page).headline == "노바랩스 새 추론 모델 공개"


def test_layout_no_headline_on_a_page_of_furniture_and_short_lines():
    assert analyse("전체메뉴\n로그인\n2025.03.12 10:30\nAI\n").headline is None


# ------------------------------------------------------------------ publisher and site names
def test_layout_copyright_line_names_the_publisher():
    page = "노바랩스는 12일 새 모델 루미나를 공개했다고 밝혔다.\nⓒ 한빛일보, 무단 전재 및 재배포 금지\n"
    layout = analyse(page)
    assert find_publisher(page, layout.lines) == "한빛일보"


def test_layout_site_name_makes_its_masthead_line_furniture():
    page = ("테크나우 - IT 전문 미디어\n노바랩스는 12일 새 모델 루미나를 공개했다고 밝혔다.\n"
            "Copyright © 2025 테크나우. All rights reserved.\n")
    layout = analyse(page)
    assert kinds(page)["테크나우 - IT 전문 미디어"] == "furniture"
    assert find_publisher(page, layout.lines) == "테크나우"
    assert layout.headline == "노바랩스는 12일 새 모델 루미나를 공개했다고 밝혔다."


def test_layout_without_its_site_name_a_masthead_line_is_kept():
    page = "테크나우 - IT 전문 미디어\n노바랩스는 12일 새 모델 루미나를 공개했다고 밝혔다.\n"
    assert kinds(page)["테크나우 - IT 전문 미디어"] == "heading"


# ------------------------------------------------------------------ masking
def test_layout_mask_keeps_length_lines_and_offsets():
    layout = analyse(PAGE)
    masked = mask(PAGE, layout)
    assert len(masked) == len(PAGE)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [i for i, c in enumerate(PAGE) if c == "\n"]
    for ln in layout.lines:
        if ln.kind in ("furniture", "byline"):
            assert not masked[ln.start : ln.end].strip(), PAGE[ln.start : ln.end]
    for kept in ("이 모델은 기존 모델보다 두 배 빠르다고 회사는 설명했다.", "- 성능이 두 배로 좋아졌다",
                 "노바랩스, 새 추론 모델 '루미나-2' 공개"):
        assert masked.index(kept) == PAGE.index(kept)
    for gone in ("전체메뉴", "관련기사", "오로라, 새 칩 공개", "테크나우", "hanul@"):
        assert gone not in masked


def test_layout_mask_blanks_a_photo_credit_but_keeps_the_caption():
    caption = "박하람 노바랩스 대표가 발표하고 있다."
    page = f"노바랩스는 12일 새 모델 루미나를 공개했다고 밝혔다.\n{caption} /사진=한빛일보\n"
    layout = analyse(page)
    assert kinds(page)[f"{caption} /사진=한빛일보"] == "caption"
    masked = mask(page, layout)
    assert "한빛일보" not in masked and caption in masked and len(masked) == len(page)
