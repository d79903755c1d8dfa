"""benchmarks/sample_records.py: the records it draws from a run, by type."""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import sample_records  # noqa: E402


def test_records_by_type_and_flags(tmp_path: Path):
    mentions = [{"id": "b:org:5-9", "doc_id": "b", "type": "org", "text": "Acme"},
                {"id": "a:org:0-4", "doc_id": "a", "type": "org", "text": "Beta"},
                {"id": "a:money:9-12", "doc_id": "a", "type": "money", "text": "$5m"}]
    claims = [{"id": "a:claim:0-20:0", "doc_id": "a", "sentence": {"text": "Beta raised $5m."},
               "flags": [{"flag": "conversion_ok"}, {"flag": "corroborated", "count": 2}]},
              {"id": "b:claim:0-9:0", "doc_id": "b", "sentence": {"text": "x"}, "flags": []}]
    for name, rows in (("mentions.jsonl", mentions), ("claims.jsonl", claims)):
        (tmp_path / name).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert [m["text"] for m in sample_records.records(tmp_path, "org")] == ["Beta", "Acme"]
    flags = sample_records.records(tmp_path, "flag")
    assert [f["text"] for f in flags] == ["conversion_ok", "corroborated"]
    assert flags[1]["sentence"] == "Beta raised $5m." and flags[1]["detail"]["count"] == 2


def test_flags_are_drawn_one_per_document_and_sentence_before_any_repeats():
    pool = [{"id": f"a#{i}", "doc_id": "a", "sentence": f"A said {i}."} for i in range(40)]
    pool += [{"id": "b#0", "doc_id": "b", "sentence": "Same words."},
             {"id": "c#0", "doc_id": "c", "sentence": "same  WORDS."},  # a near-copy of b's
             {"id": "d#0", "doc_id": "d", "sentence": "D said."}]
    picked = sample_records.spread_sample(pool, 3, seed=1)
    assert sorted(r["doc_id"] for r in picked)[0] == "a" and len({r["doc_id"] for r in picked}) == 3
    assert len({sample_records._said(r) for r in picked}) == 3
    more = sample_records.spread_sample(pool, 6, seed=1)
    assert len(more) == 6 and sum(r["doc_id"] == "a" for r in more) == 4  # a alone has more to give
    assert sample_records.spread_sample(pool, 6, seed=1) == more  # the same seed, the same sample


def test_workers_reach_extract_only_when_given(tmp_path: Path, monkeypatch):
    from pipeline import cli

    runs = []
    monkeypatch.setattr(sample_records, "draw_documents", lambda per_dump, seed: [])
    monkeypatch.setattr(cli, "main", lambda argv: runs.append(argv) or 2)
    sample_records.main(["--out", str(tmp_path), "--workers", "2"])
    sample_records.main(["--out", str(tmp_path)])
    assert runs[0][-2:] == ["--workers", "2"] and "--workers" not in runs[1]
