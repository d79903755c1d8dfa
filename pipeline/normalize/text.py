"""Plain-text helpers shared by the normalisers."""
from __future__ import annotations

import re
import threading
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any, Callable, Iterable


@dataclass(frozen=True)
class Found:
    """A mention found in a text: offsets, normalised value and the rule that found it."""

    start: int
    end: int
    value: dict[str, Any]
    rule: str


_SENT_END = re.compile(r"[.!?][\"'”’)]*\s|\n")
# A full stop after these ends no sentence: "U.S. leaders", "Mr. Li", "Alibaba Inc. said".
_ABBREV = re.compile(
    r"(?:\b(?:[A-Z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|Prof|Inc|Corp|Co|Ltd|No|vs|etc|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|"
    r"Sep|Sept|Oct|Nov|Dec|approx|est|Gov|Sen|Rep|Jr|Sr|Bros)\.)$"
)


def _ends_sentence(text: str, m: re.Match[str]) -> bool:
    return not (text[m.start()] == "." and _ABBREV.search(text, max(0, m.start() - 12), m.start() + 1))


def _ends(text: str, lo: int, hi: int):
    return (m for m in _SENT_END.finditer(text, lo, hi) if _ends_sentence(text, m))


# How far a sentence may reach either side of a mention: a page that is one long
# table has no sentence ends, and looking further would make the work quadratic.
SENTENCE_REACH = 600


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Character bounds of the sentence around [start, end): from the last sentence
    end (., !, ? before a space, or a line break; not after an abbreviation) to the
    next, at most SENTENCE_REACH characters either side."""
    index = _index(text)
    floor, limit = max(0, start - SENTENCE_REACH), min(len(text), end + SENTENCE_REACH)
    if index.inside(floor) or index.inside(end):
        return _bounds_by_scan(text, start, end)
    i = bisect_right(index.stops, start) - 1  # the last end before the span...
    lo = index.stops[i] if i >= 0 and index.starts[i] >= floor else floor  # ...within reach
    j = bisect_left(index.starts, end)  # the first end after the span...
    if j < len(index.starts) and index.stops[j] <= limit:  # ...within reach
        p = index.starts[j]
        return lo, p + 1 if text[p] in ".!?" else p
    return lo, limit


def _bounds_by_scan(text: str, start: int, end: int) -> tuple[int, int]:
    """sentence_bounds by scanning the reach either side: what the index must agree with."""
    lo = max(0, start - SENTENCE_REACH)
    for m in _ends(text, lo, start):
        lo = m.end()
    limit = min(len(text), end + SENTENCE_REACH)
    m = next(_ends(text, end, limit), None)
    hi = m.start() + 1 if m and text[m.start()] in ".!?" else (m.start() if m else limit)
    return lo, hi


class _EndIndex:
    """Every sentence end of one text, found in one pass: the rules look up the
    sentence of many mentions per document, and each scan would read 1,200 characters."""

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []  # sentence ends (abbreviations left out)
        self.stops: list[int] = []
        self._all: list[int] = []  # every match, as start, stop, start, stop, ...
        for m in _SENT_END.finditer(text):
            self._all += (m.start(), m.end())
            if _ends_sentence(text, m):
                self.starts.append(m.start())
                self.stops.append(m.end())

    def inside(self, p: int) -> bool:
        """`p` falls within a match: a scan starting there would read that match
        differently (".\n" from its "\n"), so the caller scans."""
        i = bisect_right(self._all, p)
        return i % 2 == 1 and self._all[i - 1] < p


# The indexes of the last few texts, by identity: components and claim rules ask
# about the same document text many times, a batch of documents at a time. An
# entry holds its text, so the id cannot be reused while the entry lives.
_INDEXES: dict[int, tuple[str, _EndIndex]] = {}
_INDEXES_KEPT = 32
_INDEXES_LOCK = threading.Lock()  # threaded Dask workers share the module


def _index(text: str) -> _EndIndex:
    hit = _INDEXES.get(id(text))
    if hit is not None and hit[0] is text:
        return hit[1]
    index = _EndIndex(text)
    with _INDEXES_LOCK:
        while len(_INDEXES) >= _INDEXES_KEPT:
            _INDEXES.pop(next(iter(_INDEXES)))
        _INDEXES[id(text)] = (text, index)
    return index


class Occupied:
    """Character ranges already taken, kept merged and sorted, so that testing a
    new range costs a binary search instead of a scan of every earlier one."""

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for s, e in sorted(ranges):
            if self.ends and s < self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], e)  # overlapping ranges are merged
            else:
                self.starts.append(s)
                self.ends.append(e)

    def free(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end)  # the ranges that start before `end`
        return i == 0 or self.ends[i - 1] <= start

    def add(self, start: int, end: int) -> None:
        """Add a range that is free (callers test first)."""
        i = bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def phrase_literal(phrase: str) -> str:
    """A phrase as a regex that matches it as written, with any run of whitespace
    where it has a space."""
    return re.escape(phrase).replace(r"\ ", r"\s+")


def alternation(words: Iterable[str], form: Callable[[str], str] = re.escape) -> str:
    """A regex alternation of `words`, each written as a regex by `form` (literally by
    default), longest first so that "stock price" is tried before "stock"."""
    return "|".join(form(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def trie_regex(words: list[str] | tuple[str, ...] | set[str]) -> str:
    """A compact regex alternation for many literal strings: a character trie, so
    matching costs one walk instead of one try per word; longer words win."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)
