"""Resolution inside an article: one thing per referent, whatever name the text uses.

- A discovered name that is a KB surface form of the same class becomes the KB thing.
- A person named by surname (차이 회장, 저커버그는) is the person of the article whose
  full name ends with it, or the KB person with that family name whose employer the
  article names (알리바바의 차이 회장 -> Joe Tsai).
- Discovered things of the same class whose names fold to the same key are one thing
  (the key is the folded name, so this also holds across articles).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.entities import KB_CONFIDENCE
from kg.extract.lexicon import fold
from kg.extract.model import Extraction, Thing, get_extraction
from kg.extract.words import doc_text
from kg.kb import KnowledgeBase, load_kb


class Resolver:
    def __init__(self, kb: KnowledgeBase | None = None) -> None:
        self.kb = kb or load_kb()
        # folded family name -> the KB people who bear it, in file order (asked for every surname)
        self.people_by_family: dict[str, list] = {}
        for rec in self.kb.by_type("Person"):
            for surname in dict.fromkeys(fold(v) for v in rec.family_name.values()):
                self.people_by_family.setdefault(surname, []).append(rec)

    def __call__(self, doc: Doc) -> Doc:
        ext = get_extraction(doc)
        mapping: dict[str, str] = {}
        mentioned_kb = {t.kb_id for t in ext.things.values() if t.kb_id}
        for key, thing in list(ext.things.items()):
            if thing.kb_id:
                continue
            target = self._kb_match(thing, mentioned_kb) or self._surname(thing, ext, mentioned_kb)
            if target is not None and target != key:
                mapping[key] = target
        if mapping:
            self._apply(ext, mapping)
        same = self._same_labels(ext)
        if same:
            self._apply(ext, same)
        text = doc_text(doc)  # spaCy builds doc.text anew on each access
        glossed = self._parenthesised_names(ext, text)
        if glossed:
            self._apply(ext, glossed)
        self._drop_parts_of_glosses(ext, text)
        return doc

    @staticmethod
    def _drop_parts_of_glosses(ext: Extraction, text: str) -> None:
        """'루미나 아랍어(Lumina Arabic)': the parenthesis is the name's gloss; a known name inside it
        (Lumina) is part of that gloss, not a mention of its own."""
        by_end = {m.end: m for m in ext.mentions}
        drop = set()
        for m in ext.mentions:
            if text[m.start - 1 : m.start] not in "(（" or m.start == 0:
                continue
            close = text.find(")", m.start)
            outer = by_end.get(m.start - 1)
            if outer is None or close == -1 or outer.key == m.key:
                continue
            gloss = text[m.start : close].strip()
            thing = ext.things.get(outer.key)
            if thing is not None and gloss != m.text and gloss in {thing.name, *thing.labels}:
                drop.add(id(m))
        if not drop:
            return
        ext.mentions[:] = [m for m in ext.mentions if id(m) not in drop]
        named = {m.key for m in ext.mentions} | {ext.publisher_key}
        for key in [k for k, t in ext.things.items() if k not in named and t.rule.startswith("kb")]:
            del ext.things[key]

    @staticmethod
    def _parenthesised_names(ext: Extraction, text: str) -> dict[str, str]:
        """루미나 X1(瑠米那 X1·Lumina X1): names of the same class in a parenthesis right after a name,
        and nothing else in it, are that thing's other names (two records of the KB stay two)."""
        mapping: dict[str, str] = {}
        mentions = sorted(ext.mentions, key=lambda m: m.start)
        for i, outer in enumerate(mentions):
            if text[outer.end : outer.end + 1] not in "(（" or outer.end >= len(text):
                continue
            close = text.find(")", outer.end)
            if close == -1 or close - outer.end > 80:
                continue
            inner = [m for m in mentions[i + 1 :] if outer.end < m.start and m.end <= close]
            rest = text[outer.end + 1 : close]
            for m in inner:
                rest = rest.replace(m.text, "")
            if not inner or any(m.type != outer.type for m in inner) or rest.strip(" ·,/、") or \
                    outer.type not in ("AIModel", "Organization", "Hardware"):
                continue
            target = mapping.get(outer.key, outer.key)
            for m in inner:
                a, b = ext.things.get(m.key), ext.things.get(target)
                if a is None or b is None or m.key == target or a.kb_id and b.kb_id:
                    continue
                if a.kb_id:  # the knowledge base's record is the thing
                    mapping[target] = m.key
                    target = m.key
                else:
                    mapping[m.key] = target
        return {k: v for k, v in mapping.items() if k != v and v not in mapping}

    @staticmethod
    def _same_labels(ext: Extraction) -> dict[str, str]:
        """Things of one class that share a name (folded) are one thing: 스텝-2 and Step-2, found twice.

        The knowledge base's record wins, then the thing with a Latin name, then the first.
        """
        owner: dict[tuple[str, str], str] = {}
        mapping: dict[str, str] = {}
        def rank(t: Thing) -> tuple:
            return (t.kb_id is None, not t.name.isascii(), t.key)
        for thing in sorted(ext.things.values(), key=rank):
            keys = {(thing.type, fold(x)) for x in [thing.name, *thing.labels] if fold(x)}
            target = next((owner[k] for k in keys if k in owner), None)
            if target is None or target == thing.key:
                for k in keys:
                    owner.setdefault(k, thing.key)
                continue
            if thing.kb_id and ext.things[target].kb_id:
                continue  # two records of the knowledge base stay two things
            mapping[thing.key] = target
            for k in keys:
                owner.setdefault(k, target)
        return mapping

    def _kb_match(self, thing: Thing, mentioned_kb: set[str]) -> str | None:
        names = [thing.name, *thing.labels]
        for name in names:
            recs = [r for r in self.kb.lookup(name) if r.type == thing.type]
            if len(recs) == 1:
                return recs[0].id
            for rec in recs:
                related = {rec.developer, rec.parent} | {org for org, _ in rec.works_for}
                if related & mentioned_kb:
                    return rec.id
        return None

    def _surname(self, thing: Thing, ext: Extraction, mentioned_kb: set[str]) -> str | None:
        if thing.type != "Person" or " " in thing.name.strip():
            return None
        surname = fold(thing.name)
        for other in ext.things.values():
            if other is thing or other.type != "Person":
                continue
            full = [other.name, *other.labels]
            if any(" " in n and fold(n.split()[-1]) == surname for n in full):
                return other.key
        for rec in self.people_by_family.get(surname, ()):
            employers = {org for org, _ in rec.works_for}
            if employers & mentioned_kb:
                return rec.id
        return None

    def _apply(self, ext: Extraction, mapping: dict[str, str]) -> None:
        for old, new in mapping.items():
            source = ext.things.pop(old)
            target = ext.things.get(new)
            if target is None:
                rec = self.kb.get(new)
                if rec is not None:
                    target = Thing(key=rec.id, type=rec.type, name=rec.name, kb_id=rec.id, subtype=rec.subtype,
                                   confidence=KB_CONFIDENCE, rule="kb-resolved")
                else:
                    target = source
                ext.things[new] = target
            for label in [source.name, *source.labels]:
                target.add_label(label, source.labels.get(label, "ko" if any("가" <= c <= "힣" for c in label)
                                                          else "en"))
            if target is not source:
                target.family = target.family or source.family
                target.name_params = target.name_params or source.name_params
                target.name_active = target.name_active or source.name_active
        ext.mentions[:] = [replace(m, key=mapping.get(m.key, m.key)) for m in ext.mentions]
        if ext.publisher_key in mapping:
            ext.publisher_key = mapping[ext.publisher_key]


@Language.factory("aikg_resolve", assigns=["doc._.extraction"])
def make_resolver(nlp: Language, name: str) -> Resolver:
    return Resolver()
