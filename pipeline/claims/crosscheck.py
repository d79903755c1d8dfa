"""Checks over linked claims: stated currency conversions, agreement of the same
figure across documents (see agreement.py), and internal arithmetic.

Exchange rates come from the article itself when it states one ("1 yuan equals
$0.14"), else from the European Central Bank's reference rates of the article's date.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

from pipeline.claims.cues import phrase_alternation, vocab_re, ratio_of_amount
from pipeline.claims.figures import SHARE_OF
from pipeline.claims.agreement import document_flags
from pipeline.claims.nearcopy import near_copies
from pipeline.claims.rates import article_date, reference_rate, stated_rate
from pipeline.claims.values import midpoint, round_sig, money_bounds
from pipeline.resources import load_jsonl, words_of_kind

# Relative tolerance for conversions: stated rates such as "$0.14" are rounded
# to two digits, so anything tighter would misfire.
FX_TOLERANCE = 0.05
RATE_SOURCE = "ECB reference rate"


# --------------------------------------------------------------- conversions


def rounding(x: float) -> float:
    """How far a figure as written may be from what it rounds: half a unit of its last
    significant digit, relative to it ("$420,000" is 0.5 in 42, "£1bn" 0.5 in 1)."""
    x = abs(x)
    if x == 0 or not math.isfinite(x):
        return 0.0
    digits = f"{x:.6g}".split("e")[0].replace(".", "").lstrip("0").rstrip("0") or "0"
    return 0.5 / int(digits)


# After a bracketed figure: another figure or a place, so the bracket gives the prices
# of other markets ("$50 (£50 / €60 in the U.K. / Germany)"), not a conversion.
_MARKETS = re.compile(r"\s*(?:/|,\s*\S?\d|in\s+(?:the\s+)?[A-Z])")


def _other_market(claim: dict[str, Any], conv: dict[str, Any]) -> bool:
    found = _in_text(claim, conv)
    return found is not None and bool(_MARKETS.match(found[0], found[2]))


def conversion_flag(claim: dict[str, Any]) -> dict[str, Any] | None:
    """Check "$2 billion (approximately 14.25 billion yuan)" against the rate the
    article states, else the ECB reference rate of the article's own date. An undated
    article stating no rate is not checked: no date, no rate to hold it to."""
    conv, amount = claim.get("amount_converted"), claim.get("amount")
    if not conv or not amount or amount.get("type") != "money":
        return None
    a, b = amount["value"], conv["value"]
    ab, bb = money_bounds(a), money_bounds(b)
    if not ab or not bb or not a.get("currency") or not b.get("currency") or midpoint(ab) == 0 or midpoint(bb) == 0:
        return None
    base, quote = a["currency"], b["currency"]
    if base == quote or _other_market(claim, conv):
        return None
    implied = midpoint(bb) / midpoint(ab)
    reference = stated_rate(claim.get("article_rates") or [], base, quote)
    source, on = "article", None
    if reference is None:
        on = article_date(claim.get("published"))
        reference = reference_rate(base, quote, on) if on else None
        source = RATE_SOURCE
    if reference is None or not (math.isfinite(reference) and reference > 0):
        return None
    diff = abs(implied - reference) / reference
    # The conversion is the figure the writer worked out and rounded, so its own
    # rounding is allowed: "4.9tn yuan (£0.5tn)" is anything from £0.45tn to £0.55tn,
    # "¥3,630 ($31)" $30.5 to $31.5, read from the digits as written ("£0.5tn" is one
    # decimal, not 5 in 5). The figure converted is taken as meant: a round "£1bn"
    # allowed its own rounding (50%) would let any conversion of it pass.
    allowance = _written_rounding(claim, conv, midpoint(bb))
    return {
        "flag": "conversion_ok" if diff <= FX_TOLERANCE + allowance else "conversion_mismatch",
        "implied_rate": round_sig(implied),
        "reference_rate": round_sig(reference),
        "rate_unit": f"{quote} per {base}",
        "rate_source": source,
        "rate_date": on.isoformat() if on else None,
        "relative_difference": round_sig(diff),
        "tolerance": FX_TOLERANCE,
        "rounding_allowance": round_sig(allowance),
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


# "from $478.7bn in 2020 to $783.3bn in 2024, a compound annual growth rate of 13.1%":
# a rate per year, not the change from A to B.
_YEARLY = re.compile(r"\b(?:CAGR|compound(?:ed)?\s+annual|annual(?:i[sz]ed)?\s+(?:growth|rate|increase)|"
                     r"per\s+year|per\s+annum|annually)\b", re.I)


# Figures per share: a stock split changes what one share is.
PER_SHARE_METRICS = frozenset({"dividend", "earnings_per_share", "share_price"})


def _span(part: dict[str, Any]) -> tuple[int, int] | None:
    """A figure's offsets in its document (mention ids end in "start-end")."""
    try:
        a, b = str(part["mention_id"]).rsplit(":", 1)[1].split("-")
        return int(a), int(b)
    except (KeyError, ValueError, IndexError):
        return None


