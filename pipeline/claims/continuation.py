"""A sentence that carries on the claim of the sentence before it."""
from __future__ import annotations

from typing import Any

from pipeline.claims.attribution import _attribution, _hedges
from pipeline.claims.cues import _leading
from pipeline.claims.figures import _Figure
from pipeline.claims.render import _change_ref
from pipeline.claims.sentences import Mention, _previous_sentence, _Sentence


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
