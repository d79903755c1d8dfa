"""Tests for the claim linker (pipeline.claims) and its cross-checks (pipeline.claims.crosscheck).

Mentions are made by hand with the builders of tests/values.py, as the extractor would
make them."""
from __future__ import annotations

import pytest

from pipeline.claims import build_claims, cross_check
from pipeline.claims.crosscheck import arithmetic_flags
from pipeline.claims.cues import METRICS as CLAIM_METRICS
from pipeline.claims.rates import find_stated_rates
from pipeline.resources import load_jsonl
from tests.values import Doc, S000, date, doc000, doc001, flags, funding_doc, money, only, org, pct

METRICS = set(CLAIM_METRICS)


# ------------------------------------------------------------- seed stories

S002_CB = ("According to CB Insights' report, last year, the number of AI financing deals in China was about 232, "
           "a 38% year-on-year decrease, with a total financing amount of about $2 billion (approximately 14.25 "
           "billion yuan), a 70% year-on-year decrease.")
S002_CAMBRICON = ("China’s leading AI chipmaker Cambricon (688256.SH) recently said that the company’s revenue for "
                  "2023 is expected to be between 680 million yuan and 720 million yuan.")


def doc002() -> Doc:
    d = Doc("002_6cdd2ed993eb28e5",
            "AI Financing Declining in China, Widening Gap in AI Between China and the U.S.\n\n"
            "In comparison to the U.S. market, the Chinese AI financing sector experienced a decline in 2023.\n\n"
            + S002_CB + "\n\nThe secondary market performance did not meet expectations either. " + S002_CAMBRICON
            + "\n\nZhao Zhiyun said that China needs to enhance the coordination of resources.\n\n"
            "(Note: 1 yuan equals $0.14.)\n",
            published="2024-02-19")
    d.add("date", "2023", date("2023", "2023-01-01", "2023-12-31", "year"))
    d.add("org", "CB Insights", org("CB Insights"))
    d.add("date", "last year", date("2023", "2023-01-01", "2023-12-31", "year", relative=True), after="CB Insights")
    d.add("percent", "38%", pct(38.0, "decrease", "yoy"))
    d.add("money", "$2 billion", money(2e9, qualifier="approx"))
    d.add("money", "14.25 billion yuan", money(14.25e9, "CNY", qualifier="approx"))
    d.add("percent", "70%", pct(70.0, "decrease", "yoy"))
    d.add("org", "Cambricon", org("Cambricon", "688256.SH"))
    d.add("date", "2023", date("2023", "2023-01-01", "2023-12-31", "year"), after="revenue for")
    d.add("money", "680 million yuan and 720 million yuan", money(None, "CNY", low=6.8e8, high=7.2e8))
    d.add("money", "1 yuan", money(1.0, "CNY"))
    d.add("money", "$0.14", money(0.14))
    return d


# ---------------------------------------------------------------- PitchBook


def test_pitchbook_000_funding_claim():
    d = doc000()
    c = only(d.claims())
    assert c["metric"] == "funding"
    assert c["attribution"]["source"] == "PitchBook"
    assert c["attribution"]["mention_id"] == d.mentions[0]["id"]
    assert c["period"]["value"]["value"] == "2023-Q1"
    assert c["amount"]["value"]["amount"] == 1.2e9
    assert c["change"]["value"]["value"] == 30.0
    assert (c["change"]["direction"], c["change"]["basis"]) == ("decrease", "yoy")
    assert c["subjects"] == []  # PitchBook is the source, not the subject
    assert c["scope"] == "China"
    assert c["sentence"]["text"] == S000
    assert c["hedged"] is False


def test_pitchbook_001_continuation_attaches_the_next_sentence_change():
    d = doc001()
    c = only(d.claims(), metric="funding")
    assert c["metric"] == "funding"
    assert c["attribution"]["source"] == "PitchBook" and c["attribution"]["cue"] == "according to"
    assert c["period"]["value"]["value"] == "2023-Q1"
    assert c["amount"]["value"]["amount"] == 1.2e9
    assert c["change"]["value"]["value"] == 30.0 and c["change"]["direction"] == "decrease"
    assert c["continuation"]["text"] == "The total deal value fell 30% compared with the same period last year."
    assert d.text[c["continuation"]["start"]:c["continuation"]["end"]] == c["continuation"]["text"]
    assert c["scope"] == "China"
    deals = only(d.claims(), metric="deal_count")  # "across 144 deals": a count of its own
    assert (deals["count"]["value"], deals["change"]) == (144.0, None)
    assert d.text[deals["count"]["start"]:deals["count"]["end"]] == "144"


