"""Organisations: gazetteer names, cleaning of the model's ORG spans, canonical
names and tickers. Pure, no spaCy."""
from __future__ import annotations

import re
from itertools import islice
from functools import lru_cache

from pipeline.gazetteer import listed_companies, model_by_surface, org_by_surface
from pipeline.normalize.text import alternation, trie_regex
from pipeline.resources import entries_by_id, load_jsonl

# "(NASDAQ: BIDU)", "(HKG: 9888)", "(688256.SH)", "(0700.HK)"
_TICKER = re.compile(
    r"\(\s*(?:(?P<ex>NASDAQ|Nasdaq|NYSE|HKG|HKEX|SEHK|HK|SHA|SHE|SSE|SZSE|TYO|TSE|KRX|KOSDAQ|LSE|ASX|TSX|"
    r"OTC|BSE|NSE|SGX|TWSE|Euronext|XETRA|FRA)\s*:\s*(?P<sym>[A-Z0-9]{1,6}(?:\.[A-Z]{1,2})?)"
    r"|(?P<dotted>\d{4,6}\.(?:SH|SZ|SS|HK|T|KS|KQ|TW)))\s*\)"
)
_POSSESSIVE = re.compile(r"['’]s?$")
# '" Mr de Vabres', "the Oxford China Policy Lab", "’s National AI" (the model's span
# begun at a possessive), "New York-based ITT Corp": an opening quote, an article,
# a possessive and the place a company is based in go
_LEADING = re.compile(r"^(?:['’]s\s+)?(?:[\"“‘']\s*)?(?:(?:the|The|THE)\s+)?(?:(?:[A-Z][\w.'’]*[ \t]+){0,2}[A-Z][\w.'’]*-based[ \t]+)?")


@lru_cache(maxsize=None)
def org_filters() -> dict[str, frozenset[str]]:
    return {e["id"]: frozenset(e["words"]) for e in load_jsonl("org_filters.jsonl")}


@lru_cache(maxsize=None)
def gazetteer_re() -> re.Pattern[str]:
    # not the end of a name written with an apostrophe ("J. O’Dell")
    return re.compile(rf"(?<![\w@#&.-])(?<!\w['’])(?:{trie_regex(sorted(org_by_surface()))})(?![\w&]|\.\w)")


def find_gazetteer_orgs(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in gazetteer_re().finditer(text)]


_UNOPENED_CLOSE = re.compile(r"([^()\[\]]*)[)\]]")


