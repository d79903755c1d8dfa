"""HTML pages: the main text as trafilatura extracts it (offsets index that text),
with title, canonical URL and the publication date the page itself states."""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, replace
from typing import Iterator

from pipeline.readers.base import Problem, ReadContext, first_value, parse_published, scalar_str, with_note
from pipeline.readers.base import PUBLISHED_FIELDS, TITLE_FIELDS, URL_FIELDS
from pipeline.readers.sniff import Source, bom_encoding
from pipeline.readers.text import MAGIC, mostly_utf8, read_whole, sidecar
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
    note: str | None = None  # how the page was decoded, when that is worth telling


def decode_html(data: bytes, declared: str | None = None) -> str:
    return decode_page(data, declared)[0]


def decode_page(data: bytes, declared: str | None = None) -> tuple[str, str | None]:
    """(the page as text, a note when it was not decoded as declared or as UTF-8): the
    encoding a byte-order mark names (it wins, as in browsers), else the charset of
    the HTTP header, else of a <meta> tag, else UTF-8, else UTF-8 with the bytes that
    are not read as windows-1252 (the browsers' fallback), lossy only as a last resort.
    A <meta> tag naming UTF-16 or UTF-32 is read as UTF-8, as browsers do: a page whose
    bytes spell out its own meta tag is not UTF-16."""
    meta = _META_CHARSET.search(data[:4096])
    meta_label = meta.group(1).decode("ascii", "ignore") if meta else None
    note = None
    if meta_label and (_codec(meta_label) or "").startswith(("utf-16", "utf-32")) and not bom_encoding(data):
        note = f"the page's <meta> names charset {meta_label}, which its bytes cannot be: read as UTF-8"
        meta_label = "utf-8"
    for label in (bom_encoding(data), declared, meta_label, "utf-8"):
        codec = _codec(label)
        if codec:
            try:
                return data.decode(codec), note
            except UnicodeDecodeError:
                continue
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text, fallback = mostly_utf8(data, f"byte 0x{data[exc.start]:02x} at offset {exc.start}")
        if fallback is not None:
            return text, fallback
    return data.decode("cp1252", errors="replace"), "not UTF-8 nor windows-1252: undecodable bytes replaced by U+FFFD"


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
    for magic, what in MAGIC:
        if data.startswith(magic):
            return Problem(doc_id, source, "failed", f"not an HTML page: the content is {what}")
    try:
        html, note = decode_page(data, charset)
        page = extract_page(html) if data.strip() else None
    except Exception as exc:  # a parser bug on one odd page must not stop the run
        return Problem(doc_id, source, "failed", f"HTML extraction failed: {type(exc).__name__}: {exc}")
    if page is None:
        return Problem(doc_id, source, "empty", NO_TEXT)
    return replace(page, note=note) if note else page


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
    article = Article(
        doc_id=src.stem,
        text=page.text,
        source=str(src),
        published=parse_published(first_value(meta, PUBLISHED_FIELDS)) or page.published,
        title=scalar_str(first_value(meta, TITLE_FIELDS)) or page.title,
        url=scalar_str(first_value(meta, URL_FIELDS)) or page.url,
    )
    yield with_note(article, page.note)
