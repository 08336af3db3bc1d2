"""Model names as a grammar: families, versions, sizes, variant words; variants are things of their own."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.examples import extract_text
from kg.extract.lexicon import fold
from kg.extract.model_names import ModelNames, is_date_code


def models(text: str) -> dict[str, set[str]]:
    ext, _ = extract_text(text)
    return {t.name: {fold(x) for x in [t.name, *t.labels]} for t in ext.things.values() if t.type == "AIModel"}


def has(found: dict[str, set[str]], surface: str) -> bool:
    return any(fold(surface) in labels for labels in found.values())


@pytest.mark.parametrize(
    "text, surface",
    [("구글은 제미나이 2.5 플래시를 공개했다.", "제미나이 2.5 플래시"),
     ("알리바바는 Qwen3-235B-A22B를 내놨다.", "Qwen3-235B-A22B"),
     ("마이크로소프트는 Phi-4-mini를 선보였다.", "Phi-4-mini"),
     ("오픈AI는 o4-미니를 공개했다.", "o4-미니"),
     ("구글의 젬마 3 27B는 가볍다.", "젬마 3 27B")],
)
def test_model_names_a_family_with_version_size_and_variant_is_one_name(text, surface):
    assert has(models(text), surface)


def test_model_names_a_variant_is_its_own_thing_and_the_family_only_where_named():
    found = models("구글은 제미나이 2.5 플래시를 공개했다.")
    assert "Gemini" not in found  # the text never speaks of the family alone
    assert any(fold("Gemini 2.5 Flash") in labels for labels in found.values())


def test_model_names_a_found_family_grows_variants():
    found = models("노바랩스는 새 언어모델 '루미나'를 공개했다. 이어 루미나 프로와 루미나 미니도 내놨다.")
    assert has(found, "루미나") and has(found, "루미나 프로") and has(found, "루미나 미니")
    assert len({n for n in found if "Pro" in n or "Mini" in n}) == 2


def test_model_names_a_quoted_name_with_a_code_name_is_kept_whole():
    found = models("구글은 'Gemini 2.5 Flash Lumen' 모델을 공개했다.")
    assert has(found, "Gemini 2.5 Flash Lumen")


def test_model_names_a_bare_variant_word_later_is_that_variant():
    ext, _ = extract_text("노바랩스는 새 모델 '루미나 2 플래시'를 공개했다. 플래시는 빠르다.")
    flash = [m for m in ext.mentions if m.text == "플래시"]
    assert flash and ext.things[flash[0].key].name == "루미나 2 플래시"


def test_model_names_a_size_later_names_the_variant_with_that_size():
    ext, _ = extract_text("노바랩스는 언어모델 '루미나 8B'와 '루미나 70B'를 공개했다. 8B 모델은 휴대폰에서 돈다.")
    eight = [m for m in ext.mentions if m.text.startswith("8B")]
    assert eight and "8B" in ext.things[eight[0].key].name


def test_model_names_a_size_in_the_name_is_its_parameter_count():
    ext, _ = extract_text("노바랩스는 언어모델 '루미나-32B'를 공개했다.")
    thing = next(t for t in ext.things.values() if t.type == "AIModel")
    assert thing.name_params == 32_000_000_000


def test_model_names_a_quantity_is_no_version():
    found = models("구글의 제미나이 2 70억 명이 쓴다.")
    assert not any("70" in n for n in found)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["2.5", "3", "V3", "32B", "A22B", "8x7B", "mini", "Pro", "플래시", "Thinking",
                                 "0121", "Instruct", "나노"]), min_size=1, max_size=4))
def test_model_names_pieces_read_back_what_they_are_given(parts):
    grammar = ModelNames()
    pieces = grammar.pieces_of(" ".join(parts), strict=True)
    assert [p.text for p in pieces] == [p for p in parts if p] or len(pieces) < len(parts)
    assert all(p.kind in ("version", "size", "variant", "date") for p in pieces)


@pytest.mark.parametrize("code", ["0528", "1106", "2507", "2024", "2024-08", "2024-08-06", "12-25"])
def test_model_names_date_codes_read_as_dates(code):
    assert is_date_code(code)


@pytest.mark.parametrize("code", ["1776", "3000", "2024-13", "2024-02-40", "13-01"])
def test_model_names_numbers_that_are_no_date_are_no_date_code(code):
    assert not is_date_code(code)


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)))
@settings(max_examples=200, deadline=None)
def test_model_names_every_date_written_as_a_code_is_one(day):
    assert is_date_code(day.strftime("%m%d")) and is_date_code(day.strftime("%y%m"))
    assert is_date_code(day.isoformat()) and is_date_code(day.strftime("%Y-%m"))


def test_model_names_a_number_that_is_no_date_keeps_a_derived_model_apart():
    """'R1 1848' is a model of its own made from DeepSeek-R1 (the KB's), not a dated version of it."""
    ext, _ = extract_text("한빛AI는 딥시크의 추론 모델 R1을 추가 학습한 'R1 1848'을 공개했다.")
    keys = {m.text: m.key for m in ext.mentions if m.type == "AIModel"}
    assert keys["R1"] == "deepseek-r1" and keys["R1 1848"] != "deepseek-r1"