def clean_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim a model-found ORG span ("the Oxford China Policy Lab" → "Oxford China
    Policy Lab", "CB Insights'" → "CB Insights") and reject what is no name."""
    span = text[start:end]
    lead = _LEADING.match(span)
    if lead:
        start += lead.end()
    span = text[start:end]
    poss = _POSSESSIVE.search(span)
    # "McDonald's", "Sainsbury's": a listed name that ends in its possessive keeps it
    if poss and not any(s in org_by_surface() or s in listed_companies() for s in (span, span.replace("’", "'"))):
        end -= len(poss.group(0))
    span = text[start:end]
    # "(Defense Advanced Research Projects Agency)-funded": a name ends at a bracket it did not open
    shut = _UNOPENED_CLOSE.match(span)
    if shut:
        span = shut.group(1)
    # "... and", "University of North Carolina at": a name ends in no joining word
    span = re.sub(r"(?:\s+(?:and|&|at|of|for|on|in|the))+$", "", span).rstrip(" -–,.:;")
    end = start + len(span)
    if not span or "\n" in span or not re.search(r"[A-Z0-9]", span):
        return None
    f = org_filters()
    if span in f["not-orgs"] or is_product(span):
        return None
    words = span.lower().split()
    if all(w in f["generic-words"] or w in f["nationalities"] for w in words):
        return None
    return start, end


@lru_cache(maxsize=None)
def _products() -> tuple[frozenset[str], re.Pattern[str]]:
    entries = entries_by_id("products.jsonl")
    return frozenset(entries["chips"]["names"]), re.compile(entries["chip-code"]["pattern"])


def is_product(span: str) -> bool:
    """A chip, device or model name ("H20", "Blackwell", "Claude"), not a company,
    unless the gazetteer knows a company of that name."""
    if span in org_by_surface():
        return False
    return is_listed_product(span) or span in model_by_surface()


def is_listed_product(word: str) -> bool:
    """A chip or device of patterns/products.jsonl ("H20", "Blackwell", "Ascend")."""
    names, code = _products()
    return word in names or code.match(word) is not None


def short_forms(name: str) -> list[str]:
    """"Moonshot AI" → ["Moonshot"], "Xingyun Network Ltd" → ["Xingyun Network",
    "Xingyun"]: the forms a name takes when it recurs in a story, a suffix word at a
    time (at most three: "Cavendish International Holdings Ltd", then "Cavendish")."""
    f = org_filters()
    out: list[str] = []
    words = name.split()
    while len(out) < 3 and len(words) >= 2 and words[-1] in f["short-form-suffixes"]:
        words = words[:-1]
        short = " ".join(words).rstrip(",")
        if short.lower() in f["generic-words"] or short.lower() in f["nationalities"] or len(short) <= 2:
            break
        out.append(short)
    return out


def legal_forms() -> frozenset[str]:
    """Legal forms ("Inc", "Co", "NV"): never a name alone ("Merrill Lynch and Co")."""
    return org_filters()["legal-suffixes"]


def short_form_suffixes() -> frozenset[str]:
    """Last words a name recurs without ("AI", "Wireless", "Ltd")."""
    return org_filters()["short-form-suffixes"]


def name_suffixes() -> frozenset[str]:
    """Last words that make a capitalised phrase an organisation's name ("Robotics", "Fund")."""
    return org_filters()["name-suffixes"]


@lru_cache(maxsize=None)
def _suffix_re() -> re.Pattern[str]:
    suffixes = alternation(org_filters()["name-suffixes"])
    # "Merck and Co Inc": "and Co" / "& Co" is part of the legal form
    word = r"[A-Z][\w&'’.-]*\s(?:(?:and|&)\s(?=Co\b))?"
    return re.compile(rf"(?<![\w&'’.-])(?P<name>(?:{word}){{0,2}}[A-Z][\w&'’.-]*\s(?:{suffixes}))(?![\w&-])")


def find_suffixed_names(text: str) -> list[tuple[int, int]]:
    """Names the gazetteer may not hold, told by their last word: "Tianmu Intelligence",
    "Horizon Robotics", "Qiming Venture Partners". Generic phrases ("Artificial
    Intelligence", "Chinese Technology Ventures") are left out by clean_span's filters."""
    out = []
    for m in _suffix_re().finditer(text):
        s, e = m.span("name")
        first = m.group("name").split()[0]
        if first in ("The", "A", "An", "In", "At", "On", "For", "And", "But", "Its", "Their", "Our", "This"):
            s += len(first) + 1
        if " " not in text[s:e]:
            continue
        # "Tesla's AI", "Google's Ethical AI Team": an owner and what it owns, two things
        if re.search(r"['’]s\s", text[s:e]):
            continue
        if all(w in org_filters()["legal-suffixes"] for w in text[s:e].split()):  # "Co Inc" alone names no one
            continue
        cleaned = clean_span(text, s, e)
        if cleaned:
            out.append(cleaned)
    return out


def canonical(surface: str) -> tuple[str, str | None]:
    """(canonical name, gazetteer id or None): "Tencent Holdings" → ("Tencent", "tencent");
    names the gazetteer does not hold lose their legal suffix ("Yizhi Tech Co., Ltd." → "Yizhi Tech")."""
    org = org_by_surface().get(surface)
    if org is not None:
        return org.name, org.id
    name = surface
    suffixes = sorted(org_filters()["legal-suffixes"], key=len, reverse=True)
    changed = True
    while changed:
        changed = False
        for suf in suffixes:
            if name.endswith(" " + suf) or name.endswith(", " + suf):
                name = re.sub(r"\s+(?:and|&)$", "", name[: -len(suf)].rstrip(" ,"))  # "Merck and Co Inc"
                changed = True
    name = name or surface
    org = org_by_surface().get(name)
    return (org.name, org.id) if org else (name, None)


# Reuters wire style: an unlisted company's name in angle brackets ("<Cavendish
# International Holdings Ltd>"), a listed one's ticker ("<HKEH.HK>", "<ICI>").
_ANGLE_NAME = re.compile(r"<(?P<name>[A-Z][\w&.,'’-]*(?:[ \n][\w&.,'’()-]+)+)>")
# "<IBM>", "<ERIC.ST>", "<ASTS ST>": a symbol and its exchange's code
_ANGLE_TICKER = re.compile(r"<(?P<sym>[A-Z][A-Z0-9]{0,5}(?:[. ][A-Z]{1,2})?)>")


def angle_names(text: str) -> list[tuple[int, int]]:
    """Spans of the company names a wire story gives in angle brackets."""
    out = []
    for m in _ANGLE_NAME.finditer(text):
        if _ANGLE_TICKER.fullmatch(m.group(0)):
            continue  # "<ASTS ST>": a symbol, not a name
        span = clean_span(text, *m.span("name"))
        if span:
            out.append(span)
    return out


def ticker_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, symbol) of every stock-ticker parenthesis."""
    out = [(m.start(), m.end(), m.group("sym") or m.group("dotted")) for m in _TICKER.finditer(text)]
    out += [(m.start(), m.end(), m.group("sym").replace(" ", ".")) for m in _ANGLE_TICKER.finditer(text)]
    return sorted(out)


_HEADING_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_SMALL_WORDS = frozenset(
    {"a", "an", "the", "of", "in", "on", "and", "or", "for", "to", "with", "from", "at", "by", "as", "vs", "between"}
)


def is_heading(text: str, start: int, end: int) -> bool:
    """Is the line around [start, end) a title or heading (short, mostly capitalised,
    no closing full stop)? The model's ORG guesses there are unreliable. Reads at
    most 17 words of the line, so a long line costs no more than a short one."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi == -1 else hi
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    if text.endswith((".", "?", "!", ".”", '."'), lo, hi):
        return False
    words = [m.group() for m in islice(_HEADING_WORD.finditer(text, lo, hi), 17)]
    if not words or len(words) > 16:
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    capped = sum(1 for w in content if w[0].isupper())
    return bool(content) and capped / len(content) >= 0.6
