"""Crash safety: a run killed (SIGKILL) at any moment leaves no half-written output
under a final name, and a re-run completes to exactly the output of a clean run.

The CLI runs as a real subprocess over a dump of the seed articles (60 JSONL rows,
distinct ids), killed at seeded random moments, then re-run into the same folder."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import CORPUS, ROOT

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")]

ROWS = 60
SEED = 20240219
OUTPUTS = ("mentions.jsonl", "documents.jsonl", "texts.jsonl", "mentions.csv")


def _dump(path: Path) -> Path:
    """The seed articles cut to their first ~2,500 characters (whole lines), repeated
    under distinct ids: long enough for a run of a few seconds, short enough for CI."""
    meta = {}
    for line in (CORPUS / "metadata.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        meta[row["doc_id"]] = row.get("published")
    seeds = sorted(CORPUS.glob("*.txt"))
    rows = []
    for n in range(ROWS):
        src = seeds[n % len(seeds)]
        text = src.read_text(encoding="utf-8")[:2500]
        text = text[: text.rfind("\n") + 1] or text
        rows.append({"id": f"{src.stem}-{n:02d}", "text": text, "published": meta.get(src.stem)})
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _cmd(dump: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", "extract", str(dump), "--out", str(out), "--workers", "1", "--batch-size", "2", "-q"]


def _start(dump: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen(_cmd(dump, out), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _finish(dump: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(_cmd(dump, out), cwd=ROOT, capture_output=True, text=True, timeout=300)


def _kill(proc: subprocess.Popen) -> bool:
    """SIGKILL the run; whether it was still running."""
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stderr.close()
    return proc.returncode == -signal.SIGKILL


def _wait_for(path: Path, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)


def _temp_files(out: Path) -> list[str]:
    return sorted(p.name for p in out.glob(".*.tmp-*"))


def _complete_files(out: Path) -> dict[str, int]:
    """Lines of each output present under its final name; every line must parse."""
    found = {}
    for name in ("mentions.jsonl", "documents.jsonl", "texts.jsonl", "manifest.jsonl"):
        path = out / name
        if path.exists():
            lines = path.read_bytes().split(b"\n")
            assert lines[-1] == b"", f"{name} does not end with a newline"
            for line in lines[:-1]:
                json.loads(line)
            found[name] = len(lines) - 1
    return found


@pytest.fixture(scope="module")
def crashes(tmp_path_factory):
    base = tmp_path_factory.mktemp("crash")
    dump = _dump(base / "dump.jsonl")
    clean = base / "clean"
    t0 = time.monotonic()
    done = _finish(dump, clean)
    duration = time.monotonic() - t0
    assert done.returncode == 0, done.stderr

    rng = random.Random(SEED)
    out = base / "crashed"
    kills = []
    # Killed at seeded random moments: once while starting (imports, model loading)
    # or reading, twice after its temporary outputs appeared, while writing them.
    for stage, (lo, hi) in (("start", (0.1, 0.4)), ("writing", (0.0, 0.25)), ("writing", (0.05, 0.3))):
        proc = _start(dump, out)
        if stage == "writing":
            _wait_for(out / f".documents.jsonl.tmp-{proc.pid}", proc)
        time.sleep(rng.uniform(lo, hi) * duration)
        kills.append((proc.pid, _kill(proc), _temp_files(out), _complete_files(out)))

    rerun = _finish(dump, out)
    return SimpleNamespace(clean=clean, out=out, kills=kills, rerun=rerun, duration=duration)


def test_runs_were_killed_mid_run(crashes):
    assert sum(killed for _, killed, _, _ in crashes.kills) >= 2
    assert any(killed and any(t.endswith(f".tmp-{pid}") for t in temps) for pid, killed, temps, _ in crashes.kills)


def test_a_killed_run_leaves_no_torn_output(crashes):
    # Under its final name an output is whole or absent (each line parsed when the kill
    # was recorded): never the first documents of a run cut short.
    for _, _, _, complete in crashes.kills:
        for name in ("documents.jsonl", "texts.jsonl"):
            assert complete.get(name, ROWS) == ROWS, complete


def test_rerun_after_kills_equals_a_clean_run(crashes):
    assert crashes.rerun.returncode == 0, crashes.rerun.stderr
    assert "Traceback" not in crashes.rerun.stderr
    for name in OUTPUTS:
        assert (crashes.out / name).read_bytes() == (crashes.clean / name).read_bytes(), name


def test_rerun_output_parses_and_has_no_duplicates(crashes):
    complete = _complete_files(crashes.out)
    assert complete["documents.jsonl"] == ROWS
    ids = [json.loads(line)["id"] for line in (crashes.out / "mentions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert ids and len(ids) == len(set(ids))
    docs = [json.loads(line)["doc_id"] for line in (crashes.out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(docs) == len(set(docs)) == ROWS


def test_rerun_leaves_no_temp_files_of_its_own(crashes):
    killed = {pid for pid, _, _, _ in crashes.kills}
    own = [t for t in _temp_files(crashes.out) if int(t.rsplit("-", 1)[1]) not in killed]
    assert own == []


def test_rerun_removes_temp_files_of_killed_runs(crashes):
    killed = {str(pid) for pid, _, _, _ in crashes.kills}
    stale = [t for t in _temp_files(crashes.out) if t.rsplit("-", 1)[1] in killed]
    assert stale == []


class _Killed(BaseException):
    """Stands for SIGKILL inside the process: nothing catches it, nothing cleans up."""


def test_kill_between_renames_then_rerun_equals_a_clean_run(tmp_path, monkeypatch, nlp):
    from pipeline import cli

    rows = [json.loads(line) for line in _dump(tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()[:6]]
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    b.write_text("".join(json.dumps({**r, "text": "Revenue rose 7% to $9 million.\n" + r["text"]}) + "\n" for r in rows), encoding="utf-8")
    argv = ["--workers", "1", "--batch-size", "2", "-q"]
    clean, out = tmp_path / "clean", tmp_path / "out"
    assert cli.main(["extract", str(a), "--out", str(clean), *argv]) == 0
    assert cli.main(["extract", str(a), "--out", str(out), *argv]) == 0

    real_replace, calls = os.replace, []

    def replace_then_die(src, dst):
        calls.append(dst)
        if len(calls) == 2:  # the first output is in place, the rest and the manifest are not
            raise _Killed
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace_then_die)
    with pytest.raises(_Killed):
        cli.main(["extract", str(b), "--out", str(out), *argv])
    monkeypatch.setattr(os, "replace", real_replace)

    assert cli.main(["extract", str(a), "--out", str(out), *argv]) == 0
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (clean / name).read_bytes(), name
