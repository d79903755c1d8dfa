"""Checks over linked claims (see pipeline/claims.py): stated currency conversions,
agreement of the same figure across documents, and internal arithmetic.

Exchange rates come from the article itself when it states one ("1 yuan equals
$0.14"), else from the dated table patterns/fx_rates.jsonl.
"""
from __future__ import annotations

import copy
import re
from collections import defaultdict
from functools import lru_cache
from typing import Any, Iterable

from pipeline.resources import load_jsonl

# Relative tolerance for conversions and cross-document amounts: stated rates
# such as "$0.14" are rounded to two digits, so anything tighter would misfire.
FX_TOLERANCE = 0.05
AMOUNT_TOLERANCE = 0.05
# Percentages are compared in points: "30%" and "30.4%" are the same report.
CHANGE_TOLERANCE_POINTS = 0.5

_NUM = r"(?:\d[\d,]*(?:\.\d+)?|one|an|a)"
_QUAL = r"(?:(?:about|approximately|around|roughly|some|nearly)\s+)?"


# ---------------------------------------------------------------- rate tables


@lru_cache(maxsize=None)
def _table() -> dict[str, dict[int, float]]:
    out: dict[str, dict[int, float]] = defaultdict(dict)
    for e in load_jsonl("fx_rates.jsonl"):
        out[e["currency"]][int(e["year"])] = float(e["per_usd"])
    return dict(out)


def table_per_usd(currency: str, year: int | None) -> tuple[float, int] | None:
    """(units of `currency` per USD, year used): the given year if listed, else the
    nearest listed year (the latest one when no year is known)."""
    if currency == "USD":
        return 1.0, year or 0
    years = _table().get(currency)
    if not years:
        return None
    if year is None:
        use = max(years)
    else:
        use = min(years, key=lambda y: (abs(y - year), -y))
    return years[use], use


def table_rate(base: str, quote: str, year: int | None) -> tuple[float, int] | None:
    """Units of `quote` per unit of `base` from the table, and the year used."""
    b = table_per_usd(base, year)
    q = table_per_usd(quote, year)
    if b is None or q is None:
        return None
    used = q[1] if base == "USD" else b[1]
    return q[0] / b[0], used


# ------------------------------------------------------- rates stated in text


@lru_cache(maxsize=None)
def _currency_words() -> dict[str, str]:
    """Surface form (lower case) → ISO code, for reading stated rates."""
    words: dict[str, str] = {}
    for e in load_jsonl("claim_cues.jsonl"):
        if e.get("kind") == "currency-words":
            for code, forms in e["currencies"].items():
                for f in forms:
                    words[f.lower()] = code
    return words


# The yen sign is left out: it is yuan or yen depending on the story.
_PREFIXES = {"$": "USD", "US$": "USD", "U.S.$": "USD", "HK$": "HKD", "€": "EUR", "£": "GBP", "RMB": "CNY"}


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def _amount_re(tag: str) -> str:
    """An amount with its currency, as a prefix symbol or a following word."""
    return (
        rf"(?:(?<![\w$])(?P<{tag}p>{_alt(_PREFIXES)})\s?(?P<{tag}n1>{_NUM})"
        rf"|(?<![\w.,])(?P<{tag}n2>{_NUM})\s+(?P<{tag}s>{_alt(_currency_words())})(?![\w]))"
    )


@lru_cache(maxsize=None)
def _rate_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    equals = re.compile(
        _amount_re("a")
        + r"\s*(?:=|≈|equals|equal\s+to|is\s+equal\s+to|was\s+equal\s+to|is\s+equivalent\s+to|equivalent\s+to"
        r"|is\s+worth|was\s+worth|is\s+about|is\s+approximately)\s*"
        + _QUAL
        + _amount_re("b"),
        re.I,
    )
    per = re.compile(
        r"exchange\s+rate\s+of\s+" + _QUAL + _amount_re("b")
        + r"\s+(?:per|to\s+the|to\s+one|to\s+a|for\s+each|for\s+every|for\s+one|against\s+the|a)\s+(?:1\s+|one\s+)?"
        rf"(?P<base>{_alt(_currency_words())})(?![\w])",
        re.I,
    )
    return equals, per


def _number(text: str) -> float:
    t = text.lower().replace(",", "")
    return 1.0 if t in ("one", "a", "an") else float(t)


def _word_code(word: str) -> str:
    return _currency_words()[re.sub(r"\s+", " ", word.lower())]


def _side(m: re.Match[str], tag: str) -> tuple[float, str]:
    """(number, currency) of one side of a stated rate."""
    prefix = m.group(f"{tag}p")
    if prefix:
        return _number(m.group(f"{tag}n1")), _PREFIXES[prefix.upper()]
    return _number(m.group(f"{tag}n2")), _word_code(m.group(f"{tag}s"))


