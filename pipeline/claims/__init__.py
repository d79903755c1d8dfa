"""Link the mentions of one sentence into claims: who, what metric, how much, what
change, when, according to whom, and how firmly it is stated.

Pure Python over mention dicts (as in mentions.jsonl) and the document text; no
spaCy. Vocabulary is data in patterns/claim_cues.jsonl; the grammar is here.
Every figure a claim carries is a mention id, so it leads back to exact offsets.
"""
from __future__ import annotations

from pipeline.claims.build import build_claims
from pipeline.claims.crosscheck import cross_check
from pipeline.claims.rates import find_stated_rates  # noqa: F401  (also importable from here)

__all__ = ["build_claims", "cross_check"]
