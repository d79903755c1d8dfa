"""The switch to a run's new state is atomic: an incremental run that adds, changes
and removes documents, stopped at any of its renames (killed, or the disk full),
leaves a folder from which a re-run gives byte for byte what an uninterrupted run
gives, the documents kept from earlier runs included. Earlier outputs that are not
what the manifest describes (edited, torn) are set aside with a warning, never a
crash."""
from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from pipeline import cli
from pipeline.export import OutputWriter
from pipeline.incremental import ManifestWriter
from tests.conftest import CORPUS

OUTPUTS = ("mentions.jsonl", "documents.jsonl", "texts.jsonl", "claims.jsonl", "mentions.csv", "mentions.parquet")
ARGS = ("--workers", "1", "--batch-size", "2", "-q")


def _rows() -> list[dict]:
    meta = {json.loads(x)["doc_id"]: json.loads(x).get("published")
            for x in (CORPUS / "metadata.jsonl").read_text(encoding="utf-8").splitlines()}
    rows = []
    for n, src in enumerate(sorted(CORPUS.glob("*.txt"))[:4]):
        text = src.read_text(encoding="utf-8")[:700]
        rows.append({"id": f"d{n}", "text": text[: text.rfind("\n") + 1] or text, "published": meta.get(src.stem)})
    return rows


def _inputs(tmp: Path) -> tuple[Path, Path]:
    """a: four documents; b: d0 changed, d1 and d2 unchanged, d3 removed (kept from a), d9 new."""
    rows = _rows()
    a, b = tmp / "a.jsonl", tmp / "b.jsonl"
    a.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    changed = {**rows[0], "text": "Revenue rose 7% to $9 million in 2023.\n" + rows[0]["text"]}
    new = {**rows[1], "id": "d9", "text": "Tencent said revenue rose 8% to $3 billion in 2023.\n"}
    b.write_text("".join(json.dumps(r) + "\n" for r in [changed, rows[1], rows[2], new]), encoding="utf-8")
    return a, b


def _run(path: Path, out: Path) -> int:
    return cli.main(["extract", str(path), "--out", str(out), *ARGS])


def _same(out: Path, clean: Path) -> None:
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (clean / name).read_bytes(), name


class _Killed(BaseException):
    """Stands for SIGKILL inside the process: nothing catches it."""


@pytest.fixture(scope="module")
def runs(tmp_path_factory, nlp):
    base = tmp_path_factory.mktemp("switch")
    a, b = _inputs(base)
    clean = base / "clean"
    assert _run(a, clean) == 0
    real, calls = os.replace, []

    def counting(src, dst):
        calls.append(Path(dst).name)
        real(src, dst)

    os.replace = counting
    try:
        assert _run(b, clean) == 0
    finally:
        os.replace = real
    kept = {json.loads(x)["doc_id"] for x in (clean / "documents.jsonl").read_text(encoding="utf-8").splitlines()}
    assert kept == {"d0", "d1", "d2", "d3", "d9"}  # d3 kept from the first run
    return base, a, b, clean, calls


def _renames(runs) -> list[int]:
    return list(range(1, len(runs[4]) + 1))


@pytest.mark.slow
@pytest.mark.parametrize("failure", ["kill", "disk-full"])
def test_a_stop_at_any_rename_then_a_rerun_equals_an_uninterrupted_run(runs, monkeypatch, failure):
    base, a, b, clean, calls = runs
    assert "manifest.jsonl" in calls and len(calls) >= 7
    real = os.replace
    for k in range(1, len(calls) + 1):
        out = base / f"{failure}-{k}"
        assert _run(a, out) == 0
        seen = []

        def failing(src, dst):
            seen.append(dst)
            if len(seen) == k:
                if failure == "kill":
                    raise _Killed
                raise OSError(errno.ENOSPC, "No space left on device")
            real(src, dst)

        with monkeypatch.context() as m:
            m.setattr(os, "replace", failing)
            if failure == "kill":  # a killed process cleans nothing up
                m.setattr(OutputWriter, "abort", lambda self, keep_outputs=False: None)
                m.setattr(ManifestWriter, "abort", lambda self: None)
                with pytest.raises(_Killed):
                    _run(b, out)
            else:
                assert _run(b, out) == 2
        assert _run(b, out) == 0, (failure, k, calls[k - 1])
        _same(out, clean)
        assert not list(out.glob(".*.tmp-*")), (failure, k)


def _torn(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _edited(path: Path) -> None:
    """The same size, another document id: JSON that parses, but not what was written."""
    data = path.read_bytes()
    assert b'"d1"' in data
    path.write_bytes(data.replace(b'"d1"', b'"dX"', 1))


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, spoil",
    [("mentions.jsonl", _torn), ("mentions.jsonl", _edited), ("texts.jsonl", _torn), ("texts.jsonl", _edited),
     ("manifest.jsonl", _torn)],
    ids=["mentions-torn", "mentions-edited", "texts-torn", "texts-edited", "manifest-torn"],
)
def test_spoiled_earlier_state_is_set_aside_with_a_warning(runs, capsys, name, spoil):
    base, a, b, clean, _ = runs
    out = base / f"spoiled-{name}-{spoil.__name__}"
    assert _run(a, out) == 0 and _run(b, out) == 0
    spoil(out / name)
    capsys.readouterr()
    assert _run(b, out) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "warning" in err, err
    assert _run(b, out) == 0  # and the run after it is fine too
    if name == "mentions.jsonl":  # the stored texts still serve: nothing is lost
        _same(out, clean)
    else:  # the documents of these inputs are all there, remade
        docs = {json.loads(x)["doc_id"] for x in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()}
        assert {"d0", "d1", "d2", "d9"} <= docs
