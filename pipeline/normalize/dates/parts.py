"""Resolvers for the parts of a year: quarters and halves ("the third quarter of 2023",
"Q3 2023", "second-half results") and spans such as "the first nine months of 2023"."""
from __future__ import annotations

import datetime as dt
import re

from pipeline.normalize.dates.context import _OF_AFTER, _prev_word
from pipeline.normalize.dates.groups import _count, _full_year, _Resolver, _year_of
from pipeline.normalize.dates.periods import (
    _half,
    _month_end,
    _Period,
    _quarter,
    _unresolved,
    _year,
)
from pipeline.normalize.dates.vocab import (
    _NEG_AFTER_PART,
    _NEG_BEFORE_PART,
    _ORDINALS,
    _ORDINALS_NEEDING_OF,
    _PARTS,
    _UNIT,
    _key,
)


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
