"""Attributed statements: who said what about whom.

A sentence is a claim when it has a speech predicate: a reporting verb
(밝혔다, 지적했다, 전망했다…: a speech noun + 하다 or a speech verb), hearsay
(…다고 합니다), a noun predicate (…라는 분석이다/전망입니다), "X에 따르면", or a
quotation. The speaker is the Person or Organization that is the subject or
topic of the reporting clause (also through a role noun: 차이 회장은, or a
possessor: 이코노미스트의 이 기사는); an unnamed speaker (관계자, 전문가) is kept as
text; a sentence that continues the previous speaker (그는 …, …라는 분석이다)
inherits it. Facts stated in a claim's sentence get `stated_by`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.lexicon import Cues, load_cues
from kg.extract.model import StatedClaim, get_extraction
from kg.extract.sentence import GENITIVE, SUBJECT, TOPIC, SentenceView

EXTRACTOR = "kg.extract.claims"
SPEAKER_TYPES = ("Person", "Organization")
NOUN_PREDICATE = re.compile(
    r"(분석|전망|설명|지적|평가|주장|관측|예상|진단|판단|얘기|이야기)(이다|입니다|이라고|이었다|이에요|임)[.…\s]*$"
)
EXPLANATION = re.compile(r"(다는|라는|다고 하는|ㄴ다는) 것(이다|입니다)[.…\s]*$")
HEARSAY = re.compile(r"(다|라|냐|자)고\s*(합니다|한다|했다|했습니다|하였다|함)")
_INNER_QUOTATIVE = re.compile(r"(다|라)고\s*(했|말했|밝혔|주장했|설명했)")
QUOTE = re.compile(r"[\"“][^\"”]{8,}[\"”]")


class ClaimExtractor:
    def __init__(self, cues: Cues | None = None) -> None:
        self.cues = cues or load_cues()
        self.role_like = set(self.cues.person_roles)
        # 지적하 -> 지적: speech nouns that take 하다
        self.noun_verbs = {k[:-1]: v for k, v in self.cues.speech_verbs.items() if k.endswith("하") and len(k) > 1}

    def __call__(self, doc: Doc) -> Doc:
        ext = get_extraction(doc)
        from kg.extract.sentence import sentence_views

        views: list[SentenceView] = sentence_views(doc, ext.mentions, doc.user_data.get("published"))
        last_speaker: tuple[str | None, str | None] | None = None
        last_index = -10
        for index, v in enumerate(views):
            predicate = self._speech_predicate(v)
            if predicate is None and not QUOTE.search(v.text):
                continue
            speaker, speaker_text = self._speaker(v, predicate)
            adjacent = last_speaker is not None and index - last_index <= 2
            if speaker is None and speaker_text is None:
                if not adjacent or predicate is None:
                    continue
                speaker, speaker_text = last_speaker  # type: ignore[misc]
            elif (adjacent and last_speaker and last_speaker[0] and last_speaker[0] != speaker
                  and NOUN_PREDICATE.search(v.text)):
                # "…라고 했는데, 실제는 …라는 설명이다": the reporter's voice closes the sentence
                self._add(ext, v, last_speaker[0], None, predicate or "assessment")
            self._add(ext, v, speaker, speaker_text, predicate or "assessment")
            last_speaker = (speaker, speaker_text)
            last_index = index
        return doc

    def _add(self, ext, v: SentenceView, speaker: str | None, speaker_text: str | None, predicate: str) -> None:
        about = tuple(dict.fromkeys(m.key for m in v.mentions if m.key != speaker))
        claim = StatedClaim(
            about=about,
            claim_type=self._claim_type(v, predicate),
            start=v.start,
            end=v.end,
            confidence=0.75 if speaker else 0.6,
            rule=f"{EXTRACTOR}/{'named' if speaker else 'unnamed'}",
            speaker=speaker,
            speaker_text=speaker_text,
        )
        if claim in ext.claims:
            return
        ext.claims.append(claim)
        if speaker:
            ext.facts[:] = [
                replace(f, stated_by=speaker) if v.start <= f.start and f.end <= v.end and f.stated_by is None
                and "kb-comention" not in f.rule and f.subject != speaker else f
                for f in ext.facts
            ]

    # ------------------------------------------------------------------
    def _speech_predicate(self, v: SentenceView) -> str | None:
        """The claim type suggested by the sentence's reporting predicate, or None if it has none."""
        for w in reversed(v.words):
            kind = self._speech_kind(v, w)
            if kind is not None:
                return kind
        if self._hearsay(v):
            return "forecast" if "전망" in v.text[-12:] or "예상" in v.text[-12:] else "assessment"
        if any(a in v.text for a in self.cues.according_to):
            return "assessment"
        return None

    @staticmethod
    def _hearsay(v: SentenceView) -> bool:
        """…라고 합니다 / …라는 분석이다 / …다는 것입니다: the voice of a source named elsewhere."""
        return bool(NOUN_PREDICATE.search(v.text) or EXPLANATION.search(v.text) or HEARSAY.search(v.text[-20:]))

    def _speaker(self, v: SentenceView, predicate: str | None) -> tuple[str | None, str | None]:
        text = v.full
        if predicate is not None and self._hearsay(v) and not any(
            self._speech_verb_word(v, w) for w in v.words
        ):
            return self._hearsay_speaker(v)
        # X에 따르면 (the nearest speaker before 따르면)
        according = None
        for marker in self.cues.according_to:
            pos = v.text.find(marker)
            if pos != -1:
                abs_pos = v.start + pos
                cands = [m for m in v.mentions if m.type in SPEAKER_TYPES and m.end <= abs_pos and abs_pos - m.end < 16]
                if cands:
                    according = cands[-1]
                break
        speakers = [m for m in v.mentions if m.type in SPEAKER_TYPES]
        topic = [m for m in speakers if v.role_particle(m, self.role_like) in TOPIC]
        subject = [m for m in speakers if v.role_particle(m, self.role_like) in SUBJECT]
        # …라고 NYT가 지적했다: a subject right before the final verb wins
        if subject and subject[-1].end > v.end - 25:
            return subject[-1].key, None
        if topic:
            return topic[0].key, None
        if according is not None:
            return according.key, None
        # 이코노미스트의 이 브리핑 기사는: the possessor of the topic word
        for m in speakers:
            i = v.word_of(m)
            if i is not None and v.particle(i) in GENITIVE:
                for j in range(i + 1, min(len(v.words), i + 4)):
                    if v.particle(j) in TOPIC:
                        return m.key, None
        if subject and predicate is not None:
            return subject[0].key, None
        # 알리바바 CEO 또한 …: a speaker standing first in the sentence without a particle
        if predicate is not None and speakers and v.word_index_at(speakers[0].start) in (0, 1):
            i = v.word_of(speakers[0])
            if i is not None and v.particle(i) not in GENITIVE:
                return speakers[0].key, None
        # an unnamed speaker: 국내 주요 메모리 업체 관계자는
        for i, w in enumerate(v.words):
            core = w.core_text(v.doc)
            if any(core.endswith(u) for u in self.cues.unnamed_speakers) and v.particle(i) in TOPIC + SUBJECT:
                start = v.words[max(0, i - 3)].start
                return None, text[start : w.core_end].strip()
        return None, None

    def _speech_verb_word(self, v: SentenceView, w) -> bool:
        return self._speech_kind(v, w) is not None

    def _speech_kind(self, v: SentenceView, w) -> str | None:
        """The claim type of a reporting verb word (지적했다: noun + 하다; 밝혔다: a verb), else None."""
        if not w.core:
            return None
        if w.tail and w.tail[0].lemma_.startswith("하"):
            kind = self.noun_verbs.get(w.core_text(v.doc))
            if kind is not None:
                return kind
        first = w.core[0]
        if first.tag_.startswith("VV"):
            rest = w.tokens[w.tokens.index(first) + 1 :]
            if any(t.lemma_.startswith("지") and t.tag_.startswith("VX") for t in rest[:1]):
                return None  # 밝혀지다 "be revealed": a passive, nobody speaks
            return self.cues.speech_verbs.get(first.lemma_.split("+")[0])
        return None

    def _hearsay_speaker(self, v: SentenceView) -> tuple[str | None, str | None]:
        """In hearsay only a sentence-initial topic, a possessor of the topic or "X에 따르면" speaks."""
        speakers = [m for m in v.mentions if m.type in SPEAKER_TYPES]
        for marker in self.cues.according_to:
            pos = v.text.find(marker)
            if pos != -1:
                cands = [m for m in speakers if m.end <= v.start + pos and v.start + pos - m.end < 16]
                if cands:
                    return cands[-1].key, None
        for m in speakers:
            i = v.word_index_at(m.start)
            if i is None or i > 6:
                break
            if v.role_particle(m, self.role_like) in TOPIC:
                return m.key, None
            j = v.word_of(m)
            if j is not None and v.particle(j) in GENITIVE and any(v.particle(k) in TOPIC for k in range(j + 1, j + 4)):
                return m.key, None
        # "X가 …라고 했는데, 실제는 …라는 설명이다": X speaks the first half
        inner = _INNER_QUOTATIVE.search(v.text)
        if inner and inner.end() < len(v.text) - 12:
            for m in speakers:
                if m.end <= v.start + inner.start() and v.role_particle(m, self.role_like) in SUBJECT + TOPIC:
                    return m.key, None
        return None, None

    def _claim_type(self, v: SentenceView, predicate: str) -> str:
        tail = v.text[-40:]
        if any(m in tail for m in self.cues.plan_markers):
            return "plan"
        if predicate == "forecast" or any(m in tail for m in self.cues.forecast_markers):
            return "forecast"
        if any(m in v.text for m in self.cues.comparison_markers):
            return "comparison"
        return predicate if predicate in ("assessment", "forecast", "plan", "comparison") else "assessment"



@Language.factory("aikg_claims", assigns=["doc._.extraction"])
def make_claim_extractor(nlp: Language, name: str) -> ClaimExtractor:
    return ClaimExtractor()
