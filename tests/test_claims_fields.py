"""Claim fields a journalist checks: sentences of hard-wrapped copy, metrics of the
standard's list, subjects, attribution, hedges and periods. Mentions are made by
hand (tests/test_claims.py's Doc), texts are short made-up sentences."""
from __future__ import annotations

import pytest

from tests.test_claims import Doc, date, money, only, org, pct

from pipeline.claims.sentences import _sentence_of, hard_wrapped

WIRE = (
    "ACME <ACM> SEES HIGHER PROFIT\n"
    "    LONDON, March 2 - Acme Holdings PLC, the largest maker of\n"
    "widgets in Britain, said its 1986 net profit rose to 120 mln\n"
    "dlrs from 95 mln dlrs, helped by strong sales of its new range.\n"
    "    The company said it expects sales of about 900 mln dlrs in\n"
    "1987, and will pay a dividend of 10 cents per share after the\n"
    "stock split approved by Acme Holdings Inc.\n"
    "    Exports rose 12 pct to 300 mln dlrs last year, it said.\n"
)


def _sent(text: str, surface: str) -> str:
    s = text.index(surface)
    lo, hi = _sentence_of(text, {"start": s, "end": s + len(surface)})
    return text[lo:hi]


# ------------------------------------------------------------------ sentences


def test_hard_wrapped_copy_is_recognised_and_running_prose_is_not():
    assert hard_wrapped(WIRE)
    assert not hard_wrapped("A short line.\nAnother line of a page menu\n" + "Prose " * 60 + "\n" * 3)


def test_wrapped_lines_join_into_one_sentence():
    s = _sent(WIRE, "120 mln")
    assert s.startswith("    LONDON, March 2") and s.endswith("of its new range.")


def test_an_indented_line_starts_a_new_sentence_even_after_an_abbreviation():
    s = _sent(WIRE, "300 mln")
    assert s.startswith("    Exports rose") and "Inc." not in s


def test_the_all_caps_headline_stays_apart_from_the_dateline():
    assert _sent(WIRE, "SEES HIGHER") == "ACME <ACM> SEES HIGHER PROFIT"


def test_unwrapped_text_keeps_its_line_breaks_as_sentence_ends():
    text = "Markets\nAcme raised $5 million in a round led by Beta Capital on Monday\nMore stories"
    assert _sent(text, "$5 million") == "Acme raised $5 million in a round led by Beta Capital on Monday"


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
    c = _claim_of("Acme will pay a dividend of 10 cents per share after the stock split.",
                  ("org", "Acme", org("Acme")), ("money", "10 cents", money(0.1)))
    assert c["metric"] == "dividend"
    c = _claim_of("Acme earned income of 5.45 dlrs per ADR on sales of 15 billion dlrs.",
                  ("org", "Acme", org("Acme")), ("money", "5.45 dlrs", money(5.45)))
    assert c["metric"] == "earnings_per_share"


def test_a_market_figure_is_market_size():
    c = _claim_of("The cloud market is forecast to be worth $11 billion by 2025.",
                  ("money", "$11 billion", money(1.1e10)),
                  ("date", "2025", date("2025", "2025-01-01", "2025-12-31", "year")))
    assert c["metric"] == "market_size"


def test_a_stake_is_a_share_of_the_total():
    c = _claim_of("Acme will sell its 23.5 pct interest in Beta.",
                  ("org", "Acme", org("Acme")), ("org", "Beta", org("Beta")), ("percent", "23.5 pct", pct(23.5)))
    assert c["metric"] == "share_of_total"


def test_an_uncued_figure_gets_other_and_an_uncued_level_a_share():
    c = _claim_of("Acme said official reserves totalled 7.2 billion dlrs.",
                  ("org", "Acme", org("Acme")), ("money", "7.2 billion dlrs", money(7.2e9)))
    assert c["metric"] == "other"
    c = _claim_of("Acme said fewer than 20% took projects beyond the pilot stage.",
                  ("org", "Acme", org("Acme")), ("percent", "20%", pct(20.0)))
    assert c["metric"] == "share_of_total"


# ------------------------------------------------------------------- subjects


def test_a_subject_is_carried_from_an_earlier_paragraph_when_the_sentence_says_the_company():
    d = Doc("d", "Acme Holdings said on Monday it would open a plant.\n"
                 "Henderson said the company's 1986 income was 88 mln dlrs.")
    d.add("org", "Acme Holdings", org("Acme Holdings"))
    d.add("money", "88 mln dlrs", money(8.8e7))
    (c,) = d.claims()
    assert [s["name"] for s in c["subjects"]] == ["Acme Holdings"]


