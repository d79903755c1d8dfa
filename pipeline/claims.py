"""Link the mentions of one sentence into claims: who, what metric, how much, what
change, when, according to whom, and how firmly it is stated.

Pure Python over mention dicts (as in mentions.jsonl) and the document text; no
spaCy. Vocabulary is data in patterns/claim_cues.jsonl; the grammar is here.
Every figure a claim carries is a mention id, so it leads back to exact offsets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

from pipeline.crosscheck import cross_check, find_stated_rates
from pipeline.normalize.text import sentence_bounds
from pipeline.resources import load_jsonl

__all__ = ["build_claims", "cross_check"]

Mention = dict[str, Any]
Span = tuple[int, int]

# How far a metric cue may sit from its figure. Cues before a figure are the
# usual English order ("revenue of $5 billion"), so cues after it count extra.
_BEFORE_WINDOW = 120
_AFTER_WINDOW = 60
_AFTER_PENALTY = 1.5
# Words between an attribution cue and its organisation ("according to market
# research firm PitchBook"): a short descriptor, never across a comma.
_DESCRIPTOR = re.compile(r"^[\w\s\-’'.&]{0,60}$")
_AFTER_GAP = re.compile(r"^(?:['’]s?)?(?:\s*\([^()]*\))?(?:\s+[a-z]+ly)?\s*$")
# Between a figure and a stated conversion or restatement of it.
_CONVERSION_GAP = re.compile(
    r"^\s*(?:\(\s*(?:(?:approximately|approx\.|about|around|roughly|some|nearly|or|~|equivalent\s+to|equal\s+to)\s*)?"
    r"|,?\s*or\s+(?:(?:approximately|about|around|roughly|some)\s+)?)$",
    re.I,
)
_RESTATED_GAP = re.compile(r"^\s*\(\s*$")
# A date right after a figure belongs to it: "$3.2 billion in 2024", "43% by 2030".
_DATE_BINDING_GAP = re.compile(r"^\s*\)?\s*(?:in|by|for|as\s+of|at\s+the\s+end\s+of|during|through|until)?\s*$", re.I)
_CLAUSE_BREAK = re.compile(r"[,;:–—]|\b(?:while|whereas|but|and)\b", re.I)
_SEGMENT_BREAK = re.compile(r";|\b(?:while|whereas)\b", re.I)
_COORDINATION = re.compile(r"^\s*(?:,\s*(?:and\s+|&\s+)?|and|&|or)\s*$")
_ATTRIBUTIVE = re.compile(r"-(?:backed|owned|funded|led|based|affiliated|linked)\b")  # used with .match
_PARENS = re.compile(r"\([^()]*\)")
_SHARE_OF = re.compile(r"\s*\)?\s*of\b", re.I)  # used with .match at a position
_BARE_NUMBER = re.compile(r"(?<![\w.,$%])(\d{1,3}(?:,\d{3})+|\d+)(?![\w%]|[.,]\d|\s*(?:percent|per cent))")
_LOWER_WORDS = r"(?:\s+[a-z][\w\-’']*){0,2}"
_NAME_BEFORE = re.compile(r"((?:[A-Z][\w\-’'.]*\s+){0,3}[A-Z][\w\-’'.]*)\s*$")
_PRONOUNS = {"It", "He", "She", "They", "We", "I", "This", "That", "The", "Its", "Their"}
_PHRASE_AFTER = re.compile(r"^\s*((?:[\w\-’'.&]+\s*){1,6}?)(?=\s*(?:[,.;:()]|\bthat\b|\bwho\b|$))")


# ------------------------------------------------------------------ vocabulary


def _cues(kind: str) -> list[dict[str, Any]]:
    return [e for e in load_jsonl("claim_cues.jsonl") if e.get("kind") == kind]


def _words(kind: str) -> list[str]:
    return [w for e in _cues(kind) for w in e.get("words", [])]


def _alternation(words: Iterable[str]) -> str:
    """Longest first, so "stock price" wins over "stock"; any run of spaces inside a phrase."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def _words_re(words: Iterable[str], case_sensitive: bool = False) -> re.Pattern[str]:
    """Any of `words` as whole words."""
    return re.compile(rf"(?<![\w$])(?:{_alternation(words)})(?![\w$])", 0 if case_sensitive else re.I)


