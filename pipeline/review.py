"""The review app: the report page with, per record, verified / wrong /
needs-check (or none) and a note, stored in OUT_DIR/review.sqlite by record id
with when and by whom; every change is also appended to a history table.

Record ids are stable (`{doc_id}:{type}:{start}-{end}`), so a verdict survives
a re-run that yields the same record; reconcile() marks verdicts whose record
is gone as orphaned, or changed when the record now says something else, and
never deletes them. The server (Flask on Werkzeug's threaded server) binds
127.0.0.1 only and answers only requests addressed to itself.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException
from werkzeug.serving import ThreadedWSGIServer, WSGIRequestHandler

from pipeline.report import Output, load_output, page_csp, read_jsonl, render_page

DB_NAME = "review.sqlite"
VERDICTS = ("verified", "wrong", "needs-check")
RECORD_FILES = (("mentions.jsonl", "mention"), ("claims.jsonl", "claim"))
HOST = "127.0.0.1"
MAX_BODY = 1 << 20
MAX_NOTE = 10_000
MAX_REVIEWER = 100
# Seconds a connection may take to send its request: a half-sent one is dropped.
REQUEST_TIMEOUT = 10.0
KEEP = object()  # set_verdict(): leave the verdict as it is (a note-only change)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS verdicts (
    record_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    verdict TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    updated TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'current',
    record_hash TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL DEFAULT '',
    decided TEXT NOT NULL DEFAULT ''
)"""
_HISTORY = """
CREATE TABLE IF NOT EXISTS history (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id TEXT NOT NULL,
    verdict TEXT NOT NULL,
    note TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    at TEXT NOT NULL
)"""
# Columns added after the first stores were written: (name, declaration).
_ADDED = (
    ("record_hash", "TEXT NOT NULL DEFAULT ''"),  # what the verdict judged
    ("reviewer", "TEXT NOT NULL DEFAULT ''"),  # who made the verdict
    ("decided", "TEXT NOT NULL DEFAULT ''"),  # when the verdict (not the note) was made
)


class ReviewError(ValueError):
    """A verdict that cannot be stored: the server answers it with 400."""


# --------------------------------------------------------------------------- storage


