"""Who a sentence's figures are attributed to ("according to PitchBook", "Cambricon
said") and how firmly they are stated (hedges)."""
from __future__ import annotations

import re
from typing import Any, Callable

from pipeline.claims.cues import vocab_re, attribution_patterns, hedge_patterns, scan
from pipeline.claims.sentences import Mention, Sentence, overlaps

# Words between an attribution cue and its organisation ("according to market
# research firm PitchBook"): a short descriptor, never across a comma.
_DESCRIPTOR = re.compile(r"^[\w\s\-’'.&]{0,60}$")
_AFTER_GAP = re.compile(r"^(?:['’]s?)?(?:\s*\([^()]*\))?(?:\s*[—–])?(?:\s+[a-z]+ly)?\s*$")
_NAME_BEFORE = re.compile(r"((?:[A-Z][\w\-’'.]*\s+){0,3}[A-Z][\w\-’'.]*)\s*$")
_PRONOUNS = {"It", "He", "She", "They", "We", "I", "This", "That", "The", "Its", "Their"}
_PHRASE_AFTER = re.compile(r"^\s*((?:[\w\-’'.&]+\s*){1,6}?)(?=\s*(?:[,.;:()]|\bthat\b|\bwho\b|$))")
# Between a source and its verb: "ICI today announced", "Henderson also said", "Mitsubishi
# Motors has forecast", and an apposition "Gluware, a company developing ..., announced".
_TRAILING_WORDS = re.compile(
    r"(?:\s+(?:today|yesterday|tonight|also|earlier|previously|later|now|then|has|have|had|will|would|"
    r"on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|[a-z]+ly))+\s*$")
_APPOSITION = re.compile(r"\s*(?:,[^,;]{1,120},|\s[—–-]{1,2}\s?[^—–;]{1,80}\s?[—–-]{1,2})\s*$")
# "said chairman-elect Denys Henderson": the speaker named after the verb.
_NAME_AFTER = re.compile(r"\s+(?:[a-z][\w\-]*\s+){0,3}((?:[A-Z][\w\-’'.]*\s+){0,3}[A-Z][\w\-’']*[\w])\s*(?=[.,;]|$)")
_HE = re.compile(r"(?:^|\s)(?:he|she)\s*$", re.I)
_IT = re.compile(r"(?:^|\s)(?:it|the\s+company|the\s+firm|the\s+group)\s*$", re.I)
# "the statistics department said": an office named in lower case.
_OFFICE = re.compile(r"\bthe\s+((?:[a-z]+\s+){1,2}(?:department|ministry|office|bureau|agency|commission))\s*$")
# "a Markets and Markets report": the source, not the document.
_SOURCE_NOISE = re.compile(r"^(?:an?|the)\s+|\s+(?:report|survey|study|data|analysis|research|estimates?|figures)$", re.I)


def _strip_gap(before: str) -> str:
    """The text before a source's verb without what may come between them."""
    before = _TRAILING_WORDS.sub("", before)
    stripped = _APPOSITION.sub("", before)
    return _TRAILING_WORDS.sub("", stripped) if stripped != before else before


def org_name(m: Mention) -> str:
    return str((m.get("value") or {}).get("name") or m["text"])


Referent = Callable[[str, int], "dict[str, Any] | None"]


def find_attribution(
    text: str, sent: Sentence, orgs: list[Mention], referent: Referent | None = None
) -> tuple[dict[str, Any] | None, bool, int]:
    """(attribution, whether its cue is a speech verb, where the cue ends). `referent`
    names who "he" or "it" is (kind "person" or "org", and where the pronoun is)."""
    found: list[tuple[int, int, dict[str, Any], bool, int]] = []
    for position, speech, pattern in attribution_patterns():
        for cue in pattern.finditer(text, sent.start, sent.end):
            if overlaps(cue.span(), [(int(o["start"]), int(o["end"])) for o in orgs]):
                continue
            if position == "before":
                att = _source_after(text, sent, cue, orgs)
            else:
                att = _source_before(text, sent, cue, orgs, speech, referent)
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


def _source_after(text: str, sent: Sentence, cue: re.Match[str], orgs: list[Mention]) -> dict[str, Any] | None:
    for o in orgs:
        if int(o["start"]) >= cue.end() and _DESCRIPTOR.match(text[cue.end():int(o["start"])]):
            return {"source": org_name(o), "mention_id": o["id"], "cue": _cue_word(cue)}
    phrase = _PHRASE_AFTER.match(text[cue.end():sent.end])
    if phrase and phrase.group(1).strip():
        source = _SOURCE_NOISE.sub("", phrase.group(1).strip().rstrip("."))
        return {"source": source, "mention_id": None, "cue": _cue_word(cue)} if source else None
    return None


