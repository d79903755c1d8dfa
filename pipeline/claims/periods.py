"""Periods a claim's own sentence does not state: the year after its comparison base,
and the period the text before frames it in."""
from __future__ import annotations

import calendar
import re
from typing import Any

from pipeline.claims.sentences import Mention, Span
from pipeline.normalize.dates.periods import quarter
from pipeline.normalize.dates.vocab import MONTH_NUMBER, ORDINALS, ORDINALS_NEEDING_OF, lookup_key

# How far the period of a figure frames the next of the same metric.
_FRAME_REACH = 600
# A date right after a base figure is the base's: "against 1.19 billion dlrs in 1985".
_BASE_DATE_GAP = re.compile(r"^\s*(?:in|for|during)?\s*$", re.I)
_ONE_YEAR = re.compile(r"(?:all\s+of\s+)?(?:last|this|the)\s+year", re.I)
_Q_NUMBER = re.compile(r"\bQ([1-4])\b")
_WORD = re.compile(r"[^\W\d_]+|\d+(?:st|nd|rd|th)\b")


def _year(y: int) -> dict[str, Any]:
    return {"value": str(y), "start": f"{y}-01-01", "end": f"{y}-12-31", "granularity": "year"}


def periods_from_bases(text: str, claims: list[dict[str, Any]], dates: dict[str, Mention],
                        mentions: dict[str, Mention]) -> None:
    """"profits of 1.62 billion dlrs against 1.19 billion dlrs in 1985": a figure set
    against a year's base, with no date of its own, is the year after that base."""
    by_start = {int(d["start"]): d for d in dates.values()}
    for c in claims:
        base = mentions.get((c.get("from") or {}).get("mention_id"))
        if c["period"] is not None or base is None or c["hedged"]:
            continue  # a forecast "up from 30% in 2020" says nothing of its own year
        end = int(base["end"])
        for start in range(end, min(end + 12, len(text)) + 1):
            d = by_start.get(start)
            if d is None:
                continue
            v = d.get("value") or {}
            if _BASE_DATE_GAP.match(text[end:start]) and v.get("granularity") == "year" \
                    and re.fullmatch(r"\d{4}", d["text"]):
                c["period"] = {"mention_id": d["id"], "value": {**_year(int(v["value"]) + 1), "relative": True},
                               "via": "base"}
            break


def _within(frame: dict[str, Any], d: Mention) -> dict[str, Any] | None:
    """An unresolved "last year", "in December" or "the fourth quarter" inside a year the
    text has fixed: that year, that month of it, that quarter of it."""
    year = int(frame["value"])
    g = (d.get("value") or {}).get("granularity")
    if g == "year":  # "last year", not "the next 7 years"
        return _year(year) if _ONE_YEAR.fullmatch(d["text"].strip()) else None
    words = _WORD.findall(d["text"])
    if g == "month":  # the month words of the date normaliser ("December", "Dec.", "Sept")
        month = next((MONTH_NUMBER[lookup_key(w)] for w in words if lookup_key(w) in MONTH_NUMBER), None)
        if month is None:
            return None
        last = calendar.monthrange(year, month)[1]
        return {"value": f"{year}-{month:02d}", "start": f"{year}-{month:02d}-01",
                "end": f"{year}-{month:02d}-{last:02d}", "granularity": "month"}
    if g == "quarter":  # "Q4", "the fourth quarter", "the final quarter"
        q = _Q_NUMBER.search(d["text"])
        # "last quarter" alone is the quarter before the article, not the last of the year
        ordinals = {w: n for w, n in ORDINALS.get("quarter", {}).items() if w not in ORDINALS_NEEDING_OF}
        n = int(q.group(1)) if q else next((ordinals[lookup_key(w)] for w in words if lookup_key(w) in ordinals), None)
        if n is None:
            return None
        p = quarter(year, 4 if n == -1 else n)
        return {"value": p.value, "start": p.start.isoformat(), "end": p.end.isoformat(), "granularity": "quarter"}
    return None


def carry_periods(claims: list[dict[str, Any]], dated: set[Span], dates: dict[str, Mention]) -> None:
    """"US exports rose 12.3% in 2004 ... Foreign oil exports surged by 35.7%": a sentence
    that gives no date states the figure of the same metric for the period just given;
    one that says only "last year" or "in December" (in an undated article) means that
    year, or that month of it."""
    for prev, c in zip(claims, claims[1:]):
        sent = c["sentence"]
        pv = ((prev["period"] or {}).get("value") or {})
        gap = sent["start"] - prev["sentence"]["end"]
        if c["metric"] != prev["metric"] or c["metric"] in ("other", "share_of_total") or not 0 <= gap <= _FRAME_REACH:
            continue
        if c["period"] is None and (sent["start"], sent["end"]) not in dated and prev["period"] is not None \
                and pv.get("granularity") not in ("day", "week") and prev["period"].get("via") != "base":
            c["period"] = {**prev["period"], "via": "frame"}
        elif c["period"] is not None and (c["period"]["value"] or {}).get("value") is None \
                and pv.get("granularity") == "year" and re.fullmatch(r"\d{4}", str(pv.get("value"))):
            within = _within(pv, dates.get(c["period"]["mention_id"]) or {"text": "", "value": {}})
            if within is not None:
                c["period"] = {**c["period"], "value": {**c["period"]["value"], **within}, "via": "frame"}
