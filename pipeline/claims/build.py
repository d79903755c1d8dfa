"""The claims of one document, sentence by sentence."""
from __future__ import annotations

from typing import Any, Iterable

from pipeline.claims.attribution import (
    figure_hedges,
    find_attribution,
    org_name,
    self_report,
    sentence_hedges,
)
from pipeline.claims.continuation import attach_continuation, continues
from pipeline.claims.counts import count_drafts
from pipeline.claims.cues import cue_key, verb_only_hedges
from pipeline.claims.figures import Draft, Figure, find_figures, pair_baselines, pair_restatements
from pipeline.claims.linking import (
    assign_metrics,
    bare_count,
    claim_period,
    group_figures,
    metric_cues,
)
from pipeline.claims.names import document_names, renamed
from pipeline.claims.periods import carry_periods, periods_from_bases
from pipeline.claims.rates import find_stated_rates
from pipeline.claims.render import anchored, render_claim
from pipeline.claims.reports import report_source
from pipeline.claims.sentences import (
    Mention,
    Sentence,
    Span,
    cites,
    mentions_by_sentence,
    overlaps,
)
from pipeline.claims.subjects import (
    SUBJECTLESS,
    carried_subjects,
    counterparties,
    earlier_sentences,
    find_scope,
    find_subjects,
    inherited_subjects,
    owner_org,
)
from pipeline.claims.syntax import Parser, Token, grammatical_subject, not_verbs, parse_sentences
from pipeline.records import Mention as Record


# Verbs by which a person is credited: "he" before them is the last such person.
_SPEECH_TO_PERSON = frozenset({"said", "says", "told", "added", "estimated", "stated", "noted"})


def _referent(text: str, sent: Sentence, orgs: list[Mention], orgs_by_span: dict[Span, list[Mention]],
              credits: dict[Span, Any]):
    """Who "he" or "it" before an attribution verb is: the last person credited before
    it, or the organisation the sentence or the text before is about. `credits` keeps
    the attribution of each earlier sentence, found once per document."""
    def credit(span: Span) -> Any:
        if span not in credits:
            earlier = Sentence(span[0], span[1], text[span[0]:span[1]])
            credits[span] = find_attribution(text, earlier, orgs_by_span.get(span, []))[0]
        return credits[span]

    def find(kind: str, at: int) -> dict[str, Any] | None:
        if kind == "org":
            subjects = find_subjects(text, sent, orgs, at, set()) or carried_subjects(text, sent, at, orgs_by_span)
            return {"source": subjects[0]["name"], "mention_id": subjects[0]["mention_id"]} if subjects else None
        for span in earlier_sentences(text, sent.start):
            att = credit(span)
            if att is not None and att["mention_id"] is None and att["cue"] in _SPEECH_TO_PERSON:
                return {"source": att["source"], "mention_id": None}
        return None
    return find


def _default_metric(draft: Draft) -> str:
    """A claim names a metric of the standard's list: a percentage that is neither a
    change nor cued is a share of something; anything else uncued is "other"."""
    if draft.amount is not None and draft.amount.m["type"] == "percent" and draft.change is None:
        return "share_of_total"
    return "other"


def _claims_of_sentence(
    doc_id: str,
    text: str,
    sent: Sentence,
    ms: list[Mention],
    orgs_by_span: dict[Span, list[Mention]],
    figs: list[Figure],
    published: str | None,
    rates: list[dict[str, Any]],
    counts: list[Draft],
    credits: dict[Span, Any],
    report: dict[str, Any] | None = None,
    toks: list[Token] | None = None,
) -> list[dict[str, Any]]:
    orgs = [m for m in ms if m["type"] == "org"]
    named = [(int(m["start"]), int(m["end"])) for m in ms if m["type"] in ("org", "model")]
    cues = metric_cues(text, sent, named)
    assign_metrics(text, figs, cues, sent)
    drafts = group_figures(text, figs, orgs)
    blocked = [(int(m["start"]), int(m["end"])) for m in ms]
    held = {c["start"] for d in drafts for c in [bare_count(text, sent, d, blocked)] if c}
    drafts += [d for d in counts if d.count["start"] not in held]
    drafts.sort(key=lambda d: d.first)
    referent = _referent(text, sent, orgs, orgs_by_span, credits)
    attribution, speech, cue_end = find_attribution(text, sent, orgs, referent)
    excluded: set[str] = set()
    if attribution and attribution["mention_id"] and attribution.get("via") != "anaphora":
        # a source is not its own subject; but in "Zhipu raised $700 million, the company
        # said" the speaker is "the company", and Zhipu, named in the sentence, is both
        excluded = {attribution["mention_id"], attribution["source"]}
    dates = [m for m in ms if m["type"] == "date"]
    scope = find_scope(text, sent, named)
    hedge_hits = sentence_hedges(text, sent)
    nouns = not_verbs(toks, hedge_hits, verb_only_hedges())
    hedge_hits = [h for h in hedge_hits if h[0] not in nouns]
    date_spans = [(int(d["start"]), int(d["end"])) for d in dates]
    out = []
    for draft in drafts:
        if draft.metric in SUBJECTLESS:  # a market's figure, unless an organisation owns it ("Acme's exports")
            owner = owner_org(text, sent, orgs, draft.first, excluded)
            subjects = [{"name": org_name(owner), "mention_id": owner["id"]}] if owner else []
        else:
            head = draft.figures[0]
            owner = owner_org(text, sent, orgs, draft.first, excluded)  # "Microsoft's 15 percent"
            parsed = [owner] if owner else grammatical_subject(toks, (head.start, head.end), orgs, excluded)
            subjects = ([{"name": org_name(o), "mention_id": o["id"]} for o in parsed] if parsed
                        else find_subjects(text, sent, orgs, draft.first, excluded))
        if not subjects and draft.metric not in SUBJECTLESS and speech and attribution and attribution["mention_id"]:
            subjects = self_report(text, sent, attribution, cue_end, draft.first)
        if not subjects and draft.metric not in SUBJECTLESS:
            subjects = inherited_subjects(text, sent, orgs_by_span) or carried_subjects(
                text, sent, draft.first, orgs_by_span)
        hedges = figure_hedges(text, sent, (draft.first, draft.last_end), hedge_hits, date_spans)
        credited = attribution
        if credited is None and report is not None and report["start"] <= sent.start and not subjects and not hedges:
            # a market figure in the article's own voice, in a story built on one report
            credited = {k: report[k] for k in ("source", "mention_id", "cue")} | {"via": "report"}
        ctx = {
            "subjects": subjects,
            "counterparties": counterparties(text, sent, orgs, draft.metric, draft.cue.text if draft.cue else None,
                                              subjects, excluded, (draft.first, draft.last_end)),
            "scope": scope,
            "count": bare_count(text, sent, draft, blocked),
            "period": claim_period(text, sent, draft, dates, figs),
            "attribution": dict(credited) if credited else None,
            "hedges": hedges,
            "published": published,
            "rates": rates,
            "text": text,
        }
        claim = render_claim(doc_id, sent, len(out), draft, ctx)
        if anchored(claim):
            claim["metric"] = claim["metric"] or _default_metric(draft)
            out.append(claim)
    return out


