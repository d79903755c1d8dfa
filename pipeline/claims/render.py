"""Claim records as written to claims.jsonl."""
from __future__ import annotations

import re
from typing import Any

from pipeline.claims.figures import Draft, Figure
from pipeline.claims.sentences import Mention, Sentence
from pipeline.normalize.dates.periods import quarter


def _ref(m: Mention) -> dict[str, Any]:
    return {"mention_id": m["id"], "type": m["type"], "value": dict(m.get("value") or {})}


def render_claim(
    doc_id: str,
    sent: Sentence,
    n: int,
    draft: Draft,
    ctx: dict[str, Any],
) -> dict[str, Any]:
    amount, change = draft.amount, draft.change
    with_base = next((f for f in draft.figures if f.baseline is not None), None)
    baseline = with_base.baseline if with_base else None
    return {
        "id": f"{doc_id}:claim:{sent.start}-{sent.end}:{n}",
        "doc_id": doc_id,
        "sentence": sent.as_dict(),
        "subjects": ctx["subjects"],
        "counterparties": ctx.get("counterparties", []),
        "segment": None,
        "scope": ctx["scope"],
        "metric": draft.metric,
        "metric_cue": draft.cue.text if draft.cue else None,
        "amount": _ref(amount.m) if amount else None,
        "amount_converted": {"mention_id": amount.converted["id"], "value": dict(amount.converted["value"])}
        if amount and amount.converted else None,
        "restated": [_ref(m) for f in draft.figures for m in f.restated],
        "from": {**_ref(baseline.m), "direction": with_base.baseline_direction} if with_base and baseline else None,
        "change": change_ref(change) if change else None,
        "count": ctx["count"],
        "period": {"mention_id": ctx["period"]["id"], "value": _period_value(ctx["text"], ctx["period"])}
        if ctx["period"] else None,
        "attribution": ctx["attribution"],
        "hedged": bool(ctx["hedges"]),
        "hedges": list(ctx["hedges"]),
        "continuation": None,
        "published": ctx["published"],
        "article_rates": [dict(r) for r in ctx["rates"]] if amount and amount.converted else [],
        "flags": [],
    }


# "the year ended December 1986", "the quarter ended December 31, 1986": the date
# ends the period the figure describes.
_ENDED = re.compile(r"\b(year|quarter|(?:three|six|nine|twelve|12|3|6|9)\s+months)\s+(?:ended|ending|to)\s+$", re.I)
# "twelve months ending " is the longest of them.
_ENDED_REACH = 30


def _period_value(text: str, d: Mention) -> dict[str, Any]:
    value = dict(d.get("value") or {})
    end = value.get("end")
    m = _ENDED.search(text, max(0, int(d["start"]) - _ENDED_REACH), int(d["start"]))
    if not m or not isinstance(end, str) or not re.match(r"\d{4}-\d{2}-\d{2}$", end):
        return value
    year, month = int(end[:4]), int(end[5:7])
    if m.group(1).lower() == "year" and month == 12:
        return {**value, "value": str(year), "start": f"{year}-01-01", "end": f"{year}-12-31", "granularity": "year"}
    if m.group(1).lower() == "quarter" and month % 3 == 0:
        q = quarter(year, month // 3)
        return {**value, "value": q.value, "start": q.start.isoformat(), "end": end, "granularity": "quarter"}
    return value


def change_ref(fig: Figure) -> dict[str, Any]:
    v = fig.m.get("value") or {}
    ref = _ref(fig.m)
    ref["direction"] = v.get("direction") if fig.m["type"] == "percent" else fig.direction
    ref["basis"] = v.get("basis")
    return ref


def anchored(claim: dict[str, Any]) -> bool:
    """A figure with nothing linked to it ("A Billion Dollars: What Does It Mean?") says
    nothing checkable, so it makes no claim."""
    keys = ("metric", "subjects", "scope", "period", "attribution", "amount_converted", "from")
    return any(claim[k] for k in keys) or bool(claim["amount"] and claim["change"])
