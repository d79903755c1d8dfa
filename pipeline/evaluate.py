"""Score predicted mentions against gold, as defined in docs/ANNOTATION.md ("Scoring")."""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from pipeline.records import TYPES

Row = dict[str, Any]


def load_jsonl(path: str | Path) -> list[Row]:
    """Read one JSON object per non-blank line; errors name the file and line."""
    rows: list[Row] = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{lineno}: invalid JSON: {exc.msg}") from exc
            if not isinstance(row, dict):
                raise ValueError(f"{path}:{lineno}: expected a JSON object")
            rows.append(row)
    return rows


def ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def f1_score(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class TypeScore:
    gold: int = 0  # non-optional gold mentions
    pred: int = 0  # predictions left after neutralisation by optional gold
    tp: int = 0
    strict_tp: int = 0
    value_tp: int = 0
    pairs: int = 0
    # Pairs whose value was actually compared (org values are not scored), so
    # the micro "all" row does not count org pairs as right values.
    value_checked: int = 0
    misses: list[Row] = field(default_factory=list)
    false_positives: list[Row] = field(default_factory=list)
    wrong_values: list[tuple[Row, Row]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return ratio(self.tp, self.pred)

    @property
    def recall(self) -> float:
        return ratio(self.tp, self.gold)

    @property
    def f1(self) -> float:
        return f1_score(self.precision, self.recall)

    @property
    def strict_f1(self) -> float:
        return f1_score(ratio(self.strict_tp, self.pred), ratio(self.strict_tp, self.gold))

    @property
    def value_accuracy(self) -> float | None:
        if not self.value_checked:
            return None
        return (self.value_checked - len(self.wrong_values)) / self.value_checked

    @property
    def value_f1(self) -> float:
        return f1_score(ratio(self.value_tp, self.pred), ratio(self.value_tp, self.gold))

    def add(self, other: TypeScore) -> None:
        """Accumulate counts and lists (micro-averaging)."""
        for name in ("gold", "pred", "tp", "strict_tp", "value_tp", "pairs", "value_checked"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses
        self.false_positives += other.false_positives
        self.wrong_values += other.wrong_values


# --- value comparison -------------------------------------------------------

def _same_num(g: Any, p: Any, close: Callable[[float, float], bool]) -> bool:
    # Both null is agreement; exactly one null is a disagreement.
    if g is None or p is None:
        return g is None and p is None
    try:
        return close(float(g), float(p))
    except (TypeError, ValueError):
        return False


def _money_close(g: float, p: float) -> bool:
    return abs(g - p) <= 0.005 * abs(g)  # 0.5% relative to gold


def _percent_close(g: float, p: float) -> bool:
    return abs(g - p) <= 0.01 + 1e-9  # slack for float noise at the boundary


def _money_ok(g: Row, p: Row) -> bool:
    return all(_same_num(g.get(k), p.get(k), _money_close) for k in ("amount", "low", "high")) \
        and g.get("currency") == p.get("currency")


def _percent_ok(g: Row, p: Row) -> bool:
    nums = all(_same_num(g.get(k), p.get(k), _percent_close) for k in ("value", "low", "high"))
    direction = g.get("direction") is None or g.get("direction") == p.get("direction")
    return nums and direction


def _date_ok(g: Row, p: Row) -> bool:
    if g.get("value") == p.get("value"):
        return True
    # The same period under a different TIMEX label is still right.
    return g.get("start") is not None and g.get("end") is not None \
        and (g["start"], g["end"]) == (p.get("start"), p.get("end"))


def _model_key(name: Any) -> str | None:
    return None if name is None else str(name).lower().replace(" ", "").replace("-", "")


def _model_ok(g: Row, p: Row) -> bool:
    return _model_key(g.get("name")) == _model_key(p.get("name"))


VALUE_CHECKS: dict[str, Callable[[Row, Row], bool]] = {
    "money": _money_ok,
    "percent": _percent_ok,
    "date": _date_ok,
    "model": _model_ok,
}  # org is absent: its value is not scored


# --- pairing and scoring ----------------------------------------------------

def _overlap(a: Row, b: Row) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def _pair(gold: list[Row], pred: list[Row]) -> list[tuple[int, int]]:
    """One-to-one greedy pairing by overlap size, deterministic on ties."""
    cands = sorted(
        (-ov, g["start"], p["start"], gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(pred)
        if (ov := _overlap(g, p)) > 0
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for *_, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def _score_group(ts: TypeScore, mtype: str, gold: list[Row], pred: list[Row]) -> None:
    """Add one (doc_id, type) group's outcome to `ts`."""
    check = VALUE_CHECKS.get(mtype)
    optional = [g for g in gold if g.get("optional")]
    ts.gold += len(gold) - len(optional)
    ts.pred += len(pred)
    pairs = _pair(gold, pred)
    paired_g = {gi for gi, _ in pairs}
    paired_p = {pi for _, pi in pairs}
    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        if g.get("optional"):
            ts.pred -= 1  # borderline gold: neither rewarded nor punished
            continue
        ts.pairs += 1
        ts.tp += 1
        ts.strict_tp += (g["start"], g["end"]) == (p["start"], p["end"])
        if check is None:
            ts.value_tp += 1
        else:
            ts.value_checked += 1
            if check(g.get("value") or {}, p.get("value") or {}):
                ts.value_tp += 1
            else:
                ts.wrong_values.append((g, p))
    ts.misses += [g for i, g in enumerate(gold) if i not in paired_g and not g.get("optional")]
    for i, p in enumerate(pred):
        if i in paired_p:
            continue
        if any(_overlap(o, p) > 0 for o in optional):
            ts.pred -= 1
        else:
            ts.false_positives.append(p)


def score(
    gold: list[Row], pred: list[Row], types: Iterable[str] = TYPES
) -> dict[str, TypeScore]:
    """Per-type scores; predictions for documents absent from gold are ignored."""
    types = tuple(types)
    docs = {g["doc_id"] for g in gold}
    groups: dict[tuple[str, str], tuple[list[Row], list[Row]]] = defaultdict(lambda: ([], []))
    for g in gold:
        if g["type"] in types:
            groups[g["doc_id"], g["type"]][0].append(g)
    for p in pred:
        if p["type"] in types and p["doc_id"] in docs:
            groups[p["doc_id"], p["type"]][1].append(p)
    scores = {t: TypeScore() for t in types}
    for (_, mtype), (g_rows, p_rows) in sorted(groups.items()):
        _score_group(scores[mtype], mtype, g_rows, p_rows)
    return scores


# --- reporting --------------------------------------------------------------

def fmt_score(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def _compact(value: Row | None) -> str:
    def show(v: Any) -> str:
        return f"{v:.10g}" if isinstance(v, float) else str(v)
    items = [f"{k}={show(v)}" for k, v in (value or {}).items() if v is not None]
    return "{" + ", ".join(items) + "}"


def _line(tag: str, row: Row, docs_text: dict[str, str] | None) -> str:
    out = f"{tag} {row['doc_id']} {row['start']}-{row['end']} {row.get('text', '')!r}"
    text = (docs_text or {}).get(row["doc_id"])
    if text is not None:  # a little context helps judge a span at a glance
        ctx = text[max(0, row["start"] - 40):row["end"] + 40].replace("\n", " ")
        out += f"  ...{ctx}..."
    return out


def _by_pos(row: Row) -> tuple[str, int]:
    return (row["doc_id"], row["start"])


def format_report(
    scores: dict[str, TypeScore], verbose: bool = False, docs_text: dict[str, str] | None = None
) -> str:
    """Plain-text table (per type plus micro "all"), then optional error lists."""
    total = TypeScore()
    for ts in scores.values():
        total.add(ts)
    header = ("type", "gold", "pred", "P", "R", "F1", "strict F1", "value acc", "value F1")
    rows = [header]
    for name, ts in [*scores.items(), ("all", total)]:
        rows.append((name, str(ts.gold), str(ts.pred), fmt_score(ts.precision), fmt_score(ts.recall),
                     fmt_score(ts.f1), fmt_score(ts.strict_f1), fmt_score(ts.value_accuracy), fmt_score(ts.value_f1)))
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                       for i, (c, w) in enumerate(zip(r, widths))) for r in rows]
    if verbose:
        for name, ts in scores.items():
            lines += ["", f"== {name} =="]
            lines += [f"{_line('MISS', g, docs_text)} {_compact(g.get('value'))}"
                      for g in sorted(ts.misses, key=_by_pos)]
            lines += [f"{_line('FP', p, docs_text)} {_compact(p.get('value'))}"
                      for p in sorted(ts.false_positives, key=_by_pos)]
            lines += [f"{_line('WRONG', g, docs_text)} gold={_compact(g.get('value'))}"
                      f" pred={_compact(p.get('value'))}"
                      for g, p in sorted(ts.wrong_values, key=lambda gp: _by_pos(gp[0]))]
    return "\n".join(lines)


def run(
    gold_path: str | Path, pred_path: str | Path, verbose: bool = False,
    types: Iterable[str] | None = None,
) -> tuple[dict[str, TypeScore], str]:
    """Load both files, score, and return (scores, report text)."""
    gold = load_jsonl(gold_path)
    pred = load_jsonl(pred_path)
    gold_docs = {g["doc_id"] for g in gold}
    pred_docs = {p["doc_id"] for p in pred}
    skipped = pred_docs - gold_docs
    scores = score(gold, pred, TYPES if types is None else types)
    head = (f"Scored {len(gold_docs)} docs present in gold "
            f"({len(pred_docs & gold_docs)} with predictions); "
            f"ignored {sum(p['doc_id'] in skipped for p in pred)} predictions "
            f"from {len(skipped)} docs absent from gold.")
    return scores, head + "\n" + format_report(scores, verbose)
