"""A fixed random sample of records from a run over the real dumps, to judge by hand.

    python benchmarks/sample_records.py [--type org] [--n 200] [--per-dump 300] [--seed 2026] [--out DIR] [--workers N]

Precision on text no gold covers is measured by reading: this draws --per-dump
documents from each real dump in ../shared/dumps (web, bbc, reuters; the line
numbers by random.Random(seed), kept in file order), runs `newsfacts extract`
over them into DIR/out, and writes DIR/picked.md: --n records of --type (a
mention type, or "flag" for the claims' flags), drawn with random.Random(seed)
from all of them sorted by id, each with its sentence and a blank verdict
column. The same seed and code give the same sample on every machine.

Flags are drawn spread over documents, so that one page with many flags (or a
page crawled again and again) cannot fill the sample: the documents that hold
flags are put in a random order, and each, in turn, gives one flag drawn at
random from its own; a flag whose sentence (case and spacing ignored) was
already drawn is passed over, so near-copies of a page count once. When every
document has given one and the sample is still short, the round starts again.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DUMPS = ROOT.parent / "shared" / "dumps"


def draw_documents(per_dump: int, seed: int, dumps: Path = DUMPS) -> list[dict]:
    rows = []
    for name in ("web", "bbc", "reuters"):
        path = dumps / f"{name}.jsonl.gz"
        if not path.is_file():
            raise SystemExit(f"no real dump {path}")
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            lines = fh.readlines()
        keep = sorted(random.Random(seed).sample(range(len(lines)), min(per_dump, len(lines))))
        for i in keep:
            row = json.loads(lines[i])
            rows.append({k: row.get(k) for k in ("id", "text", "published", "title", "url")})
    return rows


def records(out: Path, kind: str) -> list[dict]:
    with (out / ("claims.jsonl" if kind == "flag" else "mentions.jsonl")).open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    if kind != "flag":
        return sorted((m for m in rows if m["type"] == kind), key=lambda m: m["id"])
    flags = [{"id": f"{c['id']}#{i}", "doc_id": c["doc_id"], "text": f["flag"], "sentence": c["sentence"]["text"],
              "detail": f} for c in rows for i, f in enumerate(c.get("flags") or [])]
    return sorted(flags, key=lambda f: f["id"])


def spread_sample(pool: list[dict], n: int, seed: int) -> list[dict]:
    """n records of `pool`, at most one per document in each round and none whose
    sentence was already drawn (see the module docstring)."""
    rng = random.Random(seed)
    by_doc: dict[str, list[dict]] = {}
    for r in pool:
        by_doc.setdefault(r["doc_id"], []).append(r)
    order = sorted(by_doc)
    rng.shuffle(order)
    seen: set[str] = set()
    picked: list[dict] = []
    while len(picked) < n:
        took = False
        for doc in order:
            fresh = [r for r in by_doc[doc] if _said(r) not in seen]
            if not fresh:
                continue
            r = rng.choice(fresh)
            seen.add(_said(r))
            picked.append(r)
            took = True
            if len(picked) == n:
                break
        if not took:
            break
    return picked


def _said(r: dict) -> str:
    return " ".join(str(r.get("sentence", "")).casefold().split())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--type", default="org", help="money, percent, date, org, model, or flag (default org)")
    ap.add_argument("--n", type=int, default=200, help="records to draw (default 200)")
    ap.add_argument("--per-dump", type=int, default=300, help="documents drawn from each dump (default 300)")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--out", type=Path, default=None, help="folder for the run and picked.md (default: a temp folder)")
    ap.add_argument("--workers", default=None, help="passed to extract's --workers (default: extract's own)")
    args = ap.parse_args(argv)

    from pipeline import cli

    folder = args.out or Path(tempfile.mkdtemp(prefix="newsfacts-sample-"))
    folder.mkdir(parents=True, exist_ok=True)
    dump = folder / "sample.jsonl"
    with dump.open("w", encoding="utf-8") as fh:
        for row in draw_documents(args.per_dump, args.seed):
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    run = ["extract", str(dump), "--out", str(folder / "out"), "-q", "--force"]
    if args.workers is not None:
        run += ["--workers", str(args.workers)]
    if cli.main(run) == 2:
        return 2
    pool = records(folder / "out", args.type)
    if args.type == "flag":
        picked = spread_sample(pool, args.n, args.seed)
    else:
        picked = random.Random(args.seed).sample(pool, min(args.n, len(pool)))
    lines = [f"# {len(picked)} of {len(pool)} {args.type} records, seed {args.seed}, "
             f"{args.per_dump} documents per dump", "",
             "| # | doc | text | value | sentence | verdict |", "|---|---|---|---|---|---|"]
    for i, r in enumerate(picked, 1):
        value = r.get("value", r.get("detail"))
        cells = [str(i), r["doc_id"], repr(r["text"]), json.dumps(value, ensure_ascii=False)[:120],
                 " ".join(str(r.get("sentence", "")).split())[:240], ""]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    (folder / "picked.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(picked)} of {len(pool)} {args.type} records: {folder / 'picked.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
