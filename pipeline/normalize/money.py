"""Money: find amounts in text and normalise them (amount or range, ISO currency,
qualifier, vagueness). Pure functions, no spaCy; vocabulary lives in patterns/."""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pipeline.normalize.numbers import (
    NUMBER,
    SPACED_THOUSANDS,
    counting_words,
    magnitude_abbrevs,
    magnitude_factor,
    magnitude_words,
    number_words,
    parse_number,
    qualifier,
)
from pipeline.normalize.text import Found, Occupied, alternation, sentence_bounds, trie_regex
from pipeline.resources import load_jsonl

# Currency words are matched whole; symbols may touch the number ("$5", "HK$3.5").
_LETTERS = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class _Currencies:
    prefix: dict[str, tuple[str, str | None]]  # surface -> (code, code in a China context)
    suffix: dict[str, tuple[str, str | None]]
    scale: dict[str, float]  # surface -> units of the currency it counts ("cents" -> 0.01)
    unit: dict[str, str]  # bare unit word -> its unit ("dlrs" -> "dollar"): the home country's decides
    until: dict[str, dt.date]  # ISO code of a past currency -> the last day it was tender
    not_counted: frozenset[str]  # unit words that are English words too: "ten won" is no money

    def code(self, surface: str, china: bool, *, suffix: bool, home: dict[str, str] | None = None) -> str:
        table = self.suffix if suffix else self.prefix
        hit = table.get(surface) or table.get(surface.lower()) or _ci_get(table, surface)
        code, china_code = hit
        if suffix and home:
            unit = self.unit.get(surface.lower())
            if unit in home:
                return home[unit]  # "dlrs" in a Wellington story are New Zealand dollars
        return china_code if (china and china_code) else code

    def current(self, surface: str, on: dt.date | None) -> bool:
        """A past currency's code ("ESP", "BEF") is money only in text dated before its end."""
        until = self.until.get(surface)
        return until is None or (on is not None and on <= until)


def _ci_get(table: dict[str, tuple[str, str | None]], key: str) -> tuple[str, str | None]:
    low = key.lower()
    return next(v for k, v in table.items() if k.lower() == low)


@lru_cache(maxsize=None)
def currencies() -> _Currencies:
    """The hand list of patterns/currencies.jsonl (bare unit words, China-context
    signs, defaults where a name is shared), then the world's currencies by sign
    and name from price-parser's data where the hand list says nothing, and by the
    ISO codes of CLDR's legal tender (patterns/currency_codes.jsonl)."""
    prefix: dict[str, tuple[str, str | None]] = {}
    suffix: dict[str, tuple[str, str | None]] = {}
    scale: dict[str, float] = {}
    unit: dict[str, str] = {}
    not_codes: set[str] = set()
    not_counted: set[str] = set()
    for e in load_jsonl("currencies.jsonl"):
        if "not_codes" in e:
            not_codes.update(e["not_codes"])
            continue
        if e.get("counted") is False:
            not_counted.update(s.lower() for s in e["suffix"])
        for s in e["prefix"]:
            prefix[s] = (e["code"], e.get("china_code"))
            if _LETTERS.match(s) and s.endswith("$"):
                prefix.setdefault(s[:-1] + " $", (e["code"], e.get("china_code")))  # "HK $3", "C $5"
        for s in e["suffix"]:
            suffix[s] = (e["code"], e.get("china_code"))
            if "scale" in e:
                scale[s.lower()] = e["scale"]
            if "unit" in e:
                unit[s.lower()] = e["unit"]
    for sign, code in world_signs().items():
        prefix.setdefault(sign, (code, None))
    for code, names in world_names().items():
        for name in names:
            if name.lower() not in {k.lower() for k in suffix}:
                suffix[name] = (code, None)
    until: dict[str, dt.date] = {}
    for e in load_jsonl("currency_codes.jsonl"):
        code = e["code"]
        if code in not_codes:
            continue
        prefix.setdefault(code, (code, None))
        suffix.setdefault(code, (code, None))
        if e["until"]:
            until[code] = dt.date.fromisoformat(e["until"])
    return _Currencies(prefix, suffix, scale, unit, until, frozenset(not_counted))


