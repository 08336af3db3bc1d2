"""Entity recognition: known things from the knowledge base, then things the KB does not know.

Known things are matched on Kiwi morphemes: at each token start, successive
tokens are folded (case, spaces, hyphens, dots) and looked up in an alias
index, longest match first. Because matching is on whole morphemes, particles
never block a match (딥시크가, 알리바바의), spacing and punctuation variants
fold to one key (문샷AI / 문샷 AI, QwQ-32B / QwQ 32B, GPT 4o), names glued to
other scripts split at the script change (메타Meta), and a name inside a
longer word does not match (메타 in 메타버스).

Unknown things are discovered from words typed by their context: a role noun
next to a name makes a Person (제니 샤오 파트너, 투자자인 차마트 팔리하피티야),
an organization suffix or classifier makes an Organization (레오니스 캐피털,
스타트업 X), a model cue or a release verb makes an AIModel, and so on. They
get a lower confidence than KB matches.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.extract.lexicon import Cues, fold, load_cues
from kg.extract.model import Extraction, Mention, Thing, get_extraction
from kg.extract.words import Word, doc_text, sentences_with_words
from kg.kb import KBRecord, KnowledgeBase, load_kb

KB_CONFIDENCE = 0.95
WEAK_CONFIDENCE = 0.85
DISCOVERY_CONFIDENCE = 0.7
MAX_NAME_TOKENS = 14

_HANGUL = re.compile(r"[가-힣]")
_LATIN = re.compile(r"[A-Za-z]")
_HANJA = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_VERSION_AFTER = re.compile(
    r"[ -]?(\d{1,2}(?:\.\d)?)"
    r"(?![\d.,%]|\s*(?:개|명|곳|위|년|월|일|배|억|만|조|천|달러|원|위안|달|주|시간|분|초|GB|TB|B\b))"
)
_QUOTED = re.compile(r"['‘]([^'’\n]{2,40})['’]")
_NAME_CHARS = re.compile(r"^[가-힣A-Za-z0-9\u3400-\u9fff.&\-·' ]+$")


def lang_of(text: str) -> str:
    if _HANGUL.search(text):
        return "ko"
    if _HANJA.search(text):
        return "zh"
    return "en"


STRONG, SHORT, AMBIGUOUS, FAMILY = "strong", "short", "ambiguous", "family"
LOCAL_SUPPORT_AFTER = 24  # characters after an ambiguous name searched for a cue word


@dataclass
class AliasIndex:
    """Folded alias -> [(record id, kind)], with every prefix of every alias for early stopping.

    kind: "strong" (matches alone), "short" (R1, V3: needs the developer in the article),
    "ambiguous" (소라, 달리: an ordinary word too; needs local support) or "family" (a bare
    surname: needs a title after it).
    """

    entries: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    prefixes: set[str] = field(default_factory=set)

    @classmethod
    def from_kb(cls, kb: KnowledgeBase, cues: Cues) -> AliasIndex:
        index = cls()
        for text, _lang, record_id, loose in kb.surface_forms():
            key = fold(text)
            rec = kb.get(record_id)
            if not key or rec is None or (key in cues.stop_names and not loose):
                continue
            if not loose:
                kind = STRONG
            elif text in rec.ambiguous:
                kind = AMBIGUOUS
            elif any(text in forms for forms in rec.short.values()):
                kind = SHORT
            else:
                kind = FAMILY
            if (record_id, kind) not in index.entries[key]:
                index.entries[key].append((record_id, kind))
            for i in range(1, len(key) + 1):
                index.prefixes.add(key[:i])
        return index


class EntityRecognizer:
    """spaCy component: KB matches and discovered things into `doc._.extraction`."""

    def __init__(self, kb: KnowledgeBase | None = None, cues: Cues | None = None) -> None:
        self.kb = kb or load_kb()
        self.cues = cues or load_cues()
        self.index = AliasIndex.from_kb(self.kb, self.cues)

    # ------------------------------------------------------------ KB matching
    def match_kb(self, doc: Doc) -> list[tuple[int, int, list[tuple[str, str]]]]:
        """(start token, end token, candidates) for the longest alias match at each position.

        A Hangul gloss glued to a Latin name of the same thing (Gemini제미나이 Flash Thinking)
        is skipped inside a match, so the full name still matches.
        """
        tokens = list(doc)
        n = len(tokens)
        found = []
        i = 0
        while i < n:
            tok = tokens[i]
            first = fold(tok.text)
            if tok.tag_ == "_SP" or not first or first not in self.index.prefixes:
                i += 1
                continue
            if i > 0 and _glued_same_script(tokens[i - 1], tok):
                i += 1
                continue
            acc = ""
            best: tuple[int, str] | None = None
            j = i
            while j < min(n, i + MAX_NAME_TOKENS):
                t = tokens[j]
                if t.tag_ == "_SP":
                    break
                piece = fold(t.text)
                if acc and acc in self.index.entries and acc + piece not in self.index.prefixes:
                    gloss = self.index.entries.get(piece)
                    ids = {rid for rid, _ in self.index.entries[acc]}
                    if gloss and ids & {rid for rid, _ in gloss} and not tokens[j - 1].whitespace_:
                        j += 1
                        continue
                acc += piece
                if piece and acc in self.index.entries and not _continues_word(tokens, j):
                    best = (j, acc)
                if acc not in self.index.prefixes:
                    break
                j += 1
            if best is None:
                i += 1
                continue
            j, key = best
            found.append((i, j + 1, self.index.entries[key]))
            i = j + 1
        return found

    # ------------------------------------------------------------ component
    def __call__(self, doc: Doc) -> Doc:
        ext = get_extraction(doc)
        text = doc_text(doc)
        kb_spans = self.match_kb(doc)
        strong_ids = {rid for _, _, cands in kb_spans for rid, kind in cands if kind == STRONG and len(cands) == 1}
        support = self._supported_ids(strong_ids)
        # An ambiguous name supported once (이코노미스트의 … 기사) is that thing everywhere in the article.
        accepted = {rid for start, end, cands in kb_spans for rid, kind in cands
                    if kind == AMBIGUOUS and self._local_support(text, doc[start:end], rid)}
        taken: list[tuple[int, int]] = []
        for start, end, cands in kb_spans:
            span = doc[start:end]
            kept = []
            for rid, kind in cands:
                if kind == FAMILY and not (self._role_follows(doc, end) and self._related(rid) & support
                                           and not self._given_name_before(doc, start)):
                    # a bare surname is a name only next to a title and the person's organisation
                    # (알리바바의 차이 회장), never 차이를 "difference" nor another 데이비드 첸
                    continue
                if kind == AMBIGUOUS and rid not in support and rid not in accepted:
                    continue  # 달리 "unlike", 이란 "that is": only with a cue, a gloss or quotes
                if kind == SHORT and not self._related(rid) & support:
                    continue
                kept.append((rid, kind))
            record, kind = self._choose(kept, support)
            if record is None:
                continue
            self._add_mention(doc, ext, span.start_char, span.end_char, record, kind != STRONG)
            taken.append((span.start_char, span.end_char))
        self._publisher(doc, ext, text, taken)
        Discoverer(self, doc, ext, taken).run()
        return doc

    def _publisher(self, doc: Doc, ext: Extraction, text: str, taken: list[tuple[int, int]]) -> None:
        """The publisher (metadata or dateline) is an Organization, mentioned wherever the kept text names it.

        It is matched before discovery so that a byline such as "김동규 PADO 편집장" sees the
        outlet as an organisation, not as part of a name.
        """
        name = (doc.user_data.get("publisher") or "").strip()
        if not name:
            return
        key = fold(name)
        thing = next((t for t in ext.things.values() if t.type == "Organization"
                      and key in {fold(t.name), *(fold(x) for x in t.labels)}), None)
        if thing is None:
            rec = next((r for r in self.kb.lookup(name) if r.type == "Organization"), None)
            if rec is not None:
                thing = Thing(key=rec.id, type="Organization", name=rec.name, kb_id=rec.id, subtype=rec.subtype,
                              confidence=0.9, rule="publisher")
            else:
                thing = Thing(key=f"organization:{key}", type="Organization", name=name, subtype="MediaOutlet",
                              confidence=0.8, rule="publisher")
            thing = ext.things.setdefault(thing.key, thing)
        ext.publisher_key = thing.key
        for m in re.finditer(re.escape(name), text):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                thing.add_label(name, lang_of(name))
                ext.mentions.append(Mention(m.start(), m.end(), name, thing.key, "Organization",
                                            thing.confidence, "publisher"))
                taken.append((m.start(), m.end()))

    def _related(self, rid: str) -> set[str]:
        rec = self.kb.get(rid)
        if rec is None:
            return set()
        related = {r for r in (rec.developer, rec.parent, rec.based_on, rec.successor_of) if r}
        return related | {org for org, _ in rec.works_for}

    def _local_support(self, text: str, span: Span, rid: str) -> bool:
        """An ambiguous name counts with a glued gloss in another script, quotes, or a type cue after it."""
        rec = self.kb.get(rid)
        before = text[max(0, span.start_char - 1) : span.start_char]
        after = text[span.end_char : span.end_char + LOCAL_SUPPORT_AFTER]
        if before in ("'", '"', "‘", "“") or after[:1] in ("'", '"', "’", "”"):
            return True
        glued = re.match(r"[A-Za-z가-힣][A-Za-z0-9가-힣 .\-]{0,30}", after)
        if glued and rec is not None and after[:1] and not after[:1].isspace():
            # 메타Meta: glued to another of its own names in another script
            head = glued.group(0)
            for forms in rec.aliases.values():
                if any(head.startswith(a) and a != text[span.start_char : span.end_char] for a in forms):
                    return True
        m = re.match(r"\s*[(<]\s*([^)>]{2,40})[)>]", after)
        if m and rec is not None:
            inner = fold(m.group(1))
            if any(fold(a) == inner for forms in rec.aliases.values() for a in forms):
                return True
        if rec is None:
            return False
        cues = {
            "AIModel": self.cues.model_cues,
            "Hardware": self.cues.hardware_cues,
            "Leaderboard": self.cues.leaderboard_cues,
            "Policy": self.cues.policy_cues,
        }.get(rec.type, frozenset())
        words = re.findall(r"[가-힣A-Za-z]+", after)[:2]
        if any(fold(w) in cues for w in words):
            return True
        if rec.type == "Organization":
            return any(w in after[:14] for w in self.cues.media_cues)
        return False

    def _given_name_before(self, doc: Doc, start: int) -> bool:
        """A bare name word right before the surname (데이비드 첸): someone the KB's surname does not cover."""
        k = start - 1
        if k < 0 or not doc[k].whitespace_:
            return False
        tag = doc[k].tag_.split("+")[0]
        return tag in ("NNP", "SL") or (tag == "NNG" and len(doc[k].text) >= 2 and doc[k].text[-1] not in "의은는이가")

    def _role_follows(self, doc: Doc, end: int) -> bool:
        """The word after token `end` (skipping whitespace) is a role noun: CEO, 회장, 교수..."""
        k = end
        while k < len(doc) and doc[k].tag_ == "_SP":
            k += 1
        if end < len(doc) and not doc[end - 1].whitespace_ and k == end:
            return False  # a particle follows directly: 차이를
        word = ""
        while k < len(doc) and doc[k].tag_ != "_SP":
            tag = doc[k].tag_.split("+")[0]
            if word and (tag.startswith("J") or tag.startswith("E") or tag.startswith("VCP")):
                break
            word += doc[k].text
            if doc[k].whitespace_:
                break
            k += 1
        return self.cues.role_of(word) is not None

    def _supported_ids(self, strong_ids: set[str]) -> set[str]:
        """Ids that make short names plausible: what the article names strongly, and what those relate to."""
        support = set(strong_ids)
        for rid in strong_ids:
            support |= self._related(rid)
        return support

    def _choose(self, cands: list[tuple[str, str]], support: set[str]) -> tuple[KBRecord | None, str]:
        if not cands:
            return None, STRONG
        strong = [rid for rid, kind in cands if kind == STRONG]
        if len(strong) == 1:
            return self.kb.get(strong[0]), STRONG
        for rid, kind in cands:
            if rid in support or self._related(rid) & support:
                return self.kb.get(rid), kind
        if len(cands) == 1:
            return self.kb.get(cands[0][0]), cands[0][1]
        return None, STRONG

    def _add_mention(self, doc: Doc, ext: Extraction, start: int, end: int, rec: KBRecord, weak: bool) -> None:
        text = doc_text(doc)[start:end]
        thing = ext.things.get(rec.id)
        if thing is None:
            thing = Thing(key=rec.id, type=rec.type, name=rec.name, kb_id=rec.id, subtype=rec.subtype,
                          confidence=KB_CONFIDENCE, rule="kb")
            ext.things[rec.id] = thing
        thing.add_label(text, lang_of(text))
        ext.mentions.append(Mention(start, end, text, rec.id, rec.type,
                                    WEAK_CONFIDENCE if weak else KB_CONFIDENCE, "kb-short" if weak else "kb", weak))


