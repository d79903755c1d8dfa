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

from pipeline.normalize.dates.vocab import entries_of_kind, lookup_key

_FUTURE = next(e for e in entries_of_kind("tense") if e["direction"] > 0)
_PAST = next(e for e in entries_of_kind("tense") if e["direction"] < 0)
_CUES: dict[str, int] = {lookup_key(w): -1 for w in _PAST["words"]}
_CUES.update({lookup_key(w): 1 for w in _FUTURE["words"]})  # "scheduled" is future, not a past form
_NOT_PAST = {lookup_key(w) for w in _PAST["not_past"]}
_PASSIVE = {lookup_key(w) for w in _PAST["passive_auxiliaries"]}
_SUFFIX = _PAST["past_suffix"]
# Words are looked up in dicts rather than matched by one large alternation: many
# times faster, and this runs for every yearless date.
_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
# A sentence ends at . ! ? ; before a space, or at a blank line (wire copy wraps lines).
_BOUNDARY = re.compile(r"[.!?;][\s\"”’')]|\n\s*\n")
_REACH = 160  # characters looked at on each side


def _direction(word: str, previous: str) -> int:
    """The tense a word (with the one before it, for "going to") gives; 0 for none."""
    if (pair := _CUES.get(f"{previous} {word}")) is not None:
        return pair
    if (single := _CUES.get(word)) is not None:
        return single
    if word.endswith("'ll"):
        return 1
    if word.endswith(_SUFFIX) and len(word) > 3 and word not in _NOT_PAST:
        # "being implemented": a participle after a present or future auxiliary
        return 0 if previous in _PASSIVE else -1
    return 0


def _words(text: str, lo: int, hi: int) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text, lo, hi)]


def tense_at(text: str, start: int, end: int) -> int:
    """+1 when the date's sentence looks forward, -1 back, 0 when it does not say."""
    lo = max(0, start - _REACH)
    for b in _BOUNDARY.finditer(text, lo, start):
        lo = b.end()
    left = _words(text, lo, start)
    for i in range(len(left) - 1, -1, -1):
        if d := _direction(left[i], left[i - 1] if i else ""):
            return d
    hi = min(len(text), end + _REACH)
    if b := _BOUNDARY.search(text, end, hi):
        hi = b.start() + 1
    right = _words(text, end, hi)
    for i, word in enumerate(right):
        if d := _direction(word, right[i - 1] if i else ""):
            return d
    return 0


def month_year_by_tense(ref: dt.date, month: int, tense: int) -> int | None:
    """The year of a yearless month: the latest one begun by ref when the text looks
    back, the first one not yet over when it looks forward; None without a tense."""
    if tense < 0:
        return ref.year if month <= ref.month else ref.year - 1
    if tense > 0:
        return ref.year if month >= ref.month else ref.year + 1
    return None


def day_year_by_tense(ref: dt.date, month: int, day: int, tense: int) -> int | None:
    """The year of a yearless day: on or before ref looking back, on or after it looking
    forward (29 February only in a leap year); None without a tense."""
    def on(year: int) -> dt.date:
        return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))
    if tense < 0:
        return ref.year if on(ref.year) <= ref else ref.year - 1
    if tense > 0:
        return ref.year if on(ref.year) >= ref else ref.year + 1
    return None
