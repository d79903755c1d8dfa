"""What the dependency parse decides for a claim: the subject of the verb that governs
the figure, and whether a verb-only hedge word is a verb. The logic runs on hand-made
parses (fast); one test per rule checks it end to end with the model's parser."""
from __future__ import annotations

import pytest

from pipeline.claims import build_claims
from pipeline.claims.syntax import Token, grammatical_subject, not_verbs, parse_sentences
from tests.values import Doc, money, org, pct


def _toks(text: str, rows: list[tuple[str, str, int, str]]) -> list[Token]:
    """Tokens of `text` from (word, dep, head index, tag) rows, in order."""
    out, at = [], 0
    for word, dep, head, tag in rows:
        start = text.index(word, at)
        at = start + len(word)
        out.append(Token(start, at, dep, head, "", tag))
    return out


def _org(text: str, name: str) -> dict:
    start = text.index(name)
    return {"id": f"d:org:{start}-{start + len(name)}", "start": start, "end": start + len(name), "type": "org",
            "text": name, "value": org(name)}


def _span(text: str, surface: str) -> tuple[int, int]:
    start = text.index(surface)
    return start, start + len(surface)


# "Pellam, which has a value of $5bn"
RELATIVE = "Pellam, which has a value of $5bn"
RELATIVE_ROWS = [("Pellam", "ROOT", 0, "NNP"), (",", "punct", 0, ","), ("which", "nsubj", 3, "WDT"),
                 ("has", "relcl", 0, "VBZ"), ("a", "det", 5, "DT"), ("value", "dobj", 3, "NN"),
                 ("of", "prep", 5, "IN"), ("$", "nmod", 8, "$"), ("5bn", "pobj", 6, "CD")]


def test_a_relative_pronoun_stands_for_the_organisation_it_follows():
    toks = _toks(RELATIVE, RELATIVE_ROWS)
    found = grammatical_subject(toks, _span(RELATIVE, "$5bn"), [_org(RELATIVE, "Pellam")], set())
    assert [o["text"] for o in found] == ["Pellam"]


def test_no_parse_leaves_the_subject_to_the_rules():
    assert grammatical_subject(None, _span(RELATIVE, "$5bn"), [_org(RELATIVE, "Pellam")], set()) is None


# "Corvane predicts sales of $5bn" / "Corvane claims to have cut costs by 9%"
PREDICTS = "Corvane predicts sales of $5bn"
PREDICTS_ROWS = [("Corvane", "nsubj", 1, "NNP"), ("predicts", "ROOT", 1, "VBZ"), ("sales", "dobj", 1, "NNS"),
                 ("of", "prep", 2, "IN"), ("$", "nmod", 5, "$"), ("5bn", "pobj", 3, "CD")]
CLAIMS_TO = "Corvane claims to have cut costs by 9%"
CLAIMS_TO_ROWS = [("Corvane", "nsubj", 1, "NNP"), ("claims", "ROOT", 1, "VBZ"), ("to", "aux", 4, "TO"),
                  ("have", "aux", 4, "VB"), ("cut", "xcomp", 1, "VBN"), ("costs", "dobj", 4, "NNS"),
                  ("by", "prep", 4, "IN"), ("9", "nummod", 8, "CD"), ("%", "pobj", 6, "NN")]


def test_a_credited_source_is_the_subject_only_of_its_own_infinitive():
    o = _org(PREDICTS, "Corvane")
    assert grammatical_subject(_toks(PREDICTS, PREDICTS_ROWS), _span(PREDICTS, "$5bn"), [o], {o["id"]}) is None
    o = _org(CLAIMS_TO, "Corvane")
    found = grammatical_subject(_toks(CLAIMS_TO, CLAIMS_TO_ROWS), _span(CLAIMS_TO, "9%"), [o], {o["id"]})
    assert [m["text"] for m in found] == ["Corvane"]


# "Acme had 40%, with Pellam holding 6%" and the same with the parser unsure ("dep")
HOLDING = "Acme had 40%, with Pellam holding 6%"


def _holding_rows(label: str) -> list[tuple[str, str, int, str]]:
    return [("Acme", "nsubj", 1, "NNP"), ("had", "ROOT", 1, "VBD"), ("40", "nummod", 3, "CD"),
            ("%", "dobj", 1, "NN"), (",", "punct", 1, ","), ("with", "prep", 1, "IN"),
            ("Pellam", "pobj", 5, "NNP"), ("holding", label, 6, "VBG"), ("6", "nummod", 9, "CD"),
            ("%", "dobj", 7, "NN")]


def test_a_participle_s_noun_is_its_subject_and_an_unsure_attachment_says_nothing():
    orgs = [_org(HOLDING, "Acme"), _org(HOLDING, "Pellam")]
    six = (HOLDING.rindex("6"), len(HOLDING))
    found = grammatical_subject(_toks(HOLDING, _holding_rows("acl")), six, orgs, set())
    assert [o["text"] for o in found] == ["Pellam"]
    assert grammatical_subject(_toks(HOLDING, _holding_rows("dep")), six, orgs, set()) is None


def test_a_verb_only_hedge_read_as_a_noun_is_dropped():
    text = "few have taken AI projects further"
    toks = _toks(text, [("few", "nsubj", 2, "JJ"), ("have", "aux", 2, "VBP"), ("taken", "ROOT", 2, "VBN"),
                        ("AI", "compound", 4, "NNP"), ("projects", "dobj", 2, "NNS"), ("further", "advmod", 2, "RB")])
    start = text.index("projects")
    hit = (start, start + 8, "projects")
    assert not_verbs(toks, [hit], frozenset({"projects"})) == {start}
    assert not_verbs(toks, [hit], frozenset()) == set()


def test_sentences_are_parsed_in_document_offsets():
    def parser(texts):
        return [[(0, len(t), "ROOT", 0, "X", "X")] for t in texts]
    parses = parse_sentences(parser, "ab. cd.", [(4, 7)])
    assert parses == {(4, 7): [Token(4, 7, "ROOT", 0, "X", "X")]}
    assert parse_sentences(None, "ab. cd.", [(4, 7)]) == {}


# ------------------------------------------------------------ with the model


@pytest.fixture(scope="module")
def parser(nlp):
    from pipeline.parsing import sentence_parser

    return sentence_parser()


def test_with_the_parser_the_figure_of_a_relative_clause_is_its_antecedent_s(parser):
    d = Doc("d", "Pellam is smaller than Corvane, which has a market value of $5bn.")
    d.add("org", "Pellam", org("Pellam"))
    d.add("org", "Corvane", org("Corvane"))
    d.add("money", "$5bn", money(5e9))
    (c,) = build_claims(d.doc_id, d.text, d.mentions, parser=parser)
    assert [s["name"] for s in c["subjects"]] == ["Corvane"]


def test_with_the_parser_projects_as_a_noun_hedges_nothing(parser):
    d = Doc("d", "A survey found fewer than 20% of firms have taken their projects beyond a pilot.")
    d.add("percent", "20%", pct(20.0))
    (c,) = build_claims(d.doc_id, d.text, d.mentions, parser=parser)
    assert c["hedged"] is False
