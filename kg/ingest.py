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

import errno
import hashlib
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import IngestError, NotAnArticle
from kg.layout import TEXT_KINDS, Layout, Line, analyse, find_publisher, mask
from kg.normalize.dates import PartialDate, parse_dateline

RESOURCES = Path(__file__).parent / "resources"
MAX_BYTES_DEFAULT = 8 * 1024 * 1024  # an article larger than this is skipped as "too large"
MAX_METADATA_BYTES = 8 * 1024 * 1024
# Decoded text with more C0/C1 control characters than this share (and at least 8 of them) is binary.
BINARY_CONTROL_SHARE = 0.10


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
    authors: list[str] = field(default_factory=list)  # the byline's names (schema:author), as written

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
        return (ln for ln in self.lines if ln.kind in TEXT_KINDS)


# ---------------------------------------------------------------- decoding
_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_NOT_SPACE = re.compile(r"\S")


def decode_bytes(raw: bytes, path: Path) -> tuple[str, str]:
    """Decode article bytes: BOMs, UTF-8, UTF-16 without BOM, then CP949 (a superset of EUC-KR).

    Returns (text, encoding name). Raises IngestError, and nothing else, for bytes that are not
    a text article: empty or whitespace only, binary (NUL or mostly control bytes), or text that
    is neither UTF-8, UTF-16/32 nor CP949 (a damaged UTF-8 file is named as such, with the byte
    offset of the first damage).
    """
    if not raw:
        raise IngestError(path, "empty file (0 bytes)")
    if not raw.strip():
        raise IngestError(path, "empty article (only whitespace)")
    text, encoding = _decode(raw, path)
    controls = len(_BINARY_CONTROLS.findall(text))
    if controls >= 8 and controls > BINARY_CONTROL_SHARE * len(_NOT_SPACE.findall(text)):
        raise IngestError(path, f"binary file ({controls} control characters), not a text article")
    return text, encoding


def _decode(raw: bytes, path: Path) -> tuple[str, str]:
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
                raise IngestError(path, f"broken {enc} text at byte {exc.start}: {exc.reason}") from exc
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
            raise IngestError(path, _utf8_problem(raw, utf8_error)) from utf8_error


def _utf8_problem(raw: bytes, error: UnicodeDecodeError) -> str:
    """What is wrong with bytes that are neither UTF-8 nor CP949: damaged UTF-8, or unknown."""
    decoded = raw.decode("utf-8", errors="replace")
    bad = decoded.count("\ufffd")
    good = sum(1 for ch in decoded if ch > "\x7f" and ch != "\ufffd")
    if good >= 10 * bad:  # mostly well-formed multibyte UTF-8: a damaged or cut-off UTF-8 file
        if error.reason == "unexpected end of data":
            what = "truncated multibyte sequence at the end (file cut off?)"
        elif error.reason == "invalid continuation byte":
            what = "truncated multibyte sequence"
        else:
            what = f"invalid byte 0x{raw[error.start]:02x}"
        return f"damaged UTF-8 text: {what} at byte {error.start} ({bad} bad sequence(s))"
    return f"not UTF-8, UTF-16 or CP949/EUC-KR text (invalid byte at offset {error.start})"


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
# C0/C1 controls, zero-width space, BOM, bidirectional overrides and non-characters: blanked.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]")
_HTML_HINT = re.compile(r"<(html|body|div|p|br|span|head|!doctype)\b", re.I)
_HTML_OPENERS = re.compile(r"<(script|style)\b|<!--", re.I)
_HTML_CLOSERS = {
    "script": re.compile(r"</script\s*>", re.I),
    "style": re.compile(r"</style\s*>", re.I),
    "<!--": re.compile(r"-->"),
}
# Tags that end a block of text: blanked with a line break first, so that a page saved on one
# line still falls into lines (paragraphs, list items, cells) of the same length.
_HTML_BREAK_TAG = re.compile(
    r"</?(p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|article|section|header|footer|nav|title|blockquote|"
    r"figure|figcaption|main|aside|form|dl|dt|dd|pre|hr)\b[^<>]{0,2000}>",
    re.I,
)
_HTML_TAG = re.compile(r"<[^<>]{0,2000}>", re.S)


