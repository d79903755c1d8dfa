"""newsfacts_percent: percentages with the direction and basis of the change."""
from __future__ import annotations

from spacy.language import Language

from pipeline.components.base import ASSIGNS, DEFAULT_CONFIG, RuleComponent
from pipeline.extensions import text_of
from pipeline.normalize.percent import find_percents


@Language.factory("newsfacts_percent", default_config=DEFAULT_CONFIG, assigns=ASSIGNS)
def make_percent(nlp: Language, name: str, spans_key: str) -> RuleComponent:
    return RuleComponent("percent", lambda doc: find_percents(text_of(doc)), spans_key)
