"""Every custom spaCy attribute the pipeline uses, declared in one place.

Span extension values are keyed by character offsets only, so two facts on the
same characters (an org and a model) would overwrite each other; values are
therefore kept on the Doc, keyed by (label, start_char, end_char)."""
from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

FACTS_KEY = "facts"


def _fact(span: Span) -> tuple[dict[str, Any], str] | None:
    return span.doc._.fact_values.get((span.label_, span.start_char, span.end_char))


def register() -> None:
    if not Doc.has_extension("fact_values"):
        Doc.set_extension("fact_values", default=None)
    if not Doc.has_extension("ref_date"):
        # the date relative expressions resolve against (article's publication date)
        Doc.set_extension("ref_date", default=None)
    if not Doc.has_extension("furniture"):
        # character ranges of page furniture (menus, share bars, tickers): no facts there
        Doc.set_extension("furniture", default=())
    if not Span.has_extension("value"):
        Span.set_extension("value", getter=lambda s: (_fact(s) or (None, None))[0])
    if not Span.has_extension("method"):
        Span.set_extension("method", getter=lambda s: (_fact(s) or (None, None))[1])


def text_of(doc: Doc) -> str:
    """doc.text, built once: spaCy rebuilds it from the tokens on every access,
    which costs more than all the rule components together."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


_TEXT_KEY = "newsfacts_text"


def set_text(doc: Doc, text: str) -> None:
    """Give text_of() the article's own text. The doc may have been made from a copy
    with its page furniture blanked out (same length, so every offset is the
    article's): doc.text and span.text then show blanks, so records take their
    text from text_of(), never from the doc."""
    doc.user_data[_TEXT_KEY] = text


def facts(doc: Doc, spans_key: str = FACTS_KEY) -> list[Span]:
    """The fact spans the newsfacts components have added so far."""
    return list(doc.spans[spans_key]) if spans_key in doc.spans else []


def add_fact(doc: Doc, start_char: int, end_char: int, label: str, value: dict[str, Any], method: str,
             spans_key: str = FACTS_KEY) -> Span | None:
    """Add a fact span to doc.spans[spans_key], snapping to token edges when the
    characters do not fall on them, and store its value. Returns the span."""
    if any(s < end_char and start_char < e for s, e in doc._.furniture):
        return None
    span = doc.char_span(start_char, end_char, label=label)
    if span is None:
        span = doc.char_span(start_char, end_char, label=label, alignment_mode="expand")
    if span is None:
        return None
    if doc._.fact_values is None:
        doc._.fact_values = {}
    key = (label, span.start_char, span.end_char)
    if key in doc._.fact_values:
        return None
    doc._.fact_values[key] = (value, method)
    group = doc.spans[spans_key] if spans_key in doc.spans else None
    if group is None:
        doc.spans[spans_key] = [span]
    else:
        group.append(span)
    return span


register()
