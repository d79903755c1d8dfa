"""HTML pages: the main text as trafilatura extracts it (offsets index that text),
with title, canonical URL and the publication date the page itself states."""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Iterator

from pipeline.readers.base import Problem, ReadContext, first_value, parse_published, scalar_str
from pipeline.readers.base import PUBLISHED_FIELDS, TITLE_FIELDS, URL_FIELDS
from pipeline.readers.sniff import Source, bom_encoding
from pipeline.readers.text import read_whole, sidecar
from pipeline.records import Article

NO_TEXT = "no article text found in the page (only markup, scripts or boilerplate)"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
# WHATWG: these labels mean windows-1252 in browsers, so pages labelled so use its extra characters.
_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii"}
# htmldate drops dates after max_date, which defaults to today; a fixed far bound keeps runs repeatable.
_DATE_CONFIG = {"original_date": True, "extensive_search": False, "max_date": "2100-12-31"}


@dataclass(frozen=True)
class Page:
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None


def decode_html(data: bytes, declared: str | None = None) -> str:
    """The page as text: the encoding a byte-order mark names (it wins, as in browsers),
    else the charset of the HTTP header, else of a <meta> tag, else UTF-8, else
    windows-1252 (the browsers' fallback), lossy only as a last resort."""
    meta = _META_CHARSET.search(data[:4096])
    for label in (bom_encoding(data), declared, meta.group(1).decode("ascii", "ignore") if meta else None, "utf-8"):
        codec = _codec(label)
        if codec:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                continue
    return data.decode("cp1252", errors="replace")


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    if label in _AS_CP1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def extract_page(html: str) -> Page | None:
    """The main text and stated metadata of a page, or None when it has no text."""
    # Imported here: trafilatura is only needed when a run meets HTML.
    import trafilatura
    from trafilatura.metadata import extract_metadata

    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_precision=True, output_format="txt"
    )
    if not text or not text.strip():
        return None
    meta = extract_metadata(html, date_config=dict(_DATE_CONFIG))
    return Page(text=text, title=meta.title or None, published=parse_published(meta.date), url=meta.url or None)


def page_or_problem(data: bytes, charset: str | None, doc_id: str, source: str) -> Page | Problem:
    """The page in `data`, or the Problem row saying why there is none."""
    try:
        page = extract_page(decode_html(data, charset)) if data.strip() else None
    except Exception as exc:  # a parser bug on one odd page must not stop the run
        return Problem(doc_id, source, "failed", f"HTML extraction failed: {type(exc).__name__}: {exc}")
    return page if page is not None else Problem(doc_id, source, "empty", NO_TEXT)


def read_html(src: Source, ctx: ReadContext) -> Iterator[Article | Problem]:
    data = read_whole(src, ctx.max_bytes)
    if isinstance(data, Problem):
        yield data
        return
    page = page_or_problem(data, None, src.stem, str(src))
    if isinstance(page, Problem):
        yield page
        return
    # A metadata.jsonl beside the pages is the user's own record: it wins over the page's.
    meta = sidecar(src.path.parent, ctx).get(src.stem, {})
    yield Article(
        doc_id=src.stem,
        text=page.text,
        source=str(src),
        published=parse_published(first_value(meta, PUBLISHED_FIELDS)) or page.published,
        title=scalar_str(first_value(meta, TITLE_FIELDS)) or page.title,
        url=scalar_str(first_value(meta, URL_FIELDS)) or page.url,
    )
