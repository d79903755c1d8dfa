"""Counts of deals as figures of their own: "made 40 acquisitions", "160 deals"."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pipeline.claims.cues import Cue, phrase_alternation, cue_words
from pipeline.claims.figures import Draft, Figure
from pipeline.claims.sentences import Mention, Sentence, overlaps


@lru_cache(maxsize=None)
def _count_re() -> re.Pattern[str]:
    # a bare number, up to two lower-case words ("40 new acquisitions"), the counted noun
    return re.compile(rf"(?<![\w.,$%£€¥-])(\d{{1,3}}(?:,\d{{3}})+|\d{{1,5}})(?![\w%]|[.,]\d)"
                      rf"((?:\s+[a-z][\w\-]*){{0,2}}?\s+(?:{phrase_alternation(cue_words('count-noun'))}))\b")


# Words between a number and the counted noun that say it counts time ("12 months deals").
_TIME_UNITS = re.compile(r"\b(?:days?|weeks?|months?|quarters?|years?|decades?)\b", re.I)


# A rank word just before a number ("the top 10", "the largest 5"): how far back it may begin.
_RANK_REACH = 12


@lru_cache(maxsize=None)
def _rank_before() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w])(?:{phrase_alternation(cue_words('count-rank'))})\s+$", re.I)


def count_drafts(text: str, sent: Sentence, mentions: list[Mention]) -> list[Draft]:
    """A draft for each deal count of a sentence that no mention holds."""
    taken = [(int(m["start"]), int(m["end"])) for m in mentions]
    out = []
    for m in _count_re().finditer(text, sent.start, sent.end):
        if overlaps(m.span(1), taken) or re.fullmatch(r"(?:19|20)\d\d", m.group(1)):
            continue  # a year before a noun ("2017 acquisitions") is no count
        if _TIME_UNITS.search(m.group(2)) or _rank_before().search(text, max(sent.start, m.start() - _RANK_REACH), m.start()):
            continue  # "the top 10 deals", "the past 12 months deals": a rank or a span
        number = m.group(1)
        count: dict[str, Any] = {"text": number, "start": m.start(1), "end": m.end(1),
                                 "value": float(number.replace(",", ""))}
        fig = Figure({"id": None, "type": "count", "start": m.start(1), "end": m.end(1), "text": number,
                       "value": {"count": count["value"]}}, role="count", metric="deal_count")
        cue = Cue(m.start(2), m.end(2), m.group(2).strip(), "deal_count")
        draft = Draft(metric="deal_count", cue=cue, figures=[fig], count=count)
        out.append(draft)
    return out
