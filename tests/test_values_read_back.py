"""Values that are not what they look like, and exports that read back as written.

A figure next to a power, an exponent or a minus sign is no amount as written; an
amount whose tokens reach into another figure is refused rather than given a text
that says two things; mentions.csv quotes every field that holds a line break of
any kind, so it reads back with exactly one row per mention."""
from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest
import spacy

from pipeline.components.money import _cut_at_tokens
from pipeline.export import csv_line
from pipeline.normalize.money import find_money, normalize_money


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Its valuation is $1e309, they said.", id="exponent-overflow"),
        pytest.param("It cost $1E9 in all.", id="exponent"),
        pytest.param("It will spend 10^9 dollars on chips.", id="power-caret"),
        pytest.param("It will spend 10**9 dollars on chips.", id="power-stars"),
        pytest.param("The company lost -$3 billion in 2023.", id="minus-hyphen"),
        pytest.param("Net cash was −$3 billion.", id="minus-sign"),
        pytest.param("Net cash was (-$3 million).", id="minus-in-brackets"),
        pytest.param("Net cash was -3 billion yuan.", id="minus-suffix-currency"),
    ],
)
def test_no_amount_is_read_where_the_figure_is_not_one(text):
    assert find_money(text) == []


@pytest.mark.parametrize(
    "text, amounts",
    [
        pytest.param("- $3 billion for chips", [3e9], id="list-dash-then-space"),
        pytest.param("a $2-$3 billion deal", [(2e9, 3e9)], id="range-hyphen"),
        pytest.param("It cost $5 each.", [5.0], id="word-after-e"),
        pytest.param("revenue of $5 billion and $3 billion", [5e9, 3e9], id="two-amounts"),
    ],
)
def test_amounts_next_to_those_signs_still_read(text, amounts):
    got = [f.value["amount"] if f.value["amount"] is not None else (f.value["low"], f.value["high"]) for f in find_money(text)]
    assert got == amounts


def test_a_range_that_runs_high_to_low_is_no_range():
    assert normalize_money("$5 billion-$3 billion") is None
    assert normalize_money("$3 billion-$5 billion")["low"] == 3e9


@pytest.mark.parametrize(
    "text, kept",
    [
        pytest.param("Analysts put the loss at $5 billion-$3 billion last year.", [], id="glued-high-low"),
        pytest.param("Costs were $214.6bn;£114.5bn in all.", [], id="glued-by-semicolon"),
        pytest.param("It cost $300,00 in all.", [], id="torn-thousands"),
        pytest.param("New sub-$500 phones sold well.", ["$500"], id="prefix-word-is-no-figure"),
        pytest.param("Revenue rose to $5 billion last year.", ["$5 billion"], id="aligned"),
    ],
)
def test_an_amount_whose_tokens_reach_into_another_figure_is_refused(text, kept):
    doc = spacy.blank("en").make_doc(text)
    assert [text[f.start : f.end] for f in _cut_at_tokens(doc, text, find_money(text))] == kept


def test_the_pipeline_gives_no_garbled_amount(nlp):
    from pipeline import extract

    text = "Analysts put the loss at $5 billion-$3 billion last year, or -$3 billion, or $1e309."
    money = [m for m in extract(text, nlp=nlp) if m.type == "money"]
    assert money == []


@pytest.mark.parametrize(
    "value",
    ["x\ry", "x\r\ny", "x\ny", "a, \"b\"", "\r", "plain"],
    ids=["bare-cr", "crlf", "lf", "comma-quote", "only-cr", "plain"],
)
def test_a_csv_line_reads_back_as_one_row(value):
    line = csv_line(["id1", value, 3, None])
    assert line.endswith("\n") and not line.endswith("\r\n") or value.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(line, newline="")))
    assert rows == [["id1", value, "3", ""]]


def test_mentions_csv_reads_back_with_one_row_per_mention(tmp_path):
    from pipeline.export import OutputWriter
    from pipeline.records import Mention

    text = "Revenue rose to $5 million.\rIt cost\r$3 billion."
    ms = [
        Mention("d1", "money", s, e, text[s:e], {"amount": v, "currency": "USD"}, sentence=text[lo:hi], method="rule:x")
        for s, e, v, lo, hi in ((16, 26, 5e6, 0, 27), (36, 46, 3e9, 28, len(text)))
    ]
    w = OutputWriter(tmp_path)
    w.write({"doc_id": "d1", "source": "src", "status": "ok", "mentions": 2}, ms, text)
    w.close()
    back = pd.read_csv(tmp_path / "mentions.csv", keep_default_na=False)
    assert len(back) == 2
    assert list(back["sentence"]) == [m.sentence for m in ms]
    lines = [json.loads(x) for x in (tmp_path / "mentions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == list(back["id"])
