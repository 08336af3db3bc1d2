"""Cue words of Korean AI news, loaded once from `kg/resources/lexicon/cues.json`.

Knowledge is data: the extractors ask this module whether a word is a role,
an organization suffix, a speech verb and so on; no Korean word lists live
in the components' code.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CUES_PATH = Path(__file__).resolve().parents[1] / "resources" / "lexicon" / "cues.json"

_FOLD_DROP = re.compile(r"[\s\-_.·'’\"]+")
_HANGUL = re.compile(r"[가-힣]")
_HANJA = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Compare names the way the contract does: NFKC, case-folded, no spaces, hyphens, dots or quotes."""
    return _FOLD_DROP.sub("", unicodedata.normalize("NFKC", text).casefold())


def lang_of(text: str) -> str:
    """The language tag of a label: ko where it has Hangul, zh where it has Chinese characters, else en."""
    if _HANGUL.search(text):
        return "ko"
    if _HANJA.search(text):
        return "zh"
    return "en"


@dataclass(frozen=True)
class Cues:
    stop_names: frozenset[str]  # folded
    person_roles: dict[str, str]  # folded Korean/English role word -> English role
    person_only_roles: frozenset[str]
    past_role_markers: tuple[str, ...]
    org_suffixes: frozenset[str]  # folded
    org_classifiers: frozenset[str]  # folded
    model_cues: frozenset[str]
    hardware_cues: frozenset[str]
    leaderboard_cues: frozenset[str]
    policy_cues: frozenset[str]
    places: frozenset[str]
    non_name_words: frozenset[str]
    korean_surnames: frozenset[str]
    chinese_surnames: tuple[str, ...]  # Hangul spellings, longest first (어우양, 자오, 왕)
    benchmark_cues: frozenset[str]
    glued_only_suffixes: frozenset[str]
    media_cues: tuple[str, ...]
    pronouns: tuple[str, ...]
    title_suffixes: tuple[str, ...]
    org_classifier_suffixes: tuple[str, ...]
    event_cues: frozenset[str]
    place_suffixes: tuple[str, ...]
    non_thing_heads: frozenset[str]
    legal_policy_cues: frozenset[str]
    country_joiners: tuple[str, ...]
    now_markers: tuple[str, ...]
    hardware_class_words: tuple[str, ...]
    currency_glosses: frozenset[str]
    maker_line_cues: frozenset[str]  # folded
    named_chip_cues: frozenset[str]  # folded
    cue_in_leaderboard_name: frozenset[str]  # folded
    source_subtypes: frozenset[str]  # KB subtypes of organisations that report (NewsAgency, ResearchFirm …)

    def role_of(self, word: str) -> str | None:
        return self.person_roles.get(fold(word))

    def is_stop(self, name: str) -> bool:
        return fold(name) in self.stop_names


@lru_cache(maxsize=1)
def load_cues(path: Path = CUES_PATH) -> Cues:
    data = json.loads(path.read_text(encoding="utf-8"))
    try:
        return Cues(
            stop_names=frozenset(fold(w) for w in data["stop_names"]),
            person_roles={fold(k): v for k, v in data["person_roles"].items()},
            person_only_roles=frozenset(fold(w) for w in data["person_only_roles"]),
            past_role_markers=tuple(data["past_role_markers"]),
            org_suffixes=frozenset(fold(w) for w in data["org_suffixes"]),
            org_classifiers=frozenset(fold(w) for w in data["org_classifiers"]),
            model_cues=frozenset(fold(w) for w in data["model_cues"]),
            hardware_cues=frozenset(fold(w) for w in data["hardware_cues"]),
            maker_line_cues=frozenset(fold(w) for w in data["maker_line_cues"]),
            named_chip_cues=frozenset(fold(w) for w in data["named_chip_cues"]),
            cue_in_leaderboard_name=frozenset(fold(w) for w in data["cue_in_leaderboard_name"]),
            source_subtypes=frozenset(data["source_subtypes"]),
            leaderboard_cues=frozenset(fold(w) for w in data["leaderboard_cues"]),
            policy_cues=frozenset(fold(w) for w in data["policy_cues"]),
            places=frozenset(fold(w) for w in data.get("places", [])),
            non_name_words=frozenset(fold(w) for w in data["non_name_words"]),
            korean_surnames=frozenset(data["korean_surnames"]),
            chinese_surnames=tuple(sorted(data.get("chinese_surnames", []), key=len, reverse=True)),
            benchmark_cues=frozenset(fold(w) for w in data["benchmark_cues"]),
            glued_only_suffixes=frozenset(fold(w) for w in data["glued_only_suffixes"]),
            media_cues=tuple(data["media_cues"]),
            pronouns=tuple(data["pronouns"]),
            title_suffixes=tuple(sorted(data["title_suffixes"], key=len, reverse=True)),
            org_classifier_suffixes=tuple(sorted(data["org_classifier_suffixes"], key=len, reverse=True)),
            event_cues=frozenset(fold(w) for w in data["event_cues"]),
            place_suffixes=tuple(data["place_suffixes"]),
            non_thing_heads=frozenset(fold(w) for w in data["non_thing_heads"]),
            legal_policy_cues=frozenset(fold(w) for w in data["legal_policy_cues"]),
            country_joiners=tuple(data["country_joiners"]),
            now_markers=tuple(data["now_markers"]),
            hardware_class_words=tuple(data["hardware_class_words"]),
            currency_glosses=frozenset(data["currency_glosses"]),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"{path}: missing or malformed key: {exc}") from exc
