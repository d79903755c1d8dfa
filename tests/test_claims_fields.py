"""Claim fields a journalist checks: sentences of hard-wrapped copy, metrics of the
standard's list, subjects, attribution, hedges and periods. Mentions are made by
hand (tests/test_claims.py's Doc), texts are short made-up sentences."""
from __future__ import annotations

import pytest

from tests.values import Doc, date, money, only, org, pct

WIRE = (
    "ACME <ACM> SEES PROFIT UP 25 PCT\n"
    "    LONDON, March 2 - Acme Holdings PLC, the largest maker of\n"
    "widgets in Britain, said its 1986 net profit rose to 120 mln\n"
    "dlrs from 95 mln dlrs, helped by strong sales of its new range.\n"
    "    The company said it expects sales of about 900 mln dlrs in\n"
    "1987, and will pay a dividend of 10 cents per share after the\n"
    "stock split approved by Acme Holdings Inc.\n"
    "    Exports rose 12 pct to 300 mln dlrs last year, it said.\n"
)


def _sent(text: str, mtype: str, surface: str) -> str:
    """The sentence of the claim on `surface`, as claims.jsonl gives it."""
    d = Doc("d", text)
    d.add(mtype, surface, pct(25.0, "increase") if mtype == "percent" else money(1e6))
    (c,) = d.claims()
    return c["sentence"]["text"]


# ------------------------------------------------------------------ sentences


def test_wrapped_lines_join_into_one_sentence():
    s = _sent(WIRE, "money", "120 mln")
    assert s.startswith("    LONDON, March 2") and s.endswith("of its new range.")


def test_an_indented_line_starts_a_new_sentence_even_after_an_abbreviation():
    s = _sent(WIRE, "money", "300 mln")
    assert s.startswith("    Exports rose") and "Inc." not in s


def test_the_all_caps_headline_stays_apart_from_the_dateline():
    assert _sent(WIRE, "percent", "25 PCT") == "ACME <ACM> SEES PROFIT UP 25 PCT"


def test_unwrapped_text_keeps_its_line_breaks_as_sentence_ends():
    text = "Markets\nAcme raised $5 million in a round led by Beta Capital on Monday\nMore stories"
    assert _sent(text, "money", "$5 million") == "Acme raised $5 million in a round led by Beta Capital on Monday"


# -------------------------------------------------------------------- metrics


def _claim_of(text: str, *mentions: tuple[str, str, dict]) -> dict:
    d = Doc("d", text)
    for mtype, surface, value in mentions:
        d.add(mtype, surface, value)
    (c,) = d.claims()
    return c


def test_trade_figures_take_the_trade_metric():
    c = _claim_of("US exports rose 12.3% to $1.15 trillion in 2004.",
                  ("percent", "12.3%", pct(12.3, "increase")), ("money", "$1.15 trillion", money(1.15e12)),
                  ("date", "2004", date("2004", "2004-01-01", "2004-12-31", "year")))
    assert c["metric"] == "trade"


def test_a_purchase_price_is_an_acquisition():
    c = _claim_of("Acme bought Beta last year for $90 million.",
                  ("org", "Acme", org("Acme")), ("org", "Beta", org("Beta")), ("money", "$90 million", money(9e7)))
    assert c["metric"] == "acquisition"


def test_an_amount_per_share_is_a_dividend_or_earnings_per_share():
    c = _claim_of("Corvane will pay a dividend of 14 cents a share in June.",
                  ("org", "Corvane", org("Corvane")), ("money", "14 cents", money(0.14)))
    assert c["metric"] == "dividend"
    c = _claim_of("Corvane posted net income of 3.10 dlrs per ordinary share on turnover of 8 billion dlrs.",
                  ("org", "Corvane", org("Corvane")), ("money", "3.10 dlrs", money(3.1)))
    assert c["metric"] == "earnings_per_share"  # a cue other than a per-share one
    c = _claim_of("Corvane paid 3.10 dlrs in fees.",
                  ("org", "Corvane", org("Corvane")), ("money", "3.10 dlrs", money(3.1)))
    assert c["metric"] == "other"  # no "per share" after it


