"""The claim flags: conversions at the ECB rate of the article's date, agreement
across documents only on the same subject, metric and period, near-copies that
are no independent support, and a headline that disagrees with its body."""
from __future__ import annotations

import io
import json
from datetime import date as Date
from pathlib import Path

import pytest

from pipeline.claims import cross_check
from pipeline.claims.nearcopy import near_copies, signature, similarity
from pipeline.claims.ondisk import ClaimStore
from pipeline.claims.rates import reference_rate
from pipeline.export import dumps
from tests.values import Doc, date, flags, money, org, pct

# ----------------------------------------------------------------- conversions


def conversion_doc(text: str, base: tuple[str, float, str], quote: tuple[str, float, str],
                   published: str | None) -> Doc:
    d = Doc("d", text, published=published)
    d.add("org", "Zhipu", org("Zhipu"))
    d.add("money", base[0], money(base[1], base[2]))
    d.add("money", quote[0], money(quote[1], quote[2], qualifier="approx"))
    return d


def conversion(d: Doc) -> list[dict]:
    (c,) = cross_check(d.claims())
    return [f for f in c["flags"] if f["flag"].startswith("conversion")]


def test_conversion_is_checked_at_the_ecb_rate_of_the_article_date():
    d = conversion_doc("Zhipu raised $2 billion (approximately 20 billion yuan) in funding.",
                       ("$2 billion", 2e9, "USD"), ("20 billion yuan", 2e10, "CNY"), "2023-06-05")
    (flag,) = conversion(d)
    assert flag["flag"] == "conversion_mismatch"
    assert flag["rate_source"] == "ECB reference rate" and flag["rate_date"] == "2023-06-05"
    assert flag["reference_rate"] == pytest.approx(reference_rate("USD", "CNY", Date(2023, 6, 5)), rel=1e-5)
    assert 7.0 < flag["reference_rate"] < 7.2 and flag["implied_rate"] == 10.0


@pytest.mark.parametrize("currency", ["CNY", "HKD", "EUR", "GBP", "JPY", "INR", "KRW"])
def test_reference_rates_cover_the_currencies_of_the_stories(currency: str):
    for year in range(2010, 2025):
        assert reference_rate("USD", currency, Date(year, 7, 1)) > 0
    assert 6.5 < reference_rate("USD", "CNY", Date(2023, 7, 3)) < 7.5


def test_a_weekend_takes_the_last_fixing_before_it():
    assert reference_rate("USD", "CNY", Date(2023, 6, 3)) == reference_rate("USD", "CNY", Date(2023, 6, 2))


def test_a_conversion_right_at_its_date_is_ok():
    d = conversion_doc("One district granted a 3-million-yuan ($420,000) subsidy to Zhipu.",
                       ("3-million-yuan", 3e6, "CNY"), ("$420,000", 4.2e5, "USD"), "2019-06-03")
    (flag,) = conversion(d)
    assert flag["flag"] == "conversion_ok" and flag["rate_unit"] == "USD per CNY"


def test_an_undated_article_gets_no_mismatch_from_reference_rates():
    d = conversion_doc("Zhipu raised $2 billion (approximately 20 billion yuan) in funding.",
                       ("$2 billion", 2e9, "USD"), ("20 billion yuan", 2e10, "CNY"), None)
    assert conversion(d) == []


def test_an_undated_article_is_held_to_the_rate_it_states():
    d = conversion_doc("Zhipu raised $2 billion (approximately 20 billion yuan) in funding. "
                       "(1 US dollar = 7.1 yuan.)",
                       ("$2 billion", 2e9, "USD"), ("20 billion yuan", 2e10, "CNY"), None)
    (flag,) = conversion(d)
    assert flag["flag"] == "conversion_mismatch" and flag["rate_source"] == "article"


