"""One matcher for every relation pattern: find matches, then set them as facts.

Split as spaCy's matchers are: `match(doc)` reads the sentence views and the
pattern table (`kg.extract.patterns`) and returns `RelationMatch`es, nothing
more; `set_annotations(doc, matches)` checks each against the ontology's domain
and range, keeps the best reading where two patterns claim the same value, and
adds the facts to `doc._.extraction`. The matcher knows no Korean words: every
trigger, cue and slot comes from the patterns; only the general machinery is
here (slots of a predicate, heads of phrases, units of a sequence, the thing in
focus).

Slots of a clause pattern (`from`): a grammatical role of the predicate's
phrases (`topic` — shared topics included —, `subject`, `object`, `at`, `by`,
`with`, `source`, `basis`, …), `head` (what an adnominal clause modifies),
`complement` (the noun of a copula), `any` (every phrase of the clause),
`genitive:S` (the genitive modifiers of the phrases in S), `governor:S` (slot S
of the clause the predicate's clause belongs to), `focus` (the thing of the
right class in focus from the sentences before) and `context` (the topic of the
previous sentence, for a clause with neither topic nor subject). Phrase
patterns relate a phrase's head (`self`) to its genitive modifiers
(`genitive`), its own words before the head (`self`) or its parenthesis
(`paren`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.clauses import Phrase, Predicate
from kg.extract.lexicon import fold, load_cues
from kg.extract.model import (
    DateValue,
    EntityValue,
    Extraction,
    Fact,
    Mention,
    MoneyValue,
    NumberValue,
    RankingValue,
    Value,
    get_extraction,
)
from kg.extract.pattern_index import Gates, SentenceInventory, TriggerIndex, has_phrase_in, plain_roles
from kg.extract.patterns import Item, Pattern, PatternTable, Spec, load_patterns
from kg.extract.units import Unit, build_units
from kg.extract.views import SentenceView
from kg.graph.schema import ENTITY, fact_properties
from kg.kb import load_kb
from kg.normalize.dates import DateMention
from kg.normalize.numbers import Quantity


@dataclass(frozen=True)
class RelationMatch:
    pattern: Pattern
    sentence: int  # index of the sentence view
    subject: str  # key of the subject thing
    value: Value
    value_span: tuple[int, int] | None = None  # where a value stands (one value, one owner)
    role: str | None = None
    qualifier: str | None = None
    date_text: str | None = None
    confidence: float = 0.8


@dataclass(slots=True)
class Candidate:
    """A thing or a value found for a pattern's subject or object."""

    key: str | None = None  # thing key
    value: Quantity | DateMention | None = None
    phrase: Phrase | None = None
    discounted: float = 1.0  # focus and context readings count for less


@dataclass
class Context:
    """What the sentences before leave: the things in focus, by class."""

    topic: dict[str, str] = field(default_factory=dict)  # class -> key of the last topic/subject
    recent: dict[str, str] = field(default_factory=dict)  # class -> key of the last mention
    previous_topic: list[str] = field(default_factory=list)  # keys of the previous sentence's topic
    employer: dict[str, str] = field(default_factory=dict)  # person -> organisation, from worksFor so far
    seen: dict[str, int] = field(default_factory=dict)  # thing -> the last sentence that introduced it
    topic_at: dict[str, int] = field(default_factory=dict)  # class -> the sentence of its last topic
    makers: dict[str, set[str]] = field(default_factory=dict)  # model -> organisations, from developedBy so far
    following: list[SentenceView] = field(default_factory=list)  # the next sentences of the paragraph
    first_at: dict[str, int] = field(default_factory=dict)  # thing -> where the article first names it
    sources: frozenset[str] = frozenset()  # things that report (로이터, 가트너): never the actor of the next sentence
    salience: dict[str, float] = field(default_factory=dict)  # organisation -> its topic sentences, decayed


FOCUS_DISCOUNT = 0.85
SALIENCE_DECAY = 0.7  # how much an organisation's being the topic counts one sentence later
SALIENCE_FLOOR = 0.01  # below it (13 sentences on) a topic is forgotten: a long page keeps a short list
SET_REACH = 2  # sentences after a set's release ('X' 3종을 공개했다) that may name its members


# Slots that read the sentences before: even where a pattern takes every slot (all = true), they
# count only when the sentence's own slots gave nothing.
FALLBACK_SLOTS = frozenset({"context", "focus"})


