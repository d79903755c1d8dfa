"""Agreement of the same figure across documents: corroborated and conflict flags.

Claims are grouped by what they are about (metric, subject, segment, resolved
period); within a
group, claims stating the same figures form one class, so the pairwise
comparison runs over distinct figures, not over every pair of claims. A flag
lists at most MAX_SOURCES of the other claims (the first by document and claim
id) and counts them all, so a figure repeated by thousands of articles costs
each of them a bounded line."""
from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Iterator

from pipeline.claims.cues import phrase_alternation
from pipeline.claims.nearcopy import same_sentences
from pipeline.claims.values import claim_date, money_bounds, round_sig, to_usd
from pipeline.resources import load_jsonl, words_of_kind

# Relative tolerance for cross-document amounts, as for conversions: stated rates
# such as "$0.14" are rounded to two digits, so anything tighter would misfire.
AMOUNT_TOLERANCE = 0.05
# Percentages are compared in points: "30%" and "30.4%" are the same report.
CHANGE_TOLERANCE_POINTS = 0.5
# Other claims listed in one flag; its "count" says how many there are in all.
MAX_SOURCES = 50
# The first sources of a flag quote their sentence, so the flag can be checked by
# reading it alone; the rest give ids only, which keeps a figure repeated by
# thousands of articles from making every line long.
QUOTED_SOURCES = 5
# A quoted sentence is cut at this length (a scraped page's "sentence" may be a menu).
MAX_QUOTE_CHARS = 400
ASSUMED = "assumed the same: one source does not resolve it"


def period_key(claim: dict[str, Any]) -> tuple[Any, ...] | None:
    """The period's start and end ("2023-Q1" and "the first quarter of this year" resolved
    to 2023 both span Jan 1 to Mar 31), else its value; unresolved ones match nothing."""
    v = (claim.get("period") or {}).get("value") or {}
    if v.get("start") and v.get("end"):
        return ("span", v["start"], v["end"])
    if v.get("value"):
        return ("value", v["value"])
    return None


def who_key(claim: dict[str, Any]) -> tuple[Any, ...] | None:
    names = sorted({s["name"] for s in claim.get("subjects") or []})
    if names:
        return ("subjects", *names)
    if claim.get("scope"):
        return ("scope", claim["scope"])
    return None


# Metrics whose figure does not say what it measures: "40% of European AI start-ups"
# and "75% of organisations" are both shares of a region's or a year's something.
# The same share, subject and period is support; another share is no contradiction.
SUPPORT_ONLY_METRICS = frozenset({"share_of_total"})
# "other" is anything at all: nothing to compare.
UNCOMPARED_METRICS = frozenset({"other"})


FORECAST = "forecast"


def may_conflict(key: Any) -> bool:
    """Whether differing figures in a group (kind 0 or 1 key, tuples or JSON lists) are a
    conflict. Not for a metric that only supports, nor without a named subject: a scope
    says where a figure is, not what it counts ("Daewoo's imports of U.S. goods" and
    "South Korea's current account surplus" are both Korea's trade in 1987). Nor among
    forecasts: two analysts may expect different figures, and neither is wrong yet."""
    return key[0] not in SUPPORT_ONLY_METRICS and key[1][0] == "subjects" and key[-1] != FORECAST



@lru_cache(maxsize=None)
def _volume_level() -> re.Pattern[str]:
    """A change's level given as a count of things right after it: "fell 14% to 5.7
    million units" (patterns/flag_cues.jsonl, kind volume)."""
    return re.compile(r"\s*(?:,\s*)?(?:to|at|from)\s+(?:about\s+|some\s+|around\s+|nearly\s+)?\d[\d,.]*"
                      r"(?:\s*(?:million|billion|thousand|mln|bln|bn|m|k))?\s+(?:[a-z\-]+\s+)?"
                      rf"(?:{phrase_alternation(words_of_kind('flag_cues.jsonl', 'volume'))})(?![\w])", re.I)


