"""The rules: each a compiled pattern, the resolver that turns its match into a
period, and the trigger words it runs near; plus the patterns for the edges of a
span given to normalize_date."""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.normalize.dates.daymonth import (
    resolve_day_month,
    resolve_holiday,
    resolve_iso_date,
    resolve_month,
    resolve_month_anchored,
    resolve_month_relative_year,
    resolve_month_year,
    resolve_numeric_date,
)
from pipeline.normalize.dates.fragments import (
    ANCHORS,
    DAY,
    FISCAL_WORDS,
    FY,
    MOD,
    MONTH_ANY,
    MONTH_FULL,
    NUM,
    OF,
    SEASONS,
    THE,
    UNITS,
    WD_PREFIX,
    WEEKDAY_FULL,
    YEAR,
    YEAR_WORD,
    Resolver,
    any_name,
    any_phrase,
    compile_rule,
    phrase_pattern,
    year_ref,
)
from pipeline.normalize.dates.parts import (
    part_abbrev_resolver,
    part_of_year_resolver,
    part_relative_resolver,
    quarter_number_resolver,
    resolve_month_part,
    resolve_month_range,
    resolve_months_ending,
    resolve_part_span,
    resolve_period_ended,
    resolve_quarter_bare,
)
from pipeline.normalize.dates.relative import (
    resolve_anaphoric_unit,
    resolve_relative_day,
    resolve_relative_unit,
    resolve_same_period,
    resolve_shift,
    resolve_weekday,
    resolve_window,
    resolve_year_ago_period,
)
from pipeline.normalize.dates.vocab import (
    ANAPHORIC_UNIT,
    DAY_WORD_FOLLOWERS,
    DAY_WORDS,
    FISCAL,
    HOLIDAY,
    HOLIDAY_NAMES,
    LEAD_WORDS,
    MONTH_ABBREVS,
    MONTH_NAMES,
    MONTH_PERIOD,
    ORDINALS,
    PARTS,
    QUALIFIERS,
    RELATIVE_DAY,
    SAME_PERIOD,
    SEASON_CODE,
    SHIFT,
    UNIT_WORDS,
    WEEKDAY_ABBREVS,
    WEEKDAY_NAMES,
    WINDOW,
    YEAR_AGO_PERIOD,
    lookup_key,
)
from pipeline.normalize.dates.years import (
    resolve_decade,
    resolve_fiscal_year,
    resolve_season,
    resolve_year,
)

# Running every rule over a whole article is too slow, so each rule only runs
# near the words it cannot do without (its triggers): a year-like number, a
# month name, a unit word such as "year" or "months", ...
YEAR_NUMBER = "year-number"
_TRIGGER_WORDS: dict[str, set[str]] = {
    "month": {lookup_key(w) for w in MONTH_NAMES + MONTH_ABBREVS},
    "weekday": {lookup_key(w) for w in WEEKDAY_NAMES + WEEKDAY_ABBREVS},
    "season": set(SEASON_CODE),
    "unit": set(UNIT_WORDS),
    **{part: {lookup_key(w) for w in e["words"]} | {e["letter"].lower()} for part, e in PARTS.items()},
    "fiscal": {lookup_key(w) for w in FISCAL["words"] + FISCAL["abbrevs"]},
    "relday": {t for w in RELATIVE_DAY for t in re.findall(r"[a-z]+", w)}
              - {"the", "this", "last", "day", "before", "after"},
    "holiday": {t for n in HOLIDAY for t in re.findall(r"[a-z]+", n)}
               - {"new", "day", "year", "s", "eve"},
    "shift": {t for w in SHIFT for t in w.split()} - {"from"},
    "window": {t for w in WINDOW for t in w.split()} - {"the"},
    "same": {"same"},
    "year-ago": {t for w in YEAR_AGO_PERIOD["words"] for t in re.findall(r"[a-z]+", w)}
                - {"the", "a", "year"},
}
TOKEN_TRIGGERS: dict[str, frozenset[str]] = {}
for _category, _words in _TRIGGER_WORDS.items():
    for _w in _words:
        TOKEN_TRIGGERS[_w] = TOKEN_TRIGGERS.get(_w, frozenset()) | {_category}