class RelationMatcher:
    """spaCy component: facts of the vocabulary from the relation patterns."""

    def __init__(self, table: PatternTable | None = None) -> None:
        self.table = table or load_patterns()
        self.cues = load_cues()
        self.model_nouns = frozenset(fold(c) for c in self.cues.model_cues)
        self.role_words = {fold(k): v for k, v in self.cues.person_roles.items()}
        self.properties = fact_properties()
        self.kb = load_kb()
        self.triggers = TriggerIndex(self.table.patterns)
        self.gates = Gates(self.table.patterns)
        self.plain_roles = {p.id: (plain_roles(p.subject), plain_roles(p.object)) for p in self.table.patterns}

    # ------------------------------------------------------------------ component
    def __call__(self, doc: Doc) -> Doc:
        matches = self.match(doc)
        doc.user_data["relation_matches"] = matches  # for explanations and the examples' tests
        self.set_annotations(doc, matches)
        return doc

    def match(self, doc: Doc) -> list[RelationMatch]:
        views: list[SentenceView] = doc._.views or []
        ext = get_extraction(doc)
        out: list[RelationMatch] = []
        context = Context(sources=frozenset(k for k, t in ext.things.items()
                                            if t.subtype in self.cues.source_subtypes))
        for m in ext.mentions:
            if m.key not in context.first_at or m.start < context.first_at[m.key]:
                context.first_at[m.key] = m.start
        for i, v in enumerate(views):
            v.context = context  # type: ignore[attr-defined]
            context.following = [w for w in views[i + 1 : i + 1 + SET_REACH] if w.paragraph == v.paragraph]
            inventory = SentenceInventory(v, build_units)
            fired = [self.triggers.fired(pred) for pred in v.clauses.predicates]
            fired_here = frozenset().union(*fired)  # a clause pattern no predicate triggers finds nothing
            found: list[RelationMatch] = []
            for pattern, may_match in zip(self.table.patterns, self.gates.open(inventory), strict=True):
                if not may_match:
                    continue  # the sentence cannot give its subject or object: no match to miss
                if pattern.kind == "clause":
                    if pattern.id in fired_here:
                        found += self._clause(pattern, v, ext, context, fired)
                elif pattern.kind == "phrase":
                    found += self._phrase(pattern, v, ext)
                else:
                    found += self._sequence(pattern, v, ext, inventory.units)
            for m in found:
                if m.pattern.predicate == "worksFor" and isinstance(m.value, EntityValue):
                    context.employer.setdefault(m.subject, m.value.key)
                elif m.pattern.predicate == "developedBy" and isinstance(m.value, EntityValue):
                    context.makers.setdefault(m.subject, set()).add(m.value.key)
            out += found
            context = self._next_context(v, context)
        return out

    def set_annotations(self, doc: Doc, matches: list[RelationMatch]) -> None:
        ext = get_extraction(doc)
        views: list[SentenceView] = doc._.views or []
        best: dict[tuple, list[RelationMatch]] = {}
        for m in matches:
            if not self._fits(ext, m):
                continue
            # one value, one owner: where two readings give a value to different things, the surer
            # wins; things coordinated in one reading ('A'와 'B'를 2월 공개) share it
            # ('X' 시리즈를 공개했다 … 'A', 'B'의 두 가지다): a set's members share its date with it
            key = (m.pattern.predicate, m.sentence, m.value_span) if m.value_span and \
                "members" not in m.pattern.subject.slots else (m.pattern.predicate, m.sentence, m.subject, m.value)
            kept = best.setdefault(key, [])
            if not kept or m.confidence > kept[0].confidence + 1e-9:
                best[key] = [m]
            elif abs(m.confidence - kept[0].confidence) <= 1e-9 and m.pattern.id == kept[0].pattern.id:
                kept.append(m)
        seen = {(f.subject, f.predicate, f.value, f.start) for f in ext.facts}
        chosen = [m for ms in best.values() for m in ms]
        for m in sorted(chosen, key=lambda m: (m.sentence, -m.confidence, m.pattern.id)):
            v = views[m.sentence]
            if (m.subject, m.pattern.predicate, m.value, v.start) in seen:
                continue
            seen.add((m.subject, m.pattern.predicate, m.value, v.start))
            ext.facts.append(Fact(m.subject, m.pattern.predicate, m.value, v.start, v.end, round(m.confidence, 3),
                                  m.pattern.rule, qualifier=m.qualifier, role=m.role, date_text=m.date_text))
        # 공동 6위 (a summary) and 챗봇 아레나에서 공동 6위 (the body): the rank with its leaderboard says it all
        placed = {(f.subject, f.value.rank) for f in ext.facts
                  if isinstance(f.value, RankingValue) and f.value.leaderboard is not None}
        ext.facts[:] = [f for f in ext.facts if not (isinstance(f.value, RankingValue) and f.value.leaderboard is None
                                                     and (f.subject, f.value.rank) in placed)]
        ext.facts[:] = _without_coarser_dates(ext.facts)

    def _fits(self, ext: Extraction, m: RelationMatch) -> bool:
        """Domain and range of the ontology, checked on the things themselves."""
        prop = self.properties[m.pattern.predicate]
        subject = ext.things.get(m.subject)
        if subject is None or subject.type not in prop.domain:
            return False
        if isinstance(m.value, EntityValue):
            if m.value.key == m.subject:
                return False
            obj = ext.things.get(m.value.key)
            return prop.range_kind == ENTITY and obj is not None and obj.type in prop.range_classes
        return prop.range_kind != ENTITY

    # ------------------------------------------------------------------ clause patterns
    def _clause(self, p: Pattern, v: SentenceView, ext: Extraction, context: Context,
                fired: list[frozenset[str]]) -> list[RelationMatch]:
        """Matches of a clause pattern; `fired`: the patterns each predicate triggers (`TriggerIndex`)."""
        out = []
        for pred, triggered in zip(v.clauses.predicates, fired, strict=True):
            if p.id not in triggered or pred.flags & p.guards or not p.requires <= pred.flags or \
                    p.requires_any and not p.requires_any & pred.flags:
                continue
            roles = self.plain_roles[p.id]
            if any(r is not None and not has_phrase_in(pred, r) for r in roles):
                continue  # a side taken from roles the predicate has no phrase in: nothing to find
            if self._past_role(p, v, pred):
                continue
            subjects = self._candidates(p.subject, v, pred, ext, context, cues=p.object.clause_near | p.object.near)
            if not subjects:
                continue
            objects = self._candidates(p.object, v, pred, ext, context)
            extra = {name: self._candidates(spec, v, pred, ext, context) for name, spec in p.extra}
            for s, o in _distributed(subjects, objects):
                if s.phrase is not None and s.phrase is o.phrase and o.key is not None:
                    continue  # 박하람 전 노바랩스 대표는: two things of one phrase are no subject and object
                m = self._make(p, v, s, o, extra=extra)
                if m is not None:
                    out.append(m)
        return out

    def _past_role(self, p: Pattern, v: SentenceView, pred: Predicate) -> bool:
        return "past_role" in p.guards and any(
            w in self.cues.past_role_markers for w in (v.core_text(i) for i in range(pred.word, pred.last + 1)))

    def _candidates(self, spec: Spec, v: SentenceView, pred: Predicate, ext: Extraction,
                    context: Context, cues: frozenset[str] = frozenset()) -> list[Candidate]:
        if spec.sentence_near and not self._sentence_has(v, spec.sentence_near):
            return []
        if spec.clause_near and not self._clause_has(v, pred, spec.clause_near):
            return []
        if spec.object_holds and not self._object_holds(v, pred, spec.object_holds, ("object", "also")):
            return []
        found: list[Candidate] = []
        for slot in spec.slots:
            if found and slot in FALLBACK_SLOTS:
                continue  # the sentences before speak only where this one names nobody
            if slot == "owner":  # 당시 노바랩스의 기업가치를 …: the possessor of the phrase with the cue word
                phrases = [d for p in pred.args for m in p.members() if self._near(v, m, cues) for d in _genitives(m)]
                here = self._from_phrases(spec, v, phrases, ext)
            else:
                here = self._slot(slot, spec, v, pred, ext, context)
            if spec.near:
                here = [c for c in here if c.phrase is not None and self._near(v, c.phrase, spec.near)]
            if spec.by_measures_object and self._object_holds(v, pred, spec.clause_near, ("object",)) is False:
                # 목표가를 9만 원으로 올렸다: the value of a `by` phrase is the object's, which is no cue word's
                here = [c for c in here if c.phrase is None or c.phrase.role != "by"]
            found += [c for c in here if not any(_same(c, f) for f in found)]
            if found and not spec.all_slots:
                break
        return found

    def _slot(self, slot: str, spec: Spec, v: SentenceView, pred: Predicate, ext: Extraction,
              context: Context) -> list[Candidate]:
        if slot == "focus":
            # the thing spoken about: a topic earlier in this sentence, else the one of the sentences before
            here = [m for p in v.clauses.phrases if (p.role in ("topic", "subject") or p.topic) and p.last < pred.word
                    and not (p.predicate is not None and p.predicate.form == "adnominal")
                    for m in self.heads(v, p, spec.types) + [m for d in _genitives(p)
                                                             for m in self.heads(v, d, spec.types)]]
            if here:
                return [Candidate(key=here[-1].key, discounted=FOCUS_DISCOUNT)]
            key = next(filter(None, (self._in_focus(context, t) for t in spec.types)), None)
            if key is not None and self._someone_elses_model(v, pred, key, ext, context):
                return []
            return [Candidate(key=key, discounted=FOCUS_DISCOUNT)] if key else []
        if slot == "members":
            return self._set_members(spec, context)
        if slot == "sentence":  # the one thing of its class the sentence names (a leaderboard named once)
            keys = list(dict.fromkeys(m.key for m in v.mentions if m.type in spec.types))
            return [Candidate(key=keys[0], discounted=FOCUS_DISCOUNT)] if len(keys) == 1 else []
        if slot == "context":
            if any(p.role in ("topic", "subject", "also") for p in pred.args) or (
                    pred.shared_topic is not None and pred.shared_topic.role == "topic"):
                return []  # an adverbial topic (중국 시장에서는) leaves the actor to the sentences before
            keys = [k for k in context.previous_topic if ext.things.get(k) and ext.things[k].type in spec.types]
            return [Candidate(key=k, discounted=FOCUS_DISCOUNT) for k in keys[:1]]
        if slot.startswith("employer:"):
            # 손 회장은 … 쓰겠다고 밝혔다: the organisation the person works for, as this article said
            # before or as the knowledge base knows it (when the article names that organisation)
            out = []
            for phrase in self._phrases(slot.split(":", 1)[1], pred):
                for m in self.heads(v, phrase, ("Person",)):
                    org = context.employer.get(m.key)
                    thing = ext.things.get(m.key)
                    rec = self.kb.get(thing.kb_id) if thing is not None and thing.kb_id else None
                    if org is None and rec is not None:
                        org = next((o for o, _ in rec.works_for if o in ext.things), None)
                    if org is not None and ext.things[org].type in spec.types:
                        out.append(Candidate(key=org, phrase=phrase, discounted=FOCUS_DISCOUNT))
            return out
        if slot.startswith("affiliation:"):
            # 노바랩스 대표 박하람은 / 노바랩스의 박하람 대표는: the organisation named with the person a slot holds
            out = []
            for phrase in self._phrases(slot.split(":", 1)[1], pred):
                if self.heads(v, phrase, ("Person",)):
                    out += [Candidate(key=m.key, phrase=phrase) for m in v.mentions_in(phrase, spec.types)]
                    out += [Candidate(key=m.key, phrase=d) for d in _genitives(phrase)
                            for m in self.heads(v, d, spec.types)]
            return out
        phrases = self._phrases(slot, pred)
        return self._from_phrases(spec, v, phrases, ext)

    def _phrases(self, slot: str, pred: Predicate) -> list[Phrase]:
        if slot.startswith("governor:"):
            return self._phrases(slot.split(":", 1)[1], pred.governor) if pred.governor else []
        if slot.startswith("genitive:"):
            return [m for p in self._phrases(slot.split(":", 1)[1], pred) for d in _genitives(p) for m in d.members()]
        if slot == "head":
            if pred.head is None:
                return []
            out = pred.head.members()
            head = pred.head
            for _ in range(4):
                # 출시한 [대표적인] 모델 X: a head that is another modifier's noun passes on to that one's head
                stacked = next((q for q in pred.all_predicates if q.form == "adnominal" and q.complement is head
                                and q.head is not None), None)
                if stacked is not None:
                    head = stacked.head
                # 학습시킨 [70억 개 규모의] 모델 X: a genitive head measures the noun it modifies
                elif head.role == "genitive" and head.governor is not None:
                    head = head.governor
                else:
                    break
                out = out + head.members()
            return out
        if slot == "complement":
            return [pred.complement] if pred.complement else []
        if slot == "predicate":  # 급등(8.4%)했다: a value in the predicate's own words
            return [Phrase(pred.word, pred.last, "predicate")]
        if slot == "any":
            return [x for p in pred.args for m in p.members() for x in (m, *_genitives(m))]
        if slot.startswith("sub:"):  # 루미나를 학습하는 데 …: a slot of an adnominal clause inside this one
            inner = slot.split(":", 1)[1]
            heads = {id(m) for p in pred.args for m in p.members()}
            return [x for q in self._subclauses(pred) if q.head is not None and id(q.head) in heads
                    for x in self._phrases(inner, q)]
        return pred.slot(slot)

    def _clause_has(self, v: SentenceView, pred: Predicate, words: frozenset[str]) -> bool:
        """A cue word in a phrase of the clause, in its predicate, or in a clause modifying one of its phrases."""
        phrases = [*pred.args, *([pred.complement] if pred.complement else [])]
        if any(self._near(v, p, words) for p in phrases) or _starts(pred, words):
            return True
        heads = {id(m) for p in pred.args for m in p.members()}
        return any(_starts(q, words) for q in self._subclauses(pred) if q.head is not None and id(q.head) in heads)

    def _object_holds(self, v: SentenceView, pred: Predicate, words: frozenset[str],
                      roles: tuple[str, ...]) -> bool | None:
        """Whether the clause's object (its phrases in `roles`) holds one of `words`; None: it has none."""
        objects = [p for role in roles for p in pred.slot(role)]
        return any(self._near(v, p, words) for p in objects) if objects else None

    @staticmethod
    def _subclauses(pred: Predicate) -> list[Predicate]:
        return [q for q in pred.all_predicates if q.form == "adnominal" and q is not pred] if hasattr(
            pred, "all_predicates") else []

    def _from_phrases(self, spec: Spec, v: SentenceView, phrases: list[Phrase], ext: Extraction) -> list[Candidate]:
        out: list[Candidate] = []
        for phrase in phrases:
            if spec.value:
                values = v.values_in(phrase, _kinds(spec.value))
                if spec.split_words:
                    values = self._split_side(spec, v, phrase, values)
                out += [Candidate(value=x, phrase=phrase) for x in values]
            else:
                heads = self.heads(v, phrase, spec.types) or self._apposed(v, phrase, spec.types)
                out += [Candidate(key=m.key, phrase=phrase) for m in heads]
        return out

    def _apposed(self, v: SentenceView, phrase: Phrase, types: tuple[str, ...]) -> list[Mention]:
        """'루미나-2'라는 새 모델을, 자체 칩인 X를 …: the name a copula apposition gives a phrase's noun."""
        for q in v.clauses.predicates:
            if q.form == "adnominal" and "copula" in q.flags and q.head is phrase and q.complement is not None:
                return self.heads(v, q.complement, types)
        return []

    @staticmethod
    def _split_side(spec: Spec, v: SentenceView, phrase: Phrase, values: list) -> list:
        """총 3천억 개 [중] 200억 개만: a phrase holding a whole and its part keeps one side's values."""
        cut = next((v.words[i].start for i in phrase.words() if v.core_text(i) in spec.split_words), None)
        if cut is None:
            return values
        return [x for x in values if (x.start < cut) == (spec.split_keep == "before")]

    def heads(self, v: SentenceView, phrase: Phrase, types: tuple[str, ...]) -> list[Mention]:
        """The mentions that head a phrase, of the given classes.

        The head is the last name of the phrase (with the names glued to it by ·: 'A·B·C'),
        but a phrase that ends with a role noun is headed by the person before it
        (정신아 카카오 대표는: 정신아).
        """
        mentions = v.mentions_in(phrase)
        if not mentions:
            return []
        last_core = fold(v.core_text(phrase.last))
        if "Person" in types and last_core in self.role_words:
            people = [m for m in mentions if m.type == "Person"]
            if people:
                return people[-1:]
        last = mentions[-1]
        last_word = v.word_of(last)
        group = [m for m in mentions if v.word_of(m) == last_word] if last_word is not None else [last]
        if last_word is not None and v.words[last_word].paren:
            # 메타(페이스북, 인스타그램 …)에서는: names in the parenthesis gloss the head, they do not head
            inside = v.words[last_word].paren[0].idx
            group = [m for m in group if m.start < inside] or group
        # a name before a role noun heads the phrase for the organisation too (카카오 대표는 -> 카카오 as Org)
        return [m for m in group if m.type in types]

    # ------------------------------------------------------------------ phrase patterns
    def _phrase(self, p: Pattern, v: SentenceView, ext: Extraction) -> list[RelationMatch]:
        out = []
        if p.object.sentence_near and not self._sentence_has(v, p.object.sentence_near):
            return out
        listed = "listed" in p.subject.slots
        for phrase in v.clauses.phrases:
            if phrase.role == "conjunct":
                continue
            if listed:  # A, B 등 [중국] 기업들, A와 같은 [중국] 모델: what the list exemplifies describes each item
                if not phrase.apposed or self.heads(v, phrase, p.subject.types):
                    continue
                objects = self._phrase_objects(p.object, v, phrase, None, ext)
                for member in phrase.conjuncts:
                    for h in self.heads(v, member, p.subject.types):
                        for o in objects:
                            m = self._make(p, v, Candidate(key=h.key, phrase=member), o)
                            if m is not None:
                                out.append(m)
                continue
            members = phrase.members()
            for member in members:
                heads = self.heads(v, member, p.subject.types)
                for h in heads:
                    objects = self._phrase_objects(p.object, v, member, h, ext, first=members[0])
                    for o in objects:
                        m = self._make(p, v, Candidate(key=h.key, phrase=member), o)
                        if m is not None:
                            out.append(m)
        return out

    def _phrase_objects(self, spec: Spec, v: SentenceView, phrase: Phrase, head: Mention | None,
                        ext: Extraction, first: Phrase | None = None) -> list[Candidate]:
        found: list[Candidate] = []
        for slot in spec.slots:
            here: list[Candidate] = []
            if slot == "genitive":
                deps = _genitives(phrase)
                if not deps and spec.shared and first is not None and first is not phrase:
                    deps = _genitives(first)
                for dep in deps:
                    here += self._from_phrases(spec, v, [dep], ext)
            elif slot == "self":
                limit = head.start if head is not None else v.words[phrase.last].end
                if spec.value:
                    here = [Candidate(value=x, phrase=phrase) for x in v.values_in(phrase, _kinds(spec.value))
                            if x.end <= limit]
                else:
                    here = [Candidate(key=m.key, phrase=phrase) for m in v.mentions_in(phrase, spec.types)
                            if m.end <= limit]
            elif slot == "paren" and head is not None:
                word = v.words[v.word_of(head)] if v.word_of(head) is not None else None
                if word is not None and word.paren:
                    lo, hi = word.paren[0].idx, word.paren[-1].idx + len(word.paren[-1].text)
                    here = [Candidate(value=x, phrase=phrase) for x in v.values_in(phrase, _kinds(spec.value))
                            if lo <= x.start < hi] if spec.value else []
            if spec.near:
                here = [c for c in here if c.phrase is not None and self._near(v, c.phrase, spec.near)]
            found += here
            if found and not spec.all_slots:
                break
        return found

    # ------------------------------------------------------------------ sequence patterns
    def _sequence(self, p: Pattern, v: SentenceView, ext: Extraction, units: list[Unit]) -> list[RelationMatch]:
        out = []
        for start in range(len(units)):
            for binding in self._seq_match(p.sequence, units, start, {"_start": start}):
                subj = binding.get("subject")
                obj = binding.get("object")
                if not subj or not obj:
                    continue
                if "past_role" in p.guards and self._past_span(v, units, start, binding["_end"]):
                    continue
                role_unit = binding.get("role")
                role = None
                if role_unit:
                    role = self.role_words.get(fold(role_unit[0].core)) or role_unit[0].core
                for s in subj:
                    for o in obj:
                        m = self._make(p, v, s, o, role=role or p.role)
                        if m is not None:
                            out.append(m)
        return out

    def _seq_match(self, items: tuple[Item, ...], units: list[Unit], at: int, bound: dict):
        if not items:
            yield {**bound, "_end": at}
            return
        item, rest = items[0], items[1:]
        if item.gap:
            for skip in range(item.gap + 1):
                if skip and (at + skip - 1 >= len(units) or units[at + skip - 1].particle
                             or units[at + skip - 1].comma
                             or any(m.type not in item.through for m in units[at + skip - 1].mentions)):
                    break
                yield from self._seq_match(rest, units, at + skip, bound)
            return
        if item.optional:
            yield from self._seq_match(rest, units, at, bound)
        if at >= len(units):
            return
        unit = units[at]
        if unit.paren and not item.paren and at > 0:  # 최고경영자(CEO)인: a gloss is skipped unless asked for
            yield from self._seq_match(items, units, at + 1, bound)
            return
        got = self._unit_fits(item, unit)
        if got is None:
            return
        if at + 1 < len(units) and rest and unit.comma and not item.optional and not item.comma_ok:
            return  # a comma separates the units of a sequence
        new = dict(bound)
        if item.bind:
            new[item.bind] = got
        yield from self._seq_match(rest, units, at + 1, new)

    def _past_span(self, v: SentenceView, units: list[Unit], start: int, end: int) -> bool:
        """당시 노바랩스 대표 박하람, 박하람 전 대표, 노바랩스 대표 출신인 박하람, 대표였던: a role no longer held."""
        markers = {fold(x) for x in self.cues.past_role_markers}
        # the unit after counts while the span's last word runs on (대표 [출신인]); after a particle
        # (대표는 [당시] …) it belongs to the clause
        after = 1 if end - 1 < len(units) and units[end - 1].particle is None else 0
        inside = units[max(0, start - 1) : min(len(units), end + after)]
        if any(fold(u.core) in markers for u in inside):
            return True
        for u in units[start:end]:
            word = v.words[u.last_word]
            tail = word.tail_text
            if any(tail.startswith(x) or tail.endswith(x) for x in self.cues.past_role_markers if len(x) > 1):
                return True
        return False

    def _unit_fits(self, item: Item, unit: Unit):
        """What a unit gives an item (candidates, the unit itself), or None when it does not fit."""
        if item.paren != unit.paren:
            return None
        if item.particle is not None and unit.particle not in item.particle:
            return None
        if item.words:
            core = fold(unit.core)
            words = {fold(w) for w in item.words}
            if item.prefix:
                first = fold(unit.core.split()[0]) if unit.core.split() else ""
                if first not in words:
                    return None
            elif not (core in words or item.suffix and any(core.endswith(w) for w in words)):
                return None
        if item.types:
            ms = [m for m in unit.mentions if m.type in item.types]
            if not ms or len(unit.mentions) != len([m for m in unit.mentions if m.end <= unit.end]):
                return None
            return [Candidate(key=m.key) for m in ms]
        if item.value:
            vals = [x for x in unit.values if _kind_of(x) in _kinds((item.value,))]
            if not vals:
                return None
            return [Candidate(value=x) for x in vals]
        if not item.words and not item.particle and unit.mentions:
            return None  # a plain word item never swallows a name
        return [unit]

    # ------------------------------------------------------------------ building a match
    def _make(self, p: Pattern, v: SentenceView, s: Candidate, o: Candidate, role: str | None = None,
              extra: dict[str, list[Candidate]] | None = None) -> RelationMatch | None:
        if s.key is None:
            return None
        confidence = p.confidence * s.discounted * o.discounted
        if o.key is not None:
            return RelationMatch(p, v.index, s.key, EntityValue(o.key), None, role or p.role, confidence=confidence)
        x = o.value
        if x is None:
            return None
        span = (x.start, x.end)
        if isinstance(x, DateMention):
            return RelationMatch(p, v.index, s.key, DateValue(x.value), span, date_text=x.text,
                                 confidence=confidence)
        value = _value_of(p, x)
        if value is None:
            return None
        extra = extra or {}
        if isinstance(value, RankingValue) and extra.get("leaderboard"):
            value = RankingValue(value.rank, extra["leaderboard"][0].key)
        if isinstance(value, MoneyValue) and extra.get("period"):
            period = extra["period"][0].value
            if isinstance(period, Quantity) and period.unit:
                value = MoneyValue(value.amount, value.currency, period.unit)
        if isinstance(value, NumberValue) and p.sign:
            value = NumberValue(abs(value.value) * p.sign, integer=False)
        qualifier = x.qualifier.value if x.qualifier.value != "exact" else None
        return RelationMatch(p, v.index, s.key, value, span, qualifier=qualifier, confidence=confidence)

    # ------------------------------------------------------------------ cues and context
    def _near(self, v: SentenceView, phrase: Phrase, words: frozenset[str]) -> bool:
        """A cue word stands in the phrase, in the phrase it modifies, or in a genitive modifying it."""
        around = [phrase, *(_genitives(phrase))]
        if phrase.governor is not None:
            around.append(phrase.governor)
        folded = {fold(w) for w in words}
        for ph in around:
            for i in ph.words():
                core = fold(v.core_text(i))
                if core in folded or any(core.endswith(w) or core.startswith(w) for w in folded if len(w) > 1):
                    return True
                if core[-1:] in folded and core[:-1].isdigit():  # 3종: a counter after a number
                    return True
        return False

    @staticmethod
    def _sentence_has(v: SentenceView, words: frozenset[str]) -> bool:
        return any(w in v.text for w in words)

    @staticmethod
    def _set_members(spec: Spec, context: Context) -> list[Candidate]:
        """The things a set's next sentences introduce, as a topic, a subject or a copula's complement.

        노바랩스는 지난달 소형 모델 3종을 공개했다. 'A'는 …이고, 'B'와 'C'는 …: A, B and C are the set's
        members; a thing named before (the base model they come from) is none.
        """
        out: list[Candidate] = []
        for nxt in context.following:
            for pred in nxt.clauses.predicates:
                if pred.form == "adnominal":
                    continue  # 'A'는 오로라가 만든 데이터로 …: 오로라 only qualifies a noun
                phrases = [*pred.slot("topic"), *pred.slot("subject")]
                if "copula" in pred.flags and pred.complement is not None:
                    # … 'B'와 'C'입니다 / 'A'와 'B'의 두 가지다: the complement, or the list it counts
                    phrases += [y for m in pred.complement.members() for x in (m, *_genitives(m)) for y in x.members()]
                for phrase in phrases:
                    for m in nxt.mentions_in(phrase, spec.types):
                        if context.first_at.get(m.key, -1) >= nxt.start and all(c.key != m.key for c in out):
                            out.append(Candidate(key=m.key, discounted=FOCUS_DISCOUNT))
        return out

    def _someone_elses_model(self, v: SentenceView, pred: Predicate, key: str, ext: Extraction,
                             context: Context) -> bool:
        """The clause speaks of an organisation's unnamed model, not of the model in focus `key`.

        노바랩스는 '루미나-2'를 냈다. … 한빛AI 모델도 오로라 칩에서 돌아간다: the second clause's own
        subject is a model of 한빛AI (an organisation, then a model noun), so it is not 루미나-2's
        sentence, unless 한빛AI made 루미나-2.
        """
        thing = ext.things.get(key)
        if thing is None or thing.type != "AIModel":
            return False
        makers = set(context.makers.get(key, ()))
        rec = self.kb.get(thing.kb_id) if thing.kb_id else None
        if rec is not None and rec.developer:
            makers.add(rec.developer)
        for phrase in pred.args:
            if phrase.role not in ("topic", "subject", "also") or \
                    fold(v.core_text(phrase.last)) not in self.model_nouns:
                continue
            owners = [m.key for m in v.mentions_in(phrase, ("Organization",))]
            if owners and not makers & set(owners):
                return True
        return False

    @staticmethod
    def _in_focus(context: Context, type_: str) -> str | None:
        """The last topic of a class, unless a thing of that class was introduced as an object after it
        (노바랩스는 'X'를 내놨다. 총 N개 중 …: the model just introduced).

        An organisation in focus is the one the sentences have most been about lately, each topic
        counting SALIENCE_DECAY less a sentence later: 노바랩스는 … 노바랩스는 … 투자에는 한빛캐피털이
        참여했다. 투자 후 기업가치는 …: 노바랩스's, not the investor's.
        """
        if type_ == "Organization" and context.salience:
            return max(context.salience, key=lambda k: (context.salience[k], k == context.topic.get(type_)))
        topic, recent = context.topic.get(type_), context.recent.get(type_)
        if topic is None or recent is None:
            return topic or recent
        return recent if context.topic_at.get(type_, -1) < context.seen.get(recent, -1) else topic

    def _next_context(self, v: SentenceView, context: Context) -> Context:
        nxt = Context(dict(context.topic), dict(context.recent), [], context.employer, context.seen,
                      dict(context.topic_at), context.makers, first_at=context.first_at, sources=context.sources,
                      salience={k: w * SALIENCE_DECAY for k, w in context.salience.items()
                                if w * SALIENCE_DECAY >= SALIENCE_FLOOR})
        # a model named only to qualify a noun ('루미나-2'의 뒤를 잇는 모델, X의 후속작) is not the
        # model the next sentences speak of
        qualifying = {m.start for p in v.clauses.phrases if p.role == "genitive" and p.governor is not None
                      for m in v.mentions_in(p, ("AIModel",))}
        for m in v.mentions:
            if m.start not in qualifying and m.key not in context.sources:
                nxt.recent[m.type] = m.key
        for pred in v.clauses.predicates:  # a thing introduced as an object ('X'를 내놨다) comes into focus
            if pred.form != "adnominal":
                for p in pred.slot("object"):
                    for m in v.mentions_in(p):
                        nxt.seen[m.key] = v.index
        for pred in v.clauses.predicates:
            if pred.form == "adnominal":
                continue  # [노바캐피털이 이끈] 라운드에서 …: a relative clause's subject is not in focus
            for p in pred.slot("topic") + pred.slot("subject"):
                for m in v.mentions_in(p):
                    if m.key in context.sources:
                        continue  # 로이터 통신은 …라고 전했다: the one who reports is not what the text is about
                    nxt.topic[m.type] = m.key
                    nxt.topic_at[m.type] = v.index
                    if m.type == "Organization":
                        nxt.salience[m.key] = nxt.salience.get(m.key, 0.0) + 1.0
        final = [p for p in v.clauses.predicates if p.form == "final"]
        if final:
            tops = final[-1].slot("topic") or final[-1].slot("subject")
            kinds = ("Organization", "AIModel", "Person")
            # 퍼플렉시티의 자금 조달 속도는 …: the possessor of a topic noun is what the sentence is about
            nxt.previous_topic = [m.key for p in tops for m in (self.heads(v, p, kinds) or [
                x for d in _genitives(p) for x in self.heads(v, d, kinds)]) if m.key not in context.sources]
        return nxt


