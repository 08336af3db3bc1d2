"""Things the knowledge base does not know, found from the words around them.

A plain news sentence types its names: a title next to a person (박하람 노바랩스
대표, 노바랩스 대표 박하람, 노바랩스의 CEO인 박하람, 박하람 당시 노바랩스 대표), a
suffix or a classifier next to an organisation (노바랩스, 스타트업 오로라, 미국 운용사
코튜), a country before a company (독일 하이데칩스), a cue noun before or after a
quoted name (언어모델 '루미나', '루미나' 모델, AI 칩 '한빛', 벤치마크 'K-리즈닝'),
the object of a release verb ('루미나'를 공개했다), a list that already holds an
organisation (노바·오로라·한빛 등 중국 기업). Every cue word comes from
`kg/resources/lexicon/cues.json`. A name found once is the same thing wherever
the article repeats it. Discovered things get a lower confidence than KB matches.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.clauses import load_grammar
from kg.extract.lexicon import Cues, fold, lang_of, load_cues
from kg.extract.model import Extraction, Mention, Thing, get_extraction
from kg.extract.spans import MentionIndex
from kg.extract.suffixes import Suffixes
from kg.extract.words import TokenTags, Word, doc_text, doc_tokens, sentences_with_words
from kg.normalize.numbers import is_latin_size

DISCOVERY_CONFIDENCE = 0.7
PROPER_TAGS = frozenset({"NNP", "SL", "SH"})  # a proper noun, a foreign word, Chinese characters
_HANGUL = re.compile(r"[가-힣]")
_LATIN = re.compile(r"[A-Za-z]")
_QUOTED = re.compile(r"['‘\"“]([^'’\"”\n]{2,48})['’\"”]")
_NAME_CHARS = re.compile(r"^[가-힣A-Za-z0-9\u3400-\u9fff.&\-·'+: ]+$")
NAME_TAGS = ("NNP", "NNG", "SL", "SH", "SN", "NR", "XSN", "SO", "W_SERIAL")
PERSON_TAGS = ("NNP", "NNG", "SL", "SH", "MAG", "XSN", "VV")
MAX_NAME_WORDS = 3
MAX_MODIFIERS = 4


MAX_PAREN_NAME = 30  # characters of a name given in parentheses after a cue noun


def discovered_key(type_: str, name: str) -> str:
    return f"{type_.lower()}:{fold(name)}"


def split_glued_scripts(text: str, cues: Cues) -> tuple[str, str | None]:
    """`폴 고티에Paul Gauthier` -> (`폴 고티에`, `Paul Gauthier`); a name in one script -> (name, None)."""
    m = re.match(r"^([가-힣][가-힣\s]*[가-힣])([A-Z][A-Za-z0-9.\-\s']+)$", text)
    if m and len(m.group(2).strip()) >= 2:
        latin = m.group(2).strip()
        if fold(latin) in cues.stop_names or fold(latin) in cues.org_suffixes:
            return text, None  # 지니AI: the Latin part is a suffix of the name, not a gloss
        return m.group(1).strip(), latin
    return text, None


class Discoverer:
    """spaCy component: discovered things into `doc._.extraction`."""

    def __init__(self, cues: Cues | None = None) -> None:
        self.cues = cues or load_cues()
        self.grammar = load_grammar()  # particles and their roles
        self.suffixes = tuple(sorted(self.cues.org_suffixes, key=len, reverse=True))
        self.folded_suffixes = tuple((s, fold(s)) for s in self.suffixes)
        self.classifiers = {fold(c) for c in self.cues.org_classifiers}
        self.model_cues = tuple(sorted(self.cues.model_cues, key=len, reverse=True))
        from kg.extract.model_names import load_name_lexicon

        self.variant_words = frozenset(fold(v) for v in load_name_lexicon().variants)
        from kg.extract.patterns import load_patterns

        # the verbs of releasing, founding, leading and taking as, as the relation patterns name them
        table = load_patterns()
        self.verbs = {k: tuple(sorted(table.words[k], key=len, reverse=True))
                      for k in ("release", "found", "lead", "take_as")}
        self.role_suffixes = tuple(sorted(((fold(k), v) for k, v in self.cues.person_roles.items() if len(k) >= 2),
                                          key=lambda x: -len(x[0])))
        # the same suffixes as look-up tables (kg/extract/suffixes.py): a few set look-ups per word
        self.role_suffix_set = Suffixes(t for t, _ in self.role_suffixes)
        self.title_suffix_set = Suffixes(self.cues.title_suffixes)
        self.org_suffix_set = Suffixes(f for _s, f in self.folded_suffixes)
        self.long_org_suffix_set = Suffixes(f for s, f in self.folded_suffixes if len(s) >= 2)
        self.model_cue_set = Suffixes(fold(c) for c in self.model_cues)
        self.cue_sets = tuple((cues, Suffixes(c for c in cues if len(c) > 1), type_) for cues, type_ in (
            (self.cues.hardware_cues, "Hardware"), (self.cues.leaderboard_cues, "Leaderboard"),
            (self.cues.legal_policy_cues, "Policy")))
        self.classifier_suffix_set = Suffixes(fold(s) for s in self.cues.org_classifier_suffixes)
        self.benchmark_cue_set = frozenset(fold(c) for c in self.cues.benchmark_cues)
        self.non_thing_head_set = Suffixes(h for h in self.cues.non_thing_heads if len(h) > 2)

    def __call__(self, doc: Doc) -> Doc:
        run = _Run(self, doc, get_extraction(doc))
        run.quoted_things()
        for _sent, words in sentences_with_words(doc):
            run.sentence(words)
        run.repeated_names()
        return doc


class _Run:
    """One article's discovery: the state every rule shares."""

    def __init__(self, owner: Discoverer, doc: Doc, ext: Extraction) -> None:
        self.o = owner
        self.cues = owner.cues
        self.grammar = owner.grammar
        self.doc = doc
        self.text = doc_text(doc)
        self.ext = ext
        self.index = MentionIndex(ext.mentions)
        self.found: dict[str, str] = {}  # discovered surface -> thing key
        self._token_tags: dict[int, str] | None = None
        self._mention_at: dict[int, tuple[int, Mention | None]] = {}  # id(word) -> (version, mention)
        self._token_tags_over: TokenTags | None = None
        self._role_of: dict[tuple[int, int, int, int], tuple[int, str | None]] = {}  # word -> (version, role)
        self._tags: dict[tuple[int, int, bool], tuple[str, ...]] = {}  # (start, end, full) -> tags

    # ------------------------------------------------------------------ helpers
    @property
    def token_tags(self) -> dict[int, str]:
        """Kiwi tag of the token starting at each character (few sentences ask: built on first use)."""
        if self._token_tags is None:
            self._token_tags = {t.idx: t.tag_ for t in doc_tokens(self.doc)}
        return self._token_tags

    def overlaps(self, start: int, end: int) -> bool:
        return self.index.covered(start, end)

    def mention_at(self, word: Word) -> Mention | None:
        """The mention on a word's core; every rule asks it of every word, so answers are kept
        until the index changes (by the word: the doc's words live as long as the run)."""
        got = self._mention_at.get(id(word))
        if got is not None and got[0] == self.index.version:
            return got[1]
        m = self.index.at(word.core_start)
        if m is None:
            inside = self.index.starting_in(word.core_start, word.core_end)
            m = inside[0] if inside else None
        self._mention_at[id(word)] = (self.index.version, m)
        return m

    def remove(self, m: Mention) -> None:
        self.ext.mentions.remove(m)
        self.index.remove(m)

    def tags(self, start: int, end: int, full: bool = False) -> list[str]:
        """Kiwi tags of the tokens over text[start:end] (the first of merged ones, or all with `full`).

        The rules ask about the same words again and again, and tags never change: asked once."""
        return list(self._tags_of(start, end, full))

    def _tags_of(self, start: int, end: int, full: bool = False) -> tuple[str, ...]:
        key = (start, end, full)
        got = self._tags.get(key)
        if got is None:
            if self._token_tags_over is None:
                self._token_tags_over = TokenTags(self.doc)
            tags = self._token_tags_over.over(start, end)
            got = self._tags[key] = () if tags is None else tuple(
                t if full else t.split("+")[0] for t in tags)
        return got

    def name_ok(self, name: str) -> bool:
        name = name.strip()
        if len(name) < 2 or not _NAME_CHARS.match(name) or name.isdigit():
            return False
        f = fold(name)
        return not (f in self.cues.stop_names or f in self.cues.places or f in self.cues.non_name_words)

    def proper(self, start: int, end: int) -> bool:
        """Kiwi saw a proper noun, a foreign word or Chinese characters in text[start:end]."""
        return not PROPER_TAGS.isdisjoint(self._tags_of(start, end))

    def add(self, start: int, end: int, type_: str, rule: str, extra_label: str | None = None,
            confidence: float = DISCOVERY_CONFIDENCE) -> Thing | None:
        """Mint (or reuse) a discovered thing for text[start:end]."""
        while start < end and self.text[start] in " '‘\"“":
            start += 1
        while end > start and self.text[end - 1] in " '’\"”":
            end -= 1
        text = self.text[start:end]
        if not self.name_ok(text) or self.overlaps(start, end):
            return None
        name, other = split_glued_scripts(text, self.cues)
        if not self.name_ok(name):
            return None
        key = discovered_key(type_, name)
        thing = self.ext.things.get(key)
        # a parenthesis may give several other names: (星光 X1·Starlight X1)
        glosses = [g.strip() for g in re.split(r"[·,，/]", extra_label or "") if g.strip()]
        if thing is None:
            latin = other if other and lang_of(other) == "en" else None
            gloss = next((g for g in glosses if lang_of(g) == "en"), None) if type_ != "Person" else None
            thing = Thing(key=key, type=type_, name=latin or gloss or name, confidence=confidence, rule=rule)
            self.ext.things[key] = thing
        thing.add_label(name, lang_of(name))
        for label in (other, *glosses):
            if label:
                thing.add_label(label, lang_of(label))
        mention = Mention(start, end, self.text[start:end], key, type_, confidence, rule)
        self.ext.mentions.append(mention)
        self.index.add(mention)
        self.found[name] = key
        return thing

    def cue_type(self, word: Word | None) -> str | None:
        """The class a cue noun gives to a name next to it (모델 -> AIModel, 칩 -> Hardware …)."""
        if word is None or not word.core:
            return None
        core = fold(word.core_text(self.doc))
        if not core:
            return None
        if self.o.model_cue_set.any(core):
            return "AIModel"
        for cues, long_cues, type_ in self.o.cue_sets:
            if core in cues or long_cues.any(core):
                return type_
        if self.is_classifier(word):
            return "Organization"
        return None

    def is_classifier(self, word: Word) -> bool:
        core = fold(word.core_text(self.doc))
        return core in self.o.classifiers or self.o.classifier_suffix_set.any(core)

    # ------------------------------------------------------------------ quoted names
    def quoted_things(self) -> None:
        """'루미나' 모델, 언어모델 '루미나', AI 칩 '한빛', '루미나'를 공개했다."""
        words = [w for _s, ws in sentences_with_words(self.doc) for w in ws]
        release = self.o.verbs["release"]
        typed: list[tuple[int, int, str]] = []  # (start, end, class) of quotations read as names
        pending: list[tuple[int, int, str | None]] = []  # quotations of no class yet: a list may type them
        for m in _QUOTED.finditer(self.text):
            inner_start, inner_end = m.start(1), m.end(1)
            inner = m.group(1)
            if not inner.strip() or len(inner.split()) > 6:
                continue
            gloss = None
            renamed = None
            paren = re.search(r"\(([^()]{2,40})\)\s*$", inner)
            if paren:
                gloss = paren.group(1).strip()
                if gloss.split()[0] in self.cues.now_markers and len(gloss.split()) > 1:
                    # '루미나 챗(현 루미나 원)': the parenthesis gives the name it has now, another thing
                    renamed = (inner_start + paren.start(1) + len(gloss.split()[0]) + 1, inner_start + paren.end(1))
                    gloss = None
                inner_end = inner_start + paren.start()
                inner = inner[: paren.start()]
            inside = self.index.within(inner_start, inner_end)
            if self.index.containing(inner_start, inner_end):
                continue
            if inside and inside[0].start == inner_start and inside[0].type == "AIModel" and not inside[0].weak:
                continue  # a known family starts the name: the model-name grammar reads it
            raw_before = _word_before(words, m.start())
            before = raw_before if raw_before is not None and not raw_before.has_tail() else None
            # 회사는 'X': only a bare cue noun types the name after it (스타트업 'X')
            if not self._name_like(inner_start, inner_end, typed_before=self.cue_type(before) is not None):
                continue
            after = _word_after(words, m.end())
            type_ = self.cue_type(before) or (self.cue_type(after) if self._bare_after(m.end()) else None)
            if type_ is None and raw_before is not None and raw_before.starts_with(self.doc, release) and \
                    raw_before.tokens[-1].tag_.split("+")[-1] == "ETM":
                type_ = "AIModel"  # 공개된 '루미나-3': what a release verb's clause modifies
            particle = self.text[m.end() : m.end() + 1]
            if type_ is None and after is not None and self.grammar.particle_role(particle) == "object":
                verb = after  # 'X'를 (함께, 처음, 오픈소스로, 깃허브에) 공개했다: the object of a release verb
                for _ in range(3):
                    if verb is None or verb.starts_with(self.doc, release):
                        break
                    adverb = not verb.has_tail() and self.tags(verb.core_start, verb.core_end)[:1] == ["MAG"]
                    if not adverb and verb.tokens[-1].tag_.split("+")[-1] != "JKB":
                        verb = None
                        break
                    verb = _word_after(words, verb.end + 1)
                if verb is not None and verb.starts_with(self.doc, release):
                    type_ = "AIModel"
                else:
                    type_ = self._class_taken_as(words, after)
            if not self._quoted_name(inner_start, inner_end) or any(not x.weak for x in inside):
                continue
            if type_ is None:
                pending.append((inner_start, inner_end, gloss))
                # 'A'와 'B'를 공개했다: a quotation listed right before a typed one has its class
                continue
            for x in inside:  # a short name inside a longer one ('미모-V2-플래시'): the whole name wins
                self.remove(x)
            self.add(inner_start, inner_end, type_, "discovery:quoted-" + type_.lower(), extra_label=gloss)
            if renamed is not None and not self.overlaps(*renamed):
                self.add(renamed[0], renamed[1], type_, "discovery:renamed")
            typed.append((m.start(), m.end(), type_))
            self._type_listed(pending, m.start(), type_)

    def _class_taken_as(self, words: list[Word], after: Word) -> str | None:
        """'X'를 기반 모델로 삼아 / 주력 칩으로 채택했다: the class of the noun that X is taken as."""
        word: Word | None = after
        for _ in range(3):
            if word is None:
                return None
            if word.has_tail():
                type_ = self.cue_type(word) if self.grammar.particle_role(word.tail_text) == "by" else None
                verb = _word_after(words, word.end + 1)
                if type_ is None or verb is None or not verb.starts_with(self.doc, self.o.verbs["take_as"]):
                    return None
                return type_
            word = _word_after(words, word.end + 1)
        return None

    def _type_listed(self, pending: list, start: int, type_: str) -> None:
        """Untyped quotations coordinated with a typed one before it ('A'와 'B', 'A', 'B'·'C')."""
        anchor = start
        for q_start, q_end, gloss in reversed(list(pending)):
            between = self.text[q_end:anchor].strip(" '’\"”")
            if not re.fullmatch(r"(와|과|,|·|및)\s*", between):
                break
            self.add(q_start, q_end, type_, "discovery:quoted-list", extra_label=gloss)
            pending.remove((q_start, q_end, gloss))
            anchor = q_start - 1

    def _name_like(self, start: int, end: int, typed_before: bool = False) -> bool:
        """A quotation that names a thing, not a description ('자체 모델', '공개 경량 모델'),
        a licence ('아파치 2.0 라이선스'), a lone variant word ('옴니') or a title of many words."""
        words = self.text[start:end].split()
        if not words or len(words) > 5:
            return False
        last = fold(words[-1])
        if last in self.cues.non_thing_heads or self.o.non_thing_head_set.any(last):
            return False
        cue_heads = {fold(c) for c in (*self.o.model_cues, *self.cues.hardware_cues, *self.cues.leaderboard_cues,
                                        *self.cues.policy_cues)}
        tags = self.tags(start, end)
        if typed_before:  # 벤치마크 '한빛 리더보드': a cue noun before the quotation names a thing
            return not (len(words) > 1 and last in {fold(c) for c in self.o.model_cues} and
                        all(t == "NNG" for t in tags))
        if len(words) > 1 and all(t == "NNG" for t in tags):
            return False
        if len(words) > 1 and last in cue_heads:
            head_start = start + self.text[start:end].rfind(words[-1])
            if not any(t in ("NNP", "SL", "SN", "SH") for t in self.tags(start, head_start)):
                return False  # '자체 모델': a description; '한빛 리더보드': a name
        if len(words) == 1 and fold(words[0]) in self.o.variant_words:
            return False
        return True

    def _bare_after(self, end: int) -> bool:
        """Nothing but a space stands between a closing quote and the next word ('X' 모델, not 'X'의 모델)."""
        return self.text[end : end + 1].isspace()

    def _quoted_name(self, start: int, end: int) -> bool:
        """A quotation that is a name, not a phrase: nouns, foreign words, numbers only."""
        tags = self.tags(start, end)
        if not tags or any(t.startswith(("V", "E", "J", "MA")) and t != "VV" for t in tags):
            return False
        return not any(t.startswith(("EF", "EC", "ETM")) for t in tags)

    # ------------------------------------------------------------------ per sentence
    def sentence(self, words: list[Word]) -> None:
        for i in range(len(words)):
            self.organization_by_suffix(words, i)
        for i in range(len(words)):
            self.surname_with_title(words, i)
            self.person_by_title(words, i)
        for i in range(len(words)):
            self.founder(words, i)
        self.person_lists(words)
        for i in range(len(words)):
            self.organization_by_context(words, i)
            self.hanja_gloss(words, i)
            self.list_items(words, i)
        for i in range(len(words)):
            self.typed_by_cue_after(words, i)
            self.typed_by_apposition(words, i)
            self.object_of_verb(words, i)
            self.named_in_parenthesis(words, i)

    # persons -----------------------------------------------------------
    def role_of(self, word: Word) -> str | None:
        """The role a title word names (대표, CEO, 센터장 …); asked of each word by several rules, so
        answers are kept until the mention index changes (a glued title looks at the mentions)."""
        key = (word.start, word.end, word.core_start, word.core_end)
        got = self._role_of.get(key)
        if got is not None and got[0] == self.index.version:
            return got[1]
        role = self._role_of_word(word)
        self._role_of[key] = (self.index.version, role)
        return role

    def _role_of_word(self, word: Word) -> str | None:
        core = word.core_text(self.doc)
        role = self.cues.role_of(core)
        if role is None and word.paren:
            role = self.cues.role_of(word.paren_text(self.doc))
        if role is None and fold(core) in self.cues.person_only_roles:
            role = core
        if role is None and len(core) >= 3:  # 성과리더, 기술총괄, 글로벌AI센터장: a title ending a longer noun
            i = self.o.role_suffix_set.first(fold(core), proper=True)
            if i is not None:
                return self.o.role_suffixes[i][1]
        if role is None:  # 삼성리서치장, 네이버클라우드 AI이노베이션센터장: a title glued to a unit's name
            m = self.mention_at(word)
            if (m is not None or len(core) >= 4) and self.o.title_suffix_set.any(core, proper=True):
                return "head"
        return role

    def person_by_title(self, words: list[Word], i: int) -> None:
        word = words[i]
        if self.role_of(word) is None:
            return
        # NAME [ORG|COUNTRY|PLACE|당시|전 …] TITLE
        run = []
        j = i - 1
        while j >= 0 and len(run) < MAX_NAME_WORDS + MAX_MODIFIERS and not words[j].has_tail() \
                and not self._comma_after(words[j]):
            run.insert(0, j)
            j -= 1
        for s in range(len(run)):
            for length in (3, 2, 1):
                name = run[s : s + length]
                if len(name) != length or not self._modifiers_only(words, run[s + length :]):
                    continue
                if self._person_name(words, name):
                    self.add(words[name[0]].core_start, words[name[-1]].core_end, "Person",
                             "discovery:name-title")
                    return
        # TITLE인 NAME / ORG TITLE NAME / ORG의 TITLE인 NAME / TITLE이던 NAME
        if not word.has_tail() or self._copula_tail(word):
            name = []
            k = i + 1
            while k < len(words) and len(name) < MAX_NAME_WORDS:
                name.append(k)
                if words[k].has_tail() or words[k].paren:
                    break
                k += 1
            glued = self._glued_person(words, name)
            if glued is not None:  # 폴 고티에Paul Gauthier: a Hangul name glued to its Latin form
                self.add(glued[0], glued[1], "Person", "discovery:title-name")
                return
            for length in range(len(name), 0, -1):
                if self._person_name(words, name[:length]) and (length == len(name) or not words[name[length - 1]]
                                                                .has_tail()):
                    if length < len(name) and not words[name[length - 1]].has_tail() and length != len(name):
                        continue
                    self.add(words[name[0]].core_start, words[name[length - 1]].core_end, "Person",
                             "discovery:title-name")
                    return

    def surname_with_title(self, words: list[Word], i: int) -> None:
        """박 대표는, 루소 교수는: a person named before, by family name and title (the usual second
        mention in Korean news): the last word of a name, or the Korean surname its name begins with."""
        if i + 1 >= len(words):
            return
        word = words[i]
        if word.has_tail() or self.mention_at(word) is not None or self.role_of(words[i + 1]) is None:
            return
        core = word.core_text(self.doc)
        if not core or not _HANGUL.fullmatch(core[0]):
            return
        before = [m for m in self.ext.mentions if m.type == "Person" and m.end <= word.core_start]
        for m in sorted(before, key=lambda x: -x.start):
            thing = self.ext.things.get(m.key)
            if thing is None:
                continue
            names = [n for n in (thing.name, *thing.labels) if _HANGUL.search(n)]
            last_word = any(len(n.split()) > 1 and n.split()[-1] == core for n in names)
            surname = len(core) == 1 and core in self.cues.korean_surnames and any(
                " " not in n and len(n) == 3 and n.startswith(core) for n in names)
            if last_word or surname:
                mention = Mention(word.core_start, word.core_end, core, m.key, "Person", DISCOVERY_CONFIDENCE,
                                  "discovery:surname-title")
                self.ext.mentions.append(mention)
                self.index.add(mention)  # no label: 박 alone names nobody
                return

    def founder(self, words: list[Word], i: int) -> None:
        """박하람과 세라 킴이 세운 노바랩스, 노바랩스를 이끄는 박하람: founders and leaders are people."""
        found = self.o.verbs["found"]
        lead = self.o.verbs["lead"]
        verb = words[i]
        if verb.core and verb.starts_with(self.doc, lead) and i + 1 < len(words) and \
                verb.tokens[-1].tag_.split("+")[-1] == "ETM":
            name = []
            k = i + 1
            while k < len(words) and len(name) < MAX_NAME_WORDS:
                name.append(k)
                if words[k].has_tail():
                    break
                k += 1
            for length in range(len(name), 0, -1):
                if self._person_name(words, name[:length]) and (length == len(name) or length == 1):
                    self.add(words[name[0]].core_start, words[name[length - 1]].core_end, "Person",
                             "discovery:leader")
                    return
        if not verb.core or not verb.starts_with(self.doc, found):
            return
        k = i - 1
        while k >= 0 and i - k <= 6:
            w = words[k]
            tail = w.tail_text
            if self.grammar.particle_role(tail[:1]) in ("subject", "with") or \
                    self.grammar.particle_role(tail[:2]) == "subject" or not w.has_tail():
                start = k
                while start - 1 >= 0 and not words[start - 1].has_tail() and k - start < MAX_NAME_WORDS - 1:
                    start -= 1
                for s in range(start, k + 1):
                    if self._person_name(words, list(range(s, k + 1))):
                        self.add(words[s].core_start, words[k].core_end, "Person", "discovery:founder")
                        break
            elif tail:
                break
            k -= 1

    def person_lists(self, words: list[Word]) -> None:
        """박하람, 세라 킴, 한도윤이 / 박하람 대표와 세라 킴 CTO가: names listed with a person
        (by commas or 와/과, a title after each allowed) are people, when no other kind of thing is listed."""
        if not any((m := self.mention_at(w)) is not None and m.type == "Person" for w in words):
            return  # most sentences: no person to list others with
        for run in self._coordinated_runs(words):
            kinds = {m.type for item in run for k in item if (m := self.mention_at(words[k])) is not None}
            if len(run) < 2 or kinds != {"Person"}:
                continue
            for name in (self._name_part(words, item) for item in run):
                if name and all(self.mention_at(words[k]) is None for k in name):
                    self.add(words[name[0]].core_start, words[name[-1]].core_end, "Person", "discovery:person-list")

    def _coordinated_runs(self, words: list[Word]) -> list[list[list[int]]]:
        """The word indices of items joined by commas or 와/과 (the last item runs to its tail)."""
        runs: list[list[list[int]]] = []
        run: list[list[int]] = []
        item: list[int] = []
        for k, w in enumerate(words):
            item.append(k)
            joined = self._comma_after(w) or (w.has_tail() and self.grammar.particle_role(w.tail_text) == "with")
            if joined:
                run.append(item)
                item = []
            elif w.has_tail() or len(item) > MAX_NAME_WORDS + 2:
                if run:
                    runs.append([*run, item])
                run, item = [], []
        if run:
            runs.append([*run, item] if item else run)
        return runs

    def _name_part(self, words: list[Word], item: list[int]) -> list[int]:
        """The name that a listed item is, with or without a title after it: [] when it is no name."""
        for length in range(min(len(item), MAX_NAME_WORDS), 0, -1):
            rest = item[length:]
            if length == 1 and len(words[item[0]].core_text(self.doc).replace(" ", "")) < 3:
                continue  # 한빛, 오로라 등: a short word in a list is as likely a company
            if (not rest or self.role_of(words[rest[0]]) is not None) and \
                    self._person_name(words, item[:length]):
                return item[:length]
        return []

    def _glued_person(self, words: list[Word], idx: list[int]) -> tuple[int, int] | None:
        """The span of a transliterated name glued to its Latin spelling (폴 고티에Paul Gauthier), or None."""
        if len(idx) < 2:
            return None
        start, end = words[idx[0]].core_start, words[idx[-1]].core_end
        hangul, latin = split_glued_scripts(self.text[start:end], self.cues)
        if latin is None or not all(w[:1].isupper() for w in latin.split()):
            return None
        parts = hangul.split()
        if len(parts) < 2 or not all(1 <= len(p) <= 7 for p in parts) or any(
                fold(p) in self.cues.non_name_words or self.cues.role_of(p) for p in parts):
            return None
        return start, end

    @staticmethod
    def _copula_tail(word: Word) -> bool:
        """인, 이던, 였던, 이었던: a title that describes the name after it."""
        return bool(word.tail) and word.tail[0].tag_.startswith("VCP")

    def _comma_after(self, word: Word) -> bool:
        return self.text[word.end : word.end + 1] in ",，" or self.text[word.end - 1 : word.end] in ",，"

    def _modifiers_only(self, words: list[Word], idx: list[int]) -> bool:
        """Words between a name and its title: organisations, countries, places, 당시/전, units' names."""
        for k in idx:
            w = words[k]
            m = self.mention_at(w)
            if m is not None and m.type in ("Organization", "Country", "Policy"):
                continue
            core = w.core_text(self.doc)
            f = fold(core)
            if f in self.cues.places or f in {fold(x) for x in self.cues.past_role_markers} or f in \
                    self.cues.non_name_words:
                continue
            if self.role_of(w) is not None or _LATIN.search(core) and not _HANGUL.search(core):
                continue
            tags = self.tags(w.core_start, w.core_end)
            if tags and all(t in ("NNG", "NNP", "SL", "SN", "XSN") for t in tags) and m is None and k != idx[0]:
                continue  # 하이퍼스케일 AI 기술총괄: descriptive nouns of the title
            if tags and all(t in ("NNG", "SL", "SN", "XSN") for t in tags) and m is None:
                continue
            return False
        return True

    def _person_name(self, words: list[Word], idx: list[int]) -> bool:
        """Could these words be a person's name? Korean (surname first) or transliterated."""
        if not idx or len(idx) > MAX_NAME_WORDS + 1:
            return False
        parts = [words[k] for k in idx]
        past = {fold(x) for x in self.cues.past_role_markers}
        for w in parts:
            m = self.mention_at(w)
            if m is not None and m.type != "Person" or not w.core or w.paren and w is not parts[-1]:
                return False
            core = w.core_text(self.doc)
            f = fold(core)
            if f in self.cues.non_name_words or f in self.cues.stop_names or f in self.cues.places \
                    or f in past or self.cues.role_of(core) or re.search(r"\d", core):
                return False
            full = self.tags(w.core_start, w.core_end, full=True)
            if not full or any("E" in t.split("+")[-1][:1] or t.startswith(("V", "MM", "J")) for t in full):
                return False  # 오른, 나선: a verb, not a name
            if not all(t.split("+")[0].startswith(PERSON_TAGS) for t in full):
                return False
        if self.cues.org_suffixes and any(self._looks_organisation(w) for w in parts):
            return False
        text = " ".join(w.core_text(self.doc) for w in parts)
        if all(_LATIN.match(w.core_text(self.doc)[:1] or " ") for w in parts):
            return all(w.core_text(self.doc)[:1].isupper() for w in parts) and len(parts) >= 2
        if not all(_HANGUL.fullmatch(c) for c in text.replace(" ", "")):
            return False
        if len(parts) == 1:
            w = parts[0]
            core = w.core_text(self.doc)
            if " " in core:  # Kiwi read a whole foreign name as one token (닉 프로스트)
                return True
            n = len(core)
            tokens = self.tags(w.core_start, w.core_end)
            # 김유원 (김유/NNP 원/NNG), 정신아 (정신/NNG 아/NNG): a proper noun, or no single dictionary word
            known_word = len(tokens) == 1 and tokens[0] == "NNG"
            if known_word:
                return False
            if 2 <= n <= 4 and core[0] in self.cues.korean_surnames and (n == 3 or "NNP" in tokens):
                return True
            # 저우린펑, 어우양밍: a Chinese name, surname first, in one word of three to five syllables
            return 3 <= n <= 5 and any(core.startswith(s) and len(core) > len(s)
                                       for s in self.cues.chinese_surnames)
        if len(parts) > MAX_NAME_WORDS and not all(self.proper(w.core_start, w.core_end) or
                                                   self.tags(w.core_start, w.core_end) == ["NNG"] for w in parts):
            return False
        if len(parts[0].core_text(self.doc)) == 3 and self._person_name(words, idx[:1]) and \
                any(self.tags(w.core_start, w.core_end) == ["NNG"] for w in parts[1:]):
            return False  # 박하람 대외 협력 담당 부사장: a Korean name, then the title's own nouns
        lengths = [len(w.core_text(self.doc)) for w in parts]
        return all(1 <= n <= 7 for n in lengths) and sum(lengths) >= 3 and any(
            self.proper(w.core_start, w.core_end) for w in parts)

    def _looks_organisation(self, w: Word) -> bool:
        """A word ending with an organisation suffix of two or more letters (한국투자증권, 무바달라캐피털)."""
        f = fold(w.core_text(self.doc))
        return self.o.long_org_suffix_set.any(f, proper=True)

    # organisations ------------------------------------------------------
    def organization_by_suffix(self, words: list[Word], i: int) -> None:
        """노바랩스, 한빛캐피털, 싱킹 머신스 랩: a name ending with an organisation suffix."""
        word = words[i]
        core = word.core_text(self.doc)
        if not core or self.mention_at(word) is not None:
            return
        folded = fold(core)
        if folded in self.o.classifiers:
            return  # 국부펀드, 벤처캐피털: a class of organisations, not one
        first = self.o.org_suffix_set.first(folded)
        suffix = self.o.folded_suffixes[first][0] if first is not None else None
        if suffix is not None:
            f_suffix = fold(suffix)
            if folded == f_suffix:  # the suffix is a word of its own: 싱킹 머신스 랩
                if suffix in self.cues.glued_only_suffixes or i == 0 or words[i - 1].has_tail():
                    return
                prev = words[i - 1]
                if self.mention_at(prev) is None and self.proper(prev.core_start, prev.core_end) and not word.paren \
                        and fold(prev.core_text(self.doc)) not in self.cues.stop_names:
                    self.add(prev.core_start, word.core_end, "Organization", "discovery:org-suffix")
                return
            stem_len = len(core) - len(suffix)
            if stem_len < 2 or fold(core[:stem_len]) in self.cues.stop_names:
                return
            if fold(core[:stem_len]) in self.cues.non_name_words and not (
                    len(suffix) >= 2 and self.tags(word.core_start, word.core_end) == ["NNP"]):
                return  # 한국 기업: no name; 한국투자증권 (one proper noun, a long suffix): a company
            if not word.has_tail() and i + 1 < len(words) and self.role_of(words[i + 1]) is not None and \
                    self._person_name(words, [i]):
                return  # 김유원 대표: a person's name before a title, whatever it ends with
            # the stem is a proper noun, or Kiwi read the whole word as one unknown noun (노바랩스/NNG)
            tokens = [t for t in self.tags(word.core_start, word.core_end) if t != "SP"]
            if len(suffix) == 1 and word.core_start + stem_len not in self.token_tags:
                return  # 초거대: 대 is no suffix of its own there (no token starts at the suffix)
            if self.proper(word.core_start, word.core_start + stem_len) or (
                    len(tokens) == 1 and stem_len >= 2 and len(suffix) >= 2):
                self.add(word.core_start, word.core_end, "Organization", "discovery:org-suffix")

    def organization_by_context(self, words: list[Word], i: int) -> None:
        """스타트업 오로라, 미국 운용사 코튜, 독일 하이데칩스: a classifier or a country before a name."""
        word = words[i]
        core = word.core_text(self.doc)
        if not core or self.mention_at(word) is not None or i == 0:
            return
        prev = words[i - 1]
        if prev.has_tail():  # the cheap test first: most words follow a word with a particle
            return
        prev_mention = self.mention_at(prev)
        if not (_LATIN.search(core) or self.proper(word.core_start, word.core_end)):
            return
        if core.endswith(self.cues.place_suffixes) and prev_mention is not None and prev_mention.type == "Country":
            return  # 미국 캘리포니아주: a place
        if prev_mention is not None and prev_mention.type == "Country" and (
                self._at_particle(word.tail_text) or fold(core) in self.cues.places
                or len(core) > 3 and self.grammar.particle_role(core[-2:]) == "at"):
            return  # 스페인 바르셀로나에서, 대만 컴퓨텍스에서 (에서 read into the name too): where, not who
        if fold(core) in self.cues.non_name_words or fold(core) in self.cues.stop_names or \
                fold(core) in self.o.classifiers:
            return  # 캐나다 벤처캐피털 …: the class of the name that follows, no name itself
        # 스타트업 오로라 / 미국 운용사 코튜
        if self.is_classifier(prev) or (prev_mention is not None and prev_mention.type == "Country"
                                        and not prev.has_tail() and _HANGUL.search(core)):
            self.add(word.core_start, word.core_end, "Organization", "discovery:org-classifier")

    def hanja_gloss(self, words: list[Word], i: int) -> None:
        """왕창후(王長虎), 커제(河潔): a short Hangul name glossed with 2–3 Chinese characters is a person."""
        word = words[i]
        if not word.paren or self.mention_at(word) is not None:
            return
        inner = word.paren_text(self.doc)
        core = word.core_text(self.doc)
        nxt = words[i + 1] if i + 1 < len(words) else None
        titled = nxt is not None and self.role_of(nxt) is not None
        if fold(core) in self.cues.places or not re.fullmatch(r"[가-힣]{1,8}", core):
            return
        start = word.core_start
        if i > 0 and not words[i - 1].has_tail() and self.mention_at(words[i - 1]) is None and \
                re.fullmatch(r"[가-힣]{1,5}", words[i - 1].core_text(self.doc)) and (
                    titled or len(inner) >= 3) and self._person_name(words, [i - 1]) is False and \
                self.role_of(words[i - 1]) is None and \
                fold(words[i - 1].core_text(self.doc)) not in self.cues.non_name_words:
            start = words[i - 1].core_start  # 미야카와 준이치(宮川潤一), 에릭 쉬(徐直军): both words of the name
        if re.fullmatch(r"[\u3400-\u9fff]{2,3}", inner) and 2 <= len(core) <= 4 or titled and \
                re.fullmatch(r"[\u3400-\u9fff]{2,5}", inner):
            self.add(start, word.core_end, "Person", "discovery:hanja-name", extra_label=inner)
        elif re.fullmatch(r"[\u3400-\u9fff]{4,8}", inner) and re.fullmatch(r"[가-힣]{2,8}", core):
            self.add(word.core_start, word.core_end, "Organization", "discovery:hanja-name", extra_label=inner)

    def list_items(self, words: list[Word], i: int) -> None:
        """노바·오로라·한빛 등: names listed with an organisation are organisations."""
        word = words[i]
        core = word.core_text(self.doc)
        if "·" not in core:
            return
        parts = []
        pos = word.core_start
        for piece in core.split("·"):
            parts.append((pos, pos + len(piece)))
            pos += len(piece) + 1
        known = [p for p in parts if self.index.containing(p[0], p[1])]
        kinds = {m.type for p in known for m in self.index.containing(p[0], p[1])}
        if not known or kinds != {"Organization"}:
            return
        for start, end in parts:
            if (start, end) not in known and not self.overlaps(start, end) and self.proper(start, end):
                self.add(start, end, "Organization", "discovery:list-item")

    def _at_particle(self, tail: str) -> bool:
        """The tail starts with a particle of place (에, 에서, 에서는 …)."""
        return "at" in (self.grammar.particle_role(tail[:2]), self.grammar.particle_role(tail[:1]))

    def typed_by_cue_after(self, words: list[Word], i: int) -> None:
        """X 벤치마크 / X GPU / X 칩: a proper name before a cue noun; 엔비디아 GPU: the maker's line."""
        if i == 0:
            return
        prev = words[i - 1]
        if prev.has_tail() or not prev.core or prev.quoted:
            return
        cue = fold(words[i].core_text(self.doc))
        known = self.mention_at(prev)
        if known is not None:
            if known.type == "Organization" and cue in self.cues.maker_line_cues:
                self.add(prev.core_start, words[i].core_end, "Hardware", "discovery:maker-hardware")
            return
        name = prev.core_text(self.doc)
        if not self.proper(prev.core_start, prev.core_end) or re.fullmatch(r"[\d.,]+", name):
            return
        if cue in self.o.benchmark_cue_set:
            end = words[i].core_end if cue in self.cues.cue_in_leaderboard_name else prev.core_end
            self.add(prev.core_start, end, "Leaderboard", "discovery:leaderboard-cue")
        elif cue in self.cues.named_chip_cues and _LATIN.search(name):
            self.add(prev.core_start, words[i].core_end, "Hardware", "discovery:hardware-cue")

    def named_in_parenthesis(self, words: list[Word], i: int) -> None:
        """서버 모델(NX-서버), 경량 칩(NX-2): a cue noun glossed with a name in parentheses names a thing
        of the cue's class. The gloss must look like a name (Latin letters with a digit or a hyphen):
        언어 모델(LLM) or 추론 모델(Reasoning Model) only spell the noun out."""
        word = words[i]
        if not word.paren or self.mention_at(word) is not None:
            return
        if i > 0 and not words[i - 1].has_tail() and self.mention_at(words[i - 1]) is not None:
            return  # 루미나 모델(LM-2): another name of the thing before the cue
        type_ = self.cue_type(word)
        inner = word.paren_text(self.doc)
        if type_ is None or len(inner) > MAX_PAREN_NAME or not _LATIN.search(inner) or \
                not re.search(r"[\d-]", inner) or re.search(r"[,·;]", inner) or self.cues.is_stop(inner):
            return
        start = word.paren[0].idx
        end = start + len(inner)
        if not self.overlaps(start, end):
            self.add(start, end, type_, "discovery:cue-parenthesis")

    def typed_by_apposition(self, words: list[Word], i: int) -> None:
        """동영상 생성기인 비디오버스, 스타트업인 오로라: a cue noun with 인 types the proper name after it."""
        word = words[i]
        if i + 1 >= len(words) or not word.tail or not word.tail[0].tag_.startswith("VCP"):
            return
        type_ = self.cue_type(word)
        nxt = words[i + 1]
        if type_ is None or self.mention_at(nxt) is not None or not nxt.core:
            return
        if not (self.proper(nxt.core_start, nxt.core_end) or nxt.paren and _LATIN.search(nxt.paren_text(self.doc))):
            return
        gloss = nxt.paren_text(self.doc) if nxt.paren else None
        self.add(nxt.core_start, nxt.core_end, type_, "discovery:apposition", extra_label=gloss)

    def object_of_verb(self, words: list[Word], i: int) -> None:
        """X를 설립했다 -> an Organization; a Latin-named X(…)를 출시했다 -> an AIModel."""
        word = words[i]
        if i + 1 >= len(words) or not word.tail or self.mention_at(word) is not None or not word.core:
            return
        if self.grammar.particle_role(word.tail[0].text) != "object":
            return
        verb = words[i + 1]
        relation = self.o.verbs
        name = word.core_text(self.doc)
        if not (self.proper(word.core_start, word.core_end) or _LATIN.search(name)):
            return
        if verb.starts_with(self.doc, relation.get("found", ())):
            self.add(word.core_start, word.core_end, "Organization", "discovery:founded-object")
        elif verb.starts_with(self.doc, relation.get("release", ())):
            gloss = word.paren_text(self.doc) if word.paren else None
            if (_LATIN.match(name) and name[:1].isupper()) or gloss and _LATIN.search(gloss):
                self.add(word.core_start, word.core_end, "AIModel", "discovery:released-object", extra_label=gloss)

    # ------------------------------------------------------------------ the same name again
    def repeated_names(self) -> None:
        """A discovered name the article repeats elsewhere is the same thing there, and so is the
        distinctive last part of a model's name after it (루미-T1 … T1은, 루미 터보S … 터보S를)."""
        names = [(name, key, False) for name, key in sorted(self.found.items(), key=lambda x: -len(x[0]))]
        names += [(tail, key, True) for tail, key in self._model_tails().items()]
        for name, key, tail in names:
            if len(name) < 2 or fold(name) in self.cues.stop_names:
                continue
            thing = self.ext.things.get(key)
            if thing is None:
                continue
            for m in re.finditer(re.escape(name), self.text):
                start, end = m.start(), m.end()
                if self.overlaps(start, end):
                    continue
                before = self.text[start - 1 : start]
                after = self.text[end : end + 1]
                if before and (before.isalnum() and not before.isspace()):
                    continue  # inside a longer word
                if after and _LATIN.match(after) and _LATIN.match(name[-1:]):
                    continue
                if after and _HANGUL.match(after) and not self._particle_at(end):
                    continue
                if tail and (after and after in "-." and self.text[end + 1 : end + 2].isalnum()
                             or self.text.rfind("(", 0, start) > self.text.rfind(")", 0, start)):
                    continue  # T1 in T1-프리뷰: the start of another name; in a parenthesis: a gloss
                mention = Mention(start, end, name, key, thing.type, thing.confidence, "discovery:repeated")
                self.ext.mentions.append(mention)
                self.index.add(mention)

    def _model_tails(self) -> dict[str, str]:
        """The last part of each model's name the article has named (훈위안-T1, 루미 터보S), where it names
        one model only and reads as a name of its own: a digit with a letter (T1, 4o) or Hangul with a
        Latin letter (터보S); no size (7B), no variant word. A name the text gives another thing stays its."""
        named = [(m.text, m.key) for m in self.ext.mentions if m.type == "AIModel"]
        tails: dict[str, set[str]] = {}
        for name, key in [*self.found.items(), *named]:
            thing = self.ext.things.get(key)
            parts = re.split(r"[\s-]+", name.strip())
            if thing is None or thing.type != "AIModel" or len(parts) < 2:
                continue
            tail = parts[-1]
            distinctive = re.search(r"\d", tail) and re.search(r"[^\d.]", tail) or (
                _HANGUL.search(tail) and _LATIN.search(tail))
            if not distinctive or is_latin_size(tail) or fold(tail) in self.o.variant_words or \
                    fold(tail) in self.cues.stop_names:
                continue
            tails.setdefault(tail, set()).add(key)
        return {tail: next(iter(keys)) for tail, keys in tails.items() if len(keys) == 1 and tail not in self.found}

    def _particle_at(self, char: int) -> bool:
        tag = self.token_tags.get(char)
        return tag is not None and tag.startswith(("J", "E", "VCP", "XSN", "XSV", "XSA"))


def _word_before(words: list[Word], char: int) -> Word | None:
    """The last word that ends at or before `char` (words are in order)."""
    i = bisect_right([w.end for w in words], char) if len(words) < 64 else _bisect_end(words, char)
    return words[i - 1] if i > 0 else None


def _word_after(words: list[Word], char: int) -> Word | None:
    """The first word that starts at or after `char`."""
    lo, hi = 0, len(words)
    while lo < hi:
        mid = (lo + hi) // 2
        if words[mid].start < char:
            lo = mid + 1
        else:
            hi = mid
    return words[lo] if lo < len(words) else None


def _bisect_end(words: list[Word], char: int) -> int:
    lo, hi = 0, len(words)
    while lo < hi:
        mid = (lo + hi) // 2
        if words[mid].end <= char:
            lo = mid + 1
        else:
            hi = mid
    return lo


@Language.factory("aikg_discovery", requires=["doc._.extraction"], assigns=["doc._.extraction"])
def make_discoverer(nlp: Language, name: str) -> Discoverer:
    return Discoverer()