@lru_cache(maxsize=None)
def _expectation() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w])(?:{phrase_alternation(words_of_kind('claim_cues.jsonl', 'expectation'))})(?![\w])", re.I)


def _figure_in_sentence(claim: dict[str, Any], slot: str) -> tuple[str, int, int] | None:
    """The claim's sentence and the offsets in it of the figure in `slot`."""
    sent, part = claim.get("sentence") or {}, claim.get(slot) or {}
    try:
        a, b = str(part["mention_id"]).rsplit(":", 1)[1].split("-")
        s, e = int(a) - int(sent["start"]), int(b) - int(sent["start"])
    except (KeyError, ValueError, IndexError, TypeError):
        return None
    text = sent.get("text") or ""
    return (text, s, e) if 0 <= s <= e <= len(text) else None


def counts_things(claim: dict[str, Any]) -> bool:
    """A change with no amount whose level is a count of things ("sales fell 14% to 5.7
    million units"): it measures units, not the money its metric names, so it is
    compared with nothing."""
    if (claim.get("amount") or {}).get("type") == "money" or not claim.get("change"):
        return False
    found = _figure_in_sentence(claim, "change")
    return found is not None and bool(_volume_level().match(found[0], found[2]))


def forecast(claim: dict[str, Any]) -> bool:
    """A hedged figure, or one the words just before it call a forecast or guidance
    ("a revenue guidance range between $55bn and $59bn", "the $12.5bn analysts had
    expected"): not what happened, so it is compared with forecasts only."""
    if claim.get("hedged"):
        return True
    for slot in ("amount", "change"):
        found = _figure_in_sentence(claim, slot)
        if found is not None:
            text, s, e = found
            before = re.split(r"[,;:()—–.]|\d", text[max(0, s - 60):s])[-1]
            after = re.split(r"[,;:()—–.]|\d", text[e:e + 40])[0]
            return bool(_expectation().search(before) or _expectation().search(after))
    return False


def match_key(claim: dict[str, Any]) -> tuple[Any, ...] | None:
    """What a claim is about: metric, subject (and segment) and resolved period; a
    forecast's key says so. A claim without all three is compared with nothing:
    "revenue of $2 billion" of an unknown year neither supports nor contradicts
    another year's."""
    metric, who, period = claim.get("metric"), who_key(claim), period_key(claim)
    if not metric or metric in UNCOMPARED_METRICS or who is None or period is None or counts_things(claim):
        return None
    key = (metric, who, claim.get("segment"), period)
    return (*key, FORECAST) if forecast(claim) else key


def _amount_view(claim: dict[str, Any]) -> tuple[Any, ...] | None:
    """The claim's amount: ("points", bounds) for a percentage; ("money", currency,
    bounds, bounds in USD at the claim's date or None) for money."""
    amount = claim.get("amount")
    if not amount:
        return None
    b = money_bounds(amount["value"])
    if b is None:
        return None
    q = amount["value"].get("qualifier")
    if amount.get("type") == "percent":
        return ("points", b, q)
    return ("money", amount["value"].get("currency"), b, to_usd(amount["value"], claim_date(claim)), q)


def _change_view(claim: dict[str, Any]) -> tuple[Any, ...] | None:
    """(unit, bounds, direction, basis): a money change in USD, else percent or points."""
    change = claim.get("change")
    if not change:
        return None
    v = change["value"]
    if change.get("type") == "money":
        b = to_usd(v, claim_date(claim))
        return ("usd", b, change.get("direction"), None, v.get("qualifier")) if b else None
    b = money_bounds(v)
    return (v.get("unit") or "percent", b, change.get("direction"), change.get("basis"), v.get("qualifier")) if b else None


