"""The organisations a claim is about, or the place it is scoped to."""
from __future__ import annotations

import re
from typing import Any

from pipeline.claims.attribution import _org_name
from pipeline.claims.cues import _leading, _metric_patterns, _place_patterns, _trailing
from pipeline.claims.sentences import Mention, Span, _overlaps, _previous_sentence, _Sentence

_CLAUSE_BREAK = re.compile(r"[,;:–—]|\b(?:while|whereas|but|and)\b", re.I)
_COORDINATION = re.compile(r"^\s*(?:,\s*(?:and\s+|&\s+)?|and|&|or)\s*$")
_ATTRIBUTIVE = re.compile(r"-(?:backed|owned|funded|led|based|affiliated|linked)\b")  # used with .match
_PARENS = re.compile(r"\([^()]*\)")


def _org_groups(text: str, orgs: list[Mention]) -> list[list[Mention]]:
    """Organisations joined by "and" or commas ("Alibaba and Tencent") act as one."""
    groups: list[list[Mention]] = []
    for o in orgs:
        if groups and _COORDINATION.match(text[int(groups[-1][-1]["end"]):int(o["start"])]):
            groups[-1].append(o)
        else:
            groups.append([o])
    return groups


def _is_object(text: str, sent: _Sentence, o: Mention) -> bool:
    """"using Nvidia chips", "founder of X", "Microsoft-backed OpenAI": not the subject."""
    clause = text[sent.start:int(o["start"])]
    clause = re.split(r"[,;:()]", clause)[-1]
    if _trailing("object-marker").search(clause):
        return True
    return bool(_ATTRIBUTIVE.match(text, int(o["end"])))


def _subject_candidates(
    text: str, sent: _Sentence, orgs: list[Mention], before: int, excluded: set[str]
) -> list[list[Mention]]:
    groups = []
    for g in _org_groups(text, [o for o in orgs if int(o["end"]) <= before]):
        g = [o for o in g if o["id"] not in excluded and _org_name(o) not in excluded]
        if g and not _is_object(text, sent, g[0]):
            groups.append(g)
    return groups


def _breaks(text: str, lo: int, hi: int) -> int:
    return len(_CLAUSE_BREAK.findall(_PARENS.sub("", text[lo:hi])))


def _subjects(
    text: str, sent: _Sentence, orgs: list[Mention], first: int, excluded: set[str]
) -> list[dict[str, Any]]:
    """The organisation in the nearest clause before the figure; within a clause, the first."""
    groups = _subject_candidates(text, sent, orgs, first, excluded)
    if not groups:
        return []
    best = min(groups, key=lambda g: (_breaks(text, int(g[-1]["end"]), first), int(g[0]["start"])))
    return [{"name": _org_name(o), "mention_id": o["id"]} for o in best]


def _inherited_subjects(text: str, sent: _Sentence, orgs_by_span: dict[Span, list[Mention]]) -> list[dict[str, Any]]:
    """"The company also pledged ...", "The net profit is ...": the subject is the first
    organisation of the previous sentence."""
    head = text[sent.start:sent.end]
    metric_head = re.match(r"^[\s\"“]*The\s+(?:[\w\-]+\s+){0,2}?", head)
    starts_with_metric = bool(metric_head) and any(
        p.match(head, metric_head.end()) for _, p in _metric_patterns()
    )
    if not (_leading("subject-anaphor").match(head) or starts_with_metric):
        return []
    prev = _previous_sentence(text, sent.start)
    if prev is None:
        return []
    psent = _Sentence(prev[0], prev[1], text[prev[0]:prev[1]])
    groups = _subject_candidates(text, psent, orgs_by_span.get(prev, []), psent.end, set())
    if not groups:
        return []
    return [{"name": _org_name(o), "mention_id": o["id"], "via": "anaphora"} for o in groups[0]]


def _scope(text: str, sent: _Sentence, blocked: list[Span]) -> str | None:
    """A country or region the sentence is about: "in China" first, else the first named."""
    hits: list[tuple[int, int, str]] = []
    for name, pattern in _place_patterns():
        for m in pattern.finditer(text, sent.start, sent.end):
            if _overlaps(m.span(), blocked):
                continue
            lead = text[max(sent.start, m.start() - 12):m.start()]
            rank = 0 if re.search(r"\b(?:in|across|within|for)\s+(?:the\s+)?$", lead, re.I) else 1
            hits.append((rank, m.start(), name))
    return min(hits)[2] if hits else None
