"""Incremental runs: a manifest in the output folder records, per document, the
hash of what was processed and where its records sit in mentions.jsonl, so a
re-run over a grown dump processes only new or changed documents.

A run switches to its new state in one step: when every output is complete under
its temporary name, the new manifest, which names those files with their sizes and
digests, is renamed into place (the commit), and only then are the outputs renamed
over the old ones. A run stopped before the commit leaves the old manifest and the
old outputs, untouched; one stopped after it leaves a manifest whose renames the
next run completes (rolls forward) before it reads anything. An output that is not
the file the manifest describes (edited, torn, removed) is not trusted: its
documents are processed again, with a warning."""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.atomic import fsync_dir, temp_name
from pipeline.records import Article
from pipeline.resources import patterns_dir

MANIFEST = "manifest.jsonl"


@lru_cache(maxsize=None)
def _code_digest() -> str:
    """Everything that shapes the records: the package's code and its patterns."""
    h = hashlib.sha256()
    pkg = Path(__file__).resolve().parent
    for path in sorted(pkg.rglob("*.py")) + sorted(patterns_dir().glob("*.jsonl")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


# The libraries whose data or behaviour shape the records: the model's runtime, date
# parsing, CLDR's places and currencies, currency signs and names, and the readers
# of HTML and WARC, whose text every offset indexes.
_SHAPING = ("spacy", "dateparser", "babel", "price-parser", "trafilatura", "warcio")


def _versions(model: str) -> str:
    """The versions of what else shapes the records: those libraries and the model."""
    from importlib import metadata

    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "?"

    return "; ".join(f"{d} {version(d)}" for d in (*_SHAPING, model.replace("_", "-")))


def fingerprint(model: str, ref_date: date | None) -> str:
    h = hashlib.sha256()
    h.update(_code_digest().encode())
    h.update(_versions(model).encode())
    h.update((ref_date.isoformat() if ref_date else "").encode())
    return h.hexdigest()[:32]


def content_hash(article: Article) -> str:
    h = hashlib.sha256()
    # The source path is left out: a dump that moved is not a changed dump.
    for part in (article.doc_id, article.text, article.published or "", article.title or "", article.url or ""):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()[:32]


@dataclass(frozen=True)
class Entry:
    doc_id: str
    hash: str
    spans: dict[str, list[int]]  # output file → [byte offset, length] of the document's lines
    document: dict[str, Any]


class Manifest:
    """The previous run's manifest (empty when there is none or it is unreadable).
    `current` says whether it was made by the same code, patterns, libraries,
    model and reference date: only then are its records reused as they are.
    Reading it first completes the renames of a run stopped after its commit;
    `warnings` says what of the earlier state could not be trusted."""

    def __init__(self, out_dir: str | Path, fp: str) -> None:
        self.dir = Path(out_dir)
        self.fingerprint = fp
        self.current = False
        self.entries: dict[str, Entry] = {}
        self.warnings: list[str] = []
        self._claims_ok = False  # claims.jsonl is the file the last run wrote
        self._claim_spans: dict[str, tuple[int, int]] | None = None
        path = self.dir / MANIFEST
        if not path.is_file():
            return
        commit: dict[str, Any] | None = None
        try:
            with path.open(encoding="utf-8") as fh:
                head = json.loads(fh.readline() or "{}")
                self.current = head.get("fingerprint") == fp
                for line in fh:
                    e = json.loads(line)
                    if "commit" in e:
                        commit = e["commit"]
                        continue
                    self.entries[e["doc_id"]] = Entry(e["doc_id"], e["hash"], e["spans"], e["document"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self._untrusted(f"{MANIFEST} cannot be read")
            return
        if commit is None:
            # no record of the files it describes (edited, or written by an older
            # version): its stored texts may still serve, its records are remade
            self.current = False
        else:
            roll_forward(self.dir, commit)
            self._check(commit)
        if not all((self.dir / n).is_file() for n in ("mentions.jsonl", "texts.jsonl")):
            self._untrusted("mentions.jsonl or texts.jsonl is missing")

    def _untrusted(self, why: str) -> None:
        if self.entries or why.startswith(MANIFEST):
            self.warnings.append(f"{why}: the earlier run's state is set aside; its documents that are in "
                                 "these inputs are processed again, the others are no longer kept")
        self.entries, self.current = {}, False

    def _check(self, commit: dict[str, Any]) -> None:
        """Trust the earlier outputs only as far as they are the files the manifest describes."""
        if not _matches(self.dir / "texts.jsonl", commit.get("texts.jsonl")):
            self._untrusted("texts.jsonl is not the file the last run wrote")
        elif not _matches(self.dir / "mentions.jsonl", commit.get("mentions.jsonl")):
            if self.current and self.entries:
                self.warnings.append("mentions.jsonl is not the file the last run wrote: every document is processed again")
            self.current = False
        self._claims_ok = _matches(self.dir / "claims.jsonl", commit.get("claims.jsonl"))

    def unchanged(self, article: Article, digest: str) -> Entry | None:
        e = self.entries.get(article.doc_id) if self.current else None
        return e if e is not None and e.hash == digest else None

    def stored_article(self, entry: Entry) -> Article | None:
        """A document of an earlier run, rebuilt from its stored text and row, so that
        it can be processed again when the records must be remade."""
        try:
            row = json.loads(self.read(entry, "texts.jsonl"))
            text = row["text"] if row.get("doc_id") == entry.doc_id else None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            text = None
        if not isinstance(text, str):
            return None
        doc = entry.document
        return Article(entry.doc_id, text, doc.get("source") or "", doc.get("published"), doc.get("title"), doc.get("url"))

    def claims(self, entry: Entry) -> list[dict[str, Any]] | None:
        """The document's claims as the last run linked them, before their checks
        (each check is made again when this run closes), or None when claims.jsonl
        is not the file the manifest describes: they are then linked again."""
        if not (self.current and self._claims_ok):
            return None
        if self._claim_spans is None:
            self._claim_spans = _claim_spans(self.dir / "claims.jsonl")
        offset, length = self._claim_spans.get(entry.doc_id, (0, 0))
        if length < 0:
            return None
        with (self.dir / "claims.jsonl").open("rb") as fh:
            fh.seek(offset)
            data = fh.read(length)
        # "flags" holds only what the checks added: a claim is linked with none
        return [{**json.loads(line), "flags": []} for line in data.splitlines()]

    def read(self, entry: Entry, name: str) -> bytes:
        """The document's lines in the previous run's output file `name`."""
        offset, length = entry.spans.get(name, (0, 0))
        with (self.dir / name).open("rb") as fh:
            fh.seek(offset)
            return fh.read(length)


# claims.jsonl lines as pipeline.export.dumps writes them: the claim's id, then its doc_id
_CLAIM_DOC = re.compile(rb'^\{"id": "(?:[^"\\]|\\.)*", "doc_id": ("(?:[^"\\]|\\.)*")')


def _claim_spans(path: Path) -> dict[str, tuple[int, int]]:
    """doc_id → [byte offset, length] of its lines in claims.jsonl, one pass over the
    file (a run writes a document's claims together; if not, its length is -1)."""
    spans: dict[str, tuple[int, int]] = {}
    pos, last = 0, None
    with path.open("rb") as fh:
        for line in fh:
            m = _CLAIM_DOC.match(line)
            doc_id = json.loads(m.group(1)) if m else json.loads(line)["doc_id"]
            if doc_id == last:
                offset, length = spans[doc_id]
                spans[doc_id] = (offset, length + len(line) if length >= 0 else -1)
            else:
                spans[doc_id] = (pos, len(line)) if doc_id not in spans else (0, -1)
            last = doc_id
            pos += len(line)
    return spans


def digest(path: Path) -> dict[str, Any] | None:
    """Size and SHA-256 of a file, or of a folder's files (names and contents), or None."""
    h, size = hashlib.sha256(), 0
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file())
        for p in files:
            h.update(p.relative_to(path).as_posix().encode() + b"\0")
    elif path.is_file():
        files = [path]
    else:
        return None
    for p in files:
        with p.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
                size += len(chunk)
    return {"size": size, "sha256": h.hexdigest()}


def _matches(path: Path, record: dict[str, Any] | None) -> bool:
    if not record:
        return False
    if path.is_file() and path.stat().st_size != record.get("size"):
        return False  # cheap first: a torn or edited file seldom keeps its size
    d = digest(path)
    return d is not None and d["sha256"] == record.get("sha256")


def roll_forward(folder: Path, commit: dict[str, Any]) -> None:
    """Complete the renames of a committed run: each output still under its temporary
    name, and still the file the manifest describes, replaces the final one."""
    done = False
    for name, record in sorted(commit.items()):
        tmp = folder / str(record.get("tmp", ""))
        if not record.get("tmp") or not tmp.exists() or not _matches(tmp, record):
            continue
        final = folder / name
        if tmp.is_dir() and final.exists():
            shutil.rmtree(final)
        os.replace(tmp, final)
        done = True
    if done:
        fsync_dir(folder)


class ManifestWriter:
    def __init__(self, out_dir: str | Path, fp: str) -> None:
        self.dir = Path(out_dir)
        self.tmp = temp_name(self.dir / MANIFEST)
        self.fh = self.tmp.open("w", encoding="utf-8", newline="\n")
        self.fh.write(json.dumps({"fingerprint": fp}) + "\n")

    def add(self, doc_id: str, digest: str, spans: dict[str, list[int]], document: dict[str, Any]) -> None:
        row = {"doc_id": doc_id, "hash": digest, "spans": spans, "document": document}
        self.fh.write(json.dumps(row, ensure_ascii=False) + "\n")

    def commit(self, pending: dict[str, Path]) -> None:
        """Name the outputs waiting under temporary names (final name → temporary
        path) with their digests, and rename the manifest into place: from here on the
        run is done, whatever stops it before its renames (the next run completes them)."""
        record = {name: {"tmp": tmp.name, **(digest(tmp) or {})} for name, tmp in sorted(pending.items())}
        self.fh.write(json.dumps({"commit": record}) + "\n")
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        os.replace(self.tmp, self.dir / MANIFEST)
        fsync_dir(self.dir)

    def abort(self) -> None:
        self.fh.close()
        self.tmp.unlink(missing_ok=True)