def _verb_only_hedge(text: str, span: Span) -> bool:
    words = verb_only_hedges()
    sent = Sentence(span[0], span[1], text[span[0]:span[1]])
    return any(cue_key(w) in words for _s, _e, w in sentence_hedges(text, sent))


def build_claims(
    doc_id: str, text: str, mentions: Iterable[Record | dict[str, Any]], published: str | None = None,
    parser: Parser | None = None,
) -> list[dict[str, Any]]:
    """Claims of one document, in text order. `mentions` are mention records of this
    document, as pipeline.extract returns them or as mentions.jsonl holds them
    (others, and any whose offsets do not slice `text`, are ignored);
    `published` (YYYY-MM-DD) dates the article for currency checks; `parser`, when
    given, parses the sentences that hold a figure (pipeline/claims/syntax.py)."""
    ms = [m for m in (r.to_dict() if isinstance(r, Record) else r for r in mentions)
          if m.get("doc_id", doc_id) == doc_id and cites(text, m)]
    ms = renamed(ms, document_names(text, ms))
    rates = find_stated_rates(text)
    rate_spans = [(r["start"], r["end"]) for r in rates]
    # The money of "1 yuan equals $0.14" is a rate, not a claim.
    ms = [m for m in ms if not (m["type"] == "money" and overlaps((int(m["start"]), int(m["end"])), rate_spans))]
    by_sentence = mentions_by_sentence(text, ms)
    report = report_source(text, [m for m in ms if m["type"] == "org"])
    orgs_by_span = {span: [m for m in sms if m["type"] == "org"] for span, sms in by_sentence.items()}
    claims: list[dict[str, Any]] = []
    credits: dict[Span, Any] = {}
    # Parsed only where the parse decides something: a figure with an organisation that may
    # be its subject, or a hedge word that hedges only as a verb.
    parses = parse_sentences(parser, text, [
        span for span, sms in sorted(by_sentence.items())
        if any(m["type"] in ("money", "percent") for m in sms)
        and (any(m["type"] == "org" for m in sms) or _verb_only_hedge(text, span))]) if parser else {}
    for (lo, hi), sms in sorted(by_sentence.items()):
        sent = Sentence(lo, hi, text[lo:hi])
        figs = find_figures(text, sent, [m for m in sms if m["type"] in ("money", "percent")])
        counts = count_drafts(text, sent, sms)
        if not figs and not counts:
            continue
        # "The total deal value fell 30%" carries on the last figure of money or percent, not a count
        last = next((c for c in reversed(claims) if c["amount"] is not None or c["change"] is not None), None)
        if figs and continues(text, sent, figs, last):
            attach_continuation(last, sent, figs[0], text, orgs_by_span.get((lo, hi), []))
            continue
        pair_restatements(text, figs)
        pair_baselines(text, sent, figs)
        claims += _claims_of_sentence(doc_id, text, sent, sms, orgs_by_span, figs, published, rates, counts,
                                      credits, report, parses.get((lo, hi)))
    dates = {m["id"]: m for m in ms if m["type"] == "date"}
    periods_from_bases(text, claims, dates, {m["id"]: m for m in ms})
    carry_periods(claims, {span for span, sms in by_sentence.items() if any(m["type"] == "date" for m in sms)}, dates)
    return claims

