"""Batch runs: incremental re-runs, worker processes and Dask give the same records."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline import cli
from pipeline.records import Article
from tests.conftest import CORPUS


def read(out, name="mentions.jsonl"):
    return [json.loads(l) for l in (out / name).read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def dump(tmp_path_factory):
    """The seed articles as a JSONL dump (live/dump.jsonl), and a grown version of the
    same file (v2.jsonl) with one more article and one changed."""
    base = tmp_path_factory.mktemp("dump")
    rows = []
    meta = {json.loads(l)["doc_id"]: json.loads(l) for l in (CORPUS / "metadata.jsonl").read_text().splitlines()}
    for p in sorted(CORPUS.glob("*.txt")):
        rows.append({"id": p.stem, "text": p.read_text(encoding="utf-8"), "published": meta[p.stem]["published"]})
    (base / "v1.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (base / "live").mkdir()
    shutil.copy(base / "v1.jsonl", base / "live" / "dump.jsonl")
    grown = rows + [{"id": "new", "text": "Acme raised $5 million, up 20% from 2023."}]
    grown[0] = {**grown[0], "text": grown[0]["text"] + "\nIt added $7 million."}
    (base / "v2.jsonl").write_text("".join(json.dumps(r) + "\n" for r in grown), encoding="utf-8")
    return base


@pytest.fixture(scope="module")
def serial(dump, tmp_path_factory, nlp):
    out = tmp_path_factory.mktemp("serial")
    assert cli.main(["extract", str(dump / "live"), "--out", str(out), "--workers", "1", "-q"]) == 0
    return out


@pytest.mark.slow
def test_incremental_rerun_processes_only_new_or_changed(dump, serial, tmp_path, capsys):
    out = tmp_path / "inc"
    shutil.copytree(serial, out)
    live = tmp_path / "live"
    live.mkdir()
    shutil.copy(dump / "v2.jsonl", live / "dump.jsonl")  # the dump grew in place
    capsys.readouterr()
    assert cli.main(["extract", str(live), "--out", str(out), "--workers", "1"]) == 0
    assert "processed 2, unchanged 4" in capsys.readouterr().err
    full = tmp_path / "full"
    assert cli.main(["extract", str(live), "--out", str(full), "--workers", "1", "--force", "-q"]) == 0
    for name in ("mentions.jsonl", "documents.jsonl", "mentions.csv"):
        assert (out / name).read_bytes() == (full / name).read_bytes(), name
    ids = [m["id"] for m in read(out)]
    assert len(ids) == len(set(ids))
    assert any(m["doc_id"] == "new" for m in read(out))


def _rerun_on_one_document(dump: Path, serial: Path, tmp_path: Path, *flags: str) -> Path:
    """A copy of the serial run's output, re-run on an input holding only its first document."""
    out = tmp_path / "keep"
    shutil.copytree(serial, out)
    live = tmp_path / "live"
    live.mkdir()
    (live / "dump.jsonl").write_text((dump / "v1.jsonl").read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert cli.main(["extract", str(live), "--out", str(out), "--workers", "1", "-q", *flags]) == 0
    return out


@pytest.mark.slow
def test_documents_missing_from_a_rerun_are_kept(dump, serial, tmp_path):
    out = _rerun_on_one_document(dump, serial, tmp_path)
    assert sorted(m["id"] for m in read(out)) == sorted(m["id"] for m in read(serial))


@pytest.mark.slow
def test_worker_processes_give_identical_output(dump, serial, tmp_path):
    assert cli.main(["extract", str(dump / "live"), "--out", str(tmp_path), "--workers", "2", "--batch-size", "2", "-q"]) == 0
    for name in ("mentions.jsonl", "documents.jsonl"):
        assert (tmp_path / name).read_bytes() == (serial / name).read_bytes()


@pytest.mark.slow
def test_dask_local_cluster_gives_the_records_of_a_local_run(dump, serial, tmp_path):
    pytest.importorskip("distributed", reason="the dask extra is part of the test extra")
    code = cli.main(
        ["extract", str(dump / "live"), "--out", str(tmp_path), "--engine", "dask", "--workers", "2", "--batch-size", "2", "-q"]
    )
    assert code == 0
    local = {m["id"]: m["value"] for m in read(serial)}
    dataset = pd.read_parquet(tmp_path / "mentions_dataset")
    assert len(list((tmp_path / "mentions_dataset").glob("part-*.parquet"))) >= 1
    assert {i: json.loads(v) for i, v in zip(dataset["id"], dataset["value"])} == local
    assert {m["id"]: m["value"] for m in read(tmp_path)} == local


def test_unreachable_scheduler_is_a_clear_error(dump, tmp_path, capsys):
    pytest.importorskip("distributed", reason="the dask extra is part of the test extra")
    code = cli.main(["extract", str(dump / "v1.jsonl"), "--out", str(tmp_path), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9", "-q"])
    assert code == 2
    assert "cannot reach the Dask scheduler" in capsys.readouterr().err


@pytest.mark.slow
def test_documents_missing_from_a_forced_rerun_are_remade_not_lost(dump, serial, tmp_path):
    out = _rerun_on_one_document(dump, serial, tmp_path, "--force")
    # every earlier document is still there, its records remade from its stored text
    assert sorted(m["id"] for m in read(out)) == sorted(m["id"] for m in read(serial))
    assert sorted(d["doc_id"] for d in read(out, "documents.jsonl")) == sorted(d["doc_id"] for d in read(serial, "documents.jsonl"))


def test_an_output_folder_inside_the_input_folder_is_not_read_back(tmp_path):
    (tmp_path / "a.txt").write_text("Acme raised $5 million in 2023.", encoding="utf-8")
    out = tmp_path / "out"
    for _ in range(2):
        assert cli.main(["extract", str(tmp_path), "--out", str(out), "--workers", "1", "-q"]) == 0
    assert [d["doc_id"] for d in read(out, "documents.jsonl")] == ["a"]


def test_a_document_whose_claims_fail_keeps_its_mentions(tmp_path, monkeypatch, nlp):
    import pipeline.claims

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Acme raised $5 million in 2023.", encoding="utf-8")
    (src / "b.txt").write_text("Beta raised $7 million in 2024.", encoding="utf-8")
    real = pipeline.claims.build_claims

    def flaky(doc_id, *args, **kw):
        if doc_id == "a":
            raise RuntimeError("boom")
        return real(doc_id, *args, **kw)

    monkeypatch.setattr(pipeline.claims, "build_claims", flaky)
    out = tmp_path / "out"
    assert cli.main(["extract", str(src), "--out", str(out), "--workers", "1", "-q"]) == 0
    docs = {d["doc_id"]: d for d in read(out, "documents.jsonl")}
    assert docs["a"]["status"] == "ok" and "claims not linked" in docs["a"]["reason"]
    assert any(m["doc_id"] == "a" and m["type"] == "money" for m in read(out))
    assert {c["doc_id"] for c in read(out, "claims.jsonl")} == {"b"}


@pytest.mark.parametrize("n", [0, 1, 7, 8, 9, 15, 16, 17, 40, 41])
@pytest.mark.parametrize("tail", [0, 1, 16])
def test_batches_keep_every_item_in_order_and_split_only_the_tail(n, tail):
    from pipeline.jobs import _batches

    batches = list(_batches(iter(range(n)), 8, tail=tail))
    assert [x for b in batches for x in b] == list(range(n))
    assert all(1 <= len(b) <= 8 for b in batches)
    singles = min(n, tail)
    # the last `tail` items go one per batch, so the run's end spreads over the workers
    assert all(len(b) == 1 for b in batches[len(batches) - singles :])
    # before the tail, batches are full but for at most one
    head = batches[: len(batches) - singles]
    assert sum(len(b) < 8 for b in head) <= 1


@pytest.mark.parametrize("tail", [0, 2])
def test_batches_end_before_their_texts_pass_the_character_budget(tail):
    from pipeline.jobs import _batches

    sizes = [30, 30, 30, 200, 10, 10, 10, 10, 10, 90, 20]
    items = [Article(doc_id=str(i), text="x" * n) for i, n in enumerate(sizes)]
    batches = list(_batches(iter(items), 8, tail=tail, chars=100))
    assert [a for b in batches for a in b] == items
    # a text over the budget is a batch of its own; the others stay within it
    assert all(len(b) == 1 or sum(len(a.text) for a in b) <= 100 for b in batches)
    assert [len(b) for b in batches][:3] == [3, 1, 5]


@pytest.mark.slow
def test_a_second_run_into_a_busy_output_folder_stops_with_a_clear_message(tmp_path, capsys):
    from pipeline.outlock import exclusive

    out = tmp_path / "out"
    with exclusive(out):  # another run, mid-way
        code = cli.main(["extract", str(CORPUS), "--out", str(out), "-q", "--workers", "1"])
    err = capsys.readouterr().err
    assert code == 2 and "another newsfacts run" in err and str(out) in err
    assert not (out / "mentions.jsonl").exists()
    assert cli.main(["extract", str(CORPUS), "--out", str(out), "-q", "--workers", "1"]) == 0


def test_a_killed_run_leaves_no_lock_behind(tmp_path):
    import signal
    import subprocess
    import sys

    out = tmp_path / "out"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pipeline.outlock import exclusive\n"
         f"with exclusive({str(out)!r}):\n    print('held', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    from pipeline.outlock import OutputBusy, exclusive

    with pytest.raises(OutputBusy, match=f"process {holder.pid}"):
        with exclusive(out):
            pass
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with exclusive(out):  # the kernel released it with the process
        pass


def test_a_library_run_removes_an_older_sqlite_and_writes_none(tmp_path, nlp):
    """jobs.extract ends at the switch: the database is the command's to write, and
    an older one never stands beside the new records."""
    from pipeline import jobs
    from pipeline.nlp import DEFAULT_MODEL

    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text("Acme raised $5 million in 2023.", encoding="utf-8")
    assert cli.main(["extract", str(src), "--out", str(out), "--workers", "1", "-q"]) == 0
    assert (out / "newsfacts.sqlite").is_file()
    (src / "a.txt").write_text("Acme raised $7 million in 2024.", encoding="utf-8")
    summary = jobs.extract([src], out, jobs.Options(model=DEFAULT_MODEL))
    assert summary.processed == 1 and summary.statuses == {"ok": 1}
    assert not (out / "newsfacts.sqlite").exists()
    assert "7 million" in (out / "mentions.jsonl").read_text(encoding="utf-8")
