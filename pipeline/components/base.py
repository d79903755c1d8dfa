"""The shape every rule component shares: a pure finder over the doc's text,
whose matches become fact spans."""
from __future__ import annotations

from typing import Callable, Iterable

from spacy.tokens import Doc

from pipeline.extensions import add_fact
from pipeline.normalize.money import Found


class RuleComponent:
    def __init__(self, label: str, find: Callable[[Doc], Iterable[Found]]) -> None:
        self.label = label
        self.find = find

    def __call__(self, doc: Doc) -> Doc:
        for f in self.find(doc):
            add_fact(doc, f.start, f.end, self.label, f.value, f"rule:{f.rule}")
        return doc
