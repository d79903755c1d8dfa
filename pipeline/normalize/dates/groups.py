"""Reading the named groups of a rule's match: optional groups, years (written,
two-digit, fiscal or relative) and counts ("three", "a few")."""
from __future__ import annotations

import datetime as dt
import re
from typing import Callable

from pipeline.normalize.dates.periods import _Period
from pipeline.normalize.dates.vocab import _ANCHOR, _NUMBER, _key

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


def _count(m: re.Match[str]) -> tuple[bool, int | None]:
    """(present, value) of the number group; value None for 'a few', 'several'."""
    num = m["num"]
    if not num:
        return False, None
    return True, int(num) if num.isdigit() else _NUMBER[_key(num)]
