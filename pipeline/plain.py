"""Records in plain words, as a reporter would write them: "$1.2 billion",
"fell 30% year on year", "Q1 2023", and a claim as "Acme revenue: fell 30% year
on year to $1.2 billion, Q1 2023, according to PitchBook".

For people reading the report and the review page; the exports keep the
compact `readable_value` of pipeline.report (its `normalized` column).
Every function takes a record as written and never raises on odd values.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

_QUALIFIER_WORDS = {"approx": "about", "gt": "more than", "ge": "at least", "lt": "less than", "le": "at most"}
_BASIS_WORDS = {"yoy": "year on year", "qoq": "quarter on quarter", "mom": "month on month"}
_MODIFIER_WORDS = {"start": "early", "mid": "mid", "end": "late"}
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def _num(x: Any) -> float | None:
    if isinstance(x, bool) or not isinstance(x, (int, float)) or not math.isfinite(x):
        return None
    return float(x)


def figure(x: Any) -> str:
    """1.2e9 → '1.2 billion', 5600 → '5,600', 12.0 → '12'."""
    n = _num(x)
    if n is None:
        return str(x)
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(n) >= size:
            return f"{n / size:,.4g} {word}"
    return f"{n:,.4f}".rstrip("0").rstrip(".") if n != int(n) else f"{int(n):,}"


@lru_cache(maxsize=512)
def currency_sign(code: str) -> str:
    """'$' for USD, '€' for EUR, 'CN¥' for CNY (CLDR's English symbols); the code
    followed by a space where CLDR has no shorter sign."""
    try:
        from babel.numbers import get_currency_symbol

        sign = get_currency_symbol(code, locale="en")
    except Exception:  # an unknown code or a missing locale: the code says it
        sign = code
    return sign if sign != code else f"{code} "


def money(v: dict[str, Any]) -> str:
    code = v.get("currency")
    sign = currency_sign(str(code)) if code else ""
    unknown = "" if code else " (currency not stated)"
    q = _QUALIFIER_WORDS.get(v.get("qualifier") or "")
    pre = f"{q} " if q else ""
    if v.get("vague"):
        low = _num(v.get("low"))
        return f"an unstated sum, at least {sign}{figure(low)}{unknown}" if low is not None else "an unstated sum"
    if _num(v.get("amount")) is not None:
        return f"{pre}{sign}{figure(v['amount'])}{unknown}"
    if _num(v.get("low")) is not None or _num(v.get("high")) is not None:
        return f"{pre}{sign}{figure(v.get('low'))} to {sign}{figure(v.get('high'))}{unknown}"
    return "an amount that could not be read"


def percent(v: dict[str, Any], verbs: tuple[str, str] = ("up", "down")) -> str:
    """'down 30% year on year'; `verbs` are the words for an increase and a decrease."""
    unit = " points" if v.get("unit") == "points" else "%"
    if _num(v.get("value")) is not None:
        fig = f"{figure(v['value'])}{unit}"
    else:
        fig = f"{figure(v.get('low'))} to {figure(v.get('high'))}{unit}"
    q = _QUALIFIER_WORDS.get(v.get("qualifier") or "")
    fig = f"{q} {fig}" if q else fig
    verb = {"increase": verbs[0], "decrease": verbs[1]}.get(v.get("direction") or "")
    text = f"{verb} {fig}" if verb else fig
    basis = _BASIS_WORDS.get(v.get("basis") or "")
    return f"{text} {basis}" if basis else text


_DATE_FORMS = (
    (re.compile(r"(FY)?(\d{4})-Q([1-4])"), lambda m: f"Q{m[3]} {'fiscal ' if m[1] else ''}{m[2]}"),
    (re.compile(r"(FY)?(\d{4})-H([12])"), lambda m: f"H{m[3]} {'fiscal ' if m[1] else ''}{m[2]}"),
    (re.compile(r"(\d{4})-W(\d{1,2})"), lambda m: f"week {int(m[2])} of {m[1]}"),
    (re.compile(r"(\d{4})-(SP|SU|FA|WI)"), lambda m: f"{_SEASONS[m[2]]} {m[1]}"),
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})"), lambda m: f"{int(m[3])} {_MONTHS[int(m[2]) - 1]} {m[1]}"),
    (re.compile(r"(\d{4})-(\d{2})"), lambda m: f"{_MONTHS[int(m[2]) - 1]} {m[1]}"),
    (re.compile(r"FY(\d{4})"), lambda m: f"fiscal {m[1]}"),
    (re.compile(r"(\d{3})0s"), lambda m: f"the {m[1]}0s"),
    (re.compile(r"\d{4}"), lambda m: m[0]),
)


def date_words(value: str) -> str:
    """'2023-Q1' → 'Q1 2023', '2023-06' → 'June 2023', '2023-02-19' → '19 February 2023'."""
    for pattern, words in _DATE_FORMS:
        m = pattern.fullmatch(value)
        if m:
            try:
                return words(m)
            except (IndexError, ValueError):
                break
    return value


def date(v: dict[str, Any]) -> str:
    if v.get("value"):
        text = date_words(str(v["value"]))
    elif v.get("start") or v.get("end"):
        text = f"{date_words(str(v.get('start') or '…'))} to {date_words(str(v.get('end') or '…'))}"
    else:
        return "date not resolved (no publication date)"
    mod = _MODIFIER_WORDS.get(v.get("modifier") or "")
    if mod:
        text = f"{mod}-{text}" if mod == "mid" else f"{mod} {text}"
    return text + (" (relative)" if v.get("relative") else "")


def org(v: dict[str, Any]) -> str:
    return str(v.get("name") or "an organisation") + (f" (ticker {v['ticker']})" if v.get("ticker") else "")


def model(v: dict[str, Any]) -> str:
    return str(v.get("name") or "a model") + (f", by {v['developer']}" if v.get("developer") else "")


_WORDS = {"money": money, "percent": percent, "date": date, "org": org, "model": model}


def value_words(mtype: str, value: Any) -> str:
    """A mention's value in plain words; '' when it has none."""
    if not isinstance(value, dict):
        return "" if value is None else str(value)
    fmt = _WORDS.get(mtype)
    try:
        if fmt:
            return fmt(value)
    except (KeyError, TypeError, ValueError, IndexError):
        pass
    return ", ".join(f"{k} {x}" for k, x in value.items() if x not in (None, "", [], {}))


# --------------------------------------------------------------------------- claims


def _part_value(part: Any) -> dict[str, Any]:
    value = part.get("value") if isinstance(part, dict) else None
    return value if isinstance(value, dict) else {}


def _change(part: Any) -> str:
    if not isinstance(part, dict):
        return ""
    value = dict(_part_value(part))
    if not value and _num(part.get("value")) is not None:
        value = {"value": part["value"], "unit": part.get("unit") or "percent"}
    if not value:
        return ""
    for k in ("direction", "basis"):  # the claim's reading of the figure wins
        if part.get(k):
            value[k] = part[k]
    return percent(value, verbs=("rose", "fell"))


def _amount(part: Any) -> str:
    value = _part_value(part)
    if value and (part.get("type") == "percent" or "unit" in value):  # a share: "48% of the market"
        return percent(value)
    if value:
        return money(value)
    if isinstance(part, dict) and _num(part.get("value")) is not None:
        return figure(part["value"])
    return ""


def _count(part: Any) -> str:
    if isinstance(part, dict) and _num(part.get("value")) is not None:
        return figure(part["value"])
    return str(part.get("text") or "") if isinstance(part, dict) else ""


def _names(items: Any) -> str:
    names = [str(s.get("name")) for s in items or [] if isinstance(s, dict) and s.get("name")]
    return " and ".join(names)


def metric_words(metric: Any) -> str:
    """'share_of_total' → 'share of total'; 'other' says nothing and is left out."""
    if metric in (None, "", "other"):
        return ""
    return str(metric).replace("_", " ").replace("profit or loss", "profit/loss")


def claim_words(claim: dict[str, Any]) -> str:
    """'Acme Corp revenue (global): rose 12% to $5.6 billion, 2023, according to the
    company' — who and what, then the figures, when, and on whose word."""
    head = " ".join(x for x in (_names(claim.get("subjects")), metric_words(claim.get("metric"))) if x)
    scope = claim.get("scope")
    if isinstance(scope, str) and scope:
        head += f" ({scope})"
    change, amount, count = _change(claim.get("change")), _amount(claim.get("amount")), _count(claim.get("count"))
    if change and amount:
        body = f"{change} to {amount}"
    else:
        body = change or amount
    if count:
        body = f"{body}, {count}" if body else count
    if _names(claim.get("counterparties")):
        body += f" (with {_names(claim.get('counterparties'))})"
    period = claim.get("period")
    if isinstance(period, dict) and _part_value(period):
        body += f", {date(_part_value(period))}"
    attribution = claim.get("attribution")
    if isinstance(attribution, dict) and (attribution.get("source") or attribution.get("name")):
        body += f", according to {attribution.get('source') or attribution.get('name')}"
    if claim.get("hedged"):
        hedges = ", ".join(str(h) for h in claim.get("hedges") or [])
        body += f" (hedged{': ' + hedges if hedges else ''})"
    return f"{head}: {body}" if head and body else head or body
