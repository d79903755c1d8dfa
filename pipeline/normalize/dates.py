"""Find calendar dates in English news text and normalise them to TIMEX3-style values.

The vocabulary (month names, seasons, relative words, modifiers, ordinals,
holidays, negative cues, ...) lives in patterns/dates.jsonl; the grammar that
combines it is built here once, at import time.

Each value is a dict with the keys of the `date` type in the annotation
standard: value, start, end, granularity, modifier, relative.

Conventions the standard leaves open:

* Nothing reads the clock. Relative dates are resolved against ``ref_date``
  (the publication date); without one their value, start and end stay null.
* A day, month, season or holiday given without a year (``February 19``,
  ``in March``, ``Christmas``) takes the year of ``ref_date``, or the year
  before when that would put it more than 31 days after ``ref_date``: news
  mostly reports what has happened, but does announce things a few weeks ahead.
* A bare weekday (``on Thursday``) is the latest such day on or before
  ``ref_date``; ``last Thursday`` is strictly before it, ``next Thursday``
  strictly after it, ``this Thursday`` in the same ISO week.
* Fiscal periods (``fiscal 2024``, ``FY24``, ``the fiscal first quarter``) are
  read as calendar periods: companies' fiscal calendars differ and articles
  rarely say which one applies. Two-digit years (``FY24``, ``3Q23``) are 20xx.
* Winter ``2023-WI`` runs from December 2023 to February 2024.
* Modifiers (early, mid, late, the beginning/end of) go into ``modifier`` and
  leave start/end covering the whole period (``mid-2024`` is all of 2024).
* ``the past twelve months`` runs from ``ref_date`` minus twelve months plus a
  day to ``ref_date``, with value null; ``four months ago`` is that month.
* Expressions counted from an event in the text (``a year later``, ``the
  following year``) are found but left unresolved.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Callable, Iterable

import dateparser

from pipeline.normalize.text import Occupied
from pipeline.resources import load_jsonl

__all__ = ["DateMatch", "find_dates", "normalize_date"]

# An expression without a year may lie at most this far after the reference date.
LOOKAHEAD_DAYS = 31
# "the same period last year" looks this far back for the period it repeats.
SAME_PERIOD_WINDOW = 400
_PERIOD_GRANULARITIES = ("week", "month", "season", "quarter", "half", "year")


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    text: str  # == source_text[start:end]
    value: dict[str, Any]  # value, start, end, granularity, modifier, relative
    rule: str  # id of the rule that matched


# ---------------------------------------------------------------- vocabulary

_ENTRIES = load_jsonl("dates.jsonl")


def _of_kind(kind: str) -> list[dict[str, Any]]:
    return [e for e in _ENTRIES if e["kind"] == kind]


def _by_id(entry_id: str) -> dict[str, Any]:
    return next(e for e in _ENTRIES if e["id"] == entry_id)


def _key(phrase: str) -> str:
    """Lookup key of a phrase: lower case, single spaces, straight apostrophes."""
    return " ".join(phrase.lower().replace("’", "'").split())


_MONTH_NUMBER: dict[str, int] = {}
_MONTH_NAME: dict[int, str] = {}  # English names; calendar.month_name follows the locale
_MONTH_NAMES: list[str] = []
_MONTH_ABBREVS: list[str] = []
_STANDALONE_MONTHS: set[int] = set()
for _e in _of_kind("month"):
    _MONTH_NAME[_e["number"]] = _e["names"][0]
    _MONTH_NAMES += _e["names"]
    _MONTH_ABBREVS += _e["abbrevs"]
    for _w in _e["names"] + _e["abbrevs"]:
        _MONTH_NUMBER[_key(_w)] = _e["number"]
    if _e["standalone"]:
        _STANDALONE_MONTHS.add(_e["number"])

_WEEKDAY_NUMBER: dict[str, int] = {}
_WEEKDAY_NAMES: list[str] = []
_WEEKDAY_ABBREVS: list[str] = []
for _e in _of_kind("weekday"):
    _WEEKDAY_NAMES += _e["names"]
    _WEEKDAY_ABBREVS += _e["abbrevs"]
    for _w in _e["names"] + _e["abbrevs"]:
        _WEEKDAY_NUMBER[_key(_w)] = _e["number"]

_SEASON_CODE: dict[str, str] = {}
_SEASON_START_MONTH: dict[str, int] = {}
_SEASON_STRICT: set[str] = set()  # words that need a year or an anchor ("fall")
for _e in _of_kind("season"):
    _SEASON_START_MONTH[_e["code"]] = _e["start_month"]
    for _w in _e["words"]:
        _SEASON_CODE[_key(_w)] = _e["code"]
    _SEASON_STRICT.update(_key(w) for w in _e.get("needs_year_or_anchor", []))

_PARTS: dict[str, dict[str, Any]] = {e["part"]: e for e in _of_kind("part")}

# part ("quarter", "half", "day") -> ordinal word -> index (-1: the last part)
_ORDINALS: dict[str, dict[str, int]] = {}
_ORDINALS_NEEDING_OF: set[str] = set()
for _e in _of_kind("ordinal"):
    for _part in _e["applies_to"]:
        for _w in _e["words"]:
            _ORDINALS.setdefault(_part, {})[_key(_w)] = _e["value"]
    if _e.get("needs_of"):
        _ORDINALS_NEEDING_OF.update(_key(w) for w in _e["words"])

_UNIT: dict[str, tuple[str, bool]] = {}  # word -> (unit, plural)
for _e in _of_kind("unit"):
    for _w in _e["singular"]:
        _UNIT[_key(_w)] = (_e["unit"], False)
    for _w in _e["plural"]:
        _UNIT[_key(_w)] = (_e["unit"], True)

_NUMBER: dict[str, int | None] = {}
for _e in _of_kind("number"):
    for _w in _e["words"]:
        _NUMBER[_key(_w)] = _e["value"]

_QUALIFIERS: list[str] = [w for e in _of_kind("qualifier") for w in e["words"]]
_ANCHOR: dict[str, int] = {_key(w): e["offset"] for e in _of_kind("anchor") for w in e["words"]}
_WINDOW: dict[str, dict[str, Any]] = {_key(w): e for e in _of_kind("window") for w in e["words"]}
_SHIFT: dict[str, int] = {_key(w): e["direction"] for e in _of_kind("shift") for w in e["words"]}
_RELATIVE_DAY: dict[str, int] = {
    _key(w): e["offset"] for e in _of_kind("relative-day") for w in e["words"]}

_MODIFIER: dict[str, str] = {}
_MOD_ADJECTIVES: list[str] = []
_MOD_NOUNS: list[str] = []
for _e in _of_kind("modifier"):
    _MOD_ADJECTIVES += _e["adjectives"]
    _MOD_NOUNS += _e["nouns"]
    for _w in _e["adjectives"] + _e["nouns"]:
        _MODIFIER[_key(_w)] = _e["modifier"]

_FISCAL = _by_id("fiscal")
_SAME_PERIOD = _by_id("same-period")
_YEAR_AGO_PERIOD = _by_id("year-ago-period")
_HOLIDAY_NAMES: list[str] = [n for e in _of_kind("holiday") for n in e["names"]]
_HOLIDAY: dict[str, dict[str, Any]] = {
    _key(n): e for e in _of_kind("holiday") for n in e["names"]}
_CONTEXT_WORDS: list[str] = [w for e in _of_kind("context") for w in e["words"]]
_LINK_WORDS: list[str] = [w for e in _of_kind("context-link") for w in e["words"]]
_LEAD_WORDS: list[str] = [w for e in _of_kind("lead") for w in e["words"]]
_YEAR_PREFIXES: list[str] = [w for e in _of_kind("year-prefix") for w in e["words"]]
_SUSPECT_YEARS: set[str] = {n for e in _of_kind("suspect-year") for n in e["numbers"]}
_SUSPECT_YEAR_CONTEXT: list[str] = [w for e in _of_kind("suspect-year") for w in e["context"]]


def _negative(position: str) -> set[str]:
    return {_key(w) for e in _of_kind("negative") if e["position"] == position
            for w in e["words"]}


_NEG_BEFORE_NUMBER = _negative("before")
_NEG_AFTER_NUMBER = _negative("after")
_NEG_AFTER_PART = _negative("after-part")
_NEG_BEFORE_PART = _negative("before-part")

# ------------------------------------------------------------ regex helpers


def _escape(text: str) -> str:
    """Literal text as a regex: any whitespace between words, either apostrophe."""
    return re.escape(text).replace(r"\ ", r"\s+").replace("'", "['’]")


def _phrase(phrase: str, proper: bool = False) -> str:
    """A phrase in the cases news text uses: as written, with capitalised words, or in
    UPPER case (proper names: only as written or UPPER). Spelling the cases out keeps
    the patterns free of IGNORECASE, which makes them several times slower."""
    forms = [_escape(phrase), _escape(phrase.upper())]
    if not proper:
        forms.append(r"\s+".join(
            f"[{w[0].upper()}{w[0]}]{_escape(w[1:])}" if w[0].isalpha() else _escape(w)
            for w in phrase.split()))
    return "(?:" + "|".join(dict.fromkeys(forms)) + ")"


def _alt(words: Iterable[str], proper: bool = False) -> str:
    """Alternation of phrases, longest first so that 'the end' is tried before 'the'."""
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(_phrase(w, proper) for w in unique) + ")"


def _names(words: Iterable[str], abbrevs: Iterable[str] = ()) -> str:
    """Proper names (months, weekdays, holidays); abbreviations may end in a full stop.
    Case-sensitive even inside the few helper patterns compiled with IGNORECASE."""
    body = [_alt(words, proper=True) + r"\b"]
    if abbrevs:
        body.append(_alt(abbrevs, proper=True) + r"(?:\.|\b)")
    return "(?-i:" + "|".join(body) + ")"


_YEAR = r"(?:19|20)\d\d(?!\d)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)(?:st|nd|rd|th)?"
_MONTH_FULL = _names(_MONTH_NAMES)
_MONTH_ANY = _names(_MONTH_NAMES, _MONTH_ABBREVS)
_WEEKDAY_FULL = _names(_WEEKDAY_NAMES)
_WEEKDAY_ANY = _names(_WEEKDAY_NAMES, _WEEKDAY_ABBREVS)
_ANCHORS = _alt(_ANCHOR)
_FISCAL_WORDS = _alt(_FISCAL["words"])
_FY = _alt(_FISCAL["abbrevs"], proper=True)
_NUM = rf"(?:\d{{1,3}}(?!\d)|{_alt(_NUMBER)})"
_UNITS = _alt(_UNIT)
_SEASONS = _alt(_SEASON_CODE)
_WD_PREFIX = rf"(?:(?P<wd>{_WEEKDAY_ANY}),?\s+)?"
_THE = _phrase("the")
_OF = _phrase("of")
_YEAR_WORD = _phrase("year")
_MOD = (rf"(?:(?P<mod_adj>{_alt(_MOD_ADJECTIVES)})(?:-|\s+)"
        rf"|(?P<mod_noun>(?:{_THE}\s+)?{_alt(_MOD_NOUNS)})(?:\s+{_OF}\s+|-))")


def _yearref(tag: str) -> str:
    """A year: 2023, fiscal 2023, FY23, this/last/next year, the year."""
    return (rf"(?:(?P<y_{tag}>{_YEAR})"
            rf"|{_FISCAL_WORDS}\s+(?:{_YEAR_WORD}\s+)?(?P<fy_{tag}>{_YEAR})"
            rf"|{_FY}\s?['’]?(?P<fyy_{tag}>(?:19|20)?\d\d)(?!\d)"
            rf"|(?P<ya_{tag}>{_ANCHORS}|{_THE})\s+(?:{_FISCAL_WORDS}\s+)?{_YEAR_WORD})")


def _compile(pattern: str) -> re.Pattern[str]:
    # Every rule starts and ends on a word boundary; the rest is checked in code.
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)")


# ------------------------------------------------------------ periods


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


def _quarter(year: int, q: int, relative: bool = False) -> _Period:
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
        return _quarter(day.year, (day.month - 1) // 3 + 1, True)
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
        return _quarter(y, (start.month - 1) // 3 + 1, True)
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


# ------------------------------------------------------------ dateparser


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


# ------------------------------------------------------------ context checks

_PREV_WORD = re.compile(r"(\S+)\s*$")
_NEXT_WORD = re.compile(r"^\s+([^\s,.;:!?)\]]+)")
_EXCHANGE_CODE = re.compile(r"\b[A-Z]{2,6}\s*:\s*$")
_YEAR_RANGE_BEFORE = re.compile(rf"(?<!\d){_YEAR}\s*[-–]\s*$")
_YEAR_PREFIX_BEFORE = re.compile(rf"(?<![\w-]){_alt(_YEAR_PREFIXES)}-$", re.IGNORECASE)
_NUMBER_TOKEN = re.compile(r"^\+?\d+$")  # phone numbers, digit groups
_CONTEXT_BEFORE = re.compile(rf"(?<!\w){_alt(_CONTEXT_WORDS)}(?:\s+the)?\s+$", re.IGNORECASE)
_SUSPECT_YEAR_BEFORE = re.compile(rf"(?<!\w){_alt(_SUSPECT_YEAR_CONTEXT)}\s+$", re.IGNORECASE)
_LINK_BEFORE = re.compile(rf"{_MONTH_ANY}\s*{_alt(_LINK_WORDS)}\s*$", re.IGNORECASE)
_OF_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)
_DIGIT_GROUP = re.compile(r"\d{2,}")


def _prev_word(text: str, start: int) -> str:
    m = _PREV_WORD.search(text, max(0, start - 40), start)
    return m.group(1) if m else ""


def _next_word(text: str, end: int) -> str:
    m = _NEXT_WORD.match(text[end:end + 40])
    return m.group(1) if m else ""


def _edges_ok(text: str, start: int, end: int) -> bool:
    """Reject numbers that are amounts, codes, clock times or parts of larger numbers."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    after2 = text[end + 1] if end + 1 < len(text) else ""
    if text[start].isdigit():
        if before and before in "$€£¥₹#@&/\\+:":
            return False
        if before in (".", ",") and start > 1 and text[start - 2].isdigit():
            return False
        if before in ("-", "–"):
            head = text[max(0, start - 12):start]
            if not (_YEAR_RANGE_BEFORE.search(head) or _YEAR_PREFIX_BEFORE.search(head)):
                return False
        if _EXCHANGE_CODE.search(text, max(0, start - 12), start):
            return False  # "(HKG: 2020)"
        prev = _prev_word(text, start)
        if _key(prev) in _NEG_BEFORE_NUMBER or _NUMBER_TOKEN.match(prev):
            return False
    if text[end - 1].isdigit():
        if after in ("%", "+") or (after in ".,:" and after2.isdigit()):
            return False
        nxt = _next_word(text, end)
        if _key(nxt) in _NEG_AFTER_NUMBER or _DIGIT_GROUP.match(nxt):
            return False
    # "year-on-year", "2024-style": the match is only part of a compound word.
    if after in ("-", "–") and after2.isalpha():
        return False
    return True


