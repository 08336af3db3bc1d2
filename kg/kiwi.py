"""Kiwi, the Korean morphological analyser, without spaCy: loading it and reading text into morphemes.

`kg.nlp` builds spaCy docs from what `morphemes` returns; this module imports
neither spaCy nor the extraction code, so a process that only tokenises (the
tokenizer process of `kg build`, `kg/kiwi_process.py`) starts in a tenth of a
second and begins loading Kiwi at once.

Kiwi reports morphemes that may overlap (했다 -> 하/VV + 었/EP + 다/EF on the
same characters); spaCy needs tokens that tile the text, so overlapping
morphemes are merged into one token whose tag joins the Kiwi tags with "+" and
whose lemma joins their forms.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from functools import lru_cache

_LINE_BREAK = re.compile(r"\r\n|\n|\r|\u2028|\u2029")
_KIWI_LOCK = threading.Lock()

# (start, end, tag, lemma, starts_sentence): one token of the text, offsets into it
Morpheme = tuple[int, int, str, str, bool]


@lru_cache(maxsize=1)
def get_kiwi():
    """One Kiwi per process, with the KB's Korean names as user words.

    Without Kiwi's multi-word dictionary (Wikipedia phrases such as 닉 프로스트 as one token): it
    made loading and the first call take 5.6 s instead of 1.6 s, and dropping it moved the dev and
    seed scores by at most 0.001; names are found by our own grammar and discovery anyway.
    Without its typo dictionary (chat spellings such as 했슴다 for 했습니다): news is edited text,
    the dev and seed articles tokenise identically without it, and loading it cost memory whose
    page faults made a one-article build's start-up vary from 1.9 to 3.8 s.
    Single-threaded (num_workers=0): we hand Kiwi one piece at a time, so its default pool of a
    thread per core only handed the work over; without it Kiwi tokenises about 5 % faster, and the
    process has no threads of Kiwi's when it forks.
    """
    import warnings

    from kiwipiepy import Kiwi

    with warnings.catch_warnings():  # "behavior of num_workers=0 is changed since v0.21.0": the change we want
        warnings.simplefilter("ignore", DeprecationWarning)
        kiwi = Kiwi(num_workers=0, load_multi_dict=False, load_typo_dict=False)
    for word in user_words():
        kiwi.add_user_word(word, "NNP", 0.0)
    return kiwi


def warm_up() -> None:
    """Load Kiwi and make its first call, which finishes its lazy initialisation (about as long as loading)."""
    with _KIWI_LOCK:
        get_kiwi().tokenize("")


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


def morphemes(text: str) -> list[Morpheme]:
    """Non-overlapping (start, end, tag, lemma, starts_sentence) over the whole text, in order.

    Kiwi reads the text line by line, in pieces (`_pieces`), with its own sentence split.
    """
    kiwi = get_kiwi()
    out: list[Morpheme] = []
    line_start = 0
    for line_end, next_start in _line_bounds(text):
        for offset, piece in _pieces(text[line_start:line_end]):
            if not piece.strip():
                continue
            with _KIWI_LOCK:
                sentences = kiwi.tokenize(piece, split_sents=True)
            first_of_piece = True
            base = line_start + offset
            for sent in sentences:
                # Kiwi may cut after a closing quote ('"…뿐"' | '이라며 …'): a sentence cannot
                # start with a particle or an ending, so such a piece continues the previous one.
                first = first_of_piece or not _continues_previous(sent)
                first_of_piece = False
                for start, end, tag, lemma in _split_serials(piece, _merge_overlaps(sent)):
                    out.append((base + start, base + end, tag, lemma, first))
                    first = False
        line_start = next_start
    return out


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


_SERIAL_PART = re.compile(r"\d+(?:[.,]\d+)*|[^\d\s]")


def _split_serials(piece: str, tokens: Iterable[tuple[int, int, str, str]]) -> Iterable[tuple[int, int, str, str]]:
    """Kiwi reads "모델-4: 140억" as one serial number "4: 140" (W_SERIAL); a serial has no space in it,
    so such a token is its numbers (SN) and punctuation (SP) again."""
    for start, end, tag, lemma in tokens:
        if tag != "W_SERIAL" or not any(c.isspace() for c in piece[start:end]):
            yield start, end, tag, lemma
            continue
        for m in _SERIAL_PART.finditer(piece, start, end):
            yield m.start(), m.end(), "SN" if m.group()[0].isdigit() else "SP", m.group()


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