def _in_sentence(claim: dict[str, Any], part: dict[str, Any]) -> bool:
    return _in_text(claim, part) is not None


def _in_text(claim: dict[str, Any], part: dict[str, Any]) -> tuple[str, int, int] | None:
    """The claim's sentence and the figure's offsets in it, when the figure is in it."""
    sent, span = claim.get("sentence") or {}, _span(part)
    if span is None or sent.get("start") is None or not (sent["start"] <= span[0] and span[1] <= sent["end"]):
        return None
    return sent.get("text") or "", span[0] - sent["start"], span[1] - sent["start"]


_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _written_rounding(claim: dict[str, Any], part: dict[str, Any], value: float) -> float:
    """Half a unit of the last digit as written, relative to the figure: "$20 billion"
    is 20 give or take 0.5 (the value alone cannot tell it from "$20.0 billion")."""
    found = _in_text(claim, part)
    if found is not None:
        m = _DIGITS.search(*found)
        digits = m.group().replace(",", "").replace(".", "").lstrip("0") if m else ""
        if digits:
            return 0.5 / int(digits)
    return rounding(value)


@lru_cache(maxsize=None)
def _check_slack() -> dict[str, float]:
    """How far a qualified stated change may be from what its endpoints imply, by qualifier
    (patterns/qualifiers.jsonl: "almost 50 percent" for 47%)."""
    return {e["qualifier"]: float(e["check_slack"]) for e in load_jsonl("qualifiers.jsonl") if "check_slack" in e}


@lru_cache(maxsize=None)
def _comparatives() -> re.Pattern[str]:
    """A comparative right after a money figure makes it a difference ("$10 billion more"),
    not the level a pair goes to (patterns/percent_comparatives.jsonl)."""
    return re.compile(rf"\s*(?:{phrase_alternation(words_of_kind('percent_comparatives.jsonl', 'comparative'))})(?![\w])", re.I)


def _clause_around(claim: dict[str, Any], part: dict[str, Any]) -> str:
    """The words on either side of a figure up to the nearest punctuation or other figure."""
    found = _in_text(claim, part)
    if found is None:
        return ""
    text, s, e = found
    before = re.split(r"[,;:()—–]|\d", text[max(0, s - 40):s])[-1]
    after = re.split(r"[,;:()—–.]|\d", text[e:e + 50])[0]
    return f"{before} {after}"


@lru_cache(maxsize=None)
def _metric_words() -> tuple[re.Pattern[str], dict[str, str]]:
    """The claims' metric words (patterns/claim_cues.jsonl) and the metric each names."""
    labels = {" ".join(w.lower().split()): e["metric"] for e in load_jsonl("claim_cues.jsonl")
              if e.get("kind") == "metric" for w in e["words"]}
    return re.compile(rf"(?<![\w])(?:{phrase_alternation(labels)})(?![\w])", re.I), labels


def _named_metric(claim: dict[str, Any], part: dict[str, Any]) -> str | None:
    """The metric the words just before a figure name, the nearest ("pretax profits of")."""
    found = _in_text(claim, part)
    if found is None:
        return None
    text, s, _ = found
    before = re.split(r"[,;:()—–]|\d", text[max(0, s - 40):s])[-1]
    pattern, labels = _metric_words()
    names = [labels.get(" ".join(m.group().lower().split())) for m in pattern.finditer(before)]
    return names[-1] if names else None


# Between a level and a "from" figure after it: another clause joined on, so the "from"
# is another thing's ("iPhones were at 46.7 million, while iPad sales were down from 10.3 million").
_OTHER_CLAUSE = re.compile(r"[,;]\s*(?:while|whereas|but|and|although|though)\b|;", re.I)