def _money_claims(claims):
    return [c for c in claims if c["amount"] is not None]


def test_pitchbook_claims_of_both_articles_corroborate_each_other():
    c0, c1 = _money_claims(cross_check(doc000().claims() + doc001().claims()))
    assert flags(c0, "corroborated") == [{"flag": "corroborated", "count": 1,
                                          "sources": [{"claim_id": c1["id"], "doc_id": c1["doc_id"],
                                                       "sentence": " ".join(c1["sentence"]["text"].split())}]}]
    assert flags(c1, "corroborated") == [{"flag": "corroborated", "count": 1,
                                          "sources": [{"claim_id": c0["id"], "doc_id": c0["doc_id"],
                                                       "sentence": " ".join(c0["sentence"]["text"].split())}]}]
    assert not flags(c0, "conflict") and not flags(c1, "conflict")


def test_unresolved_period_corroborates_only_when_every_figure_agrees():
    checked = cross_check(doc000().claims() + doc001(resolved=False).claims())
    flagged = [c for c in checked if c["flags"]]
    assert len(flagged) == 2 and len({c["doc_id"] for c in flagged}) == 2
    for c in flagged:
        (flag,) = c["flags"]
        assert flag["flag"] == "corroborated" and flag["period"].startswith("assumed")


def test_unresolved_period_never_makes_a_conflict():
    a = doc000().claims()
    b = doc001(resolved=False).claims()
    for c in b:
        if c.get("amount"):
            c["amount"]["value"] = {**c["amount"]["value"], "amount": 9.9e9}
    checked = cross_check(a + b)
    assert not any(f["flag"] in ("conflict", "corroborated") for c in checked for f in c["flags"])


def test_no_continuation_without_an_anaphoric_start():
    d = Doc("d", "Venture capitalists invested $1.2 billion in Chinese AI, according to PitchBook. "
                 "Robotics deals fell 30% compared with the same period last year.")
    d.add("money", "$1.2 billion", money(1.2e9))
    d.add("org", "PitchBook", org("PitchBook"))
    d.add("percent", "30%", pct(30.0, "decrease", "yoy"))
    first, second = d.claims()
    assert first["change"] is None and first["continuation"] is None
    assert second["change"]["value"]["value"] == 30.0


# -------------------------------------------------------------- CB Insights


def test_cb_insights_sentence_gives_a_deal_count_and_a_funding_claim():
    d = doc002()
    claims = [c for c in d.claims() if c["sentence"]["text"] == S002_CB]
    deals = only(claims, metric="deal_count")
    funding = only(claims, metric="funding")
    assert deals["change"]["value"]["value"] == 38.0 and deals["amount"] is None
    assert deals["count"]["value"] == 232 and d.text[deals["count"]["start"]:deals["count"]["end"]] == "232"
    assert funding["amount"]["value"]["amount"] == 2e9
    assert funding["amount_converted"]["value"]["amount"] == 14.25e9
    assert funding["change"]["value"]["value"] == 70.0
    for c in (deals, funding):
        assert c["attribution"] == {"source": "CB Insights", "mention_id": d.mentions[1]["id"], "cue": "according to"}
        assert c["period"]["value"]["value"] == "2023"
        assert c["scope"] == "China"


def test_cb_insights_conversion_is_checked_against_the_articles_own_rate():
    funding = only(cross_check(doc002().claims()), metric="funding")
    (flag,) = [f for f in funding["flags"] if f["flag"].startswith("conversion")]
    assert flag["flag"] == "conversion_ok"
    assert flag["rate_source"] == "article" and flag["tolerance"] == 0.05
    assert flag["implied_rate"] == pytest.approx(7.125)
    assert flag["reference_rate"] == pytest.approx(1 / 0.14, rel=1e-5)
    assert flag["rate_unit"] == "CNY per USD"


def test_an_exchange_rate_note_is_no_claim():
    claims = doc002().claims()
    assert not [c for c in claims if "Note" in c["sentence"]["text"]]


# ---------------------------------------------------------------- Cambricon


