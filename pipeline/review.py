"""The review app: the report page with, per record, verified / wrong /
needs-check and a note, stored in OUT_DIR/review.sqlite by record id.

Record ids are stable (`{doc_id}:{type}:{start}-{end}`), so a verdict survives
a re-run that yields the same record; reconcile() marks verdicts whose record
is gone as orphaned and never deletes them. The server binds 127.0.0.1 only.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import threading
from datetime import datetime, timezone
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from pipeline.report import Output, load_output, read_jsonl, render_page

DB_NAME = "review.sqlite"
VERDICTS = ("verified", "wrong", "needs-check")
RECORD_FILES = (("mentions.jsonl", "mention"), ("claims.jsonl", "claim"))
HOST = "127.0.0.1"
MAX_BODY = 1 << 20
MAX_NOTE = 10_000
_SCHEMA = """
CREATE TABLE IF NOT EXISTS verdicts (
    record_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    verdict TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    updated TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'current',
    record_hash TEXT NOT NULL DEFAULT ''
)"""


class ReviewError(ValueError):
    """A verdict that cannot be stored: the server answers it with 400."""


# --------------------------------------------------------------------------- storage


def _connect(out_dir: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(Path(out_dir) / DB_NAME, timeout=30)
    conn.row_factory = sqlite3.Row
    conn.execute(_SCHEMA)
    columns = {r["name"] for r in conn.execute("PRAGMA table_info(verdicts)")}
    if "record_hash" not in columns:  # a store written before verdicts kept what they judged
        conn.execute("ALTER TABLE verdicts ADD COLUMN record_hash TEXT NOT NULL DEFAULT ''")
    return conn


def record_hash(record: dict[str, Any]) -> str:
    """What a verdict judged: the record's text, value and sentence (a claim's whole
    content). An id names characters; if the text there changes, so does this."""
    keep = {k: v for k, v in record.items() if k not in ("source", "flags")}
    return hashlib.sha256(json.dumps(keep, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def find_record(out_dir: Path, record_id: str) -> str | None:
    """"mention" or "claim" if the record is in the current output, else None."""
    found = _find(out_dir, record_id)
    return found[0] if found else None


def _find(out_dir: Path, record_id: str) -> tuple[str, dict[str, Any]] | None:
    """(kind, record) of a record in the current output. A substring test (the id as
    written raw or JSON-escaped) skips most lines before any JSON is parsed."""
    needles = {record_id, json.dumps(record_id)[1:-1], json.dumps(record_id, ensure_ascii=False)[1:-1]}
    for name, kind in RECORD_FILES:
        path = Path(out_dir) / name
        if not path.is_file():
            continue
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if any(n in line for n in needles):
                    rec = json.loads(line)
                    if rec.get("id") == record_id:
                        return kind, rec
    return None


def set_verdict(out_dir: Path, record_id: Any, verdict: Any, note: Any = "", *, kind: str | None = None) -> dict[str, Any]:
    """Store (or replace) the verdict on one record; returns the stored row.
    Arguments are checked here, since they may come straight from a request;
    `kind` may be passed by a caller that already knows the record exists."""
    if verdict not in VERDICTS:
        raise ReviewError(f"unknown verdict {verdict!r}: use one of {', '.join(VERDICTS)}")
    if not isinstance(record_id, str) or not record_id:
        raise ReviewError("record_id must be a non-empty string")
    note = "" if note is None else note
    if not isinstance(note, str) or len(note) > MAX_NOTE:
        raise ReviewError(f"note must be text of at most {MAX_NOTE:,} characters")
    found = _find(out_dir, record_id)
    if found is None:
        raise ReviewError(f"unknown record id {record_id!r}: not in mentions.jsonl or claims.jsonl")
    kind = kind or found[0]
    row = {"record_id": record_id, "kind": kind, "verdict": verdict, "note": note, "updated": _now(),
           "status": "current", "record_hash": record_hash(found[1])}
    conn = _connect(out_dir)
    try:
        with conn:
            conn.execute(
                "INSERT OR REPLACE INTO verdicts (record_id, kind, verdict, note, updated, status, record_hash) "
                "VALUES (:record_id, :kind, :verdict, :note, :updated, :status, :record_hash)",
                row,
            )
    finally:
        conn.close()
    return {k: v for k, v in row.items() if k not in ("record_id", "record_hash")}


def verdicts(out_dir: Path) -> dict[str, dict[str, Any]]:
    """record id → {kind, verdict, note, updated, status}; empty when nothing was reviewed."""
    if not (Path(out_dir) / DB_NAME).is_file():
        return {}
    conn = _connect(out_dir)
    try:
        rows = conn.execute("SELECT * FROM verdicts ORDER BY record_id").fetchall()
    finally:
        conn.close()
    return {r["record_id"]: {k: r[k] for k in r.keys() if k not in ("record_id", "record_hash")} for r in rows}


def _hashes(out_dir: Path) -> dict[str, str]:
    conn = _connect(out_dir)
    try:
        return {r["record_id"]: r["record_hash"] for r in conn.execute("SELECT record_id, record_hash FROM verdicts")}
    finally:
        conn.close()


def reconcile(out_dir: Path) -> dict[str, Any]:
    """After a run: verdicts whose record still exists unchanged stay (or become
    again) 'current'; those whose record is gone become 'orphaned', and those whose
    record now says something else (same id, other text or value) 'changed'; none
    is deleted. Reads the record files once, holding only the reviewed ids."""
    out_dir = Path(out_dir)
    reviewed = verdicts(out_dir)
    if not reviewed:
        return {"kept": 0, "orphaned": [], "changed": []}
    if not (out_dir / "mentions.jsonl").is_file():
        raise FileNotFoundError(f"{out_dir} has no mentions.jsonl: not a newsfacts output folder")
    judged = _hashes(out_dir)
    present: set[str] = set()
    changed: set[str] = set()
    for name, _ in RECORD_FILES:
        for rec in read_jsonl(out_dir / name):
            rid = rec.get("id")
            if rid in reviewed:
                present.add(rid)
                if judged.get(rid) and judged[rid] != record_hash(rec):
                    changed.add(rid)
    orphaned = sorted(set(reviewed) - present)
    conn = _connect(out_dir)
    try:
        with conn:
            conn.execute("UPDATE verdicts SET status = 'current'")
            conn.executemany("UPDATE verdicts SET status = 'orphaned' WHERE record_id = ?", [(i,) for i in orphaned])
            conn.executemany("UPDATE verdicts SET status = 'changed' WHERE record_id = ?", [(i,) for i in sorted(changed)])
    finally:
        conn.close()
    return {"kept": len(present - changed), "orphaned": orphaned, "changed": sorted(changed)}


# --------------------------------------------------------------------------- server


class ReviewServer(ThreadingHTTPServer):
    """Serves one output folder; the page is rebuilt when the output files change."""

    daemon_threads = True

    def __init__(self, out_dir: Path, port: int) -> None:
        self.out_dir = Path(out_dir)
        self._lock = threading.Lock()
        self._stamp: tuple | None = None
        self._page = b""
        self._kinds: dict[str, str] = {}
        super().__init__((HOST, port), ReviewHandler)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"

    def _files_stamp(self) -> tuple:
        stats = []
        for name in ("documents.jsonl", "texts.jsonl", "mentions.jsonl", "claims.jsonl"):
            p = self.out_dir / name
            stats.append((p.stat().st_mtime_ns, p.stat().st_size) if p.is_file() else None)
        return tuple(stats)

    def page(self) -> tuple[bytes, dict[str, str]]:
        """The page and the kinds of the records on it, cached until the output changes."""
        with self._lock:
            stamp = self._files_stamp()
            if stamp != self._stamp:
                out: Output = load_output(self.out_dir)
                title = f"newsfacts review: {self.out_dir.resolve().name}"
                self._page = render_page(out, review=True, title=title).encode("utf-8")
                self._kinds = out.record_kinds()
                self._stamp = stamp
            return self._page, self._kinds

    def allowed_hosts(self) -> set[str]:
        port = self.server_address[1]
        return {f"{HOST}:{port}", f"localhost:{port}"}


class ReviewHandler(BaseHTTPRequestHandler):
    server: ReviewServer
    server_version = "newsfacts-review"

    def log_message(self, format: str, *args: Any) -> None:  # requests are not worth a line each
        pass

    def _send(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, obj: Any) -> None:
        self._send(status, json.dumps(obj, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def _trusted(self) -> bool:
        """Only pages of this server may talk to it: the Host header blocks DNS
        rebinding, the Origin header blocks other sites posting verdicts."""
        hosts = self.server.allowed_hosts()
        if self.headers.get("Host") not in hosts:
            self._json(HTTPStatus.BAD_REQUEST, {"error": "unexpected Host header"})
            return False
        origin = self.headers.get("Origin")
        if origin is not None and origin not in {f"http://{h}" for h in hosts}:
            self._json(HTTPStatus.FORBIDDEN, {"error": "cross-origin requests are refused"})
            return False
        return True

    def do_GET(self) -> None:
        try:
            if not self._trusted():
                return
            path = self.path.split("?", 1)[0]
            if path in ("/", "/index.html"):
                self._send(HTTPStatus.OK, self.server.page()[0], "text/html; charset=utf-8")
            elif path == "/api/verdicts":
                self._json(HTTPStatus.OK, verdicts(self.server.out_dir))
            else:
                self._json(HTTPStatus.NOT_FOUND, {"error": f"no such page: {path}"})
        except Exception as exc:  # a reviewer sees a message, never a traceback
            self._fail(exc)

    def do_POST(self) -> None:
        try:
            if not self._trusted():
                return
            if self.path.split("?", 1)[0] != "/api/verdict":
                self._json(HTTPStatus.NOT_FOUND, {"error": f"no such endpoint: {self.path}"})
                return
            request = self._read_json()
            record_id = request.get("record_id")
            kind = self.server.page()[1].get(record_id) if isinstance(record_id, str) else None
            stored = set_verdict(self.server.out_dir, record_id, request.get("verdict"), request.get("note", ""), kind=kind)
            self._json(HTTPStatus.OK, {"record_id": record_id, "verdict": stored})
        except ReviewError as exc:
            self._json(HTTPStatus.BAD_REQUEST, {"error": str(exc)})
        except Exception as exc:
            self._fail(exc)

    def _read_json(self) -> dict[str, Any]:
        ctype = (self.headers.get("Content-Type") or "").split(";", 1)[0].strip().lower()
        if ctype != "application/json":
            raise ReviewError("send the verdict as application/json")
        try:
            length = int(self.headers.get("Content-Length") or "")
        except ValueError:
            raise ReviewError("Content-Length is required") from None
        if not 0 < length <= MAX_BODY:
            raise ReviewError(f"request body must be 1 to {MAX_BODY:,} bytes")
        try:
            body = json.loads(self.rfile.read(length).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ReviewError(f"request body is not valid JSON: {exc}") from None
        if not isinstance(body, dict):
            raise ReviewError("request body must be a JSON object with record_id, verdict and note")
        return body

    def _fail(self, exc: Exception) -> None:
        print(f"newsfacts serve: {type(exc).__name__}: {exc}", file=sys.stderr)
        try:
            self._json(HTTPStatus.INTERNAL_SERVER_ERROR, {"error": f"internal error: {type(exc).__name__}"})
        except OSError:
            pass  # the client has gone


def make_server(out_dir: Path, host: str = HOST, port: int = 8765) -> ReviewServer:
    """A server bound to 127.0.0.1 (port 0: any free port), verdicts reconciled
    with the current output. Run it with serve_forever()."""
    if host != HOST:
        raise ValueError(f"the review server only listens on {HOST}, not {host!r}")
    out_dir = Path(out_dir)
    if not (out_dir / "documents.jsonl").is_file():
        raise FileNotFoundError(f"{out_dir} has no documents.jsonl: not a newsfacts output folder")
    reconcile(out_dir)
    return ReviewServer(out_dir, port)


def serve(out_dir: Path, host: str = HOST, port: int = 8765) -> None:
    """Serve the review page until interrupted (Ctrl-C)."""
    server = make_server(out_dir, host, port)
    print(f"newsfacts review of {out_dir} at {server.url} (Ctrl-C to stop)", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
