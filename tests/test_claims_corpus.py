"""The claims of the real seed corpus, end to end: the model, the components, the
claim rules and the cross-checks together."""
from __future__ import annotations

import pytest

from pipeline.claims import build_claims, cross_check


@pytest.fixture(scope="module")
def claims(corpus_docs, corpus_mentions):
    out = []
    for doc_id, mentions in corpus_mentions.items():
        d = corpus_docs[doc_id]
        out += build_claims(doc_id, d["text"], [m.to_dict() for m in mentions], d["published"])
    return cross_check(out)


def flags(c):
    return [f["flag"] for f in c["flags"]]


def test_pitchbook_q1_funding_is_corroborated_across_both_articles(claims):
    pitchbook = [
        c for c in claims
        if c["metric"] == "funding" and (c["attribution"] or {}).get("source") == "PitchBook"
        and (c["amount"] or {}).get("value", {}).get("amount") == 1.2e9
    ]
    assert {c["doc_id"][:3] for c in pitchbook} == {"000", "001"}
    for c in pitchbook:
        assert c["change"]["value"]["value"] == 30.0 and c["change"]["value"]["direction"] == "decrease"
        (flag,) = [f for f in c["flags"] if f["flag"] == "corroborated"]
        assert {s["doc_id"][:3] for s in flag["sources"]} == {"000", "001"} - {c["doc_id"][:3]}


def test_cb_insights_funding_conversion_is_checked(claims):
    cb = [c for c in claims if (c["attribution"] or {}).get("source") == "CB Insights" and c["metric"] == "funding"]
    assert cb and all("conversion_ok" in flags(c) for c in cb)
    assert all(c["period"]["value"]["value"] == "2023" for c in cb)


def test_cambricon_revenue_range(claims):
    (rev,) = [c for c in claims if c["metric"] == "revenue" and [s["name"] for s in c["subjects"]] == ["Cambricon"]]
    assert (rev["amount"]["value"]["low"], rev["amount"]["value"]["high"]) == (6.8e8, 7.2e8)
    assert rev["amount"]["value"]["currency"] == "CNY" and rev["hedged"]
    assert rev["period"]["value"]["value"] == "2023"
