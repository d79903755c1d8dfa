"""Incremental runs: a manifest in the output folder records, per document, the
hash of what was processed and where its records sit in mentions.jsonl, so a
re-run over a grown dump processes only new or changed documents.

The manifest is written last, after the outputs are in place: a run killed before
that leaves the previous manifest, which still describes the previous outputs."""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

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
    model and reference date: only then are its records reused as they are."""

    def __init__(self, out_dir: str | Path, fp: str) -> None:
        self.dir = Path(out_dir)
        self.fingerprint = fp
        self.current = False
        self.entries: dict[str, Entry] = {}
        path = self.dir / MANIFEST
        if not all((self.dir / n).is_file() for n in (MANIFEST, "mentions.jsonl", "texts.jsonl")):
            return
        try:
            with path.open(encoding="utf-8") as fh:
                head = json.loads(fh.readline() or "{}")
                self.current = head.get("fingerprint") == fp
                for line in fh:
                    e = json.loads(line)
                    self.entries[e["doc_id"]] = Entry(e["doc_id"], e["hash"], e["spans"], e["document"])
        except (OSError, ValueError, KeyError):
            self.entries = {}

    def unchanged(self, article: Article, digest: str) -> Entry | None:
        e = self.entries.get(article.doc_id) if self.current else None
        return e if e is not None and e.hash == digest else None

    def stored_article(self, entry: Entry) -> Article | None:
        """A document of an earlier run, rebuilt from its stored text and row, so that
        it can be processed again when the records must be remade."""
        line = self.read(entry, "texts.jsonl")
        if not line.strip():
            return None
        doc = entry.document
        text = json.loads(line)["text"]
        return Article(entry.doc_id, text, doc.get("source") or "", doc.get("published"), doc.get("title"))

    def read(self, entry: Entry, name: str) -> bytes:
        """The document's lines in the previous run's output file `name`."""
        offset, length = entry.spans.get(name, (0, 0))
        with (self.dir / name).open("rb") as fh:
            fh.seek(offset)
            return fh.read(length)


class ManifestWriter:
    def __init__(self, out_dir: str | Path, fp: str) -> None:
        self.dir = Path(out_dir)
        self.tmp = self.dir / f".{MANIFEST}.tmp-{os.getpid()}"
        self.fh = self.tmp.open("w", encoding="utf-8", newline="\n")
        self.fh.write(json.dumps({"fingerprint": fp}) + "\n")

    def add(self, doc_id: str, digest: str, spans: dict[str, list[int]], document: dict[str, Any]) -> None:
        row = {"doc_id": doc_id, "hash": digest, "spans": spans, "document": document}
        self.fh.write(json.dumps(row, ensure_ascii=False) + "\n")

    def close(self) -> None:
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        os.replace(self.tmp, self.dir / MANIFEST)

    def abort(self) -> None:
        self.fh.close()
        self.tmp.unlink(missing_ok=True)


