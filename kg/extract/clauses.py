"""Korean clause structure from Kiwi morphemes: noun phrases, predicates and who does what.

Korean is head-final and marks roles with particles, so a shallow parse goes a
long way. A sentence's words (eojeol) fall into noun phrases, each with the
role of its last particle (topic 은/는, subject 이/가, object 을/를, genitive 의,
adverbial 에/로/와 …), and predicates, each with the form of its ending
(final 다, connective 고/며, quotative 다고, adnominal ㄴ/는/ㄹ) and what its
auxiliaries and modal nouns add (negation 않다, plan 예정이다, hearsay
것으로 알려졌다). Phrases attach to the nearest predicate that can take them,
right to left:

- an adnominal clause takes the subject, object and adverbials just before it
  and modifies the next phrase, its *head* ("노바랩스가 만든 루미나는": 만든 takes
  노바랩스가, its head is 루미나);
- a connective or quotative clause takes what stands before it except a topic,
  which it shares with the clauses after it ("카카오는 X를 공개했고 Y를 밝혔다");
- the final predicate takes everything left.

A genitive phrase modifies the phrase after it; phrases joined by 와/과 (JC),
commas or 및 before a particle are coordinated ("'A'와 'B'를": two objects).
The words of every form live in `kg/resources/lexicon/grammar.json`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc

from kg.extract.words import Word, doc_text

GRAMMAR_PATH = Path(__file__).resolve().parents[1] / "resources" / "lexicon" / "grammar.json"
PREDICATE_TAGS = ("VV", "VA", "VX", "VCP", "VCN", "XSV", "XSA")
NOMINAL_TAGS = ("NNG", "NNP", "NNB", "NR", "NP", "SL", "SH", "SN", "XR", "W_", "SW", "SO", "MM", "XPN", "XSN")
ENDING_TAGS = ("EC", "EF", "ETM", "ETN")


@dataclass(frozen=True)
class Grammar:
    particles: dict[str, dict[str, str]]
    quotative: tuple[str, ...]
    conditional: tuple[str, ...]
    contrast: tuple[str, ...]
    sequence: tuple[str, ...]
    future_adnominal: frozenset[str]
    future_prefinal: frozenset[str]
    past_prefinal: frozenset[str]
    negators: frozenset[str]
    negating_adverbs: frozenset[str]
    passive_suffixes: frozenset[str]
    aux_verbs: dict[str, str]
    modal_nouns: dict[str, str]
    evidential_verbs: dict[str, str]
    clause_breaks: frozenset[str]
    list_closers: frozenset[str]
    list_joiners: frozenset[str]
    demonstratives: frozenset[str]
    referring_demonstratives: frozenset[str]
    pronouns: dict[str, str]
    reported_adnominal: tuple[str, ...]
    past_adnominal: tuple[str, ...]
    example_adnominals: frozenset[str]
    modifier_adjectives: frozenset[str]
    manner_converbs: frozenset[str]
    postpositions: dict[tuple[str, str], str]  # (role of the phrase, the next word) -> the new role
    particle_strings: tuple[tuple[str, str], ...]  # particle forms -> role, longest first
    # the same, as one look-up per length, longest first: form -> its first role (`_string_particle`)
    particle_strings_by_length: tuple[tuple[int, dict[str, str]], ...] = field(init=False, repr=False,
                                                                               compare=False)

    def __post_init__(self) -> None:
        by_length: dict[int, dict[str, str]] = {}
        for form, role in self.particle_strings:
            by_length.setdefault(len(form), {}).setdefault(form, role)
        object.__setattr__(self, "particle_strings_by_length",
                           tuple(sorted(by_length.items(), key=lambda x: -x[0])))

    def particle_role(self, form: str) -> str | None:
        """The role of a particle written exactly so (를 -> object, 께서 -> subject), or None."""
        return next((roles[form] for k, roles in self.particle_strings_by_length if k == len(form) and form in roles),
                    None)


GRAMMAR_KEYS = frozenset({
    "particles", "endings", "future_prefinal", "past_prefinal", "negators", "negating_adverbs",
    "passive_suffixes", "aux_verbs", "modal_nouns", "evidential_verbs", "clause_breaks", "list_closers",
    "list_joiners", "demonstratives", "referring_demonstratives", "pronouns", "example_adnominals",
    "modifier_adjectives", "manner_converbs", "postpositions", "particle_forms",
})


@lru_cache(maxsize=1)
def load_grammar(path: Path = GRAMMAR_PATH) -> Grammar:
    data = json.loads(path.read_text(encoding="utf-8"))
    unknown = sorted(k for k in data if not k.startswith("_") and k not in GRAMMAR_KEYS)
    if unknown:
        raise ValueError(f"{path}: unknown keys {unknown} (a typo, or data no code reads)")
    try:
        endings = data["endings"]
        return Grammar(
            particles={tag: dict(forms) for tag, forms in data["particles"].items()},
            quotative=tuple(sorted(endings["quotative"], key=len, reverse=True)),
            conditional=tuple(endings["conditional"]),
            contrast=tuple(endings["contrast"]),
            sequence=tuple(endings["sequence"]),
            future_adnominal=frozenset(endings["future_adnominal"]),
            future_prefinal=frozenset(data["future_prefinal"]),
            past_prefinal=frozenset(data["past_prefinal"]),
            negators=frozenset(data["negators"]),
            negating_adverbs=frozenset(data["negating_adverbs"]),
            passive_suffixes=frozenset(data["passive_suffixes"]),
            aux_verbs=dict(data["aux_verbs"]),
            modal_nouns=dict(data["modal_nouns"]),
            evidential_verbs=dict(data["evidential_verbs"]),
            clause_breaks=frozenset(data["clause_breaks"]),
            list_closers=frozenset(data["list_closers"]),
            list_joiners=frozenset(data["list_joiners"]),
            demonstratives=frozenset(data["demonstratives"]),
            referring_demonstratives=frozenset(data["referring_demonstratives"]),
            pronouns=dict(data["pronouns"]),
            reported_adnominal=tuple(endings["reported_adnominal"]),
            past_adnominal=tuple(endings["past_adnominal"]),
            example_adnominals=frozenset(data["example_adnominals"]),
            modifier_adjectives=frozenset(data["modifier_adjectives"]),
            manner_converbs=frozenset(data["manner_converbs"]),
            postpositions={(role, word): entry["as"] for entry in data["postpositions"]
                           for role in entry["after"] for word in entry["next"]},
            particle_strings=tuple(sorted(
                {(form, role) for tag, forms in data["particles"].items() for form, role in forms.items()
                 if form != "*" and tag != "JC"} | set(data["particle_forms"].items()),
                key=lambda x: (-len(x[0]), x))),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"{path}: missing or malformed key: {exc}") from exc


# ---------------------------------------------------------------------------- morphemes of a word
def morphemes(word: Word) -> tuple[tuple[str, str], ...]:
    """(form, tag) of every Kiwi morpheme of a word, merged tokens split again (kept on the word)."""
    if word.morphemes is None:
        out: tuple[tuple[str, str], ...] = ()
        for tok in word.tokens:
            out += _token_morphemes(tok.tag_, tok.lemma_, tok.text)
        word.morphemes = out
    return word.morphemes


@lru_cache(maxsize=65536)
def _token_morphemes(tag: str, lemma: str, text: str) -> tuple[tuple[str, str], ...]:
    """(form, tag) of the morphemes merged into one token (a token's strings recur across articles)."""
    tags = tag.split("+")
    forms = lemma.split("+")
    if len(tags) != len(forms):
        forms = [text] + [""] * (len(tags) - 1)
    return tuple((form, t.split("-")[0] if t.startswith("V") else t) for form, t in zip(forms, tags, strict=True))


def _is(tag: str, prefixes: tuple[str, ...]) -> bool:
    return tag.startswith(prefixes)


# ---------------------------------------------------------------------------- structures
@dataclass(slots=True)
class Phrase:
    """A noun phrase: words first..last of the sentence; its role is its last word's particle."""

    first: int
    last: int
    role: str  # topic | subject | object | genitive | at | by | with | ... | bare | and | complement
    topic: bool = False  # a topic particle marks it too (에서는, 에게는)
    conjuncts: list[Phrase] = field(default_factory=list)  # coordinated phrases before it (A와 B를)
    governor: Phrase | None = None  # for a genitive: the phrase it modifies
    dependents: list[Phrase] = field(default_factory=list)  # genitives that modify it
    predicate: Predicate | None = None  # the predicate that takes it
    comma: bool = False  # a comma follows it
    apposed: bool = False  # its conjuncts are examples of it (A, B 등 중국 기업; A와 같은 모델)

    def words(self) -> range:
        return range(self.first, self.last + 1)

    def members(self) -> list[Phrase]:
        """The phrase and those coordinated with it, in order."""
        return [*self.conjuncts, self]


@dataclass(slots=True)
class Predicate:
    """A predicate: its head word, the words of its auxiliaries, its form and meaning flags."""

    word: int
    last: int
    lemma: str  # stem of the head verb: 공개하, 선보이, 오르; for a copula the noun (계열사)
    surface: str  # the head word's text
    form: str  # final | connective | quotative | conditional | contrast | adnominal | nominal
    phrase_lemma: str = ""  # with the bare noun before it: 미세 조정하 (미세 조정한)
    flags: set[str] = field(default_factory=set)  # negated past future plan forecast hearsay passive ...
    args: list[Phrase] = field(default_factory=list)
    shared_topic: Phrase | None = None  # a topic it shares with the clauses after it
    head: Phrase | None = None  # the phrase an adnominal clause modifies
    complement: Phrase | None = None  # the noun phrase of a copula (X는 Y이다: Y)
    governor: Predicate | None = None  # the predicate a subordinate clause belongs to
    all_predicates: list[Predicate] = field(default_factory=list, repr=False)  # of the sentence

    def slot(self, role: str) -> list[Phrase]:
        """Every phrase (coordinated ones included) in one role."""
        out: list[Phrase] = []
        for p in self.args:
            if p.role == role or (role == "topic" and p.topic):
                out.extend(p.members())
        if role == "topic" and not any(p.role == "topic" or p.topic for p in self.args) and self.shared_topic:
            out.extend(self.shared_topic.members())
        return out


@dataclass(slots=True)
class WordInfo:
    role: str | None  # the role of a particle on a nominal word, None for a bare word
    topic: bool
    nominal: bool
    predicate: Predicate | None
    comma: bool
    joiner: bool  # 및, 그리고: coordinates the phrases around it
    closer: bool  # 등: closes a list
    time: bool = False  # part of a date expression


@dataclass
class Clauses:
    words: list[Word]
    info: list[WordInfo]
    phrases: list[Phrase]
    predicates: list[Predicate]
    phrase_of_word: dict[int, Phrase]

    def phrase_at(self, word: int) -> Phrase | None:
        return self.phrase_of_word.get(word)

    def predicate_of(self, phrase: Phrase) -> Predicate | None:
        return phrase.predicate

    def unlink(self) -> None:
        """Drop the links between the phrases and predicates, which point both ways.

        Why: linked, a sentence's clauses are cyclic garbage when its doc is done, and only the
        collector frees them; unlinked, they go as soon as the last reference does.
        """
        for phrase in self.phrases:
            phrase.conjuncts, phrase.dependents, phrase.governor, phrase.predicate = [], [], None, None
        for pred in self.predicates:
            pred.args, pred.all_predicates = [], []
            pred.shared_topic = pred.head = pred.complement = pred.governor = None
        for info in self.info:
            info.predicate = None


# ---------------------------------------------------------------------------- words
def _particle_role(g: Grammar, morphs: Sequence[tuple[str, str]], start: int) -> tuple[str | None, bool]:
    """(role, topic) of the particles that end the word from morpheme `start` on; a genitive among them wins.

    Only the particles at the end count: Kiwi may read a syllable inside a name as one (사카/나/AI/는).
    """
    role = None
    topic = False
    tail_start = len(morphs)
    while tail_start > start and (morphs[tail_start - 1][1].startswith("J") or (
            morphs[tail_start - 1][1].startswith("S") and morphs[tail_start - 1][1] not in ("SL", "SH", "SN"))):
        tail_start -= 1
    for form, tag in morphs[max(start, tail_start):]:
        if not tag.startswith("J"):
            continue
        table = g.particles.get(tag)
        if table is None:
            continue
        r = table.get(form) or table.get("*")
        if r is None:
            continue
        if r == "genitive":
            return "genitive", topic
        if r == "topic":
            topic = True
            role = role or "topic"
            continue
        if role is None or role == "topic":
            role = r if role is None else role
    return role, topic


def _string_particle(g: Grammar, text: str) -> tuple[str | None, bool]:
    """The role of a particle written after a number, a symbol or a Latin name (4가, 43.2%를, GPT-5는),
    where Kiwi often mistags it."""
    for k, roles in g.particle_strings_by_length:  # longest first, as a scan of `particle_strings`
        if len(text) > k:
            role = roles.get(text[len(text) - k:])
            if role is not None and not _HANGUL_CHAR.match(text[-k - 1]):
                return ("topic", True) if role == "topic" else (role, False)
    return None, False


_HANGUL_CHAR = re.compile(r"[가-힣]")


def _analyse_word(g: Grammar, doc: Doc, word: Word) -> WordInfo:
    morphs = morphemes(word)
    comma = word.tokens[-1].text in g.clause_breaks or doc_text(doc)[word.end : word.end + 1] in g.clause_breaks
    text = word.core_text(doc) if word.core else ""
    joiner = text in g.list_joiners and len(word.tokens) == 1
    closer = text in g.list_closers
    verb = next((i for i, (_f, t) in enumerate(morphs) if _is(t, PREDICATE_TAGS)), None)
    nominal = any(_is(t, NOMINAL_TAGS) for _f, t in morphs[: verb if verb is not None else len(morphs)])
    if verb is None or (verb == 0 and morphs[0][1] == "VCP"):
        role, topic = _particle_role(g, morphs, 0)
        if role is None and morphs and morphs[-1][1] not in ("NR", "NNB", "SN"):  # 1만 is a number, not 만
            role, topic = _string_particle(g, doc_text(doc)[word.start : word.end].rstrip(",.;"))
        if role is None and closer:
            role = None
        return WordInfo(role, topic, nominal or bool(word.core), None, comma, joiner, closer)
    pred = _predicate(g, doc, word, morphs, verb)
    if pred is not None and verb == 0 and pred.form == "connective" and pred.lemma in g.manner_converbs:
        # 모델 두 개를 [잇달아] 공개했다: a verb form used as a manner adverb, no clause of its own
        return WordInfo(None, False, False, None, comma, joiner, closer)
    role = None
    topic = False
    if pred is not None and pred.form == "nominal":  # 쓰기로 (했다), 투자하기로
        role, topic = _particle_role(g, morphs, verb)
    return WordInfo(role, topic, nominal, pred, comma, joiner, closer)


def _predicate(g: Grammar, doc: Doc, word: Word, morphs: Sequence[tuple[str, str]], verb: int) -> Predicate | None:
    form_v, tag_v = morphs[verb]
    if tag_v == "VCP" or tag_v == "VCN":
        lemma = "".join(f for f, t in morphs[:verb] if not t.startswith(("S", "J")))
        flags = {"copula"} | ({"negated"} if tag_v == "VCN" else set())
    elif tag_v in ("XSV", "XSA"):
        lemma = "".join(f for f, _t in morphs[:verb]) + form_v
        flags = {"passive"} if form_v in g.passive_suffixes else set()
    else:
        lemma = form_v
        flags = set()
    ending_form = None
    for i in range(verb + 1, len(morphs)):
        form, tag = morphs[i]
        if tag == "JKQ" and ending_form is not None:  # 좋/VA 다/EF 고/JKQ: a quotation
            ending_form = ("EC", "다고")
            continue
        if tag == "EP":
            if form in g.past_prefinal:
                flags.add("past")
            if form in g.future_prefinal:
                flags.add("future")
        elif tag in ("VX", "VV") and form in g.aux_verbs:
            meaning = g.aux_verbs[form]
            if meaning != "aspect":
                flags.add(meaning)
        elif tag == "MAG" and form in g.negating_adverbs:
            flags.add("negated")
        elif tag.startswith(ENDING_TAGS):
            ending_form = (tag, form)
    for form, tag in morphs[:verb]:
        if tag == "MAG" and form in g.negating_adverbs:
            flags.add("negated")
    if ending_form is None:
        return None
    tag, form = ending_form
    return Predicate(word=-1, last=-1, lemma=lemma, surface=word.core_text(doc) or doc_text(doc)[word.start:word.end],
                     form=_form(g, tag, form, flags), flags=flags)


def _form(g: Grammar, tag: str, form: str, flags: set[str]) -> str:
    if tag == "ETM":
        if form in g.future_adnominal:
            flags.add("irrealis")
        if form.endswith(g.past_adnominal):
            flags.add("past")  # 이끌던, 맡았던
        if form.endswith(g.reported_adnominal):
            flags.add("reported")  # …다는 점, …라는 분석: the clause is what someone says
        return "adnominal"
    if tag == "ETN":
        return "nominal"
    if tag == "EF":
        return "final"
    if tag == "EC":
        if form.endswith(g.quotative):
            return "quotative"
        if form in g.conditional:
            flags.add("conditional")
            return "conditional"
        if form in g.contrast:
            return "contrast"
        return "connective"
    return "final"


# ---------------------------------------------------------------------------- the sentence
def analyse(doc: Doc, words: list[Word], times: list[tuple[int, int]] = ()) -> Clauses:
    """Phrases and predicates of one sentence, with every phrase attached to its predicate.

    `times` are the spans of date expressions: a date is a phrase of its own (2021년 2040억 개의
    파라미터를 …: 2021년 dates the clause, it does not modify the number).
    """
    g = load_grammar()
    info = [_analyse_word(g, doc, w) for w in words]
    for k, w in enumerate(words):
        if any(s < w.end and w.start < e for s, e in times) and (info[k].role is None or info[k].predicate):
            info[k].time = True
            info[k].predicate = None  # 지난 2월: 지난 is part of the date, not a verb
    _quotations(doc, words, info)
    _postpositions(g, doc, words, info)
    _merge_auxiliaries(g, doc, words, info)
    phrases, predicates, order = _chunk(words, info)
    _examples(g, order, predicates)
    _coordinate(phrases, info)
    _attach(order, g)
    _plans_by_their_head(g, words, predicates)
    phrase_of_word = {i: p for p in phrases for i in p.words()}
    return Clauses(words, info, phrases, predicates, phrase_of_word)


_QUOTED = (re.compile(r"[\"“]([^\"”]{2,}?)[\"”]"), re.compile(r"['‘]([^'’]{2,}?)['’]"))
MIN_QUOTED_WORDS = (2, 3)  # a quotation of fewer words is a name ('카나나'), not a statement


def _quotations(doc: Doc, words: list[Word], info: list[WordInfo]) -> None:
    """A quoted statement is one phrase of the outer clause: its own topics and predicates stay
    inside ("가장 큰 악몽은 … 것"이라고 말했다: 악몽은 is not the topic of 말했다)."""
    if not words:
        return
    text = doc_text(doc)
    lo, hi = words[0].start, words[-1].end
    for pattern, minimum in zip(_QUOTED, MIN_QUOTED_WORDS, strict=True):
        for m in pattern.finditer(text, lo, hi):
            inside = [k for k, w in enumerate(words) if w.start >= m.start() and w.start < m.end()]
            if len(inside) < minimum:
                continue
            first, last = inside[0], inside[-1]
            said = any(info[k].predicate is not None for k in inside[:-1]) or (
                info[last].predicate is not None and info[last].predicate.form in ("quotative", "final"))
            if not said and info[last].role != "quote":
                continue  # 'HyperCLOVA X SEED' 3종: a quoted name, not a statement
            for k in inside[:-1]:
                info[k] = WordInfo(None, False, False, None, False, False, False)
            closing = info[last]
            role = "quote" if closing.predicate is not None or closing.role in (None, "quote", "complement") else (
                closing.role)
            info[last] = WordInfo(role, closing.topic, True, None, closing.comma, False, False)
            info[first] = WordInfo(None, False, True, None, False, False, False) if first != last else info[last]


def _postpositions(g: Grammar, doc: Doc, words: list[Word], info: list[WordInfo]) -> None:
    """A phrase and the word after it that works as a postposition: X에 따르면 (source),
    X를 바탕으로 (basis), X를 통해 (via), X에 대해 (about) … The second word is absorbed."""
    text = doc_text(doc)
    for i in range(len(words) - 1):
        role = info[i].role
        if role is None and info[i].nominal and info[i].predicate is None:
            role = "bare"  # 노바랩스 역시: a bare noun before a postposition word
        if role is None:
            continue
        nxt = text[words[i + 1].start : words[i + 1].end].rstrip(",.")
        new = g.postpositions.get((role, nxt))
        if new is None:
            continue
        if new == "modifier":  # 200억 위안을 넘는 가치를: an amount that bounds the noun after it, one phrase
            first = i
            while first > 0 and i - first < 3 and info[first - 1].role is None and info[first - 1].nominal:
                first -= 1  # the phrase's words before: 200억 [위안을]
            if not any(c.isdigit() for c in text[words[first].start : words[i].end]):
                continue
            info[i].role = None
            info[i + 1] = WordInfo(None, False, False, None, False, False, False)
            continue
        info[i].role = new
        info[i].comma = info[i].comma or info[i + 1].comma
        info[i + 1] = WordInfo(None, False, False, None, False, False, False)


def _merge_auxiliaries(g: Grammar, doc: Doc, words: list[Word], info: list[WordInfo]) -> None:
    """Fold auxiliary words into the predicate before them: 공개하지 않았다, 출시할 예정이다,
    개발하고 있다, 공개할 것으로 알려졌다, 쓰기로 했다."""
    i = 0
    while i < len(words):
        pred = info[i].predicate
        if pred is None:
            i += 1
            continue
        j = i + 1
        while j < len(words) and pred.form in ("adnominal", "connective", "nominal") and not info[j - 1].comma:
            morphs = morphemes(words[j])
            if not morphs:
                break
            negating = [f for f, t in morphs if t == "MAG" and f in g.negating_adverbs]
            head = [(f, t) for f, t in morphs if not (t == "MAG" and f in g.negating_adverbs)]
            first_form, first_tag = head[0] if head else morphs[0]
            nxt = info[j].predicate
            if pred.form != "adnominal" and (first_tag == "VX" or first_tag in ("VV", "VA") and (
                    first_form in g.aux_verbs and (negating or g.aux_verbs[first_form] != "aspect"))):
                meaning = g.aux_verbs.get(first_form, "aspect")
                if meaning != "aspect":
                    pred.flags.add(meaning)
                if negating:
                    pred.flags.add("negated")  # 공개하지 못했다
                if nxt is not None:
                    pred.flags |= nxt.flags - {"copula"}
                    pred.form = nxt.form
                info[j].predicate = None
                info[j].role = None
                j += 1
                continue
            if first_tag in ("NNB", "NNG") and first_form in g.modal_nouns and pred.form == "adnominal":
                meaning = g.modal_nouns[first_form]
                carried = None
                if nxt is not None:  # 예정이다, 바 있다, 수 있다
                    carried = nxt
                elif info[j].role == "by" and j + 1 < len(words) and info[j + 1].predicate is not None:
                    carried = info[j + 1].predicate  # 것으로 알려졌다 / 것으로 보인다
                    evidential = next((v for k, v in g.evidential_verbs.items()
                                       if carried.lemma.startswith(k) or carried.surface.startswith(k)), None)
                    if evidential:
                        pred.flags.add(evidential)
                    info[j + 1].predicate = None
                    info[j].role = None
                    j += 1
                if carried is None and meaning == "aspect" and info[j].role in (None, "at"):
                    # 노바랩스가 모델을 내놓은 [뒤] 가격이 내렸다: "after …", a clause of its own
                    pred.form = "connective"
                    if "past" in pred.flags:
                        pred.flags.discard("irrealis")  # 출시했을 때: when it happened, nothing unreal
                    info[j] = WordInfo(None, False, False, None, False, False, False)
                    j += 1
                    break
                if carried is None and meaning == "plan":
                    pred.flags.add("plan")  # 투자할 [계획을] 밝혔다: the plan is the clause's, the verb stays
                    break
                if carried is None:
                    break
                if meaning not in ("evidential", "aspect") or carried.lemma in g.modal_nouns:
                    pred.flags.add(meaning)
                if carried.flags & {"negated"}:
                    pred.flags.add("negated")
                if "irrealis" in pred.flags and meaning == "evidential":
                    pred.flags.add("future")  # 할 것이다
                pred.form = carried.form
                pred.flags |= carried.flags - {"copula", "irrealis", "passive"}
                info[j].predicate = None
                info[j].role = None
                j += 1
                continue
            if pred.form == "nominal" and nxt is not None and nxt.lemma in ("하", "되") and info[i].role == "by":
                pred.flags.add("plan")  # 쓰기로 했다: a decision
                pred.form = nxt.form
                pred.flags |= nxt.flags
                info[j].predicate = None
                info[i].role = None
                j += 1
                continue
            break
        pred.word = i
        pred.last = j - 1
        if i > 0 and info[i - 1].predicate is None and info[i - 1].role is None and info[i - 1].nominal \
                and words[i - 1].core:
            pred.phrase_lemma = words[i - 1].core_text(doc) + " " + pred.lemma
        i = j


def _chunk(words: list[Word], info: list[WordInfo]) -> tuple[list[Phrase], list[Predicate], list]:
    """Noun phrases and predicates in sentence order."""
    phrases: list[Phrase] = []
    predicates: list[Predicate] = []
    order: list = []
    start = None
    for i, inf in enumerate(info):
        if inf.predicate is None and inf.role is None and not inf.nominal and not inf.joiner:
            continue  # an adverb or an interjection
        if inf.predicate is None and inf.role is None and i < len(words):
            if start is not None and info[start].time != inf.time:
                p = Phrase(start, i - 1, "time" if info[start].time else "bare")  # a date stands alone
                phrases.append(p)
                order.append(p)
                start = None
            if start is None:
                start = i
            if inf.comma or inf.closer:
                role = "list" if inf.closer else "time" if inf.time else "bare"
                p = Phrase(start, i, role, comma=inf.comma)
                phrases.append(p)
                order.append(p)
                start = None
            continue
        if inf.predicate is not None:
            pred = inf.predicate
            copula = "copula" in pred.flags
            if copula:  # the noun before the copula closes a phrase (계열사인, 모델이다)
                p = Phrase(start if start is not None else i, i, "complement", comma=inf.comma)
                phrases.append(p)
                pred.complement = p
                order.append(p)
            elif start is not None:
                p = Phrase(start, i - 1, "time" if info[start].time else "bare")
                phrases.append(p)
                order.append(p)
            start = None
            predicates.append(pred)
            order.append(pred)
            if pred.form == "nominal" and inf.role:  # 투자하기로: a phrase and a predicate at once
                continue
            continue
        if start is not None and info[start].time and not inf.time:
            p = Phrase(start, i - 1, "time")
            phrases.append(p)
            order.append(p)
            start = None
        p = Phrase(start if start is not None else i, i, inf.role or "bare", topic=inf.topic, comma=inf.comma)
        phrases.append(p)
        order.append(p)
        start = None
    if start is not None:
        p = Phrase(start, len(words) - 1, "bare")
        phrases.append(p)
        order.append(p)
    return phrases, predicates, order


def _plans_by_their_head(g: Grammar, words: list[Word], predicates: list[Predicate]) -> None:
    """2조 원을 투입하는 '노바 2030' 구상을 발표했다: a clause that describes a plan (its head noun is
    one of the modal nouns of plans: 계획, 구상 …) states what is planned, not what was done."""
    for pred in predicates:
        if pred.form != "adnominal" or pred.head is None or "plan" in pred.flags:
            continue
        nouns = [f for f, t in morphemes(words[pred.head.last]) if t.startswith("NN")]
        if nouns and g.modal_nouns.get(nouns[-1]) == "plan":
            pred.flags.add("plan")


def _examples(g: Grammar, order: list, predicates: list[Predicate]) -> None:
    """A와 같은 B, A를 비롯한 B: A names examples of B; the adnominal 같은 is no clause of its own."""
    k = 1
    while k < len(order) - 1:
        item = order[k]
        if isinstance(item, Predicate) and item.form == "adnominal" and item.lemma in g.example_adnominals \
                and isinstance(order[k - 1], Phrase) and order[k - 1].role in ("with", "and", "including") \
                and isinstance(order[k + 1], Phrase):
            order[k - 1].role = "examples"
            order.pop(k)
            predicates.remove(item)
            continue
        if isinstance(item, Phrase) and item.role == "including" and isinstance(order[k + 1], Phrase):
            item.role = "examples"
        k += 1


def _coordinate(phrases: list[Phrase], info: list[WordInfo]) -> None:
    """Fold coordinated phrases into the phrase they end with: A와 B를, A, B, C가, A 및 B는;
    and a list into the phrase it exemplifies: A, B 등 미국의 스타트업들이 (A and B are the startups)."""
    i = 0
    while i < len(phrases):
        p = phrases[i]
        if p.role in ("and", "list", "examples") or (p.role == "bare" and p.comma) or _joined(p, info):
            j = i + 1
            chain = [p]
            while j < len(phrases) and chain[-1].role not in ("list", "examples") and (
                    phrases[j].role in ("and", "list", "examples") or (phrases[j].role == "bare" and phrases[j].comma)
                    or _joined(phrases[j], info)):
                if phrases[j].first != chain[-1].last + 1:
                    break
                chain.append(phrases[j])
                j += 1
            listed = chain[-1].role in ("list", "examples")
            if chain[-1].role == "list" and j + 1 < len(phrases) and phrases[j].role == "genitive" and \
                    phrases[j].first == chain[-1].last + 1:
                j += 1  # A, B 등 [미국의] 스타트업들: the genitive modifies what the list exemplifies
            if j < len(phrases) and phrases[j].first <= chain[-1].last + 1 + (3 if listed else 0) and \
                    phrases[j].role not in ("and", "list", "examples"):
                target = phrases[j]
                target.conjuncts = chain + target.conjuncts
                target.apposed = target.apposed or listed
                for c in chain:
                    c.governor = None
                    c.role = "conjunct"
                i = j
                continue
        i += 1
    for k, p in enumerate(phrases):  # genitives modify the phrase after them
        if p.role == "genitive" and k + 1 < len(phrases) and phrases[k + 1].first == p.last + 1:
            p.governor = phrases[k + 1]
            phrases[k + 1].dependents.append(p)


def _joined(p: Phrase, info: list[WordInfo]) -> bool:
    return p.role == "bare" and info[p.last].joiner


def _attach(order: list, g: Grammar) -> None:
    """Give every phrase to its predicate, right to left from the predicate (see module doc)."""
    pending: list[Phrase] = []
    topic: Phrase | None = None
    topic_used = False  # a clause has shared the pending topic already
    previous_pred: Predicate | None = None
    for item in order:
        if isinstance(item, Phrase):
            if item.role == "genitive" and previous_pred is not None and previous_pred.form == "adnominal" \
                    and previous_pred.head is None:
                previous_pred.head = item  # 2024년 3월 나온 [클로드 3 오퍼스의] 후속작
            if item.role in ("conjunct", "genitive"):
                continue
            if item.role == "complement":
                if previous_pred is not None and previous_pred.form == "adnominal" and previous_pred.head is None \
                        and previous_pred.complement is not item:
                    previous_pred.head = item  # 박하람이 세운 [회사다]
                continue
            if (item.role == "topic" or item.topic) and topic is not None and topic in pending and topic_used:
                pending.remove(topic)  # A 주가는 올랐고 [B는 내렸다]: a new topic ends the old one's scope
                topic = None
            if previous_pred is not None and previous_pred.form == "adnominal" and previous_pred.head is None:
                previous_pred.head = item
            pending.append(item)
            continue
        pred: Predicate = item
        previous_pred = pred
        taken: list[Phrase] = []
        if pred.form == "adnominal":
            seen_roles: set[str] = set()
            modified = {id(q.head) for q in order if isinstance(q, Predicate) and q is not pred and q.head is not None}
            apposition = "copula" in pred.flags and "reported" not in pred.flags
            # 노바랩스가 [새로운] 모델을 냈다: a modifier adjective leaves the subject to the main clause
            apposition = apposition or pred.lemma in g.modifier_adjectives
            while pending and not apposition:  # 자체 AI 칩인 TPU: an apposition takes no arguments (X라는 점 does)
                p = pending[-1]
                if p.role == "topic" or p.topic or p.role in seen_roles or p.comma and taken:
                    break
                if id(p) in modified and taken:
                    break  # [H100 … 이뤄진 클러스터에서] 지난달 공개한: a phrase with its own clause is the main one's
                if p.role == "time" and any(t.role == "object" for t in taken):
                    break  # 2021년 [N개의 파라미터를 갖춘] 모델을 내놓았다: the date is the main clause's
                seen_roles.add(p.role)
                taken.append(pending.pop())
        elif pred.form in ("connective", "quotative", "contrast", "conditional", "nominal"):
            while pending:
                p = pending[-1]
                if (p.role == "topic" or p.topic) and pred.form != "conditional":
                    older = [q for q in pending[:-1] if q.role == "topic" or q.topic]
                    if older and pred.form == "quotative":
                        taken.append(pending.pop())  # 김 대표는 [A는 좋다고] 밝혔다: the inner clause's topic
                        continue
                    if older:  # A 주가는 올랐고 [B는 내렸다]: a new topic ends the scope of the old one
                        for q in older:
                            pending.remove(q)
                    topic = p
                    break
                taken.append(pending.pop())
            if topic is not None and topic in pending:
                pred.shared_topic = topic
                topic_used = pred.form != "quotative"
        else:
            taken = list(reversed(pending))
            pending = []
            topic = None
            topic_used = False
        for p in taken:
            p.predicate = pred
        pred.args = sorted(taken, key=lambda p: p.first)
        if pred.complement is not None:
            pred.complement.predicate = pred
    # a subordinate clause belongs to the next predicate that is not adnominal; an adnominal
    # clause to the predicate that takes its head
    preds = [x for x in order if isinstance(x, Predicate)]
    for pred in preds:
        pred.all_predicates = preds
    for a, pred in enumerate(preds):
        if pred.form == "adnominal" and pred.head is not None and pred.head.predicate is not None:
            pred.governor = pred.head.predicate
            continue
        if pred.form == "final":
            continue
        for later in preds[a + 1 :]:
            if later.form != "adnominal":
                pred.governor = later
                break