TOKEN = re.compile(r"[A-Za-z]+|[0-9]+")


@dataclass(frozen=True)
class _Rule:
    id: str
    pattern: re.Pattern[str]
    resolve: Resolver
    triggers: tuple[str, ...]
    # How far a match may reach before and after a trigger word, in characters.
    before: int = 48
    after: int = 40


def _part_rules(part: str) -> list[_Rule]:
    entry = PARTS[part]
    word = any_phrase(entry["words"]) + (rf"(?:-{YEAR_WORD})?" if part == "half" else "")
    ordinal = any_phrase(ORDINALS[part])
    letter = entry["letter"]
    digits = f"[1-{entry['count']}]"
    # "the" belongs to "the first quarter" but not to "the second-half results".
    the = rf"(?:{THE}\s+(?!\w+-))?"
    fiscal = rf"(?:{FISCAL_WORDS}\s+)?"
    ordinal_part = rf"{MOD}?{the}{fiscal}(?P<ord>{ordinal})(?:-|\s+){fiscal}{word}"
    rules = [
        _Rule(f"{part}-of-year", compile_rule(
            rf"{ordinal_part}\s*,?\s+(?:{OF}\s+|{phrase_pattern('in')}\s+)?{year_ref('a')}"),
            part_of_year_resolver(part), (part,), 56, 40),
        # "fiscal 2025 third quarter", "last year's fourth quarter"
        _Rule(f"year-{part}", compile_rule(
            rf"{year_ref('a')}(?:['’]s)?\s+{fiscal}(?P<ord>{ordinal})(?:-|\s+){word}"),
            part_of_year_resolver(part), (part,), 56, 12),
        _Rule(f"{part}-relative", compile_rule(ordinal_part), part_relative_resolver(part), (part,),
              56, 12),
        _Rule(f"{part}-abbrev", compile_rule(
            rf"{letter}(?P<n>{digits})"
            rf"(?:\s*[-/]?\s*(?:{OF}\s+)?{year_ref('a')}|\s*['’](?P<yy>\d\d))"
            rf"|(?P<y2>{YEAR})\s*[-/]?\s*{letter}(?P<n2>{digits})"
            rf"|(?P<n3>{digits}){letter}\s?['’]?(?P<yy3>(?:19|20)?\d\d)(?!\d)"),
            part_abbrev_resolver(part), (part,), 12, 40),
    ]
    if part == "quarter":
        # "quarter two", "quarter 2 of 2024": the number after the word
        numbers = any_phrase([w for w, n in DAY_WORDS.items() if n <= entry["count"]])
        rules.append(_Rule("quarter-number", compile_rule(
            rf"{MOD}?{the}{fiscal}{word}\s+(?P<ord>{numbers}|{digits}(?![-.,]?\d))(?!\s*(?:%|{phrase_pattern('percent')}))"
            rf"(?:\s*,?\s+(?:{OF}\s+|{phrase_pattern('in')}\s+)?{year_ref('a')})?"),
            quarter_number_resolver, (part,), 56, 40))
    if part == "quarter":  # a bare "Q3" is common; a bare "H1" is too often something else
        rules.append(_Rule("quarter-abbrev", compile_rule(rf"{letter}(?P<n>{digits})"),
                           resolve_quarter_bare, (part,), 0, 4))
    return rules


