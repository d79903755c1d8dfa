"""Page furniture: the parts of a scraped news page that are not the article.

``furniture_spans(text, title)`` returns sorted, non-overlapping ``(start, end)``
ranges of ``text`` that are menus, share bars, promos, link lists, comment
boxes, cookie and newsletter notices, legal footers and the like. The text
itself is never changed: callers drop the mentions that fall inside the ranges
(and need not run the model over them).

Whole lines are judged first (``lines``); long lines are then cut into runs
(``runs``), so that a headline glued between a menu and a share bar is read.
The page's own title, when known, is never furniture wherever it stands.
"""
from __future__ import annotations

import re

from pipeline.furniture.lines import PROSE_ANY_WORDS, classify
from pipeline.furniture.runs import run_spans

# Lines this long are cut into runs; shorter ones are judged whole. A line that
# is furniture only by its cue phrases is cut from this many words on.
CUED_RUN_MIN_WORDS = 12
# A title shorter than this is too common a string to protect wherever it occurs.
TITLE_MIN_WORDS = 3
# "Headline | Site", "Headline - Section - Site": the site's part is cut off.
_TITLE_SEP = re.compile(r"\s+[|–—-]\s+")

__all__ = ["furniture_spans"]


def furniture_spans(text: str, title: str | None = None) -> list[tuple[int, int]]:
    """Sorted, non-overlapping, non-adjacent (start, end) ranges of `text` that are page furniture."""
    lines, furn = classify(text)
    ranges: list[tuple[int, int]] = []
    for ln, whole in zip(lines, furn):
        if ln.words >= PROSE_ANY_WORDS and not whole or ln.cued and ln.words >= CUED_RUN_MIN_WORDS:
            # The line's own lower-case copy serves when it was not stripped (same offsets).
            same = len(ln.lower) == ln.end - ln.start
            runs = run_spans(text[ln.start : ln.end], ln.lower if same else None, ln.tokens if same else None)
            if runs or not whole:
                ranges.extend((ln.start + s, ln.start + e) for s, e in runs)
                continue
        if whole:
            ranges.append((ln.start, ln.end))
    if title:
        ranges = _spare_title(text, ranges, title)
    return _join(text, ranges)


def _spare_title(text: str, ranges: list[tuple[int, int]], title: str) -> list[tuple[int, int]]:
    """Cut the page's headline out of the furniture wherever the text repeats it."""
    head = max(_TITLE_SEP.split(title.strip()), key=len).strip()
    if len(head.split()) < TITLE_MIN_WORDS:
        return ranges
    spans = [m.span() for m in _bounded(head).finditer(text)]
    if not spans:
        # The page's headline often differs from its <title> after a few words
        # ("Softbank Pours $2.25 Billion Into GM's Bid …" vs "… Into GM's Self-Driving Car Biz"):
        # spare the longest opening of the title that the text holds, when it is most of the
        # title ("How to make …" alone is any sentence's opening).
        words = head.split()
        for n in range(len(words) - 1, max(TITLE_MIN_WORDS, len(words) // 2 + 1) - 1, -1):
            m = _bounded(" ".join(words[:n])).search(text)
            if m:
                spans.append(m.span())
                break
    for ts, te in spans:
        cut = []
        for s, e in ranges:
            if s < te and ts < e:
                if s < ts:
                    cut.append((s, ts))
                if te < e:
                    cut.append((te, e))
            else:
                cut.append((s, e))
        ranges = cut
    return ranges


def _bounded(phrase: str) -> re.Pattern[str]:
    """`phrase` as a whole-word pattern: a title never matches inside a word."""
    return re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)")


def _join(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted ranges, trimmed of spaces; those only whitespace apart become one."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(ranges):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s >= e:
            continue
        if out and (s <= out[-1][1] or text[out[-1][1] : s].isspace()):
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out
