"""Records in plain words for the report and review pages: every value type,
odd values that must not raise, and claims read as a sentence."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.plain import claim_words, date_words, value_words


@pytest.mark.parametrize(
    ("mtype", "value", "expected"),
    [
        pytest.param("money", {"amount": 1.2e9, "currency": "USD"}, "$1.2 billion", id="usd"),
        pytest.param("money", {"amount": 5600, "currency": "EUR", "qualifier": "approx"}, "about €5,600", id="approx"),
        pytest.param("money", {"amount": 3e6, "currency": "CNY"}, "CN¥3 million", id="cny"),
        pytest.param("money", {"amount": 3e6, "currency": "XYZ"}, "XYZ 3 million", id="unknown-code"),
        pytest.param("money", {"amount": 3e6, "currency": None}, "3 million (currency not stated)", id="no-currency"),
        pytest.param(
            "money", {"amount": None, "low": 6.8e8, "high": 7.2e8, "currency": "GBP"}, "£680 million to £720 million",
            id="range",
        ),
        pytest.param(
            "money", {"amount": None, "low": 1e9, "currency": "CNY", "vague": True},
            "an unstated sum, at least CN¥1 billion", id="vague",
        ),
        pytest.param("money", {"amount": "n/a", "currency": "USD"}, "an amount that could not be read", id="odd"),
        pytest.param(
            "percent", {"value": 30.0, "direction": "decrease", "basis": "yoy", "unit": "percent"},
            "down 30% year on year", id="percent",
        ),
        pytest.param("percent", {"value": 0.25, "direction": "increase", "unit": "points"}, "up 0.25 points", id="points"),
        pytest.param("percent", {"value": 48.0, "direction": None, "unit": "percent", "qualifier": "gt"}, "more than 48%", id="share"),
        pytest.param("date", {"value": "2023-Q1"}, "Q1 2023", id="quarter"),
        pytest.param("date", {"value": "2024", "modifier": "mid"}, "mid-2024", id="mid"),
        pytest.param("date", {"value": "2023-06", "modifier": "end", "relative": True}, "late June 2023 (relative)", id="relative"),
        pytest.param("date", {"value": None, "relative": True}, "not resolved to a date", id="unresolved"),
        pytest.param(
            "money", {"amount": None, "low": 1e6, "high": None, "currency": "USD"}, "at least $1 million", id="open-range"
        ),
        pytest.param(
            "percent", {"value": None, "low": None, "high": 7.0, "direction": "increase", "unit": "percent"},
            "up at most 7%", id="open-percent-range",
        ),
        pytest.param(
            "percent", {"value": None, "low": 5.0, "high": 7.0, "direction": "decrease", "unit": "percent"},
            "down 5 to 7%", id="percent-range",
        ),
        pytest.param("org", {"name": "Alphabet", "ticker": "GOOGL"}, "Alphabet (ticker GOOGL)", id="org"),
        pytest.param("model", {"name": "GPT-4", "developer": "OpenAI"}, "GPT-4, by OpenAI", id="model"),
        pytest.param("thing", {"a": 1, "b": None}, "a 1", id="unknown-type"),
        pytest.param("money", None, "", id="no-value"),
    ],
)
def test_values_in_plain_words(mtype: str, value: Any, expected: str) -> None:
    assert value_words(mtype, value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-02-19", "19 February 2023"),
        ("2024-H1", "H1 2024"),
        ("FY2024-Q2", "Q2 fiscal 2024"),
        ("FY2024", "fiscal 2024"),
        ("2023-W17", "week 17 of 2023"),
        ("2023-FA", "autumn 2023"),
        ("2020s", "the 2020s"),
        ("2023-13", "2023-13"),  # not a month: left as written
    ],
)
def test_dates_in_plain_words(value: str, expected: str) -> None:
    assert date_words(value) == expected


def test_a_claim_reads_as_a_sentence() -> None:
    claim = {
        "subjects": [{"name": "Acme", "mention_id": "a"}],
        "metric": "revenue",
        "amount": {"mention_id": "m", "type": "money", "value": {"amount": 1.2e9, "currency": "USD"}},
        "change": {"mention_id": "p", "value": {"value": 30.0, "unit": "percent"}, "direction": "decrease", "basis": "yoy"},
        "period": {"mention_id": "d", "value": {"value": "2023-Q1"}},
        "attribution": {"source": "PitchBook", "mention_id": "o"},
    }
    assert claim_words(claim) == "Acme revenue: fell 30% year on year to $1.2 billion, Q1 2023, according to PitchBook"


def test_odd_claims_do_not_raise() -> None:
    assert claim_words({}) == ""
    assert claim_words({"metric": "deal_count", "count": {"value": 40.0}, "amount": "x", "period": 5}) == "deal count: 40"
    share = {"metric": "share_of_total", "amount": {"type": "percent", "value": {"value": 59.0, "unit": "percent"}}}
    assert claim_words(share) == "share of total: 59%"
    assert claim_words({"subjects": [{"name": "Acme"}], "metric": "other", "amount": {"value": {"amount": 5.0, "currency": "EUR"}}}) == "Acme: €5"


def test_an_unresolved_date_says_why_only_when_it_knows() -> None:
    value = {"value": None, "relative": True}
    assert value_words("date", value, undated=True) == "not resolved to a date (the article is undated)"
    claim = {"metric": "revenue", "amount": {"value": {"amount": 5e6, "currency": "USD"}},
             "period": {"mention_id": "d:date:1-10", "value": value}}
    assert claim_words(claim, texts={"d:date:1-10": "a year\nearlier"}) == 'revenue: $5 million, period "a year earlier" not resolved'
    assert claim_words(claim, undated=True) == "revenue: $5 million, period not resolved (the article is undated)"


def test_a_claim_gives_its_comparison_base() -> None:
    claim = {
        "metric": "trade", "attribution": {"source": "Statistics\nDepartment"},
        "amount": {"type": "money", "value": {"amount": 5.67e8, "currency": "NZD"}},
        "from": {"type": "money", "value": {"amount": 7.38e8, "currency": "NZD"}, "direction": None},
    }
    assert claim_words(claim) == "trade: NZ$567 million, compared with NZ$738 million, according to Statistics Department"
    rise = {"amount": {"type": "money", "value": {"amount": 7.53e9, "currency": "USD"}},
            "from": {"type": "money", "value": {"amount": 3.16e9, "currency": "USD"}, "direction": "increase"}}
    assert claim_words(rise) == "$7.53 billion, up from $3.16 billion"
    share = {"metric": "share_of_total", "amount": {"type": "percent", "value": {"value": 59.0, "unit": "percent"}},
             "from": {"type": "percent", "value": {"value": 41.0, "unit": "percent", "direction": None}}}
    assert claim_words(share) == "share of total: 59%, compared with 41%"


def test_a_claim_without_subject_or_metric_leads_with_its_scope() -> None:
    claim = {"scope": "China", "metric": "other", "change": {"value": {"value": 40.0, "unit": "percent"}, "direction": "decrease"}}
    assert claim_words(claim) == "China: fell 40%"
