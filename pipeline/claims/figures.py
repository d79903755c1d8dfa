"""The money and percent figures of a sentence: their roles, and the conversions,
restatements and baselines that attach to another figure."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.claims.cues import (
    LOWER_WORDS,
    Cue,
    direction_verbs,
    money_change_patterns,
    trailing_cue,
)
from pipeline.claims.sentences import Mention, Sentence

# Between a figure and a stated conversion or restatement of it.
_CONVERSION_GAP = re.compile(
    r"^\s*(?:\(\s*(?:(?:approximately|approx\.|about|around|roughly|some|nearly|or|~|equivalent\s+to|equal\s+to)\s*)?"
    r"|,?\s*or\s+(?:(?:approximately|about|around|roughly|some)\s+)?)$",
    re.I,
)
_RESTATED_GAP = re.compile(r"^\s*\(\s*$")
# Between two comparison bases of one figure: "... in the September quarter and 2.454 a year earlier".
_BASE_LIST = re.compile(r"[^.;:()]{0,60}?(?:,\s*)?\band\s+$", re.I)  # used with .match between the two
SHARE_OF = re.compile(r"\s*\)?\s*of\b", re.I)  # used with .match at a position
# How far before a figure the words that say which way it moved may begin ("fell
# sharply by", "was down from"): a verb, an adverb and a preposition fit in this.
_VERB_REACH = 40
# How far before a figure the cue that makes it a comparison base may begin
# ("compared with", "up from", "against").
_BASE_CUE_REACH = 30


@dataclass
class Figure:
    """A money or percent mention and what it is doing in its sentence."""

    m: Mention
    role: str = "amount"  # amount, change, share, level
    metric: str | None = None
    cue: Cue | None = None
    direction: str | None = None  # for a money amount that is a change
    converted: Mention | None = None
    restated: list[Mention] = field(default_factory=list)
    baseline: "Figure | None" = None
    baseline_direction: str | None = None
    attached: bool = False  # a conversion, restatement or baseline of another figure

    @property
    def start(self) -> int:
        return int(self.m["start"])

    @property
    def end(self) -> int:
        return int(self.m["end"])


@dataclass
class Draft:
    """A claim being put together from figures of one sentence."""

    amount: Figure | None = None
    change: Figure | None = None
    metric: str | None = None
    cue: Cue | None = None
    figures: list[Figure] = field(default_factory=list)
    count: dict | None = None  # a deal count that is the claim's only figure

    @property
    def first(self) -> int:
        return min(f.start for f in self.figures)

    @property
    def last_end(self) -> int:
        return max(f.end for f in self.figures)

    def put(self, slot: str, fig: Figure) -> None:
        setattr(self, slot, fig)
        self.figures.append(fig)
        if self.metric is None and fig.metric is not None:
            self.metric, self.cue = fig.metric, fig.cue


def _percent_role(text: str, m: Mention, sent: Sentence) -> str:
    v = m.get("value") or {}
    if v.get("direction") or v.get("basis"):
        return "change"
    return "share" if SHARE_OF.match(text, int(m["end"]), sent.end) else "level"


def _money_direction(text: str, m: Mention, sent: Sentence) -> str | None:
    before = text[max(sent.start, int(m["start"]) - _VERB_REACH):int(m["start"])]
    for direction, pattern in money_change_patterns():
        if pattern.search(before):
            return direction
    return None


def find_figures(text: str, sent: Sentence, mentions: list[Mention]) -> list[Figure]:
    figs = []
    for m in mentions:
        if m["type"] == "percent":
            figs.append(Figure(m, role=_percent_role(text, m, sent)))
        elif m["type"] == "money":
            direction = _money_direction(text, m, sent)
            figs.append(Figure(m, role="change" if direction else "amount", direction=direction))
    return figs


def pair_restatements(text: str, figs: list[Figure]) -> None:
    """"$2 billion (approximately 14.25 billion yuan)": a conversion; "nearly 15% (14.46%)":
    a restatement. Both belong to the figure before them."""
    for prev, fig in zip(figs, figs[1:]):
        if prev.attached or prev.m["type"] != fig.m["type"]:
            continue
        gap = text[prev.end:fig.start]
        pv, fv = prev.m.get("value") or {}, fig.m.get("value") or {}
        if fig.m["type"] == "money" and pv.get("currency") != fv.get("currency") and _CONVERSION_GAP.match(gap):
            prev.converted, fig.attached = fig.m, True
        elif _RESTATED_GAP.match(gap) and pv.get("currency") == fv.get("currency"):
            prev.restated.append(fig.m)
            fig.attached = True


def _is_range(m: Mention) -> bool:
    v = m.get("value") or {}
    return v.get("low") is not None and v.get("high") is not None


def pair_baselines(text: str, sent: Sentence, figs: list[Figure]) -> None:
    """"from $3.2 billion in 2024 to $140 billion": the first is where the second started;
    "$10 million, ... from $3 million": the same, the other way round."""
    baseline = trailing_cue("baseline")
    bases: set[int] = set()
    for i, fig in enumerate(figs):
        if fig.attached or _is_range(fig.m):
            continue
        if i and id(figs[i - 1]) in bases and figs[i - 1].m["type"] == fig.m["type"] \
                and _BASE_LIST.match(text, figs[i - 1].end, fig.start):
            fig.attached = True  # "against 2.883 billion in the September quarter and 2.454 a year earlier"
            bases.add(id(fig))
            continue
        before = text[max(sent.start, fig.start - _BASE_CUE_REACH):fig.start]
        cue = baseline.search(before)
        if not cue or re.search(r"rang\w*\s+from\s*$|between\s*$", before, re.I):
            continue
        if re.search(r"\b[A-Z]", before[cue.start():].split(None, 1)[-1]) and " " in before[cue.start():].strip():
            continue  # "compared to Microsoft's 15 percent": another company's figure, not a base

        partner = _to_partner(text, figs, i) or _earlier_partner(figs, i)
        if partner is None:
            if any(id(f) in bases for f in figs[:i]):
                fig.attached = True  # "from 738 mln for the September quarter and from 733 mln a year earlier"
                bases.add(id(fig))
            continue
        partner.baseline, fig.attached = fig, True
        bases.add(id(fig))
        partner.baseline_direction = _verb_direction(text[max(sent.start, fig.start - _VERB_REACH):fig.start])


def _to_partner(text: str, figs: list[Figure], i: int) -> Figure | None:
    for later in figs[i + 1:]:
        if later.attached or later.m["type"] != figs[i].m["type"]:
            continue
        gap = text[figs[i].end:later.start]
        if len(gap) <= 40 and re.search(r"\bto" + LOWER_WORDS + r"\s*$", gap) and not re.search(r"[;,]", gap):
            return later
        return None
    return None


def _earlier_partner(figs: list[Figure], i: int) -> Figure | None:
    for earlier in reversed(figs[:i]):
        if not earlier.attached and earlier.m["type"] == figs[i].m["type"] and earlier.baseline is None:
            return earlier
    return None


def _verb_direction(before_from: str) -> str | None:
    # "revised the rate of growth down from 5.9%": the particle says which way, whatever
    # verb or noun ("growth") comes before it.
    particle = re.search(r"(?<![\w])(up|down)\s+from" + LOWER_WORDS + r"\s*$", before_from, re.I)
    if particle:
        return "increase" if particle.group(1).lower() == "up" else "decrease"
    stem = re.sub(r"(?:up\s+|down\s+)?from" + LOWER_WORDS + r"\s*$", "", before_from, flags=re.I)
    for direction, pattern in direction_verbs():
        if pattern.search(stem + " "):
            return direction
    return None
