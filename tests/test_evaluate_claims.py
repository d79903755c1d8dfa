"""The claim scoring of docs/CLAIMS.md, on a hand-made case where each field is wrong once."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.cli import main
from pipeline.evaluate_claims import FIELDS, period_bounds, score_claims
from tests.values import money

DOC = "d1"
SENTENCE = "Acme raised ${n} million in 2023, led by Beta Capital, PitchBook said."
TEXT = " ".join(SENTENCE.format(n=n) for n in range(10, 20))


def _span(n: int) -> tuple[int, int]:
    s = TEXT.index(f"${n} million")
    return s, s + len(f"${n} million")


def gold_claim(n: int, **over: Any) -> dict[str, Any]:
    s, e = _span(n)
    g = {"doc_id": DOC, "figure": {"type": "money", "start": s, "end": e, "text": TEXT[s:e], "value": money(n * 1e6)},
         "subject": "Acme", "segment": None, "scope": None, "counterparties": ["Beta Capital"],
         "metric": "funding", "period": "2023", "attribution": "PitchBook", "hedged": False, "optional": False}
    g.update(over)
    return g


def system_claim(n: int, *, value: float | None = None, **over: Any) -> dict[str, Any]:
    s, e = _span(n)
    c = {"id": f"{DOC}:claim:{n}", "doc_id": DOC,
         "sentence": {"start": s, "end": e, "text": TEXT[s:e]},
         "subjects": [{"name": "Acme", "mention_id": f"{DOC}:org:0-4"}],
         "counterparties": [{"name": "Beta Capital"}],
         "metric": "funding",
         "amount": {"mention_id": f"{DOC}:money:{s}-{e}", "type": "money", "value": money((value or n) * 1e6)},
         "change": None, "count": None,
         "period": {"mention_id": f"{DOC}:date:1-2", "value": {"value": "2023", "start": "2023-01-01",
                                                               "end": "2023-12-31", "granularity": "year"}},
         "attribution": {"source": "PitchBook", "mention_id": None, "cue": "said"},
         "hedged": False}
    c.update(over)
    return c


# Figures 10..19: 10 right, 11..17 one field wrong each, 18 missed, 19 optional;
# plus one system figure with no gold claim at all.
WRONG = {
    11: ("value", {"value": 99}),
    12: ("subject", {"subjects": [{"name": "Beta Capital"}]}),
    13: ("counterparties", {"counterparties": []}),
    14: ("metric", {"metric": "valuation"}),
    15: ("period", {"period": None}),
    16: ("attribution", {"attribution": None}),
    17: ("hedged", {"hedged": True}),
}


@pytest.fixture
def case() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    gold = [gold_claim(n) for n in range(10, 19)] + [gold_claim(19, optional=True)]
    system = [system_claim(10)] + [system_claim(n, **over) for n, (_, over) in WRONG.items()]
    system.append(system_claim(19))  # on the optional gold claim: neither right nor wrong
    extra = system_claim(10)
    extra["amount"] = None
    extra["count"] = {"text": "2023", "start": TEXT.index("2023"), "end": TEXT.index("2023") + 4, "value": 2023.0}
    system.append(extra)  # pairs with no gold claim: counts against precision
    return gold, system


def test_each_wrong_field_is_named_once(case):
    gold, system = case
    s = score_claims(gold, system)
    assert s.pairs == 8  # 10..17
    for name in FIELDS:
        assert s.field_right[name] == 7, name
    wrong = {next(k for k, ok in res.items() if not ok) for _, _, res in s.wrong_pairs}
    # counterparties are reported, not required: that pair is still usable
    assert wrong == {"value", "subject", "metric", "period", "attribution", "hedged"}
    assert len(s.usable_pairs) == 2


def test_precision_recall_and_f1(case):
    gold, system = case
    s = score_claims(gold, system)
    assert s.gold == 9  # the optional one is not required
    assert s.pred == 9  # 10 figures, less the one on optional gold
    assert [g["figure"]["text"] for g in s.misses] == ["$18 million"]
    assert len(s.false_positives) == 1 and s.false_positives[0].role == "count"
    assert s.precision == pytest.approx(2 / 9) and s.recall == pytest.approx(2 / 9)
    assert s.f1 == pytest.approx(2 / 9)


def test_one_system_claim_pairs_with_the_gold_of_each_figure():
    text = "Acme revenue fell 30% to $12 million in 2023."
    s1, s2 = text.index("30%"), text.index("$12 million")
    pct = {"value": 30.0, "low": None, "high": None, "qualifier": None, "direction": "decrease", "basis": None, "unit": "percent"}
    base = {"doc_id": DOC, "subject": "Acme", "counterparties": [], "metric": "revenue", "period": "2023",
            "attribution": None, "hedged": False}
    gold = [{**base, "figure": {"type": "percent", "start": s1, "end": s1 + 3, "text": "30%", "value": pct}},
            {**base, "figure": {"type": "money", "start": s2, "end": s2 + 11, "text": "$12 million", "value": money(12e6)}}]
    claim = system_claim(10, metric="revenue", attribution=None, counterparties=[])
    claim["amount"] = {"mention_id": f"{DOC}:money:{s2}-{s2 + 11}", "value": money(12e6)}
    claim["change"] = {"mention_id": f"{DOC}:percent:{s1}-{s1 + 3}", "value": pct}
    s = score_claims(gold, [claim])
    assert (s.pairs, s.usable, s.pred) == (2, 2, 2)
    pct_wrong = {**pct, "direction": "increase"}
    claim["change"]["value"] = pct_wrong
    assert score_claims(gold, [claim]).usable == 1


def test_claims_of_a_document_without_gold_claims_count_when_it_is_covered(case):
    gold, system = case
    stray = {**system_claim(10), "doc_id": "d2"}  # d2 is annotated but states no claim
    assert score_claims(gold, system + [stray]).pred == 9  # d2 not covered: ignored
    assert score_claims(gold, system + [stray], docs={"d2"}).pred == 10


@pytest.mark.parametrize("gold_name, system_name, ok", [
    ("Li Ka-shing", "Li", True),
    ("Kevin Xu", "Xu", True),
    ("Kevin Xu", "Kevin Xu", True),
    ("PitchBook", "pitchbook", True),
    ("CB Insights", "CBInsights", True),
    ("Kevin Xu", "Kevin Wu", False),
    ("PitchBook", None, False),
    (None, "PitchBook", False),
    ("Commerce Department", "Department", True),
])
def test_attribution_by_name_or_surname(gold_name, system_name, ok):
    g = gold_claim(10, attribution=gold_name)
    c = system_claim(10, attribution={"source": system_name} if system_name else None)
    assert (score_claims([g], [c]).usable == 1) is ok


@pytest.mark.parametrize("value, bounds", [
    ("2023", ("2023-01-01", "2023-12-31")),
    ("2023-Q4", ("2023-10-01", "2023-12-31")),
    ("2024-H1", ("2024-01-01", "2024-06-30")),
    ("2024-02", ("2024-02-01", "2024-02-29")),
    ("2024-02-19", ("2024-02-19", "2024-02-19")),
    ("FY2024", None),
    ("2023-W17", None),
    (None, None),
])
def test_period_bounds(value, bounds):
    assert period_bounds(value) == bounds


def test_period_matches_by_start_and_end():
    g = gold_claim(10, period="2023-Q1")
    c = system_claim(10, period={"value": {"value": "2023-01", "start": "2023-01-01", "end": "2023-03-31"}})
    assert score_claims([g], [c]).usable == 1


def test_cli_scores_an_output_folder(tmp_path: Path, case, capsys):
    gold, system = case
    for g in gold:
        del g["figure"]["value"]  # values then come from the mention gold
    mentions = [{"doc_id": DOC, "type": "money", "start": _span(n)[0], "end": _span(n)[1],
                 "text": f"${n} million", "value": money(n * 1e6), "optional": False} for n in range(10, 20)]
    (tmp_path / "out").mkdir()
    for name, rows in (("claims.gold.jsonl", gold), ("mentions.gold.jsonl", mentions), ("out/claims.jsonl", system)):
        (tmp_path / name).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    args = ["evaluate", "--claims", str(tmp_path / "claims.gold.jsonl"), str(tmp_path / "out"),
            "--mentions-gold", str(tmp_path / "mentions.gold.jsonl"), "-v"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "F1 0.222" in out
    assert "    metric: gold=funding system=valuation" in out
    assert "MISS d1" in out and "'$18 million'" in out
    # without the mention gold the figures have no value: a plain error, exit 2
    assert main(args[:4]) == 2
    assert "--mentions-gold" in capsys.readouterr().err
