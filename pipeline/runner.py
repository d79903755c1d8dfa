"""Run the spaCy pipeline over articles and turn its docs into records."""
from __future__ import annotations

import re

from dataclasses import dataclass, field
from datetime import date
from bisect import bisect_left, bisect_right
from typing import Any, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extensions import facts, set_text, text_of
from pipeline.furniture import furniture_spans
from pipeline.ingest import Problem
from pipeline.normalize.text import sentence_bounds
from pipeline.normalize.wrapped import unwrap
from pipeline.pieces import PIECE_CHARS, model_in_pieces, model_pipes
from pipeline.records import TYPES, Article, Mention, shape_value

_TYPE_ORDER = {t: i for i, t in enumerate(TYPES)}


@dataclass
class Result:
    """What became of one input document: its documents.jsonl row and its mentions."""

    document: dict[str, Any]
    mentions: list[Mention] = field(default_factory=list)
    claims: list[dict[str, Any]] | None = None  # linked where the work runs (a worker), if it was


def make_doc(nlp: Language, article: Article, ref_date: date | None) -> Doc:
    furniture = tuple(furniture_spans(article.text, article.title))
    # The model reads the furniture blanked out: it yields no facts, and a page is
    # often a third menus. Same length, so every offset is the article's; records
    # take their text from the article (set_text), never from the blanked copy.
    # Wire copy's hard line breaks inside sentences are read as spaces, so that a
    # name wrapped over two lines ("Stuart\nPharmaceuticals") is one name to it.
    doc = nlp.make_doc(unwrap(article.text, blank_out(article.text, furniture) if furniture else None))
    set_text(doc, article.text)
    doc._.ref_date = ref_date
    doc._.furniture = furniture
    return doc


_NOT_NEWLINE = re.compile(r"[^\n]")


def blank_out(text: str, ranges: Iterable[tuple[int, int]]) -> str:
    """`text` with the characters of `ranges` turned to spaces, line breaks kept."""
    parts, pos = [], 0
    for s, e in ranges:
        parts.append(text[pos:s])
        parts.append(_NOT_NEWLINE.sub(" ", text[s:e]))
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


def article_ref_date(article: Article, default: date | None) -> date | None:
    return date.fromisoformat(article.published) if article.published else default


def mentions_from_doc(doc: Doc, doc_id: str, source: str = "") -> list[Mention]:
    """One Mention per fact span, ordered by position then type."""
    spans = facts(doc)
    starts = _sentence_starts(doc) if spans else []
    text = text_of(doc)
    furniture = list(doc._.furniture or ())
    out = []
    for span in spans:
        out.append(
            Mention(
                doc_id=doc_id,
                source=source,
                type=span.label_,
                start=span.start_char,
                end=span.end_char,
                text=text[span.start_char : span.end_char],
                sentence=sentence_of(text, span.start_char, span.end_char, starts, furniture),
                value=shape_value(span.label_, span._.value),
                method=span._.method,
            )
        )
    out.sort(key=lambda m: (m.start, m.end, _TYPE_ORDER.get(m.type, 99)))
    return out


def _sentence_starts(doc: Doc) -> list[int]:
    """Character offsets where the model's sentences start (one pass over the doc),
    or [] when the pipeline sets no sentences."""
    if not doc.has_annotation("SENT_START"):
        return []
    return [t.idx for t in doc if t.is_sent_start]


def sentence_of(
    text: str, start: int, end: int, starts: list[int], furniture: list[tuple[int, int]] = ()
) -> str:
    """The sentence around [start, end), never crossing a line break (headlines and
    page lines are not joined to the text around them) nor reaching into page
    furniture: the model read it blanked out, so its sentence may run on into a
    share bar."""
    if starts:
        i = bisect_right(starts, start) - 1
        lo = starts[i] if i >= 0 else 0
        j = bisect_left(starts, end)
        hi = starts[j] if j < len(starts) else len(text)
        lo = max(lo, text.rfind("\n", lo, start) + 1)
        nl = text.find("\n", end, hi)
        hi = hi if nl == -1 else nl
    else:
        lo, hi = sentence_bounds(text, start, end)
    if furniture:
        # `furniture` is sorted and never overlaps a mention.
        i = bisect_right(furniture, (start, start)) - 1
        if i >= 0 and furniture[i][1] <= start:
            lo = max(lo, furniture[i][1])
        if i + 1 < len(furniture):
            hi = min(hi, max(end, furniture[i + 1][0]))
    return text[lo:hi].strip()


