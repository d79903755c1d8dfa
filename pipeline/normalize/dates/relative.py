"""Resolvers for expressions relative to the reference date: this/last/next unit,
windows ("the past twelve months"), shifts ("four months ago"), relative days,
weekdays, and the placeholders that "the same period last year" starts from."""
from __future__ import annotations

import datetime as dt
import re

from pipeline.normalize.dates.fragments import count_of, optional_group
from pipeline.normalize.dates.periods import (
    Period,
    day_period,
    period_containing,
    relative_period,
    shift_date,
    unresolved,
)
from pipeline.normalize.dates.tense import tense_at
from pipeline.normalize.dates.vocab import (
    ANCHOR_OFFSET,
    RELATIVE_DAY,
    SAME_PERIOD,
    SHIFT,
    UNIT_WORDS,
    WEEKDAY_NUMBER,
    WINDOW,
    YEAR_AGO_PERIOD,
    lookup_key,
)
from pipeline.normalize.dates.years import is_fiscal


def resolve_relative_unit(m: re.Match[str], ref: dt.date | None) -> Period | None:
    unit, _ = UNIT_WORDS[lookup_key(m["unit"])]
    anchor = lookup_key(m["anc"])
    if anchor == "the" and not (optional_group(m, "mod_adj") or optional_group(m, "mod_noun")):
        return None  # "the year" alone; "the end of the year" is fine
    if ref is None or is_fiscal(m):
        return unresolved(unit)  # "last fiscal year": the fiscal calendar is unsaid
    return relative_period(ref, unit, 0 if anchor == "the" else ANCHOR_OFFSET[anchor])


def resolve_window(m: re.Match[str], ref: dt.date | None) -> Period | None:
    entry = WINDOW[lookup_key(m["win"])]
    unit, plural = UNIT_WORDS[lookup_key(m["unit"])]
    present, n = count_of(m)
    if entry.get("needs_number") and not present:
        return None
    if entry.get("plural_only") and not plural:
        return None  # "a recent month" is not a period
    if present and n is not None and (n == 1) == plural:
        return None  # "the past one years", "the next two year"
    direction = entry["direction"]
    vague = entry.get("vague") or entry.get("anaphoric") or (plural and not present)
    if not present:
        n = 1
    # "the next day" is counted from an event in the story.
    if vague or n is None or ref is None or (direction > 0 and unit == "day" and not present):
        return unresolved(unit)
    if direction < 0:
        start, end = shift_date(ref, unit, -n) + dt.timedelta(days=1), ref
    else:
        start, end = ref + dt.timedelta(days=1), shift_date(ref, unit, n)
    return Period(unit, None, start, end, True)


def resolve_shift(m: re.Match[str], ref: dt.date | None) -> Period | None:
    unit, plural = UNIT_WORDS[lookup_key(m["unit"])]
    present, n = count_of(m)
    if not present and not plural:
        return None  # "year ago" without a count
    direction = SHIFT[lookup_key(m["shift"])]
    if ref is None or direction == 0 or n is None or not present or unit == "decade":
        return unresolved(unit)
    return period_containing(shift_date(ref, unit, direction * n), unit)


def resolve_same_period(m: re.Match[str], ref: dt.date | None) -> Period | None:
    # Completed from the period named just before, in find_dates.
    return unresolved(SAME_PERIOD["units"].get(lookup_key(m["unit"])))


def resolve_year_ago_period(m: re.Match[str], ref: dt.date | None) -> Period | None:
    return unresolved(YEAR_AGO_PERIOD["units"].get(lookup_key(m["unit"])))


def resolve_relative_day(m: re.Match[str], ref: dt.date | None) -> Period | None:
    if ref is None:
        return unresolved("day")
    return day_period(ref + dt.timedelta(days=RELATIVE_DAY[lookup_key(m["w"])]), True)


def _weekday_date(ref: dt.date, weekday: int, anchor: int | None, tense: int = 0) -> dt.date:
    if anchor is None and tense > 0:  # "the vote is on Thursday": the next one from ref
        return ref + dt.timedelta(days=(weekday - ref.weekday()) % 7)
    if anchor is None:  # "closed on Thursday": latest one on or before ref
        return ref - dt.timedelta(days=(ref.weekday() - weekday) % 7)
    if anchor < 0:  # strictly before ref
        return ref - dt.timedelta(days=(ref.weekday() - weekday - 1) % 7 + 1)
    if anchor > 0:  # strictly after ref
        return ref + dt.timedelta(days=(weekday - ref.weekday() - 1) % 7 + 1)
    return ref + dt.timedelta(days=weekday - ref.weekday())  # same ISO week


def resolve_weekday(m: re.Match[str], ref: dt.date | None) -> Period | None:
    if ref is None:
        return unresolved("day")
    anchor = ANCHOR_OFFSET[lookup_key(m["anc"])] if optional_group(m, "anc") else None
    tense = tense_at(m.string, m.start(), m.end()) if anchor is None else 0
    return day_period(_weekday_date(ref, WEEKDAY_NUMBER[lookup_key(m["wd"])], anchor, tense), True)


def resolve_anaphoric_unit(m: re.Match[str], ref: dt.date | None) -> Period | None:
    # Completed from the date named before it, in find_dates.
    return unresolved(UNIT_WORDS[lookup_key(m["unit"])][0])
