"""Throughput and memory of newsfacts, measured side by side in one run.

    python benchmarks/throughput.py [--dump PATH] [--docs 300] [--repeats 5] [--scale 10]

The documents are real ones: by default a fixed sample of 300 from the three
real dumps in ../shared/dumps (100 each of web pages with their furniture, BBC
stories and Reuters wire copy: those whose id hashes lowest, so the sample is
the same on every machine), or the first --docs articles of --dump (JSONL, or
JSONL.gz). On the same documents, interleaved
(each round runs (a), (b) and (c) once, in an order that rotates from round to
round), median of the rounds, it measures words/s of
  (a) bare NER: the model's `ner` component alone through nlp.pipe,
  (b) the full newsfacts run with one process (read, extract, write all outputs),
  (c) the full run with --workers 2,
and the peak RSS of a one-process run over the dump at 1x and at `scale` times its
size. It prints the ratios b/a and c/b of the medians and the RSS growth. A shared
or virtual machine's speed drifts while it runs, so it also prints each ratio
within a round (runs seconds apart), as median and range over the rounds. Models are loaded
before timing, for (a), (b) and (c) alike: the figures are steady-state rates.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import heapq
import itertools
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


DUMPS = ROOT.parent / "shared" / "dumps"
SAMPLE_FROM = ("web.jsonl.gz", "bbc.jsonl.gz", "reuters.jsonl.gz")


def _rows(path: Path) -> Iterator[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                if isinstance(row, dict) and isinstance(row.get("text"), str) and row["text"].strip():
                    yield row


def sample(docs: int, dumps: Path = DUMPS) -> list[dict[str, Any]]:
    """`docs` articles shared evenly by the real dumps: in each, those whose id's
    SHA-1 is lowest, so the sample is fixed without storing it."""
    missing = [name for name in SAMPLE_FROM if not (dumps / name).is_file()]
    if missing:
        raise SystemExit(f"no real dump {', '.join(missing)} in {dumps}: give --dump PATH")
    out: list[dict[str, Any]] = []
    for i, name in enumerate(SAMPLE_FROM):
        want = docs // len(SAMPLE_FROM) + (i < docs % len(SAMPLE_FROM))
        key = lambda r: hashlib.sha1(str(r.get("id")).encode()).hexdigest()  # noqa: E731
        out += sorted(heapq.nsmallest(want, _rows(dumps / name), key=key), key=key)
    return out


def first(path: Path, docs: int) -> list[dict[str, Any]]:
    """The first `docs` articles of a JSONL dump."""
    rows = list(itertools.islice(_rows(path), docs))
    if not rows:
        raise SystemExit(f"{path}: no JSON object with a non-blank \"text\"")
    return rows


def make_dump(path: Path, rows: list[dict[str, Any]], copies: int = 1) -> tuple[list[str], int]:
    """Write `rows` (`copies` times, each copy with its own ids) as a JSONL dump."""
    texts = []
    with path.open("w", encoding="utf-8") as fh:
        for c in range(copies):
            for i, row in enumerate(rows):
                keep = {k: row.get(k) for k in ("title", "url", "published") if row.get(k)}
                fh.write(json.dumps({"id": f"doc{c:03d}-{i:06d}", "text": row["text"], **keep}) + "\n")
                texts.append(row["text"])
    return texts, sum(len(t.split()) for t in texts)


def peak_rss_mib(dump: Path, out: Path) -> float:
    """Peak RSS of a one-process `newsfacts extract` over `dump`, in a fresh process."""
    code = (
        "import resource, sys; from pipeline import cli; "
        f"cli.main(['extract', {str(dump)!r}, '--out', {str(out)!r}, '--workers', '1', '-q', '--force']); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return int(res.stdout.strip().splitlines()[-1]) / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dump", type=Path, default=None,
                    help="a JSONL(.gz) dump to read the documents from (default: the fixed sample of the real dumps)")
    ap.add_argument("--docs", type=int, default=300, help="documents to run on (default 300)")
    ap.add_argument("--repeats", type=int, default=5, help="timed repeats, interleaved (default 5)")
    ap.add_argument("--scale", type=int, default=10, help="size factor of the large dump for RSS (default 10)")
    ap.add_argument("--batch-size", type=int, default=None, help="documents per batch (default: the CLI's)")
    ap.add_argument("--model", default=None)
    args = ap.parse_args(argv)

    import spacy

    from pipeline import engines, jobs
    from pipeline.nlp import DEFAULT_MODEL, build
    from pipeline.parsing import sentence_parser

    model = args.model or DEFAULT_MODEL
    tmp = Path(tempfile.mkdtemp(prefix="newsfacts-bench-"))
    dump = tmp / "dump.jsonl"
    rows = first(args.dump, args.docs) if args.dump else sample(args.docs)
    texts, words = make_dump(dump, rows)

    # (a) the model's ner alone: its own embedding, nothing else
    bare = spacy.load(model)
    bare = spacy.load(model, exclude=[p for p in bare.component_names if p != "ner"])
    # (b) one process: load the pipeline into the in-process cache used by the run
    engines._NLP[model] = build(model)
    engines._PARSERS[model] = sentence_parser(model)  # loaded before timing, as the pipeline is
    batch = {"batch_size": args.batch_size} if args.batch_size else {}
    one = jobs.Options(model=model, workers=1, force=True, **batch)
    # (c) two worker processes, started and loaded before timing
    two = jobs.Options(model=model, workers=2, force=True, **batch)
    pool = engines.PoolEngine(two)
    pool.warm()

    def run_a() -> None:
        for _ in bare.pipe(texts, batch_size=16):
            pass

    runs = {
        "a": run_a,
        "b": lambda: jobs.extract([dump], tmp / "out_b", one),
        "c": lambda: jobs.extract([dump], tmp / "out_c", two, engine=pool),
    }
    rates: dict[str, list[float]] = {k: [] for k in runs}
    keys = list(runs)
    for r in range(args.repeats):
        for key in keys[r % len(keys) :] + keys[: r % len(keys)]:  # rotate, so no run always follows the same one
            t0 = time.perf_counter()
            runs[key]()
            rates[key].append(words / (time.perf_counter() - t0))
    pool.close()
    med = {k: statistics.median(v) for k, v in rates.items()}
    paired = {
        "b/a": [b / a for a, b in zip(rates["a"], rates["b"])],
        "c/b": [c / b for b, c in zip(rates["b"], rates["c"])],
    }

    small = peak_rss_mib(dump, tmp / "rss_1x")
    big_dump = tmp / "dump_big.jsonl"
    make_dump(big_dump, rows, copies=args.scale)
    big = peak_rss_mib(big_dump, tmp / "rss_nx")

    source = args.dump or f"the fixed sample of {', '.join(SAMPLE_FROM)}"
    print(f"dump: {len(rows)} documents of {source}, {words:,} words; median of {args.repeats} interleaved repeats")
    print(f"{'run':<44} {'words/s':>10}")
    print(f"{'(a) bare NER (ner alone, nlp.pipe)':<44} {med['a']:>10,.0f}")
    print(f"{'(b) newsfacts, 1 process':<44} {med['b']:>10,.0f}")
    print(f"{'(c) newsfacts, --workers 2':<44} {med['c']:>10,.0f}")
    print(f"b/a = {med['b'] / med['a']:.2f}   (target >= 0.85)")
    print(f"c/b = {med['c'] / med['b']:.2f}   (target >= 1.7 on 2 cores)")
    for name, vals in paired.items():
        print(f"{name} within a round: median {statistics.median(vals):.2f}, range {min(vals):.2f}-{max(vals):.2f}")
    print(f"peak RSS, 1 process: {small:.0f} MiB at 1x, {big:.0f} MiB at {args.scale}x "
          f"({len(rows) * args.scale} documents): growth {big / small - 1:+.1%}   (target within 20%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
