"""WARC files (as in Common Crawl's CC-NEWS), record by record: each HTML
`response` record is one article; other records are not articles and give no row."""
from __future__ import annotations

import hashlib
import re
from typing import Any, BinaryIO, Iterator

from pipeline.readers.base import Problem, ReadContext, capped_id, parse_published, with_note
from pipeline.readers.html import page_or_problem
from pipeline.readers.sniff import Source, opened
from pipeline.readers.text import size_label
from pipeline.records import Article

HTML_TYPES = ("text/html", "application/xhtml+xml")


# The start of a WARC record's header: inside another record's content, it shows that
# record's Content-Length overstated its length, so that it ran into the records after it.
_NEXT_RECORD = re.compile(rb"\nWARC/1\.[01]\r?\n")
_SCAN = 1 << 20


def read_warc(src: Source, ctx: ReadContext) -> Iterator[Article | Problem]:
    """Record by record. Where a record is malformed or its Content-Length overstates
    its length, reading resumes at the next record header after its start, so the
    records after a bad one are read too."""
    from warcio.archiveiterator import ArchiveIterator  # only runs that meet WARC need it

    n = articles = 0
    begin: int | None = 0
    while begin is not None:
        last = resume = None  # the offset of the last record read whole; where to resume
        try:
            with opened(src) as fh:
                _skip(fh, begin)
                it = ArchiveIterator(fh)
                for record in it:
                    n += 1
                    last = it.offset  # where this record's header starts
                    if _is_html_response(record):
                        articles += 1
                        item, overran = _article(record, src, n, ctx.max_bytes)
                        yield item
                    else:
                        overran = _overruns(record.raw_stream)
                    if overran:
                        resume = last + 1
                        break
        except Exception as exc:  # warcio raises assorted errors on malformed input; the run goes on
            if last is None:  # the record at `begin` itself is unreadable
                reason = f"unreadable WARC record, skipped to the next record header: {type(exc).__name__}: {exc}"
                yield Problem(src.stem, f"{src}#record{n + 1}", "failed", reason)
            else:
                n -= 1  # the record after `last` is looked for again: it may be whole
            resume = (begin if last is None else last) + 1
        begin = _next_header(src, resume) if resume is not None else None
    if not articles:
        yield Problem(src.stem, str(src), "empty", f"no HTML response records (of {n} records)")


def _skip(fh: BinaryIO, offset: int) -> None:
    while offset > 0 and (chunk := fh.read(min(offset, _SCAN))):
        offset -= len(chunk)


def _next_header(src: Source, offset: int) -> int | None:
    """The offset of the first line starting a WARC record at or after `offset`."""
    with opened(src) as fh:
        _skip(fh, offset - 1)
        pos, tail = offset - 1, b""
        while chunk := fh.read(_SCAN):
            m = _NEXT_RECORD.search(tail + chunk)
            if m:
                return pos - len(tail) + m.start() + 1
            pos += len(chunk)
            tail = (tail + chunk)[-16:]
    return None


def _overruns(stream: BinaryIO) -> bool:
    """Whether a record's content holds the header of another record (read in bounded pieces)."""
    tail = b""
    while chunk := stream.read(_SCAN):
        if _NEXT_RECORD.search(tail + chunk):
            return True
        tail = chunk[-16:]
    return False


def _is_html_response(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
    return ctype.split(";")[0].strip() in HTML_TYPES


def _article(record: Any, src: Source, n: int, limit: int) -> tuple[Article | Problem, bool]:
    """The record's article (or row), and whether its content ran into the next record."""
    source = f"{src}#record{n}"
    uri = record.rec_headers.get_header("WARC-Target-URI")
    doc_id, id_note = capped_id(record_id(record.rec_headers.get_header("WARC-Record-ID"), uri) or f"{src.stem}-record{n}")
    status = record.http_headers.get_statuscode() or ""
    if not status.startswith("2"):
        return Problem(doc_id, source, "skipped", f"HTTP status {status or 'missing'}: not an article"), _overruns(record.raw_stream)
    content = record.content_stream().read(limit + 1)
    overrun = _NEXT_RECORD.search(content)
    note = id_note
    if overrun:
        content = content[: overrun.start()]
        note = "; ".join(filter(None, (note, "the record's Content-Length ran past its end into the next record: read up to that record")))
    elif len(content) > limit:
        return Problem(doc_id, source, "skipped", f"record is over the limit of {size_label(limit)} for one article; not read"), _overruns(record.raw_stream)
    page = page_or_problem(content, _charset(record), doc_id, source)
    if isinstance(page, Problem):
        return page, overrun is not None
    # CC-NEWS captures articles within hours of publication, so without a date stated
    # by the page the capture date (WARC-Date) is the closest stated anchor; it is
    # a recorded fact, never today's date.
    published = page.published or parse_published(record.rec_headers.get_header("WARC-Date"))
    article = with_note(Article(doc_id=doc_id, text=page.text, source=source, published=published, title=page.title, url=uri or page.url), page.note)
    return with_note(article, note), overrun is not None


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
