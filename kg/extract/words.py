"""Korean words (eojeol) over Kiwi morphemes: a name core, a glued parenthesis, and a particle tail.

Most of what the extractors ask is about words, not morphemes: "is the word
before this role noun a name?", "does this word end in the genitive 의?".
A `Word` is a run of tokens with no whitespace between them, split into the
`core` (the name or noun), an optional parenthesis glued to it
(`리카이푸(李開復)`, `최고경영자(CEO)`) and the `tail` of particles and
endings (`는`, `의`, `였던`).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span

DOC_TEXT_KEY = "_text"  # doc.user_data key of the doc's text (the Kiwi tokenizer of `kg.nlp` sets it)
DOC_TOKENS_KEY = "_tokens"  # doc.user_data key of the doc's token table (`doc_tokens`)

TAIL_TAG_PREFIXES = ("J", "E", "VCP", "XSV", "XSA")
OPEN_BRACKETS = {"(", "<", "[", "（", "〈", "《", "「"}
CLOSE_BRACKETS = {")", ">", "]", "）", "〉", "》", "」"}
QUOTES = {"'", '"', "‘", "’", "“", "”", "`", "´"}
MAX_GLUED_PAREN = 40  # characters a glued parenthesis may hold and still belong to its word


class Tok:
    """One token's strings and offset, read out of spaCy once per doc.

    The extractors read `text`, `tag_`, `lemma_`, `idx` and `whitespace_` of every token many times
    over (`노바랩스가` is asked "a name?", "a particle?", "a title?" by a dozen rules). A spaCy
    `Token` is made anew on every `doc[i]` and looks each string up in the vocabulary on every
    access; a `Tok` holds them. It has the `Token` attributes of those names, so code reads either.
    """

    __slots__ = ("i", "text", "tag_", "lemma_", "idx", "whitespace_", "is_space")

    def __init__(self, i: int, text: str, tag: str, lemma: str, idx: int, whitespace: str) -> None:
        self.i = i
        self.text = text
        self.tag_ = tag
        self.lemma_ = lemma
        self.idx = idx
        self.whitespace_ = whitespace
        self.is_space = text.isspace()

    def __repr__(self) -> str:
        return f"Tok({self.i}, {self.text!r}, {self.tag_!r})"


def token_table(words: list[str], spaces: list[bool], tags: list[str], lemmas: list[str]) -> list[Tok]:
    """The `Tok`s of a doc made of these words (as `Doc(vocab, words=…, spaces=…)` lays them out)."""
    out: list[Tok] = []
    idx = 0
    for i, (text, space, tag, lemma) in enumerate(zip(words, spaces, tags, lemmas, strict=True)):
        out.append(Tok(i, text, tag, lemma, idx, " " if space else ""))
        idx += len(text) + (1 if space else 0)
    return out


def doc_tokens(doc: Doc) -> list[Tok]:
    """The doc's tokens as `Tok`s, made once (the Kiwi tokenizer of `kg.nlp` makes them with the doc)."""
    table = doc.user_data.get(DOC_TOKENS_KEY)
    if table is None:
        table = doc.user_data[DOC_TOKENS_KEY] = [
            Tok(t.i, t.text, t.tag_, t.lemma_, t.idx, t.whitespace_) for t in doc]
    return table


@dataclass(slots=True)
class Word:
    tokens: list[Tok]
    core: list[Tok]
    paren: list[Tok]
    tail: list[Tok]
    quoted: bool = False
    start: int = 0
    end: int = 0
    core_start: int = 0
    core_end: int = 0
    # asked for again and again by every component: computed once (a word belongs to one doc)
    _core_text: str | None = field(default=None, repr=False, compare=False)
    morphemes: tuple[tuple[str, str], ...] | None = field(default=None, repr=False, compare=False)
    _has_tail: bool | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        # offsets are read many times per word: compute them once
        self.start = self.tokens[0].idx
        self.end = self.tokens[-1].idx + len(self.tokens[-1].text)
        self.core_start = self.core[0].idx if self.core else self.start
        self.core_end = self.core[-1].idx + len(self.core[-1].text) if self.core else self.start

    def core_text(self, doc: Doc) -> str:
        if self._core_text is None:
            self._core_text = doc_text(doc)[self.core_start : self.core_end] if self.core else ""
        return self._core_text

    def paren_text(self, doc: Doc) -> str:
        if not self.paren:
            return ""
        return doc_text(doc)[self.paren[0].idx : self.paren[-1].idx + len(self.paren[-1].text)]

    @property
    def tail_text(self) -> str:
        return "".join(t.text for t in self.tail)

    @property
    def lemma_tail(self) -> str:
        return "+".join(t.lemma_ for t in self.tail)

    @property
    def lemma(self) -> str:
        """The dictionary form of the word's first morpheme (세운 -> 세우, 이끄는 -> 이끄)."""
        tokens = self.core or self.tokens
        return tokens[0].lemma_.split("+")[0] if tokens else ""

    def starts_with(self, doc: Doc, stems: tuple[str, ...]) -> bool:
        """The word's core or its lemma begins with one of `stems` (a verb in any inflection)."""
        return self.core_text(doc).startswith(stems) or self.lemma.startswith(stems)

    def has_tail(self) -> bool:
        """A particle or ending follows the name (closing quotes do not count)."""
        if self._has_tail is None:
            self._has_tail = any(t.text not in QUOTES for t in self.tail)
        return self._has_tail


