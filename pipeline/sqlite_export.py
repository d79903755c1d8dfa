"""OUT_DIR/newsfacts.sqlite: every record of an output folder in one SQLite file
(opens in sqlite3 or Datasette), one table per record kind.

Nested values are kept whole as JSON text (SQLite's json_extract reads them)
and the common value keys are also flattened into typed columns, so a reporter
can filter `amount > 1e9 AND currency = 'USD'` without JSON. Built in a
temporary file and renamed into place, like every other output."""
from __future__ import annotations

import itertools
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from pipeline.report import as_dict, claim_flags, read_jsonl, readable_value

DB_NAME = "newsfacts.sqlite"
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

TABLES: dict[str, list[tuple[str, str]]] = {
    "mentions": [
        ("id", "TEXT"), ("doc_id", "TEXT"), ("source", "TEXT"), ("type", "TEXT"), ("start", "INTEGER"),
        ("end", "INTEGER"), ("text", "TEXT"), ("sentence", "TEXT"), ("value", "TEXT"), ("normalized", "TEXT"),
        ("method", "TEXT"), ("amount", "REAL"), ("low", "REAL"), ("high", "REAL"), ("currency", "TEXT"),
        ("qualifier", "TEXT"), ("direction", "TEXT"), ("basis", "TEXT"), ("unit", "TEXT"), ("date_value", "TEXT"),
        ("date_start", "TEXT"), ("date_end", "TEXT"), ("name", "TEXT"), ("developer", "TEXT"), ("ticker", "TEXT"),
    ],
    "documents": [
        ("doc_id", "TEXT"), ("source", "TEXT"), ("title", "TEXT"), ("published", "TEXT"), ("ref_date", "TEXT"),
        ("chars", "INTEGER"), ("set_aside", "INTEGER"), ("status", "TEXT"), ("reason", "TEXT"), ("mentions", "INTEGER"),
    ],
    "claims": [
        ("id", "TEXT"), ("doc_id", "TEXT"), ("sentence_start", "INTEGER"), ("sentence_end", "INTEGER"),
        ("sentence_text", "TEXT"), ("subjects", "TEXT"), ("subject_names", "TEXT"), ("counterparties", "TEXT"),
        ("segment", "TEXT"), ("metric", "TEXT"), ("scope", "TEXT"), ("amount", "TEXT"), ("amount_value", "REAL"), ("amount_currency", "TEXT"),
        ("change", "TEXT"), ("period", "TEXT"), ("attribution", "TEXT"), ("hedged", "INTEGER"), ("hedges", "TEXT"),
        ("flags", "TEXT"), ("flag_names", "TEXT"), ("extra", "TEXT"),
    ],
    "texts": [("doc_id", "TEXT"), ("text", "TEXT")],
}
INDEXES = {
    "mentions": ("id", "doc_id", "type"),
    "documents": ("doc_id", "status"),
    "claims": ("id", "doc_id", "metric"),
    "texts": ("doc_id",),
}
_CLAIM_JSON = ("subjects", "counterparties", "amount", "change", "period", "attribution", "hedges", "flags")


def _json(x: Any) -> str | None:
    return None if x is None else json.dumps(x, ensure_ascii=False)


def mention_row(m: dict[str, Any]) -> dict[str, Any]:
    """A mentions.jsonl record as a table row: value as JSON plus flat columns."""
    row: dict[str, Any] = {k: m.get(k) for k in ("id", "doc_id", "source", "type", "start", "end", "text", "sentence", "method")}
    value = m.get("value")
    row["value"] = _json(value)
    row["normalized"] = readable_value(str(m.get("type")), value)
    if isinstance(value, dict):
        for key, col in _FLAT.get(str(m.get("type")), {}).items():
            row[col] = value.get(key)
    return row


def claim_row(c: dict[str, Any]) -> dict[str, Any]:
    """A claims.jsonl record: nested parts as JSON text; sentence, subject names,
    the amount's number and flag names flattened for filtering."""
    known = {"id", "doc_id", "sentence", "metric", "segment", "scope", "hedged", *_CLAIM_JSON}
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
    return row


def _q(name: str) -> str:
    """A quoted SQL identifier ("end" is a keyword)."""
    return '"' + name.replace('"', '""') + '"'


def _create(conn: sqlite3.Connection, table: str) -> None:
    cols = ", ".join(f"{_q(name)} {kind}" for name, kind in TABLES[table])
    conn.execute(f"CREATE TABLE {_q(table)} ({cols})")


def _insert(conn: sqlite3.Connection, table: str, rows: Iterable[dict[str, Any]]) -> int:
    """Insert in batches, so memory stays flat whatever the size of the file."""
    names = [name for name, _ in TABLES[table]]
    sql = f"INSERT INTO {_q(table)} ({', '.join(map(_q, names))}) VALUES ({', '.join('?' * len(names))})"
    n = 0
    it = iter(rows)
    while batch := list(itertools.islice(it, BATCH)):
        conn.executemany(sql, [tuple(_cell(r.get(k)) for k in names) for r in batch])
        n += len(batch)
    return n


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
    """Write OUT_DIR/newsfacts.sqlite from the output's JSONL files (claims.jsonl
    is optional: its table is then empty)."""
    out_dir = Path(out_dir)
    if not (out_dir / "documents.jsonl").is_file():
        raise FileNotFoundError(f"{out_dir} has no documents.jsonl: not a newsfacts output folder")
    dest = out_dir / DB_NAME
    tmp = out_dir / f".{DB_NAME}.tmp-{os.getpid()}"
    tmp.unlink(missing_ok=True)
    sources = {
        "mentions": _rows(out_dir / "mentions.jsonl", mention_row),
        "documents": _rows(out_dir / "documents.jsonl"),
        "claims": _rows(out_dir / "claims.jsonl", claim_row),
        "texts": _rows(out_dir / "texts.jsonl"),
    }
    try:
        conn = sqlite3.connect(tmp)
        try:
            # No journal for a file that is thrown away if anything fails.
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            with conn:
                for table, rows in sources.items():
                    _create(conn, table)
                    _insert(conn, table, rows)
                    for col in INDEXES[table]:
                        conn.execute(f"CREATE INDEX {_q(table + '_' + col)} ON {_q(table)} ({_q(col)})")
        finally:
            conn.close()
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
    return dest
