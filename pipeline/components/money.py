"""newsfacts_money: money amounts found over the text and normalised."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.components.base import ASSIGNS, DEFAULT_CONFIG, RuleComponent
from pipeline.extensions import text_of
from pipeline.normalize.dateline import home_currencies
from pipeline.normalize.money import find_money
from pipeline.normalize.text import Found

# A text that names China or its currency reads "¥" as the yuan.
_CHINA = re.compile(r"\b(?:China|Chinese|yuan|RMB|renminbi|Beijing|Shanghai|Shenzhen|Hangzhou|Hong Kong)\b")


# What an amount must not take in when its span is widened to whole tokens: the
# digits or currency sign of another figure ("$5 billion-$3 billion" is tokenised
# "billion-$3": widened, either amount would carry part of the other).
_FIGURE = re.compile(r"[\d$€£¥₹₩]")


def _find(doc: Doc) -> list[Found]:
    text = text_of(doc)
    # bare "dlrs" are the dollars of the dateline's country, as of the story's date
    home = home_currencies(text, doc._.ref_date)
    found = find_money(text, china=_CHINA.search(text) is not None, home=home, on=doc._.ref_date)
    return _cut_at_tokens(doc, text, found)


def _cut_at_tokens(doc: Doc, text: str, found: list[Found]) -> list[Found]:
    """The amounts whose span can be widened to whole tokens without its text saying
    more than its value: none that would take in another figure, or share a token
    with one (neither could then be cut out)."""
    tokens: list[tuple[int, int] | None] = []
    for f in found:
        span = doc.char_span(f.start, f.end, alignment_mode="expand")
        tokens.append((span.start, span.end) if span is not None else None)
    keep = []
    for i, f in enumerate(found):
        t = tokens[i]
        if t is None or doc.char_span(f.start, f.end) is not None:
            keep.append(f)
            continue
        lo, hi = doc[t[0]].idx, doc[t[1] - 1].idx + len(doc[t[1] - 1])
        if _FIGURE.search(text[lo : f.start] + text[f.end : hi]):
            continue
        if any(o is not None and j != i and o[0] < t[1] and t[0] < o[1] for j, o in enumerate(tokens)):
            continue
        keep.append(f)
    return keep


@Language.factory("newsfacts_money", default_config=DEFAULT_CONFIG, assigns=ASSIGNS)
def make_money(nlp: Language, name: str, spans_key: str) -> RuleComponent:
    return RuleComponent("money", _find, spans_key)
