"""Near-copies of one article: the same wire story syndicated, a page re-posted.

A copy repeats its original's figures without checking them again, so it is no
independent support for them. Documents are compared by the MinHash of their word
shingles (datasketch); banding (LSH) finds candidate pairs without comparing every
pair, and a candidate is a near-copy when the signatures estimate a Jaccard
similarity of at least THRESHOLD. Signatures and band keys are small fixed-size
values, so a run's store can keep them on disk (ondisk.py)."""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from functools import lru_cache
from typing import Any

import numpy as np

# Shingles of five words: long enough that two different stories on one topic share
# few, short enough that an edit (a new lead, a changed byline) spoils few.
SHINGLE_WORDS = 5
NUM_PERM = 64
# Estimated Jaccard similarity of two near-copies: a re-post with its own headline,
# byline and a trimmed last paragraph stays well above it; two stories on one event
# from different newsrooms stay well below.
THRESHOLD = 0.7
SEED = 1
SCHEME = "affine32"  # 32-bit values: half the bytes on disk of the 64-bit scheme
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _template() -> Any:
    """One MinHash whose permutations every signature shares (making them is the
    expensive part of a new MinHash)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)


@lru_cache(maxsize=1)
def _bands() -> list[tuple[int, int]]:
    """The (start, end) of each band, as datasketch chooses them for THRESHOLD."""
    from datasketch import MinHashLSH

    return list(MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM).hashranges)


def shingles(text: str) -> list[bytes]:
    words = _WORD.findall(text.lower())
    n = len(words) - SHINGLE_WORDS + 1
    return [" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8") for i in range(n)] if n > 0 else []


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature of `text` (NUM_PERM 32-bit values), or None for a text
    too short to have a shingle."""
    from datasketch import MinHash

    sh = shingles(text)
    if not sh:
        return None
    m = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_template().permutations, scheme=SCHEME)
    m.update_batch(sh)
    return m.hashvalues.astype(np.uint32)


def band_keys(sig: np.ndarray) -> list[int]:
    """One 63-bit key per band: documents sharing a key are candidate near-copies."""
    out = []
    for i, (lo, hi) in enumerate(_bands()):
        digest = hashlib.blake2b(sig[lo:hi].tobytes(), digest_size=8, person=i.to_bytes(2, "big")).digest()
        out.append(int.from_bytes(digest, "big") >> 1)
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The Jaccard similarity the two signatures estimate."""
    return float(np.count_nonzero(a == b)) / len(a)


def near_copies(texts: dict[str, str]) -> dict[str, str]:
    """Each document of `texts` that has near-copies → the first of its copy family
    (in `texts` order); for a handful of documents in memory (cross_check)."""
    order = {d: i for i, d in enumerate(texts)}
    sigs = {d: s for d, t in texts.items() if (s := signature(t)) is not None}
    parent = {d: d for d in sigs}

    def root(d: str) -> str:
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    buckets: dict[tuple[int, int], list[str]] = {}
    for d, s in sigs.items():
        for band, key in enumerate(band_keys(s)):
            buckets.setdefault((band, key), []).append(d)
    for docs in buckets.values():
        first = docs[0]
        for d in docs[1:]:
            if similarity(sigs[first], sigs[d]) >= THRESHOLD:
                a, b = sorted((root(first), root(d)), key=order.__getitem__)
                parent[b] = a
    roots = {d: root(d) for d in sigs}
    sizes = Counter(roots.values())
    return {d: r for d, r in roots.items() if sizes[r] > 1}


# ------------------------------------------------------------ sentences

# A sentence repeated with light edits ("dropped" for "declined", a source added at
# the end, a site's banner with another menu word) is the same report: two sentences
# are one when this share of the shorter one's word pairs is in the other. A story
# rewritten by a second desk ("The company also remained silent ..., as rumors drove
# American Express stock up") keeps well under it.
SENTENCE_CONTAINMENT = 0.8
# Sentences of fewer word pairs are one only when equal: "Revenue was $5 billion."
# may well be written twice independently.
MIN_SENTENCE_PAIRS = 6
# A word pair in more sentences than this says nothing about which are copies
# ("of the"); it is left out of the candidate search, which keeps it near linear.
COMMON_PAIR = 200


_NUMBER = re.compile(r"\d(?:[\d,.]*\d)?")


def _pairs(text: str) -> frozenset[str]:
    words = _WORD.findall(text.casefold())
    return frozenset(f"{a} {b}" for a, b in zip(words, words[1:]))


def _numbers(text: str) -> frozenset[str]:
    return frozenset(n.replace(",", "") for n in _NUMBER.findall(text))


def same_sentences(sentences: list[str]) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, of `sentences` that are the same sentence lightly edited:
    at least SENTENCE_CONTAINMENT of the shorter one's word pairs are in the other,
    and every number of the shorter one too (a copy repeats the figures as written:
    "up 20%" and "up 20.4%" are two reports)."""
    sets = [_pairs(s) for s in sentences]
    numbers = [_numbers(s) for s in sentences]
    index: dict[str, list[int]] = {}
    for i, s in enumerate(sets):
        if len(s) >= MIN_SENTENCE_PAIRS:
            for p in s:
                index.setdefault(p, []).append(i)
    out = []
    for i, s in enumerate(sets):
        if len(s) < MIN_SENTENCE_PAIRS:
            continue
        shared: Counter[int] = Counter()
        for p in s:
            posting = index[p]
            if len(posting) <= COMMON_PAIR:
                shared.update(j for j in posting if j > i)
        for j, n in shared.items():
            if n >= SENTENCE_CONTAINMENT * min(len(s), len(sets[j])):
                short, long_ = (i, j) if len(s) <= len(sets[j]) else (j, i)
                if numbers[short] <= numbers[long_]:
                    out.append((i, j))
    return out
