"""Dumps of many articles: JSONL and CSV/TSV streamed row by row, JSON documents."""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from typing import BinaryIO, Iterator

from pipeline.readers.base import MAX_JSON_BYTES, Problem, ReadContext, article_from_row, first_value
from pipeline.readers.sniff import STREAM_ERRORS, Source, bom_encoding, opened
from pipeline.readers.text import read_whole, size_label
from pipeline.records import Article

LIST_KEYS = ("articles", "data", "results", "items")
_UNDECODED = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8, kept by surrogateescape


def read_jsonl(src: Source, ctx: ReadContext) -> Iterator[Article | Problem]:
    lineno = rows = 0
    try:
        with opened(src) as fh:
            for lineno, raw in enumerate(_lines(fh, src.encoding, ctx.max_bytes), 1):
                if raw is None:
                    rows += 1
                    reason = f"line {lineno} is over the limit of {size_label(ctx.max_bytes)} for one article; not read"
                    yield Problem(f"{src.stem}-{lineno}", f"{src}#line{lineno}", "skipped", reason)
                elif raw.strip():
                    rows += 1
                    yield _jsonl_row(raw, lineno, src, ctx)
    except (*STREAM_ERRORS, UnicodeDecodeError) as exc:  # the latter: only from UTF-16/32
        yield _broken_stream(src, f"line{lineno + 1}", exc)
        return
    if rows == 0:
        yield Problem(src.stem, str(src), "empty", "file has no records")


def _lines(fh: BinaryIO, encoding: str | None, limit: int) -> Iterator[bytes | None]:
    """The lines of a stream as UTF-8 bytes (from UTF-16/32 when `encoding` says so),
    never holding more than `limit` bytes of one line: a longer line is read through
    to its end and given as None."""
    read = fh.readline
    if encoding:
        wide = io.TextIOWrapper(fh, encoding=encoding, newline="\n")

        def read(n: int) -> bytes:  # n characters: up to 4n bytes, checked below
            return wide.readline(n).encode("utf-8")

    while line := read(limit + 1):
        if len(line) <= limit or (line.endswith(b"\n") and len(line) == limit + 1):
            yield line
            continue
        while line and not line.endswith(b"\n"):  # the rest of the line, a bounded piece at a time
            line = read(1 << 20)
        yield None