def test_no_rate_before_the_ecb_history():
    d = conversion_doc("Zhipu raised 100 mln dlrs (about 15 billion yen).",
                       ("100 mln dlrs", 1e8, "USD"), ("15 billion yen", 1.5e10, "JPY"), "1987-03-02")
    assert conversion(d) == []


def test_a_coarse_figure_is_allowed_its_rounding():
    # 1 GBP was 1.2657 USD on 2024-06-03: "$1.3bn" for "£1bn" is a rounding, not a mismatch
    d = conversion_doc("Zhipu raised £1bn ($1.3bn) in funding.",
                       ("£1bn", 1e9, "GBP"), ("$1.3bn", 1.3e9, "USD"), "2024-06-03")
    (flag,) = conversion(d)
    assert flag["flag"] == "conversion_ok" and flag["rounding_allowance"] == pytest.approx(0.05 / 1.3, rel=1e-4)


def test_the_conversion_as_written_decides_the_allowance():
    # 1 CNY was 0.110943 GBP on 2023-11-06: 4.2tn yuan is £0.466tn, 7% from "£0.5tn".
    # "£0.5tn" is written to one decimal (£0.45tn to £0.55tn), so it agrees; the yuan
    # figure's rounding (1 in 84) would call it a mismatch.
    d = conversion_doc("Zhipu's shoppers will spend 4.2tn yuan (£0.5tn) online this year.",
                       ("4.2tn yuan", 4.2e12, "CNY"), ("£0.5tn", 5e11, "GBP"), "2023-11-06")
    (flag,) = conversion(d)
    assert flag["flag"] == "conversion_ok" and flag["rounding_allowance"] == pytest.approx(0.1, rel=1e-4)
    # ¥5,480 on 2020-01-23 (0.0091284) is $50.02; "$46" is 8% off, more than 5% plus
    # its rounding: still a mismatch. And a round original does not widen the check:
    # 1 GBP was 1.2657 USD on 2024-06-03, so "$1.6bn" for "£1bn" is 26% off.
    wide = conversion_doc("Zhipu raised £1bn ($1.6bn) in funding.",
                          ("£1bn", 1e9, "GBP"), ("$1.6bn", 1.6e9, "USD"), "2024-06-03")
    assert conversion(wide)[0]["flag"] == "conversion_mismatch"
    ok = conversion_doc("Zhipu sells its headset at ¥5,480 ($50) each.",
                        ("¥5,480", 5480, "JPY"), ("$50", 50, "USD"), "2020-01-23")
    bad = conversion_doc("Zhipu sells its headset at ¥5,480 ($46) each.",
                         ("¥5,480", 5480, "JPY"), ("$46", 46, "USD"), "2020-01-23")
    assert conversion(ok)[0]["flag"] == "conversion_ok" and conversion(bad)[0]["flag"] == "conversion_mismatch"


# ------------------------------------------------------- across documents


def funding(doc_id: str, text: str, amount: str, value: float, currency: str = "USD", *,
            change: tuple[str, float, str | None] | None = None, published: str | None = None) -> Doc:
    d = Doc(doc_id, text, published=published)
    d.add("date", "2024", date("2024", "2024-01-01", "2024-12-31", "year"))
    d.add("org", "Zhipu", org("Zhipu"))
    d.add("money", amount, money(value, currency))
    if change:
        d.add("percent", change[0], pct(change[1], "increase", change[2]))
    return d


def test_changes_on_different_bases_are_not_compared():
    a = funding("a", "In 2024, Zhipu's revenue was $400 million, up 5% on the quarter.", "$400 million", 4e8,
                change=("5%", 5.0, "qoq")).claims()
    b = funding("b", "In 2024, Zhipu's revenue was $400 million, up 12% on the year.", "$400 million", 4e8,
                change=("12%", 12.0, "yoy")).claims()
    ca, cb = cross_check(a + b)
    assert flags(ca, "corroborated") and not flags(ca, "conflict") and not flags(cb, "conflict")


