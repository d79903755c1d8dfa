"""The claims of a whole run and their cross-document check, on disk, in bounded memory.

As each document's claims are written, each claim's own checks are made and what
the cross-document check needs of it (a small record) goes into an SQLite file
under its group keys. When the run closes, groups are read back one at a time,
their flags stored, and claims.jsonl written in order: a claim with no flag from
another document is copied as it was written, the others get their flags added.
Memory holds one group, never the run's claims: a dump of millions of articles has
tens of millions of claims."""
from __future__ import annotations

import json
import sqlite3
from itertools import groupby
from pathlib import Path
from typing import Any, Callable, TextIO

from pipeline.claims.agreement import GROUP_CHECKS, GroupFlags, Member, group_keys, member
from pipeline.claims.crosscheck import own_flags

_ROWS_PER_INSERT = 5000


class ClaimStore:
    """`add` claims during a run; `write_checked` writes them, checked, at its end.
    `raw` and `scratch` are files this creates; `close` removes them."""

    def __init__(self, raw: Path, scratch: Path, dumps: Callable[[Any], str]) -> None:
        self.dumps = dumps
        self.count = 0
        self.error: Exception | None = None
        self._raw_path, self._scratch = raw, scratch
        self._raw: TextIO = raw.open("w+", encoding="utf-8", newline="\n")
        try:
            self._db = sqlite3.connect(scratch)
            self._db.executescript(
                "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                "CREATE TABLE member (kind INTEGER, grp TEXT, i INTEGER, data TEXT);"
                "CREATE TABLE flag (i INTEGER, kind INTEGER, data TEXT);"
            )
        except BaseException:
            self._raw.close()
            raw.unlink(missing_ok=True)
            scratch.unlink(missing_ok=True)
            raise
        self._rows: list[tuple[int, str, int, str]] = []

    def add(self, claim: dict[str, Any]) -> None:
        """Write a claim with its own checks, and index it for the cross-document check.
        A claim the checks fail on is still written; the run's claims then say they
        are unchecked."""
        i = self.count
        self.count += 1
        if self.error is None:
            try:
                claim = {**claim, "flags": own_flags(claim)}
                self._index(i, claim)
            except Exception as exc:  # noqa: BLE001 - the claims stay, unchecked, and say so
                self.error = exc
        self._raw.write(self.dumps(claim) + "\n")

    def _index(self, i: int, claim: dict[str, Any]) -> None:
        keys = group_keys(claim)
        if keys:
            m = member(i, claim)
            data = json.dumps([m.index, m.doc_id, m.claim_id, m.view, m.unresolved])
            # Keys hold strings only (metric, names, ISO dates), so their JSON text is
            # as good as the tuple for grouping.
            self._rows += [(kind, json.dumps(key), i, data) for kind, key in keys]
        if len(self._rows) >= _ROWS_PER_INSERT:
            self._flush()

    def _flush(self) -> None:
        self._db.executemany("INSERT INTO member VALUES (?, ?, ?, ?)", self._rows)
        self._rows = []

    def write_checked(self, out: TextIO) -> int:
        """Write every claim, in order, with its flags to `out`; returns how many."""
        try:
            if self.error is not None:
                raise self.error
            self._check_groups()
            self._write(out)
        except Exception as exc:  # noqa: BLE001 - the claims stay, unchecked, and say so
            note = {"flag": "unchecked", "detail": f"cross-check failed: {type(exc).__name__}: {str(exc)[:200]}"}
            out.seek(0)
            out.truncate()
            self._raw.seek(0)
            for line in self._raw:
                out.write(self.dumps({**json.loads(line), "flags": [note]}) + "\n")
        return self.count

    def _check_groups(self) -> None:
        self._flush()
        db = self._db
        db.execute("CREATE INDEX member_group ON member (kind, grp, i)")
        for kind, group_flags in enumerate(GROUP_CHECKS):
            # Inserting into `flag` while reading `member` on one connection is safe:
            # another table, and one transaction.
            rows = db.execute("SELECT grp, data FROM member WHERE kind = ? ORDER BY grp, i", (kind,))
            for _, group in groupby(rows, key=lambda r: r[0]):
                members = [_member(data) for _, data in group]
                if len(members) > 1:
                    _store(db, kind, group_flags(members))
        db.execute("CREATE INDEX flag_claim ON flag (i, kind)")

    def _write(self, out: TextIO) -> None:
        flags = self._db.execute("SELECT i, data FROM flag ORDER BY i, kind")
        pending = next(flags, None)
        self._raw.flush()
        self._raw.seek(0)
        for i, line in enumerate(self._raw):
            if pending is None or pending[0] != i:
                out.write(line)  # nothing from other documents: as written
                continue
            claim = json.loads(line)
            while pending is not None and pending[0] == i:
                claim["flags"] = claim["flags"] + json.loads(pending[1])
                pending = next(flags, None)
            out.write(self.dumps(claim) + "\n")

    def close(self) -> None:
        try:
            self._db.close()
            self._raw.close()
        finally:
            self._scratch.unlink(missing_ok=True)
            self._raw_path.unlink(missing_ok=True)


def _tuples(x: Any) -> Any:
    """JSON gives lists back where views hold tuples; views are compared and hashed."""
    return tuple(_tuples(v) for v in x) if isinstance(x, list) else x


def _member(data: str) -> Member:
    index, doc_id, claim_id, view, unresolved = json.loads(data)
    return Member(index, doc_id, claim_id, _tuples(view), unresolved)


def _store(db: sqlite3.Connection, kind: int, flags: GroupFlags) -> None:
    """Store a group's flags as they come: a group may be a figure repeated by a
    hundred thousand articles, each with a flag of its own."""
    rows: list[tuple[int, int, str]] = []
    for i, fl in flags:
        rows.append((i, kind, json.dumps(fl)))
        if len(rows) >= _ROWS_PER_INSERT:
            db.executemany("INSERT INTO flag VALUES (?, ?, ?)", rows)
            rows = []
    db.executemany("INSERT INTO flag VALUES (?, ?, ?)", rows)
