"""Fiscal periods: "fiscal 2025", "FY25", "Q3 FY2025", "the third quarter of fiscal
2025" take the FY values of the annotation standard (FY2025, FY2025-Q3, FY2025-H1).
Companies' fiscal calendars differ, so start and end stay null unless the text gives
the period's end ("fiscal 2025, which ends in March")."""
from __future__ import annotations

import calendar
import datetime as dt
import re

from pipeline.normalize.dates.daymonth import _day_number, _month_number
from pipeline.normalize.dates.fragments import _DAY, _FISCAL_WORDS, _FY, _MONTH_ANY, _phrase
from pipeline.normalize.dates.periods import _add_months, _Period

_FISCAL_IN = re.compile(rf"(?<!\w)(?:{_FISCAL_WORDS}|{_FY})")
# "fiscal 2025, which ends in March", "fiscal 2024 ended June 30": the end the text gives.
_STATED_END = re.compile(
    rf"\s*,?\s*(?:(?:which|that)\s+(?:will\s+|is\s+to\s+)?)?"
    rf"(?:{_phrase('ends')}|{_phrase('ended')}|{_phrase('ending')}|{_phrase('end')}"
    rf"|{_phrase('closes')}|{_phrase('closed')})"
    rf"\s+(?:(?:in|on)\s+)?(?P<mon>{_MONTH_ANY})(?:\s+(?P<day>{_DAY}))?(?!\w)")


def _is_fiscal(m: re.Match[str]) -> bool:
    return bool(_FISCAL_IN.search(m.group()))


def _fiscal_value(year: int, part: str | None = None, index: int | None = None) -> str:
    letter = {"quarter": "Q", "half": "H"}.get(part or "")
    return f"FY{year}-{letter}{index}" if letter else f"FY{year}"


def _fiscal_part(year: int | None, part: str, index: int, relative: bool) -> _Period:
    if year is None:
        return _Period(part, relative=True)
    return _Period(part, _fiscal_value(year, part, index), None, None, relative)


def _fiscal_year(text: str, end: int, year: int, relative: bool = False) -> _Period:
    """FY<year>; with start and end when the words after it give the month it ends in
    (the fiscal year named by the calendar year it ends in, as such clauses mean)."""
    stated = _STATED_END.match(text, end)
    if stated is None:
        return _Period("year", _fiscal_value(year), None, None, relative)
    month = _month_number(stated["mon"])
    last = calendar.monthrange(year, month)[1]
    day = _day_number(stated["day"]) if stated["day"] else last
    if day > last:
        return _Period("year", _fiscal_value(year), None, None, relative)
    period_end = dt.date(year, month, day)
    start = _add_months(period_end + dt.timedelta(days=1), -12)
    return _Period("year", _fiscal_value(year), start, period_end, relative)
