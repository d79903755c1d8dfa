"""newsfacts_models: AI model names with their developer."""
from __future__ import annotations

from spacy.language import Language

from pipeline.components.base import ASSIGNS, DEFAULT_CONFIG, RuleComponent
from pipeline.extensions import text_of
from pipeline.normalize.models import find_models


@Language.factory("newsfacts_models", default_config=DEFAULT_CONFIG, assigns=ASSIGNS)
def make_models(nlp: Language, name: str, spans_key: str) -> RuleComponent:
    return RuleComponent("model", lambda doc: find_models(text_of(doc)), spans_key)