def test_a_market_figure_is_market_size():
    c = _claim_of("Analysts expect the robot vacuum market to reach $4 billion by 2028.",
                  ("money", "$4 billion", money(4e9)),
                  ("date", "2028", date("2028", "2028-01-01", "2028-12-31", "year")))
    assert c["metric"] == "market_size"


def test_a_stake_is_a_share_of_the_total():
    c = _claim_of("Pellam bought a 12 percent stake in Ostrava Steel.",
                  ("org", "Pellam", org("Pellam")), ("org", "Ostrava Steel", org("Ostrava Steel")),
                  ("percent", "12 percent", pct(12.0)))
    assert c["metric"] == "share_of_total"


def test_an_uncued_figure_gets_other_and_an_uncued_level_a_share():
    c = _claim_of("Pellam said gold holdings stood at 3.4 billion dlrs.",
                  ("org", "Pellam", org("Pellam")), ("money", "3.4 billion dlrs", money(3.4e9)))
    assert c["metric"] == "other"
    c = _claim_of("Pellam said only 35% of clients renewed.",
                  ("org", "Pellam", org("Pellam")), ("percent", "35%", pct(35.0)))
    assert c["metric"] == "share_of_total"


# ------------------------------------------------------------------- subjects


def test_a_subject_is_carried_from_an_earlier_paragraph_when_the_sentence_says_the_company():
    d = Doc("d", "Brenmoor Foods named a new finance chief on Tuesday.\n"
                 "Okafor said the company's 2021 profit was 41 mln dlrs.")
    d.add("org", "Brenmoor Foods", org("Brenmoor Foods"))
    d.add("money", "41 mln dlrs", money(4.1e7))
    (c,) = d.claims()
    assert [s["name"] for s in c["subjects"]] == ["Brenmoor Foods"]
    d = Doc("d", "Brenmoor Foods named a new finance chief on Tuesday.\n"
                 "Okafor said profit was 41 mln dlrs.")  # nothing refers back: no subject
    d.add("org", "Brenmoor Foods", org("Brenmoor Foods"))
    d.add("money", "41 mln dlrs", money(4.1e7))
    (c,) = d.claims()
    assert c["subjects"] == []


def test_a_dummy_it_carries_no_subject():
    for sentence in ("It is thought that shoppers return as much as 30% of clothes bought online.",
                     "It was reported that buyers cancel 30% of orders."):
        d = Doc("d", "Brenmoor Foods named a new finance chief on Tuesday.\n" + sentence)
        d.add("org", "Brenmoor Foods", org("Brenmoor Foods"))
        d.add("percent", "30%", pct(30.0))
        assert all(not c["subjects"] for c in d.claims()), sentence
    d = Doc("d", "Brenmoor Foods named a new finance chief on Tuesday.\nIt said 30% of its shops will close.")
    d.add("org", "Brenmoor Foods", org("Brenmoor Foods"))
    d.add("percent", "30%", pct(30.0))
    assert [s["name"] for c in d.claims() for s in c["subjects"]] == ["Brenmoor Foods"]  # "it" that refers


def test_a_sentence_that_opens_on_its_figure_s_metric_takes_the_subject_named_before_the_furniture():
    d = Doc("d", "Brenmoor Foods sells frozen meals online.\nJoin our newsletter for the week's stories.\n"
                 "The $28 million funding round was led by Pellam Capital.")
    d.add("org", "Brenmoor Foods", org("Brenmoor Foods"))
    d.add("money", "$28 million", money(2.8e7))
    d.add("org", "Pellam Capital", org("Pellam Capital"))
    (c,) = d.claims()
    assert [s["name"] for s in c["subjects"]] == ["Brenmoor Foods"]
    assert [p["name"] for p in c["counterparties"]] == ["Pellam Capital"]


