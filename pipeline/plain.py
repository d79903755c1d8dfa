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


def _span(low: Any, high: Any, sign: str = "", unit: str = "") -> str:
    """'5 to 7%'; a range open at one end is 'at least 5%' or 'at most 7%'."""
    lo, hi = _num(low), _num(high)
    if lo is not None and hi is not None:
        return f"{sign}{figure(lo)}{unit} to {sign}{figure(hi)}{unit}" if sign else f"{figure(lo)} to {figure(hi)}{unit}"
    if lo is not None:
        return f"at least {sign}{figure(lo)}{unit}"
    return f"at most {sign}{figure(hi)}{unit}"


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
        return f"{pre}{_span(v.get('low'), v.get('high'), sign)}{unknown}"
    return "an amount that could not be read"


def percent(v: dict[str, Any], verbs: tuple[str, str] = ("up", "down")) -> str:
    """'down 30% year on year'; `verbs` are the words for an increase and a decrease."""
    unit = " points" if v.get("unit") == "points" else "%"
    if _num(v.get("value")) is not None:
        fig = f"{figure(v['value'])}{unit}"
    elif _num(v.get("low")) is not None or _num(v.get("high")) is not None:
        fig = _span(v.get("low"), v.get("high"), unit=unit)
    else:
        fig = "a percentage that could not be read"
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


NO_DATE = "the article is undated"


def date(v: dict[str, Any], undated: bool = False) -> str:
    """`undated`: the article has no publication date, which is why a relative
    date ("last year") stays unresolved; otherwise no reason is given."""
    if v.get("value"):
        text = date_words(str(v["value"]))
    elif v.get("start") or v.get("end"):
        text = f"{date_words(str(v.get('start') or '…'))} to {date_words(str(v.get('end') or '…'))}"
    else:
        return "not resolved to a date" + (f" ({NO_DATE})" if undated else "")
    mod = _MODIFIER_WORDS.get(v.get("modifier") or "")
    if mod:
        text = f"{mod}-{text}" if mod == "mid" else f"{mod} {text}"
    return text + (" (relative)" if v.get("relative") else "")


def org(v: dict[str, Any]) -> str:
    return str(v.get("name") or "an organisation") + (f" (ticker {v['ticker']})" if v.get("ticker") else "")


def model(v: dict[str, Any]) -> str:
    return str(v.get("name") or "a model") + (f", by {v['developer']}" if v.get("developer") else "")


_WORDS = {"money": money, "percent": percent, "date": date, "org": org, "model": model}


def value_words(mtype: str, value: Any, *, undated: bool = False) -> str:
    """A mention's value in plain words; '' when it has none. `undated`: its
    article has no publication date (said when a date is left unresolved)."""
    if not isinstance(value, dict):
        return "" if value is None else str(value)
    fmt = _WORDS.get(mtype)
    try:
        if mtype == "date":
            return date(value, undated)
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


def _one_line(x: Any) -> str:
    """A name as one line: a hard-wrapped wire text breaks names ("Statistics\nDepartment")."""
    return " ".join(str(x).split())


def _names(items: Any) -> str:
    names = [_one_line(s.get("name")) for s in items or [] if isinstance(s, dict) and s.get("name")]
    return " and ".join(names)


_FROM_WORDS = {"increase": "up from", "decrease": "down from"}


def _base(part: Any) -> str:
    """The comparison base: 'up from $3.1 billion', or 'compared with 41%' when the
    record does not say which way the figure moved."""
    if not isinstance(part, dict) or not _part_value(part):
        return ""
    value = _part_value(part)
    fig = percent({**value, "direction": None, "basis": None}) if part.get("type") == "percent" else _amount(part)
    return f"{_FROM_WORDS.get(part.get('direction') or '', 'compared with')} {fig}" if fig else ""


def metric_words(metric: Any) -> str:
    """'share_of_total' → 'share of total'; 'other' says nothing and is left out."""
    if metric in (None, "", "other"):
        return ""
    return str(metric).replace("_", " ").replace("profit or loss", "profit/loss")


def claim_words(claim: dict[str, Any], *, texts: dict[str, str] | None = None, undated: bool = False) -> str:
    """'Acme Corp revenue (global): rose 12% to $5.6 billion, up from $5 billion, 2023,
    according to the company' — who and what, then the figures, when, and on whose
    word. `texts` (mention id → its words) names a period that could not be
    resolved; `undated`: the article has no publication date."""
    head = " ".join(x for x in (_names(claim.get("subjects")), metric_words(claim.get("metric"))) if x)
    scope = claim.get("scope")
    if isinstance(scope, str) and scope.strip():
        head = f"{head} ({_one_line(scope)})" if head else _one_line(scope)
    change, amount, count = _change(claim.get("change")), _amount(claim.get("amount")), _count(claim.get("count"))
    if change and amount:
        body = f"{change} to {amount}"
    else:
        body = change or amount
    if count:
        body = f"{body}, {count}" if body else count
    base = _base(claim.get("from"))
    if base:
        body = f"{body}, {base}" if body else base
    if _names(claim.get("counterparties")):
        body += f" (with {_names(claim.get('counterparties'))})"
    period = claim.get("period")
    if isinstance(period, dict) and _part_value(period):
        body += f", {_period(period, texts or {}, undated)}"
    attribution = claim.get("attribution")
    if isinstance(attribution, dict) and (attribution.get("source") or attribution.get("name")):
        body += f", according to {_one_line(attribution.get('source') or attribution.get('name'))}"
    if claim.get("hedged"):
        hedges = ", ".join(str(h) for h in claim.get("hedges") or [])
        body += f" (hedged{': ' + hedges if hedges else ''})"
    return f"{head}: {body}" if head and body else head or body


def _period(period: dict[str, Any], texts: dict[str, str], undated: bool) -> str:
    value = _part_value(period)
    if value.get("value") or value.get("start") or value.get("end"):
        return date(value)
    phrase = texts.get(str(period.get("mention_id")))
    words = f'period "{_one_line(phrase)}" not resolved' if phrase else "period not resolved"
    return words + (f" ({NO_DATE})" if undated else "")
