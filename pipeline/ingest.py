"""Readers: input paths → Article records (or Problem rows saying what went wrong).
Nothing else in the package reads input files.

Each file is read as the format its content shows (see readers/sniff.py): text,
HTML, JSON, JSONL, CSV/TSV or WARC, any of them gzip-compressed."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Iterator

from pipeline.readers.base import (  # re-exported: the public names of this module
    DEFAULT_FIELDS,
    ID_FIELDS,
    METADATA_NAME,
    PUBLISHED_FIELDS,
    TEXT_FIELDS,
    TITLE_FIELDS,
    URL_FIELDS,
    Problem,
    ReadContext,
    article_from_row,
    parse_published,
)
from pipeline.readers.html import read_html
from pipeline.readers.sniff import ProbeError, Source, probe, resolve
from pipeline.readers.tabular import read_csv, read_json, read_jsonl
from pipeline.readers.text import read_text
from pipeline.readers.warc import read_warc
from pipeline.records import Article

__all__ = [
    "InputError", "Problem", "article_from_row", "iter_files", "parse_published", "read_articles",
    "ID_FIELDS", "TEXT_FIELDS", "PUBLISHED_FIELDS", "TITLE_FIELDS", "URL_FIELDS", "METADATA_NAME",
]

Reader = Callable[[Source, ReadContext], Iterator[Article | Problem]]
READERS: dict[str, Reader] = {
    "text": read_text,
    "html": read_html,
    "json": read_json,
    "jsonl": read_jsonl,
    "warc": read_warc,
}


class InputError(Exception):
    """A user error about the inputs as a whole (e.g. a path that does not exist)."""


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The files named, and those found (recursively, sorted) in folders named."""
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts):
                    if f.name != METADATA_NAME:
                        yield f
        elif p.exists() or p.is_symlink():
            yield p
        else:
            raise InputError(f"no such file or folder: {p}")


def read_articles(
    paths: Iterable[str | Path],
    *,
    text_field: str | None = None,
    id_field: str | None = None,
    date_field: str | None = None,
    title_field: str | None = None,
) -> Iterator[Article | Problem]:
    """Every article in `paths`, in a stable order; doc_ids are unique (a repeat
    becomes a skipped Problem row). The *_field names, when given, are tried
    before the usual aliases in JSON, JSONL, CSV and TSV records."""
    fields = DEFAULT_FIELDS.preferring(text_field=text_field, id_field=id_field, date_field=date_field, title_field=title_field)
    ctx = ReadContext(fields=fields)
    seen: dict[str, str] = {}
    for f in iter_files(paths):
        for item in _read_file(f, ctx):
            if isinstance(item, Article):
                if item.doc_id in seen:
                    yield Problem(item.doc_id, item.source, "skipped", f"duplicate doc_id, first read from {seen[item.doc_id]}")
                    continue
                seen[item.doc_id] = item.source
            yield item


def _read_file(f: Path, ctx: ReadContext) -> Iterator[Article | Problem]:
    try:
        src, head = probe(f)
    except ProbeError as exc:
        yield Problem(exc.src.stem, str(f), "failed", str(exc))
        return
    kind = resolve(src, head, ctx.fields.text)
    if kind is None:
        yield Problem(src.stem, str(f), "skipped", f"unsupported file type {src.suffix or '(none)'}")
        return
    if kind.name == "csv":
        yield from read_csv(src, ctx, kind.delimiter)
    else:
        yield from READERS[kind.name](src, ctx)
