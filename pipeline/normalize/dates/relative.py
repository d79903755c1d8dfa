"""Resolvers for expressions relative to the reference date: this/last/next unit,
windows ("the past twelve months"), shifts ("four months ago"), relative days,
weekdays, and the placeholders that "the same period last year" starts from."""
from __future__ import annotations

import datetime as dt
import re

from pipeline.normalize.dates.fiscal import _is_fiscal
from pipeline.normalize.dates.groups import _count, _g
from pipeline.normalize.dates.periods import (
    _day,
    _Period,
    _period_containing,
    _relative_period,
    _shift,
    _unresolved,
)
from pipeline.normalize.dates.tense import _tense
from pipeline.normalize.dates.vocab import (
    _ANCHOR,
    _RELATIVE_DAY,
    _SAME_PERIOD,
    _SHIFT,
    _UNIT,
    _WEEKDAY_NUMBER,
    _WINDOW,
    _YEAR_AGO_PERIOD,
    _key,
)


def _resolve_relative_unit(m: re.Match[str], ref: dt.date | None) -> _Period | None:
    unit, _ = _UNIT[_key(m["unit"])]
    anchor = _key(m["anc"])
    if anchor == "the" and not (_g(m, "mod_adj") or _g(m, "mod_noun")):
        return None  # "the year" alone; "the end of the year" is fine
    if ref is None or _is_fiscal(m):
        return _unresolved(unit)  # "last fiscal year": the fiscal calendar is unsaid
    return _relative_period(ref, unit, 0 if anchor == "the" else _ANCHOR[anchor])


def _resolve_window(m: re.Match[str], ref: dt.date | None) -> _Period | None:
    entry = _WINDOW[_key(m["win"])]
    unit, plural = _UNIT[_key(m["unit"])]
    present, n = _count(m)
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
        return _unresolved(unit)
    if direction < 0:
        start, end = _shift(ref, unit, -n) + dt.timedelta(days=1), ref
    else:
        start, end = ref + dt.timedelta(days=1), _shift(ref, unit, n)
    return _Period(unit, None, start, end, True)


def _resolve_shift(m: re.Match[str], ref: dt.date | None) -> _Period | None:
    unit, plural = _UNIT[_key(m["unit"])]
    present, n = _count(m)
    if not present and not plural:
        return None  # "year ago" without a count
    direction = _SHIFT[_key(m["shift"])]
    if ref is None or direction == 0 or n is None or not present or unit == "decade":
        return _unresolved(unit)
    return _period_containing(_shift(ref, unit, direction * n), unit)


def _resolve_same_period(m: re.Match[str], ref: dt.date | None) -> _Period | None:
    # Completed from the period named just before, in find_dates.
    return _unresolved(_SAME_PERIOD["units"].get(_key(m["unit"])))


def _resolve_year_ago_period(m: re.Match[str], ref: dt.date | None) -> _Period | None:
    return _unresolved(_YEAR_AGO_PERIOD["units"].get(_key(m["unit"])))


def _resolve_relative_day(m: re.Match[str], ref: dt.date | None) -> _Period | None:
    if ref is None:
        return _unresolved("day")
    return _day(ref + dt.timedelta(days=_RELATIVE_DAY[_key(m["w"])]), True)


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


def _resolve_weekday(m: re.Match[str], ref: dt.date | None) -> _Period | None:
    if ref is None:
        return _unresolved("day")
    anchor = _ANCHOR[_key(m["anc"])] if _g(m, "anc") else None
    tense = _tense(m.string, m.start(), m.end()) if anchor is None else 0
    return _day(_weekday_date(ref, _WEEKDAY_NUMBER[_key(m["wd"])], anchor, tense), True)


def _resolve_anaphoric_unit(m: re.Match[str], ref: dt.date | None) -> _Period | None:
    # Completed from the date named before it, in find_dates.
    return _unresolved(_UNIT[_key(m["unit"])][0])
