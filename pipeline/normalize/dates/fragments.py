"""Regex building blocks and the reading of what they matched: phrases in the cases
news text uses, alternations of the vocabulary, the sub-patterns (years, days,
months, modifiers, year references) that the rules are made of, and the readers of
their named groups (optional groups, years written, two-digit, fiscal or relative,
and counts such as "three" or "a few")."""
from __future__ import annotations

import datetime as dt
import re
from typing import Callable, Iterable

from pipeline.normalize.dates.periods import Period
from pipeline.normalize.dates.vocab import (
    ANCHOR_OFFSET,
    FISCAL,
    MOD_ADJECTIVES,
    MOD_NOUNS,
    MONTH_ABBREVS,
    MONTH_NAMES,
    NUMBER_WORDS,
    SEASON_CODE,
    UNIT_WORDS,
    WEEKDAY_ABBREVS,
    WEEKDAY_NAMES,
    lookup_key,
)
from pipeline.normalize.text import alternation

Resolver = Callable[[re.Match[str], "dt.date | None"], "Period | None"]


def _escape(text: str) -> str:
    """Literal text as a regex: any whitespace between words, either apostrophe."""
    return re.escape(text).replace(r"\ ", r"\s+").replace("'", "['’]")


def phrase_pattern(phrase: str, proper: bool = False) -> str:
    """A phrase in the cases news text uses: as written, with capitalised words, or in
    UPPER case (proper names: only as written or UPPER). Spelling the cases out keeps
    the patterns free of IGNORECASE, which makes them several times slower."""
    forms = [_escape(phrase), _escape(phrase.upper())]
    if not proper:
        forms.append(r"\s+".join(
            f"[{w[0].upper()}{w[0]}]{_escape(w[1:])}" if w[0].isalpha() else _escape(w)
            for w in phrase.split()))
    return "(?:" + "|".join(dict.fromkeys(forms)) + ")"


def any_phrase(words: Iterable[str], proper: bool = False) -> str:
    """Alternation of phrases, longest first so that 'the end' is tried before 'the'."""
    return "(?:" + alternation(words, lambda w: phrase_pattern(w, proper)) + ")"


def any_name(words: Iterable[str], abbrevs: Iterable[str] = ()) -> str:
    """Proper names (months, weekdays, holidays); abbreviations may end in a full stop.
    Case-sensitive even inside the few helper patterns compiled with IGNORECASE."""
    body = [any_phrase(words, proper=True) + r"\b"]
    if abbrevs:
        body.append(any_phrase(abbrevs, proper=True) + r"(?:\.|\b)")
    return "(?-i:" + "|".join(body) + ")"


YEAR = r"(?:19|20)\d\d(?!\d)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)(?:st|nd|rd|th)?"
MONTH_FULL = any_name(MONTH_NAMES)
MONTH_ANY = any_name(MONTH_NAMES, MONTH_ABBREVS)
WEEKDAY_FULL = any_name(WEEKDAY_NAMES)
_WEEKDAY_ANY = any_name(WEEKDAY_NAMES, WEEKDAY_ABBREVS)
ANCHORS = any_phrase(ANCHOR_OFFSET)
FISCAL_WORDS = any_phrase(FISCAL["words"])
FY = any_phrase(FISCAL["abbrevs"], proper=True)
NUM = rf"(?:\d{{1,3}}(?!\d)|{any_phrase(NUMBER_WORDS)})"
UNITS = any_phrase(UNIT_WORDS)
SEASONS = any_phrase(SEASON_CODE)
WD_PREFIX = rf"(?:(?P<wd>{_WEEKDAY_ANY}),?\s+)?"
THE = phrase_pattern("the")
OF = phrase_pattern("of")
YEAR_WORD = phrase_pattern("year")
MOD = (rf"(?:(?P<mod_adj>{any_phrase(MOD_ADJECTIVES)})(?:-|\s+)"
        rf"|(?P<mod_noun>(?:{THE}\s+)?{any_phrase(MOD_NOUNS)})(?:\s+{OF}\s+|-))")


def year_ref(tag: str) -> str:
    """A year: 2023, fiscal 2023, FY23, this/last/next year, the year."""
    return (rf"(?:(?P<y_{tag}>{YEAR})"
            rf"|{FISCAL_WORDS}\s+(?:{YEAR_WORD}\s+)?(?P<fy_{tag}>{YEAR})"
            rf"|{FY}\s?['’]?(?P<fyy_{tag}>(?:19|20)?\d\d)(?!\d)"
            rf"|(?P<ya_{tag}>{ANCHORS}|{THE})\s+(?:{FISCAL_WORDS}\s+)?{YEAR_WORD})")


def compile_rule(pattern: str) -> re.Pattern[str]:
    # Every rule starts and ends on a word boundary; the rest is checked in code.
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)")



def optional_group(m: re.Match[str], name: str) -> str | None:
    return m.groupdict().get(name)


def full_year(digits: str) -> int:
    """'24' -> 2024; four digits stay as they are."""
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


def year_of(m: re.Match[str], tag: str, ref: dt.date | None) -> tuple[int | None, bool] | None:
    """(year, relative) of the year reference `tag` in the match; None when absent."""
    if y := optional_group(m, f"y_{tag}") or optional_group(m, f"fy_{tag}"):
        return int(y), False
    if yy := optional_group(m, f"fyy_{tag}"):
        return full_year(yy), False
    if anchor := optional_group(m, f"ya_{tag}"):
        offset = 0 if lookup_key(anchor) == "the" else ANCHOR_OFFSET[lookup_key(anchor)]
        return (ref.year + offset if ref else None), True
    return None


def count_of(m: re.Match[str]) -> tuple[bool, int | None]:
    """(present, value) of the number group; value None for 'a few', 'several'."""
    num = m["num"]
    if not num:
        return False, None
    return True, int(num) if num.isdigit() else NUMBER_WORDS[lookup_key(num)]
