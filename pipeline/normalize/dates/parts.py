"""Resolvers for the parts of a year: quarters and halves ("the third quarter of 2023",
"Q3 2023", "second-half results"), spans such as "the first nine months of 2023",
and periods named by the month they end in ("the December quarter", "the three
months to September", "the October-December quarter")."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace

from pipeline.normalize.dates.context import _OF_AFTER, _prev_word
from pipeline.normalize.dates.daymonth import _day_number, _month_number
from pipeline.normalize.dates.fiscal import _fiscal_part, _is_fiscal
from pipeline.normalize.dates.groups import _count, _full_year, _g, _Resolver, _year_of
from pipeline.normalize.dates.periods import (
    _half,
    _length_granularity,
    _month_end,
    _months_ending,
    _Period,
    _unresolved,
    _year,
    _year_leaning_past,
    quarter,
)
from pipeline.normalize.dates.vocab import (
    _DAY_WORDS,
    _MONTH_PERIOD,
    _NEG_AFTER_PART,
    _NEG_BEFORE_PART,
    _ORDINALS,
    _ORDINALS_NEEDING_OF,
    _PARTS,
    _UNIT,
    _key,
)

_OPEN_END_WORDS = {_key(w) for w in _MONTH_PERIOD["open_end_words"]}
# "the three months to September": how many months may be counted back from a month.
_MAX_MONTHS_ENDING = 60


def _part_index(part: str, word: str) -> int:
    index = _ORDINALS[part][_key(word)]
    return _PARTS[part]["count"] if index < 0 else index


def _make_part(part: str, year: int, index: int, relative: bool) -> _Period:
    return (quarter if part == "quarter" else _half)(year, index, relative)


def _latest_part(part: str, index: int, ref: dt.date) -> _Period:
    """A part named without a year: the latest one begun by ref + LOOKAHEAD_DAYS."""
    first_month = 1 + (index - 1) * (12 // _PARTS[part]["count"])
    return _make_part(part, _year_leaning_past(ref, first_month), index, True)


def _part_context_ok(m: re.Match[str], part: str) -> bool:
    text = m.string
    if _key(_prev_word(text, m.start())) in _NEG_BEFORE_PART:
        return False  # "a second half"
    tail = _key(text[m.end():m.end() + 30])
    return not any(tail.startswith(w) for w in _NEG_AFTER_PART)


def _part_in_year(m: re.Match[str], ref: dt.date | None, part: str, index: int) -> _Period | None:
    """Part `index` of the year the match names (group "a"), of a fiscal year if
    it says so; unresolved without a year."""
    year, relative = _year_of(m, "a", ref) or (None, True)
    if _is_fiscal(m):
        return _fiscal_part(year, part, index, relative)
    if year is None:
        return _unresolved(part)
    return _make_part(part, year, index, relative)


def _part_of_year_resolver(part: str) -> _Resolver:
    def resolve(m: re.Match[str], ref: dt.date | None) -> _Period | None:
        if not _part_context_ok(m, part):
            return None
        return _part_in_year(m, ref, part, _part_index(part, m["ord"]))
    return resolve


def _quarter_number_resolver(m: re.Match[str], ref: dt.date | None) -> _Period | None:
    """'quarter two', 'quarter 2 of 2024': as 'the second quarter (of 2024)'."""
    if not _part_context_ok(m, "quarter"):
        return None
    word = m["ord"]
    index = int(word) if word.isdigit() else _DAY_WORDS[_key(word)]
    year, relative = _year_of(m, "a", ref) or (None, True)
    if _is_fiscal(m):
        return _fiscal_part(year, "quarter", index, relative)
    if year is not None:
        return _make_part("quarter", year, index, relative)
    if ref is None:
        return _unresolved("quarter")
    return _latest_part("quarter", index, ref)


def _part_relative_resolver(part: str) -> _Resolver:
    """'the third quarter', 'second-half results': the latest such part begun by
    ref + LOOKAHEAD_DAYS (this year's or last year's)."""
    def resolve(m: re.Match[str], ref: dt.date | None) -> _Period | None:
        if _key(m["ord"]) in _ORDINALS_NEEDING_OF or not _part_context_ok(m, part):
            return None
        if _OF_AFTER.match(m.string, m.end()):
            return None  # "the first half of the decade", "the second half of the match"
        if ref is None or _is_fiscal(m):
            return _unresolved(part)  # "the fiscal first quarter": which fiscal year is unsaid
        return _latest_part(part, _part_index(part, m["ord"]), ref)
    return resolve


def _part_abbrev_resolver(part: str) -> _Resolver:
    def resolve(m: re.Match[str], ref: dt.date | None) -> _Period | None:
        index = int(m["n"] or m["n2"] or m["n3"])
        if y := m["yy"] or m["yy3"] or m["y2"]:
            return _make_part(part, _full_year(y), index, False)
        return _part_in_year(m, ref, part, index)
    return resolve


def _resolve_quarter_bare(m: re.Match[str], ref: dt.date | None) -> _Period | None:
    if ref is None:
        return _unresolved("quarter")
    return _latest_part("quarter", int(m["n"]), ref)


def _resolve_part_span(m: re.Match[str], ref: dt.date | None) -> _Period | None:
    """'the first nine months of 2023': start and end, and a value when it is a named part."""
    _, count = _count(m)
    unit, _ = _UNIT[_key(m["unit"])]
    year, relative = _year_of(m, "a", ref) or (None, True)
    if count is None or year is None:
        return _unresolved("month")
    if _is_fiscal(m):
        return _Period("month", relative=relative)  # a fiscal year's months are not the calendar's
    months = count * (3 if unit == "quarter" else 1)
    if not 0 < months <= 12:
        return None
    first = 1 if _key(m["edge"]) == "first" else 13 - months
    start = dt.date(year, first, 1)
    end = _month_end(year, first + months - 1)
    if months == 12:
        return _year(year, relative)
    if months in (3, 6) and (first - 1) % months == 0:
        return _make_part("quarter" if months == 3 else "half", year,
                          (first - 1) // months + 1, relative)
    return _Period("month", None, start, end, relative)


def _months_to(m: re.Match[str], months: int, ref: dt.date | None) -> _Period | None:
    """The `months` months ending in the month of group `mon` (on the day given, if any).

    The year is the one written (group `y` or the year reference `a`); else the
    latest period whose last day is at most LOOKAHEAD_DAYS after ref."""
    month = _month_number(_g(m, "mon") or m["mon2"])
    day_text = _g(m, "day") or _g(m, "day1")  # "ended June 30", "to 30 September"
    day = _day_number(day_text) if day_text else None
    if day is not None and day > calendar.monthrange(2000, month)[1]:  # 2000: a leap year
        return None  # "the quarter ended June 31"
    if y := _g(m, "y") or _g(m, "y2"):
        year, relative = int(y), False
    elif year_ref := _year_of(m, "a", ref):
        year, relative = year_ref
    elif ref is not None:
        year, relative = _year_leaning_past(ref, month, day or 31), True
    else:
        year, relative = None, True
    if year is None:
        return _unresolved(_length_granularity(months))
    last = calendar.monthrange(year, month)[1]
    if day is not None and day > last:
        return None  # "the year ended February 29, 2023": no such day
    return _months_ending(dt.date(year, month, day or last), months, relative)


def _resolve_month_part(m: re.Match[str], ref: dt.date | None) -> _Period | None:
    """'the December quarter', 'the June half-year': the part ending in that month."""
    if not _part_context_ok(m, "quarter"):
        return None
    return _months_to(m, _MONTH_PERIOD["parts"][_key(m["part"])], ref)


def _resolve_month_range(m: re.Match[str], ref: dt.date | None) -> _Period | None:
    """'the October-December quarter', 'the April-December period': first to last month."""
    if not _part_context_ok(m, "quarter"):
        return None
    months = (_month_number(m["mon"]) - _month_number(m["mon1"])) % 12 + 1
    return _months_to(m, months, ref)


def _resolve_months_ending(m: re.Match[str], ref: dt.date | None) -> _Period | None:
    """'the three months to September', 'the six months ended June 30'."""
    _, months = _count(m)
    if months is None or not 0 < months <= _MAX_MONTHS_ENDING:
        return None  # "the few months to March"
    return _months_to(m, months, ref)


def _resolve_period_ended(m: re.Match[str], ref: dt.date | None) -> _Period | None:
    """'the year ended December 1986', 'the quarter ended December 31, 1986', 'the year
    to March 2005': the unit's months up to that month (or day). A year that ends in
    another month than December is a fiscal year, FY named by the year it ends in; a
    fiscal quarter or half keeps start and end but no value (its number is unsaid)."""
    months = _MONTH_PERIOD["ended_units"][_key(m["unit"])]
    if _key(m["endw"]) in _OPEN_END_WORDS and months < 12:
        return None  # "the quarter ending April 27": still running, the day or month is the date
    period = _months_to(m, months, ref)
    if period is None or period.end is None:
        return period
    if period.end != _month_end(period.end.year, period.end.month):
        # A unit that ends on another day than a month's last belongs to a 52-53-week
        # calendar: its quarters are 13 weeks ("the quarter ended October 29, 2023"
        # began on July 31).
        weeks = months * 13 // 3
        period = replace(period, start=period.end - dt.timedelta(days=weeks * 7 - 1))
    fiscal = _is_fiscal(m)
    if months == 12 and (fiscal or period.end.month != 12 or period.value is None):
        return replace(period, value=f"FY{period.end.year}")
    if fiscal:
        return replace(period, value=None)
    return period