@dataclass(frozen=True)
class _Cue:
    start: int
    end: int
    text: str
    label: str  # the metric it names


@lru_cache(maxsize=None)
def _metric_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = [(e["metric"], _words_re(e["words"])) for e in _cues("metric")]
    out.append(("share_of_total", _words_re(_words("share"))))
    return tuple(out)


@lru_cache(maxsize=None)
def _vocab(kind: str) -> re.Pattern[str]:
    return _words_re(_words(kind))


@lru_cache(maxsize=None)
def _attribution_patterns() -> tuple[tuple[str, bool, re.Pattern[str]], ...]:
    return tuple((e["position"], bool(e.get("speech")), _words_re(e["words"])) for e in _cues("attribution"))


@lru_cache(maxsize=None)
def _hedge_patterns() -> tuple[re.Pattern[str], ...]:
    # One pattern per cue: "is expected to" holds both "is expected" and "expected to".
    return tuple(_words_re([w], bool(e.get("case_sensitive"))) for e in _cues("hedge") for w in e["words"])


@lru_cache(maxsize=None)
def _place_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((e["name"], _words_re(e["aliases"], case_sensitive=True)) for e in _cues("place"))


@lru_cache(maxsize=None)
def _money_change_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (e["direction"], re.compile(rf"(?<![\w])(?:{_alternation(e['words'])}){_LOWER_WORDS}\s*$", re.I))
        for e in _cues("money-change")
    )


@lru_cache(maxsize=None)
def _trailing(kind: str) -> re.Pattern[str]:
    """A vocabulary word (plus up to two lower-case words) right at the end of a gap."""
    return re.compile(rf"(?<![\w])(?:{_alternation(_words(kind))}){_LOWER_WORDS}\s*$", re.I)


@lru_cache(maxsize=None)
def _leading(kind: str) -> re.Pattern[str]:
    """A vocabulary word at the start of a sentence."""
    return re.compile(rf"[\s\"“‘'(]*(?:{_alternation(_words(kind))})(?![\w])", re.I)  # used with .match


