"""What the words around a capitalised name make it: an organisation ("shares of X",
"X, a startup", "the firm said") or something else (a person: "X, who", "his";
a product: "X app", "using X"; an event: "X conference"). A logistic regression
over the words next to and near each occurrence, fitted to names whose type the
project's own lists settle (listed organisations and companies; listed products
and models, places, people's names, terms) across the real news dumps by
benchmarks/build_org_types.py, and shipped as data in patterns/org_types.jsonl:
its weights, and the score it gives each name written in three dump documents
or more. The same weights score a name's occurrences in one document. Pure, no
spaCy."""
from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from pipeline.resources import entries_by_id

_TOKEN = re.compile(r"[A-Za-z][\w'’-]*|\d+|[^\w\s]")
_ARTICLES = frozenset({"the", "a", "an"})


def _token(word: str) -> str:
    """A context word as a feature: lower-cased; a number or another capitalised
    word by its kind alone, so that names do not become features."""
    if word[0].isdigit():
        return "<num>"
    if word[0].isupper() and not word.isupper() and word.lower() not in _ARTICLES:
        return "<Cap>"
    return word.lower()


def occurrence_features(text: str, start: int, end: int) -> set[str]:
    """The context features of one occurrence of a name at text[start:end]: the one
    and two words before and after it ("p1:at", "n2:said_it"), a possessive, and
    the lower-case words within six words either side ("w:users")."""
    before = _TOKEN.findall(text[max(0, start - 40) : start])[-2:]
    after = _TOKEN.findall(text[end : end + 40])[:2]
    out: set[str] = set()
    if before:
        out.add("p1:" + _token(before[-1]))
        if len(before) == 2:
            out.add("p2:" + _token(before[0]) + "_" + _token(before[1]))
    else:
        out.add("p1:<start>")
    if text[end : end + 2] in ("'s", "’s"):
        after = ["'s"] + _TOKEN.findall(text[end + 2 : end + 40])[:1]
    if after:
        out.add("n1:" + _token(after[0]))
        if len(after) == 2:
            out.add("n2:" + _token(after[0]) + "_" + _token(after[1]))
    else:
        out.add("n1:<end>")
    near = _TOKEN.findall(text[max(0, start - 60) : start])[-6:] + _TOKEN.findall(text[end : end + 60])[:6]
    out.update("w:" + w for w in near if w[0].islower() and len(w) > 2)
    return out


@lru_cache(maxsize=None)
def _model() -> tuple[float, dict[str, float]]:
    e = entries_by_id("org_types.jsonl")["weights"]
    return float(e["bias"]), {k: float(v) for k, v in e["weights"].items()}


@lru_cache(maxsize=None)
def _scores() -> dict[str, float]:
    return entries_by_id("org_types.jsonl")["scores"]["scores"]


def corpus_type(surface: str) -> float | None:
    """How sure the words around this string across the real dumps make it an
    organisation (0 to 1), or None where the dumps write it in fewer than three
    documents."""
    return _scores().get(" ".join(surface.split()))


def score(feature_shares: dict[str, float]) -> float:
    """The model's probability for a name whose occurrences carry each feature in
    the given share of them."""
    bias, weights = _model()
    z = bias + sum(weights.get(k, 0.0) * v for k, v in feature_shares.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def document_type(text: str, starts: list[int], length: int) -> float | None:
    """The same score from the occurrences of one name in one document (at `starts`,
    each `length` long); None without an occurrence."""
    if not starts:
        return None
    counts: Counter = Counter()
    for s in starts:
        counts.update(occurrence_features(text, s, s + length))
    return score({k: c / len(starts) for k, c in counts.items()})