def test_a_dummy_it_carries_no_subject():
    d = Doc("d", "Acme Holdings said on Monday it would open a plant.\n"
                 "It's estimated that engineers spend up to 55% of their time on repetitive tasks.")
    d.add("org", "Acme Holdings", org("Acme Holdings"))
    d.add("percent", "55%", pct(55.0))
    assert all(not c["subjects"] for c in d.claims())


def test_market_and_trade_figures_have_no_subject():
    c = _claim_of("Microsoft and Amazon control most of the $7.5bn cloud market.",
                  ("org", "Microsoft", org("Microsoft")), ("org", "Amazon", org("Amazon")),
                  ("money", "$7.5bn", money(7.5e9)))
    assert c["metric"] == "market_size" and c["subjects"] == []


def test_the_owner_of_a_figure_and_a_with_clause_are_subjects():
    d = Doc("d", "Amazon had 40 percent of the market compared to Microsoft's 15 percent, "
                 "with Google holding just 6 percent.")
    for name in ("Amazon", "Microsoft", "Google"):
        d.add("org", name, org(name))
    for p in ("40 percent", "15 percent", "6 percent"):
        d.add("percent", p, pct(float(p.split()[0])))
    subjects = {c["amount"]["value"]["value"]: [s["name"] for s in c["subjects"]] for c in d.claims()}
    assert subjects == {40.0: ["Amazon"], 15.0: ["Microsoft"], 6.0: ["Google"]}


def test_the_company_bought_is_a_counterparty_not_the_subject():
    c = _claim_of("Back in 2016, GM bought Cruise for a reported $600 million.",
                  ("org", "GM", org("GM")), ("org", "Cruise", org("Cruise")), ("money", "$600 million", money(6e8)))
    assert [s["name"] for s in c["subjects"]] == ["GM"]
    assert [s["name"] for s in c["counterparties"]] == ["Cruise"]


def test_a_rounds_investors_are_its_counterparties():
    c = _claim_of("OctoML raised a $28 million round led by Addition, with participation from Madrona "
                  "and Amplify Partners.",
                  ("org", "OctoML", org("OctoML")), ("money", "$28 million", money(2.8e7)),
                  ("org", "Addition", org("Addition")), ("org", "Madrona", org("Madrona")),
                  ("org", "Amplify Partners", org("Amplify Partners")))
    assert c["metric"] == "funding" and [s["name"] for s in c["subjects"]] == ["OctoML"]
    assert [s["name"] for s in c["counterparties"]] == ["Addition", "Madrona", "Amplify Partners"]


def test_a_market_share_has_no_counterparties():
    c = _claim_of("Amazon had 40 percent of the cloud market, ahead of Google.",
                  ("org", "Amazon", org("Amazon")), ("percent", "40 percent", pct(40.0)), ("org", "Google", org("Google")))
    assert c["counterparties"] == []


# ---------------------------------------------------------------- attribution


def _att(c: dict) -> str | None:
    return (c["attribution"] or {}).get("source")


def test_a_source_with_an_apposition_or_an_adverb_before_its_verb_is_found():
    c = _claim_of("Gluware, a maker of network tools, today announced that it raised $43 million.",
                  ("org", "Gluware", org("Gluware")), ("money", "$43 million", money(4.3e7)))
    assert _att(c) == "Gluware" and [s["name"] for s in c["subjects"]] == ["Gluware"]


def test_a_speaker_named_after_said_is_the_source():
    c = _claim_of("Acme will lift its 1987 sales to 900 mln dlrs, said chairman-elect Denys Henderson.",
                  ("org", "Acme", org("Acme")), ("money", "900 mln dlrs", money(9e8)))
    assert _att(c) == "Denys Henderson"


def test_he_said_is_the_person_credited_before():
    d = Doc("d", "Acme expects higher profits, chairman Li Ka-shing said.\n"
                 "He said the firm will pay a dividend of 32.5 cents per share.")
    d.add("org", "Acme", org("Acme"))
    d.add("money", "32.5 cents", money(0.325))
    (c,) = d.claims()
    assert _att(c) == "Li Ka-shing" and c["metric"] == "dividend" and c["hedged"]


def test_it_said_is_the_organisation_of_the_text_before():
    d = Doc("d", "Acme Motors is in talks with its banks.\n"
                 "Last month it said it was looking for a further 540bn yen in fresh financial backing.")
    d.add("org", "Acme Motors", org("Acme Motors"))
    d.add("money", "540bn yen", money(5.4e11, "JPY"))
    (c,) = d.claims()
    assert _att(c) == "Acme Motors" and c["metric"] == "funding" and c["hedged"]