@lru_cache(maxsize=None)
def _direction_verbs() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Verbs right before "from" that say which way a from/to pair should go."""
    out = []
    for e in load_jsonl("percent_cues.jsonl"):
        if e.get("direction") in ("increase", "decrease"):
            verbs = _alternation(e["words"])
            out.append((e["direction"], re.compile(rf"(?<![\w])(?:{verbs})\s+(?:up\s+|down\s+)?$", re.I)))
    return tuple(out)


# ---------------------------------------------------------------- small parts


@dataclass
class _Figure:
    """A money or percent mention and what it is doing in its sentence."""

    m: Mention
    role: str = "amount"  # amount, change, share, level
    metric: str | None = None
    cue: _Cue | None = None
    direction: str | None = None  # for a money amount that is a change
    converted: Mention | None = None
    restated: list[Mention] = field(default_factory=list)
    baseline: "_Figure | None" = None
    baseline_direction: str | None = None
    attached: bool = False  # a conversion, restatement or baseline of another figure

    @property
    def start(self) -> int:
        return int(self.m["start"])

    @property
    def end(self) -> int:
        return int(self.m["end"])


@dataclass
class _Draft:
    """A claim being put together from figures of one sentence."""

    amount: _Figure | None = None
    change: _Figure | None = None
    metric: str | None = None
    cue: _Cue | None = None
    figures: list[_Figure] = field(default_factory=list)

    @property
    def first(self) -> int:
        return min(f.start for f in self.figures)

    @property
    def last_end(self) -> int:
        return max(f.end for f in self.figures)

    def put(self, slot: str, fig: _Figure) -> None:
        setattr(self, slot, fig)
        self.figures.append(fig)
        if self.metric is None and fig.metric is not None:
            self.metric, self.cue = fig.metric, fig.cue


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


def _cites(text: str, m: Mention) -> bool:
    """Only mentions whose offsets slice the text exactly can be cited."""
    try:
        return text[int(m["start"]):int(m["end"])] == m["text"]
    except (KeyError, TypeError, ValueError):
        return False


def _overlaps(a: Span, spans: Iterable[Span]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _sentence_of(text: str, m: Mention) -> Span:
    return sentence_bounds(text, int(m["start"]), int(m["end"]))


def _previous_sentence(text: str, start: int) -> Span | None:
    p = start
    while p > 0 and text[p - 1].isspace():
        p -= 1
    if p == 0 or "\n" in text[p:start]:
        return None  # a new paragraph or line starts afresh
    return sentence_bounds(text, p - 1, p - 1)  # an empty span at the final stop: that sentence, not the next


def _ref(m: Mention) -> dict[str, Any]:
    return {"mention_id": m["id"], "type": m["type"], "value": dict(m.get("value") or {})}


# -------------------------------------------------------------------- figures


def _percent_role(text: str, m: Mention, sent: _Sentence) -> str:
    v = m.get("value") or {}
    if v.get("direction") or v.get("basis"):
        return "change"
    return "share" if _SHARE_OF.match(text, int(m["end"]), sent.end) else "level"


def _money_direction(text: str, m: Mention, sent: _Sentence) -> str | None:
    before = text[max(sent.start, int(m["start"]) - 40):int(m["start"])]
    for direction, pattern in _money_change_patterns():
        if pattern.search(before):
            return direction
    return None


def _figures(text: str, sent: _Sentence, mentions: list[Mention]) -> list[_Figure]:
    figs = []
    for m in mentions:
        if m["type"] == "percent":
            figs.append(_Figure(m, role=_percent_role(text, m, sent)))
        elif m["type"] == "money":
            direction = _money_direction(text, m, sent)
            figs.append(_Figure(m, role="change" if direction else "amount", direction=direction))
    return figs


def _pair_restatements(text: str, figs: list[_Figure]) -> None:
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


def _pair_baselines(text: str, sent: _Sentence, figs: list[_Figure]) -> None:
    """"from $3.2 billion in 2024 to $140 billion": the first is where the second started;
    "$10 million, ... from $3 million": the same, the other way round."""
    baseline = _trailing("baseline")
    for i, fig in enumerate(figs):
        if fig.attached or _is_range(fig.m):
            continue
        before = text[max(sent.start, fig.start - 30):fig.start]
        if not baseline.search(before) or re.search(r"rang\w*\s+from\s*$|between\s*$", before, re.I):
            continue
        partner = _to_partner(text, figs, i) or _earlier_partner(figs, i)
        if partner is None:
            continue
        partner.baseline, fig.attached = fig, True
        partner.baseline_direction = _verb_direction(text[max(sent.start, fig.start - 40):fig.start])


def _to_partner(text: str, figs: list[_Figure], i: int) -> _Figure | None:
    for later in figs[i + 1:]:
        if later.attached or later.m["type"] != figs[i].m["type"]:
            continue
        gap = text[figs[i].end:later.start]
        if len(gap) <= 40 and re.search(r"\bto" + _LOWER_WORDS + r"\s*$", gap) and not re.search(r"[;,]", gap):
            return later
        return None
    return None


def _earlier_partner(figs: list[_Figure], i: int) -> _Figure | None:
    for earlier in reversed(figs[:i]):
        if not earlier.attached and earlier.m["type"] == figs[i].m["type"] and earlier.baseline is None:
            return earlier
    return None


def _verb_direction(before_from: str) -> str | None:
    stem = re.sub(r"(?:up\s+|down\s+)?from" + _LOWER_WORDS + r"\s*$", "", before_from, flags=re.I)
    for direction, pattern in _direction_verbs():
        if pattern.search(stem + " "):
            return direction
    return None


# -------------------------------------------------------------------- metrics


def _metric_cues(text: str, sent: _Sentence, blocked: list[Span]) -> list[_Cue]:
    found = []
    for metric, pattern in _metric_patterns():
        for m in pattern.finditer(text, sent.start, sent.end):
            if not _overlaps(m.span(), blocked):
                found.append(_Cue(m.start(), m.end(), m.group(0), metric))
    return found


def _nearest_cue(fig: _Figure, cues: list[_Cue], stop: int) -> _Cue | None:
    """The metric cue closest to a figure (before it, or after it up to the next figure)."""
    best: tuple[float, int, _Cue] | None = None
    for cue in cues:
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


def _assign_metrics(figs: list[_Figure], cues: list[_Cue], sent: _Sentence) -> None:
    """Levels only take share cues ("9% report gains in profit" is no profit figure);
    amounts and changes take every other cue."""
    main = [f for f in figs if not f.attached]
    for i, fig in enumerate(main):
        stop = main[i + 1].start if i + 1 < len(main) else sent.end
        if fig.role in ("share", "level"):
            pool = [c for c in cues if c.label == "share_of_total"]
        else:
            pool = [c for c in cues if c.label != "share_of_total"]
        fig.cue = _nearest_cue(fig, pool, stop)
        if fig.role == "share":
            fig.metric = "share_of_total"
        elif fig.cue is not None:
            fig.metric = fig.cue.label
            if fig.role == "level":
                fig.role = "share"


# ------------------------------------------------------------------- grouping


def _blocked(text: str, draft: _Draft, fig: _Figure, orgs: list[Mention]) -> bool:
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


def _group(text: str, figs: list[_Figure], orgs: list[Mention]) -> list[_Draft]:
    drafts: list[_Draft] = []
    current: _Draft | None = None
    for fig in figs:
        if fig.attached:
            continue
        if fig.role in ("share", "level"):
            alone = _Draft()
            alone.put("amount", fig)
            drafts.append(alone)
            continue
        slot = "amount" if fig.role == "amount" else "change"
        if current is not None and getattr(current, slot) is None and not _blocked(text, current, fig, orgs):
            current.put(slot, fig)
            continue
        current = _Draft()
        current.put(slot, fig)
        drafts.append(current)
    for d in drafts:
        d.figures.sort(key=lambda f: f.start)
    return drafts


# ---------------------------------------------------------------- attribution


def _org_name(m: Mention) -> str:
    return str((m.get("value") or {}).get("name") or m["text"])


def _attribution(text: str, sent: _Sentence, orgs: list[Mention]) -> tuple[dict[str, Any] | None, bool, int]:
    """(attribution, whether its cue is a speech verb, where the cue ends)."""
    found: list[tuple[int, int, dict[str, Any], bool, int]] = []
    for position, speech, pattern in _attribution_patterns():
        for cue in pattern.finditer(text, sent.start, sent.end):
            if _overlaps(cue.span(), [(int(o["start"]), int(o["end"])) for o in orgs]):
                continue
            if position == "before":
                att = _source_after(text, sent, cue, orgs)
            else:
                att = _source_before(text, sent, cue, orgs, speech)
            if att is not None:
                # Named organisations beat free-text sources; then the earliest cue.
                found.append((0 if att["mention_id"] else 1, cue.start(), att, speech, cue.end()))
    if not found:
        return None, False, sent.start
    found.sort(key=lambda f: (f[0], f[1]))
    _, _, att, speech, cue_end = found[0]
    return att, speech, cue_end


def _cue_word(cue: re.Match[str]) -> str:
    return re.sub(r"\s+", " ", cue.group(0)).lower()


def _source_after(text: str, sent: _Sentence, cue: re.Match[str], orgs: list[Mention]) -> dict[str, Any] | None:
    for o in orgs:
        if int(o["start"]) >= cue.end() and _DESCRIPTOR.match(text[cue.end():int(o["start"])]):
            return {"source": _org_name(o), "mention_id": o["id"], "cue": _cue_word(cue)}
    phrase = _PHRASE_AFTER.match(text[cue.end():sent.end])
    if phrase and phrase.group(1).strip():
        return {"source": phrase.group(1).strip().rstrip("."), "mention_id": None, "cue": _cue_word(cue)}
    return None


def _source_before(
    text: str, sent: _Sentence, cue: re.Match[str], orgs: list[Mention], speech: bool
) -> dict[str, Any] | None:
    for o in reversed(orgs):
        if int(o["end"]) <= cue.start() and _AFTER_GAP.match(text[int(o["end"]):cue.start()]):
            return {"source": _org_name(o), "mention_id": o["id"], "cue": _cue_word(cue)}
    if not speech:
        return None
    name = _NAME_BEFORE.search(text[sent.start:cue.start()])
    if name and name.group(1).split()[0] not in _PRONOUNS:
        return {"source": name.group(1).strip(), "mention_id": None, "cue": _cue_word(cue)}
    return None


# ------------------------------------------------------------------- subjects


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


# ---------------------------------------------------------------- period etc.


def _is_comparison_date(text: str, sent: _Sentence, d: Mention) -> bool:
    """"compared with the same period last year" names the base, not the claim's period."""
    before = text[max(sent.start, int(d["start"]) - 30):int(d["start"])]
    return bool(_trailing("period-baseline").search(before)) or bool(
        re.match(r"(?:the\s+)?same\s+period", d["text"], re.I)
    )


