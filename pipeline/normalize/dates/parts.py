"""Resolvers for the parts of a year: quarters and halves ("the third quarter of 2023",
"Q3 2023", "second-half results"), spans such as "the first nine months of 2023",
and periods named by the month they end in ("the December quarter", "the three
months to September", "the October-December quarter")."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace

from pipeline.normalize.dates.context import OF_AFTER, prev_word
from pipeline.normalize.dates.daymonth import day_from_text, month_from_name
from pipeline.normalize.dates.fragments import (
    Resolver,
    count_of,
    full_year,
    optional_group,
    year_of,
)
from pipeline.normalize.dates.periods import (
    Period,
    half_period,
    length_granularity,
    month_end,
    months_ending,
    quarter,
    unresolved,
    year_leaning_past,
    year_period,
)
from pipeline.normalize.dates.vocab import (
    DAY_WORDS,
    MONTH_PERIOD,
    NEG_AFTER_PART,
    NEG_BEFORE_PART,
    ORDINALS,
    ORDINALS_NEEDING_OF,
    PARTS,
    UNIT_WORDS,
    lookup_key,
)
from pipeline.normalize.dates.years import fiscal_part, is_fiscal

_OPEN_END_WORDS = {lookup_key(w) for w in MONTH_PERIOD["open_end_words"]}
# "the three months to September": how many months may be counted back from a month.
_MAX_MONTHS_ENDING = 60
# The words after a part that make it no date ("the second half of play"): the
# longest such phrase fits in this many characters.
_NEG_AFTER_PART_REACH = 30


def _part_index(part: str, word: str) -> int:
    index = ORDINALS[part][lookup_key(word)]
    return PARTS[part]["count"] if index < 0 else index


def _make_part(part: str, year: int, index: int, relative: bool) -> Period:
    return (quarter if part == "quarter" else half_period)(year, index, relative)


def _latest_part(part: str, index: int, ref: dt.date) -> Period:
    """A part named without a year: the latest one begun by ref + LOOKAHEAD_DAYS."""
    first_month = 1 + (index - 1) * (12 // PARTS[part]["count"])
    return _make_part(part, year_leaning_past(ref, first_month), index, True)


def _part_context_ok(m: re.Match[str], part: str) -> bool:
    text = m.string
    if lookup_key(prev_word(text, m.start())) in NEG_BEFORE_PART:
        return False  # "a second half"
    tail = lookup_key(text[m.end():m.end() + _NEG_AFTER_PART_REACH])
    return not any(tail.startswith(w) for w in NEG_AFTER_PART)


def _part_in_year(m: re.Match[str], ref: dt.date | None, part: str, index: int) -> Period | None:
    """Part `index` of the year the match names (group "a"), of a fiscal year if
    it says so; unresolved without a year."""
    year, relative = year_of(m, "a", ref) or (None, True)
    if is_fiscal(m):
        return fiscal_part(year, part, index, relative)
    if year is None:
        return unresolved(part)
    return _make_part(part, year, index, relative)


def part_of_year_resolver(part: str) -> Resolver:
    def resolve(m: re.Match[str], ref: dt.date | None) -> Period | None:
        if not _part_context_ok(m, part):
            return None
        return _part_in_year(m, ref, part, _part_index(part, m["ord"]))
    return resolve


def quarter_number_resolver(m: re.Match[str], ref: dt.date | None) -> Period | None:
    """'quarter two', 'quarter 2 of 2024': as 'the second quarter (of 2024)'."""
    if not _part_context_ok(m, "quarter"):
        return None
    word = m["ord"]
    index = int(word) if word.isdigit() else DAY_WORDS[lookup_key(word)]
    year, relative = year_of(m, "a", ref) or (None, True)
    if is_fiscal(m):
        return fiscal_part(year, "quarter", index, relative)
    if year is not None:
        return _make_part("quarter", year, index, relative)
    if ref is None:
        return unresolved("quarter")
    return _latest_part("quarter", index, ref)


def part_relative_resolver(part: str) -> Resolver:
    """'the third quarter', 'second-half results': the latest such part begun by
    ref + LOOKAHEAD_DAYS (this year's or last year's)."""
    def resolve(m: re.Match[str], ref: dt.date | None) -> Period | None:
        if lookup_key(m["ord"]) in ORDINALS_NEEDING_OF or not _part_context_ok(m, part):
            return None
        if OF_AFTER.match(m.string, m.end()):
            return None  # "the first half of the decade", "the second half of the match"
        if ref is None or is_fiscal(m):
            return unresolved(part)  # "the fiscal first quarter": which fiscal year is unsaid
        return _latest_part(part, _part_index(part, m["ord"]), ref)
    return resolve


def part_abbrev_resolver(part: str) -> Resolver:
    def resolve(m: re.Match[str], ref: dt.date | None) -> Period | None:
        index = int(m["n"] or m["n2"] or m["n3"])
        if y := m["yy"] or m["yy3"] or m["y2"]:
            return _make_part(part, full_year(y), index, False)
        return _part_in_year(m, ref, part, index)
    return resolve


def resolve_quarter_bare(m: re.Match[str], ref: dt.date | None) -> Period | None:
    if ref is None:
        return unresolved("quarter")
    return _latest_part("quarter", int(m["n"]), ref)


def resolve_part_span(m: re.Match[str], ref: dt.date | None) -> Period | None:
    """'the first nine months of 2023': start and end, and a value when it is a named part."""
    _, count = count_of(m)
    unit, _ = UNIT_WORDS[lookup_key(m["unit"])]
    year, relative = year_of(m, "a", ref) or (None, True)
    if count is None or year is None:
        return unresolved("month")
    if is_fiscal(m):
        return Period("month", relative=relative)  # a fiscal year's months are not the calendar's
    months = count * (3 if unit == "quarter" else 1)
    if not 0 < months <= 12:
        return None
    first = 1 if lookup_key(m["edge"]) == "first" else 13 - months
    start = dt.date(year, first, 1)
    end = month_end(year, first + months - 1)
    if months == 12:
        return year_period(year, relative)
    if months in (3, 6) and (first - 1) % months == 0:
        return _make_part("quarter" if months == 3 else "half", year,
                          (first - 1) // months + 1, relative)
    return Period("month", None, start, end, relative)


def _months_to(m: re.Match[str], months: int, ref: dt.date | None) -> Period | None:
    """The `months` months ending in the month of group `mon` (on the day given, if any).

    The year is the one written (group `y` or the year reference `a`); else the
    latest period whose last day is at most LOOKAHEAD_DAYS after ref."""
    month = month_from_name(optional_group(m, "mon") or m["mon2"])
    day_text = optional_group(m, "day") or optional_group(m, "day1")  # "ended June 30", "to 30 September"
    day = day_from_text(day_text) if day_text else None
    if day is not None and day > calendar.monthrange(2000, month)[1]:  # 2000: a leap year
        return None  # "the quarter ended June 31"
    if y := optional_group(m, "y") or optional_group(m, "y2"):
        year, relative = int(y), False
    elif year_ref := year_of(m, "a", ref):
        year, relative = year_ref
    elif ref is not None:
        year, relative = year_leaning_past(ref, month, day or 31), True
    else:
        year, relative = None, True
    if year is None:
        return unresolved(length_granularity(months))
    last = calendar.monthrange(year, month)[1]
    if day is not None and day > last:
        return None  # "the year ended February 29, 2023": no such day
    return months_ending(dt.date(year, month, day or last), months, relative)


def resolve_month_part(m: re.Match[str], ref: dt.date | None) -> Period | None:
    """'the December quarter', 'the June half-year': the part ending in that month."""
    if not _part_context_ok(m, "quarter"):
        return None
    return _months_to(m, MONTH_PERIOD["parts"][lookup_key(m["part"])], ref)


def resolve_month_range(m: re.Match[str], ref: dt.date | None) -> Period | None:
    """'the October-December quarter', 'the April-December period': first to last month."""
    if not _part_context_ok(m, "quarter"):
        return None
    months = (month_from_name(m["mon"]) - month_from_name(m["mon1"])) % 12 + 1
    return _months_to(m, months, ref)


def resolve_months_ending(m: re.Match[str], ref: dt.date | None) -> Period | None:
    """'the three months to September', 'the six months ended June 30'."""
    _, months = count_of(m)
    if months is None or not 0 < months <= _MAX_MONTHS_ENDING:
        return None  # "the few months to March"
    return _months_to(m, months, ref)


def resolve_period_ended(m: re.Match[str], ref: dt.date | None) -> Period | None:
    """'the year ended December 1986', 'the quarter ended December 31, 1986', 'the year
    to March 2005': the unit's months up to that month (or day). A year that ends in
    another month than December is a fiscal year, FY named by the year it ends in; a
    fiscal quarter or half keeps start and end but no value (its number is unsaid)."""
    months = MONTH_PERIOD["ended_units"][lookup_key(m["unit"])]
    if lookup_key(m["endw"]) in _OPEN_END_WORDS and months < 12:
        return None  # "the quarter ending April 27": still running, the day or month is the date
    period = _months_to(m, months, ref)
    if period is None or period.end is None:
        return period
    if period.end != month_end(period.end.year, period.end.month):
        # A unit that ends on another day than a month's last belongs to a 52-53-week
        # calendar: its quarters are 13 weeks ("the quarter ended October 29, 2023"
        # began on July 31).
        weeks = months * 13 // 3
        period = replace(period, start=period.end - dt.timedelta(days=weeks * 7 - 1))
    fiscal = is_fiscal(m)
    if months == 12 and (fiscal or period.end.month != 12 or period.value is None):
        return replace(period, value=f"FY{period.end.year}")
    if fiscal:
        return replace(period, value=None)
    return period
