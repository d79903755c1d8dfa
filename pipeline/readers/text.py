"""Plain text files (one article each), with a metadata.jsonl sidecar beside them."""
from __future__ import annotations

import codecs
import json
import re
from pathlib import Path
from typing import Iterator

from pipeline.readers.base import ID_FIELDS, METADATA_NAME, Problem, ReadContext, first_value, parse_published
from pipeline.readers.base import PUBLISHED_FIELDS, TITLE_FIELDS, URL_FIELDS, scalar_str, valid_unicode, with_note
from pipeline.readers.sniff import STREAM_ERRORS, Source, bom_encoding, opened
from pipeline.records import Article

# Formats that are surely not text, by their first bytes (named in the reason).
MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"\x7fELF", "an executable"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"(\xb5/\xfd", "zstd data"),
)
# C0 control characters (NUL too), except tab, line feed, vertical tab, form feed,
# carriage return. C1 controls are not counted: in text they are windows-1252
# punctuation decoded as Latin-1, or NEL line ends (base.repair_c1 reads them).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# A text where more than one character in this many is a control character is binary.
CONTROL_RATIO = 100
_ASCII_OR_SPACE = re.compile(r"[\s!-~]")


class NotText(ValueError):
    """Bytes that do not decode to text in any encoding tried."""


def read_whole(src: Source, limit: int, what: str = "one article") -> bytes | Problem:
    """The content of a single-article file, or the Problem row saying why not.
    A file over `limit` bytes is not read (a compressed one, no further than the limit)."""
    try:
        if not src.gzip_layers:
            size = src.path.stat().st_size
            if size > limit:
                return _too_big(src, f"file is {size_label(size)}, over", limit, what)
        with opened(src) as fh:
            data = fh.read(limit + 1)
    except STREAM_ERRORS as exc:
        what = "corrupt or truncated gzip data" if src.gzip_layers else "cannot read file"
        return Problem(src.stem, str(src), "failed", f"{what}: {getattr(exc, 'strerror', None) or exc}")
    if len(data) > limit:
        return _too_big(src, "decompressed content is over", limit, what)
    return data


def _too_big(src: Source, size: str, limit: int, what: str) -> Problem:
    reason = f"{size} the limit of {size_label(limit)} for {what}; not read"
    return Problem(src.stem, str(src), "skipped", reason)


def size_label(n: int) -> str:
    """A byte count for messages: '20.0 MiB', '1,000 bytes'."""
    return f"{n / 2**20:.1f} MiB" if n >= 2**20 else f"{n:,} bytes"


def decode_text(data: bytes) -> tuple[str, str | None]:
    """(text, note) for the bytes of a text file; `note` says how the text was decoded
    when that was not plain UTF-8, else None. Raises NotText for binary content.

    Tried in order: the encoding a byte-order mark names (UTF-32, UTF-8, UTF-16, the
    mark itself dropped); UTF-16 without a mark (every other byte NUL); UTF-8; and
    windows-1252, the usual encoding of text that is not UTF-8 (it reads Latin-1 text
    too, as browsers do). A decoded text with many control characters (NUL bytes
    among them) is binary, not text."""
    for magic, what in MAGIC:
        if data.startswith(magic):
            raise NotText(f"not text: the content is {what}")
    bom = bom_encoding(data)
    if bom in ("utf-32", "utf-16"):
        text = _strict(data, bom)
        if text is not None and looks_like_text(text, wide=True):
            return text, f"decoded as {bom.upper()} (byte-order mark)"
    unmarked = _unmarked_utf16(data)
    if unmarked:
        text = _strict(data, unmarked)
        if text is not None and looks_like_text(text, wide=True):
            return text, f"decoded as {unmarked.upper()} (no byte-order mark)"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        where = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
        text, note = mostly_utf8(data, where)
        if note is None:
            raise NotText(f"not UTF-8 text ({where}), nor windows-1252: binary content") from None
        if not looks_like_text(text):
            raise NotText(f"not UTF-8 text ({where}): binary content (NUL bytes or control characters)") from None
        return text, note
    if not looks_like_text(text):
        raise NotText("not text: binary content (NUL bytes or control characters)")
    return text, None


class _Fallback:
    """The codec error handler "newsfacts.cp1252": a byte that is not UTF-8 is read as
    the windows-1252 character it is (Latin-1 text too), one not defined there as
    U+FFFD; it counts both."""

    bytes = undefined = 0

    def __call__(self, exc: UnicodeDecodeError) -> tuple[str, int]:
        bad = exc.object[exc.start:exc.end]
        chars = bad.decode("cp1252", errors="replace")
        self.bytes += len(bad)
        self.undefined += chars.count("\N{REPLACEMENT CHARACTER}")
        return chars, exc.end


