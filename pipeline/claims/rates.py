"""Exchange rates: those an article states ("1 yuan equals $0.14", "at an exchange
rate of 7.1 yuan per dollar") and the European Central Bank's daily reference rates
of the article's date."""
from __future__ import annotations

import math
import re
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from pipeline.normalize.text import alternation, phrase_literal
from pipeline.resources import load_jsonl, words_of_kind

_NUM = r"(?:\d[\d,]*(?:\.\d+)?|one|an|a)"
_QUAL = r"(?:(?:about|approximately|around|roughly|some|nearly)\s+)?"


# ------------------------------------------------------ ECB reference rates


@lru_cache(maxsize=1)
def _ecb() -> Any:
    """The European Central Bank's daily reference rates, as the currencyconverter
    package ships them (its bundled history file: nothing is fetched). A day without
    a fixing (a weekend, a holiday) takes the last one before it, the rate then in
    force; a date outside a currency's history has no rate."""
    from currency_converter import CurrencyConverter

    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_missing_rate_method="last_known")


def reference_rate(base: str, quote: str, on: date) -> float | None:
    """Units of `quote` per unit of `base` at the ECB reference rates of `on`; None
    when the ECB publishes no rate for either then (before 1999, a currency it does
    not fix, a date past the shipped history)."""
    if base == quote:
        return 1.0
    ecb = _ecb()
    if base not in ecb.currencies or quote not in ecb.currencies:
        return None
    try:
        return float(ecb.convert(1.0, base, quote, date=on))
    except Exception:  # noqa: BLE001 - RateNotFoundError: no rate that day for one of them
        return None


@lru_cache(maxsize=1)
def _listing_path() -> re.Pattern[str]:
    return re.compile(rf"/(?:{alternation(words_of_kind('flag_cues.jsonl', 'listing-path'), phrase_literal)})/[^/]+/?$", re.I)


def publication_date(published: Any, url: Any = None) -> Any:
    """The date an article's conversions are held to: its `published`, unless its address
    is a site's listing page (".../2021/09/04/some-story/tag/nlp", "/author/x"): such a
    page shows other articles, and a date in its address is some other story's."""
    if isinstance(url, str) and _listing_path().search(urlsplit(url).path):
        return None
    return published


def article_date(published: Any) -> date | None:
    """The article's own date from its YYYY-MM-DD publication date, else None."""
    if isinstance(published, str):
        try:
            return date.fromisoformat(published[:10])
        except ValueError:
            return None
    return None


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



def _amount_re(tag: str) -> str:
    """An amount with its currency, as a prefix symbol or a following word."""
    return (
        rf"(?:(?<![\w$])(?P<{tag}p>{alternation(_PREFIXES, phrase_literal)})\s?(?P<{tag}n1>{_NUM})"
        rf"|(?<![\w.,])(?P<{tag}n2>{_NUM})\s+(?P<{tag}s>{alternation(_currency_words(), phrase_literal)})(?![\w]))"
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
        rf"(?P<base>{alternation(_currency_words(), phrase_literal)})(?![\w])",
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
    "at an exchange rate of 7.1 yuan per dollar". A rate no currency can have ("$1
    equals 0 yuan", a figure too large for a float) is listed with `rate` None and
    the reason under "ignored": nothing is checked against it."""
    equals, per = _rate_patterns()
    found: list[dict[str, Any]] = []
    for m in equals.finditer(text):
        (na, ca), (nb, cb) = _side(m, "a"), _side(m, "b")
        if ca != cb:
            found.append(_rate(ca, cb, _signed(text, m, "a", na), _signed(text, m, "b", nb), m))
    for m in per.finditer(text):
        nb, cb = _side(m, "b")
        base = _word_code(m.group("base"))
        if base != cb:
            found.append(_rate(base, cb, 1.0, _signed(text, m, "b", nb), m))
    found.sort(key=lambda r: (r["start"], r["end"]))
    return found


_MINUS = re.compile(r"[-−‒–]\s?$")


def _signed(text: str, m: re.Match[str], tag: str, number: float) -> float:
    """The number of one side with the minus sign that touches it ("-5 yuan", "-$1",
    "$-1"), which the patterns leave outside the match."""
    starts = [m.start(f"{tag}p"), m.start(f"{tag}n1"), m.start(f"{tag}n2")]
    return -number if any(i >= 0 and _MINUS.search(text, max(0, i - 2), i) for i in starts) else number


def _rate(base: str, quote: str, units: float, price: float, m: re.Match[str]) -> dict[str, Any]:
    """`price` of `quote` for `units` of `base`, when both are positive finite figures
    and so is their ratio either way round."""
    out = {"base": base, "quote": quote, "rate": None, "start": m.start(), "end": m.end(), "text": m.group(0)}
    if not (math.isfinite(units) and math.isfinite(price)):
        return {**out, "ignored": "a figure too large to be a rate"}
    if units < 0 or price < 0:
        return {**out, "ignored": "a negative rate"}
    if units == 0 or price == 0:
        return {**out, "ignored": "a rate of zero"}
    rate = price / units
    if not (math.isfinite(rate) and math.isfinite(1.0 / rate) and rate > 0):
        return {**out, "ignored": "a rate too large or too small to be one"}
    return {**out, "rate": rate}


def stated_rate(rates: list[dict[str, Any]], base: str, quote: str) -> float | None:
    """Units of `quote` per `base` from the article's own rates, either direction
    (those it ignores left out)."""
    for r in rates:
        if not r.get("rate") or r.get("ignored"):
            continue
        if r["base"] == base and r["quote"] == quote:
            return float(r["rate"])
        if r["base"] == quote and r["quote"] == base and r["rate"]:
            return 1.0 / float(r["rate"])
    return None
