"""Which relation patterns can fire at all, answered before the matcher searches for candidates.

The matcher tries every pattern on every sentence (and every clause pattern on
every predicate). Most tries fail for a reason visible at a glance: the
predicate starts with none of the pattern's triggers, or the sentence holds no
thing of the classes, or no value of the kind, the pattern's subject or object
needs. These are necessary conditions only: a pattern that passes is matched
exactly as before, and one that fails could not have given a match, so the
facts found are the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.clauses import Predicate
from kg.extract.lexicon import fold
from kg.extract.patterns import Pattern, Spec
from kg.extract.suffixes import Suffixes

# slots whose things come from the sentences around or from the knowledge base, not from this sentence
OUTSIDE_SLOTS = ("focus", "context", "members")
OUTSIDE_SLOT_PREFIXES = ("employer:",)
# slots the matcher fills otherwise than with the predicate's phrases in that grammatical role
SPECIAL_SLOTS = frozenset({"focus", "context", "members", "sentence", "owner", "head", "complement", "predicate", "any",
                           "self", "genitive", "paren", "listed"})
CACHE_LIMIT = 200_000  # distinct predicate forms remembered (a long build meets far fewer)


def value_kinds(kinds: tuple[str, ...]) -> frozenset[str]:
    """Value kinds as the normalisers name them (as `matcher._kinds`)."""
    out: set[str] = set()
    for k in kinds:
        out.update({"active_params": ["params"], "params": ["params"], "count": ["count"]}.get(k, [k]))
    return frozenset(out)


class _Prefixes:
    """Which of a set of prefixes a string starts with: one dict look-up per distinct prefix length."""

    def __init__(self, prefixes: dict[str, list[str]]) -> None:
        self._ids = prefixes  # prefix -> pattern ids
        self._lengths = sorted({len(t) for t in prefixes})

    def ids(self, form: str, into: set[str]) -> None:
        for k in self._lengths:
            if k > len(form):
                break
            got = self._ids.get(form[:k])
            if got:
                into.update(got)


class TriggerIndex:
    """The clause patterns a predicate triggers: one of its forms (lemma, surface, lemma with the
    bare noun before it) starts with a trigger and none starts with one of the pattern's exclusions."""

    def __init__(self, patterns: list[Pattern]) -> None:
        yes: dict[str, list[str]] = {}
        no: dict[str, list[str]] = {}
        for p in patterns:
            if p.kind != "clause":
                continue
            for t in p.triggers:
                yes.setdefault(t, []).append(p.id)
            for t in p.not_triggers:
                no.setdefault(t, []).append(p.id)
        self._yes, self._no = _Prefixes(yes), _Prefixes(no)
        self._cache: dict[tuple[str, str, str], frozenset[str]] = {}

    def fired(self, pred: Predicate) -> frozenset[str]:
        forms = (pred.lemma, pred.surface, pred.phrase_lemma)
        got = self._cache.get(forms)
        if got is None:
            fired: set[str] = set()
            blocked: set[str] = set()
            for f in forms:
                self._yes.ids(f, fired)
                self._no.ids(f, blocked)
            got = frozenset(fired - blocked)
            if len(self._cache) >= CACHE_LIMIT:
                self._cache.clear()
            self._cache[forms] = got
        return got


@dataclass(frozen=True)
class Needs:
    """What a sentence must hold for a pattern to match: for each set, a mention of one of its classes,
    a value of one of its kinds, a unit whose folded core is one of its words (`prefix`: whose first
    word is; `suffix`: or ends with one)."""

    classes: tuple[frozenset[str], ...] = ()
    kinds: tuple[frozenset[str], ...] = ()
    words: tuple[tuple[frozenset[str], str], ...] = ()  # (folded words, "exact" | "prefix" | "suffix")


def needs(p: Pattern) -> Needs:
    """The necessary conditions of a pattern, from its subject and object (or its sequence's units)."""
    classes: list[frozenset[str]] = []
    kinds: list[frozenset[str]] = []
    words: list[tuple[frozenset[str], str]] = []
    if p.kind == "sequence":
        for item in p.sequence:
            if item.gap or item.optional:
                continue
            if item.types:
                classes.append(frozenset(item.types))
            if item.value:
                kinds.append(value_kinds((item.value,)))
            if item.words:
                how = "prefix" if item.prefix else "suffix" if item.suffix else "exact"
                words.append((frozenset(fold(w) for w in item.words), how))
    else:
        for spec in (p.subject, p.object):
            if spec.value:
                kinds.append(value_kinds(spec.value))
            elif not any(s in OUTSIDE_SLOTS or s.startswith(OUTSIDE_SLOT_PREFIXES) for s in spec.slots):
                classes.append(frozenset(spec.types))
    return Needs(tuple(classes), tuple(kinds), tuple(words))