def _starts(pred: Predicate, words: frozenset[str]) -> bool:
    return any(pred.lemma.startswith(w) or pred.surface.startswith(w) for w in words)


def _without_coarser_dates(facts: list[Fact]) -> list[Fact]:
    """Facts less a date that another date of the same subject and property refines.

    노바랩스는 지난해 3월 루미나-2를 냈다. … 루미나-2는 지난해 3월 17일 공개됐다: the article dates one
    release twice; 2025-03 says nothing that 2025-03-17 does not, so only the day stays.
    """
    finer: dict[tuple[str, str], set[str]] = {}
    for f in facts:
        if isinstance(f.value, DateValue):
            finer.setdefault((f.subject, f.predicate), set()).add(f.value.value.iso())

    def refined(f: Fact) -> bool:
        iso = f.value.value.iso()
        return any(other.startswith(iso + "-") for other in finer[(f.subject, f.predicate)])

    return [f for f in facts if not (isinstance(f.value, DateValue) and refined(f))]


def _distributed(subjects: list[Candidate], objects: list[Candidate]) -> list[tuple[Candidate, Candidate]]:
    """Every subject with every object, unless the clause alternates them in several phrases each.

    Then each pairs with its neighbour on the side the clause begins with: 노바랩스는 [11일]
    '루미나'를, [24일] '루미나 미니'를 공개했다 (a date, then its model); 한빛은 노바의 가치를
    [5억 달러로], 오로라의 가치를 [3억 달러로] 매겼다 (a company, then its value).
    """
    every = [(s, o) for s in subjects for o in objects]
    if not all(c.phrase is not None for c in (*subjects, *objects)):
        return every
    starts_s = sorted({c.phrase.first for c in subjects})
    starts_o = sorted({c.phrase.first for c in objects})
    # alternating: an object phrase between two subject phrases and a subject phrase between two
    # object phrases (A와 B가 C와 D를 …, two lists one after the other, stay every pair)
    if not (any(starts_s[0] < x < starts_s[-1] for x in starts_o)
            and any(starts_o[0] < x < starts_o[-1] for x in starts_s)):
        return every
    objects_lead = starts_o[0] < starts_s[0]
    pairs = []
    for s in subjects:
        if objects_lead:
            side = [o for o in objects if o.phrase.last < s.phrase.first]
            nearest = max((o.phrase.first for o in side), default=None)
        else:
            side = [o for o in objects if o.phrase.first > s.phrase.last]
            nearest = min((o.phrase.first for o in side), default=None)
        pairs += [(s, o) for o in side if o.phrase.first == nearest]
    return pairs


