"""Find and load the data files of patterns/ (JSONL, one entry per line, each with an "id")."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any


def patterns_dir() -> Path:
    """patterns/ ships inside the installed package as pipeline/patterns;
    in a source checkout without installation it is the top-level folder."""
    here = Path(__file__).resolve().parent
    installed = here / "patterns"
    if installed.is_dir():
        return installed
    return here.parent / "patterns"


@lru_cache(maxsize=None)
def load_jsonl(name: str) -> tuple[dict[str, Any], ...]:
    """Load patterns/<name>, checking that every entry has a unique "id"."""
    path = patterns_dir() / name
    entries: list[dict[str, Any]] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.strip()
            if not line or line.startswith("//"):
                continue
            try:
                entry = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{lineno}: not valid JSON: {exc}") from None
            if not isinstance(entry, dict) or "id" not in entry:
                raise ValueError(f"{path}:{lineno}: entry must be an object with an \"id\"")
            if entry["id"] in seen:
                raise ValueError(f"{path}:{lineno}: duplicate id {entry['id']!r}")
            seen.add(entry["id"])
            entries.append(entry)
    return tuple(entries)


def words_of_kind(name: str, kind: str) -> list[str]:
    """The "words" of every entry of patterns/<name> whose "kind" is `kind`, in file order."""
    return [w for e in load_jsonl(name) if e.get("kind") == kind for w in e["words"]]


@lru_cache(maxsize=None)
def entries_by_id(name: str) -> dict[str, dict[str, Any]]:
    """patterns/<name>, its entries by id."""
    return {e["id"]: e for e in load_jsonl(name)}