@lru_cache(maxsize=None)
def world_codes() -> frozenset[str]:
    """ISO 4217 codes of price-parser's table that CLDR (Babel) knows too, less funds
    and metals (X..): its non-ISO entries (RMB, AFL, GGP) are words or aliases.
    price-parser's table of signs and English names is the only one there is (Babel
    has one name per currency and no plurals); the package keeps it in a private
    module, so an upgrade is checked by tests/test_normalize_money.py."""
    from babel.numbers import list_currencies
    from price_parser._currencies import CURRENCIES

    return frozenset(c for c in CURRENCIES if c in list_currencies() and not c.startswith("X"))


@lru_cache(maxsize=None)
def world_signs() -> dict[str, str]:
    """Sign → code for currency signs (those with a currency symbol character: "₹", "₩", "R$", "GH₵")
    → code. A sign several currencies use is kept only where CLDR (Babel) gives it
    to one of them in English; letter-only abbreviations ("F", "kr") are left out,
    they are words too often."""
    import unicodedata

    from babel.numbers import get_currency_symbol
    from price_parser._currencies import CURRENCIES

    by_sign: dict[str, set[str]] = {}
    for code in world_codes():
        c = CURRENCIES[code]
        for sign in [c.get("s"), c.get("sn"), *c.get("sn2", [])]:
            if sign and any(unicodedata.category(ch) == "Sc" for ch in sign):
                by_sign.setdefault(sign, set()).add(code)
    out = {}
    for sign, codes in by_sign.items():
        if len(codes) > 1:
            codes = {c for c in codes if get_currency_symbol(c, locale="en") == sign}
        if len(codes) == 1:
            out[sign] = next(iter(codes))
    return out


@lru_cache(maxsize=None)
def world_names() -> dict[str, tuple[str, ...]]:
    """Code → the currency's English names, singular and plural ("Swiss Franc",
    "Swiss francs"), from price-parser's table."""
    from price_parser._currencies import CURRENCIES

    out: dict[str, tuple[str, ...]] = {}
    for code in world_codes():
        names = [CURRENCIES[code].get(k) for k in ("n", "np")]
        # a one-word name is a bare unit word ("Euro"): the hand list decides those
        out[code] = tuple(n for n in names if n and " " in n.strip())
    return out


def _words_re(words: list[str]) -> str:
    """Alternation of currency surfaces: words need word boundaries, symbols do not;
    spaces inside multi-word names may be any whitespace. Built as character tries:
    the world's currencies are hundreds of surfaces, tried at every figure."""
    groups: dict[tuple[bool, bool], list[str]] = {}
    for w in set(words):
        groups.setdefault((bool(_LETTERS.match(w)), bool(_LETTERS.search(w[-1]))), []).append(w)
    parts = []
    for (starts, ends), ws in sorted(groups.items()):
        body = trie_regex(ws).replace(r"\ ", r"\s+")
        parts.append((r"(?<![A-Za-z])" if starts else "") + body + (r"(?![A-Za-z])" if ends else ""))
    return "|".join(parts)