def _source_before(
    text: str, sent: Sentence, cue: re.Match[str], orgs: list[Mention], speech: bool,
    referent: Referent | None = None,
) -> dict[str, Any] | None:
    before = text[sent.start:cue.start()]
    near = _strip_gap(before)
    for o in reversed(orgs):
        if int(o["end"]) <= cue.start() and (
            _AFTER_GAP.match(text[int(o["end"]):cue.start()])
            or (int(o["end"]) - sent.start <= len(near) and _AFTER_GAP.match(near[int(o["end"]) - sent.start:]))
        ):
            return {"source": org_name(o), "mention_id": o["id"], "cue": _cue_word(cue)}
    pronoun = _HE.search(near) and "person" or _IT.search(near) and "org"
    if pronoun and referent is not None:
        who = referent(pronoun, sent.start + len(near))
        if who is not None:
            return {**who, "cue": _cue_word(cue), "via": "anaphora"}
    if not speech:
        return None
    name = _NAME_BEFORE.search(near)
    if name and name.group(1).split()[0] not in _PRONOUNS:
        return {"source": name.group(1).strip(), "mention_id": None, "cue": _cue_word(cue)}
    office = _OFFICE.search(near)
    if office:
        return {"source": office.group(1).title(), "mention_id": None, "cue": _cue_word(cue)}
    name = _NAME_AFTER.match(text, cue.end(), sent.end)
    if name and cue.start() > sent.start + 1 and text[cue.start() - 2:cue.start()].strip() in (",", "”,", '",'):
        return {"source": name.group(1).strip(), "mention_id": None, "cue": _cue_word(cue)}
    return None


# Verbs whose object is the figure itself: "Hutchison earlier reported after-tax profits
# of ...", "Mitsubishi Motors has forecast a net loss of ...", "Merck claims to have cut".
_OBJECT_VERBS = frozenset({"reported", "reports", "announced", "forecast", "has forecast", "claims", "claimed",
                           "disclosed", "revealed", "posted"})


def self_report(
    text: str, sent: Sentence, attribution: dict[str, Any], cue_end: int, first: int | None = None
) -> list[dict[str, Any]]:
    """"Cambricon said that the company's revenue ...": the source speaks of itself."""
    own = [{"name": attribution["source"], "mention_id": attribution["mention_id"]}]
    if vocab_re("self-anaphor").search(text, cue_end, sent.end):
        return own
    if first is not None and attribution["cue"] in _OBJECT_VERBS and cue_end <= first \
            and not re.search(r"\bthat\b|[,;:]", text[cue_end:first]):
        return own
    return []


# Where a clause of its own begins: a hedge beyond it does not reach the figure
# ("a 19.6 percent stake in Cruise, which ... could be worth $7 trillion").
_CLAUSE_START = re.compile(
    r";|\s[—–]\s|,\s*(?:which|who|whose|while|whereas|but|and|although|though|once)\b|\b(?:while|whereas|but)\b", re.I)


_RELATIVE = re.compile(r",\s*(?:which|who|whose)\b", re.I)


def _clause(text: str, sent: Sentence, first: int, last: int) -> tuple[int, int, list[tuple[int, int]]]:
    """Bounds of the clause holding a figure, and the relative clauses closed inside it
    ("Zhipu, which may list next year, raised $400 million")."""
    lo, hi, inner = sent.start, sent.end, []
    for b in _CLAUSE_START.finditer(text, sent.start, sent.end):
        if b.end() <= first:
            close = text.find(",", b.end(), first)
            if _RELATIVE.match(text, b.start()) and close != -1:
                inner.append((b.start(), close))
            else:
                lo = b.start()
        elif b.start() >= last:
            hi = b.start()
            break
    return lo, hi, inner


def _yardstick(hedge_end: int, first: int, verbs: list[tuple[int, int]], dates: list[tuple[int, int]]) -> bool:
    """"results would top 1986 income of 888 mln dlrs": between the hedge and the figure
    a verb of comparison (`verbs`, found once per clause), then a date: the figure is
    the dated yardstick, a fact."""
    verb = next(((s, e) for s, e in verbs if s >= hedge_end and e <= first), None)
    return verb is not None and any(verb[1] <= s and e <= first for s, e in dates)


def sentence_hedges(text: str, sent: Sentence) -> list[tuple[int, int, str]]:
    """Every hedge of a sentence, found once for all its figures; none inside a phrase
    that sets an outcome against a forecast ("rose as expected")."""
    outcomes = [m.span() for m in vocab_re("hedge-exception").finditer(text, sent.start, sent.end)]
    return sorted((start, end, re.sub(r"\s+", " ", word).lower())
                  for pattern in hedge_patterns() for start, end, word in scan(pattern, text, sent.start, sent.end)
                  if not any(lo <= start and end <= hi for lo, hi in outcomes))


def figure_hedges(
    text: str, sent: Sentence, figure: tuple[int, int] | None = None,
    hits: list[tuple[int, int, str]] | None = None,
    dates: list[tuple[int, int]] | None = None,
) -> list[str]:
    """The hedges of a sentence, or of the clause holding `figure` (its first start, last end).
    `dates` (spans) tell a dated yardstick after a verb of comparison from the figure itself."""
    lo, hi, inner = _clause(text, sent, *figure) if figure else (sent.start, sent.end, [])
    verbs = [m.span() for m in vocab_re("surpass").finditer(text, lo, figure[0])] if figure and dates else []
    found = [(start, word) for start, end, word in (sentence_hedges(text, sent) if hits is None else hits)
             if lo <= start and end <= hi and not overlaps((start, end), inner)
             and not (verbs and _yardstick(end, figure[0], verbs, dates))]
    out: list[str] = []
    for _, word in sorted(found):
        if word not in out:
            out.append(word)
    return out