class SentenceInventory:
    """What a sentence view holds, for the patterns' `Needs`: the classes of its mentions, the kinds
    of its values and (built only when asked) its units and their folded cores."""

    def __init__(self, view, build_units: Callable[[object], list]) -> None:
        self.view = view
        self.types = frozenset(m.type for m in view.mentions)
        kinds = {q.kind for q in view.quantities}
        if any(d.value is not None for d in view.dates):
            kinds.add("date")
        self.kinds = frozenset(kinds)
        self._build_units = build_units
        self._units: list | None = None
        self._cores: frozenset[str] | None = None
        self._first_words: frozenset[str] | None = None

    def allows(self, needs: Needs) -> bool:
        """Whether the sentence holds all a pattern needs (when not, the pattern cannot match)."""
        return self.has_things(needs) and self.has_words(needs)

    def has_things(self, needs: Needs) -> bool:
        """The classes and value kinds a pattern needs (what `Gates` remembers by sentence signature)."""
        for classes in needs.classes:
            if self.types.isdisjoint(classes):
                return False
        for kinds in needs.kinds:
            if self.kinds.isdisjoint(kinds):
                return False
        return True

    def has_words(self, needs: Needs) -> bool:
        """The unit words a sequence pattern needs."""
        for words, how in needs.words:
            if how == "prefix":
                if self.first_words.isdisjoint(words):
                    return False
            elif self.cores.isdisjoint(words) and not (
                    how == "suffix" and any(_suffixes(words).any(c) for c in self.cores)):
                return False
        return True

    @property
    def units(self) -> list:
        """The sentence's units for sequence patterns (`kg.extract.units`), built on first use."""
        if self._units is None:
            self._units = self._build_units(self.view)
        return self._units

    @property
    def cores(self) -> frozenset[str]:
        if self._cores is None:
            self._cores = frozenset(fold(u.core) for u in self.units)
        return self._cores

    @property
    def first_words(self) -> frozenset[str]:
        if self._first_words is None:
            self._first_words = frozenset(fold(u.core.split()[0]) if u.core.split() else "" for u in self.units)
        return self._first_words


@lru_cache(maxsize=256)
def _suffixes(words: frozenset[str]) -> Suffixes:
    return Suffixes(words)


class Gates:
    """The needs of every pattern of a table, checked for one sentence at once.

    Whether a sentence has the classes and value kinds a pattern needs depends only on
    the sentence's own classes and kinds, and few combinations occur: the answers for all
    patterns are remembered per combination; only unit words are looked at each time.
    """

    def __init__(self, patterns: list[Pattern]) -> None:
        self.needs = [needs(p) for p in patterns]
        self._by_signature: dict[tuple[frozenset[str], frozenset[str]], tuple[bool, ...]] = {}

    def open(self, inventory: SentenceInventory) -> list[bool]:
        """For each pattern, in table order: whether the sentence may give it a match."""
        key = (inventory.types, inventory.kinds)
        things = self._by_signature.get(key)
        if things is None:
            if len(self._by_signature) >= CACHE_LIMIT:
                self._by_signature.clear()
            things = self._by_signature[key] = tuple(inventory.has_things(n) for n in self.needs)
        return [ok and (not n.words or inventory.has_words(n)) for ok, n in zip(things, self.needs, strict=True)]


def plain_roles(spec: Spec) -> tuple[str, ...] | None:
    """The grammatical roles a clause pattern's side is taken from, when all its slots are plain roles
    (`topic`, `object`, `basis` …): a predicate with no phrase in any of them gives it nothing.
    None when some slot is filled otherwise (focus, head, genitive:…, any …)."""
    if any(":" in s or s in SPECIAL_SLOTS for s in spec.slots):
        return None
    return spec.slots


def has_phrase_in(pred: Predicate, roles: tuple[str, ...]) -> bool:
    return any(pred.slot(r) for r in roles)
