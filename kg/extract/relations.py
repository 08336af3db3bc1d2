"""Relations of the vocabulary, read from Korean sentence structure.

Each rule looks at one sentence (words, particles, mentions, quantities and
dates) and attaches a value to the thing it describes:

- adnominal clauses first (6,710억 개의 파라미터를 가진 R1: the quantity belongs to
  the name after 가진), then possessives (Llama 3.1의 파라미터 수), then the topic
  or subject of the clause (QwQ-32B는 … 320억 개의 파라미터로), then the model in
  focus when the sentence says 이 모델;
- appositions and parentheses (메타(페이스북 모회사), Bard(현 Gemini));
- coordination (싱킹 머신스 랩, 코그니션AI 등 미국의 여러 스타트업들이 …);
- past roles (출신, 당시, 전, …였던) never give a current worksFor.

Facts the knowledge base confirms for two things the article names together
(a model and its developer, an organisation and its parent) are added with a
lower confidence and the rule name `kb-comention`, so users can tell them
from what a sentence states.
"""

from __future__ import annotations

import re
from decimal import Decimal

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.lexicon import Cues, fold, load_cues
from kg.extract.model import (
    DateValue,
    EntityValue,
    Extraction,
    Fact,
    Mention,
    MoneyValue,
    NumberValue,
    RankingValue,
    get_extraction,
)
from kg.extract.sentence import GENITIVE, OBJECT, SUBJECT, TOPIC, SentenceView, sentence_views
from kg.kb import KnowledgeBase, load_kb
from kg.normalize.dates import PartialDate

RULE_CONFIDENCE = {
    "adnominal": 0.85,
    "possessive": 0.85,
    "topic": 0.8,
    "only-model": 0.75,
    "focus": 0.7,
    "cue": 0.85,
    "list": 0.75,
    "kb-comention": 0.6,
}
EXTRACTOR = "kg.extract.relations"



_LIST_SEP = re.compile(r"^\s*(,|、|와|과|및|나|이나|또는)\s*$")
_LIST_END = re.compile(r"^\s*(와|과)?\s*(등|같은|와 같은|과 같은|등의|등이|등은)\s*$")
_POSSESSIVE_GAP = re.compile(
    r"^의\s*(['‘\"“]|(새|최신|대표|차세대|신규|자체)\s*)?\s*(모델|AI|LLM|챗봇)?\s*['‘\"“]?\s*$"
)
_CLAUSE_END = re.compile(r"(며|고|으며|지만|는데|했고|했으며),\s")
_FUTURE = re.compile(r"(될|할|하게 될|될 예정|할 예정|예정|계획)\s*(것|이다|입니다|이라고|이라는)?")
_CLAUSE_BREAK = re.compile(r"(하는|한|된|되는|던|들인|있는|했|하며|하고|해)\s")
_PAREN_NOW = re.compile(r"^\s*['\"]?\s*\(\s*현\s+")
_AFTER_PAREN = re.compile(r"^\s*\([^)]{0,40}\)")
_PREDICATE_AFTER = re.compile(r"^(으로|로|이다|입니다|이며|이자|인|으로서)(?!부터)|^\s*(최초|중 처음|가운데)")


