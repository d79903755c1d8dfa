"""Sentences of a document and the mentions in them: bounds, offsets, grouping."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from pipeline.normalize.text import sentence_bounds

Mention = dict[str, Any]
Span = tuple[int, int]


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


def _cites(text: str, m: Mention) -> bool:
    """Only mentions whose offsets slice the text exactly can be cited."""
    try:
        return text[int(m["start"]):int(m["end"])] == m["text"]
    except (KeyError, TypeError, ValueError):
        return False


def _overlaps(a: Span, spans: Iterable[Span]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _sentence_of(text: str, m: Mention) -> Span:
    return sentence_bounds(text, int(m["start"]), int(m["end"]))


def _previous_sentence(text: str, start: int) -> Span | None:
    p = start
    while p > 0 and text[p - 1].isspace():
        p -= 1
    if p == 0 or "\n" in text[p:start]:
        return None  # a new paragraph or line starts afresh
    return sentence_bounds(text, p - 1, p - 1)  # an empty span at the final stop: that sentence, not the next


def _sentences(text: str, mentions: list[Mention]) -> dict[Span, list[Mention]]:
    by: dict[Span, list[Mention]] = {}
    for m in sorted(mentions, key=lambda m: (int(m["start"]), int(m["end"]))):
        by.setdefault(_sentence_of(text, m), []).append(m)
    return by