def find_stated_rates(text: str) -> list[dict[str, Any]]:
    """Exchange rates an article states, as {"base", "quote", "rate" (quote per base),
    "start", "end", "text"}: "1 yuan equals $0.14", "1 US dollar = 7.1 yuan",
    "at an exchange rate of 7.1 yuan per dollar"."""
    equals, per = _rate_patterns()
    found: list[dict[str, Any]] = []
    for m in equals.finditer(text):
        (na, ca), (nb, cb) = _side(m, "a"), _side(m, "b")
        if ca != cb and na > 0:
            found.append(_rate(ca, cb, nb / na, m))
    for m in per.finditer(text):
        nb, cb = _side(m, "b")
        base = _word_code(m.group("base"))
        if base != cb:
            found.append(_rate(base, cb, nb, m))
    found.sort(key=lambda r: (r["start"], r["end"]))
    return found


def _rate(base: str, quote: str, rate: float, m: re.Match[str]) -> dict[str, Any]:
    return {"base": base, "quote": quote, "rate": rate, "start": m.start(), "end": m.end(), "text": m.group(0)}


def stated_rate(rates: list[dict[str, Any]], base: str, quote: str) -> float | None:
    """Units of `quote` per `base` from the article's own rates, either direction."""
    for r in rates:
        if r["base"] == base and r["quote"] == quote:
            return float(r["rate"])
        if r["base"] == quote and r["quote"] == base and r["rate"]:
            return 1.0 / float(r["rate"])
    return None


# ------------------------------------------------------------------- helpers


def _round(x: float) -> float:
    return float(f"{x:.6g}")


def claim_year(claim: dict[str, Any]) -> int | None:
    """The year a claim's figures belong to: its period, else its article's date."""
    period = claim.get("period") or {}
    value = period.get("value") or {}
    for key in ("start", "value"):
        v = value.get(key)
        if isinstance(v, str) and re.match(r"\d{4}", v):
            return int(v[:4])
    published = claim.get("published")
    if isinstance(published, str) and re.match(r"\d{4}", published):
        return int(published[:4])
    return None


def money_bounds(value: dict[str, Any]) -> tuple[float, float] | None:
    """(low, high) of a money or percent value; None for vague amounts."""
    if value.get("vague"):
        return None
    if value.get("amount") is not None:
        return float(value["amount"]), float(value["amount"])
    if value.get("value") is not None:
        return float(value["value"]), float(value["value"])
    if value.get("low") is not None and value.get("high") is not None:
        return float(value["low"]), float(value["high"])
    return None


def to_usd(value: dict[str, Any], year: int | None) -> tuple[float, float] | None:
    bounds = money_bounds(value)
    currency = value.get("currency")
    if bounds is None or not currency:
        return None
    rate = table_per_usd(currency, year)
    if rate is None:
        return None
    return bounds[0] / rate[0], bounds[1] / rate[0]


def _mid(bounds: tuple[float, float]) -> float:
    return (bounds[0] + bounds[1]) / 2


# --------------------------------------------------------------- conversions


def conversion_flag(claim: dict[str, Any]) -> dict[str, Any] | None:
    """Check "$2 billion (approximately 14.25 billion yuan)" against the article's
    stated rate, else the table rate of the claim's year."""
    conv, amount = claim.get("amount_converted"), claim.get("amount")
    if not conv or not amount or amount.get("type") != "money":
        return None
    a, b = amount["value"], conv["value"]
    ab, bb = money_bounds(a), money_bounds(b)
    if not ab or not bb or not a.get("currency") or not b.get("currency") or _mid(ab) == 0:
        return None
    base, quote = a["currency"], b["currency"]
    implied = _mid(bb) / _mid(ab)
    reference = stated_rate(claim.get("article_rates") or [], base, quote)
    source, year = "article", None
    if reference is None:
        found = table_rate(base, quote, claim_year(claim))
        if found is None:
            return None
        (reference, year), source = found, "table"
    diff = abs(implied - reference) / reference
    return {
        "flag": "conversion_ok" if diff <= FX_TOLERANCE else "conversion_mismatch",
        "implied_rate": _round(implied),
        "reference_rate": _round(reference),
        "rate_unit": f"{quote} per {base}",
        "rate_source": source,
        "rate_year": year,
        "relative_difference": _round(diff),
        "tolerance": FX_TOLERANCE,
    }


# ---------------------------------------------------------------- arithmetic


def _range_problems(slot: str, part: dict[str, Any] | None) -> list[str]:
    if not part:
        return []
    v = part.get("value") or {}
    lo, hi = v.get("low"), v.get("high")
    if lo is not None and hi is not None and lo > hi:
        return [f"{slot} range low {lo:g} is above its high {hi:g} ({part['mention_id']})"]
    return []


