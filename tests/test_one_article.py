"""One article cannot poison the run: a rate no currency can have, or a claim the
checks fail on, is set aside for its own document (or claim) with a reason, and
every other claim of the run is checked as before."""
from __future__ import annotations

import json

import pytest

from pipeline import cli
from pipeline.claims.crosscheck import conversion_flag
from pipeline.claims.rates import find_stated_rates, stated_rate


@pytest.mark.parametrize(
    "text, reason",
    [
        pytest.param("At the time $1 equals 0 yuan.", "a rate of zero", id="zero"),
        pytest.param("At the time 0 yuan equals $1.", "a rate of zero", id="zero-base"),
        pytest.param("At the time $1 equals " + "9" * 400 + " yuan.", "a figure too large to be a rate", id="overflow"),
        pytest.param("At the time $1 equals 0.0 yuan.", "a rate of zero", id="zero-decimal"),
        pytest.param("at an exchange rate of 0 yuan per dollar", "a rate of zero", id="per-zero"),
        pytest.param("$0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001 equals " + "9" * 300 + " yuan", "a rate too large or too small to be one", id="ratio-overflow"),
    ],
)
def test_a_rate_no_currency_can_have_is_listed_as_ignored(text, reason):
    (r,) = find_stated_rates(text)
    assert r["rate"] is None and r["ignored"] == reason
    assert stated_rate([r], r["base"], r["quote"]) is None
    assert stated_rate([r], r["quote"], r["base"]) is None


@pytest.mark.parametrize(
    "text",
    ["At the time $1 equals -5 yuan.", "At the time -$1 equals 5 yuan.", "At the time $-1 equals 5 yuan.",
     "at an exchange rate of −7.1 yuan per dollar"],
    ids=["quote", "base", "sign-after-symbol", "per"],
)
def test_a_negative_rate_is_never_used(text):
    # the patterns may not take in a sign after "equals"; a rate they do read is ignored
    rates = find_stated_rates(text)
    assert all(r["rate"] is None and r["ignored"] == "a negative rate" for r in rates)
    assert stated_rate(rates, "USD", "CNY") is None


def test_a_minus_before_the_base_is_read_and_ignored():
    (r,) = find_stated_rates("At the time -$1 equals 5 yuan.")
    assert r["rate"] is None and r["ignored"] == "a negative rate"


def test_a_good_rate_keeps_its_keys():
    (r,) = find_stated_rates("1 yuan equals $0.14")
    assert list(r) == ["base", "quote", "rate", "start", "end", "text"]


def test_a_conversion_against_an_ignored_rate_falls_back_to_the_reference_rate():
    claim = {
        "amount": {"type": "money", "value": {"amount": 2e9, "currency": "USD"}},
        "amount_converted": {"type": "money", "value": {"amount": 14.2e9, "currency": "CNY"}},
        "article_rates": find_stated_rates("At the time $1 equals 0 yuan."),
        "published": "2024-03-01",
    }
    flag = conversion_flag(claim)
    assert flag["flag"] == "conversion_ok" and flag["rate_source"] != "article"


def test_a_claim_whose_checks_fail_is_unchecked_alone(tmp_path, monkeypatch):
    from pipeline.claims import ondisk

    real = ondisk.own_flags

    def fails_on_one(claim):
        if claim.get("doc_id") == "bad":
            raise ZeroDivisionError("float division by zero")
        return real(claim)

    monkeypatch.setattr(ondisk, "own_flags", fails_on_one)
    store = ondisk.ClaimStore(tmp_path / "raw", tmp_path / "scratch", json.dumps)
    store.add({"doc_id": "bad", "id": "b1"})
    store.add({"doc_id": "good", "id": "g1"})
    out = tmp_path / "claims.jsonl"
    with out.open("w+", encoding="utf-8") as fh:
        store.write_checked(fh)
    store.close()
    flags = {c["doc_id"]: c["flags"] for c in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert flags["bad"][0]["flag"] == "unchecked" and "ZeroDivisionError" in flags["bad"][0]["detail"]
    assert flags["good"] == []


def test_one_bad_stated_rate_leaves_the_other_articles_checked(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Alibaba said revenue rose 12% to $2 billion (approximately 14.2 billion yuan) in the first quarter. "
        "At the time $1 equals 0 yuan.\n", encoding="utf-8")
    (corpus / "b.txt").write_text(
        "Tencent said revenue rose 8% to $3 billion (about 21.3 billion yuan) in 2023.\n", encoding="utf-8")
    (corpus / "c.txt").write_text(
        "Baidu said $1 equals " + "9" * 400 + " yuan, and revenue rose to $1 billion (7.1 billion yuan).\n",
        encoding="utf-8")
    (corpus / "metadata.jsonl").write_text(
        "".join(json.dumps({"doc_id": d, "published": "2024-03-01"}) + "\n" for d in "abc"), encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["extract", str(corpus), "--out", str(out), "--workers", "1", "-q"]) == 0
    claims = [json.loads(x) for x in (out / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
    flags = [f["flag"] for c in claims for f in c["flags"]]
    assert "unchecked" not in flags
    assert flags.count("conversion_ok") == 3
    ignored = [r for c in claims for r in c["article_rates"] if r.get("ignored")]
    assert {r["ignored"] for r in ignored} == {"a rate of zero", "a figure too large to be a rate"}