def _mask(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def _blank(text: str) -> str:
    """`text` with every character but line breaks replaced by a space (same length)."""
    return re.sub(r"[^\n\r]", " ", text)


def _mask_keep_newlines(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: _blank(m.group(0)), text)


def _mask_break_tags(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        blanked = _blank(m.group(0))
        return blanked if "\n" in blanked or "\r" in blanked else "\n" + blanked[1:]

    return _HTML_BREAK_TAG.sub(one, text)


def _mask_html_blocks(text: str) -> str:
    """Blank <script>, <style> and <!-- --> blocks in one pass (an unclosed one runs to the end).

    Linear in the length of the text, however many unclosed openers it holds.
    """
    out: list[str] = []
    pos = 0
    while True:
        opener = _HTML_OPENERS.search(text, pos)
        if opener is None:
            break
        closer = _HTML_CLOSERS[(opener.group(1) or "<!--").lower()].search(text, opener.end())
        end = closer.end() if closer else len(text)
        out.append(text[pos : opener.start()])
        out.append(_blank(text[opener.start() : end]))
        pos = end
    out.append(text[pos:])
    return "".join(out)


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
        view = _mask_html_blocks(view)
        view = _mask_break_tags(view)
        view = _mask_keep_newlines(view, _HTML_TAG)
        view = re.sub(r"&(nbsp|amp|lt|gt|quot|#\d+);", lambda m: " " * len(m.group(0)), view)
    return view, offsets


# ---------------------------------------------------------------- lines (kg/layout.py)
def classify_lines(view: str) -> list[Line]:
    """Mark each line as body, heading, summary, caption, byline, furniture or blank."""
    return analyse(view).lines


def mask_furniture(view: str, lines: Iterable[Line] | Layout) -> str:
    """Blank furniture and bylines (lines, or a whole Layout with its lede bylines)."""
    layout = lines if isinstance(lines, Layout) else Layout(lines=list(lines))
    return mask(view, layout)


def find_headline(view: str, lines: list[Line]) -> str | None:
    """The article's headline: never a menu, a date stamp, a caption or the masthead."""
    return analyse(view).headline


def find_published(view: str) -> PartialDate | None:
    """The first dateline in the first part of the page (before the body runs long)."""
    return parse_dateline(view[:3000])


# ---------------------------------------------------------------- metadata
METADATA_FIELDS = ("publisher", "published", "url", "headline", "language")


def load_metadata(folder: Path) -> dict[str, dict]:
    """metadata.json of an article folder: {file name: {publisher, published, url, headline, language}}."""
    path = folder / "metadata.json"
    if not os.path.lexists(path):
        return {}
    try:
        raw = _read_bytes(path, MAX_METADATA_BYTES)  # never blocks on a FIFO, never reads gigabytes
    except IngestError as exc:
        raise IngestError(path, f"unreadable metadata.json: {exc.problem}") from exc
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise IngestError(path, f"unreadable metadata.json: {_one_line(exc)}") from exc
    if not isinstance(data, dict):
        raise IngestError(path, "metadata.json must be an object keyed by file name")
    return {k: v for k, v in data.items() if isinstance(v, dict)}


def content_hash(path: Path, max_bytes: int = MAX_BYTES_DEFAULT) -> str:
    """sha256 of an article file's bytes (as `Article.content_hash`), read with the same guards as
    `read_article`: raises IngestError for a FIFO, device, vanished or too large file."""
    return hashlib.sha256(_read_bytes(Path(path), max_bytes)).hexdigest()


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def _metadata_text(meta: dict, key: str, article: Article) -> str | None:
    """A metadata field as text; a value of the wrong type is ignored with a warning."""
    value = meta.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        article.warnings.append(f"metadata {key} {value!r:.60} is not a string; ignored")
        return None
    return value.strip() or None


# ---------------------------------------------------------------- reading
def read_article(path: Path, metadata: dict | None = None, max_bytes: int = MAX_BYTES_DEFAULT) -> Article:
    """Read one article file; raise IngestError naming the file and the problem.

    Only regular files are read (a FIFO, device or socket named *.txt is refused without
    blocking), at most `max_bytes` of them; a symlink loop, a broken link, a file that vanished
    or cannot be read, a folder that cannot be listed, an empty, binary or undecodable file each
    get their own one-line problem.
    """
    path = Path(path)
    raw = _read_bytes(path, max_bytes)
    text, encoding = decode_bytes(raw, path)
    view, offsets = analysis_view(text)
    if not view.strip():
        raise IngestError(path, "empty article (only whitespace, control characters or markup)")
    layout = analyse(view)
    lines = layout.lines
    _refuse_non_article(path, view, lines)
    article = Article(
        path=path,
        text=text,
        encoding=encoding,
        content_hash=hashlib.sha256(raw).hexdigest(),
        lines=lines,
        offsets=offsets,
        authors=list(layout.authors),
    )
    article.analysis_text = mask(view, layout)
    if not any(ln.kind in TEXT_KINDS for ln in lines):
        raise IngestError(path, "no article text found (only page furniture)")
    meta = metadata if isinstance(metadata, dict) else {}
    article.headline = _metadata_text(meta, "headline", article) or layout.headline
    article.publisher = (_metadata_text(meta, "publisher", article) or layout.publisher
                         or find_publisher(view, lines))
    published = meta.get("published")
    if published:
        try:
            article.published = PartialDate.parse(str(published))
        except ValueError:
            article.warnings.append(f"metadata published {published!r:.60} is not YYYY, YYYY-MM or YYYY-MM-DD")
    if article.published is None:  # metadata left it out or set it to null: read the text
        article.published = find_published(view)
    article.url = _metadata_text(meta, "url", article)
    article.language = _metadata_text(meta, "language", article) or "ko"
    return article


_URL = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$")
MIN_PROSE_HANGUL = 10  # Hangul syllables below which a file holds no Korean prose
PROSE_WORDS = 8  # a line of prose in another script has at least this many words


def _refuse_non_article(path: Path, view: str, lines: list[Line]) -> None:
    """A `.txt` that is not an article (a list of links, no Korean prose) raises NotAnArticle."""
    texts = [view[ln.start : ln.end] for ln in lines if ln.kind != "blank"]
    urls = sum(1 for t in texts if _URL.match(t))
    hangul = sum(len(_HANGUL.findall(t)) for t in texts if not _URL.match(t))
    if hangul >= MIN_PROSE_HANGUL:
        return
    if urls and 2 * urls >= len(texts):
        raise NotAnArticle(path, f"not an article (a list of {urls} link(s), no Korean prose)")
    if not any(len(t.split()) >= PROSE_WORDS for t in texts if not _URL.match(t)):
        raise NotAnArticle(path, "not an article (no prose: no Korean text and no line of words)")


_HANGUL = re.compile(r"[가-힣]")


def _open_article(path: Path) -> int:
    """A read-only descriptor; O_NONBLOCK so that opening a FIFO never waits for a writer."""
    return os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))


