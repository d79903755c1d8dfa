"""Names listed with organisations are organisations: "Luma, Meraki, Samsung and
Asus" where Samsung and Asus are known. Made-up sentences in the style of trade
reporting; the pipeline is spaCy's blank English (no statistical model), so
what the gazetteer knows is what vouches for a list."""
from __future__ import annotations

import pytest
import spacy

from pipeline.nlp import add_components
from pipeline.normalize.org_lists import name_lists


@pytest.fixture(scope="module")
def blank():
    return add_components(spacy.blank("en"))


def orgs(nlp, text):
    doc = nlp(text)
    return [s.text for s in doc.spans.get("facts", []) if s.label_ == "org"]


@pytest.mark.parametrize(
    "text, names",
    [
        ("rivals such as Luma, Meraki, Ruckus Wireless, and D-Link, all of which", ["Luma", "Meraki", "Ruckus Wireless", "D-Link"]),
        ("overshadowed by Kestrel , Tencent , and ByteDance , the company", ["Kestrel", "Tencent", "ByteDance"]),
        ("Menlo has invested in Anthropic and Pinewood, it said", ["Anthropic", "Pinewood"]),
        ("from Harbour Global, Redpoint Ventures, Shasta Ventures, and others", ["Harbour Global", "Redpoint Ventures", "Shasta Ventures"]),
        # two names with a comma alone are no list: "moving slowly is OK, Menlo partner Tim"
        ("moving slowly is OK, Menlo partner Tim Tully said", []),
        # a list stops at a possessive
        ("Stage One Ventures, and Zoom’s Apps Fund", ["Stage One Ventures", "Zoom"]),
    ],
)
def test_name_lists(text, names):
    assert [text[s:e] for found in name_lists(text) for s, e in found] == names


def test_names_listed_with_known_organisations_are_organisations(blank):
    text = "The router market includes Luma, Meraki, Samsung, Asus, and Gryphon, analysts said."
    assert orgs(blank, text) == ["Luma", "Meraki", "Samsung", "Asus", "Gryphon"]


def test_a_listed_name_recurs_as_an_organisation(blank):
    text = "Orders came from Samsung and Quillon. Later, Quillon said it would buy more."
    assert orgs(blank, text) == ["Samsung", "Quillon", "Quillon"]


def test_one_name_found_by_the_model_alone_vouches_for_no_list(blank):
    doc = blank.make_doc("He compared Ozmira and Wendal prices.")
    doc.ents = [doc.char_span(12, 18, label="ORG")]
    for _, proc in blank.pipeline:
        doc = proc(doc)
    assert "Wendal" not in [s.text for s in doc.spans.get("facts", []) if s.label_ == "org"]


@pytest.mark.parametrize(
    "text, not_org",
    [
        ("However, Google and Apple said they would appeal.", "However"),  # a sentence's first word
        ("Entrants to Google, Amazon and Official Rules are listed.", "Official Rules"),  # common words
        ("Sites such as Google, Amazon and Paris were named.", "Paris"),  # a place
        ("Sites such as Google, Amazon, Paris and Quillon were named.", "Quillon"),  # a list with a place in it
        ("The Center for Samsung, Asus and Quillon opened.", "Quillon"),  # the end of a longer name
    ],
)
def test_what_a_list_does_not_make_an_organisation(blank, text, not_org):
    assert not_org not in orgs(blank, text)
