"""The rules: each a compiled pattern, the resolver that turns its match into a
period, and the trigger words it runs near; plus the patterns for the edges of a
span given to normalize_date."""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.normalize.dates.daymonth import (
    _resolve_day_month,
    _resolve_holiday,
    _resolve_iso_date,
    _resolve_month,
    _resolve_month_anchored,
    _resolve_month_relative_year,
    _resolve_month_year,
    _resolve_numeric_date,
)
from pipeline.normalize.dates.fragments import (
    _ANCHORS,
    _DAY,
    _FISCAL_WORDS,
    _FY,
    _MOD,
    _MONTH_ANY,
    _MONTH_FULL,
    _NUM,
    _OF,
    _SEASONS,
    _THE,
    _UNITS,
    _WD_PREFIX,
    _WEEKDAY_FULL,
    _YEAR,
    _YEAR_WORD,
    _alt,
    _compile,
    _names,
    _phrase,
    _yearref,
)
from pipeline.normalize.dates.groups import _Resolver
from pipeline.normalize.dates.parts import (
    _part_abbrev_resolver,
    _part_of_year_resolver,
    _part_relative_resolver,
    _quarter_number_resolver,
    _resolve_month_part,
    _resolve_month_range,
    _resolve_months_ending,
    _resolve_part_span,
    _resolve_period_ended,
    _resolve_quarter_bare,
)
from pipeline.normalize.dates.relative import (
    _resolve_anaphoric_unit,
    _resolve_relative_day,
    _resolve_relative_unit,
    _resolve_same_period,
    _resolve_shift,
    _resolve_weekday,
    _resolve_window,
    _resolve_year_ago_period,
)
from pipeline.normalize.dates.vocab import (
    _ANAPHORIC_UNIT,
    _DAY_WORDS,
    _DAY_WORD_FOLLOWERS,
    _FISCAL,
    _HOLIDAY,
    _HOLIDAY_NAMES,
    _LEAD_WORDS,
    _MONTH_ABBREVS,
    _MONTH_NAMES,
    _MONTH_PERIOD,
    _ORDINALS,
    _PARTS,
    _QUALIFIERS,
    _RELATIVE_DAY,
    _SAME_PERIOD,
    _SEASON_CODE,
    _SHIFT,
    _UNIT,
    _WEEKDAY_ABBREVS,
    _WEEKDAY_NAMES,
    _WINDOW,
    _YEAR_AGO_PERIOD,
    _key,
)
from pipeline.normalize.dates.years import (
    _resolve_decade,
    _resolve_fiscal_year,
    _resolve_season,
    _resolve_year,
)

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
    if part == "quarter":
        # "quarter two", "quarter 2 of 2024": the number after the word
        numbers = _alt([w for w, n in _DAY_WORDS.items() if n <= entry["count"]])
        rules.append(_Rule("quarter-number", _compile(
            rf"{_MOD}?{the}{fiscal}{word}\s+(?P<ord>{numbers}|{digits}(?![-.,]?\d))(?!\s*(?:%|{_phrase('percent')}))"
            rf"(?:\s*,?\s+(?:{_OF}\s+|{_phrase('in')}\s+)?{_yearref('a')})?"),
            _quarter_number_resolver, (part,), 56, 40))
    if part == "quarter":  # a bare "Q3" is common; a bare "H1" is too often something else
        rules.append(_Rule("quarter-abbrev", _compile(rf"{letter}(?P<n>{digits})"),
                           _resolve_quarter_bare, (part,), 0, 4))
    return rules


