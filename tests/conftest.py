"""Shared fixtures: the extraction pipeline and the seeds graph are built once per test session."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold"


@pytest.fixture(scope="session")
def extract():
    """extract(text, published="2025-02-01") -> Extraction, through the real pipeline."""
    from kg.ingest import Article, analysis_view, classify_lines, mask_furniture
    from kg.normalize.dates import PartialDate
    from kg.pipeline import extract_article

    def run(text: str, published: str | None = "2025-02-01"):
        view, offsets = analysis_view(text)
        lines = classify_lines(view)
        article = Article(path=Path("t.txt"), text=text, encoding="utf-8", content_hash="0", lines=lines,
                          offsets=offsets)
        article.analysis_text = mask_furniture(view, lines)
        article.published = PartialDate.parse(published) if published else None
        return extract_article(article)

    return run


@pytest.fixture
def pattern_table(tmp_path):
    """pattern_table(toml_body) -> the PatternTable of that relations.toml text (the cache left clean)."""
    from kg.extract.patterns import load_patterns

    def load(body: str):
        path = tmp_path / "relations.toml"
        path.write_text(textwrap.dedent(body), encoding="utf-8")
        load_patterns.cache_clear()
        try:
            return load_patterns(path)
        finally:
            load_patterns.cache_clear()

    return load


@pytest.fixture(scope="session")
def seeds_graph(tmp_path_factory) -> Path:
    """The seeds built once into a TriG file (one named graph per article)."""
    from kg.pipeline import build_graph_file

    out = tmp_path_factory.mktemp("seeds") / "seeds.trig"
    report = build_graph_file([SEEDS], out)
    assert report.articles == 5 and not report.skipped
    return out