def doc_text(doc: Doc) -> str:
    """The doc's text, built once (spaCy rebuilds `doc.text` from its tokens on every access)."""
    text = doc.user_data.get(DOC_TEXT_KEY)  # set by the Kiwi tokenizer, which knows the text
    if text is None:
        text = doc.user_data[DOC_TEXT_KEY] = doc.text
    return text


@lru_cache(maxsize=4096)
def _is_tail_tag(tag: str) -> bool:
    """A particle, an ending, a copula or suffix verb, or final punctuation (the first tag of merged ones)."""
    tag = tag.split("+")[0]
    return tag.startswith(TAIL_TAG_PREFIXES) or tag in ("SF", "SP", "SE")


def sentences_with_words(doc: Doc) -> list[tuple[Span, list[Word]]]:
    """The doc's sentences and their words, computed once and shared by the components."""
    cached = doc.user_data.get("_sentence_words")
    if cached is None:
        cached = doc.user_data["_sentence_words"] = [(sent, split_words(sent)) for sent in doc.sents]
    return cached


def split_words(span: Span | Doc) -> list[Word]:
    """The words of a sentence (or doc), in order.

    A parenthesis glued to a word stays in that word even when it holds spaces
    ('루미나-2'(700억 개)와, 최고경영자(CEO)는): it glosses or qualifies the word.
    Every component reads these words, so they are made of the doc's `Tok`s.
    """
    if isinstance(span, Doc):
        toks = doc_tokens(span)
    else:
        toks = doc_tokens(span.doc)[span.start : span.end]
    words: list[Word] = []
    group: list[Tok] = []
    texts: list[str] = []
    tags: list[str] = []
    depth = 0
    opened_at = 0
    for tok in toks:
        tag = tok.tag_
        if tag == "_SP" or tok.is_space:
            if group and not depth:
                words.append(_make_word(group, texts, tags))
                group, texts, tags = [], [], []
            continue
        text = tok.text
        if text in OPEN_BRACKETS:
            if group and not depth:
                depth, opened_at = 1, tok.idx
            elif depth:
                depth += 1
        elif text in CLOSE_BRACKETS and depth:
            depth -= 1
        if depth and tok.idx - opened_at > MAX_GLUED_PAREN:
            depth = 0  # an unclosed or long parenthesis: words split on spaces again
        group.append(tok)
        texts.append(text)
        tags.append(tag)
        if not depth and tok.whitespace_:
            words.append(_make_word(group, texts, tags))
            group, texts, tags = [], [], []
    if group:
        words.append(_make_word(group, texts, tags))
    return words


def _make_word(tokens: list[Tok], texts: list[str], tags: list[str]) -> Word:
    """Split a word's tokens (with their texts and tags) into its core, a glued parenthesis, and the
    tail of particles and endings.

    The tail is the run of particles and endings that *ends* the word: Kiwi may read a
    syllable inside a name as a particle (사카/나/AI/는), which must not cut the name.
    """
    quoted = not QUOTES.isdisjoint(texts)
    # quotes are neither name nor particle
    body = [i for i, t in enumerate(texts) if t not in QUOTES] if quoted else list(range(len(tokens)))
    # the tail: the longest run of tail tokens at the end (after a parenthesis, if one closes there)
    end = len(body)
    while end > 0 and _is_tail_tag(tags[body[end - 1]]) and texts[body[end - 1]] not in CLOSE_BRACKETS:
        end -= 1
    if end == 0:  # a word of particles only (a lone 등, 및): it is its own core
        end = len(body)
    tail = [tokens[i] for i in body[end:]]
    if OPEN_BRACKETS.isdisjoint(texts) and CLOSE_BRACKETS.isdisjoint(texts):  # no parenthesis: all core
        return Word(tokens=tokens, core=[tokens[i] for i in body[:end]], paren=[], tail=tail, quoted=quoted)
    core: list[Tok] = []
    paren: list[Tok] = []
    depth = 0
    after_paren: list[Tok] = []
    for i in body[:end]:
        tok, text = tokens[i], texts[i]
        if after_paren:
            after_paren.append(tok)
            continue
        if text in OPEN_BRACKETS and core:
            depth += 1
            if depth == 1:
                continue
        if text in CLOSE_BRACKETS and depth:
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


class TokenTags:
    """The Kiwi tags of the tokens over a character range, as `doc.char_span(start, end, "expand")`
    would give them, from arrays of the doc's tokens read once (no Span per question)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.starts: list[int] = []
        self.reach: list[int] = []  # where each token ends, its trailing space included
        self.ends: list[int] = []  # where its text ends
        self.tags: list[str] = []
        self.space: list[bool] = []
        for t in doc_tokens(doc):
            end = t.idx + len(t.text)
            self.starts.append(t.idx)
            self.ends.append(end)
            self.reach.append(end + (1 if t.whitespace_ else 0))
            self.tags.append(t.tag_)
            self.space.append(t.is_space)

    def _token_by_char(self, char: int) -> int:
        i = bisect_right(self.starts, char) - 1
        return i if i >= 0 and char < self.reach[i] else -1

    def over(self, start: int, end: int) -> list[str] | None:
        """Tags of the non-space tokens over text[start:end]; None where `char_span` gives no span."""
        if end <= start:  # an empty range: as spaCy answers it
            span = self.doc.char_span(start, end, alignment_mode="expand")
            return None if span is None else [t.tag_ for t in span if not t.is_space]
        first = self._token_by_char(start)
        if first < 0:
            return None
        last = self._token_by_char(end - 1)
        if last < 0:
            return None
        if start == self.ends[first]:  # the trailing space of a token is not part of it
            first += 1
        return [self.tags[k] for k in range(first, last + 1) if not self.space[k]]
