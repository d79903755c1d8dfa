"""newsfacts_models: AI model names with their developer."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extensions import add_fact
from pipeline.normalize.models import find_models


class ModelFinder:
    def __call__(self, doc: Doc) -> Doc:
        for f in find_models(doc.text):
            add_fact(doc, f.start, f.end, "model", f.value, f"rule:{f.rule}")
        return doc


@Language.factory("newsfacts_models")
def make_models(nlp: Language, name: str) -> ModelFinder:
    return ModelFinder()
