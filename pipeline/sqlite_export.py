"""OUT_DIR/newsfacts.sqlite: every record of an output folder in one SQLite file,
shaped for Datasette (`datasette newsfacts.sqlite -m metadata.json`) and sqlite3.

Written with sqlite-utils: primary keys, foreign keys from mentions, claims,
texts and verdicts to their document (and from a claim to its figures'
mentions), full-text search over texts, titles, sentences and claims, and
OUT_DIR/metadata.json with the tables' descriptions and facets. Nested values
are kept whole as JSON text (SQLite's json_extract reads them) and the common
value keys are also flattened into typed columns, so a reporter can filter
`amount > 1e9 AND currency = 'USD'` without JSON. The `verdicts` table holds the
journalists' verdicts of review.sqlite joined to their records.

Built in a temporary file in the same folder and renamed into place; when that
fails, the previous run's file is removed too, so a newsfacts.sqlite never
stands beside JSONL files it does not describe."""
from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import sqlite_utils

from pipeline.atomic import atomic_path, atomic_write
from pipeline.export import SQLITE_NAME
from pipeline.records import CLAIM_FIELDS, RECORD_FIELDS, Claim, Document, Mention, columns_of, nested_of
from pipeline.report import as_dict, claim_flags, read_jsonl, readable_value
from pipeline.reviewed import columns as verdict_columns
from pipeline.reviewed import reviewed_rows

DB_NAME = SQLITE_NAME
METADATA_NAME = "metadata.json"
BATCH = 5000

# value key of each mention type → flattened column; a percent's figure goes to
# `amount` so one column holds the number of every numeric mention.
_FLAT: dict[str, dict[str, str]] = {
    "money": {"amount": "amount", "low": "low", "high": "high", "currency": "currency", "qualifier": "qualifier"},
    "percent": {
        "value": "amount", "low": "low", "high": "high", "qualifier": "qualifier",
        "direction": "direction", "basis": "basis", "unit": "unit",
    },
    "date": {"value": "date_value", "start": "date_start", "end": "date_end"},
    "org": {"name": "name", "ticker": "ticker"},
    "model": {"name": "name", "developer": "developer"},
}

_FLAT_KINDS: dict[str, type] = {
    "amount": float, "low": float, "high": float, "currency": str, "qualifier": str, "direction": str,
    "basis": str, "unit": str, "date_value": str, "date_start": str, "date_end": str, "name": str,
    "developer": str, "ticker": str,
}
assert set(_FLAT_KINDS) == {col for cols in _FLAT.values() for col in cols.values()}

# The claim fields with a column of their own (nested ones as JSON text), in table
# order, and the columns flattened from some of them (`sentence` is only flattened);
# every other field of a claim goes to `extra`.
_CLAIM_OWN = ("id", "doc_id", "sentence", "subjects", "counterparties", "segment", "metric", "scope", "amount",
              "change", "period", "attribution", "hedged", "hedges", "flags")
_CLAIM_FLAT: dict[str, list[tuple[str, type]]] = {
    "sentence": [("sentence_start", int), ("sentence_end", int), ("sentence_text", str)],
    "subjects": [("subject_names", str)],
    "amount": [("amount_value", float), ("amount_currency", str), ("amount_mention", str)],
    "change": [("change_mention", str)],
    "period": [("period_mention", str)],
    "flags": [("flag_names", str)],
}
assert set(_CLAIM_OWN) <= set(CLAIM_FIELDS)
_CLAIM_JSON = tuple(k for k in nested_of(Claim) if k in _CLAIM_OWN and k != "sentence")


def _kind(kind: type) -> type:
    return int if kind is bool else kind  # SQLite keeps booleans as 0/1


def document_columns(document: type = Document) -> list[tuple[str, type]]:
    return [(key, _kind(kind)) for key, kind in columns_of(document).items()]