def test_a_dummy_it_that_opens_a_sentence_inherits_no_subject():
    d = Doc("d", "Brenmoor Foods sells frozen meals.\nIt’s estimated that shoppers spend up to 55% of their time online.")
    d.add("org", "Brenmoor Foods", org("Brenmoor Foods"))
    d.add("percent", "55%", pct(55.0))
    (c,) = d.claims()
    assert c["subjects"] == []


def test_market_and_trade_figures_have_no_subject():
    c = _claim_of("Halvard and Quinto lead the $3bn pet insurance market.",
                  ("org", "Halvard", org("Halvard")), ("org", "Quinto", org("Quinto")),
                  ("money", "$3bn", money(3e9)))
    assert c["metric"] == "market_size" and c["subjects"] == []


def test_the_owner_of_a_figure_and_a_with_clause_are_subjects():
    d = Doc("d", "Telvo held 28 percent of the handset market against Marrow's 19 percent, "
                 "with Ipsa taking only 7 percent.")
    for name in ("Telvo", "Marrow", "Ipsa"):
        d.add("org", name, org(name))
    for p in ("28 percent", "19 percent", "7 percent"):
        d.add("percent", p, pct(float(p.split()[0])))
    subjects = {c["amount"]["value"]["value"]: [s["name"] for s in c["subjects"]] for c in d.claims()}
    assert subjects == {28.0: ["Telvo"], 19.0: ["Marrow"], 7.0: ["Ipsa"]}


def test_the_company_bought_is_a_counterparty_not_the_subject():
    c = _claim_of("In 2019 Dunmore acquired Pixelwright for $310 million in cash.",
                  ("org", "Dunmore", org("Dunmore")), ("org", "Pixelwright", org("Pixelwright")),
                  ("money", "$310 million", money(3.1e8)))
    assert [s["name"] for s in c["subjects"]] == ["Dunmore"]
    assert [s["name"] for s in c["counterparties"]] == ["Pixelwright"]
    c = _claim_of("Dunmore, which also owns Pixelwright, earned $310 million.",
                  ("org", "Dunmore", org("Dunmore")), ("org", "Pixelwright", org("Pixelwright")),
                  ("money", "$310 million", money(3.1e8)))
    assert c["counterparties"] == []  # no transaction


def test_a_rounds_investors_are_its_counterparties():
    c = _claim_of("Loomwise closed a $15 million Series A led by Fenwick Ventures, joined by Harlow Capital "
                  "and Stoke Partners.",
                  ("org", "Loomwise", org("Loomwise")), ("money", "$15 million", money(1.5e7)),
                  ("org", "Fenwick Ventures", org("Fenwick Ventures")), ("org", "Harlow Capital", org("Harlow Capital")),
                  ("org", "Stoke Partners", org("Stoke Partners")))
    assert c["metric"] == "funding" and [s["name"] for s in c["subjects"]] == ["Loomwise"]
    assert [s["name"] for s in c["counterparties"]] == ["Fenwick Ventures", "Harlow Capital", "Stoke Partners"]


def test_a_market_share_has_no_counterparties():
    c = _claim_of("Telvo had 28 percent of the handset market, ahead of Ipsa.",
                  ("org", "Telvo", org("Telvo")), ("percent", "28 percent", pct(28.0)), ("org", "Ipsa", org("Ipsa")))
    assert c["counterparties"] == []


# ---------------------------------------------------------------- attribution


def _att(c: dict) -> str | None:
    return (c["attribution"] or {}).get("source")


def test_a_source_with_an_apposition_or_an_adverb_before_its_verb_is_found():
    c = _claim_of("Trellic, a startup building billing software, on Monday announced it raised $9 million.",
                  ("org", "Trellic", org("Trellic")), ("money", "$9 million", money(9e6)))
    assert _att(c) == "Trellic" and [s["name"] for s in c["subjects"]] == ["Trellic"]


