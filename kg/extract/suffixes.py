"""Which of many suffixes a word ends with, in a few set look-ups instead of one `endswith` per suffix.

The rules ask of nearly every word whether it ends with a role noun, an
organisation suffix or a cue noun (`any(word.endswith(s) for s in suffixes)`).
With a hundred suffixes that is a hundred string comparisons per word; here a
word's own endings are looked up, one per distinct suffix length. Answers are
exactly those of the scans they replace, including which suffix comes first
in the caller's order.
"""

from __future__ import annotations

from collections.abc import Iterable


class Suffixes:
    """A fixed, ordered collection of suffixes."""

    __slots__ = ("_order", "_lengths", "_empty")

    def __init__(self, suffixes: Iterable[str]) -> None:
        self._order: dict[str, int] = {}  # suffix -> its first position in the caller's order
        for i, s in enumerate(suffixes):
            self._order.setdefault(s, i)
        self._empty = "" in self._order  # "" ends every word
        self._lengths = tuple(sorted({len(s) for s in self._order if s}))

    def first(self, word: str, proper: bool = False) -> int | None:
        """The position of the first suffix (in the given order) that `word` ends with, or None.

        `proper`: the suffix must be shorter than the word (`word.endswith(s) and len(word) > len(s)`).
        """
        best = None
        n = len(word)
        if self._empty and (n > 0 or not proper):
            best = self._order[""]
        for k in self._lengths:
            if k > n or (proper and k == n):
                break
            i = self._order.get(word[n - k:])
            if i is not None and (best is None or i < best):
                best = i
        return best

    def any(self, word: str, proper: bool = False) -> bool:
        """Whether `word` ends with one of the suffixes (`proper`: one shorter than the word)."""
        n = len(word)
        if self._empty and (n > 0 or not proper):
            return True
        for k in self._lengths:
            if k > n or (proper and k == n):
                return False
            if word[n - k:] in self._order:
                return True
        return False
