"""What the furniture modules share: a lower-case copy whose offsets are the
line's own, and word-bounded lookup of cue phrases in it."""
from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")
PUNCT = "\"'“”‘’«»()[]{}<>.,:;!?…—–-|/·•*#@&%+=~^_`\\"
PUNCT_TO_SPACE = str.maketrans(PUNCT, " " * len(PUNCT))


def fold(s: str) -> str:
    """`s` in lower case, one character for one, so an offset in the copy is an
    offset in `s`. A few characters lower-case to two ("İ" to "i̇"): they keep
    only the first, which is the letter a cue would spell."""
    low = s.lower()
    # str.lower never shortens a character: equal lengths mean every offset agrees.
    if len(low) == len(s):
        return low
    return "".join(c.lower()[0] for c in s)


def words_of(lower: str) -> frozenset[str]:
    """The words of a folded line, punctuation dropped: the anchors a phrase is looked up by."""
    return frozenset(lower.translate(PUNCT_TO_SPACE).split())


class PhraseFinder:
    """Where phrases occur in a folded line, word-bounded. Each phrase is indexed
    by its longest word, so a line is only searched for the phrases whose rare
    word it holds; one alternation of every phrase over every prose line would
    cost more than the rest of the detector."""

    def __init__(self, phrases) -> None:
        alts: dict[str, list[str]] = {}
        self._each: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
        for p in {_SPACES.sub(" ", p.lower().strip()) for p in phrases}:
            words = p.split()
            anchor = max(p.translate(PUNCT_TO_SPACE).split() or words, key=len)
            rx = r"\s+".join(map(re.escape, words))
            alts.setdefault(anchor, []).append(rx)
            self._each.setdefault(anchor, []).append((p, re.compile(r"(?<!\w)" + rx + r"(?!\w)")))
        # One pattern per anchor, longest phrase first.
        self._by_anchor = {
            a: re.compile(r"(?<!\w)(?:" + "|".join(sorted(ps, key=len, reverse=True)) + r")(?!\w)")
            for a, ps in alts.items()
        }

    def find(self, lower: str, tokens: frozenset[str]) -> list[tuple[int, int]]:
        """The (start, end) of every phrase found in `lower`."""
        found = []
        for anchor in tokens.intersection(self._by_anchor):
            found.extend(m.span() for m in self._by_anchor[anchor].finditer(lower))
        return found

    def hits(self, lower: str, tokens: frozenset[str]) -> set[str]:
        """Every phrase found in `lower`, a phrase inside a longer one too
        ("sign up for our" in "sign up for our newsletter"): lines are scored by their count."""
        return {
            p for anchor in tokens.intersection(self._each) for p, rx in self._each[anchor] if rx.search(lower)
        }