def _bound_figure(text: str, d: Mention, figs: list[_Figure]) -> _Figure | None:
    for f in figs:
        gap = text[f.end:int(d["start"])]
        if f.end <= int(d["start"]) and len(gap) <= 25 and _DATE_BINDING_GAP.match(gap):
            return f
    return None


def _period(text: str, sent: _Sentence, draft: _Draft, dates: list[Mention], figs: list[_Figure]) -> Mention | None:
    """A date right after one of the claim's figures; else the nearest free date before
    them; else a free date after them that is not a mere day (a dateline)."""
    free: list[Mention] = []
    own = {id(f) for f in draft.figures}
    for d in dates:
        if _is_comparison_date(text, sent, d):
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
    after = [d for d in free if int(d["start"]) >= draft.last_end and not _is_day(d)]
    return after[0] if after else None


def _is_day(d: Mention) -> bool:
    return (d.get("value") or {}).get("granularity") in ("day", "week")


def _in_parens(text: str, sent: _Sentence, m: Mention) -> bool:
    before = text[sent.start:int(m["start"])]
    return before.count("(") > before.count(")")


def _hedges(text: str, sent: _Sentence) -> list[str]:
    found: list[tuple[int, str]] = []
    for pattern in _hedge_patterns():
        for m in pattern.finditer(text, sent.start, sent.end):
            found.append((m.start(), re.sub(r"\s+", " ", m.group(0)).lower()))
    out: list[str] = []
    for _, word in sorted(found):
        if word not in out:
            out.append(word)
    return out


