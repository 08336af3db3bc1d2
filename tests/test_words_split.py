"""Words (kg/extract/words.py): the split that reads each token once gives the words of the plain scan.

`naive_split_words` is the former implementation, kept here as the reference.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Token

from kg.extract.patterns import load_patterns
from kg.extract.words import (
    CLOSE_BRACKETS,
    MAX_GLUED_PAREN,
    OPEN_BRACKETS,
    QUOTES,
    TAIL_TAG_PREFIXES,
    Word,
    split_words,
)

SENTENCES = [
    "노바랩스는 '루미나-2'(700억 개)와 최고경영자(CEO)는 사카나AI는 발표했다.",
    "“오픈AI의 ‘GPT-5’는” (괄호가 길게 이어지는 문장으로 사십 자를 넘기는 괄호 속 설명이 계속된다) 등 및",
    "리카이푸(李開復) 대표는 (미국 )에서 'X'를, \"Y\"는 말했다.",
]


def naive_is_tail(tok):
    tag = tok.tag_.split("+")[0]
    return tag.startswith(TAIL_TAG_PREFIXES) or tag in ("SF", "SP", "SE")


def naive_split_words(span):
    """The words of a sentence (or doc), in order.

    A parenthesis glued to a word stays in that word even when it holds spaces
    ('루미나-2'(700억 개)와, 최고경영자(CEO)는): it glosses or qualifies the word.
    """
    words: list[Word] = []
    group: list[Token] = []
    depth = 0
    opened_at = 0
    for tok in span:
        if tok.tag_ == "_SP" or tok.is_space:
            if group and not depth:
                words.append(naive_make_word(group))
                group = []
            continue
        if tok.text in OPEN_BRACKETS and group and not depth:
            depth, opened_at = 1, tok.idx
        elif tok.text in OPEN_BRACKETS and depth:
            depth += 1
        elif tok.text in CLOSE_BRACKETS and depth:
            depth -= 1
        if depth and tok.idx - opened_at > MAX_GLUED_PAREN:
            depth = 0  # an unclosed or long parenthesis: words split on spaces again
        group.append(tok)
        if tok.whitespace_ and not depth:
            words.append(naive_make_word(group))
            group = []
    if group:
        words.append(naive_make_word(group))
    return words


def naive_make_word(tokens):
    """Split a word's tokens into its core, a glued parenthesis, and the tail of particles and endings.

    The tail is the run of particles and endings that *ends* the word: Kiwi may read a
    syllable inside a name as a particle (사카/나/AI/는), which must not cut the name.
    """
    quoted = any(t.text in QUOTES for t in tokens)
    body = [t for t in tokens if t.text not in QUOTES]  # quotes are neither name nor particle
    # the tail: the longest run of tail tokens at the end (after a parenthesis, if one closes there)
    end = len(body)
    while end > 0 and naive_is_tail(body[end - 1]) and body[end - 1].text not in CLOSE_BRACKETS:
        end -= 1
    if end == 0:  # a word of particles only (a lone 등, 및): it is its own core
        end = len(body)
    head, tail = body[:end], body[end:]
    core: list[Token] = []
    paren: list[Token] = []
    depth = 0
    after_paren: list[Token] = []
    for tok in head:
        if after_paren:
            after_paren.append(tok)
            continue
        if tok.text in OPEN_BRACKETS and core:
            depth += 1
            if depth == 1:
                continue
        if tok.text in CLOSE_BRACKETS and depth:
            depth -= 1
            if depth == 0:
                after_paren.append(tok)  # a marker: what follows the parenthesis
            continue
        if depth:
            paren.append(tok)
            continue
        core.append(tok)
    if after_paren:  # text after a closed parenthesis that is not a particle: keep it in the tail
        tail = [t for t in after_paren[1:]] + tail
    return Word(tokens=tokens, core=core, paren=paren, tail=tail, quoted=quoted)


def signature(words: list[Word]) -> list[tuple]:
    def ix(tokens):
        return [t.i for t in tokens]
    return [(ix(w.tokens), ix(w.core), ix(w.paren), ix(w.tail), w.quoted, w.start, w.end, w.core_start, w.core_end)
            for w in words]


@pytest.fixture(scope="module")
def nlp():
    from kg.nlp import blank_korean
    return blank_korean()


def test_words_split_is_the_plain_scan(nlp):
    texts = SENTENCES + [ex.text for p in load_patterns().patterns for ex in p.examples]
    for text in texts:
        doc = nlp(text)
        for span in [*doc.sents, doc]:
            assert signature(split_words(span)) == signature(naive_split_words(span)), span.text


def test_words_the_tokenizer_keeps_the_text_the_tokens_make(nlp):
    from kg.extract.words import DOC_TEXT_KEY

    for text in [*SENTENCES, "  앞 공백과\n\n줄바꿈,   여러 칸  ", " 한 칸", "끝 공백 "]:
        doc = nlp(text)
        assert doc.user_data[DOC_TEXT_KEY] == doc.text == text


def _token_fields(tokens) -> list[tuple]:
    return [(t.i, t.text, t.tag_, t.lemma_, t.idx, t.whitespace_, t.is_space) for t in tokens]


def test_words_the_token_table_is_what_spacy_tokens_say(nlp):
    from kg.extract.words import DOC_TOKENS_KEY, doc_tokens

    for text in [*SENTENCES, "  앞 공백과\n\n줄바꿈,   여러 칸  ", "한빛로보틱스가\t\t새 칩을 냈다 ", ""]:
        doc = nlp(text)
        assert _token_fields(doc_tokens(doc)) == _token_fields(doc), text
        # a doc made some other way (no table from the tokenizer) gets the same table from its tokens
        del doc.user_data[DOC_TOKENS_KEY]
        assert _token_fields(doc_tokens(doc)) == _token_fields(doc), text


def test_words_are_made_of_table_tokens_that_slice_the_text(nlp):
    from kg.extract.words import Tok, doc_text

    doc = nlp("서진로보틱스(Seojin Robotics)의 '하늘-3'은 공개됐다.")
    text = doc_text(doc)
    for word in split_words(doc):
        assert all(isinstance(t, Tok) for t in word.tokens)
        assert text[word.start : word.end] == "".join(t.text + t.whitespace_ for t in word.tokens).rstrip()
