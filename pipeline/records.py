"""The record contract shared by every writer and the evaluator (see README)."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from types import UnionType
from typing import Any, Union, get_args, get_origin, get_type_hints

TYPES = ("money", "percent", "date", "org", "model")

# The value keys of each mention type, in output order; nothing else is written.
VALUE_KEYS: dict[str, tuple[str, ...]] = {
    "money": ("amount", "low", "high", "currency", "qualifier", "vague"),
    "percent": ("value", "low", "high", "qualifier", "direction", "basis", "unit"),
    "date": ("value", "start", "end", "granularity", "modifier", "relative"),
    "org": ("name", "ticker"),
    "model": ("name", "developer"),
}


def shape_value(mtype: str, value: dict[str, Any]) -> dict[str, Any]:
    """Return `value` with exactly the keys of its type (missing ones null)."""
    keys = VALUE_KEYS[mtype]
    unknown = set(value) - set(keys)
    if unknown:
        raise ValueError(f"{mtype} value has unknown keys: {sorted(unknown)}")
    return {k: value.get(k) for k in keys}


@dataclass(frozen=True)
class Article:
    doc_id: str
    text: str
    source: str = ""
    published: str | None = None  # ISO date YYYY-MM-DD
    title: str | None = None
    url: str | None = None


# The three records below are declared once, here: every writer takes its keys and
# columns from them (`fields_of`, `columns_of`), so a field added here reaches
# mentions.jsonl/.csv/.parquet, documents.jsonl and every SQLite table. A field's
# place in the class is its place in the output.


@dataclass
class Mention:
    """One fact at its exact characters: `text == document[start:end]`. Positional
    arguments are doc_id, type, start, end, text, value, as they always were."""

    id: str = field(default="", kw_only=True)
    doc_id: str
    source: str = field(default="", kw_only=True)
    type: str
    start: int
    end: int
    text: str
    sentence: str = field(default="", kw_only=True)
    value: dict[str, Any]
    method: str = field(default="", kw_only=True)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = f"{self.doc_id}:{self.type}:{self.start}-{self.end}"

    def to_dict(self) -> dict[str, Any]:
        # built by hand: dataclasses.asdict deep-copies every value and cost more
        # than several rule components together
        return {k: (dict(self.value) if k == "value" else getattr(self, k)) for k in RECORD_FIELDS}


@dataclass
class Document:
    """A documents.jsonl row: one per input document, whatever happened to it
    (status ok, empty, skipped or failed; `reason` says why). The run passes rows
    as dicts with exactly these keys."""

    doc_id: str
    source: str
    title: str | None
    url: str | None
    published: str | None  # ISO date YYYY-MM-DD
    ref_date: str | None  # the date relative dates were resolved against
    chars: int
    set_aside: int  # characters set aside as page furniture
    status: str
    reason: str | None
    mentions: int


@dataclass
class Claim:
    """A claims.jsonl record (docs/CLAIMS.md): one figure of a sentence, who, what
    metric, how much, what change, when, according to whom. Figures are cited by
    mention id. Built as dicts by pipeline.claims (render.py); `flags` are the
    checks added when the run closes (claims/ondisk.py)."""

    id: str
    doc_id: str
    sentence: dict[str, Any]  # start, end, text
    subjects: list[dict[str, Any]]
    counterparties: list[dict[str, Any]]
    segment: str | None
    scope: str | None
    metric: str | None
    metric_cue: str | None
    amount: dict[str, Any] | None
    amount_converted: dict[str, Any] | None
    restated: list[dict[str, Any]]
    from_: dict[str, Any] | None = field(metadata={"key": "from"})
    change: dict[str, Any] | None
    count: dict[str, Any] | None
    period: dict[str, Any] | None
    attribution: dict[str, Any] | None
    hedged: bool
    hedges: list[str]
    continuation: dict[str, Any] | None
    published: str | None
    article_rates: list[dict[str, Any]]
    flags: list[dict[str, Any]]


def _alternatives(hint: Any) -> list[Any]:
    """The types an annotation allows, None left out (`str | None` → [str])."""
    kinds = get_args(hint) if get_origin(hint) in (Union, UnionType) else (hint,)
    return [k for k in kinds if k is not type(None)]


def fields_of(record: type) -> tuple[str, ...]:
    """The output keys of a record class, in order (a field named for a Python
    keyword says its key in its metadata: `from_` is "from")."""
    return tuple(f.metadata.get("key", f.name) for f in dataclasses.fields(record))


def columns_of(record: type) -> dict[str, type]:
    """Output key → the kind of column it is written to: int, float, bool or str
    (nested values are written as JSON text)."""
    hints = get_type_hints(record)
    out: dict[str, type] = {}
    for f in dataclasses.fields(record):
        kinds = _alternatives(hints[f.name])
        out[f.metadata.get("key", f.name)] = kinds[0] if len(kinds) == 1 and kinds[0] in (int, float, bool) else str
    return out


def nested_of(record: type) -> tuple[str, ...]:
    """The output keys of a record class whose values are objects or lists."""
    hints = get_type_hints(record)
    return tuple(
        f.metadata.get("key", f.name) for f in dataclasses.fields(record)
        if any((get_origin(k) or k) in (dict, list) for k in _alternatives(hints[f.name]))
    )


RECORD_FIELDS = fields_of(Mention)
DOCUMENT_FIELDS = fields_of(Document)
CLAIM_FIELDS = fields_of(Claim)
