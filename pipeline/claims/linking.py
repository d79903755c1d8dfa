"""Splitting a sentence into claims: metric cues for each figure, figures grouped into
drafts, and the period and bare count of each draft."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pipeline.claims.cues import (
    Cue,
    phrase_alternation,
    cue_key,
    cue_words,
    head_words,
    into_words,
    leading_cue,
    metric_labels,
    metric_scanner,
    scan,
    trailing_cue,
)
from pipeline.claims.figures import Draft, Figure
from pipeline.claims.sentences import Mention, Sentence, Span, overlaps

# How far a metric cue may sit from its figure. Cues before a figure are the
# usual English order ("revenue of $5 billion"), so cues after it count extra.
_BEFORE_WINDOW = 120
_AFTER_WINDOW = 60
_AFTER_PENALTY = 1.5
# A date right after a figure belongs to it: "$3.2 billion in 2024", "43% by 2030".
_DATE_BINDING_GAP = re.compile(r"^\s*\)?\s*(?:in|by|for|as\s+of|at\s+the\s+end\s+of|during|through|until)?\s*$", re.I)
# A date after the figures belongs to them only within their clause: not "$2.25 billion
# in Cruise, the arm of GM tasked with ... in 2019", nor "(which Seismic acquired in August)".
_AFTER_BREAK = re.compile(r"[,;:()\[\]–—]")
# "Thu 5 Oct 2023 07.19 EDT": a date with a clock time is the page's dateline, the
# time of publishing, not the period of any figure after it.
_DATELINE_TIME = re.compile(r"[\s,]+\d{1,2}[.:]\d{2}(?:\s*[ap]\.?m\.?)?\s+(?:[A-Z]{2,5}|[ap]\.?m\.?)\b")
# The cue just before a date that makes it no period of the figure ("compared with",
# "which was founded in"): the cue phrase and a word or two fit in this many characters.
_DATE_CUE_REACH = 30
# A report named after its date ("A 2017 Brookings Institution report"): up to four
# capitalised words and the report noun.
_REPORT_NAME_REACH = 80
_SEGMENT_BREAK = re.compile(r";|\b(?:while|whereas)\b", re.I)
_BARE_NUMBER = re.compile(r"(?<![\w.,$%])(\d{1,3}(?:,\d{3})+|\d+)(?![\w%]|[.,]\d|\s*(?:percent|per cent))")


# -------------------------------------------------------------------- metrics


def metric_cues(text: str, sent: Sentence, blocked: list[Span]) -> list[Cue]:
    found = []
    labels = metric_labels()
    reach: dict[str, int] = {}  # a shorter word inside a longer one of the same metric is no new cue
    for start, end, word in scan(metric_scanner(), text, sent.start, sent.end):
        metric = labels[cue_key(word)]
        if start < reach.get(metric, -1) or overlaps((start, end), blocked):
            continue
        reach[metric] = end
        found.append(Cue(start, end, word, metric))
    return found


# A head noun ("market") and its figure: "the market is worth about $5bn", "a sector
# that could be worth $5bn", or "a $5bn AI chip market" (a few modifiers, no preposition
# between): only verbs of being, measuring and forecasting come between.
_HEAD_BEFORE = re.compile(
    r"^(?:\s*(?:that['’]s|that|which|is|was|are|were|be|been|being|of|worth|at|to|reached|reaches|reach|hit|hits|"
    r"totalled|totaled|totals|stood|stands|valued|estimated|put|forecast|expected|projected|predicted|set|seen|"
    r"could|will|would|may|might|should|now|already|about|around|some|nearly|almost|roughly|over|more|than)\b)*"
    r"\s*$", re.I)
_HEAD_AFTER = re.compile(
    r"^(?:\s+(?!(?:to|the|a|an|in|of|for|from|and|or|on|by|with|into|across|its|their|his|her)\b)[\w\-]+){0,3}\s+$")


_INTO = re.compile(r"\s+into\b")


def _heads(text: str, fig: Figure, cue: Cue) -> bool:
    """Whether a head-noun cue is the noun the figure measures."""
    if cue.end <= fig.start:
        return bool(_HEAD_BEFORE.match(text[cue.end:fig.start]))
    return bool(_HEAD_AFTER.match(text[fig.end:cue.start]))


def _nearest_cue(fig: Figure, cues: list[Cue], stop: int, text: str) -> Cue | None:
    """The metric cue closest to a figure (before it, or after it up to the next figure)."""
    best: tuple[float, int, Cue] | None = None
    heads, into = head_words(), into_words()
    for cue in cues:
        if cue_key(cue.text) in heads and not _heads(text, fig, cue):
            continue
        if cue_key(cue.text) in into and not (cue.end <= fig.start and _INTO.match(text, fig.end)):
            continue
        if cue.end <= fig.start and fig.start - cue.end <= _BEFORE_WINDOW:
            score = float(fig.start - cue.end)
        elif cue.start >= fig.end and cue.start - fig.end <= _AFTER_WINDOW and cue.end <= stop:
            score = (cue.start - fig.end) * _AFTER_PENALTY
        else:
            continue
        key = (score, -(cue.end - cue.start), cue)
        if best is None or key[:2] < best[:2]:
            best = key
    return best[2] if best else None


# "deals worth $5 billion", "$5 billion in deals": the money is what the deals are worth.
_DEAL_VALUE_BEFORE = re.compile(r"^\s*(?:worth|valued\s+at|totall?ing|with\s+a\s+(?:total\s+)?value\s+of)\s*$", re.I)
_DEAL_VALUE_AFTER = re.compile(r"^\s*(?:in|of|across)\s+(?:[a-z][\w\-]*\s+){0,2}$")


def _deal_value(text: str, fig: Figure, cues: list[Cue]) -> Cue | None:
    """A money amount whose only cue is a deal noun right beside it: the value of those
    deals, a figure of metric "other" (a count of them is a claim of its own)."""
    for c in cues:
        if c.label == "deal_count" and (
                (c.end <= fig.start and _DEAL_VALUE_BEFORE.match(text[c.end:fig.start]))
                or (c.start >= fig.end and _DEAL_VALUE_AFTER.match(text[fig.end:c.start]))):
            return Cue(c.start, c.end, c.text, "other")
    return None


# Metrics an amount per share can have; any other cue before it makes it earnings per share.
_PER_SHARE_METRICS = ("dividend", "share_price", "earnings_per_share")


def assign_metrics(text: str, figs: list[Figure], cues: list[Cue], sent: Sentence) -> None:
    """Levels only take share cues ("9% report gains in profit" is no profit figure);
    amounts and changes take every other cue."""
    main = [f for f in figs if not f.attached]
    for i, fig in enumerate(main):
        stop = main[i + 1].start if i + 1 < len(main) else sent.end
        if fig.role in ("share", "level"):
            pool = [c for c in cues if c.label == "share_of_total"]
        else:  # an amount of money is never a count of deals
            pool = [c for c in cues if c.label != "share_of_total"
                    and not (c.label == "deal_count" and fig.m["type"] == "money")]
        if fig.m["type"] == "money" and leading_cue("per-share").match(text, fig.end, sent.end):
            # "income of 888 mln dlrs or 5.45 dlrs per ADR on sales of ...": what comes
            # after an amount per share is another figure's cue.
            fig.cue = _nearest_cue(fig, pool, fig.start, text)
            if fig.cue is not None and fig.cue.label not in _PER_SHARE_METRICS:
                fig.cue = Cue(fig.cue.start, fig.cue.end, fig.cue.text, "earnings_per_share")
            fig.metric = fig.cue.label if fig.cue else "earnings_per_share"
            continue
        fig.cue = _nearest_cue(fig, pool, stop, text)
        if fig.cue is None and fig.m["type"] == "money":
            fig.cue = _deal_value(text, fig, cues)
        if fig.role == "share":
            fig.metric = "share_of_total"
        elif fig.cue is not None:
            fig.metric = fig.cue.label
            if fig.role == "level":
                fig.role = "share"


# ------------------------------------------------------------------- grouping


def _blocked(text: str, draft: Draft, fig: Figure, orgs: list[Mention]) -> bool:
    """A figure starts a claim of its own when something new comes between it and the
    draft: a clause break, another organisation, or a cue for a different metric."""
    gap_lo, gap_hi = min(draft.last_end, fig.start), max(draft.last_end, fig.start)
    if _SEGMENT_BREAK.search(text, gap_lo, gap_hi):
        return True
    if any(gap_lo <= int(o["start"]) < gap_hi for o in orgs):
        return True
    if fig.metric and draft.metric and fig.metric != draft.metric:
        return fig.cue is not None and fig.cue.start >= draft.last_end
    return False


def group_figures(text: str, figs: list[Figure], orgs: list[Mention]) -> list[Draft]:
    drafts: list[Draft] = []
    current: Draft | None = None
    for fig in figs:
        if fig.attached:
            continue
        if fig.role in ("share", "level"):
            alone = Draft()
            alone.put("amount", fig)
            drafts.append(alone)
            continue
        slot = "amount" if fig.role == "amount" else "change"
        if current is not None and getattr(current, slot) is None and not _blocked(text, current, fig, orgs):
            current.put(slot, fig)
            continue
        current = Draft()
        current.put(slot, fig)
        drafts.append(current)
    for d in drafts:
        d.figures.sort(key=lambda f: f.start)
    return drafts


# ---------------------------------------------------------------- period etc.


def _is_comparison_date(text: str, sent: Sentence, d: Mention) -> bool:
    """"compared with the same period last year" names the base, not the claim's period."""
    before = text[max(sent.start, int(d["start"]) - _DATE_CUE_REACH):int(d["start"])]
    return bool(trailing_cue("period-baseline").search(before)) or bool(
        re.match(r"(?:the\s+)?same\s+period", d["text"], re.I)
    )


