"""Train the weights of patterns/org_score.jsonl on silver labels from the real dumps.

    python benchmarks/train_org_score.py [--per-dump 700] [--write]

No human label is used, and no gold file: every name the statistical model alone
reads as an organisation in a fixed set of dump documents (those whose id hashes
into the training share; the hand-judged samples of benchmarks/sample_records.py
draw from all documents) gets its document's features (pipeline/normalize/org_score.py)
and, where the data decides it, a silver label:

- organisation: a name the gazetteer lists, or one ending in a legal form (Inc, Plc, GmbH...);
- not an organisation: a listed AI model or product, a term the filters list,
  or a name the model labels a person, place, work or product in most of its
  occurrences across all the training documents.

The rest stay unlabelled. A logistic regression (numpy, L2, classes weighted
equally, at most three examples per name so that famous names do not drown the
rest) is fitted to the labelled names; --write stores the weights, the
common-word list (words real news writes lower-case mid-sentence at least three
times as often as capitalised, from all three dumps) and keeps the thresholds.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DUMPS = ROOT.parent / "shared" / "dumps"
OUT = ROOT / "patterns" / "org_score.jsonl"


def dump_texts(name: str) -> list[dict]:
    with gzip.open(DUMPS / f"{name}.jsonl.gz", "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def in_training_share(doc_id: str, share: float) -> bool:
    return int(hashlib.sha1(doc_id.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF < share


def common_word_list(rows: list[dict]) -> list[str]:
    """Words written lower-case mid-sentence (after a lower-case word or a comma)
    at least ten times and three times as often as capitalised there."""
    low: Counter = Counter()
    cap: Counter = Counter()
    mid = re.compile(r"(?<=[a-z,;] )([A-Za-z][a-z]+)\b")
    for row in rows:
        for m in mid.finditer(row.get("text") or ""):
            w = m.group(1)
            if w[0].isupper():
                cap[w.lower()] += 1
            else:
                low[w] += 1
    return sorted(w for w, n in low.items() if n >= 10 and n >= 3 * cap[w])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--share", type=float, default=0.12, help="share of each dump's documents to train on")
    ap.add_argument("--write", action="store_true", help="write the weights to patterns/org_score.jsonl")
    ap.add_argument("--common-only", action="store_true", help="only rebuild the common-word list")
    args = ap.parse_args(argv)

    dumps = {name: dump_texts(name) for name in ("web", "bbc", "reuters")}
    entries = [json.loads(line) for line in OUT.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_id = {e["id"]: e for e in entries}
    if args.common_only or not by_id["common-words"]["words"]:
        words = common_word_list([r for rows in dumps.values() for r in rows])
        by_id["common-words"]["words"] = words
        by_id["common-words"]["comment"] = (
            "words the real dumps write lower-case mid-sentence at least ten times and three times as often as "
            "capitalised there: a name made of them alone is likelier a common word (benchmarks/train_org_score.py)"
        )
        _write(entries)
        if args.common_only:
            print(f"{len(words)} common words")
            return 0

    import pipeline
    from pipeline.gazetteer import model_by_surface, org_by_surface
    from pipeline.normalize import org_score
    from pipeline.normalize.orgs import _filters, is_listed_product
    from pipeline.records import Article
    from pipeline.runner import make_doc

    org_score.common_words.cache_clear()
    nlp = pipeline.load()
    finder = nlp.get_pipe("newsfacts_orgs")
    finder.collect = []
    corpus_votes: dict[str, Counter] = defaultdict(Counter)
    examples = []
    docs = [(n, r) for n, rows in dumps.items() for r in rows if in_training_share(str(r.get("id")), args.share)]
    print(f"{len(docs)} training documents", file=sys.stderr)
    for i, (_, row) in enumerate(docs):
        text = row.get("text") or ""
        if not text.strip() or len(text) > 200_000:
            continue
        finder.collect = []
        doc = nlp(make_doc(nlp, Article(doc_id=str(row["id"]), text=text), None))
        for ent in doc.ents:
            corpus_votes[ent.text][ent.label_] += 1
        examples += [(surface, feats) for _, surface, feats in finder.collect]
        if i % 200 == 0:
            print(i, len(examples), file=sys.stderr)

    legal = _filters()["legal-suffixes"]
    terms = _filters()["not-orgs"]

    def silver(surface: str) -> int | None:
        if surface in org_by_surface() or surface.split()[-1] in legal:
            return 1
        if surface in model_by_surface() or is_listed_product(surface) or surface in terms:
            return 0
        v = corpus_votes.get(surface, Counter())
        total = sum(v.values())
        if total >= 3 and v["ORG"] < 0.25 * total:
            return 0
        return None

    per_name: Counter = Counter()
    X, y = [], []
    for surface, feats in examples:
        label = silver(surface)
        if label is None or per_name[surface] >= 3:
            continue
        per_name[surface] += 1
        X.append([feats[k] for k in org_score.FEATURES])
        y.append(label)
    X, y = np.array(X), np.array(y, dtype=float)
    print(f"{len(y)} labelled names: {int(y.sum())} organisations, {int(len(y) - y.sum())} not", file=sys.stderr)
    bias, w = _fit(X, y)
    for k, v in sorted(zip(org_score.FEATURES, w), key=lambda kv: -abs(kv[1])):
        print(f"{k:20s} {v:+.3f}")
    print(f"bias {bias:+.3f}")
    p = 1 / (1 + np.exp(-(X @ w + bias)))
    for t in (0.3, 0.4, 0.5, 0.6, 0.7):
        keep = p >= t
        print(f"threshold {t}: keeps {keep.mean():.2f}, silver precision {y[keep].mean():.3f}, recall {keep[y == 1].mean():.3f}")
    if args.write:
        by_id["weights"]["bias"] = round(float(bias), 4)
        by_id["weights"]["weights"] = {k: round(float(v), 4) for k, v in zip(org_score.FEATURES, w)}
        _write(entries)
    return 0


def _fit(X: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 3000, lr: float = 0.5) -> tuple[float, np.ndarray]:
    """Logistic regression by gradient descent, both classes weighted equally."""
    sw = np.where(y == 1, 0.5 / max(1, y.sum()), 0.5 / max(1, (1 - y).sum()))
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(X @ w + b)))
        g = sw * (p - y)
        w -= lr * (X.T @ g + l2 * w / len(y))
        b -= lr * g.sum()
    return b, w


def _write(entries: list[dict]) -> None:
    OUT.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries), encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
