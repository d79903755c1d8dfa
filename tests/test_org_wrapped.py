"""Organisations in hard-wrapped wire copy: names broken over two lines, lines
that look like headings only because they are cut, and a company's short name
taking the full name the story gives it."""
from __future__ import annotations

import pytest
import spacy

from pipeline.nlp import add_components
from pipeline.normalize.wrapped import hard_wrapped, unwrap

WIRE = (
    "KESTREL SEES HIGHER PAYOUT\n"
    "    LONDON, March 3 - Kestrel Harbour Ltd <KSTH.L> said its\n"
    "profits rose last year, helped by its Bramley\n"
    "Pharmaceuticals unit and by sales of paint to the Halden\n"
    "Group of Norway and other customers in Europe and Asia.\n"
    "    Kestrel said it expects higher profits again this year and\n"
    "will pay a larger dividend to its shareholders in the spring.\n"
    " REUTER\n"
)


@pytest.fixture(scope="module")
def blank():
    return add_components(spacy.blank("en"))


def test_wrapped_lines_are_joined_one_character_for_one():
    flat = unwrap(WIRE)
    assert hard_wrapped(WIRE) and len(flat) == len(WIRE)
    assert "Bramley Pharmaceuticals" in flat and "Halden Group" in flat
    # the headline, a new paragraph and a sentence end keep their line breaks
    assert flat.startswith("KESTREL SEES HIGHER PAYOUT\n    LONDON")
    assert "Asia.\n    Kestrel" in flat and "spring.\n REUTER" in flat


def test_a_page_of_long_lines_is_not_unwrapped():
    page = "Headline of the page\n" + "A paragraph of running text that goes on and on. " * 4 + "\nNext\n"
    assert unwrap(page) == page
    assert unwrap(page, page.upper()) == page.upper()


def test_unwrap_applies_the_breaks_of_the_text_to_a_copy():
    copy = WIRE.replace("Kestrel", "       ")
    assert unwrap(WIRE, copy) == unwrap(WIRE).replace("Kestrel", "       ")


def test_a_name_broken_over_two_lines_is_one_organisation(blank):
    doc = blank(WIRE)
    orgs = {s.text: s._.value["name"] for s in doc.spans["facts"] if s.label_ == "org"}
    # the record keeps the text as written; the name is given with a space
    assert orgs["Bramley\nPharmaceuticals"] == "Bramley Pharmaceuticals"
    # a cut line of capitalised words is no heading: the dateline's company is found
    assert orgs["Kestrel Harbour Ltd"] == "Kestrel Harbour"


def _with_kestrel_read(blank):
    """The wire story run with the model reading "Kestrel" (of "Kestrel said") as an
    organisation; the doc and that word's start (tests here check offsets, which
    test_orgs_models.facts does not return)."""
    doc = blank.make_doc(WIRE)
    i = WIRE.index("Kestrel said")
    doc.ents = [doc.char_span(i, i + len("Kestrel"), label="ORG")]
    for _, proc in blank.pipeline:
        doc = proc(doc)
    return doc, i


def test_a_short_name_takes_the_full_name_the_story_gives(blank):
    doc, i = _with_kestrel_read(blank)
    names = {(s.start_char, s._.value["name"]) for s in doc.spans["facts"] if s.label_ == "org"}
    assert (i, "Kestrel Harbour") in names


def test_plc_in_title_case_is_a_legal_form(blank):
    doc = blank("Its assets include interests in Kestrel Harbour Plc of Britain.")
    orgs = [(s.text, s._.value["name"]) for s in doc.spans["facts"] if s.label_ == "org"]
    assert orgs == [("Kestrel Harbour Plc", "Kestrel Harbour")]


def test_a_role_given_to_a_longer_name_beats_the_listed_name_it_begins_with(blank):
    doc = blank("The deal is early, says Ann Lee, a partner at Samsung Harbour, an investment firm.")
    assert [s.text for s in doc.spans["facts"] if s.label_ == "org"] == ["Samsung Harbour"]


def test_a_site_mission_statement_is_page_furniture():
    from pipeline.furniture import furniture_spans

    text = (
        "The regulator said it would look at the deal closely this year. "
        "Acme's mission is to be a digital town square for technical decision-makers to learn.\n"
    )
    assert [text[s:e] for s, e in furniture_spans(text, None)] == [
        "Acme's mission is to be a digital town square for technical decision-makers to learn."
    ]


def test_a_wire_headline_shouts_the_names_of_its_story(blank):
    doc, _ = _with_kestrel_read(blank)
    orgs = {s.text: s._.value["name"] for s in doc.spans["facts"] if s.label_ == "org"}
    assert orgs["KESTREL"] == "Kestrel Harbour"


def test_the_datelines_place_is_no_organisation(blank):
    text = WIRE.replace("LONDON, March 3", "BRANCHVILLE, N.J., March 3")
    doc = blank.make_doc(text)
    i = text.index("BRANCHVILLE")
    doc.ents = [doc.char_span(i, i + len("BRANCHVILLE"), label="ORG")]
    for _, proc in blank.pipeline:
        doc = proc(doc)
    assert "BRANCHVILLE" not in [s.text for s in doc.spans["facts"] if s.label_ == "org"]