def test_a_speaker_named_after_said_is_the_source():
    c = _claim_of("Sales should reach 450 mln dlrs next year, said finance director Maria Oduya.",
                  ("money", "450 mln dlrs", money(4.5e8)))
    assert _att(c) == "Maria Oduya"
    c = _claim_of("Sales reached 450 mln dlrs, said to be a record for Pellam.",
                  ("money", "450 mln dlrs", money(4.5e8)), ("org", "Pellam", org("Pellam")))
    assert c["attribution"] is None  # "said to be": no speaker


def test_he_said_is_the_person_credited_before():
    d = Doc("d", "Orlin Bank's results will improve, its president Tomas Berg said.\n"
                 "He said the bank would pay a dividend of 40 cents a share.")
    d.add("org", "Orlin Bank", org("Orlin Bank"))
    d.add("money", "40 cents", money(0.4))
    (c,) = d.claims()
    assert _att(c) == "Tomas Berg" and c["metric"] == "dividend" and c["hedged"]


def test_it_said_is_the_organisation_of_the_text_before():
    d = Doc("d", "Saito Electric has cut its outlook.\n"
                 "On Friday it said it was seeking another 80bn yen of new funding.")
    d.add("org", "Saito Electric", org("Saito Electric"))
    d.add("money", "80bn yen", money(8e10, "JPY"))
    (c,) = d.claims()
    assert _att(c) == "Saito Electric" and c["metric"] == "funding" and c["hedged"]


def test_a_company_reporting_its_own_figure_is_source_and_subject():
    c = _claim_of("Verdane, which runs hotels, yesterday announced net profit of 210 mln euros.",
                  ("org", "Verdane", org("Verdane")), ("money", "210 mln euros", money(2.1e8, "EUR")))
    assert _att(c) == "Verdane" and [s["name"] for s in c["subjects"]] == ["Verdane"]


def test_a_lower_case_office_is_named_as_source():
    c = _claim_of("Exports fell to 2.3 billion dlrs, the national statistics bureau said.",
                  ("money", "2.3 billion dlrs", money(2.3e9)))
    assert _att(c) == "National Statistics Bureau"


def test_a_report_named_in_free_text_is_credited_without_its_article_and_noun():
    c = _claim_of("Smart lock sales will hit $2 billion in 2027, according to a Harbin and Cole study.",
                  ("money", "$2 billion", money(2e9)),
                  ("date", "2027", date("2027", "2027-01-01", "2027-12-31", "year")))
    assert _att(c) == "Harbin and Cole"


# ------------------------------------------------------------------- hedges


def test_a_hedge_in_a_relative_clause_after_the_figure_does_not_reach_it():
    d = Doc("d", "The deal hands Pellam 8 percent of Ostrava, which operates in a field that might be worth $90 billion.")
    d.add("org", "Pellam", org("Pellam"))
    d.add("org", "Ostrava", org("Ostrava"))
    d.add("percent", "8 percent", pct(8.0))
    d.add("money", "$90 billion", money(9e10))
    by = {c["amount"]["type"]: c for c in d.claims()}
    assert by["percent"]["hedged"] is False and by["money"]["hedged"] is True


@pytest.mark.parametrize("sentence, orgs, surface, value, hedged", [
    ("Forrester forecasts that 25% of call centres will close.", ("Forrester",), "25%", pct(25.0), True),
    ("Dunmore will lift its revenue to $2.4 billion.", ("Dunmore",), "$2.4 billion", money(2.4e9), True),
    ("Dunmore sold Pixelwright for a reported $45 million.", ("Dunmore", "Pixelwright"), "$45 million",
     money(4.5e7), True),
    ("Dunmore sold Pixelwright for $45 million.", ("Dunmore", "Pixelwright"), "$45 million", money(4.5e7), False),
])
def test_a_forecast_a_future_and_a_reported_price_are_hedged(sentence, orgs, surface, value, hedged):
    d = Doc("d", sentence)
    for name in orgs:
        d.add("org", name, org(name))
    d.add("percent" if surface.endswith("%") else "money", surface, value)
    (c,) = d.claims()
    assert c["hedged"] is hedged