@lru_cache(maxsize=None)
def _grammar() -> dict[str, re.Pattern[str]]:
    cur = currencies()
    pre = _words_re(list(cur.prefix))
    # Suffix words are case-insensitive ("Dollars" in headlines), ISO codes are not.
    suf_words = [s for s in cur.suffix if not s.isupper()]
    suf_codes = [s for s in cur.suffix if s.isupper()]
    suf = "(?i:" + _words_re(suf_words) + ")|" + _words_re(suf_codes)
    magw = "(?i:" + alternation(list(magnitude_words())) + ")s?"
    # One-letter abbreviations must touch the number ("$5m"); longer ones may not.
    abbr = [a for a in magnitude_abbrevs()]
    long_abbr = alternation([a for a in abbr if len(a) > 1])
    short_abbr = alternation([a for a in abbr if len(a) == 1])
    mag = rf"(?:[\s-]?(?:{magw})|\s?(?:{long_abbr})|(?:{short_abbr}))(?![A-Za-z0-9])"
    numw = "(?i:" + trie_regex(sorted(number_words())) + ")"
    count = "(?i:" + trie_regex(sorted(counting_words())) + ")"
    # A figure: digits with an optional magnitude, or a number word that needs one.
    core = rf"(?:{NUMBER}(?:{mag})?|(?<![A-Za-z]){numw}[\s-]+(?:{magw})(?![A-Za-z]))"
    amount_pre = rf"(?:{pre})\s?(?:{SPACED_THOUSANDS}|{core})"
    # before a currency name a number word stands alone too: "seven dlrs", "three cts",
    # unless the name is an English word too ("ten won, the rest lost")
    counted = "(?i:" + _words_re([w for w in suf_words if w.lower() not in cur.not_counted]) + ")"
    amount_suf = rf"(?:{core}[\s-]*(?:{suf})|(?<![A-Za-z-]){count}[\s-]*(?:{counted}))"
    # "twelve dollars and fifty cents": one amount, of a unit and its hundredth
    sub_words, main_words = _compound_words(cur)
    subunit = "(?i:" + _words_re(sub_words) + ")"
    compound = rf"(?<![\w.,])(?:{NUMBER}|(?<![A-Za-z-]){count})\s+(?i:{_words_re(main_words)})\s+and\s+(?:{NUMBER}|{count})\s+{subunit}"
    single = rf"(?:{amount_pre}(?:\s*(?:{suf}))?|{amount_suf})"
    sep = r"\s*(?:-|–|—|to|and)\s*"
    # "$5-10 million", "$1.2 million to $23.5 million", "5 to 10 million yuan",
    # "680 million yuan and 720 million yuan"
    rng = rf"(?:(?:{pre})\s?)?{NUMBER}(?:{mag})?(?:[\s-]*(?:{suf}))?{sep}{single}"
    rng_pre = rf"(?:{pre})\s?{NUMBER}(?:{mag})?{sep}(?:(?:{pre})\s?)?{core}"
    vague_pfx = alternation([e["prefix"] for e in load_jsonl("vague_amounts.jsonl") if e["prefix"]])
    # "billions of yuan", "hundreds of millions of dollars", "multimillion-dollar",
    # "billion-dollar", "several billion dollars"
    magw_plural = "(?i:" + alternation([w + "s" for w in magnitude_words()]) + ")"
    vague = (
        rf"(?<![\w$£€¥.,-])(?:"
        rf"(?i:(?:{vague_pfx}))[\s-]*(?:{magw})(?:\s+of\s+(?:{suf})|[\s-]+(?:{suf}))"  # several hundred million dollars
        rf"|{magw_plural}\s+of\s+(?:{suf})"  # billions of yuan
        rf"|(?i:(?:{magw}))-(?:{suf})(?![\w-])"  # billion-dollar
        rf")"
    )
    return {
        "compound": re.compile(compound),
        "compound_parts": re.compile(rf"^(?P<main>.+?)\s+and\s+(?P<sub>(?:{NUMBER}|{count})\s+{subunit})$"),
        "range": re.compile(rf"(?<![\w.]){rng}|(?<![\w.]){rng_pre}"),
        # a figure may touch CJK text ("售价100元"), not a Latin word or another figure
        "single": re.compile(rf"(?<![A-Za-z0-9_.,]){single}"),
        "vague": re.compile(vague),
        # pieces used to take a matched span apart again
        "piece": re.compile(
            rf"(?P<pre>{pre})?\s?(?P<num>{SPACED_THOUSANDS}|{NUMBER}|{numw})?[\s-]*(?P<mag>{magw}|{long_abbr}|{short_abbr})?"
            rf"(?![A-Za-z0-9])[\s-]*(?P<suf>{suf})?"
        ),
        "vague_parts": re.compile(
            rf"(?i)^(?:(?P<pfx>{vague_pfx})[\s-]*)?(?P<mag>{magw})(?:\s+of\s+|[\s-]+)(?P<cur>.+)$"
        ),
        # not inside a wire fraction ("3-1/4 dlrs")
        "sep": re.compile(rf"(?<=[\d%A-Za-z.]){sep}(?!\d{{1,2}}/\d)(?=[\d$€£¥A-Z]|(?:{pre}))"),
    }


