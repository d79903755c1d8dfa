"""Build patterns/org_types.jsonl: a model of what the words around a capitalised
name make it, fitted on the real dumps (pipeline/normalize/org_types.py).

    pip install scikit-learn
    python benchmarks/build_org_types.py [--min-docs 3] [--min-names 30] [--c 3.0] [--write]

Two passes over every document of the three dumps (no statistical model: a regex
pass): the first counts the documents each maximal run of capitalised words
(benchmarks/build_org_contexts.RUN, a sentence's opener dropped) occurs in; the
second collects, for each run in --min-docs documents or more, the context
features of its occurrences (org_types.occurrence_features), each counted once per
document. A name's feature vector is the share of its documents with each feature
(features that at least --min-names names show).

Silver labels, from the project's own lists, never from a gold file or a judged row:
- organisation: a name the gazetteer lists, a listed company
  (patterns/listed_companies.jsonl), a name ending in a legal form (Inc, Plc...)
  and the same name without it;
- not an organisation: a listed AI model or product, a term the filters list, a
  country's or city's name, a person's full name (a census given name and a
  surname) and that surname alone, a given name alone, a string the dumps write
  as a thing (org_score.dump_contexts).

A logistic regression (scikit-learn, classes weighted equally, C = --c) is fitted
on them; a fifth is held out first and its AUC printed. --write stores its
weights and its probability for every name in --min-docs documents or more.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DUMPS = ROOT.parent / "shared" / "dumps"
OUT = ROOT / "patterns" / "org_types.jsonl"


def texts() -> Iterator[str]:
    for name in ("bbc", "reuters", "web"):
        with gzip.open(DUMPS / f"{name}.jsonl.gz", "rt", encoding="utf-8") as fh:
            for line in fh:
                yield json.loads(line).get("text") or ""


def collect(min_docs: int) -> tuple[Counter, dict[str, Counter]]:
    from benchmarks.build_org_contexts import runs
    from pipeline.normalize.org_score import openers
    from pipeline.normalize.org_types import occurrence_features

    opening = openers()
    docs: Counter = Counter()
    for text in texts():
        docs.update({r for r, _, _ in runs(text, opening)})
    keep = {k for k, v in docs.items() if v >= min_docs and len(k) > 1}
    ndocs: Counter = Counter()
    feats: dict[str, Counter] = defaultdict(Counter)
    for text in texts():
        seen: dict[str, set[str]] = defaultdict(set)
        for r, s, e in runs(text, opening):
            if r in keep:
                seen[r].update(occurrence_features(text, s, e))
        for r, fs in seen.items():
            ndocs[r] += 1
            feats[r].update(fs)
    return ndocs, feats


def silver(names: list[str], known: set[str]) -> tuple[set[str], set[str]]:
    """The names the project's lists make organisations, and those they make something else."""
    from pipeline.gazetteer import listed_companies, model_by_surface, org_by_surface
    from pipeline.normalize.dateline import is_country, territory_of
    from pipeline.normalize.org_evidence import given_names, not_org_terms, person_form
    from pipeline.normalize.org_score import dump_contexts
    from pipeline.normalize.orgs import is_listed_product, org_filters

    legal = set(org_filters()["legal-suffixes"])
    pos: set[str] = set()
    for s in names:
        words = s.split()
        if s in org_by_surface() or s in listed_companies():
            pos.add(s)
        elif len(words) > 1 and words[-1] in legal:
            pos.add(s)
            base = " ".join(words[:-1]).rstrip(",")
            if base in known:
                pos.add(base)
    neg: set[str] = set()
    for s in names:
        if s in pos:
            continue
        words = s.split()
        if s in model_by_surface() or is_listed_product(s) or s in not_org_terms():
            neg.add(s)
        elif territory_of(s) or is_country(s):
            neg.add(s)
        elif person_form(s):
            neg.add(s)
            if words[-1] in known:
                neg.add(words[-1])
        elif len(words) == 1 and s in given_names():
            neg.add(s)
        elif dump_contexts(s) == "thing":
            neg.add(s)
    return pos, neg - pos


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--min-docs", type=int, default=3, help="documents a name must occur in to be scored")
    ap.add_argument("--min-names", type=int, default=30, help="names a feature must occur with to be weighed")
    ap.add_argument("--c", type=float, default=3.0, help="inverse regularisation strength")
    ap.add_argument("--write", action="store_true", help="write patterns/org_types.jsonl")
    args = ap.parse_args(argv)
    import numpy as np
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    t0 = time.time()
    ndocs, feats = collect(args.min_docs)
    names = sorted(ndocs)
    pos, neg = silver(names, set(names))
    seen_with: Counter = Counter()
    for s in names:
        seen_with.update(feats[s].keys())
    vocab = sorted(f for f, c in seen_with.items() if c >= args.min_names)
    column = {f: i for i, f in enumerate(vocab)}
    print(f"{len(names)} names in {args.min_docs}+ documents, {len(pos)} organisations, {len(neg)} not, "
          f"{len(vocab)} features, {time.time() - t0:.0f}s", file=sys.stderr)

    def matrix(rows: list[str]):
        data, ri, ci = [], [], []
        for r, s in enumerate(rows):
            for f, c in feats[s].items():
                if f in column:
                    ri.append(r)
                    ci.append(column[f])
                    data.append(c / ndocs[s])
        return sparse.csr_matrix((data, (ri, ci)), shape=(len(rows), len(vocab)))

    labelled = sorted(pos) + sorted(neg)
    y = np.array([1] * len(pos) + [0] * len(neg))
    X = matrix(labelled)
    held = np.random.RandomState(0).rand(len(y)) >= 0.8
    clf = LogisticRegression(C=args.c, class_weight="balanced", max_iter=3000)
    clf.fit(X[~held], y[~held])
    print(f"held-out silver AUC {roc_auc_score(y[held], clf.predict_proba(X[held])[:, 1]):.3f}")
    clf.fit(X, y)
    w = clf.coef_[0]
    order = np.argsort(w)
    print("most organisation-like:", ", ".join(vocab[i] for i in order[-25:][::-1]))
    print("least:", ", ".join(vocab[i] for i in order[:25]))
    p = clf.predict_proba(matrix(names))[:, 1]
    entries = [
        {"id": "weights", "comment": "logistic regression over the context features of pipeline/normalize/org_types.py, "
         f"fitted to {len(pos)} organisation and {len(neg)} other names of the real dumps labelled by the project's "
         "lists (benchmarks/build_org_types.py)",
         "bias": round(float(clf.intercept_[0]), 4),
         "weights": {f: round(float(v), 3) for f, v in zip(vocab, w) if abs(v) >= 0.01}},
        {"id": "scores", "comment": f"the model's probability for each capitalised name the real dumps write in "
         f"{args.min_docs} documents or more", "scores": {s: round(float(v), 2) for s, v in zip(names, p)}},
    ]
    if args.write:
        OUT.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries), encoding="utf-8")
        print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