class RelationExtractor:
    def __init__(self, kb: KnowledgeBase | None = None, cues: Cues | None = None) -> None:
        self.kb = kb or load_kb()
        self.cues = cues or load_cues()
        self.role_like = set(self.cues.person_roles)
        self.words = self.cues.relation_words

    def __call__(self, doc: Doc) -> Doc:
        ext = get_extraction(doc)
        published: PartialDate | None = doc.user_data.get("published")
        views = sentence_views(doc, ext.mentions, published)
        doc.user_data["sentence_views"] = views
        state = _DiscourseState()
        for view in views:
            self._sentence(view, ext, state)
        self._kb_comentions(ext, views)
        return doc

    # ---------------------------------------------------------------- per sentence
    def _sentence(self, v: SentenceView, ext: Extraction, state: _DiscourseState) -> None:
        models = v.mentions_of("AIModel")
        focus_here = any(w in v.text for w in self.words["focus"])
        self._quantities(v, ext, models, state, focus_here)
        self._release_dates(v, ext, models, state, focus_here)
        self._developer(v, ext, models)
        self._country(v, ext)
        self._parent(v, ext)
        self._successor_and_base(v, ext)
        self._uses(v, ext)
        self._hardware(v, ext)
        self._roles(v, ext)
        self._org_money(v, ext)
        # the model in focus for later "이 모델" sentences
        subject_models = [m for m in models if self._particle(v, m) in TOPIC + SUBJECT + OBJECT]
        if subject_models:
            state.focus = subject_models[0].key if focus_here is False else state.focus or subject_models[0].key
        elif models and not state.focus:
            state.focus = models[0].key

    def _particle(self, v: SentenceView, m: Mention) -> str:
        return v.role_particle(m, self.role_like | {"모델", "챗봇"})

    def _add(self, ext: Extraction, v: SentenceView, subject: str, predicate: str, value, rule: str,
             **extra) -> None:
        if isinstance(value, EntityValue) and value.key == subject:
            return
        fact = Fact(subject, predicate, value, v.start, v.end, RULE_CONFIDENCE.get(rule, 0.7),
                    f"{EXTRACTOR}/{predicate}:{rule}", **extra)
        if fact not in ext.facts:
            ext.facts.append(fact)

    # ---------------------------------------------------------------- quantities on models
    def _model_for_quantity(self, v: SentenceView, q_start: int, q_end: int, models: list[Mention],
                            state: _DiscourseState, focus_here: bool) -> tuple[str, str] | None:
        after = v.full[q_end : min(v.end, q_end + 40)]
        # adnominal: "… 파라미터를 가진 R1"
        for verb in self.words["have_verbs"]:
            pos = after.find(verb)
            if pos != -1 and pos < 25:
                verb_end = q_end + pos + len(verb)
                nxt = [m for m in models if verb_end <= m.start <= verb_end + 12]
                if nxt:
                    return nxt[0].key, "adnominal"
        # "1위 모델이 텐센트의 '훈위안-이미지-3.0'": a rank of "the model that is X"
        if re.match(r"\s*(모델|챗봇|AI)\s*(이|은|는|인|으로)\s", after):
            nxt = [m for m in models if q_end <= m.start <= q_end + 40]
            if nxt:
                return nxt[0].key, "adnominal"
        before = [m for m in models if m.end <= q_start]
        # possessive right before the quantity phrase: "Llama 3.1의 파라미터 수는"
        for m in reversed(before):
            if self._particle(v, m) in GENITIVE and q_start - m.end < 25:
                return m.key, "possessive"
        topical = [m for m in before if self._particle(v, m) in TOPIC + SUBJECT]
        if topical:
            return topical[-1].key, "topic"
        if focus_here:
            # "… '스텝-2' 모델을 선보였으며, 이 모델은 …": the model this sentence introduced first
            found = [v.full.find(w, v.start, q_start) for w in self.words["focus"]]
            pos = min((p for p in found if p != -1), default=-1)
            earlier = [m for m in models if pos != -1 and m.end <= pos]
            if earlier:
                return earlier[-1].key, "focus"
            if state.focus:
                return state.focus, "focus"
        if len({m.key for m in models}) == 1:
            return models[0].key, "only-model"
        return None

    def _quantities(self, v: SentenceView, ext: Extraction, models: list[Mention], state: _DiscourseState,
                    focus_here: bool) -> None:
        for q in v.quantities:
            if q.kind in ("params", "bytes", "rank", "money"):
                target = self._model_for_quantity(v, q.start, q.end, models, state, focus_here)
                if target is None:
                    continue
                key, rule = target
                qual = q.qualifier.value if q.qualifier.value != "exact" else None
                if q.kind == "params":
                    self._add(ext, v, key, "parameterCount", NumberValue(Decimal(int(q.value))), rule, qualifier=qual)
                    if q.active is not None:
                        self._add(ext, v, key, "activeParameterCount", NumberValue(Decimal(int(q.active))), rule)
                elif q.kind == "bytes":
                    self._add(ext, v, key, "modelSizeBytes", NumberValue(Decimal(int(q.value))), rule, qualifier=qual)
                elif q.kind == "rank":
                    nxt = [m for m in v.mentions if q.end <= m.start <= q.end + 2]
                    if nxt and nxt[0].type in ("Person", "Organization", "Country"):
                        continue  # 세계 랭킹 1위 중국 커제: the rank belongs to someone else
                    boards = v.mentions_of("Leaderboard")
                    board = boards[0].key if boards else None
                    self._add(ext, v, key, "ranking", RankingValue(int(q.value), board), rule)
                elif q.kind == "money":
                    window = v.full[max(v.start, q.start - 30) : q.start]
                    if any(w in window for w in self.words["cost_training"]):
                        pred = "trainingCost"
                    elif any(w in window for w in self.words["cost_development"]):
                        pred = "developmentCost"
                    else:
                        continue
                    self._add(ext, v, key, pred, MoneyValue(q.value, q.unit or "USD"), rule, qualifier=qual)

    # ---------------------------------------------------------------- release dates
    def _release_dates(self, v: SentenceView, ext: Extraction, models: list[Mention], state: _DiscourseState,
                       focus_here: bool) -> None:
        verbs = self.cues.relation_verbs.get("release", ())
        has_verb = [w for w in v.words if w.core and (w.core_text(v.doc).startswith(verbs)
                                                      or w.core[0].lemma_.split("+")[0] in verbs)]
        if not has_verb:
            if focus_here and state.pending_date is not None and models:
                date, text = state.pending_date
                self._add(ext, v, models[0].key, "releaseDate", DateValue(date), "focus", date_text=text)
            state.pending_date = None
            return
        date = None
        date_text = None
        for d in v.dates:
            if d.value is not None:
                date, date_text = d.value, d.text
                break
            if any(x in d.text for x in self.words["days_after"]) and state.last_date is not None:
                prev = state.last_date
                date, date_text = PartialDate(prev.year, prev.month), d.text
                break
        if date is None:
            return
        state.last_date = date
        targets = []
        verb_start = has_verb[-1].start
        for m in models:
            p = self._particle(v, m)
            if m.start < verb_start and (p in OBJECT or p in ("이라는", "라는") or self._adnominal_release(v, m)):
                targets.append(m)
        if not targets:
            targets = [m for m in models if self._adnominal_release(v, m) or self._particle(v, m) in OBJECT]
        if not targets and len({m.key for m in models}) == 1:
            targets = models[:1]
        if not targets:
            state.pending_date = (date, date_text)
            return
        seen = set()
        for m in targets:
            if m.key in seen or self._future_release(v, m):
                continue
            seen.add(m.key)
            own = self._date_of_clause(v, m, state)
            value, text = own if own is not None else (date, date_text)
            self._add(ext, v, m.key, "releaseDate", DateValue(value), "cue", date_text=text)

    def _date_of_clause(self, v: SentenceView, m: Mention, state: _DiscourseState):
        """The resolved date closest before the model in its own clause (A는 9월 X를 출시했으며, B는 8월 Y를 …)."""
        for d in reversed([d for d in v.dates if d.end <= m.start]):
            if _CLAUSE_END.search(v.full[d.end : m.start]):
                break
            if d.value is not None:
                return d.value, d.text
        return None

    def _future_release(self, v: SentenceView, m: Mention) -> bool:
        """"출시될 것", "출시할 예정": a planned release is not a release date."""
        after = v.full[m.end : min(v.end, m.end + 40)]
        return bool(_FUTURE.search(after))

    def _adnominal_release(self, v: SentenceView, m: Mention) -> bool:
        """"지난해 7월 출시한 … Llama 3.1": a release verb in adnominal form shortly before the name."""
        window = v.full[max(v.start, m.start - 40) : m.start]
        return _adnominal_verb(window, self.cues.relation_verbs.get("release", ()))

    # ---------------------------------------------------------------- developers
    def _developer(self, v: SentenceView, ext: Extraction, models: list[Mention]) -> None:
        """딥시크의 V3 / 네이버가 … '하이퍼클로바X 씽크'를 공개 / 메타가 출시한 Llama 3.1."""
        if not models:
            return
        orgs = v.mentions_of("Organization")
        verbs = self.cues.relation_verbs.get("release", ()) + self.cues.relation_verbs.get("develop", ())
        for model in models:
            # possessive: ORG의 'MODEL'
            for org in orgs:
                gap = v.full[org.end : model.start]
                if org.end <= model.start and _POSSESSIVE_GAP.match(gap):
                    self._add(ext, v, model.key, "developedBy", EntityValue(org.key), "possessive")
            # adnominal: ORG가 … 출시한 MODEL
            window = v.full[max(v.start, model.start - 40) : model.start]
            if _adnominal_verb(window, verbs):
                subj = [o for o in orgs if o.end <= model.start and model.start - o.end <= 40
                        and self._particle(v, o) in SUBJECT + TOPIC]
                if subj:
                    self._add(ext, v, model.key, "developedBy", EntityValue(subj[-1].key), "adnominal")
                    continue
            # clause: ORG는 … MODEL을 공개했다
            if self._particle(v, model) not in OBJECT + ("이라는", "라는"):
                continue
            after = v.full[model.end : v.end]
            if not any(x in after[:40] for x in verbs):
                continue
            subj = [o for o in orgs if o.end <= model.start and self._particle(v, o) in SUBJECT + TOPIC]
            if subj:
                self._add(ext, v, model.key, "developedBy", EntityValue(subj[-1].key), "topic")

    # ---------------------------------------------------------------- country
    def _country(self, v: SentenceView, ext: Extraction) -> None:
        countries = v.mentions_of("Country")
        for c in countries:
            ci = v.word_of(c)
            if ci is None:
                continue
            particle = v.particle(ci)
            if particle not in ("", "의") or (v.words[ci].has_tail() and particle == ""):
                continue
            # forward: 중국 스타트업 문샷AI / 미국의 벤처 투자자인 차마트 팔리하피티야 / 미국 메타
            for j in range(ci + 1, min(len(v.words), ci + 5)):
                target = self._mention_in_word(v, j, ("Organization", "Person"))
                if target is not None:
                    self._add(ext, v, target.key, "country", EntityValue(c.key), "cue")
                    break
                w = v.words[j]
                if self._mention_in_word(v, j, ("Country", "AIModel", "Hardware", "Leaderboard", "Policy")):
                    break
                if w.has_tail() and not w.tail[0].tag_.startswith("VCP"):
                    break
            # predicate: OpenAI는 … 미국의 기업으로 / 알리바바가 중국 빅테크 기업 최초로
            for j in range(ci + 1, min(len(v.words), ci + 4)):
                core = fold(v.words[j].core_text(v.doc))
                if core in self.cues.org_classifiers and _PREDICATE_AFTER.match(v.full[v.words[j].core_end : v.end]):
                    subj = [m for m in v.mentions if m.type == "Organization" and m.end <= c.start
                            and self._particle(v, m) in TOPIC + SUBJECT]
                    if subj:
                        self._add(ext, v, subj[0].key, "country", EntityValue(c.key), "topic")
                    break
                if v.words[j].has_tail():
                    break
            # coordination: X, Y 등 미국의 여러 스타트업들 / 알리바바, 지푸와 같은 중국 AI 모델
            prev_text = v.full[max(v.start, c.start - 12) : c.start]
            if "등" in prev_text or "같은" in prev_text:
                for m in self._list_before(v, c.start):
                    self._add(ext, v, m.key, "country", EntityValue(c.key), "list")

    def _mention_in_word(self, v: SentenceView, j: int, types: tuple[str, ...]) -> Mention | None:
        w = v.words[j]
        for m in v.mentions:
            if m.type in types and w.start <= m.start < w.end:
                return m
        return None

    def _list_before(self, v: SentenceView, pos: int) -> list[Mention]:
        """The coordinated Organizations ending right before `pos`: "X, Y 등 …", "X, Y와 같은 …"."""
        items = [m for m in v.mentions if m.end <= pos and m.type == "Organization"]
        if not items:
            return []
        last = items[-1]
        if not _LIST_END.match(v.full[last.end : pos]):
            return []
        out = [last]
        for m in reversed(items[:-1]):
            if not _LIST_SEP.match(v.full[m.end : out[-1].start]):
                break
            out.append(m)
        return list(reversed(out))

    # ---------------------------------------------------------------- parent organisations
    def _parent(self, v: SentenceView, ext: Extraction) -> None:
        orgs = v.mentions_of("Organization")
        text = v.full
        for m in orgs:
            i = v.word_of(m)
            if i is None:
                continue
            w = v.words[i]
            # 메타(페이스북 모회사): parent is the outer name
            if w.paren:
                inner = w.paren_text(v.doc)
                for child in orgs:
                    if child is not m and w.paren[0].idx <= child.start < w.paren[-1].idx + len(w.paren[-1].text):
                        if any(x in inner for x in self.words["parent"]):
                            self._add(ext, v, child.key, "parentOrganization", EntityValue(m.key), "cue")
                        elif any(x in inner for x in self.words["child"]):
                            self._add(ext, v, m.key, "parentOrganization", EntityValue(child.key), "cue")
            # 페이스북의 모회사 메타 / 틱톡의 모회사 중국 바이트댄스
            if v.particle(i) in GENITIVE and i + 1 < len(v.words):
                nxt = v.words[i + 1].core_text(v.doc)
                if nxt in self.words["parent"] or nxt in self.words["child"]:
                    for k in range(i + 2, min(len(v.words), i + 5)):
                        other = self._mention_in_word(v, k, ("Organization",))
                        if other is not None:
                            if nxt in self.words["parent"]:
                                self._add(ext, v, m.key, "parentOrganization", EntityValue(other.key), "cue")
                            else:
                                self._add(ext, v, other.key, "parentOrganization", EntityValue(m.key), "cue")
                            break
        del text

    # ---------------------------------------------------------------- successors and bases
    def _successor_and_base(self, v: SentenceView, ext: Extraction) -> None:
        models = v.mentions_of("AIModel")
        for m in models:
            i = v.word_of(m)
            if i is None:
                continue
            # Bard(현 Gemini): the name in the parenthesis succeeds the outer one
            now = _PAREN_NOW.match(v.full[m.end : v.end])
            if now:
                close = v.full.find(")", m.end + now.end(), v.end)
                for other in models:
                    if other is not m and m.end + now.end() <= other.start < (close if close != -1 else v.end):
                        self._add(ext, v, other.key, "successorOf", EntityValue(m.key), "cue")
            after = v.full[m.end : min(v.end, m.end + 30)]
            later = [o for o in models if o.start >= m.end and o.key != m.key]
            # o1의 업그레이드 버전인 o3 / Qwen의 새 버전 QwQ
            if v.particle(i) in GENITIVE and any(x in after[:15] for x in self.words["successor"]) and later:
                nxt = later[0]
                if nxt.start - m.end < 30:
                    self._add(ext, v, nxt.key, "successorOf", EntityValue(m.key), "cue")
            # 'GPT'를 활용한 'ChatGPT' / X를 기반으로 한 Y
            if v.particle(i) in OBJECT and later and any(x in after[:12] for x in self.words["built_with"]):
                self._add(ext, v, later[0].key, "basedOn", EntityValue(m.key), "cue")
        # X … MODEL에서 가져온 것 / MODEL을 기반으로 (subject: the topic organisation or model)
        base_verbs = self.cues.relation_verbs.get("base", ())
        for m in models:
            after = v.full[m.end : min(v.end, m.end + 60)]
            after = _AFTER_PAREN.sub("", after, count=1)
            if after.startswith(self.words["derived_from"]) and any(
                b in v.text for b in base_verbs
            ):
                subjects = [s for s in v.mentions if s.start < m.start and s.type in ("Organization", "AIModel")
                            and self._particle(v, s) in TOPIC + SUBJECT and s.key != m.key]
                if subjects:
                    self._add(ext, v, subjects[0].key, "basedOn", EntityValue(m.key), "topic")

    # ---------------------------------------------------------------- uses
    def _uses(self, v: SentenceView, ext: Extraction) -> None:
        use_verbs = self.words["use_verbs"]
        verb_words = [w for w in v.words if w.core and w.core_text(v.doc).startswith(use_verbs)]
        if not verb_words:
            return
        verb = verb_words[-1]
        tail = v.full[verb.start : min(v.end, verb.end + 8)]
        if any(n in tail for n in self.words["negations"]) or any(x in tail for x in self.words["conditional"]):
            return
        subjects, objects = [], []
        for m in v.mentions:
            if m.start >= verb.start or m.type not in ("Organization", "AIModel"):
                continue
            p = self._particle(v, m)
            (subjects if m.type == "Organization" and not objects and p in ("", "이", "가", "은", "는", "와", "과")
             else objects).append(m)
        # subjects: the coordinated organisations that end with the subject particle (… 등 … 스타트업들이)
        subj_end = None
        for idx, w in enumerate(v.words):
            if w.end > verb.start:
                break
            if v.particle(idx) in TOPIC + SUBJECT:
                subj_end = w.end
                break
        if subj_end is None:
            return
        subj_mentions = [m for m in v.mentions if m.type == "Organization" and m.end <= subj_end]
        if not subj_mentions:
            return
        last = subj_mentions[-1]
        gap = v.full[last.end : subj_end]
        if len(gap) > 20 or any(x in gap for x in (",", "따르면", "에서")):
            return
        subjects = _coordinated(v, last)
        objects = [m for m in v.mentions if m.type in ("Organization", "AIModel") and subj_end <= m.start < verb.start]
        if not subjects or not objects:
            return
        if _CLAUSE_BREAK.search(v.full[objects[-1].end : verb.start]):
            return  # the names belong to another clause: "LLama 모델을 개발하는 데에 … 사용했다"
        for s in subjects:
            for o in objects:
                self._add(ext, v, s.key, "uses", EntityValue(o.key), "list")

    # ---------------------------------------------------------------- hardware
    def _hardware(self, v: SentenceView, ext: Extraction) -> None:
        """V3는 H800 칩 2,048개로 훈련됐다 / 딥시크는 엔비디아 H20을 사용한다: the topic uses the hardware."""
        chips = v.mentions_of("Hardware")
        if not chips:
            return
        verbs = self.words["use_verbs"] + self.cues.relation_verbs.get("develop", ())
        for chip in chips:
            after = v.full[chip.end : v.end]
            verb = re.search(r"[가-힣]+", after[:40])
            window = after[:40]
            if not any(x in window for x in verbs) or any(n in window for n in self.words["negations"]):
                continue
            if any(x in window for x in self.words["conditional"]) or verb is None:
                continue
            users = [m for m in v.mentions if m.end <= chip.start and m.type in ("AIModel", "Organization")
                     and self._particle(v, m) in TOPIC + SUBJECT]
            if users:
                self._add(ext, v, users[-1].key, "usesHardware", EntityValue(chip.key), "topic")

    # ---------------------------------------------------------------- worksFor
    def _roles(self, v: SentenceView, ext: Extraction) -> None:
        people = v.mentions_of("Person")
        for p in people:
            i = v.word_of(p)
            first = v.word_index_at(p.start)
            if i is None or first is None:
                continue
            role, org, past = self._role_frame(v, first, i, p)
            if role and org and not past:
                self._add(ext, v, p.key, "worksFor", EntityValue(org.key), "cue", role=role)
            # PERSON … ORG를 설립 : founder
            if self._particle(v, p) in TOPIC + SUBJECT:
                for m in v.mentions_of("Organization"):
                    if m.start > p.end:
                        after = v.full[m.end : min(v.end, m.end + 8)]
                        if after.startswith(self.words["founded"]):
                            self._add(ext, v, p.key, "worksFor", EntityValue(m.key), "cue", role="founder")

    def _role_frame(self, v: SentenceView, first: int, i: int,
                    person: Mention) -> tuple[str | None, Mention | None, bool]:
        """(role, organisation, past) around a person: ORG의 NAME ROLE, NAME ORG ROLE, ORG의 ROLE인 NAME.

        `first` and `i` are the first and last words of the person's name.
        """
        words = v.words
        role = None
        org = None
        past = False
        # roles after the name (skipping an organisation or place between)
        j = i + 1
        while j < len(words) and j <= i + 3:
            core = words[j].core_text(v.doc)
            r = self.cues.role_of(core) or (self.cues.role_of(words[j].paren_text(v.doc)) if words[j].paren else None)
            m = self._mention_in_word(v, j, ("Organization",))
            if m is not None and org is None and not words[j].has_tail():
                org = m
                j += 1
                continue
            if self._mention_in_word(v, j, ("Country",)) is not None and not words[j].has_tail():
                j += 1
                continue
            if r:
                role = r
                past = any(x in v.full[words[j].start : words[j].end + 4] for x in self.cues.past_role_markers[:2])
                break
            if fold(core) in self.cues.places and not words[j].has_tail():
                j += 1
                continue
            break
        if role is None:
            # ROLE인 NAME : the role word right before the name, possibly after ORG의
            k = first - 1
            if k >= 0:
                core = words[k].core_text(v.doc)
                r = self.cues.role_of(core) or (
                    self.cues.role_of(words[k].paren_text(v.doc)) if words[k].paren else None
                )
                if r is None and k - 1 >= 0:  # two-word roles: 벤처 투자자인
                    r = self.cues.role_of(words[k - 1].core_text(v.doc) + " " + core)
                if r:
                    role = r
                    tail = words[k].tail_text
                    past = any(x in tail for x in self.cues.past_role_markers)
                    for kk in range(k - 1, max(-1, k - 4), -1):
                        m = self._mention_in_word(v, kk, ("Organization",))
                        if m is not None:
                            org = m
                            break
        if org is None and role is not None:
            # ORG의 NAME ROLE / ORG NAME ROLE
            for kk in range(first - 1, max(-1, first - 3), -1):
                m = self._mention_in_word(v, kk, ("Organization",))
                if m is not None:
                    org = m
                    break
        before = v.full[max(v.start, person.start - 6) : person.start]
        if any(x in before for x in ("전 ", "前 ", "당시 ")):
            past = True
        return role, org, past

    # ---------------------------------------------------------------- organisation money
    def _org_money(self, v: SentenceView, ext: Extraction) -> None:
        orgs = v.mentions_of("Organization")
        if not orgs:
            return
        topical = [m for m in orgs if self._particle(v, m) in TOPIC + SUBJECT] or orgs
        subject = topical[0]
        for q in v.quantities:
            before = v.full[max(v.start, q.start - 40) : q.start]
            after = v.full[q.end : min(v.end, q.end + 25)]
            qual = q.qualifier.value if q.qualifier.value != "exact" else None
            if q.kind == "percent" and q.sign and any(w in v.text for w in self.words["stock"]):
                owner = next((m for m in orgs if self._particle(v, m) in GENITIVE), subject)
                self._add(ext, v, owner.key, "stockChange", NumberValue(q.value * q.sign, integer=False), "cue")
            elif q.kind == "money" and "투자" in after and any(w in v.text for w in self.cues.plan_markers + ("할",)):
                period = next((d.unit for d in v.quantities if d.kind == "duration" and d.end <= q.start), None)
                self._add(ext, v, subject.key, "investmentPlan", MoneyValue(q.value, q.unit or "USD", period),
                          "topic", qualifier=qual)
            elif q.kind == "money" and any(w in before + after for w in self.words["valuation"]):
                # 01.AI의 기업 가치가 …: the possessor of the valuation, else the topic
                owner = next((m for m in reversed(orgs) if m.end <= q.start and self._particle(v, m) in GENITIVE
                              and any(w in v.full[m.end : q.start] for w in self.words["valuation"])), subject)
                self._add(ext, v, owner.key, "valuation", MoneyValue(q.value, q.unit or "USD"), "topic",
                          qualifier=qual)

    # ---------------------------------------------------------------- KB-confirmed co-mentions
    def _kb_comentions(self, ext: Extraction, views: list[SentenceView]) -> None:
        """A model and its developer (or an organisation and its parent) named in the same article."""
        first_sentence: dict[str, SentenceView] = {}
        for v in views:
            for m in v.mentions:
                first_sentence.setdefault(m.key, v)
        stated = {(f.subject, f.predicate) for f in ext.facts}
        for key, thing in ext.things.items():
            rec = self.kb.get(thing.kb_id) if thing.kb_id else None
            if rec is None:
                continue
            pairs = []
            if rec.type == "AIModel":
                pairs.append(("developedBy", rec.developer))
            if rec.type == "Organization":
                pairs.append(("parentOrganization", rec.parent))
            for pred, obj in pairs:
                if not obj or obj not in ext.things or (key, pred) in stated:
                    continue
                v = _sentence_with_both(views, key, obj) or first_sentence.get(key)
                if v is None:
                    continue
                fact = Fact(key, pred, EntityValue(obj), v.start, v.end, RULE_CONFIDENCE["kb-comention"],
                            f"{EXTRACTOR}/{pred}:kb-comention")
                ext.facts.append(fact)