def _has_context(text: str, start: int) -> bool:
    """An ambiguous word ('May', 'summer') reads as a date after 'in', 'since', ...
    or after another month and a link word ('between March and May')."""
    head = text[max(0, start - 40):start]
    return bool(_CONTEXT_BEFORE.search(head) or _LINK_BEFORE.search(head))


# ------------------------------------------------------------ resolvers

_Resolver = Callable[[re.Match[str], "dt.date | None"], "_Period | None"]


def _g(m: re.Match[str], name: str) -> str | None:
    return m.groupdict().get(name)


def _full_year(digits: str) -> int:
    """'24' -> 2024; four digits stay as they are."""
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


def _year_of(m: re.Match[str], tag: str, ref: dt.date | None) -> tuple[int | None, bool] | None:
    """(year, relative) of the year reference `tag` in the match; None when absent."""
    if y := _g(m, f"y_{tag}") or _g(m, f"fy_{tag}"):
        return int(y), False
    if yy := _g(m, f"fyy_{tag}"):
        return _full_year(yy), False
    if anchor := _g(m, f"ya_{tag}"):
        offset = 0 if _key(anchor) == "the" else _ANCHOR[_key(anchor)]
        return (ref.year + offset if ref else None), True
    return None


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
    found = _calendar_day(m["day"], m["mon"], _year_leaning_past(ref, month, day_number))
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
    return _month(_year_leaning_past(ref, month), month, True)


