"""The record contract shared by every writer and the evaluator (see README)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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


@dataclass
class Mention:
    doc_id: str
    type: str
    start: int
    end: int
    text: str
    value: dict[str, Any]
    sentence: str = ""
    method: str = ""
    source: str = ""
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            self.id = f"{self.doc_id}:{self.type}:{self.start}-{self.end}"

    def to_dict(self) -> dict[str, Any]:
        # built by hand: dataclasses.asdict deep-copies every value and cost more
        # than several rule components together
        return {k: (dict(self.value) if k == "value" else getattr(self, k)) for k in RECORD_FIELDS}


RECORD_FIELDS = ("id", "doc_id", "source", "type", "start", "end", "text", "sentence", "value", "method")

DOCUMENT_FIELDS = ("doc_id", "source", "title", "url", "published", "ref_date", "chars", "set_aside", "status", "reason", "mentions")