def _genitives(phrase: Phrase) -> list[Phrase]:
    """The genitive modifiers of a phrase, nearest first, chains included (A의 B의 C)."""
    out = []
    for dep in reversed(phrase.dependents):
        out.append(dep)
        out += _genitives(dep)
    return out


def _same(a: Candidate, b: Candidate) -> bool:
    if a.key is not None:
        return a.key == b.key
    return a.value is not None and b.value is not None and (a.value.start, a.value.end) == (b.value.start, b.value.end)


def _kinds(kinds: tuple[str, ...]) -> tuple[str, ...]:
    """Value kinds as the normalisers name them."""
    out = []
    for k in kinds:
        out += {"active_params": ["params"], "params": ["params"], "count": ["count"]}.get(k, [k])
    return tuple(out)


def _kind_of(x) -> str:
    return "date" if isinstance(x, DateMention) else x.kind


def _value_of(p: Pattern, q: Quantity) -> Value | None:
    kind = p.object.value[0] if p.object.value else next((i.value for i in p.sequence if i.bind == "object"), None)
    if kind in ("params", "count", "bytes"):
        return NumberValue(Decimal(int(q.value)))
    if kind == "active_params":
        return NumberValue(Decimal(int(q.active if q.active is not None else q.value)))
    if kind == "percent":
        return NumberValue(q.value * (q.sign or 1), integer=False) if q.sign or p.sign else None
    if kind == "money":
        return MoneyValue(q.value, q.unit or "USD")
    if kind == "rank":
        return RankingValue(int(q.value), None)
    return None


@Language.factory("aikg_relations", requires=["doc._.views"], assigns=["doc._.extraction"])
def make_relation_matcher(nlp: Language, name: str) -> RelationMatcher:
    return RelationMatcher()
