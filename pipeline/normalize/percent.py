"""Percentages: find them in text and normalise them (value or range, unit,
qualifier, direction of the change, basis of comparison). Pure, no spaCy."""
from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

from pipeline.normalize.numbers import NUMBER, counting_words, parse_number, qualifier
from pipeline.normalize.text import Found, Occupied, alternation, phrase_literal, trie_regex
from pipeline.normalize.wrapped import unwrapped_bounds
from pipeline.resources import load_jsonl, words_of_kind



@lru_cache(maxsize=None)
def _units() -> dict[str, tuple[str, float]]:
    """Unit as written (lower case) → (record unit, scale): "bps" → ("points", 0.01)."""
    return {w: (e["unit"], float(e["scale"])) for e in load_jsonl("percent_units.jsonl") for w in e["words"]}


# How far from the figure a cue word may stand: the verb usually leads ("fell by
# nearly 15%"), a noun may follow ("a 38% year-on-year decrease").
_LEFT_WORDS = 14
_RIGHT_WORDS = 3
_WORD = re.compile(r"[A-Za-z][A-Za-z'’/-]*|[,;:()\[\]]|[.!?](?=\s|$)|[+−-](?=\s*$)")


@lru_cache(maxsize=None)
def _grammar() -> dict[str, re.Pattern[str]]:
    unit = r"(?:%|(?i:" + alternation([u for u in _units() if u != "%"], phrase_literal) + r")(?![A-Za-z]))"
    num = rf"(?<![\w.,]){NUMBER}"
    # written out, before a unit word: "Sixteen percent", "nine pct"
    spelled = [w for e in load_jsonl("percent_units.jsonl") for w in e["after_number_words"]]
    word_unit = r"(?i:" + alternation(spelled, phrase_literal) + r")(?![A-Za-z])"
    count = "(?i:" + trie_regex(sorted(counting_words())) + ")"
    single = rf"{num}\s?{unit}|(?<![A-Za-z-]){count}[\s-]+{word_unit}"
    sep = r"\s*(?:-|–|—|to|and)\s*"
    figure = rf"(?:{NUMBER}|{count})"
    return {
        "range": re.compile(rf"{num}(?:\s?{unit})?{sep}{NUMBER}\s?{unit}"),
        "single": re.compile(single),
        "parts": re.compile(rf"^(?P<a>{figure})[\s-]?(?P<ua>{unit})?(?:{sep}(?P<b>{NUMBER})\s?(?P<ub>{unit}))?$"),
    }


@lru_cache(maxsize=None)
def _cues() -> dict[str, str | None]:
    table: dict[str, str | None] = {}
    for e in load_jsonl("percent_cues.jsonl"):
        for w in e["words"]:
            table[w] = e["direction"]
    return table


@lru_cache(maxsize=None)
def _basis_re() -> list[tuple[re.Pattern[str], str]]:
    return [
        (re.compile(r"(?i)(?<![A-Za-z])(?:" + alternation(e["phrases"]) + r")(?![A-Za-z])"), e["basis"])
        for e in load_jsonl("percent_basis.jsonl")
    ]


def find_percents(text: str) -> list[Found]:
    """All percentage mentions in `text`, non-overlapping, in order, each with
    its value read from the sentence around it (the text between sentence ends)."""
    g = _grammar()
    found: list[Found] = []
    taken = Occupied()
    for rule in ("range", "single"):
        for m in g[rule].finditer(text):
            s, e = m.start(), m.end()
            if not taken.free(s, e):
                continue
            if rule == "range" and not _plausible_range(text, m):
                continue
            before, after = _sentence_context(text, s, e)
            value = normalize_percent(text[s:e], before=before, after=after)
            if value is not None:
                found.append(Found(s, e, value, f"percent-{rule}"))
                taken.add(s, e)
    found.sort(key=lambda f: f.start)
    _inherit_restatements(text, found)
    return found


