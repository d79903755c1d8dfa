"""Signals: SIGTERM and SIGHUP stop a run as Ctrl-C does (a message, workers
stopped, temporary files removed, the output lock freed, exit 128 + the signal), and
a parent killed outright (SIGKILL) leaves no worker alive and no caller waiting on
its pipes."""
from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from pipeline.outlock import exclusive
from tests.conftest import ROOT
from tests.test_crash import _dump

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not hasattr(signal, "SIGHUP") or not sys.platform.startswith("linux"),
                                 reason="POSIX signals, Linux process table")]


def _start(dump: Path, out: Path, workers: int = 2) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "pipeline.cli", "extract", str(dump), "--out", str(out),
           "--workers", str(workers), "--batch-size", "2", "-q"]
    return subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _workers_busy(proc: subprocess.Popen, out: Path, n: int, timeout: float = 120) -> list[psutil.Process]:
    """Wait until the run writes its outputs with `n` workers started; its descendants."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        kids = [k for k in psutil.Process(proc.pid).children(recursive=True) if _cmdline(k) is not None]
        workers = [k for k in kids if k.ppid() != proc.pid]  # the forkserver's children
        if len(workers) >= n and (out / f".documents.jsonl.tmp-{proc.pid}").exists():
            time.sleep(0.2)  # inside the run
            return kids
        time.sleep(0.05)
    pytest.fail(f"the run did not get going: {proc.poll()}")


def _cmdline(p: psutil.Process) -> str | None:
    try:
        return " ".join(p.cmdline()) if p.status() != psutil.STATUS_ZOMBIE else None
    except psutil.Error:
        return None


def _gone(procs: list[psutil.Process], timeout: float = 20) -> list[psutil.Process]:
    """Those of `procs` still alive after `timeout` (zombies count as gone)."""
    deadline = time.monotonic() + timeout
    alive = procs
    while alive and time.monotonic() < deadline:
        alive = [p for p in alive if _cmdline(p) is not None]
        time.sleep(0.1)
    return alive


@pytest.fixture(scope="module")
def dump(tmp_path_factory):
    return _dump(tmp_path_factory.mktemp("signals") / "dump.jsonl")


@pytest.mark.parametrize("sig, status", [(signal.SIGTERM, 143), (signal.SIGHUP, 129)], ids=["SIGTERM", "SIGHUP"])
def test_sigterm_and_sighup_stop_the_run_cleanly(dump, tmp_path, sig, status):
    out = tmp_path / "out"
    proc = _start(dump, out)
    kids = _workers_busy(proc, out, 2)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == status, err
    assert signal.Signals(sig).name in err.decode() and b"Traceback" not in err
    assert _gone(kids) == []
    assert list(out.glob(".*.tmp-*")) == []
    assert not (out / "mentions.jsonl").exists()
    with exclusive(out):  # the lock is free
        pass


def test_a_sigkilled_parent_leaves_no_worker_and_no_caller_waiting(dump, tmp_path):
    out = tmp_path / "out"
    proc = _start(dump, out)
    kids = _workers_busy(proc, out, 2)
    proc.send_signal(signal.SIGKILL)
    t0 = time.monotonic()
    proc.communicate(timeout=30)  # the pipes reach their end: nobody holds them open
    assert time.monotonic() - t0 < 30
    assert _gone(kids) == []