def mention_columns(mention: type = Mention) -> list[tuple[str, type]]:
    """The record's fields (its value as JSON text, its readable form just after),
    then the value's keys flattened into typed columns."""
    out: list[tuple[str, type]] = []
    for key, kind in columns_of(mention).items():
        out.append((key, _kind(kind)))
        if key == "value":
            out.append(("normalized", str))
    return out + list(_FLAT_KINDS.items())


def claim_columns(claim: type = Claim) -> list[tuple[str, type]]:
    """The claim fields of _CLAIM_OWN, each followed by what is flattened from it,
    then `extra`: the claim's other fields, as JSON."""
    kinds = columns_of(claim)
    out: list[tuple[str, type]] = []
    for key in _CLAIM_OWN:
        if key != "sentence":
            out.append((key, _kind(kinds[key])))
        out += _CLAIM_FLAT.get(key, [])
    return out + [("extra", str)]


TABLES: dict[str, list[tuple[str, type]]] = {
    "documents": document_columns(),
    "texts": [("doc_id", str), ("text", str)],
    "mentions": mention_columns(),
    "claims": claim_columns(),
}
KEYS = {"documents": "doc_id", "texts": "doc_id", "mentions": "id", "claims": "id", "verdicts": "record_id"}
FOREIGN_KEYS: dict[str, list[tuple[str, str, str]]] = {
    "texts": [("doc_id", "documents", "doc_id")],
    "mentions": [("doc_id", "documents", "doc_id")],
    "claims": [
        ("doc_id", "documents", "doc_id"),
        ("amount_mention", "mentions", "id"),
        ("change_mention", "mentions", "id"),
        ("period_mention", "mentions", "id"),
    ],
    "verdicts": [
        ("doc_id", "documents", "doc_id"),
        ("mention_id", "mentions", "id"),
        ("claim_id", "claims", "id"),
    ],
}
INDEXES = {
    "documents": ("doc_id", "status"),
    "texts": ("doc_id",),
    "mentions": ("doc_id", "type"),
    "claims": ("doc_id", "metric"),
    "verdicts": ("doc_id", "verdict"),
}
SEARCH = {
    "documents": ["title"],
    "texts": ["text"],
    "mentions": ["text", "sentence"],
    "claims": ["sentence_text", "subject_names"],
    "verdicts": ["text", "note"],
}


class ExportError(OSError):
    """The export failed; the message says what was removed."""


def _json(x: Any) -> str | None:
    return None if x is None else json.dumps(x, ensure_ascii=False)


def mention_row(m: dict[str, Any]) -> dict[str, Any]:
    """A mentions.jsonl record as a table row: value as JSON plus flat columns."""
    row: dict[str, Any] = {k: m.get(k) for k in RECORD_FIELDS if k != "value"}
    value = m.get("value")
    row["value"] = _json(value)
    row["normalized"] = readable_value(str(m.get("type")), value)
    if isinstance(value, dict):
        for key, col in _FLAT.get(str(m.get("type")), {}).items():
            row[col] = value.get(key)
    return row


def claim_row(c: dict[str, Any]) -> dict[str, Any]:
    """A claims.jsonl record: nested parts as JSON text; sentence, subject names,
    the amount's number, the figures' mention ids and flag names flattened."""
    known = set(_CLAIM_OWN)
    sentence = as_dict(c.get("sentence"))
    figure: Any = as_dict(c.get("amount")).get("value")
    currency = None
    if isinstance(figure, dict):  # the cited money mention's value
        figure, currency = figure.get("amount"), figure.get("currency")
    row: dict[str, Any] = {k: _json(c.get(k)) for k in _CLAIM_JSON}
    extra = {k: v for k, v in c.items() if k not in known}
    row.update(
        id=c.get("id"),
        doc_id=c.get("doc_id"),
        sentence_start=sentence.get("start"),
        sentence_end=sentence.get("end"),
        sentence_text=sentence.get("text"),
        subject_names="/".join(str(s.get("name")) for s in c.get("subjects") or [] if isinstance(s, dict)),
        metric=c.get("metric"),
        segment=c.get("segment"),
        scope=c.get("scope"),
        amount_value=figure if isinstance(figure, (int, float)) and not isinstance(figure, bool) else None,
        amount_currency=currency,
        hedged=None if c.get("hedged") is None else int(bool(c.get("hedged"))),
        flag_names=",".join(f for f in claim_flags(c) if f != "hedged"),
        extra=_json(extra) if extra else None,
    )
    for part in ("amount", "change", "period"):
        mention_id = as_dict(c.get(part)).get("mention_id")
        row[f"{part}_mention"] = mention_id if isinstance(mention_id, str) else None
    return row


