"""The vocabulary of patterns/dates.jsonl as lookup tables: month, weekday and season
names, parts of the year, periods named by months, ordinals, units, number words,
anchors, modifiers, holidays, context and negative cue words."""
from __future__ import annotations

from typing import Any

from pipeline.resources import load_jsonl

_ENTRIES = load_jsonl("dates.jsonl")


def entries_of_kind(kind: str) -> list[dict[str, Any]]:
    return [e for e in _ENTRIES if e["kind"] == kind]


def _by_id(entry_id: str) -> dict[str, Any]:
    return next(e for e in _ENTRIES if e["id"] == entry_id)


def lookup_key(phrase: str) -> str:
    """Lookup key of a phrase: lower case, single spaces, straight apostrophes."""
    return " ".join(phrase.lower().replace("’", "'").split())


MONTH_NUMBER: dict[str, int] = {}
MONTH_NAME: dict[int, str] = {}  # English names; calendar.month_name follows the locale
MONTH_NAMES: list[str] = []
MONTH_ABBREVS: list[str] = []
STANDALONE_MONTHS: set[int] = set()
for _e in entries_of_kind("month"):
    MONTH_NAME[_e["number"]] = _e["names"][0]
    MONTH_NAMES += _e["names"]
    MONTH_ABBREVS += _e["abbrevs"]
    for _w in _e["names"] + _e["abbrevs"]:
        MONTH_NUMBER[lookup_key(_w)] = _e["number"]
    if _e["standalone"]:
        STANDALONE_MONTHS.add(_e["number"])



def month_words() -> list[str]:
    """Every month's names and abbreviations ("February", "Feb", "Sept")."""
    return MONTH_NAMES + MONTH_ABBREVS


WEEKDAY_NUMBER: dict[str, int] = {}
WEEKDAY_NAMES: list[str] = []
WEEKDAY_ABBREVS: list[str] = []
for _e in entries_of_kind("weekday"):
    WEEKDAY_NAMES += _e["names"]
    WEEKDAY_ABBREVS += _e["abbrevs"]
    for _w in _e["names"] + _e["abbrevs"]:
        WEEKDAY_NUMBER[lookup_key(_w)] = _e["number"]

SEASON_CODE: dict[str, str] = {}
SEASON_START_MONTH: dict[str, int] = {}
SEASON_STRICT: set[str] = set()  # words that need a year or an anchor ("fall")
for _e in entries_of_kind("season"):
    SEASON_START_MONTH[_e["code"]] = _e["start_month"]
    for _w in _e["words"]:
        SEASON_CODE[lookup_key(_w)] = _e["code"]
    SEASON_STRICT.update(lookup_key(w) for w in _e.get("needs_year_or_anchor", []))

PARTS: dict[str, dict[str, Any]] = {e["part"]: e for e in entries_of_kind("part")}

# part ("quarter", "half", "day") -> ordinal word -> index (-1: the last part)
ORDINALS: dict[str, dict[str, int]] = {}
ORDINALS_NEEDING_OF: set[str] = set()
for _e in entries_of_kind("ordinal"):
    for _part in _e["applies_to"]:
        for _w in _e["words"]:
            ORDINALS.setdefault(_part, {})[lookup_key(_w)] = _e["value"]
    if _e.get("needs_of"):
        ORDINALS_NEEDING_OF.update(lookup_key(w) for w in _e["words"])

UNIT_WORDS: dict[str, tuple[str, bool]] = {}  # word -> (unit, plural)
for _e in entries_of_kind("unit"):
    for _w in _e["singular"]:
        UNIT_WORDS[lookup_key(_w)] = (_e["unit"], False)
    for _w in _e["plural"]:
        UNIT_WORDS[lookup_key(_w)] = (_e["unit"], True)

NUMBER_WORDS: dict[str, int | None] = {}
for _e in entries_of_kind("number"):
    for _w in _e["words"]:
        NUMBER_WORDS[lookup_key(_w)] = _e["value"]

QUALIFIERS: list[str] = [w for e in entries_of_kind("qualifier") for w in e["words"]]
ANCHOR_OFFSET: dict[str, int] = {lookup_key(w): e["offset"] for e in entries_of_kind("anchor") for w in e["words"]}
WINDOW: dict[str, dict[str, Any]] = {lookup_key(w): e for e in entries_of_kind("window") for w in e["words"]}
SHIFT: dict[str, int] = {lookup_key(w): e["direction"] for e in entries_of_kind("shift") for w in e["words"]}
RELATIVE_DAY: dict[str, int] = {
    lookup_key(w): e["offset"] for e in entries_of_kind("relative-day") for w in e["words"]}

MODIFIER: dict[str, str] = {}
MOD_ADJECTIVES: list[str] = []
MOD_NOUNS: list[str] = []
for _e in entries_of_kind("modifier"):
    MOD_ADJECTIVES += _e["adjectives"]
    MOD_NOUNS += _e["nouns"]
    for _w in _e["adjectives"] + _e["nouns"]:
        MODIFIER[lookup_key(_w)] = _e["modifier"]

# "April one": days under ten as number_words.jsonl spells them ("one", not "a")
DAY_WORDS: dict[str, int] = {
    w: e["value"] for e in load_jsonl("number_words.jsonl") if e["value"] in range(1, 10)
    for w in e["words"] if w.isalpha() and w not in ("a", "an")
}
DAY_WORD_FOLLOWERS: list[str] = _by_id("day-words")["followed_by"]
ANAPHORIC_UNIT = _by_id("anaphoric-unit")
ANAPHORIC_OFFSET: dict[str, int] = {lookup_key(w): n for w, n in ANAPHORIC_UNIT["words"].items()}
FISCAL = _by_id("fiscal")
SAME_PERIOD = _by_id("same-period")
YEAR_AGO_PERIOD = _by_id("year-ago-period")
MONTH_PERIOD = _by_id("month-period")
HOLIDAY_NAMES: list[str] = [n for e in entries_of_kind("holiday") for n in e["names"]]
HOLIDAY: dict[str, dict[str, Any]] = {
    lookup_key(n): e for e in entries_of_kind("holiday") for n in e["names"]}
CONTEXT_WORDS: list[str] = [w for e in entries_of_kind("context") for w in e["words"]]
LINK_WORDS: list[str] = [w for e in entries_of_kind("context-link") for w in e["words"]]
LEAD_WORDS: list[str] = [w for e in entries_of_kind("lead") for w in e["words"]]
YEAR_PREFIXES: list[str] = [w for e in entries_of_kind("year-prefix") for w in e["words"]]
SUSPECT_YEARS: set[str] = {n for e in entries_of_kind("suspect-year") for n in e["numbers"]}
SUSPECT_YEAR_CONTEXT: list[str] = [w for e in entries_of_kind("suspect-year") for w in e["context"]]


def _negative(position: str) -> set[str]:
    return {lookup_key(w) for e in entries_of_kind("negative") if e["position"] == position
            for w in e["words"]}


NEG_BEFORE_NUMBER = _negative("before")
NEG_AFTER_NUMBER = _negative("after")
NEG_AFTER_PART = _negative("after-part")
NEG_BEFORE_PART = _negative("before-part")
