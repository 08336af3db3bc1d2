"""The words of reported speech, loaded once from `kg/resources/patterns/speech.toml`.

Who said what is told in Korean news by a small grammar — a speaker, a clause
ending in 다고/라며/…이라고, a reporting verb; a stance noun (…다는 입장이다,
…겠다는 계획을 밝혔다); a source (X에 따르면) — and a larger vocabulary: which
verbs report, which only relay hearsay (…다고 한다, 알려졌다), which nouns stand
for a statement and which for the writer's own reading (…라는 분석이다), which
words name an unnamed speaker (관계자, 소식통). `kg.extract.claims` holds the
grammar; this module holds the vocabulary, as data, so that a word is added
without touching code. Every entry carries an example sentence of its own (with
invented names) and the speaker it must give; `tests/test_claims.py` runs them.

Loading fails, naming the entry, on an unknown section, claim type, frame or
behaviour, or an entry without an example.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

SPEECH_PATH = Path(__file__).resolve().parents[1] / "resources" / "patterns" / "speech.toml"

CLAIM_TYPES = ("assessment", "forecast", "comparison", "plan")
VERB_FRAMES = frozenset({"stance", "estimate", "object"})
COPULA_USES = frozenset({"speaker", "continues", "writer"})
SECTIONS = {
    "verb": "lemma", "not_reporting": "lemma", "hearsay": "lemma", "stance_noun": "noun",
    "source_noun": "noun", "unnamed_speaker": "noun", "also_word": "word", "linking_noun": "noun",
    "comparison_cue": "cue", "imperative_ending": "ending", "org_unit": "noun",
}


class SpeechDataError(ValueError):
    """A malformed entry of the speech data: the message names the file and the entry."""


@dataclass(frozen=True)
class Example:
    """An invented sentence and what the claims component must make of it."""

    section: str
    key: str  # the lemma, noun or cue the entry is about
    text: str
    speaker: str  # the speaker's name (or the unnamed speaker's text); "" when no one speaks
    claim_type: str | None = None


@dataclass(frozen=True)
class Verb:
    """A reporting verb: what it reports is a claim of its subject."""

    lemma: str
    claim_type: str | None  # None: the type comes from what is said
    frames: frozenset[str]  # besides a …다고 clause: stance (…다는 점을), estimate (X를 Y로), object (X를)


@dataclass(frozen=True)
class StanceNoun:
    """A noun that stands for a statement (입장, 계획, 분석 …)."""

    noun: str
    claim_type: str | None
    strong: bool  # any predicate reports it (…겠다는 목표를 내걸었다); weak ones (점) need a reporting verb
    copula: str  # as a copula (…라는 N이다): speaker (its topic speaks), continues, writer


@dataclass(frozen=True)
class SpeechLexicon:
    verbs: dict[str, Verb]
    not_reporting: frozenset[str]  # take a …다고 clause, report nobody (알려지, 불리)
    hearsay: dict[str, str]  # light verbs of hearsay -> the flag that makes them speech (하: past)
    stance_nouns: dict[str, StanceNoun]
    source_nouns: frozenset[str]  # documents and statements whose author speaks (보고서, 기사)
    unnamed_speakers: tuple[str, ...]  # longest first
    also_words: frozenset[str]  # 역시, 또한: the words before them are a speaker
    linking_nouns: frozenset[str]  # 반면, 가운데: make the clause before them subordinate
    comparison_cues: tuple[str, ...]
    imperative_endings: frozenset[str]  # …하라고: what is reported is an order, not a statement
    org_units: frozenset[str]  # 팀, 측: ORG 팀은 is the organisation speaking
    examples: tuple[Example, ...] = field(default=())

    def verb(self, lemma: str) -> Verb | None:
        return self.verbs.get(lemma)

    def unnamed(self, core: str) -> str | None:
        """The unnamed-speaker noun a word ends with (업계 관계자는 -> 관계자), if any."""
        return next((u for u in self.unnamed_speakers if core.endswith(u)), None)


def _claim_type(raw: Any, where: str) -> str | None:
    if raw is None:
        return None
    if raw not in CLAIM_TYPES:
        raise SpeechDataError(f"{where}: unknown claim type {raw!r} (one of {', '.join(CLAIM_TYPES)})")
    return raw


def _example(section: str, key: str, raw: dict, where: str) -> Example:
    text = raw.get("example")
    if not isinstance(text, str) or not text.strip():
        raise SpeechDataError(f"{where}: every entry needs an example sentence")
    speaker = raw.get("speaker")
    if not isinstance(speaker, str):
        raise SpeechDataError(f"{where}: say which speaker the example gives (\"\" for none)")
    return Example(section, key, text, speaker, _claim_type(raw.get("claim_type"), where))


@lru_cache(maxsize=1)
def load_speech(path: Path = SPEECH_PATH) -> SpeechLexicon:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    unknown = set(data) - set(SECTIONS) - {"version", "about"}
    if unknown:
        raise SpeechDataError(f"{path.name}: unknown sections {sorted(unknown)}")
    entries: dict[str, list[tuple[str, dict]]] = {}
    examples: list[Example] = []
    for section, key_name in SECTIONS.items():
        rows = []
        for i, raw in enumerate(data.get(section, ())):
            key = raw.get(key_name)
            where = f"{path.name}: [[{section}]] #{i + 1} {key!r}"
            if not isinstance(key, str) or not key:
                raise SpeechDataError(f"{where}: needs a {key_name}")
            examples.append(_example(section, key, raw, where))
            rows.append((key, raw, where))
        entries[section] = rows
    verbs = {}
    for key, raw, where in entries["verb"]:
        frames = frozenset(raw.get("frames", ()))
        if frames - VERB_FRAMES:
            raise SpeechDataError(f"{where}: unknown frames {sorted(frames - VERB_FRAMES)}")
        verbs[key] = Verb(key, _claim_type(raw.get("type"), where), frames)
    stance = {}
    for key, raw, where in entries["stance_noun"]:
        copula = raw.get("copula", "speaker")
        if copula not in COPULA_USES:
            raise SpeechDataError(f"{where}: copula must be one of {sorted(COPULA_USES)}")
        stance[key] = StanceNoun(key, _claim_type(raw.get("type"), where), bool(raw.get("strong", True)), copula)
    hearsay = {}
    for key, raw, _where in entries["hearsay"]:
        hearsay[key] = str(raw.get("speech_when", ""))
    keys = {s: frozenset(k for k, _r, _w in rows) for s, rows in entries.items()}
    return SpeechLexicon(
        verbs=verbs,
        not_reporting=keys["not_reporting"],
        hearsay=hearsay,
        stance_nouns=stance,
        source_nouns=keys["source_noun"],
        unnamed_speakers=tuple(sorted(keys["unnamed_speaker"], key=len, reverse=True)),
        also_words=keys["also_word"],
        linking_nouns=keys["linking_noun"],
        comparison_cues=tuple(sorted(keys["comparison_cue"], key=len, reverse=True)),
        imperative_endings=keys["imperative_ending"],
        org_units=keys["org_unit"],
        examples=tuple(examples),
    )