def test_cambricon_revenue_range_is_hedged_and_self_reported():
    d = doc002()
    c = only(d.claims(), metric="revenue")
    assert c["sentence"]["text"] == S002_CAMBRICON
    assert c["subjects"] == [{"name": "Cambricon", "mention_id": d.mentions[7]["id"]}]
    assert c["period"]["value"]["value"] == "2023"
    assert (c["amount"]["value"]["low"], c["amount"]["value"]["high"]) == (6.8e8, 7.2e8)
    assert c["hedged"] is True and "expected to" in c["hedges"]
    assert c["attribution"]["source"] == "Cambricon" and c["attribution"]["cue"] == "said"


def test_following_sentence_about_the_net_profit_inherits_the_subject():
    d = Doc("d", S002_CAMBRICON + " The net profit is expected to be a loss ranging from 756 million yuan to "
                                  "924 million yuan, narrowing the year-on-year loss by 26.47% to 39.84%.")
    cam = d.add("org", "Cambricon", org("Cambricon", "688256.SH"))
    d.add("money", "680 million yuan and 720 million yuan", money(None, "CNY", low=6.8e8, high=7.2e8))
    d.add("money", "756 million yuan to 924 million yuan", money(None, "CNY", low=7.56e8, high=9.24e8))
    d.add("percent", "26.47% to 39.84%", pct(None, "decrease", "yoy", low=26.47, high=39.84))
    c = only(d.claims(), metric="profit_or_loss")
    assert c["subjects"] == [{"name": "Cambricon", "mention_id": cam["id"], "via": "anaphora"}]
    assert c["from"] is None  # "ranging from" is a range, not a starting point
    assert (c["change"]["value"]["low"], c["change"]["value"]["high"]) == (26.47, 39.84)


# ---------------------------------------------------------- other linking


def test_subject_is_the_organisation_of_the_nearest_clause():
    d = Doc("d", "ARM increased by three times, AMD by over 120%, and Intel by over 58%.")
    for name in ("ARM", "AMD", "Intel"):
        d.add("org", name, org(name))
    d.add("percent", "120%", pct(120.0, "increase", qualifier="gt"))
    d.add("percent", "58%", pct(58.0, "increase", qualifier="gt"))
    assert [[s["name"] for s in c["subjects"]] for c in d.claims()] == [["AMD"], ["Intel"]]


def test_an_organisation_after_a_preposition_is_not_the_subject():
    d = Doc("d", "DeepSeek claims to have trained its V3 foundation model using less-advanced Nvidia chips at a "
                 "cost of approximately $6 million.")
    d.add("org", "DeepSeek", org("DeepSeek"))
    d.add("org", "Nvidia", org("Nvidia"))
    d.add("money", "$6 million", money(6e6, qualifier="approx"))
    c = only(d.claims())
    assert [s["name"] for s in c["subjects"]] == ["DeepSeek"]
    assert c["metric"] == "cost" and c["hedges"] == ["claims"]


def test_money_change_and_share_price_in_one_sentence():
    d = Doc("d", "SenseTime Group (HKG: 0020) witnessed a substantial 65.73% drop in its stock price, resulting in "
                 "a market value reduction of over 99 billion yuan.")
    d.add("org", "SenseTime Group", org("SenseTime", "0020"))
    d.add("percent", "65.73%", pct(65.73, "decrease"))
    d.add("money", "99 billion yuan", money(99e9, "CNY", qualifier="gt"))
    move, value = d.claims()
    assert move["metric"] == "share_price" and move["change"]["value"]["value"] == 65.73
    assert value["metric"] == "market_value" and value["amount"] is None
    assert value["change"]["type"] == "money" and value["change"]["direction"] == "decrease"
    assert [s["name"] for s in value["subjects"]] == ["SenseTime"]


def test_from_to_pair_with_bound_periods():
    d = Doc("d", "Morgan Stanley projects that China’s AI industry will grow from $3.2 billion in 2024 to "
                 "$140 billion by 2030.")
    d.add("org", "Morgan Stanley", org("Morgan Stanley"))
    d.add("money", "$3.2 billion", money(3.2e9))
    d.add("date", "2024", date("2024", "2024-01-01", "2024-12-31", "year"))
    d.add("money", "$140 billion", money(1.4e11))
    d.add("date", "2030", date("2030", "2030-01-01", "2030-12-31", "year"))
    c = only(d.claims())
    assert c["metric"] == "market_size"
    assert c["amount"]["value"]["amount"] == 1.4e11 and c["from"]["value"]["amount"] == 3.2e9
    assert c["from"]["direction"] == "increase"
    assert c["period"]["value"]["value"] == "2030"
    assert c["attribution"]["source"] == "Morgan Stanley" and c["attribution"]["cue"] == "projects"
    assert c["scope"] == "China" and c["subjects"] == []
    assert not flags(cross_check([c])[0], "arithmetic")


