"""Ingest: encodings, furniture, datelines, metadata, offsets into the original file text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import IngestError, NotAnArticle
from kg.ingest import analysis_view, find_article_files, load_metadata, read_article

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
TEXT = "딥시크가 새로운 모델을 공개했다고 밝혔습니다. 이 모델은 6710억 개의 파라미터를 가졌습니다.\n"


@pytest.mark.parametrize(
    "encoding, bom",
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
     ("cp949", b""), ("euc-kr", b"")],
)
def test_ingest_reads_korean_in_any_common_encoding(tmp_path, encoding, bom):
    path = tmp_path / "a.txt"
    path.write_bytes(bom + TEXT.encode(encoding))
    article = read_article(path)
    assert "딥시크" in article.text
    assert len(article.analysis_text) == len(article.text)


def test_ingest_utf16_without_bom_is_detected(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode("utf-16-le"))
    assert "파라미터" in read_article(path).text


@pytest.mark.parametrize(
    "content, problem",
    [(b"", "empty"), (b"   \n\t ", "empty"), (b"\x00\x01\x02\x89PNG\x00\x00", "binary"),
     (b"\x80\x80\x80 abc \xc3", "not UTF-8")],
)
def test_ingest_bad_files_raise_a_clear_error_naming_the_file(tmp_path, content, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(IngestError) as err:
        read_article(path)
    assert "bad.txt" in str(err.value) and problem in str(err.value)


def test_ingest_html_saved_as_text_is_masked_to_the_same_length(tmp_path):
    html = ("<html><body><script>alert(1)</script><p>오픈AI가 새 모델을 공개했다고 밝혔다. "
            "이 모델은 매우 크다고 한다.</p></body></html>")
    path = tmp_path / "page.txt"
    path.write_text(html, encoding="utf-8")
    article = read_article(path)
    assert len(article.analysis_text) == len(html)
    assert "alert" not in article.analysis_text and "<p>" not in article.analysis_text
    assert "오픈AI" in article.analysis_text


def test_ingest_nfc_normalisation_keeps_offsets(tmp_path):
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "딥시크가 모델을 공개했다고 밝혔습니다. 성능이 뛰어나다고 합니다.")
    view, offsets = analysis_view(decomposed)
    assert view.startswith("딥시크가")
    start = view.index("모델")
    assert decomposed[offsets[start] : offsets[start + 2]] == unicodedata.normalize("NFD", "모델")


def test_ingest_removes_furniture_of_the_seeds():
    meta = load_metadata(SEEDS)
    article = read_article(SEEDS / "003_e3ba423165b48130.txt", meta["003_e3ba423165b48130.txt"])
    body = article.analysis_text
    for furniture in ("김대호 아나, MBC", "회사명 : 원미디어", "무단 전재", "접속자집계", "/로이터=뉴스1"):
        assert furniture not in body
    assert "김동규 PADO 편집장" not in body  # the byline is the author, not text of the article
    assert article.authors == ["김동규"]
    assert "딥시크는 새로운 대형언어모델 V3를 발표했다" in body


def test_ingest_masks_photo_credits_and_headline_lists():
    article = read_article(SEEDS / "004_01ed2f5323a57a61.txt")
    body = article.analysis_text
    assert "AFP·연합뉴스" not in body and "AP·연합뉴스" not in body
    assert "경향신문" not in body and "트럼프" not in body
    assert "소라(Sora)" in body


@pytest.mark.parametrize(
    "name, published",
    [("003_e3ba423165b48130.txt", "2025-02-01"), ("001_e8b3b67180670b51.txt", "2025-03-07"),
     ("000_dc66678f256082dd.txt", None)],
)
def test_ingest_reads_datelines_when_metadata_is_silent(name, published):
    article = read_article(SEEDS / name, {})
    assert (article.published.iso() if article.published else None) == published


def test_ingest_metadata_overrides_and_null_falls_back_to_text(tmp_path):
    (tmp_path / "a.txt").write_text("작성일 25-02-01 06:01\n" + TEXT, encoding="utf-8")
    (tmp_path / "metadata.json").write_text(
        json.dumps({"a.txt": {"publisher": "PADO", "published": None}}), encoding="utf-8")
    meta = load_metadata(tmp_path)
    article = read_article(tmp_path / "a.txt", meta["a.txt"])
    assert article.publisher == "PADO"
    assert article.published.iso() == "2025-02-01"
    (tmp_path / "metadata.json").write_text(json.dumps({"a.txt": {"published": "2024-02"}}), encoding="utf-8")
    assert read_article(tmp_path / "a.txt", load_metadata(tmp_path)["a.txt"]).published.iso() == "2024-02"


def test_ingest_headline_and_publisher_from_text():
    article = read_article(SEEDS / "002_1ce903bc117963e9.txt", {})
    assert article.headline.startswith("알리바바, AGI 자신감 과시")
    assert article.publisher == "AI타임스"


def test_ingest_finds_txt_files_recursively_and_survives_symlink_loops(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    files = find_article_files([tmp_path])
    assert [f.name for f in files] == ["a.txt", "b.txt"]


def test_ingest_offsets_refer_to_the_original_file_text(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(TEXT.replace("\n", "\r\n").encode("utf-8") * 2)
    article = read_article(path)
    with open(path, encoding=article.encoding, newline="") as fh:
        assert fh.read() == article.text


PAGE = """테크누리 - IT 전문 미디어
홈 | 뉴스 | AI | 반도체 | 오피니언
AI > 빅테크

