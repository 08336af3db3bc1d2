"""Facts the knowledge base confirms for two things an article names together.

An article that names a model and, anywhere, the organisation the knowledge
base records as its developer states, for a reader, who made the model
("구글의 새 모델 … 제미나이 2.5 플래시"). Such facts are added with a lower
confidence and the rule `kb-comention`, on the sentence that names both (or
the model's first sentence), so that they can always be told apart from what a
sentence states. A variant the knowledge base does not list inherits the
developer of its family the same way (rule `family-developer`).
"""

from __future__ import annotations

from decimal import Decimal

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.model import EntityValue, Extraction, Fact, NumberValue, get_extraction
from kg.extract.views import SentenceView
from kg.kb import KnowledgeBase, load_kb

COMENTION_CONFIDENCE = 0.6
NAME_CONFIDENCE = 0.7
SERIES_CONFIDENCE = 0.6
RULE = "kg.extract.comention"


class KBComentions:
    def __init__(self, kb: KnowledgeBase | None = None) -> None:
        self.kb = kb or load_kb()

    def __call__(self, doc: Doc) -> Doc:
        ext = get_extraction(doc)
        views: list[SentenceView] = doc._.views or []
        first_sentence: dict[str, SentenceView] = {}
        for v in views:
            for m in v.mentions:
                first_sentence.setdefault(m.key, v)
        stated = {(f.subject, f.predicate) for f in ext.facts}
        self.facts = list(ext.facts)
        for key, thing in ext.things.items():
            for pred, obj, rule in self._confirmed(thing):
                if not obj or obj not in ext.things or (key, pred) in stated or obj == key:
                    continue
                v = _sentence_with_both(views, key, obj) or first_sentence.get(key)
                if v is None:
                    continue
                ext.facts.append(Fact(key, pred, EntityValue(obj), v.start, v.end, COMENTION_CONFIDENCE,
                                      f"{RULE}/{pred}:{rule}"))
                stated.add((key, pred))
        self._sizes_in_names(ext, first_sentence, stated)
        self._series_dates(ext, views, stated)
        self._country_in_name(ext, views, stated)
        return doc

    def _country_in_name(self, ext: Extraction, views: list[SentenceView], stated: set) -> None:
        """An organisation named with its country (미국 상무부, 中国移动): that country, where the knowledge
        base agrees and the article names the country as a thing."""
        countries = {t.kb_id: key for key, t in ext.things.items() if t.type == "Country" and t.kb_id}
        for v in views:
            for m in v.mentions:
                thing = ext.things.get(m.key)
                if thing is None or thing.type != "Organization" or (m.key, "country") in stated:
                    continue
                rec = self.kb.get(thing.kb_id) if thing.kb_id else None
                land = self.kb.country(rec.country) if rec is not None and rec.country else None
                if land is None or land.id not in countries:
                    continue
                # 미국 상무부, 미 상무부, 中国移动; never a one-letter alias glued to a name (미드저니, 한화)
                if any(m.text.startswith(alias) and len(m.text) > len(alias) and (
                        m.text[len(alias)] == " " or not alias.isascii() and len(alias) >= 2)
                       for alias, _ in land.all_aliases()):
                    ext.facts.append(Fact(m.key, "country", EntityValue(countries[land.id]), v.start, v.end,
                                          NAME_CONFIDENCE, f"{RULE}/country:country-in-name"))
                    stated.add((m.key, "country"))

    @staticmethod
    def _series_dates(ext: Extraction, views: list[SentenceView], stated: set) -> None:
        """A series released on a date, its variants named in the same paragraph after it: the same date.

        노바랩스는 3월 12일 '루미나 2'를 공개했다. 루미나 2 프로와 루미나 2 미니도 함께 나왔다.
        """
        where = {v.start: v for v in views}
        dated: dict[str, list[tuple[Fact, SentenceView]]] = {}
        for f in ext.facts:
            if f.predicate == "releaseDate" and f.rule.startswith("kg.extract.matcher") and f.start in where:
                dated.setdefault(f.subject, []).append((f, where[f.start]))
        if not dated:
            return
        for key, thing in ext.things.items():
            if thing.type != "AIModel" or (key, "releaseDate") in stated or thing.family not in dated:
                continue
            first = next((v for v in views if any(m.key == key for m in v.mentions)), None)
            fact = next((f for f, origin in dated[thing.family] if first is not None
                         and first.index >= origin.index and first.paragraph == origin.paragraph), None)
            if fact is None:
                continue
            ext.facts.append(Fact(key, "releaseDate", fact.value, first.start, first.end, SERIES_CONFIDENCE,
                                  f"{RULE}/releaseDate:series-date", date_text=fact.date_text))
            stated.add((key, "releaseDate"))

    @staticmethod
    def _sizes_in_names(ext: Extraction, first_sentence: dict, stated: set) -> None:
        """A size in a model's own name (Qwen3-32B; A22B active) gives its parameter count, unless the
        article states another (the contract, section 2)."""
        for key, thing in ext.things.items():
            v = first_sentence.get(key)
            if v is None or thing.type != "AIModel":
                continue
            for pred, value in (("parameterCount", thing.name_params), ("activeParameterCount", thing.name_active)):
                if value and (key, pred) not in stated:
                    ext.facts.append(Fact(key, pred, NumberValue(Decimal(value)), v.start, v.end,
                                          NAME_CONFIDENCE, f"{RULE}/{pred}:size-in-name"))
                    stated.add((key, pred))

    def _confirmed(self, thing) -> list[tuple[str, str | None, str]]:
        rec = self.kb.get(thing.kb_id) if thing.kb_id else None
        if rec is not None:
            if rec.type == "AIModel":
                return [("developedBy", rec.developer, "kb-comention")]
            if rec.type == "Organization":
                return [("parentOrganization", rec.parent, "kb-comention")]
            return []
        if thing.type != "AIModel" or not thing.family:
            return []
        family = self.kb.get(thing.family)
        if family is not None:
            return [("developedBy", family.developer, "family-developer")]
        stated = next((f.value.key for f in self.facts if f.subject == thing.family and f.predicate == "developedBy"
                       and isinstance(f.value, EntityValue)), None)
        return [("developedBy", stated, "family-developer")]


def _sentence_with_both(views: list[SentenceView], a: str, b: str) -> SentenceView | None:
    for v in views:
        keys = {m.key for m in v.mentions}
        if a in keys and b in keys:
            return v
    return None


def facts_of(ext: Extraction, predicate: str) -> list[Fact]:
    return [f for f in ext.facts if f.predicate == predicate]


@Language.factory("aikg_kb_facts", requires=["doc._.views", "doc._.extraction"], assigns=["doc._.extraction"])
def make_kb_comentions(nlp: Language, name: str) -> KBComentions:
    return KBComentions()
