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