def _plausible_range(text: str, m: re.Match[str]) -> bool:
    """'X and Y%' is a range only after 'between'; a bare left number ('10 to 15%')
    must be below the right one and not a year ('June 2023 to 43%')."""
    parts = _grammar()["parts"].match(m.group(0))
    if parts is None:
        return False
    if " and " in m.group(0).lower() and not re.search(r"(?i)\bbetween\s+$", text[max(0, m.start() - 20) : m.start()]):
        return False
    a, b = (parse_number(parts.group(k)) or 0.0 for k in ("a", "b"))
    if parts.group("ua") and _unit_of(parts.group("ua")) != _unit_of(parts.group("ub")):
        return False  # "by 6 percentage points to 38%": a change and a level, not a range
    if a > b or re.search(r"(?i)\bfrom\s+$", text[max(0, m.start() - 10) : m.start()]):
        return False  # "fell from 40% to 30%": two levels, not a range
    return bool(parts.group("ua")) or (a < b and not re.fullmatch(r"(?:19|20)\d\d", parts.group("a")))


def _unit_of(unit_text: str) -> tuple[str, float]:
    return _units()["%" if unit_text == "%" else re.sub(r"\s+", " ", unit_text.lower())]


def _sentence_context(text: str, s: int, e: int) -> tuple[str, str]:
    """Text of the same sentence before and after [s, e)."""
    lo, hi = unwrapped_bounds(text, s, e)
    return text[lo:s], text[e:hi]


def _inherit_restatements(text: str, found: list[Found]) -> None:
    """'dropped by nearly 15% (14.46%)': a figure in brackets right after another
    restates it, so it takes that figure's direction and basis when it has none."""
    for i in range(1, len(found)):
        prev, cur = found[i - 1], found[i]
        if re.fullmatch(r"\s*\(\s*", text[prev.end : cur.start]):
            for key in ("direction", "basis"):
                if cur.value[key] is None:
                    cur.value[key] = prev.value[key]


def normalize_percent(text: str, *, before: str = "", after: str = "") -> dict[str, Any] | None:
    """Normalise one percentage span; `before`/`after` are the rest of its sentence."""
    m = _grammar()["parts"].match(text.strip())
    if not m:
        return None
    unit_text = m.group("ub") or m.group("ua")
    if not unit_text:
        return None
    unit, scale = _unit_of(unit_text)
    a_num = parse_number(m.group("a"))
    if a_num is None:
        return None
    a = a_num * scale
    out: dict[str, Any] = {
        "value": None,
        "low": None,
        "high": None,
        "qualifier": qualifier(before, after),
        "direction": direction(before, after, unit),
        "basis": basis(before, after),
        "unit": unit,
    }
    if m.group("b"):
        out["low"], out["high"] = a, (parse_number(m.group("b")) or 0.0) * scale
    else:
        out["value"] = a
    if any(out[k] is not None and not math.isfinite(out[k]) for k in ("value", "low", "high")):
        return None  # a figure too large for a float is no percentage
    return out


def direction(before: str, after: str, unit: str = "percent") -> str | None:
    """'increase', 'decrease' or None from the nearest cue word around the figure.
    A share or level ("48% of financing", "a 20% stake") has no direction."""
    cues = _cues()
    right = [w for w in _words(after) if w not in ")]"]
    if right and right[0] in _SHARE_AFTER:
        return None
    left = _words(before)
    # "rose from 8% to 43%": levels, not the change; but "cut the price to 99.8% below
    # the average" still names one ("to 43% less than a year later" does not)
    level = bool(left) and (left[-1] == "from" or (left[-1] == "to" and left[-2:-1] != ["up"]))
    if level and not (right and right[0] in _comparatives() and right[1:2] != ["than"]):
        return None
    # A comparative or a noun right after the figure names the change: "35% faster",
    # "60% less likely", "a 65.73% drop"; basis and frequency words and the name of
    # a measure may come between: "a 38% year-on-year decrease", "400% annual
    # recurring revenue growth".
    comparatives = _comparatives()
    if right and (right[0] in comparatives or (right[0] in cues and cues[right[0]] and right[0] not in _NOT_NOUNS)):
        if not (unit == "points" and right[0] in _kind("spread")):
            return comparatives.get(right[0]) or cues[right[0]]
    i = 0
    while i < len(right):
        step = _measure_len(right, i) or int(_is_basis_word(right[i]) or right[i] in _FREQUENCY)
        if not step:
            break
        i += step
    if 0 < i < len(right) and right[i] in comparatives and right[i] not in _kind("comparative"):
        return comparatives[right[i]]
    if left and left[-1] == "+":
        return "increase"
    if left and left[-1] in ("-", "−"):
        return "decrease"
    # "raised its policy rate by 25 basis points": after "by" the figure is the size
    # of a change, so a level word on the way ("rate", "share") does not stop the search
    by_change = bool(left) and left[-1] == "by"
    dist = 0
    for i in range(len(left) - 1, -1, -1):
        w = left[i]
        if w in ".!?" or dist >= _LEFT_WORDS:
            break
        if w in ",;:()[]":
            continue  # punctuation does not count as distance ("AMD by 12%, and Intel by 5%")
        dist += 1
        if w in cues and cues[w] is None and i > 0 and cues.get(left[i - 1]) is not None:
            return cues[left[i - 1]]  # "a compound annual growth rate of 31.5%"
        if w in cues and by_change and cues[w] is None:
            continue
        if w in cues:
            if w == "up" and _next_word(left, i) == "to":
                continue  # "up to" is a qualifier, not a rise
            return cues[w]
    return None


