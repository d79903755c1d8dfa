"""The journalists' verdicts (review.sqlite) joined to the records they judge and
to their documents: one flat row per verdict, for the `verdicts` table of
newsfacts.sqlite, `newsfacts export-verdicts` (CSV) and the ClaimReview export.

Every column of the verdict store is kept (a store that records a reviewer or a
decision time gives those columns too); a verdict whose record is gone keeps its
row, with the record's columns empty."""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from pipeline.atomic import atomic_write, check_dest
from pipeline.plain import claim_words
from pipeline.report import read_jsonl, readable_value
from pipeline.review import RECORD_FILES, verdicts

# Columns every verdict has, then the record's; other store columns go between.
VERDICT_COLUMNS = ("record_id", "kind", "verdict", "note", "status", "updated", "reviewer", "decided")
RECORD_COLUMNS = (
    "doc_id", "title", "url", "published", "type", "text", "normalized", "sentence", "start", "end",
    "metric", "subject", "mention_id", "claim_id",
)
CSV_NAME = "verdicts.csv"


def check_out_dir(out_dir: Path) -> Path:
    """The output folder, or FileNotFoundError saying what is wrong with it."""
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise FileNotFoundError(f"no such folder: {out_dir}")
    if not (out_dir / "documents.jsonl").is_file():
        raise FileNotFoundError(f"{out_dir} has no documents.jsonl: not a newsfacts output folder")
    return out_dir


def columns(rows: list[dict[str, Any]]) -> list[str]:
    """The columns of `rows`: the verdict's, the store's others, the record's."""
    extra = [k for row in rows[:1] for k in row if k not in VERDICT_COLUMNS and k not in RECORD_COLUMNS]
    return [*VERDICT_COLUMNS, *extra, *RECORD_COLUMNS]


def reviewed_rows(out_dir: Path) -> list[dict[str, Any]]:
    """One row per stored verdict, ordered by record id (empty when nothing was
    reviewed). Reads each output file once, holding only the reviewed records."""
    out_dir = Path(out_dir)
    store = verdicts(out_dir)
    if not store:
        return []
    records: dict[str, dict[str, Any]] = {}
    for name, _ in RECORD_FILES:
        for rec in read_jsonl(out_dir / name):
            if rec.get("id") in store:
                records[rec["id"]] = rec
    wanted = {rec.get("doc_id") for rec in records.values()}
    docs = {d["doc_id"]: d for d in read_jsonl(out_dir / "documents.jsonl") if d.get("doc_id") in wanted}
    rows = []
    for rid in sorted(store):
        stored = store[rid]
        row: dict[str, Any] = {"record_id": rid, **{k: stored.get(k) for k in VERDICT_COLUMNS[1:]}}
        row.update({k: v for k, v in stored.items() if k not in row and k not in RECORD_COLUMNS})
        row.update(dict.fromkeys(RECORD_COLUMNS))
        rec = records.get(rid)
        if rec is not None:
            row.update(_record_columns(stored.get("kind"), rec, docs.get(rec.get("doc_id"), {})))
        rows.append(row)
    return rows


def _record_columns(kind: Any, rec: dict[str, Any], doc: dict[str, Any]) -> dict[str, Any]:
    """`text` is always the record's exact characters (a claim's: its sentence),
    `normalized` what was read from them."""
    row = {"doc_id": rec.get("doc_id"), "title": doc.get("title"), "url": doc.get("url"), "published": doc.get("published")}
    if kind == "claim":
        sentence = rec.get("sentence") if isinstance(rec.get("sentence"), dict) else {}
        row.update(
            type="claim", text=sentence.get("text"), normalized=claim_words(rec),
            sentence=sentence.get("text"), start=sentence.get("start"), end=sentence.get("end"),
            metric=rec.get("metric"), claim_id=rec.get("id"),
            subject="/".join(str(s.get("name")) for s in rec.get("subjects") or [] if isinstance(s, dict)) or None,
        )
    else:
        row.update(
            type=rec.get("type"), text=rec.get("text"), normalized=readable_value(str(rec.get("type")), rec.get("value")),
            sentence=rec.get("sentence"), start=rec.get("start"), end=rec.get("end"), mention_id=rec.get("id"),
        )
    return row


def write_verdicts_csv(out_dir: Path, dest: Path | None = None) -> tuple[Path, int]:
    """Write the joined verdicts as CSV (OUT_DIR/verdicts.csv unless `dest`), under
    a temporary name renamed into place; returns the file and the row count."""
    out_dir = check_out_dir(out_dir)
    dest = check_dest(dest) if dest is not None else out_dir / CSV_NAME
    rows = reviewed_rows(out_dir)
    with atomic_write(dest, newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns(rows), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return dest, len(rows)
