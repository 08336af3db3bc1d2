"""The knowledge base (KB): curated records of the AI industry that extraction links mentions to.

The records live as JSON lines under ``kg/resources/kb/`` (one file per kind of thing, see
``kg/resources/kb/README.md``).  They are validated strictly on load, because a wrong alias or a
dangling reference silently spreads into every graph that is built; a broken record therefore
raises :class:`KBError` naming the file and line, instead of being skipped.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "KBError",
    "KBRecord",
    "KnowledgeBase",
    "fold",
    "load_kb",
    "DEFAULT_KB_DIR",
    "TYPES",
    "LANGS",
]

DEFAULT_KB_DIR = Path(__file__).resolve().parent / "resources" / "kb"

#: The classes of things of the contract (section 2) that a KB record may be.
TYPES = frozenset({"Organization", "Person", "AIModel", "Country", "Leaderboard", "Hardware", "Policy"})

#: Language keys allowed in ``aliases``, ``short`` and ``family_name``.
LANGS = frozenset({"ko", "en", "zh", "ja"})

#: Files read first, in this order, so that record order (and thus every iteration) is stable;
#: any other ``*.jsonl`` in the directory follows in name order.
FILE_ORDER = (
    "countries.jsonl",
    "organizations.jsonl",
    "media.jsonl",
    "people.jsonl",
    "models.jsonl",
    "hardware.jsonl",
    "leaderboards.jsonl",
    "policies.jsonl",
)

_FIELDS = frozenset(
    {
        "id", "type", "subtype", "name", "aliases", "short", "country", "parent", "developer",
        "based_on", "successor_of", "works_for", "family_name", "iso_code", "qid", "ambiguous", "note",
    }
)
_ID_RE = re.compile(r"^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$")
_QID_RE = re.compile(r"^Q[1-9][0-9]*$")
_ISO_RE = re.compile(r"^[A-Z]{2}$")

# Which type a reference field must point at: a wrong-typed target is as broken as a missing one.
_REF_TYPES: dict[str, frozenset[str]] = {
    "parent": frozenset({"Organization"}),
    "developer": frozenset({"Organization"}),
    "based_on": frozenset({"AIModel"}),
    "successor_of": frozenset({"AIModel", "Hardware", "Leaderboard", "Policy"}),  # same type as the record
    "works_for": frozenset({"Organization"}),
}
# Which record types may carry which type-specific field.
_FIELD_TYPES: dict[str, frozenset[str]] = {
    "developer": frozenset({"AIModel", "Hardware", "Leaderboard", "Policy"}),
    "based_on": frozenset({"AIModel", "Organization"}),
    "successor_of": frozenset({"AIModel", "Hardware", "Leaderboard", "Policy"}),
    "works_for": frozenset({"Person"}),
    "family_name": frozenset({"Person"}),
    "parent": frozenset({"Organization"}),
    "iso_code": frozenset({"Country"}),
}

_FOLD_DROP = re.compile(r"[\s\-‐‑‒–—_.·・•]+")


def fold(text: str) -> str:
    """Fold a surface form the way the gold scorer compares labels (contract section 3).

    Case, spaces, hyphens and dots (incl. the middle dot of ``DALL·E``) are ignored, and the text
    is NFKC-normalised so that full-width Latin letters in Korean and Chinese text compare equal.
    """
    return _FOLD_DROP.sub("", unicodedata.normalize("NFKC", text)).casefold()


class KBError(ValueError):
    """An invalid KB record; the message starts with ``file:line`` so it can be fixed at once."""

    def __init__(self, path: Path | str, line: int, problem: str) -> None:
        self.path = Path(path)
        self.line = line
        self.problem = problem
        super().__init__(f"{self.path.name}:{line}: {problem}")


@dataclass(frozen=True)
class KBRecord:
    """One curated thing; fields mirror the JSON keys (see the KB README for their meaning).

    Records are shared through the per-process cache of :func:`load_kb`: treat the dict fields as
    read-only.
    """

    id: str
    type: str
    name: str
    subtype: str | None = None
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    short: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    country: str | None = None
    parent: str | None = None
    developer: str | None = None
    based_on: str | None = None
    successor_of: str | None = None
    works_for: tuple[tuple[str, str], ...] = ()
    family_name: dict[str, str] = field(default_factory=dict, hash=False)
    iso_code: str | None = None
    qid: str | None = None
    ambiguous: frozenset[str] = frozenset()
    note: str | None = None
    source: str = field(default="", compare=False, repr=False)  # "file.jsonl:line", for messages

    def all_aliases(self) -> Iterator[tuple[str, str]]:
        """Every (text, lang) of ``aliases`` in file order."""
        for lang, texts in self.aliases.items():
            for text in texts:
                yield text, lang

    def is_loose(self, text: str) -> bool:
        """True if ``text`` should only be matched with support: a short form or an ambiguous alias."""
        return text in self.ambiguous or any(text in texts for texts in self.short.values())


class KnowledgeBase:
    """The loaded, validated KB: records by id in file order, plus look-ups by type and surface."""

    def __init__(self, records: dict[str, KBRecord]) -> None:
        self.records = records
        self._by_fold: dict[str, list[KBRecord]] = {}
        for text, _lang, rid, _loose in self.surface_forms():
            bucket = self._by_fold.setdefault(fold(text), [])
            if records[rid] not in bucket:
                bucket.append(records[rid])
        self._by_iso = {r.iso_code: r for r in records.values() if r.iso_code}

    def __len__(self) -> int:
        return len(self.records)

    def __contains__(self, rid: object) -> bool:
        return rid in self.records

    def __iter__(self) -> Iterator[KBRecord]:
        return iter(self.records.values())

    def get(self, rid: str) -> KBRecord | None:
        """The record with this id, or None."""
        return self.records.get(rid)

    def by_type(self, type_: str) -> list[KBRecord]:
        """All records of one class (``"AIModel"``...), in file order."""
        return [r for r in self.records.values() if r.type == type_]

    def country(self, iso_code: str) -> KBRecord | None:
        """The Country record with this ISO 3166-1 alpha-2 code, so ``country`` fields can be linked."""
        return self._by_iso.get(iso_code)

    def lookup(self, text: str) -> list[KBRecord]:
        """Records that have ``text`` as a surface form, compared folded (see :func:`fold`)."""
        return list(self._by_fold.get(fold(text), ()))

    def surface_forms(self) -> Iterator[tuple[str, str, str, bool]]:
        """Yield ``(text, lang, record id, is_short_or_ambiguous)`` for every surface form.

        Per record: the canonical name, then ``aliases``, then ``short`` forms, then family names
        (a bare surname is only safe next to its context, so those are always flagged loose).
        A text is yielded once per record and language, with the flag of its first occurrence.
        """
        for rec in self.records.values():
            yield from _record_forms(rec)


def _record_forms(rec: KBRecord) -> Iterator[tuple[str, str, str, bool]]:
    """The surface forms of one record, in the order and with the flags of ``surface_forms``."""
    candidates: list[tuple[str, str, bool]] = []
    if not any(text == rec.name for text, _lang in rec.all_aliases()):
        candidates.append((rec.name, _guess_lang(rec.name), rec.is_loose(rec.name)))
    candidates += [(text, lang, text in rec.ambiguous) for text, lang in rec.all_aliases()]
    candidates += [(text, lang, True) for lang, texts in rec.short.items() for text in texts]
    candidates += [(text, lang, True) for lang, text in rec.family_name.items()]
    seen: set[tuple[str, str]] = set()
    for text, lang, loose in candidates:
        if (text, lang) not in seen:
            seen.add((text, lang))
            yield text, lang, rec.id, loose


def _guess_lang(text: str) -> str:
    """Language of a canonical name that is not also listed among the aliases (rare)."""
    if re.search(r"[\uac00-\ud7a3]", text):
        return "ko"
    if re.search(r"[\u3040-\u30ff]", text):
        return "ja"
    if re.search(r"[\u4e00-\u9fff]", text):
        return "zh"
    return "en"


# --------------------------------------------------------------------------------------- loading


@functools.lru_cache(maxsize=8)
def load_kb(directory: Path | None = None) -> KnowledgeBase:
    """Load and validate the KB in ``directory`` (default: the package's ``kg/resources/kb``).

    Cached per process: the KB is read-only data and every extraction step asks for it.
    Raises :class:`KBError` (naming file and line) on the first invalid record.
    """
    directory = Path(directory) if directory is not None else DEFAULT_KB_DIR
    if not directory.is_dir():
        raise KBError(directory, 0, "KB directory not found")
    if directory != DEFAULT_KB_DIR:
        return _compile_kb(directory)
    # the package's KB, parsed and checked once for every process (kg/cache.py): a few ms instead of 0.25 s
    from kg import cache

    files = _kb_files(directory)
    key = cache.source_key([Path(__file__), *files], str(directory))
    kb = cache.load("kb", key)
    if not isinstance(kb, KnowledgeBase):
        kb = _compile_kb(directory)
        cache.store("kb", key, kb)
    return kb


def _compile_kb(directory: Path) -> KnowledgeBase:
    records: dict[str, KBRecord] = {}
    for path in _kb_files(directory):
        for line_no, rec in _read_file(path):
            if rec.id in records:
                first = records[rec.id].source
                raise KBError(path, line_no, f"duplicate id {rec.id!r} (first defined at {first})")
            records[rec.id] = rec
    _check_references(records)
    _check_aliases(records)
    return KnowledgeBase(records)


def _kb_files(directory: Path) -> list[Path]:
    known = [directory / name for name in FILE_ORDER if (directory / name).is_file()]
    others = sorted(p for p in directory.glob("*.jsonl") if p.name not in FILE_ORDER)
    return known + others


def _read_file(path: Path) -> Iterator[tuple[int, KBRecord]]:
    text = path.read_text(encoding="utf-8")
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise KBError(path, line_no, f"invalid JSON: {exc.msg} (column {exc.colno})") from exc
        if not isinstance(obj, dict):
            raise KBError(path, line_no, "a record must be a JSON object")
        yield line_no, _parse_record(obj, path, line_no)


def _parse_record(obj: dict[str, Any], path: Path, line_no: int) -> KBRecord:
    """Check one record's own fields (shape, formats) and build the frozen record."""

    def fail(problem: str) -> KBError:
        return KBError(path, line_no, problem)

    unknown = sorted(set(obj) - _FIELDS)
    if unknown:
        raise fail(f"unknown field(s) {', '.join(unknown)}")
    for key in ("id", "type", "name"):
        if not isinstance(obj.get(key), str) or not obj[key].strip():
            raise fail(f"missing or empty {key!r}")
    rid, type_, name = obj["id"], obj["type"], obj["name"]
    if not _ID_RE.match(rid):
        raise fail(f"bad id {rid!r}: use lowercase ascii letters, digits, '.' and '-'")
    if type_ not in TYPES:
        raise fail(f"unknown type {type_!r} (expected one of {', '.join(sorted(TYPES))})")
    for key, allowed in _FIELD_TYPES.items():
        if obj.get(key) is not None and type_ not in allowed:
            raise fail(f"field {key!r} is not allowed on a {type_}")

    def opt_str(key: str) -> str | None:
        value = obj.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise fail(f"{key!r} must be a non-empty string")
        return value

    for key in ("country", "iso_code"):
        value = opt_str(key)
        if value is not None and not _ISO_RE.match(value):
            raise fail(f"bad {key} {value!r}: expected an ISO 3166-1 alpha-2 code such as 'US'")
    if type_ == "Country" and not obj.get("iso_code"):
        raise fail("a Country needs an 'iso_code'")
    qid = opt_str("qid")
    if qid is not None and not _QID_RE.match(qid):
        raise fail(f"bad qid {qid!r}: expected Q followed by digits, e.g. 'Q30'")
    for key in ("parent", "developer", "based_on", "successor_of"):
        value = opt_str(key)
        if value == rid:
            raise fail(f"{key!r} refers to the record itself")

    aliases = _lang_lists(obj.get("aliases"), "aliases", fail)
    short = _lang_lists(obj.get("short"), "short", fail)
    family_name = _family_name(obj.get("family_name"), fail)
    works_for = _works_for(obj.get("works_for"), fail)

    both = sorted({t for ts in aliases.values() for t in ts} & {t for ts in short.values() for t in ts})
    if both:
        raise fail(f"form(s) {both} are listed both in 'aliases' and 'short'")
    ambiguous_raw = obj.get("ambiguous", [])
    if not isinstance(ambiguous_raw, list) or not all(isinstance(a, str) and a for a in ambiguous_raw):
        raise fail("'ambiguous' must be a list of strings")
    forms = {name} | {t for ts in aliases.values() for t in ts} | {t for ts in short.values() for t in ts}
    stray = [a for a in ambiguous_raw if a not in forms]
    if stray:
        raise fail(f"ambiguous form(s) {stray} are not among the record's name, aliases or short forms")

    return KBRecord(
        id=rid,
        type=type_,
        name=name,
        subtype=opt_str("subtype"),
        aliases=aliases,
        short=short,
        country=opt_str("country"),
        parent=opt_str("parent"),
        developer=opt_str("developer"),
        based_on=opt_str("based_on"),
        successor_of=opt_str("successor_of"),
        works_for=works_for,
        family_name=family_name,
        iso_code=opt_str("iso_code"),
        qid=qid,
        ambiguous=frozenset(ambiguous_raw),
        note=opt_str("note"),
        source=f"{path.name}:{line_no}",
    )


def _lang_lists(value: Any, key: str, fail: Any) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise fail(f"{key!r} must be an object keyed by language")
    out: dict[str, tuple[str, ...]] = {}
    for lang, texts in value.items():
        if lang not in LANGS:
            raise fail(f"unknown language key {lang!r} in {key!r} (allowed: {', '.join(sorted(LANGS))})")
        if not isinstance(texts, list) or not all(isinstance(t, str) and t.strip() for t in texts):
            raise fail(f"{key}.{lang} must be a list of non-empty strings")
        if any(t != t.strip() for t in texts):
            raise fail(f"{key}.{lang} has a form with leading or trailing spaces")
        if len(set(texts)) != len(texts):
            raise fail(f"{key}.{lang} lists a form twice")
        out[lang] = tuple(texts)
    return out


def _family_name(value: Any, fail: Any) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise fail("'family_name' must be an object keyed by language")
    for lang, text in value.items():
        if lang not in LANGS:
            raise fail(f"unknown language key {lang!r} in 'family_name'")
        if not isinstance(text, str) or not text.strip():
            raise fail(f"family_name.{lang} must be a non-empty string")
    return dict(value)


def _works_for(value: Any, fail: Any) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise fail("'works_for' must be a list of {\"org\": id, \"role\": text}")
    out = []
    for item in value:
        if (
            not isinstance(item, dict)
            or set(item) - {"org", "role"}
            or not isinstance(item.get("org"), str)
            or not isinstance(item.get("role", ""), str)
        ):
            raise fail("each works_for entry must be {\"org\": id, \"role\": text}")
        out.append((item["org"], item.get("role", "")))
    return tuple(out)


def _check_references(records: dict[str, KBRecord]) -> None:
    """Every id a record names must exist and be of the right class; every country must be known."""
    iso_codes = {r.iso_code for r in records.values() if r.iso_code}
    for rec in records.values():
        refs = [(key, getattr(rec, key)) for key in ("parent", "developer", "based_on", "successor_of")]
        refs += [("works_for", org) for org, _role in rec.works_for]
        for key, target in refs:
            if target is None:
                continue
            other = records.get(target)
            path, line = _source(rec)
            if other is None:
                raise KBError(path, line, f"{key} refers to unknown id {target!r}")
            if key == "successor_of" and other.type != rec.type:
                raise KBError(path, line, f"successor_of {target!r} is a {other.type}, expected a {rec.type}")
            if key != "successor_of" and other.type not in _REF_TYPES[key]:
                expected = "/".join(sorted(_REF_TYPES[key]))
                raise KBError(path, line, f"{key} {target!r} is a {other.type}, expected {expected}")
        if rec.country is not None and rec.country not in iso_codes:
            path, line = _source(rec)
            problem = f"country {rec.country!r} has no Country record (add it to countries.jsonl)"
            raise KBError(path, line, problem)
    _check_cycles(records)


def _check_cycles(records: dict[str, KBRecord]) -> None:
    """A parent or successor chain that loops would hang anyone who walks it."""
    for key in ("parent", "successor_of", "based_on"):
        for rec in records.values():
            seen = {rec.id}
            cur = getattr(rec, key)
            while cur is not None:
                if cur in seen:
                    path, line = _source(rec)
                    raise KBError(path, line, f"{key} chain loops back through {cur!r}")
                seen.add(cur)
                cur = getattr(records[cur], key)


def _check_aliases(records: dict[str, KBRecord]) -> None:
    """Two records may share a (folded) surface form only if both treat it as loose.

    A form is loose on a record when it is listed in ``ambiguous`` or is a ``short`` form (short
    forms are matched only next to their developer/parent/employer).  Family names are not part of
    this check: they are never matched on their own.
    """
    owner: dict[str, tuple[KBRecord, str, bool]] = {}
    for rec in records.values():
        forms: list[tuple[str, bool]] = [(rec.name, rec.is_loose(rec.name))]
        forms += [(text, text in rec.ambiguous) for text, _lang in rec.all_aliases()]
        forms += [(text, True) for texts in rec.short.values() for text in texts]
        for text, loose in forms:
            key = fold(text)
            if not key:
                path, line = _source(rec)
                raise KBError(path, line, f"surface form {text!r} is empty once folded")
            prev = owner.get(key)
            if prev is None:
                owner[key] = (rec, text, loose)
                continue
            other, other_text, other_loose = prev
            if other.id == rec.id:
                owner[key] = (rec, text, loose and other_loose)
                continue
            if not (loose and other_loose):
                path, line = _source(rec)
                raise KBError(
                    path,
                    line,
                    f"surface form {text!r} of {rec.id!r} is also {other_text!r} of {other.id!r} "
                    f"({other.source}); mark it ambiguous on both or make it a short form",
                )
            # Keep the record that is least loose, so a later strict claim still collides.
            owner[key] = (rec, text, loose) if not loose else prev


def _source(rec: KBRecord) -> tuple[str, int]:
    name, _, line = rec.source.rpartition(":")
    return name, int(line) if line.isdigit() else 0
