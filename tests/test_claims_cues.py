"""The claim vocabulary as one scanner per kind: the same cues as a pattern per word."""
from __future__ import annotations

from pipeline.claims.attribution import sentence_hedges
from pipeline.claims.linking import metric_cues
from pipeline.claims.sentences import Sentence


def _sent(text: str) -> Sentence:
    return Sentence(0, len(text), text)


def test_metric_cues_take_the_longest_word_of_each_metric():
    text = "Net income was 5 dlrs, or earnings per share of 1 dlr, on sales of\n  9 dlrs."
    cues = [(c.text, c.label) for c in metric_cues(text, _sent(text), [])]
    assert cues == [("Net income", "profit_or_loss"), ("earnings per share", "earnings_per_share"),
                    ("share of", "share_of_total"), ("sales", "revenue")]  # another metric's word inside is seen


def test_metric_cues_skip_named_spans():
    text = "Sales Inc said revenue rose."
    assert [c.text for c in metric_cues(text, _sent(text), [(0, 9)])] == ["revenue"]


def test_overlapping_hedges_are_all_found_and_may_only_as_a_verb():
    text = "Profit is expected to rise in May and may reach 5 dlrs."
    words = [w for _, _, w in sentence_hedges(text, _sent(text))]
    assert words == ["is expected", "expected to", "may"]