def _close(kind: str, a: tuple[float, float], b: tuple[float, float]) -> bool:
    if kind in ("usd", "money"):
        scale = max(abs(a[0]), abs(a[1]), abs(b[0]), abs(b[1])) or 1.0
        return abs(a[0] - b[0]) <= AMOUNT_TOLERANCE * scale and abs(a[1] - b[1]) <= AMOUNT_TOLERANCE * scale
    return abs(a[0] - b[0]) <= CHANGE_TOLERANCE_POINTS and abs(a[1] - b[1]) <= CHANGE_TOLERANCE_POINTS


@lru_cache(maxsize=None)
def _approx_slack() -> float:
    """How far a figure said to be "about" X may be from X (patterns/qualifiers.jsonl)."""
    return max([float(e["check_slack"]) for e in load_jsonl("qualifiers.jsonl")
                if e.get("qualifier") == "approx" and "check_slack" in e] or [0.0])


def _reach(bounds: tuple[float, float], qualifier: str | None) -> tuple[float, float]:
    """All a figure as qualified may be: "more than $16bn" anything from $16bn up,
    "around $20bn" a tenth either side."""
    lo, hi = bounds
    if qualifier in ("gt", "ge"):
        return lo, math.inf
    if qualifier in ("lt", "le"):
        return -math.inf, hi
    if qualifier == "approx":
        s = _approx_slack()
        return lo - abs(lo) * s, hi + abs(hi) * s
    return lo, hi


def _differ(kind: str, a: tuple[float, float], qa: str | None, b: tuple[float, float], qb: str | None) -> bool | None:
    """Figures that are not close: False (a conflict) only when they are two points, or
    two ranges, that nothing either qualifier allows brings together; None (no
    verdict) for a range against a point ("guidance of $55bn to $59bn" and "$50bn" say
    different kinds of thing) or figures a qualifier reconciles ("more than $16bn" and
    "around $20bn")."""
    if (a[0] == a[1]) != (b[0] == b[1]):
        return None
    (alo, ahi), (blo, bhi) = _reach(a, qa), _reach(b, qb)
    slack = AMOUNT_TOLERANCE * max(abs(x) for x in (*a, *b)) if kind in ("usd", "money") else CHANGE_TOLERANCE_POINTS
    return None if alo <= bhi + slack and blo <= ahi + slack else False


def _qualifier(v: tuple[Any, ...], at: int) -> str | None:
    return v[at] if len(v) > at else None