def _count(text: str, sent: _Sentence, draft: _Draft, blocked: list[Span]) -> dict[str, Any] | None:
    """"the number of deals ... was about 232": a bare count has no mention of its own."""
    if draft.metric != "deal_count" or draft.amount is not None:
        return None
    lo = draft.cue.end if draft.cue and draft.cue.end <= draft.first else sent.start
    for m in _BARE_NUMBER.finditer(text, lo, draft.first):
        if not _overlaps(m.span(), blocked):
            number = m.group(1)
            return {"text": number, "start": m.start(1), "end": m.end(1), "value": float(number.replace(",", ""))}
    return None


# ------------------------------------------------------------------ rendering


def _render(
    doc_id: str,
    sent: _Sentence,
    n: int,
    draft: _Draft,
    ctx: dict[str, Any],
) -> dict[str, Any]:
    amount, change = draft.amount, draft.change
    with_base = next((f for f in draft.figures if f.baseline is not None), None)
    baseline = with_base.baseline if with_base else None
    return {
        "id": f"{doc_id}:claim:{sent.start}-{sent.end}:{n}",
        "doc_id": doc_id,
        "sentence": sent.as_dict(),
        "subjects": ctx["subjects"],
        "scope": ctx["scope"],
        "metric": draft.metric,
        "metric_cue": draft.cue.text if draft.cue else None,
        "amount": _ref(amount.m) if amount else None,
        "amount_converted": {"mention_id": amount.converted["id"], "value": dict(amount.converted["value"])}
        if amount and amount.converted else None,
        "restated": [_ref(m) for f in draft.figures for m in f.restated],
        "from": {**_ref(baseline.m), "direction": with_base.baseline_direction} if with_base and baseline else None,
        "change": _change_ref(change) if change else None,
        "count": ctx["count"],
        "period": {"mention_id": ctx["period"]["id"], "value": dict(ctx["period"]["value"])} if ctx["period"] else None,
        "attribution": ctx["attribution"],
        "hedged": bool(ctx["hedges"]),
        "hedges": list(ctx["hedges"]),
        "continuation": None,
        "published": ctx["published"],
        "article_rates": [dict(r) for r in ctx["rates"]] if amount and amount.converted else [],
        "flags": [],
    }


