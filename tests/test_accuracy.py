"""Accuracy floors: CI fails when quality drops below them.

Three gold sets annotated by one standard: the seed corpus; tests/dev/, ten
articles in wire, business and trade styles, used to find classes of errors
after the rules were first written; tests/blind/, six more, scored once before
any rule looked at them (see the README) and since used like the others. None is
blind now; the floors guard against regressions."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import pipeline
from pipeline.evaluate import load_jsonl, score
from tests.conftest import GOLD

DEV = Path(__file__).resolve().parent / "dev"
BLIND = Path(__file__).resolve().parent / "blind"

# value F1 floors per type
SEED_FLOORS = {"money": 0.95, "percent": 0.95, "date": 0.90, "org": 0.92, "model": 0.90}
DEV_FLOORS = {"money": 0.95, "percent": 0.95, "date": 0.90, "org": 0.92, "model": 0.90}
BLIND_FLOORS = {"money": 0.95, "percent": 0.95, "date": 0.90, "org": 0.90, "model": 0.80}


@pytest.fixture(scope="module")
def seed_scores(corpus_mentions):
    pred = [m.to_dict() for ms in corpus_mentions.values() for m in ms]
    return score(load_jsonl(GOLD), pred)


def _scores(nlp, folder: Path, gold: str):
    meta = {r["doc_id"]: r for r in map(json.loads, (folder / "corpus" / "metadata.jsonl").read_text(encoding="utf-8").splitlines())}
    pred = []
    for path in sorted((folder / "corpus").glob("*.txt")):
        text = path.read_bytes().decode("utf-8")
        published = meta.get(path.stem, {}).get("published")
        pred += [m.to_dict() for m in pipeline.extract(text, published=published, doc_id=path.stem, nlp=nlp)]
    return score(load_jsonl(folder / gold), pred)


@pytest.fixture(scope="module")
def dev_scores(nlp):
    return _scores(nlp, DEV, "dev.gold.jsonl")


@pytest.fixture(scope="module")
def blind_scores(nlp):
    return _scores(nlp, BLIND, "blind.gold.jsonl")


def _check(s, floor, mtype):
    assert s.value_f1 >= floor, (mtype, s.value_f1, s.misses, s.false_positives, s.wrong_values)


@pytest.mark.parametrize("mtype", sorted(SEED_FLOORS))
def test_seed_value_f1_floor(seed_scores, mtype):
    _check(seed_scores[mtype], SEED_FLOORS[mtype], mtype)


@pytest.mark.parametrize("mtype", sorted(DEV_FLOORS))
def test_dev_value_f1_floor(dev_scores, mtype):
    _check(dev_scores[mtype], DEV_FLOORS[mtype], mtype)


@pytest.mark.parametrize("mtype", sorted(BLIND_FLOORS))
def test_blind_value_f1_floor(blind_scores, mtype):
    _check(blind_scores[mtype], BLIND_FLOORS[mtype], mtype)
