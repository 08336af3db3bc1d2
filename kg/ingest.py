"""From an article file to an `Article`: decoded text, body lines, headline, date, publisher.

Offsets in the graph refer to `Article.text`: the file's bytes decoded with
the detected encoding and no newline translation (read it back with
`open(path, encoding=article.encoding, newline="")`). The NLP stage reads
`Article.analysis_text`: NFC-normalised, with HTML tags, control characters
and page furniture *masked* (replaced by spaces of the same length) rather
than removed. Only NFC can change lengths; `Article.original_offset` maps an
analysis offset back to the file text.

Furniture (menus, counters, headline lists of other articles, photo credits,
copyright and site-info footers) is recognised by general line patterns kept
in `kg/resources/lexicon/furniture.json`, never by per-site rules.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.errors import IngestError
from kg.normalize.dates import PartialDate, parse_dateline

RESOURCES = Path(__file__).parent / "resources"
MAX_BYTES_DEFAULT = 8 * 1024 * 1024


@dataclass(frozen=True)
class Line:
    """One line of the file: [start, end) in Article.text, and what it is."""

    start: int
    end: int
    kind: str  # "body" | "heading" | "furniture" | "byline" | "blank"


@dataclass
class Article:
    path: Path
    text: str  # the file's decoded text, offsets refer to it
    encoding: str
    content_hash: str  # sha256 of the file bytes
    analysis_text: str = ""  # NFC text with furniture masked by spaces
    offsets: list[int] | None = None  # analysis position -> text position, None when identical
    lines: list[Line] = field(default_factory=list)
    headline: str | None = None
    publisher: str | None = None
    published: PartialDate | None = None
    url: str | None = None
    language: str = "ko"
    warnings: list[str] = field(default_factory=list)

    @property
    def file(self) -> str:
        return self.path.name

    @property
    def stem(self) -> str:
        return self.path.stem

    def original_offset(self, position: int) -> int:
        """The offset in the file text of a position in the analysis text."""
        if self.offsets is None:
            return position
        return self.offsets[min(position, len(self.offsets) - 1)]

    def body_lines(self) -> Iterator[Line]:
        return (ln for ln in self.lines if ln.kind in ("body", "heading", "byline"))


@lru_cache(maxsize=1)
def furniture_lexicon() -> dict:
    """Patterns of page furniture; validated once per process."""
    path = RESOURCES / "lexicon" / "furniture.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    compiled = {}
    keys = ("line_patterns", "inline_masks", "list_headers", "list_enders", "byline_patterns", "publisher_patterns")
    for key in keys:
        try:
            compiled[key] = [re.compile(p) for p in data[key]]
        except (KeyError, re.error) as exc:
            raise ValueError(f"{path}: bad entry {key}: {exc}") from exc
    return compiled


# ---------------------------------------------------------------- decoding
def decode_bytes(raw: bytes, path: Path) -> tuple[str, str]:
    """Decode article bytes: BOMs, UTF-8, UTF-16 without BOM, then CP949 (a superset of EUC-KR)."""
    if not raw.strip():
        raise IngestError(path, "empty article (no text)")
    boms = [
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ]
    for bom, enc in boms:
        if raw.startswith(bom):
            try:
                return raw.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise IngestError(path, f"broken {enc} text at byte {exc.start}") from exc
    if b"\x00" in raw:
        utf16 = _guess_utf16(raw)
        if utf16:
            try:
                return raw.decode(utf16), utf16
            except UnicodeDecodeError:
                pass
        raise IngestError(path, "binary file (NUL bytes), not a text article")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return raw.decode("cp949"), "cp949"
        except UnicodeDecodeError:
            raise IngestError(
                path, f"not UTF-8, UTF-16 or CP949/EUC-KR text (invalid byte at offset {utf8_error.start})"
            ) from utf8_error


def _guess_utf16(raw: bytes) -> str | None:
    """UTF-16 without a BOM: NUL bytes concentrated on even (BE) or odd (LE) positions."""
    sample = raw[:4000]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) / 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


# ---------------------------------------------------------------- masking
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
_HTML_HINT = re.compile(r"<(html|body|div|p|br|span|head|!doctype)\b", re.I)
_HTML_BLOCK = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)
_HTML_TAG = re.compile(r"<[^<>]{0,2000}>", re.S)


def _mask(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def _mask_keep_newlines(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def nfc_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """NFC-normalise, with a map from each normalised position to its position in `text`.

    The map is None when the text is already NFC (the common case); otherwise it has
    len(normalised) + 1 entries, the last one being len(text).
    """
    if unicodedata.is_normalized("NFC", text):
        return text, None
    out: list[str] = []
    offsets: list[int] = []
    cluster_start = 0
    for i in range(1, len(text) + 1):
        if i < len(text) and (unicodedata.combining(text[i]) or _is_jamo_continuation(text[i])):
            continue
        norm = unicodedata.normalize("NFC", text[cluster_start:i])
        out.append(norm)
        offsets.extend([cluster_start] * len(norm))
        cluster_start = i
    offsets.append(len(text))
    return "".join(out), offsets


def _is_jamo_continuation(ch: str) -> bool:
    return "\u1160" <= ch <= "\u11ff" or "\ud7b0" <= ch <= "\ud7ff"


def analysis_view(text: str) -> tuple[str, list[int] | None]:
    """The text the NLP stage reads (NFC, markup and control characters blanked) and its offset map."""
    view, offsets = nfc_with_offsets(text)
    view = _CONTROL.sub(" ", view)
    if _HTML_HINT.search(view[:5000]):
        view = _mask_keep_newlines(view, _HTML_BLOCK)
        view = _mask_keep_newlines(view, _HTML_TAG)
        view = re.sub(r"&(nbsp|amp|lt|gt|quot|#\d+);", lambda m: " " * len(m.group(0)), view)
    return view, offsets


# ---------------------------------------------------------------- lines
_SENTENCE_END = re.compile(r"(다|요|죠|음|함|임|됨|니다|까|라)[.!?…\"'”’)]*\s*$|[.!?…]\s*$")
_HANGUL = re.compile(r"[가-힣]")


def iter_lines(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for m in re.finditer(r"\r\n|\n|\r|\u2028|\u2029", text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def _is_prose(line: str) -> bool:
    """A sentence-like line of the article body (not a menu, counter or headline)."""
    s = line.strip()
    return len(s) >= 25 and bool(_HANGUL.search(s)) and bool(_SENTENCE_END.search(s))


def classify_lines(view: str) -> list[Line]:
    """Mark each line as body, heading, byline, furniture or blank with general patterns."""
    lex = furniture_lexicon()
    spans = list(iter_lines(view))
    kinds: list[str] = []
    in_list = False
    for start, end in spans:
        raw = view[start:end]
        s = raw.strip().replace("¶", "").strip()
        if not s:
            kinds.append("blank")
            continue
        if any(p.search(s) for p in lex["list_headers"]):
            in_list = True
            kinds.append("furniture")
            continue
        if any(p.search(s) for p in lex["byline_patterns"]):
            kinds.append("byline")
            in_list = False
            continue
        if in_list and any(p.search(s) for p in lex["list_enders"]):
            in_list = False
            kinds.append("furniture")
            continue
        if any(p.search(s) for p in lex["line_patterns"]):
            kinds.append("furniture")
            continue
        if in_list:
            if _is_prose(s) and len(s) > 80:
                in_list = False
                kinds.append("body")
            else:
                kinds.append("furniture")
            continue
        kinds.append("body" if _is_prose(s) else "heading")
    # Headings after the last prose line are trailing furniture (category lists, widgets).
    last_body = max((i for i, k in enumerate(kinds) if k in ("body", "byline")), default=-1)
    if last_body == -1:  # a short text with no prose line: its headings are the text
        return [Line(start, end, kind) for (start, end), kind in zip(spans, kinds, strict=True)]
    for i in range(last_body + 1, len(kinds)):
        if kinds[i] == "heading":
            kinds[i] = "furniture"
    return [Line(start, end, kind) for (start, end), kind in zip(spans, kinds, strict=True)]


def mask_furniture(view: str, lines: Iterable[Line]) -> str:
    """Blank furniture lines, and furniture inside kept lines (photo credits such as "./AFP·연합뉴스")."""
    inline = furniture_lexicon()["inline_masks"]
    chars = list(view)
    for ln in lines:
        if ln.kind == "furniture":
            chars[ln.start : ln.end] = " " * (ln.end - ln.start)
            continue
        for pattern in inline:
            for m in pattern.finditer(view, ln.start, ln.end):
                chars[m.start() : m.end()] = " " * (m.end() - m.start())
    return "".join(chars)


# ---------------------------------------------------------------- headline, publisher, date
_DATE_PREFIX = re.compile(r"^\s*\d{4}\s*[.\-/]\s*\d{1,2}\s*[.\-/]\s*\d{1,2}\.?\s*")


def find_headline(view: str, lines: list[Line]) -> str | None:
    """The first heading-like line of reasonable length, cleaned of a leading dateline and pilcrows."""
    for ln in lines:
        if ln.kind not in ("heading", "body"):
            continue
        s = view[ln.start : ln.end].replace("¶", "").strip()
        s = _DATE_PREFIX.sub("", s).strip()
        if len(s) >= 10:
            return s
    return None


def find_publisher(view: str, lines: list[Line]) -> str | None:
    lex = furniture_lexicon()
    for ln in lines:
        s = view[ln.start : ln.end].strip()
        for p in lex["publisher_patterns"]:
            m = p.search(s)
            if m and m.group("publisher").strip():
                return m.group("publisher").strip()
    return None


def find_published(view: str) -> PartialDate | None:
    """The first dateline in the first part of the page (before the body runs long)."""
    return parse_dateline(view[:3000])


# ---------------------------------------------------------------- metadata
def load_metadata(folder: Path) -> dict[str, dict]:
    """metadata.json of an article folder: {file name: {publisher, published, url, headline, language}}."""
    path = folder / "metadata.json"
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IngestError(path, f"unreadable metadata.json: {exc}") from exc
    if not isinstance(data, dict):
        raise IngestError(path, "metadata.json must be an object keyed by file name")
    return {k: v for k, v in data.items() if isinstance(v, dict)}


def read_article(path: Path, metadata: dict | None = None, max_bytes: int = MAX_BYTES_DEFAULT) -> Article:
    """Read one article file; raise IngestError naming the file and the problem."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(path, f"too large ({size / 1e6:.1f} MB > {max_bytes / 1e6:.1f} MB limit)")
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise IngestError(path, "file disappeared before it could be read") from exc
    except PermissionError as exc:
        raise IngestError(path, "permission denied") from exc
    except IsADirectoryError as exc:
        raise IngestError(path, "is a directory") from exc
    except OSError as exc:
        raise IngestError(path, f"cannot read: {exc.strerror or exc}") from exc
    text, encoding = decode_bytes(raw, path)
    view, offsets = analysis_view(text)
    if not view.strip():
        raise IngestError(path, "empty article (only whitespace or markup)")
    lines = classify_lines(view)
    article = Article(
        path=path,
        text=text,
        encoding=encoding,
        content_hash=hashlib.sha256(raw).hexdigest(),
        lines=lines,
        offsets=offsets,
    )
    article.analysis_text = mask_furniture(view, lines)
    if not any(ln.kind in ("body", "heading") for ln in lines):
        raise IngestError(path, "no article text found (only page furniture)")
    meta = metadata or {}
    article.headline = meta.get("headline") or find_headline(view, lines)
    article.publisher = meta.get("publisher") or find_publisher(view, lines)
    published = meta.get("published")
    if published:
        try:
            article.published = PartialDate.parse(str(published))
        except ValueError:
            article.warnings.append(f"metadata published {published!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    if article.published is None:  # metadata left it out or set it to null: read the text
        article.published = find_published(view)
    article.url = meta.get("url")
    article.language = meta.get("language") or "ko"
    return article


def find_article_files(inputs: Iterable[Path]) -> list[Path]:
    """Every *.txt under the inputs (files or folders), sorted, symlink loops ignored."""
    found: set[Path] = set()
    for item in inputs:
        item = Path(item)
        if item.is_file():
            found.add(item)
            continue
        if not item.is_dir():
            raise IngestError(item, "no such file or folder")
        seen_dirs: set[Path] = set()
        for path in _walk(item, seen_dirs):
            found.add(path)
    return sorted(found, key=lambda p: (str(p.parent), p.name))


def _walk(folder: Path, seen: set[Path]) -> Iterator[Path]:
    try:
        real = folder.resolve()
    except (OSError, RuntimeError):
        return
    if real in seen:
        return
    seen.add(real)
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir():
                yield from _walk(entry, seen)
            elif entry.suffix.lower() == ".txt":
                yield entry
        except OSError:
            continue