def test_share_of_total():
    d = Doc("d", "In 2023, the generative AI sector dominated the AI landscape, representing 48% of the overall "
                 "financing value in the field.")
    d.add("date", "2023", date("2023", "2023-01-01", "2023-12-31", "year"))
    d.add("percent", "48%", pct(48.0))
    c = only(d.claims())
    assert c["metric"] == "share_of_total" and c["amount"]["value"]["value"] == 48.0
    assert c["period"]["value"]["value"] == "2023"


def test_comparison_date_is_not_the_period():
    d = Doc("d", "Alibaba's cloud revenue rose 7% compared with 2022.")
    d.add("org", "Alibaba", org("Alibaba"))
    d.add("percent", "7%", pct(7.0, "increase"))
    d.add("date", "2022", date("2022", "2022-01-01", "2022-12-31", "year"))
    c = only(d.claims())
    assert c["metric"] == "revenue" and c["period"] is None


@pytest.mark.parametrize("sentence, source, cue", [
    ("Bloomberg data shows that Nvidia's market value rose 5% to $1.79 trillion.", "Bloomberg", "data shows"),
    ("A survey by Gartner shows that AI spending could reach $5 billion in China.", "Gartner", "a survey by"),
    ("A report from IDC puts the China market at $3 billion, up 5%.", "IDC", "a report from"),
    ("Revenue rose 5% to $3 billion, according to a report from IDC.", "IDC", "according to"),
    ("IDC said revenue rose 5% to $3 billion in China.", "IDC", "said"),
    ("IDC's report puts the China market at $3 billion, up 5%.", "IDC", "report"),
    ("IDC projects that the China market will reach $3 billion.", "IDC", "projects"),
    ("Revenue rose 5% to $3 billion in China, according to industry experts.", "industry experts", "according to"),
])
def test_attribution_forms(sentence: str, source: str, cue: str):
    d = Doc("d", sentence)
    for name in ("Bloomberg", "Nvidia", "Gartner", "IDC"):
        if name in sentence:
            d.add("org", name, org(name))
    d.add("money", next(s for s in ("$1.79 trillion", "$5 billion", "$3 billion") if s in sentence),
          money(3e9))
    if "5%" in sentence:
        d.add("percent", "5%", pct(5.0, "increase"))
    c = d.claims()[0]
    assert c["attribution"]["source"] == source and c["attribution"]["cue"] == cue
    assert (c["attribution"]["mention_id"] is None) == (source == "industry experts")
    assert source not in [s["name"] for s in c["subjects"]]


@pytest.mark.parametrize("sentence, hedges", [
    ("Zhipu reportedly raised $400 million.", ["reportedly"]),
    ("Zhipu plans to raise $400 million.", ["plans to"]),
    ("The market could reach $1.4 trillion.", ["could"]),
    ("Zhipu raised $400 million in May.", []),
    ("Zhipu raised $400 million, and it may raise more.", []),  # another clause: it does not reach the figure
    ("Zhipu, which may list next year, raised $400 million.", []),
    ("Zhipu will raise $400 million.", ["will"]),
    ("Zhipu would raise $400 million.", ["would"]),
    ("Will Baxter reports that Zhipu raised $400 million.", []),  # a byline's first name, not the modal
    ("Zhipu raised $400 million, as expected.", []),  # the outcome of a forecast is a fact
    ("Zhipu raised more than expected, $400 million.", []),
    ("Zhipu is expected to raise $400 million.", ["is expected", "expected to"]),
])
def test_hedges(sentence: str, hedges: list[str]):
    d = Doc("d", sentence)
    if "Zhipu" in sentence:
        d.add("org", "Zhipu", org("Zhipu"))
    d.add("money", next(s for s in ("$400 million", "$1.4 trillion") if s in sentence), money(4e8))
    c = only(d.claims())
    assert c["hedges"] == hedges and c["hedged"] is bool(hedges)


