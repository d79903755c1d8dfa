"""Readers: input paths → Article records (or Problem rows saying what went wrong).
Nothing else in the package reads input files.

Each file is read as the format its content shows (see readers/sniff.py): text,
HTML, JSON, JSONL, CSV/TSV or WARC, any of them gzip-compressed.

Whatever an input holds, reading it never raises (but for a path that does not
exist, InputError): every file, and every record of a dump, gives an Article or a
Problem row saying why there is none. A file that cannot be opened, is not a regular
file, is a dangling symbolic link, is binary, is over the size limit (MAX_BYTES), or
makes a reader fail unexpectedly gets a failed or skipped row, and the run goes on."""
from __future__ import annotations

import stat
from pathlib import Path
from typing import Callable, Iterable, Iterator

from pipeline.readers.base import (  # re-exported: the public names of this module
    DEFAULT_FIELDS,
    ID_FIELDS,
    MAX_BYTES,
    MAX_JSON_BYTES,
    METADATA_NAME,
    PUBLISHED_FIELDS,
    TEXT_FIELDS,
    TITLE_FIELDS,
    URL_FIELDS,
    NotedArticle,
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
    "InputError", "NotedArticle", "Problem", "article_from_row", "check_paths", "iter_files", "parse_published", "read_articles",
    "ID_FIELDS", "TEXT_FIELDS", "PUBLISHED_FIELDS", "TITLE_FIELDS", "URL_FIELDS", "METADATA_NAME",
    "MAX_BYTES", "MAX_JSON_BYTES",
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


def check_paths(paths: Iterable[str | Path]) -> None:
    """InputError for a named path that does not exist (checked before a run starts)."""
    for p in map(Path, paths):
        if not (p.exists() or p.is_symlink()):
            raise InputError(f"no such file or folder: {p}")


def iter_files(paths: Iterable[str | Path], exclude: str | Path | None = None) -> Iterator[Path]:
    """The files named, and those found (recursively, sorted) in folders named.
    Within folders, whatever is not a folder is listed (dangling symbolic links,
    FIFOs... too, so that each gets its row); hidden names and metadata.jsonl are not,
    symbolic links to folders are not followed, and nothing under `exclude` (the
    output folder, when it lies inside an input folder) is read back."""
    skip = Path(exclude).resolve() if exclude is not None else None
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.name == METADATA_NAME or any(part.startswith(".") for part in f.relative_to(p).parts):
                    continue
                if skip is not None and f.resolve().is_relative_to(skip):
                    continue
                if not f.is_dir() or f.is_symlink():
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
    max_bytes: int = MAX_BYTES,
    exclude: str | Path | None = None,
) -> Iterator[Article | Problem]:
    """Every article in `paths`, in a stable order; doc_ids are unique (a repeat
    becomes a skipped Problem row). The *_field names, when given, are tried
    before the usual aliases in JSON, JSONL, CSV and TSV records. An article
    over `max_bytes` (a text or HTML file, a JSONL line, a WARC record) is skipped
    unread, with a row saying so. Files under `exclude` are not read."""
    fields = DEFAULT_FIELDS.preferring(text_field=text_field, id_field=id_field, date_field=date_field, title_field=title_field)
    ctx = ReadContext(fields=fields, max_bytes=max_bytes)
    seen: dict[str, str] = {}
    for f in iter_files(paths, exclude):
        for item in _read_file(f, ctx):
            if isinstance(item, Article):
                if item.doc_id in seen:
                    yield Problem(item.doc_id, item.source, "skipped", f"duplicate doc_id, first read from {seen[item.doc_id]}")
                    continue
                seen[item.doc_id] = item.source
            yield item


def _read_file(f: Path, ctx: ReadContext) -> Iterator[Article | Problem]:
    """The items of one file; a reader that fails unexpectedly ends the file with a
    failed row (the items already read stand), never the run."""
    problem = _not_a_file(f)
    if problem is not None:
        yield problem
        return
    try:
        yield from _read_regular(f, ctx)
    except Exception as exc:  # noqa: BLE001 - a reader bug on one odd file must not stop the run
        yield Problem(f.stem, str(f), "failed", f"reading stopped: {type(exc).__name__}: {str(exc)[:200]}")


def _not_a_file(f: Path) -> Problem | None:
    """The row for a path that is no readable regular file, else None."""
    try:
        st = f.stat()
    except FileNotFoundError:
        if f.is_symlink():
            return Problem(f.stem, str(f), "failed", f"dangling symbolic link: its target {_link_target(f)} does not exist")
        return Problem(f.stem, str(f), "failed", "file disappeared while the run was reading")
    except OSError as exc:  # a link loop, a name too long, permissions on the way
        return Problem(f.stem, str(f), "failed", f"cannot read file: {exc.strerror or exc}")
    if stat.S_ISREG(st.st_mode):
        return None
    if stat.S_ISDIR(st.st_mode):
        return Problem(f.stem, str(f), "skipped", "symbolic link to a folder: not followed")
    return Problem(f.stem, str(f), "skipped", f"not a regular file ({_file_kind(st.st_mode)})")


def _link_target(f: Path) -> str:
    try:
        return str(f.readlink())
    except OSError:
        return "(unknown)"


def _file_kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "an unknown kind of file"


def _read_regular(f: Path, ctx: ReadContext) -> Iterator[Article | Problem]:
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