def _compound_words(cur: _Currencies) -> tuple[list[str], list[str]]:
    """The names of hundredths ("cents", "pence") and of the units they divide
    ("dollars", "pounds", "euros"): the words a compound amount joins."""
    subs = {s for s, f in cur.scale.items() if f == 0.01}
    sub_codes = {cur.suffix[s][0] for s in cur.suffix if s.lower() in subs}
    mains = [
        s for s, (code, _) in cur.suffix.items()
        if code in sub_codes and s.lower() not in subs and s.islower() and " " not in s
    ]
    return sorted(subs), mains


def find_money(
    text: str, *, china: bool = False, home: dict[str, str] | None = None, on: dt.date | None = None
) -> list[Found]:
    """All money mentions in `text`, non-overlapping, in order. `china` says the
    text is about China (then ¥ is the yuan); `home` maps unit words to the
    currency of the story's own country ({"dollar": "NZD"}: "dlrs" are NZD); `on`
    is the text's date (the codes of past currencies count only before their end)."""
    g = _grammar()
    found: list[Found] = []
    taken = Occupied()

    # vague phrases first: "several hundred million dollars" is not "hundred million dollars"
    windows = _windows(text)
    for rule in ("compound", "range", "vague", "single"):
        for m in (m for lo, hi in windows for m in g[rule].finditer(text, lo, hi)):
            s, e = m.start(), m.end()
            s, e = _trim(text, s, e)
            if e <= s or not taken.free(s, e):
                continue
            if _not_a_figure(text, s, e):
                continue
            span = text[s:e]
            if rule == "range" and " and " in span.lower() and not _preceded_by_between(text, s):
                continue  # "X and Y" is a range only after "between"
            lo, hi = sentence_bounds(text, s, e)
            value = normalize_money(span, before=text[lo:s], after=text[e:hi], china=china, home=home, on=on)
            if value is None or (rule == "range" and (not _plausible_range(span, value)
                                                      or _after_month(text, s))):
                continue
            if rule == "range" and _is_change(text, s):
                # "raised from £3 to £5": a start and an end, two mentions; the start
                # borrows what the end says ("from 5 to 10 million yuan")
                for part_s, part_e, amount in _change_ends(text, s, e, value):
                    found.append(Found(part_s, part_e, {**value, "amount": amount, "low": None, "high": None}, "money-change"))
                taken.add(s, e)
                continue
            found.append(Found(s, e, value, f"money-{rule}"))
            taken.add(s, e)
    found.sort(key=lambda f: f.start)
    if found:
        from pipeline.normalize.carried import carry_currency  # it builds on this module

        found = sorted(found + carry_currency(text, found), key=lambda f: f.start)
    return found


# Every money mention holds a digit, a currency sign or a magnitude word; the
# grammar runs only in windows around those, not from every character of the text.
@lru_cache(maxsize=None)
def _anchor() -> re.Pattern[str]:
    """Digits, any currency sign, magnitude words, and currency names (for amounts
    written out: "seven dlrs", "three cts")."""
    signs = {ch for s in currencies().prefix for ch in s if not ch.isalnum() and not ch.isspace() and ch != "."}
    # every name but the codes, whatever its script ("dlrs", "元")
    names = {s.lower() for s in currencies().suffix if s[0].isalpha() and not s.isupper()}
    return re.compile(
        rf"[\d{re.escape(''.join(sorted(signs)))}]+"
        rf"|(?i:thousand|million|billion|trillion|lakh|crore)"
        rf"|(?<![A-Za-z])(?i:{trie_regex(sorted(names))})(?![A-Za-z])"
    )
_REACH_BEFORE, _REACH_AFTER = 48, 72


def _windows(text: str) -> list[tuple[int, int]]:
    windows: list[list[int]] = []
    for m in _anchor().finditer(text):
        lo, hi = max(0, m.start() - _REACH_BEFORE), m.end() + _REACH_AFTER
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    out = []
    for lo, hi in windows:
        # end a window at a space, so that no word is cut for the grammar's look-aheads
        space = text.find(" ", hi)
        out.append((lo, len(text) if space == -1 else space))
    return out


