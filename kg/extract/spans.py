"""An index of the mentions of a doc by character, so that rules ask "what stands here?" in constant time.

A page saved as one megabyte line names the same things thousands of times;
scanning every mention for every word made such pages quadratic. The index
keeps mentions sorted by start and maps covered characters to them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort

from kg.extract.model import Mention


class MentionIndex:
    def __init__(self, mentions: list[Mention] | None = None) -> None:
        self._starts: list[tuple[int, int, int]] = []  # (start, end, id) sorted
        self._by_id: dict[int, Mention] = {}
        self._cover: dict[int, int] = {}  # character -> id of the mention covering it
        self.version = 0  # changes with every add and remove: answers remembered before are stale
        mentions = list(mentions or ())
        for m in mentions:
            self._by_id[id(m)] = m
            for c in range(m.start, m.end):
                self._cover.setdefault(c, id(m))
        # one sort instead of an insort per mention (which shifts the list each time): the same list
        self._starts = sorted((m.start, m.end, id(m)) for m in mentions)

    def add(self, m: Mention) -> None:
        self.version += 1
        self._by_id[id(m)] = m
        insort(self._starts, (m.start, m.end, id(m)))
        for c in range(m.start, m.end):
            self._cover.setdefault(c, id(m))

    def remove(self, m: Mention) -> None:
        self.version += 1
        key = (m.start, m.end, id(m))
        i = bisect_left(self._starts, key)
        if i < len(self._starts) and self._starts[i] == key:
            self._starts.pop(i)
        self._by_id.pop(id(m), None)
        for c in range(m.start, m.end):
            if self._cover.get(c) == id(m):
                del self._cover[c]
                other = self._covering(c)
                if other is not None:
                    self._cover[c] = other

    def _covering(self, c: int) -> int | None:
        i = bisect_right(self._starts, (c, float("inf"), 0))
        for start, end, mid in reversed(self._starts[max(0, i - 8) : i]):
            if start <= c < end:
                return mid
        return None

    def at(self, c: int) -> Mention | None:
        mid = self._cover.get(c)
        return self._by_id.get(mid) if mid is not None else None

    def covered(self, start: int, end: int) -> bool:
        """Some mention covers a character of [start, end)."""
        return any(c in self._cover for c in range(start, end))

    def within(self, start: int, end: int) -> list[Mention]:
        """Mentions that lie inside [start, end), in order."""
        i = bisect_left(self._starts, (start, -1, 0))
        out = []
        while i < len(self._starts) and self._starts[i][0] < end:
            s, e, mid = self._starts[i]
            if e <= end:
                out.append(self._by_id[mid])
            i += 1
        return out

    def starting_in(self, start: int, end: int) -> list[Mention]:
        """Mentions whose start lies in [start, end), in order."""
        i = bisect_left(self._starts, (start, -1, 0))
        out = []
        while i < len(self._starts) and self._starts[i][0] < end:
            out.append(self._by_id[self._starts[i][2]])
            i += 1
        return out

    def containing(self, start: int, end: int) -> list[Mention]:
        """Mentions that cover all of [start, end)."""
        mid = self._cover.get(start)
        m = self._by_id.get(mid) if mid is not None else None
        candidates = [m] if m is not None else []
        i = bisect_right(self._starts, (start, float("inf"), 0))
        for s, e, other in self._starts[max(0, i - 8) : i]:
            if s <= start and e >= end and self._by_id[other] not in candidates:
                candidates.append(self._by_id[other])
        return [c for c in candidates if c.start <= start and c.end >= end]
