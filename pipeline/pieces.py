"""The statistical model over a long text, a piece at a time.

The model's memory grows with the text it reads at once (about 3 KB a character
for en_core_web_sm's NER: a 1M-character text needs over 3 GB), so a text longer
than PIECE_CHARS is read in pieces of at most that size, cut at a line break
(else a sentence end, else a space). Each piece is read with CONTEXT_TOKENS
tokens of the text on either side, and only its own tokens' sentence starts and
entities are kept: the model looks a few tokens around each word, so the result
is that of one reading of the whole text. Everything else (the rule components,
records, claims) still sees the whole document.

PIECE_CHARS is chosen from the real web dump: 99.9% of its pages are under 90k
characters and go through whole, as before; the longest (323k) are read in 4
pieces with the same entities and sentences as in one reading."""
from __future__ import annotations

from bisect import bisect_left
from typing import Iterator

import numpy as np
from spacy.attrs import ENT_IOB, ENT_TYPE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

PIECE_CHARS = 100_000
CONTEXT_TOKENS = 50
_ATTRS = [SENT_START, ENT_IOB, ENT_TYPE]
_I, _O, _B = 1, 2, 3  # ENT_IOB codes


def model_pipes(nlp: Language) -> list[str]:
    """The pipes before the first newsfacts component: the statistical model's."""
    names = []
    for name in nlp.pipe_names:
        if name.startswith("newsfacts_"):
            break
        names.append(name)
    return names


def cut_points(text: str, size: int = PIECE_CHARS) -> list[int]:
    """Where to cut `text` into pieces of at most `size` characters: after a line
    break, else after a sentence end, else after a space, in the second half of
    the piece; only where there is none of them, at `size`."""
    cuts, pos = [], 0
    while len(text) - pos > size:
        limit, floor = pos + size, pos + size // 2
        for sep in ("\n", ". ", " "):
            at = text.rfind(sep, floor, limit - len(sep) + 1)
            if at != -1:
                cut = at + len(sep)
                break
        else:
            cut = limit
        cuts.append(cut)
        pos = cut
    return cuts


def token_bounds(doc: Doc, cuts: list[int]) -> list[int]:
    """Token indices of the pieces' edges: each cut moves to the first token that
    starts at or after it (a cut never splits a token)."""
    starts = [t.idx for t in doc]
    bounds = [0]
    for c in cuts:
        i = bisect_left(starts, c)
        if bounds[-1] < i < len(doc):
            bounds.append(i)
    bounds.append(len(doc))
    return bounds


def model_in_pieces(nlp: Language, doc: Doc, text: str, size: int = PIECE_CHARS) -> int:
    """Run the model's pipes over `doc` a piece at a time and set the sentence
    starts and entities they find on `doc`. Returns the number of pieces."""
    bounds = token_bounds(doc, cut_points(text, size))
    model = model_pipes(nlp)
    others = [n for n in nlp.pipe_names if n not in model]
    kept = []
    read = nlp.pipe(_pieces(doc, bounds), disable=others, batch_size=1)
    for (a, b), piece in zip(zip(bounds, bounds[1:]), read):
        lo = max(0, a - CONTEXT_TOKENS)
        rows = piece.to_array(_ATTRS)[a - lo : b - lo].copy()
        # An entity the context run starts before this piece's first token that the
        # previous piece does not carry on to it: begin it here, so it stays whole.
        if kept and rows[0, 1] == _I:
            prev = kept[-1][-1]
            if prev[1] not in (_I, _B) or prev[2] != rows[0, 2]:
                rows[0, 1] = _B
        kept.append(rows)
    doc.from_array(_ATTRS, np.concatenate(kept).astype("uint64"))
    return len(bounds) - 1


def _pieces(doc: Doc, bounds: list[int]) -> Iterator[Doc]:
    for a, b in zip(bounds, bounds[1:]):
        yield doc[max(0, a - CONTEXT_TOKENS) : min(len(doc), b + CONTEXT_TOKENS)].as_doc()
