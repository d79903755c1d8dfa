"""newsfacts_percent: percentages with the direction and basis of the change."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extensions import add_fact
from pipeline.normalize.percent import find_percents


class PercentFinder:
    def __call__(self, doc: Doc) -> Doc:
        for f in find_percents(doc.text):
            add_fact(doc, f.start, f.end, "percent", f.value, f"rule:{f.rule}")
        return doc


@Language.factory("newsfacts_percent")
def make_percent(nlp: Language, name: str) -> PercentFinder:
    return PercentFinder()
