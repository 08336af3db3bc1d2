"""The layout of an article page: which lines are text, which are furniture, and who wrote it.

A saved news page holds more than the article: a masthead, menus, breadcrumbs,
date stamps, the byline, photo captions, a summary box, related-headline lists
and a footer. Extraction must read the article's own text and nothing else, and
the byline is the article's author, not a thing it mentions (the contract,
section 2). Every decision here comes from general line patterns kept in
`kg/resources/lexicon/furniture.json`, never from rules for one site.

Line kinds:
- `body`: prose of the article (claims are read only here);
- `heading`: the headline, subheads, section titles;
- `summary`: the bullets of a summary box ("핵심 요약"), which restate the body;
- `caption`: a photo caption (its credit is masked);
- `byline`: the byline line (masked; its name becomes the author);
- `furniture`: menus, stamps, lists, footers (masked);
- `blank`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

RESOURCES = Path(__file__).parent / "resources"
# Furniture patterns are tried only on lines up to this length: menus, counters, bylines and
# footers are short, and some patterns are quadratic on long lines (a 1 MB line must not hang).
MAX_FURNITURE_LINE = 400
# A line without final punctuation is still prose when it is at least this long and has this
# many words (an excerpt cut before its last period, a paragraph that ends with a quote).
UNPUNCTUATED_PROSE = (40, 6)
HEADLINE_MIN_CHARS = 12

TEXT_KINDS = ("body", "heading", "summary", "caption")


@dataclass(frozen=True)
class Line:
    """One line of the file: [start, end) in Article.text, and what it is."""

    start: int
    end: int
    kind: str  # "body" | "heading" | "summary" | "caption" | "byline" | "furniture" | "blank"


@dataclass
class Layout:
    lines: list[Line]
    authors: list[str] = field(default_factory=list)
    masks: list[tuple[int, int]] = field(default_factory=list)  # spans masked inside kept lines
    publisher: str | None = None  # named by a wire lede ("(서울=매체) 기자 =") or a footer
    headline: str | None = None


@lru_cache(maxsize=1)
def furniture_lexicon() -> dict:
    """Patterns of page furniture; validated once per process."""
    path = RESOURCES / "lexicon" / "furniture.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    compiled: dict = {}
    keys = ("line_patterns", "inline_masks", "list_headers", "list_enders", "byline_patterns",
            "lede_bylines", "publisher_patterns", "site_name_patterns", "summary_headers", "summary_items",
            "caption_patterns", "headline_trims", "heading_patterns", "prose_endings")
    for key in keys:
        try:
            compiled[key] = [re.compile(p) for p in data[key]]
        except (KeyError, re.error, TypeError) as exc:
            raise ValueError(f"{path}: bad entry {key}: {exc}") from exc
    for key in ("byline_patterns", "lede_bylines"):
        for p in compiled[key]:
            if "author" not in p.groupindex and "publisher" not in p.groupindex and key == "lede_bylines":
                raise ValueError(f"{path}: {key} pattern {p.pattern!r} names neither author nor publisher")
    return compiled


_HANGUL = re.compile(r"[가-힣]")


def iter_lines(text: str):
    start = 0
    for m in re.finditer(r"\r\n|\n|\r|\u2028|\u2029", text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def is_prose(line: str) -> bool:
    """A sentence-like line of the article body (not a menu, counter or headline)."""
    s = line.strip()
    return len(s) >= 25 and bool(_HANGUL.search(s)) and any(p.search(s) for p in furniture_lexicon()["prose_endings"])


def _long_text(line: str) -> bool:
    """Text that is prose by its length even without final punctuation."""
    s = line.strip()
    chars, words = UNPUNCTUATED_PROSE
    return len(s) >= chars and len(s.split()) >= words and len(_HANGUL.findall(s)) >= chars // 2


def _clean(raw: str) -> str:
    return raw.strip().replace("¶", "").strip()


def analyse(view: str) -> Layout:
    """Classify every line of `view`, read the byline and the headline."""
    lex = furniture_lexicon()
    spans = list(iter_lines(view))
    layout = Layout(lines=[])
    sites = _site_names(view, spans, lex)
    kinds: list[str] = []
    in_list = in_summary = False
    for start, end in spans:
        s = _clean(view[start:end])
        kind, in_list, in_summary = _classify(s, lex, in_list, in_summary, sites, layout)
        if kind == "byline":
            _read_byline(s, lex, layout)
        kinds.append(kind)
    # Headings after the last prose line are trailing furniture (category lists, widgets),
    # unless they are long text that only lacks its final period.
    last_body = max((i for i, k in enumerate(kinds) if k in ("body", "byline", "summary")), default=-1)
    if last_body != -1:
        for i in range(last_body + 1, len(kinds)):
            if kinds[i] == "heading":
                s = _clean(view[spans[i][0] : spans[i][1]])
                kinds[i] = "body" if _long_text(s) else "furniture"
    first_body = next((i for i, k in enumerate(kinds) if k == "body"), len(kinds))
    for i, (start, end) in enumerate(spans):
        if kinds[i] == "body":
            _lede_byline(view, start, end, lex, layout)
        elif kinds[i] == "heading" and i > first_body and _long_text(_clean(view[start:end])):
            kinds[i] = "body"  # a paragraph cut before its final punctuation
    layout.lines = [Line(start, end, kind) for (start, end), kind in zip(spans, kinds, strict=True)]
    layout.headline = _headline(view, layout.lines, lex)
    return layout


def _classify(s: str, lex: dict, in_list: bool, in_summary: bool, sites: set[str],
              layout: Layout) -> tuple[str, bool, bool]:
    """(kind, in a related-headline list, in a summary box) of one stripped line."""
    if not s:
        return "blank", in_list, False
    if len(s) > MAX_FURNITURE_LINE:  # furniture is short; long lines are text
        in_list = in_list and not is_prose(s)
        return ("furniture" if in_list else "body" if is_prose(s) else "heading"), in_list, False
    if any(p.search(s) for p in lex["list_headers"]):
        return "furniture", True, False
    if any(p.search(s) for p in lex["byline_patterns"]):
        return "byline", False, False
    if in_list and any(p.search(s) for p in lex["list_enders"]):
        return "furniture", False, False
    if any(p.search(s) for p in lex["line_patterns"]) or _is_site_line(s, sites):
        return "furniture", in_list, in_summary
    if in_list:
        if is_prose(s) and len(s) > 80:
            return "body", False, False
        return "furniture", True, False
    if any(p.search(s) for p in lex["summary_headers"]):
        return "heading", False, True
    if in_summary and any(p.search(s) for p in lex["summary_items"]):
        return "summary", False, True
    if any(p.search(s) for p in lex["caption_patterns"]):
        return "caption", False, False
    if any(p.search(s) for p in lex["heading_patterns"]):
        return "heading", False, False  # 원제목: … says what a headline was, nothing more
    return ("body" if is_prose(s) else "heading"), False, False


def _site_names(view: str, spans, lex: dict) -> set[str]:
    """Names of the site, read off its copyright and footer lines ("Copyright © 2025 테크나우")."""
    names: set[str] = set()
    for start, end in spans:
        s = _clean(view[start:end])
        if len(s) > MAX_FURNITURE_LINE:
            continue
        for p in lex["site_name_patterns"]:
            m = p.search(s)
            if m and len(m.group("site").strip()) >= 2:
                names.add(m.group("site").strip())
    return names


def _is_site_line(s: str, sites: set[str]) -> bool:
    """A short masthead or footer line that starts with the site's name ("테크나우 - IT 전문 미디어")."""
    return len(s) <= 40 and any(s == name or s.startswith(name + " ") for name in sites)


