"""The organisation and AI-model gazetteers of patterns/, validated on load.
Pure data access, no spaCy."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pipeline.resources import load_jsonl

ORG_KEYS = {"id", "name", "aliases", "ticker", "kind"}
ORG_KINDS = {
    "ai-lab", "big-tech", "chipmaker", "chinese-tech", "tech", "investor", "bank", "research-firm",
    "consultancy", "media", "university", "research-institute", "agency", "exchange", "index", "other",
}
MODEL_KEYS = {"id", "name", "aliases", "developer", "family", "kind", "org_homonym", "ambiguous"}
MODEL_KINDS = {"llm", "chatbot", "agent", "image", "video", "speech", "multimodal", "code", "embedding", "robotics"}


@dataclass(frozen=True)
class Org:
    id: str
    name: str
    aliases: tuple[str, ...]
    ticker: str | None
    kind: str


@dataclass(frozen=True)
class Model:
    id: str
    name: str
    aliases: tuple[str, ...]
    developer: str
    family: str
    kind: str
    org_homonym: bool  # also the name of a company ("DeepSeek")
    ambiguous: bool  # also an ordinary word or given name ("Claude", "Falcon"): needs context


def fold(name: str) -> str:
    """Comparison key: case, spaces, hyphens and dots ignored ("GPT 4o" == "gpt-4o")."""
    return re.sub(r"[\s\-_.·]+", "", name).casefold()


def _check(entries: tuple[dict[str, Any], ...], keys: set[str], kinds: set[str], what: str) -> None:
    claimed: dict[str, str] = {}
    for e in entries:
        unknown = set(e) - keys
        if unknown:
            raise ValueError(f"{what} entry {e['id']!r}: unknown keys {sorted(unknown)}")
        if not isinstance(e.get("name"), str) or not e["name"]:
            raise ValueError(f"{what} entry {e['id']!r}: needs a name")
        if e.get("kind") not in kinds:
            raise ValueError(f"{what} entry {e['id']!r}: unknown kind {e.get('kind')!r}")
        for surface in [e["name"], *e.get("aliases", [])]:
            owner = claimed.setdefault(surface, e["id"])
            if owner != e["id"]:
                raise ValueError(f"{what} alias {surface!r} is claimed by both {owner!r} and {e['id']!r}")


@lru_cache(maxsize=None)
def orgs() -> tuple[Org, ...]:
    raw = load_jsonl("orgs.jsonl")
    _check(raw, ORG_KEYS, ORG_KINDS, "org")
    return tuple(
        Org(e["id"], e["name"], tuple(e.get("aliases", ())), e.get("ticker"), e["kind"]) for e in raw
    )


@lru_cache(maxsize=None)
def models() -> tuple[Model, ...]:
    raw = load_jsonl("models.jsonl")
    _check(raw, MODEL_KEYS, MODEL_KINDS, "model")
    org_names = {o.name for o in orgs()}
    out = []
    for e in raw:
        if e["developer"] not in org_names:
            raise ValueError(f"model entry {e['id']!r}: developer {e['developer']!r} is not an org name")
        out.append(
            Model(
                e["id"], e["name"], tuple(e.get("aliases", ())), e["developer"], e["family"], e["kind"],
                bool(e.get("org_homonym")), bool(e.get("ambiguous")),
            )
        )
    return tuple(out)


@lru_cache(maxsize=None)
def org_by_surface() -> dict[str, Org]:
    return {s: o for o in orgs() for s in (o.name, *o.aliases)}


@lru_cache(maxsize=None)
def model_by_surface() -> dict[str, Model]:
    return {s: m for m in models() for s in (m.name, *m.aliases)}


@lru_cache(maxsize=None)
def model_by_fold() -> dict[str, Model]:
    return {fold(s): m for m in models() for s in (m.name, *m.aliases)}


@lru_cache(maxsize=None)
def families() -> dict[str, Model]:
    """Family name → the family's own entry (or its first member), for versions no list holds."""
    table: dict[str, Model] = {}
    for m in models():
        if m.family not in table or m.name == m.family:
            table[m.family] = m
    return table


@lru_cache(maxsize=None)
def listed_companies() -> frozenset[str]:
    """Names of the companies of major stock indices and their short forms
    (patterns/listed_companies.jsonl): evidence for a name the model reads as an
    organisation, not a gazetteer of their own (no span is found by them)."""
    return frozenset(load_jsonl("listed_companies.jsonl")[0]["names"])
