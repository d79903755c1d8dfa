"""AI model names: gazetteer surfaces, versions no list holds ("Qwen3-235B",
"Doubao 1.5"), names given through their developer ("its V3 model", "Mistral's
Large 2", "reasoning model X1"), and names the text introduces as models
("TM-Brain 2.0, the company's ... model"). Pure, no spaCy."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.gazetteer import Model, families, fold, model_by_fold, model_by_surface, org_by_surface
from pipeline.normalize.dates.vocab import month_words
from pipeline.normalize.text import Found, Occupied, alternation, sentence_bounds, trie_regex
from pipeline.resources import load_jsonl

# A version after a family name: "3", "2.5", "4o", "V3", "R1", "K2", then variants
# ("-72B", " Pro", " Sonnet"); or variants alone ("Qwen2.5" + "-72B").
_VARIANT = (
    r"(?:[- ](?:\d{1,4}(?:\.\d+)?[BbMmKk]|\d+x\d+[Bb]|A\d{1,3}B|"
    r"(?i:pro|max|turbo|mini|nano|sonnet|opus|haiku|flash|ultra|plus|lite|instruct|chat|coder|"
    r"thinking|preview|omni|vl|vision|large|small|medium|base|air|fast|reasoner))(?![\w]))"
)
# Variant words alone never stand for a model ("Turbo", "Pro")
_VARIANT_WORDS = frozenset(
    "pro max turbo mini nano sonnet opus haiku flash ultra plus lite instruct chat coder thinking preview "
    "omni vl vision large small medium base air fast reasoner".split()
)
_NUMBER = r"(?:\d{1,2}(?:\.\d+)*(?:[a-z](?![\w]))?|[VRKMX]\d+(?:\.\d+)*)(?![\w.]\d)"
# Without a number, a variant must be joined by a hyphen or capitalised ("Qwen2.5-72B",
# "Qwen2.5 Max"), so that prose after a name ("Qwen large language model") is not one.
_VARIANT_ALONE = (
    r"(?:-(?:\d{1,4}(?:\.\d+)?[BbMmKk]|(?i:pro|max|turbo|mini|nano|sonnet|opus|haiku|flash|ultra|plus|lite|"
    r"instruct|chat|coder|thinking|preview|omni|vl|vision|large|small|medium|base|air|fast|reasoner))"
    r"|\s(?:\d{1,4}(?:\.\d+)?[BbMmKk]|"
    r"Pro|Max|Turbo|Mini|Nano|Sonnet|Opus|Haiku|Flash|Ultra|Plus|Lite|Instruct|Chat|Coder|Thinking|Preview|"
    r"Omni|VL|Vision|Large|Small|Medium|Base|Air|Fast|Reasoner))(?![\w])"
)
_VERSION = rf"(?:[- ]?{_NUMBER}(?:{_VARIANT})*|(?:{_VARIANT_ALONE})+)"
# A bare version token such as "V3", "R1", "X1", "K2"
_BARE = r"[VRKX]\d+(?:\.\d+)?"
# A name the text may introduce: hyphenated with a capital or digit after the
# hyphen ("TM-Brain 2.0"), or CamelCase ("LongCat"), with an optional version.
_COINED = r"(?:[A-Z][A-Za-z0-9]*-[A-Z0-9][\w.]*|[A-Z][a-z]+[A-Z][A-Za-z0-9]*)(?:\s\d+(?:\.\d+)*)?"


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
    trades = alternation(cues["trade-nouns"])
    return {
        # "ChatGPT-scripted" is the model in a compound; "Qwen-VL2" is another name
        "name": re.compile(rf"(?<![\w@#/-])(?P<name>{names})(?P<ver>{_VERSION})?(?![\w]|-[A-Z0-9]|-[a-z]{{1,2}}\b)"),
        # "Thu 23 Feb 2023" after a name: a date, not a version
        "date_after": re.compile(r"\s\d{1,2}$"),
        "month_next": re.compile(rf"\s+(?:{alternation(month_words())})\.?(?!\w)"),
        # "its V3 foundation model", "whose low-cost R1 model", "reasoning model X1"
        "bare_version": re.compile(
            rf"\b(?i:its|their|whose)\s+(?:[\w-]+\s+){{0,2}}?(?P<ver>{_BARE})(?=\s+(?:[\w-]+\s+){{0,2}}(?:{nouns})\b)"
            rf"|\b(?:model|chatbot|LLM)\s+(?P<ver2>{_BARE})\b"
        ),
        # "TM-Brain 2.0, the company's vision-language-action model"
        "appositive": re.compile(
            rf"(?<![\w-])(?P<name>{_COINED})\s*,\s+(?:a|an|the|its|their|[A-Z][\w]*['’]s)\s+(?:[\w'’-]+\s+){{0,4}}?"
            rf"(?:model|LLM|chatbot|assistant|agent)\b"
            # "Plato, a chatbot released by Baidu": a plain name needs the noun close by
            rf"|(?<![\w-])(?P<plain>[A-Z][a-z]{{2,}}(?:\s\d+(?:\.\d+)*)?)\s*,\s+(?:a|an)\s+(?:[\w-]+\s+)?"
            rf"(?:model|LLM|chatbot|assistant)\b(?!\s+(?:{trades})s?\b)"
            # "its own GenAI assistant, YunYiduo, which"
            rf"|\b(?:model|LLM|chatbot|assistant|agent),\s+(?P<after>{_COINED}|[A-Z][a-z]{{2,}}(?:\s\d+(?:\.\d+)*)?),\s"
        ),
        "usage": re.compile(rf"(?i)\b(?:{usage})\s+$"),
        "nouns": re.compile(rf"(?i)\b(?:{nouns})\b"),
        "possessive_after": re.compile(r"^['’]s?\b"),
        # "Claude Chen", "Claude Monet": a given name, not the model
        "surname_after": re.compile(r"^\s[A-Z][a-z]+\b"),
    }


def find_models(text: str) -> list[Found]:
    """Model mentions in `text`, in order, each with {"name", "developer"}."""
    g = _grammar()
    found: list[Found] = []
    accepted: set[str] = set()  # surfaces and families confirmed as models in this text
    pending: list[tuple[int, int, Model, str]] = []
    folded = text.casefold()  # once per document, for _doc_name
    for m in g["name"].finditer(text):
        s, e = m.span()
        # "Claude 23 Feb 2023": a day before a month ends the name, whatever the
        # name's own digits ("Claude 2" + "3"); the date keeps its day.
        day = g["date_after"].search(text[s:e])
        if day and g["month_next"].match(text, e):
            m = g["name"].fullmatch(text, s, s + day.start())
            if m is None:
                continue
            e = m.end()
        version = m.group("ver")
        model, name = _resolve(m.group("name"), version)
        if model is None:
            continue
        if model.org_homonym and not version:
            # "built on DeepSeek" is the model; "DeepSeek raised" the company.
            before = text[max(0, s - 40) : s]
            if not g["usage"].search(before) or g["possessive_after"].match(text[e : e + 3]):
                continue
            found.append(Found(s, e, {"name": name, "developer": model.developer}, "model-usage"))
            continue
        # "Claude 3.5 Sonnet" is listed; "Falcon 9" is not, and needs context like a bare "Falcon".
        listed_version = bool(version) and fold(text[s:e]) in model_by_fold()
        if model.ambiguous and not listed_version:
            if g["surname_after"].match(text[e : e + 20]) and not version:
                continue
            if not _model_context(text, s, e, model):
                pending.append((s, e, model, name))
                continue
        accepted.update((m.group("name"), model.family))
        name = _doc_name(text, folded, e, m.group("name"), name, version, model)
        found.append(Found(s, e, {"name": name, "developer": model.developer}, "model-gazetteer"))
    # One sense per document: an ambiguous name is a model throughout once it, or a
    # version of its family ("Llama 3.1 405B" for "Llama"), was confirmed as one.
    for s, e, model, name in pending:
        if text[s:e] in accepted or model.family in accepted:
            found.append(Found(s, e, {"name": name, "developer": model.developer}, "model-one-sense"))
    taken = Occupied((f.start, f.end) for f in found)
    for extra in (_owned_names(text, taken), _bare_versions(text, taken), _introduced(text, taken)):
        for f in extra:
            if taken.free(f.start, f.end):
                found.append(f)
                taken.add(f.start, f.end)
    found.extend(_short_forms(text, found, taken))
    found.sort(key=lambda f: f.start)
    return found


def _resolve(surface: str, version: str | None) -> tuple[Model | None, str]:
    """The gazetteer entry and canonical name of a surface plus optional version."""
    full = surface + (version or "")
    hit = model_by_fold().get(fold(full))
    if hit is not None:
        # An alias that names a later version than its entry ("Mistral Large 2" under
        # "Mistral Large") keeps that version in the name.
        if set(re.findall(r"\d+", fold(full))) - set(re.findall(r"\d+", fold(hit.name))):
            return hit, re.sub(r"\s+", " ", full)
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
    models or names its developer ("Anthropic's Claude", "Anthropic ... Claude updates")."""
    lo, hi = sentence_bounds(text, s, e)
    sentence = text[lo:hi]
    if any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", sentence) for n in _developer_names(model.developer)):
        return True
    return _grammar()["nouns"].search(sentence) is not None


