"""Find calendar dates in English news text and normalise them to TIMEX3-style values.

The vocabulary (month names, seasons, relative words, modifiers, ordinals,
holidays, negative cues, ...) lives in patterns/dates.jsonl; the grammar that
combines it is built here once, at import time.

Each value is a dict with the keys of the `date` type in the annotation
standard: value, start, end, granularity, modifier, relative.

Conventions the standard leaves open:

* Nothing reads the clock. Relative dates are resolved against ``ref_date``
  (the publication date); without one their value, start and end stay null.
* A day or month given without a year (``February 19``, ``in March``) is the one
  its sentence's tense means (tense.py): on or before ``ref_date`` when the text
  looks back (``reported on Feb 20``, ``since March``), on or after it when it looks
  forward (``will pay after June 30``). Without a tense cue, and for seasons and
  holidays, it takes the year of ``ref_date``, or the year before when that would
  put it more than 31 days after ``ref_date``: news mostly reports what has
  happened, but does announce things a few weeks ahead.
* A quarter or half given without a year (``the fourth quarter``, ``second-half
  results``, ``Q2``) is, by the same rule, the latest one that has begun by
  ``ref_date`` plus 31 days (``LOOKAHEAD_DAYS``): in January ``the fourth quarter`` is last year's.
  An explicit year (``of this year``, ``of last year``, ``2024``) wins.
* Periods named by the month they end in, as business reporting names quarters:
  ``the December quarter`` and ``the June half-year`` are the three or six months
  ending in that month, ``the three months to September`` / ``ended June 30`` /
  ``ending in March`` and ``the twelve months to March`` the months up to it,
  ``the October-December quarter`` and ``the April-December period`` the first
  to the last month named. start/end cover those months; value is the calendar
  month, quarter, half or year when the period is exactly one (``2024-Q4``), else
  null; granularity follows the length (3 months quarter, 6 half, 12 year, any
  other month). A day that is not the month's last (``the three months ended
  Oct. 27``) ends the period on that day. ``the quarter ending April 27`` is left
  to the day (or month) alone, as annotation does. Without a year the period is the latest one whose
  last day is at most ``LOOKAHEAD_DAYS`` after ``ref_date``, so before the last few weeks of
  a quarter ``the December quarter`` is the previous year's, although
  ``the fourth quarter``, which has begun, is this year's. Spans take in ``the``
  as quarters do (``the December quarter``), but not before a hyphenated
  adjective (``the March-quarter results`` gives ``March-quarter``).
* A bare weekday (``on Thursday``) is the latest such day on or before
  ``ref_date``, or the next one from it when its sentence looks forward (``the vote
  is on Thursday``); ``last Thursday`` is strictly before it, ``next Thursday``
  strictly after it, ``this Thursday`` in the same ISO week.
* Fiscal periods are not calendar periods: ``fiscal 2024``, ``FY24``, ``Q2 FY2024``,
  ``the second quarter of fiscal 2024`` have value ``FY2024``, ``FY2024-Q2``
  (``FY2024-H1``), with start and end null, as companies' fiscal calendars differ,
  unless the text gives the end (``fiscal 2025, which ends in March``). ``the
  fiscal first quarter`` and ``this fiscal year`` name no year and stay unresolved.
  Two-digit years (``FY24``, ``3Q23``) are 20xx.
* A year, quarter or half named with the month it ends in (``the year ended December
  1986``, ``the year to March 2005``, ``the quarter ended December 31, 1986``) covers
  the months up to it. A year ending in December is the calendar year, one ending in
  another month (or called fiscal) is FY<the year it ends in>. A period that ends on a
  day other than a month's last is 13, 26 or 52 weeks long (a 52-53-week calendar). A
  quarter ``ending`` a day or month is still running: the day or month alone is the date.
* Winter ``2023-WI`` runs from December 2023 to February 2024.
* Modifiers (early, mid, late, the beginning/end of) go into ``modifier`` and
  leave start/end covering the whole period (``mid-2024`` is all of 2024).
* ``the past twelve months`` runs from ``ref_date`` minus twelve months plus a
  day to ``ref_date``, with value null; ``four months ago`` is that month.
* ``the same year``, ``the previous year``, ``the following day`` count from the
  date the text named last (within ``SAME_PERIOD_WINDOW``), else stay unresolved;
  ``a year later`` and other expressions counted from an event are left unresolved.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pipeline.normalize.dates.grammar import LEAD_IN, TRAILING
from pipeline.normalize.dates.scan import (
    Candidate,
    candidate_value,
    find_candidates,
    resolve_anaphora,
    select_non_overlapping,
)

# Also importable from here: the constants of the conventions above, and the
# cached dateparser call (the tests clear its cache).
from pipeline.normalize.dates.daymonth import parse_day_month  # noqa: F401
from pipeline.normalize.dates.periods import LOOKAHEAD_DAYS  # noqa: F401
from pipeline.normalize.dates.scan import SAME_PERIOD_WINDOW  # noqa: F401

__all__ = ["DateMatch", "find_dates", "normalize_date"]


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    text: str  # == source_text[start:end]
    value: dict[str, Any]  # value, start, end, granularity, modifier, relative
    rule: str  # id of the rule that matched


def _as_date(ref_date: dt.date | None) -> dt.date | None:
    if isinstance(ref_date, dt.datetime):
        return ref_date.date()
    return ref_date


def find_dates(text: str, ref_date: dt.date | None = None) -> list[DateMatch]:
    """All date expressions in `text`, non-overlapping, sorted by start.

    `ref_date` is the publication date that relative expressions are resolved
    against; without it they are found with value, start and end null."""
    ref = _as_date(ref_date)
    chosen = resolve_anaphora(select_non_overlapping(find_candidates(text, ref)), text, ref)
    return [DateMatch(c.start, c.end, text[c.start:c.end], candidate_value(c), c.rule) for c in chosen]


def normalize_date(text: str, ref_date: dt.date | None = None) -> dict[str, Any] | None:
    """The value of one date span ("the first quarter of 2023"), or None if it is not a date.

    Lead-in words that annotation leaves outside a span ("in", "since",
    "earlier" in "earlier this year") and trailing punctuation are allowed."""
    span = text.strip()
    ref = _as_date(ref_date)
    best: Candidate | None = None
    for c in find_candidates(span, ref):
        if not TRAILING.fullmatch(span, c.end):
            continue
        lead = LEAD_IN.match(span, 0, c.start)
        if lead is None or lead.end() != c.start:
            continue
        if best is None or (c.start, c.priority) < (best.start, best.priority):
            best = c  # the candidate covering most of the span
    if best is None:
        return None
    return candidate_value(best)
