"""The document evidence for a name only the statistical model read as an organisation."""
from __future__ import annotations

from collections import Counter

from pipeline.normalize.org_score import FEATURES, common_words, features, label_votes, scorer


def _feats(text: str, surface: str, votes: Counter | None = None) -> dict[str, float]:
    return features(text, surface, votes, frozenset(), frozenset({"Group"}))


def test_weights_load_and_name_only_known_features():
    s = scorer()
    assert set(s.weights) <= set(FEATURES)
    assert 0.0 <= s.threshold <= s.spread <= 1.0


def test_capitalised_common_word_is_marked():
    assert "television" in common_words()
    assert _feats("Television is changing.", "Television")["common_single"] == 1.0
    assert _feats("Kestrelwork said so.", "Kestrelwork")["common_single"] == 0.0


def test_roles_around_the_name_are_read():
    f = _feats("Kestrelwork said on Monday that Kestrelwork's chief left for a job at Kestrelwork.", "Kestrelwork")
    assert (f["said"], f["possessive"], f["at_by"]) == (1.0, 1.0, 1.0)
    g = _feats("Fans play Kestrel Quest on phones.", "Kestrel Quest")
    assert g["product_verb"] == 1.0 and g["said"] == 0.0


def test_the_models_other_labels_vote():
    votes = label_votes([("Ada Kestrel", "PERSON"), ("Kestrel", "ORG")])
    f = _feats("Ada Kestrel spoke. Kestrel agreed.", "Kestrel", votes.get("Kestrel"))
    assert f["person_vote"] == 1.0 and f["org_share"] == 0.5


def test_evidence_for_and_against_moves_the_probability():
    s = scorer()
    weak = _feats("Fans play Kestrel Quest on phones. Kestrel Quest is fun.", "Kestrel Quest",
                  label_votes([("Kestrel Quest", "PRODUCT"), ("Kestrel Quest", "ORG")])["Kestrel Quest"])
    strong = _feats("Kestrel Group said its shares rose. Kestrel Group's chief spoke.", "Kestrel Group",
                    label_votes([("Kestrel Group", "ORG"), ("Kestrel Group", "ORG")])["Kestrel Group"])
    assert s.probability(strong) > s.probability(weak)
