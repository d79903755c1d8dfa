"""The weighed decision over names no list holds: the context model of
org_types.py, the mention features of org_mention.py, the listed companies, and
the decision's wiring in the organisation finder (spacy.blank("en") with the
model's entities given)."""
from __future__ import annotations

import json

import pytest
import spacy

from pipeline.gazetteer import listed_companies
from pipeline.nlp import add_components
from pipeline.normalize import org_mention, org_types
from pipeline.normalize.org_lists import name_lists
from pipeline.normalize.org_mention import MENTION_FEATURES, found_features, name_document_type, name_features, spelt_out
from pipeline.normalize.org_types import corpus_type, document_type, occurrence_features
from pipeline.resources import load_jsonl
from tests.test_orgs_models import facts


@pytest.fixture(scope="module")
def blank():
    return add_components(spacy.blank("en"))


def test_occurrence_features_read_the_words_around_not_the_names():
    text = "Traders said shares of Quorvex rose 5% after Quorvex's chief executive spoke."
    f = occurrence_features(text, 23, 30)
    assert {"p1:of", "p2:shares_of", "n1:rose", "n2:rose_<num>", "w:shares", "w:rose", "w:after"} <= f
    # a capitalised neighbour is a kind, not a word: no name becomes a feature
    g = occurrence_features(text, 45, 52)
    assert "n1:'s" in g and "p1:after" in g and not any("Quorvex" in x for x in f | g)
    assert "p1:<start>" in occurrence_features("Quorvex said so.", 0, 7)


def test_document_type_tells_a_company_from_a_product_by_its_contexts():
    company = "Quorvex said it raised $20m. Shares of Quorvex rose. A spokesman for Quorvex declined to comment."
    product = "Download the Quorvex app. Using Quorvex, users can edit photos. The Quorvex software update is out."
    assert name_document_type(company, "Quorvex") > 0.6
    assert name_document_type(product, "Quorvex") < 0.4
    assert document_type(company, [], 7) is None
    assert name_document_type("nothing here", "Quorvex") == 0.5


def test_corpus_type_is_what_the_dumps_make_of_a_name():
    assert corpus_type("Unheard Of Name Xq") is None
    # a surname the dumps write after "Ilya", a federal agency
    assert corpus_type("Sutskever") < 0.2
    assert corpus_type("FBI") > 0.7
    scores = load_jsonl("org_types.jsonl")[1]["scores"]
    assert all(0.0 <= v <= 1.0 for v in scores.values())


def test_listed_companies_hold_short_forms_but_no_common_word_or_place():
    names = listed_companies()
    assert {"Boeing", "Walmart", "Ford", "Schwab", "Marks & Spencer"} <= names
    assert not names & {"Target", "Block", "China", "Japan", "American"}


def test_spelt_out_acronyms():
    assert spelt_out("said the Crown Prosecution Service (CPS) on", "CPS") == "Crown Prosecution Service"
    assert spelt_out("with radio frequency identification (RFID) tags", "RFID").endswith("radio frequency identification")
    assert spelt_out("the Department of Energy (DOE) said", "DOE") == "Department of Energy"
    assert spelt_out("at the National Institute of Standards and Technology (NIST)", "NIST").startswith("National")
    assert spelt_out("the best company (XYZ) said", "XYZ") is None
    assert spelt_out("no brackets CPS here", "CPS") is None


def test_mention_features_are_the_declared_ones_in_range():
    text = "Quorvex said it raised $20m. Rivals copy Quorvex. Ilya Quorvex spoke."
    name_feats = {"said": 1.0, "acronym": 0.0}
    f = {**found_features("role", ""), **name_features(text, text[0:7], name_feats, surnames={"Quorvex"})}
    assert set(f) == set(MENTION_FEATURES)
    assert all(0.0 <= v <= 1.0 for v in f.values())
    assert f["how_role"] == 1.0 and f["said"] == 1.0 and f["person_surname"] == 1.0
    g = {**found_features("one-sense", "role"), **name_features(text, text[41:48], name_feats)}
    assert g["how_one-sense"] == 1.0 and g["origin_role"] == 1.0 and g["person_surname"] == 0.0