def _part_index(part: str, word: str) -> int:
    index = _ORDINALS[part][_key(word)]
    return _PARTS[part]["count"] if index < 0 else index


def _make_part(part: str, year: int, index: int, relative: bool) -> _Period:
    return (_quarter if part == "quarter" else _half)(year, index, relative)


def _part_context_ok(m: re.Match[str], part: str) -> bool:
    text = m.string
    if _key(_prev_word(text, m.start())) in _NEG_BEFORE_PART:
        return False  # "a second half"
    tail = _key(text[m.end():m.end() + 30])
    return not any(tail.startswith(w) for w in _NEG_AFTER_PART)


def _part_of_year_resolver(part: str) -> _Resolver:
    def resolve(m: re.Match[str], ref: dt.date | None) -> _Period | None:
        if not _part_context_ok(m, part):
            return None
        year, relative = _year_of(m, "a", ref) or (None, True)
        if year is None:
            return _unresolved(part)
        return _make_part(part, year, _part_index(part, m["ord"]), relative)
    return resolve


def _part_relative_resolver(part: str) -> _Resolver:
    """'the third quarter', 'second-half results': a part of the reference year."""
    def resolve(m: re.Match[str], ref: dt.date | None) -> _Period | None:
        if _key(m["ord"]) in _ORDINALS_NEEDING_OF or not _part_context_ok(m, part):
            return None
        if _OF_AFTER.match(m.string, m.end()):
            return None  # "the first half of the decade", "the second half of the match"
        if ref is None:
            return _unresolved(part)
        return _make_part(part, ref.year, _part_index(part, m["ord"]), True)
    return resolve


