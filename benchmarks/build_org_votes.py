"""Build the dump-wide label votes of patterns/org_votes.jsonl from the real dumps.

    python benchmarks/build_org_votes.py [--web-share 0.08] [--write]

One document rarely says enough about a name the statistical model alone reads as
an organisation: "Kubernetes", "Wales" or "Gebru" may occur once. Across many
real news documents the same model labels the same string many times, and how it
labels it most of the time is evidence this one document lacks. This runs only
the model's `ner` over every bbc and reuters document and a fixed share of the
web dump (by a hash of the id, so the same share on every machine), counts each
entity string's labels, and keeps the strings read as an organisation at least
once and labelled at least --min times: their organisation count and their count
under each other label group (person, place, work/product). No gold file and no
human label is used.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DUMPS = ROOT.parent / "shared" / "dumps"
OUT = ROOT / "patterns" / "org_votes.jsonl"

GROUPS = {
    "ORG": "org",
    "PERSON": "person",
    "GPE": "place", "LOC": "place", "FAC": "place", "NORP": "place",
    "PRODUCT": "work", "WORK_OF_ART": "work", "EVENT": "work", "LAW": "work", "LANGUAGE": "work",
}


def share(doc_id: str) -> float:
    return int(hashlib.sha1(doc_id.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--web-share", type=float, default=0.08, help="share of the web dump's documents to read")
    ap.add_argument("--max-chars", type=int, default=30_000, help="characters read of each document")
    ap.add_argument("--min", type=int, default=3, help="labelled occurrences a string needs to be kept")
    ap.add_argument("--write", action="store_true", help="write patterns/org_votes.jsonl")
    args = ap.parse_args(argv)

    texts: list[str] = []
    for name in ("bbc", "reuters", "web"):
        with gzip.open(DUMPS / f"{name}.jsonl.gz", "rt", encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                if name == "web" and share(str(row.get("id"))) >= args.web_share:
                    continue
                if (row.get("text") or "").strip():
                    texts.append(row["text"][: args.max_chars])
    print(f"{len(texts)} documents, {sum(map(len, texts))} characters", file=sys.stderr)

    import pipeline

    nlp = pipeline.load()
    votes: dict[str, Counter] = defaultdict(Counter)
    t0 = time.time()
    with nlp.select_pipes(enable=["ner"]):
        for i, doc in enumerate(nlp.pipe(texts, batch_size=16)):
            for ent in doc.ents:
                group = GROUPS.get(ent.label_)
                surface = " ".join(ent.text.split())
                if group and surface:
                    votes[surface][group] += 1
            if i % 500 == 0:
                print(i, f"{time.time() - t0:.0f}s", file=sys.stderr)
    kept = {
        s: [v["org"], v["person"], v["place"], v["work"]]
        for s, v in sorted(votes.items())
        if v["org"] and sum(v.values()) >= args.min
    }
    print(f"{len(kept)} strings kept", file=sys.stderr)
    entry = {
        "id": "votes",
        "comment": "how the statistical model labels each string across real news dumps: [organisation, person, "
        "place, work/product] counts, for strings read as an organisation at least once and labelled at least "
        f"{args.min} times (benchmarks/build_org_votes.py, web share {args.web_share})",
        "votes": kept,
    }
    if args.write:
        OUT.write_text(json.dumps(entry, ensure_ascii=False) + "\n", encoding="utf-8")
    else:
        for s, v in list(kept.items())[:40]:
            print(s, v)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
