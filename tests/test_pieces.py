"""A long text goes through the model in pieces (pipeline.pieces) and gives the
records one reading of it would: same entities and sentences, offsets into the
whole text, and the row says how many pieces."""
from __future__ import annotations

import pytest
import spacy

from pipeline import pieces, runner
from pipeline.pieces import cut_points, model_in_pieces, token_bounds
from pipeline.records import Article

PARAGRAPH = (
    "Acme Corp said on Tuesday that revenue rose 12% to $5.6 billion in 2023, "
    "while Globex Inc cut its forecast by 3%.\n"
    "OpenAI released GPT-4 in March, and Initech paid €40 million for a stake in it.\n\n"
)
STORY = (
    "Shares of Umbrella Holdings fell 8% on Monday after the company said profit "
    "slipped to $1.2 billion in the third quarter.\n"
    "Analysts at Northwind Traders had expected $1.4 billion. The chief executive, "
    "Maria Lopez, told reporters in London that costs would ease next year.\n"
    "Meanwhile Contoso Ltd raised $300 million from investors including Fabrikam, "
    "valuing it at about $2 billion.\n"
    "Revenue at the Paris-based unit grew 4.5% to €900 million, Contoso said in a "
    "statement on Wednesday.\n"
)


# ------------------------------------------------------------ where the cuts go


@pytest.mark.parametrize(
    "text, size, cuts",
    [
        pytest.param("short text", 100, [], id="short-text-is-one-piece"),
        pytest.param("aaaa bbbb.\ncccc dddd. eeee ffff", 16, [11, 22], id="line-break-first"),
        pytest.param("aaaa bbbb. cccc dddd eeee ffff", 16, [11, 26], id="sentence-end-then-space"),
        pytest.param("aaaa bbbb cccc dddd", 12, [10], id="space"),
        pytest.param("a" * 25, 10, [10, 20], id="no-boundary-cuts-at-size"),
        pytest.param("aa\nbbbbbbbbbbbbbbb", 10, [10], id="boundary-in-first-half-ignored"),
    ],
)
def test_cut_points(text, size, cuts):
    assert cut_points(text, size) == cuts
    edges = [0, *cuts, len(text)]
    assert all(0 < b - a <= size for a, b in zip(edges, edges[1:]))


def test_token_bounds_never_split_a_token_nor_leave_an_empty_piece():
    doc = spacy.blank("en")("Revenue rose 12% to $5.6 billion.")
    # 3 falls inside "Revenue", 5 too: both move to "rose"; 200 is past the end.
    assert token_bounds(doc, [3, 5, 200]) == [0, 1, len(doc)]


# ------------------------------------------------------------ the model's reading


def _reading(doc):
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents], [t.i for t in doc if t.is_sent_start]


def test_pieces_give_the_entities_and_sentences_of_one_reading(nlp):
    text = STORY * 6
    whole = nlp(nlp.make_doc(text), disable=[n for n in nlp.pipe_names if n.startswith("newsfacts_")])
    doc = nlp.make_doc(text)
    n = model_in_pieces(nlp, doc, text, size=300)
    assert n >= 12
    assert _reading(doc) == _reading(whole)
    assert whole.ents  # the comparison is not between two empty readings


def test_an_entity_across_a_cut_stays_whole(nlp, monkeypatch):
    # A cut with no boundary to go to falls inside a name; the pieces' context
    # still reads the name as one entity.
    text = "word " * 30 + "Umbrella Holdings said profit fell."
    whole = nlp(nlp.make_doc(text), disable=[n for n in nlp.pipe_names if n.startswith("newsfacts_")])
    doc = nlp.make_doc(text)
    monkeypatch.setattr(pieces, "cut_points", lambda t, size: [text.index("Holdings")])
    assert model_in_pieces(nlp, doc, text) == 2
    assert _reading(doc) == _reading(whole)


# ------------------------------------------------------------ records of a long text


def _long_text_records(nlp, monkeypatch, size: int, times: int):
    monkeypatch.setattr(runner, "PIECE_CHARS", size)
    text = PARAGRAPH * times
    article = Article(doc_id="long", text=text, published="2024-05-10", source="long.txt")
    (result,) = runner.run(nlp, [article])
    return text, result


def _check_repetitions(text, result, times):
    step = len(PARAGRAPH)
    by_copy: dict[int, list[tuple]] = {}
    for m in result.mentions:
        assert m.text == text[m.start : m.end]
        k = m.start // step
        by_copy.setdefault(k, []).append((m.type, m.start - k * step, m.end - k * step, m.text, m.value, m.method, m.sentence))
    assert sorted(by_copy) == list(range(times))
    first = by_copy[0]
    assert {t[0] for t in first} == {"money", "percent", "date", "org", "model"}
    assert all(by_copy[k] == first for k in by_copy)


def test_a_long_text_read_in_pieces_repeats_the_records_of_its_first_paragraph(nlp, monkeypatch):
    times = 40
    text, result = _long_text_records(nlp, monkeypatch, 1_000, times)
    pieces_read = len(cut_points(text, 1_000)) + 1
    assert result.document["status"] == "ok"
    assert result.document["reason"] == f"read by the model in {pieces_read} pieces of at most 1,000 characters"
    _check_repetitions(text, result, times)


def test_a_batch_of_short_texts_is_read_in_groups_with_the_same_records(nlp, monkeypatch):
    articles = [Article(doc_id=f"d{i}", text=STORY, published="2024-05-10") for i in range(5)]
    (alone,) = runner.run(nlp, articles[:1])
    monkeypatch.setattr(runner, "PIECE_CHARS", 2 * len(STORY))  # groups of two
    grouped = list(runner.run(nlp, articles, batch_size=5))

    def records(result):
        return [(m.type, m.start, m.end, m.text, m.value, m.method, m.sentence) for m in result.mentions]

    assert alone.mentions and all(records(r) == records(alone) for r in grouped)


@pytest.mark.slow
def test_a_text_of_real_size_read_in_pieces(nlp):
    times = 150_000 // len(PARAGRAPH) + 1
    text = PARAGRAPH * times
    (result,) = runner.run(nlp, [Article(doc_id="long", text=text, published="2024-05-10")])
    assert result.document["reason"].startswith("read by the model in 2 pieces")
    _check_repetitions(text, result, times)