def _unsure_pair(claim: dict[str, Any], start: dict[str, Any], end: dict[str, Any]) -> bool:
    """The pair may not be a from and a to at all: "$10 billion more" is the change, "the
    $12.5 billion analysts had forecast" a yardstick, not where the figure started, and
    "pretax profits of 232,000 dlrs ..., up from revenues of 5.9 mln" two metrics, as
    are a level and a "from" in a clause joined on after it."""
    found = _in_text(claim, end)
    if found is not None and end.get("type") == "money" and _comparatives().match(found[0], found[2]):
        return True
    a, b = _span(start), _span(end)
    if found is not None and a is not None and b is not None and b[1] <= a[0] \
            and _OTHER_CLAUSE.search(found[0], found[2], found[2] + a[0] - b[1]):
        return True
    if vocab_re("expectation").search(_clause_around(claim, start)):
        return True
    a, b = _named_metric(claim, start), _named_metric(claim, end)
    return a is not None and b is not None and a != b


_YEAR = re.compile(r"(?<![\w.,])(?:19|20)\d\d(?![\w.,]\d)")


def _years_apart(claim: dict[str, Any], start: dict[str, Any], end: dict[str, Any]) -> int:
    """How many years the pair spans when the years are written with it ("from $1.44bn
    in 2020 to $4.3bn by 2026": 6), else 0."""
    a, b = _span(start), _span(end)
    sent = claim.get("sentence") or {}
    if a is None or b is None or sent.get("start") is None:
        return 0
    text = sent.get("text") or ""
    lo, hi = min(a[0], b[0]) - sent["start"], max(a[1], b[1]) - sent["start"] + 20
    years = {int(y) for y in _YEAR.findall(text[max(0, lo):hi])}
    return max(years) - min(years) if len(years) > 1 else 0


def _compound_fits(claim: dict[str, Any], start: dict[str, Any], end: dict[str, Any], stated: float,
                   slack: float, ra: float, rb: float) -> bool:
    """"grow 20% from $1.44bn in 2020 to $4.3bn by 2026": 20% a year, compounded over
    the years written with the pair, fits where the whole change (199%) does not."""
    years = _years_apart(claim, start, end)
    a0, b0 = midpoint(money_bounds(start["value"])), midpoint(money_bounds(end["value"]))
    if years < 2 or a0 <= 0 or b0 <= 0:
        return False
    yearly = [((y / x) ** (1 / years) - 1) * 100 for x in (a0 * (1 - ra), a0 * (1 + ra))
              for y in (b0 * (1 - rb), b0 * (1 + rb))]
    return min(yearly) - slack <= stated <= max(yearly) + slack


def _direction_problems(claim: dict[str, Any]) -> list[str]:
    """"fell ... from A to B" with B above A, or the reverse; and a stated percent
    change far from every one A and B imply as rounded. "10.5 cts on the split shares,
    up from 19 cts before the split": per-share figures across a split are not on one
    scale. The pair's own verb ("reduced from") gives its direction before a change
    figure does, and a change from another sentence is not this pair's."""
    start, end = claim.get("from"), claim.get("amount")
    if not start or not end or not _comparable(start, end):
        return []
    said = (claim.get("sentence") or {}).get("text") or ""
    if claim.get("metric") in PER_SHARE_METRICS and vocab_re("share-split").search(said):
        return []
    if _unsure_pair(claim, start, end):
        return []
    a, b = money_bounds(start["value"]), money_bounds(end["value"])
    if a is None or b is None:
        return []
    a0, b0 = midpoint(a), midpoint(b)
    change = claim.get("change") or {}
    if change and not _in_sentence(claim, change):
        change = {}
    direction = start.get("direction") or change.get("direction")
    own = (start.get("value") or {}).get("direction")
    if own and start.get("direction") and own != start["direction"]:
        # "revised the rate of growth down from 5.9% to 3.2%": the figure's own verb
        # and the pair's read opposite ways; which is meant is in doubt.
        direction = None
    out = []
    if direction == "decrease" and b0 > a0:
        out.append(f"a decrease, but it goes from {a0:g} to {b0:g}")
    if direction == "increase" and b0 < a0:
        out.append(f"an increase, but it goes from {a0:g} to {b0:g}")
    pct = change.get("value") or {}
    # Only for money: "rose 35% from 8% to 43%" may well mean points, so shares are left alone.
    money_pair = start.get("type") == "money"
    yearly = bool(_YEARLY.search(said))
    if money_pair and change.get("type") == "percent" and pct.get("unit") == "percent" and pct.get("value") and a0 \
            and not yearly:
        stated = float(pct["value"])
        ra, rb = _written_rounding(claim, start, a0), _written_rounding(claim, end, b0)
        implied = [abs(y - x) / x * 100 for x in (a0 * (1 - ra), a0 * (1 + ra)) for y in (b0 * (1 - rb), b0 * (1 + rb))]
        # "almost 50 percent", "about 20%": the hedge widens what the figure covers;
        # "more than 30%" bounds it on one side only (the change may be any larger).
        qualifier = pct.get("qualifier")
        slack = max(1.0, max(0.05, _check_slack().get(qualifier, 0.0)) * stated)
        low = -math.inf if qualifier in ("gt", "ge") else min(implied) - slack
        high = math.inf if qualifier in ("lt", "le") else max(implied) + slack
        if not low <= stated <= high and not _compound_fits(claim, start, end, stated, slack, ra, rb):
            out.append(f"stated change {stated:g}% but {a0:g} to {b0:g} is {abs(b0 - a0) / a0 * 100:.4g}%")
    return out


