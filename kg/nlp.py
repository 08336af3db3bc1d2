"""The Korean spaCy `Language` of aikg: Kiwi morphemes as tokens, Kiwi sentences, built once.

spaCy's own Korean tokenizer needs a system mecab and its trained Korean
pipelines cannot be installed here, so the tokenizer is Kiwi (kiwipiepy,
loaded and called in `kg/kiwi.py`). Kiwi reports morphemes that may overlap
(했다 -> 하/VV + 었/EP + 다/EF on the same characters); spaCy needs tokens
that tile the text, so overlapping morphemes are merged into one token whose
`tag_` joins the Kiwi tags with "+" and whose `lemma_` joins their forms.
Every token's `idx` is its exact offset in the text, so spans map straight
back to the article file.

The morphemes of a text may come from elsewhere: `kg build` tokenises in a
process of its own while this one extracts (`kg/kiwi_process.py`), and hands
them over with `provide_morphemes`; the doc is the same either way.
"""

from __future__ import annotations

from spacy.language import BaseDefaults, Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from kg.extract.words import DOC_TEXT_KEY, DOC_TOKENS_KEY, token_table
from kg.kiwi import Morpheme, morphemes

_PROVIDED: dict[str, list[Morpheme]] = {}  # text -> its morphemes, computed by another process


def provide_morphemes(text: str, pieces: list[Morpheme]) -> None:
    """The morphemes `kg.kiwi.morphemes(text)` would give, computed elsewhere: the next doc of `text` uses them."""
    _PROVIDED.clear()  # one article at a time: nothing left over from one whose extraction failed
    _PROVIDED[text] = pieces


class KiwiTokenizer:
    """A spaCy tokenizer: text -> Doc of Kiwi morphemes, with sentence starts from lines and Kiwi."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        pieces = _PROVIDED.pop(text, None)
        if pieces is None:
            pieces = morphemes(text)
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
        # the tokens tile the text exactly, so the doc's text is the text: kept for `doc_text`, which
        # would otherwise rebuild it from the tokens
        doc.user_data[DOC_TEXT_KEY] = text
        # and its tokens' strings, which the extractors read far more often than spaCy can make Tokens
        doc.user_data[DOC_TOKENS_KEY] = token_table(words, spaces, tags, lemmas)
        return doc

    def to_bytes(self, **kwargs) -> bytes:  # spaCy serialisation hooks: nothing to save
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> KiwiTokenizer:
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> KiwiTokenizer:
        return self


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
