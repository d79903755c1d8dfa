"""Claim figures on a common footing for the checks: the date a claim's money is
converted at, the bounds of an amount, and amounts in USD."""
from __future__ import annotations

from datetime import date
from typing import Any

from pipeline.claims.rates import article_date, reference_rate


def round_sig(x: float) -> float:
    return float(f"{x:.6g}")


def claim_date(claim: dict[str, Any]) -> date | None:
    """The date a claim's money is converted at: its article's date, else the end of
    the period it describes; None when neither is known."""
    on = article_date(claim.get("published"))
    if on is not None:
        return on
    value = (claim.get("period") or {}).get("value") or {}
    return article_date(value.get("end"))


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


def to_usd(value: dict[str, Any], on: date | None) -> tuple[float, float] | None:
    """(low, high) in US dollars at the ECB reference rate of `on`."""
    bounds = money_bounds(value)
    currency = value.get("currency")
    if bounds is None or not currency or on is None:
        return None
    rate = reference_rate("USD", currency, on)
    if not rate:
        return None
    return bounds[0] / rate, bounds[1] / rate


def midpoint(bounds: tuple[float, float]) -> float:
    return (bounds[0] + bounds[1]) / 2
