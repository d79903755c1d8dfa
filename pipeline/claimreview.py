"""The claims a journalist marked verified or wrong, as schema.org ClaimReview
JSON-LD: the format fact-checkers publish and search engines and fact-check
aggregators read (https://schema.org/ClaimReview).

Only verdicts on claims that still say what was judged (status `current`) are
written: an orphaned or changed verdict no longer matches any claim of the
output. needs-check is no rating and is left out too."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from pipeline.atomic import atomic_write, check_dest
from pipeline.reviewed import check_out_dir, reviewed_rows

JSONLD_NAME = "claimreview.json"
# A five-point scale, as most fact-checkers publish, of which only the ends are used.
RATINGS = {"verified": (5, "True"), "wrong": (1, "False")}
BEST, WORST = 5, 1
# The store's column for who decided and when, if it records them; else its `updated`.
REVIEWER_COLUMNS = ("reviewer",)
DATE_COLUMNS = ("decided", "updated")  # when the verdict was made; a note edits `updated`


@dataclass
class Export:
    path: Path
    written: int = 0
    left_out: dict[str, int] = field(default_factory=dict)  # reason → count
    missing: dict[str, int] = field(default_factory=dict)  # recommended field → reviews without it


def claim_review(row: dict[str, Any], *, base_url: str | None = None, publisher: str | None = None) -> dict[str, Any]:
    """One ClaimReview from a joined verdict row (pipeline.reviewed); fields with
    no value (an article without a url, a store without a reviewer and no
    publisher) are left out rather than invented."""
    value, name = RATINGS[row["verdict"]]
    appearance = _drop_empty({
        "@type": "CreativeWork",
        "url": row.get("url"),
        "headline": row.get("title"),
        "datePublished": row.get("published"),
    })
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{base_url}#{quote(row['record_id'], safe='')}" if base_url else None,
        "claimReviewed": row.get("text"),
        "itemReviewed": _drop_empty({
            "@type": "Claim",
            "appearance": appearance,
            "datePublished": row.get("published"),
        }),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": BEST,
            "worstRating": WORST,
            "alternateName": name,
        },
        "author": _author(row, publisher),
        "datePublished": _date(row),
        "reviewBody": row.get("note") or None,
        "identifier": row["record_id"],
    }
    return _drop_empty(review)


def _author(row: dict[str, Any], publisher: str | None) -> dict[str, Any] | None:
    reviewer = next((row[c] for c in REVIEWER_COLUMNS if row.get(c)), None)
    if reviewer:
        person: dict[str, Any] = {"@type": "Person", "name": str(reviewer)}
        if publisher:
            person["affiliation"] = {"@type": "Organization", "name": publisher}
        return person
    return {"@type": "Organization", "name": publisher} if publisher else None


def _date(row: dict[str, Any]) -> str | None:
    """The verdict's date (schema.org's datePublished is a Date): YYYY-MM-DD."""
    when = next((row[c] for c in DATE_COLUMNS if row.get(c)), None)
    return str(when)[:10] if when else None


def _drop_empty(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if v not in (None, "", {})}


def write_claimreview(
    out_dir: Path, dest: Path | None = None, *, base_url: str | None = None, publisher: str | None = None
) -> Export:
    """Write the ClaimReviews of OUT_DIR's verdicts as a JSON-LD array (to
    OUT_DIR/claimreview.json unless `dest`), under a temporary name renamed into
    place. `base_url` is the address where the reviews will be published (each
    review's url is it plus #record-id); `publisher` the organisation that
    publishes them, the author when the store names no reviewer."""
    out_dir = check_out_dir(out_dir)
    dest = check_dest(dest) if dest is not None else out_dir / JSONLD_NAME
    export = Export(dest)
    reviews = []
    for row in reviewed_rows(out_dir):
        reason = _left_out(row)
        if reason:
            export.left_out[reason] = export.left_out.get(reason, 0) + 1
            continue
        review = claim_review(row, base_url=base_url, publisher=publisher)
        for key in ("url", "author", "datePublished"):
            if key not in review:
                export.missing[key] = export.missing.get(key, 0) + 1
        if "url" not in review["itemReviewed"].get("appearance", {}):
            export.missing["the article's url"] = export.missing.get("the article's url", 0) + 1
        reviews.append(review)
    with atomic_write(dest) as fh:
        fh.write(json.dumps(reviews, indent=2, ensure_ascii=False) + "\n")
    export.written = len(reviews)
    return export


def _left_out(row: dict[str, Any]) -> str | None:
    if row.get("kind") != "claim":
        return "verdicts on mentions"
    if row.get("verdict") not in RATINGS:
        return f"claims marked {row.get('verdict')}"
    if row.get("status") != "current" or row.get("claim_id") is None:
        return f"{row.get('status')} verdicts (the claim is gone or now says something else)"
    return None
