"""Exchange rates: those an article states ("1 yuan equals $0.14", "at an exchange
rate of 7.1 yuan per dollar") and the dated table patterns/fx_rates.jsonl."""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import Any, Iterable

from pipeline.resources import load_jsonl

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