def _read_byline(s: str, lex: dict, layout: Layout) -> None:
    for p in lex["byline_patterns"]:
        m = p.search(s)
        if m is None:
            continue
        author = (m.groupdict().get("author") or "").strip()
        if author and author not in layout.authors:
            layout.authors.append(author)
        return


def _lede_byline(view: str, start: int, end: int, lex: dict, layout: Layout) -> None:
    """"(서울=매체) 김민수 기자 = …", "[매체 김민수 기자] …": mask the byline at the start of a body line."""
    text = view[start:end]
    lead = len(text) - len(text.lstrip())
    for p in lex["lede_bylines"]:
        m = p.match(text, lead)
        if m is None:
            continue
        groups = m.groupdict()
        author = (groups.get("author") or "").strip()
        if author and author not in layout.authors:
            layout.authors.append(author)
        if groups.get("publisher") and layout.publisher is None:
            layout.publisher = groups["publisher"].strip()
        layout.masks.append((start + m.start(), start + m.end()))
        return


def _headline(view: str, lines: list[Line], lex: dict) -> str | None:
    """The first heading-like line of the article: never a menu, stamp, caption or masthead."""
    for ln in lines:
        if ln.kind not in ("heading", "body"):
            continue
        s = _clean(view[ln.start : ln.end])
        for p in lex["headline_trims"]:
            s = p.sub("", s).strip()
        if len(s) >= HEADLINE_MIN_CHARS and _HANGUL.search(s) or len(s) >= 2 * HEADLINE_MIN_CHARS:
            return s
    return None


def mask(view: str, layout: Layout) -> str:
    """Blank furniture and byline lines, bylines in ledes, and furniture inside kept lines (photo credits)."""
    inline = furniture_lexicon()["inline_masks"]
    chars = list(view)
    for ln in layout.lines:
        if ln.kind in ("furniture", "byline"):
            chars[ln.start : ln.end] = " " * (ln.end - ln.start)
            continue
        for pattern in inline:
            for m in pattern.finditer(view, ln.start, ln.end):
                chars[m.start() : m.end()] = " " * (m.end() - m.start())
    for start, end in layout.masks:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def find_publisher(view: str, lines: list[Line]) -> str | None:
    lex = furniture_lexicon()
    for ln in lines:
        s = view[ln.start : ln.end].strip()
        if len(s) > MAX_FURNITURE_LINE:
            continue
        for p in lex["publisher_patterns"]:
            m = p.search(s)
            if m and m.group("publisher").strip():
                return m.group("publisher").strip()
    return None
