"""Attributed statements: who said what about whom, read from the reporting structure of a sentence.

Readers ask the graph "who said what about whom"; a statement credited to the
wrong company is worse than none. So a speaker comes only from the grammar of
reported speech, never from whatever thing a sentence happens to name:

- a *report* is a reporting predicate with what it reports: a clause ending in
  다고/라며/…이라고 or a quoted statement before any verb (…라고 날을 세웠다,
  …다며 앱을 차단했다), a stance noun (…겠다는 계획을 밝혔다, …라는 입장이다, …라는
  것이 회사 측 설명이다), a reporting verb with an estimate or an object
  (X를 Y로 전했다, …할 것으로 전망했다, X를 비판했다), a stated plan (X는 …할
  계획이다), or a source (X에 따르면);
- its speaker is the topic or subject that stands before what is reported (or
  right before the verb: …라고 NYT가 지적했다), headed by a Person or an
  Organization (정신아 카카오 대표는 -> the person), the author of a source noun
  (X의 보고서에 따르면), or an unnamed speaker kept as text (업계 관계자); the
  possessor of an ordinary topic noun never speaks (엔비디아의 주가는 …);
- hearsay (…다고 한다), a passive (…라고 알려졌다) and the writer's own reading
  (…할 전망이다, …것으로 보인다) have no speaker of their own;
- a report without a speaker continues the voice of the paragraph (그는 …, …라는
  입장이다, …라고 덧붙였다): its last speaker, or the actor of a sentence without a
  claim (애플은 X를 공개했다. …점을 강조했다.); a new speaker (named, unnamed, or
  one we cannot name: 성 총괄도 …), the writer's voice (…할 전망이다, also closing a
  sentence: …라고 비판해 파장은 커질 전망이다) or a new paragraph ends it.
- a person named by family name and title (최 대표는, 쉬 회장은) or by 이 + title is
  the person of the article named so; a speaker phrase Kiwi cut (미스트랄 | AI CEO는)
  keeps its names.

Body lines and summary bullets hold claims (a bullet "- 노바랩스는 … 강조했음" reports
what was said as the body does); headings and captions label. The words are data
(`kg.extract.speech`); this module knows grammatical roles and flags only. Split as
spaCy's matchers are: `match` finds the claims, `set_annotations` adds them and marks
the facts of the same sentence `stated_by`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.clauses import Phrase, Predicate, load_grammar, morphemes
from kg.extract.lexicon import fold, load_cues
from kg.extract.model import Extraction, Mention, StatedClaim, get_extraction
from kg.extract.speech import SpeechLexicon, load_speech
from kg.extract.suffixes import Suffixes
from kg.extract.views import SentenceView

EXTRACTOR = "kg.extract.claims"
SPEAKER_TYPES = ("Person", "Organization")
SPEAKER_ROLES = ("topic", "subject", "also")
BETWEEN_ROLES = ("time", "at", "bare", "by", "with")  # may stand between a postposed speaker and its verb
PLAN_FACTS = ("investmentPlan",)  # facts of the vocabulary that are plans
CONTENT_FORMS = ("final", "connective", "contrast", "quotative", "nominal")  # clauses before a speaker: content
STANCE_ROLES = ("object", "with", "topic", "about")  # not a subject: …라는 분석이 나왔다, …라는 평가도 있다
VERB_TAGS = ("VV", "XSV", "VX", "VA")
RECENT = 50  # persons kept for 이 총재 / 박 대표 (antecedents are near)
HANGUL = ("\uac00", "\ud7a3")  # the syllables
CONFIDENCE = {"named": 0.75, "continued": 0.65, "unnamed": 0.6}

CLAIM_LINES = ("body", "summary")  # line kinds of kg.layout that can hold a claim


@dataclass(frozen=True)
class Speaker:
    """A thing that speaks (`key`) or an unnamed speaker kept as text, and the words that name it."""

    key: str | None
    text: str | None
    first: int = -1
    last: int = -1
    pronoun: bool = False  # named by a pronoun or 이 회사 (a discourse mention)


@dataclass
class Report:
    """A reporting construction of one sentence: where it reports, and what."""

    kind: str  # verb | hearsay | stance | noun | plan | source
    word: int  # the reporting word: its speaker stands before it
    entry: str  # the verb, noun or role that made it (for the rule name)
    lo: int  # the first word where its speaker may stand
    content: tuple[int, int]  # the words of what is reported
    continues: bool = True  # without a speaker of its own, it continues the last one
    adjacent_only: bool = False  # …only the one of the sentence just before (…라는 분석이다)
    claim_type: str | None = None
    own: list[Speaker] | None = None  # speakers the construction names itself (a source, X의 설명)
    imperative: bool = False  # what is reported is an order (…하라고 지시했다)
    predicate: Predicate | None = None


@dataclass(frozen=True)
class ClaimMatch:
    sentence: int
    speaker: Speaker
    claim_type: str
    about: tuple[str, ...]
    confidence: float
    rule: str


@dataclass
class Voice:
    """The speaker a paragraph is following."""

    speaker: Speaker
    paragraph: int
    sentence: int
    claimed: bool = True  # it spoke; else it is only the actor of the sentence before (애플은 X를 공개했다.)


@dataclass
class SentenceReports:
    reports: list[Report] = field(default_factory=list)
    writer: bool = False  # the writer's own reading (…할 전망이다, …것으로 보인다)


class ClaimExtractor:
    """spaCy component: attributed statements from the sentence views."""

    def __init__(self, lexicon: SpeechLexicon | None = None) -> None:
        self.lex = lexicon or load_speech()
        self.roles = {fold(k) for k in load_cues().person_roles}
        self.long_roles = Suffixes(r for r in self.roles if len(r) > 1)  # a role ending a longer noun
        grammar = load_grammar()
        self.pronouns = {k.replace(" ", ""): t for k, t in grammar.pronouns.items()}
        self.closers = grammar.list_closers
        self.quotative = grammar.quotative
        self.passive_aux = frozenset(k for k, m in grammar.aux_verbs.items() if m == "passive")
        self.demonstratives = grammar.demonstratives
        self.future_prefinal = grammar.future_prefinal
        self.future_adnominal = grammar.future_adnominal
        self.past_markers = frozenset(load_cues().past_role_markers)
        self._focus: dict[str, str] = {}  # class -> the thing the sentences before were about
        self._people: dict[str, list[Mention]] = {}  # family name -> the persons named so far, in order
        self._recent: list[Mention] = []  # the persons named last

    # ------------------------------------------------------------------ component
    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[ClaimMatch]:
        ext = get_extraction(doc)
        out: list[ClaimMatch] = []
        voice: Voice | None = None
        self._focus = {}
        self._people = {}
        self._recent = []
        for v in doc._.views or []:
            if v.kind not in CLAIM_LINES:
                voice = None
                continue
            if voice is not None and voice.paragraph != v.paragraph and voice.sentence != v.index - 1:
                voice = None  # a new paragraph ends it (but …라는 설명이다 right after still continues)
            found = self.reports(v)
            here = self._sentence_claims(v, ext, found.reports, voice)
            out += here
            if here and not found.writer:
                voice = Voice(here[-1].speaker, v.paragraph, v.index)
            elif found.writer:  # …라고 비판해 파장은 커질 전망이다: the writer closes the sentence
                voice = None
            else:
                actor = self._actor(v)
                if actor is not None:  # a zero-subject report next continues the actor
                    voice = Voice(actor, v.paragraph, v.index, claimed=False)
            self._update_focus(v, ext)
        return out

    def _update_focus(self, v: SentenceView, ext: Extraction) -> None:
        for m in v.mentions:
            if m.type == "Person" and m.rule != "discourse":
                for family in self._family_names(ext.things.get(m.key)):
                    self._people.setdefault(family, []).append(m)
                self._recent = [*self._recent[-(RECENT - 1):], m]
        for p in v.clauses.phrases:
            if p.role in SPEAKER_ROLES or p.topic:
                for s in self.heads(v, p):
                    thing = ext.things.get(s.key) if s.key else None
                    if thing is not None:
                        self._focus[thing.type] = thing.key

    def set_annotations(self, doc: Doc, matches: list[ClaimMatch]) -> None:
        ext = get_extraction(doc)
        views = doc._.views or []
        merged: dict[tuple, ClaimMatch] = {}
        for m in self._plans_that_are_facts(ext, views, matches):  # one claim per speaker and sentence
            key = (m.sentence, m.speaker.key, m.speaker.text)
            old = merged.get(key)
            if old is None:
                merged[key] = m
            else:
                merged[key] = replace(old, about=tuple(dict.fromkeys(old.about + m.about)),
                                      confidence=max(old.confidence, m.confidence))
        known = set(ext.claims)
        for m in merged.values():
            v = views[m.sentence]
            claim = StatedClaim(about=m.about, claim_type=m.claim_type, start=v.start, end=v.end,
                                confidence=m.confidence, rule=m.rule, speaker=m.speaker.key,
                                speaker_text=None if m.speaker.key else m.speaker.text)
            if claim not in known:
                known.add(claim)
                ext.claims.append(claim)
        self._mark_facts(ext, views, list(merged.values()))

    @staticmethod
    def _plans_that_are_facts(ext: Extraction, views: list[SentenceView], matches: list[ClaimMatch]):
        """A stated plan that the vocabulary holds as a fact of its speaker (알파벳은 750억 달러를
        쏟아부을 계획이다: an investmentPlan) is that fact, stated by the speaker, not a second claim."""
        out = []
        at: dict[int, list[int]] = {}
        for i, f in enumerate(ext.facts):
            at.setdefault(f.start, []).append(i)
        for m in matches:
            v = views[m.sentence]
            own = [i for i in at.get(v.start, ()) if m.claim_type == "plan" and m.speaker.key
                   and ext.facts[i].predicate in PLAN_FACTS and ext.facts[i].subject == m.speaker.key]
            for i in own:
                ext.facts[i] = replace(ext.facts[i], stated_by=m.speaker.key)
            if not own:
                out.append(m)
        return out

    @staticmethod
    def _mark_facts(ext: Extraction, views: list[SentenceView], matches: list[ClaimMatch]) -> None:
        """A fact stated in a claim's sentence is stated by its speaker (by the one it is about
        where a sentence has two)."""
        by_sentence: dict[int, list[ClaimMatch]] = {}  # a fact's evidence is its sentence
        for m in matches:
            if m.speaker.key:
                by_sentence.setdefault(views[m.sentence].start, []).append(m)
        for i, f in enumerate(ext.facts):
            if f.stated_by is not None or "kb-comention" in f.rule:
                continue
            here = by_sentence.get(f.start)
            if not here:
                continue
            value_key = getattr(f.value, "key", None)
            fits = [m for m in here if f.subject in m.about or value_key in m.about] if len(here) > 1 else here
            if fits and fits[0].speaker.key != f.subject:
                ext.facts[i] = replace(f, stated_by=fits[0].speaker.key)

    # ------------------------------------------------------------------ claims of one sentence
    def _sentence_claims(self, v: SentenceView, ext: Extraction, reports: list[Report],
                         voice: Voice | None) -> list[ClaimMatch]:
        out: list[tuple[Report, list[Speaker], str]] = []
        previous: list[Speaker] = []
        for r in reports:
            how = "named"
            speakers, blocked = (r.own, "") if r.own is not None else self.speakers(v, r, not out)
            if not speakers and not blocked and previous and r.kind in ("verb", "stance"):
                speakers = previous  # A는 …라고 소개하면서 …라고 털어놨다
            if not speakers and blocked != "all" and r.continues and voice is not None and (
                    voice.claimed or not blocked) and (
                    not r.adjacent_only or (voice.claimed and voice.sentence == v.index - 1)) and (
                    voice.paragraph == v.paragraph or (voice.claimed and r.kind in ("noun", "source"))):
                speakers, how = [voice.speaker], "continued"
            speakers = [self._prefer_voice(ext, s, voice) for s in speakers]
            if not speakers:
                continue
            previous = speakers
            out.append((r, speakers, how))
        out = self._one_reading_of_sources(out)
        matches = []
        for r, speakers, how in out:
            for s in speakers:
                kind = how if s.key else "unnamed"
                matches.append(ClaimMatch(v.index, s, self._claim_type(v, r), self._about(v, r, s),
                                          CONFIDENCE[kind], f"{EXTRACTOR}/{r.kind}:{r.entry}"))
        return matches

    @staticmethod
    def _one_reading_of_sources(found: list[tuple[Report, list[Speaker], str]]):
        """X에 따르면 Y는 …라고 밝혔다: Y speaks; X speaks where Y only acts or gives an order
        (…하라고 지시했다), and where the sentence has no speaker of its own."""
        sources = [f for f in found if f[0].kind == "source"]
        if not sources:
            return found
        spoken = [f for f in found if f[0].kind in ("verb", "stance", "noun") and f[2] == "named"
                  and not f[0].imperative]
        if spoken:
            return [f for f in found if f[0].kind != "source"]
        return [f for f in found if f[0].kind == "source" or (f[2] == "named" and not f[0].imperative)]

    @staticmethod
    def _prefer_voice(ext: Extraction, s: Speaker, voice: Voice | None) -> Speaker:
        """그는 after a person who spoke is that person (이 회사는 is the company in focus, which may not
        be the last speaker: a news agency that reported on it)."""
        if not s.pronoun or voice is None or voice.speaker.key is None or s.key is None:
            return s
        mine, theirs = ext.things.get(s.key), ext.things.get(voice.speaker.key)
        if mine is not None and theirs is not None and mine.type == theirs.type == "Person":
            return replace(voice.speaker, first=s.first, last=s.last)
        return s

    def _actor(self, v: SentenceView) -> Speaker | None:
        """The Person or Organization a sentence without a claim is about (its topic or subject): it
        replaces the voice, as the subject a zero-subject sentence next takes."""
        for p in v.clauses.phrases:
            if (p.role in SPEAKER_ROLES or p.topic) and p.predicate is not None and p.predicate.form != "adnominal":
                found = [s for s in self.heads(v, p) if s.key and not s.pronoun]
                if found:
                    return found[0]
        return None

    # ------------------------------------------------------------------ reports
    def reports(self, v: SentenceView) -> SentenceReports:
        """The reporting constructions of a sentence, in order."""
        found = SentenceReports()
        heads = {p.word for p in v.clauses.predicates}
        folded = {i for p in v.clauses.predicates for i in range(p.word + 1, p.last + 1)}  # …한 것으로 보도했다
        items: list[tuple[int, Predicate | None, str]] = [(p.word, p, p.lemma) for p in v.clauses.predicates]
        for i in range(len(v.words)):  # reporting verbs the clause analysis folded into another word
            if i not in heads:
                lemma = self._verb_lemma(v, i)
                if lemma is not None:
                    items.append((i, None, lemma))
        items.sort(key=lambda x: x[0])
        lo, pending, imperative = 0, False, False
        last_final: Predicate | None = None
        for word, pred, lemma in items:
            if pred is None:
                verb = self.lex.verb(lemma)
                if verb is not None and (pending or "estimate" in verb.frames or word in folded):
                    found.reports.append(Report("verb", word, lemma, lo, (lo, word - 1), claim_type=verb.claim_type,
                                                imperative=imperative))
                    lo, pending, imperative = word + 1, False, False
                continue
            if pred.form == "final":
                last_final = pred
            if pred.form == "quotative" or (pred.form in ("connective", "contrast") and self._contracted(v, pred)):
                pending = True
                imperative = imperative or self._imperative(v, pred)
                continue
            if any(a.role == "quote" for a in pred.args):
                pending = True
            if pending and (pred.form != "adnominal" or self.lex.verb(pred.lemma)):
                r = self._quoted(pred, lo, imperative)
                if r is not None:
                    found.reports.append(r)
                    lo = pred.last + 1
                pending, imperative = False, False  # …했다고 선언하면: the clause was the condition's
                continue
            if pred.form in ("adnominal", "quotative", "conditional"):
                continue
            r = self._copula(v, pred, lo) or self._stance(v, pred, lo) or self._frame(v, pred, lo) or \
                self._plan(v, pred, lo)
            if r is not None:
                found.reports.append(r)
                lo = pred.last + 1
        found.reports += self._sources(v)
        found.reports.sort(key=lambda r: r.word)
        found.writer = self._writer(last_final, found.reports)
        return found

    def _quoted(self, pred: Predicate, lo: int, imperative: bool) -> Report | None:
        """The predicate a …다고 clause or a quotation reports to."""
        if pred.form == "conditional":
            return None  # …다고 하면
        if pred.lemma in self.lex.not_reporting or "passive" in pred.flags:
            return Report("hearsay", pred.word, pred.lemma, lo, (lo, pred.word - 1), continues=False)
        if pred.lemma in self.lex.hearsay:
            flag = self.lex.hearsay[pred.lemma]
            if not flag or flag not in pred.flags:
                if pred.form != "final":
                    return None  # …다고 해서, …라고 하는: no report at all
                return Report("hearsay", pred.word, pred.lemma, lo, (lo, pred.word - 1))
        verb = self.lex.verb(pred.lemma)
        return Report("verb", pred.word, pred.lemma, lo, (lo, pred.word - 1), imperative=imperative,
                      claim_type=verb.claim_type if verb else None, predicate=pred)

    def _copula(self, v: SentenceView, pred: Predicate, lo: int) -> Report | None:
        """…라는 입장이다, …라는 것이 X의 설명이다, …다는 것입니다, …라는 분석이다."""
        if pred.form == "final" and {"reported", "evidential"} <= pred.flags and not pred.flags & {
                "copula", "forecast", "plan"}:
            # …다는 것이다 (folded into its clause): an explanation, in the voice of the paragraph
            # or of the one who said what its topic names (차이 회장이 강조하는 지점은 …)
            own = [s for p in pred.slot("topic") for s in self._reporter_of(v, p)]
            return Report("noun", pred.word, "explanation", pred.word, (lo, pred.word - 1), own=own or None)
        if "copula" not in pred.flags or pred.complement is None:
            return None
        noun = self.lex.stance_nouns.get(pred.lemma)
        if noun is None:
            return None
        subjects = [p for p in pred.args if p.role == "subject"]
        if not any(self._reported_head(v, p) for p in [pred.complement, *subjects]):
            return None
        own = [s for d in pred.complement.dependents for s in self.heads(v, d)]
        if not own and pred.complement.last > pred.complement.first:
            own = self.span_heads(v, pred.complement.first, pred.complement.last - 1, loose=True)
            own = own or self._pronoun(v, pred.complement.first, pred.complement.last - 1)
        first = min([pred.complement.first, *(p.first for p in subjects)])
        r = Report("noun", pred.word, noun.noun, lo, (lo, first - 1 if own else pred.word - 1),
                   claim_type=noun.claim_type, own=own or None, adjacent_only=noun.copula == "writer")
        if not own and noun.copula != "speaker":
            r.lo = pred.word  # its topic is what is talked about, not who talks
        return r

    def _stance(self, v: SentenceView, pred: Predicate, lo: int) -> Report | None:
        """…겠다는 계획을 밝혔다, …다는 점을 강조했다, …라는 우려는 거두지 않았다."""
        if "copula" in pred.flags or "passive" in pred.flags:
            return None
        for p in reversed([p for p in v.clauses.phrases if lo <= p.first and p.last < pred.word]):
            if p.role not in STANCE_ROLES and not p.topic and not (
                    p.role in ("also", "by") and self.lex.verb(pred.lemma)):
                continue  # …라는 평가도 있다 is nobody's; …다는 점도 강조했다, …한 것으로 보도했다 are
            noun = self.lex.stance_nouns.get(v.core_text(p.last))
            if noun is None or not self._reported_head(v, p, irrealis=True, any_clause=p.role == "by"):
                continue
            if not noun.strong and self.lex.verb(pred.lemma) is None:
                continue
            return Report("stance", pred.word, noun.noun, lo, (lo, p.last), claim_type=noun.claim_type,
                          predicate=pred)
        return None

    def _frame(self, v: SentenceView, pred: Predicate, lo: int) -> Report | None:
        """X를 Y로 전했다 (estimate), X를 비판했다 (object)."""
        verb = self.lex.verb(pred.lemma)
        if verb is None or "copula" in pred.flags or "passive" in pred.flags:
            return None
        roles = {p.role for p in pred.args}
        estimate = "object" in roles and any(q.role == "by" and lo <= q.first and q.last < pred.word
                                             for q in v.clauses.phrases)
        if ("estimate" in verb.frames and estimate) or ("object" in verb.frames and "object" in roles):
            return Report("verb", pred.word, pred.lemma, lo, (lo, pred.word - 1), claim_type=verb.claim_type,
                          predicate=pred)
        return None

    def _plan(self, v: SentenceView, pred: Predicate, lo: int) -> Report | None:
        """X는 내년 …에 진출할 계획이다: a stated plan of its topic. A decision (…하기로 했다) is an
        event the writer reports, not a statement."""
        if "plan" not in pred.flags or pred.flags & {"hearsay", "copula"} or pred.form not in ("final", "connective"):
            return None
        if any(tag == "ETN" for _f, tag in morphemes(v.words[pred.word])):
            return None
        r = Report("plan", pred.word, "plan", pred.word, (lo, pred.word - 1), claim_type="plan", predicate=pred)
        slots = [p for role in SPEAKER_ROLES for p in pred.slot(role)]
        if slots:  # the planner is the clause's own topic or subject, or nobody
            r.own = [s for p in slots for s in self.heads(v, p)]
            r.continues = False
        return r

    def _sources(self, v: SentenceView) -> list[Report]:
        """X에 따르면: X speaks for what follows; an author-less 보고서에 따르면 continues the voice."""
        out = []
        for p in v.clauses.phrases:
            if p.role != "source":
                continue
            own = [s for m in p.members() for s in self.heads(v, m, source=True)]
            r = Report("source", p.last, "source", p.first, (p.last + 1, len(v.words) - 1), own=own or None)
            if not own:
                core = v.core_text(p.last)
                r.continues = any(core.endswith(n) for n in self.lex.source_nouns)
                r.lo = p.last + 1
                r.own = []
            out.append(r)
        return out

    def _writer(self, last: Predicate | None, reports: list[Report]) -> bool:
        if last is None or any(r.word >= last.word and r.kind != "hearsay" for r in reports):
            return False
        return bool(last.flags & {"forecast", "hearsay"}) or last.lemma in self.lex.not_reporting

    def _reported_head(self, v: SentenceView, phrase: Phrase, irrealis: bool = False,
                       any_clause: bool = False) -> bool:
        """An adnominal clause of what someone says modifies the phrase (…다는 점, …할 계획, and
        for …한 것으로 any clause)."""
        return any(q.head is phrase and (any_clause or "reported" in q.flags or (irrealis and "irrealis" in q.flags))
                   for q in v.clauses.predicates if q.form == "adnominal")

    def _verb_lemma(self, v: SentenceView, i: int) -> str | None:
        """A reporting verb inside a word that is no predicate of its own (…할 것으로 전망했다)."""
        morphs = morphemes(v.words[i])
        for k, (form, tag) in enumerate(morphs):
            if tag == "XSV":
                lemma = "".join(f for f, t in morphs[:k] if t.startswith("N")) + form
            elif tag == "VV":
                lemma = form
            else:
                continue
            rest = morphs[k + 1:]
            if any(t == "VX" and f in self.passive_aux for f, t in rest):
                return None  # 전해졌다: a passive, nobody speaks
            if self.lex.verb(lemma) and any(t in ("EC", "EF") for _f, t in rest):
                return lemma
            return None
        return None

    def _contracted(self, v: SentenceView, pred: Predicate) -> bool:
        """…내놓는다며: Kiwi reads the contraction as …는다고 하며, a quotative ending inside the word."""
        morphs = morphemes(v.words[pred.word])
        return any(t == "EC" and f.endswith(self.quotative) for f, t in morphs[:-1])

    def _imperative(self, v: SentenceView, pred: Predicate) -> bool:
        morphs = morphemes(v.words[pred.word])
        for k in range(1, len(morphs)):
            form, tag = morphs[k]
            if tag == "EC" and form in self.lex.imperative_endings and morphs[k - 1][1] in VERB_TAGS:
                return True
        return False

    # ------------------------------------------------------------------ speakers
    def speakers(self, v: SentenceView, r: Report, first: bool = True) -> tuple[list[Speaker], str]:
        """Who speaks a report: the topic (or subject) before what it reports, or the one right before
        its verb (…라고 NYT가 지적했다). The second report of a sentence takes no subject: a subject
        after the first one is what is said (그는 …라고 말하며, [딥시크가] …한다고 평가했다).

        `blocked`: "all" when a phrase stands where the speaker would but names nobody known (an
        unknown regulator's name, 마틴 콘도): the voice of the paragraph must not take its place;
        "actor" when a topic names no thing (데이터보호감독관은, 서버 모델은): a voice that spoke may
        go on, the mere actor of the sentence before may not.
        """
        if r.kind == "hearsay":
            return self._source_topic(v, r), ""
        window = [p for p in v.clauses.phrases if r.lo <= p.first and p.last < r.word and p.role != "source"]
        content = sorted(q.word for q in v.clauses.predicates if r.lo <= q.word < r.word and (
            q.form in CONTENT_FORMS or self._links(v, q)))
        topics: list[list[Speaker]] = []
        subjects: list[list[Speaker]] = []
        silent = False  # a topic that names nobody: what follows is said about it, or by someone unknown
        quiet = False
        for p in window:
            before = [w for w in content if w < p.first and not self._in_relative(v, w, p)]
            if self._links(v, p) or (p.role in ("subject", "topic") and p.predicate is not None
                                     and p.predicate.form == "adnominal" and p.predicate is not r.predicate
                                     and "passive" not in p.predicate.flags):
                continue  # the subject of a relative clause (노바랩스가 만든 …)
            spans = self._candidate_spans(v, p)
            if not before and not spans and any(m.type == "Person" and m.rule != "discourse"
                                                for m in v.mentions_in(p)):
                silent = True  # a person stands where the speaker would, in a phrase we cannot read
            for lo, hi, rank in spans:
                whole = (lo, hi) == (p.first, p.last)
                heads = self.heads(v, p) if whole else self.span_heads(v, lo, hi, phrase=p)
                if not heads and whole and rank == "topic":
                    heads = self._reporter_of(v, p) or self._titled_unknown(v, p)
                if not heads:
                    named = self._names_someone(v, lo, hi)
                    if not before and (not whole or p.role in ("topic", "also")):
                        silent = silent or named
                        quiet = quiet or p.role == "topic"
                    continue
                if before and self._postposed(v, p, r):
                    return heads, ""  # …라고 NYT가 21일 지적했다, …라고 NYT는 전했다
                if rank == "subject" and (silent or not first):
                    continue
                if before:
                    preds = [q for q in v.clauses.predicates if q.word in before]
                    if rank == "topic" and not (topics or subjects or silent or quiet) and all(
                            q.form in ("connective", "contrast") and not any(
                                a.role in ("subject", "topic", "object") for a in q.args) for q in preds):
                        pass  # 이에 앞서 [SAMR은] …: an adverbial clause, not what is said
                    elif rank != "topic" or preds[-1].form not in ("connective", "contrast") or not self._comma(
                            v, preds[-1]):
                        continue
                    else:
                        topics, subjects, silent = [], [], False  # A는 X를 공개했고, [B는 …라고 말했다]
                (topics if rank == "topic" else subjects).append(heads)
        if topics:
            return topics[-1], ""  # the topic nearest to what is said (지푸AI는 …회사로, 장펑 CEO는 …)
        if subjects:
            return subjects[0], ""
        return [], "all" if silent else "actor" if quiet else ""

    @staticmethod
    def _names_someone(v: SentenceView, first: int, last: int) -> bool:
        """A name nobody recognised (국가시장감독관리총국은, 마틴 콘도): not a model or a chip, which
        is what is talked about (서버 모델은 …라고 설명했다)."""
        for i in range(first, last + 1):
            w = v.words[i]
            if any(m.type in ("AIModel", "Hardware", "Leaderboard", "Policy") and m.start < w.end and m.end > w.start
                   for m in v.mentions):
                continue
            if any(tag in ("NNP", "SL") for _f, tag in morphemes(w)):
                return True
        return False

    def _titled_unknown(self, v: SentenceView, p: Phrase) -> list[Speaker]:
        """…제품 책임자인 툴시 도시는: a name with a title in a relative clause is a person, unnamed
        when we do not know it."""
        for q in v.clauses.predicates:
            if q.form == "adnominal" and q.head is p and "copula" in q.flags and q.complement is not None \
                    and self._role_noun(v.core_text(q.complement.last)):
                text = " ".join(v.core_text(i) or v.word_text(i) for i in p.words()).strip()
                return [Speaker(None, text, p.first, p.last)]
        return []

    def _reporter_of(self, v: SentenceView, p: Phrase) -> list[Speaker]:
        """X가 강조하는 지점은 …: the speaker of a reporting verb that modifies the phrase."""
        return [s for q in v.clauses.predicates if q.form == "adnominal" and q.head is p and self.lex.verb(q.lemma)
                for a in q.args if a.role in ("subject", "topic") for s in self.heads(v, a)]

    def _source_topic(self, v: SentenceView, r: Report) -> list[Speaker]:
        """In hearsay only a source speaks: X의 이 기사는 …라고 합니다."""
        for p in v.clauses.phrases:
            if r.lo <= p.first and p.last < r.word and (p.role in SPEAKER_ROLES or p.topic):
                if any(v.core_text(p.last).endswith(n) for n in self.lex.source_nouns):
                    return self.heads(v, p, source=True)
        return []

    def _candidate_spans(self, v: SentenceView, p: Phrase) -> list[tuple[int, int, str]]:
        """Where a speaker may stand in a phrase: the phrase (as a topic or subject), or the words
        before 역시 / 또한 (메타 역시 …를 강조했다)."""
        out = []
        for i in p.words():
            if v.core_text(i) in self.lex.also_words and i > p.first:
                out.append((p.first, i - 1, "topic"))
        nxt = p.last + 1
        if nxt < len(v.words) and v.core_text(nxt) in self.lex.also_words and v.clauses.phrase_at(nxt) is None:
            out.append((p.first, p.last, "topic"))
        if p.role in SPEAKER_ROLES or p.topic:
            out.append((p.first, p.last, "subject" if p.role == "subject" else "topic"))
        return out[:1]

    @staticmethod
    def _in_relative(v: SentenceView, word: int, p: Phrase) -> bool:
        """인플렉션 AI를 이끌다 지난해 MS에 합류한 [술레이만 CEO는]: a connective clause that leads into a
        relative clause on the phrase is part of it, not of what is said."""
        rel = [a for a in v.clauses.predicates if a.form == "adnominal" and a.head is p and a.word > word]
        if not rel:
            return False
        between = [q for q in v.clauses.predicates if word <= q.word < rel[0].word]
        return all(q.form in ("connective", "adnominal") for q in between)

    def _postposed(self, v: SentenceView, p: Phrase, r: Report) -> bool:
        between = [q for q in v.clauses.phrases if p.last < q.first and q.last < r.word]
        preds = [q for q in v.clauses.predicates if p.last < q.word < r.word]
        return not preds and all(q.role in BETWEEN_ROLES for q in between)

    def _links(self, v: SentenceView, x: Phrase | Predicate) -> bool:
        """An adnominal clause before 반면 / 가운데 is a clause of what is said (…늘어난 반면 B는 …)."""
        if isinstance(x, Predicate):
            return x.form == "adnominal" and x.head is not None and self._links(v, x.head)
        return v.core_text(x.first) in self.lex.linking_nouns and any(
            q.head is x for q in v.clauses.predicates if q.form == "adnominal")

    @staticmethod
    def _comma(v: SentenceView, pred: Predicate) -> bool:
        return v.clauses.info[pred.last].comma

    def heads(self, v: SentenceView, p: Phrase, source: bool = False) -> list[Speaker]:
        """The speakers a phrase and those coordinated with it name; named ones before unnamed ones
        (블룸버그 통신 등 외신에 따르면: Bloomberg)."""
        out = []
        for m in p.members():
            last = m.last
            if last > m.first and v.core_text(last) in self.closers:
                last -= 1  # A, B 등
            out += self.span_heads(v, m.first, last, phrase=m, source=source)
        named = [s for s in out if s.key]
        return named or out

    def span_heads(self, v: SentenceView, first: int, last: int, phrase: Phrase | None = None,
                   source: bool = False, loose: bool = False) -> list[Speaker]:
        """The speakers that words first..last name: a Person or Organization heading them, the
        person before a role noun (정신아 카카오 대표는), the organisation of a bare role (알리바바
        CEO), the author of a source noun (X의 보고서), or an unnamed speaker (업계 관계자)."""
        first = self._name_start(v, first)
        while first < last and (self._adverb(v, first) or self._list_marker(v, first)
                                or v.core_text(first) in self.lex.linking_nouns):
            first += 1  # 하지만 백 대표는, 다만 회사는, 반면 가람테크 측은, - 한 대표는
        mentions = [m for m in v.mentions if m.type in SPEAKER_TYPES and first <= _index(v.word_of(m)) <= last]
        core = v.core_text(last)
        role = self._role_noun(core)
        people = [m for m in mentions if m.type == "Person"]
        if role and people:
            return [self._speaker(people[-1], first, last)]
        if role:
            known = self._named_before(v, first, last)
            if known is not None:
                return [Speaker(known, None, first, last)]
        if any(core.endswith(u) for u in self.lex.org_units):  # 텐센트 훈위안 팀은, 텐센트 측은
            orgs = [m for m in mentions if m.type == "Organization" and v.word_of(m) == first]
            if orgs:
                return [self._speaker(orgs[0], first, last)]
        unnamed = self.lex.unnamed(core)
        if unnamed is not None and not any(v.word_of(m) == last for m in mentions):
            text = " ".join(v.core_text(i) or v.word_text(i) for i in range(first, last + 1)).strip()
            return [Speaker(None, text, first, last)]
        if any(core.endswith(n) for n in self.lex.source_nouns) and (source or phrase is not None):
            authors = [self._speaker(m, first, last) for m in mentions if v.word_of(m) != last]
            if phrase is not None:
                authors += [s for d in phrase.dependents for s in self.span_heads(v, d.first, d.last)]
                authors += [s for q in v.clauses.predicates if q.form == "adnominal" and q.head is phrase
                            for a in q.args if a.role in ("subject", "topic") for s in self.heads(v, a)]
            return authors[-1:]
        if role:  # 알리바바 CEO 또한: the organisation; 성 총괄도 (nobody we know): unnamed
            orgs = [m for m in mentions if m.type == "Organization" and v.word_of(m) == first]
            if orgs and not self._unknown_name_before(v, first):
                return [self._speaker(orgs[0], first, last)]
            text = " ".join(v.core_text(i) or v.word_text(i) for i in range(first, last + 1)).strip()
            return [Speaker(None, text, first, last)]
        at_last = [m for m in mentions if v.word_of(m) == last]
        if loose and not at_last:
            at_last = mentions[-1:]
        if not at_last and people and not v.words[last].paren:
            at_last = people[-1:]  # 정석근 SK텔레콤 AI CIC장은: a title we do not list
        if not mentions:
            return self._pronoun(v, first, last)
        return [self._speaker(m, first, last) for m in at_last[-1:]]

    @staticmethod
    def _list_marker(v: SentenceView, i: int) -> bool:
        """- 한 대표는, • 오 교수는, 1. 업계 관계자는: a word of symbols only (a list's bullet or number,
        Kiwi's SO, SW, SB …; not Latin, Hanja or digits) is no part of who speaks."""
        morphs = morphemes(v.words[i])
        return bool(morphs) and all(t.startswith("S") and t not in ("SL", "SH", "SN") for _f, t in morphs)

    @staticmethod
    def _adverb(v: SentenceView, i: int) -> bool:
        morphs = morphemes(v.words[i])
        return bool(morphs) and all(t in ("MAJ", "MAG", "SP", "SS") for _f, t in morphs)

    def _name_start(self, v: SentenceView, first: int) -> int:
        """Where the names of a speaker phrase begin: the clause analysis may cut a name that Kiwi
        read as a verb (아르튀르 멘슈 미스트랄 | AI CEO는); bare name words before it belong to it."""
        while first > 0:
            prev = first - 1
            named = [m for m in v.mentions if m.type in ("Person", "Organization", "Country")
                     and m.start < v.words[prev].end and m.end > v.words[prev].start]
            overlapping = [m for m in v.mentions if m.start < v.words[first].start < m.end]
            if overlapping or (named and not v.words[prev].has_tail()):
                first = prev
                continue
            break
        return first

    def _unknown_name_before(self, v: SentenceView, first: int) -> bool:
        """토마 레니에 집행위원회 대변인은: a name nobody recognised stands before ORG ROLE."""
        if first == 0:
            return False
        prev = v.words[first - 1]
        if any(prev.start <= m.start < prev.end for m in v.mentions) or v.clauses.info[first - 1].comma:
            return False
        morphs = morphemes(prev)
        # a bare name, or a name Kiwi read as a verb (매트 가먼 -> 매/가/먼): no particle, no adnominal ending
        return bool(morphs) and (morphs[-1][1] in ("NNG", "EC") or any(t in ("NNP", "SL") for _f, t in morphs))

    def _named_before(self, v: SentenceView, first: int, last: int) -> str | None:
        """최 대표는, 쉬 회장은, 유 전 대표는: the person of the article with that family name;
        이 총재는: the person last named with that role."""
        words = [v.core_text(i) for i in range(first, last) if not self._adverb(v, i)]
        words = [w for w in words if w not in self.past_markers]
        if len(words) != 1:
            return None
        family, role = words[0], fold(v.core_text(last))
        if family in self.demonstratives:
            titled = [m for m in self._recent if self._titled(v, m, role)]
            return titled[-1].key if titled else None
        found = self._people.get(family, [])[-RECENT:]
        titled = [m for m in found if self._titled(v, m, role)]
        return (titled or found)[-1].key if found else None  # the one named last (with that title)

    @staticmethod
    def _titled(v: SentenceView, m: Mention, role: str) -> bool:
        after = v.full[m.end : m.end + 40].split()
        return any(fold(w).startswith(role) for w in after[:3])

    @staticmethod
    def _family_names(thing) -> set[str]:
        """The family name a later mention may use: the first syllable of a one-word Hangul name
        (최수연, 뤄푸리), the first and the last word of a longer one (에릭 쉬, 미야카와 준이치)."""
        if thing is None:
            return set()
        out = set()
        for name in [thing.name, *thing.labels]:
            parts = name.split()
            if len(parts) == 1 and 2 <= len(name) <= 4 and all(HANGUL[0] <= c <= HANGUL[1] for c in name):
                out.add(name[0])
            elif len(parts) > 1:
                out |= {parts[0], parts[-1]}
        return out

    def _pronoun(self, v: SentenceView, first: int, last: int) -> list[Speaker]:
        """회사 측 (설명이다): the organisation the sentences before were about."""
        words = "".join(v.core_text(i) for i in range(first, last + 1)).replace(" ", "")
        key = self._focus.get(self.pronouns.get(words, ""))
        return [Speaker(key, None, first, last, pronoun=True)] if key else []

    def _role_noun(self, core: str) -> bool:
        folded = fold(core)
        return folded in self.roles or self.long_roles.any(folded)

    @staticmethod
    def _speaker(m: Mention, first: int, last: int) -> Speaker:
        return Speaker(m.key, None, first, last, pronoun=m.rule == "discourse")

    # ------------------------------------------------------------------ what is said
    def _content(self, r: Report, s: Speaker) -> tuple[int, int]:
        a, b = r.content
        if s.first >= 0 and a <= s.first <= b:
            if s.last < b and (s.first - a) <= (b - s.last):
                return s.last + 1, b
            return a, s.first - 1
        return a, b

    def _about(self, v: SentenceView, r: Report, s: Speaker) -> tuple[str, ...]:
        """The things named in what is said, not the speaker nor where it was said."""
        a, b = self._content(r, s)
        if b < a:
            return ()
        lo, hi = v.words[a].start, v.words[b].end
        venue = [p for p in v.clauses.phrases if p.role == "at" and r.predicate is not None
                 and p.predicate is r.predicate]
        out = []
        for m in v.mentions:
            if not (lo <= m.start and m.end <= hi) or m.key == s.key:
                continue
            i = v.word_of(m)
            if any(p.first <= _index(i) <= p.last for p in venue):
                continue
            out.append(m.key)
        return tuple(dict.fromkeys(out))

    def _quote_flags(self, v: SentenceView, p: Phrase) -> set[str]:
        morphs = [m for i in p.words() for m in morphemes(v.words[i])]
        flags = set()
        if any(t == "EP" and f in self.future_prefinal for f, t in morphs):
            flags.add("future")
        if any(t == "ETM" and f in self.future_adnominal and k + 1 < len(morphs) and morphs[k + 1][1] == "NNB"
               for k, (f, t) in enumerate(morphs)):
            flags |= {"irrealis", "evidential"}  # …될 것
        return flags

    def _claim_type(self, v: SentenceView, r: Report) -> str:
        a, b = r.content
        preds = [q for q in v.clauses.predicates if a <= q.word <= b and q.form != "adnominal"]
        said = preds[-1] if preds else r.predicate
        flags = set(said.flags) if said is not None else set()
        quotes = [p for p in v.clauses.phrases if p.role == "quote" and a <= p.first and p.last <= b
                  and (said is None or p.first > said.word or said is r.predicate)]
        if quotes:  # "…진출하겠다"고 말했다: the quotation is one phrase; its words say what it is
            flags = self._quote_flags(v, quotes[-1])
        if r.predicate is not None and r.predicate is not said:
            flags |= r.predicate.flags & {"plan"}
        if r.claim_type == "plan" or "plan" in flags or ("future" in flags and not flags & {"irrealis", "evidential"}):
            return "plan"
        if r.claim_type == "forecast" or "forecast" in flags or {"irrealis", "evidential"} <= flags:
            return "forecast"
        text = v.full[v.words[a].start : v.words[b].end] if b >= a else ""
        lemmas = [q.lemma for q in v.clauses.predicates if a <= q.word <= b]
        if any(c in text or any(lemma.startswith(c) for lemma in lemmas) for c in self.lex.comparison_cues):
            return "comparison"
        return r.claim_type or "assessment"


def _index(i: int | None) -> int:
    return -1 if i is None else i


@Language.factory("aikg_claims", requires=["doc._.views"], assigns=["doc._.extraction"])
def make_claim_extractor(nlp: Language, name: str) -> ClaimExtractor:
    return ClaimExtractor()
