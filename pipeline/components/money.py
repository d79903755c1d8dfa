"""newsfacts_money: money amounts found over the text and normalised."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.components.base import ASSIGNS, DEFAULT_CONFIG, RuleComponent
from pipeline.extensions import text_of
from pipeline.normalize.dateline import home_currencies
from pipeline.normalize.money import Found, find_money

# A text that names China or its currency reads "¥" as the yuan.
_CHINA = re.compile(r"\b(?:China|Chinese|yuan|RMB|renminbi|Beijing|Shanghai|Shenzhen|Hangzhou|Hong Kong)\b")


def _find(doc: Doc) -> list[Found]:
    text = text_of(doc)
    # bare "dlrs" are the dollars of the dateline's country, as of the story's date
    home = home_currencies(text, doc._.ref_date)
    return find_money(text, china=_CHINA.search(text) is not None, home=home, on=doc._.ref_date)


@Language.factory("newsfacts_money", default_config=DEFAULT_CONFIG, assigns=ASSIGNS)
def make_money(nlp: Language, name: str, spans_key: str) -> RuleComponent:
    return RuleComponent("money", _find, spans_key)