# A minus sign touching the figure (after a space, a bracket or the start): amounts
# are never negative, so "-$3 billion" is refused rather than read as $3 billion.
_MINUS_BEFORE = re.compile(r"(?:^|[\s(\[{:;=/])[-−‒–]$")
# Part of a power or scientific notation: "10^9 dollars" is not $9, "$1e309" not $1.
_POWER_BEFORE = re.compile(r"(?:\^|\*\*|\d[eE][+-]?)$")
_EXPONENT_AFTER = re.compile(r"[eE][+-]?\d|\^|\*\*")


def _not_a_figure(text: str, s: int, e: int) -> bool:
    """Whether the characters touching [s, e) show it is no amount as written."""
    before = text[max(0, s - 3) : s]
    return bool(_MINUS_BEFORE.search(before) or _POWER_BEFORE.search(before) or _EXPONENT_AFTER.match(text, e))


def _plausible_range(span: str, value: dict[str, Any]) -> bool:
    """A range runs low to high, and a bare year is no low end ("in 2024 to $140 billion")."""
    if value["low"] is None or value["high"] is None or value["low"] > value["high"]:
        return False
    parts = _split_range(span) or [span]
    low = _piece(parts[0], False)
    bare = low is not None and low["cur"] is None and low["factor"] is None
    return not (bare and re.fullmatch(r"\s*(?:19|20)\d\d\s*", parts[0]))


@lru_cache(maxsize=None)
def _month_before() -> re.Pattern[str]:
    """A month name (capitalised, so the verb "may" is none) ending right where a range
    would start: "beginning April 1 to 110 billion dlrs" is a date and an amount."""
    names = [n for e in load_jsonl("dates.jsonl") if e.get("kind") == "month"
             for n in [*e.get("names", []), *e.get("abbrevs", [])]]
    return re.compile(rf"(?<![A-Za-z])(?:{alternation(names)})\.?\s+$")


def _after_month(text: str, s: int) -> bool:
    return bool(_month_before().search(text, max(0, s - 12), s))


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while e > s and text[e - 1] in " -–—\t\n":
        e -= 1
    return s, e


@lru_cache(maxsize=None)
def _from() -> re.Pattern[str]:
    """ "from X to Y" is a change unless a verb spans a range ("prices ranging from £3 to £5")."""
    verbs = [w for e in load_jsonl("range_verbs.jsonl") for w in e["words"]]
    return re.compile(rf"(?i)(?<![A-Za-z])(?:(?P<verb>{alternation(verbs)})\s+)?from\s+$")


def _is_change(text: str, s: int) -> bool:
    m = _from().search(text, max(0, s - 30), s)
    return m is not None and m.group("verb") is None


def _change_ends(text: str, s: int, e: int, value: dict[str, Any]) -> list[tuple[int, int, float]]:
    span = text[s:e]
    m = _range_sep(span)
    assert m is not None  # the span was read as a range
    left_e = s + len(span[: m.start()].rstrip())
    return [(s, left_e, value["low"]), (s + m.end(), e, value["high"])]


def _preceded_by_between(text: str, s: int) -> bool:
    return re.search(r"(?i)\bbetween\s+$", text[max(0, s - 20) : s]) is not None


