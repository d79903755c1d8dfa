"""A batch run: inputs → (unchanged documents reused) → an engine that processes
batches (pipeline.engines) → outputs and manifest, in input order, in bounded
memory.

A run ends with its outputs switched into place. What the command does after it
(reconciling verdicts, writing newsfacts.sqlite) is the command's (pipeline.cli):
a library caller gets the records, and no newsfacts.sqlite that could describe
older ones."""
from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Iterator

from pipeline import interrupts
from pipeline.engines import make_engine
from pipeline.export import SQLITE_NAME, OutputWriter
from pipeline.incremental import Entry, Manifest, ManifestWriter, content_hash, fingerprint
from pipeline.ingest import Problem, read_articles
from pipeline.parsing import LazyParser
from pipeline.progress import NoProgress, Progress, input_bytes
from pipeline.readers.sniff import ReadProgress
from pipeline.pieces import PIECE_CHARS
from pipeline.records import Article
from pipeline.runner import Result


@dataclass
class Options:
    model: str
    ref_date: date | None = None
    workers: int = 1
    batch_size: int = 8
    chunk: int = 5000  # records per Parquet row group / dataset part
    force: bool = False
    engine: str = "local"
    scheduler: str | None = None
    progress: bool = False
    ingest: dict[str, Any] = field(default_factory=dict)


@dataclass
class Summary:
    statuses: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    processed: int = 0
    reused: int = 0
    kept: int = 0  # documents of earlier runs no longer in the inputs, kept as they were
    claims: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # earlier state that could not be trusted


def extract(paths: Iterable[str | Path], out_dir: str | Path, opts: Options, engine: Any = None) -> Summary:
    """Run over `paths` into `out_dir`. An `engine` passed in (already started, e.g. by
    a benchmark that measures steady-state throughput) is used and left open.

    Documents of earlier runs into `out_dir` that are not in `paths` are kept: their
    records are copied when nothing that shapes them changed, and otherwise remade
    from their stored text."""
    out = Path(out_dir)
    fp = fingerprint(opts.model, opts.ref_date)
    previous = Manifest(out, fp)
    if opts.force:
        previous.current = False
    summary = Summary()
    seen: set[str] = set()
    read: set[str] = set()
    committed = False
    writer = OutputWriter(out, chunk=opts.chunk, dataset=opts.engine == "dask", parser=LazyParser(opts.model))
    manifest = ManifestWriter(out, fp)
    reading = ReadProgress()
    bar = Progress(input_bytes(paths, out), reading) if opts.progress else NoProgress()
    try:
        items = _and_kept(read_articles(paths, exclude=out, progress=reading, **opts.ingest), previous, read, bar)
        slots = _ordered(items, previous, opts, engine)
        try:
            for item, digest, result, entry in slots:
                if entry is not None:  # unchanged since the last run
                    doc, data = _moved(entry, previous.read(entry, "mentions.jsonl"), item.source)
                    spans = writer.write_reused(doc, data, previous.read(entry, "texts.jsonl"), previous.claims(entry))
                    manifest.add(entry.doc_id, digest, spans, doc)
                    summary.reused += 1
                else:
                    assert result is not None
                    doc = result.document
                    text = item.text if doc["status"] == "ok" and isinstance(item, Article) else None
                    spans = writer.write(doc, result.mentions, text, result.claims)
                    if doc["status"] == "ok":
                        manifest.add(doc["doc_id"], digest, spans, doc)
                        summary.processed += 1
                if doc["doc_id"] not in read:
                    summary.kept += 1
                seen.add(doc["doc_id"])
                _tally(summary, doc)
                bar.update(1)
        finally:
            slots.close()
        # Documents of earlier runs that are not in these inputs are kept, not lost.
        if previous.current:
            for doc_id, entry in previous.entries.items():
                if doc_id not in seen:
                    texts = previous.read(entry, "texts.jsonl")
                    spans = writer.write_reused(entry.document, previous.read(entry, "mentions.jsonl"), texts,
                                                previous.claims(entry))
                    manifest.add(doc_id, entry.hash, spans, entry.document)
                    summary.kept += 1
                    _tally(summary, entry.document)
        writer.finish()
        # The switch: the new manifest, naming the finished outputs, lands in one
        # rename, and only then do the outputs replace the old ones. Stopped before
        # it, a run leaves the old state whole; after it, the next run completes the
        # renames (incremental.roll_forward). Signals wait until the renames are done.
        with interrupts.held():
            # the old newsfacts.sqlite, written after the switch, must never describe new records
            (out / SQLITE_NAME).unlink(missing_ok=True)
            manifest.commit(writer.pending())
            committed = True
            writer.install()
    except BaseException:
        writer.abort(keep_outputs=committed)
        if not committed:
            manifest.abort()
        raise
    finally:
        bar.close()
    summary.warnings = previous.warnings
    summary.counts = dict(writer.counts)
    summary.claims = writer.claims
    return summary