@lru_cache(maxsize=None)
def _developer_names(developer: str) -> tuple[str, ...]:
    return tuple(n for n, o in org_by_surface().items() if o.name == developer)


def _owned_names(text: str, taken: Occupied) -> list[Found]:
    """"Mistral's Large 2": a developer's possessive, then a name that completes one of
    its families into a listed model."""
    out = []
    for m in _developer_possessive_re().finditer(text):
        org = org_by_surface()[m.group("dev")]
        s, e = m.span("name")
        for family in _families_of(org.name):
            hit = model_by_fold().get(fold(f"{family} {m.group('name')}"))
            if hit is not None:
                _, name = _resolve(f"{family} ", m.group("name"))
                out.append(Found(s, e, {"name": name, "developer": org.name}, "model-owned"))
                break
    return out


def _bare_versions(text: str, taken: Occupied) -> list[Found]:
    """'DeepSeek ... its V3 foundation model' → DeepSeek-V3; 'Baidu ... reasoning model
    X1' → ERNIE X1: the version takes the name of the nearest developer before it."""
    out = []
    orgs_re = _org_names_re()
    for m in _grammar()["bare_version"].finditer(text):
        group = "ver" if m.group("ver") else "ver2"
        s, e = m.span(group)
        if not taken.free(s, e):
            continue
        version = m.group(group)
        window = text[max(0, s - 300) : s]
        for owner in reversed(list(orgs_re.finditer(window))):
            org = org_by_surface()[owner.group(0)]
            named = _named_by(org.name, version)
            if named is not None:
                out.append(Found(s, e, {"name": named, "developer": org.name}, "model-its-version"))
                break
    return out


