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

from kg.extract.clauses import load_grammar
from kg.extract.lexicon import Cues, fold, lang_of, load_cues
from kg.extract.model import Extraction, Mention, Thing, get_extraction
from kg.extract.words import doc_text, doc_tokens
from kg.kb import KBRecord, KnowledgeBase, load_kb

KB_CONFIDENCE = 0.95
WEAK_CONFIDENCE = 0.85
DISCOVERY_CONFIDENCE = 0.7
MAX_NAME_TOKENS = 14

_HANGUL = re.compile(r"[가-힣]")
_LATIN = re.compile(r"[A-Za-z]")
_QUOTED = re.compile(r"['‘]([^'’\n]{2,40})['’]")
_NAME_CHARS = re.compile(r"^[가-힣A-Za-z0-9\u3400-\u9fff.&\-·' ]+$")


STRONG, SHORT, AMBIGUOUS, FAMILY = "strong", "short", "ambiguous", "family"
_AMOUNT_AFTER = re.compile(r"\s*\S{0,2}\s*\d")  # an amount within a short word after a name
LOCAL_SUPPORT_AFTER = 24  # characters after an ambiguous name searched for a cue word
_QUOTE_MARKS = "'‘’\"“”"


def _inside_longer_quotation(text: str, sentence_start: int, start: int, end: int, reach: int = 40) -> bool:
    """Whether text[start:end] sits inside a quotation that holds more before it: '루미 V3', not 'V3'."""
    marks = [k for k in range(sentence_start, start) if text[k] in _QUOTE_MARKS]
    if len(marks) % 2 == 0 or start - marks[-1] > reach:
        return False  # no quotation open on this sentence right before the name
    return bool(text[marks[-1] + 1 : start].strip()) and any(c in _QUOTE_MARKS for c in text[end : end + reach])


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
    def match_kb(self, doc: Doc) -> list[tuple[int, int, list[tuple[str, str]], int]]:
        """(start token, end token, candidates, end character) for the longest alias match at each position.

        A Hangul gloss glued to a Latin name of the same thing (Gemini제미나이 Flash Thinking)
        is skipped inside a match, so the full name still matches. A match may end inside a
        token Kiwi glued together (Qwen + "3-235" of Qwen3-235B-A22B: Qwen3), at a hyphen or
        where letters turn into digits, so that the model-name grammar reads the rest.
        """
        tokens = doc_tokens(doc)
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
            best: tuple[int, str, int] | None = None
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
                if acc and acc + piece not in self.index.prefixes and j > i and not tokens[j - 1].whitespace_:
                    cut = self._partial(acc, t)
                    if cut is not None:
                        best = (j, acc + fold(t.text[:cut]), t.idx + cut)
                    break
                acc += piece
                if piece and acc in self.index.entries and not _continues_word(tokens, j):
                    best = (j, acc, t.idx + len(t.text))
                if acc not in self.index.prefixes:
                    break
                j += 1
            if best is None:
                i += 1
                continue
            j, key, end_char = best
            found.append((i, j + 1, self.index.entries[key], end_char))
            i = j + 1
        return found

    def _partial(self, acc: str, tok) -> int | None:
        """The longest cut of a glued token after which `acc` + the cut is a KB name ending at a boundary."""
        text = tok.text
        best = None
        for k in range(1, len(text)):
            if not (text[k] in "-." or text[k - 1].isdigit() != text[k].isdigit() and text[k].isalnum()):
                continue
            if acc + fold(text[:k]) in self.index.entries:
                best = k
        return best

    # ------------------------------------------------------------ component
    def __call__(self, doc: Doc) -> Doc:
        ext = get_extraction(doc)
        text = doc_text(doc)
        kb_spans = self.match_kb(doc)
        strong_ids = {rid for _, _, cands, _ in kb_spans for rid, kind in cands if kind == STRONG and len(cands) == 1}
        support = self._supported_ids(strong_ids)
        # An ambiguous name supported once (이코노미스트의 … 기사) is that thing everywhere in the article.
        accepted = {rid for start, end, cands, _ in kb_spans for rid, kind in cands
                    if kind == AMBIGUOUS and self._local_support(text, doc[start:end], rid)}
        accepted |= self._paired_support(doc, kb_spans)
        kb_spans = self._compound_countries_only(doc, kb_spans)
        kb_spans = self._with_class_words(doc, kb_spans)
        model_words = self._model_name_words(doc, kb_spans)
        taken: list[tuple[int, int]] = []
        for start, end, cands, end_char in kb_spans:
            span = doc[start:end]
            if span.text in self.cues.currency_glosses and _AMOUNT_AFTER.match(text, end_char):
                continue  # 한화 약 75조원: the currency of an amount, not the group
            kept = []
            for rid, kind in cands:
                if kind == FAMILY and not (self._role_follows(doc, end) and self._related(rid) & support
                                           and not self._given_name_before(doc, start)):
                    # a bare surname is a name only next to a title and the person's organisation
                    # (알리바바의 차이 회장), never 차이를 "difference" nor another 데이비드 첸
                    continue
                if kind == AMBIGUOUS and rid not in support and rid not in accepted:
                    continue  # 달리 "unlike", 이란 "that is": only with a cue, a gloss or quotes
                if kind == AMBIGUOUS and fold(span.text) in model_words and self.kb.get(rid).type != "AIModel":
                    continue  # 'Lumina X SEED' … 'SEED 14B': a word of a model's name here, not the lab "Seed"
                if kind == SHORT and (not self._related(rid) & support or _inside_longer_quotation(
                        text, span.sent.start_char, span.start_char, end_char)):
                    continue  # '루미 V3': the version of another model's quoted name, not DeepSeek's V3
                kept.append((rid, kind))
            record, kind = self._choose(kept, support)
            if record is None:
                continue
            self._add_mention(doc, ext, span.start_char, end_char, record, kind != STRONG)
            taken.append((span.start_char, end_char))
        self._country_compounds(doc, ext, text, taken)
        self._publisher(doc, ext, text, taken)
        return doc

    def _model_name_words(self, doc: Doc, spans: list) -> set[str]:
        """The words after the first of the known models' names the article mentions (HyperCLOVA X SEED:
        x, seed); the first word is often the developer's name (Apple Intelligence) and stays a name."""
        words: set[str] = set()
        for start, end, cands, _ in spans:
            recs = [self.kb.get(r) for r, kind in cands if kind == STRONG]
            if len(recs) == 1 and recs[0] is not None and recs[0].type == "AIModel" and end - start > 1:
                words.update(fold(t.text) for t in doc[start + 1 : end] if t.tag_ != "_SP")
        return words

    def _country_compounds(self, doc: Doc, ext: Extraction, text: str, taken: list[tuple[int, int]]) -> None:
        """미중, 한·중, 韓中, 한미일: a compound of one-letter country names names each country."""
        letters = self._country_letters()
        if not letters:
            return
        cls = "".join(re.escape(c) for c in letters)
        joiners = "".join(re.escape(j) for j in self.cues.country_joiners)
        found = list(re.finditer(rf"[{cls}](?:[{joiners}]?[{cls}]){{1,3}}", text))
        if not found:
            return
        tokens = doc_tokens(doc)
        starts = {t.idx for t in tokens}
        ends = {t.idx + len(t.text) for t in tokens}
        for m in found:
            if m.start() not in starts or any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if m.end() not in ends and m.end() not in starts:
                continue  # 한중일보 …: the letters begin a longer word
            before = text[m.start() - 1 : m.start()]
            if before and (before.isalnum()):
                continue
            for k, ch in enumerate(m.group()):
                rec = letters.get(ch)
                if rec is None:
                    continue
                self._add_mention(doc, ext, m.start() + k, m.start() + k + 1, rec, False)
                taken.append((m.start() + k, m.start() + k + 1))

    def _country_letters(self) -> dict[str, KBRecord]:
        cached = getattr(self, "_letters", None)
        if cached is None:
            cached = {}
            for text, _lang, rid, _loose in self.kb.surface_forms():
                rec = self.kb.get(rid)
                if rec is not None and rec.type == "Country" and len(text) == 1:
                    cached.setdefault(text, rec)
            self._letters = cached
        return cached

    def _with_class_words(self, doc: Doc, spans: list) -> list:
        """블랙웰 GPU, 엔비디아 A100 GPU: a chip's name takes the class word after it (the name the press uses)."""
        words = {fold(w) for w in self.cues.hardware_class_words}
        out = []
        for start, end, cands, end_char in spans:
            hardware = all(self.kb.get(r) is not None and self.kb.get(r).type == "Hardware" for r, _ in cands)
            if hardware and end < len(doc) and doc[end - 1].whitespace_ and fold(doc[end].text) in words:
                end_char = doc[end].idx + len(doc[end].text)
                end += 1
            out.append((start, end, cands, end_char))
        return out

    def _compound_countries_only(self, doc: Doc, spans: list) -> list:
        """한, 중, 미, 일 (and 韓, 中 …) name a country only inside a compound: 한·중, 미중, 韓中, 한미일.

        Alone they are ordinary syllables: 여섯 곳 중, 10월 30일.
        """
        tokens = doc_tokens(doc)

        def one_letter_country(item) -> bool:
            start, end, cands, _ = item
            one_letter = tokens[end - 1].idx + len(tokens[end - 1].text) - tokens[start].idx == 1
            return one_letter and all(self.kb.get(r) is not None and self.kb.get(r).type == "Country"
                                      for r, _ in cands)

        text = doc_text(doc)
        countries = [(tokens[s].idx, tokens[e - 1].idx + len(tokens[e - 1].text)) for s, e, c, _ in spans
                     if any(self.kb.get(r) is not None and self.kb.get(r).type == "Country" for r, _ in c)]
        starts = {s for s, _ in countries}
        ends = {e for _, e in countries}
        joiners = self.cues.country_joiners
        gaps = {len(j) for j in joiners} | {0}
        out = []
        for item in spans:
            if not one_letter_country(item):
                out.append(item)
                continue
            start_char = tokens[item[0]].idx
            end_char = start_char + len(tokens[item[0]].text)
            # another country just before or after, or across a joiner (한·중, 미-중)
            joined = any(start_char - g in ends and (g == 0 or text[start_char - g:start_char] in joiners) or
                         end_char + g in starts and (g == 0 or text[end_char:end_char + g] in joiners)
                         for g in gaps)
            if joined:
                out.append(item)
        return out

    def _publisher(self, doc: Doc, ext: Extraction, text: str, taken: list[tuple[int, int]]) -> None:
        """The publisher (metadata, lede or footer) is an Organization, mentioned where the page names it.

        A blog whose name is also its byline ("by 밤하늘 노트") is the author, not a mention.
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
        authors = {fold(a) for a in doc.user_data.get("authors", ())}
        if key in authors:
            return  # a blog's own name on its byline: the author, not a thing the article names
        found = False
        for m in re.finditer(re.escape(name), text):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                thing.add_label(name, lang_of(name))
                ext.mentions.append(Mention(m.start(), m.end(), name, thing.key, "Organization",
                                            thing.confidence, "publisher"))
                taken.append((m.start(), m.end()))
                found = True
        where = doc.user_data.get("publisher_in_page")
        if not found and where is not None:
            # named only by the page around the text (masthead, lede byline, footer): still the article's
            # publisher and a thing it names; the mention stands where the page names it
            start = min(where, max(len(text) - len(name), 0))
            thing.add_label(name, lang_of(name))
            ext.mentions.append(Mention(start, start + len(name), name, thing.key, "Organization",
                                        thing.confidence, "publisher"))

    def _related(self, rid: str) -> set[str]:
        rec = self.kb.get(rid)
        if rec is None:
            return set()
        related = {r for r in (rec.developer, rec.parent, rec.based_on, rec.successor_of) if r}
        return related | {org for org, _ in rec.works_for}

    def _paired_support(self, doc: Doc, kb_spans: list) -> set[str]:
        """Two ambiguous names that vouch for each other: a developer and its own model side by side.

        "한빛의 노바 같은 모델" proves nothing alone, but where the knowledge base says 노바 is
        한빛's model and the text writes them as "ORG의 MODEL" (or "ORG MODEL"), both are names.
        """
        out: set[str] = set()
        tokens = doc_tokens(doc)
        text = doc_text(doc)
        for (_s1, e1, c1, end1), (s2, _e2, c2, _) in zip(kb_spans, kb_spans[1:], strict=False):
            if s2 < e1 or tokens[s2].idx - end1 > 3:
                continue  # only "A의 B", "A B": nothing but a particle or a space between them
            if s2 > e1 and len(text[tokens[e1].idx : tokens[s2 - 1].idx + len(tokens[s2 - 1].text)].strip()) > 1:
                continue
            for a, kind_a in c1:
                for b, kind_b in c2:
                    if AMBIGUOUS not in (kind_a, kind_b):
                        continue
                    rec_b = self.kb.get(b)
                    if rec_b is not None and a in (rec_b.developer, rec_b.parent):
                        out |= {a, b}
        return out

    def _local_support(self, text: str, span: Span, rid: str) -> bool:
        """An ambiguous name counts with a glued gloss in another script, quotes, or a type cue after it."""
        rec = self.kb.get(rid)
        before = text[max(0, span.start_char - 1) : span.start_char]
        after = text[span.end_char : span.end_char + LOCAL_SUPPORT_AFTER]
        if before in ("'", '"', "‘", "“") and after[:1] in ("'", '"', "’", "”"):
            return True  # '소라': quoted alone ('다음 장' is a phrase, not the name 다음)
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
        words = [fold(w) for w in re.findall(r"[가-힣A-Za-z]+", after)[:2]]
        folded_cues = [fold(c) for c in cues]
        if any(w == c or w.startswith(c) and _HANGUL.match(c) for w in words for c in folded_cues):
            return True  # a cue word, also with its particle (랭킹에서도)
        if rec.type == "Organization":
            return any(w in after[:14] for w in self.cues.media_cues)
        return False

    def _given_name_before(self, doc: Doc, start: int) -> bool:
        """A bare name word right before the surname (데이비드 첸): someone the KB's surname does not cover."""
        k = start - 1
        if k < 0 or not doc[k].whitespace_:
            return False
        tag = doc[k].tag_.split("+")[0]
        ends_with_particle = load_grammar().particle_role(doc[k].text[-1:]) in ("genitive", "topic", "subject")
        return tag in ("NNP", "SL") or (tag == "NNG" and len(doc[k].text) >= 2 and not ends_with_particle)

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
    # A name followed by a Hangul noun in the same word (메타 + 버스, JP + 모건) is a different word.
    return bool((_HANGUL.match(a) or _LATIN.match(a)) and _HANGUL.match(b)
                and nxt.tag_.split("+")[0] in ("NNG", "NNP", "XSN"))


@Language.factory("aikg_entities", assigns=["doc._.extraction"])
def make_entity_recognizer(nlp: Language, name: str) -> EntityRecognizer:
    return EntityRecognizer()
