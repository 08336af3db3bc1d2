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
from functools import lru_cache

from kg.extract.clauses import Predicate
from kg.extract.lexicon import fold
from kg.extract.patterns import Item, Pattern, Spec
from kg.extract.suffixes import Suffixes

# slots whose things come from the sentences before or from the knowledge base, not from this sentence
OUTSIDE_SLOTS = ("focus", "context")
OUTSIDE_SLOT_PREFIXES = ("employer:",)
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


class SentenceInventory:
    """What a sentence view holds, for the necessary conditions of the patterns: the classes of its
    mentions, the kinds of its values and (built only when asked) the folded cores of its units."""

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

    def may_fill(self, spec: Spec) -> bool:
        """Whether the sentence could give a candidate for a clause or phrase pattern's side."""
        if spec.value:
            return not self.kinds.isdisjoint(value_kinds(spec.value))
        if any(s in OUTSIDE_SLOTS or s.startswith(OUTSIDE_SLOT_PREFIXES) for s in spec.slots):
            return True
        return not self.types.isdisjoint(spec.types)

    def may_match(self, items: tuple[Item, ...]) -> bool:
        """Whether every unit a sequence pattern requires could stand in the sentence."""
        for item in items:
            if item.gap or item.optional:
                continue
            if item.types and self.types.isdisjoint(item.types):
                return False
            if item.value and not (self.kinds & value_kinds((item.value,))):
                return False
        for item in items:
            if item.gap or item.optional or not item.words:
                continue
            words = _folded(item.words)
            if item.prefix:
                if self.first_words.isdisjoint(words):
                    return False
            elif self.cores.isdisjoint(words) and not (
                    item.suffix and any(_suffixes(words).any(c) for c in self.cores)):
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
def _folded(words: frozenset[str]) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


@lru_cache(maxsize=256)
def _suffixes(words: frozenset[str]) -> Suffixes:
    return Suffixes(words)
