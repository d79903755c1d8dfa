"""Relative dates never depend on today's date: the whole run, under two different
system clocks (libfaketime, Debian's `faketime`), writes byte-identical files."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.conftest import CORPUS, ROOT

# The README's test command installs faketime; elsewhere these cannot run.
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("faketime") is None, reason="needs Debian's faketime: apt-get install faketime")]


def run_at(now: str, out, *extra: str) -> None:
    faketime = shutil.which("faketime")
    assert faketime, "the clock test needs Debian's faketime package: apt-get install faketime"
    cmd = [faketime, "-f", now, sys.executable, "-m", "pipeline.cli", "extract", str(CORPUS), "--out", str(out), "--workers", "1", "-q", *extra]
    subprocess.run(cmd, cwd=ROOT, check=True, timeout=300)


def test_the_fake_clock_is_seen(tmp_path):
    faketime = shutil.which("faketime")
    assert faketime, "the clock test needs Debian's faketime package: apt-get install faketime"
    out = subprocess.run([faketime, "-f", "@2031-07-04 12:00:00", sys.executable, "-c", "import datetime; print(datetime.date.today())"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "2031-07-04"


def test_two_clocks_give_identical_output(tmp_path):
    run_at("@2031-07-04 12:00:00", tmp_path / "a", "--ref-date", "2024-03-01")
    run_at("@1999-12-31 23:59:00", tmp_path / "b", "--ref-date", "2024-03-01")
    for name in ("mentions.jsonl", "documents.jsonl", "texts.jsonl", "mentions.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    lines = (tmp_path / "a" / "mentions.jsonl").read_text(encoding="utf-8").splitlines()
    dates = [l for l in lines if '"type": "date"' in l]
    # "last year" in an article without a date resolves against --ref-date, not the clock
    assert any('"text": "last year"' in l and '"value": "2023"' in l for l in dates)
