"""Plain-text helpers shared by the normalisers."""
from __future__ import annotations

import re

_SENT_END = re.compile(r"[.!?][\"'”’)]*\s|\n")
# A full stop after these ends no sentence: "U.S. leaders", "Mr. Li", "Alibaba Inc. said".
_ABBREV = re.compile(
    r"(?:\b(?:[A-Z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|Prof|Inc|Corp|Co|Ltd|No|vs|etc|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|"
    r"Sep|Sept|Oct|Nov|Dec|approx|est|Gov|Sen|Rep|Jr|Sr|Bros)\.)$"
)


def _ends(text: str, lo: int, hi: int):
    for m in _SENT_END.finditer(text, lo, hi):
        if text[m.start()] == "." and _ABBREV.search(text, max(0, m.start() - 12), m.start() + 1):
            continue
        yield m


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Character bounds of the sentence around [start, end): from the last sentence
    end (., !, ? before a space, or a line break; not after an abbreviation) to the next."""
    lo = 0
    for m in _ends(text, max(0, start - 400), start):
        lo = m.end()
    m = next(_ends(text, end, len(text)), None)
    hi = m.start() + 1 if m and text[m.start()] in ".!?" else (m.start() if m else len(text))
    return lo, hi


def trie_regex(words: list[str] | tuple[str, ...] | set[str]) -> str:
    """A compact regex alternation for many literal strings: a character trie, so
    matching costs one walk instead of one try per word; longer words win."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)
