"""Telling formats apart: by extension, corrected by the first bytes of the content
(gzip layers are peeled off first, so `dump.dat` holding gzip'd JSONL reads as JSONL)."""
from __future__ import annotations

import codecs
import contextlib
import csv
import gzip
import json
import re
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO, Iterator

HEAD_BYTES = 64 * 1024
MAX_GZIP_LAYERS = 3
GZIP_MAGIC = b"\x1f\x8b"
# Errors a truncated or corrupt gzip stream raises while being read.
STREAM_ERRORS = (OSError, EOFError, zlib.error)

KIND_BY_SUFFIX = {
    ".txt": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv",
    ".warc": "warc",
}
DELIMITERS = (",", "\t", ";", "|")
_HTML_TAG = re.compile(r"<(?:!doctype\s+html|html|head|body)[\s>]", re.I)
# Byte-order marks, longest first (the UTF-32-LE mark starts with the UTF-16-LE one).
# Python's "utf-16"/"utf-32" codecs read the mark and drop it.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class ProbeError(Exception):
    """A file whose first bytes cannot be read (unreadable, corrupt gzip)."""

    def __init__(self, src: Source, reason: str) -> None:
        super().__init__(reason)
        self.src = src


class ReadProgress:
    """How far the readers are through the input files, in bytes of the files as
    stored (gzip'd ones by their compressed bytes): the files finished, and the
    position in the one being read."""

    def __init__(self) -> None:
        self.done = 0
        self._current: BinaryIO | None = None

    def reading(self, fh: BinaryIO) -> None:
        self._current = fh

    def finished(self, size: int) -> None:
        self.done += size
        self._current = None

    @property
    def bytes(self) -> int:
        fh = self._current
        try:
            return self.done + (fh.tell() if fh is not None else 0)
        except (OSError, ValueError):  # closed: its size is counted when the file is finished
            return self.done


@dataclass(frozen=True)
class Source:
    """An input file as its readers see it: the path, its name with .gz suffixes
    removed, and how many gzip layers wrap the content."""

    path: Path
    name: str
    gzip_layers: int = 0
    # "utf-16" or "utf-32" when a byte-order mark says so; None for UTF-8 (with or
    # without its mark) and for everything else.
    encoding: str | None = None
    # told of each opening of the file, for a progress bar in bytes read
    progress: ReadProgress | None = field(default=None, compare=False, repr=False)

    @property
    def stem(self) -> str:
        return shown(Path(self.name).stem)

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix.lower()

    def __str__(self) -> str:
        return shown(self.path)


def shown(path: str | Path) -> str:
    """A path as text that can be written: a name that is not UTF-8 (kept by Python as
    lone surrogates, which no UTF-8 writer accepts) shows its bytes as \\xNN escapes."""
    s = str(path)
    return s if s.isascii() else s.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


@dataclass(frozen=True)
class Kind:
    name: str  # text, html, json, jsonl, csv, warc
    delimiter: str = ""


@contextlib.contextmanager
def opened(src: Source) -> Iterator[BinaryIO]:
    """The decompressed content as a stream (never read whole here)."""
    with contextlib.ExitStack() as stack:
        stream: BinaryIO = stack.enter_context(src.path.open("rb"))
        if src.progress is not None:
            src.progress.reading(stream)
        for _ in range(src.gzip_layers):
            stream = stack.enter_context(gzip.GzipFile(fileobj=stream, mode="rb"))  # type: ignore[assignment]
        yield stream


def probe(path: Path) -> tuple[Source, bytes]:
    """The Source for `path` and the first bytes of its decompressed content."""
    src = Source(path, path.name)
    while True:
        head = _head(src)
        if not head.startswith(GZIP_MAGIC) or src.gzip_layers >= MAX_GZIP_LAYERS:
            wide = bom_encoding(head)
            return (replace(src, encoding=wide) if wide in ("utf-16", "utf-32") else src), head
        name = src.name[:-3] if src.name.lower().endswith(".gz") else src.name
        src = Source(path, name, src.gzip_layers + 1)


