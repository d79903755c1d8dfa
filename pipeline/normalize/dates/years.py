"""Resolvers for seasons, decades, years and fiscal years."""
from __future__ import annotations

import datetime as dt
import re

from pipeline.normalize.dates.context import _SUSPECT_YEAR_BEFORE, _has_context
from pipeline.normalize.dates.fiscal import _fiscal_year
from pipeline.normalize.dates.groups import _full_year, _g, _year_of
from pipeline.normalize.dates.periods import (
    LOOKAHEAD_DAYS,
    _decade,
    _Period,
    _season,
    _season_span,
    _unresolved,
    _year,
)
from pipeline.normalize.dates.vocab import (
    _ANCHOR,
    _SEASON_CODE,
    _SEASON_STRICT,
    _SUSPECT_YEARS,
    _key,
)


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
    return _fiscal_year(m.string, m.end(), _full_year(m["y"]))