def test_amounts_in_other_currencies_never_conflict():
    # the rate of one day says nothing of what either article meant on its own day
    a = funding("a", "In 2024, Zhipu raised $400 million in a new funding round.", "$400 million", 4e8).claims()
    b = funding("b", "In 2024, Zhipu raised 5 billion yuan in a new funding round.", "5 billion yuan", 5e9,
                "CNY").claims()
    ca, cb = cross_check(a + b)
    assert not ca["flags"] and not cb["flags"]


STORY = ("In 2024, Zhipu raised $400 million in a new funding round led by Alibaba, the Beijing start-up said on "
         "Tuesday. The round values the company at more than its rivals, people familiar with the matter said, "
         "and will pay for the training of its next language models and for new data centres in three provinces.")


def test_a_near_copy_is_no_independent_support(tmp_path: Path):
    original = funding("a", STORY, "$400 million", 4e8)
    repost = funding("b", "Reposted: " + STORY + " Read more.", "$400 million", 4e8)
    claims = original.claims() + repost.claims()
    texts = {"a": original.text, "b": repost.text}
    ca, cb = cross_check(claims, texts)
    assert not flags(ca, "corroborated")
    (copy,) = flags(ca, "near_copy")
    assert copy["independent"] == 0 and copy["sources"] == [
        {"claim_id": cb["id"], "doc_id": "b", "sentence": cb["sentence"]["text"], "near_copy": True}]
    assert _on_disk([original, repost], tmp_path) == json.loads(json.dumps([ca, cb]))


def test_an_independent_report_still_corroborates(tmp_path: Path):
    original = funding("a", STORY, "$400 million", 4e8)
    repost = funding("b", "Reposted: " + STORY, "$400 million", 4e8)
    other = funding("c", "In 2024, Zhipu raised $400 million, its filing shows.", "$400 million", 4e8)
    docs = [original, repost, other]
    checked = cross_check([c for d in docs for c in d.claims()], {d.doc_id: d.text for d in docs})
    (corroborated,) = flags(checked[0], "corroborated")
    assert corroborated["count"] == 2 and corroborated["independent"] == 1
    (only,) = flags(checked[2], "corroborated")
    assert only["count"] == 2 and only["independent"] == 1  # a and b are one story
    assert _on_disk(docs, tmp_path) == json.loads(json.dumps(checked))


def test_the_same_sentence_in_another_story_is_no_independent_support(tmp_path: Path):
    """A wire repeats its own paragraph in a second, different story: the figure is
    stated once, however many stories carry the sentence."""
    said = "In 2024, Zhipu raised $400 million in a new funding round led by Alibaba."
    first = funding("a", said + " The start-up makes language models for banks and insurers in three provinces.",
                    "$400 million", 4e8)
    second = funding("b", "Alibaba's cloud unit reported higher sales to chip designers and game studios on Monday. "
                     + said, "$400 million", 4e8)
    other = funding("c", "In 2024, Zhipu raised $400 million, its filing shows.", "$400 million", 4e8)
    docs = [first, second, other]
    texts = {d.doc_id: d.text for d in docs}
    ca, cb = cross_check(first.claims() + second.claims(), texts)
    (copy,) = flags(ca, "near_copy")
    assert copy["independent"] == 0 and copy["sources"][0]["near_copy"] is True
    checked = cross_check([c for d in docs for c in d.claims()], texts)
    (corroborated,) = flags(checked[0], "corroborated")
    assert corroborated["count"] == 2 and corroborated["independent"] == 1
    assert _on_disk(docs, tmp_path) == json.loads(json.dumps(checked))


