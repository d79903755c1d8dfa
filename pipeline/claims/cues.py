"""The vocabulary of claims, read from patterns/claim_cues.jsonl (and the direction
verbs of patterns/percent_cues.jsonl), compiled once into patterns."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

from pipeline.normalize.text import alternation, phrase_literal, trie_regex
from pipeline.resources import load_jsonl

LOWER_WORDS = r"(?:\s+[a-z][\w\-’']*){0,2}"

# The metrics a claim may name (the claim standard's list, in its order).
METRICS = (
    "funding", "investment", "acquisition", "valuation", "revenue", "profit_or_loss", "earnings_per_share",
    "dividend", "market_size", "cost", "spending_pledge", "share_price", "market_value", "deal_count",
    "share_of_total", "trade", "economic_growth", "price", "other",
)


def _cues(kind: str) -> list[dict[str, Any]]:
    return [e for e in load_jsonl("claim_cues.jsonl") if e.get("kind") == kind]


def cue_words(kind: str) -> list[str]:
    return [w for e in _cues(kind) for w in e.get("words", [])]


def phrase_alternation(words: Iterable[str]) -> str:
    """Longest first, so "stock price" wins over "stock"; any run of spaces inside a phrase."""
    return alternation(words, phrase_literal)


def _words_re(words: Iterable[str], case_sensitive: bool = False) -> re.Pattern[str]:
    """Any of `words` as whole words."""
    return re.compile(rf"(?<![\w$])(?:{phrase_alternation(words)})(?![\w$])", 0 if case_sensitive else re.I)


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    text: str
    label: str  # the metric it names


def cue_key(word: str) -> str:
    return re.sub(r"\s+", " ", word).lower()


@lru_cache(maxsize=None)
def metric_labels() -> dict[str, str]:
    """Each metric word (lower case, single-spaced) and the metric it names."""
    labels = {cue_key(w): e["metric"] for e in _cues("metric") for w in e["words"]}
    labels.update((cue_key(w), "share_of_total") for w in cue_words("share"))
    return labels


@lru_cache(maxsize=None)
def head_words() -> frozenset[str]:
    """Metric words that count only as the head noun a figure measures ("market")."""
    return frozenset(cue_key(w) for e in _cues("metric") if e.get("head") for w in e["words"])


@lru_cache(maxsize=None)
def into_words() -> frozenset[str]:
    """Metric verbs that count only with "into" after the figure ("put $1bn into")."""
    return frozenset(cue_key(w) for e in _cues("metric") if e.get("into") for w in e["words"])


@lru_cache(maxsize=None)
def metric_scanner() -> re.Pattern[str]:
    """Every metric word in one pattern, matched at each word start (a lookahead, so
    "earnings per share" and the "share" inside it are both seen): one pass over a
    sentence instead of one per metric."""
    return _lookahead_re(metric_labels())


@lru_cache(maxsize=None)
def metric_start() -> re.Pattern[str]:
    """Any metric word, for .match at one position."""
    return _words_re(metric_labels())


def _lookahead_re(words: Iterable[str], case_sensitive: bool = False) -> re.Pattern[str]:
    """The longest of `words` starting at each position, as group 1 of an empty match;
    the words as a character trie, so a position costs one walk, not one try per word."""
    keys = {w if case_sensitive else cue_key(w) for w in words}
    body = trie_regex(keys).replace(r"\ ", r"\s+")
    return re.compile(rf"(?<![\w$])(?=({body})(?![\w$]))", 0 if case_sensitive else re.I)


def scan(pattern: re.Pattern[str], text: str, lo: int, hi: int):
    """(start, end, matched text) of each hit of a `_lookahead_re` pattern inside [lo, hi)."""
    for m in pattern.finditer(text, lo, hi):
        if m.end(1) <= hi:
            yield m.start(1), m.end(1), m.group(1)


@lru_cache(maxsize=None)
def vocab_re(kind: str) -> re.Pattern[str]:
    return _words_re(cue_words(kind))


@lru_cache(maxsize=None)
def ratio_of_amount() -> re.Pattern[str]:
    """ "of" and an amount a percentage is a ratio to, within three words ("of the
    purchase price", "of last year's sales"), for use with .match after the figure."""
    return re.compile(rf"\s*\)?\s*of\s+(?:[\w’'\-]+\s+){{0,3}}?(?:{phrase_alternation(cue_words('ratio-base'))})(?![\w$])", re.I)


@lru_cache(maxsize=None)
def attribution_patterns() -> tuple[tuple[str, bool, re.Pattern[str]], ...]:
    return tuple((e["position"], bool(e.get("speech")), _words_re(e["words"])) for e in _cues("attribution"))


@lru_cache(maxsize=None)
def hedge_patterns() -> tuple[re.Pattern[str], ...]:
    # Matched at each word start, so "is expected to" holds both "is expected" and
    # "expected to"; one pattern for the case-blind words, one for the others ("May").
    out = []
    for sensitive in (False, True):
        words = [w for e in _cues("hedge") if bool(e.get("case_sensitive")) == sensitive for w in e["words"]]
        if words:
            out.append(_lookahead_re(words, sensitive))
    return tuple(out)


@lru_cache(maxsize=None)
def verb_only_hedges() -> frozenset[str]:
    """Hedge words that hedge only as verbs ("it projects" but not "AI projects")."""
    return frozenset(cue_key(w) for e in _cues("hedge") if e.get("verb_only") for w in e["words"])


@lru_cache(maxsize=None)
def place_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((e["name"], _words_re(e["aliases"], case_sensitive=True)) for e in _cues("place"))


@lru_cache(maxsize=None)
def money_change_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (e["direction"], re.compile(rf"(?<![\w])(?:{phrase_alternation(e['words'])}){LOWER_WORDS}\s*$", re.I))
        for e in _cues("money-change")
    )


@lru_cache(maxsize=None)
def trailing_cue(kind: str) -> re.Pattern[str]:
    """A vocabulary word (plus up to two lower-case words) right at the end of a gap."""
    return re.compile(rf"(?<![\w])(?:{phrase_alternation(cue_words(kind))}){LOWER_WORDS}\s*$", re.I)


@lru_cache(maxsize=None)
def leading_cue(kind: str) -> re.Pattern[str]:
    """A vocabulary word at the start of a sentence."""
    return re.compile(rf"[\s\"“‘'(]*(?:{phrase_alternation(cue_words(kind))})(?![\w])", re.I)  # used with .match


@lru_cache(maxsize=None)
def direction_verbs() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Verbs right before "from" that say which way a from/to pair should go."""
    out = []
    for e in load_jsonl("percent_cues.jsonl"):
        if e.get("direction") in ("increase", "decrease"):
            verbs = phrase_alternation(e["words"])
            out.append((e["direction"], re.compile(rf"(?<![\w])(?:{verbs})\s+(?:up\s+|down\s+)?$", re.I)))
    return tuple(out)