def test_a_sentence_with_no_figure_makes_no_claim():
    d = Doc("d", "DeepSeek, a leading Chinese startup based in Beijing, has gained recognition in 2024.")
    d.add("org", "DeepSeek", org("DeepSeek"))
    d.add("date", "2024", date("2024", "2024-01-01", "2024-12-31", "year"))
    assert d.claims() == []


def test_a_bare_figure_with_nothing_linked_makes_no_claim():
    d = Doc("d", "A Billion Dollars: What Does It Mean?")
    d.add("money", "A Billion Dollars", money(1e9))
    assert d.claims() == []


def test_foreign_and_misplaced_mentions_are_ignored():
    d = doc000()
    stray = dict(d.mentions[3], doc_id="other", id="other:money:1-2")
    shifted = dict(d.mentions[3], start=d.mentions[3]["start"] + 1, end=d.mentions[3]["end"] + 1, id="x")
    claims = build_claims(d.doc_id, d.text, d.mentions + [stray, shifted])
    assert claims == d.claims()


# ------------------------------------------------------------- cross-checks


def source(c: dict) -> dict:
    """How a flag lists claim `c` among its first sources: ids and the sentence."""
    return {"claim_id": c["id"], "doc_id": c["doc_id"], "sentence": " ".join(c["sentence"]["text"].split())}


def test_figures_with_a_scope_but_no_named_subject_corroborate_but_never_conflict():
    def korea(doc_id: str, amount_text: str, amount: float) -> list[dict]:
        wording = {"a": "{} officials said on Monday", "b": "its trade ministry forecast, according to {}",
                   "c": "as {} reported from Seoul"}[doc_id].format(doc_id)  # three reports, not one refiled
        d = Doc(doc_id, f"In 1987, South Korea's exports will rise to {amount_text}, {wording}.")
        d.add("date", "1987", date("1987", "1987-01-01", "1987-12-31", "year"))
        d.add("money", amount_text, money(amount))
        return d.claims()
    a, b, c = korea("a", "$200 million", 2e8), korea("b", "$5 billion", 5e9), korea("c", "$200 million", 2e8)
    ca, cb, cc = cross_check(a + b + c)
    assert ca["scope"] and not ca["subjects"] and ca["metric"] == cb["metric"]
    assert not flags(ca, "conflict") and not flags(cb, "conflict")
    assert flags(ca, "corroborated") and flags(cc, "corroborated")


def test_conflict_between_documents():
    a = funding_doc("a", "$400 million", 4e8).claims()
    b = funding_doc("b", "$700 million", 7e8).claims()
    ca, cb = cross_check(a + b)
    (conflict,) = flags(ca, "conflict")
    assert conflict["sources"] == [source(cb)]
    assert [v["amount"]["low"] for v in conflict["values"]] == [4e8, 7e8]
    assert not flags(ca, "corroborated")
    assert flags(cb, "conflict")[0]["sources"] == [source(ca)]


def test_amounts_in_different_currencies_compare_in_usd():
    a = funding_doc("a", "$400 million", 4e8).claims()
    b = funding_doc("b", "2.9 billion yuan", 2.9e9).claims()  # 2.9e9 / 7.189 = 403 million dollars
    ca, cb = cross_check(a + b)
    assert flags(ca, "corroborated") and flags(cb, "corroborated")


def test_changes_must_agree_within_half_a_point():
    a = funding_doc("a", "$400 million", 4e8, "20%", 20.0).claims()
    b = funding_doc("b", "$400 million", 4e8, "20.4%", 20.4).claims()
    c = funding_doc("c", "$400 million", 4e8, "25%", 25.0).claims()
    ca, cb, cc = cross_check(a + b + c)
    assert flags(ca, "corroborated")[0]["sources"] == [source(cb)]
    assert flags(ca, "conflict")[0]["sources"] == [source(cc)]


def test_periods_match_on_start_and_end_when_the_value_is_open():
    def doc(doc_id: str, said: str) -> Doc:  # two wordings: the same sentence would be a copy
        d = Doc(doc_id, said)
        d.add("date", "the past twelve months",
              date(None, "2023-02-16", "2024-02-15", "month", relative=True))
        d.add("org", "Cambricon", org("Cambricon"))
        d.add("percent", "39.96%", pct(39.96, "increase"))
        return d

    a, b = cross_check(doc("a", "Over the past twelve months, Cambricon's stock price has grown by 39.96%.").claims()
                       + doc("b", "Exchange data show Cambricon's stock price grew 39.96% in the past twelve months, "
                                  "outpacing rivals.").claims())
    assert a["metric"] == "share_price"
    assert flags(a, "corroborated") and flags(b, "corroborated")


