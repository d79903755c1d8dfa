"""Sentences of a document and the mentions in them: bounds, offsets, grouping."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

from pipeline.normalize.text import sentence_bounds

Mention = dict[str, Any]  # a pipeline.records.Mention as mentions.jsonl holds it (Mention.to_dict())
Span = tuple[int, int]


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


def cites(text: str, m: Mention) -> bool:
    """Only mentions whose offsets slice the text exactly can be cited."""
    try:
        return text[int(m["start"]):int(m["end"])] == m["text"]
    except (KeyError, TypeError, ValueError):
        return False


def overlaps(a: Span, spans: Iterable[Span]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


# Hard-wrapped copy (wire stories): most lines this long, none much longer.
_WRAP_MIN, _WRAP_MAX, _WRAP_SHARE, _WRAP_LINES = 40, 90, 0.6, 6
# A claim's sentence, joined across wrapped lines, never grows past this.
_JOINED_REACH = 1500


@lru_cache(maxsize=32)
def hard_wrapped(text: str) -> bool:
    """A text broken into lines of nearly the same width, paragraphs marked by an
    indent or a blank line: its line breaks are not sentence ends."""
    lengths = [len(line) for line in text.split("\n") if line.strip()]
    if len(lengths) < _WRAP_LINES or max(lengths) > _WRAP_MAX + 10:
        return False
    return sum(_WRAP_MIN <= n <= _WRAP_MAX for n in lengths) >= _WRAP_SHARE * len(lengths)


def _soft_break(text: str, p: int) -> bool:
    """The line break at `p` wraps a sentence: the next line goes on flush left, and
    the line it ends is a full line of running text, not a headline."""
    if p >= len(text) - 1 or text[p] != "\n" or text[p + 1].isspace():
        return False
    line_start = text.rfind("\n", 0, p) + 1
    line = text[line_start:p].strip()
    return len(line) >= _WRAP_MIN and line != line.upper() and not _FINAL_STOP.search(line)


_FINAL_STOP = re.compile(r"[.!?][\"'”’)]*$")
# A paragraph starts on an indented or blank line, whatever ends the line before
# ("... Hanson Industries Inc.\n    Henderson also said").
_PARAGRAPH = re.compile(r"\n(?=[ \t]|\n)")


def sentence_of(text: str, m: Mention) -> Span:
    start, end = int(m["start"]), int(m["end"])
    lo, hi = sentence_bounds(text, start, end)
    if not hard_wrapped(text):
        return lo, hi
    while lo > 0 and _soft_break(text, lo - 1) and hi - lo < _JOINED_REACH:
        lo = sentence_bounds(text, lo - 1, lo - 1)[0]
    while hi < len(text) and _soft_break(text, hi) and hi - lo < _JOINED_REACH:
        hi = sentence_bounds(text, hi + 1, hi + 1)[1]
    for p in _PARAGRAPH.finditer(text, lo, hi):
        if p.start() < start:
            lo = p.end()
        elif p.start() >= end:
            hi = p.start()
            break
    return lo, hi


def previous_sentence(text: str, start: int) -> Span | None:
    p = start
    while p > 0 and text[p - 1].isspace():
        p -= 1
    if p == 0 or ("\n" in text[p:start] and not _soft_break(text, p) if hard_wrapped(text) else "\n" in text[p:start]):
        return None  # a new paragraph or line starts afresh
    return sentence_of(text, {"start": p - 1, "end": p - 1})  # an empty span at the final stop: that sentence


def mentions_by_sentence(text: str, mentions: list[Mention]) -> dict[Span, list[Mention]]:
    by: dict[Span, list[Mention]] = {}
    for m in sorted(mentions, key=lambda m: (int(m["start"]), int(m["end"]))):
        by.setdefault(sentence_of(text, m), []).append(m)
    return by
