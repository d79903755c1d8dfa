"""Tests for the scorer (pipeline.evaluate)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.evaluate import format_report, load_jsonl, run, score

GOLD_FILE = Path(__file__).parent / "gold" / "seeds.gold.jsonl"


def m(mtype: str, start: int, end: int, value: dict[str, Any] | None = None,
      optional: bool = False, doc: str = "d1", text: str = "x") -> dict[str, Any]:
    return {"doc_id": doc, "type": mtype, "start": start, "end": end, "text": text,
            "value": value or {}, "optional": optional}


def money(amount: float | None, currency: str = "USD", **kw: Any) -> dict[str, Any]:
    return {"amount": amount, "low": kw.get("low"), "high": kw.get("high"), "currency": currency}


def pct(value: float, direction: str | None = None) -> dict[str, Any]:
    return {"value": value, "low": None, "high": None, "direction": direction}


def test_perfect_prediction_scores_one_everywhere() -> None:
    gold = [m("money", 0, 5, money(100.0)), m("org", 10, 17, {"name": "Tencent"})]
    s = score(gold, [dict(g) for g in gold])
    for t in ("money", "org"):
        ts = s[t]
        assert (ts.precision, ts.recall, ts.f1, ts.strict_f1, ts.value_f1) == (1, 1, 1, 1, 1)
    assert s["money"].value_accuracy == 1.0
    assert s["org"].value_accuracy is None  # org values are not scored


def test_missed_mention_lowers_recall_only() -> None:
    gold = [m("date", 0, 4, {"value": "2023"}), m("date", 20, 24, {"value": "2022"})]
    ts = score(gold, gold[:1])["date"]
    assert ts.recall == 0.5 and ts.precision == 1.0
    assert [g["start"] for g in ts.misses] == [20]


def test_pairing_is_one_to_one() -> None:
    gold = [m("org", 0, 10)]
    pred = [m("org", 0, 8), m("org", 5, 10)]
    ts = score(gold, pred)["org"]
    assert (ts.tp, ts.pred) == (1, 2)
    # The larger overlap (8 chars) wins; the other becomes the false positive.
    assert [p["start"] for p in ts.false_positives] == [5]
    assert ts.precision == 0.5


def test_touching_spans_do_not_pair() -> None:
    ts = score([m("org", 0, 10)], [m("org", 10, 15)])["org"]
    assert ts.tp == 0 and len(ts.misses) == 1 and len(ts.false_positives) == 1


def test_optional_gold_neutralises_overlapping_predictions() -> None:
    gold = [m("date", 0, 11, optional=True), m("date", 30, 34, {"value": "2023"})]
    pred = [m("date", 2, 11), m("date", 0, 5), m("date", 30, 34, {"value": "2023"})]
    ts = score(gold, pred)["date"]
    # One pred pairs with the optional gold, the other just overlaps it: both dropped.
    assert (ts.gold, ts.pred, ts.tp) == (1, 1, 1)
    assert ts.false_positives == [] and ts.precision == 1.0


@pytest.mark.parametrize("amount, right", [(1004.0, True), (996.0, True),
                                           (1006.0, False), (994.0, False)])
def test_money_tolerance_half_percent(amount: float, right: bool) -> None:
    ts = score([m("money", 0, 5, money(1000.0))], [m("money", 0, 5, money(amount))])["money"]
    assert ts.tp == 1
    assert (ts.value_tp == 1) is right


def test_money_currency_and_null_rules() -> None:
    gold = [m("money", 0, 5, money(1000.0, "USD")),
            m("money", 10, 15, money(None, "CNY", low=2e9)),
            m("money", 20, 25, money(None, "CNY", low=680e6, high=720e6))]
    pred = [m("money", 0, 5, money(1000.0, "CNY")),      # wrong currency
            m("money", 10, 15, money(None, "CNY", low=2e9)),  # right
            m("money", 20, 25, money(None, "CNY", low=680e6))]  # high missing
    ts = score(gold, pred)["money"]
    assert ts.value_tp == 1
    assert sorted(g["start"] for g, _ in ts.wrong_values) == [0, 20]


def test_percent_direction_only_checked_when_gold_has_one() -> None:
    gold = [m("percent", 0, 3, pct(30.0)), m("percent", 10, 13, pct(30.0, "decrease"))]
    pred = [m("percent", 0, 3, pct(30.0, "increase")),
            m("percent", 10, 13, pct(30.0, "increase"))]
    ts = score(gold, pred)["percent"]
    assert [g["start"] for g, _ in ts.wrong_values] == [10]
    assert ts.value_accuracy == 0.5


def test_percent_tolerance() -> None:
    gold = [m("percent", 0, 3, pct(26.47)), m("percent", 10, 13, pct(26.47))]
    pred = [m("percent", 0, 3, pct(26.48)), m("percent", 10, 13, pct(26.5))]
    ts = score(gold, pred)["percent"]
    assert [g["start"] for g, _ in ts.wrong_values] == [10]


def test_date_right_by_start_end_despite_other_value() -> None:
    q1 = {"value": "2023-Q1", "start": "2023-01-01", "end": "2023-03-31"}
    gold = [m("date", 0, 5, q1), m("date", 10, 15, q1)]
    pred = [m("date", 0, 5, {"value": "2023-01/03", "start": "2023-01-01", "end": "2023-03-31"}),
            m("date", 10, 15, {"value": "2023-03", "start": "2023-03-01", "end": "2023-03-31"})]
    ts = score(gold, pred)["date"]
    assert ts.value_tp == 1
    assert [g["start"] for g, _ in ts.wrong_values] == [10]


def test_model_name_ignores_case_hyphens_spaces() -> None:
    gold = [m("model", 0, 5, {"name": "GPT-4"}), m("model", 10, 15, {"name": "Ernie Bot"})]
    pred = [m("model", 0, 5, {"name": "gpt 4"}), m("model", 10, 15, {"name": "ErnieBot-4"})]
    ts = score(gold, pred)["model"]
    assert ts.value_tp == 1
    assert [g["start"] for g, _ in ts.wrong_values] == [10]


def test_strict_f1_needs_identical_offsets() -> None:
    gold = [m("org", 0, 10), m("org", 20, 30)]
    pred = [m("org", 0, 10), m("org", 21, 30)]
    ts = score(gold, pred)["org"]
    assert ts.f1 == 1.0
    assert ts.strict_tp == 1 and ts.strict_f1 == 0.5


def test_gold_file_scores_perfectly_against_itself() -> None:
    gold = load_jsonl(GOLD_FILE)
    scores = score(gold, gold)
    assert set(scores) == {"money", "percent", "date", "org", "model"}
    for t, ts in scores.items():
        assert ts.gold > 0, t
        assert ts.f1 == 1.0 and ts.strict_f1 == 1.0 and ts.value_f1 == 1.0, t


def test_load_jsonl_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"a": 1}\n\n{oops\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.jsonl:3"):
        load_jsonl(bad)


def test_run_ignores_docs_absent_from_gold_and_reports(tmp_path: Path) -> None:
    gold = [m("money", 0, 5, money(100.0), text="$100")]
    pred = [m("money", 0, 5, money(200.0), text="$100"), m("money", 0, 5, doc="other")]
    gp, pp = tmp_path / "g.jsonl", tmp_path / "p.jsonl"
    gp.write_text("".join(json.dumps(r) + "\n" for r in gold), encoding="utf-8")
    pp.write_text("".join(json.dumps(r) + "\n" for r in pred), encoding="utf-8")
    scores, report = run(gp, pp, verbose=True, types=["money"])
    assert scores["money"].pred == 1 and scores["money"].precision == 1.0
    first = report.splitlines()[0]
    assert "Scored 1 docs" in first and "1 predictions from 1 docs" in first
    assert "WRONG d1 0-5 '$100' gold={amount=100, currency=USD} " \
           "pred={amount=200, currency=USD}" in report


def test_format_report_table_and_verbose_lines() -> None:
    gold = [m("org", 0, 4, text="Acme", doc="b"), m("org", 0, 3, text="Foo", doc="a")]
    pred = [m("org", 50, 53, text="Bar", doc="a")]
    text = format_report(score(gold, pred, types=("org",)), verbose=True,
                         docs_text={"a": "Foo" + " " * 47 + "Bar"})
    lines = text.splitlines()
    assert lines[0].split()[:3] == ["type", "gold", "pred"]
    assert lines[1].split() == ["org", "2", "1", "0.000", "0.000", "0.000", "0.000",
                                "-", "0.000"]
    assert lines[2].split()[0] == "all"
    misses = [ln for ln in lines if ln.startswith("MISS")]
    assert [ln.split()[1] for ln in misses] == ["a", "b"]  # sorted by doc_id
    assert any(ln.startswith("FP a 50-53 'Bar'") for ln in lines)