def _named_by(developer: str, version: str) -> str | None:
    """The listed model a developer's bare version stands for, or '{developer}-{version}'
    when it has models but none lists that version."""
    for stem in (developer, *_families_of(developer)):
        for sep in ("-", " "):
            hit = model_by_fold().get(fold(f"{stem}{sep}{version}"))
            if hit is not None and hit.developer == developer:
                return hit.name
    return f"{developer}-{version}" if _families_of(developer) else None


def _introduced(text: str, taken: Occupied) -> list[Found]:
    """A name the text itself calls a model ("TM-Brain 2.0, the company's
    vision-language-action model", "Plato, a chatbot released by Baidu", "its own
    GenAI assistant, YunYiduo, which"); its developer is the listed developer
    its sentence names ("by Baidu", "Baidu's"), if any."""
    out = []
    for m in _grammar()["appositive"].finditer(text):
        group = next(g for g in ("name", "plain", "after") if m.group(g))
        s, e = m.span(group)
        if m.group(group) in org_by_surface():
            continue
        # "Jeffrey Ding, an assistant professor": a surname after a given name
        if group == "plain" and re.search(r"[A-Z][a-z]+\s+$", text[max(0, s - 20) : s]):
            continue
        out.append(Found(s, e, {"name": m.group(group), "developer": _sentence_developer(text, s, e)}, "model-introduced"))
    return out