def _month_period_rules() -> list[_Rule]:
    """Periods named by the month they end in, as business reporting names quarters."""
    parts = any_phrase(MONTH_PERIOD["parts"])
    links = "|".join(rf"\s+{phrase_pattern(w)}\s+" if w.isalpha() else rf"\s*{re.escape(w)}\s*"
                     for w in MONTH_PERIOD["range_links"])
    year_after = rf"(?:\s+(?:{OF}\s+|{phrase_pattern('in')}\s+)?{year_ref('a')})?"
    return [
        # "the December quarter", "the June half-year of 2024"; "the" as for "the third quarter"
        _Rule("month-quarter", compile_rule(
            rf"{MOD}?(?:{THE}\s+(?!\w+-))?(?P<mon>{MONTH_ANY})(?:-|\s+)(?P<part>{parts})"
            rf"{year_after}"),
            resolve_month_part, ("month",), 40, 40),
        # "the 1985 December quarter", "the December 1986 quarter" (wire copy)
        _Rule("month-quarter", compile_rule(
            rf"{MOD}?(?:{THE}\s+)?(?:(?P<y>{YEAR})\s+(?P<mon>{MONTH_ANY})"
            rf"|(?P<mon2>{MONTH_ANY})\s+(?P<y2>{YEAR}))\s+(?P<part>{parts})"),
            resolve_month_part, ("month",), 24, 24),
        # "the October-December quarter", "the April-June 2024 period"
        _Rule("month-range-quarter", compile_rule(
            rf"{MOD}?(?:{THE}\s+)?(?P<mon1>{MONTH_ANY})(?:{links})(?P<mon>{MONTH_ANY})"
            rf"(?:\s+(?P<y>{YEAR}))?\s+{any_phrase(MONTH_PERIOD['range_nouns'])}{year_after}"),
            resolve_month_range, ("month",), 40, 40),
        # "the year ended December 1986", "the quarter ended December 31, 1986",
        # "current financial year to March 2005"
        _Rule("period-ended", compile_rule(
            rf"{MOD}?(?:(?:{ANCHORS}|{THE})\s+(?:{FISCAL_WORDS}\s+)?|{FISCAL_WORDS}\s+)"
            rf"(?P<unit>{any_phrase(MONTH_PERIOD['ended_units'])})\s+"
            rf"(?P<endw>{any_phrase(MONTH_PERIOD['end_words'])})\s+(?:(?P<day1>{DAY})\s+(?:{OF}\s+)?)?"
            rf"(?P<mon>{MONTH_ANY})(?(day1)|(?:\s+(?P<day>{DAY}))?)"
            rf"(?:(?:\s*,\s*|\s+)(?P<y>{YEAR}))?"),
            resolve_period_ended, ("month",), 40, 24),
        # "the three months to September", "the six months ended June 30, 2024"
        _Rule("months-ending", compile_rule(
            rf"{THE}\s+(?P<num>{NUM})\s+{phrase_pattern('months')}\s+"
            rf"{any_phrase(MONTH_PERIOD['end_words'])}\s+(?:(?P<day1>{DAY})\s+(?:{OF}\s+)?)?"
            rf"(?P<mon>{MONTH_ANY})(?(day1)|(?:\s+(?P<day>{DAY}))?)"
            rf"(?:\s*,\s*(?P<y>{YEAR})|\s+(?:{OF}\s+)?{year_ref('a')})?"),
            resolve_months_ending, ("month",), 40, 24),
    ]