def _jsonl_row(raw: bytes, lineno: int, src: Source, ctx: ReadContext) -> Article | Problem:
    source, fallback_id = f"{src}#line{lineno}", f"{src.stem}-{lineno}"
    try:
        row = json.loads(raw.decode("utf-8-sig" if lineno == 1 else "utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return Problem(fallback_id, source, "failed", f"line {lineno} is not valid JSON: {exc}")
    except RecursionError:
        return Problem(fallback_id, source, "failed", f"line {lineno} is not valid JSON: nested too deeply")
    if not isinstance(row, dict):
        return Problem(fallback_id, source, "failed", f"line {lineno} is not a JSON object")
    return article_from_row(row, source, fallback_id, ctx.fields)


def read_json(src: Source, ctx: ReadContext) -> Iterator[Article | Problem]:
    # A JSON document is parsed whole (json has no streaming parser); dumps too big
    # for memory should come as JSONL, which is read line by line.
    data = read_whole(src, max(ctx.max_bytes, MAX_JSON_BYTES), "a JSON document (a larger dump reads as JSONL, line by line)")
    if isinstance(data, Problem):
        yield data
        return
    try:
        text = data.decode(bom_encoding(data) or "utf-8")
        del data  # not held while the text is parsed
        doc = json.loads(text)
        del text
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        yield Problem(src.stem, str(src), "failed", f"not valid JSON: {exc}")
        return
    except RecursionError:
        yield Problem(src.stem, str(src), "failed", "not valid JSON: nested too deeply")
        return
    yield from _json_articles(doc, src, ctx)


def _json_articles(doc: object, src: Source, ctx: ReadContext) -> Iterator[Article | Problem]:
    items = _article_list(doc, ctx)
    if items is None:
        yield _single_article(doc, src, ctx)
        return
    if not items:
        yield Problem(src.stem, str(src), "empty", "the JSON list of articles is empty")
    for n, item in enumerate(items, 1):
        source, fallback_id = f"{src}#item{n}", f"{src.stem}-{n}"
        if isinstance(item, dict):
            yield article_from_row(item, source, fallback_id, ctx.fields)
        else:
            yield Problem(fallback_id, source, "failed", f"item {n} is not a JSON object")


def _article_list(doc: object, ctx: ReadContext) -> list | None:
    """The article records of a JSON document (an array, or a list under a usual key
    as in NewsAPI), or None when the document is one article (news-please)."""
    if isinstance(doc, list):
        return doc
    if not isinstance(doc, dict):
        return None
    lists = [doc[k] for k in LIST_KEYS if isinstance(doc.get(k), list)]
    records = next((v for v in lists if v and isinstance(v[0], dict)), None)
    if records is not None:
        return records
    # An empty result list counts only when the object has no text of its own.
    return lists[0] if lists and first_value(doc, ctx.fields.text) is None else None


def _single_article(doc: object, src: Source, ctx: ReadContext) -> Article | Problem:
    if not isinstance(doc, dict):
        return Problem(src.stem, str(src), "failed", f"JSON {type(doc).__name__} is neither an article nor a list of them")
    item = article_from_row(doc, str(src), src.stem, ctx.fields)
    if isinstance(item, Problem) and item.reason.startswith("no text field"):
        return replace(item, reason=f"{item.reason}, and no list under {', '.join(LIST_KEYS)}")
    return item


def read_csv(src: Source, ctx: ReadContext, delimiter: str = ",") -> Iterator[Article | Problem]:
    """Row by row, each row an article. A row the csv module cannot parse (a quote that
    is never closed, a field over the size limit) gets its own row, and reading
    resumes on the line after the one it began on: an unterminated quote would
    otherwise swallow every row after it into one field."""
    row_no = 0
    csv.field_size_limit(ctx.max_bytes)  # a field is refused once over the limit, never held whole
    try:
        with opened(src) as raw:
            text = io.TextIOWrapper(raw, encoding=src.encoding or "utf-8-sig", errors="surrogateescape", newline="")
            lines = _Lines(text, ctx.max_bytes)
            reader = csv.reader(lines, delimiter=delimiter, strict=True)
            header = [h.strip() for h in next(reader, [])]
            problem = _header_problem(header, src, ctx)
            if problem:
                yield problem
                return
            while True:
                lines.start_record()
                try:
                    values = next(reader)
                except StopIteration:
                    break
                except (csv.Error, _TooLong) as exc:
                    row_no += 1
                    yield _unparsed_row(src, row_no, lines, exc)
                    lines.resume_after_first()
                    reader = csv.reader(lines, delimiter=delimiter, strict=True)
                    continue
                if not any(v.strip() for v in values):  # blank lines are not rows (as in csv.DictReader)
                    continue
                row_no += 1
                if lines.spanned() > 1 and _extra_fields(header, values):
                    # A quoted field that ran over lines and left the count of fields wrong:
                    # a stray quote joined rows together; they are read again one by one.
                    yield _joined_rows(src, row_no, lines, len(values), len(header))
                    lines.resume_after_first()
                    reader = csv.reader(lines, delimiter=delimiter, strict=True)
                    continue
                yield _csv_row(header, values, row_no, src, ctx)
    except UnicodeDecodeError as exc:  # only from UTF-16/32: UTF-8 is read with surrogateescape
        yield _broken_stream(src, f"row{row_no + 1}", exc)
        return
    except csv.Error as exc:  # in the header
        yield Problem(f"{src.stem}-{row_no + 1}", f"{src}#row{row_no + 1}", "failed", f"malformed CSV, reading stopped: {exc}")
        return
    except STREAM_ERRORS as exc:
        yield _broken_stream(src, f"row{row_no + 1}", exc)
        return
    if row_no == 0:
        yield Problem(src.stem, str(src), "empty", "file has a header but no rows")


class _TooLong(Exception):
    """A line, or the lines of one record, over the size limit (read through, not kept)."""


class _Lines:
    """The lines of a text stream for csv.reader, keeping those of the record being
    read so that reading can resume on the line after the record's first one. No line,
    nor record, is held beyond `limit` characters (a longer one is read through in
    bounded pieces and raises _TooLong)."""

    def __init__(self, stream: io.TextIOBase, limit: int) -> None:
        self.stream, self.limit = stream, limit
        self.lineno = 0  # the number of the last line given out
        self.record: list[tuple[int, str]] = []  # (line number, line) of the current record
        self.size = 0
        self.pending: list[tuple[int, str]] = []  # lines to give out again, in reverse order

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.pending:
            n, line = self.pending.pop()
        else:
            line = self.stream.readline(self.limit + 1)
            if not line:
                raise StopIteration
            self.lineno += 1
            n = self.lineno
            if len(line) > self.limit and not line.endswith("\n"):
                while line and not line.endswith("\n"):
                    line = self.stream.readline(1 << 20)
                raise _TooLong(f"line {n} is over the limit of {size_label(self.limit)} for one article")
        self.size += len(line)
        if self.size > 2 * self.limit:
            raise _TooLong(f"the row from line {self.first_line()} on is over the limit of {size_label(self.limit)}")
        self.record.append((n, line))
        return line

    def start_record(self) -> None:
        self.record, self.size = [], 0

    def first_line(self) -> int:
        return self.record[0][0] if self.record else self.lineno

    def spanned(self) -> int:
        return len(self.record)

    def resume_after_first(self) -> None:
        """Give out again every line of the current record but its first."""
        self.pending.extend(reversed(self.record[1:]))
        self.start_record()


def _extra_fields(header: list[str], values: list[str]) -> bool:
    return any(v.strip() for v in values[len(header):])


def _unparsed_row(src: Source, n: int, lines: _Lines, exc: Exception) -> Problem:
    source, fallback_id = f"{src}#row{n}", f"{src.stem}-{n}"
    first = lines.first_line()
    if isinstance(exc, _TooLong) or "field larger than field limit" in str(exc):
        return Problem(fallback_id, source, "skipped", f"row {n} (line {first}): {exc}; not read, reading resumed on the next line")
    reason = (f"row {n} (line {first}) is malformed CSV ({exc}): a quote opened and not closed as it should be; "
              "the row is not read, reading resumed on the next line")
    return Problem(fallback_id, source, "failed", reason)


def _joined_rows(src: Source, n: int, lines: _Lines, got: int, want: int) -> Problem:
    first = lines.first_line()
    reason = (f"row {n} (line {first}) has a quoted field running over {lines.spanned()} lines and {got} fields, "
              f"the header {want}: a quote not closed joined rows together; the row is not read, "
              "reading resumed on the next line")
    return Problem(f"{src.stem}-{n}", f"{src}#row{n}", "failed", reason)


def _header_problem(header: list[str], src: Source, ctx: ReadContext) -> Problem | None:
    if not any(header):
        return Problem(src.stem, str(src), "empty", "file has no header row")
    wanted = {f.casefold() for f in ctx.fields.text}
    if any(h.casefold() in wanted for h in header):
        return None
    found = ", ".join(_UNDECODED.sub("?", h) for h in header)
    return Problem(src.stem, str(src), "failed", f"no text column: found {found}; looked for {', '.join(ctx.fields.text)}")


def _csv_row(header: list[str], values: list[str], n: int, src: Source, ctx: ReadContext) -> Article | Problem:
    source, fallback_id = f"{src}#row{n}", f"{src.stem}-{n}"
    if any(_UNDECODED.search(v) for v in values):
        return Problem(fallback_id, source, "failed", f"row {n} is not UTF-8 text")
    if any(v.strip() for v in values[len(header):]):  # blank extras: a trailing delimiter
        return Problem(fallback_id, source, "failed", f"row {n} has {len(values)} fields, the header {len(header)}")
    row: dict[str, str] = {}
    for name, value in zip(header, values):
        row.setdefault(name, value)  # a repeated column name: the first one counts
    return article_from_row(row, source, fallback_id, ctx.fields)


def _broken_stream(src: Source, where: str, exc: BaseException) -> Problem:
    if isinstance(exc, UnicodeDecodeError):
        what = f"not valid {(src.encoding or 'utf-8').upper()} text"
    else:
        what = "corrupt or truncated gzip data" if src.gzip_layers else "read error"
    return Problem(src.stem, f"{src}#{where}", "failed", f"{what}, reading stopped: {exc}")
