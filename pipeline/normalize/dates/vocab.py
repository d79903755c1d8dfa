"""The vocabulary of patterns/dates.jsonl as lookup tables: month, weekday and season
names, parts of the year, periods named by months, ordinals, units, number words,
anchors, modifiers, holidays, context and negative cue words."""
from __future__ import annotations

from typing import Any

from pipeline.resources import load_jsonl

_ENTRIES = load_jsonl("dates.jsonl")


def _of_kind(kind: str) -> list[dict[str, Any]]:
    return [e for e in _ENTRIES if e["kind"] == kind]


def _by_id(entry_id: str) -> dict[str, Any]:
    return next(e for e in _ENTRIES if e["id"] == entry_id)


def _key(phrase: str) -> str:
    """Lookup key of a phrase: lower case, single spaces, straight apostrophes."""
    return " ".join(phrase.lower().replace("’", "'").split())


_MONTH_NUMBER: dict[str, int] = {}
_MONTH_NAME: dict[int, str] = {}  # English names; calendar.month_name follows the locale
_MONTH_NAMES: list[str] = []
_MONTH_ABBREVS: list[str] = []
_STANDALONE_MONTHS: set[int] = set()
for _e in _of_kind("month"):
    _MONTH_NAME[_e["number"]] = _e["names"][0]
    _MONTH_NAMES += _e["names"]
    _MONTH_ABBREVS += _e["abbrevs"]
    for _w in _e["names"] + _e["abbrevs"]:
        _MONTH_NUMBER[_key(_w)] = _e["number"]
    if _e["standalone"]:
        _STANDALONE_MONTHS.add(_e["number"])



def month_words() -> list[str]:
    """Every month's names and abbreviations ("February", "Feb", "Sept")."""
    return _MONTH_NAMES + _MONTH_ABBREVS


_WEEKDAY_NUMBER: dict[str, int] = {}
_WEEKDAY_NAMES: list[str] = []
_WEEKDAY_ABBREVS: list[str] = []
for _e in _of_kind("weekday"):
    _WEEKDAY_NAMES += _e["names"]
    _WEEKDAY_ABBREVS += _e["abbrevs"]
    for _w in _e["names"] + _e["abbrevs"]:
        _WEEKDAY_NUMBER[_key(_w)] = _e["number"]

_SEASON_CODE: dict[str, str] = {}
_SEASON_START_MONTH: dict[str, int] = {}
_SEASON_STRICT: set[str] = set()  # words that need a year or an anchor ("fall")
for _e in _of_kind("season"):
    _SEASON_START_MONTH[_e["code"]] = _e["start_month"]
    for _w in _e["words"]:
        _SEASON_CODE[_key(_w)] = _e["code"]
    _SEASON_STRICT.update(_key(w) for w in _e.get("needs_year_or_anchor", []))

_PARTS: dict[str, dict[str, Any]] = {e["part"]: e for e in _of_kind("part")}

# part ("quarter", "half", "day") -> ordinal word -> index (-1: the last part)
_ORDINALS: dict[str, dict[str, int]] = {}
_ORDINALS_NEEDING_OF: set[str] = set()
for _e in _of_kind("ordinal"):
    for _part in _e["applies_to"]:
        for _w in _e["words"]:
            _ORDINALS.setdefault(_part, {})[_key(_w)] = _e["value"]
    if _e.get("needs_of"):
        _ORDINALS_NEEDING_OF.update(_key(w) for w in _e["words"])

_UNIT: dict[str, tuple[str, bool]] = {}  # word -> (unit, plural)
for _e in _of_kind("unit"):
    for _w in _e["singular"]:
        _UNIT[_key(_w)] = (_e["unit"], False)
    for _w in _e["plural"]:
        _UNIT[_key(_w)] = (_e["unit"], True)

_NUMBER: dict[str, int | None] = {}
for _e in _of_kind("number"):
    for _w in _e["words"]:
        _NUMBER[_key(_w)] = _e["value"]

_QUALIFIERS: list[str] = [w for e in _of_kind("qualifier") for w in e["words"]]
_ANCHOR: dict[str, int] = {_key(w): e["offset"] for e in _of_kind("anchor") for w in e["words"]}
_WINDOW: dict[str, dict[str, Any]] = {_key(w): e for e in _of_kind("window") for w in e["words"]}
_SHIFT: dict[str, int] = {_key(w): e["direction"] for e in _of_kind("shift") for w in e["words"]}
_RELATIVE_DAY: dict[str, int] = {
    _key(w): e["offset"] for e in _of_kind("relative-day") for w in e["words"]}

_MODIFIER: dict[str, str] = {}
_MOD_ADJECTIVES: list[str] = []
_MOD_NOUNS: list[str] = []
for _e in _of_kind("modifier"):
    _MOD_ADJECTIVES += _e["adjectives"]
    _MOD_NOUNS += _e["nouns"]
    for _w in _e["adjectives"] + _e["nouns"]:
        _MODIFIER[_key(_w)] = _e["modifier"]

# "April one": days under ten as number_words.jsonl spells them ("one", not "a")
_DAY_WORDS: dict[str, int] = {
    w: e["value"] for e in load_jsonl("number_words.jsonl") if e["value"] in range(1, 10)
    for w in e["words"] if w.isalpha() and w not in ("a", "an")
}
_DAY_WORD_FOLLOWERS: list[str] = _by_id("day-words")["followed_by"]
_ANAPHORIC_UNIT = _by_id("anaphoric-unit")
_ANAPHORIC_OFFSET: dict[str, int] = {_key(w): n for w, n in _ANAPHORIC_UNIT["words"].items()}
_FISCAL = _by_id("fiscal")
_SAME_PERIOD = _by_id("same-period")
_YEAR_AGO_PERIOD = _by_id("year-ago-period")
_MONTH_PERIOD = _by_id("month-period")
_HOLIDAY_NAMES: list[str] = [n for e in _of_kind("holiday") for n in e["names"]]
_HOLIDAY: dict[str, dict[str, Any]] = {
    _key(n): e for e in _of_kind("holiday") for n in e["names"]}
_CONTEXT_WORDS: list[str] = [w for e in _of_kind("context") for w in e["words"]]
_LINK_WORDS: list[str] = [w for e in _of_kind("context-link") for w in e["words"]]
_LEAD_WORDS: list[str] = [w for e in _of_kind("lead") for w in e["words"]]
_YEAR_PREFIXES: list[str] = [w for e in _of_kind("year-prefix") for w in e["words"]]
_SUSPECT_YEARS: set[str] = {n for e in _of_kind("suspect-year") for n in e["numbers"]}
_SUSPECT_YEAR_CONTEXT: list[str] = [w for e in _of_kind("suspect-year") for w in e["context"]]


def _negative(position: str) -> set[str]:
    return {_key(w) for e in _of_kind("negative") if e["position"] == position
            for w in e["words"]}


_NEG_BEFORE_NUMBER = _negative("before")
_NEG_AFTER_NUMBER = _negative("after")
_NEG_AFTER_PART = _negative("after-part")
_NEG_BEFORE_PART = _negative("before-part")