def _adnominal_verb(window: str, verbs: tuple[str, ...]) -> bool:
    """The text before a name ends with "출시한 (up to three bare words)": the name is what was released."""
    m = re.search(r"(\S+)(한|된|했던|하는)\s+((?:[^\s,.]+\s+){0,3})['‘\"“]?$", window)
    if not m or not any(m.group(1).endswith(x) for x in verbs):
        return False
    between = m.group(3).split()
    return not any(re.search(r"(은|는|이|가|을|를|에|의|로|과|와)$", w) for w in between)


def _coordinated(v: SentenceView, last: Mention) -> list[Mention]:
    """`last` and the Organizations coordinated with it right before (X, Y와 Z)."""
    items = [m for m in v.mentions if m.end <= last.start and m.type == "Organization"]
    out = [last]
    for m in reversed(items):
        if not _LIST_SEP.match(v.full[m.end : out[-1].start]):
            break
        out.append(m)
    return list(reversed(out))


def _sentence_with_both(views: list[SentenceView], a: str, b: str) -> SentenceView | None:
    for v in views:
        keys = {m.key for m in v.mentions}
        if a in keys and b in keys:
            return v
    return None


class _DiscourseState:
    """What earlier sentences leave for later ones: the model in focus and dates of events."""

    def __init__(self) -> None:
        self.focus: str | None = None
        self.last_date: PartialDate | None = None
        self.pending_date: tuple[PartialDate, str] | None = None


@Language.factory("aikg_relations", assigns=["doc._.extraction"])
def make_relation_extractor(nlp: Language, name: str) -> RelationExtractor:
    return RelationExtractor()