def _on_disk(docs: list[Doc], tmp_path: Path) -> list[dict]:
    store = ClaimStore(tmp_path / "raw.jsonl", tmp_path / "groups.sqlite", dumps)
    for d in docs:
        store.add_document(d.claims(), lambda d=d: d.text)
    out = io.StringIO()
    store.write_checked(out)
    store.close()
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_signatures_tell_a_copy_from_another_story():
    a, b = signature(STORY), signature("Reposted: " + STORY)
    c = signature("In 2024, Zhipu raised $400 million, its filing shows. The money goes to new data centres "
                  "and to hiring, the company said in a statement on Tuesday evening.")
    assert similarity(a, b) > 0.7 > similarity(a, c)
    assert near_copies({"a": STORY, "b": "Reposted: " + STORY, "c": "Something else entirely, said a man."}) == {
        "a": "a", "b": "a"}
    assert signature("too short") is None


# ------------------------------------------------------- headline and body


def headline_doc(head_amount: str, head_value: float, body_amount: str, body_value: float) -> Doc:
    d = Doc("h", f"Zhipu raises {head_amount} in new funding\n\nIn 2024, Zhipu raised {body_amount} in a new "
                 "funding round, the company said.")
    d.add("org", "Zhipu", org("Zhipu"))
    d.add("money", head_amount, money(head_value))
    d.add("org", "Zhipu", org("Zhipu"), after="\n")
    d.add("date", "2024", date("2024", "2024-01-01", "2024-12-31", "year"))
    d.add("money", body_amount, money(body_value), after="\n")
    return d


def test_a_headline_figure_the_body_contradicts_is_inconsistent():
    d = headline_doc("$400 million", 4e8, "$700 million", 7e8)
    head, body = cross_check(d.claims(), {"h": d.text})
    assert head["metric"] == body["metric"] == "funding"
    (flag,) = flags(head, "inconsistent")
    assert flag["sources"] == [{"claim_id": body["id"], "doc_id": "h", "sentence": body["sentence"]["text"]}]
    assert not flags(body, "inconsistent")


def test_a_rounded_headline_is_consistent():
    d = headline_doc("$1bn", 1e9, "$1.2 billion", 1.2e9)
    assert not any(flags(c, "inconsistent") for c in cross_check(d.claims(), {"h": d.text}))


def test_no_conflict_with_an_article_that_states_both_figures():
    a = Doc("a", "In 2024, Zhipu raised $700 million. In 2024, Zhipu raised $400 million in a round led by Alibaba.")
    a.add("date", "2024", date("2024", "2024-01-01", "2024-12-31", "year"))
    a.add("org", "Zhipu", org("Zhipu"))
    a.add("money", "$700 million", money(7e8))
    a.add("date", "2024", date("2024", "2024-01-01", "2024-12-31", "year"), after="$700")
    a.add("org", "Zhipu", org("Zhipu"), after="$700")
    a.add("money", "$400 million", money(4e8))
    b = funding("b", "In 2024, Zhipu raised $700 million in a new funding round.", "$700 million", 7e8)
    c = funding("c", "In 2024, Zhipu raised $900 million in a new funding round.", "$900 million", 9e8)
    checked = cross_check(a.claims() + b.claims() + c.claims())
    a700, a400, b700, c900 = checked
    assert a400["amount"]["value"]["amount"] == 4e8 and a400["metric"] == "funding"
    assert [s["doc_id"] for s in flags(a400, "conflict")[0]["sources"]] == ["c"]  # not b: a states its $700 million too
    assert [s["doc_id"] for s in flags(b700, "conflict")[0]["sources"]] == ["c"]  # not a's $400 million
    assert flags(b700, "corroborated")[0]["sources"][0]["doc_id"] == "a"
    assert {s["doc_id"] for s in flags(c900, "conflict")[0]["sources"]} == {"a", "b"}


def share_doc(doc_id: str, text: str, share: str, value: float) -> Doc:
    d = Doc(doc_id, text)
    d.add("date", "2019", date("2019", "2019-01-01", "2019-12-31", "year"))
    d.add("percent", share, pct(value))
    return d


