"""Sentence views: each sentence as the relation and claim components see it.

A view holds the sentence's words, its clause structure (`kg.extract.clauses`),
the mentions and the values (quantities, dates) in it, each placed on the word
that carries it, and the kind of line it stands on (body, heading, summary,
caption). Views are built once per doc by the `aikg_views` component and shared,
so that every later component asks structural questions ("which phrase is the
topic of this predicate?", "which model is in that phrase?") instead of
re-scanning text.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.clauses import Clauses, Phrase, Predicate, analyse
from kg.extract.model import Mention, get_extraction
from kg.extract.words import Word, doc_text, sentences_with_words
from kg.normalize.dates import (
    DateMention,
    PartialDate,
    apply_date_anaphora,
    find_dates,
    find_day_anaphora,
    find_moment_anaphora,
)
from kg.normalize.numbers import Quantity, find_quantities

if not Doc.has_extension("views"):
    Doc.set_extension("views", default=None)


@dataclass
class SentenceView:
    index: int
    doc: Doc
    start: int  # evidence span in the article text (whitespace trimmed)
    end: int
    kind: str  # the line kind: body | heading | summary | caption
    words: list[Word]
    clauses: Clauses
    mentions: list[Mention]
    quantities: list[Quantity] = field(default_factory=list)  # offsets made absolute
    dates: list[DateMention] = field(default_factory=list)  # offsets made absolute
    paragraph: int = 0  # index of the line the sentence stands on
    _word_at: dict[int, int | None] = field(default_factory=dict, repr=False, compare=False)  # char -> word


    @property
    def text(self) -> str:
        return doc_text(self.doc)[self.start : self.end]

    @property
    def full(self) -> str:
        return doc_text(self.doc)

    # ------------------------------------------------------------------ placing things on words
    def word_at(self, char: int) -> int | None:
        """The word holding a character (the words never change: each answer is kept)."""
        if char in self._word_at:
            return self._word_at[char]
        found = next((i for i, w in enumerate(self.words) if w.start <= char < w.end), None)
        self._word_at[char] = found
        return found

    def word_of(self, item: Mention | Quantity | DateMention) -> int | None:
        """The word that carries a mention or a value (the word of its last character)."""
        return self.word_at(max(item.end - 1, item.start))

    def first_word_of(self, item: Mention | Quantity | DateMention) -> int | None:
        return self.word_at(item.start)

    def phrase_of(self, item: Mention | Quantity | DateMention) -> Phrase | None:
        i = self.word_of(item)
        return None if i is None else self.clauses.phrase_at(i)

    def mentions_in(self, phrase: Phrase, types: tuple[str, ...] | None = None) -> list[Mention]:
        lo, hi = self.words[phrase.first].start, self.words[phrase.last].end
        return [m for m in self.mentions if lo <= m.end - 1 < hi and (types is None or m.type in types)]

    def values_in(self, phrase: Phrase, kinds: tuple[str, ...]) -> list[Quantity | DateMention]:
        lo, hi = self.words[phrase.first].start, self.words[phrase.last].end
        out: list[Quantity | DateMention] = []
        if "date" in kinds:
            out += [d for d in self.dates if lo <= d.end - 1 < hi and d.value is not None]
        out += [q for q in self.quantities if q.kind in kinds and lo <= q.end - 1 < hi]
        return sorted(out, key=lambda v: v.start)

    def word_text(self, i: int) -> str:
        w = self.words[i]
        return self.full[w.start : w.end]

    def core_text(self, i: int) -> str:
        return self.words[i].core_text(self.doc)

    def predicates(self) -> list[Predicate]:
        return self.clauses.predicates


NAMED_WITH_NUMBERS = ("AIModel", "Hardware")
NEWS_WINDOW_DAYS = 31  # a relative day this close to publication is the news's own day (지난 5일, 어제)


def _recent(value: PartialDate, published: PartialDate | None) -> bool:
    """지난 5일 … 이날: the day of the news; 지난 3월 25일 (weeks before): background, 이날 is not it."""
    if published is None or published.precision != "day":
        return False
    return abs((date(published.year, published.month, published.day) -
                date(value.year, value.month, value.day)).days) <= NEWS_WINDOW_DAYS


def build_views(doc: Doc, mentions: list[Mention], published: PartialDate | None,
                line_kinds: list[tuple[int, int, str]] | None = None) -> list[SentenceView]:
    """Views of all sentences of a doc with their clauses, mentions, quantities and dates."""
    views = []
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    text = doc_text(doc)
    kinds = LineKinds(sorted(line_kinds or []))
    focus = Focus()
    k = 0
    last_day = published if published is not None and published.precision == "day" else None
    last_dated = published  # the date the text spoke of last, for 같은 해 / 이듬해
    spoken: PartialDate | None = None  # a date the previous sentence spoke of, for 당시 / 이때
    for sent, words in sentences_with_words(doc):
        piece = text[sent.start_char : sent.end_char]
        stripped = piece.strip()
        if not stripped or not words:
            continue
        start = sent.start_char + (len(piece) - len(piece.lstrip()))
        end = start + len(stripped)
        while k < len(ordered) and ordered[k].start < sent.start_char:
            k += 1
        inside = []
        j = k
        while j < len(ordered) and ordered[j].start < sent.end_char:
            inside.append(ordered[j])
            j += 1
        quantities = [replace(q, start=q.start + start, end=q.end + start) for q in find_quantities(stripped)]
        # the size in a name (라마 3.1 405B, 노바-7B) names the model; it is no value of the sentence
        named = [(m.start, m.end) for m in inside if m.type in NAMED_WITH_NUMBERS]
        quantities = [q for q in quantities if not any(a <= q.start and q.end <= b for a, b in named)]
        found = apply_date_anaphora(stripped, find_dates(stripped, published), last_dated)
        found += [d for d in find_day_anaphora(stripped, last_day)
                  if not any(f.start < d.end and d.start < f.end for f in found)]
        own = [d.value for d in found if d.value is not None and d.value.year and not d.approximate]
        found += [d for d in find_moment_anaphora(stripped, spoken)
                  if not any(f.start < d.end and d.start < f.end for f in found)]
        spoken = own[-1] if own else None
        dates = sorted((replace(d, start=d.start + start, end=d.end + start) for d in found), key=lambda d: d.start)
        days = [d.value for d in found if d.value is not None and d.value.precision == "day" and not d.approximate
                and (not d.relative or _recent(d.value, published))]
        last_dated = next((d.value for d in reversed(found) if d.value is not None and d.value.year), last_dated)
        if days:
            last_day = days[-1]
        kind, line = kinds.at(start)
        times = [(d.start, d.end) for d in dates]
        view = SentenceView(len(views), doc, start, end, kind, words, analyse(doc, words, times), inside,
                            quantities, dates, line)
        focus.resolve(view)
        views.append(view)
    return views


class Focus:
    """The things in focus, by class, as the sentences go by; resolves 이 회사, 이 모델, 그는, 양사 …

    A demonstrative or a pronoun (the phrases of `grammar.json`'s "pronouns") becomes, in the
    view only, a mention of the thing it stands for: for a company, the organisation the
    sentences before spoke about (a topic or subject); for a model, the model named last;
    for a person, the person spoken about last. The article's own mentions are not touched.
    """

    CONFIDENCE = 0.7

    def __init__(self) -> None:
        from kg.extract.clauses import load_grammar
        from kg.extract.lexicon import load_cues
        from kg.kb import load_kb

        self.pronouns = {k.replace(" ", ""): v for k, v in load_grammar().pronouns.items()}
        self.model_nouns = frozenset(c.replace(" ", "") for c in load_cues().model_cues)
        self.demonstratives = load_grammar().referring_demonstratives
        self.kb = load_kb()
        self.topic: dict[str, str] = {}
        self.recent: dict[str, str] = {}
        self.models: list[str] = []  # the models named so far, last last

    def resolve(self, view: SentenceView) -> None:
        added = []
        for phrase in view.clauses.phrases:
            if view.mentions_in(phrase):
                continue
            core = "".join(view.core_text(i) for i in phrase.words()).replace(" ", "")
            type_ = self.pronouns.get(core) or self._demonstrative_model(view, phrase)
            if type_ is None:
                key = self._model_of(view, phrase, core)  # 노바랩스의 대형언어모델은: its model named before
                type_ = "AIModel" if key else None
            else:
                key = self._referent(type_, view, phrase)
            if key is None:
                continue
            w_first, w_last = view.words[phrase.first], view.words[phrase.last]
            start, end = w_first.core_start or w_first.start, w_last.core_end or w_last.end
            real = next((m for m in view.mentions if m.key == key), None)
            kind = real.type if real else type_ if type_ != "Any" else "Organization"
            added.append(Mention(start, end, view.full[start:end], key, kind, self.CONFIDENCE, "discourse"))
        if added:
            view.mentions = sorted([*view.mentions, *added], key=lambda m: (m.start, m.end))
        self._update(view)

    def _referent(self, type_: str, view: SentenceView, phrase) -> str | None:
        before = [m for m in view.mentions if m.end <= view.words[phrase.first].start and m.rule != "discourse"]
        if type_ == "AIModel":
            here = [m for m in before if m.type == "AIModel"]
            return here[-1].key if here else self.recent.get("AIModel")
        if type_ == "Any":
            return self.topic.get("Organization") or self.topic.get("Person")
        here = [m for m in before if m.type == type_ and self._is_topical(view, m)]
        return here[-1].key if here else self.topic.get(type_) or self.recent.get(type_)

    def _demonstrative_model(self, view: SentenceView, phrase) -> str | None:
        """이 기본 모델, 해당 추론 모델: a demonstrative, words, and a model noun stand for a model."""
        words = [view.core_text(i) for i in phrase.words()]
        if len(words) < 2 or words[0] not in self.demonstratives:
            return None
        rest = "".join(words[1:]).replace(" ", "")
        return "AIModel" if any(rest.endswith(n) for n in self.model_nouns if len(n) >= 2) else None

    def _model_of(self, view: SentenceView, phrase, core: str) -> str | None:
        """ORG의 (대형언어)모델: the last model named before whose developer, as the knowledge base
        knows it, is that organisation; nothing when none or the phrase says more than a model noun."""
        if core not in self.model_nouns or not phrase.dependents:
            return None
        owners = {m.key for d in phrase.dependents for m in view.mentions_in(d) if m.type == "Organization"}
        if not owners:
            return None
        for key in reversed(self.models):
            rec = self.kb.get(key)
            if rec is not None and rec.developer in owners:
                return key
        return None

    @staticmethod
    def _is_topical(view: SentenceView, m: Mention) -> bool:
        phrase = view.phrase_of(m)
        return phrase is not None and (phrase.role in ("topic", "subject") or phrase.topic)

    def _update(self, view: SentenceView) -> None:
        for m in view.mentions:
            self.recent[m.type] = m.key
            if m.type == "AIModel":
                self.models.append(m.key)
            if self._is_topical(view, m):
                self.topic[m.type] = m.key
        for m in view.mentions:
            if m.rule == "discourse":
                # 이 모델은 … A를 제외한 …: a referent the sentence keeps talking about stays in focus
                self.recent[m.type] = m.key


class LineKinds:
    """The kind of the line a character stands on: the first line (in sorted order) that holds it.

    A sentence used to scan the lines from the first; here one bisection finds the same line:
    the first line whose reach (its end, at least one character) passes the character is the first
    where the running maximum of the reaches does, and that line holds the character if it starts
    at or before it.
    """

    def __init__(self, kinds: list[tuple[int, int, str]]) -> None:
        self.kinds = kinds
        self.reach: list[int] = []  # running maximum of max(end, start + 1)
        for start, end, _kind in kinds:
            self.reach.append(max(end, start + 1, self.reach[-1] if self.reach else 0))

    def at(self, char: int) -> tuple[str, int]:
        index = bisect_right(self.reach, char)
        if index < len(self.kinds) and self.kinds[index][0] <= char:
            return self.kinds[index][2], index
        return "body", -1


class SentenceViews:
    """spaCy component: the doc's sentence views, on `doc._.views`."""

    def __call__(self, doc: Doc) -> Doc:
        ext = get_extraction(doc)
        doc._.views = build_views(doc, ext.mentions, doc.user_data.get("published"), doc.user_data.get("line_kinds"))
        return doc


@Language.factory("aikg_views", requires=["doc._.extraction"], assigns=["doc._.views"])
def make_sentence_views(nlp: Language, name: str) -> SentenceViews:
    return SentenceViews()
