"""The Korean Language: Kiwi morphemes as spaCy tokens with exact offsets, sentences from lines and Kiwi."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.words import doc_tokens
from kg.nlp import blank_korean


@pytest.fixture(scope="module")
def nlp():
    return blank_korean()


def test_nlp_tokens_are_kiwi_morphemes_with_tags(nlp):
    doc = nlp("딥시크가 6,710억 개의 파라미터를 가진 R1을 공개했다.")
    pairs = [(t.text, t.tag_) for t in doc]
    assert ("딥시크", "NNP") in pairs
    assert ("가", "JKS") in pairs
    assert doc.text == "딥시크가 6,710억 개의 파라미터를 가진 R1을 공개했다."


def test_nlp_overlapping_morphemes_are_merged_into_one_token(nlp):
    doc = nlp("공개했다")
    assert [t.text for t in doc][-1].endswith("다")
    assert any("+" in t.tag_ for t in doc)


def test_nlp_a_serial_number_with_a_space_is_split_again(nlp):
    # Kiwi reads "4: 140" as one serial number; with the space it is a number, a colon and a number
    doc = nlp("■ 루미-4: 140억 파라미터로 만든 모델")
    assert [t.text for t in doc][3:6] == ["4", ":", "140"]
    assert [t.tag_ for t in nlp("회의는 10:30에 열렸다")][2] == "W_SERIAL"  # a time stays one token


def test_nlp_sentences_split_on_newlines_first_then_kiwi(nlp):
    doc = nlp("제목 줄\n첫 문장입니다. 둘째 문장입니다.\n\n셋째")
    assert [s.text.strip() for s in doc.sents] == ["제목 줄", "첫 문장입니다.", "둘째 문장입니다.", "셋째"]


def test_nlp_user_words_keep_kb_names_whole(nlp):
    doc = nlp("앤스로픽의 모델")
    assert doc[0].text == "앤스로픽"


ALPHABET = list("딥시크가 오픈AI의 모델을 공개했다. 1,2억 \n\t'\"()QwQ-32B")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=80))
def test_nlp_offsets_round_trip_to_the_text(nlp, text):
    doc = nlp(text)
    assert doc.text == text
    for tok in doc:
        assert text[tok.idx : tok.idx + len(tok.text)] == tok.text
    # the extractors' token table (kg/extract/words.py) says what spaCy's tokens say
    fields = ("i", "text", "tag_", "lemma_", "idx", "whitespace_", "is_space")
    assert [[getattr(t, f) for f in fields] for t in doc_tokens(doc)] == [[getattr(t, f) for f in fields] for t in doc]


@given(st.text(alphabet="가나다 .?!\n\"”)abc", max_size=400), st.integers(min_value=5, max_value=60))
def test_nlp_long_lines_are_cut_into_pieces_that_cover_them(line, limit):
    from kg.kiwi import _pieces

    pieces = list(_pieces(line, limit))
    assert "".join(piece for _offset, piece in pieces) == line
    assert all(line[offset:offset + len(piece)] == piece for offset, piece in pieces)
    assert all(len(piece) <= limit for _offset, piece in pieces)


def test_nlp_a_line_longer_than_a_piece_keeps_its_offsets_and_sentences(nlp):
    from kg.kiwi import MAX_PIECE

    sentence = "딥시크는 지난해 12월 6710억 개의 파라미터를 가진 V3를 공개했다. "
    line = sentence * (3 * MAX_PIECE // len(sentence))
    doc = nlp(line)
    assert doc.text == line
    assert all(line[t.idx:t.idx + len(t.text)] == t.text for t in doc)
    # pieces are cut after a sentence end, so every sentence is still whole
    assert {s.text.strip() for s in doc.sents} == {sentence.strip()}


@pytest.mark.parametrize(
    "text, sentences",
    [('김 대표는 성장이 빠르다고 말했다. "이것은 시작일 뿐"이라며 자신감을 보였다.',
      ["김 대표는 성장이 빠르다고 말했다.", '"이것은 시작일 뿐"이라며 자신감을 보였다.']),
     ("그는 이렇게 말했다. '우리는 이긴다'고 덧붙였다.", ["그는 이렇게 말했다.", "'우리는 이긴다'고 덧붙였다."]),
     ('매출이 늘었다."AI가 답"이라는 평가다.', ["매출이 늘었다.", '"AI가 답"이라는 평가다.']),
     ("회의는 워싱턴 D.C. '블레어 하우스'에서 열렸다.", ["회의는 워싱턴 D.C. '블레어 하우스'에서 열렸다."])],
)
def test_nlp_a_quotation_after_a_sentence_end_starts_a_sentence(text, sentences):
    doc = blank_korean()(text)
    assert [s.text.strip() for s in doc.sents] == sentences
