"""The Korean spaCy `Language` of aikg: Kiwi morphemes as tokens, Kiwi sentences, built once.

spaCy's own Korean tokenizer needs a system mecab and its trained Korean
pipelines cannot be installed here, so the tokenizer is Kiwi (kiwipiepy).
Kiwi reports morphemes that may overlap (했다 -> 하/VV + 었/EP + 다/EF on the
same characters); spaCy needs tokens that tile the text, so overlapping
morphemes are merged into one token whose `tag_` joins the Kiwi tags with
"+" and whose `lemma_` joins their forms. Every token's `idx` is its exact
offset in the text, so spans map straight back to the article file.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from functools import lru_cache

from spacy.language import BaseDefaults, Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

_LINE_BREAK = re.compile(r"\r\n|\n|\r|\u2028|\u2029")
_KIWI_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def get_kiwi():
    """One Kiwi per process (1.7 s and ~500 MB to load), with the KB's Korean names as user words."""
    from kiwipiepy import Kiwi

    kiwi = Kiwi()
    for word in user_words():
        kiwi.add_user_word(word, "NNP", 0.0)
    return kiwi


def user_words() -> list[str]:
    """Hangul names from the knowledge base that Kiwi should keep whole (앤스로픽, 바이트댄스...)."""
    try:
        from kg.kb import load_kb
    except ImportError:  # the KB module is optional for the tokenizer
        return []
    words: set[str] = set()
    for text, lang, _record, loose in load_kb().surface_forms():
        # loose forms (달리, 다음, 기아: ordinary words too) would make Kiwi split ordinary text wrongly
        if lang == "ko" and not loose and " " not in text and re.fullmatch(r"[가-힣]{2,}", text):
            words.add(text)
    return sorted(words)


