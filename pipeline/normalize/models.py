"""AI model names: gazetteer surfaces, versions no list holds ("Qwen3-235B",
"Doubao 1.5"), and "its V3 model" after its developer. Pure, no spaCy."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.gazetteer import Model, families, fold, model_by_fold, model_by_surface, org_by_surface
from pipeline.normalize.money import Found
from pipeline.normalize.text import sentence_bounds, trie_regex
from pipeline.resources import load_jsonl

# A version after a family name: "3", "2.5", "4o", "V3", "R1", "K2", then variants.
_VARIANT = (
    r"(?:[- ](?:\d{1,4}(?:\.\d+)?[BbMmKk]|\d+x\d+[Bb]|"
    r"(?i:pro|max|turbo|mini|nano|sonnet|opus|haiku|flash|ultra|plus|lite|instruct|chat|coder|"
    r"thinking|preview|omni|vl|vision|large|small|medium|base|air|fast|reasoner))(?![\w]))"
)
_VERSION = rf"(?:[- ]?(?:\d{{1,2}}(?:\.\d+)*(?:[a-z](?![\w]))?|[VRKMX]\d+(?:\.\d+)*)(?![\w.]\d)(?:{_VARIANT})*)"


@lru_cache(maxsize=None)
def _cues() -> dict[str, tuple[str, ...]]:
    return {e["id"]: tuple(e["words"]) for e in load_jsonl("model_cues.jsonl")}


@lru_cache(maxsize=None)
def _grammar() -> dict[str, re.Pattern[str]]:
    surfaces = set(model_by_surface()) | set(families())
    names = trie_regex(sorted(surfaces))
    cues = _cues()
    usage = "|".join(re.escape(w) for w in cues["usage-before"])
    nouns = "|".join(re.escape(w) for w in cues["model-nouns"])
    return {
        "name": re.compile(rf"(?<![\w@#/-])(?P<name>{names})(?P<ver>{_VERSION})?(?![\w]|-\w)"),
        # "its V3 foundation model", "their R1 reasoning model"
        "bare_version": re.compile(
            rf"\b(?:its|their)\s+(?P<ver>[VRK]\d+(?:\.\d+)?)(?=\s+(?:[\w-]+\s+){{0,2}}(?:{nouns})\b)"
        ),
        "usage": re.compile(rf"(?i)\b(?:{usage})\s+$"),
        "nouns": re.compile(rf"(?i)\b(?:{nouns})\b"),
        "possessive_after": re.compile(r"^['’]s?\b"),
    }


def find_models(text: str) -> list[Found]:
    """Model mentions in `text`, in order, each with {"name", "developer"}."""
    g = _grammar()
    found: list[Found] = []
    accepted: set[str] = set()
    pending: list[tuple[int, int, Model, str]] = []
    for m in g["name"].finditer(text):
        s, e = m.span()
        model, name = _resolve(m.group("name"), m.group("ver"))
        if model is None:
            continue
        if model.org_homonym and not m.group("ver"):
            # "built on DeepSeek" is the model; "DeepSeek raised" the company.
            before = text[max(0, s - 40) : s]
            if not g["usage"].search(before) or g["possessive_after"].match(text[e : e + 3]):
                continue
            found.append(Found(s, e, {"name": name, "developer": model.developer}, "model-usage"))
            continue
        # "Claude 3.5 Sonnet" is listed; "Falcon 9" is not, and needs context like a bare "Falcon".
        listed_version = bool(m.group("ver")) and fold(m.group(0)) in model_by_fold()
        if model.ambiguous and not listed_version and not _model_context(text, s, e, model):
            pending.append((s, e, model, name))
            continue
        accepted.add(m.group("name"))
        found.append(Found(s, e, {"name": name, "developer": model.developer}, "model-gazetteer"))
    # One sense per document: an ambiguous name confirmed once is a model throughout.
    for s, e, model, name in pending:
        if text[s:e] in accepted:
            found.append(Found(s, e, {"name": name, "developer": model.developer}, "model-one-sense"))
    found.extend(_bare_versions(text, found))
    found.sort(key=lambda f: f.start)
    return found


def _resolve(surface: str, version: str | None) -> tuple[Model | None, str]:
    """The gazetteer entry and canonical name of a surface plus optional version."""
    full = surface + (version or "")
    hit = model_by_fold().get(fold(full))
    if hit is not None:
        return hit, hit.name
    base = model_by_surface().get(surface)
    if not version:
        # a bare family name with no entry of its own is the company ("Baichuan")
        return (base, base.name) if base else (None, surface)
    base = base or families().get(surface)
    if base is None:
        return None, surface
    family = families().get(base.family, base)
    # "Qwen3-235B" → the family's spelling plus the version as written
    return family, re.sub(r"\s+", " ", base.name + version)


def _model_context(text: str, s: int, e: int, model: Model) -> bool:
    """An ambiguous name ("Claude", "Sora") is a model when its sentence talks of
    models, or its developer owns it ("Anthropic's Claude")."""
    lo, hi = sentence_bounds(text, s, e)
    before = text[max(lo, s - 40) : s]
    dev_names = [n for n, o in org_by_surface().items() if o.name == model.developer]
    if any(re.search(re.escape(n) + r"['’]s?\s+$", before) for n in dev_names):
        return True
    return _grammar()["nouns"].search(text[lo:hi]) is not None


def _bare_versions(text: str, found: list[Found]) -> list[Found]:
    """'DeepSeek ... its V3 foundation model' → DeepSeek-V3: the version takes the
    name of the nearest developer named before it."""
    out = []
    orgs_re = _org_names_re()
    for m in _grammar()["bare_version"].finditer(text):
        s, e = m.span("ver")
        if any(f.start <= s < f.end for f in found):
            continue
        window = text[max(0, s - 300) : s]
        owners = [o for o in orgs_re.finditer(window)]
        for owner in reversed(owners):
            org = org_by_surface()[owner.group(0)]
            model, name = _resolve(org.name, "-" + m.group("ver"))
            if model is not None and model.developer == org.name:
                out.append(Found(s, e, {"name": name, "developer": org.name}, "model-its-version"))
                break
    return out


@lru_cache(maxsize=None)
def _org_names_re() -> re.Pattern[str]:
    devs = {m.developer for m in model_by_surface().values()}
    surfaces = [s for s, o in org_by_surface().items() if o.name in devs]
    return re.compile(rf"(?<![\w])(?:{trie_regex(surfaces)})(?![\w])")
