"""Writers: mentions.jsonl, documents.jsonl, mentions.parquet, mentions.csv.
Each file is written under a temporary name and renamed into place when complete,
so a reader never sees half a file."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.records import DOCUMENT_FIELDS, Mention

TABLE_COLUMNS = ("id", "doc_id", "source", "type", "start", "end", "text", "normalized", "value", "method", "sentence")
_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("doc_id", pa.string()),
        ("source", pa.string()),
        ("type", pa.string()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("text", pa.string()),
        ("normalized", pa.string()),
        ("value", pa.string()),
        ("method", pa.string()),
        ("sentence", pa.string()),
    ]
)


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))


def normalized(m: Mention) -> str:
    """A short human-readable form of the value, for tables."""
    v = m.value
    if m.type == "money":
        q = {"approx": "~", "gt": ">", "ge": ">=", "lt": "<", "le": "<="}.get(v["qualifier"] or "", "")
        if v["vague"]:
            return f"{q}>={v['low']:.4g} {v['currency']} (vague)"
        if v["amount"] is not None:
            return f"{q}{v['amount']:.4g} {v['currency']}"
        return f"{q}{v['low']:.4g}-{v['high']:.4g} {v['currency']}"
    if m.type == "percent":
        sign = {"increase": "+", "decrease": "-"}.get(v["direction"] or "", "")
        fig = f"{v['value']:g}" if v["value"] is not None else f"{v['low']:g}-{v['high']:g}"
        unit = "%" if v["unit"] == "percent" else " pts"
        return f"{sign}{fig}{unit}" + (f" {v['basis']}" if v["basis"] else "")
    if m.type == "date":
        return str(v["value"] or f"{v['start']}..{v['end']}" if v["start"] else "(unresolved)")
    if m.type == "model":
        return f"{v['name']} ({v['developer']})" if v.get("developer") else str(v["name"])
    return str(v.get("name"))


class OutputWriter:
    """Streams records to OUT_DIR; call close() to move the files into place."""

    def __init__(self, out_dir: str | Path, chunk: int = 5000) -> None:
        self.dir = Path(out_dir)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.chunk = chunk
        self._tmp: dict[str, Path] = {}
        self._mentions = self._open("mentions.jsonl")
        self._documents = self._open("documents.jsonl")
        self._csv_path = self._tmp_path("mentions.csv")
        self._parquet = pq.ParquetWriter(self._tmp_path("mentions.parquet"), _SCHEMA)
        self._rows: list[dict[str, Any]] = []
        self._csv_header = True
        self.counts: dict[str, int] = {}

    def _tmp_path(self, name: str) -> Path:
        tmp = self.dir / f".{name}.tmp-{os.getpid()}"
        self._tmp[name] = tmp
        return tmp

    def _open(self, name: str):
        return self._tmp_path(name).open("w", encoding="utf-8", newline="\n")

    def write(self, document: dict[str, Any], mentions: Iterable[Mention]) -> None:
        for m in mentions:
            d = m.to_dict()
            self._mentions.write(dumps(d) + "\n")
            row = {k: d.get(k) for k in TABLE_COLUMNS}
            row["value"] = dumps(d["value"])
            row["normalized"] = normalized(m)
            self._rows.append(row)
            self.counts[m.type] = self.counts.get(m.type, 0) + 1
        self._documents.write(dumps({k: document.get(k) for k in DOCUMENT_FIELDS}) + "\n")
        if len(self._rows) >= self.chunk:
            self._flush()

    def _flush(self) -> None:
        df = pd.DataFrame(self._rows, columns=list(TABLE_COLUMNS))
        df.to_csv(self._csv_path, mode="w" if self._csv_header else "a", header=self._csv_header, index=False)
        self._csv_header = False
        self._parquet.write_table(pa.Table.from_pandas(df, schema=_SCHEMA, preserve_index=False))
        self._rows = []

    def close(self) -> None:
        self._flush()
        self._mentions.close()
        self._documents.close()
        self._parquet.close()
        for name, tmp in self._tmp.items():
            os.replace(tmp, self.dir / name)

    def abort(self) -> None:
        for fh in (self._mentions, self._documents):
            fh.close()
        self._parquet.close()
        for tmp in self._tmp.values():
            tmp.unlink(missing_ok=True)
