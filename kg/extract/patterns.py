"""Relation patterns as data: `kg/resources/patterns/relations.toml`, loaded and checked once.

A pattern says which fact it makes (`predicate`), what its subject and object
are (a class of thing, or a kind of value), where in the sentence they stand
(the grammatical slots of a predicate, or a sequence of words in a phrase),
which words trigger it, which meanings block it (guards: negation, a plan, a
condition …), how confident it is, and example sentences with the triples
they must give (run as tests). Two kinds:

- `clause`: a predicate whose lemma starts with a trigger; subject and object
  come from its slots (`topic`, `subject`, `object`, `head` of an adnominal
  clause, `by`, `at`, `genitive:object` …, see `kg.extract.matcher`);
- `sequence`: consecutive units of one phrase chain (a name, a word, a value),
  with gaps, as in "미국 엔비디아", "정신아 카카오 대표", "오픈AI의 최신 모델 GPT-5".

Word sets are named in `[words]` and referred to as "@name"; "@cues.KEY"
refers to a list (or the keys of a table) of `kg/resources/lexicon/cues.json`.
Loading fails, naming the pattern, on an unknown predicate, a subject or
object the ontology's domain and range forbid, an unknown slot or guard, or a
word set that does not exist.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.extract.lexicon import load_cues
from kg.extract.model import THING_TYPES
from kg.graph.schema import DATE, DECIMAL, ENTITY, INTEGER, MONEY, RANKING, fact_properties

PATTERNS_PATH = Path(__file__).resolve().parents[1] / "resources" / "patterns" / "relations.toml"

VALUE_KINDS = {
    "params": (INTEGER,), "active_params": (INTEGER,), "count": (INTEGER,), "bytes": (INTEGER,),
    "percent": (DECIMAL,), "money": (MONEY,), "date": (DATE,), "rank": (RANKING,), "duration": (),
}
EXTRAS = {"leaderboard": "ranking", "period": "investmentPlan"}  # extra name -> the predicate it belongs to
SLOTS = frozenset({
    "topic", "subject", "object", "head", "at", "by", "with", "than", "to", "from", "as", "also", "only",
    "source", "basis", "about", "including", "via", "complement", "quote", "bare", "beating", "target",
    "until", "like", "after", "unlike", "any", "focus", "context", "self", "genitive", "paren", "governor", "sub",
    "time", "listed", "predicate", "owner", "sentence", "affiliation", "employer", "members",
})
GUARDS = frozenset({"negated", "future", "plan", "irrealis", "conditional", "hearsay", "forecast", "possible",
                    "reported", "desire", "past_role", "passive", "tentative"})
FLAGS = GUARDS | {"past", "progressive", "copula", "experience", "evidential"}


class PatternError(ValueError):
    """A malformed pattern: the message names the file and the pattern."""


@dataclass(frozen=True)
class Spec:
    """What fills the subject or the object of a pattern's fact."""

    types: tuple[str, ...] = ()  # thing classes
    value: tuple[str, ...] = ()  # value kinds (params, money, date, …), the first one the fact's
    slots: tuple[str, ...] = ()  # where it stands, in order of preference
    near: frozenset[str] = frozenset()  # words that must stand in or next to its phrase
    sentence_near: frozenset[str] = frozenset()  # words that must stand somewhere in the sentence
    clause_near: frozenset[str] = frozenset()  # words that must stand in a phrase of the same clause
    all_slots: bool = False  # take the candidates of every slot, not only the first that has some
    shared: bool = False  # a genitive before the first of coordinated names describes each (중국의 A와 B)
    split_words: frozenset[str] = frozenset()  # a word that parts a phrase's values (총 N개 [중] M개만) …
    split_keep: str = ""  # … and the side whose values count: "before" or "after"
    # a value in a `by` phrase is the value of the clause's object (목표가를 9만 원으로 올렸다): where the
    # clause has an object, that object must hold a `clause_near` word for the value to count
    by_measures_object: bool = False
    # words of which one must stand in the clause's object (CTO를 / CTO도 맡고 있다): the clause is about that
    object_holds: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Item:
    """One unit of a sequence pattern."""

    bind: str | None = None  # subject | object | role
    types: tuple[str, ...] = ()
    value: str | None = None
    words: frozenset[str] = frozenset()  # the unit's core is one of these (or ends with one, `suffix`)
    suffix: bool = False
    prefix: bool = False  # the unit's text begins with one of `words` (a parenthesis: (현 X))
    particle: tuple[str | None, ...] | None = None  # roles its particle may give; None in it = bare
    gap: int = 0  # a gap of up to `gap` bare words (the item matches nothing itself)
    through: tuple[str, ...] = ()  # classes of names a gap may pass (a product in a title: 챗GPT 총괄)
    optional: bool = False
    paren: bool = False  # the unit is the parenthesis glued to the previous word
    comma_ok: bool = False  # a comma may follow the unit (a headline's "노바랩스, 기업가치 …")


