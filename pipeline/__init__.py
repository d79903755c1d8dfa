"""newsfacts: money, percentages, dates, organisations and AI model names from
news articles, as normalised records that cite their source.

    >>> import pipeline
    >>> nlp = pipeline.load()
    >>> mentions = pipeline.extract("Funding fell 30% to $1.2 billion.", nlp=nlp)

The model is loaded on first use, never at import time.
"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from pipeline.records import Article, Mention

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["load", "extract", "Mention", "Article"]

_default_nlp: dict[str, "Language"] = {}


def load(model: str | None = None) -> "Language":
    """The spaCy pipeline: the model's `senter` and `ner` plus the newsfacts
    components (registered factories `newsfacts_money`, `newsfacts_percent`, ...)."""
    from pipeline.nlp import DEFAULT_MODEL, build

    return build(model or DEFAULT_MODEL)


def extract(
    text: str,
    *,
    published: str | date | None = None,
    doc_id: str = "doc",
    nlp: "Language | None" = None,
    title: str | None = None,
) -> list[Mention]:
    """The Mention records of one text. `published` (YYYY-MM-DD) is the date
    relative dates resolve against; without it they stay unresolved. `title`,
    the page's title where known, is never taken for page furniture (a scraped
    page often glues its headline to the site menu), as in `newsfacts extract`."""
    from pipeline.runner import make_doc, mentions_from_doc, process

    if nlp is None:
        if "default" not in _default_nlp:
            _default_nlp["default"] = load()
        nlp = _default_nlp["default"]
    ref = date.fromisoformat(published) if isinstance(published, str) else published
    article = Article(doc_id=doc_id, text=text, published=ref.isoformat() if ref else None, title=title)
    doc, _ = process(nlp, make_doc(nlp, article, ref))
    return mentions_from_doc(doc, doc_id)