def _sentence_developer(text: str, start: int, end: int) -> str | None:
    """The developer named in the sentence of a new model: the one after "by", else
    the nearest one before the name, else the first after it."""
    lo, hi = sentence_bounds(text, start, end)
    hits = [(m.start(), org_by_surface()[m.group(0)].name) for m in _org_names_re().finditer(text, lo, hi)]
    for pos, dev in hits:
        if pos > end and re.search(r"\bby\s+$", text[max(lo, pos - 8) : pos]):
            return dev
    before = [dev for pos, dev in hits if pos < start]
    after = [dev for pos, dev in hits if pos >= end]
    return before[-1] if before else (after[0] if after else None)


def _doc_name(text: str, folded: str, end: int, surface: str, name: str, version: str | None, model: Model) -> str:
    """A bare family name ("Ernie") stands for the family's chatbot when the text
    names that chatbot ("Ernie Bot"), as one product throughout the story; not
    where the text says it means the model ("the Ernie language model")."""
    # the family's own spelling ("ERNIE") means the family
    if version or name != families().get(model.family, model).name or surface == name:
        return name
    if re.match(r"\s+(?:[\w-]+\s+)?(?:model|models|LLM|LLMs)\b", text[end : end + 40]):
        return name
    for other in _family_chatbots(model.family):
        if other.name != name and any(f.casefold() in folded for f in (other.name, *other.aliases)):
            return other.name
    return name


@lru_cache(maxsize=None)
def _family_chatbots(family: str) -> tuple[Model, ...]:
    return tuple(m for m in model_by_surface().values() if m.family == family and m.kind == "chatbot" and not re.search(r"\d", m.name))


def _short_forms(text: str, found: list[Found], taken: Occupied) -> list[Found]:
    """A model found by its full name recurs by its short one: "Mistral Large 2" →
    "Large 2", "Llama 4 Maverick" → "Maverick"; "TM-Brain 2.0" stays as is. Short
    forms count after their full name only, and need a digit or a version before them."""
    shorts: dict[str, dict] = {}
    for f in found:
        for prefix in (f.value.get("developer") or "", *_families_of(f.value.get("developer") or "")):
            name = f.value["name"]
            rest = name[len(prefix) + 1 :]
            # "Large 2" after "Mistral Large 2"; never a bare number ("2" after "Claude 2")
            if prefix and name.startswith(prefix + " ") and re.search(r"\d", rest) and re.search(r"[A-Za-z]", rest):
                shorts[name[len(prefix) + 1 :]] = f.value
        tail = re.search(r"\s\d+(?:\.\d+)*\s([A-Z][a-z]+)$", f.value["name"])
        if tail and tail.group(1).lower() not in _VARIANT_WORDS:  # "Llama 4 Maverick", then "Maverick"
            shorts.setdefault(tail.group(1), f.value)
        if f.rule == "model-introduced":
            shorts[f.value["name"]] = f.value
    out = []
    for short, value in shorts.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text):
            if taken.free(*m.span()):
                out.append(Found(m.start(), m.end(), dict(value), "model-one-sense"))
                taken.add(*m.span())
    return out


@lru_cache(maxsize=None)
def _families_of(developer: str) -> tuple[str, ...]:
    return tuple(sorted({m.family for m in model_by_surface().values() if m.developer == developer}))


@lru_cache(maxsize=None)
def _org_names_re() -> re.Pattern[str]:
    devs = {m.developer for m in model_by_surface().values()}
    surfaces = [s for s, o in org_by_surface().items() if o.name in devs]
    return re.compile(rf"(?<![\w])(?:{trie_regex(surfaces)})(?![\w])")


@lru_cache(maxsize=None)
def _developer_possessive_re() -> re.Pattern[str]:
    devs = {m.developer for m in model_by_surface().values()}
    surfaces = [s for s, o in org_by_surface().items() if o.name in devs]
    return re.compile(
        rf"(?<![\w])(?P<dev>{trie_regex(surfaces)})['’]s\s+(?P<name>[A-Z][\w.]*(?:\s(?:\d+(?:\.\d+)*|[A-Z][a-z]+))?)"
    )