def _part_abbrev_resolver(part: str) -> _Resolver:
    def resolve(m: re.Match[str], ref: dt.date | None) -> _Period | None:
        index = int(m["n"] or m["n2"] or m["n3"])
        if y := m["yy"] or m["yy3"] or m["y2"]:
            return _make_part(part, _full_year(y), index, False)
        year, relative = _year_of(m, "a", ref) or (None, True)
        if year is None:
            return _unresolved(part)
        return _make_part(part, year, index, relative)
    return resolve


def _resolve_quarter_bare(m: re.Match[str], ref: dt.date | None) -> _Period | None:
    if ref is None:
        return _unresolved("quarter")
    return _quarter(ref.year, int(m["n"]), True)


def _resolve_part_span(m: re.Match[str], ref: dt.date | None) -> _Period | None:
    """'the first nine months of 2023': start and end, and a value when it is a named part."""
    _, count = _count(m)
    unit, _ = _UNIT[_key(m["unit"])]
    year, relative = _year_of(m, "a", ref) or (None, True)
    if count is None or year is None:
        return _unresolved("month")
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


def _season_year_for(ref: dt.date, code: str, anchor: int | None) -> int:
    """Year of a season named without one, relative to ref."""
    spans = [(y, *_season_span(y, code)) for y in range(ref.year - 2, ref.year + 2)]
    if anchor is None:  # "in the summer": the latest one begun by ref + LOOKAHEAD_DAYS
        horizon = ref + dt.timedelta(days=LOOKAHEAD_DAYS)
        return max(y for y, start, _ in spans if start <= horizon)
    if anchor < 0:
        return max(y for y, _, end in spans if end < ref)
    if anchor > 0:
        return min(y for y, start, _ in spans if start > ref)
    for y, start, end in spans:  # this winter: the one under way, else this year's
        if start <= ref <= end:
            return y
    return ref.year