def test_shares_support_but_never_conflict():
    """A share does not say of what: another share of the same scope is no contradiction."""
    a = share_doc("a", "In 2019, 40% of AI start-ups in Europe did not use AI, a study found.", "40%", 40.0)
    b = share_doc("b", "Some 40 percent of Europe's AI start-ups made no real use of AI in 2019, a survey says.",
                  "40 percent", 40.0)
    c = share_doc("c", "In 2019, 75% of companies in Europe were hit by phishing.", "75%", 75.0)
    checked = cross_check(a.claims() + b.claims() + c.claims())
    assert all(x["metric"] == "share_of_total" and x["scope"] for x in checked)
    assert flags(checked[0], "corroborated") and flags(checked[1], "corroborated")
    assert not any(flags(x, "conflict") for x in checked)


def test_a_sentence_refiled_with_light_edits_is_no_independent_support(tmp_path: Path):
    """A wire story filed twice with "dropped" for "raised", a site's banner with another
    menu word, a paragraph re-used with a source added: one report, not two."""
    first = funding("a", "In 2024, Zhipu raised $400 million in a new funding round led by Alibaba, the start-up said.",
                    "$400 million", 4e8)
    refiled = funding("b", "Sports scores follow below. In 2024, Zhipu raised $400 million in a new funding round led "
                      "by Alibaba, the start-up said on Tuesday, citing its filing.", "$400 million", 4e8)
    rewritten = funding("c", "In 2024, Zhipu raised $400 million, its filing shows.", "$400 million", 4e8)
    docs = [first, refiled, rewritten]
    checked = cross_check([c for d in docs for c in d.claims()], {d.doc_id: d.text for d in docs})
    (corroborated,) = flags(checked[0], "corroborated")
    assert corroborated["count"] == 2 and corroborated["independent"] == 1
    assert [s.get("near_copy", False) for s in corroborated["sources"]] == [True, False]
    ca, cb = cross_check(first.claims() + refiled.claims(), {d.doc_id: d.text for d in docs[:2]})
    assert not flags(ca, "corroborated") and flags(ca, "near_copy")[0]["independent"] == 0
    assert _on_disk(docs, tmp_path) == json.loads(json.dumps(checked))


def test_lightly_edited_sentences_are_told_from_rewritten_ones():
    from pipeline.claims.nearcopy import same_sentences

    said = ["The index dropped to 51.9 pct in February from 55.8 pct in January, the association said.",
            "The index declined to 51.9 pct in February from 55.8 pct in January, the association said.",
            "Rumours drove the stock up a total of 5.50 dlrs in two days, the company said.",
            "The company also remained silent as rumors drove its stock up a total of 5-1/2 dlrs in two days to 74.",
            "Revenue was $5 billion.", "Revenue was $5 billion, up."]
    assert same_sentences(said) == [(0, 1)]


# ------------------------------------------------ conflicts compare like with like


def acquisition(doc_id: str, text: str, amount: str, value: dict) -> list[dict]:
    d = Doc(doc_id, text)
    d.add("org", "Zhipu", org("Zhipu"))
    d.add("money", amount, value)
    d.add("date", "2024", date("2024", "2024-01-01", "2024-12-31", "year"))
    return d.claims()


def test_a_bound_is_no_conflict_with_a_figure_inside_it():
    """"more than $16 billion" and "around $20 billion" may both be true; "$16 billion"
    and "$20 billion" may not."""
    over = acquisition("a", "Zhipu bought the app for more than $16 billion in 2024.", "$16 billion",
                       money(1.6e10, qualifier="gt"))
    about = acquisition("b", "After Zhipu bought the app for around $20 billion in 2024, it added calls.",
                        "$20 billion", money(2e10, qualifier="approx"))
    exact = acquisition("c", "Zhipu's purchase of the app for $16 billion closed in 2024.", "$16 billion",
                        money(1.6e10))
    plain = acquisition("d", "In 2024 Zhipu acquired the app; it paid $20 billion.", "$20 billion", money(2e10))
    checked = cross_check(over + about + exact + plain)
    assert all(x["metric"] == "acquisition" for x in checked)
    co, ca, ce, cp = checked
    assert not flags(co, "conflict") and [s["doc_id"] for s in flags(ca, "conflict")[0]["sources"]] == ["c"]
    assert [s["doc_id"] for s in flags(ce, "conflict")[0]["sources"]] == ["b", "d"]
    assert flags(co, "corroborated")[0]["sources"][0]["doc_id"] == "c"


