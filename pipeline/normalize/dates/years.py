"""Years, decades, seasons and fiscal periods.

Fiscal periods: "fiscal 2025", "FY25", "Q3 FY2025", "the third quarter of fiscal
2025" take the FY values of the annotation standard (FY2025, FY2025-Q3, FY2025-H1).
Companies' fiscal calendars differ, so start and end stay null unless the text gives
the period's end ("fiscal 2025, which ends in March")."""
from __future__ import annotations

import calendar
import datetime as dt
import re

from pipeline.normalize.dates.context import SUSPECT_YEAR_BEFORE, has_context
from pipeline.normalize.dates.daymonth import day_from_text, month_from_name
from pipeline.normalize.dates.fragments import (
    DAY,
    FISCAL_WORDS,
    FY,
    MONTH_ANY,
    full_year,
    optional_group,
    phrase_pattern,
    year_of,
)
from pipeline.normalize.dates.periods import (
    LOOKAHEAD_DAYS,
    Period,
    add_months,
    decade_period,
    season_period,
    season_span,
    unresolved,
    year_period,
)
from pipeline.normalize.dates.vocab import (
    ANCHOR_OFFSET,
    SEASON_CODE,
    SEASON_STRICT,
    SUSPECT_YEARS,
    lookup_key,
)

# A round number that is often a quantity ("2048 GPUs") is a year only after a cue
# word ("in", "between") just before it: the longest cue and its spaces fit in this.
SUSPECT_YEAR_CUE_REACH = 20

_FISCAL_IN = re.compile(rf"(?<!\w)(?:{FISCAL_WORDS}|{FY})")
# "fiscal 2025, which ends in March", "fiscal 2024 ended June 30": the end the text gives.
_STATED_END = re.compile(
    rf"\s*,?\s*(?:(?:which|that)\s+(?:will\s+|is\s+to\s+)?)?"
    rf"(?:{phrase_pattern('ends')}|{phrase_pattern('ended')}|{phrase_pattern('ending')}|{phrase_pattern('end')}"
    rf"|{phrase_pattern('closes')}|{phrase_pattern('closed')})"
    rf"\s+(?:(?:in|on)\s+)?(?P<mon>{MONTH_ANY})(?:\s+(?P<day>{DAY}))?(?!\w)")


def is_fiscal(m: re.Match[str]) -> bool:
    return bool(_FISCAL_IN.search(m.group()))


def _fiscal_value(year: int, part: str | None = None, index: int | None = None) -> str:
    letter = {"quarter": "Q", "half": "H"}.get(part or "")
    return f"FY{year}-{letter}{index}" if letter else f"FY{year}"


def fiscal_part(year: int | None, part: str, index: int, relative: bool) -> Period:
    if year is None:
        return Period(part, relative=True)
    return Period(part, _fiscal_value(year, part, index), None, None, relative)


def _fiscal_year(text: str, end: int, year: int, relative: bool = False) -> Period:
    """FY<year>; with start and end when the words after it give the month it ends in
    (the fiscal year named by the calendar year it ends in, as such clauses mean)."""
    stated = _STATED_END.match(text, end)
    if stated is None:
        return Period("year", _fiscal_value(year), None, None, relative)
    month = month_from_name(stated["mon"])
    last = calendar.monthrange(year, month)[1]
    day = day_from_text(stated["day"]) if stated["day"] else last
    if day > last:
        return Period("year", _fiscal_value(year), None, None, relative)
    period_end = dt.date(year, month, day)
    start = add_months(period_end + dt.timedelta(days=1), -12)
    return Period("year", _fiscal_value(year), start, period_end, relative)


def _season_year_for(ref: dt.date, code: str, anchor: int | None) -> int:
    """Year of a season named without one, relative to ref."""
    spans = [(y, *season_span(y, code)) for y in range(ref.year - 2, ref.year + 2)]
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


def resolve_season(m: re.Match[str], ref: dt.date | None) -> Period | None:
    word = lookup_key(m["season"])
    code = SEASON_CODE[word]
    year_ref = year_of(m, "a", ref)
    anchor = ANCHOR_OFFSET[lookup_key(m["anc"])] if m["anc"] else None
    has_mod = bool(optional_group(m, "mod_adj") or optional_group(m, "mod_noun"))
    if m["the"] and year_ref is None:
        return None  # "the spring of innovation"
    if year_ref is None and anchor is None:
        if word in SEASON_STRICT or not (has_mod or has_context(m.string, m.start())):
            return None  # "prices fall", "Summer Davos"
    if year_ref is not None:
        year, relative = year_ref
        if year is None:
            return unresolved("season")
        return season_period(year, code, relative)
    if ref is None:
        return unresolved("season")
    return season_period(_season_year_for(ref, code, anchor), code, True)


def resolve_decade(m: re.Match[str], ref: dt.date | None) -> Period | None:
    return decade_period(int(m["dec"]))


def resolve_year(m: re.Match[str], ref: dt.date | None) -> Period | None:
    if m["y"] in SUSPECT_YEARS and not (
            optional_group(m, "mod_adj") or optional_group(m, "mod_noun")
            or SUSPECT_YEAR_BEFORE.search(m.string, max(0, m.start() - SUSPECT_YEAR_CUE_REACH), m.start())):
        return None  # "2048 Nvidia H800 GPUs"
    return year_period(int(m["y"]))


def resolve_fiscal_year(m: re.Match[str], ref: dt.date | None) -> Period | None:
    return _fiscal_year(m.string, m.end(), full_year(m["y"]))
