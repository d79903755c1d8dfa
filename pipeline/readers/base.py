"""What every reader shares: the Problem row, field-name aliases, row → Article."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from datetime import date
from email.utils import parsedate_tz
from pathlib import Path
from typing import Any, Mapping

from pipeline.readers.sniff import ReadProgress
from pipeline.records import Article

METADATA_NAME = "metadata.jsonl"  # sidecar of published/title/url for single-article files

# The most bytes one article may take: a text or HTML file, a JSONL line, a WARC
# record. Larger inputs are skipped with a row saying so, before they are read whole
# (read_articles(max_bytes=...) changes it). spaCy's own limit (1,000,000 characters
# by default) still applies to the text that is read.
MAX_BYTES = 20 * 1024 * 1024
# A JSON document is a dump parsed whole (json has no streaming parser): it may be
# larger than one article, but not unbounded. Parsing takes about three times its
# size in memory, so bigger dumps should come as JSONL, which is read line by line.
MAX_JSON_BYTES = 5 * MAX_BYTES
# An id is repeated in every record of its document: a longer one is shortened (its
# start and a hash of the whole, so ids stay unique and stable) and the row says so.
MAX_ID_CHARS = 256

# Field names used by news APIs and scrapers (news-please, NewsAPI, GDELT exports...).
# Matched exactly first, then case-insensitively (CSV headers, camelCase variants).
ID_FIELDS = ("id", "doc_id", "_id", "uuid", "article_id", "guid")
TEXT_FIELDS = ("text", "body", "content", "maintext", "article", "full_text", "article_text", "description", "summary")
PUBLISHED_FIELDS = (
    "published", "date", "date_publish", "published_at", "publishedAt", "pubdate", "publish_date",
    "datePublished", "date_published", "published_date", "seendate",
)
TITLE_FIELDS = ("title", "headline", "webTitle")
URL_FIELDS = ("url", "link", "source_url", "webUrl", "web_url", "DocumentIdentifier")


@dataclass(frozen=True)
class Problem:
    """An input that yields no article, and why (a row of documents.jsonl)."""

    doc_id: str
    source: str
    status: str  # "empty", "skipped" or "failed"
    reason: str


@dataclass(frozen=True)
class NotedArticle(Article):
    """An article read with a caveat worth telling the user, though its text is
    usable (status ok): it was not UTF-8 and was decoded another way, or invalid
    characters in it were replaced. `note` is meant for the `reason` column of its
    documents.jsonl row."""

    note: str | None = None


def with_note(article: Article, note: str | None) -> Article:
    """`article`, carrying `note` (added to any note it has) when there is one."""
    if not note:
        return article
    earlier = getattr(article, "note", None)
    values = {f.name: getattr(article, f.name) for f in dataclass_fields(Article) if f.name != "note"}
    return NotedArticle(**values, note=f"{earlier}; {note}" if earlier else note)


# Lone UTF-16 surrogates: a JSON "\ud800" escape decodes to one, and no UTF-8
# writer can encode it. Each becomes U+FFFD, so text lengths and offsets stay as read.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def valid_unicode(value: str) -> tuple[str, int]:
    """(value with lone surrogates replaced by U+FFFD, how many were replaced)."""
    return _SURROGATE.subn("\N{REPLACEMENT CHARACTER}", value)


# C1 control characters in text: cp1252 punctuation (curly quotes, dashes, the euro
# sign) decoded as Latin-1 shows as U+0080-U+009F; Python's cp1252 codec is the table
# back. Each is one character for one, so offsets into the repaired text hold.
_C1 = re.compile("[\x80-\x9f]")
_C1_AS_CP1252 = {c: bytes([c]).decode("cp1252", errors="ignore") or chr(c) for c in range(0x80, 0xA0)}
_NEL = "\x85"


def repair_c1(text: str) -> tuple[str, str | None]:
    """(text with its C1 controls read as what they stand for, a note when any were).
    NEL (U+0085) alone is a line end (as from EBCDIC text) and becomes a line feed;
    among other C1 controls it is windows-1252's ellipsis like them."""
    found = _C1.findall(text)
    if not found:
        return text, None
    if all(c == _NEL for c in found):
        return text.replace(_NEL, "\n"), f"{len(found):,} NEL line end{'s' if len(found) > 1 else ''} read as line feeds"
    fixed = text.translate({c: v for c, v in _C1_AS_CP1252.items()})
    n = sum(1 for a, b in zip(text, fixed) if a != b) if len(found) < 1000 else len(found)
    return fixed, f"{n:,} C1 control character{'s' if n > 1 else ''} read as the windows-1252 characters they encode (text decoded as Latin-1)"


@dataclass(frozen=True)
class FieldNames:
    """The field names tried, in order, for each Article attribute of a record."""

    ids: tuple[str, ...] = ID_FIELDS
    text: tuple[str, ...] = TEXT_FIELDS
    published: tuple[str, ...] = PUBLISHED_FIELDS
    title: tuple[str, ...] = TITLE_FIELDS
    url: tuple[str, ...] = URL_FIELDS

    def preferring(
        self,
        *,
        text_field: str | None = None,
        id_field: str | None = None,
        date_field: str | None = None,
        title_field: str | None = None,
    ) -> FieldNames:
        """These names with the user's own tried first."""
        return FieldNames(
            ids=_prepend(id_field, self.ids),
            text=_prepend(text_field, self.text),
            published=_prepend(date_field, self.published),
            title=_prepend(title_field, self.title),
            url=self.url,
        )


