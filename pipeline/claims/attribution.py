"""Who a sentence's figures are attributed to ("according to PitchBook", "Cambricon
said") and how firmly they are stated (hedges)."""
from __future__ import annotations

import re
from typing import Any

from pipeline.claims.cues import _attribution_patterns, _hedge_patterns, _vocab
from pipeline.claims.sentences import Mention, _overlaps, _Sentence

# Words between an attribution cue and its organisation ("according to market
# research firm PitchBook"): a short descriptor, never across a comma.
_DESCRIPTOR = re.compile(r"^[\w\s\-’'.&]{0,60}$")
_AFTER_GAP = re.compile(r"^(?:['’]s?)?(?:\s*\([^()]*\))?(?:\s+[a-z]+ly)?\s*$")
_NAME_BEFORE = re.compile(r"((?:[A-Z][\w\-’'.]*\s+){0,3}[A-Z][\w\-’'.]*)\s*$")
_PRONOUNS = {"It", "He", "She", "They", "We", "I", "This", "That", "The", "Its", "Their"}
_PHRASE_AFTER = re.compile(r"^\s*((?:[\w\-’'.&]+\s*){1,6}?)(?=\s*(?:[,.;:()]|\bthat\b|\bwho\b|$))")


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


def _self_report(text: str, sent: _Sentence, attribution: dict[str, Any], cue_end: int) -> list[dict[str, Any]]:
    """"Cambricon said that the company's revenue ...": the source speaks of itself."""
    if _vocab("self-anaphor").search(text, cue_end, sent.end):
        return [{"name": attribution["source"], "mention_id": attribution["mention_id"]}]
    return []


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