# ------------------------------------------------------------------- periods


def _period(c: dict) -> str | None:
    return ((c["period"] or {}).get("value") or {}).get("value")


def test_a_date_after_a_conversion_is_the_period_of_its_figure():
    c = _claim_of("Spending on defence reached €52bn ($56bn) in 2019.",
                  ("money", "€52bn", money(5.2e10, "EUR")), ("money", "$56bn", money(5.6e10)),
                  ("date", "2019", date("2019", "2019-01-01", "2019-12-31", "year")))
    assert _period(c) == "2019"


def test_a_year_or_quarter_ended_on_a_date_is_that_year_or_quarter():
    c = _claim_of("Revenue for the year ended December 2015 was 3.2 billion dlrs.",
                  ("money", "3.2 billion dlrs", money(3.2e9)),
                  ("date", "December 2015", date("2015-12", "2015-12-01", "2015-12-31", "month")))
    assert _period(c) == "2015"
    c = _claim_of("Profit for the quarter ended September 30, 2015 rose to 80 mln dlrs.",
                  ("money", "80 mln dlrs", money(8e7)),
                  ("date", "September 30, 2015", date("2015-09-30", "2015-09-30", "2015-09-30", "day")))
    assert _period(c) == "2015-Q3"
    c = _claim_of("Revenue in December 2015 was 3.2 billion dlrs.",
                  ("money", "3.2 billion dlrs", money(3.2e9)),
                  ("date", "December 2015", date("2015-12", "2015-12-01", "2015-12-31", "month")))
    assert _period(c) == "2015-12"  # the month itself, not a year it ends


def test_a_date_after_the_figure_in_another_clause_is_not_its_period():
    c = _claim_of("Corvane is investing $2 billion in Pellam, the unit tasked with putting robots on roads in 2019.",
                  ("org", "Corvane", org("Corvane")), ("money", "$2 billion", money(2e9)),
                  ("date", "2019", date("2019", "2019-01-01", "2019-12-31", "year")))
    assert _period(c) is None
    c = _claim_of("The market is worth $4 billion (Corvane entered it in August 2021).",
                  ("money", "$4 billion", money(4e9)),
                  ("date", "August 2021", date("2021-08", "2021-08-01", "2021-08-31", "month")))
    assert _period(c) is None


def test_a_date_after_the_next_figure_is_that_figures_period():
    d = Doc("d", "Corvane has raised $47 million to date, including a $4 million seed round in October 2019.")
    d.add("org", "Corvane", org("Corvane"))
    d.add("money", "$47 million", money(4.7e7))
    d.add("money", "$4 million", money(4e6))
    d.add("date", "October 2019", date("2019-10", "2019-10-01", "2019-10-31", "month"))
    assert [_period(c) for c in d.claims()] == [None, "2019-10"]


def test_a_founding_year_is_no_period():
    c = _claim_of("Corvane, which was founded in 2014, attracted $90 million in venture capital.",
                  ("org", "Corvane", org("Corvane")), ("money", "$90 million", money(9e7)),
                  ("date", "2014", date("2014", "2014-01-01", "2014-12-31", "year")))
    assert _period(c) is None


def test_a_dateline_with_a_clock_time_is_no_period():
    c = _claim_of("Technology editor Thu 5 Oct 2023 07.19 EDT The regulator referred the £7.5bn cloud market.",
                  ("money", "£7.5bn", money(7.5e9, "GBP")),
                  ("date", "Thu 5 Oct 2023", date("2023-10-05", "2023-10-05", "2023-10-05", "day")))
    assert _period(c) is None


