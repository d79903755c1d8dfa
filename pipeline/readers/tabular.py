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

# Articles can be long; the csv module's default 128 KiB field limit is not.
csv.field_size_limit(2**31 - 1)
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
    data = read_whole(src, max(ctx.max_bytes, MAX_JSON_BYTES))
    if isinstance(data, Problem):
        yield data
        return
    try:
        doc = json.loads(data.decode(bom_encoding(data) or "utf-8"))
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
    row_no = 0
    try:
        with opened(src) as raw:
            lines = io.TextIOWrapper(raw, encoding=src.encoding or "utf-8-sig", errors="surrogateescape", newline="")
            reader = csv.reader(lines, delimiter=delimiter)
            header = [h.strip() for h in next(reader, [])]
            problem = _header_problem(header, src, ctx)
            if problem:
                yield problem
                return
            for values in reader:
                if any(v.strip() for v in values):  # blank lines are not rows (as in csv.DictReader)
                    row_no += 1
                    yield _csv_row(header, values, row_no, src, ctx)
    except UnicodeDecodeError as exc:  # only from UTF-16/32: UTF-8 is read with surrogateescape
        yield _broken_stream(src, f"row{row_no + 1}", exc)
        return
    except csv.Error as exc:
        yield Problem(f"{src.stem}-{row_no + 1}", f"{src}#row{row_no + 1}", "failed", f"malformed CSV, reading stopped: {exc}")
        return
    except STREAM_ERRORS as exc:
        yield _broken_stream(src, f"row{row_no + 1}", exc)
        return
    if row_no == 0:
        yield Problem(src.stem, str(src), "empty", "file has a header but no rows")


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
