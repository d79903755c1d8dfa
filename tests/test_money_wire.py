"""Money as wire copy and real pages write it: wire forms, written-out amounts,
the dollar of the dateline's country, the world's currencies by name, sign and
code. Short made-up sentences in the style of the real texts."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from pipeline.normalize.dateline import dateline_territory, home_currencies, home_units
from pipeline.normalize.money import find_money


def found(text, **kw):
    return [(text[f.start : f.end], f.value["amount"], f.value["currency"]) for f in find_money(text, **kw)]


WIRE = [
    ("singular-dlr", "It expects a 277 mln dlr gain.", ("277 mln dlr", 277e6, "USD")),
    ("line-break", "Gains of 563 mln\ndlrs were excluded.", ("563 mln\ndlrs", 563e6, "USD")),
    ("line-break-us-dlrs", "Sales were 640\nmln U.S. Dlrs last year.", ("640\nmln U.S. Dlrs", 640e6, "USD")),
    ("fraction", "The offer is 3-1/4 dlrs a share.", ("3-1/4 dlrs", 3.25, "USD")),
    ("words-dlrs", "The shares fell seven dlrs.", ("seven dlrs", 7.0, "USD")),
    ("words-cts", "It rose three cts to 1.30 dlrs.", ("three cts", 0.03, "USD")),
    ("words-pence", "It added five pence.", ("five pence", 0.05, "GBP")),
    ("words-compound-number", "It costs twenty-five dollars.", ("twenty-five dollars", 25.0, "USD")),
    ("dollars-and-cents", "A ticket costs twelve dollars and fifty cents.", ("twelve dollars and fifty cents", 12.5, "USD")),
    ("comma-space", "Prices under $30, 000 each.", ("$30, 000", 30000.0, "USD")),
]


@pytest.mark.parametrize("text, expected", [w[1:] for w in WIRE], ids=[w[0] for w in WIRE])
def test_wire_forms(text, expected):
    assert expected in found(text)


def test_a_dollar_is_no_amount():
    # "a" counts only before a magnitude ("a billion dollars"), not as "one dollar"
    assert found("The dollar and a dollar store.") == []


WORLD = [
    ("francs", "It paid 5,000 francs.", ("5,000 francs", 5000.0, "CHF")),
    ("rupees", "Tickets cost 300 rupees.", ("300 rupees", 300.0, "INR")),
    ("pesetas", "A loss of 2 bln pesetas.", ("2 bln pesetas", 2e9, "ESP")),
    ("guilders", "Profit of 40 mln guilders.", ("40 mln guilders", 40e6, "NLG")),
    ("won", "It will invest 5 trillion won.", ("5 trillion won", 5e12, "KRW")),
    ("rupiah", "Sales of 10 billion rupiah.", ("10 billion rupiah", 10e9, "IDR")),
    ("rupee-sign", "It costs ₹500 a month.", ("₹500", 500.0, "INR")),
    ("won-sign", "It costs ₩1,000.", ("₩1,000", 1000.0, "KRW")),
    ("yuan-character", "售价100元", ("100元", 100.0, "CNY")),
    ("c-dollar-space", "It raised C $5 million.", ("C $5 million", 5e6, "CAD")),
    ("hk-dollar-space", "Shares closed at HK $3.20.", ("HK $3.20", 3.2, "HKD")),
    ("us-dollar-space", "It costs US$ 4 billion.", ("US$ 4 billion", 4e9, "USD")),
    # from price-parser's table, not the hand list
    ("name-from-data", "A deal worth 3 bln Swedish kronor.", ("3 bln Swedish kronor", 3e9, "SEK")),
    ("sign-from-data", "It sold for ₦2 million.", ("₦2 million", 2e6, "NGN")),
    ("code-from-data", "It was valued at PLN 40 mln.", ("PLN 40 mln", 40e6, "PLN")),
]


@pytest.mark.parametrize("text, expected", [w[1:] for w in WORLD], ids=[w[0] for w in WORLD])
def test_world_currencies(text, expected):
    assert expected in found(text)


@pytest.mark.parametrize("text", ["the TOP 10 models", "ALL 3 units", "PEN 5 was used"])
def test_codes_that_are_words_are_no_currency(text):
    assert found(text) == []


def test_yen_sign_outside_china_is_yen():
    assert found("It costs ¥500.") == [("¥500", 500.0, "JPY")]
    assert found("It costs ¥500.", china=True) == [("¥500", 500.0, "CNY")]


DATELINES = [
    ("hong-kong", "HUTCHISON SEES HIGHER PAYOUT\n    HONG KONG, March 2 - Hutchison said", "HK"),
    ("wellington", "N.Z. DEFICIT NARROWS\n    WELLINGTON, March 3 - New Zealand's", "NZ"),
    ("city-in-time-zones", "TORONTO, March 4 - Shares rose", "CA"),
    ("reuters-credit", "SYDNEY (Reuters) - The bank said", "AU"),
    ("region-after-city", "SAN JOSE, Calif., March 2 - The company", "US"),
    ("press-release", "Title\nSHENZHEN, China, 2025-03-18 /PRNewswire/ -- The firm", "CN"),
    ("no-dateline", "The company said on Monday - in a note - that", None),
]


@pytest.mark.parametrize("text, territory", [d[1:] for d in DATELINES], ids=[d[0] for d in DATELINES])
def test_dateline_territory(text, territory):
    assert dateline_territory(text) == territory


def test_bare_dollars_are_the_datelines_dollars():
    text = "    WELLINGTON, March 3 - The deficit was 567 mln dlrs, or 12 cents a head, against 2 mln U.S. Dlrs."
    home = home_currencies(text)
    assert found(text, home=home) == [
        ("567 mln dlrs", 567e6, "NZD"),
        ("12 cents", 0.12, "NZD"),
        ("2 mln U.S. Dlrs", 2e6, "USD"),
    ]


def test_dollar_sign_stays_usd_in_a_dollar_country():
    # docs/ANNOTATION.md: "$" is USD unless the text says otherwise
    assert found("It raised $5 million.", home={"dollar": "NZD"}) == [("$5 million", 5e6, "USD")]


def test_home_units_follow_the_date():
    assert home_units("FR", dt.date(1987, 3, 2)) == {"franc": "FRF"}
    assert home_units("FR", dt.date(2024, 3, 2)) == {"euro": "EUR"}
    assert found("It lost 5 mln francs.", home=home_units("FR", dt.date(1987, 3, 2))) == [("5 mln francs", 5e6, "FRF")]


CARRIED = [
    ("from-in-sentence", "It narrowed to 567 mln dlrs from 738 mln, revised from 742 mln.", ["738 mln", "742 mln"]),
    (
        "next-sentence",
        "The 1985 quarter showed a 13 mln dlr deficit.\n    Imports were 2.655 billion\nagainst 2.883 billion.",
        ["2.655 billion", "2.883 billion"],
    ),
    ("abbreviation", "It will pay 2bn euros now, with another 450m later.", ["450m"]),
    ("counts-something", "It paid 340 mln dlrs for 975 mln new shares.", []),
    ("run-broken-by-a-count", "It paid 340 mln dlrs for 975 mln shares and then sold 20 mln.", []),
    ("model-size", "It paid $5 million to train Llama 3.1 405B on the data.", []),
    ("no-earlier-amount", "The population rose to 1.4 billion from 1.3 billion.", []),
    ("too-far", "It paid 5 mln dlrs." + " The weather was fine." * 20 + " Then 7 mln.", []),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in CARRIED], ids=[c[0] for c in CARRIED])
def test_bare_figures_carry_the_earlier_currency(text, expected):
    got = [(text[f.start : f.end], f.value["currency"]) for f in find_money(text) if f.rule == "money-carried"]
    cur = "EUR" if "euros" in text else "USD"
    assert got == [(e, cur) for e in expected]


CHANGES = [
    ("change", "The price was raised from £3 to £5.", [("£3", 3.0, None), ("£5", 5.0, None)]),
    ("change-borrows", "It rose from 5 to 10 million yuan.", [("5", 5e6, None), ("10 million yuan", 10e6, None)]),
    ("range-dash", "Tickets cost £3-£5.", [("£3-£5", None, (3.0, 5.0))]),
    ("range-between", "It costs between £3 and £5 each.", [("£3 and £5", None, (3.0, 5.0))]),
    ("range-to", "They cost £3 to £5 each.", [("£3 to £5", None, (3.0, 5.0))]),
    ("ranging-from", "Prices ranging from £3 to £5.", [("£3 to £5", None, (3.0, 5.0))]),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in CHANGES], ids=[c[0] for c in CHANGES])
def test_changes_are_two_mentions_ranges_one(text, expected):
    got = [
        (text[f.start : f.end], f.value["amount"], None if f.value["low"] is None else (f.value["low"], f.value["high"]))
        for f in find_money(text)
    ]
    assert got == expected


def test_without_a_date_the_home_unit_is_the_one_in_use_as_late_as_the_data_knows():
    # never the oldest: an undated Harare story's dollars are no Rhodesian dollars
    assert home_units("NZ") == {"dollar": "NZD"}
    assert home_units("ZW")["dollar"] == "USD"
    assert "franc" not in home_units("FR")  # the franc is gone: bare "francs" are not French
    assert "pound" not in home_units("IL")  # nor the Israeli pound of a Jerusalem story


@pytest.mark.parametrize("territory", ["ZW", "IL", "FR", "DE", "ES", "NZ", "GB", "TR", "BR"])
@pytest.mark.parametrize("on", [None, dt.date(1950, 1, 1), dt.date(1987, 3, 2), dt.date(2024, 3, 2)])
def test_home_units_are_words_never_a_period(territory, on):
    # a past currency's English name ends in its period: "Rhodesian Dollar (1970–1980)"
    assert all(re.fullmatch(r"[^\W\d_]+", unit) for unit in home_units(territory, on))


def test_an_undated_harare_story_pays_in_us_dollars():
    text = "HARARE - The miner said it would pay 5 mln dollars for the stake."
    (found,) = find_money(text, home=home_currencies(text))
    assert found.value["currency"] == "USD"


def test_dateline_places_do_not_depend_on_the_time_zone_database(tmp_path):
    # CLDR names the cities; the machine's tz database (PYTHONTZPATH) has no say
    import json
    import os
    import subprocess
    import sys

    code = (
        "import json; from pipeline.normalize.dateline import _places, home_units;"
        "print(json.dumps([len(_places()), _places().get('wellington'), _places().get('harare'), home_units('NZ')]))"
    )
    runs = []
    for tzpath in (None, str(tmp_path)):  # tmp_path: an empty folder, no zone at all
        env = {**os.environ, "PYTHONTZPATH": tzpath} if tzpath else dict(os.environ)
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        runs.append(json.loads(out.stdout))
    assert runs[0] == runs[1]
    assert runs[0][1:] == ["NZ", "ZW", {"dollar": "NZD"}]


@pytest.mark.slow
def test_carrying_a_currency_is_linear_in_the_figures():
    # a page of many amounts and bare figures: each figure is looked up, not compared
    # with every amount (8x the figures took 90x as long)
    import gc
    import time

    from pipeline.normalize.carried import carry_currency

    def seconds(n: int) -> float:
        text = "$5 and 738 mln, " * n
        found = [f for f in find_money(text) if f.rule != "money-carried"]
        gc.collect()
        gc.disable()  # the collector's passes over a big heap are no part of the rule
        try:
            t0 = time.process_time()
            carry_currency(text, found)
            return time.process_time() - t0
        finally:
            gc.enable()

    small = min(seconds(500) for _ in range(3))
    big = min(seconds(4000) for _ in range(2))
    assert big / small < 24  # linear gives 8, quadratic 64


def test_a_sentence_holds_its_whole_mention_across_a_line_break():
    from pipeline.runner import sentence_of

    text = (
        "N.Z. DEFICIT NARROWS\n    WELLINGTON, March 3 - The deficit in the 1985 December\n"
        "quarter was 563 mln\ndlrs, the department said.\n"
    )
    for mention in ("1985 December\nquarter", "563 mln\ndlrs"):
        s = text.index(mention)
        e = s + len(mention)
        # with the model's sentence starts (one inside the mention) and without any
        for starts in ([0, 21, text.index("quarter"), text.index("dlrs")], []):
            sentence = sentence_of(text, s, e, starts)
            assert mention in sentence, (mention, starts, sentence)


def test_the_fingerprint_names_every_library_that_shapes_money():
    from pipeline.incremental import _versions

    versions = _versions("en_core_web_sm")
    assert all(f"{lib} " in versions for lib in ("babel", "price-parser", "dateparser", "spacy"))


def test_a_day_of_a_month_is_no_low_end_of_a_range():
    text = "Spending will rise 3.8 pct in the year beginning April 1 to 110.14 billion dlrs from 107.01 billion dlrs."
    assert found(text) == [("110.14 billion dlrs", 110.14e9, "USD"), ("107.01 billion dlrs", 107.01e9, "USD")]
    assert found("Sales rose 3 to 5 billion dlrs.") == [("3 to 5 billion dlrs", None, "USD")]  # still a range
