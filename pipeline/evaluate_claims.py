"""Score claims.jsonl against gold claims, as defined in docs/CLAIMS.md ("Scoring").

A system claim carries up to three figures (its `amount`, `change` and `count`);
gold writes one claim per figure. Each system figure is paired with at most one
gold claim whose figure span it overlaps (largest overlap first), so a claim
carrying two figures can be right twice, and precision is counted over system
figures, the unit the gold counts in.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from pipeline.evaluate import VALUE_CHECKS, Row, f1_score, fmt_score, load_jsonl, ratio

FIELDS = ("value", "subject", "counterparties", "metric", "period", "attribution", "hedged")
# A pair is usable when these are right; counterparties are reported, not required.
REQUIRED = ("value", "subject", "metric", "period", "attribution", "hedged")
ROLES = ("amount", "change", "count")


def _key(name: Any) -> str:
    return re.sub(r"[\s\-]+", "", str(name)).casefold()


@dataclass
class Figure:
    """One figure of a system claim: which claim, which role, its span and value."""
    claim: Row
    role: str
    type: str
    start: int
    end: int
    value: Any


def _span_of(mention_id: str) -> tuple[str, int, int]:
    # "{doc_id}:{type}:{start}-{end}"; a doc id may itself hold colons
    _, mtype, span = mention_id.rsplit(":", 2)
    start, end = span.split("-")
    return mtype, int(start), int(end)


def system_figures(claim: Row) -> list[Figure]:
    """The figures a claim is matched by: its amount, change and count."""
    out = []
    for role in ("amount", "change"):
        ref = claim.get(role)
        if ref and ref.get("mention_id"):
            mtype, start, end = _span_of(ref["mention_id"])
            out.append(Figure(claim, role, mtype, start, end, ref.get("value")))
    count = claim.get("count")
    if count and count.get("start") is not None:
        out.append(Figure(claim, "count", "count", int(count["start"]), int(count["end"]), count.get("value")))
    return out


# --- field comparison ---------------------------------------------------------

_TIMEX = re.compile(r"^(\d{4})(?:-(Q[1-4]|H[12]|\d{2})(?:-(\d{2}))?)?$")


def period_bounds(value: str | None) -> tuple[str, str] | None:
    """Start and end of a plain calendar TIMEX value (2023, 2023-Q1, 2023-H2, 2023-06,
    2023-06-30); None for anything else (fiscal, weeks, seasons, decades)."""
    m = _TIMEX.match(value or "")
    if not m:
        return None
    year, part, day = int(m[1]), m[2], m[3]
    try:
        if part is None:
            return f"{year}-01-01", f"{year}-12-31"
        if day is not None:
            d = dt.date(year, int(part), int(day))
            return d.isoformat(), d.isoformat()
        if part[0] in "QH":
            months = 3 if part[0] == "Q" else 6
            first = (int(part[1]) - 1) * months + 1
            last = first + months - 1
        else:
            first = last = int(part)
        end = (dt.date(year + (last == 12), last % 12 + 1, 1) - dt.timedelta(days=1))
        return dt.date(year, first, 1).isoformat(), end.isoformat()
    except ValueError:
        return None


def _period_ok(gold: Row, claim: Row) -> bool:
    g = gold.get("period")
    p = (claim.get("period") or {}).get("value") or {}
    if g is None:
        return p.get("value") is None and p.get("start") is None
    if p.get("value") == g:
        return True
    bounds = period_bounds(g)
    return bounds is not None and bounds == (p.get("start"), p.get("end"))


def _subject_ok(gold: Row, claim: Row) -> bool:
    names = [s.get("name") for s in claim.get("subjects") or [] if isinstance(s, dict)]
    if gold.get("subject") is None:
        return not names
    return bool(names) and _key(names[0]) == _key(gold["subject"])


def _names(items: Iterable[Any]) -> set[str]:
    return {_key(i.get("name") if isinstance(i, dict) else i) for i in items or []}


def _attribution_ok(gold: Row, claim: Row) -> bool:
    g = gold.get("attribution")
    p = (claim.get("attribution") or {}).get("source")
    if g is None or p is None:
        return g is None and p is None
    if _key(g) == _key(p):
        return True
    # a person may be matched by surname ("Li Ka-shing" / "Li"; "Kevin Xu" / "Xu")
    g_words, p_words = g.casefold().split(), p.casefold().split()
    return len(g_words) > 1 and len(p_words) == 1 and p_words[0] in g_words


def _value_ok(gold: Row, fig: Figure) -> bool:
    g = gold["figure"]
    if g["type"] != fig.type:
        return False
    if g["type"] == "count":
        try:
            return abs(float(g["value"]) - float(fig.value)) <= 0.005 * abs(float(g["value"]))
        except (TypeError, ValueError):
            return False
    return VALUE_CHECKS[g["type"]](g.get("value") or {}, fig.value or {})


def field_results(gold: Row, fig: Figure) -> dict[str, bool]:
    c = fig.claim
    return {
        "value": _value_ok(gold, fig),
        "subject": _subject_ok(gold, c),
        "counterparties": _names(gold.get("counterparties")) == _names(c.get("counterparties")),
        "metric": gold.get("metric") == c.get("metric"),
        "period": _period_ok(gold, c),
        "attribution": _attribution_ok(gold, c),
        "hedged": bool(gold.get("hedged")) == bool(c.get("hedged")),
    }


# --- pairing and scoring --------------------------------------------------------

@dataclass
class ClaimScore:
    gold: int = 0  # required gold claims
    pred: int = 0  # system figures, less those paired with optional gold
    usable: int = 0  # usable pairs on required gold
    pairs: int = 0  # pairs on required gold
    field_right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    usable_pairs: list[tuple[Row, Figure]] = field(default_factory=list)
    wrong_pairs: list[tuple[Row, Figure, dict[str, bool]]] = field(default_factory=list)
    misses: list[Row] = field(default_factory=list)
    false_positives: list[Figure] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return ratio(self.usable, self.pred)

    @property
    def recall(self) -> float:
        return ratio(self.usable, self.gold)

    @property
    def f1(self) -> float:
        return f1_score(self.precision, self.recall)

    def field_accuracy(self, name: str) -> float | None:
        return self.field_right[name] / self.pairs if self.pairs else None


def _overlap(g: Row, f: Figure) -> int:
    return min(int(g["figure"]["end"]), f.end) - max(int(g["figure"]["start"]), f.start)


def score_claims(gold: list[Row], claims: list[Row], docs: Iterable[str] | None = None) -> ClaimScore:
    """Claims of documents outside `docs` (default: those of the gold claims) are
    ignored; give the documents the gold covers when some of them state no claim."""
    docs = {g["doc_id"] for g in gold} | set(docs or ())
    figs = [f for c in claims if c.get("doc_id") in docs for f in system_figures(c)]
    s = ClaimScore(gold=sum(not g.get("optional") for g in gold), pred=len(figs))
    by_doc: dict[str, list[int]] = {}
    for gi, g in enumerate(gold):
        by_doc.setdefault(g["doc_id"], []).append(gi)
    cands = sorted(
        (-ov, int(gold[gi]["figure"]["start"]), f.start, gi, fi)
        for fi, f in enumerate(figs)
        for gi in by_doc.get(f.claim["doc_id"], ())
        if (ov := _overlap(gold[gi], f)) > 0
    )
    used_g: set[int] = set()
    used_f: set[int] = set()
    for *_, gi, fi in cands:
        if gi in used_g or fi in used_f:
            continue
        used_g.add(gi)
        used_f.add(fi)
        g, f = gold[gi], figs[fi]
        if g.get("optional"):
            s.pred -= 1  # a borderline figure: neither rewarded nor punished
            continue
        res = field_results(g, f)
        s.pairs += 1
        for name, ok in res.items():
            s.field_right[name] += ok
        if all(res[k] for k in REQUIRED):
            s.usable += 1
            s.usable_pairs.append((g, f))
        else:
            s.wrong_pairs.append((g, f, res))
    s.misses = [g for gi, g in enumerate(gold) if gi not in used_g and not g.get("optional")]
    s.false_positives = [f for fi, f in enumerate(figs) if fi not in used_f]
    return s


# --- reporting ------------------------------------------------------------------

def _gold_field(g: Row, name: str) -> Any:
    if name == "value":
        return g["figure"].get("value")
    if name == "period" and g.get("period") is None and g.get("period_text"):
        return f"null ({g['period_text']!r})"
    return g.get(name)


def _system_field(f: Figure, name: str) -> Any:
    c = f.claim
    if name == "value":
        return f.value
    if name == "subject":
        return [s.get("name") for s in c.get("subjects") or []]
    if name == "period":
        return ((c.get("period") or {}).get("value") or {}).get("value")
    if name == "attribution":
        return (c.get("attribution") or {}).get("source")
    return c.get(name)


def _compact(v: Any) -> str:
    if isinstance(v, dict):
        v = {k: x for k, x in v.items() if x is not None}
    return str(v)


def _where(doc_id: str, start: int, end: int, text: str) -> str:
    return f"{doc_id} {start}-{end} {text!r}"


def format_claim_report(s: ClaimScore, verbose: bool = False) -> str:
    lines = [
        f"claims   gold {s.gold}  system figures {s.pred}  usable {s.usable}",
        f"claim    P {fmt_score(s.precision)}  R {fmt_score(s.recall)}  F1 {fmt_score(s.f1)}",
        f"fields   (accuracy over {s.pairs} pairs)  "
        + "  ".join(f"{n} {fmt_score(s.field_accuracy(n))}" for n in FIELDS),
    ]
    if not verbose:
        return "\n".join(lines)
    lines += ["", "== usable =="]
    for g, f in s.usable_pairs:
        fg = g["figure"]
        lines.append(f"USABLE {_where(g['doc_id'], fg['start'], fg['end'], fg['text'])} {g['metric']}")
    lines += ["", "== wrong =="]
    for g, f, res in s.wrong_pairs:
        fg = g["figure"]
        lines.append(f"WRONG {_where(g['doc_id'], fg['start'], fg['end'], fg['text'])} (system {f.role})")
        for name in FIELDS:
            if not res[name]:
                lines.append(f"    {name}: gold={_compact(_gold_field(g, name))} system={_compact(_system_field(f, name))}")
    lines += ["", "== missed =="]
    for g in s.misses:
        fg = g["figure"]
        lines.append(f"MISS {_where(g['doc_id'], fg['start'], fg['end'], fg['text'])} {g['metric']} "
                     f"subject={g.get('subject')} period={g.get('period')}")
    lines += ["", "== system figures with no gold claim =="]
    for f in s.false_positives:
        lines.append(f"FP {f.claim['doc_id']} {f.start}-{f.end} {f.role} metric={f.claim.get('metric')} "
                     f"sentence={f.claim.get('sentence', {}).get('text', '')[:100]!r}")
    return "\n".join(lines)


def attach_values(gold: list[Row], mentions_gold: list[Row] | None) -> None:
    """Give each gold figure its value: from the figure itself, or from the mention
    gold with the same span."""
    by_span = {(m["doc_id"], m["type"], m["start"], m["end"]): m for m in mentions_gold or []}
    for g in gold:
        fig = g["figure"]
        if "value" in fig:
            continue
        if fig["type"] == "count":
            raise ValueError(f"gold count figure {g['doc_id']} {fig['start']}-{fig['end']} {fig.get('text')!r} "
                             "has no value: a count figure carries its own")
        m = by_span.get((g["doc_id"], fig["type"], fig["start"], fig["end"]))
        if m is None:
            raise ValueError(f"gold claim figure {g['doc_id']} {fig['start']}-{fig['end']} {fig.get('text')!r} "
                             "has no value: give the mention gold (--mentions-gold) that holds it")
        fig["value"] = m.get("value")


def run_claims(
    gold_path: str | Path, out_dir: str | Path, verbose: bool = False, mentions_gold: str | Path | None = None
) -> tuple[ClaimScore, str]:
    """Load the gold claims and OUT_DIR/claims.jsonl (or a claims file), score, and
    return (score, report text)."""
    gold = load_jsonl(gold_path)
    mentions = load_jsonl(mentions_gold) if mentions_gold else []
    attach_values(gold, mentions)
    path = Path(out_dir)
    claims = load_jsonl(path / "claims.jsonl" if path.is_dir() else path)
    # a document of the mention gold with no gold claim still has its system claims scored
    docs = {g["doc_id"] for g in gold} | {m["doc_id"] for m in mentions}
    s = score_claims(gold, claims, docs)
    head = (f"Scored {len(docs)} docs ({len({g['doc_id'] for g in gold})} with gold claims); "
            f"{len(gold)} gold claims ({s.gold} required).")
    return s, head + "\n" + format_claim_report(s, verbose)
