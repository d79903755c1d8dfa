"""Which way a date named without a year looks: the tense of its sentence.

A month, a day or a weekday without a year is the one the text means by its tense
(docs/ANNOTATION.md): in a story of Monday 2024-05-13, "the vote is on Thursday" is
2024-05-16 and "shares closed Friday" 2024-05-10. No parser runs for this: the
nearest cue word of patterns/dates.jsonl before the date in its sentence decides
("will", "expects", "closed", "since"), else the nearest after it; without a cue the
date keeps the default lean of the rule that found it."""
from __future__ import annotations

import calendar
import datetime as dt
import re

from pipeline.normalize.dates.fragments import _alt
from pipeline.normalize.dates.vocab import _of_kind

_FUTURE = next(e for e in _of_kind("tense") if e["direction"] > 0)
_PAST = next(e for e in _of_kind("tense") if e["direction"] < 0)
_NOT_PAST = {w.lower() for w in _PAST["not_past"]}
_PASSIVE_BEFORE = re.compile(rf"(?<!\w){_alt(_PAST['passive_auxiliaries'])}\s+$")
# Future words come first, so that at one position "scheduled" is future, not a past form.
_CUE = re.compile(
    rf"(?<![\w'’])(?:(?P<f>{_alt(_FUTURE['words'])})|(?P<p>{_alt(_PAST['words'])})"
    rf"|(?P<ed>[A-Za-z]{{2,}}{_PAST['past_suffix']}))(?![\w'’])")
# A sentence ends at . ! ? ; before a space, or at a blank line (wire copy wraps lines).
_BOUNDARY = re.compile(r"[.!?;][\s\"”’')]|\n\s*\n")
_REACH = 160  # characters looked at on each side


def _direction(m: re.Match[str]) -> int:
    if m["f"]:
        return 1
    if m["ed"] and (m["ed"].lower() in _NOT_PAST
                    or _PASSIVE_BEFORE.search(m.string, max(0, m.start() - 12), m.start())):
        return 0
    return -1


def _tense(text: str, start: int, end: int) -> int:
    """+1 when the date's sentence looks forward, -1 back, 0 when it does not say."""
    lo = max(0, start - _REACH)
    for b in _BOUNDARY.finditer(text, lo, start):
        lo = b.end()
    left = [d for d in map(_direction, _CUE.finditer(text, lo, start)) if d]
    if left:
        return left[-1]
    hi = min(len(text), end + _REACH)
    b = _BOUNDARY.search(text, end, hi)
    if b:
        hi = b.start() + 1
    for cue in _CUE.finditer(text, end, hi):
        if d := _direction(cue):
            return d
    return 0


def _month_year_by_tense(ref: dt.date, month: int, tense: int) -> int | None:
    """The year of a yearless month: the latest one begun by ref when the text looks
    back, the first one not yet over when it looks forward; None without a tense."""
    if tense < 0:
        return ref.year if month <= ref.month else ref.year - 1
    if tense > 0:
        return ref.year if month >= ref.month else ref.year + 1
    return None


def _day_year_by_tense(ref: dt.date, month: int, day: int, tense: int) -> int | None:
    """The year of a yearless day: on or before ref looking back, on or after it looking
    forward (29 February only in a leap year); None without a tense."""
    def on(year: int) -> dt.date:
        return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))
    if tense < 0:
        return ref.year if on(ref.year) <= ref else ref.year - 1
    if tense > 0:
        return ref.year if on(ref.year) >= ref else ref.year + 1
    return None
