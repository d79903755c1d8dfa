"""Periods (a value with its first and last day) and the calendar arithmetic on them:
years, quarters, halves, months, weeks, days, seasons, decades, shifting by units
and the year of a date named without one."""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from pipeline.normalize.dates.vocab import SEASON_START_MONTH

# An expression without a year may lie at most this far after the reference date.
LOOKAHEAD_DAYS = 31


@dataclass(frozen=True)
class Period:
    granularity: str | None
    value: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    relative: bool = False


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def year_period(year: int, relative: bool = False) -> Period:
    return Period("year", str(year), dt.date(year, 1, 1), dt.date(year, 12, 31), relative)


def quarter(year: int, q: int, relative: bool = False) -> Period:
    return Period("quarter", f"{year}-Q{q}", dt.date(year, 3 * q - 2, 1),
                   month_end(year, 3 * q), relative)


def half_period(year: int, h: int, relative: bool = False) -> Period:
    return Period("half", f"{year}-H{h}", dt.date(year, 6 * h - 5, 1),
                   month_end(year, 6 * h), relative)


def month_period(year: int, month: int, relative: bool = False) -> Period:
    return Period("month", f"{year}-{month:02d}", dt.date(year, month, 1),
                   month_end(year, month), relative)


def day_period(day: dt.date, relative: bool = False) -> Period:
    return Period("day", day.isoformat(), day, day, relative)


def months_ending(end: dt.date, months: int, relative: bool = False) -> Period:
    """The `months` months up to and including `end` ("the three months to September").
    A calendar month, quarter, half or year gets its value; any other stretch has value
    null and the granularity of its length (3 quarter, 6 half, 12 year, else month)."""
    start = add_months(end + dt.timedelta(days=1), -months)
    if start.day == 1 and end == month_end(end.year, end.month):
        if months == 1:
            return month_period(end.year, end.month, relative)
        if months == 3 and end.month % 3 == 0:
            return quarter(end.year, end.month // 3, relative)
        if months == 6 and end.month % 6 == 0:
            return half_period(end.year, end.month // 6, relative)
        if months == 12 and end.month == 12:
            return year_period(end.year, relative)
    return Period(length_granularity(months), None, start, end, relative)


def length_granularity(months: int) -> str:
    return {3: "quarter", 6: "half", 12: "year"}.get(months, "month")


def _week(day: dt.date, relative: bool = False) -> Period:
    iso = day.isocalendar()
    monday = day - dt.timedelta(days=day.weekday())
    return Period("week", f"{iso.year}-W{iso.week:02d}", monday,
                   monday + dt.timedelta(days=6), relative)


def season_span(year: int, code: str) -> tuple[dt.date, dt.date]:
    first = dt.date(year, SEASON_START_MONTH[code], 1)
    return first, add_months(first, 3) - dt.timedelta(days=1)


def season_period(year: int, code: str, relative: bool = False) -> Period:
    start, end = season_span(year, code)
    return Period("season", f"{year}-{code}", start, end, relative)


def decade_period(first_year: int, relative: bool = False) -> Period:
    return Period("decade", f"{first_year}s", dt.date(first_year, 1, 1),
                   dt.date(first_year + 9, 12, 31), relative)


def unresolved(granularity: str | None) -> Period:
    return Period(granularity, relative=True)


def shift_date(day: dt.date, unit: str, n: int) -> dt.date:
    if unit == "day":
        return day + dt.timedelta(days=n)
    if unit == "week":
        return day + dt.timedelta(weeks=n)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120}[unit]
    return add_months(day, n * months)


def period_containing(day: dt.date, unit: str) -> Period:
    if unit == "day":
        return day_period(day, True)
    if unit == "week":
        return _week(day, True)
    if unit == "month":
        return month_period(day.year, day.month, True)
    if unit == "quarter":
        return quarter(day.year, (day.month - 1) // 3 + 1, True)
    if unit == "year":
        return year_period(day.year, True)
    return decade_period(day.year // 10 * 10, True)


def relative_period(ref: dt.date, unit: str, offset: int) -> Period:
    """The unit containing ref, moved by offset units (last month, next quarter)."""
    return period_containing(shift_date(ref, unit, offset), unit)


def shift_years(period: Period, years: int) -> Period:
    """The same period `years` years earlier or later (for 'the same period last year')."""
    start, g = period.start, period.granularity
    if start is None or period.value is None:
        return unresolved(g)
    y = start.year + years
    if g == "quarter":
        return quarter(y, (start.month - 1) // 3 + 1, True)
    if g == "half":
        return half_period(y, 1 if start.month <= 6 else 2, True)
    if g == "month":
        return month_period(y, start.month, True)
    if g == "season":
        return season_period(y, period.value[-2:], True)
    if g == "year":
        return year_period(y, True)
    if g == "week":
        iso = start.isocalendar()
        week = min(iso.week, dt.date(iso.year + years, 12, 28).isocalendar().week)
        return _week(dt.date.fromisocalendar(iso.year + years, week, 1), True)
    if g == "day":  # 29 February a year earlier is the 28th
        last_day = calendar.monthrange(y, start.month)[1]
        return day_period(start.replace(year=y, day=min(start.day, last_day)), True)
    return unresolved(g)


def year_leaning_past(ref: dt.date, month: int, day: int = 1) -> int:
    """Year of a yearless date: ref's year unless that is over LOOKAHEAD_DAYS ahead."""
    candidate = dt.date(ref.year, month, min(day, calendar.monthrange(ref.year, month)[1]))
    return ref.year - 1 if (candidate - ref).days > LOOKAHEAD_DAYS else ref.year
