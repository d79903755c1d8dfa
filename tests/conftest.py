"""Shared fixtures: the model is loaded once per session, and only by tests that ask."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = Path(__file__).resolve().parent / "gold" / "seeds.gold.jsonl"


@pytest.fixture(scope="session")
def nlp():
    import pipeline

    return pipeline.load()


@pytest.fixture(scope="session")
def corpus_docs() -> dict[str, dict]:
    """doc_id → {"text", "published"} for the seed corpus, read as the CLI reads it."""
    meta = {}
    for line in (CORPUS / "metadata.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        meta[row["doc_id"]] = row
    return {
        p.stem: {"text": p.read_bytes().decode("utf-8"), "published": meta.get(p.stem, {}).get("published")}
        for p in sorted(CORPUS.glob("*.txt"))
    }


@pytest.fixture(scope="session")
def corpus_mentions(nlp, corpus_docs) -> dict[str, list]:
    import pipeline

    return {
        doc_id: pipeline.extract(d["text"], published=d["published"], doc_id=doc_id, nlp=nlp)
        for doc_id, d in corpus_docs.items()
    }


@pytest.fixture()
def out(tmp_path: Path) -> Path:
    """An output folder as a run writes it, made from the small sample in
    tests/browser/sample.py (for the report and review tests)."""
    from tests.browser.sample import make_output

    make_output(tmp_path / "out")
    return tmp_path / "out"


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session (tests marked `browser`); each
    test sets its own window size and loads its own page."""
    from tests.browser.driver import browser_disabled, chromium

    if browser_disabled():
        pytest.skip("NEWSFACTS_NO_BROWSER=1")
    with chromium() as driver:
        yield driver


@pytest.fixture()
def org_bar_off(monkeypatch):
    """Rule tests of the organisation finder, with org_mention's learned bar set to
    zero: what a rule finds, whatever the weighed decision then makes of it."""
    from pipeline.normalize import org_mention

    bias, weights, _ = org_mention._model()
    monkeypatch.setattr(org_mention, "_model", lambda: (bias, weights, 0.0))
