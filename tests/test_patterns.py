"""The relation pattern table: every pattern's examples give their triples; bad patterns fail to load."""

from __future__ import annotations

import pytest

from kg.extract.examples import check_pattern
from kg.extract.patterns import PatternError, load_patterns

TABLE = load_patterns()


@pytest.mark.parametrize("pattern", TABLE.patterns, ids=[p.id for p in TABLE.patterns])
def test_patterns_examples_give_what_they_promise(pattern):
    assert check_pattern(pattern) == []


def test_patterns_every_pattern_has_an_example_and_a_fact_property():
    for p in TABLE.patterns:
        assert p.examples, p.id
        assert p.rule.startswith("kg.extract.matcher/" + p.predicate)


def test_patterns_every_word_list_is_used():
    """A word list no pattern refers to (as "@name") and no code reads is a rule that silently does
    nothing: stock_nouns was one, and every percent that rose was read as a share price."""
    import re
    from importlib import resources
    from pathlib import Path

    table_text = resources.files("kg").joinpath("resources", "patterns", "relations.toml").read_text(encoding="utf-8")
    code = "\n".join(p.read_text(encoding="utf-8") for p in Path(resources.files("kg")).rglob("*.py"))
    unused = [name for name in TABLE.words
              if f'"@{name}"' not in table_text and not re.search(rf"[\"']{re.escape(name)}[\"']", code)]
    assert unused == []


GOOD = """
    [words]
    release = ["공개"]

    [[pattern]]
    id = "p1"
    predicate = "developedBy"
    trigger = "@release"
    subject = { type = "AIModel", from = ["object"] }
    object = { type = "Organization", from = ["topic"] }
    examples = [{ text = "노바랩스는 새 모델 '루미나'를 공개했다.", expect = [["루미나", "developedBy", "노바랩스"]] }]
"""


def test_patterns_a_good_table_loads(pattern_table):
    table = pattern_table(GOOD)
    assert [p.id for p in table.patterns] == ["p1"]
    assert table.patterns[0].triggers == ("공개",)


@pytest.mark.parametrize(
    "change, message",
    [
        (('type = "Organization", from = ["topic"]', 'type = "Person", from = ["topic"]'), "outside the range"),
        (('type = "AIModel", from = ["object"]', 'type = "Organization", from = ["object"]'), "outside the domain"),
        (('predicate = "developedBy"', 'predicate = "makes"'), "not a fact property"),
        (('from = ["object"]', 'from = ["sideways"]'), "unknown slot"),
        (('trigger = "@release"', 'trigger = "@launch"'), "unknown word set"),
        (('examples = [{', 'guards = ["sleepy"]\n    examples = [{'), "unknown guard"),
        (('object = { type = "Organization", from = ["topic"] }', 'object = { value = "money", from = ["topic"] }'),
         "takes a thing"),
    ],
)
def test_patterns_impossible_or_malformed_patterns_are_refused(pattern_table, change, message):
    body = GOOD.replace(*change)
    with pytest.raises(PatternError) as err:
        pattern_table(body)
    assert message in str(err.value) and "p1" in str(err.value)


def test_patterns_a_pattern_without_examples_is_refused(pattern_table):
    body = GOOD.split("    examples")[0]
    with pytest.raises(PatternError, match="example"):
        pattern_table(body)


def test_patterns_a_value_pattern_must_give_the_range_kind(pattern_table):
    body = GOOD.replace('predicate = "developedBy"', 'predicate = "parameterCount"').replace(
        'object = { type = "Organization", from = ["topic"] }', 'object = { value = "money", from = ["any"] }')
    with pytest.raises(PatternError, match="integer"):
        pattern_table(body)


def test_patterns_a_rejected_triple_the_sentence_gives_is_a_failing_example(pattern_table):
    """`reject` states what a sentence must not give: here the developer the example does give."""
    table = pattern_table(GOOD.replace(
        'expect = [["루미나", "developedBy", "노바랩스"]] }',
        'expect = [["루미나", "developedBy", "노바랩스"]], reject = [["루미나", "developedBy", "노바랩스"]] }'))
    problems = check_pattern(table.patterns[0])
    assert len(problems) == 1 and "must not" in problems[0]


def test_patterns_a_rejected_triple_needs_three_parts(pattern_table):
    with pytest.raises(PatternError, match="three parts"):
        pattern_table(GOOD.replace('expect = [["루미나", "developedBy", "노바랩스"]] }',
                                     'expect = [], reject = [["루미나", "developedBy"]] }'))