def _resolve_season(m: re.Match[str], ref: dt.date | None) -> _Period | None:
    word = _key(m["season"])
    code = _SEASON_CODE[word]
    year_ref = _year_of(m, "a", ref)
    anchor = _ANCHOR[_key(m["anc"])] if m["anc"] else None
    has_mod = bool(_g(m, "mod_adj") or _g(m, "mod_noun"))
    if m["the"] and year_ref is None:
        return None  # "the spring of innovation"
    if year_ref is None and anchor is None:
        if word in _SEASON_STRICT or not (has_mod or _has_context(m.string, m.start())):
            return None  # "prices fall", "Summer Davos"
    if year_ref is not None:
        year, relative = year_ref
        if year is None:
            return _unresolved("season")
        return _season(year, code, relative)
    if ref is None:
        return _unresolved("season")
    return _season(_season_year_for(ref, code, anchor), code, True)


def _resolve_decade(m: re.Match[str], ref: dt.date | None) -> _Period | None:
    return _decade(int(m["dec"]))


def _resolve_year(m: re.Match[str], ref: dt.date | None) -> _Period | None:
    if m["y"] in _SUSPECT_YEARS and not (
            _g(m, "mod_adj") or _g(m, "mod_noun")
            or _SUSPECT_YEAR_BEFORE.search(m.string, max(0, m.start() - 20), m.start())):
        return None  # "2048 Nvidia H800 GPUs"
    return _year(int(m["y"]))


def _resolve_fiscal_year(m: re.Match[str], ref: dt.date | None) -> _Period | None:
    return _year(_full_year(m["y"]))


def _resolve_relative_unit(m: re.Match[str], ref: dt.date | None) -> _Period | None:
    unit, _ = _UNIT[_key(m["unit"])]
    anchor = _key(m["anc"])
    if anchor == "the" and not (_g(m, "mod_adj") or _g(m, "mod_noun")):
        return None  # "the year" alone; "the end of the year" is fine
    if ref is None:
        return _unresolved(unit)
    return _relative_period(ref, unit, 0 if anchor == "the" else _ANCHOR[anchor])


def _count(m: re.Match[str]) -> tuple[bool, int | None]:
    """(present, value) of the number group; value None for 'a few', 'several'."""
    num = m["num"]
    if not num:
        return False, None
    return True, int(num) if num.isdigit() else _NUMBER[_key(num)]


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


def _weekday_date(ref: dt.date, weekday: int, anchor: int | None) -> dt.date:
    if anchor is None:  # "on Thursday": latest one on or before ref
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
    return _day(_weekday_date(ref, _WEEKDAY_NUMBER[_key(m["wd"])], anchor), True)


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


# ------------------------------------------------------------ rules

# Running every rule over a whole article is too slow, so each rule only runs
# near the words it cannot do without (its triggers): a year-like number, a
# month name, a unit word such as "year" or "months", ...
_YEAR_NUMBER = "year-number"
_TRIGGER_WORDS: dict[str, set[str]] = {
    "month": {_key(w) for w in _MONTH_NAMES + _MONTH_ABBREVS},
    "weekday": {_key(w) for w in _WEEKDAY_NAMES + _WEEKDAY_ABBREVS},
    "season": set(_SEASON_CODE),
    "unit": set(_UNIT),
    **{part: {_key(w) for w in e["words"]} | {e["letter"].lower()} for part, e in _PARTS.items()},
    "fiscal": {_key(w) for w in _FISCAL["words"] + _FISCAL["abbrevs"]},
    "relday": {t for w in _RELATIVE_DAY for t in re.findall(r"[a-z]+", w)}
              - {"the", "this", "last", "day", "before", "after"},
    "holiday": {t for n in _HOLIDAY for t in re.findall(r"[a-z]+", n)}
               - {"new", "day", "year", "s", "eve"},
    "shift": {t for w in _SHIFT for t in w.split()} - {"from"},
    "window": {t for w in _WINDOW for t in w.split()} - {"the"},
    "same": {"same"},
    "year-ago": {t for w in _YEAR_AGO_PERIOD["words"] for t in re.findall(r"[a-z]+", w)}
                - {"the", "a", "year"},
}
_TOKEN_TRIGGERS: dict[str, frozenset[str]] = {}
for _category, _words in _TRIGGER_WORDS.items():
    for _w in _words:
        _TOKEN_TRIGGERS[_w] = _TOKEN_TRIGGERS.get(_w, frozenset()) | {_category}
_TOKEN = re.compile(r"[A-Za-z]+|[0-9]+")


@dataclass(frozen=True)
class _Rule:
    id: str
    pattern: re.Pattern[str]
    resolve: _Resolver
    triggers: tuple[str, ...]
    # How far a match may reach before and after a trigger word, in characters.
    before: int = 48
    after: int = 40


