"""The components follow spaCy's conventions: found by name through the
`spacy_factories` entry point, configurable, and declaring what they assign."""
from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import spacy

from pipeline.nlp import COMPONENTS, DEFAULT_MODEL

ROOT = Path(__file__).resolve().parent.parent


def test_every_component_is_an_installed_entry_point():
    declared = {ep.name for ep in entry_points(group="spacy_factories")}
    missing = set(COMPONENTS) - declared
    assert not missing, f"not installed as spacy_factories entry points (pip install .): {sorted(missing)}"


@pytest.mark.slow
def test_add_pipe_by_name_without_importing_the_package():
    # spaCy itself imports the entry point's module when it looks the name up
    script = f"""
import pytest
import spacy
nlp = spacy.load({DEFAULT_MODEL!r})
nlp.add_pipe("newsfacts_money")
doc = nlp("The startup raised $1.2 billion in March.")
print([(s.text, s.label_) for s in doc.spans["facts"]])
"""
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "('$1.2 billion', 'money')" in run.stdout


def test_spans_key_is_a_config_value():
    nlp = spacy.blank("en")
    nlp.add_pipe("newsfacts_money", config={"spans_key": "figures"})
    nlp.add_pipe("newsfacts_dates", config={"spans_key": "figures"})
    doc = nlp("Sales rose to $30 million in 2023.")
    assert "facts" not in doc.spans
    assert sorted((s.text, s.label_) for s in doc.spans["figures"]) == [("$30 million", "money"), ("2023", "date")]


def test_dates_yield_to_a_figure_already_found_under_the_same_key():
    nlp = spacy.blank("en")
    nlp.add_pipe("newsfacts_money", config={"spans_key": "k"})
    nlp.add_pipe("newsfacts_dates", config={"spans_key": "k"})
    doc = nlp("They paid $2019 for it.")
    assert [s.label_ for s in doc.spans["k"]] == ["money"]


def test_pipe_analysis_finds_nothing_unmet(nlp):
    problems = nlp.analyze_pipes()["problems"]
    assert not any(problems.values()), problems
