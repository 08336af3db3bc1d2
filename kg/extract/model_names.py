"""AI model names as a grammar: a family, then versions, sizes, variant words and date codes.

The press names a model by its family plus what sets it apart: '젬마 3 27B',
'Qwen3-235B-A22B', '제미나이 2.5 플래시', 'Phi-4-mini', 'o4-미니',
'카나나-1.5-v-3b'. A knowledge base cannot list every such name, so every
AIModel mention (a family or version the KB knows, or a model found in the
article) is extended to the right over the pieces of a name
(`kg/resources/lexicon/model_names.json`), and the longer name is a thing of
its own: the KB's record when the KB knows the full name (in Latin or with the
Hangul variant words translated: 제미나이 2.5 플래시 -> Gemini 2.5 Flash), else a
new model whose `family` is the mention it was built on (its developer comes
from there). A quoted name that starts with a family is kept whole ('카나나
플래그'), and so is a long hyphenated Latin name. The family itself is a thing
only where the text names it alone.

Later in the article, what sets a variant apart may stand for it alone:
"플래시는 …", "32B Think는 …", "0.5B 모델은 …" name the one variant built with those
pieces (an exact match first, else the only variant that has them all).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.lexicon import fold, load_cues
from kg.extract.model import Extraction, Mention, Thing, get_extraction
from kg.extract.spans import MentionIndex
from kg.extract.words import doc_text, doc_tokens
from kg.kb import KnowledgeBase, load_kb

LEXICON_PATH = Path(__file__).resolve().parents[1] / "resources" / "lexicon" / "model_names.json"
OPEN_QUOTES = "'\"‘“"
CLOSE_QUOTES = {"'": "'", '"': '"', "‘": "’", "“": "”"}
GRAMMAR_CONFIDENCE = 0.8
_HANGUL = re.compile(r"[가-힣]")
_LATIN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9.]*(?:-[A-Za-z0-9][A-Za-z0-9.]*)+")
_LATIN_HEAD = re.compile(r"[A-Za-z][A-Za-z0-9.]*\d[A-Za-z0-9.]*|[A-Z][A-Za-z]+")
_QUOTED_NAME_CHARS = re.compile(r"^[A-Za-z0-9가-힣 .\-+:·]+$")


def is_date_code(code: str) -> bool:
    """A date code can be read as a date of the era of AI models: MMDD, YYMM or YYYY, or YYYY-MM(-DD), MM-DD.

    노바-R2 0528 (28 May) and 루미나 2507 (July 2025) are dated versions; 'R2 1776' is a name (no month 17
    or 76, no year 1776).
    """
    parts = code.split("-")
    if len(parts) == 1 and len(code) == 4:
        a, b = int(code[:2]), int(code[2:])
        return (1 <= a <= 12 and 1 <= b <= 31) or 1 <= b <= 12 or 1990 <= int(code) <= 2099  # MMDD, YYMM, YYYY
    if len(parts[0]) == 4:
        year, rest = int(parts[0]), [int(x) for x in parts[1:]]
        return 1990 <= year <= 2099 and (not rest or 1 <= rest[0] <= 12) and (len(rest) < 2 or 1 <= rest[1] <= 31)
    return len(parts) == 2 and 1 <= int(parts[0]) <= 12 and 1 <= int(parts[1]) <= 31


@dataclass(frozen=True)
class NameLexicon:
    variants: dict[str, str]  # folded spelling -> canonical variant
    spellings: tuple[str, ...]  # every spelling, longest first
    version: re.Pattern[str]
    size: re.Pattern[str]
    date_code: re.Pattern[str]
    code_name: re.Pattern[str]
    not_after_version: tuple[str, ...]
    max_pieces: int
    quote_max: int
    size_units: dict[str, int]
    spelling_re: re.Pattern[str]  # any spelling, longest first
    longest: int


@lru_cache(maxsize=1)
def load_name_lexicon(path: Path = LEXICON_PATH) -> NameLexicon:
    data = json.loads(path.read_text(encoding="utf-8"))
    try:
        variants = {}
        for canonical, spellings in data["variants"].items():
            for s in [canonical, *spellings]:
                variants[s.casefold()] = canonical
        return NameLexicon(
            variants=variants,
            spellings=tuple(sorted(variants, key=len, reverse=True)),
            version=re.compile(data["version"]),
            size=re.compile(data["size"]),
            date_code=re.compile(data["date_code"]),
            code_name=re.compile(data["code_name"]),
            not_after_version=tuple(sorted(data["not_after_version"], key=len, reverse=True)),
            max_pieces=int(data["max_pieces"]),
            quote_max=int(data["quote_max"]),
            size_units={k: int(v) for k, v in data["size_units"].items()},
            spelling_re=re.compile("|".join(re.escape(x) for x in sorted(variants, key=len, reverse=True)),
                                   re.IGNORECASE),
            longest=max(len(x) for x in variants),
        )
    except (KeyError, TypeError, re.error) as exc:
        raise ValueError(f"{path}: missing or malformed key: {exc}") from exc


@dataclass(frozen=True)
class Piece:
    kind: str  # version | size | variant | date | code
    text: str  # as written
    canonical: str  # Flash for 플래시, 32B for 32b


class ModelNames:
    """spaCy component: extends AIModel mentions over the pieces of their names."""

    def __init__(self, kb: KnowledgeBase | None = None) -> None:
        self.kb = kb or load_kb()
        self.lex = load_name_lexicon()
        cues = load_cues()
        self.stop = cues.stop_names
        # a quotation followed by one of these names an event, a policy, a chip … not a model
        self.not_model_after = cues.event_cues | {fold(c) for c in (*cues.policy_cues, *cues.hardware_cues,
                                                                     *cues.leaderboard_cues, *cues.org_classifiers)}

    def __call__(self, doc: Doc) -> Doc:
        ext = get_extraction(doc)
        text = doc_text(doc)
        starts = {t.idx for t in doc_tokens(doc)}
        pieces_of: dict[str, frozenset[str]] = {}
        index = MentionIndex(ext.mentions)
        replaced: dict[int, Mention | None] = {}  # id of a mention -> what stands for it now (None: dropped)
        for m in sorted([m for m in ext.mentions if m.type == "AIModel"], key=lambda m: m.start):
            if id(m) in replaced:
                continue
            end, pieces, whole = self.extend(text, starts, m)
            if not pieces:
                continue
            inside = [o for o in index.starting_in(m.start, end) if o is not m]
            if any(o.type != "AIModel" for o in inside):
                continue  # the extension would swallow another thing's name
            thing = self._variant(ext, m, text[m.start:end], pieces, whole)
            if thing is None:
                continue
            for o in inside:
                if o.end <= end:
                    replaced[id(o)] = None
            replaced[id(m)] = Mention(m.start, end, text[m.start:end], thing.key, "AIModel", GRAMMAR_CONFIDENCE,
                                      "grammar:model-name", False)
            pieces_of[thing.key] = frozenset(p.canonical.casefold() for p in pieces if p.kind != "date")
        if replaced:
            ext.mentions[:] = [replaced.get(id(m), m) for m in ext.mentions if replaced.get(id(m), m) is not None]
        self._translated_names(ext, text, starts)
        for key, thing in ext.things.items():  # KB models and found ones can be referred to by their pieces too
            if thing.type == "AIModel" and key not in pieces_of:
                own = self.name_pieces(thing.name)
                if own:
                    pieces_of[key] = own
            if thing.type == "AIModel" and thing.name_params is None and thing.name_active is None:
                parts = [p for p in re.split(r"[\s\-]+", thing.name.strip()) if p]
                if len(parts) > 1:  # 루미나-32B: a size written in a found or known name
                    thing.name_params, thing.name_active = self._sizes(self.pieces_of(" ".join(parts[1:]),
                                                                                     strict=False))
        self._rebase_found_names(ext, pieces_of)
        self._merge_piece_names(ext, pieces_of)
        self._back_references(doc, ext, text, starts, pieces_of)
        _drop_unmentioned(ext)
        return doc

    def _translated_names(self, ext: Extraction, text: str, starts: set[int]) -> None:
        """o4-미니, GPT-5 나노: a Latin name with Hangul variant words is the KB's model of the Latin name."""
        index = MentionIndex(ext.mentions)
        for m in _LATIN_HEAD.finditer(text):
            start = m.start()
            if index.covered(start, m.end()) or (start > 0 and text[start - 1].isalnum()):
                continue
            pos, pieces = self._pieces_after(text, starts, m.end())
            if not any(p.kind == "variant" and _HANGUL.search(p.text) for p in pieces) or index.covered(start, pos):
                continue
            name = m.group(0) + "-" + "-".join(p.canonical for p in pieces)
            recs = [r for r in self.kb.lookup(name) if r.type == "AIModel"]
            if len(recs) != 1:
                continue
            surface = text[start:pos]
            thing = _kb_thing(ext, recs[0], surface)
            mention = Mention(start, pos, surface, thing.key, "AIModel", GRAMMAR_CONFIDENCE, "grammar:translated",
                              False)
            ext.mentions.append(mention)
            index.add(mention)

    def name_pieces(self, name: str) -> frozenset[str] | None:
        """The pieces of a model name after its first word ("Claude Opus 4" -> {opus, 4}), when every
        part after it is a piece of the grammar."""
        parts = [p for p in re.split(r"[\s\-]+", name.strip()) if p]
        if len(parts) < 2:
            return None
        pieces = self.pieces_of(" ".join(parts[1:]), strict=True)
        if not pieces or any(p.kind == "code" for p in pieces):
            return None
        return frozenset(p.canonical.casefold() for p in pieces if p.kind != "date")

    def _rebase_found_names(self, ext: Extraction, pieces_of: dict[str, frozenset[str]]) -> None:
        """'루미나-2 미니' found whole in quotes, where the article also names '루미나-2': a variant of it,
        named as the grammar names variants (루미나-2 Mini), so that the same variant is one thing."""
        bases = sorted(((fold(t.name), t) for t in ext.things.values() if t.type == "AIModel"),
                       key=lambda x: -len(x[0]))
        for key, thing in list(ext.things.items()):
            if thing.type != "AIModel" or thing.kb_id or not thing.rule.startswith("discovery"):
                continue
            for base_fold, base in bases:
                if base is thing or not fold(thing.name).startswith(base_fold) or fold(thing.name) == base_fold:
                    continue
                rest = thing.name[self._prefix_len(thing.name, base_fold):]
                pieces = self.pieces_of(rest, strict=True)
                if not pieces:
                    continue
                canonical = " ".join([base.name, *(p.canonical for p in pieces)])
                new_key = "aimodel:" + fold(canonical)
                written = thing.name
                if new_key != key and new_key in ext.things:
                    target = ext.things[new_key]
                else:
                    target = thing
                    target.name = canonical
                target.family = base.kb_id or base.key
                target.name_params, target.name_active = self._sizes(pieces)
                target.add_label(written, "ko" if _HANGUL.search(written) else "en")
                if target is not thing:
                    for label in [thing.name, *thing.labels]:
                        target.add_label(label, "ko" if _HANGUL.search(label) else "en")
                    ext.mentions[:] = [Mention(m.start, m.end, m.text, new_key, m.type, m.confidence, m.rule, m.weak)
                                       if m.key == key else m for m in ext.mentions]
                    del ext.things[key]
                pieces_of[target.key] = frozenset(p.canonical.casefold() for p in pieces if p.kind != "date")
                break

    @staticmethod
    def _prefix_len(name: str, folded_prefix: str) -> int:
        """How many characters of `name` fold to `folded_prefix`."""
        for k in range(1, len(name) + 1):
            if fold(name[:k]) == folded_prefix:
                while k < len(name) and name[k] in " -":
                    k += 1
                return k
        return len(name)

    def _merge_piece_names(self, ext: Extraction, pieces_of: dict[str, frozenset[str]]) -> None:
        """A found model whose whole name is pieces ('SEED 32B 싱크') is the one variant with those pieces."""
        for key, thing in list(ext.things.items()):
            if thing.type != "AIModel" or thing.kb_id or not thing.rule.startswith("discovery"):
                continue
            parts = self.pieces_of(thing.name, strict=True)
            if not parts or any(p.kind == "code" for p in parts):
                continue
            wanted = frozenset(p.canonical.casefold() for p in parts if p.kind != "date")
            same = [k for k, ps in pieces_of.items() if k != key and ps == wanted]
            if len(same) != 1:
                continue
            target = ext.things[same[0]]
            for label in [thing.name, *thing.labels]:
                target.add_label(label, "ko" if _HANGUL.search(label) else "en")
            ext.mentions[:] = [Mention(m.start, m.end, m.text, same[0], m.type, m.confidence, m.rule, m.weak)
                               if m.key == key else m for m in ext.mentions]
            pieces_of.pop(key, None)

    # ------------------------------------------------------------------ the grammar
    def extend(self, text: str, starts: set[int], m: Mention) -> tuple[int, list[Piece], bool]:
        """(end, pieces, whole quotation) of the longest model name that starts with mention `m`."""
        quoted = self._quoted_rest(text, m)
        if quoted is not None:
            end, rest = quoted
            pieces = self.pieces_of(rest, strict=False)
            return (end, pieces, True) if pieces else (m.end, [], False)
        latin = _LATIN_NAME.match(text, max(m.start, 0))
        if latin and latin.end() > m.end and not _HANGUL.search(latin.group(0)):
            rest = text[m.end : latin.end()].lstrip("-")
            pieces = self.pieces_of(rest, strict=True)
            if pieces and len(pieces) <= self.lex.max_pieces:
                return latin.end(), pieces, True
        pos, pieces = self._pieces_after(text, starts, m.end)
        return pos, pieces, False

    def _pieces_after(self, text: str, starts: set[int], pos: int) -> tuple[int, list[Piece]]:
        """(end, pieces) of the version, size and variant words that follow a family name at `pos`."""
        pieces: list[Piece] = []
        while len(pieces) < self.lex.max_pieces:
            got = self._next_piece(text, starts, pos)
            if got is None:
                break
            piece, pos = got
            pieces.append(piece)
        return pos, pieces

    def _quoted_rest(self, text: str, m: Mention) -> tuple[int, str] | None:
        """The rest of a quotation that opens right before the mention ('카나나 플래그')."""
        if m.start == 0 or text[m.start - 1] not in OPEN_QUOTES:
            return None
        close_char = CLOSE_QUOTES[text[m.start - 1]]
        close = text.find(close_char, m.end, m.end + self.lex.quote_max)
        if close <= m.end:
            return None
        after = re.match(r"\s*([가-힣A-Za-z]+)", text[close + 1 : close + 16])
        if after and (fold(after.group(1)) in self.not_model_after or any(
                fold(after.group(1)).startswith(c) for c in self.not_model_after if len(c) > 1)):
            return None  # '노바 데이' 행사: the name of an event
        rest = text[m.end : close]
        paren = rest.find("(")
        if paren != -1:  # '카나나(Kanana)': a gloss, not more of the name
            rest = rest[:paren]
            close = m.end + paren
        if not rest.strip() or not _QUOTED_NAME_CHARS.match(rest) or rest[:1] not in (" ", "-", ""):
            if not (rest[:1].isdigit() or rest[:1] in "-."):
                return None
        end = m.end + len(rest.rstrip())
        return end, rest.strip(" -")

    def pieces_of(self, rest: str, strict: bool) -> list[Piece]:
        """The pieces of a name's remainder; strict: every part must be a piece of the grammar
        (a long Latin name), else unknown words are kept as code names (a quoted name)."""
        parts = [p for p in re.split(r"[\s\-]+", rest.strip()) if p]
        out: list[Piece] = []
        i = 0
        while i < len(parts):
            two = " ".join(parts[i : i + 2]).casefold()
            if i + 1 < len(parts) and two in self.lex.variants:
                out.append(Piece("variant", " ".join(parts[i : i + 2]), self.lex.variants[two]))
                i += 2
                continue
            piece = self._classify(parts[i])
            if piece is None:
                if strict and not self.lex.code_name.fullmatch(parts[i]):
                    return []
                piece = Piece("code", parts[i], parts[i])
            out.append(piece)
            i += 1
        return out

    def _classify(self, part: str) -> Piece | None:
        low = part.casefold()
        if low in self.lex.variants:
            return Piece("variant", part, self.lex.variants[low])
        if self.lex.size.fullmatch(part):
            return Piece("size", part, part[:-1] + part[-1].upper())
        if self.lex.version.fullmatch(part):
            return Piece("version", part, part)
        if self.lex.date_code.fullmatch(part) and is_date_code(part):
            return Piece("date", part, part)
        return None

    def _next_piece(self, text: str, starts: set[int], pos: int) -> tuple[Piece, int] | None:
        """The next piece right after `pos` (after a space, a hyphen or nothing), ending at a word end."""
        sep = 0
        if pos < len(text) and text[pos] in " -":
            sep = 1
            if pos + 1 < len(text) and text[pos + 1] in " -":
                return None
        start = pos + sep
        if start >= len(text):
            return None
        m = self.lex.spelling_re.match(text, start)
        if m is not None:
            spelling = m.group(0).casefold()
            for length in range(len(spelling), 0, -1):  # the longest spelling that ends a word
                cand = spelling[:length]
                if cand in self.lex.variants and self._ends_word(text, starts, start + length) and not (
                        _HANGUL.match(cand) and start not in starts):
                    return Piece("variant", text[start : start + length], self.lex.variants[cand]), start + length
        for kind, pattern in (("size", self.lex.size), ("version", self.lex.version), ("date", self.lex.date_code)):
            m = pattern.match(text, start)
            if m is None or not self._ends_word(text, starts, m.end()):
                continue
            if kind == "date" and (not sep or not is_date_code(m.group(0))):
                continue
            if kind == "version":
                after = text[m.end() : m.end() + 6].lstrip()
                if any(after.startswith(u) for u in self.lex.not_after_version):
                    return None  # 70억, 3개, 2위: a quantity, not a version
                if text[m.end() : m.end() + 1] in ",." and text[m.end() + 1 : m.end() + 2].isdigit():
                    return None
            piece = m.group(0)
            canonical = piece[:-1] + piece[-1].upper() if kind == "size" else piece
            return Piece(kind, piece, canonical), m.end()
        return None

    @staticmethod
    def _ends_word(text: str, starts: set[int], end: int) -> bool:
        if end >= len(text):
            return True
        nxt = text[end]
        if nxt.isspace() or nxt in "'\"’”)]·,.…/:;!?-(<>|":
            return True
        if _HANGUL.match(nxt):
            return end in starts  # a particle or an ending follows: 플래시는, Flash가
        return False

    # ------------------------------------------------------------------ things
    def _variant(self, ext: Extraction, anchor: Mention, surface: str, pieces: list[Piece],
                 whole: bool) -> Thing | None:
        base = ext.things.get(anchor.key)
        if base is None:
            return None
        latin = not _HANGUL.search(surface)
        canonical = surface if latin else " ".join([base.name, *(p.canonical for p in pieces)])
        canonical = " ".join(canonical.split())
        for name in (canonical, surface):
            recs = [r for r in self.kb.lookup(name) if r.type == "AIModel"]
            if len(recs) == 1:
                return _kb_thing(ext, recs[0], surface)
        key = "aimodel:" + fold(canonical)
        thing = ext.things.get(key)
        if thing is None:
            thing = Thing(key=key, type="AIModel", name=canonical, confidence=GRAMMAR_CONFIDENCE,
                          rule="grammar:model-name", family=base.kb_id or base.key)
            thing.name_params, thing.name_active = self._sizes(pieces)
            ext.things[key] = thing
        thing.add_label(surface, "ko" if _HANGUL.search(surface) else "en")
        return thing

    def _sizes(self, pieces: list[Piece]) -> tuple[int | None, int | None]:
        total = active = None
        for p in pieces:
            if p.kind != "size":
                continue
            m = re.fullmatch(r"([Aa])?(\d+(?:\.\d+)?)([BMT])", p.canonical)
            if m is None:
                continue  # 8x7B: experts, not a total
            value = int(round(float(m.group(2)) * self.lex.size_units[m.group(3)]))
            if m.group(1):
                active = value
            elif total is None:
                total = value
        return total, active

    # ------------------------------------------------------------------ 플래시는, 32B Think, 0.5B 모델
    def _back_references(self, doc: Doc, ext: Extraction, text: str, starts: set[int],
                         pieces_of: dict[str, frozenset[str]]) -> None:
        if not pieces_of:
            return
        index = MentionIndex(ext.mentions)
        first_seen: dict[str, int] = {}
        for m in ext.mentions:
            if m.key in pieces_of and (m.key not in first_seen or m.start < first_seen[m.key]):
                first_seen[m.key] = m.start
        for tok in doc_tokens(doc):
            start = tok.idx
            if index.at(start) is not None:
                continue
            if start > 0 and not (text[start - 1].isspace() or text[start - 1] in OPEN_QUOTES + "(·,"):
                continue
            pos = start
            ref: list[Piece] = []
            while len(ref) < self.lex.max_pieces:
                got = self._next_piece(text, starts, pos) if ref else self._first_piece(text, starts, start)
                if got is None:
                    break
                piece, pos = got
                ref.append(piece)
            if not ref or not any(p.kind in ("variant", "size") for p in ref):
                continue
            wanted = frozenset(p.canonical.casefold() for p in ref if p.kind != "date")
            candidates = [k for k, ps in pieces_of.items() if k in first_seen and first_seen[k] < start]
            exact = [k for k in pieces_of if k in first_seen and pieces_of[k] == wanted]  # a headline may come first
            wider = [k for k in candidates if wanted <= pieces_of[k]]
            key = exact[0] if len(exact) == 1 else wider[0] if len(wider) == 1 else None
            if key is None or index.covered(start, pos):
                continue
            surface = text[start:pos]
            if fold(surface) in self.stop:
                continue
            mention = Mention(start, pos, surface, key, "AIModel", GRAMMAR_CONFIDENCE * 0.9,
                              "grammar:variant-reference", False)
            ext.mentions.append(mention)
            index.add(mention)
            ext.things[key].add_label(surface, "ko" if _HANGUL.search(surface) else "en")

    def _first_piece(self, text: str, starts: set[int], start: int) -> tuple[Piece, int] | None:
        return self._next_piece(text, starts, start)


def _kb_thing(ext: Extraction, rec, surface: str) -> Thing:
    thing = ext.things.get(rec.id)
    if thing is None:
        thing = Thing(key=rec.id, type=rec.type, name=rec.name, kb_id=rec.id, subtype=rec.subtype,
                      confidence=0.95, rule="kb")
        ext.things[rec.id] = thing
    thing.add_label(surface, "ko" if _HANGUL.search(surface) else "en")
    return thing


def _drop_unmentioned(ext: Extraction) -> None:
    """A family whose every mention grew into a variant is no thing of the article."""
    mentioned = {m.key for m in ext.mentions}
    for key in [k for k, t in ext.things.items() if k not in mentioned and t.type == "AIModel"]:
        if key != ext.publisher_key:
            del ext.things[key]


@Language.factory("aikg_model_names", requires=["doc._.extraction"], assigns=["doc._.extraction"])
def make_model_names(nlp: Language, name: str) -> ModelNames:
    return ModelNames()