def _change_ref(fig: _Figure) -> dict[str, Any]:
    v = fig.m.get("value") or {}
    ref = _ref(fig.m)
    ref["direction"] = v.get("direction") if fig.m["type"] == "percent" else fig.direction
    ref["basis"] = v.get("basis")
    return ref


# --------------------------------------------------------------- continuation


def _continues(text: str, sent: _Sentence, figs: list[_Figure], last: dict[str, Any] | None) -> bool:
    """"The total deal value fell 30% ...": a sentence whose only figure is a change and
    which opens on "the total", "the figure", "it" carries on the previous sentence's claim."""
    if last is None or last["change"] is not None or len(figs) != 1 or figs[0].role != "change":
        return False
    if not _leading("continuation").match(text, sent.start, sent.end):
        return False
    prev = _previous_sentence(text, sent.start)
    return prev == (last["sentence"]["start"], last["sentence"]["end"])


def _attach_continuation(claim: dict[str, Any], sent: _Sentence, fig: _Figure, text: str, orgs: list[Mention]) -> None:
    claim["change"] = _change_ref(fig)
    claim["continuation"] = sent.as_dict()
    for word in _hedges(text, sent):
        if word not in claim["hedges"]:
            claim["hedges"].append(word)
    claim["hedged"] = bool(claim["hedges"])
    if claim["attribution"] is None:
        claim["attribution"] = _attribution(text, sent, orgs)[0]


# ---------------------------------------------------------------------- entry


def _sentences(text: str, mentions: list[Mention]) -> dict[Span, list[Mention]]:
    by: dict[Span, list[Mention]] = {}
    for m in sorted(mentions, key=lambda m: (int(m["start"]), int(m["end"]))):
        by.setdefault(_sentence_of(text, m), []).append(m)
    return by


