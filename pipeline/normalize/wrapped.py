"""Sentences of hard-wrapped text. Wire copy breaks its lines inside sentences
("grew by nearly nine pct last year\nagainst an initial government projection of
4.5 pct."), and the shared sentence bounds end a sentence at every line break,
which is right for pages (a line is a paragraph or a headline) and wrong here.
The same breaks cut names ("Stuart\nPharmaceuticals"), so the model and the name
rules read a copy with them turned to spaces (`unwrap`): same length, same offsets."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.normalize.text import sentence_bounds

# Hard-wrapped copy (wire stories): most lines this long, none much longer.
_WRAP_MIN, _WRAP_MAX, _WRAP_SHARE, _WRAP_LINES = 40, 90, 0.6, 6
_FINAL_STOP = re.compile(r"[.!?][\"'”’)]*$")
_BREAK = re.compile(r"\n(?=\S)")


@lru_cache(maxsize=32)
def hard_wrapped(text: str) -> bool:
    """A text broken into lines of nearly the same width, paragraphs marked by an
    indent or a blank line: its line breaks are not sentence ends."""
    lengths = [len(line) for line in text.split("\n") if line.strip()]
    if len(lengths) < _WRAP_LINES or max(lengths) > _WRAP_MAX + 10:
        return False
    return sum(_WRAP_MIN <= n <= _WRAP_MAX for n in lengths) >= _WRAP_SHARE * len(lengths)


def wraps_line(text: str, p: int) -> bool:
    """The line break at `p` wraps a sentence: the next line goes on flush left, and
    the line it ends is a full line of running text, not a headline."""
    if p >= len(text) - 1 or text[p] != "\n" or text[p + 1].isspace():
        return False
    line_start = text.rfind("\n", 0, p) + 1
    line = text[line_start:p].strip()
    return len(line) >= _WRAP_MIN and line != line.upper() and not _FINAL_STOP.search(line)


def unwrap(text: str, copy: str | None = None) -> str:
    """`copy` (by default `text`, else a same-length copy of it such as the one with
    page furniture blanked) with the line breaks that wrap sentences in hard-wrapped
    `text` turned to spaces: one character for one, so every offset stays exact."""
    out = text if copy is None else copy
    if not hard_wrapped(text):
        return out
    breaks = [m.start() for m in _BREAK.finditer(text) if wraps_line(text, m.start())]
    if not breaks:
        return out
    chars = list(out)
    for p in breaks:
        chars[p] = " "
    return "".join(chars)

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
