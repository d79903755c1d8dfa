"""Sentences of a document and the mentions in them: bounds, offsets, grouping."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

from pipeline.normalize.text import sentence_bounds
from pipeline.normalize.wrapped import hard_wrapped, wraps_line as _soft_break

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


# A claim's sentence, joined across wrapped lines, never grows past this.
_JOINED_REACH = 1500
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
