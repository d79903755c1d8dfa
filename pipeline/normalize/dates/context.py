"""Checks on the text around a match: numbers that are amounts, codes or parts of
larger numbers, and the cue words that make an ambiguous word read as a date."""
from __future__ import annotations

import re

from pipeline.normalize.dates.fragments import MONTH_ANY, YEAR, any_phrase
from pipeline.normalize.dates.vocab import (
    CONTEXT_WORDS,
    LINK_WORDS,
    NEG_AFTER_NUMBER,
    NEG_BEFORE_NUMBER,
    SUSPECT_YEAR_CONTEXT,
    YEAR_PREFIXES,
    lookup_key,
)

_PREV_WORD = re.compile(r"(\S+)\s*$")
_NEXT_WORD = re.compile(r"^\s+([^\s,.;:!?)\]]+)")
_EXCHANGE_CODE = re.compile(r"\b[A-Z]{2,6}\s*:\s*$")
_YEAR_RANGE_BEFORE = re.compile(rf"(?<!\d){YEAR}\s*[-–]\s*$")
_YEAR_PREFIX_BEFORE = re.compile(rf"(?<![\w-]){any_phrase(YEAR_PREFIXES)}-$", re.IGNORECASE)
_NUMBER_TOKEN = re.compile(r"^\+?\d+$")  # phone numbers, digit groups
_CONTEXT_BEFORE = re.compile(rf"(?<!\w){any_phrase(CONTEXT_WORDS)}(?:\s+the)?\s+$", re.IGNORECASE)
SUSPECT_YEAR_BEFORE = re.compile(rf"(?<!\w){any_phrase(SUSPECT_YEAR_CONTEXT)}\s+$", re.IGNORECASE)
_LINK_BEFORE = re.compile(rf"{MONTH_ANY}\s*{any_phrase(LINK_WORDS)}\s*$", re.IGNORECASE)
OF_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)
_DIGIT_GROUP = re.compile(r"\d{2,}")
_CLOCK_AFTER = re.compile(r"\s+(?:[01]?\d|2[0-3])[.:][0-5]\d(?![\d.,:])")

# How far the checks look beside a match, in characters. A word next to it: longer
# than any word of the vocabulary, and a bound on the work where a page has no spaces.
WORD_REACH = 40
# A year range's "2019-", a prefix's "pre-" or an exchange code's "(HKG: " ends right
# before the number: a few characters hold them.
CODE_REACH = 12
# The cue before an ambiguous word ("as early as the", "between March and"): the
# longest cue phrase, a month and a link word fit in it.
CUE_REACH = 40


def prev_word(text: str, start: int) -> str:
    m = _PREV_WORD.search(text, max(0, start - WORD_REACH), start)
    return m.group(1) if m else ""


def _next_word(text: str, end: int) -> str:
    m = _NEXT_WORD.match(text[end:end + WORD_REACH])
    return m.group(1) if m else ""


def edges_ok(text: str, start: int, end: int) -> bool:
    """Reject numbers that are amounts, codes, clock times or parts of larger numbers."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    after2 = text[end + 1] if end + 1 < len(text) else ""
    if text[start].isdigit():
        if before and before in "$€£¥₹#@&/\\+:":
            return False
        if before in (".", ",") and start > 1 and text[start - 2].isdigit():
            return False
        if before in ("-", "–"):
            head = text[max(0, start - CODE_REACH):start]
            if not (_YEAR_RANGE_BEFORE.search(head) or _YEAR_PREFIX_BEFORE.search(head)):
                return False
        if _EXCHANGE_CODE.search(text, max(0, start - CODE_REACH), start):
            return False  # "(HKG: 2020)"
        prev = prev_word(text, start)
        if _NUMBER_TOKEN.match(prev):
            return False
        if lookup_key(prev) in NEG_BEFORE_NUMBER:
            return False  # "No. 2023", "Windows 2000"
    if text[end - 1].isdigit():
        if after in ("%", "+") or (after in ".,:" and after2.isdigit()):
            return False
        nxt = _next_word(text, end)
        if lookup_key(nxt) in NEG_AFTER_NUMBER:
            return False
        if _DIGIT_GROUP.match(nxt) and not _CLOCK_AFTER.match(text, end):
            return False  # "2023 4567"; but a byline's "Thu 23 Feb 2023 06.24 EST" is a date
    # "year-on-year", "2024-style": the match is only part of a compound word.
    if after in ("-", "–") and after2.isalpha():
        return False
    return True


def has_context(text: str, start: int) -> bool:
    """An ambiguous word ('May', 'summer') reads as a date after 'in', 'since', ...
    or after another month and a link word ('between March and May')."""
    head = text[max(0, start - CUE_REACH):start]
    return bool(_CONTEXT_BEFORE.search(head) or _LINK_BEFORE.search(head))