def run(
    nlp: Language,
    items: Iterable[Article | Problem],
    *,
    ref_date: date | None = None,
    batch_size: int = 16,
) -> Iterator[Result]:
    """Process articles in input order, a batch at a time; problems pass through as
    rows. A document that makes the pipeline fail becomes a failed row of its own:
    the batch is redone one document at a time so the others are unaffected."""
    batch: list[Article | Problem] = []
    for item in items:
        batch.append(item)
        if len(batch) >= batch_size:
            yield from _run_batch(nlp, batch, ref_date)
            batch = []
    if batch:
        yield from _run_batch(nlp, batch, ref_date)


def _run_batch(nlp: Language, batch: list[Article | Problem], ref_date: date | None) -> list[Result]:
    prepared: list[Article | Problem] = [_admit(nlp, item) for item in batch]
    whole = [a for a in prepared if isinstance(a, Article) and not _long(a)]
    try:
        docs = _pipe(nlp, whole, ref_date)
        done = {id(a): article_result(a, next(docs)) for a in whole}
    except Exception:  # noqa: BLE001 - isolate the document at fault below
        if len(whole) <= 1:
            done = {id(a): _one(nlp, a, ref_date) for a in whole}
        else:
            done = {id(a): r for a in whole for r in _run_batch(nlp, [a], ref_date)}
    # Long texts (read in pieces) go one at a time, so one Doc of them is held at once.
    return [problem_result(i) if isinstance(i, Problem) else done.get(id(i)) or _one(nlp, i, ref_date) for i in prepared]


def _long(article: Article) -> bool:
    """Read by the model in pieces (see pipeline.pieces), one document at a time."""
    return len(article.text) > PIECE_CHARS


def _pipe(nlp: Language, articles: list[Article], ref_date: date | None) -> Iterator[Doc]:
    """The docs of `articles` in order, through the model in groups of at most
    PIECE_CHARS characters (or one document): the model's memory grows with the
    text of a whole group, so a group's size, not the batch's, bounds it."""
    group: list[Article] = []
    chars = 0
    for a in [*articles, None]:
        if group and (a is None or chars + len(a.text) > PIECE_CHARS):
            yield from nlp.pipe([make_doc(nlp, g, article_ref_date(g, ref_date)) for g in group], batch_size=len(group))
            group, chars = [], 0
        if a is not None:
            group.append(a)
            chars += len(a.text)


def _one(nlp: Language, item: Article | Problem, ref_date: date | None) -> Result:
    if isinstance(item, Problem):
        return problem_result(item)
    try:
        return article_result(item, *process(nlp, make_doc(nlp, item, article_ref_date(item, ref_date))))
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the run
        reason = f"processing failed: {type(exc).__name__}: {str(exc)[:200]}"
        return problem_result(Problem(item.doc_id, item.source, "failed", reason))


def process(nlp: Language, doc: Doc) -> tuple[Doc, int]:
    """Run the pipeline over one doc made by make_doc: a long text goes through the
    model in pieces, then through the rule components whole. Returns the doc and the
    number of pieces the model read it in."""
    text = text_of(doc)
    if len(text) <= PIECE_CHARS:
        return nlp(doc), 1
    pieces = model_in_pieces(nlp, doc, text, PIECE_CHARS)
    return nlp(doc, disable=model_pipes(nlp)), pieces


def _admit(nlp: Language, item: Article | Problem) -> Article | Problem:
    """Texts beyond the pipeline's length limit are skipped with the reason."""
    if isinstance(item, Article) and len(item.text) > nlp.max_length:
        return Problem(
            item.doc_id, item.source, "skipped", f"text of {len(item.text):,} characters is over the limit of {nlp.max_length:,}"
        )
    return item


def article_result(article: Article, doc: Doc, pieces: int = 1) -> Result:
    mentions = mentions_from_doc(doc, article.doc_id, article.source)
    ref = doc._.ref_date
    notes = [getattr(article, "note", None)]  # e.g. how the text was decoded
    if pieces > 1:
        notes.append(f"read by the model in {pieces} pieces of at most {PIECE_CHARS:,} characters")
    return Result(
        document={
            "doc_id": article.doc_id,
            "source": article.source,
            "title": article.title,
            "url": article.url,
            "published": article.published,
            "ref_date": ref.isoformat() if ref else None,
            "chars": len(article.text),
            "set_aside": sum(e - s for s, e in doc._.furniture),
            "status": "ok",
            "reason": "; ".join(n for n in notes if n) or None,
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
            "url": None,
            "published": None,
            "ref_date": None,
            "chars": 0,
            "set_aside": 0,
            "status": p.status,
            "reason": p.reason,
            "mentions": 0,
        }
    )
