"""What extraction produces for one article: things, mentions, facts and attributed claims.

Plain data, no spaCy and no RDF: the components fill it in on `doc._.extraction`
and the graph builder maps it to the vocabulary. Every item carries the
character span of its evidence in the article file's text and the rule that
made it, so provenance is never added later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from kg.normalize.dates import PartialDate

if TYPE_CHECKING:
    from spacy.tokens import Doc

THING_TYPES = ("Organization", "Person", "AIModel", "Country", "Leaderboard", "Hardware", "Policy")


@dataclass
class Thing:
    """One thing of the graph, identified by `key` (a KB id, or type + folded name for discovered things)."""

    key: str
    type: str
    name: str
    kb_id: str | None = None
    subtype: str | None = None
    confidence: float = 1.0
    labels: dict[str, str] = field(default_factory=dict)  # surface form -> language tag
    rule: str = "kb"
    family: str | None = None  # the thing a variant's name was built on: a KB id or a key of the article
    name_params: int | None = None  # a size in the model's own name (Qwen3-32B)
    name_active: int | None = None  # an active size in the name (A22B)

    def add_label(self, text: str, lang: str) -> None:
        text = " ".join(text.split())
        if text and text != self.name:
            self.labels.setdefault(text, lang)


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    key: str
    type: str
    confidence: float
    rule: str
    weak: bool = False  # a short or ambiguous name, kept only where the context supports it


@dataclass(frozen=True)
class EntityValue:
    key: str


@dataclass(frozen=True)
class NumberValue:
    value: Decimal
    integer: bool = True


@dataclass(frozen=True)
class DateValue:
    value: PartialDate


@dataclass(frozen=True)
class MoneyValue:
    amount: Decimal
    currency: str
    period: str | None = None  # ISO 8601 duration of an investment plan ("P3Y")


@dataclass(frozen=True)
class RankingValue:
    rank: int
    leaderboard: str | None  # key of a Leaderboard thing


Value = EntityValue | NumberValue | DateValue | MoneyValue | RankingValue


@dataclass(frozen=True)
class Fact:
    subject: str
    predicate: str  # local name in the aikg vocabulary
    value: Value
    start: int  # evidence sentence span in the article text
    end: int
    confidence: float
    rule: str
    qualifier: str | None = None  # approximately | atLeast | atMost
    role: str | None = None  # worksFor
    stated_by: str | None = None  # key of the speaker
    date_text: str | None = None  # the date expression as written


@dataclass(frozen=True)
class StatedClaim:
    """An attributed statement that is not one of the vocabulary's facts."""

    about: tuple[str, ...]
    claim_type: str  # assessment | forecast | comparison | plan
    start: int
    end: int
    confidence: float
    rule: str
    speaker: str | None = None  # key of a Person or Organization
    speaker_text: str | None = None  # an unnamed speaker ("업계 관계자"), kept as text


@dataclass
class Extraction:
    """Everything extracted from one article."""

    things: dict[str, Thing] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    claims: list[StatedClaim] = field(default_factory=list)
    publisher_key: str | None = None  # the thing that published the article

    def thing(self, key: str) -> Thing | None:
        return self.things.get(key)


def get_extraction(doc: Doc) -> Extraction:
    """The doc's extraction record, created by the first component that asks.

    The `doc._.extraction` extension is registered by the first call, not when this module is
    imported: the graph builder and `kg build --update` read these classes without spaCy, whose
    import costs about 0.7 s (an update that finds nothing new never extracts).
    """
    try:
        extraction = doc._.extraction
    except AttributeError:  # the first doc of the process
        _register_extension()
        extraction = None
    if extraction is None:
        extraction = doc._.extraction = Extraction()
    return extraction


def _register_extension() -> None:
    from spacy.tokens import Doc

    if not Doc.has_extension("extraction"):
        Doc.set_extension("extraction", default=None)