@lru_cache(maxsize=None)
def _report_after() -> re.Pattern[str]:
    return re.compile(rf"(?:\s+[A-Z][\w\-&’']*){{0,4}}\s+(?:{phrase_alternation(cue_words('report'))})\b")


def _dates_an_event(text: str, sent: Sentence, d: Mention) -> bool:
    """"Eero, which was founded in 2014, attracted $90 million": the date of another
    event (a founding), never the period of a figure."""
    return bool(trailing_cue("period-event").search(text, max(sent.start, int(d["start"]) - _DATE_CUE_REACH), int(d["start"])))


def _dates_a_report(text: str, d: Mention) -> bool:
    """"A 2017 Brookings Institution report tallied up 160 deals": the report's date."""
    return bool(_report_after().match(text, int(d["end"]), int(d["end"]) + _REPORT_NAME_REACH))


def _bound_figure(text: str, d: Mention, figs: list[Figure]) -> Figure | None:
    for f in figs:
        gap = text[f.end:int(d["start"])]
        if f.end <= int(d["start"]) and len(gap) <= 25 and _DATE_BINDING_GAP.match(gap):
            return f
    return None


def claim_period(text: str, sent: Sentence, draft: Draft, dates: list[Mention], figs: list[Figure]) -> Mention | None:
    """A date right after one of the claim's figures; else the nearest free date before
    them; else a free date after them that is not a mere day (a dateline)."""
    free: list[Mention] = []
    # A date after "$671.7bn (£484bn)" binds to the conversion, and so to its figure.
    held = {id(m) for f in draft.figures for m in ([f.converted] if f.converted else []) + f.restated}
    own = {id(f) for f in draft.figures} | {id(f) for f in figs if id(f.m) in held}
    for d in dates:
        if _is_comparison_date(text, sent, d) or _dates_a_report(text, d) or _dates_an_event(text, sent, d) \
                or _DATELINE_TIME.match(text, int(d["end"])):
            continue
        bound = _bound_figure(text, d, figs)
        if bound is None:
            free.append(d)
        elif id(bound) in own:
            return d
    # "(as of last Thursday)" only qualifies another date; prefer dates outside brackets.
    before = [d for d in free if int(d["end"]) <= draft.first]
    before.sort(key=lambda d: (not _in_parens(text, sent, d), int(d["start"])))
    if before:
        return before[-1]
    after = [d for d in free if int(d["start"]) >= draft.last_end and not _is_day(d)
             and not _AFTER_BREAK.search(text, draft.last_end, int(d["start"]))
             and not any(draft.last_end <= f.start < int(d["start"]) for f in figs)]
    return after[0] if after else None


def _is_day(d: Mention) -> bool:
    return (d.get("value") or {}).get("granularity") in ("day", "week")


def _in_parens(text: str, sent: Sentence, m: Mention) -> bool:
    before = text[sent.start:int(m["start"])]
    return before.count("(") > before.count(")")


def bare_count(text: str, sent: Sentence, draft: Draft, blocked: list[Span]) -> dict[str, Any] | None:
    """"the number of deals ... was about 232": a bare count has no mention of its own."""
    if draft.count is not None:
        return draft.count
    if draft.metric != "deal_count" or draft.amount is not None:
        return None
    lo = draft.cue.end if draft.cue and draft.cue.end <= draft.first else sent.start
    for m in _BARE_NUMBER.finditer(text, lo, draft.first):
        if not overlaps(m.span(), blocked):
            number = m.group(1)
            return {"text": number, "start": m.start(1), "end": m.end(1), "value": float(number.replace(",", ""))}
    return None
