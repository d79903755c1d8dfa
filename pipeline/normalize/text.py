"""Plain-text helpers shared by the normalisers."""
from __future__ import annotations

import re

_SENT_END = re.compile(r"[.!?][\"'”’)]*\s|\n")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Character bounds of the sentence around [start, end): from the last sentence
    end (., !, ? before a space, or a line break) to the next one."""
    lo = 0
    for m in _SENT_END.finditer(text, max(0, start - 400), start):
        lo = m.end()
    m = _SENT_END.search(text, end)
    hi = m.start() + 1 if m and text[m.start()] in ".!?" else (m.start() if m else len(text))
    return lo, hi
