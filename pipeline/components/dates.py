"""newsfacts_dates: calendar references, resolved against the document's
reference date `doc._.ref_date` (its publication date, or the run's
--ref-date; None leaves relative dates unresolved)."""
from __future__ import annotations

from spacy.language import Language

from pipeline.components.base import ASSIGNS, DEFAULT_CONFIG, RuleComponent
from pipeline.extensions import text_of
from pipeline.normalize.dates import find_dates


# Added after money, percentages and models: figures they claimed are not dates.
@Language.factory("newsfacts_dates", default_config=DEFAULT_CONFIG, assigns=ASSIGNS)
def make_dates(nlp: Language, name: str, spans_key: str) -> RuleComponent:
    return RuleComponent("date", lambda doc: find_dates(text_of(doc), doc._.ref_date), spans_key, yields=True)
