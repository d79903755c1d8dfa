"""How sure one mention of a name that no list holds is to name an organisation:
how it was found, its name's evidence in the document (org_score.features), what
the words around it make it in this document and across the real dumps
(org_types), whether a listed company bears the name, weighed by a logistic
regression fitted to hand-judged mentions of the real dumps
(benchmarks/train_org_mention.py) and shipped as data in
patterns/org_mention.jsonl. Pure, no spaCy."""
from __future__ import annotations

import math
import re
from collections.abc import Collection
from functools import lru_cache

from pipeline.gazetteer import listed_companies
from pipeline.normalize.org_score import dump_contexts, dump_reading, dump_unnamed
from pipeline.normalize.org_types import corpus_type, document_type
from pipeline.normalize.text import trie_regex
from pipeline.resources import entries_by_id

# how the mention was found, and how the name it recurs as was found first
HOW = ("ner", "one-sense", "role", "suffix", "list")
ORIGIN = ("ner", "role", "short")
# the name's features in the document (org_score.features) that are weighed here
NAME_FEATURES = (
    "acronym", "said", "possessive", "at_by", "org_word", "org_end", "person_cue", "product_after", "used_before",
    "person_vote", "place_vote", "work_vote", "common_single", "lower_elsewhere", "org_share", "unlabelled_share",
)
MENTION_FEATURES = (
    *(f"how_{h}" for h in HOW), *(f"origin_{o}" for o in ORIGIN), *NAME_FEATURES,
    "listed_company", "dump_org", "dump_other", "unnamed", "ctx_thing", "person_surname", "spelt_out", "spelt_lower",
    "type_score", "type_known", "type_low", "type_high", "doc_type", "doc_type_low", "doc_type_high",
    "beside_listed",
)


@lru_cache(maxsize=None)
def _model() -> tuple[float, dict[str, float], float]:
    e = entries_by_id("org_mention.jsonl")["weights"]
    unknown = set(e["weights"]) - set(MENTION_FEATURES)
    if unknown:
        raise ValueError(f"org_mention.jsonl: unknown features {sorted(unknown)}")
    return float(e["bias"]), {k: float(v) for k, v in e["weights"].items()}, float(e["threshold"])


def probability(feats: dict[str, float]) -> float:
    bias, weights, _ = _model()
    z = bias + sum(weights.get(k, 0.0) * v for k, v in feats.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def threshold() -> float:
    """Below it, a mention of a name no list holds is no mention."""
    return _model()[2]


def found_features(how: str, origin: str) -> dict[str, float]:
    """How a mention was found and, for a recurrence, how its name was found first:
    with its name's name_features, the features of one mention (MENTION_FEATURES)."""
    f = {f"how_{h}": float(how == h) for h in HOW}
    f.update({f"origin_{o}": float(how == "one-sense" and origin == o) for o in ORIGIN})
    return f


def name_features(
    text: str, name: str, name_feats: dict[str, float], surnames: Collection[str] = (), doc_type: float | None = None,
    beside: Collection[str] = (),
) -> dict[str, float]:
    """The features a name has at every one of its mentions in the text: `name_feats`
    are its org_score.features there, `surnames` the last words of people's names
    there, `doc_type` its org_types.document_type (computed here when not given),
    `beside` the names listed beside a listed organisation (beside_listed)."""
    surface = " ".join(name.split())
    f = {k: float(name_feats.get(k, 0.0)) for k in NAME_FEATURES}
    f["listed_company"] = float(surface in listed_companies())
    reading = dump_reading(surface)
    f["dump_org"] = float(reading == "org")
    f["dump_other"] = float(reading == "other")
    f["unnamed"] = float(dump_unnamed(surface))
    f["ctx_thing"] = float(dump_contexts(surface) == "thing")
    f["person_surname"] = float(surface in surnames)
    spelt = spelt_out(text, surface) if f["acronym"] else None
    f["spelt_out"] = float(spelt is not None and spelt[:1].isupper())
    f["spelt_lower"] = float(spelt is not None and spelt.islower())
    kind = corpus_type(surface)
    f["type_known"] = float(kind is not None)
    f["type_score"] = 0.5 if kind is None else kind
    f["type_low"] = float(f["type_score"] < 0.35)
    f["type_high"] = float(f["type_score"] > 0.75)
    if doc_type is None:
        doc_type = name_document_type(text, name)
    f["doc_type"] = doc_type
    f["doc_type_low"] = float(doc_type < 0.3)
    f["doc_type_high"] = float(doc_type > 0.7)
    f["beside_listed"] = float(surface in beside)
    return f


def beside_listed(
    text: str, lists: list[list[tuple[int, int]]], names: Collection[str], listed: Collection[str],
) -> set[str]:
    """The `names` the text lists with a `listed` one in one of its comma or "and"
    `lists` (org_lists.name_lists): "funding from Lightspeed Venture Partners,
    General Catalyst and Bpifrance"."""
    wanted = set(names)
    out: set[str] = set()
    for spans in lists:
        surfaces = [" ".join(text[s:e].split()) for s, e in spans]
        if any(x in listed for x in surfaces):
            out.update(x for x in surfaces if x in wanted and x not in listed)
    return out


def document_types(text: str, names: Collection[str]) -> dict[str, float]:
    """org_types.document_type of each name over its occurrences in the text, drawn
    towards 0.5 by n/(n+1) for n occurrences (0.5 for a name that does not occur
    standing alone), with one pass over the text
    for all names: a page naming two thousand companies costs no more than one."""
    if not names:
        return {}
    starts: dict[str, list[int]] = {}
    rx = re.compile(rf"(?<![\w&.-])(?:{trie_regex(sorted(set(names)))})(?![\w&-])")
    for m in rx.finditer(text):
        starts.setdefault(m.group(), []).append(m.start())
    out = {}
    for name in names:
        found = starts.get(name, [])
        value = document_type(text, found, len(name))
        # the words around one occurrence say little: the fewer, the nearer to even
        out[name] = 0.5 if value is None else 0.5 + (value - 0.5) * len(found) / (len(found) + 1)
    return out


def name_document_type(text: str, name: str) -> float:
    """document_types for one name."""
    return document_types(text, [name])[name]


_JOINING = frozenset({"of", "and", "for", "the", "&", "on", "in"})


def spelt_out(text: str, acronym: str) -> str | None:
    """The words an acronym stands for where the text spells it out right before it
    in brackets: "Crown Prosecution Service (CPS)", "Department of Energy (DOE)",
    "radio frequency identification (RFID)". Read back from the bracket, each word
    stands for one or more of the acronym's letters (its first letter the first of
    them, the others inside it in order); a joining word may stand for none.
    None where no such words stand there."""
    i = text.find(f"({acronym})")
    if i < 0:
        return None
    letters = [c.lower() for c in acronym if c.isalpha()]
    left = len(letters)
    words = text[max(0, i - 160) : i].split()
    out: list[str] = []
    for w in reversed(words[-(2 * len(letters) + 2) :]):
        word = w.strip("\"“”'‘’(),").lower()
        if not word:
            return None
        took = next((k for k in range(left, 0, -1) if _stands_for(word, letters[left - k : left])), 0)
        if not took and word not in _JOINING:
            return None
        left -= took
        out.insert(0, w)
        if left == 0:
            return " ".join(out)
    return None


def _stands_for(word: str, letters: list[str]) -> bool:
    """Does the word begin with the first letter and hold the others in order?"""
    if word[0] != letters[0]:
        return False
    rest = iter(word[1:])
    return all(c in rest for c in letters[1:])