@dataclass(frozen=True)
class Example:
    text: str
    expect: tuple[tuple[str, str, str], ...]
    published: str | None = None
    reject: tuple[tuple[str, str, str], ...] = ()  # triples the sentence must not give


@dataclass(frozen=True)
class Pattern:
    id: str
    predicate: str
    kind: str  # clause | sequence
    subject: Spec
    object: Spec
    triggers: tuple[str, ...] = ()
    not_triggers: tuple[str, ...] = ()
    sequence: tuple[Item, ...] = ()
    guards: frozenset[str] = frozenset()
    requires: frozenset[str] = frozenset()
    requires_any: frozenset[str] = frozenset()  # at least one of these meanings (a plan: 할 계획, 하겠다)
    confidence: float = 0.8
    role: str | None = None  # a constant role for worksFor (founder)
    sign: int = 0  # stockChange: +1 for a rise, -1 for a fall (from the verb); 0 keeps the value's own sign
    extra: tuple[tuple[str, Spec], ...] = ()  # leaderboard of a ranking, period of an investment plan
    examples: tuple[Example, ...] = ()
    note: str = ""

    @property
    def rule(self) -> str:
        """The provenance of a fact it made: the matcher, the predicate and the pattern's id."""
        return f"kg.extract.matcher/{self.predicate}:{self.id}"


@dataclass
class PatternTable:
    patterns: list[Pattern]
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    version: int = 1

    def by_predicate(self, predicate: str) -> list[Pattern]:
        return [p for p in self.patterns if p.predicate == predicate]


def _word_set(ref: Any, words: dict[str, frozenset[str]], where: str) -> frozenset[str]:
    if isinstance(ref, str) and ref.startswith("@"):
        name = ref[1:]
        if name.startswith("cues."):
            key = name[len("cues."):]
            cues = load_cues()
            value = getattr(cues, key, None)
            if value is None:
                raise PatternError(f"{where}: unknown cue list {ref!r}")
            return frozenset(value.keys() if isinstance(value, dict) else value)
        if name not in words:
            raise PatternError(f"{where}: unknown word set {ref!r}")
        return words[name]
    if isinstance(ref, str):
        return frozenset({ref})
    if isinstance(ref, list):
        out: set[str] = set()
        for r in ref:
            out |= _word_set(r, words, where)
        return frozenset(out)
    raise PatternError(f"{where}: a word list must be a string, '@set' or a list, not {ref!r}")