def amounts_agree(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool | None:
    if a[0] != b[0]:
        return None
    if a[0] == "points":
        return _close("points", a[1], b[1]) or _differ("points", a[1], _qualifier(a, 2), b[1], _qualifier(b, 2))
    if a[1] == b[1]:
        return _close("money", a[2], b[2]) or _differ("money", a[2], _qualifier(a, 4), b[2], _qualifier(b, 4))
    # Other currencies agree through the day's rates, but rates move: amounts apart
    # in USD may have been the same figure when each was written, so no conflict.
    if a[3] and b[3] and _close("usd", a[3], b[3]):
        return True
    return None


def changes_agree(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool | None:
    """The same kind of change on the same basis: "up 5% on the quarter" says nothing
    against "up 12% on the year"."""
    if a[0] != b[0] or a[3] != b[3]:
        return None
    if a[2] is not None and b[2] is not None and a[2] != b[2]:
        # up against down: a conflict, unless a range meets a point
        return None if (a[1][0] == a[1][1]) != (b[1][0] == b[1][1]) else False
    if _close(a[0], a[1], b[1]):
        return True
    return _differ(a[0], a[1], _qualifier(a, 4), b[1], _qualifier(b, 4))


View = tuple[Any, Any, Any]  # amount, change and count, on their common scales


def view(claim: dict[str, Any]) -> View:
    return _amount_view(claim), _change_view(claim), (claim.get("count") or {}).get("value")


def agree(a: View, b: View) -> bool | None:
    """True when every figure both views state agrees, False when one differs, None
    when they share no figure to compare."""
    verdicts = []
    (va, ca, na), (vb, cb, nb) = a, b
    if va and vb:
        verdicts.append(amounts_agree(va, vb))
    if ca and cb:
        verdicts.append(changes_agree(ca, cb))
    if na is not None and nb is not None:
        verdicts.append(_close("usd", (na, na), (nb, nb)))
    verdicts = [v for v in verdicts if v is not None]
    return all(verdicts) if verdicts else None


@dataclass(frozen=True, slots=True)
class Member:
    """What the cross-document check needs of one claim: a small record, so that
    groups can be read one at a time from disk."""

    index: int  # position in claims.jsonl
    doc_id: str
    claim_id: str
    view: View
    copy: str = ""  # the first document of its near-copies (syndicated, re-posted), or its own
    unresolved: bool = False  # its period could not be resolved
    said: str = ""  # its sentence, cut at MAX_QUOTE_CHARS

    def order(self) -> tuple[str, str]:
        return self.doc_id, self.claim_id

    def source(self, of: "Member | None" = None, quoted: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"claim_id": self.claim_id, "doc_id": self.doc_id}
        if quoted and self.said:
            out["sentence"] = self.said
        if of is not None and (self.copy == of.copy or bool(self.said) and self.said.casefold() == of.said.casefold()):
            out["near_copy"] = True
        return out

    def summary(self) -> dict[str, Any]:
        """What the claim says, on the scale it was compared on (currency, percent, points)."""
        amount, change, count = self.view
        out: dict[str, Any] = {"claim_id": self.claim_id, "doc_id": self.doc_id, "amount": None, "change": None}
        if amount is not None:
            unit, bounds = (amount[0], amount[1]) if amount[0] == "points" else (amount[1], amount[2])
            out["amount"] = {"unit": unit, "low": round_sig(bounds[0]), "high": round_sig(bounds[1])}
        if change is not None:
            out["change"] = {"unit": change[0], "low": round_sig(change[1][0]), "high": round_sig(change[1][1]),
                             "direction": change[2], "basis": change[3]}
        out["count"] = count
        return out


def quote(claim: dict[str, Any]) -> str:
    """The claim's sentence as a source quotes it: spaces collapsed, cut at MAX_QUOTE_CHARS."""
    said = " ".join(str((claim.get("sentence") or {}).get("text") or "").split())
    return said if len(said) <= MAX_QUOTE_CHARS else said[:MAX_QUOTE_CHARS - 1].rstrip() + "…"


def sources(members: list[Member], of: Member, family: Callable[[Member], Any] | None = None) -> list[dict[str, Any]]:
    """The flag's listed sources, the first QUOTED_SOURCES with their sentence; those
    of the claim's own copy family (`family`, see _family_of) marked near_copy."""
    out = [x.source(of, n < QUOTED_SOURCES) for n, x in enumerate(members)]
    if family is not None:
        own = family(of)
        for d, x in zip(out, members):
            if "near_copy" not in d and family(x) == own:
                d["near_copy"] = True
    return out


def member(index: int, claim: dict[str, Any], copy: str | None = None) -> Member:
    return Member(index, claim["doc_id"], claim["id"], view(claim), copy or claim["doc_id"],
                  period_key(claim) is None, quote(claim))


def loose_key(claim: dict[str, Any]) -> tuple[Any, ...] | None:
    """Metric, subject and kind of period, for claims with both an amount and a change:
    the group in which an unresolved period may be assumed the same."""
    gran = ((claim.get("period") or {}).get("value") or {}).get("granularity")
    who = who_key(claim)
    metric = claim.get("metric")
    if not metric or metric in UNCOMPARED_METRICS or who is None or not gran \
            or not (claim.get("amount") and claim.get("change")):
        return None
    key = (metric, who, claim.get("segment"), gran)
    return (*key, FORECAST) if forecast(claim) else key


Flags = dict[int, list[dict[str, Any]]]
GroupFlags = Iterator[tuple[int, list[dict[str, Any]]]]  # (claim index, its flags), a member at a time


def _support(m: Member, same: list[Member], n_same: int, n_indep: int) -> dict[str, Any]:
    """The corroborated flag; support from near-copies of the claim's own article (the
    same wire story re-posted) or from its very sentence in another story is no
    support: it is listed, marked near_copy, and when nothing else agrees the flag is
    `near_copy`, not `corroborated`."""
    flag: dict[str, Any] = {"flag": "corroborated" if n_indep else "near_copy", "count": n_same}
    if n_indep < n_same:
        # how many are independent: documents neither copies of this one nor of each other
        flag["independent"] = n_indep
    return flag


def group_flags(members: list[Member], conflicts: bool = True) -> GroupFlags:
    """corroborated / conflict flags within one group of the same metric, subject and
    resolved period (`conflicts` False: a metric that only supports)."""
    for m, same, n_same, n_indep, differ, n_differ, family in _relations(members, lambda a, b: agree(a.view, b.view)):
        out = []
        if n_same:
            out.append({**_support(m, same, n_same, n_indep), "sources": sources(same, m, family)})
        if n_differ and conflicts:
            out.append({
                "flag": "conflict",
                "count": n_differ,
                "values": [m.summary(), *(x.summary() for x in differ)],
                "sources": sources(differ, m),
            })
        if out:
            yield m.index, out


def assumed_group_flags(members: list[Member], conflicts: bool = True) -> GroupFlags:
    """A claim whose period could not be resolved ("the first quarter of this year" in
    an undated article) corroborates another of the same metric, subject and kind of
    period only when both its amount and its change agree; the flag says the period
    was assumed. Unknown periods never make a conflict: they may simply differ."""
    def verdict(a: Member, b: Member) -> bool | None:
        return True if (a.unresolved or b.unresolved) and agree(a.view, b.view) is True else None

    for m, same, n_same, n_indep, _, _, family in _relations(members, verdict):
        if n_same:
            yield m.index, [{**_support(m, same, n_same, n_indep), "period": ASSUMED,
                             "sources": sources(same, m, family)}]


def _relations(members: list[Member], verdict: Callable[[Member, Member], bool | None]):
    """For each member: the first MAX_SOURCES members of other documents it agrees with,
    their number, and how many documents among them are not near-copies of its own or
    of each other; and the first members it differs from and their number, leaving
    out a pair when either document also states the other's figure. Members
    with the same view and period state are one class; `verdict` (symmetric) runs once
    per pair of classes."""
    classes: dict[tuple[View, bool], list[Member]] = defaultdict(list)
    for m in members:
        classes[(m.view, m.unresolved)].append(m)
    for ms in classes.values():
        ms.sort(key=Member.order)
    docs = {k: Counter(m.doc_id for m in ms) for k, ms in classes.items()}
    keys = list(classes)
    verdicts: dict[tuple[int, int], bool | None] = {}
    for x in range(len(keys)):
        for y in range(x, len(keys)):
            verdicts[x, y] = verdicts[y, x] = verdict(classes[keys[x]][0], classes[keys[y]][0])
    # Sentences of the group that are one lightly edited, found once for all its classes.
    said = sorted({m.said.casefold() for m in members if m.said}) if True in verdicts.values() else []
    edited = [(said[i], said[j]) for i, j in same_sentences(said)] if len(said) > 1 else []
    # The documents that state each figure (or one agreeing with it): an article that
    # gives both "$48 million in all" and "its $25 million series B" contradicts
    # neither figure, so neither makes a conflict with it.
    stating = {keys[x]: {d for y in range(len(keys)) if x == y or verdicts[x, y] is True for d in docs[keys[y]]}
               for x in range(len(keys))}
    for x, a in enumerate(keys):
        same = [keys[y] for y in range(len(keys)) if verdicts[x, y] is True]
        differ = [keys[y] for y in range(len(keys)) if verdicts[x, y] is False]
        rivals = {b: [r for r in classes[b] if r.doc_id not in stating[a]] for b in differ}
        # Independent support is counted in copy families: a story and its re-posts are
        # one, and so are claims stating their figure in the very same sentence (a wire
        # repeating its own paragraph in another story).
        family = _family_of([x for b in same for x in classes[b]] + classes[a], edited)
        families = {family(x) for b in same for x in classes[b]}
        for m in classes[a]:
            n_same = sum(len(classes[b]) - docs[b][m.doc_id] for b in same)
            against = [rivals[b] for b in differ if m.doc_id not in stating[b]]
            n_differ = sum(map(len, against))
            n_indep = len(families) - (family(m) in families) if n_same else 0
            yield (m, _first_others([classes[b] for b in same], m.doc_id) if n_same else [], n_same, n_indep,
                   _first_others(against, m.doc_id) if n_differ else [], n_differ, family)


def _family_of(members: list[Member], edited: list[tuple[str, str]] = ()) -> Callable[[Member], tuple[str, str]]:
    """The family of each of `members`: two are one when they are in one copy family or
    state their figure in the same sentence (case and spacing ignored), or in one
    lightly edited (`edited`: pairs of casefolded sentences, nearcopy.same_sentences)."""
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def root(n: tuple[str, str]) -> tuple[str, str]:
        parent.setdefault(n, n)
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    def union(a: tuple[str, str], b: tuple[str, str]) -> None:
        a, b = root(a), root(b)
        if a != b:
            parent[b] = a

    for x in members:
        if x.said:
            union(("copy", x.copy), ("said", x.said.casefold()))
        else:
            root(("copy", x.copy))
    # The same sentence lightly edited (a refiled wire story, a paragraph an outlet
    # re-uses, a site's banner) is no more independent than the very sentence.
    said = {x.said.casefold() for x in members if x.said}
    for a, b in edited:
        if a in said and b in said:
            union(("said", a), ("said", b))
    return lambda x: root(("copy", x.copy))


def _first_others(lists: list[list[Member]], doc_id: str) -> list[Member]:
    """The first MAX_SOURCES members of sorted `lists` that are not of `doc_id` (a
    document's own claims sort together, so this reads few more than it keeps)."""
    out: list[Member] = []
    for m in heapq.merge(*lists, key=Member.order):
        if m.doc_id != doc_id:
            out.append(m)
            if len(out) == MAX_SOURCES:
                break
    return out


# The checks a group is made for, by the kind `group_keys` gives it; a claim's
# flags from the first come before those of the second.
GROUP_CHECKS = (group_flags, assumed_group_flags)


def group_keys(claim: dict[str, Any]) -> list[tuple[int, tuple[Any, ...]]]:
    """(kind, key) of each group the claim is compared in: kind 0 the same metric,
    subject and period; kind 1 the same metric, subject and kind of period."""
    return [(kind, key) for kind, key in enumerate((match_key(claim), loose_key(claim))) if key is not None]


def document_flags(claims: list[dict[str, Any]], copies: dict[str, str] | None = None) -> Flags:
    """corroborated / conflict flags, by index into `claims` (all in memory; a run's
    writer groups on disk instead, with the same group functions). `copies` maps a
    document to the first of its near-copies (see nearcopy.py)."""
    copies = copies or {}
    groups: dict[tuple[int, tuple[Any, ...]], list[Member]] = defaultdict(list)
    for i, c in enumerate(claims):
        keys = group_keys(c)
        if keys:
            m = member(i, c, copies.get(c["doc_id"]))
            for key in keys:
                groups[key].append(m)
    out: Flags = defaultdict(list)
    for (kind, key), ms in sorted(groups.items(), key=lambda g: g[0][0]):  # stable: kind order only
        if len(ms) > 1:
            for i, fl in GROUP_CHECKS[kind](ms, may_conflict(key)):
                out[i] += fl
    return out
