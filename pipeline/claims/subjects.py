"""The organisations a claim is about, or the place it is scoped to."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pipeline.claims.attribution import org_name
from pipeline.claims.cues import vocab_re, leading_cue, metric_start, place_patterns, trailing_cue
from pipeline.claims.sentences import Mention, Sentence, Span, overlaps, sentence_of

_CLAUSE_BREAK = re.compile(r"[,;:–—]|\b(?:while|whereas|but|and)\b", re.I)
_COORDINATION = re.compile(r"^\s*(?:,\s*(?:and\s+|&\s+)?|and|&|or)\s*$")
_ATTRIBUTIVE = re.compile(r"-(?:backed|owned|funded|led|based|affiliated|linked)\b")  # used with .match
_PARENS = re.compile(r"\([^()]*\)")
# "in the ", "across the ", "within the " before a place: how far back they are looked for.
_PLACE_LEAD_REACH = 12
_ABSOLUTE_WITH = re.compile(r"^\s*with\s*$", re.I)
# "It's estimated that ...", "it is expected": an "it" that refers to nothing.
_DUMMY_IT = re.compile(
    r"it(?:['’]s|\s+is|\s+was|\s+has\s+been|\s+had\s+been)\s+(?:[a-z]+ly\s+)?"
    r"(?:estimated|expected|thought|believed|said|reported|likely|unlikely|clear|possible|projected|forecast|hoped)\b",
    re.I,
)


def _org_groups(text: str, orgs: list[Mention]) -> list[list[Mention]]:
    """Organisations joined by "and" or commas ("Alibaba and Tencent") act as one."""
    groups: list[list[Mention]] = []
    for o in orgs:
        if groups and _COORDINATION.match(text[int(groups[-1][-1]["end"]):int(o["start"])]):
            groups[-1].append(o)
        else:
            groups.append([o])
    return groups


def _is_object(text: str, sent: Sentence, o: Mention) -> bool:
    """"using Nvidia chips", "founder of X", "Microsoft-backed OpenAI": not the subject."""
    clause = text[sent.start:int(o["start"])]
    clause = re.split(r"[,;:()]", clause)[-1]
    if _ABSOLUTE_WITH.match(clause):
        return False  # ", with Google holding just 6 percent": the subject of its own clause
    if trailing_cue("object-marker").search(clause):
        return True
    return bool(_ATTRIBUTIVE.match(text, int(o["end"])))


def _subject_candidates(
    text: str, sent: Sentence, orgs: list[Mention], before: int, excluded: set[str]
) -> list[list[Mention]]:
    groups = []
    for g in _org_groups(text, [o for o in orgs if int(o["end"]) <= before]):
        g = [o for o in g if o["id"] not in excluded and org_name(o) not in excluded]
        if g and not _is_object(text, sent, g[0]):
            groups.append(g)
    return groups


# "Microsoft's 15 percent", "Apple's $3 trillion market value": the owner of the figure.
_POSSESSIVE_GAP = re.compile(r"^['’]s?(?:\s+[a-z][\w\-]*){0,3}\s*$")


# "Microsoft, a company worth about $1.7 trillion": an apposition that gives the value.
_APPOSITION_GAP = re.compile(
    r"^,\s+(?:an?|the)\s+(?:[\w\-]+\s+){0,3}?(?:company|firm|group|startup|business|maker|lab)\s+"
    r"(?:now\s+)?(?:worth|valued\s+at)\s+(?:(?:about|around|some|nearly|almost|roughly|over|more\s+than)\s+)?$")


def owner_org(text: str, sent: Sentence, orgs: list[Mention], first: int, excluded: set[str]) -> Mention | None:
    for o in orgs:
        gap = text[int(o["end"]):first]
        if int(o["end"]) <= first and o["id"] not in excluded and (
                _POSSESSIVE_GAP.match(gap) or _APPOSITION_GAP.match(gap)):
            return o
    return None


def _breaks(text: str, lo: int, hi: int) -> int:
    return len(_CLAUSE_BREAK.findall(_PARENS.sub("", text[lo:hi])))


def find_subjects(
    text: str, sent: Sentence, orgs: list[Mention], first: int, excluded: set[str]
) -> list[dict[str, Any]]:
    """The organisation in the nearest clause before the figure; within a clause, the first."""
    groups = _subject_candidates(text, sent, orgs, first, excluded)
    owner = owner_org(text, sent, orgs, first, excluded)
    if owner is not None:
        return [{"name": org_name(owner), "mention_id": owner["id"]}]
    if not groups:
        return []
    best = min(groups, key=lambda g: (_breaks(text, int(g[-1]["end"]), first), int(g[0]["start"])))
    return [{"name": org_name(o), "mention_id": o["id"]} for o in best]


def inherited_subjects(text: str, sent: Sentence, orgs_by_span: dict[Span, list[Mention]]) -> list[dict[str, Any]]:
    """"The company also pledged ...", "The net profit is ...": the subject is the first
    organisation of the nearest sentence before that names one."""
    head = text[sent.start:sent.end]
    # "The net profit is ...", "The $28 million funding round was led by ...": the figure may stand first
    metric_head = re.match(r"^[\s\"“]*The\s+(?:[$€£¥]?\d[\d.,]*\s*(?:[mb]n|million|billion|trillion)?\s+)?"
                           r"(?:[\w\-]+\s+){0,2}?", head)
    starts_with_metric = bool(metric_head) and bool(metric_start().match(head, metric_head.end()))
    if not (leading_cue("subject-anaphor").match(head) or starts_with_metric):
        return []
    if _DUMMY_IT.match(head.lstrip(" \"“")):
        return []  # "It's estimated that ...": an "it" that refers to nothing
    return _subjects_before(text, sent, orgs_by_span)


# Metrics of a market, sector or economy: their figures have no organisation as subject
# ("the trade deficit widened to $56bn, the Commerce Department said").
SUBJECTLESS = frozenset({"trade", "economic_growth", "market_size"})
# How far back an organisation is looked for when a sentence says "the company" or "it".
_LOOKBACK_SENTENCES = 4
_LOOKBACK_CHARS = 1500


@lru_cache(maxsize=256)
def earlier_sentences(text: str, start: int) -> tuple[Span, ...]:
    """The sentences before `start`, nearest first, across paragraphs, within reach;
    found once per sentence, not once per figure (the text's hash is kept by the str)."""
    out: list[Span] = []
    p = start
    while len(out) < _LOOKBACK_SENTENCES:
        while p > 0 and text[p - 1].isspace():
            p -= 1
        if p == 0 or start - p > _LOOKBACK_CHARS:
            break
        lo, hi = sentence_of(text, {"start": p - 1, "end": p - 1})
        if lo >= p:
            break
        out.append((lo, hi))
        p = lo
    return tuple(out)


def carried_subjects(
    text: str, sent: Sentence, first: int, orgs_by_span: dict[Span, list[Mention]]
) -> list[dict[str, Any]]:
    """"Henderson said the company's 1987 results ...", "It paid dividends of ...": the
    sentence refers back, before its figure, to an organisation named earlier; the
    subject is the first organisation of the nearest sentence before that names one."""
    if not any(not _DUMMY_IT.match(text, a.start(), first)
               for a in vocab_re("subject-anaphor").finditer(text, sent.start, first)):
        return []
    return _subjects_before(text, sent, orgs_by_span)


def _subjects_before(text: str, sent: Sentence, orgs_by_span: dict[Span, list[Mention]]) -> list[dict[str, Any]]:
    """The first organisations of the nearest sentence before `sent` that names one (a
    page's furniture may come between), as the subject a sentence refers back to."""
    for span in earlier_sentences(text, sent.start):
        psent = Sentence(span[0], span[1], text[span[0]:span[1]])
        groups = _subject_candidates(text, psent, orgs_by_span.get(span, []), psent.end, set())
        if groups:
            return [{"name": org_name(o), "mention_id": o["id"], "via": "anaphora"} for o in groups[0]]
    return []


# Metrics of a transaction with another side: a round's investors, the company
# bought or invested in; a share of the total only when it is a stake.
_TRANSACTIONS = frozenset({"funding", "investment", "acquisition", "valuation"})
_STAKE = re.compile(r"stake|interest|shareholder|shareholding|holding", re.I)
# Clauses of one sentence that tell of something else: "...; Allied has improved ...".
_OTHER_CLAUSE = re.compile(r";|\b(?:while|whereas|but)\b", re.I)


def counterparties(
    text: str, sent: Sentence, orgs: list[Mention], metric: str | None, cue: str | None,
    subjects: list[dict[str, Any]], excluded: set[str], span: Span,
) -> list[dict[str, Any]]:
    """The other organisations of the figure's clause in a transaction: "led by Addition,
    with participation from Madrona", "invested $1 billion in OpenAI", "bought Glidden
    for 580 mln dlrs from a unit of Hanson Industries"."""
    if metric not in _TRANSACTIONS and not (metric == "share_of_total" and cue and _STAKE.search(cue)):
        return []
    lo, hi = sent.start, sent.end
    for b in _OTHER_CLAUSE.finditer(text, sent.start, sent.end):
        if b.end() <= span[0]:
            lo = b.end()
        elif b.start() >= span[1]:
            hi = b.start()
            break
    # Before the figure, only its own clause ("when it bought Cruise for $600 million",
    # not "to match Waymo, ..."); after it, the lists of investors that follow.
    clause = text.rfind(",", lo, span[0])
    lo = max(lo, clause + 1)
    by_id = {o["id"]: o for o in orgs}
    for s in subjects:  # the other side comes after the subject ("GM ... bought Cruise")
        if s["mention_id"] in by_id and int(by_id[s["mention_id"]]["end"]) <= span[0]:
            lo = max(lo, int(by_id[s["mention_id"]]["end"]))
    taken = {s["mention_id"] for s in subjects} | excluded
    names = [s["name"].casefold() for s in subjects] + [x.casefold() for x in excluded]
    out: list[dict[str, Any]] = []
    for o in orgs:
        name = org_name(o)
        if not (lo <= int(o["start"]) and int(o["end"]) <= hi) or o["id"] in taken:
            continue
        if any(name.casefold().startswith(n) or n.startswith(name.casefold()) for n in names):
            continue  # the subject again, or a fund of it ("Softbank" and its "SoftBank Vision Fund")
        if name not in [c["name"] for c in out] and not _ATTRIBUTIVE.match(text, int(o["end"])):
            out.append({"name": name, "mention_id": o["id"]})
    return out


def find_scope(text: str, sent: Sentence, blocked: list[Span]) -> str | None:
    """A country or region the sentence is about: "in China" first, else the first named."""
    hits: list[tuple[int, int, str]] = []
    for name, pattern in place_patterns():
        for m in pattern.finditer(text, sent.start, sent.end):
            if overlaps(m.span(), blocked):
                continue
            lead = text[max(sent.start, m.start() - _PLACE_LEAD_REACH):m.start()]
            rank = 0 if re.search(r"\b(?:in|across|within|for)\s+(?:the\s+)?$", lead, re.I) else 1
            hits.append((rank, m.start(), name))
    return min(hits)[2] if hits else None
