"""Scanning a text: where the trigger words are, the candidates every rule finds near
them, the choice among overlapping candidates, and "the same period last year"
completed from the period named before it."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any

from pipeline.normalize.dates.context import edges_ok
from pipeline.normalize.dates.fragments import any_phrase, optional_group
from pipeline.normalize.dates.grammar import (
    RULES,
    SAME_PERIOD_YEAR,
    TOKEN,
    TOKEN_TRIGGERS,
    YEAR_NUMBER,
)
from pipeline.normalize.dates.periods import (
    Period,
    period_containing,
    shift_date,
    shift_years,
    unresolved,
)
from pipeline.normalize.dates.vocab import ANAPHORIC_OFFSET, MODIFIER, lookup_key
from pipeline.normalize.text import Occupied

# "the same period last year" looks this far back for the period it repeats.
SAME_PERIOD_WINDOW = 400
_ANAPHORIC_WORD = re.compile(any_phrase(ANAPHORIC_OFFSET))
_APPOSITION = re.compile(r"\s*[,(–—-]\s*")
_PERIOD_GRANULARITIES = ("week", "month", "season", "quarter", "half", "year")


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    priority: int
    rule: str
    period: Period
    modifier: str | None


def _trigger_positions(text: str) -> dict[str, list[tuple[int, int]]]:
    """Where each trigger category occurs: (start, end) of its words."""
    found: dict[str, list[tuple[int, int]]] = {}
    # Lower-case each token, not the text: lower() may change a text's length.
    for m in TOKEN.finditer(text):
        token = m.group().lower()
        if token[0].isdigit():
            if not (len(token) == 4 and token[:2] in ("19", "20")):
                continue
            categories: frozenset[str] = frozenset((YEAR_NUMBER,))
        else:
            categories = TOKEN_TRIGGERS.get(token, frozenset())
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


def find_candidates(text: str, ref: dt.date | None) -> list[Candidate]:
    triggers = _trigger_positions(text)
    regions: dict[tuple[tuple[str, ...], int, int], list[tuple[int, int]]] = {}
    found: list[Candidate] = []
    for priority, rule in enumerate(RULES):
        key = (rule.triggers, rule.before, rule.after)
        if key not in regions:
            spans = [span for category in rule.triggers for span in triggers.get(category, ())]
            regions[key] = _regions(text, spans, rule.before, rule.after)
        for lo, hi in regions[key]:
            for m in rule.pattern.finditer(text, lo, hi):
                if not edges_ok(text, m.start(), m.end()):
                    continue
                period = rule.resolve(m, ref)
                if period is None:
                    continue
                mod_word = optional_group(m, "mod_adj") or optional_group(m, "mod_noun")
                modifier = MODIFIER[lookup_key(mod_word).removeprefix("the ")] if mod_word else None
                found.append(Candidate(m.start(), m.end(), priority, rule.id, period, modifier))
    return found


def select_non_overlapping(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, longest first, then by rule order."""
    chosen: list[Candidate] = []
    taken = Occupied()
    for c in sorted(candidates, key=lambda c: (c.start - c.end, c.priority, c.start)):
        if taken.free(c.start, c.end):
            chosen.append(c)
            taken.add(c.start, c.end)
    return sorted(chosen, key=lambda c: c.start)


def _complete_same_period(c: Candidate, previous: Candidate | None, text: str,
                          ref: dt.date | None) -> Candidate:
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
    named_year = SAME_PERIOD_YEAR.search(text, c.start, c.end)
    base = previous.period
    if ref is None and not named_year:
        return replace(c, period=unresolved(base.granularity))
    if named_year and base.start is not None:
        # A named year needs no publication date, unless the period it repeats did.
        period = replace(shift_years(base, int(named_year.group()) - base.start.year),
                         relative=base.relative)
    else:
        period = shift_years(base, -1)
    return replace(c, period=period)


def _anaphoric_offset(c: Candidate, text: str) -> int | None:
    word = _ANAPHORIC_WORD.match(text, c.start)
    return ANAPHORIC_OFFSET[lookup_key(word.group())] if word else None


def _complete_anaphoric(c: Candidate, named: Candidate | None, text: str) -> Candidate:
    """'the previous year', 'the same year': the unit of the date named last, moved by
    the word's offset; left unresolved without such a date close before it."""
    if named is None or named.period.start is None or c.start - named.end > SAME_PERIOD_WINDOW:
        return c
    offset = _anaphoric_offset(c, text)
    unit = c.period.granularity
    if offset is None or unit is None:
        return c
    day = shift_date(named.period.start, unit, offset)
    return replace(c, period=period_containing(day, unit))


def resolve_anaphora(chosen: list[Candidate], text: str, ref: dt.date | None
                      ) -> list[Candidate]:
    out: list[Candidate] = []
    previous: Candidate | None = None
    named: Candidate | None = None  # the last date with a value, for "the previous year"
    for c in chosen:
        if c.rule == "same-period":
            c = _complete_same_period(c, previous, text, ref)
        elif c.rule == "anaphoric":
            if (named is not None and _APPOSITION.fullmatch(text, named.end, c.start)
                    and _anaphoric_offset(c, text) == 0):
                continue  # "on Monday, the same day ...": the date already named, said again
            c = _complete_anaphoric(c, named, text)
        elif c.period.granularity is not None:
            previous = c
        if c.period.value is not None and c.period.start is not None:
            named = c
        out.append(c)
    return out


def candidate_value(c: Candidate) -> dict[str, Any]:
    p = c.period
    return {
        "value": p.value,
        "start": p.start.isoformat() if p.start else None,
        "end": p.end.isoformat() if p.end else None,
        "granularity": p.granularity,
        "modifier": c.modifier,
        "relative": p.relative,
    }