def _comparable(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two figures can be compared directly: both percentages, or the same currency."""
    if a.get("type") != b.get("type"):
        return False
    return a.get("type") == "percent" or a["value"].get("currency") == b["value"].get("currency")


def _direction_problems(claim: dict[str, Any]) -> list[str]:
    """"fell ... from A to B" with B above A, or the reverse; and a stated percent
    change far from the one A and B imply."""
    start, end = claim.get("from"), claim.get("amount")
    if not start or not end or not _comparable(start, end):
        return []
    a, b = money_bounds(start["value"]), money_bounds(end["value"])
    if a is None or b is None:
        return []
    a0, b0 = _mid(a), _mid(b)
    change = claim.get("change") or {}
    direction = change.get("direction") or start.get("direction")
    out = []
    if direction == "decrease" and b0 > a0:
        out.append(f"a decrease, but it goes from {a0:g} to {b0:g}")
    if direction == "increase" and b0 < a0:
        out.append(f"an increase, but it goes from {a0:g} to {b0:g}")
    pct = change.get("value") or {}
    # Only for money: "rose 35% from 8% to 43%" may well mean points, so shares are left alone.
    money_pair = start.get("type") == "money"
    if money_pair and change.get("type") == "percent" and pct.get("unit") == "percent" and pct.get("value") and a0:
        implied = abs(b0 - a0) / a0 * 100
        stated = float(pct["value"])
        if abs(implied - stated) > max(1.0, 0.05 * stated):
            out.append(f"stated change {stated:g}% but {a0:g} to {b0:g} is {implied:.4g}%")
    return out


def _share_problems(claim: dict[str, Any]) -> list[str]:
    amount = claim.get("amount") or {}
    if claim.get("metric") != "share_of_total" or amount.get("type") != "percent":
        return []
    v = amount["value"]
    top = max(x for x in (v.get("value"), v.get("high"), v.get("low"), 0.0) if x is not None)
    return [f"a share of {top:g}% is more than the whole"] if top > 100 else []


def arithmetic_flags(claim: dict[str, Any]) -> list[dict[str, Any]]:
    details = []
    for slot in ("amount", "amount_converted", "from", "change"):
        details += _range_problems(slot, claim.get(slot))
    details += _direction_problems(claim) + _share_problems(claim)
    return [{"flag": "arithmetic", "detail": d} for d in details]


# ----------------------------------------------------------- across documents


def _period_key(claim: dict[str, Any]) -> tuple[Any, ...] | None:
    """The period's start and end ("2023-Q1" and "the first quarter of this year" resolved
    to 2023 both span Jan 1 to Mar 31), else its value; unresolved ones match nothing."""
    v = (claim.get("period") or {}).get("value") or {}
    if v.get("start") and v.get("end"):
        return ("span", v["start"], v["end"])
    if v.get("value"):
        return ("value", v["value"])
    return None


def _who_key(claim: dict[str, Any]) -> tuple[Any, ...] | None:
    names = sorted({s["name"] for s in claim.get("subjects") or []})
    if names:
        return ("subjects", *names)
    if claim.get("scope"):
        return ("scope", claim["scope"])
    return None


def match_key(claim: dict[str, Any]) -> tuple[Any, ...] | None:
    metric, who, period = claim.get("metric"), _who_key(claim), _period_key(claim)
    if not metric or who is None or period is None:
        return None
    return (metric, who, period)


def _amount_view(claim: dict[str, Any]) -> tuple[str, tuple[float, float]] | None:
    """The claim's amount on a common scale: USD for money, points for percentages."""
    amount = claim.get("amount")
    if not amount:
        return None
    if amount.get("type") == "percent":
        b = money_bounds(amount["value"])
        return ("points", b) if b else None
    b = to_usd(amount["value"], claim_year(claim))
    return ("usd", b) if b else None


def _change_view(claim: dict[str, Any]) -> tuple[str, tuple[float, float], str | None] | None:
    change = claim.get("change")
    if not change:
        return None
    v = change["value"]
    if change.get("type") == "money":
        b = to_usd(v, claim_year(claim))
        return ("usd", b, change.get("direction")) if b else None
    b = money_bounds(v)
    return (v.get("unit") or "percent", b, change.get("direction")) if b else None


def _close(kind: str, a: tuple[float, float], b: tuple[float, float]) -> bool:
    if kind == "usd":
        scale = max(abs(a[0]), abs(a[1]), abs(b[0]), abs(b[1])) or 1.0
        return abs(a[0] - b[0]) <= AMOUNT_TOLERANCE * scale and abs(a[1] - b[1]) <= AMOUNT_TOLERANCE * scale
    return abs(a[0] - b[0]) <= CHANGE_TOLERANCE_POINTS and abs(a[1] - b[1]) <= CHANGE_TOLERANCE_POINTS


