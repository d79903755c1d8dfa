"""Regex building blocks: phrases in the cases news text uses, alternations of the
vocabulary, and the sub-patterns (years, days, months, modifiers, year references)
that the rules are made of."""
from __future__ import annotations

import re
from typing import Iterable

from pipeline.normalize.dates.vocab import (
    _ANCHOR,
    _FISCAL,
    _MOD_ADJECTIVES,
    _MOD_NOUNS,
    _MONTH_ABBREVS,
    _MONTH_NAMES,
    _NUMBER,
    _SEASON_CODE,
    _UNIT,
    _WEEKDAY_ABBREVS,
    _WEEKDAY_NAMES,
)


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
