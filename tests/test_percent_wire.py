"""Percentages as wire copy and real pages write them: written-out figures,
sentences wrapped across lines, comparatives and nouns of change after the
figure. Short made-up sentences in the style of the real texts."""
from __future__ import annotations

import pytest

from pipeline.normalize.percent import direction, find_percents


def found(text):
    return [(text[f.start : f.end], f.value["value"], f.value["direction"]) for f in find_percents(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Sixteen percent of parents have one.", ("Sixteen percent", 16.0, None)),
        ("Output grew by nearly nine pct last year.", ("nine pct", 9.0, "increase")),
        ("Sales rose twenty-five per cent.", ("twenty-five per cent", 25.0, "increase")),
        ("It paid a 5-1/2 pct rise.", ("5-1/2 pct", 5.5, "increase")),
    ],
    ids=["capitalised-word", "wire-pct", "compound-word", "fraction"],
)
def test_written_out_and_wire_forms(text, expected):
    assert expected in found(text)


def test_a_wrapped_sentence_reads_across_its_line_breaks():
    text = (
        "    Output grew by nearly nine pct last year\n"
        "against an initial projection of 4.5 pct.\n"
        "    The firm holds a 23.5 pct\ninterest in the unit."
    )
    assert found(text) == [("nine pct", 9.0, "increase"), ("4.5 pct", 4.5, "increase"), ("23.5 pct", 23.5, None)]


def test_a_new_line_that_starts_a_paragraph_ends_the_sentence():
    text = "Costs rose sharply\n    The unit has a 20 pct share."
    assert found(text) == [("20 pct", 20.0, None)]


DIRECTIONS = [
    ("faster", "The chip is ", " faster than its predecessor.", "increase"),
    ("speedup", "It delivers a ", " speedup.", "increase"),
    ("improvement", "Users saw a ", " improvement in accuracy.", "increase"),
    ("less-likely", "They are ", " less likely to buy.", "decrease"),
    ("cheaper", "The model is ", " cheaper to run.", "decrease"),
    ("above-record", "The deficit was ", " above the previous record.", "increase"),
    ("undervalued", "It has undervalued the currency by as much as ", ".", "decrease"),
    ("measure-then-noun", "It is on track for ", " annual recurring revenue growth.", "increase"),
    ("less-measure-noun", "Firms realise ", " less annual revenue growth.", "decrease"),
    ("growth-rate", "a compound annual growth rate (CAGR) of ", " over 2023.", "increase"),
    ("verb-is-no-noun", "Only ", " report tangible gains.", None),
    ("level-after-to", "It rose from 8% to ", " less than a year later.", None),
    ("comparative-after-to", "It cut the price to ", " below the industry average.", "decrease"),
]


@pytest.mark.parametrize("before, after, expected", [d[1:] for d in DIRECTIONS], ids=[d[0] for d in DIRECTIONS])
def test_direction_from_comparatives_and_nouns(before, after, expected):
    assert direction(before, after) == expected


def test_a_spread_in_points_is_a_level():
    assert direction("The yield is ", " above Treasuries.", "points") is None
