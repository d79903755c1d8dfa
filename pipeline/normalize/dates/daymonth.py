"""Resolvers for days and months: ISO and numeric dates, day-month phrases checked
with dateparser, months with or without a year, and holidays."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache
from typing import Any

import dateparser

from pipeline.normalize.dates.context import has_context
from pipeline.normalize.dates.fragments import optional_group
from pipeline.normalize.dates.periods import (
    LOOKAHEAD_DAYS,
    Period,
    day_period,
    month_period,
    unresolved,
    year_leaning_past,
)
from pipeline.normalize.dates.tense import day_year_by_tense, month_year_by_tense, tense_at
from pipeline.normalize.dates.vocab import (
    ANCHOR_OFFSET,
    DAY_WORDS,
    HOLIDAY,
    MONTH_NAME,
    MONTH_NUMBER,
    ORDINALS,
    STANDALONE_MONTHS,
    lookup_key,
)


@lru_cache(maxsize=4096)
def parse_day_month(phrase: str, year: int) -> dt.date | None:
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


def month_from_name(name: str) -> int:
    return MONTH_NUMBER[lookup_key(name.rstrip("."))]


def day_from_text(day_text: str) -> int:
    if day_text[0].isalpha():
        return DAY_WORDS[lookup_key(day_text)]  # "April one" in wire copy
    return int(day_text.rstrip("stndrh"))  # "19th" -> 19


def _calendar_day(day_text: str, month_text: str, year: int) -> dt.date | None:
    month, day = month_from_name(month_text), day_from_text(day_text)
    if day > calendar.monthrange(year, month)[1]:
        return None  # cheap rejection of "February 30" before asking dateparser
    parsed = parse_day_month(f"{day} {MONTH_NAME[month]} {year}", year)
    # The regex already knows day and month; dateparser must agree.
    if parsed is None or (parsed.month, parsed.day) != (month, day):
        return None
    return parsed


def resolve_iso_date(m: re.Match[str], ref: dt.date | None) -> Period | None:
    try:
        return day_period(dt.date(int(m["y"]), int(m["m"]), int(m["d"])))
    except ValueError:
        return None


def resolve_numeric_date(m: re.Match[str], ref: dt.date | None) -> Period | None:
    a, b = int(m["a"]), int(m["b"])
    # Dotted dates are European (day first); slashed ones American unless impossible.
    day, month = (a, b) if m["sep"] == "." or a > 12 else (b, a)
    try:
        return day_period(dt.date(int(m["y"]), month, day))
    except ValueError:
        return None


def resolve_day_month(m: re.Match[str], ref: dt.date | None) -> Period | None:
    if m["y"]:
        day = _calendar_day(m["day"], m["mon"], int(m["y"]))
        return day_period(day) if day else None
    month, day_number = month_from_name(m["mon"]), day_from_text(m["day"])
    if day_number > calendar.monthrange(2000, month)[1]:  # 2000: a leap year
        return None
    if ref is None:
        return unresolved("day")
    year = day_year_by_tense(ref, month, day_number, tense_at(m.string, m.start(), m.end()))
    if year is None:
        year = year_leaning_past(ref, month, day_number)
    found = _calendar_day(m["day"], m["mon"], year)
    return day_period(found, True) if found else unresolved("day")


def resolve_month_year(m: re.Match[str], ref: dt.date | None) -> Period | None:
    return month_period(int(m["y"]), month_from_name(m["mon"]))


def resolve_month_relative_year(m: re.Match[str], ref: dt.date | None) -> Period | None:
    if ref is None:
        return unresolved("month")
    return month_period(ref.year + ANCHOR_OFFSET[lookup_key(m["anc"])], month_from_name(m["mon"]), True)


def resolve_month_anchored(m: re.Match[str], ref: dt.date | None) -> Period | None:
    if ref is None:
        return unresolved("month")
    month = month_from_name(m["mon"])
    offset = ANCHOR_OFFSET[lookup_key(m["anc"])]
    if offset < 0:  # last March: the latest March before this month
        year = ref.year if month < ref.month else ref.year - 1
    elif offset > 0:  # next March: the first March after this month
        year = ref.year if month > ref.month else ref.year + 1
    else:
        year = ref.year
    return month_period(year, month, True)


def resolve_month(m: re.Match[str], ref: dt.date | None) -> Period | None:
    month = month_from_name(m["mon"])
    if not (optional_group(m, "mod_adj") or optional_group(m, "mod_noun") or month in STANDALONE_MONTHS
            or has_context(m.string, m.start())):
        return None  # "May I ...", "the March of AI", "June Yoon"
    if ref is None:
        return unresolved("month")
    year = month_year_by_tense(ref, month, tense_at(m.string, m.start(), m.end()))
    return month_period(year_leaning_past(ref, month) if year is None else year, month, True)


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


def resolve_holiday(m: re.Match[str], ref: dt.date | None) -> Period | None:
    entry = HOLIDAY[lookup_key(m["hol"])]
    extra = ORDINALS["day"][lookup_key(m["ord"])] - 1 if m["ord"] else 0
    if m["y"]:
        year, relative = int(m["y"]), False
    elif ref is None:
        return unresolved("day")
    else:
        relative = True
        year = ref.year
        this_year = _holiday_date(entry, year)
        if this_year and (this_year - ref).days > LOOKAHEAD_DAYS:
            year -= 1
    day = _holiday_date(entry, year)
    if day is None:
        return Period("day", relative=relative)
    return day_period(day + dt.timedelta(days=extra), relative)
