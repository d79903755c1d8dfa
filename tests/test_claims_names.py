"""An organisation's claims name it as the story introduces it, whatever its later
mentions are called. Made-up names and sentences; mentions made by hand."""
from __future__ import annotations

from tests.values import Doc, money, org

from pipeline.claims.names import document_names


def _subject(d: Doc) -> list[str]:
    (c,) = d.claims()
    return [s["name"] for s in c["subjects"]]


def test_a_name_written_on_past_its_mention_where_the_story_introduces_it_is_the_full_name():
    d = Doc("d", "Zorvath to pay more\nLONDON - Zorvath Quellin Ltd said it would pay more.\n"
                 "Zorvath said its profit rose to 5 mln dlrs.")
    d.add("org", "Zorvath", org("Zorvath"))
    d.add("org", "Zorvath", org("Zorvath"), after="LONDON")
    d.add("org", "Zorvath", org("Zorvath"), after="more.\n")
    d.add("money", "5 mln dlrs", money(5e6))
    assert document_names(d.text, d.mentions) == {"Zorvath": "Zorvath Quellin"}
    assert _subject(d) == ["Zorvath Quellin"]
    assert [m["value"]["name"] for m in d.mentions if m["type"] == "org"] == ["Zorvath"] * 3  # mentions kept


def test_a_common_word_a_product_or_a_later_longer_name_does_not_rename():
    for text in ("Zorvath to grow\nZorvath Cloud will grow; cloud sales rose to 5 mln dlrs.",
                 "Zorvath to grow\nZorvath Ascend chips sell well. Zorvath said sales rose to 5 mln dlrs.",
                 "Zorvath to grow\nZorvath said it formed Zorvath Pharma, which will sell 5 mln dlrs."):
        d = Doc("d", text)
        d.add("org", "Zorvath", org("Zorvath"), after="\n")
        if "formed" in text:
            d.add("org", "Zorvath", org("Zorvath"), after="formed")
        assert document_names(d.text, d.mentions) == {}, text


def test_an_acronym_of_a_listed_name_in_the_story_takes_that_name():
    d = Doc("d", "General Motors builds cars. GM said it invested $1 billion in a plant.")
    d.add("org", "General Motors", org("General Motors"))["method"] = "gazetteer:general-motors"
    d.add("org", "GM", org("GM"))["method"] = "ner"
    d.add("money", "$1 billion", money(1e9))
    assert _subject(d) == ["General Motors"]


def test_an_acronym_of_an_unlisted_name_stays():
    d = Doc("d", "Imperial Chemical Industries PLC makes paint. ICI said sales were 9 mln dlrs.")
    d.add("org", "Imperial Chemical Industries PLC", org("Imperial Chemical Industries"))["method"] = "ner"
    d.add("org", "ICI", org("ICI"))["method"] = "ner"
    assert document_names(d.text, d.mentions) == {}