def compare(a: dict[str, Any], b: dict[str, Any]) -> bool | None:
    """True when every figure both claims state agrees, False when one differs,
    None when they share no figure to compare."""
    verdicts = []
    va, vb = _amount_view(a), _amount_view(b)
    if va and vb and va[0] == vb[0]:
        verdicts.append(_close(va[0], va[1], vb[1]))
    ca, cb = _change_view(a), _change_view(b)
    if ca and cb and ca[0] == cb[0]:
        same_way = ca[2] is None or cb[2] is None or ca[2] == cb[2]
        verdicts.append(same_way and _close(ca[0], ca[1], cb[1]))
    na, nb = (a.get("count") or {}).get("value"), (b.get("count") or {}).get("value")
    if na is not None and nb is not None:
        verdicts.append(_close("usd", (na, na), (nb, nb)))
    return all(verdicts) if verdicts else None


def _summary(claim: dict[str, Any]) -> dict[str, Any]:
    """What a claim says, on the scale it was compared on (USD, percent, points)."""
    amount, change = _amount_view(claim), _change_view(claim)
    out: dict[str, Any] = {"claim_id": claim["id"], "doc_id": claim["doc_id"], "amount": None, "change": None}
    if amount is not None:
        out["amount"] = {"unit": amount[0], "low": _round(amount[1][0]), "high": _round(amount[1][1])}
    if change is not None:
        out["change"] = {"unit": change[0], "low": _round(change[1][0]), "high": _round(change[1][1]),
                         "direction": change[2]}
    out["count"] = (claim.get("count") or {}).get("value")
    return out


def _source(claim: dict[str, Any]) -> dict[str, str]:
    return {"claim_id": claim["id"], "doc_id": claim["doc_id"]}


def document_flags(claims: list[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    """corroborated / conflict flags, by index into `claims`."""
    groups: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        key = match_key(c)
        if key is not None:
            groups[key].append(i)
    flags: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for members in groups.values():
        for i in members:
            agree, differ = [], []
            for j in members:
                if claims[j]["doc_id"] == claims[i]["doc_id"]:
                    continue
                verdict = compare(claims[i], claims[j])
                if verdict is True:
                    agree.append(j)
                elif verdict is False:
                    differ.append(j)
            order = lambda js: sorted(js, key=lambda j: (claims[j]["doc_id"], claims[j]["id"]))  # noqa: E731
            if agree:
                flags[i].append({"flag": "corroborated", "sources": [_source(claims[j]) for j in order(agree)]})
            if differ:
                flags[i].append({
                    "flag": "conflict",
                    "values": [_summary(claims[j]) for j in [i, *order(differ)]],
                    "sources": [_source(claims[j]) for j in order(differ)],
                })
    _assumed_period_flags(claims, flags)
    return flags


def _assumed_period_flags(claims: list[dict[str, Any]], flags: dict[int, list[dict[str, Any]]]) -> None:
    """A claim whose period could not be resolved ("the first quarter of this year" in
    an undated article) corroborates another of the same metric, subject and kind of
    period only when both its amount and its change agree; the flag says the period
    was assumed. Unknown periods never make a conflict: they may simply differ."""
    def loose_key(c: dict[str, Any]) -> tuple[Any, ...] | None:
        gran = ((c.get("period") or {}).get("value") or {}).get("granularity")
        who = _who_key(c)
        if not c.get("metric") or who is None or not gran:
            return None
        return (c["metric"], who, gran)

    groups: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        key = loose_key(c)
        if key is not None and c.get("amount") and c.get("change"):
            groups[key].append(i)
    for members in groups.values():
        for i in members:
            agree = [
                j for j in members
                if claims[j]["doc_id"] != claims[i]["doc_id"]
                and None in (_period_key(claims[i]), _period_key(claims[j]))
                and compare(claims[i], claims[j]) is True
            ]
            if agree:
                agree.sort(key=lambda j: (claims[j]["doc_id"], claims[j]["id"]))
                flags[i].append({"flag": "corroborated", "period": "assumed the same: one source does not resolve it",
                                 "sources": [_source(claims[j]) for j in agree]})


# ---------------------------------------------------------------------- entry


def cross_check(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Copies of `claims`, in the same order, with "flags" recomputed: conversion
    checks, arithmetic problems, then agreement with claims of other documents."""
    out = [copy.deepcopy(c) for c in claims]
    across = document_flags(out)
    for i, c in enumerate(out):
        flags: list[dict[str, Any]] = []
        conv = conversion_flag(c)
        if conv:
            flags.append(conv)
        flags += arithmetic_flags(c)
        flags += across.get(i, [])
        c["flags"] = flags
    return out