def test_an_undated_sentence_takes_the_period_of_the_figure_before_of_the_same_metric():
    d = Doc("d", "Coffee exports climbed to $4.2 billion in 2011. Exports of tea rose to $900 million. "
                 "Pellam said its debt was $1bn.")
    d.add("money", "$4.2 billion", money(4.2e9))
    d.add("date", "2011", date("2011", "2011-01-01", "2011-12-31", "year"))
    d.add("money", "$900 million", money(9e8))
    d.add("org", "Pellam", org("Pellam"))
    d.add("money", "$1bn", money(1e9))
    periods = [(c["metric"], _period(c)) for c in d.claims()]
    assert periods == [("trade", "2011"), ("trade", "2011"), ("other", None)]


def test_a_figure_after_against_or_compared_with_is_the_comparison_base():
    d = Doc("d", "Corvane earned profits of 240 mln dlrs compared with 205 mln dlrs in 2009.")
    d.add("org", "Corvane", org("Corvane"))
    d.add("money", "240 mln dlrs", money(2.4e8))
    d.add("money", "205 mln dlrs", money(2.05e8))
    d.add("date", "2009", date("2009", "2009-01-01", "2009-12-31", "year"))
    (c,) = d.claims()
    assert c["amount"]["value"]["amount"] == 2.4e8 and c["from"]["value"]["amount"] == 2.05e8
    assert c["period"]["value"]["value"] == "2010"  # 2009 is the base's year: the figure is the year after


def test_a_forecast_set_against_a_base_year_takes_no_period_from_it():
    d = Doc("d", "Corvane expects 45% of orders online, up from 20% in 2018.")
    d.add("org", "Corvane", org("Corvane"))
    d.add("percent", "45%", pct(45.0))
    d.add("percent", "20%", pct(20.0))
    d.add("date", "2018", date("2018", "2018-01-01", "2018-12-31", "year"))
    (c,) = d.claims()
    assert c["period"] is None


def test_last_year_and_a_month_of_an_undated_article_fall_in_the_year_the_text_fixed():
    d = Doc("d", "The trade surplus reached $90bn in 2012. The trade surplus for last year was 8% above "
                 "forecasts. The trade surplus shrank by 2.5% in March. Exports will grow over the next 5 years.")
    d.add("money", "$90bn", money(9e10))
    d.add("date", "2012", date("2012", "2012-01-01", "2012-12-31", "year"))
    d.add("date", "last year", date(None, None, None, "year", relative=True))
    d.add("percent", "8%", pct(8.0, "increase"))
    d.add("percent", "2.5%", pct(2.5, "decrease"))
    d.add("date", "March", date(None, None, None, "month", relative=True))
    assert [_period(c) for c in d.claims()] == ["2012", "2012", "2012-03"]


def test_figures_listed_after_a_comparison_base_are_bases_too():
    d = Doc("d", "Sales were 4.1 billion dlrs against 3.9 billion in the June quarter and 3.5 billion "
                 "a year earlier. Costs fell to 610 mln dlrs from 650 mln for the June quarter "
                 "and from 700 mln a year earlier.")
    for surface, amount in (("4.1 billion dlrs", 4.1e9), ("3.9 billion", 3.9e9), ("3.5 billion", 3.5e9),
                            ("610 mln dlrs", 6.1e8), ("650 mln", 6.5e8), ("700 mln", 7e8)):
        d.add("money", surface, money(amount))
    assert [c["amount"]["value"]["amount"] for c in d.claims()] == [4.1e9, 6.1e8]


