"""benchmarks/sample_dropped.py: the mentions it draws are those whose name the bar drops."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import sample_dropped  # noqa: E402
from pipeline.normalize.org_mention import MENTION_FEATURES, found_features  # noqa: E402


def test_only_mentions_of_names_under_the_bar_are_drawn(monkeypatch):
    text = "Quillby said so. Tallow raised $5m. Quillby grew. Acme Corp rose."
    weak = {**found_features("ner", ""), **{k: 0.0 for k in MENTION_FEATURES if not k.startswith(("how_", "origin_"))}}
    sure = {**weak, "said": 1.0}
    found = {
        ("d", 0, 7): (weak, "Quillby"),
        ("d", 36, 43): (weak, "Quillby"),
        ("d", 17, 23): (sure, "Tallow"),
        ("d", 50, 59): None,  # listed or in a legal form: never weighed
    }
    monkeypatch.setattr(sample_dropped, "mention_examples", lambda texts: found)
    # a bias that puts a bare name under the bar, a weight that lifts a name that speaks over it
    model = (-5.0, {"said": 10.0}, 0.35)
    monkeypatch.setattr("pipeline.normalize.org_mention._model", lambda: model)
    rows, weighed = sample_dropped.dropped({"d": text})
    assert weighed == 3
    assert [(r["text"], r["start"], r["how"]) for r in rows] == [("Quillby", 0, "ner"), ("Quillby", 36, "ner")]
    assert all(r["p"] < 0.35 for r in rows)