_FALLBACK = _Fallback()
codecs.register_error("newsfacts.cp1252", _FALLBACK)


def mostly_utf8(data: bytes, where: str) -> tuple[str, str | None]:
    """(text, note) for bytes that are not all UTF-8: each byte sequence that is
    decodes as UTF-8, each byte that is not as windows-1252, so a stray byte or a
    Latin-1 line in a UTF-8 file leaves the rest as it is (a euro sign stays a euro
    sign). A file with no UTF-8 beyond ASCII is windows-1252 throughout (the usual
    encoding of text that is not UTF-8; it reads Latin-1 too). The note is None when
    the bytes are neither (binary content)."""
    _FALLBACK.bytes = _FALLBACK.undefined = 0
    text = data.decode("utf-8-sig", errors="newsfacts.cp1252")
    whole = _strict(data, "cp1252")
    if whole is not None and whole == text:
        return text, f"not UTF-8 ({where}): decoded as windows-1252"
    if whole is None and text == data.decode("cp1252", errors="replace"):
        return text, None  # no UTF-8 in it, and bytes windows-1252 does not define: not text
    if _FALLBACK.undefined * CONTROL_RATIO > len(text):
        return text, None
    note = (f"not all UTF-8 ({where}): {_FALLBACK.bytes:,} byte{'s' if _FALLBACK.bytes > 1 else ''} not UTF-8 "
            "read as windows-1252, the rest as UTF-8")
    if _FALLBACK.undefined:
        note += f" ({_FALLBACK.undefined:,} undefined there replaced by U+FFFD)"
    return text, note


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _unmarked_utf16(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when half or more of the bytes at odd (LE) or even (BE)
    offsets are NUL, as in UTF-16 text that is mostly ASCII, and none of the others
    are; else None."""
    if len(data) < 4 or len(data) % 2 or b"\x00" not in data[:4096]:
        return None
    even, odd = data[0::2], data[1::2]
    for zeros, others, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) * 2 >= len(zeros) and others.count(0) == 0:
            return codec
    return None


def looks_like_text(text: str, *, wide: bool = False) -> bool:
    """At most one character in CONTROL_RATIO a control character (NUL included: a
    stray one in a long article is tolerated, a zero-filled file is not). A text decoded
    from UTF-16/32 (`wide`) must also hold some whitespace or ASCII: random bytes
    decode to those encodings too, as rare characters without a single space."""
    if len(_CONTROL.findall(text)) * CONTROL_RATIO > len(text):
        return False
    return not wide or _ASCII_OR_SPACE.search(text) is not None


def read_text(src: Source, ctx: ReadContext) -> Iterator[Article | Problem]:
    data = read_whole(src, ctx.max_bytes)
    if isinstance(data, Problem):
        yield data
        return
    try:
        text, note = decode_text(data)
    except NotText as exc:
        yield Problem(src.stem, str(src), "failed", str(exc))
        return
    if not text.strip():
        yield Problem(src.stem, str(src), "empty", "file has no text")
        return
    meta = sidecar(src.path.parent, ctx).get(src.stem, {})
    article = Article(
        doc_id=src.stem,
        text=text,
        source=str(src),
        published=parse_published(first_value(meta, PUBLISHED_FIELDS)),
        title=scalar_str(first_value(meta, TITLE_FIELDS)),
        url=scalar_str(first_value(meta, URL_FIELDS)),
    )
    yield with_note(article, note)


def sidecar(folder: Path, ctx: ReadContext) -> dict[str, dict]:
    """metadata.jsonl beside single-article files: one object per doc_id. Lines that
    are not JSON objects with an id are passed over; an unreadable sidecar is as none."""
    if folder not in ctx.sidecars:
        table: dict[str, dict] = {}
        path = folder / METADATA_NAME
        try:
            lines = path.read_bytes().splitlines() if path.is_file() else []
        except OSError:
            lines = []
        for line in lines:
            try:
                row = json.loads(line.decode("utf-8-sig"))
            except (UnicodeDecodeError, ValueError, RecursionError):
                continue
            if isinstance(row, dict) and first_value(row, ID_FIELDS):
                table[valid_unicode(str(first_value(row, ID_FIELDS)))[0]] = row
        ctx.sidecars[folder] = table
    return ctx.sidecars[folder]