def test_claims_of_one_document_are_not_compared():
    d = funding_doc("a", "$400 million", 4e8)
    assert all(not c["flags"] for c in cross_check(d.claims() + d.claims()))


def test_arithmetic_range_low_above_high():
    d = Doc("d", "Cambricon said its 2023 revenue will be between 720 million yuan and 680 million yuan.")
    d.add("org", "Cambricon", org("Cambricon"))
    d.add("money", "720 million yuan and 680 million yuan", money(None, "CNY", low=7.2e8, high=6.8e8))
    (c,) = cross_check(d.claims())
    (flag,) = flags(c, "arithmetic")
    assert "low" in flag["detail"] and "720" in flag["detail"].replace("7.2e+08", "720")


def test_arithmetic_decrease_that_goes_up():
    d = Doc("d", "Zhipu's revenue fell 20% from $10 million to $12 million.")
    d.add("org", "Zhipu", org("Zhipu"))
    d.add("percent", "20%", pct(20.0, "decrease"))
    d.add("money", "$10 million", money(1e7))
    d.add("money", "$12 million", money(1.2e7))
    (c,) = cross_check(d.claims())
    assert c["from"]["value"]["amount"] == 1e7 and c["amount"]["value"]["amount"] == 1.2e7
    details = [f["detail"] for f in flags(c, "arithmetic")]
    assert any("a decrease" in x for x in details)


def test_arithmetic_stated_change_far_from_its_endpoints():
    d = Doc("d", "Zhipu's revenue rose 50% from $10 million to $12 million.")
    d.add("org", "Zhipu", org("Zhipu"))
    d.add("percent", "50%", pct(50.0, "increase"))
    d.add("money", "$10 million", money(1e7))
    d.add("money", "$12 million", money(1.2e7))
    (c,) = cross_check(d.claims())
    assert [f["detail"] for f in flags(c, "arithmetic")] == ["stated change 50% but 1e+07 to 1.2e+07 is 20%"]


def test_a_stated_change_within_what_the_rounded_endpoints_allow_is_not_flagged():
    # $14 billion is 13.5 to 14.5, $20 billion 19.5 to 20.5: anything from 34% to 52%
    d = Doc("d", "Zhipu's market will be worth $20 billion by 2020, up 40 percent from the $14 billion last year.")
    d.add("org", "Zhipu", org("Zhipu"))
    d.add("money", "$20 billion", money(2e10))
    d.add("percent", "40 percent", pct(40.0, "increase"))
    d.add("money", "$14 billion", money(1.4e10))
    (c,) = [c for c in cross_check(d.claims()) if c["from"]]
    assert c["change"] and not flags(c, "arithmetic")


def test_the_pairs_own_verb_gives_its_direction_and_another_sentences_change_is_not_its_own():
    text = "Zhipu's bonus rates were reduced from 3.25% to 2.5%. Its assets rose 8.7% in 2004."
    end = text.index(".", text.index("2.5%")) + 1

    def ref(surface: str, value: dict, **kw) -> dict:
        s = text.index(surface)
        return {"mention_id": f"d:percent:{s}-{s + len(surface)}", "type": "percent", "value": value, **kw}

    claim = {"id": f"d:claim:0-{end}:0", "doc_id": "d", "metric": "share_of_total",
             "sentence": {"start": 0, "end": end, "text": text[:end]},
             "from": ref("3.25%", pct(3.25), direction="decrease"), "amount": ref("2.5%", pct(2.5)),
             "change": ref("8.7%", pct(8.7, "increase"), direction="increase")}
    assert not arithmetic_flags(claim)
    assert arithmetic_flags({**claim, "from": {**claim["from"], "direction": "increase"}})


def _pair_claim(text: str, change: tuple[str, dict] | None, start: str, a: float, end: str, b: float) -> dict:
    d = Doc("d", text)
    d.add("org", "Zhipu", org("Zhipu"))
    if change:
        d.add("percent", change[0], change[1])
    d.add("money", start, money(a))
    d.add("money", end, money(b), after=start)
    (c,) = [c for c in cross_check(d.claims()) if c["from"]]
    return c