_FILE_KINDS = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`, or an IngestError saying why not."""
    try:
        fd = _open_article(path)
    except FileNotFoundError as exc:
        if os.path.islink(path):
            raise IngestError(path, "broken symbolic link (its target does not exist)") from exc
        raise IngestError(path, "file disappeared before it could be read") from exc
    except PermissionError as exc:
        raise IngestError(path, "permission denied (cannot read the file)") from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise IngestError(path, "symbolic link loop (too many levels of symbolic links)") from exc
        raise IngestError(path, f"cannot open: {exc.strerror or _one_line(exc)}") from exc
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IngestError(path, _folder_problem(path))
        if not stat.S_ISREG(info.st_mode):
            kind = _FILE_KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
            raise IngestError(path, f"{kind}, not an article file; not read")
        if info.st_size > max_bytes:
            raise IngestError(path, _too_large(info.st_size, max_bytes))
        with os.fdopen(fd, "rb", closefd=False) as fh:
            raw = fh.read(max_bytes + 1)
    except PermissionError as exc:
        raise IngestError(path, "permission denied (cannot read the file)") from exc
    except OSError as exc:
        raise IngestError(path, f"cannot read: {exc.strerror or _one_line(exc)}") from exc
    finally:
        os.close(fd)
    if len(raw) > max_bytes:  # it grew after it was opened
        raise IngestError(path, _too_large(len(raw), max_bytes, growing=True))
    return raw


def _too_large(size: int, limit: int, growing: bool = False) -> str:
    what = "over" if growing else f"{size / 2**20:.1f} MiB;"
    return f"too large ({what} the limit is {limit / 2**20:g} MiB)"


def _folder_problem(path: Path) -> str:
    try:
        _list_folder(path)
    except OSError as exc:
        return f"folder cannot be listed ({exc.strerror or _one_line(exc)}); the articles in it were skipped"
    return "is a folder, not an article file"


def find_article_files(inputs: Iterable[Path]) -> list[Path]:
    """Every *.txt under the inputs (files or folders), sorted, symlink loops ignored.

    A folder that cannot be listed is returned itself, so that reading it reports the problem
    by name instead of its articles silently missing; a *.txt entry that cannot be inspected
    (a symlink loop, a broken link) is returned for the same reason.
    """
    found: set[Path] = set()
    for item in inputs:
        item = Path(item)
        if item.is_file():
            found.add(item)
            continue
        if not item.is_dir():
            if os.path.lexists(item):  # a broken or looping link, a FIFO...: reported when read
                found.add(item)
                continue
            raise IngestError(item, "no such file or folder")
        seen_dirs: set[Path] = set()
        for path in _walk(item, seen_dirs):
            found.add(path)
    return sorted(found, key=lambda p: (str(p.parent), p.name))


def _list_folder(folder: Path) -> list[Path]:
    return sorted(folder.iterdir())


def _walk(folder: Path, seen: set[Path]) -> Iterator[Path]:
    try:
        real = folder.resolve()
    except (OSError, RuntimeError):
        return
    if real in seen:
        return
    seen.add(real)
    try:
        entries = _list_folder(folder)
    except OSError:
        yield folder  # read_article names the folder and the problem
        return
    for entry in entries:
        try:
            if entry.is_dir():
                yield from _walk(entry, seen)
            elif entry.suffix.lower() == ".txt":
                yield entry
        except OSError:
            if entry.suffix.lower() == ".txt":
                yield entry
