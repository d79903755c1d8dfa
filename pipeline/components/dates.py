"""newsfacts_dates: calendar references, resolved against the document's
reference date (its publication date, or the run's --ref-date)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.components.base import RuleComponent
from pipeline.extensions import FACTS_KEY, text_of
from pipeline.normalize.dates import DateMatch, find_dates
from pipeline.normalize.text import Occupied


def _find(doc: Doc) -> list[DateMatch]:
    found = find_dates(text_of(doc), doc._.ref_date)
    # Figures already claimed as money, percentages or model names are not dates.
    taken = Occupied((s.start_char, s.end_char) for s in doc.spans[FACTS_KEY]) if FACTS_KEY in doc.spans else Occupied()
    return [d for d in found if taken.free(d.start, d.end)]


@Language.factory("newsfacts_dates")
def make_dates(nlp: Language, name: str) -> RuleComponent:
    return RuleComponent("date", _find)
