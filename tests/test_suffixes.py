"""`Suffixes` answers exactly what the `endswith` scans it replaces answer."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kg.extract.suffixes import Suffixes

WORDS = st.text(alphabet="가나다랩스AIab-", max_size=6)


@given(st.lists(WORDS, max_size=12), WORDS)
def test_suffixes_answer_like_the_scans(suffixes: list[str], word: str) -> None:
    table = Suffixes(suffixes)
    assert table.any(word) == any(word.endswith(s) for s in suffixes)
    assert table.any(word, proper=True) == any(word.endswith(s) and len(word) > len(s) for s in suffixes)
    first = next((i for i, s in enumerate(suffixes) if word.endswith(s)), None)
    assert table.first(word) == first
    first_proper = next((i for i, s in enumerate(suffixes) if word.endswith(s) and len(word) > len(s)), None)
    assert table.first(word, proper=True) == first_proper


def test_suffixes_first_follows_the_given_order() -> None:
    table = Suffixes(["스", "랩스", "스"])
    assert table.first("노바랩스") == 0
    assert table.first("랩스", proper=True) == 0
    assert table.first("스", proper=True) is None