def _part_of(claim: dict[str, Any], amount: dict[str, Any]) -> bool:
    """"120% of all AI financing": the percentage is followed by what it is part of.
    "110% of the purchase price" or "120% of GDP" is a ratio to an amount, no share."""
    sent = claim.get("sentence") or {}
    try:
        end = int(str(amount["mention_id"]).rsplit("-", 1)[1]) - int(sent["start"])
    except (KeyError, ValueError, TypeError):
        return False
    text = sent.get("text") or ""
    return 0 <= end and bool(SHARE_OF.match(text, end)) and not ratio_of_amount().match(text, end)


@lru_cache(maxsize=None)
def _ratio_verb_before() -> re.Pattern[str]:
    """A verb of change or of producing right before a percentage ("grew 282%",
    "replenish 120% of the water we consume", "generate 200 percent of its energy
    use"), with only hedges between: the figure is a ratio or a growth, no part of a
    whole (patterns/percent_cues.jsonl directions, patterns/flag_cues.jsonl ratio-verb)."""
    words = [w for e in load_jsonl("percent_cues.jsonl") if e.get("direction") for w in e["words"]]
    words += words_of_kind("flag_cues.jsonl", "ratio-verb")
    hedges = r"(?:by|about|almost|nearly|some|around|roughly|over|more\s+than|as\s+much\s+as|an\s+estimated)"
    return re.compile(rf"(?<![\w])(?:{phrase_alternation(words)})\s+(?:{hedges}\s+)*$", re.I)


def _ratio_or_growth(claim: dict[str, Any], amount: dict[str, Any]) -> bool:
    found = _in_text(claim, amount)
    return found is not None and bool(_ratio_verb_before().search(found[0][max(0, found[1] - 60):found[1]]))


def _share_problems(claim: dict[str, Any]) -> list[str]:
    amount = claim.get("amount") or {}
    # Only a share the text names as one ("a stake of", "120% of all financing"): a bare
    # percentage is a share by default, and "priced at 101-3/4 pct", "400% efficiency" or
    # a 117% return may well pass 100.
    if claim.get("metric") != "share_of_total" or amount.get("type") != "percent":
        return []
    if not claim.get("metric_cue") and not _part_of(claim, amount):
        return []
    if _ratio_or_growth(claim, amount):
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


# ---------------------------------------------------------------------- entry


def own_flags(claim: dict[str, Any]) -> list[dict[str, Any]]:
    """The checks a claim needs nothing else for: its conversion and its arithmetic."""
    conv = conversion_flag(claim)
    return ([conv] if conv else []) + arithmetic_flags(claim)


def cross_check(claims: list[dict[str, Any]], texts: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Copies of `claims`, in the same order, with "flags" recomputed: conversion
    checks, arithmetic problems, a headline against its body, then agreement with
    claims of other documents. `texts` (doc_id → text), when given, finds headlines
    and tells near-copies of one article apart."""
    from pipeline.claims.consistency import inconsistent_flags  # it builds on this module

    inside: dict[int, list[dict[str, Any]]] = {}
    for doc_id, text in (texts or {}).items():
        idx = [i for i, c in enumerate(claims) if c["doc_id"] == doc_id]
        for n, fl in inconsistent_flags([claims[i] for i in idx], text).items():
            inside[idx[n]] = fl
    across = document_flags(claims, near_copies(texts) if texts else None)
    # Only "flags" is replaced, so a shallow copy leaves the callers' claims intact.
    return [{**c, "flags": own_flags(c) + inside.get(i, []) + across.get(i, [])} for i, c in enumerate(claims)]