def _connect(out_dir: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(Path(out_dir) / DB_NAME, timeout=30)
    conn.row_factory = sqlite3.Row
    conn.execute(_SCHEMA)
    conn.execute(_HISTORY)
    columns = {r["name"] for r in conn.execute("PRAGMA table_info(verdicts)")}
    for name, decl in _ADDED:  # a store written by an older version gains the column, rows kept
        if name not in columns:
            conn.execute(f"ALTER TABLE verdicts ADD COLUMN {name} {decl}")
    conn.commit()
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


def set_verdict(
    out_dir: Path, record_id: Any, verdict: Any = KEEP, note: Any = None, *, reviewer: Any = "", kind: str | None = None
) -> dict[str, Any]:
    """Store a change to one record's review; returns the stored row.

    `verdict`: one of VERDICTS, None or "" to clear it, KEEP to leave it as it is.
    `note`: the new note, or None to leave it as it is. `reviewer`: who made the
    change. Making or clearing a verdict records when and by whom, and what the
    record said (so a later change of the record shows); a note-only change
    keeps all of that. Arguments are checked here, since they may come straight
    from a request; `kind` may be passed by a caller that already knows it."""
    if verdict is not KEEP and verdict not in VERDICTS and verdict not in (None, ""):
        raise ReviewError(f"unknown verdict {verdict!r}: use one of {', '.join(VERDICTS)}, or null to clear it")
    if not isinstance(record_id, str) or not record_id:
        raise ReviewError("record_id must be a non-empty string")
    if note is not None and (not isinstance(note, str) or len(note) > MAX_NOTE):
        raise ReviewError(f"note must be text of at most {MAX_NOTE:,} characters")
    reviewer = "" if reviewer is None else reviewer
    if not isinstance(reviewer, str) or len(reviewer) > MAX_REVIEWER:
        raise ReviewError(f"reviewer must be a name of at most {MAX_REVIEWER} characters")
    found = _find(out_dir, record_id)
    if found is None:
        raise ReviewError(f"unknown record id {record_id!r}: not in mentions.jsonl or claims.jsonl")
    now = _now()
    conn = _connect(out_dir)
    try:
        with conn:
            old = conn.execute("SELECT * FROM verdicts WHERE record_id = ?", (record_id,)).fetchone()
            row = dict(old) if old else {
                "record_id": record_id, "kind": kind or found[0], "verdict": "", "note": "", "status": "current",
                "record_hash": record_hash(found[1]), "reviewer": "", "decided": "",
            }
            if verdict is not KEEP:  # a verdict judges the record as it is now
                row.update(verdict=verdict or "", status="current", record_hash=record_hash(found[1]),
                           reviewer=reviewer.strip(), decided=now)
            if note is not None:
                row["note"] = note
            row["updated"] = now
            conn.execute(
                "INSERT OR REPLACE INTO verdicts (record_id, kind, verdict, note, updated, status, record_hash, reviewer, "
                "decided) VALUES (:record_id, :kind, :verdict, :note, :updated, :status, :record_hash, :reviewer, :decided)",
                row,
            )
            conn.execute(
                "INSERT INTO history (record_id, verdict, note, reviewer, at) VALUES (?, ?, ?, ?, ?)",
                (record_id, row["verdict"], row["note"], reviewer.strip(), now),
            )
    finally:
        conn.close()
    return _public(row)


def _public(row: Any) -> dict[str, Any]:
    return {k: row[k] for k in row.keys() if k not in ("record_id", "record_hash")}


def history(out_dir: Path, record_id: str | None = None) -> list[dict[str, Any]]:
    """Every change made, oldest first (of one record when record_id is given)."""
    if not (Path(out_dir) / DB_NAME).is_file():
        return []
    conn = _connect(out_dir)
    try:
        where, args = ("WHERE record_id = ?", (record_id,)) if record_id is not None else ("", ())
        return [dict(r) for r in conn.execute(f"SELECT * FROM history {where} ORDER BY seq", args)]
    finally:
        conn.close()


def verdicts(out_dir: Path) -> dict[str, dict[str, Any]]:
    """record id → {kind, verdict, note, updated, status, reviewer, decided}; empty
    when nothing was reviewed. A verdict of "" is a note without a verdict (or a
    cleared one)."""
    if not (Path(out_dir) / DB_NAME).is_file():
        return {}
    conn = _connect(out_dir)
    try:
        rows = conn.execute("SELECT * FROM verdicts ORDER BY record_id").fetchall()
    finally:
        conn.close()
    return {r["record_id"]: _public(r) for r in rows}


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


class _Page:
    """The review page of one output folder, rebuilt when its files change."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self._lock = threading.Lock()
        self._stamp: tuple | None = None
        self._page = b""
        self._kinds: dict[str, str] = {}

    def _files_stamp(self) -> tuple:
        stats = []
        for name in ("documents.jsonl", "texts.jsonl", "mentions.jsonl", "claims.jsonl"):
            p = self.out_dir / name
            stats.append((p.stat().st_mtime_ns, p.stat().st_size) if p.is_file() else None)
        return tuple(stats)

    def get(self) -> tuple[bytes, dict[str, str]]:
        """The page and the kinds of the records on it."""
        with self._lock:
            stamp = self._files_stamp()
            if stamp != self._stamp:
                out: Output = load_output(self.out_dir)
                title = f"newsfacts review: {self.out_dir.resolve().name}"
                self._page = render_page(out, review=True, title=title).encode("utf-8")
                self._kinds = out.record_kinds()
                self._stamp = stamp
            return self._page, self._kinds


def create_app(out_dir: Path, allowed_hosts: Any) -> Flask:
    """The review app for one output folder. `allowed_hosts()` gives the Host
    values it answers to (known once the server has its port)."""
    out_dir = Path(out_dir)
    page = _Page(out_dir)
    app = Flask("newsfacts-review")
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY

    def error(status: int, message: str) -> Response:
        return Response(json.dumps({"error": message}, ensure_ascii=False), status, mimetype="application/json")

    @app.before_request
    def trusted() -> Response | None:
        """Only pages of this server may talk to it: the Host header blocks DNS
        rebinding, the Origin header blocks other sites posting verdicts. A change
        that comes without an Origin (an older browser, a privacy extension) is
        still refused when its Referer or Sec-Fetch-Site names another site; a
        client that sends none of them (curl, a script) is not a browser page."""
        hosts = allowed_hosts()
        if request.headers.get("Host") not in hosts:
            return error(400, "unexpected Host header")
        ours = {f"http://{h}" for h in hosts}
        origin = request.headers.get("Origin")
        if origin is not None and origin not in ours:
            return error(403, "cross-origin requests are refused")
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            referer = request.headers.get("Referer")
            if origin is None and referer is not None and _origin_of(referer) not in ours:
                return error(403, "cross-origin requests are refused")
            if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
                return error(403, "cross-origin requests are refused")
        return None

    @app.after_request
    def headers(res: Response) -> Response:
        res.headers["Cache-Control"] = "no-store"
        res.headers["X-Content-Type-Options"] = "nosniff"
        res.headers["X-Frame-Options"] = "DENY"
        # frame-ancestors only works as a header: no other page may frame this one.
        csp = page_csp(review=True) if res.mimetype == "text/html" else "default-src 'none'"
        res.headers["Content-Security-Policy"] = f"{csp}; frame-ancestors 'none'"
        return res

    @app.get("/")
    @app.get("/index.html")
    def index() -> Response:
        return Response(page.get()[0], mimetype="text/html")

    @app.get("/api/verdicts")
    def all_verdicts() -> Response:
        return Response(json.dumps(verdicts(out_dir), ensure_ascii=False), mimetype="application/json")

    @app.post("/api/verdict")
    def verdict() -> Response:
        body = _read_json()
        record_id = body.get("record_id")
        kind = page.get()[1].get(record_id) if isinstance(record_id, str) else None
        stored = set_verdict(
            out_dir, record_id, body["verdict"] if "verdict" in body else KEEP, body.get("note"),
            reviewer=body.get("reviewer", ""), kind=kind,
        )
        return Response(json.dumps({"record_id": record_id, "verdict": stored}, ensure_ascii=False),
                        mimetype="application/json")

    @app.errorhandler(ReviewError)
    def refused(exc: ReviewError) -> Response:
        return error(400, str(exc))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Response:
        message = f"no such page: {request.path}" if exc.code == 404 else exc.description or exc.name
        return error(exc.code or 500, message)

    @app.errorhandler(TimeoutError)
    def timed_out(exc: TimeoutError) -> Response:  # a body that stopped coming
        return error(408, "the request was not sent in time")

    @app.errorhandler(Exception)
    def failed(exc: Exception) -> Response:  # a reviewer sees a message, never a traceback
        print(f"newsfacts serve: {type(exc).__name__}: {exc}", file=sys.stderr)
        return error(500, f"internal error: {type(exc).__name__}")

    return app


def _origin_of(url: str) -> str:
    """'http://127.0.0.1:8765' of 'http://127.0.0.1:8765/page#x'; '' for what is not a URL."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def _read_json() -> dict[str, Any]:
    if request.mimetype != "application/json":
        raise ReviewError("send the verdict as application/json")
    length = request.content_length
    if length is None:
        raise ReviewError("Content-Length is required")
    if not 0 < length <= MAX_BODY:
        raise ReviewError(f"request body must be 1 to {MAX_BODY:,} bytes")
    try:
        body = json.loads(request.get_data(cache=False).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReviewError(f"request body is not valid JSON: {exc}") from None
    if not isinstance(body, dict):
        raise ReviewError("request body must be a JSON object with record_id, and verdict and/or note")
    return body


class _Handler(WSGIRequestHandler):
    # socketserver applies this to each connection: a client that stops sending
    # half way through its request is cut off instead of holding a thread.
    timeout = REQUEST_TIMEOUT

    def log(self, type: str, message: str, *args: Any) -> None:  # requests are not worth a line each
        pass


class ReviewServer(ThreadedWSGIServer):
    """Werkzeug's threaded WSGI server running the review app of one folder."""

    daemon_threads = True

    def __init__(self, out_dir: Path, port: int) -> None:
        self.out_dir = Path(out_dir)
        handler = type("_Handler", (_Handler,), {"timeout": REQUEST_TIMEOUT})  # read now: a test may shorten it
        super().__init__(HOST, port, create_app(self.out_dir, self.allowed_hosts), handler=handler)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"

    def allowed_hosts(self) -> set[str]:
        port = self.server_address[1]
        return {f"{HOST}:{port}", f"localhost:{port}"}


def make_server(out_dir: Path, host: str = HOST, port: int = 8765) -> ReviewServer:
    """A server bound to 127.0.0.1 (port 0: any free port), verdicts reconciled
    with the current output. Run it with serve_forever()."""
    if host != HOST:
        raise ValueError(f"the review server only listens on {HOST}, not {host!r}")
    out_dir = Path(out_dir)
    if not (out_dir / "documents.jsonl").is_file():
        raise FileNotFoundError(f"{out_dir} has no documents.jsonl: not a newsfacts output folder")
    _check_port(host, port)
    reconcile(out_dir)
    return ReviewServer(out_dir, port)


class PortBusy(OSError):
    """Another program listens on the port."""


def _check_port(host: str, port: int) -> None:
    """PortBusy for a port another program holds. Werkzeug would print its own
    message and exit the process (status 1) from inside the server's constructor;
    binding once first, as it binds (address reuse on), says so plainly instead."""
    import errno
    import socket

    if port == 0:
        return
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise PortBusy(f"port {port} on {host} is in use by another program; choose "
                               "another with --port (0 picks a free one)") from None
            raise


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
