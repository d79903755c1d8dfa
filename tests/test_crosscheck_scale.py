"""The cross-document check at scale: grouped on disk with the same results as in
memory, comparisons per distinct figure, and flags of bounded size."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import cli
from pipeline.claims import cross_check
from pipeline.claims.agreement import ASSUMED, MAX_SOURCES, Member, agree, assumed_group_flags, group_flags
from pipeline.claims.ondisk import ClaimStore
from pipeline.export import dumps
from tests.conftest import CORPUS
from tests.values import doc000, doc001, flags, funding_doc


def _run_on_disk(claims: list[dict], tmp_path: Path) -> list[dict]:
    store = ClaimStore(tmp_path / "raw.jsonl", tmp_path / "groups.sqlite", dumps)
    for c in claims:
        store.add(c)
    out = io.StringIO()
    assert store.write_checked(out) == len(claims)
    store.close()
    assert not list(tmp_path.iterdir())
    return [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.fixture(scope="module")
def many() -> list[dict]:
    """A figure repeated by more documents than a flag lists, a conflicting one, a
    percentage change on some, and an undated article whose period is assumed."""
    claims = []
    for i in range(MAX_SOURCES + 30):
        claims += funding_doc(f"agree{i:03d}", "$400 million", 4e8).claims()
    for i in range(20):
        claims += funding_doc(f"differ{i:02d}", "$700 million", 7e8).claims()
    for i in range(5):
        claims += funding_doc(f"pct{i}", "$400 million", 4e8, "20%", 20.0).claims()
    claims += doc000().claims() + doc001(resolved=False).claims() + doc001().claims()
    return claims


def test_on_disk_check_gives_what_the_in_memory_check_gives(many, tmp_path):
    assert _run_on_disk(many, tmp_path) == json.loads(json.dumps(cross_check(many)))


def test_a_flag_lists_a_bounded_number_of_sources_and_counts_them_all(many):
    checked = cross_check(many)
    first = next(c for c in checked if c["doc_id"] == "agree000")
    # every source repeats its sentence (the "pct" ones with a clause added): near_copy
    (corroborated,) = flags(first, "near_copy")
    # every other document with $400 million: the "agree" ones and the "pct" ones
    assert corroborated["count"] == MAX_SOURCES + 30 - 1 + 5
    assert len(corroborated["sources"]) == MAX_SOURCES
    docs = [s["doc_id"] for s in corroborated["sources"]]
    assert docs == sorted(docs) and "agree000" not in docs and docs[0] == "agree001"
    (conflict,) = flags(first, "conflict")
    assert conflict["count"] == 20 and len(conflict["values"]) == 21


VIEWS = [
    (("money", "USD", (4e8, 4e8), (4e8, 4e8)), None, None),
    (("money", "USD", (4.1e8, 4.1e8), (4.1e8, 4.1e8)), None, None),
    (("money", "USD", (7e8, 7e8), (7e8, 7e8)), None, None),
    (("money", "CNY", (2.9e9, 2.9e9), (4e8, 4e8)), None, None),
    (("money", "CNY", (9e9, 9e9), (1.24e9, 1.24e9)), None, None),
    (("money", "USD", (4e8, 4e8), (4e8, 4e8)), ("percent", (20.0, 20.0), "increase", "yoy"), None),
    (("money", "USD", (4e8, 4e8), (4e8, 4e8)), ("percent", (25.0, 25.0), "increase", "yoy"), None),
    (None, ("percent", (20.0, 20.0), None, None), None),
    (None, ("percent", (30.0, 30.0), None, "qoq"), None),
    (None, None, None),
    (None, None, 3),
]


def _others(members: list[Member], m: Member, verdict) -> list[Member]:
    return sorted((x for x in members if x.doc_id != m.doc_id and verdict(m, x)), key=Member.order)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abcdefgh"), st.sampled_from(range(len(VIEWS))), st.booleans()),
                max_size=40),
       st.sampled_from(["", "ab", "abc"]))
def test_grouped_comparison_equals_comparing_every_pair(rows, copies):
    """Both group checks against a plain reference that compares every pair of claims;
    the documents in `copies` are near-copies of one another."""
    members = [Member(i, doc, f"{doc}:{i}", VIEWS[v], "x" if doc in copies else doc, unresolved)
               for i, (doc, v, unresolved) in enumerate(rows)]
    exact, assumed = dict(group_flags(members)), dict(assumed_group_flags(members))

    def support(m: Member, same: list[Member]) -> dict:
        families = {x.copy for x in same} - {m.copy}
        flag = {"flag": "corroborated" if families else "near_copy", "count": len(same)}
        if len(families) < len(same):
            flag["independent"] = len(families)
        return flag

    def states(doc: str, v) -> bool:
        return any(x.doc_id == doc and (x.view == v or agree(x.view, v) is True) for x in members)

    for m in members:
        same = _others(members, m, lambda a, b: agree(a.view, b.view) is True)
        differ = _others(members, m, lambda a, b: agree(a.view, b.view) is False
                         and not states(a.doc_id, b.view) and not states(b.doc_id, a.view))
        want = []
        if same:
            want.append({**support(m, same), "sources": [x.source(m) for x in same[:MAX_SOURCES]]})
        if differ:
            want.append({"flag": "conflict", "count": len(differ),
                         "values": [m.summary(), *(x.summary() for x in differ[:MAX_SOURCES])],
                         "sources": [x.source(m) for x in differ[:MAX_SOURCES]]})
        assert exact.get(m.index, []) == want
        assumed_same = _others(members, m, lambda a, b: (a.unresolved or b.unresolved) and agree(a.view, b.view) is True)
        want = [{**support(m, assumed_same), "period": ASSUMED,
                 "sources": [x.source(m) for x in assumed_same[:MAX_SOURCES]]}] if assumed_same else []
        assert assumed.get(m.index, []) == want


def _fail_after_one_line(self, out):
    out.write("{}\n")  # a line already out when it fails: the fallback must not keep it
    raise RuntimeError("disk full")


@pytest.mark.slow
@pytest.mark.parametrize("stage", ["_check_groups", "_index", "_write"])
def test_a_failing_cross_check_leaves_every_claim_written_and_marked(stage, tmp_path, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ClaimStore, stage, _fail_after_one_line if stage == "_write" else boom)
    out = tmp_path / "out"
    assert cli.main(["extract", str(CORPUS), "--out", str(out), "-q", "--workers", "1"]) == 0
    claims = [json.loads(line) for line in (out / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(claims) > 10 and all(c.get("flags") == [claims[0]["flags"][0]] for c in claims)
    assert claims[0]["flags"][0]["flag"] == "unchecked" and "disk full" in claims[0]["flags"][0]["detail"]
    assert not list(out.glob(".*tmp-*"))


def test_the_first_sources_quote_their_sentence_and_the_rest_give_ids(many):
    """A flag is checked by reading the other documents' sentences: the first few are
    quoted in it, the rest named by id only, so a repeated figure keeps lines short."""
    from pipeline.claims.agreement import QUOTED_SOURCES

    said = {c["id"]: " ".join(c["sentence"]["text"].split()) for c in many}
    checked = cross_check(many)
    (corroborated,) = flags(checked[0], "near_copy")  # its sources repeat its sentence
    listed = corroborated["sources"]
    assert [s.get("sentence") for s in listed[:QUOTED_SOURCES]] == [said[s["claim_id"]] for s in listed[:QUOTED_SOURCES]]
    assert all("sentence" not in s for s in listed[QUOTED_SOURCES:])
    (conflict,) = flags(checked[0], "conflict")
    assert conflict["sources"][0]["sentence"] == said[conflict["sources"][0]["claim_id"]]
