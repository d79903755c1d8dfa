"""Agreement of the same figure across documents: corroborated and conflict flags."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from pipeline.claims.values import _round, claim_year, money_bounds, to_usd

# Relative tolerance for cross-document amounts, as for conversions: stated rates
# such as "$0.14" are rounded to two digits, so anything tighter would misfire.
AMOUNT_TOLERANCE = 0.05
# Percentages are compared in points: "30%" and "30.4%" are the same report.
CHANGE_TOLERANCE_POINTS = 0.5


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


View = tuple[Any, Any, Any]  # amount, change and count, on their common scales


def view(claim: dict[str, Any]) -> View:
    return _amount_view(claim), _change_view(claim), (claim.get("count") or {}).get("value")


def compare(a: dict[str, Any], b: dict[str, Any]) -> bool | None:
    """True when every figure both claims state agrees, False when one differs,
    None when they share no figure to compare."""
    return agree(view(a), view(b))


def agree(a: View, b: View) -> bool | None:
    """`compare` on views computed once per claim (a group is compared pairwise)."""
    verdicts = []
    (va, ca, na), (vb, cb, nb) = a, b
    if va and vb and va[0] == vb[0]:
        verdicts.append(_close(va[0], va[1], vb[1]))
    if ca and cb and ca[0] == cb[0]:
        same_way = ca[2] is None or cb[2] is None or ca[2] == cb[2]
        verdicts.append(same_way and _close(ca[0], ca[1], cb[1]))
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
    views: dict[int, View] = {}
    for members in groups.values():
        for i in members:
            views[i] = view(claims[i])
        for i in members:
            same, differ = [], []
            for j in members:
                if claims[j]["doc_id"] == claims[i]["doc_id"]:
                    continue
                verdict = agree(views[i], views[j])
                if verdict is True:
                    same.append(j)
                elif verdict is False:
                    differ.append(j)
            order = lambda js: sorted(js, key=lambda j: (claims[j]["doc_id"], claims[j]["id"]))  # noqa: E731
            if same:
                flags[i].append({"flag": "corroborated", "sources": [_source(claims[j]) for j in order(same)]})
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
        views = {i: view(claims[i]) for i in members}
        unresolved = {i: _period_key(claims[i]) is None for i in members}
        for i in members:
            same = [
                j for j in members
                if claims[j]["doc_id"] != claims[i]["doc_id"]
                and (unresolved[i] or unresolved[j])
                and agree(views[i], views[j]) is True
            ]
            if same:
                same.sort(key=lambda j: (claims[j]["doc_id"], claims[j]["id"]))
                flags[i].append({"flag": "corroborated", "period": "assumed the same: one source does not resolve it",
                                 "sources": [_source(claims[j]) for j in same]})
