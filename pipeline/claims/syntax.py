"""What the dependency parse of a figure's sentence decides better than the rules:
who is the grammatical subject of the verb that governs the figure, and whether a
hedge word is a verb at all ("deep learning projects" is no projection).

Pure Python over parsed tokens: a parser (pipeline/parsing.py) gives, for each
sentence that holds a figure, its tokens with document offsets, dependency label,
head and part of speech. Without a parse every function here says "don't know"
(None), and the rules decide alone."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

from pipeline.claims.sentences import Mention


@dataclass(frozen=True)
class Token:
    start: int  # document offsets
    end: int
    dep: str
    head: int  # index of the head token in the sentence's list (itself for the root)
    pos: str
    tag: str


# A parser: sentence texts in, for each the (start, end, dep, head, pos, tag) of its
# tokens with offsets into that text.
Parser = Callable[[Sequence[str]], list[list[tuple[int, int, str, int, str, str]]]]

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Attachments the parser makes when it cannot tell (or across clauses it only juxtaposes):
# above them the parse says nothing about the figure, and the rules decide.
_UNSURE = frozenset({"dep", "parataxis"})
_RELATIVE_TAGS = frozenset({"WDT", "WP"})  # "which", "that", "who"
_HEDGE_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})


def parse_sentences(parser: Parser | None, text: str, spans: Sequence[tuple[int, int]]) -> dict[tuple[int, int], list[Token]]:
    """The parse of each sentence span of `text`, in document offsets; {} without a parser."""
    if parser is None or not spans:
        return {}
    out: dict[tuple[int, int], list[Token]] = {}
    for (lo, hi), toks in zip(spans, parser([text[lo:hi] for lo, hi in spans])):
        out[(lo, hi)] = [Token(lo + s, lo + e, dep, head, pos, tag) for s, e, dep, head, pos, tag in toks]
    return out


def _token_at(toks: list[Token], offset: int) -> int | None:
    for i, t in enumerate(toks):
        if t.start <= offset < t.end:
            return i
    return None


def _children(toks: list[Token], i: int) -> list[int]:
    return [j for j, t in enumerate(toks) if t.head == i and j != i]


def _extent(toks: list[Token], i: int) -> tuple[int, int]:
    """The character span of the subtree of token i."""
    lo, hi, stack = toks[i].start, toks[i].end, [i]
    while stack:
        for j in _children(toks, stack.pop()):
            lo, hi = min(lo, toks[j].start), max(hi, toks[j].end)
            stack.append(j)
    return lo, hi


def _head_of_figure(toks: list[Token], start: int, end: int) -> int | None:
    """The token of the figure whose head lies outside it (the figure's own root)."""
    inside = [i for i, t in enumerate(toks) if start <= t.start and t.end <= end]
    for i in inside:
        if toks[i].head not in inside or toks[i].head == i:
            return i
    return None


def grammatical_subject(toks: list[Token] | None, figure: tuple[int, int], orgs: list[Mention],
                        excluded: set[str]) -> list[Mention] | None:
    """The organisations that are the subject of the nearest verb above the figure that
    has one: "Allied Domecq, which has a capitalisation of £5.7bn" (the relative pronoun
    stands for Allied Domecq), "Merck claims to have cut costs by 98%". None when the
    parse cannot tell (no parse, no subject, or a subject that names no organisation)."""
    if not toks:
        return None
    i = _head_of_figure(toks, *figure)
    came = ""  # the label of the step up that reached token i
    seen: set[int] = set()
    while i is not None and i not in seen:
        seen.add(i)
        holder = _naming(toks, i, orgs, excluded, heads_only=True) if came else None
        if holder:
            # the figure describes an organisation: "with Google the next closest with up to 10%",
            # "with Google holding just 6 percent" (the noun a participle modifies does it)
            return holder
        subj = next((j for j in _children(toks, i) if toks[j].dep in _SUBJECT_DEPS), None)
        if subj is not None:
            if toks[subj].tag in _RELATIVE_TAGS and toks[i].dep == "relcl":
                subj = toks[i].head
            found = _naming(toks, subj, orgs, set())
            # A source credited for the figure is its subject only when it does what the
            # infinitive says ("Merck claims to have cut ..."), not in "Gartner predicts ...".
            if found and (found[0]["id"] in excluded or found[0].get("value", {}).get("name") in excluded) \
                    and came != "xcomp":
                return None
            return found
        if toks[i].head == i:
            return None
        came = toks[i].dep
        if came in _UNSURE:
            return None
        i = toks[i].head
    return None


def _naming(toks: list[Token], i: int, orgs: list[Mention], excluded: set[str],
            heads_only: bool = False) -> list[Mention] | None:
    """The organisation a subject names: its head word, else an apposition to it ("One
    Gluware customer — Merck —"); not an organisation inside a modifier of it."""
    heads = [i] + ([] if heads_only else [j for j in _children(toks, i) if toks[j].dep in ("appos", "conj")])
    for j in heads:
        t = toks[j]
        for o in orgs:
            if int(o["start"]) <= t.start and t.end <= int(o["end"]) and o["id"] not in excluded:
                return [o]
    return None


def not_verbs(toks: list[Token] | None, hits: list[tuple[int, int, str]], verb_only: frozenset[str]) -> set[int]:
    """Starts of hedge hits of a verb-only word that the tagger reads as a noun ("AI projects")."""
    if not toks:
        return set()
    out = set()
    for start, _end, word in hits:
        if " ".join(word.lower().split()) not in verb_only:
            continue
        i = _token_at(toks, start)
        if i is not None and toks[i].tag in _HEDGE_NOUN_TAGS:
            out.add(start)
    return out


def token_list(doc: Any) -> list[tuple[int, int, str, int, str, str]]:
    """A parsed spaCy Doc as the tuples a Parser returns."""
    return [(t.idx, t.idx + len(t.text), t.dep_, t.head.i - doc[0].i if len(doc) else 0, t.pos_, t.tag_) for t in doc]
