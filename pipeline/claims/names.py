"""One name per organisation of a document, as claims give it.

An organisation's mentions may carry a shorter name than the one the story
introduces it by: "Hutchison Whampoa Ltd <HWHH.HK>" found as "Hutchison", "GM"
for the "General Motors" named later. A claim's subject is the organisation's
full name, so the short names of a document are mapped to it here; the mentions
themselves are not changed.
"""
from __future__ import annotations

import re

from pipeline.claims.cues import place_patterns
from pipeline.claims.sentences import Mention, Span
from pipeline.normalize.orgs import org_filters, canonical, is_product

# Capitalised words right after a name, then what may end a company's name: a legal
# form, a Reuters ticker, punctuation, or a lower-case word ("France's Pernod Ricard.").
_WORD = r"[A-Z][a-z][a-z\-]+"
_AFTER = re.compile(rf" ((?:{_WORD})(?: {_WORD})?)(?=(?P<legal> (?:[A-Z][\w.]*))?(?:[ \n]*<|[,.;:)]| [a-z]|\n))")
_ACRONYM = re.compile(r"[A-Z]{2,5}")
_NOT_INITIAL = frozenset({"and", "of", "the", "&", "for"})


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.lower() not in _NOT_INITIAL and w[:1].isupper())


_TOKEN = re.compile(r"[\w-]+")


def _tokens(text: str) -> frozenset[str]:
    """Every word of a text as written (runs of word characters and hyphens), found once."""
    return frozenset(_TOKEN.findall(text))


def _common(words: frozenset[str], word: str) -> bool:
    """A word the same text also writes in lower case is a common noun ("Cloud");
    `words` are the text's `_tokens`."""
    return word.lower() in org_filters()["generic-words"] or word.lower() in words


def _place(word: str) -> bool:
    return any(p.fullmatch(word) for _, p in place_patterns())


def _covered(text: str, spans: list[Span]) -> bytearray:
    """Which characters of the text a mention holds: one look-up per character
    instead of a pass over every mention for each name."""
    out = bytearray(len(text))
    for s, e in spans:
        out[s:e] = b"\x01" * (e - s)
    return out


class _DocWords:
    """A document's words and the characters its mentions hold, found on first need
    and then once (most documents never need them)."""

    def __init__(self, text: str, taken: list[Span]) -> None:
        self._text, self._taken = text, taken
        self._tokens: frozenset[str] | None = None
        self._covered: bytearray | None = None

    def tokens(self) -> frozenset[str]:
        if self._tokens is None:
            self._tokens = _tokens(self._text)
        return self._tokens

    def covered(self) -> bytearray:
        if self._covered is None:
            self._covered = _covered(self._text, self._taken)
        return self._covered


def _written_longer(text: str, o: Mention, doc: _DocWords) -> str | None:
    """The full name where the text writes an organisation's name on past its mention."""
    m = _AFTER.match(text, int(o["end"]))
    if m is None or any(doc.covered()[m.start(1):m.end(1)]):
        return None
    words = m.group(1).split()
    if any(_common(doc.tokens(), w) or _place(w) or is_product(w) for w in words):  # "Huawei Ascend" is a chip
        return None
    legal = (m.group("legal") or "").strip()
    if legal and legal not in org_filters()["legal-suffixes"]:
        return None  # "Pernod Ricard Chairman": a title, not a legal form
    full = f"{o['text']} {m.group(1)}"
    if is_product(full):
        return None
    return canonical(f"{full} {legal}".strip())[0]


def document_names(text: str, mentions: list[Mention]) -> dict[str, str]:
    """{name of a mention: the organisation's full name in this document}."""
    orgs = [m for m in mentions if m["type"] == "org"]
    taken = [(int(m["start"]), int(m["end"])) for m in mentions]
    name_of = {id(o): str((o.get("value") or {}).get("name") or o["text"]) for o in orgs}
    names: set[str] = set(name_of.values())
    out: dict[str, str] = {}
    # Where the story introduces a name: its first mention after the headline line.
    body = text.find("\n") + 1
    first: dict[str, Mention] = {}
    for o in sorted(orgs, key=lambda o: int(o["start"])):
        if int(o["start"]) >= body:
            first.setdefault(name_of[id(o)], o)
    doc = _DocWords(text, taken)
    for short, o in first.items():
        full = _written_longer(text, o, doc)
        if full and full != short and full.startswith(short) and full not in names:
            out.setdefault(short, full)
    # "GM" and "General Motors": initials of a listed name the document also gives.
    listed = {name_of[id(o)] for o in orgs if str(o.get("method", "")).startswith("gazetteer:")}
    for o in orgs:
        short = name_of[id(o)]
        if str(o.get("method", "")).startswith("gazetteer:") or not _ACRONYM.fullmatch(short) or short in out:
            continue
        expansions = {n for n in listed if " " in n and _initials(n) == short}
        if len(expansions) == 1:
            out[short] = expansions.pop()
    return out


def renamed(mentions: list[Mention], names: dict[str, str]) -> list[Mention]:
    """The mentions with each organisation under its document name (copies where changed)."""
    if not names:
        return mentions
    out = []
    for m in mentions:
        name = (m.get("value") or {}).get("name") if m["type"] == "org" else None
        if name in names:
            m = {**m, "value": {**m["value"], "name": names[name]}}
        out.append(m)
    return out
