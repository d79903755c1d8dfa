"""A story built on one organisation's report credits its own-voice market figures
to it. Made-up names and sentences; mentions made by hand."""
from __future__ import annotations

from tests.values import Doc, money, org, pct

STORY = ("Firms spend little on agents, according to a Zelva Capital report seen by reporters.\n"
         "Agents take less than 4% of cloud spend. Zelva’s State of Agents research found more.\n"
         "Of the firms surveyed by Zelva, 31% use agents. Some projections put the market at $9 billion.\n"
         "Acme said it spends 12% of its budget on agents, the report states.")


def _story(with_back_references: bool = True) -> Doc:
    text = STORY if with_back_references else STORY.replace("Zelva’s State of Agents research", "A rival").replace(
        ", the report states", "")
    d = Doc("d", text)
    d.add("org", "Zelva Capital", org("Zelva Capital"))
    if with_back_references:
        d.add("org", "Zelva", org("Zelva Capital"), after="more.")
    d.add("org", "Zelva", org("Zelva Capital"), after="surveyed")
    d.add("org", "Acme", org("Acme"))
    for surface, value in (("4%", pct(4.0)), ("31%", pct(31.0)), ("12%", pct(12.0))):
        d.add("percent", surface, value)
    d.add("money", "$9 billion", money(9e9))
    return d


def _att(claims, surface):
    (c,) = [c for c in claims if c["sentence"]["text"].find(surface) >= 0 and c["amount"]]
    return (c["attribution"] or {}).get("source")


def test_own_voice_market_figures_of_a_story_built_on_a_report_are_credited_to_it():
    claims = _story().claims()
    assert _att(claims, "4%") == "Zelva Capital"
    assert _att(claims, "31%") == "Zelva Capital"  # "surveyed by Zelva"
    assert _att(claims, "$9 billion") is None  # another source's projection, hedged
    assert _att(claims, "12%") == "Acme"  # a company's own figure keeps its own source


def test_a_report_cited_only_twice_credits_nothing_else():
    claims = _story(with_back_references=False).claims()
    assert _att(claims, "4%") is None
