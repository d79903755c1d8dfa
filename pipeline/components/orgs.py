"""newsfacts_orgs: organisations from the gazetteer and the model's ORG entities,
filtered, extended to every recurrence in the document and given one canonical
name each. Runs after the other components so it never claims their spans."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extensions import FACTS_KEY, add_fact, text_of
from pipeline.normalize.text import Occupied
from pipeline.normalize.orgs import (
    canonical,
    clean_span,
    find_gazetteer_orgs,
    find_suffixed_names,
    is_heading,
    short_forms,
    ticker_spans,
)


class OrgFinder:
    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        taken = [(s.start_char, s.end_char) for s in doc.spans[FACTS_KEY]] if FACTS_KEY in doc.spans else []
        tickers = ticker_spans(text)
        taken += [(s, e) for s, e, _ in tickers]
        cands: list[tuple[int, int, str]] = [(s, e, "gazetteer") for s, e in find_gazetteer_orgs(text)]
        cands += [(s, e, "suffix") for s, e in find_suffixed_names(text) if not is_heading(text, s, e)]
        # "Altman" alone is the surname of the "Sam Altman" the model found, not a company.
        surnames = {ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1}
        for ent in doc.ents:
            if ent.label_ != "ORG":
                continue
            span = clean_span(text, ent.start_char, ent.end_char)
            if span and not is_heading(text, *span) and text[span[0] : span[1]] not in surnames:
                cands.append((*span, "ner"))
        chosen = _select(cands, taken)
        # One sense per document: a name found once is an organisation wherever it
        # recurs, and so is its short form ("Moonshot AI", then "Moonshot").
        names: dict[str, str] = {}
        for s, e, _ in chosen:
            full = text[s:e]
            names.setdefault(full, canonical(full)[0])
            for short in short_forms(full):
                names.setdefault(short, names[full])
        names = {n: c for n, c in names.items() if len(n) > 1}
        if names:
            rx = re.compile(r"(?<![\w@#&.-])(?:" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")(?![\w&]|\.\w)")
            extra = [(m.start(), m.end(), "one-sense") for m in rx.finditer(text)]
            chosen = _select(chosen + extra, taken)
        for s, e, how in sorted(chosen):
            name, org_id = canonical(text[s:e])
            if org_id is None and text[s:e] in names:
                name = names[text[s:e]]
            method = f"gazetteer:{org_id}" if org_id else ("ner" if how == "ner" else f"rule:org-{how}")
            value = {"name": name, "ticker": _ticker_after(text, e, tickers, chosen)}
            add_fact(doc, s, e, "org", value, method)
        return doc


def _select(cands: list[tuple[int, int, str]], taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Non-overlapping candidates: the gazetteer first, then longer spans."""
    rank = {"gazetteer": 0, "suffix": 1, "ner": 2, "one-sense": 3}
    out: list[tuple[int, int, str]] = []
    occupied = Occupied(taken)
    for s, e, how in sorted(cands, key=lambda c: (rank[c[2]], -(c[1] - c[0]), c[0])):
        if occupied.free(s, e):
            out.append((s, e, how))
            occupied.add(s, e)
    return out


def _ticker_after(text: str, end: int, tickers: list[tuple[int, int, str]], chosen: list[tuple[int, int, str]]) -> str | None:
    """'Baidu (NASDAQ: BIDU)', "Baidu's Hong Kong stock (HKG: 9888)": the nearest ticker
    within a few words after the name, with no other organisation in between."""
    for s, _, sym in tickers:
        if end <= s <= end + 40 and "\n" not in text[end:s] and not any(end <= cs < s for cs, _, _ in chosen):
            return sym
    return None


@Language.factory("newsfacts_orgs")
def make_orgs(nlp: Language, name: str) -> OrgFinder:
    return OrgFinder()
