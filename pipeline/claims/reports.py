"""The report an article is built on.

A story written from one organisation's report names it once or twice ("according
to a Menlo Ventures report", "Menlo's research indicates") and then states its
figures in its own voice, citing "the report" now and then. Those figures are the
report's: a market figure the article states without a source of its own, after the
report is first named, is credited to the report's organisation.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pipeline.claims.attribution import org_name
from pipeline.claims.cues import phrase_alternation, cue_words
from pipeline.claims.sentences import Mention

# An article cites its source this often (by name or as "the report") when it is built on it.
_MIN_REFERENCES = 3
# Title words between an organisation and its report: "Menlo's State of AI in the Enterprise report".
_TITLE = r"(?:\s+(?:[A-Z0-9][\w\-’']*|of|in|the|on|and|for|&)){0,8}?"

# How far the report noun may sit from the organisation: after it, a title of up to
# eight words ("Brookings Institution Global AI Investment Report"); before it, "a
# survey by the" and up to three words.
_TITLE_REACH = 120
_BY_REACH = 60


@lru_cache(maxsize=None)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    nouns = phrase_alternation(cue_words("report"))
    after_org = re.compile(rf"^(?:['’]s?)?{_TITLE}\s+(?:{nouns})\b")  # .match after the organisation
    before_org = re.compile(rf"\b(?:(?:{nouns})\s+(?:by|from)|surveyed\s+by|polled\s+by)\s+(?:the\s+)?(?:[\w\-]+\s+){{0,3}}?$",
                            re.I)  # .search in the text before it
    back = re.compile(rf"\b(?:the|this|its)\s+(?:{nouns})\b", re.I)
    return after_org, before_org, back


def report_source(text: str, orgs: list[Mention]) -> dict[str, Any] | None:
    """The organisation whose report the article is built on, and where it is first named:
    {"source", "mention_id", "start"}; None when no single one is cited often enough."""
    after_org, before_org, back = _patterns()
    cited: dict[str, list[Mention]] = {}
    for o in orgs:
        s, e = int(o["start"]), int(o["end"])
        if after_org.match(text[e:e + _TITLE_REACH]) or before_org.search(text[max(0, s - _BY_REACH):s]):
            cited.setdefault(org_name(o), []).append(o)
    if len(cited) != 1:
        return None
    (name, ms), = cited.items()
    first = min(int(o["start"]) for o in ms)
    references = len(ms) + sum(1 for _ in back.finditer(text, first))
    if references < _MIN_REFERENCES:
        return None
    o = min(ms, key=lambda o: int(o["start"]))
    return {"source": name, "mention_id": o["id"], "cue": "report", "start": first}
