"""Writers: mentions.jsonl, documents.jsonl, mentions.parquet, mentions.csv.
Each file is written under a temporary name and renamed into place when complete,
so a reader never sees half a file."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterable

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.atomic import fsync_dir, temp_name
from pipeline.claims import claims_of_document
from pipeline.claims.ondisk import ClaimStore
from pipeline.records import DOCUMENT_FIELDS, RECORD_FIELDS, Mention, columns_of

DATASET = "mentions_dataset"
SQLITE_NAME = "newsfacts.sqlite"  # written by pipeline.sqlite_export after these files


def table_columns(mention: type = Mention) -> dict[str, type]:
    """mentions.csv and mentions.parquet: the record's fields (its value as JSON
    text), the value's readable form just before it, and the long sentence last."""
    record = columns_of(mention)
    out: dict[str, type] = {}
    for key, kind in record.items():
        if key == "value":
            out["normalized"] = str
        if key != "sentence":
            out[key] = kind
    out["sentence"] = record["sentence"]
    return out


TABLE_KINDS = table_columns()
TABLE_COLUMNS = tuple(TABLE_KINDS)
_ARROW = {int: pa.int64(), float: pa.float64(), bool: pa.bool_(), str: pa.string()}
_SCHEMA = pa.schema([(key, _ARROW[kind]) for key, kind in TABLE_KINDS.items()])


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(", ", ": "), allow_nan=False)


def normalized(m: Mention) -> str:
    """A short human-readable form of the value, the same as the report and the
    SQLite export show."""
    from pipeline.report import readable_value

    return readable_value(m.type, m.value)


_TMP = re.compile(r"^\..+\.tmp-(\d+)$")


def remove_stale_temp_files(folder: Path) -> None:
    """Remove the temporary files of runs that were killed (their process is gone,
    or had this process's id), so they do not pile up; those of a live run stay."""
    for path in folder.iterdir():
        m = _TMP.match(path.name)
        # at start nothing of this run exists yet: a file named for this pid is stale too
        if not m or (int(m.group(1)) != os.getpid() and _alive(int(m.group(1)))):
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_CSV_BUFFER = io.StringIO()
# The csv module quotes a field that holds a character of its line terminator; with
# "\n" alone a bare "\r" would go unquoted and readers would split the row there.
_CSV = csv.writer(_CSV_BUFFER, lineterminator="\r\n")


def csv_line(values: Iterable[Any]) -> str:
    """One CSV row, ended by "\n", every field holding "\r" or "\n" quoted."""
    _CSV_BUFFER.seek(0)
    _CSV_BUFFER.truncate()
    _CSV.writerow(["" if v is None else v for v in values])
    return _CSV_BUFFER.getvalue()[:-2] + "\n"


