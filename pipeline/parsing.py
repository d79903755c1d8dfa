"""The dependency parser, run only on the sentences of a document that hold a figure
(the main pipeline leaves it out: over a whole text it would cost more than NER)."""
from __future__ import annotations

from functools import lru_cache
from typing import Sequence

import spacy

from pipeline.claims.syntax import Parser, token_list
from pipeline.nlp import DEFAULT_MODEL, check_model

_KEEP = ("tok2vec", "tagger", "parser")


@lru_cache(maxsize=4)
def _parser_nlp(name: str):
    config = check_model(name)
    names = config["nlp"]["pipeline"]
    if "parser" not in names:
        return None
    return spacy.load(name, exclude=[p for p in names if p not in _KEEP])


@lru_cache(maxsize=4)
def sentence_parser(name: str = DEFAULT_MODEL) -> Parser | None:
    """A Parser over the named spaCy pipeline, or None when it has no parser."""
    nlp = _parser_nlp(name)
    if nlp is None:
        return None

    def parse(texts: Sequence[str]):
        return [token_list(doc) for doc in nlp.pipe(texts, batch_size=64)]
    return parse


class LazyParser:
    """The parser of a model, loaded only when first asked (claims remade from stored text)."""

    def __init__(self, name: str = DEFAULT_MODEL) -> None:
        self.name = name

    def __call__(self, texts: Sequence[str]):
        parse = sentence_parser(self.name)
        return parse(texts) if parse else [[] for _ in texts]
