"""Periods (a value with its first and last day) and the calendar arithmetic on them:
years, quarters, halves, months, weeks, days, seasons, decades, shifting by units
and the year of a date named without one."""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from pipeline.normalize.dates.vocab import _SEASON_START_MONTH

# An expression without a year may lie at most this far after the reference date.
LOOKAHEAD_DAYS = 31


@dataclass(frozen=True)
class _Period:
    granularity: str | None
    value: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    relative: bool = False


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _year(year: int, relative: bool = False) -> _Period:
    return _Period("year", str(year), dt.date(year, 1, 1), dt.date(year, 12, 31), relative)


def quarter(year: int, q: int, relative: bool = False) -> _Period:
    return _Period("quarter", f"{year}-Q{q}", dt.date(year, 3 * q - 2, 1),
                   _month_end(year, 3 * q), relative)


def _half(year: int, h: int, relative: bool = False) -> _Period:
    return _Period("half", f"{year}-H{h}", dt.date(year, 6 * h - 5, 1),
                   _month_end(year, 6 * h), relative)


def _month(year: int, month: int, relative: bool = False) -> _Period:
    return _Period("month", f"{year}-{month:02d}", dt.date(year, month, 1),
                   _month_end(year, month), relative)


def _day(day: dt.date, relative: bool = False) -> _Period:
    return _Period("day", day.isoformat(), day, day, relative)


def _months_ending(end: dt.date, months: int, relative: bool = False) -> _Period:
    """The `months` months up to and including `end` ("the three months to September").
    A calendar month, quarter, half or year gets its value; any other stretch has value
    null and the granularity of its length (3 quarter, 6 half, 12 year, else month)."""
    start = _add_months(end + dt.timedelta(days=1), -months)
    if start.day == 1 and end == _month_end(end.year, end.month):
        if months == 1:
            return _month(end.year, end.month, relative)
        if months == 3 and end.month % 3 == 0:
            return quarter(end.year, end.month // 3, relative)
        if months == 6 and end.month % 6 == 0:
            return _half(end.year, end.month // 6, relative)
        if months == 12 and end.month == 12:
            return _year(end.year, relative)
    return _Period(_length_granularity(months), None, start, end, relative)


def _length_granularity(months: int) -> str:
    return {3: "quarter", 6: "half", 12: "year"}.get(months, "month")


def _week(day: dt.date, relative: bool = False) -> _Period:
    iso = day.isocalendar()
    monday = day - dt.timedelta(days=day.weekday())
    return _Period("week", f"{iso.year}-W{iso.week:02d}", monday,
                   monday + dt.timedelta(days=6), relative)


def _season_span(year: int, code: str) -> tuple[dt.date, dt.date]:
    first = dt.date(year, _SEASON_START_MONTH[code], 1)
    return first, _add_months(first, 3) - dt.timedelta(days=1)


def _season(year: int, code: str, relative: bool = False) -> _Period:
    start, end = _season_span(year, code)
    return _Period("season", f"{year}-{code}", start, end, relative)


def _decade(first_year: int, relative: bool = False) -> _Period:
    return _Period("decade", f"{first_year}s", dt.date(first_year, 1, 1),
                   dt.date(first_year + 9, 12, 31), relative)


def _unresolved(granularity: str | None) -> _Period:
    return _Period(granularity, relative=True)


def _shift(day: dt.date, unit: str, n: int) -> dt.date:
    if unit == "day":
        return day + dt.timedelta(days=n)
    if unit == "week":
        return day + dt.timedelta(weeks=n)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120}[unit]
    return _add_months(day, n * months)


def _period_containing(day: dt.date, unit: str) -> _Period:
    if unit == "day":
        return _day(day, True)
    if unit == "week":
        return _week(day, True)
    if unit == "month":
        return _month(day.year, day.month, True)
    if unit == "quarter":
        return quarter(day.year, (day.month - 1) // 3 + 1, True)
    if unit == "year":
        return _year(day.year, True)
    return _decade(day.year // 10 * 10, True)


def _relative_period(ref: dt.date, unit: str, offset: int) -> _Period:
    """The unit containing ref, moved by offset units (last month, next quarter)."""
    return _period_containing(_shift(ref, unit, offset), unit)


def _shift_years(period: _Period, years: int) -> _Period:
    """The same period `years` years earlier or later (for 'the same period last year')."""
    start, g = period.start, period.granularity
    if start is None or period.value is None:
        return _unresolved(g)
    y = start.year + years
    if g == "quarter":
        return quarter(y, (start.month - 1) // 3 + 1, True)
    if g == "half":
        return _half(y, 1 if start.month <= 6 else 2, True)
    if g == "month":
        return _month(y, start.month, True)
    if g == "season":
        return _season(y, period.value[-2:], True)
    if g == "year":
        return _year(y, True)
    if g == "week":
        iso = start.isocalendar()
        week = min(iso.week, dt.date(iso.year + years, 12, 28).isocalendar().week)
        return _week(dt.date.fromisocalendar(iso.year + years, week, 1), True)
    if g == "day":  # 29 February a year earlier is the 28th
        last_day = calendar.monthrange(y, start.month)[1]
        return _day(start.replace(year=y, day=min(start.day, last_day)), True)
    return _unresolved(g)


def _year_leaning_past(ref: dt.date, month: int, day: int = 1) -> int:
    """Year of a yearless date: ref's year unless that is over LOOKAHEAD_DAYS ahead."""
    candidate = dt.date(ref.year, month, min(day, calendar.monthrange(ref.year, month)[1]))
    return ref.year - 1 if (candidate - ref).days > LOOKAHEAD_DAYS else ref.year
