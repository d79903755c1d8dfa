"""The claims of a whole run and their cross-document check, on disk, in bounded memory.

As each document's claims are written, each claim's own checks are made and what
the cross-document check needs of it (a small record) goes into an SQLite file
under its group keys; a document with such a claim also leaves its MinHash
signature and band keys there (nearcopy.py). When the run closes, near-copies are
found from shared band keys and joined into copy families (by label propagation,
in SQL), then groups are read back one at a time, their flags stored, and
claims.jsonl written in order: a claim with no flag from another document is
copied as it was written, the others get their flags added. Memory holds one
group or one band bucket, never the run's claims or documents: a dump of millions
of articles has tens of millions of claims."""
from __future__ import annotations

import json
import sqlite3
from itertools import groupby
from pathlib import Path
from typing import Any, Callable, Iterable, TextIO

import numpy as np

from pipeline.claims.agreement import GROUP_CHECKS, GroupFlags, Member, group_keys, may_conflict, member
from pipeline.claims.consistency import inconsistent_flags, may_be_inconsistent
from pipeline.claims.crosscheck import own_flags
from pipeline.claims.nearcopy import THRESHOLD, band_keys, signature, similarity

_ROWS_PER_INSERT = 5000


class ClaimStore:
    """`add_document` (or `add`) claims during a run; `write_checked` writes them,
    checked, at its end. `raw` and `scratch` are files this creates; `close` removes them."""

    def __init__(self, raw: Path, scratch: Path, dumps: Callable[[Any], str]) -> None:
        self.dumps = dumps
        self.count = 0
        self.documents = 0
        self.error: Exception | None = None
        self._raw_path, self._scratch = raw, scratch
        self._raw: TextIO = raw.open("w+", encoding="utf-8", newline="\n")
        try:
            self._db = sqlite3.connect(scratch)
            self._db.executescript(
                "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                "CREATE TABLE member (kind INTEGER, grp TEXT, i INTEGER, doc INTEGER, data TEXT);"
                "CREATE TABLE flag (i INTEGER, kind INTEGER, data TEXT);"
                "CREATE TABLE doc (ord INTEGER PRIMARY KEY, doc_id TEXT, sig BLOB);"
                "CREATE TABLE band (band INTEGER, key INTEGER, ord INTEGER);"
                "CREATE TABLE edge (a INTEGER, b INTEGER, PRIMARY KEY (a, b)) WITHOUT ROWID;"
            )
        except BaseException:
            self._raw.close()
            raw.unlink(missing_ok=True)
            scratch.unlink(missing_ok=True)
            raise
        self._rows: list[tuple[int, str, int, int, str]] = []
        self._bands: list[tuple[int, int, int]] = []

    def add_document(self, claims: Iterable[dict[str, Any]], text: Callable[[], str | None]) -> None:
        """Add one document's claims; `text` gives its text, read only when its headline
        has a claim to check against the body, or one of its claims is compared across
        documents (to find its near-copies)."""
        claims = list(claims)
        doc = self.documents
        self.documents += 1
        extra: dict[int, list[dict[str, Any]]] = {}
        body: str | None = None
        if self.error is None and may_be_inconsistent(claims):
            try:
                body = text() or ""
                extra = inconsistent_flags(claims, body)
            except Exception as exc:  # noqa: BLE001 - this document's claims stay, unchecked, and say so
                extra = {n: [_unchecked("headline check failed", exc)] for n in range(len(claims))}
        checked = False
        for n, claim in enumerate(claims):
            checked = self.add(claim, doc, extra.get(n, [])) or checked
        if checked and self.error is None:
            try:
                self._sign(doc, claims[0]["doc_id"], text() if body is None else body)
            except Exception as exc:  # noqa: BLE001 - the claims stay, unchecked, and say so
                self.error = exc

    def add(self, claim: dict[str, Any], doc: int | None = None, extra: list[dict[str, Any]] | None = None) -> bool:
        """Write a claim with its own checks (and `extra` flags of its document), and
        index it for the cross-document check; True when it is compared across
        documents. A claim the checks fail on is still written; the run's claims then
        say they are unchecked."""
        i = self.count
        self.count += 1
        indexed = False
        if self.error is None:
            # A claim its own checks fail on is marked, alone: one odd figure in one
            # article must not leave every claim of the run unchecked.
            try:
                claim = {**claim, "flags": own_flags(claim) + (extra or [])}
                indexed = self._index(i, claim, -1 - i if doc is None else doc)
            except Exception as exc:  # noqa: BLE001 - this claim stays, unchecked, and says so
                claim = {**claim, "flags": [_unchecked("checks of this claim failed", exc)]}
        self._raw.write(self.dumps(claim) + "\n")
        return indexed

    def _index(self, i: int, claim: dict[str, Any], doc: int) -> bool:
        keys = group_keys(claim)
        if keys:
            m = member(i, claim)
            data = json.dumps([m.index, m.doc_id, m.claim_id, m.view, m.unresolved, m.said])
            # Keys hold strings only (metric, names, ISO dates), so their JSON text is
            # as good as the tuple for grouping.
            self._rows += [(kind, json.dumps(key), i, doc, data) for kind, key in keys]
        if len(self._rows) >= _ROWS_PER_INSERT:
            self._flush()
        return bool(keys)

    def _sign(self, doc: int, doc_id: str, text: str | None) -> None:
        sig = signature(text) if text else None
        if sig is None:
            return
        self._db.execute("INSERT INTO doc VALUES (?, ?, ?)", (doc, doc_id, sig.tobytes()))
        self._bands += [(band, key, doc) for band, key in enumerate(band_keys(sig))]
        if len(self._bands) >= _ROWS_PER_INSERT:
            self._flush()

    def _flush(self) -> None:
        self._db.executemany("INSERT INTO member VALUES (?, ?, ?, ?, ?)", self._rows)
        self._db.executemany("INSERT INTO band VALUES (?, ?, ?)", self._bands)
        self._rows, self._bands = [], []

    def write_checked(self, out: TextIO) -> int:
        """Write every claim, in order, with its flags to `out`; returns how many."""
        try:
            if self.error is not None:
                raise self.error
            self._check_groups()
            self._write(out)
        except Exception as exc:  # noqa: BLE001 - the claims stay, unchecked, and say so
            note = _unchecked("cross-check failed", exc)
            out.seek(0)
            out.truncate()
            self._raw.seek(0)
            for line in self._raw:
                out.write(self.dumps({**json.loads(line), "flags": [note]}) + "\n")
        return self.count

    def _copy_families(self) -> None:
        """label(doc, c): each document with near-copies and the first document (by run
        order) of its family. Candidates share a band key; within a bucket each is
        compared with the bucket's first, which keeps a bucket of a story re-posted a
        thousand times to a thousand comparisons."""
        db = self._db
        db.execute("CREATE INDEX band_key ON band (band, key, ord)")
        rows = db.execute("SELECT band, key, ord FROM band ORDER BY band, key, ord")
        edges: list[tuple[int, int]] = []
        for _, bucket in groupby(rows, key=lambda r: (r[0], r[1])):
            first = next(bucket)[2]
            rest = [r[2] for r in bucket]
            if not rest:
                continue
            a = _sig(db, first)
            edges += [(first, d) for d in rest if similarity(a, _sig(db, d)) >= THRESHOLD]
            if len(edges) >= _ROWS_PER_INSERT:
                db.executemany("INSERT OR IGNORE INTO edge VALUES (?, ?)", edges)
                edges = []
        db.executemany("INSERT OR IGNORE INTO edge VALUES (?, ?)", edges)
        db.executescript(
            "INSERT OR IGNORE INTO edge SELECT b, a FROM edge;"
            "CREATE TABLE label (doc INTEGER PRIMARY KEY, c INTEGER);"
            "INSERT INTO label SELECT DISTINCT a, a FROM edge;"
        )
        # Each document takes the least label of its neighbours until none changes:
        # as many rounds as the longest chain of copies, a few in practice.
        while db.execute(
            "UPDATE label SET c = (SELECT MIN(l.c) FROM edge e JOIN label l ON l.doc = e.b WHERE e.a = label.doc)"
            " WHERE c > (SELECT MIN(l.c) FROM edge e JOIN label l ON l.doc = e.b WHERE e.a = label.doc)"
        ).rowcount:
            pass

    def _check_groups(self) -> None:
        self._flush()
        db = self._db
        self._copy_families()
        db.execute("CREATE INDEX member_group ON member (kind, grp, i)")
        for kind, check in enumerate(GROUP_CHECKS):
            # Inserting into `flag` while reading `member` on one connection is safe:
            # another table, and one transaction.
            rows = db.execute(
                "SELECT m.grp, m.data, d.doc_id FROM member m LEFT JOIN label l ON l.doc = m.doc"
                " LEFT JOIN doc d ON d.ord = l.c WHERE m.kind = ? ORDER BY m.grp, m.i", (kind,)
            )
            for grp, group in groupby(rows, key=lambda r: r[0]):
                members = [_member(data, copy) for _, data, copy in group]
                if len(members) > 1:
                    _store(db, kind, check(members, may_conflict(json.loads(grp))))
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


def _unchecked(what: str, exc: Exception) -> dict[str, Any]:
    return {"flag": "unchecked", "detail": f"{what}: {type(exc).__name__}: {str(exc)[:200]}"}


def _sig(db: sqlite3.Connection, doc: int) -> np.ndarray:
    (blob,) = db.execute("SELECT sig FROM doc WHERE ord = ?", (doc,)).fetchone()
    return np.frombuffer(blob, dtype=np.uint32)


def _tuples(x: Any) -> Any:
    """JSON gives lists back where views hold tuples; views are compared and hashed."""
    return tuple(_tuples(v) for v in x) if isinstance(x, list) else x


def _member(data: str, copy: str | None) -> Member:
    index, doc_id, claim_id, view, unresolved, said = json.loads(data)
    return Member(index, doc_id, claim_id, _tuples(view), copy or doc_id, unresolved, said)


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