def test_a_range_and_a_point_are_no_conflict():
    rng = Doc("a", "In 2024, Zhipu raised between $300 million and $350 million in a funding round.")
    rng.add("date", "2024", date("2024", "2024-01-01", "2024-12-31", "year"))
    rng.add("org", "Zhipu", org("Zhipu"))
    rng.add("money", "between $300 million and $350 million", money(None, low=3e8, high=3.5e8))
    point = funding("b", "In 2024, Zhipu raised $700 million, its filing shows.", "$700 million", 7e8)
    other = funding("c", "Zhipu's 2024 round brought in $400 million, the start-up said.", "$400 million", 4e8)
    checked = cross_check(rng.claims() + point.claims() + other.claims())
    assert not flags(checked[0], "conflict")
    assert [s["doc_id"] for s in flags(checked[1], "conflict")[0]["sources"]] == ["c"]


def test_a_forecast_is_compared_with_forecasts_only():
    guide = funding("a", "In 2024, Zhipu gave revenue guidance of $700 million for the year.", "$700 million", 7e8)
    told = funding("b", "In 2024, Zhipu's revenue was $400 million, its filing shows.", "$400 million", 4e8)
    hedged = funding("c", "In 2024, Zhipu may post revenue of $900 million, people familiar said.", "$900 million", 9e8)
    checked = cross_check(guide.claims() + told.claims() + hedged.claims())
    assert {x["metric"] for x in checked} == {"revenue"} and checked[2]["hedged"]
    assert not any(flags(x, "conflict") for x in checked)


def test_a_change_in_units_is_no_change_in_revenue():
    def sales(doc_id: str, text: str, change: str, value: float) -> list[dict]:
        d = Doc(doc_id, text)
        d.add("org", "Zhipu", org("Zhipu"))
        d.add("date", "2024", date("2024", "2024-01-01", "2024-12-31", "year"))
        d.add("percent", change, pct(value, "decrease"))
        return d.claims()
    units = sales("a", "Zhipu's sales in 2024 fell 14% to 5.7 million units, Canalys said.", "14%", 14.0)
    money_ = sales("b", "Zhipu's revenue in 2024 fell 30% on weaker prices, it said.", "30%", 30.0)
    money2 = sales("c", "In 2024, Zhipu reported revenue down 45% from the year before.", "45%", 45.0)
    checked = cross_check(units + money_ + money2)
    assert checked[1]["metric"] == checked[2]["metric"] == "revenue"
    assert not flags(checked[0], "conflict") and [s["doc_id"] for s in flags(checked[1], "conflict")[0]["sources"]] == ["c"]


# ------------------------------------------------ arithmetic: like with like


@pytest.mark.parametrize("text, surface", [
    ("Corvane promises to replenish 120% of the water it consumes across its data centres.", "120%"),
    ("Corvane is on pace to generate 200 percent of its total energy use from wind.", "200 percent"),
    ("Share on X Corvane's wearables share grew 282% Share on Facebook", "282%"),
])
def test_a_ratio_or_a_growth_over_100_is_no_share_of_a_whole(text: str, surface: str):
    d = Doc("d", text)
    d.add("org", "Corvane", org("Corvane"))
    d.add("percent", surface, pct(float(surface.split()[0].rstrip("%"))))
    assert not any(flags(c, "arithmetic") for c in cross_check(d.claims()))
    stake = Doc("s", "Corvane took a stake of 120% of all the shares of Pellam.")
    stake.add("org", "Corvane", org("Corvane"))
    stake.add("percent", "120%", pct(120.0))
    assert any(flags(c, "arithmetic") for c in cross_check(stake.claims()))


