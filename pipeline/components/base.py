"""The shape every rule component shares: a pure finder over the doc's text,
whose matches become fact spans."""
from __future__ import annotations

from typing import Callable, Iterable

from spacy.tokens import Doc

from pipeline.extensions import FACTS_KEY, add_fact, facts
from pipeline.normalize.text import Found
from pipeline.normalize.text import Occupied

# What every newsfacts component writes, for spaCy's pipe analysis.
ASSIGNS = ["doc.spans", "doc._.fact_values"]
# The config every newsfacts factory takes: the doc.spans group the facts go to.
DEFAULT_CONFIG = {"spans_key": FACTS_KEY}


class RuleComponent:
    """`yields=True`: matches overlapping a fact an earlier component found are
    dropped (a figure claimed as money is no date)."""

    def __init__(self, label: str, find: Callable[[Doc], Iterable[Found]], spans_key: str = FACTS_KEY,
                 yields: bool = False) -> None:
        self.label = label
        self.find = find
        self.spans_key = spans_key
        self.yields = yields

    def __call__(self, doc: Doc) -> Doc:
        found = self.find(doc)
        if self.yields:
            taken = Occupied((s.start_char, s.end_char) for s in facts(doc, self.spans_key))
            found = [f for f in found if taken.free(f.start, f.end)]
        for f in found:
            add_fact(doc, f.start, f.end, self.label, f.value, f"rule:{f.rule}", self.spans_key)
        return doc