def test_a_hedged_change_covers_what_its_hedge_allows():
    # $400 million to $220 million is 45%: "almost 50%" says so, a plain "50%" does not
    hedged = _pair_claim("Zhipu's sales fell almost 50%, from $400 million to $220 million.",
                         ("50%", pct(50.0, "decrease", qualifier="approx")), "$400 million", 4e8, "$220 million", 2.2e8)
    plain = _pair_claim("Zhipu's sales fell 50%, from $400 million to $220 million.",
                        ("50%", pct(50.0, "decrease")), "$400 million", 4e8, "$220 million", 2.2e8)
    assert hedged["change"] and not flags(hedged, "arithmetic") and flags(plain, "arithmetic")
    # "more than 30%" is any change above 30%; "more than 60%" is not 45%
    gt = _pair_claim("Zhipu's sales fell more than 30%, from $400 million to $220 million.",
                     ("30%", pct(30.0, "decrease", qualifier="gt")), "$400 million", 4e8, "$220 million", 2.2e8)
    too = _pair_claim("Zhipu's sales fell more than 60%, from $400 million to $220 million.",
                      ("60%", pct(60.0, "decrease", qualifier="gt")), "$400 million", 4e8, "$220 million", 2.2e8)
    assert not flags(gt, "arithmetic") and flags(too, "arithmetic")


def test_a_difference_is_no_to_value():
    c = _pair_claim("Zhipu earned $3 million more in the quarter, up from $12 million a year ago, a 25% rise.",
                    ("25%", pct(25.0, "increase")), "$3 million", 3e6, "$12 million", 1.2e7)
    assert c["from"]["value"]["amount"] == 1.2e7 and not flags(c, "arithmetic")


def test_a_forecast_is_no_from_value():
    c = _pair_claim("Zhipu's costs rose 6% to $8.4 billion, compared with the $8.1 billion analysts had expected.",
                    ("6%", pct(6.0, "increase")), "$8.4 billion", 8.4e9, "$8.1 billion", 8.1e9)
    assert c["from"]["value"]["amount"] == 8.1e9 and not flags(c, "arithmetic")


def test_the_particle_gives_a_revision_its_direction():
    d = Doc("d", "Zhipu revised its forecast of sales growth down from $90 million to $70 million.")
    d.add("org", "Zhipu", org("Zhipu"))
    d.add("money", "$90 million", money(9e7))
    d.add("money", "$70 million", money(7e7))
    (c,) = cross_check(d.claims())
    assert c["from"]["direction"] == "decrease" and not flags(c, "arithmetic")


def test_arithmetic_share_above_100():
    d = Doc("d", "Generative AI took 120% of all AI financing in 2023.")
    d.add("percent", "120%", pct(120.0))
    d.add("date", "2023", date("2023", "2023-01-01", "2023-12-31", "year"))
    (c,) = cross_check(d.claims())
    assert c["metric"] == "share_of_total" and flags(c, "arithmetic")


@pytest.mark.parametrize("text, surface", [
    ("Corvane offered holders 110% of the purchase price, the company said.", "110%"),
    ("Corvane's debt reached 120 pct of last year's sales in 1986.", "120 pct"),
])
def test_a_percentage_of_an_amount_is_a_ratio_not_a_share(text: str, surface: str):
    d = Doc("d", text)
    d.add("org", "Corvane", org("Corvane"))
    d.add("percent", surface, pct(float(surface.split()[0].rstrip("%"))))
    assert not any(flags(c, "arithmetic") for c in cross_check(d.claims()))


@pytest.mark.parametrize("text, surface", [
    ("Corvane is issuing a 10 billion yen eurobond priced at 101.75 pct, lead manager Pellam said.", "101.75 pct"),
    ("Corvane says its heat pumps reach 400% efficiency.", "400%"),
])
def test_a_percentage_over_100_that_is_no_named_share_is_not_flagged(text: str, surface: str):
    d = Doc("d", text)
    d.add("org", "Corvane", org("Corvane"))
    d.add("percent", surface, pct(float(surface.split()[0].rstrip("%"))))
    (c,) = cross_check(d.claims())
    assert c["metric"] == "share_of_total" and not flags(c, "arithmetic")