def pair_doc(text: str, figures: list[tuple[str, dict]], change: tuple[str, float, str] | None = None) -> list[dict]:
    d = Doc("d", text)
    d.add("org", "Zhipu", org("Zhipu"))
    for surface, value in figures:
        d.add("money", surface, value)
    if change:
        d.add("percent", change[0], pct(change[1], change[2]))
    return cross_check(d.claims())


def test_a_yearly_rate_over_the_years_written_is_consistent():
    ok = pair_doc("Zhipu's market is expected to grow 20% from $1.44 billion in 2020 to $4.3 billion by 2026.",
                  [("$1.44 billion", money(1.44e9)), ("$4.3 billion", money(4.3e9))], ("20%", 20.0, "increase"))
    assert any(c["from"] for c in ok) and not any(flags(c, "arithmetic") for c in ok)
    bad = pair_doc("Zhipu's market is expected to grow 45% from $1.44 billion in 2020 to $4.3 billion by 2026.",
                   [("$1.44 billion", money(1.44e9)), ("$4.3 billion", money(4.3e9))], ("45%", 45.0, "increase"))
    assert any(flags(c, "arithmetic") for c in bad)


def test_a_from_figure_of_another_metric_is_no_base():
    checked = pair_doc("Zhipu had revenues of 8.4 mln dlrs and pretax profits of 232,000 dlrs in 1986, up from "
                       "revenues of 5.9 mln and pretax profits of 204,000 dlrs in 1985.",
                       [("8.4 mln dlrs", money(8.4e6)), ("232,000 dlrs", money(2.32e5)),
                        ("5.9 mln", money(5.9e6)), ("204,000 dlrs", money(2.04e5))])
    assert not any(flags(c, "arithmetic") for c in checked)


def test_a_from_figure_in_a_clause_joined_on_is_no_base():
    checked = pair_doc("Zhipu's phone sales were at $46.7 million in the quarter, while its tablet sales were "
                       "down from $10.3 million.", [("$46.7 million", money(4.67e7)), ("$10.3 million", money(1.03e7))])
    assert not any(flags(c, "arithmetic") for c in checked)


def test_a_pair_whose_direction_is_read_two_ways_is_not_checked_for_it():
    d = Doc("d", "The office revised Zhipu's rate of growth down from the 5.9% estimated in May to 3.2%.")
    d.add("org", "Zhipu", org("Zhipu"))
    d.add("percent", "5.9%", pct(5.9, "decrease"))
    d.add("percent", "3.2%", pct(3.2))
    (claim,) = [c for c in d.claims() if c["from"]]
    from pipeline.claims.crosscheck import arithmetic_flags

    # a pair read as an increase ("rate of growth") whose figure's own verb says down
    misread = {**claim, "from": {**claim["from"], "direction": "increase"}}
    assert claim["from"]["value"]["direction"] == "decrease" and not arithmetic_flags(misread)
    both = {**misread, "from": {**misread["from"], "value": {**misread["from"]["value"], "direction": "increase"}}}
    assert [f["detail"] for f in arithmetic_flags(both)] == ["an increase, but it goes from 5.9 to 3.2"]


def test_prices_in_other_markets_are_no_conversion():
    d = conversion_doc("Zhipu's speaker is priced at $50 (£50 / €60 in the U.K. / Germany).",
                       ("$50", 50, "USD"), ("£50", 50, "GBP"), "2016-09-14")
    assert not conversion(d)


def test_a_listing_pages_address_gives_no_date():
    from pipeline.claims.rates import publication_date

    assert publication_date("2021-09-04", "https://example.com/2021/09/04/some-story/tag/nlp") is None
    assert publication_date("2021-09-04", "https://example.com/author/jane-doe/") is None
    assert publication_date("2021-09-04", "https://example.com/2021/09/04/some-story/") == "2021-09-04"
    assert publication_date("2021-09-04", None) == "2021-09-04"
