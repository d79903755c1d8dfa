"""Numbers as news writes them: digits with separators, number words, magnitudes,
and the qualifiers in front of them ("about", "more than"). Pure, no spaCy."""
from __future__ import annotations

import math
import re
from functools import lru_cache

from pipeline.normalize.text import alternation
from pipeline.resources import load_jsonl

# 3-1/4 | 1,234,567.89 | 1234.5 | .5  (thousands separators only in groups of three;
# wire copy writes fractions as "3-1/4")
NUMBER = r"(?:\d{1,3}[- ]\d{1,2}/\d{1,2}(?![\d/])|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
# 30, 000: pages and transcripts sometimes put a space after a thousands comma. Read
# so only right after a currency sign: elsewhere a comma and a space part two figures
# ("On March 23, 150 million dollars", "Of the top 10, 100 percent").
SPACED_THOUSANDS = r"\d{1,3}(?:, \d{3})+(?![\d.,])"
_FRACTION = re.compile(r"(\d+)[- ](\d+)/(\d+)")


@lru_cache(maxsize=None)
def magnitudes() -> dict[str, float]:
    """Every magnitude word or abbreviation → factor. Words are lower-case keys;
    abbreviations keep their case ("m" and "M" both mean million)."""
    table: dict[str, float] = {}
    for entry in load_jsonl("magnitudes.jsonl"):
        for w in entry["words"]:
            table[w.lower()] = entry["factor"]
            table[w.lower() + "s"] = entry["factor"]
        for a in entry["abbrev"]:
            table[a] = entry["factor"]
    return table


@lru_cache(maxsize=None)
def magnitude_words() -> tuple[str, ...]:
    return tuple(w for e in load_jsonl("magnitudes.jsonl") for w in e["words"])


@lru_cache(maxsize=None)
def magnitude_abbrevs() -> tuple[str, ...]:
    return tuple(a for e in load_jsonl("magnitudes.jsonl") for a in e["abbrev"])


@lru_cache(maxsize=None)
def number_words() -> dict[str, float]:
    """Every number word → value, with the compounds of tens and units that news
    writes out ("twenty-five", "forty two")."""
    table = {w: float(e["value"]) for e in load_jsonl("number_words.jsonl") for w in e["words"]}
    units = {w: v for w, v in table.items() if v in range(1, 10) and " " not in w and len(w) > 2}
    tens = {w: v for w, v in table.items() if v in range(20, 100, 10)}
    for t, tv in tens.items():
        for u, uv in units.items():
            table[f"{t}-{u}"] = table[f"{t} {u}"] = tv + uv
    return table


@lru_cache(maxsize=None)
def counting_words() -> tuple[str, ...]:
    """The number words that stand for a count on their own ("seven dlrs", "nine pct"),
    leaving out the article and fractions ("a dollar", "half a percent")."""
    return tuple(w for w, v in number_words().items() if v >= 1 and v == int(v) and w not in ("a", "an"))


def parse_number(text: str) -> float | None:
    """'1,234.5' → 1234.5; 'a' / 'two' / 'half a' → their value; else None."""
    t = text.strip()
    frac = _FRACTION.fullmatch(t)
    if frac:
        whole, num, den = (int(g) for g in frac.groups())
        return whole + num / den if den and num < den else None
    if re.fullmatch(NUMBER, t) or re.fullmatch(SPACED_THOUSANDS, t):
        value = float(t.replace(",", "").replace(" ", ""))
        return value if math.isfinite(value) else None  # "9" * 400 is no figure
    return number_words().get(re.sub(r"\s+", " ", t.lower()))


def magnitude_factor(word: str) -> float | None:
    w = word.strip()
    table = magnitudes()
    return table.get(w) if w in table else table.get(w.lower())


@lru_cache(maxsize=None)
def _qualifier_res() -> tuple[tuple[re.Pattern[str], str], tuple[re.Pattern[str], str]]:
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    for e in load_jsonl("qualifiers.jsonl"):
        for w in e.get("before", []):
            before[w] = e["qualifier"]
        for w in e.get("after", []):
            after[w] = e["qualifier"]
    # "before" phrases must end the preceding text (allowing "(" or "by"/"of" glue);
    # "after" phrases must start the following text.
    b = re.compile(r"(?i)(?:^|(?<=[\s(\[\"'“]))(" + alternation(list(before)) + r")[\s(\[]*$")
    a = re.compile(r"(?i)^\s*(" + alternation(list(after)) + r")(?![A-Za-z])")
    return (b, before), (a, after)  # type: ignore[return-value]


def qualifier(before: str, after: str = "") -> str | None:
    """The qualifier ('approx', 'gt', 'ge', 'lt', 'le') that the words just before
    or just after a figure give it, else None."""
    (b_re, b_map), (a_re, a_map) = _qualifier_res()
    m = b_re.search(before[-40:])
    if m:
        return b_map[_key(m.group(1), b_map)]
    m = a_re.search(after[:20])
    if m:
        return a_map[_key(m.group(1), a_map)]
    return None


def _key(found: str, table: dict[str, str]) -> str:
    if found in table:
        return found
    low = found.lower()
    return next(k for k in table if k.lower() == low)