@lru_cache(maxsize=None)
def _comparatives() -> dict[str, str]:
    """Words right after a figure that give its direction (patterns/percent_comparatives.jsonl)."""
    return {w: e["direction"] for e in load_jsonl("percent_comparatives.jsonl") if "direction" in e for w in e["words"]}


@lru_cache(maxsize=None)
def _kind(kind: str) -> frozenset[str]:
    """The words of one kind of patterns/percent_comparatives.jsonl: "comparative"
    adjectives (after a measure's name only nouns of change count: "revenue growth"),
    "spread" words ("50 bps above Treasuries" is a level; "24.4% above the record" a change)."""
    return frozenset(words_of_kind("percent_comparatives.jsonl", kind))


@lru_cache(maxsize=None)
def _measures() -> tuple[tuple[str, ...], ...]:
    """Names of measures a change noun may follow ("annual recurring revenue growth"):
    the revenue, profit, cost and value words of the claim vocabulary, longest first."""
    kinds = {"revenue", "profit_or_loss", "cost", "market_value"}
    names = {
        tuple(_words(w))
        for e in load_jsonl("claim_cues.jsonl")
        if e.get("kind") == "metric" and e.get("metric") in kinds
        for w in e["words"]
    }
    return tuple(sorted(names, key=len, reverse=True))


def _measure_len(words: list[str], i: int) -> int:
    for name in _measures():
        if tuple(words[i : i + len(name)]) == name:
            return len(name)
    return 0


_SHARE_AFTER = {"of", "stake", "share", "owned", "owns", "ownership", "chance", "market"}
_NOT_NOUNS = {"up", "off"}  # "5% up from" is rare; "20% off" is a discount
_FREQUENCY = {"annual", "annualized", "annualised", "sequential", "quarterly", "monthly", "yearly", "overall", "further", "sharp", "steep"}


def _is_basis_word(w: str) -> bool:
    return any(rx.fullmatch(w) for rx, _ in _basis_re())


def _next_word(words: list[str], i: int) -> str | None:
    return words[i + 1] if i + 1 < len(words) else None


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def basis(before: str, after: str) -> str | None:
    """'yoy', 'qoq' or 'mom' when the comparison is named near the figure."""
    near_after = re.split(r"[;(]|,\s", after, maxsplit=1)[0][:80]
    near_before = before[-80:]
    # A phrase nearer to an earlier figure of the sentence is that figure's
    # ("a 14% year-on-year increase and nearly half (46%)").
    prev = list(re.finditer(r"\d\s?(?:%|percent|per cent)", near_before))
    prev_end = prev[-1].end() if prev else None
    best: tuple[int, str] | None = None
    for rx, b in _basis_re():
        for m in rx.finditer(near_before):
            dist = len(near_before) - m.end()
            if prev_end is not None and m.start() >= prev_end and m.start() - prev_end < dist:
                continue
            if prev_end is not None and m.end() <= prev_end:
                continue
            if best is None or dist < best[0]:
                best = (dist, b)
        m2 = rx.search(near_after)
        if m2 and (best is None or m2.start() < best[0]):
            best = (m2.start(), b)
    return best[1] if best else None
