"""Bare figures that carry the currency of an earlier amount: "narrowed to 567 mln
dlrs from 738 mln", "Imports were 2.655 billion against 2.883 billion" (after a
paragraph of dlrs), "2bn euros now, with another 450m later". Pure, no spaCy."""
from __future__ import annotations

import re
from bisect import bisect_left, insort
from functools import lru_cache

from pipeline.normalize.money import money_value
from pipeline.normalize.numbers import NUMBER, magnitudes, parse_number, qualifier
from pipeline.normalize.text import Found, Occupied, alternation, sentence_bounds
from pipeline.resources import load_jsonl

# How far back the amount that lends its currency may stand; a blank line (a new
# block of a page) ends the story's run of figures.
CARRY_REACH = 300


@lru_cache(maxsize=None)
def _bare() -> re.Pattern[str]:
    """A figure with a magnitude of a million or more and no currency: "738 mln",
    "2.92\\nbillion", "450m", followed by its next word or sign."""
    big = [w for w, f in magnitudes().items() if f >= 1e6]
    words = [w for w in big if len(w) > 1 and w.islower()]
    # of the one-letter abbreviations only "m": "405B" and "7B" are model sizes far
    # more often than bare billions
    letters = [w for w in big if w == "m"]
    mag = rf"(?:[\s-]?(?i:{alternation(words)})|(?:{alternation(letters)}))(?![A-Za-z0-9])"
    return re.compile(rf"(?<![\w.,$€£¥₹₩-])(?P<num>{NUMBER})(?P<mag>{mag})[ \t]*\n?[ \t]*(?P<next>[A-Za-z]+|\S)?")


@lru_cache(maxsize=None)
def _followers() -> frozenset[str]:
    return frozenset(w for e in load_jsonl("money_carry.jsonl") for w in e["words"])


def carry_currency(text: str, found: list[Found]) -> list[Found]:
    """The bare figures of `text` that take the currency of the amount before them,
    as new mentions. `found` is the money already found, in order. A figure followed
    by a noun ("975 mln new shares") counts something else and breaks the run."""
    events: list[tuple[int, int, str | None]] = [(f.start, f.end, f.value["currency"]) for f in found]
    bare = []
    taken = Occupied((f.start, f.end) for f in found)  # a binary search per figure, not a scan
    for m in _bare().finditer(text):
        s, e = m.start(), m.start("mag") + len(m.group("mag"))
        if not taken.free(s, e):
            continue
        nxt = m.group("next")
        counts_something = bool(nxt) and nxt[0].isalpha() and nxt.lower() not in _followers()
        bare.append((s, e, counts_something))
        if counts_something:
            events.append((s, e, None))
    events.sort()
    out: list[Found] = []
    for s, e, counts_something in bare:
        if counts_something:
            continue
        prev = _last_before(events, s)
        if prev is None or prev[2] is None or s - prev[1] > CARRY_REACH or "\n\n" in text[prev[1] : s]:
            continue
        m = _bare().match(text, s)
        num, mag = m.group("num"), m.group("mag").strip(" \t\n-")
        amount = parse_number(num)
        factor = magnitudes().get(mag) or magnitudes().get(mag.lower())
        if amount is None or factor is None:
            continue
        lo, hi = sentence_bounds(text, s, e)
        value = money_value(amount=amount * factor, currency=prev[2], qualifier=qualifier(text[lo:s], text[e:hi]))
        if value is None:
            continue
        out.append(Found(s, e, value, "money-carried"))
        insort(events, (s, e, prev[2]))  # the next bare figure may carry it on
    return out


def _last_before(events: list[tuple[int, int, str | None]], start: int) -> tuple[int, int, str | None] | None:
    i = bisect_left(events, (start, -1, None))
    return events[i - 1] if i else None
