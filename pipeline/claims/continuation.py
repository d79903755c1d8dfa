"""A sentence that carries on the claim of the sentence before it."""
from __future__ import annotations

from typing import Any

from pipeline.claims.attribution import figure_hedges, find_attribution
from pipeline.claims.cues import leading_cue
from pipeline.claims.figures import Figure
from pipeline.claims.render import change_ref
from pipeline.claims.sentences import Mention, Sentence, previous_sentence


def continues(text: str, sent: Sentence, figs: list[Figure], last: dict[str, Any] | None) -> bool:
    """"The total deal value fell 30% ...": a sentence whose only figure is a change and
    which opens on "the total", "the figure", "it" carries on the previous sentence's claim."""
    if last is None or last["change"] is not None or len(figs) != 1 or figs[0].role != "change":
        return False
    if not leading_cue("continuation").match(text, sent.start, sent.end):
        return False
    prev = previous_sentence(text, sent.start)
    return prev == (last["sentence"]["start"], last["sentence"]["end"])


def attach_continuation(claim: dict[str, Any], sent: Sentence, fig: Figure, text: str, orgs: list[Mention]) -> None:
    claim["change"] = change_ref(fig)
    claim["continuation"] = sent.as_dict()
    for word in figure_hedges(text, sent):
        if word not in claim["hedges"]:
            claim["hedges"].append(word)
    claim["hedged"] = bool(claim["hedges"])
    if claim["attribution"] is None:
        claim["attribution"] = find_attribution(text, sent, orgs)[0]
