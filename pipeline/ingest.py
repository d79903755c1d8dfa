"""Readers: input paths → Article records (or Problem rows saying what went wrong).
Nothing else in the package reads input files."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from pipeline.records import Article

TEXT_SUFFIXES = {".txt", ".md"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
METADATA_NAME = "metadata.jsonl"

# Field names used by news APIs and scrapers (news-please, NewsAPI, GDELT exports...).
ID_FIELDS = ("id", "doc_id", "_id", "uuid", "article_id", "guid")
TEXT_FIELDS = ("text", "body", "content", "maintext", "article", "full_text", "article_text")
PUBLISHED_FIELDS = ("published", "date", "date_publish", "published_at", "publishedAt", "pubdate", "publish_date")
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link", "source_url")


@dataclass(frozen=True)
class Problem:
    """An input that yields no article, and why (a row of documents.jsonl)."""

    doc_id: str
    source: str
    status: str  # "empty", "skipped" or "failed"
    reason: str


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


def read_articles(paths: Iterable[str | Path]) -> Iterator[Article | Problem]:
    """Every article in `paths`, in a stable order; doc_ids are unique (a repeat
    becomes a skipped Problem row)."""
    seen: dict[str, str] = {}
    metadata: dict[Path, dict[str, dict]] = {}
    for f in iter_files(paths):
        for item in _read_file(f, metadata):
            if isinstance(item, Article):
                if item.doc_id in seen:
                    yield Problem(item.doc_id, item.source, "skipped", f"duplicate doc_id, first read from {seen[item.doc_id]}")
                    continue
                seen[item.doc_id] = item.source
            yield item


def _read_file(f: Path, metadata: dict[Path, dict[str, dict]]) -> Iterator[Article | Problem]:
    suffix = f.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        yield _read_text(f, metadata)
    elif suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(f)
    else:
        yield Problem(f.stem, str(f), "skipped", f"unsupported file type {suffix or '(none)'}")


def _read_bytes(f: Path) -> tuple[str | None, str | None]:
    """(text, None) or (None, reason)."""
    try:
        data = f.read_bytes()
    except OSError as exc:
        return None, f"cannot read file: {exc.strerror or exc}"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return None, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"


def _read_text(f: Path, metadata: dict[Path, dict[str, dict]]) -> Article | Problem:
    text, reason = _read_bytes(f)
    if text is None:
        return Problem(f.stem, str(f), "failed", reason or "unreadable")
    if not text.strip():
        return Problem(f.stem, str(f), "empty", "file has no text")
    meta = _metadata_for(f.parent, metadata).get(f.stem, {})
    return Article(
        doc_id=f.stem,
        text=text,
        source=str(f),
        published=parse_published(_first(meta, PUBLISHED_FIELDS)),
        title=_first(meta, TITLE_FIELDS),
        url=_first(meta, URL_FIELDS),
    )


def _metadata_for(folder: Path, cache: dict[Path, dict[str, dict]]) -> dict[str, dict]:
    """metadata.jsonl beside text files: one object per doc_id."""
    if folder not in cache:
        table: dict[str, dict] = {}
        path = folder / METADATA_NAME
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    row = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if isinstance(row, dict) and _first(row, ID_FIELDS):
                    table[str(_first(row, ID_FIELDS))] = row
        cache[folder] = table
    return cache[folder]


def _read_jsonl(f: Path) -> Iterator[Article | Problem]:
    try:
        fh = f.open("rb")
    except OSError as exc:
        yield Problem(f.stem, str(f), "failed", f"cannot read file: {exc.strerror or exc}")
        return
    with fh:
        for lineno, raw in enumerate(fh, 1):
            source = f"{f}#line{lineno}"
            if not raw.strip():
                continue
            fallback_id = f"{f.stem}-{lineno}"
            try:
                row = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                yield Problem(fallback_id, source, "failed", f"line {lineno} is not valid JSON: {exc}")
                continue
            if not isinstance(row, dict):
                yield Problem(fallback_id, source, "failed", f"line {lineno} is not a JSON object")
                continue
            yield article_from_row(row, source, fallback_id)


def article_from_row(row: dict, source: str, fallback_id: str) -> Article | Problem:
    """An article from one record of a dump, by the usual field names."""
    doc_id = str(_first(row, ID_FIELDS) or fallback_id)
    text = _first(row, TEXT_FIELDS)
    if text is None:
        return Problem(doc_id, source, "failed", f"no text field (looked for {', '.join(TEXT_FIELDS)})")
    if not isinstance(text, str):
        return Problem(doc_id, source, "failed", "text field is not a string")
    if not text.strip():
        return Problem(doc_id, source, "empty", "text field is empty")
    return Article(
        doc_id=doc_id,
        text=text,
        source=source,
        published=parse_published(_first(row, PUBLISHED_FIELDS)),
        title=_first(row, TITLE_FIELDS),
        url=_first(row, URL_FIELDS),
    )


def _first(row: dict, fields: tuple[str, ...]):
    for k in fields:
        if row.get(k) not in (None, ""):
            return row[k]
    return None


_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def parse_published(value: object) -> str | None:
    """A publication date as YYYY-MM-DD, from ISO dates and timestamps; anything
    else (a relative phrase, garbage) is None: it is never guessed against today."""
    if not isinstance(value, str):
        return None
    m = _ISO_DAY.match(value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None