def _q(name: str) -> str:
    """A quoted SQL identifier ("end" is a keyword)."""
    return '"' + name.replace('"', '""') + '"'


def _cell(x: Any) -> Any:
    """Values SQLite cannot hold as they are (lists, dicts, bools) become JSON or 0/1."""
    if isinstance(x, bool):
        return int(x)
    if isinstance(x, (dict, list)):
        return json.dumps(x, ensure_ascii=False)
    return x


def _rows(path: Path, shape: Callable[[dict[str, Any]], dict[str, Any]] | None = None) -> Iterator[dict[str, Any]]:
    for rec in read_jsonl(path):
        yield shape(rec) if shape else rec


def export_sqlite(out_dir: Path) -> Path:
    """Write OUT_DIR/newsfacts.sqlite and OUT_DIR/metadata.json from the output's
    JSONL files and verdicts (claims.jsonl and review.sqlite are optional: their
    tables are then empty). Raises ExportError, having removed any earlier
    newsfacts.sqlite, when the file cannot be written."""
    out_dir = Path(out_dir)
    if not (out_dir / "documents.jsonl").is_file():
        raise FileNotFoundError(f"{out_dir} has no documents.jsonl: not a newsfacts output folder")
    dest = out_dir / DB_NAME
    try:
        verdicts = reviewed_rows(out_dir)
        with atomic_path(dest) as tmp:
            _build(tmp, out_dir, verdicts)
        _write_metadata(out_dir, verdict_columns(verdicts))
    except Exception as exc:
        removed = dest.is_file()
        dest.unlink(missing_ok=True)
        what = f"; the previous {DB_NAME} was removed, as it would not match this run's files" if removed else ""
        raise ExportError(f"cannot write {dest}: {exc}{what}") from exc
    return dest


def _build(path: Path, out_dir: Path, verdicts: list[dict[str, Any]]) -> None:
    db = sqlite_utils.Database(path)
    try:
        # No journal for a file that is thrown away if anything fails.
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        sources = {
            "documents": _rows(out_dir / "documents.jsonl"),
            "texts": _rows(out_dir / "texts.jsonl"),
            "mentions": _rows(out_dir / "mentions.jsonl", mention_row),
            "claims": _rows(out_dir / "claims.jsonl", claim_row),
        }
        for table, rows in sources.items():  # documents first: the others point to it
            _table(db, table, dict(TABLES[table]), rows)
        kinds = {c: (int if c in ("start", "end") else str) for c in verdict_columns(verdicts)}
        _table(db, "verdicts", kinds, iter(verdicts))
        db.conn.commit()
    finally:
        db.close()


def _table(db: sqlite_utils.Database, name: str, kinds: dict[str, type], rows: Iterator[dict[str, Any]]) -> None:
    """Create the table with its keys, fill it in batches (memory stays flat
    whatever the size of the file), then index it and make it searchable.
    Rows go in through executemany, not sqlite-utils' insert_all, which checks
    every value again and took most of the export's time."""
    table = db.table(name)
    table.create(kinds, pk=KEYS[name], foreign_keys=FOREIGN_KEYS.get(name, []))
    names = list(kinds)
    sql = f"INSERT INTO {_q(name)} ({', '.join(map(_q, names))}) VALUES ({', '.join('?' * len(names))})"
    while batch := list(itertools.islice(rows, BATCH)):
        db.conn.executemany(sql, [tuple(_cell(r.get(k)) for k in names) for r in batch])
    for col in INDEXES[name]:
        table.create_index([col], index_name=f"{name}_{col}")
    table.enable_fts(SEARCH[name])


