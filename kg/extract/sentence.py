"""A sentence as the relation and claim extractors see it: words, the mentions in them, quantities, dates.

Built once per sentence and shared, so that each extractor asks structural
questions ("which mention is the topic?", "which word carries this
quantity?") instead of re-scanning text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from kg.extract.lexicon import fold
from kg.extract.model import Mention
from kg.extract.words import Word, doc_text, sentences_with_words
from kg.normalize.dates import DateMention, PartialDate, find_dates
from kg.normalize.numbers import Quantity, find_quantities

TOPIC = ("은", "는")
SUBJECT = ("이", "가", "께서")
OBJECT = ("을", "를")
GENITIVE = ("의",)


@dataclass
class SentenceView:
    doc: Doc
    span: Span
    start: int  # evidence span in the article text (whitespace trimmed)
    end: int
    words: list[Word]
    mentions: list[Mention]
    quantities: list[Quantity] = field(default_factory=list)  # offsets made absolute
    dates: list[DateMention] = field(default_factory=list)  # offsets made absolute

    @property
    def text(self) -> str:
        return self.full[self.start : self.end]

    @property
    def full(self) -> str:
        return doc_text(self.doc)

    def word_index_at(self, char: int) -> int | None:
        for i, w in enumerate(self.words):
            if w.start <= char < w.end:
                return i
        return None

    def word_of(self, mention: Mention) -> int | None:
        return self.word_index_at(max(mention.end - 1, mention.start))

    def particle(self, i: int | None) -> str:
        """The first particle of word i (은, 는, 의 ...), or '' when the word is bare."""
        if i is None or i >= len(self.words):
            return ""
        w = self.words[i]
        for tok in w.tail:
            if tok.tag_.startswith("J") or tok.tag_.startswith("VCP"):
                return tok.text
        return ""

    def role_particle(self, mention: Mention, role_like: set[str]) -> str:
        """The particle that marks the mention's phrase: on its own word, or on a following role word.

        Organisations, countries and places may stand between a name and its role
        (이란 첸 미국 듀크대 석좌교수는 -> 는).
        """
        i = self.word_of(mention)
        if i is None:
            return ""
        own = self.particle(i)
        if own or self.words[i].has_tail():
            return own
        j = i + 1
        while j < len(self.words) and j <= i + 3:
            word = self.words[j]
            core = fold(word.core_text(self.doc))
            if core in role_like or any(core.endswith(r) for r in role_like if len(r) > 1):
                if self.particle(j) or word.has_tail():
                    return self.particle(j)
                j += 1
                continue
            inside = [m for m in self.mentions if word.start <= m.start < word.end]
            if inside and inside[0].type in ("Organization", "Country") and not word.has_tail():
                j += 1
                continue
            break
        return ""

    def mentions_of(self, *types: str) -> list[Mention]:
        return [m for m in self.mentions if m.type in types]


def sentence_views(doc: Doc, mentions: list[Mention], published: PartialDate | None) -> list[SentenceView]:
    """Views of all sentences of a doc with their mentions, quantities and dates."""
    views = []
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    k = 0
    for sent, words in sentences_with_words(doc):
        text = doc_text(doc)[sent.start_char : sent.end_char]
        stripped = text.strip()
        if not stripped:
            continue
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = start + len(stripped)
        inside = []
        while k < len(ordered) and ordered[k].start < sent.start_char:
            k += 1
        j = k
        while j < len(ordered) and ordered[j].start < sent.end_char:
            inside.append(ordered[j])
            j += 1
        quantities = [
            _shift(q, start) for q in find_quantities(stripped)
        ]
        dates = [_shift(d, start) for d in find_dates(stripped, published)]
        views.append(SentenceView(doc, sent, start, end, words, inside, quantities, dates))
    return views


def _shift(item, offset: int):
    from dataclasses import replace

    return replace(item, start=item.start + offset, end=item.end + offset)