def _types(raw: Any, where: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    types = (raw,) if isinstance(raw, str) else tuple(raw)
    for t in types:
        if t not in THING_TYPES:
            raise PatternError(f"{where}: unknown class {t!r}")
    return types


def _spec(raw: Any, words: dict[str, frozenset[str]], where: str) -> Spec:
    if not isinstance(raw, dict):
        raise PatternError(f"{where}: expected a table")
    value = raw.get("value", ())
    value = (value,) if isinstance(value, str) else tuple(value)
    for v in value:
        if v not in VALUE_KINDS:
            raise PatternError(f"{where}: unknown value kind {v!r}")
    slots = tuple(raw.get("from", ()))
    for slot in slots:
        for part in slot.split(":"):
            if part not in SLOTS:
                raise PatternError(f"{where}: unknown slot {slot!r}")
    near = _word_set(raw["near"], words, where) if "near" in raw else frozenset()
    sentence_near = _word_set(raw["sentence_near"], words, where) if "sentence_near" in raw else frozenset()
    clause_near = _word_set(raw["clause_near"], words, where) if "clause_near" in raw else frozenset()
    split = raw.get("split", {})
    if split and (not isinstance(split, dict) or split.get("keep") not in ("before", "after") or "words" not in split):
        raise PatternError(f"{where}: split needs words and keep = 'before' or 'after'")
    split_words = _word_set(split["words"], words, where) if split else frozenset()
    return Spec(_types(raw.get("type"), where), value, slots, near, sentence_near, clause_near,
                bool(raw.get("all", False)), bool(raw.get("shared", False)), split_words,
                split.get("keep", "") if split else "", bool(raw.get("by_measures_object", False)),
                _word_set(raw["object_holds"], words, where) if "object_holds" in raw else frozenset())


def _item(raw: Any, words: dict[str, frozenset[str]], where: str) -> Item:
    if not isinstance(raw, dict):
        raise PatternError(f"{where}: a sequence item must be a table")
    particle = raw.get("particle")
    if particle is not None:  # [] or "none": bare; ["genitive", "none"]: a genitive or bare
        particle = (particle,) if isinstance(particle, str) else tuple(particle)
        particle = tuple(None if p == "none" else p for p in particle) or (None,)
    value = raw.get("value")
    if value is not None and value not in VALUE_KINDS:
        raise PatternError(f"{where}: unknown value kind {value!r}")
    return Item(
        bind=raw.get("bind"),
        types=_types(raw.get("type"), where),
        value=value,
        words=_word_set(raw["words"], words, where) if "words" in raw else frozenset(),
        suffix=bool(raw.get("suffix", False)),
        prefix=bool(raw.get("prefix", False)),
        particle=particle,
        gap=int(raw.get("gap", 0)),
        through=_types(raw.get("through"), where) if raw.get("through") else (),
        optional=bool(raw.get("optional", False)),
        paren=bool(raw.get("paren", False)),
        comma_ok=bool(raw.get("comma_ok", False)),
    )


def _check_signature(p: Pattern, where: str) -> None:
    """Domain and range from the ontology: a pattern may not promise an impossible triple."""
    props = fact_properties()
    if p.predicate not in props:
        raise PatternError(f"{where}: {p.predicate!r} is not a fact property of the ontology")
    prop = props[p.predicate]
    subject_types = p.subject.types or tuple(
        t for item in p.sequence if item.bind == "subject" for t in item.types)
    for t in subject_types:
        if t not in prop.domain:
            domain = ", ".join(sorted(prop.domain))
            raise PatternError(f"{where}: {t} is outside the domain of {p.predicate} ({domain})")
    object_types = p.object.types or tuple(t for item in p.sequence if item.bind == "object" for t in item.types)
    object_value = (p.object.value[0] if p.object.value else
                    next((i.value for i in p.sequence if i.bind == "object" and i.value), None))
    if prop.range_kind == ENTITY:
        if object_value is not None:
            raise PatternError(f"{where}: {p.predicate} takes a thing, not a {object_value}")
        for t in object_types:
            if t not in prop.range_classes:
                raise PatternError(f"{where}: {t} is outside the range of {p.predicate}")
    elif object_value is None or prop.range_kind not in VALUE_KINDS[object_value]:
        raise PatternError(f"{where}: {p.predicate} takes a {prop.range_kind} value, the pattern gives "
                           f"{object_value or 'a thing'}")


def _pattern(raw: dict, words: dict[str, frozenset[str]], path: Path) -> Pattern:
    pid = raw.get("id")
    where = f"{path.name}: pattern {pid!r}"
    if not isinstance(pid, str) or not pid:
        raise PatternError(f"{path.name}: a pattern without an id")
    kind = raw.get("kind", "clause")
    if kind not in ("clause", "sequence", "phrase"):
        raise PatternError(f"{where}: unknown kind {kind!r}")
    guards = frozenset(raw.get("guards", ()))
    requires = frozenset(raw.get("requires", ()))
    requires_any = frozenset(raw.get("requires_any", ()))
    for g in guards | requires | requires_any:
        if g not in FLAGS:
            raise PatternError(f"{where}: unknown guard {g!r}")
    examples = []
    for ex in raw.get("examples", ()):
        expect = tuple(tuple(str(x) for x in triple) for triple in ex.get("expect", ()))
        reject = tuple(tuple(str(x) for x in triple) for triple in ex.get("reject", ()))
        if any(len(t) != 3 for t in expect + reject):
            raise PatternError(f"{where}: an expected or rejected triple must have three parts")
        examples.append(Example(ex["text"], expect, ex.get("published"), reject))
    if not examples:
        raise PatternError(f"{where}: every pattern carries at least one example sentence")
    pattern = Pattern(
        id=pid,
        predicate=raw.get("predicate", ""),
        kind=kind,
        subject=_spec(raw.get("subject", {}), words, where + " subject"),
        object=_spec(raw.get("object", {}), words, where + " object"),
        triggers=("",) if raw.get("trigger") == ["*"]  # any predicate: the slots and their cue words decide
        else tuple(sorted(_word_set(raw["trigger"], words, where), key=len, reverse=True))
        if "trigger" in raw else (),
        not_triggers=tuple(_word_set(raw["not_trigger"], words, where)) if "not_trigger" in raw else (),
        sequence=tuple(_item(i, words, f"{where} item {n}") for n, i in enumerate(raw.get("sequence", ()))),
        guards=guards,
        requires=requires,
        requires_any=requires_any,
        confidence=float(raw.get("confidence", 0.8)),
        role=raw.get("role"),
        sign=int(raw.get("sign", 0)),
        extra=tuple((name, _spec(spec, words, f"{where} {name}")) for name, spec in raw.get("extra", {}).items()),
        examples=tuple(examples),
        note=raw.get("note", ""),
    )
    if kind == "clause" and not pattern.triggers:
        raise PatternError(f"{where}: a clause pattern needs a trigger")
    for name, _ in pattern.extra:
        if EXTRAS.get(name) != pattern.predicate:
            raise PatternError(f"{where}: {name!r} is no extra of {pattern.predicate}")
    if kind in ("clause", "phrase") and not (pattern.subject.slots and pattern.object.slots):
        raise PatternError(f"{where}: a {kind} pattern says where subject and object stand ('from')")
    if kind == "sequence" and not {"subject", "object"} <= {i.bind for i in pattern.sequence} | (
            {"subject"} if pattern.subject.slots else set()):
        raise PatternError(f"{where}: a sequence pattern binds a subject and an object")
    _check_signature(pattern, where)
    return pattern


@lru_cache(maxsize=4)
def load_patterns(path: Path = PATTERNS_PATH) -> PatternTable:
    """The pattern table, validated; raises PatternError naming the file and the pattern."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise PatternError(f"{path}: {exc}") from exc
    words: dict[str, frozenset[str]] = {}
    for name, value in data.get("words", {}).items():
        words[name] = _word_set(value, words, f"{path.name}: words.{name}")
    patterns = [_pattern(raw, words, path) for raw in data.get("pattern", ())]
    seen: set[str] = set()
    for p in patterns:
        if p.id in seen:
            raise PatternError(f"{path.name}: two patterns with the id {p.id!r}")
        seen.add(p.id)
    return PatternTable(patterns, words, int(data.get("version", 1)))
