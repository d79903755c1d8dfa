"""Claim figures on a common footing for the checks: the year a claim belongs to, the
bounds of an amount, and amounts in USD."""
from __future__ import annotations

import re
from typing import Any

from pipeline.claims.rates import table_per_usd


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
