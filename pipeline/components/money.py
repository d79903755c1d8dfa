"""newsfacts_money: money amounts found over the text and normalised."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extensions import add_fact
from pipeline.normalize.money import find_money

# A text that names China or its currency reads "¥" as the yuan.
_CHINA = re.compile(r"\b(?:China|Chinese|yuan|RMB|renminbi|Beijing|Shanghai|Shenzhen|Hangzhou|Hong Kong)\b")


class MoneyFinder:
    def __call__(self, doc: Doc) -> Doc:
        china = _CHINA.search(doc.text) is not None
        for f in find_money(doc.text, china=china):
            add_fact(doc, f.start, f.end, "money", f.value, f"rule:{f.rule}")
        return doc


@Language.factory("newsfacts_money")
def make_money(nlp: Language, name: str) -> MoneyFinder:
    return MoneyFinder()