def test_a_per_share_figure_across_a_stock_split_is_not_checked_against_its_change():
    d = Doc("d", "Corvane said the quarterly dividend of 10.5 cts per share on the split shares is a "
                 "10.5 pct increase from the 19 cts per share before the split.")
    d.add("org", "Corvane", org("Corvane"))
    d.add("money", "10.5 cts", money(0.105))
    d.add("percent", "10.5 pct", pct(10.5, "increase"))
    d.add("money", "19 cts", money(0.19))
    (c,) = [c for c in cross_check(d.claims()) if c["amount"]]
    assert c["metric"] == "dividend" and c["from"] and not flags(c, "arithmetic")


def test_a_compound_annual_growth_rate_is_not_the_change_from_start_to_end():
    d = Doc("d", "The market may reach $783 billion in 2024 versus $479 billion in 2020, "
                 "representing a compound annual growth rate of 13.1%.")
    d.add("money", "$783 billion", money(7.83e11))
    d.add("money", "$479 billion", money(4.79e11))
    d.add("percent", "13.1%", pct(13.1, "increase"))
    (c,) = [c for c in cross_check(d.claims()) if c["amount"]]
    assert c["from"] and not flags(c, "arithmetic")


@pytest.mark.parametrize("text, base, quote, rate", [
    ("(Note: 1 yuan equals $0.14.)", "CNY", "USD", 0.14),
    ("1 US dollar = 7.1 yuan", "USD", "CNY", 7.1),
    ("at an exchange rate of 7.1 yuan per dollar", "USD", "CNY", 7.1),
    ("$1 = 7.8 Hong Kong dollars", "USD", "HKD", 7.8),
    ("one euro is worth $1.08", "EUR", "USD", 1.08),
])
def test_stated_rates(text: str, base: str, quote: str, rate: float):
    (r,) = find_stated_rates(text)
    assert (r["base"], r["quote"], r["rate"]) == (base, quote, rate)
    assert text[r["start"]:r["end"]] == r["text"]


def test_cross_check_is_pure_and_deterministic():
    claims = doc000().claims() + doc001().claims() + doc002().claims()
    before = [dict(c) for c in claims]
    once = cross_check(claims)
    assert claims == before  # inputs untouched
    assert cross_check(claims) == once == cross_check(once)
    assert [c["id"] for c in once] == [c["id"] for c in claims]


# ------------------------------------------------------------ invariants


def all_docs() -> list[Doc]:
    return [doc000(), doc001(), doc002(), funding_doc("a", "$400 million", 4e8, "20%", 20.0)]


def test_every_mention_id_exists_and_every_sentence_slices_the_text():
    for d in all_docs():
        ids = {m["id"] for m in d.mentions}
        for c in d.claims():
            s = c["sentence"]
            assert d.text[s["start"]:s["end"]] == s["text"]
            assert c["id"] == f"{d.doc_id}:claim:{s['start']}-{s['end']}:{c['id'].rsplit(':', 1)[1]}"
            refs = [c[k] for k in ("amount", "amount_converted", "from", "change", "period") if c[k]]
            refs += c["subjects"] + c["restated"]
            for r in refs:
                assert r["mention_id"] in ids
            if c["attribution"] and c["attribution"]["mention_id"]:
                assert c["attribution"]["mention_id"] in ids
            assert c["metric"] is None or c["metric"] in METRICS


def test_claim_ids_are_unique_and_stable():
    for d in all_docs():
        first, second = d.claims(), d.claims()
        assert first == second
        assert len({c["id"] for c in first}) == len(first)


def test_claim_cues_vocabulary():
    entries = load_jsonl("claim_cues.jsonl")
    kinds = {e["kind"] for e in entries}
    assert {"metric", "attribution", "hedge", "place", "continuation"} <= kinds
    assert {e["metric"] for e in entries if e["kind"] == "metric"} <= METRICS


def test_a_company_named_before_its_figure_is_the_subject_when_the_company_said_it():
    d = Doc("d", "In 2024, Norvale raised $700 million in a new funding round, the company said.")
    d.add("date", "2024", date("2024", "2024-01-01", "2024-12-31", "year"))
    d.add("org", "Norvale", org("Norvale"))
    d.add("money", "$700 million", money(7e8))
    (c,) = d.claims()
    assert [s["name"] for s in c["subjects"]] == ["Norvale"]
    assert c["attribution"]["source"] == "Norvale" and c["metric"] == "funding"