def _claims_of_sentence(
    doc_id: str,
    text: str,
    sent: _Sentence,
    ms: list[Mention],
    orgs_by_span: dict[Span, list[Mention]],
    figs: list[_Figure],
    published: str | None,
    rates: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    orgs = [m for m in ms if m["type"] == "org"]
    named = [(int(m["start"]), int(m["end"])) for m in ms if m["type"] in ("org", "model")]
    cues = _metric_cues(text, sent, named)
    _assign_metrics(figs, cues, sent)
    drafts = _group(text, figs, orgs)
    attribution, speech, cue_end = _attribution(text, sent, orgs)
    excluded: set[str] = set()
    if attribution and attribution["mention_id"]:
        excluded = {attribution["mention_id"], attribution["source"]}  # a source is not its own subject
    blocked = [(int(m["start"]), int(m["end"])) for m in ms]
    dates = [m for m in ms if m["type"] == "date"]
    hedges = _hedges(text, sent)
    scope = _scope(text, sent, named)
    out = []
    for draft in drafts:
        subjects = _subjects(text, sent, orgs, draft.first, excluded)
        if not subjects and speech and attribution and attribution["mention_id"]:
            subjects = _self_report(text, sent, attribution, cue_end)
        if not subjects:
            subjects = _inherited_subjects(text, sent, orgs_by_span)
        ctx = {
            "subjects": subjects,
            "scope": scope,
            "count": _count(text, sent, draft, blocked),
            "period": _period(text, sent, draft, dates, figs),
            "attribution": dict(attribution) if attribution else None,
            "hedges": hedges,
            "published": published,
            "rates": rates,
        }
        claim = _render(doc_id, sent, len(out), draft, ctx)
        if _anchored(claim):
            out.append(claim)
    return out


def _self_report(text: str, sent: _Sentence, attribution: dict[str, Any], cue_end: int) -> list[dict[str, Any]]:
    """"Cambricon said that the company's revenue ...": the source speaks of itself."""
    if _vocab("self-anaphor").search(text, cue_end, sent.end):
        return [{"name": attribution["source"], "mention_id": attribution["mention_id"]}]
    return []


def _anchored(claim: dict[str, Any]) -> bool:
    """A figure with nothing linked to it ("A Billion Dollars: What Does It Mean?") says
    nothing checkable, so it makes no claim."""
    keys = ("metric", "subjects", "scope", "period", "attribution", "amount_converted", "from")
    return any(claim[k] for k in keys) or bool(claim["amount"] and claim["change"])


def build_claims(
    doc_id: str, text: str, mentions: list[dict[str, Any]], published: str | None = None
) -> list[dict[str, Any]]:
    """Claims of one document, in text order. `mentions` are mention records of this
    document (others, and any whose offsets do not slice `text`, are ignored);
    `published` (YYYY-MM-DD) dates the article for currency checks."""
    ms = [m for m in mentions if m.get("doc_id", doc_id) == doc_id and _cites(text, m)]
    rates = find_stated_rates(text)
    rate_spans = [(r["start"], r["end"]) for r in rates]
    # The money of "1 yuan equals $0.14" is a rate, not a claim.
    ms = [m for m in ms if not (m["type"] == "money" and _overlaps((int(m["start"]), int(m["end"])), rate_spans))]
    by_sentence = _sentences(text, ms)
    orgs_by_span = {span: [m for m in sms if m["type"] == "org"] for span, sms in by_sentence.items()}
    claims: list[dict[str, Any]] = []
    for (lo, hi), sms in sorted(by_sentence.items()):
        sent = _Sentence(lo, hi, text[lo:hi])
        figs = _figures(text, sent, [m for m in sms if m["type"] in ("money", "percent")])
        if not figs:
            continue
        last = claims[-1] if claims else None
        if _continues(text, sent, figs, last):
            _attach_continuation(last, sent, figs[0], text, orgs_by_span.get((lo, hi), []))
            continue
        _pair_restatements(text, figs)
        _pair_baselines(text, sent, figs)
        claims += _claims_of_sentence(doc_id, text, sent, sms, orgs_by_span, figs, published, rates)
    return claims