def _part_rules(part: str) -> list[_Rule]:
    entry = _PARTS[part]
    word = _alt(entry["words"]) + (rf"(?:-{_YEAR_WORD})?" if part == "half" else "")
    ordinal = _alt(_ORDINALS[part])
    letter = entry["letter"]
    digits = f"[1-{entry['count']}]"
    # "the" belongs to "the first quarter" but not to "the second-half results".
    the = rf"(?:{_THE}\s+(?!\w+-))?"
    fiscal = rf"(?:{_FISCAL_WORDS}\s+)?"
    ordinal_part = rf"{_MOD}?{the}{fiscal}(?P<ord>{ordinal})(?:-|\s+){fiscal}{word}"
    rules = [
        _Rule(f"{part}-of-year", _compile(
            rf"{ordinal_part}\s*,?\s+(?:{_OF}\s+|{_phrase('in')}\s+)?{_yearref('a')}"),
            _part_of_year_resolver(part), (part,), 56, 40),
        # "fiscal 2025 third quarter", "last year's fourth quarter"
        _Rule(f"year-{part}", _compile(
            rf"{_yearref('a')}(?:['’]s)?\s+{fiscal}(?P<ord>{ordinal})(?:-|\s+){word}"),
            _part_of_year_resolver(part), (part,), 56, 12),
        _Rule(f"{part}-relative", _compile(ordinal_part), _part_relative_resolver(part), (part,),
              56, 12),
        _Rule(f"{part}-abbrev", _compile(
            rf"{letter}(?P<n>{digits})"
            rf"(?:\s*[-/]?\s*(?:{_OF}\s+)?{_yearref('a')}|\s*['’](?P<yy>\d\d))"
            rf"|(?P<y2>{_YEAR})\s*[-/]?\s*{letter}(?P<n2>{digits})"
            rf"|(?P<n3>{digits}){letter}\s?['’]?(?P<yy3>(?:19|20)?\d\d)(?!\d)"),
            _part_abbrev_resolver(part), (part,), 12, 40),
    ]
    if part == "quarter":  # a bare "Q3" is common; a bare "H1" is too often something else
        rules.append(_Rule("quarter-abbrev", _compile(rf"{letter}(?P<n>{digits})"),
                           _resolve_quarter_bare, (part,), 0, 4))
    return rules