노바랩스, 새 모델 '루미나-2' 공개…"추론 비용 절반"
[사진] 박하람 노바랩스 대표가 발표하고 있다. /노바랩스 제공

구하늘 기자 sky.koo@technuri.example
입력 2026.03.02 09:00 | 수정 2026.03.02 10:00

[테크누리 구하늘 기자] 노바랩스가 2일 새 언어모델 '루미나-2'를 공개했다. 회사는 추론 비용을 절반으로 줄였다고 밝혔다.
박하람 대표는 "작은 모델이 더 멀리 간다"고 말했다
<저작권자 © 테크누리, 무단전재 및 재배포 금지>
관련기사
· 오로라AI, 시리즈B 유치
Copyright © 2026 테크누리. All rights reserved.
"""


def test_ingest_page_layout_byline_headline_and_last_line(tmp_path):
    """A portal page: the masthead, menu, breadcrumb, caption and stamps are no headline; the
    byline and the lede byline give the author and are masked; the last line lacks its period."""
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    article = read_article(path)
    assert article.headline == "노바랩스, 새 모델 '루미나-2' 공개…\"추론 비용 절반\""
    assert article.authors == ["구하늘"]
    assert article.publisher == "테크누리"
    body = article.analysis_text
    for gone in ("구하늘", "홈 | 뉴스", "AI > 빅테크", "입력 2026", "오로라AI", "테크누리 - IT"):
        assert gone not in body, gone
    assert "노바랩스가 2일 새 언어모델" in body
    def kind(start: str) -> str:
        return next(ln.kind for ln in article.lines if article.text[ln.start : ln.end].startswith(start))

    assert kind("[사진]") == "caption"
    assert kind("박하람 대표는") == "body"  # the last line of the text, without its final period


@pytest.mark.parametrize(
    "lede, author, publisher",
    [("(서울=누리뉴스) 한가람 기자 = 오로라AI가 새 모델을 내놨다.", "한가람", "누리뉴스"),
     ("[누리뉴스 한가람 기자] 오로라AI가 새 모델을 내놨다.", "한가람", "누리뉴스"),
     ("누리뉴스 한가람 베를린 특파원 = 오로라AI가 새 모델을 내놨다.", "한가람", "누리뉴스"),
     ("누리 경제 한가람 기자 = 오로라AI가 새 모델을 내놨다.", "한가람", "누리 경제")],
)
def test_ingest_wire_lede_bylines_are_authors(tmp_path, lede, author, publisher):
    path = tmp_path / "wire.txt"
    path.write_text("오로라AI, 새 모델 공개\n\n" + lede + " 회사는 성능이 좋다고 밝혔다.\n", encoding="utf-8")
    article = read_article(path)
    assert article.authors == [author]
    assert article.publisher == publisher
    assert author not in article.analysis_text
    assert "오로라AI가 새 모델을" in article.analysis_text


def test_ingest_blog_byline_by_name(tmp_path):
    path = tmp_path / "blog.txt"
    path.write_text("AI 한입 노트\n\n작은 모델의 반격, 오로라AI의 두 번째 모델\n\n"
                    "by 밤하늘 고양이 2026. 2. 3. 10:00\n\n"
                    "오로라AI는 올해 1월 두 번째 모델을 공개했습니다.\n", encoding="utf-8")
    article = read_article(path)
    assert article.authors == ["밤하늘 고양이"]
    assert "밤하늘" not in article.analysis_text
    assert article.headline == "작은 모델의 반격, 오로라AI의 두 번째 모델"


@pytest.mark.parametrize(
    "content",
    ["https://news.example/a/1\nhttps://news.example/a/2\nhttps://news.example/a/3\n",
     "www.example.com/x\n\nhttps://example.org/y\n",
     "12345\n---\n"],
)
def test_ingest_a_txt_that_is_no_article_is_refused_as_such(tmp_path, content):
    path = tmp_path / "urls.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(NotAnArticle) as err:
        read_article(path)
    assert "urls.txt" in str(err.value) and "not an article" in str(err.value)


def test_ingest_short_korean_and_english_prose_are_articles(tmp_path):
    path = tmp_path / "short.txt"
    path.write_text("오로라AI가 새 모델을 공개했다.\n", encoding="utf-8")
    assert read_article(path).analysis_text.startswith("오로라AI")
    path.write_text("Aurora AI released a new language model today, the company said in a statement.\n",
                    encoding="utf-8")
    assert "Aurora" in read_article(path).analysis_text


def test_ingest_an_original_title_line_is_a_heading(tmp_path):
    path = tmp_path / "brief.txt"
    path.write_text("노바랩스, 새 칩 공개\n2026. 2. 3.\n원제목: 노바랩스 새 칩은 두 배 빠르다고 밝혀 - 한빛일보\n\n"
                    "노바랩스는 새 칩을 공개했다고 밝혔다.\n", encoding="utf-8")
    article = read_article(path)
    kinds = {article.text[ln.start : ln.end].split(":")[0]: ln.kind for ln in article.lines}
    assert kinds["원제목"] == "heading"
    assert article.publisher == "한빛일보"