def test_names_listed_beside_a_listed_organisation():
    text = "It raised funds from Lightspeed Venture Partners, Quorvex and Brindle Labs. Tarnwick, Ovrel and Pexa sell tea."
    lists = name_lists(text)
    beside = org_mention.beside_listed(text, lists, ["Quorvex", "Brindle Labs", "Tarnwick", "Ovrel"], {"Lightspeed Venture Partners"})
    assert beside == {"Quorvex", "Brindle Labs"}
    f = name_features(text, "Quorvex", {}, beside=beside)
    assert f["beside_listed"] == 1.0 and name_features(text, "Tarnwick", {}, beside=beside)["beside_listed"] == 0.0


def test_the_models_reading_of_a_name_as_a_person_is_a_mention_feature():
    f = name_features("Wang said so.", "Wang", {"person_vote": 1.0, "org_share": 0.5})
    assert f["person_vote"] == 1.0 and f["org_share"] == 0.5


def test_shipped_weights_name_only_known_features(monkeypatch):
    entries = {e["id"]: e for e in load_jsonl("org_mention.jsonl")}
    assert set(entries["weights"]["weights"]) <= set(MENTION_FEATURES)
    assert 0.0 < entries["weights"]["threshold"] < 1.0
    bad = {"weights": {"bias": 0.0, "weights": {"no_such_feature": 1.0}, "threshold": 0.5}}
    monkeypatch.setattr(org_mention, "entries_by_id", lambda name: bad)
    org_mention._model.cache_clear()
    try:
        with pytest.raises(ValueError, match="no_such_feature"):
            org_mention._model()
    finally:
        monkeypatch.undo()
        org_mention._model.cache_clear()


def _with_threshold(monkeypatch, value: float) -> None:
    bias, weights, _ = org_mention._model()
    monkeypatch.setattr(org_mention, "_model", lambda: (bias, weights, value))


def test_the_bar_drops_unlisted_names_everywhere_and_keeps_listed_ones(blank, monkeypatch):
    text = "Quorvex raises $12.5M for its avatars, Nvidia said. Rivals copy Quorvex often."
    ner = ["Quorvex"]
    _with_threshold(monkeypatch, 0.0)  # every probability clears it
    assert [t for label, t, _ in facts(blank, text, ner) if label == "org"] == ["Quorvex", "Nvidia", "Quorvex"]
    _with_threshold(monkeypatch, 1.01)  # no probability clears it
    assert [t for label, t, _ in facts(blank, text, ner) if label == "org"] == ["Nvidia"]


def test_one_name_one_decision_in_a_document(blank, monkeypatch):
    """The surest mention decides for every mention of its name: the recurrence of a
    name found by its role stays with it, or goes with it."""
    text = "Quorvex raises $12.5M for its avatars. Rivals copy Quorvex often."
    found = [t for label, t, _ in facts(blank, text) if label == "org"]
    assert found in ([], ["Quorvex", "Quorvex"])
    seen: list[float] = []
    real = org_mention.probability
    monkeypatch.setattr("pipeline.components.orgs.org_probability", lambda f: seen.append(real(f)) or real(f))
    facts(blank, text)
    assert len(seen) == 2
    _with_threshold(monkeypatch, (min(seen) + max(seen)) / 2 if max(seen) > min(seen) else max(seen))
    assert [t for label, t, _ in facts(blank, text) if label == "org"] == ["Quorvex", "Quorvex"]


def test_training_hook_keeps_every_mention_with_its_features(blank, monkeypatch):
    from pipeline.components.orgs import OrgFinder

    _with_threshold(monkeypatch, 1.01)
    finder = blank.get_pipe("newsfacts_orgs")
    monkeypatch.setattr(finder, "scored", {})
    text = "Quorvex raises $12.5M for its avatars. Rivals copy Quorvex often."
    assert [t for label, t, _ in facts(blank, text) if label == "org"] == ["Quorvex", "Quorvex"]
    assert len(finder.scored) == 2
    assert all(set(f) == set(MENTION_FEATURES) and name == "Quorvex" for f, name in finder.scored.values())
    assert OrgFinder.scored is None


def test_data_files_load_as_json_lines():
    for name in ("org_types.jsonl", "org_mention.jsonl", "listed_companies.jsonl"):
        assert load_jsonl(name), name
    assert json.loads(json.dumps(org_types._model()[1]))