def test_a_dated_yardstick_after_would_top_is_a_fact_and_a_forecast_threshold_is_not():
    d = Doc("d", "Corvane said its 2024 sales would exceed 2023 revenue of 51 mln dlrs. "
                 "Corvane said profit could exceed 9 mln dlrs in 2025.")
    d.add("org", "Corvane", org("Corvane"))
    d.add("date", "2024", date("2024", "2024-01-01", "2024-12-31", "year"))
    d.add("date", "2023", date("2023", "2023-01-01", "2023-12-31", "year"))
    d.add("money", "51 mln dlrs", money(5.1e7))
    d.add("org", "Corvane", org("Corvane"), after="dlrs.")
    d.add("money", "9 mln dlrs", money(9e6))
    d.add("date", "2025", date("2025", "2025-01-01", "2025-12-31", "year"))
    assert [c["hedged"] for c in d.claims()] == [False, True]


def test_a_count_of_deals_is_a_claim_and_a_report_year_is_not_its_period():
    d = Doc("d", "Halvard Group said it had cash.\nThis year the company made 12 takeovers, the largest being Quinto. "
                 "A 2020 Moravec Foundation study counted 300 mergers worth $45 billion.")
    d.add("org", "Halvard Group", org("Halvard Group"))
    d.add("date", "This year", date("2022", "2022-01-01", "2022-12-31", "year", relative=True))
    d.add("org", "Quinto", org("Quinto"))
    d.add("date", "2020", date("2020", "2020-01-01", "2020-12-31", "year"))
    d.add("org", "Moravec Foundation", org("Moravec Foundation"))
    d.add("money", "$45 billion", money(4.5e10))
    claims = d.claims()
    counts = [c for c in claims if c["count"]]
    assert [(c["count"]["value"], c["metric"], _period(c)) for c in counts] == [(12.0, "deal_count", "2022"),
                                                                               (300.0, "deal_count", None)]
    assert [s["name"] for s in counts[0]["subjects"]] == ["Halvard Group"]
    assert only(claims, count=None)["metric"] != "deal_count"  # money is never a count

# ------------------------------------------------------- market words as heads


def _metric_and_subjects(text: str, surface: str, *orgs: str) -> tuple[str, list[str]]:
    d = Doc("d", text)
    for name in orgs:
        d.add("org", name, org(name))
    d.add("money", surface, money(5e6))
    c = only(d.claims())
    return c["metric"], [s["name"] for s in c["subjects"]]


@pytest.mark.parametrize("text, surface, orgs, metric, subjects", [
    # a market word near the figure but not what it measures
    ("Acme, the industry leader, earned $5 million.", "$5 million", ("Acme",), "other", ["Acme"]),
    ("Brightline, a newcomer to the sector, booked $5 million.", "$5 million", ("Brightline",), "other", ["Brightline"]),
    ("Orbix sells to markets in Asia and spent about $5 million.", "$5 million", ("Orbix",), "cost", ["Orbix"]),
    ("Kestrel entered the market at a price of $5 million.", "$5 million", ("Kestrel",), "other", ["Kestrel"]),
    # the market word is the head the figure measures
    ("The drone delivery market is worth about $5 million.", "$5 million", (), "market_size", []),
    ("Analysts see a sector that could be worth $5 million by next year.", "$5 million", (), "market_size", []),
    ("It is a $5 million niche market.", "$5 million", (), "market_size", []),
    ("Zentra's exports rose to $5 million.", "$5 million", ("Zentra",), "trade", ["Zentra"]),  # owned
])
def test_a_market_word_names_the_metric_only_as_the_head_the_figure_measures(text, surface, orgs, metric, subjects):
    assert _metric_and_subjects(text, surface, *orgs) == (metric, subjects)


@pytest.mark.parametrize("text, metric", [
    ("Varo made gains of $5 million on bonds.", "profit_or_loss"),  # "gains" heads its figure
    ("Varo expects a $5 million gain from the sale.", "profit_or_loss"),
    ("Varo posted strong results and paid $5 million in fees.", "other"),
    ("Varo is putting $5 million of cash aside.", "other"),
    ("Varo has $5 million available for the plan.", "other"),
])
def test_profit_and_investment_words_do_not_fire_on_everyday_verbs(text, metric):
    d = Doc("d", text)
    d.add("org", "Varo", org("Varo"))
    d.add("money", "$5 million", money(5e6))
    assert only(d.claims())["metric"] == metric