class OutputWriter:
    """Streams records to OUT_DIR; close() moves the files into place."""

    def __init__(self, out_dir: str | Path, chunk: int = 5000, dataset: bool = False, parser: Any = None) -> None:
        self.dir = Path(out_dir)
        self.parser = parser  # parses figure sentences when claims are remade here (claims/syntax.py)
        # A partitioned Parquet dataset (one part per chunk), for cluster runs.
        self._dataset = self.dir / f".{DATASET}.tmp-{os.getpid()}" if dataset else None
        self._parts = 0
        self.dir.mkdir(parents=True, exist_ok=True)
        remove_stale_temp_files(self.dir)
        self.chunk = chunk
        self._tmp: dict[str, Path] = {}
        self._mentions = self._tmp_path("mentions.jsonl").open("wb")
        self._documents = self._tmp_path("documents.jsonl").open("wb")
        # The text each document's offsets index (for HTML, the extracted text).
        self._texts = self._tmp_path("texts.jsonl").open("wb")
        self._text_pos = 0
        # Claims are linked per document as it is written, and cross-checked
        # across documents when the run closes.
        pid = os.getpid()
        self._claims = ClaimStore(self.dir / f".claims.raw.tmp-{pid}", self.dir / f".claims.groups.tmp-{pid}", dumps)
        self._csv_path = self._tmp_path("mentions.csv")
        self._parquet = pq.ParquetWriter(self._tmp_path("mentions.parquet"), _SCHEMA)
        self._rows: list[dict[str, Any]] = []
        self._csv_header = True
        self._pos = 0
        self.counts: dict[str, int] = {}
        self.claims = 0

    def _tmp_path(self, name: str) -> Path:
        tmp = temp_name(self.dir / name)
        self._tmp[name] = tmp
        return tmp

    def write(
        self, document: dict[str, Any], mentions: Iterable[Mention], text: str | None, claims: list[dict[str, Any]] | None = None
    ) -> dict[str, list[int]]:
        """Write one document's row, records, text and claims (linked here unless
        given); returns where its lines sit in mentions.jsonl and texts.jsonl."""
        mentions = list(mentions)
        data = "".join(dumps(m.to_dict()) + "\n" for m in mentions).encode("utf-8")
        line = (dumps({"doc_id": document["doc_id"], "text": text}) + "\n").encode("utf-8") if text is not None else b""
        return self._write(document, data, mentions, line, claims)

    def write_reused(
        self, document: dict[str, Any], data: bytes, text_line: bytes, claims: list[dict[str, Any]] | None = None
    ) -> dict[str, list[int]]:
        """Write a document's records, text and claims as a previous run wrote them
        (its claims are linked again when not given)."""
        mentions = [Mention(**d) for d in (json.loads(line) for line in data.splitlines() if line.strip())]
        return self._write(document, data, mentions, text_line, claims)

    def _write(
        self, document: dict[str, Any], data: bytes, mentions: list[Mention], text_line: bytes,
        claims: list[dict[str, Any]] | None = None,
    ) -> dict[str, list[int]]:
        spans = {"mentions.jsonl": [self._pos, len(data)], "texts.jsonl": [self._text_pos, len(text_line)]}
        if claims is None and text_line:
            claims = claims_of_document(document, json.loads(text_line)["text"], mentions, self.parser)
        self._claims.add_document(claims or (), lambda: json.loads(text_line)["text"] if text_line else None)
        self._texts.write(text_line)
        self._text_pos += len(text_line)
        self._mentions.write(data)
        self._pos += len(data)
        for m in mentions:
            row = {k: getattr(m, k) for k in RECORD_FIELDS}
            row["value"] = dumps(m.value)
            row["normalized"] = normalized(m)
            self._rows.append(row)
            self.counts[m.type] = self.counts.get(m.type, 0) + 1
        self._documents.write((dumps({k: document.get(k) for k in DOCUMENT_FIELDS}) + "\n").encode("utf-8"))
        if len(self._rows) >= self.chunk:
            self._flush()
        return spans

    def _flush(self) -> None:
        df = pd.DataFrame(self._rows, columns=list(TABLE_COLUMNS))
        with self._csv_path.open("w" if self._csv_header else "a", encoding="utf-8", newline="") as fh:
            if self._csv_header:
                fh.write(csv_line(TABLE_COLUMNS))
            fh.writelines(csv_line([row[k] for k in TABLE_COLUMNS]) for row in self._rows)
        self._csv_header = False
        table = pa.Table.from_pandas(df, schema=_SCHEMA, preserve_index=False)
        self._parquet.write_table(table)
        if self._dataset is not None and len(df):
            self._dataset.mkdir(parents=True, exist_ok=True)
            pq.write_table(table, self._dataset / f"part-{self._parts:05d}.parquet")
            self._parts += 1
        self._rows = []

    def _write_claims(self) -> None:
        """claims.jsonl: every claim with its checks (see pipeline.claims.ondisk)."""
        with self._tmp_path("claims.jsonl").open("w", encoding="utf-8", newline="\n") as fh:
            self.claims = self._claims.write_checked(fh)

    def close(self) -> None:
        """Finish every file and move it into place."""
        self.finish()
        self.install()

    def finish(self) -> None:
        """Complete every file under its temporary name, on disk."""
        self._flush()
        self._write_claims()
        for fh in (self._mentions, self._documents, self._texts):
            fh.flush()
            os.fsync(fh.fileno())
            fh.close()
        self._parquet.close()
        self._fsync(self._csv_path, self._tmp["claims.jsonl"], self._tmp["mentions.parquet"])
        self._claims.close()

    @staticmethod
    def _fsync(*paths: Path) -> None:
        for path in paths:
            if path.exists():
                with path.open("rb") as fh:
                    os.fsync(fh.fileno())

    def pending(self) -> dict[str, Path]:
        """Final name → the temporary file (or folder) that will replace it."""
        out = dict(self._tmp)
        if self._dataset is not None:
            if not self._dataset.exists():
                self._dataset.mkdir()
            out[DATASET] = self._dataset
        return out

    def install(self) -> None:
        """Rename the finished files over the old ones."""
        for name, tmp in self.pending().items():
            final = self.dir / name
            if tmp.is_dir() and final.exists():
                shutil.rmtree(final)
            os.replace(tmp, final)
        fsync_dir(self.dir)

    def abort(self, keep_outputs: bool = False) -> None:
        """Remove what this run wrote (but the finished outputs a committed manifest
        names, with `keep_outputs`: the next run moves them into place); every step is
        tried even when one before it fails."""
        steps: list[Callable[[], Any]] = [fh.close for fh in (self._mentions, self._documents, self._texts)]
        steps += [self._parquet.close, self._claims.close]
        if not keep_outputs:
            steps += [partial(tmp.unlink, missing_ok=True) for tmp in self._tmp.values()]
            if self._dataset is not None and self._dataset.exists():
                steps.append(partial(shutil.rmtree, self._dataset, ignore_errors=True))
        for step in steps:
            try:
                step()
            except Exception:  # noqa: BLE001 - already failing; the original error is what matters
                pass
