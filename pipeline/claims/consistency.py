"""A headline figure against its own body: "Profits jump 40%" over a story that
says profits rose 14% is an `inconsistent` flag on the headline's claim.

The headline is the text's first line when it is short and the story goes on
after it. A headline claim is compared with the body's claims of the same metric
and subject (and period, when both state one); it is inconsistent when one of
them differs and none agrees, so a headline that picks one of several figures
the body gives is left alone. Headlines round: "$1bn" stands for anything the
body gives from $0.95bn to $1.5bn (half a unit of the last digit written, plus
the usual 5%)."""
from __future__ import annotations

from typing import Any

from pipeline.claims.agreement import AMOUNT_TOLERANCE, changes_agree, period_key, who_key, quote, view
from pipeline.claims.agreement import amounts_agree as _amounts_agree_strict
from pipeline.claims.crosscheck import rounding

# A first line longer than this is a paragraph, not a headline.
MAX_HEADLINE_CHARS = 200


def headline_end(text: str) -> int | None:
    """The end of the headline: the first line, when short and followed by more text."""
    end = text.find("\n")
    if end <= 0 or end > MAX_HEADLINE_CHARS or not text[end:].strip():
        return None
    return end


def _figure_start(claim: dict[str, Any]) -> int | None:
    """Where the claim's first figure starts (mention ids end in "start-end")."""
    for slot in ("amount", "change"):
        part = claim.get(slot)
        if part:
            return int(part["mention_id"].rsplit(":", 1)[1].split("-")[0])
    return None


def _about(claim: dict[str, Any]) -> tuple[Any, ...] | None:
    who = who_key(claim)
    if not claim.get("metric") or who is None or who[0] != "subjects":
        return None
    return (claim["metric"], who, claim.get("segment"))


def _amounts_agree(h: tuple[Any, ...], b: tuple[Any, ...]) -> bool | None:
    """A body amount agrees with the headline's when it lies within what the headline's
    rounding and the usual tolerance allow; other currencies as across documents."""
    if h[0] == "money" and b[0] == "money" and h[1] == b[1]:
        x = (h[2][0] + h[2][1]) / 2
        slack = abs(x) * (AMOUNT_TOLERANCE + rounding(x))
        return x - slack <= b[2][0] and b[2][1] <= x + slack
    return _amounts_agree_strict(h, b)


def _agree(head: dict[str, Any], body: dict[str, Any]) -> bool | None:
    (ha, hc, hn), (ba, bc, bn) = view(head), view(body)
    verdicts = []
    if ha and ba:
        verdicts.append(_amounts_agree(ha, ba))
    if hc and bc:
        verdicts.append(changes_agree(hc, bc))
    if hn is not None and bn is not None:
        verdicts.append(abs(hn - bn) <= AMOUNT_TOLERANCE * max(abs(hn), abs(bn)))
    verdicts = [v for v in verdicts if v is not None]
    return all(verdicts) if verdicts else None


def may_be_inconsistent(claims: list[dict[str, Any]]) -> bool:
    """Whether a document's claims are worth reading its text for: one near its start
    and another about something, so a headline may disagree with the body."""
    about = [c for c in claims if _about(c) is not None]
    return len(about) > 1 and any((_figure_start(c) or MAX_HEADLINE_CHARS) < MAX_HEADLINE_CHARS for c in about)


def inconsistent_flags(claims: list[dict[str, Any]], text: str) -> dict[int, list[dict[str, Any]]]:
    """`inconsistent` flags of one document's headline claims, by index into `claims`."""
    end = headline_end(text)
    if end is None:
        return {}
    head, body = [], []
    for i, c in enumerate(claims):
        start, about = _figure_start(c), _about(c)
        if start is None or about is None:
            continue
        (head if start < end else body).append((i, c, about))
    out: dict[int, list[dict[str, Any]]] = {}
    for i, h, about in head:
        period = period_key(h)
        same = [c for _, c, a in body if a == about and (period is None or period_key(c) in (None, period))]
        verdicts = [_agree(h, c) for c in same]
        differ = [c for c, v in zip(same, verdicts) if v is False]
        if differ and True not in verdicts:
            out[i] = [{"flag": "inconsistent", "count": len(differ),
                       "sources": [{"claim_id": c["id"], "doc_id": c["doc_id"], "sentence": quote(c)}
                                   for c in differ]}]
    return out
