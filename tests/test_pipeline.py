"""The pipeline end to end on the seed corpus: the record contract."""
from __future__ import annotations

import spacy

import pipeline
from pipeline.nlp import add_components
from pipeline.records import RECORD_FIELDS, VALUE_KEYS


def test_every_record_cites_its_source_exactly(corpus_docs, corpus_mentions):
    total = 0
    for doc_id, mentions in corpus_mentions.items():
        text = corpus_docs[doc_id]["text"]
        for m in mentions:
            assert m.text == text[m.start : m.end], m
            assert m.text in m.sentence and m.sentence in text, m
            assert "\n" not in m.sentence
            total += 1
    assert total > 50


def test_records_carry_exactly_their_type_keys(corpus_mentions):
    for mentions in corpus_mentions.values():
        for m in mentions:
            d = m.to_dict()
            assert tuple(d) == RECORD_FIELDS
            assert tuple(d["value"]) == VALUE_KEYS[m.type]
            assert d["id"] == f"{m.doc_id}:{m.type}:{m.start}-{m.end}"
            assert d["method"].startswith(("rule:", "ner", "gazetteer:"))


def test_ids_are_unique_and_stable(nlp, corpus_docs, corpus_mentions):
    doc_id = "002_6cdd2ed993eb28e5"
    ids = [m.id for m in corpus_mentions[doc_id]]
    assert len(ids) == len(set(ids))
    again = pipeline.extract(corpus_docs[doc_id]["text"], published="2024-02-19", doc_id=doc_id, nlp=nlp)
    assert [m.to_dict() for m in again] == [m.to_dict() for m in corpus_mentions[doc_id]]


def test_only_the_needed_model_components_run(nlp):
    assert {"ner", "senter"} <= set(nlp.pipe_names)
    assert not {"tagger", "parser", "lemmatizer", "tok2vec"} & set(nlp.pipe_names)
    assert "newsfacts_money" in nlp.pipe_names and "newsfacts_percent" in nlp.pipe_names


def test_components_work_in_a_users_own_blank_pipeline():
    nlp = add_components(spacy.blank("en"))
    doc = nlp("Revenue rose 12% to US$1.2bn, up from RMB 2.5bn.")
    found = {(s.label_, s.text) for s in doc.spans["facts"]}
    assert found == {("percent", "12%"), ("money", "US$1.2bn"), ("money", "RMB 2.5bn")}
    pct = next(s for s in doc.spans["facts"] if s.label_ == "percent")
    assert pct._.value["direction"] == "increase"
    assert pct._.method == "rule:percent-single"


def test_extract_sentence_without_model_sentences():
    nlp = add_components(spacy.blank("en"))
    text = "First line here.\nFunding fell 30% to $1 billion. Next sentence."
    (pct, money) = pipeline.extract(text, nlp=nlp)
    assert pct.sentence == money.sentence == "Funding fell 30% to $1 billion."


def test_one_organisation_one_canonical_name_per_document(corpus_mentions):
    from pipeline.normalize.orgs import canonical

    for mentions in corpus_mentions.values():
        names_by_surface: dict[str, set[str]] = {}
        for m in mentions:
            if m.type == "org":
                names_by_surface.setdefault(m.text, set()).add(m.value["name"])
        assert all(len(names) == 1 for names in names_by_surface.values()), names_by_surface
        # "Tencent Holdings" and "Tencent" are one organisation with one name
        ids = {canonical(m.text)[1]: m.value["name"] for m in mentions if m.type == "org" and canonical(m.text)[1]}
        for m in mentions:
            if m.type == "org" and canonical(m.text)[1]:
                assert m.value["name"] == ids[canonical(m.text)[1]]
    names = {m.text: m.value["name"] for ms in corpus_mentions.values() for m in ms if m.type == "org"}
    assert names["Tencent Holdings"] == names["Tencent"] == "Tencent"


def test_a_title_glued_to_the_menu_is_read_when_extract_is_told_it(nlp):
    menu = " ".join(["Security", "Data Infrastructure", "Automation", "Enterprise Analytics", "View All",
                     "Business Intelligence", "Disaster Recovery", "Programming", "Development Languages"])
    # a Title Case headline looks like more menu: only the page's title tells them apart
    title = "Acme Pours $2.25 Billion Into Beta's Self-Driving Car Unit"
    text = f"{menu} {title} Share on Facebook Share on X Share on LinkedIn\nThe deal closed on Friday.\n"
    assert not [m for m in pipeline.extract(text, doc_id="d", nlp=nlp) if m.type == "money"]
    found = pipeline.extract(text, doc_id="d", nlp=nlp, title=title)
    assert [m.text for m in found if m.type == "money"] == ["$2.25 Billion"]
    assert all(text[m.start:m.end] == m.text for m in found)
    assert not any(m.start < text.index(title) for m in found)  # nothing from the menu


def test_records_slice_the_article_not_its_blanked_copy(nlp):
    # The model reads the furniture blanked out; records must still cite the article as written.
    text = (
        "Home News Sport Business Tech Science Culture Travel Money Opinion Video Podcasts\n"
        "İstanbul-based Acme raised $5 million in a round led by Beta Capital Share on Facebook Share on X "
        "Show More\nThe company said sales rose 12% in 2023.\n"
    )
    found = pipeline.extract(text, doc_id="d", nlp=nlp)
    assert {m.text for m in found if m.type in ("money", "percent")} == {"$5 million", "12%"}
    for m in found:
        assert text[m.start : m.end] == m.text
        assert m.sentence in text and "Share on" not in m.sentence and "Home News" not in m.sentence