class KiwiTokenizer:
    """A spaCy tokenizer: text -> Doc of Kiwi morphemes, with sentence starts from lines and Kiwi."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        pieces = list(self._morphemes(text))
        words, spaces, tags, lemmas, sent_starts = [], [], [], [], []
        pos = 0
        for start, end, tag, lemma, sent_start in pieces:
            if start > pos:  # a gap Kiwi skipped: whitespace or characters it dropped
                gap = text[pos:start]
                if gap == " " and words:
                    spaces[-1] = True
                else:
                    if gap.startswith(" ") and words and not spaces[-1]:
                        spaces[-1] = True
                        gap = gap[1:]
                    words.append(gap)
                    spaces.append(False)
                    tags.append("_SP" if gap.isspace() else "X")
                    lemmas.append(gap)
                    sent_starts.append(False)
            words.append(text[start:end])
            spaces.append(False)
            tags.append(tag)
            lemmas.append(lemma)
            sent_starts.append(sent_start)
            pos = end
        if pos < len(text):
            words.append(text[pos:])
            spaces.append(False)
            tags.append("_SP" if text[pos:].isspace() else "X")
            lemmas.append(text[pos:])
            sent_starts.append(False)
        if sent_starts:
            sent_starts[0] = True
        doc = Doc(self.vocab, words=words, spaces=spaces, tags=tags, lemmas=lemmas, sent_starts=sent_starts)
        return doc

    def _morphemes(self, text: str) -> Iterable[tuple[int, int, str, str, bool]]:
        """Non-overlapping (start, end, tag, lemma, starts_sentence) over the whole text."""
        kiwi = get_kiwi()
        line_start = 0
        for line_end, next_start in _line_bounds(text):
            for offset, piece in _pieces(text[line_start:line_end]):
                if not piece.strip():
                    continue
                with _KIWI_LOCK:
                    sentences = kiwi.tokenize(piece, split_sents=True)
                first_of_piece = True
                for sent in sentences:
                    # Kiwi may cut after a closing quote ('"…뿐"' | '이라며 …'): a sentence cannot
                    # start with a particle or an ending, so such a piece continues the previous one.
                    first = first_of_piece or not _continues_previous(sent)
                    first_of_piece = False
                    for start, end, tag, lemma in _merge_overlaps(sent):
                        yield line_start + offset + start, line_start + offset + end, tag, lemma, first
                        first = False
            line_start = next_start

    def to_bytes(self, **kwargs) -> bytes:  # spaCy serialisation hooks: nothing to save
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> KiwiTokenizer:
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> KiwiTokenizer:
        return self


def _line_bounds(text: str) -> Iterable[tuple[int, int]]:
    for m in _LINE_BREAK.finditer(text):
        yield m.start(), m.end()
    yield len(text), len(text)


MAX_PIECE = 4_000  # characters given to Kiwi at once: its sentence splitter slows down on longer lines
_SENTENCE_END = re.compile(r"[.?!。]['\"’”)\]]*\s+")
_SPACE = re.compile(r"\s+")
# A quotation that opens after a Hangul sentence end starts a new sentence (말했다. "…"라고):
# Kiwi glues it to the sentence before, so the line is cut there first.
_QUOTE_AFTER_END = re.compile(r"(?<=[가-힣][.?!])\s*(?=[\"“'‘])")
_CONTINUATION_TAGS = ("J", "E", "VCP", "XS")


def _continues_previous(sent) -> bool:
    tokens = list(sent.tokens) if hasattr(sent, "tokens") else list(sent)
    return bool(tokens) and tokens[0].tag.startswith(_CONTINUATION_TAGS)


def _pieces(line: str, limit: int = MAX_PIECE) -> Iterable[tuple[int, str]]:
    """(offset, piece) covering `line`: cut where a quotation opens after a sentence end, and
    pieces of a very long line cut after a sentence end.

    A page saved as one line of a megabyte took Kiwi minutes (tokenisation speed falls
    with line length); pieces of at most `limit` characters keep it at its usual rate.
    Where no sentence ends in a window the cut falls on a space, else at `limit`.
    """
    offset = 0
    for m in _QUOTE_AFTER_END.finditer(line):
        if m.end() > offset:
            yield from _limited(line[offset : m.end()], offset, limit)
            offset = m.end()
    yield from _limited(line[offset:], offset, limit)


def _limited(line: str, base: int, limit: int) -> Iterable[tuple[int, str]]:
    for offset, piece in _cut_long(line, limit):
        yield base + offset, piece


def _cut_long(line: str, limit: int) -> Iterable[tuple[int, str]]:
    start = 0
    while len(line) - start > limit:
        window = line[start:start + limit]
        cut = 0
        for pattern in (_SENTENCE_END, _SPACE):
            ends = [m.end() for m in pattern.finditer(window, limit // 2)]
            if ends:
                cut = ends[-1]
                break
        cut = cut or limit
        yield start, line[start:start + cut]
        start += cut
    yield start, line[start:]


def _merge_overlaps(tokens) -> Iterable[tuple[int, int, str, str]]:
    """Merge morphemes that share characters; drop zero-length ones into their neighbour."""
    current: list | None = None
    for tok in tokens:
        start, end = tok.start, tok.start + tok.len
        if current is not None and start < current[1]:
            current[1] = max(current[1], end)
            current[2] += "+" + tok.tag
            current[3] += "+" + tok.form
            continue
        if tok.len == 0:
            if current is not None:
                current[2] += "+" + tok.tag
                current[3] += "+" + tok.form
            continue
        if current is not None:
            yield tuple(current)  # type: ignore[misc]
        current = [start, end, tok.tag, tok.form]
    if current is not None:
        yield tuple(current)  # type: ignore[misc]


@registry.tokenizers("aikg.kiwi_tokenizer.v1")
def create_kiwi_tokenizer():
    def make(nlp: Language) -> KiwiTokenizer:
        return KiwiTokenizer(nlp.vocab)

    return make


class KoreanKiwiDefaults(BaseDefaults):
    config = BaseDefaults.config.merge(
        {"nlp": {"tokenizer": {"@tokenizers": "aikg.kiwi_tokenizer.v1"}}}  # type: ignore[attr-defined]
    )
    writing_system = {"direction": "ltr", "has_case": False, "has_letters": False}


class KoreanKiwi(Language):
    """Korean with Kiwi morphology; no mecab, no trained weights."""

    lang = "ko"
    Defaults = KoreanKiwiDefaults


def blank_korean() -> Language:
    """A fresh Korean Language with only the Kiwi tokenizer."""
    return KoreanKiwi()