def bom_encoding(data: bytes) -> str | None:
    """The codec a byte-order mark at the start of `data` names, or None."""
    return next((codec for bom, codec in BOMS if data.startswith(bom)), None)


def head_text(head: bytes) -> str:
    """The first bytes as text, for sniffing only (a character cut at the end is dropped)."""
    codec = bom_encoding(head) or "utf-8"
    return head.decode(codec, errors="ignore").lstrip("\ufeff \t\r\n")


def _head(src: Source) -> bytes:
    """Up to HEAD_BYTES of content; a stream cut short later still sniffs (its
    reader reports where it breaks), one unreadable from the start does not."""
    chunks: list[bytes] = []
    size = 0
    try:
        with opened(src) as fh:
            while size < HEAD_BYTES and (chunk := fh.read(min(8192, HEAD_BYTES - size))):
                chunks.append(chunk)
                size += len(chunk)
    except STREAM_ERRORS as exc:
        if not chunks:
            what = "not a valid gzip file" if src.gzip_layers else "cannot read file"
            raise ProbeError(src, f"{what}: {getattr(exc, 'strerror', None) or exc}") from exc
    return b"".join(chunks)


def resolve(src: Source, head: bytes, text_fields: tuple[str, ...]) -> Kind | None:
    """The format to read `src` as, or None when neither name nor content says."""
    by_ext = KIND_BY_SUFFIX.get(src.suffix)
    text = head_text(head)
    if head.startswith(b"WARC/1.") or by_ext == "warc":
        return Kind("warc")
    # A page saved under another name (page.txt, feed.jsonl) is still a page.
    if by_ext == "html" or looks_like_html(text):
        return Kind("html")
    layout = json_layout(text)
    if by_ext in ("json", "jsonl") or (by_ext is None and layout):
        return Kind(_json_kind(layout, by_ext))
    if by_ext in ("csv", "tsv"):
        return Kind("csv", sniff_delimiter(text, "\t" if by_ext == "tsv" else ","))
    if by_ext == "text":
        return Kind("text")
    return _headered_table(text, text_fields)


def looks_like_html(text: str) -> bool:
    return text.startswith("<") and _HTML_TAG.search(text[:4096]) is not None


def json_layout(text: str) -> str | None:
    """"array", "object" (spanning lines), "lines" (one object per line),
    "line" (a single line: either reading gives the same), or None."""
    if text.startswith("["):
        return "array"
    if not text.startswith("{"):
        return None
    first, newline, rest = text.partition("\n")
    if not newline:
        return "line"  # one line, or a first line longer than the head
    following = [ln for ln in rest.split("\n")[:-1] if ln.strip()]  # the last may be cut by the head
    try:
        json.loads(first)
    except ValueError:
        # A broken first record of a JSONL dump, or the first line of a JSON document
        # over several lines: JSONL when a later line, not indented, is an object.
        return "lines" if any(_is_object_line(ln) for ln in following[:50]) else "object"
    return "lines" if (following or [rest.strip()])[0].lstrip().startswith("{") else "line"


def _is_object_line(line: str) -> bool:
    if not line.startswith("{"):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False


def _json_kind(layout: str | None, by_ext: str | None) -> str:
    if layout in ("array", "object"):
        return "json"
    if layout == "lines":
        return "jsonl"
    # Ambiguous or not JSON at all: the extension decides; unnamed → JSONL, which streams.
    return by_ext or "jsonl"


def sniff_delimiter(text: str, default: str) -> str:
    """The delimiter most frequent in the header line (headers are rarely quoted)."""
    header = text.partition("\n")[0]
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: (counts[d], d == default))
    return best if counts[best] else default


def _headered_table(text: str, text_fields: tuple[str, ...]) -> Kind | None:
    """A CSV/TSV without its extension: trusted only when a header names a text column."""
    delimiter = sniff_delimiter(text, ",")
    header_line = text.partition("\n")[0]
    if delimiter not in header_line:
        return None
    header = next(csv.reader([header_line], delimiter=delimiter), [])
    wanted = {f.casefold() for f in text_fields}
    if any(h.strip().casefold() in wanted for h in header):
        return Kind("csv", delimiter)
    return None
