"""A fixed random sample of the organisation candidates the decision drops, to
judge by hand: what the bar of patterns/org_mention.jsonl costs in recall.

    python benchmarks/sample_dropped.py [--n 200] [--per-dump 300] [--seed 99100] [--out DIR]

sample_records.py measures precision: it samples what a run reports. This
samples what it does not: it draws the same documents sample_records.py would
for the seed, runs the pipeline with the decision's training hook on (every
candidate of a name no list holds kept, with its features), scores each name as
the pipeline does and draws --n of the mentions whose name falls under the bar.
DIR/picked.md is a table in the form the judged samples use (doc, offsets, text,
how it was found, probability, context) and DIR/texts.jsonl the documents. The
verdicts go into benchmarks/judged/org_verdicts.jsonl with "pool": "dropped",
which train_org_mention.py does not fit: below the bar is no random draw of
what a run reports.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.sample_records import draw_documents  # noqa: E402 (after the path is set)
from benchmarks.train_org_mention import mention_examples, name_probabilities  # noqa: E402


def dropped(texts: dict[str, str]) -> tuple[list[dict], int]:
    """Every weighed mention under the bar, with its name's probability, and how many were weighed."""
    from pipeline.normalize.org_mention import MENTION_FEATURES, _model

    found = mention_examples(texts)
    bias, weights, bar = _model()
    best = name_probabilities(found, bias, np.array([weights.get(k, 0.0) for k in MENTION_FEATURES]), MENTION_FEATURES)
    out = []
    for (doc_id, s, e), hit in sorted(found.items()):
        if hit is None:
            continue
        feats, name = hit
        p = best[(doc_id, name)]
        if p < bar:
            how = next(k[4:] for k, v in feats.items() if k.startswith("how_") and v)
            out.append({"doc_id": doc_id, "start": s, "end": e, "text": texts[doc_id][s:e], "how": how, "p": round(p, 3)})
    return out, sum(hit is not None for hit in found.values())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200, help="mentions to draw (default 200)")
    ap.add_argument("--per-dump", type=int, default=300, help="documents drawn from each dump (default 300)")
    ap.add_argument("--seed", type=int, default=99100)
    ap.add_argument("--out", type=Path, default=None, help="folder for picked.md and texts.jsonl (default: a temp folder)")
    args = ap.parse_args(argv)

    folder = args.out or Path(tempfile.mkdtemp(prefix="newsfacts-dropped-"))
    folder.mkdir(parents=True, exist_ok=True)
    texts = {str(r["id"]): r["text"] or "" for r in draw_documents(args.per_dump, args.seed)}
    pool, weighed = dropped(texts)
    picked = random.Random(args.seed).sample(pool, min(args.n, len(pool)))
    with (folder / "texts.jsonl").open("w", encoding="utf-8") as fh:
        for doc_id in sorted({r["doc_id"] for r in picked}):
            fh.write(json.dumps({"doc_id": doc_id, "text": texts[doc_id]}, ensure_ascii=False) + "\n")
    lines = [f"# {len(picked)} of the {len(pool)} mentions under the bar ({weighed} weighed), seed {args.seed}, "
             f"{args.per_dump} documents per dump", "",
             "| # | doc | start | end | text | method | probability | context (<<name>>) | verdict | class |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for i, r in enumerate(picked, 1):
        t, s, e = texts[r["doc_id"]], r["start"], r["end"]
        context = (t[max(0, s - 160) : s] + "<<" + t[s:e] + ">>" + t[e : e + 120]).replace("\n", " ⏎ ")
        cells = [str(i), r["doc_id"], str(s), str(e), repr(r["text"]), r["how"], f"{r['p']:.3f}", context, "", ""]
        lines.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    (folder / "picked.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(picked)} of {len(pool)} mentions under the bar ({weighed} weighed): {folder / 'picked.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
