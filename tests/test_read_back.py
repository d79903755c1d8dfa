"""The output files are read back with the standard json module, not srsly: the
ujson that srsly bundles reads some ordinary decimals one bit off (2.663 comes
back as 2.6630000000000003), so a value shown in report.html, newsfacts.sqlite or
a score would no longer be the value written."""
from __future__ import annotations

import json
from pathlib import Path

from pipeline.evaluate import load_jsonl
from pipeline.report import read_jsonl

VALUES = [2.663, 1.344e-05, 0.0647156165319303, 4.260906797e-06, 1.7976931348623157e308]


def test_values_read_back_as_written(tmp_path: Path) -> None:
    path = tmp_path / "mentions.jsonl"
    path.write_text("".join(json.dumps({"id": str(i), "value": v}) + "\n" for i, v in enumerate(VALUES)), encoding="utf-8")
    assert [r["value"] for r in read_jsonl(path)] == VALUES
    assert [r["value"] for r in load_jsonl(path)] == VALUES