def _month_period_rules() -> list[_Rule]:
    """Periods named by the month they end in, as business reporting names quarters."""
    parts = _alt(_MONTH_PERIOD["parts"])
    links = "|".join(rf"\s+{_phrase(w)}\s+" if w.isalpha() else rf"\s*{re.escape(w)}\s*"
                     for w in _MONTH_PERIOD["range_links"])
    year_after = rf"(?:\s+(?:{_OF}\s+|{_phrase('in')}\s+)?{_yearref('a')})?"
    return [
        # "the December quarter", "the June half-year of 2024"; "the" as for "the third quarter"
        _Rule("month-quarter", _compile(
            rf"{_MOD}?(?:{_THE}\s+(?!\w+-))?(?P<mon>{_MONTH_ANY})(?:-|\s+)(?P<part>{parts})"
            rf"{year_after}"),
            _resolve_month_part, ("month",), 40, 40),
        # "the 1985 December quarter", "the December 1986 quarter" (wire copy)
        _Rule("month-quarter", _compile(
            rf"{_MOD}?(?:{_THE}\s+)?(?:(?P<y>{_YEAR})\s+(?P<mon>{_MONTH_ANY})"
            rf"|(?P<mon2>{_MONTH_ANY})\s+(?P<y2>{_YEAR}))\s+(?P<part>{parts})"),
            _resolve_month_part, ("month",), 24, 24),
        # "the October-December quarter", "the April-June 2024 period"
        _Rule("month-range-quarter", _compile(
            rf"{_MOD}?(?:{_THE}\s+)?(?P<mon1>{_MONTH_ANY})(?:{links})(?P<mon>{_MONTH_ANY})"
            rf"(?:\s+(?P<y>{_YEAR}))?\s+{_alt(_MONTH_PERIOD['range_nouns'])}{year_after}"),
            _resolve_month_range, ("month",), 40, 40),
        # "the year ended December 1986", "the quarter ended December 31, 1986",
        # "current financial year to March 2005"
        _Rule("period-ended", _compile(
            rf"{_MOD}?(?:(?:{_ANCHORS}|{_THE})\s+(?:{_FISCAL_WORDS}\s+)?|{_FISCAL_WORDS}\s+)"
            rf"(?P<unit>{_alt(_MONTH_PERIOD['ended_units'])})\s+"
            rf"(?P<endw>{_alt(_MONTH_PERIOD['end_words'])})\s+(?:(?P<day1>{_DAY})\s+(?:{_OF}\s+)?)?"
            rf"(?P<mon>{_MONTH_ANY})(?(day1)|(?:\s+(?P<day>{_DAY}))?)"
            rf"(?:(?:\s*,\s*|\s+)(?P<y>{_YEAR}))?"),
            _resolve_period_ended, ("month",), 40, 24),
        # "the three months to September", "the six months ended June 30, 2024"
        _Rule("months-ending", _compile(
            rf"{_THE}\s+(?P<num>{_NUM})\s+{_phrase('months')}\s+"
            rf"{_alt(_MONTH_PERIOD['end_words'])}\s+(?:(?P<day1>{_DAY})\s+(?:{_OF}\s+)?)?"
            rf"(?P<mon>{_MONTH_ANY})(?(day1)|(?:\s+(?P<day>{_DAY}))?)"
            rf"(?:\s*,\s*(?P<y>{_YEAR})|\s+(?:{_OF}\s+)?{_yearref('a')})?"),
            _resolve_months_ending, ("month",), 40, 24),
    ]


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
        # "effective April one", "by October one": wire copy's days under ten
        _Rule("month-day", _compile(
            rf"{_WD_PREFIX}(?P<mon>{_MONTH_ANY})\s+(?P<day>{_alt(_DAY_WORDS)})(?P<y>)"
            # the phrase ends: punctuation, the text's end, a line's end before an indented
            # or blank line or a column gap (a wire table's "Pay April one\n    Record March
            # 13"; a line merely wrapped goes on), or a function word
            rf"(?=[ \t]*(?:[.,;:!?)]|\n[ \t\n]|\Z)|[ \t]{{2,}}|\s+{_alt(_DAY_WORD_FOLLOWERS)}(?!\w))"),
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
        *_month_period_rules(),
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
        _Rule("anaphoric", _compile(
            rf"(?P<ana>{_alt(_ANAPHORIC_UNIT['words'])})\s+(?P<unit>{_alt(_ANAPHORIC_UNIT['units'])})"),
            _resolve_anaphoric_unit, ("unit",), 24, 0),
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