# --------------------------------------------------------------------------- Datasette


_DOCS: dict[str, tuple[str, list[str], str | None]] = {
    "documents": (
        "One row per input document, whatever happened to it: status ok, empty, skipped or failed, and why.",
        ["status", "published"],
        "title",
    ),
    "texts": ("The text every offset indexes (for HTML pages, the extracted text).", [], None),
    "mentions": (
        "Money amounts, percentages, dates, organisations and AI models, each at its exact characters "
        "(text = the document's text from start to end). value holds the normalised value as JSON; "
        "amount, currency, direction, date_value, name ... flatten it.",
        ["type", "method", "currency", "direction"],
        "text",
    ),
    "claims": (
        "Who, what metric, how much, what change, when, according to whom: one row per figure of a sentence "
        "(docs/CLAIMS.md). flag_names lists the checks: conversion_ok/mismatch, corroborated, conflict, "
        "near_copy, inconsistent, arithmetic.",
        ["metric", "flag_names", "hedged", "amount_currency"],
        "sentence_text",
    ),
    "verdicts": (
        "Journalists' verdicts (verified, wrong, needs-check) joined to the records they judge. status: current, "
        "or orphaned (the record is gone) or changed (the record now says something else).",
        ["verdict", "status", "kind", "type", "reviewer"],
        "record_id",
    ),
}
_COLUMNS = {
    "mentions": {
        "id": "{doc_id}:{type}:{start}-{end}: the same input gives the same id",
        "type": "money, percent, date, org or model",
        "start": "offset of the first character in the document's text",
        "end": "offset after the last character",
        "normalized": "the value in short readable form",
        "method": "what found it: ner, rule:<rule id>, gazetteer:<entry id>",
        "amount": "the figure of a money amount or percentage",
    },
    "claims": {
        "amount_value": "the money amount of the claim, in amount_currency",
        "amount_mention": "the mention of the claim's amount",
        "change_mention": "the mention of the claim's change",
        "period_mention": "the mention of the claim's period",
        "hedged": "1 when the figure is hedged (may, expected, about ...)",
    },
    "documents": {
        "url": "the article's address, from the input's metadata or the WARC record",
        "ref_date": "the date relative dates were resolved against",
        "set_aside": "characters set aside as page furniture (menus, share bars ...)",
    },
    "verdicts": {
        "text": "the record's exact characters (a claim's: its sentence)",
        "normalized": "what was read from them",
        "updated": "when the verdict was last set (UTC)",
    },
}


def metadata(verdict_cols: list[str]) -> dict[str, Any]:
    """Datasette's metadata: titles, descriptions, facets and the label of each
    table (so a foreign key shows a document's title, a mention's text)."""
    tables: dict[str, Any] = {}
    for table, (description, facets, label) in _DOCS.items():
        present = verdict_cols if table == "verdicts" else [name for name, _ in TABLES[table]]
        tables[table] = {
            "description": description,
            "facets": [f for f in facets if f in present],
            "columns": {k: v for k, v in _COLUMNS.get(table, {}).items() if k in present},
        }
        if label:
            tables[table]["label_column"] = label
    return {
        "title": "newsfacts",
        "description": "Facts extracted from news articles: every record cites its document and exact characters.",
        "databases": {
            Path(DB_NAME).stem: {
                "description": "One run of newsfacts extract. Search a table with its search box (full-text).",
                "tables": tables,
            }
        },
    }


def _write_metadata(out_dir: Path, verdict_cols: list[str]) -> Path:
    dest = out_dir / METADATA_NAME
    with atomic_write(dest) as fh:
        fh.write(json.dumps(metadata(verdict_cols), indent=2, ensure_ascii=False) + "\n")
    return dest