def _build_rules() -> list[_Rule]:
    same_units = any_phrase(SAME_PERIOD["units"])
    singular_units = any_phrase(w for w, (u, plural) in UNIT_WORDS.items() if not plural and u != "day")
    return [
        _Rule("iso-date", compile_rule(
            rf"(?P<y>{YEAR})(?P<sep>[-/])(?P<m>0?[1-9]|1[0-2])(?P=sep)"
            rf"(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)"),
            resolve_iso_date, (YEAR_NUMBER,), 0, 8),
        _Rule("numeric-date", compile_rule(
            rf"(?P<a>\d{{1,2}})(?P<sep>[/.])(?P<b>\d{{1,2}})(?P=sep)(?P<y>{YEAR})"),
            resolve_numeric_date, (YEAR_NUMBER,), 8, 0),
        _Rule("month-day-year", compile_rule(
            rf"{WD_PREFIX}(?P<mon>{MONTH_ANY})\s+(?P<day>{DAY})(?:\s*,\s*|\s+)(?P<y>{YEAR})"),
            resolve_day_month, ("month",), 16, 16),
        _Rule("day-month-year", compile_rule(
            rf"{WD_PREFIX}(?:{THE}\s+)?(?P<day>{DAY})\s+(?:{OF}\s+)?(?P<mon>{MONTH_ANY}),?"
            rf"\s+(?P<y>{YEAR})"),
            resolve_day_month, ("month",), 32, 8),
        _Rule("month-day", compile_rule(
            rf"{WD_PREFIX}(?P<mon>{MONTH_ANY})\s+(?P<day>{DAY})(?P<y>)"),
            resolve_day_month, ("month",), 16, 8),
        # "effective April one", "by October one": wire copy's days under ten
        _Rule("month-day", compile_rule(
            rf"{WD_PREFIX}(?P<mon>{MONTH_ANY})\s+(?P<day>{any_phrase(DAY_WORDS)})(?P<y>)"
            # the phrase ends: punctuation, the text's end, a line's end before an indented
            # or blank line or a column gap (a wire table's "Pay April one\n    Record March
            # 13"; a line merely wrapped goes on), or a function word
            rf"(?=[ \t]*(?:[.,;:!?)]|\n[ \t\n]|\Z)|[ \t]{{2,}}|\s+{any_phrase(DAY_WORD_FOLLOWERS)}(?!\w))"),
            resolve_day_month, ("month",), 16, 8),
        _Rule("day-month", compile_rule(
            rf"{WD_PREFIX}(?:{THE}\s+)?(?P<day>{DAY})\s+(?:{OF}\s+)?"
            rf"(?P<mon>{MONTH_ANY})(?P<y>)"),
            resolve_day_month, ("month",), 32, 4),
        _Rule("month-year", compile_rule(
            rf"{MOD}?(?P<mon>{MONTH_ANY})(?:\s*,\s*|\s+{OF}\s+|\s+)(?P<y>{YEAR})"),
            resolve_month_year, ("month",), 24, 12),
        _Rule("month-relative-year", compile_rule(
            rf"{MOD}?(?P<mon>{MONTH_ANY})\s+(?:{OF}\s+)?(?P<anc>{ANCHORS})\s+{YEAR_WORD}"),
            resolve_month_relative_year, ("month",), 24, 28),
        _Rule("month-anchored", compile_rule(rf"{MOD}?(?P<anc>{ANCHORS})\s+(?P<mon>{MONTH_FULL})"),
              resolve_month_anchored, ("month",), 40, 4),
        _Rule("month", compile_rule(rf"{MOD}?(?P<mon>{MONTH_FULL})"), resolve_month,
              ("month",), 24, 4),
        *_month_period_rules(),
        _Rule("holiday", compile_rule(
            rf"(?:{THE}\s+(?P<ord>{any_phrase(ORDINALS['day'])})\s+{phrase_pattern('day')}\s+{OF}\s+"
            rf"(?:{THE}\s+)?)?"
            rf"(?P<hol>{any_name(HOLIDAY_NAMES)})(?:\s+(?P<y>{YEAR}))?"),
            resolve_holiday, ("holiday", "season", "unit"), 32, 24),
        *_part_rules("quarter"),
        *_part_rules("half"),
        _Rule("part-of-year-span", compile_rule(
            rf"{THE}\s+(?P<edge>{any_phrase(['first', 'last', 'final'])})\s+(?P<num>{NUM})\s+"
            rf"(?P<unit>{any_phrase(['months', 'quarters'])})\s+{OF}\s+{year_ref('a')}"),
            resolve_part_span, ("unit",), 32, 40),
        _Rule("season", compile_rule(
            rf"{MOD}?(?:(?P<anc>{ANCHORS})\s+)?(?P<the>{THE}\s+(?={SEASONS}\s+{OF}\s))?"
            rf"(?P<season>{SEASONS})(?:\s+(?:{OF}\s+)?{year_ref('a')})?"),
            resolve_season, ("season",), 40, 40),
        _Rule("decade", compile_rule(rf"{MOD}?(?P<dec>(?:19|20)\d0)['’]?s"), resolve_decade,
              (YEAR_NUMBER,), 24, 4),
        _Rule("year", compile_rule(rf"{MOD}?(?P<y>{YEAR})"), resolve_year, (YEAR_NUMBER,), 24, 0),
        _Rule("fiscal-year", compile_rule(
            rf"{MOD}?(?:{THE}\s+)?{FISCAL_WORDS}\s+(?:{YEAR_WORD}\s+)?(?P<y>{YEAR})"),
            resolve_fiscal_year, ("fiscal",), 24, 16),
        _Rule("fiscal-year", compile_rule(
            rf"{MOD}?{FY}\s?['’]?(?P<y>(?:19|20)?\d\d)(?!\d)"),
            resolve_fiscal_year, ("fiscal",), 24, 8),
        _Rule("fiscal-year", compile_rule(
            rf"(?P<y>{YEAR})\s+{FISCAL_WORDS}\s+{YEAR_WORD}"),
            resolve_fiscal_year, ("fiscal",), 8, 8),
        _Rule("relative-unit", compile_rule(
            rf"{MOD}?(?P<anc>{ANCHORS}|{THE})\s+(?:{FISCAL_WORDS}\s+)?"
            rf"(?P<unit>{singular_units})"),
            resolve_relative_unit, ("unit",), 48, 0),
        _Rule("anaphoric", compile_rule(
            rf"(?P<ana>{any_phrase(ANAPHORIC_UNIT['words'])})\s+(?P<unit>{any_phrase(ANAPHORIC_UNIT['units'])})"),
            resolve_anaphoric_unit, ("unit",), 24, 0),
        _Rule("window", compile_rule(
            rf"(?P<win>{any_phrase(WINDOW)})\s+(?:(?P<num>{NUM})\s+)?(?P<unit>{UNITS})"),
            resolve_window, ("window",), 4, 32),
        _Rule("shift", compile_rule(
            rf"(?:{any_phrase(QUALIFIERS)}\s+)?(?:(?P<num>{NUM})\s+)?(?P<unit>{UNITS})\s+"
            rf"(?P<shift>{any_phrase(SHIFT)})"), resolve_shift, ("shift",), 48, 4),
        _Rule("same-period", compile_rule(
            rf"{THE}\s+{phrase_pattern('same')}\s+(?P<unit>{same_units})\s+"
            rf"(?:(?:{OF}|{phrase_pattern('in')})\s+)?(?:{any_phrase(SAME_PERIOD['prior'])}|(?P<y>{YEAR}))"),
            resolve_same_period, ("same",), 4, 40),
        _Rule("same-period", compile_rule(
            rf"{any_phrase(YEAR_AGO_PERIOD['words'])}\s+(?P<unit>{any_phrase(YEAR_AGO_PERIOD['units'])})"),
            resolve_year_ago_period, ("year-ago",), 12, 12),
        _Rule("relative-day", compile_rule(rf"(?P<w>{any_phrase(RELATIVE_DAY)})"), resolve_relative_day,
              ("relday",), 24, 16),
        _Rule("weekday-anchored", compile_rule(rf"(?P<anc>{ANCHORS})\s+(?P<wd>{WEEKDAY_FULL})"),
              resolve_weekday, ("weekday",), 16, 0),
        _Rule("weekday", compile_rule(rf"(?P<wd>{WEEKDAY_FULL})"), resolve_weekday,
              ("weekday",), 0, 0),
    ]


RULES = _build_rules()
LEAD_IN = re.compile(rf"(?:\s*(?:{any_phrase(LEAD_WORDS)}(?!\w)|[(\[\"“‘']))*\s*", re.IGNORECASE)
TRAILING = re.compile(r"(?:['’]s\b)?[\s.,;:!?)\]\"'”’]*")  # "2023's", "(2023)."
SAME_PERIOD_YEAR = re.compile(YEAR)