def _build_rules() -> list[_Rule]:
    same_units = _alt(_SAME_PERIOD["units"])
    singular_units = _alt(w for w, (u, plural) in _UNIT.items() if not plural and u != "day")
    return [
        _Rule("iso-date", _compile(
            rf"(?P<y>{_YEAR})(?P<sep>[-/])(?P<m>0?[1-9]|1[0-2])(?P=sep)"
            rf"(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)"),
            _resolve_iso_date, (_YEAR_NUMBER,), 0, 8),
        _Rule("numeric-date", _compile(
            rf"(?P<a>\d{{1,2}})(?P<sep>[/.])(?P<b>\d{{1,2}})(?P=sep)(?P<y>{_YEAR})"),
            _resolve_numeric_date, (_YEAR_NUMBER,), 8, 0),
        _Rule("month-day-year", _compile(
            rf"{_WD_PREFIX}(?P<mon>{_MONTH_ANY})\s+(?P<day>{_DAY})(?:\s*,\s*|\s+)(?P<y>{_YEAR})"),
            _resolve_day_month, ("month",), 16, 16),
        _Rule("day-month-year", _compile(
            rf"{_WD_PREFIX}(?:{_THE}\s+)?(?P<day>{_DAY})\s+(?:{_OF}\s+)?(?P<mon>{_MONTH_ANY}),?"
            rf"\s+(?P<y>{_YEAR})"),
            _resolve_day_month, ("month",), 32, 8),
        _Rule("month-day", _compile(
            rf"{_WD_PREFIX}(?P<mon>{_MONTH_ANY})\s+(?P<day>{_DAY})(?P<y>)"),
            _resolve_day_month, ("month",), 16, 8),
        _Rule("day-month", _compile(
            rf"{_WD_PREFIX}(?:{_THE}\s+)?(?P<day>{_DAY})\s+(?:{_OF}\s+)?"
            rf"(?P<mon>{_MONTH_ANY})(?P<y>)"),
            _resolve_day_month, ("month",), 32, 4),
        _Rule("month-year", _compile(
            rf"{_MOD}?(?P<mon>{_MONTH_ANY})(?:\s*,\s*|\s+{_OF}\s+|\s+)(?P<y>{_YEAR})"),
            _resolve_month_year, ("month",), 24, 12),
        _Rule("month-relative-year", _compile(
            rf"{_MOD}?(?P<mon>{_MONTH_ANY})\s+(?:{_OF}\s+)?(?P<anc>{_ANCHORS})\s+{_YEAR_WORD}"),
            _resolve_month_relative_year, ("month",), 24, 28),
        _Rule("month-anchored", _compile(rf"{_MOD}?(?P<anc>{_ANCHORS})\s+(?P<mon>{_MONTH_FULL})"),
              _resolve_month_anchored, ("month",), 40, 4),
        _Rule("month", _compile(rf"{_MOD}?(?P<mon>{_MONTH_FULL})"), _resolve_month,
              ("month",), 24, 4),
        _Rule("holiday", _compile(
            rf"(?:{_THE}\s+(?P<ord>{_alt(_ORDINALS['day'])})\s+{_phrase('day')}\s+{_OF}\s+"
            rf"(?:{_THE}\s+)?)?"
            rf"(?P<hol>{_names(_HOLIDAY_NAMES)})(?:\s+(?P<y>{_YEAR}))?"),
            _resolve_holiday, ("holiday", "season", "unit"), 32, 24),
        *_part_rules("quarter"),
        *_part_rules("half"),
        _Rule("part-of-year-span", _compile(
            rf"{_THE}\s+(?P<edge>{_alt(['first', 'last', 'final'])})\s+(?P<num>{_NUM})\s+"
            rf"(?P<unit>{_alt(['months', 'quarters'])})\s+{_OF}\s+{_yearref('a')}"),
            _resolve_part_span, ("unit",), 32, 40),
        _Rule("season", _compile(
            rf"{_MOD}?(?:(?P<anc>{_ANCHORS})\s+)?(?P<the>{_THE}\s+(?={_SEASONS}\s+{_OF}\s))?"
            rf"(?P<season>{_SEASONS})(?:\s+(?:{_OF}\s+)?{_yearref('a')})?"),
            _resolve_season, ("season",), 40, 40),
        _Rule("decade", _compile(rf"{_MOD}?(?P<dec>(?:19|20)\d0)['’]?s"), _resolve_decade,
              (_YEAR_NUMBER,), 24, 4),
        _Rule("year", _compile(rf"{_MOD}?(?P<y>{_YEAR})"), _resolve_year, (_YEAR_NUMBER,), 24, 0),
        _Rule("fiscal-year", _compile(
            rf"{_MOD}?(?:{_THE}\s+)?{_FISCAL_WORDS}\s+(?:{_YEAR_WORD}\s+)?(?P<y>{_YEAR})"),
            _resolve_fiscal_year, ("fiscal",), 24, 16),
        _Rule("fiscal-year", _compile(
            rf"{_MOD}?{_FY}\s?['’]?(?P<y>(?:19|20)?\d\d)(?!\d)"),
            _resolve_fiscal_year, ("fiscal",), 24, 8),
        _Rule("fiscal-year", _compile(
            rf"(?P<y>{_YEAR})\s+{_FISCAL_WORDS}\s+{_YEAR_WORD}"),
            _resolve_fiscal_year, ("fiscal",), 8, 8),
        _Rule("relative-unit", _compile(
            rf"{_MOD}?(?P<anc>{_ANCHORS}|{_THE})\s+(?:{_FISCAL_WORDS}\s+)?"
            rf"(?P<unit>{singular_units})"),
            _resolve_relative_unit, ("unit",), 48, 0),
        _Rule("window", _compile(
            rf"(?P<win>{_alt(_WINDOW)})\s+(?:(?P<num>{_NUM})\s+)?(?P<unit>{_UNITS})"),
            _resolve_window, ("window",), 4, 32),
        _Rule("shift", _compile(
            rf"(?:{_alt(_QUALIFIERS)}\s+)?(?:(?P<num>{_NUM})\s+)?(?P<unit>{_UNITS})\s+"
            rf"(?P<shift>{_alt(_SHIFT)})"), _resolve_shift, ("shift",), 48, 4),
        _Rule("same-period", _compile(
            rf"{_THE}\s+{_phrase('same')}\s+(?P<unit>{same_units})\s+"
            rf"(?:(?:{_OF}|{_phrase('in')})\s+)?(?:{_alt(_SAME_PERIOD['prior'])}|(?P<y>{_YEAR}))"),
            _resolve_same_period, ("same",), 4, 40),
        _Rule("same-period", _compile(
            rf"{_alt(_YEAR_AGO_PERIOD['words'])}\s+(?P<unit>{_alt(_YEAR_AGO_PERIOD['units'])})"),
            _resolve_year_ago_period, ("year-ago",), 12, 12),
        _Rule("relative-day", _compile(rf"(?P<w>{_alt(_RELATIVE_DAY)})"), _resolve_relative_day,
              ("relday",), 24, 16),
        _Rule("weekday-anchored", _compile(rf"(?P<anc>{_ANCHORS})\s+(?P<wd>{_WEEKDAY_FULL})"),
              _resolve_weekday, ("weekday",), 16, 0),
        _Rule("weekday", _compile(rf"(?P<wd>{_WEEKDAY_FULL})"), _resolve_weekday,
              ("weekday",), 0, 0),
    ]


_RULES = _build_rules()
_LEAD_IN = re.compile(rf"(?:\s*(?:{_alt(_LEAD_WORDS)}(?!\w)|[(\[\"“‘']))*\s*", re.IGNORECASE)
_TRAILING = re.compile(r"(?:['’]s\b)?[\s.,;:!?)\]\"'”’]*")  # "2023's", "(2023)."
_SAME_PERIOD_YEAR = re.compile(_YEAR)

# ------------------------------------------------------------ matching


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    priority: int
    rule: str
    period: _Period
    modifier: str | None


def _trigger_positions(text: str) -> dict[str, list[tuple[int, int]]]:
    """Where each trigger category occurs: (start, end) of its words."""
    found: dict[str, list[tuple[int, int]]] = {}
    # Lower-case each token, not the text: lower() may change a text's length.
    for m in _TOKEN.finditer(text):
        token = m.group().lower()
        if token[0].isdigit():
            if not (len(token) == 4 and token[:2] in ("19", "20")):
                continue
            categories: frozenset[str] = frozenset((_YEAR_NUMBER,))
        else:
            categories = _TOKEN_TRIGGERS.get(token, frozenset())
        for category in categories:
            found.setdefault(category, []).append(m.span())
    return found


