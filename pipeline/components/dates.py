"""newsfacts_dates: calendar references, resolved against the document's
reference date (its publication date, or the run's --ref-date)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.components.base import RuleComponent
from pipeline.extensions import FACTS_KEY, text_of
from pipeline.normalize.dates import DateMatch, find_dates
from pipeline.normalize.text import Occupied


def _is_full_date(d: DateMatch) -> bool:
    return d.value["granularity"] == "day" and not d.value["relative"] and bool(d.value["value"])


def _release_numbers_in_dates(doc: Doc, found: list[DateMatch]) -> None:
    """A bare number that a model rule read inside a full calendar date ("23" in the byline
    "Thu 23 Feb 2023") is the date's day, not a model version: the date keeps it."""
    full = [d for d in found if _is_full_date(d)]
    if not full or FACTS_KEY not in doc.spans:
        return
    spans = list(doc.spans[FACTS_KEY])
    inside = [s.label_ == "model" and s.text.isdigit()
              and any(d.start <= s.start_char and s.end_char <= d.end for d in full) for s in spans]
    if any(inside):
        for s, drop in zip(spans, inside):
            if drop and doc._.fact_values:
                doc._.fact_values.pop((s.label_, s.start_char, s.end_char), None)
        doc.spans[FACTS_KEY] = [s for s, drop in zip(spans, inside) if not drop]


def _find(doc: Doc) -> list[DateMatch]:
    found = find_dates(text_of(doc), doc._.ref_date)
    _release_numbers_in_dates(doc, found)
    # Figures already claimed as money, percentages or model names are not dates.
    taken = Occupied((s.start_char, s.end_char) for s in doc.spans[FACTS_KEY]) if FACTS_KEY in doc.spans else Occupied()
    return [d for d in found if taken.free(d.start, d.end)]


@Language.factory("newsfacts_dates")
def make_dates(nlp: Language, name: str) -> RuleComponent:
    return RuleComponent("date", _find)
