"""Sentences of hard-wrapped text. Wire copy breaks its lines inside sentences
("grew by nearly nine pct last year\nagainst an initial government projection of
4.5 pct."), and the shared sentence bounds end a sentence at every line break,
which is right for pages (a line is a paragraph or a headline) and wrong here."""
from __future__ import annotations

from pipeline.normalize.text import sentence_bounds

# How many wrapped lines a sentence may span either side of a mention.
_MAX_LINES = 4


def _soft_break(text: str, p: int) -> bool:
    """The line break at `p` wraps a sentence: the line before ends in no sentence
    end and the next line starts at once, not indented (a new wire paragraph) nor blank."""
    if p <= 0 or p + 1 >= len(text) or text[p] != "\n":
        return False
    return text[p - 1] not in ".!?:;\"”)\n \t" and not text[p + 1].isspace()


def unwrapped_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """sentence_bounds, continued across the soft line breaks of wrapped text."""
    lo, hi = sentence_bounds(text, start, end)
    for _ in range(_MAX_LINES):
        if lo >= 2 and _soft_break(text, lo - 1):
            lo = sentence_bounds(text, lo - 2, lo - 2)[0]
        else:
            break
    for _ in range(_MAX_LINES):
        if hi < len(text) and _soft_break(text, hi):
            hi = sentence_bounds(text, hi + 1, hi + 1)[1]
        else:
            break
    return lo, hi
