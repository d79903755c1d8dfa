"""Resolvers for days and months: ISO and numeric dates, day-month phrases checked
with dateparser, months with or without a year, and holidays."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache
from typing import Any

import dateparser

from pipeline.normalize.dates.context import _has_context
from pipeline.normalize.dates.groups import _g
from pipeline.normalize.dates.periods import (
    LOOKAHEAD_DAYS,
    _day,
    _month,
    _Period,
    _unresolved,
    _year_leaning_past,
)
from pipeline.normalize.dates.tense import _day_year_by_tense, _month_year_by_tense, _tense
from pipeline.normalize.dates.vocab import (
    _ANCHOR,
    _DAY_WORDS,
    _HOLIDAY,
    _MONTH_NAME,
    _MONTH_NUMBER,
    _ORDINALS,
    _STANDALONE_MONTHS,
    _key,
)


@lru_cache(maxsize=4096)
def _parse_day_month(phrase: str, year: int) -> dt.date | None:
    """Parse a complete day-month-year phrase ("19 February 2024").

    Phrases are built in one canonical form so that "Feb. 19" and "19th of
    February" share a cache entry. As the phrase names day, month and year,
    RELATIVE_BASE (pinned to that year, so the clock is never read) and
    PREFER_DATES_FROM do not change the result; STRICT_PARSING rejects a phrase
    with a missing part."""
    settings = {
        "RELATIVE_BASE": dt.datetime(year, 1, 1),
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "STRICT_PARSING": True,
        "REQUIRE_PARTS": ["day", "month", "year"],
    }
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def _month_number(name: str) -> int:
    return _MONTH_NUMBER[_key(name.rstrip("."))]


def _day_number(day_text: str) -> int:
    if day_text[0].isalpha():
        return _DAY_WORDS[_key(day_text)]  # "April one" in wire copy
    return int(day_text.rstrip("stndrh"))  # "19th" -> 19


def _calendar_day(day_text: str, month_text: str, year: int) -> dt.date | None:
    month, day = _month_number(month_text), _day_number(day_text)
    if day > calendar.monthrange(year, month)[1]:
        return None  # cheap rejection of "February 30" before asking dateparser
    parsed = _parse_day_month(f"{day} {_MONTH_NAME[month]} {year}", year)
    # The regex already knows day and month; dateparser must agree.
    if parsed is None or (parsed.month, parsed.day) != (month, day):
        return None
    return parsed


def _resolve_iso_date(m: re.Match[str], ref: dt.date | None) -> _Period | None:
    try:
        return _day(dt.date(int(m["y"]), int(m["m"]), int(m["d"])))
    except ValueError:
        return None


def _resolve_numeric_date(m: re.Match[str], ref: dt.date | None) -> _Period | None:
    a, b = int(m["a"]), int(m["b"])
    # Dotted dates are European (day first); slashed ones American unless impossible.
    day, month = (a, b) if m["sep"] == "." or a > 12 else (b, a)
    try:
        return _day(dt.date(int(m["y"]), month, day))
    except ValueError:
        return None


def _resolve_day_month(m: re.Match[str], ref: dt.date | None) -> _Period | None:
    if m["y"]:
        day = _calendar_day(m["day"], m["mon"], int(m["y"]))
        return _day(day) if day else None
    month, day_number = _month_number(m["mon"]), _day_number(m["day"])
    if day_number > calendar.monthrange(2000, month)[1]:  # 2000: a leap year
        return None
    if ref is None:
        return _unresolved("day")
    year = _day_year_by_tense(ref, month, day_number, _tense(m.string, m.start(), m.end()))
    if year is None:
        year = _year_leaning_past(ref, month, day_number)
    found = _calendar_day(m["day"], m["mon"], year)
    return _day(found, True) if found else _unresolved("day")


def _resolve_month_year(m: re.Match[str], ref: dt.date | None) -> _Period | None:
    return _month(int(m["y"]), _month_number(m["mon"]))


def _resolve_month_relative_year(m: re.Match[str], ref: dt.date | None) -> _Period | None:
    if ref is None:
        return _unresolved("month")
    return _month(ref.year + _ANCHOR[_key(m["anc"])], _month_number(m["mon"]), True)


def _resolve_month_anchored(m: re.Match[str], ref: dt.date | None) -> _Period | None:
    if ref is None:
        return _unresolved("month")
    month = _month_number(m["mon"])
    offset = _ANCHOR[_key(m["anc"])]
    if offset < 0:  # last March: the latest March before this month
        year = ref.year if month < ref.month else ref.year - 1
    elif offset > 0:  # next March: the first March after this month
        year = ref.year if month > ref.month else ref.year + 1
    else:
        year = ref.year
    return _month(year, month, True)


def _resolve_month(m: re.Match[str], ref: dt.date | None) -> _Period | None:
    month = _month_number(m["mon"])
    if not (_g(m, "mod_adj") or _g(m, "mod_noun") or month in _STANDALONE_MONTHS
            or _has_context(m.string, m.start())):
        return None  # "May I ...", "the March of AI", "June Yoon"
    if ref is None:
        return _unresolved("month")
    year = _month_year_by_tense(ref, month, _tense(m.string, m.start(), m.end()))
    return _month(_year_leaning_past(ref, month) if year is None else year, month, True)


def _holiday_date(entry: dict[str, Any], year: int) -> dt.date | None:
    if "dates" in entry:
        md = entry["dates"].get(str(year))
        return dt.date(year, int(md[:2]), int(md[3:])) if md else None
    if "nth_weekday" in entry:
        rule = entry["nth_weekday"]
        first = dt.date(year, rule["month"], 1)
        first_match = first + dt.timedelta(days=(rule["weekday"] - first.weekday()) % 7)
        day = first_match + dt.timedelta(weeks=rule["n"] - 1)
    else:
        day = dt.date(year, entry["month"], entry["day"])
    return day + dt.timedelta(days=entry.get("offset_days", 0))


def _resolve_holiday(m: re.Match[str], ref: dt.date | None) -> _Period | None:
    entry = _HOLIDAY[_key(m["hol"])]
    extra = _ORDINALS["day"][_key(m["ord"])] - 1 if m["ord"] else 0
    if m["y"]:
        year, relative = int(m["y"]), False
    elif ref is None:
        return _unresolved("day")
    else:
        relative = True
        year = ref.year
        this_year = _holiday_date(entry, year)
        if this_year and (this_year - ref).days > LOOKAHEAD_DAYS:
            year -= 1
    day = _holiday_date(entry, year)
    if day is None:
        return _Period("day", relative=relative)
    return _day(day + dt.timedelta(days=extra), relative)
