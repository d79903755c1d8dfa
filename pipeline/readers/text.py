"""Plain text files (one article each), with a metadata.jsonl sidecar beside them."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from pipeline.readers.base import ID_FIELDS, METADATA_NAME, Problem, ReadContext, first_value, parse_published
from pipeline.readers.base import PUBLISHED_FIELDS, TITLE_FIELDS, URL_FIELDS
from pipeline.readers.sniff import STREAM_ERRORS, Source, opened
from pipeline.records import Article


def read_whole(src: Source) -> tuple[bytes | None, str | None]:
    """(content, None) or (None, reason). One file is one article, so it is read whole."""
    try:
        with opened(src) as fh:
            return fh.read(), None
    except STREAM_ERRORS as exc:
        what = "corrupt or truncated gzip data" if src.gzip_layers else "cannot read file"
        return None, f"{what}: {getattr(exc, 'strerror', None) or exc}"


def read_text(src: Source, ctx: ReadContext) -> Iterator[Article | Problem]:
    data, reason = read_whole(src)
    if data is None:
        yield Problem(src.stem, str(src), "failed", reason or "unreadable")
        return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        yield Problem(src.stem, str(src), "failed", f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})")
        return
    if not text.strip():
        yield Problem(src.stem, str(src), "empty", "file has no text")
        return
    meta = sidecar(src.path.parent, ctx).get(src.stem, {})
    yield Article(
        doc_id=src.stem,
        text=text,
        source=str(src),
        published=parse_published(first_value(meta, PUBLISHED_FIELDS)),
        title=first_value(meta, TITLE_FIELDS),
        url=first_value(meta, URL_FIELDS),
    )


def sidecar(folder: Path, ctx: ReadContext) -> dict[str, dict]:
    """metadata.jsonl beside single-article files: one object per doc_id."""
    if folder not in ctx.sidecars:
        table: dict[str, dict] = {}
        path = folder / METADATA_NAME
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    row = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if isinstance(row, dict) and first_value(row, ID_FIELDS):
                    table[str(first_value(row, ID_FIELDS))] = row
        ctx.sidecars[folder] = table
    return ctx.sidecars[folder]