def normalize_money(
    text: str,
    *,
    before: str = "",
    after: str = "",
    china: bool = False,
    home: dict[str, str] | None = None,
    on: dt.date | None = None,
) -> dict[str, Any] | None:
    """Normalise one money span (as docs/ANNOTATION.md draws it: no qualifier words).
    `before`/`after` is the surrounding text of the sentence, read for qualifiers."""
    g = _grammar()
    span = text.strip()
    if not span:
        return None
    qual = qualifier(before, after)
    cm = g["compound_parts"].match(span)
    if cm:
        main = normalize_money(cm.group("main"), china=china, home=home, on=on)
        sub = _piece(cm.group("sub"), china, home, on)
        if main is None or sub is None or main["amount"] is None or sub["num"] is None:
            return None
        return money_value(amount=main["amount"] + sub["num"], currency=main["currency"], qualifier=qual)
    vm = g["vague_parts"].match(span)
    if vm and not re.search(r"\d", span):
        cur = _currency_of(vm.group("cur"), china, home, on)
        if cur is None:
            return None
        mult = _vague_multiplier(vm.group("pfx"), vm.group("mag"))
        factor = magnitude_factor(vm.group("mag"))
        if factor is None:
            return None
        return money_value(low=mult * factor, currency=cur, qualifier=qual, vague=True)
    parts = _split_range(span)
    if parts is None:
        return None
    pieces = [_piece(p, china, home, on) for p in parts]
    if any(p is None for p in pieces):
        return None
    currency = next((p["cur"] for p in reversed(pieces) if p["cur"]), None)  # type: ignore[index]
    if currency is None:
        return None
    if len(pieces) == 1:
        p = pieces[0]
        if p["num"] is None:  # type: ignore[index]
            return None
        return money_value(amount=p["num"] * (p["factor"] or 1.0), currency=currency, qualifier=qual)  # type: ignore[index]
    lo, hi = pieces  # type: ignore[misc]
    if lo["num"] is None or hi["num"] is None:
        return None
    hi_v = hi["num"] * (hi["factor"] or 1.0)
    lo_v = lo["num"] * (lo["factor"] or 1.0)
    # "$5-10 million": the low end borrows the magnitude of the high end.
    if lo["factor"] is None and hi["factor"] and lo["num"] * hi["factor"] <= hi_v:
        lo_v = lo["num"] * hi["factor"]
    if lo_v > hi_v:
        return None  # "$5 billion-$3 billion" runs high to low: no range
    return money_value(low=lo_v, high=hi_v, currency=currency, qualifier=qual)


def money_value(**kw: Any) -> dict[str, Any] | None:
    """A money value with every key; None when a figure is no finite number."""
    out = {"amount": None, "low": None, "high": None, "currency": None, "qualifier": None, "vague": False}
    out.update(kw)
    if any(out[k] is not None and not math.isfinite(out[k]) for k in ("amount", "low", "high")):
        return None  # a figure too large for a float is no amount
    return out


def _vague_multiplier(prefix: str | None, mag: str) -> float:
    entries = {e["prefix"]: e["multiplier"] for e in load_jsonl("vague_amounts.jsonl")}
    if prefix:
        return float(entries.get(prefix.lower(), 2))
    # "billions of" is at least two; the adjective "billion-dollar" at least one.
    return float(entries[""]) if mag.lower().endswith("s") else 1.0


def _range_sep(span: str) -> re.Match[str] | None:
    """The separator between the two ends of a range, if the span is one."""
    for m in _grammar()["sep"].finditer(span):
        left, right = span[: m.start()], span[m.end() :]
        if re.search(r"\d", left) and re.search(r"\d", right) and re.search(r"\d\s*$|[A-Za-z$]\s*$", left):
            return m
    return None


def _split_range(span: str) -> list[str] | None:
    m = _range_sep(span)
    return [span[: m.start()], span[m.end() :]] if m else [span]


def _piece(text: str, china: bool, home: dict[str, str] | None = None, on: dt.date | None = None) -> dict[str, Any] | None:
    m = _grammar()["piece"].fullmatch(text.strip())
    if not m:
        return None
    if not all(currencies().current(m.group(k) or "", on) for k in ("pre", "suf")):
        return None
    num = parse_number(m.group("num")) if m.group("num") else None
    factor = magnitude_factor(m.group("mag")) if m.group("mag") else None
    cur = None
    if m.group("pre"):
        cur = currencies().code(m.group("pre"), china, suffix=False)
    elif m.group("suf"):
        surface = re.sub(r"\s+", " ", m.group("suf"))
        cur = currencies().code(surface, china, suffix=True, home=home)
        unit = currencies().scale.get(surface.lower())
        if unit is not None and num is not None:
            num *= unit  # "81 cents" is 0.81 dollars
    return {"num": num, "factor": factor, "cur": cur}


def _currency_of(text: str, china: bool, home: dict[str, str] | None = None, on: dt.date | None = None) -> str | None:
    t = re.sub(r"\s+", " ", text.strip())
    if not currencies().current(t, on):
        return None
    try:
        return currencies().code(t, china, suffix=True, home=home)
    except StopIteration:
        return None