DEFAULT_FIELDS = FieldNames()


def _prepend(name: str | None, names: tuple[str, ...]) -> tuple[str, ...]:
    return names if not name else (name,) + tuple(n for n in names if n != name)


def article_from_row(row: dict, source: str, fallback_id: str, fields: FieldNames = DEFAULT_FIELDS) -> Article | Problem:
    """An article from one record of a dump, by the usual field names."""
    folded = _casefolded(row)
    doc_id, id_note = capped_id(valid_unicode(str(first_value(row, fields.ids, folded) or fallback_id))[0])
    text = first_value(row, fields.text, folded)
    if text is None and _has_blank(row, fields.text, folded):
        return Problem(doc_id, source, "empty", "text field is empty")
    if text is None:
        return Problem(doc_id, source, "failed", f"no text field (looked for {', '.join(fields.text)})")
    if not isinstance(text, str):
        return Problem(doc_id, source, "failed", "text field is not a string")
    if not text.strip():
        return Problem(doc_id, source, "empty", "text field is empty")
    text, replaced = valid_unicode(text)
    stated = first_value(row, fields.published, folded)
    if placeholder_date(stated):
        id_note = "; ".join(filter(None, (id_note, f"publication date {str(stated)[:40]} is a placeholder: taken as unknown")))
    article = Article(
        doc_id=doc_id,
        text=text,
        source=source,
        published=parse_published(stated),
        title=scalar_str(first_value(row, fields.title, folded)),
        url=scalar_str(first_value(row, fields.url, folded)),
    )
    note = f"{replaced} unpaired surrogate escape{'s' if replaced > 1 else ''} in the text replaced by U+FFFD" if replaced else None
    return with_note(with_note(article, id_note), note)


def capped_id(doc_id: str) -> tuple[str, str | None]:
    """(the id, at most MAX_ID_CHARS long; a note when it had to be shortened)."""
    if len(doc_id) <= MAX_ID_CHARS:
        return doc_id, None
    digest = hashlib.sha1(doc_id.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{doc_id[: MAX_ID_CHARS - 17]}~{digest}", f"id of {len(doc_id):,} characters shortened to {MAX_ID_CHARS}"


def first_value(row: Mapping[str, Any], names: tuple[str, ...], folded: Mapping[str, Any] | None = None) -> Any:
    """The first non-empty value among `names`: exact names first, then any case."""
    for k in names:
        if row.get(k) not in (None, ""):
            return row[k]
    folded = _casefolded(row) if folded is None else folded
    for k in names:
        if folded.get(k.casefold()) not in (None, ""):
            return folded[k.casefold()]
    return None


def _has_blank(row: Mapping[str, Any], names: tuple[str, ...], folded: Mapping[str, Any]) -> bool:
    """Whether a text field is there but blank (an empty CSV cell): empty, not missing."""
    return any(row.get(k) == "" or folded.get(k.casefold()) == "" for k in names)


def _casefolded(row: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in row.items():
        out.setdefault(str(k).casefold(), v)
    return out


def scalar_str(value: Any) -> str | None:
    """A title or URL as a string: they go to flat output columns, so nested values
    are dropped, not dumped, and lone surrogates become U+FFFD."""
    if isinstance(value, str):
        return valid_unicode(value)[0]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
# GDELT's 20240219T080000Z / 20240219080000 and a bare 20240219.
_COMPACT_DAY = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:T\d|\d{6}(?!\d)|\s|$)")
# RSS / HTTP dates: "Mon, 19 Feb 2024 08:00:00 GMT".
_RFC2822 = re.compile(r"^\s*(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s")


def parse_published(value: object) -> str | None:
    """A publication date as YYYY-MM-DD, from ISO dates and timestamps (also GDELT's
    compact form and RFC 2822); the date is taken as written, with no time-zone
    shift. Anything else (a relative phrase, garbage) is None: it is never guessed
    against today."""
    if not isinstance(value, str):
        return None
    m = _ISO_DAY.match(value) or _COMPACT_DAY.match(value)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if _RFC2822.match(value):
        parts = parsedate_tz(value)
        if parts:
            return _iso(parts[0], parts[1], parts[2])
    return None


# Publication years outside these are placeholders (0001-01-01 and 9999-12-31 are the
# least and greatest dates many databases hold), not dates: they are unknown, and
# relative dates are not resolved against them.
PUBLISHED_YEARS = range(1000, 3000)


def placeholder_date(value: object) -> bool:
    """Whether a stated publication date is a placeholder (see PUBLISHED_YEARS)."""
    m = _ISO_DAY.match(value) if isinstance(value, str) else None
    return m is not None and int(m.group(1)) not in PUBLISHED_YEARS


def _iso(year: int, month: int, day: int) -> str | None:
    if year not in PUBLISHED_YEARS:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


@dataclass
class ReadContext:
    """What a run's readers share: field names to try, and sidecar metadata by folder."""

    fields: FieldNames = DEFAULT_FIELDS
    sidecars: dict[Path, dict[str, dict]] = field(default_factory=dict)
    max_bytes: int = MAX_BYTES  # the most one article may take (see MAX_BYTES)
    progress: ReadProgress | None = None  # kept up to date with the bytes read, for a progress bar