def _and_kept(
    items: Iterable[Article | Problem], previous: Manifest, read: set[str], bar: Progress | NoProgress
) -> Iterator[Article | Problem]:
    """The inputs, then, when the earlier records cannot be reused as they are, the
    earlier run's documents that the inputs no longer hold, rebuilt from their text."""
    for item in items:
        read.add(item.doc_id)
        bar.read()
        yield item
    if previous.current:
        return
    for doc_id, entry in previous.entries.items():
        if doc_id not in read:
            article = previous.stored_article(entry)
            if article is not None:
                yield article


def _moved(entry: Entry, data: bytes, source: str) -> tuple[dict[str, Any], bytes]:
    """An unchanged document read from a new place keeps its records, with the new source."""
    if entry.document.get("source") == source:
        return entry.document, data
    from pipeline.export import dumps

    lines = [{**json.loads(line), "source": source} for line in data.splitlines() if line.strip()]
    return {**entry.document, "source": source}, "".join(dumps(d) + "\n" for d in lines).encode("utf-8")


def _tally(summary: Summary, doc: dict[str, Any]) -> None:
    st = doc["status"]
    summary.statuses[st] = summary.statuses.get(st, 0) + 1
    if st == "failed":
        summary.failures.append((doc["source"], doc["reason"]))


Slot = tuple[Article | Problem, str | None, Result | None, Entry | None]


def _ordered(items: Iterable[Article | Problem], previous: Manifest, opts: Options, given: Any = None) -> Iterator[Slot]:
    """Slots in input order: unchanged articles carry their manifest entry, the
    rest their result. Up to `engine.window` batches are in flight at once, which
    keeps every worker busy and memory bounded."""
    engine = given or make_engine(opts)
    pending: deque = deque()
    workers = getattr(engine, "workers", 1)
    # about one batch per worker at the end, one document at a time (capped: huge
    # batches would otherwise end in thousands of one-document tasks)
    tail = min(opts.batch_size, _TAIL_PER_WORKER) * workers if workers > 1 else 0
    try:
        for batch in _batches(items, opts.batch_size, tail=tail):
            digests = [content_hash(i) if isinstance(i, Article) else None for i in batch]
            reuse = [previous.unchanged(i, d) if d else None for i, d in zip(batch, digests)]
            todo = [i for i, r in zip(batch, reuse) if r is None]
            pending.append((batch, digests, reuse, engine.submit(todo)))
            while len(pending) > engine.window:
                yield from _slots(*pending.popleft())
        while pending:
            yield from _slots(*pending.popleft())
    except BaseException:
        # stopped (a signal, an error, the caller gone): workers stop now, not after
        # the batches in flight
        if given is None:
            getattr(engine, "stop", engine.close)()
            given = engine  # closed
        raise
    finally:
        if given is None:
            engine.close()


def _slots(batch, digests, reuse, handle) -> Iterator[Slot]:
    results = iter(handle.result())
    for item, digest, entry in zip(batch, digests, reuse):
        yield item, digest, (None if entry else next(results)), entry


_TAIL_PER_WORKER = 16
# A batch's texts, at most (one longer document is a batch of its own): the model
# reads no more than this at once anyway (pipeline.pieces).
BATCH_CHARS = PIECE_CHARS


def _batches(items: Iterable[Article | Problem], size: int, tail: int = 0, chars: int = BATCH_CHARS) -> Iterator[list[Article | Problem]]:
    """Batches of `size`, except that the last `tail` items come one per batch: with
    several workers, the run then ends with every worker busy on small pieces rather
    than one finishing a whole batch while the others wait. At most `size + tail`
    items are held back. A batch also ends before its texts pass `chars` characters
    (but holds one document at least): a batch's results are held whole, and they
    grow with its text."""
    held: deque = deque()
    for item in items:
        held.append(item)
        while len(held) >= size + tail:
            yield _take(held, size, chars)
    while len(held) > tail:
        yield _take(held, min(size, len(held) - tail), chars)
    while held:
        yield [held.popleft()]


def _take(held: deque, size: int, chars: int) -> list[Article | Problem]:
    batch: list[Article | Problem] = []
    total = 0
    while held and len(batch) < size:
        n = len(held[0].text) if isinstance(held[0], Article) else 0
        if batch and total + n > chars:
            break
        batch.append(held.popleft())
        total += n
    return batch