def _glued_same_script(prev, tok) -> bool:
    """True when `tok` continues a word of the same script (a Latin name inside a longer Latin word)."""
    if prev.whitespace_ or prev.tag_ == "_SP":
        return False
    a, b = prev.text[-1:], tok.text[:1]
    return bool(_LATIN.match(a) and _LATIN.match(b)) or (a.isdigit() and b.isdigit())


def _continues_word(tokens, j: int) -> bool:
    """A match must not end inside a word: the next token may not be more of the same name."""
    if j + 1 >= len(tokens):
        return False
    cur, nxt = tokens[j], tokens[j + 1]
    if cur.whitespace_ or nxt.tag_ == "_SP":
        return False
    a, b = cur.text[-1:], nxt.text[:1]
    if _LATIN.match(a) and (_LATIN.match(b) or b.isdigit()):
        return True
    if a.isdigit() and (b.isdigit() or b in ".,") and len(nxt.text) > 1:
        return True
    # A Hangul name followed by a Hangul noun in the same word (메타 + 버스) is a different word.
    return bool(_HANGUL.match(a) and _HANGUL.match(b) and nxt.tag_.split("+")[0] in ("NNG", "NNP", "XSN"))


# ------------------------------------------------------------------ discovery
class Discoverer:
    """Finds things the KB does not know, typed by the words around them."""

    def __init__(self, rec: EntityRecognizer, doc: Doc, ext: Extraction, taken: list[tuple[int, int]]) -> None:
        self.rec = rec
        self.cues = rec.cues
        self.doc = doc
        self.full = doc_text(doc)
        self.ext = ext
        self.taken = taken
        self.sentence_mentions: list[Mention] = list(ext.mentions)
        self.suffix_tuple = tuple(sorted(self.cues.org_suffixes, key=len, reverse=True))

    def run(self) -> None:
        self._quoted_models()
        self._versioned_models()
        for sent, words in sentences_with_words(self.doc):
            lo, hi = sent.start_char, sent.end_char
            self.sentence_mentions = [m for m in self.ext.mentions if m.start < hi and lo < m.end]
            for i, word in enumerate(words):
                self._aliases_in_parentheses(word)
                self._person_by_role(words, i)
                self._org_by_suffix_or_classifier(words, i)
                self._thing_by_cue_after(words, i)
                self._object_of_verb(words, i)
                self._hanja_person(words, i)

    def _quoted_models(self) -> None:
        """'하이퍼클로바X 씽크' 모델을 공개: a quoted name before a model cue or a release verb is a model.

        When a KB name covers only part of the quotation, the quotation names a new model
        (a version or variant the KB does not know), so the partial match gives way.
        """
        release = self.cues.relation_verbs.get("release", ())
        for m in _QUOTED.finditer(self.full):
            inner_start, inner_end = m.start(1), m.end(1)
            inner = m.group(1).strip()
            after = self.full[m.end() : m.end() + 24]
            words = re.findall(r"[가-힣A-Za-z]+", after)
            cue = words[:3]
            is_model = any(fold(w) in self.cues.model_cues for w in cue[:2]) or (
                after.lstrip().startswith(("를", "을", "이라는", "라는"))
                and any(w.startswith(release) for w in cue[1:3])
            )
            if not is_model or not self._name_ok(inner) or not self._name_tokens(inner_start, inner_end):
                continue
            inside = [x for x in self.ext.mentions if inner_start <= x.start and x.end <= inner_end]
            if any(x.start == inner_start and x.end == inner_end for x in inside):
                continue  # the KB knows the whole name
            if any(x.type != "AIModel" for x in inside):
                continue
            for x in inside:
                self.ext.mentions.remove(x)
                self.taken.remove((x.start, x.end))
            self.add(inner_start, inner_end, "AIModel", "discovery:quoted-model")

    def _versioned_models(self) -> None:
        """그록 5, 클로드 7: a known model family followed by a version the KB does not list is a new model."""
        for m in [m for m in self.ext.mentions if m.type == "AIModel" and m.rule == "kb"]:
            version = _VERSION_AFTER.match(self.full, m.end)
            if version is None:
                continue
            self.ext.mentions.remove(m)
            self.taken.remove((m.start, m.end))
            thing = self.add(m.start, version.end(1), "AIModel", "discovery:model-version")
            if thing is None:  # not a usable name after all: keep the KB match
                self.ext.mentions.append(m)
                self.taken.append((m.start, m.end))

    # helpers ---------------------------------------------------------
    def _overlaps(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.taken)

    def _known_at(self, word: Word) -> Mention | None:
        """The mention covering this word's core, if any (mentions of the current sentence only)."""
        for m in self.sentence_mentions:
            if m.start <= word.core_start and word.core_end <= m.end and m.start < m.end:
                return m
        return None

    def _name_ok(self, name: str, whole: bool = True) -> bool:
        """Could this be (a word of) a name? Whole names need two characters; words of names one."""
        name = name.strip()
        if len(name) < (2 if whole else 1) or not _NAME_CHARS.match(name):
            return False
        if self.cues.is_stop(name) or fold(name) in self.cues.places or fold(name) in self.cues.non_name_words:
            return False
        return not (name.isdigit())

    def _name_tokens(self, start: int, end: int) -> bool:
        """Only nouns, foreign words, numbers and symbols, with at least one proper noun or foreign word."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        tags = [t.tag_.split("+")[0] for t in span if not t.is_space]
        allowed = ("NNP", "NNG", "NR", "SL", "SN", "SH", "SO", "SW", "XSN", "SP")
        if not all(t.startswith(allowed) for t in tags):
            return False
        # a proper noun or foreign word, or a versioned name such as 루미나-2
        return any(t in ("NNP", "SL", "SH") for t in tags) or ("SN" in tags and tags[0].startswith("NN"))

    def _proper(self, start: int, end: int) -> bool:
        """Kiwi saw a proper noun, a foreign word or Chinese characters somewhere in text[start:end]."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        return any(t.tag_.split("+")[0] in ("NNP", "SL", "SH") for t in span)

    def add(self, start: int, end: int, type_: str, rule: str, extra_label: str | None = None,
            confidence: float = DISCOVERY_CONFIDENCE) -> Thing | None:
        """Mint (or reuse) a discovered thing for text[start:end]."""
        text = self.full[start:end].strip()
        if not self._name_ok(text) or self._overlaps(start, end):
            return None
        name, other = split_glued_scripts(text)
        if not self._name_ok(name):
            return None
        key = discovered_key(type_, name)
        thing = self.ext.things.get(key)
        if thing is None:
            latin = other if other and lang_of(other) == "en" else None
            canonical = latin or name
            thing = Thing(key=key, type=type_, name=canonical, confidence=confidence, rule=rule)
            self.ext.things[key] = thing
        thing.add_label(name, lang_of(name))
        if other:
            thing.add_label(other, lang_of(other))
        if extra_label:
            thing.add_label(extra_label, lang_of(extra_label))
        mention = Mention(start, end, self.full[start:end], key, type_, confidence, rule)
        self.ext.mentions.append(mention)
        self.sentence_mentions.append(mention)
        self.taken.append((start, end))
        return thing

    def _name_run_left(self, words: list[Word], i: int, max_words: int = 3) -> tuple[int, int] | None:
        """Words j..i-1 that form a bare name right before word i (no particles, not known things)."""
        j = i - 1
        start = end = None
        count = 0
        while j >= 0 and count < max_words:
            w = words[j]
            if w.has_tail() or not w.core or self._known_at(w) is not None:
                break
            core = w.core_text(self.doc)
            if fold(core) in self.cues.places or self.cues.role_of(core) or not self._name_ok(core, whole=False):
                if start is None and fold(core) in self.cues.places:
                    j -= 1
                    continue
                break
            start = w.core_start
            end = end or w.core_end
            count += 1
            j -= 1
        return (start, end) if start is not None else None

    def _name_run_right(self, words: list[Word], i: int, max_words: int = 3) -> tuple[int, int, int] | None:
        """Words after word i that form a name, ending at the first word with a particle."""
        start = end = None
        j = i + 1
        count = 0
        while j < len(words) and count < max_words:
            w = words[j]
            if not w.core or self._known_at(w) is not None:
                break
            core = w.core_text(self.doc)
            if not self._name_ok(core, whole=False) or self.cues.role_of(core):
                break
            start = start if start is not None else w.core_start
            end = w.core_end
            count += 1
            if w.has_tail() or w.paren:
                break
            j += 1
        return (start, end, j) if start is not None else None

    # rules -----------------------------------------------------------
    def _aliases_in_parentheses(self, word: Word) -> None:
        """`알리바바(阿里巴巴)`, `소라(Sora)`: the parenthesis is another name of the same thing."""
        if not word.paren or not word.core:
            return
        inner = word.paren_text(self.doc).strip()
        known = self._known_at(word)
        if known is None or not self._name_ok(inner) or len(inner) > 40:
            return
        if self.cues.is_stop(inner) or self.cues.role_of(inner):
            return
        if lang_of(inner) == lang_of(known.text) and lang_of(inner) == "ko":
            return  # a Korean gloss such as (페이스북 모회사) is a description, not a name
        thing = self.ext.things.get(known.key)
        if thing is not None and (_HANJA.search(inner) or _LATIN.search(inner)):
            if lang_of(inner) == "en" and not inner[:1].isupper() and not inner[:1].isdigit():
                return
            thing.add_label(inner, lang_of(inner))

    def _role_word(self, word: Word) -> str | None:
        core = word.core_text(self.doc)
        role = self.cues.role_of(core)
        if role is None and word.paren:
            role = self.cues.role_of(word.paren_text(self.doc))
        return role

    def _person_by_role(self, words: list[Word], i: int) -> None:
        word = words[i]
        role = self._role_word(word)
        is_person_only = fold(word.core_text(self.doc)) in self.cues.person_only_roles
        if role is None and not is_person_only:
            return
        # NAME [ORG|PLACE]* ROLE : 제니 샤오 파트너, 이란 첸 미국 듀크대 석좌교수
        j = i - 1
        while j >= 0 and not words[j].has_tail() and (
            self._known_at(words[j]) is not None and self._known_at(words[j]).type in ("Organization", "Country")
            or fold(words[j].core_text(self.doc)) in self.cues.places
        ):
            j -= 1
        # ROLE인 NAME : 투자자인 차마트 팔리하피티야, 창립자인 폴 고티에 (the name follows)
        if word.tail and word.tail[0].tag_.startswith("VCP"):
            right = self._name_run_right(words, i)
            if right is not None and self._person_like(*right[:2]):
                self.add(right[0], right[1], "Person", "discovery:role-before-name")
            return
        run = self._name_run_left(words, j + 1)
        if run is not None and self._person_like(*run):
            self.add(run[0], run[1], "Person", "discovery:role-after-name")

    def _person_like(self, start: int, end: int) -> bool:
        """A person's name: several words (제니 샤오), a proper noun (하만주), or a Korean family name first."""
        name = self.full[start:end].strip()
        if " " in name or _LATIN.search(name):
            return True
        if self._proper(start, end) and 2 <= len(name) <= 5:
            return True
        return len(name) == 3 and name[0] in self.cues.korean_surnames

    def _org_by_suffix_or_classifier(self, words: list[Word], i: int) -> None:
        word = words[i]
        core = word.core_text(self.doc)
        if not core or self._known_at(word) is not None:
            return
        # X 캐피털 / 싱킹 머신스 랩 / 코그니션AI: the last word (or its end) is an organization suffix.
        folded_core = fold(core)
        suffix = None
        if folded_core.endswith(self.suffix_tuple):
            suffix = next(s for s in self.suffix_tuple if folded_core.endswith(s))
        if suffix is not None:
            folded = fold(core)
            if folded == suffix:  # the suffix is a word of its own: the name is the words before it
                if suffix in self.cues.glued_only_suffixes:
                    return
                run = self._name_run_left(words, i, max_words=2)
                if run is not None and not word.paren and self._proper(run[0], run[1]):
                    self.add(run[0], word.core_end, "Organization", "discovery:org-suffix")
                return
            stem = folded[: -len(suffix)]
            if stem and not self.cues.is_stop(stem) and (_LATIN.search(core) or _HANGUL.search(stem)):
                if len(stem) >= 2 and self._proper(word.core_start, word.core_end - len(suffix)):
                    self.add(word.core_start, word.core_end, "Organization", "discovery:org-suffix")
                return
        # 스타트업 X / 플랫폼 X / 개발사 X: a classifier noun right before a bare name.
        if i > 0 and fold(words[i - 1].core_text(self.doc)) in self.cues.org_classifiers:
            if not words[i - 1].has_tail() and (_LATIN.search(core) or word.tokens[0].tag_.startswith("NNP")):
                self.add(word.core_start, word.core_end, "Organization", "discovery:org-classifier")

    def _thing_by_cue_after(self, words: list[Word], i: int) -> None:
        """'X' 모델 / X 칩 / X 벤치마크 / 'X' 정책: the noun after a name types it."""
        if i == 0:
            return
        cue = fold(words[i].core_text(self.doc))
        prev = words[i - 1]
        if prev.has_tail() or not prev.core:
            return
        known = self._known_at(prev)
        if cue in self.cues.hardware_cues and known is not None and known.type == "Organization":
            # 엔비디아 GPU: the maker's product line
            self.add(prev.core_start, words[i].core_end, "Hardware", "discovery:hardware-cue")
            return
        if known is not None:
            return
        name = prev.core_text(self.doc)
        named = self._name_tokens(prev.core_start, prev.core_end)
        if cue in self.cues.model_cues and named and (prev.quoted or _LATIN.search(name)):
            self.add(prev.core_start, prev.core_end, "AIModel", "discovery:model-cue")
        elif cue in self.cues.policy_cues and prev.quoted and named:
            self.add(prev.core_start, prev.core_end, "Policy", "discovery:policy-cue")
        elif cue in self.cues.leaderboard_cues and (
            cue in self.cues.benchmark_cues or self._proper(prev.core_start, prev.core_end)
        ):
            self.add(prev.core_start, words[i].core_end, "Leaderboard", "discovery:leaderboard-cue")

    def _object_of_verb(self, words: list[Word], i: int) -> None:
        """X를 설립 -> Organization; Latin-named X를 출시/공개 -> AIModel."""
        word = words[i]
        if i + 1 >= len(words) or not word.tail or self._known_at(word) is not None:
            return
        if word.tail[0].text not in ("를", "을"):
            return
        verb = words[i + 1].core_text(self.doc)
        relation = self.cues.relation_verbs
        name = word.core_text(self.doc)
        if any(verb.startswith(v) for v in relation.get("found", ())):
            self.add(word.core_start, word.core_end, "Organization", "discovery:founded-object")
        elif any(verb.startswith(v) for v in relation.get("release", ())):
            if _LATIN.search(name) and name[:1].isupper() or word.paren and _LATIN.search(word.paren_text(self.doc)):
                thing = self.add(word.core_start, word.core_end, "AIModel", "discovery:released-object")
                if thing is not None and word.paren:
                    thing.add_label(word.paren_text(self.doc), lang_of(word.paren_text(self.doc)))

    def _hanja_person(self, words: list[Word], i: int) -> None:
        """왕창후(王長虎), 커제(河潔): a short Hangul name glossed with 2–3 Chinese characters is a person."""
        word = words[i]
        if not word.paren or self._known_at(word) is not None:
            return
        inner = word.paren_text(self.doc)
        core = word.core_text(self.doc)
        if re.fullmatch(r"[\u3400-\u9fff]{2,3}", inner) and re.fullmatch(r"[가-힣]{2,4}", core):
            if fold(core) in self.cues.places:
                return
            self.add(word.core_start, word.core_end, "Person", "discovery:hanja-name", extra_label=inner)
        elif re.fullmatch(r"[\u3400-\u9fff]{4,8}", inner) and re.fullmatch(r"[가-힣]{2,8}", core):
            self.add(word.core_start, word.core_end, "Organization", "discovery:hanja-name", extra_label=inner)


def split_glued_scripts(text: str) -> tuple[str, str | None]:
    """`폴 고티에Paul Gauthier` -> (`폴 고티에`, `Paul Gauthier`); a name in one script -> (name, None)."""
    m = re.match(r"^([가-힣][가-힣\s]*[가-힣])([A-Z][A-Za-z0-9.\-\s']+)$", text)
    if m and len(m.group(2).strip()) >= 2:
        latin = m.group(2).strip()
        if fold(latin) in load_cues().stop_names or fold(latin) in load_cues().org_suffixes:
            return text, None  # 지니AI: the Latin part is a suffix of the name, not a gloss
        return m.group(1).strip(), latin
    return text, None


def discovered_key(type_: str, name: str) -> str:
    return f"{type_.lower()}:{fold(name)}"


@Language.factory("aikg_entities", assigns=["doc._.extraction"])
def make_entity_recognizer(nlp: Language, name: str) -> EntityRecognizer:
    return EntityRecognizer()
