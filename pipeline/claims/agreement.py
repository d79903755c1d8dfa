"""Agreement of the same figure across documents: corroborated and conflict flags.

Claims are grouped by what they are about (metric, subject, period); within a
group, claims stating the same figures form one class, so the pairwise
comparison runs over distinct figures, not over every pair of claims. A flag
lists at most MAX_SOURCES of the other claims (the first by document and claim
id) and counts them all, so a figure repeated by thousands of articles costs
each of them a bounded line."""
from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from pipeline.claims.values import _round, claim_year, money_bounds, to_usd

# Relative tolerance for cross-document amounts, as for conversions: stated rates
# such as "$0.14" are rounded to two digits, so anything tighter would misfire.
AMOUNT_TOLERANCE = 0.05
# Percentages are compared in points: "30%" and "30.4%" are the same report.
CHANGE_TOLERANCE_POINTS = 0.5
# Other claims listed in one flag; its "count" says how many there are in all.
MAX_SOURCES = 50
ASSUMED = "assumed the same: one source does not resolve it"


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


def agree(a: View, b: View) -> bool | None:
    """True when every figure both views state agrees, False when one differs, None
    when they share no figure to compare."""
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


@dataclass(frozen=True, slots=True)
class Member:
    """What the cross-document check needs of one claim: a small record, so that
    groups can be read one at a time from disk."""

    index: int  # position in claims.jsonl
    doc_id: str
    claim_id: str
    view: View
    unresolved: bool  # its period could not be resolved

    def order(self) -> tuple[str, str]:
        return self.doc_id, self.claim_id

    def source(self) -> dict[str, str]:
        return {"claim_id": self.claim_id, "doc_id": self.doc_id}

    def summary(self) -> dict[str, Any]:
        """What the claim says, on the scale it was compared on (USD, percent, points)."""
        amount, change, count = self.view
        out: dict[str, Any] = {"claim_id": self.claim_id, "doc_id": self.doc_id, "amount": None, "change": None}
        if amount is not None:
            out["amount"] = {"unit": amount[0], "low": _round(amount[1][0]), "high": _round(amount[1][1])}
        if change is not None:
            out["change"] = {"unit": change[0], "low": _round(change[1][0]), "high": _round(change[1][1]),
                             "direction": change[2]}
        out["count"] = count
        return out


def member(index: int, claim: dict[str, Any]) -> Member:
    return Member(index, claim["doc_id"], claim["id"], view(claim), _period_key(claim) is None)


def loose_key(claim: dict[str, Any]) -> tuple[Any, ...] | None:
    """Metric, subject and kind of period, for claims with both an amount and a change:
    the group in which an unresolved period may be assumed the same."""
    gran = ((claim.get("period") or {}).get("value") or {}).get("granularity")
    who = _who_key(claim)
    if not claim.get("metric") or who is None or not gran or not (claim.get("amount") and claim.get("change")):
        return None
    return (claim["metric"], who, gran)


Flags = dict[int, list[dict[str, Any]]]
GroupFlags = Iterator[tuple[int, list[dict[str, Any]]]]  # (claim index, its flags), a member at a time


def exact_group_flags(members: list[Member]) -> GroupFlags:
    """corroborated / conflict flags within one group of the same metric, subject and period."""
    for m, same, n_same, differ, n_differ in _relations(members, lambda a, b: agree(a.view, b.view)):
        out = []
        if n_same:
            out.append({"flag": "corroborated", "count": n_same, "sources": [x.source() for x in same]})
        if n_differ:
            out.append({
                "flag": "conflict",
                "count": n_differ,
                "values": [m.summary(), *(x.summary() for x in differ)],
                "sources": [x.source() for x in differ],
            })
        if out:
            yield m.index, out


def assumed_group_flags(members: list[Member]) -> GroupFlags:
    """A claim whose period could not be resolved ("the first quarter of this year" in
    an undated article) corroborates another of the same metric, subject and kind of
    period only when both its amount and its change agree; the flag says the period
    was assumed. Unknown periods never make a conflict: they may simply differ."""
    def verdict(a: Member, b: Member) -> bool | None:
        return True if (a.unresolved or b.unresolved) and agree(a.view, b.view) is True else None

    for m, same, n_same, _, _ in _relations(members, verdict):
        if n_same:
            yield m.index, [{"flag": "corroborated", "period": ASSUMED, "count": n_same,
                             "sources": [x.source() for x in same]}]


def _relations(members: list[Member], verdict: Callable[[Member, Member], bool | None]):
    """For each member: the first MAX_SOURCES members of other documents it agrees with
    and their number, and the same for those it differs from. Members with the same
    view and period state are one class; `verdict` (symmetric) runs once per pair of
    classes."""
    classes: dict[tuple[View, bool], list[Member]] = defaultdict(list)
    for m in members:
        classes[(m.view, m.unresolved)].append(m)
    for ms in classes.values():
        ms.sort(key=Member.order)
    docs = {k: Counter(m.doc_id for m in ms) for k, ms in classes.items()}
    keys = list(classes)
    verdicts: dict[tuple[int, int], bool | None] = {}
    for x in range(len(keys)):
        for y in range(x, len(keys)):
            verdicts[x, y] = verdicts[y, x] = verdict(classes[keys[x]][0], classes[keys[y]][0])
    for x, a in enumerate(keys):
        same = [keys[y] for y in range(len(keys)) if verdicts[x, y] is True]
        differ = [keys[y] for y in range(len(keys)) if verdicts[x, y] is False]
        for m in classes[a]:
            n_same = sum(len(classes[b]) - docs[b][m.doc_id] for b in same)
            n_differ = sum(len(classes[b]) - docs[b][m.doc_id] for b in differ)
            yield (m, _first_others([classes[b] for b in same], m.doc_id) if n_same else [], n_same,
                   _first_others([classes[b] for b in differ], m.doc_id) if n_differ else [], n_differ)


def _first_others(lists: list[list[Member]], doc_id: str) -> list[Member]:
    """The first MAX_SOURCES members of sorted `lists` that are not of `doc_id` (a
    document's own claims sort together, so this reads few more than it keeps)."""
    out: list[Member] = []
    for m in heapq.merge(*lists, key=Member.order):
        if m.doc_id != doc_id:
            out.append(m)
            if len(out) == MAX_SOURCES:
                break
    return out


# The checks a group is made for, by the kind `group_keys` gives it; a claim's
# flags from the first come before those of the second.
GROUP_CHECKS = (exact_group_flags, assumed_group_flags)


def group_keys(claim: dict[str, Any]) -> list[tuple[int, tuple[Any, ...]]]:
    """(kind, key) of each group the claim is compared in: kind 0 the same metric,
    subject and period; kind 1 the same metric, subject and kind of period."""
    return [(kind, key) for kind, key in enumerate((match_key(claim), loose_key(claim))) if key is not None]


def document_flags(claims: list[dict[str, Any]]) -> Flags:
    """corroborated / conflict flags, by index into `claims` (all in memory; a run's
    writer groups on disk instead, with the same group functions)."""
    groups: dict[tuple[int, tuple[Any, ...]], list[Member]] = defaultdict(list)
    for i, c in enumerate(claims):
        keys = group_keys(c)
        if keys:
            m = member(i, c)
            for key in keys:
                groups[key].append(m)
    out: Flags = defaultdict(list)
    for (kind, _), ms in sorted(groups.items(), key=lambda g: g[0][0]):  # stable: kind order only
        if len(ms) > 1:
            for i, fl in GROUP_CHECKS[kind](ms):
                out[i] += fl
    return out
