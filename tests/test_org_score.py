"""The document evidence for a name only the statistical model read as an organisation."""
from __future__ import annotations

from collections import Counter

from pipeline.normalize.org_score import FEATURES, common_words, dump_reading, features, keep_alone, label_votes, scorer


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


def test_product_and_person_contexts_are_read():
    assert _feats("Kestrel users complained. The Kestrel update broke it.", "Kestrel")["product_after"] == 1.0
    assert _feats("Kestrel 76 ships today.", "Kestrel")["product_after"] == 1.0
    assert _feats("Kestrel rose 5 pct.", "Kestrel")["product_after"] == 0.0
    assert _feats("Kestrel said sales rose.", "Kestrel")["product_after"] == 0.0
    assert _feats("The club sacked boss Kestrel on Monday.", "Kestrel")["person_cue"] == 1.0


def test_a_name_only_the_model_found_needs_evidence():
    def keep(text: str, surface: str, votes: Counter | None = None) -> bool:
        return keep_alone(surface, _feats(text, surface, votes))

    assert keep("Kestrelwork said sales rose.", "Kestrelwork")
    assert keep("She is an analyst at Kestrelwork.", "Kestrelwork")
    assert keep("Kestrel Group cut jobs.", "Kestrel Group")
    assert not keep("Kestrelwork is fast.", "Kestrelwork")  # no evidence either way
    assert not keep("Kestrelwork users said it broke.", "Kestrelwork")  # a thing used
    assert not keep("The club sacked boss Kestrelwork. Kestrelwork's team lost.", "Kestrelwork")


def test_the_dumps_reading_decides_where_the_document_is_silent():
    # strings the statistical model reads one way across the real news dumps
    assert dump_reading("Reuters") in ("org", None)
    assert dump_reading("Kestrelwork Quux") is None


def test_a_lower_case_word_inside_runs_on():
    assert _feats("Search Support us Print", "Search Support us Print")["lower_inside"] == 1.0
    assert _feats("Bank of England said", "Bank of England")["lower_inside"] == 0.0


def test_an_organisation_word_anywhere_in_a_longer_name_counts():
    assert _feats("The Ministry of Finance owns it.", "Ministry of Finance")["org_end"] == 1.0
    assert _feats("Kestrel Fund III was registered.", "Kestrel Fund III")["org_end"] == 1.0
    assert _feats("Personal Data is kept.", "Personal Data")["org_end"] == 0.0


def test_the_dumps_contexts_tell_a_thing_from_its_maker(monkeypatch):
    from pipeline.normalize import org_score

    table = {"Quuxa": [50, 1, 30], "Kestrelwork": [50, 12, 6], "Rarely": [40, 0, 1], "Twice": [8, 0, 2]}
    monkeypatch.setattr(org_score, "_contexts", lambda: table)
    assert org_score.dump_contexts("Quuxa") == "thing"  # "Quuxa app", "using Quuxa"
    assert org_score.dump_contexts("Kestrelwork") is None  # a maker whose phones are named too
    assert org_score.dump_contexts("Rarely") is None  # one thing context says nothing
    assert org_score.dump_contexts("Twice") is None  # nor do two
    assert org_score.dump_contexts("Unseen Name") is None
    # the document's own word for an organisation still keeps it
    assert not keep_alone("Quuxa", _feats("Quuxa's team grew.", "Quuxa"))
    assert keep_alone("Quuxa", _feats("Quuxa said sales rose.", "Quuxa"))


def test_the_context_table_counts_documents_not_occurrences():
    import json
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    from benchmarks.build_org_contexts import OUT, count

    cues = json.loads(OUT.read_text(encoding="utf-8").splitlines()[0])
    assert cues["id"] == "cues"
    texts = [
        "Quuxa said on Monday it would cut jobs. Quuxa said so again.",
        "Millions of Quuxa users say Zorbl 2 is fun on the Quuxa app. The Quuxa app is free.",
        "Shares of Kestrelwork rose. Kestrelwork Inc makes phones.",
    ]
    table = count(texts, cues)
    assert table["Quuxa"] == [2, 1, 1]
    assert table["Zorbl"] == [1, 0, 1]  # a version after the name
    assert table["Kestrelwork"] == [1, 1, 0]
    assert "Millions" in table and "The" not in table  # a sentence's opener is dropped
    # a score, a date or a caption's count after a name is no version
    table = count(["Derby 2 Fulham 1. Quuxa 2-1 win. Sun 22 Oct. Image 2 of 7. Zorbl 10 percent."], cues)
    assert all(v[2] == 0 for v in table.values())
