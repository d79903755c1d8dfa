"""WARC files (as in Common Crawl's CC-NEWS), record by record: each HTML
`response` record is one article; other records are not articles and give no row."""
from __future__ import annotations

import hashlib
from typing import Any, Iterator

from pipeline.readers.base import Problem, ReadContext, parse_published
from pipeline.readers.html import page_or_problem
from pipeline.readers.sniff import Source, opened
from pipeline.readers.text import size_label
from pipeline.records import Article

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(src: Source, ctx: ReadContext) -> Iterator[Article | Problem]:
    from warcio.archiveiterator import ArchiveIterator  # only runs that meet WARC need it

    n = articles = 0
    try:
        with opened(src) as fh:
            for n, record in enumerate(ArchiveIterator(fh), 1):
                if _is_html_response(record):
                    articles += 1
                    yield _article(record, src, n, ctx.max_bytes)
    except Exception as exc:  # warcio raises assorted errors on malformed input; the run goes on
        reason = f"unreadable WARC record, reading stopped: {type(exc).__name__}: {exc}"
        yield Problem(src.stem, f"{src}#record{n + 1}", "failed", reason)
        return
    if not articles:
        yield Problem(src.stem, str(src), "empty", f"no HTML response records (of {n} records)")


def _is_html_response(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
    return ctype.split(";")[0].strip() in HTML_TYPES


def _article(record: Any, src: Source, n: int, limit: int) -> Article | Problem:
    source = f"{src}#record{n}"
    uri = record.rec_headers.get_header("WARC-Target-URI")
    doc_id = record_id(record.rec_headers.get_header("WARC-Record-ID"), uri) or f"{src.stem}-record{n}"
    status = record.http_headers.get_statuscode() or ""
    if not status.startswith("2"):
        return Problem(doc_id, source, "skipped", f"HTTP status {status or 'missing'}: not an article")
    content = record.content_stream().read(limit + 1)
    if len(content) > limit:
        return Problem(doc_id, source, "skipped", f"record is over the limit of {size_label(limit)} for one article; not read")
    page = page_or_problem(content, _charset(record), doc_id, source)
    if isinstance(page, Problem):
        return page
    # CC-NEWS captures articles within hours of publication, so without a date stated
    # by the page the capture date (WARC-Date) is the closest stated anchor; it is
    # a recorded fact, never today's date.
    published = page.published or parse_published(record.rec_headers.get_header("WARC-Date"))
    return Article(doc_id=doc_id, text=page.text, source=source, published=published, title=page.title, url=uri or page.url)


def record_id(warc_record_id: str | None, uri: str | None) -> str | None:
    """The stable id of a record: the uuid of its WARC-Record-ID, else a hash of its URI."""
    if warc_record_id:
        rid = warc_record_id.strip().strip("<>")
        return rid.rpartition(":")[2] if rid.lower().startswith("urn:uuid:") else rid
    if uri:
        return hashlib.sha1(uri.encode("utf-8")).hexdigest()[:16]
    return None


def _charset(record: Any) -> str | None:
    ctype = record.http_headers.get_header("Content-Type") or ""
    for part in ctype.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'")
    return None
