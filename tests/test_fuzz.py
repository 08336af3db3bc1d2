"""Property-based tests (issue 8): ingest, the number/money/date normalisers and the Kiwi tokenizer.

Whatever the input, these functions raise nothing but their documented error (IngestError for
ingest, ValueError for the parsers that take exactly one value, nothing at all for the finders),
and every offset they return lies inside the text it refers to.
"""

from __future__ import annotations

import string
import tempfile
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kg.errors import IngestError
from kg.ingest import analysis_view, classify_lines, decode_bytes, mask_furniture, read_article
from kg.normalize.dates import PartialDate, find_dates, parse_dateline
from kg.normalize.money import parse_money
from kg.normalize.numbers import find_quantities, parse_korean_number, render_korean_number

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PATH = Path("fuzz.txt")
KINDS = {"body", "heading", "summary", "caption", "furniture", "byline", "blank"}

hangul = st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3)
pieces = st.sampled_from(
    ["억", "조", "만", "천", "백", "원", "달러", "위안", "엔", "개", "년", "월", "일", "지난해", "어제", "오늘",
     "올해", "내년", "작년", "약", "최대", "B", "T", "GB", "%", "$", "₩", "위", "배", "파라미터", "매개변수",
     "(", ")", "한화", ",", ".", "-", "~", " ", "\n", "입력", "작성일", ":", "/", "'", '"', "수십", "수천억"]
)
digits = st.text(alphabet="0123456789", min_size=1, max_size=14)
# Korean news-like fragments: numbers, units, dates and Hangul glued together.
news_text = st.lists(st.one_of(digits, pieces, hangul, st.text(alphabet=string.printable, max_size=3)),
                     max_size=40).map("".join)
any_text = st.text(max_size=200)
texts = st.one_of(news_text, any_text)
dates = st.one_of(
    st.none(),
    st.dates().map(lambda d: PartialDate.parse(d.isoformat())),
    st.dates().map(lambda d: PartialDate.parse(d.isoformat()[:7])),
    st.integers(1, 9999).map(lambda y: PartialDate.parse(f"{y:04d}")),
)


# ------------------------------------------------------------------ ingest
@FAST
@given(st.binary(max_size=2000))
def test_fuzz_decode_bytes_raises_only_ingest_error(raw: bytes) -> None:
    try:
        text, encoding = decode_bytes(raw, PATH)
    except IngestError as exc:
        assert str(PATH) in str(exc) and "\n" not in exc.problem
        return
    assert raw.decode(encoding) == text  # reading the file back gives the text offsets refer to


@FAST
@given(st.lists(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff", b"\x00",
                                 b"\xea\xb0", b"\x80", b"\xb0\xa1", b"a", b"\n", b" "]), max_size=30).map(b"".join))
def test_fuzz_decode_bytes_on_boms_and_fragments(raw: bytes) -> None:
    try:
        text, encoding = decode_bytes(raw, PATH)
    except IngestError:
        return
    assert raw.decode(encoding) == text


@FAST
@given(st.text(alphabet=st.characters(blacklist_categories=["Cc", "Cs"], blacklist_characters="\ufeff"),
               max_size=300))
def test_fuzz_utf8_text_is_read_as_itself(text: str) -> None:
    assume(text.encode("utf-8").strip())
    assert decode_bytes(text.encode("utf-8"), PATH) == (text, "utf-8")


@FAST
@given(st.lists(st.one_of(hangul, st.sampled_from(list(" .,\n0123456789AIabc"))), min_size=1, max_size=200)
       .map("".join))
def test_fuzz_cp949_text_is_read_as_itself(text: str) -> None:
    raw = text.encode("cp949")
    assume(raw.strip())
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:  # the same bytes are also valid UTF-8 (ASCII, or a rare ambiguous run): UTF-8 wins
        assume(False)
    assert decode_bytes(raw, PATH) == (text, "cp949")


@FAST
@given(texts)
def test_fuzz_analysis_view_keeps_lengths_and_offsets(text: str) -> None:
    view, offsets = analysis_view(text)
    if offsets is None:
        assert unicodedata.is_normalized("NFC", text)
        assert len(view) == len(text)
    else:
        assert len(offsets) == len(view) + 1 and offsets[-1] == len(text)
        assert all(0 <= a <= b <= len(text) for a, b in zip(offsets, offsets[1:], strict=False))


@FAST
@given(st.one_of(texts, st.lists(st.sampled_from(
    ["관련기사", "[관련기사]", "댓글 3건", "ⓒ 연합뉴스", "무단 전재 및 재배포 금지", "김철수 기자 kim@news.co.kr",
     "원제목: 제목 - 신문", "<html>", "<script>", "</script>", "<p>", "<!--", "-->", "메뉴", "\n", "\r\n",
     "딥시크는 새로운 모델을 공개했다고 밝혔다.", "x" * 450, " / AFP·연합뉴스", "\u2028", "\x0c"]),
    max_size=25).map("".join)))
