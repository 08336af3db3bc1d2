"""The resource cache never changes a result: a hit equals a fresh compile, a bad entry is compiled again."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import cache
from kg.kb import DEFAULT_KB_DIR, _compile_kb, load_kb


@pytest.fixture()
def cache_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AIKG_CACHE_DIR", str(tmp_path))
    load_kb.cache_clear()
    yield tmp_path
    load_kb.cache_clear()


def test_cached_kb_equals_a_fresh_compile(cache_in: Path) -> None:
    first = load_kb()
    assert list(cache_in.glob("kb-*.pickle"))
    load_kb.cache_clear()
    again = load_kb()
    fresh = _compile_kb(DEFAULT_KB_DIR)
    assert again is not first
    assert again.records == fresh.records and list(again.records) == list(fresh.records)
    assert again._by_fold == fresh._by_fold


def test_a_truncated_entry_is_compiled_again(cache_in: Path) -> None:
    load_kb()
    (entry,) = cache_in.glob("kb-*.pickle")
    entry.write_bytes(entry.read_bytes()[:100])
    load_kb.cache_clear()
    assert load_kb().records == _compile_kb(DEFAULT_KB_DIR).records


def test_the_key_follows_the_bytes_of_the_sources(tmp_path: Path) -> None:
    source = tmp_path / "a.jsonl"
    source.write_text("one", encoding="utf-8")
    before = cache.source_key([source])
    source.write_text("two", encoding="utf-8")
    assert cache.source_key([source]) != before


def test_caching_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIKG_CACHE_DIR", "off")
    assert cache.cache_dir() is None
    cache.store("x", "0" * 64, 1)
    assert cache.load("x", "0" * 64) is None
