"""Run the spaCy pipeline over articles and turn its docs into records."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.extensions import FACTS_KEY
from pipeline.furniture import furniture_spans
from pipeline.ingest import Problem
from pipeline.normalize.text import sentence_bounds
from pipeline.records import TYPES, Article, Mention, shape_value

_TYPE_ORDER = {t: i for i, t in enumerate(TYPES)}


@dataclass
class Result:
    """What became of one input document: its documents.jsonl row and its mentions."""

    document: dict[str, Any]
    mentions: list[Mention] = field(default_factory=list)


def make_doc(nlp: Language, article: Article, ref_date: date | None) -> Doc:
    doc = nlp.make_doc(article.text)
    doc._.ref_date = ref_date
    doc._.furniture = tuple(furniture_spans(article.text))
    return doc


def article_ref_date(article: Article, default: date | None) -> date | None:
    return date.fromisoformat(article.published) if article.published else default


def mentions_from_doc(doc: Doc, doc_id: str, source: str = "") -> list[Mention]:
    """One Mention per fact span, ordered by position then type."""
    spans = list(doc.spans[FACTS_KEY]) if FACTS_KEY in doc.spans else []
    out = []
    for span in spans:
        out.append(
            Mention(
                doc_id=doc_id,
                source=source,
                type=span.label_,
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                sentence=sentence_of(span),
                value=shape_value(span.label_, span._.value),
                method=span._.method,
            )
        )
    out.sort(key=lambda m: (m.start, m.end, _TYPE_ORDER.get(m.type, 99)))
    return out


def sentence_of(span: Span) -> str:
    """The sentence around a span, never crossing a line break (headlines and
    page lines are not joined to the text around them)."""
    doc = span.doc
    text = doc.text
    if doc.has_annotation("SENT_START"):
        sent = span.sent
        lo, hi = sent.start_char, sent.end_char
        line_lo = text.rfind("\n", lo, span.start_char) + 1
        nl = text.find("\n", span.end_char, hi)
        lo, hi = max(lo, line_lo), (hi if nl == -1 else nl)
    else:
        lo, hi = sentence_bounds(text, span.start_char, span.end_char)
    return text[lo:hi].strip()


def run(
    nlp: Language,
    items: Iterable[Article | Problem],
    *,
    ref_date: date | None = None,
    batch_size: int = 16,
) -> Iterator[Result]:
    """Process articles in input order; problems pass through as rows."""

    def docs() -> Iterator[tuple[Doc, Article | Problem]]:
        for item in items:
            if isinstance(item, Problem):
                yield None, item  # type: ignore[misc]
            else:
                yield make_doc(nlp, item, article_ref_date(item, ref_date)), item

    # Problems are held back in order so output order matches input order.
    pending: list[Article | Problem] = []

    def doc_stream() -> Iterator[Doc]:
        for doc, item in docs():
            pending.append(item)
            if doc is not None:
                yield doc

    for doc in nlp.pipe(doc_stream(), batch_size=batch_size):
        while pending and isinstance(pending[0], Problem):
            yield problem_result(pending.pop(0))  # type: ignore[arg-type]
        article = pending.pop(0)
        assert isinstance(article, Article)
        yield article_result(article, doc)
    while pending:
        item = pending.pop(0)
        assert isinstance(item, Problem)
        yield problem_result(item)


def article_result(article: Article, doc: Doc) -> Result:
    mentions = mentions_from_doc(doc, article.doc_id, article.source)
    ref = doc._.ref_date
    return Result(
        document={
            "doc_id": article.doc_id,
            "source": article.source,
            "title": article.title,
            "published": article.published,
            "ref_date": ref.isoformat() if ref else None,
            "chars": len(article.text),
            "set_aside": sum(e - s for s, e in doc._.furniture),
            "status": "ok",
            "reason": None,
            "mentions": len(mentions),
        },
        mentions=mentions,
    )


def problem_result(p: Problem) -> Result:
    return Result(
        document={
            "doc_id": p.doc_id,
            "source": p.source,
            "title": None,
            "published": None,
            "ref_date": None,
            "chars": 0,
            "set_aside": 0,
            "status": p.status,
            "reason": p.reason,
            "mentions": 0,
        }
    )