def _regions(text: str, spans: list[tuple[int, int]], before: int, after: int
             ) -> list[tuple[int, int]]:
    """Merged stretches of text around trigger words, ending at a word boundary."""
    regions: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        lo, hi = max(0, start - before), min(len(text), end + after)
        while hi < len(text) and text[hi].isalnum():
            hi += 1  # a region cut inside a word would let "Dec" match in "December"
        if regions and lo <= regions[-1][1]:
            regions[-1] = (regions[-1][0], max(hi, regions[-1][1]))
        else:
            regions.append((lo, hi))
    return regions


def _candidates(text: str, ref: dt.date | None) -> list[_Candidate]:
    triggers = _trigger_positions(text)
    regions: dict[tuple[tuple[str, ...], int, int], list[tuple[int, int]]] = {}
    found: list[_Candidate] = []
    for priority, rule in enumerate(_RULES):
        key = (rule.triggers, rule.before, rule.after)
        if key not in regions:
            spans = [span for category in rule.triggers for span in triggers.get(category, ())]
            regions[key] = _regions(text, spans, rule.before, rule.after)
        for lo, hi in regions[key]:
            for m in rule.pattern.finditer(text, lo, hi):
                if not _edges_ok(text, m.start(), m.end()):
                    continue
                period = rule.resolve(m, ref)
                if period is None:
                    continue
                mod_word = _g(m, "mod_adj") or _g(m, "mod_noun")
                modifier = _MODIFIER[_key(mod_word).removeprefix("the ")] if mod_word else None
                found.append(_Candidate(m.start(), m.end(), priority, rule.id, period, modifier))
    return found


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates, longest first, then by rule order."""
    chosen: list[_Candidate] = []
    taken = Occupied()
    for c in sorted(candidates, key=lambda c: (c.start - c.end, c.priority, c.start)):
        if taken.free(c.start, c.end):
            chosen.append(c)
            taken.add(c.start, c.end)
    return sorted(chosen, key=lambda c: c.start)


def _complete_same_period(c: _Candidate, previous: _Candidate | None, text: str,
                          ref: dt.date | None) -> _Candidate:
    """'the same period last year' repeats the period named just before, a year earlier
    (or in the year it names). 'Last year' counts from the publication date, so without
    one only the granularity is taken."""
    if previous is None or c.start - previous.end > SAME_PERIOD_WINDOW:
        return c
    unit = c.period.granularity
    if unit is not None and unit != previous.period.granularity:
        return c
    if unit is None and previous.period.granularity not in _PERIOD_GRANULARITIES:
        return c  # "the same period" after a single day is the period that day closes
    named_year = _SAME_PERIOD_YEAR.search(text, c.start, c.end)
    base = previous.period
    if ref is None and not named_year:
        return replace(c, period=_unresolved(base.granularity))
    if named_year and base.start is not None:
        # A named year needs no publication date, unless the period it repeats did.
        period = replace(_shift_years(base, int(named_year.group()) - base.start.year),
                         relative=base.relative)
    else:
        period = _shift_years(base, -1)
    return replace(c, period=period)


def _resolve_anaphora(chosen: list[_Candidate], text: str, ref: dt.date | None
                      ) -> list[_Candidate]:
    out: list[_Candidate] = []
    previous: _Candidate | None = None
    for c in chosen:
        if c.rule == "same-period":
            c = _complete_same_period(c, previous, text, ref)
        elif c.period.granularity is not None:
            previous = c
        out.append(c)
    return out


def _value(c: _Candidate) -> dict[str, Any]:
    p = c.period
    return {
        "value": p.value,
        "start": p.start.isoformat() if p.start else None,
        "end": p.end.isoformat() if p.end else None,
        "granularity": p.granularity,
        "modifier": c.modifier,
        "relative": p.relative,
    }


def _as_date(ref_date: dt.date | None) -> dt.date | None:
    if isinstance(ref_date, dt.datetime):
        return ref_date.date()
    return ref_date


def find_dates(text: str, ref_date: dt.date | None = None) -> list[DateMatch]:
    """All date expressions in `text`, non-overlapping, sorted by start.

    `ref_date` is the publication date that relative expressions are resolved
    against; without it they are found with value, start and end null."""
    ref = _as_date(ref_date)
    chosen = _resolve_anaphora(_select(_candidates(text, ref)), text, ref)
    return [DateMatch(c.start, c.end, text[c.start:c.end], _value(c), c.rule) for c in chosen]


def normalize_date(text: str, ref_date: dt.date | None = None) -> dict[str, Any] | None:
    """The value of one date span ("the first quarter of 2023"), or None if it is not a date.

    Lead-in words that annotation leaves outside a span ("in", "since",
    "earlier" in "earlier this year") and trailing punctuation are allowed."""
    span = text.strip()
    ref = _as_date(ref_date)
    best: _Candidate | None = None
    for c in _candidates(span, ref):
        if not _TRAILING.fullmatch(span, c.end):
            continue
        lead = _LEAD_IN.match(span, 0, c.start)
        if lead is None or lead.end() != c.start:
            continue
        if best is None or (c.start, c.priority) < (best.start, best.priority):
            best = c  # the candidate covering most of the span
    if best is None:
        return None
    return _value(best)