def test_a_company_reporting_its_own_figure_is_source_and_subject():
    c = _claim_of("Acme, which trades in property, earlier reported after-tax profits of 1.6 billion dlrs.",
                  ("org", "Acme", org("Acme")), ("money", "1.6 billion dlrs", money(1.6e9)))
    assert _att(c) == "Acme" and [s["name"] for s in c["subjects"]] == ["Acme"]


def test_a_lower_case_office_is_named_as_source():
    c = _claim_of("The deficit narrowed to 567 mln dlrs, the statistics department said.",
                  ("money", "567 mln dlrs", money(5.67e8)))
    assert _att(c) == "Statistics Department"


def test_a_report_named_in_free_text_is_credited_without_its_article_and_noun():
    c = _claim_of("The segment will reach $7.5 billion in 2019, according to a Markets and Markets report.",
                  ("money", "$7.5 billion", money(7.5e9)),
                  ("date", "2019", date("2019", "2019-01-01", "2019-12-31", "year")))
    assert _att(c) == "Markets and Markets"


# ------------------------------------------------------------------- hedges


def test_a_hedge_in_a_relative_clause_after_the_figure_does_not_reach_it():
    d = Doc("d", "It gives Acme a 19.6 percent stake in Beta, which is in an industry that could be worth $7 trillion.")
    d.add("org", "Acme", org("Acme"))
    d.add("org", "Beta", org("Beta"))
    d.add("percent", "19.6 percent", pct(19.6))
    d.add("money", "$7 trillion", money(7e12))
    by = {c["amount"]["type"]: c for c in d.claims()}
    assert by["percent"]["hedged"] is False and by["money"]["hedged"] is True


def test_a_forecast_a_future_and_a_reported_price_are_hedged():
    for sentence, fig in (("Gartner predicts automation of 60% of the tasks.", "60%"),
                          ("Acme will double its sales to $1.1 billion.", "$1.1 billion"),
                          ("Acme bought Beta for a reported $600 million.", "$600 million")):
        d = Doc("d", sentence)
        for name in ("Gartner", "Acme", "Beta"):
            if name in sentence:
                d.add("org", name, org(name))
        d.add("percent" if fig.endswith("%") else "money", fig,
              pct(60.0) if fig.endswith("%") else money(float(fig.strip("$ millionbilon").strip()) * 1e6))
        (c,) = d.claims()
        assert c["hedged"], sentence


# ------------------------------------------------------------------- periods


def _period(c: dict) -> str | None:
    return ((c["period"] or {}).get("value") or {}).get("value")


def test_a_date_after_a_conversion_is_the_period_of_its_figure():
    c = _claim_of("The trade gap hit a high of $671.7bn (£484bn) in 2004.",
                  ("money", "$671.7bn", money(6.717e11)), ("money", "£484bn", money(4.84e11, "GBP")),
                  ("date", "2004", date("2004", "2004-01-01", "2004-12-31", "year")))
    assert _period(c) == "2004"


def test_a_year_or_quarter_ended_on_a_date_is_that_year_or_quarter():
    c = _claim_of("Imports for the year ended December 1986 were 10.74 billion dlrs.",
                  ("money", "10.74 billion dlrs", money(1.074e10)),
                  ("date", "December 1986", date("1986-12", "1986-12-01", "1986-12-31", "month")))
    assert _period(c) == "1986"
    c = _claim_of("The deficit for the quarter ended December 31, 1986 narrowed to 567 mln dlrs.",
                  ("money", "567 mln dlrs", money(5.67e8)),
                  ("date", "December 31, 1986", date("1986-12-31", "1986-12-31", "1986-12-31", "day")))
    assert _period(c) == "1986-Q4"


def test_an_undated_sentence_takes_the_period_of_the_figure_before_of_the_same_metric():
    d = Doc("d", "US exports rose to $1.15 trillion in 2004. Foreign oil exports surged to $180.7bn. "
                 "Acme said its debt was $3bn.")
    d.add("money", "$1.15 trillion", money(1.15e12))
    d.add("date", "2004", date("2004", "2004-01-01", "2004-12-31", "year"))
    d.add("money", "$180.7bn", money(1.807e11))
    d.add("org", "Acme", org("Acme"))
    d.add("money", "$3bn", money(3e9))
    periods = [(c["metric"], _period(c)) for c in d.claims()]
    assert periods == [("trade", "2004"), ("trade", "2004"), ("other", None)]


