"""Link the mentions of one sentence into claims: who, what metric, how much, what
change, when, according to whom, and how firmly it is stated.

Pure Python over mention dicts (as in mentions.jsonl) and the document text; no
spaCy. Vocabulary is data in patterns/claim_cues.jsonl; the grammar is here.
Every figure a claim carries is a mention id, so it leads back to exact offsets.
"""
from __future__ import annotations

from typing import Any, Iterable

from pipeline.records import Mention

from pipeline.claims.build import build_claims
from pipeline.claims.crosscheck import cross_check
from pipeline.claims.rates import find_stated_rates  # noqa: F401  (also importable from here)
from pipeline.claims.rates import publication_date

__all__ = ["build_claims", "claims_of_document", "cross_check"]


def claims_of_document(document: dict[str, Any], text: str, mentions: Iterable[Mention | dict[str, Any]],
                       parser: Any = None) -> list[dict[str, Any]]:
    """The claims of one document, dated by its row; a document whose claims cannot
    be linked keeps its mentions, and its row's reason says why it has no claims."""
    try:
        # the article's own date only (a listing page's address dates some other story)
        published = publication_date(document.get("published"), document.get("url"))
        return build_claims(document["doc_id"], text, mentions, published, parser)
    except Exception as exc:  # noqa: BLE001 - one document must not stop the run
        note = f"claims not linked: {type(exc).__name__}: {str(exc)[:200]}"
        document["reason"] = f"{document['reason']}; {note}" if document.get("reason") else note
        return []