def test_fuzz_classify_lines_and_mask_furniture_keep_length(text: str) -> None:
    view, _offsets = analysis_view(text)
    lines = classify_lines(view)
    assert lines[0].start == 0 and lines[-1].end == len(view)
    for line, following in zip(lines, lines[1:], strict=False):
        assert line.start <= line.end < following.start  # in order, a line break between them
    assert {line.kind for line in lines} <= KINDS
    masked = mask_furniture(view, lines)
    assert len(masked) == len(view)
    for line, following in zip(lines, lines[1:], strict=False):
        assert masked[line.end : following.start] == view[line.end : following.start]  # line breaks stay
    assert all(m == v or m == " " for m, v in zip(masked, view, strict=True))


@SLOW
@given(st.one_of(st.binary(max_size=3000), texts.map(lambda t: t.encode("utf-8"))))
def test_fuzz_read_article_raises_only_ingest_error(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.txt"
        path.write_bytes(raw)
        try:
            article = read_article(path)
        except IngestError as exc:
            assert "a.txt" in str(exc) and "\n" not in exc.problem
            return
    assert len(article.analysis_text) == len(analysis_view(article.text)[0])
    for i in range(0, len(article.analysis_text) + 1, 7):
        assert 0 <= article.original_offset(i) <= len(article.text)
    assert all(0 <= ln.start <= ln.end <= len(article.analysis_text) for ln in article.lines)


# ------------------------------------------------------------------ numbers, money, dates
@FAST
@given(texts)
def test_fuzz_find_quantities_never_raises_and_stays_inside(sentence: str) -> None:
    found = find_quantities(sentence)
    end = 0
    for q in found:
        assert end <= q.start < q.end <= len(sentence)
        assert q.text == sentence[q.start : q.end]
        assert isinstance(q.value, Decimal) and q.value.is_finite()
        end = q.end


@FAST
@given(texts, dates)
def test_fuzz_find_dates_never_raises_and_stays_inside(sentence: str, published: PartialDate | None) -> None:
    found = find_dates(sentence, published)
    end = 0
    for mention in found:
        assert end <= mention.start < mention.end <= len(sentence)
        assert mention.text == sentence[mention.start : mention.end]
        end = mention.end


@FAST
@given(texts)
def test_fuzz_parse_dateline_never_raises(text: str) -> None:
    value = parse_dateline(text)
    assert value is None or isinstance(value, PartialDate)


@FAST
@given(texts)
def test_fuzz_parse_korean_number_raises_only_value_error(text: str) -> None:
    try:
        value = parse_korean_number(text)
    except ValueError:
        return
    assert isinstance(value, Decimal) and value.is_finite()


@FAST
@given(texts)
def test_fuzz_parse_money_raises_only_value_error(text: str) -> None:
    try:
        value, currency = parse_money(text)
    except ValueError:
        return
    assert value.is_finite() and len(currency) == 3 and currency.isupper()


@FAST
@given(st.integers(min_value=1, max_value=10**20), st.booleans(), st.booleans())
def test_fuzz_korean_numbers_round_trip(n: int, commas: bool, spaces: bool) -> None:
    assert parse_korean_number(render_korean_number(n, commas=commas, spaces=spaces)) == n


# ------------------------------------------------------------------ the Kiwi tokenizer wrapper
@pytest.fixture(scope="module")
def nlp():
    """The Kiwi-backed Korean Language, built once for the module (Kiwi takes seconds to load)."""
    from kg.nlp import blank_korean

    return blank_korean()


@SLOW
@given(st.one_of(news_text, any_text, st.lists(st.sampled_from(
    ["딥시크는", " ", "  ", "\n", "\r\n", "\t", "했다.", "\u200b", "\u3000", "“", "”", "GPT-4o", "1,000억",
     "\ufeff", "\u2028", "😀", "\u1100\u1161", "e\u0301"]), max_size=30).map("".join)))
def test_fuzz_kiwi_tokens_tile_the_text(nlp, text: str) -> None:
    doc = nlp(text)
    assert doc.text == text
    position = 0
    for token in doc:
        assert token.idx == position
        assert 0 <= token.idx <= token.idx + len(token.text) <= len(text)
        assert text[token.idx : token.idx + len(token.text)] == token.text
        position += len(token.text_with_ws)
    assert position == len(text)
    for sent in doc.sents:
        assert 0 <= sent.start_char <= sent.end_char <= len(text)