def test_a_figure_after_against_or_compared_with_is_the_comparison_base():
    d = Doc("d", "Acme reported profits of 1.62 billion dlrs against 1.19 billion dlrs in 1985.")
    d.add("org", "Acme", org("Acme"))
    d.add("money", "1.62 billion dlrs", money(1.62e9))
    d.add("money", "1.19 billion dlrs", money(1.19e9))
    d.add("date", "1985", date("1985", "1985-01-01", "1985-12-31", "year"))
    (c,) = d.claims()
    assert c["amount"]["value"]["amount"] == 1.62e9 and c["from"]["value"]["amount"] == 1.19e9
    assert c["period"]["value"]["value"] == "1986"  # 1985 is the base's year: the figure is the year after


def test_a_forecast_set_against_a_base_year_takes_no_period_from_it():
    d = Doc("d", "Acme predicts automation of 60% of tasks, up from 30% in 2020.")
    d.add("org", "Acme", org("Acme"))
    d.add("percent", "60%", pct(60.0))
    d.add("percent", "30%", pct(30.0))
    d.add("date", "2020", date("2020", "2020-01-01", "2020-12-31", "year"))
    (c,) = d.claims()
    assert c["period"] is None


def test_last_year_and_a_month_of_an_undated_article_fall_in_the_year_the_text_fixed():
    d = Doc("d", "The trade gap hit $600bn in 2004. The trade deficit for all of last year was 24% above "
                 "the record. The trade gap narrowed by 4.9% in December. Exports will grow over the next 7 years.")
    d.add("money", "$600bn", money(6e11))
    d.add("date", "2004", date("2004", "2004-01-01", "2004-12-31", "year"))
    d.add("date", "last year", date(None, None, None, "year", relative=True))
    d.add("percent", "24%", pct(24.0, "increase"))
    d.add("percent", "4.9%", pct(4.9, "decrease"))
    d.add("date", "December", date(None, None, None, "month", relative=True))
    assert [_period(c) for c in d.claims()] == ["2004", "2004", "2004-12"]


def test_figures_listed_after_a_comparison_base_are_bases_too():
    d = Doc("d", "Imports were 2.6 billion dlrs against 2.8 billion in the September quarter and 2.4 billion "
                 "a year earlier. The deficit narrowed to 567 mln dlrs from 738 mln for the September quarter "
                 "and from 733 mln a year earlier.")
    for surface, amount in (("2.6 billion dlrs", 2.6e9), ("2.8 billion", 2.8e9), ("2.4 billion", 2.4e9),
                            ("567 mln dlrs", 5.67e8), ("738 mln", 7.38e8), ("733 mln", 7.33e8)):
        d.add("money", surface, money(amount))
    assert [c["amount"]["value"]["amount"] for c in d.claims()] == [2.6e9, 5.67e8]


def test_a_dated_yardstick_after_would_top_is_a_fact_and_a_forecast_threshold_is_not():
    d = Doc("d", "Acme said its 1987 results would top 1986 income of 88 mln dlrs. "
                 "Acme said sales could top 90 mln dlrs in 1988.")
    d.add("org", "Acme", org("Acme"))
    d.add("date", "1987", date("1987", "1987-01-01", "1987-12-31", "year"))
    d.add("date", "1986", date("1986", "1986-01-01", "1986-12-31", "year"))
    d.add("money", "88 mln dlrs", money(8.8e7))
    d.add("org", "Acme", org("Acme"), after="dlrs.")
    d.add("money", "90 mln dlrs", money(9e7))
    d.add("date", "1988", date("1988", "1988-01-01", "1988-12-31", "year"))
    assert [c["hedged"] for c in d.claims()] == [False, True]


def test_a_count_of_deals_is_a_claim_and_a_report_year_is_not_its_period():
    d = Doc("d", "Acme Holdings said it had cash.\nLast year the company made 40 acquisitions, the largest being Beta. "
                 "A 2017 Zelva Institute report tallied up 160 deals worth $80 billion.")
    d.add("org", "Acme Holdings", org("Acme Holdings"))
    d.add("date", "Last year", date("1986", "1986-01-01", "1986-12-31", "year", relative=True))
    d.add("org", "Beta", org("Beta"))
    d.add("date", "2017", date("2017", "2017-01-01", "2017-12-31", "year"))
    d.add("org", "Zelva Institute", org("Zelva Institute"))
    d.add("money", "$80 billion", money(8e10))
    claims = d.claims()
    counts = [c for c in claims if c["count"]]
    assert [(c["count"]["value"], c["metric"], _period(c)) for c in counts] == [(40.0, "deal_count", "1986"),
                                                                               (160.0, "deal_count", None)]
    assert [s["name"] for s in counts[0]["subjects"]] == ["Acme Holdings"]
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