# ----------------------------------------------------------------- deal counts


def _counts_and_metrics(text: str) -> list[tuple[str | None, str]]:
    d = Doc("d", text)
    d.add("org", "Norvik", org("Norvik"))
    if "$7 billion" in text:
        d.add("money", "$7 billion", money(7e9))
    return [((c["count"] or {}).get("text"), c["metric"]) for c in d.claims()]


@pytest.mark.parametrize("text, found", [
    ("Norvik closed 25 deals last year.", [("25", "deal_count")]),
    ("Norvik made over 30 small acquisitions.", [("30", "deal_count")]),
    ("Norvik was behind three of the top 10 deals.", []),  # a rank
    ("In the past 18 months deals at Norvik slowed.", []),  # a span of time
    ("Norvik signed 25 deals worth $7 billion.", [("25", "deal_count"), (None, "other")]),
    ("Deals worth $7 billion were signed by Norvik.", [(None, "other")]),  # the money of the deals is a claim
])
def test_deal_counts_and_the_money_of_deals(text, found):
    assert _counts_and_metrics(text) == found


@pytest.mark.parametrize("frame, phrase, granularity, expected", [
    ("1900", "Feb.", "month", ("1900-02", "1900-02-28")),  # 1900 was no leap year
    ("2000", "February", "month", ("2000-02", "2000-02-29")),
    ("2018", "Dec.", "month", ("2018-12", "2018-12-31")),
    ("2018", "Sept", "month", ("2018-09", "2018-09-30")),
    ("2018", "the final quarter", "quarter", ("2018-Q4", "2018-12-31")),
    ("2018", "Q2", "quarter", ("2018-Q2", "2018-06-30")),
    ("2018", "last quarter", "quarter", (None, None)),  # the quarter before the article, not the year's last
])
def test_an_unresolved_month_or_quarter_falls_in_the_year_the_text_fixed(frame, phrase, granularity, expected):
    text = f"The trade deficit was $9bn in {frame}. The trade deficit narrowed by 3% in {phrase}."
    d = Doc("d", text)
    d.add("money", "$9bn", money(9e9))
    d.add("date", frame, date(frame, f"{frame}-01-01", f"{frame}-12-31", "year"))
    d.add("percent", "3%", pct(3.0, "decrease"))
    d.add("date", phrase, date(None, None, None, granularity, relative=True), after="narrowed")
    c = d.claims()[-1]
    v = (c["period"] or {}).get("value") or {}
    assert (v.get("value"), v.get("end")) == expected


@pytest.mark.parametrize("text, metric, subjects", [
    ("Helix is putting another $40 million into its robotics arm.", "investment", ["Helix"]),
    ("Helix sank $40 million into a new plant.", "investment", ["Helix"]),
    ("Helix put $40 million aside for repairs.", "other", ["Helix"]),  # no "into": no investment
    ("For Helix, a company worth about $40 million, the loss is small.", "market_value", ["Helix"]),
    ("Helix, a startup now valued at $40 million, hired a chief.", "valuation", ["Helix"]),
    ("Analysts at Helix put a company worth $40 million on the list.", "market_value", []),  # no apposition
    ("The round brings Helix's total capital to $40 million.", "funding", ["Helix"]),
])
def test_money_put_into_a_company_and_a_company_worth_a_sum(text, metric, subjects):
    d = Doc("d", text)
    d.add("org", "Helix", org("Helix"))
    d.add("money", "$40 million", money(4e7))
    c = only(d.claims())
    assert (c["metric"], [s["name"] for s in c["subjects"]]) == (metric, subjects)
