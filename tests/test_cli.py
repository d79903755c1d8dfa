"""The command line: extract writes every output, evaluate scores, errors are clear."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from pipeline import cli


@pytest.fixture(scope="module")
def extracted(tmp_path_factory, nlp):
    src = tmp_path_factory.mktemp("in")
    (src / "a.txt").write_text("Acme's revenue rose 12% to $5.6 billion last year.", encoding="utf-8")
    (src / "metadata.jsonl").write_text(json.dumps({"doc_id": "a", "published": "2024-02-19"}) + "\n", encoding="utf-8")
    (src / "dump.jsonl").write_text(
        json.dumps({"id": "j1", "body": "Sales fell 3 percent to 2.5bn yuan."}) + "\nbroken\n", encoding="utf-8"
    )
    out = tmp_path_factory.mktemp("out")
    code = cli.main(["extract", str(src), "--out", str(out), "--workers", "1", "-q"])
    return code, src, out


def test_extract_writes_all_outputs(extracted):
    code, _, out = extracted
    assert code == 1  # one broken JSONL line failed
    mentions = [json.loads(l) for l in (out / "mentions.jsonl").read_text(encoding="utf-8").splitlines()]
    docs = [json.loads(l) for l in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [d["status"] for d in docs] == ["ok", "ok", "failed"]
    assert docs[0]["ref_date"] == "2024-02-19" and docs[0]["mentions"] == len([m for m in mentions if m["doc_id"] == "a"])
    texts = {(m["doc_id"], m["type"], m["text"]) for m in mentions}
    assert {("a", "percent", "12%"), ("a", "money", "$5.6 billion"), ("j1", "money", "2.5bn yuan")} <= texts
    df = pd.read_parquet(out / "mentions.parquet")
    csv = pd.read_csv(out / "mentions.csv")
    assert list(df["id"]) == list(csv["id"]) == [m["id"] for m in mentions]
    assert json.loads(df["value"][0]) == mentions[0]["value"]
    assert not list(out.glob(".*tmp*"))


def test_extract_is_byte_identical_on_rerun(extracted, tmp_path):
    _, src, out = extracted
    cli.main(["extract", str(src), "--out", str(tmp_path), "--workers", "1", "-q"])
    for name in ("mentions.jsonl", "documents.jsonl", "mentions.csv"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes()


def test_missing_path_exits_2_with_message(tmp_path, capsys):
    assert cli.main(["extract", str(tmp_path / "missing"), "--out", str(tmp_path), "--workers", "1"]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_bad_ref_date_is_rejected(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.parse_args(["extract", "--ref-date", "19/02/2024"])
    assert exc.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_help_documents_exit_status(capsys):
    with pytest.raises(SystemExit):
        cli.parse_args(["extract", "--help"])
    assert "exit status" in capsys.readouterr().out


def test_evaluate_prints_the_table(extracted, tmp_path, capsys):
    _, _, out = extracted
    gold = tmp_path / "gold.jsonl"
    rows = [json.loads(l) for l in (out / "mentions.jsonl").read_text(encoding="utf-8").splitlines()]
    gold.write_text("".join(json.dumps({**r, "optional": False}) + "\n" for r in rows), encoding="utf-8")
    assert cli.main(["evaluate", str(gold), str(out / "mentions.jsonl")]) == 0
    table = capsys.readouterr().out
    assert "value F1" in table and "money" in table
    assert cli.main(["evaluate", str(gold), str(tmp_path / "none.jsonl")]) == 2


def test_texts_jsonl_makes_every_citation_checkable(extracted):
    _, _, out = extracted
    texts = {r["doc_id"]: r["text"] for r in map(json.loads, (out / "texts.jsonl").read_text(encoding="utf-8").splitlines())}
    mentions = [json.loads(l) for l in (out / "mentions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert set(texts) == {"a", "j1"}
    for m in mentions:
        assert texts[m["doc_id"]][m["start"] : m["end"]] == m["text"]


def test_evaluate_rejects_unknown_types(extracted, capsys):
    _, _, out = extracted
    assert cli.main(["evaluate", str(out / "mentions.jsonl"), str(out / "mentions.jsonl"), "--types", "money,colour"]) == 2
    assert "unknown types colour" in capsys.readouterr().err


def test_an_unwritable_output_is_a_clear_error(extracted, tmp_path, capsys):
    _, src, _ = extracted
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert cli.main(["extract", str(src), "--out", str(blocker / "out"), "--workers", "1", "-q"]) == 2
    assert "cannot write to" in capsys.readouterr().err


# ---------------------------------------------------------------- the command's surface


def test_extract_help_groups_its_options(capsys):
    with pytest.raises(SystemExit):
        cli.parse_args(["extract", "--help"])
    out = capsys.readouterr().out
    groups = [out.index(f"\n{name}:\n") for name in ("inputs", "outputs", "run", "engine")]
    assert groups == sorted(groups)
    engine = out[groups[3]:]
    assert "--workers" in engine and "--scheduler" in engine and "--out" not in engine


def test_version_is_the_installed_distributions(capsys):
    from importlib.metadata import version

    with pytest.raises(SystemExit) as exc:
        cli.parse_args(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"newsfacts {version('newsfacts')}"


def test_an_unknown_model_lists_the_installed_ones_and_leaves_no_folder(tmp_path, capsys):
    import spacy.util

    out = tmp_path / "out"
    assert cli.main(["extract", str(tmp_path), "--out", str(out), "--model", "en_no_such_model", "--workers", "1"]) == 2
    err = capsys.readouterr().err
    assert "'en_no_such_model' is not installed" in err and "Traceback" not in err
    for name in spacy.util.get_installed_models():
        assert name in err
    assert not out.exists()


def test_an_out_that_is_a_file_is_a_plain_error(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Profit rose 5%.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("keep me", encoding="utf-8")
    assert cli.main(["extract", str(tmp_path / "a.txt"), "--out", str(out), "--workers", "1", "-q"]) == 2
    err = capsys.readouterr().err
    assert f"--out {out} is a file" in err and "Traceback" not in err
    assert out.read_text(encoding="utf-8") == "keep me"


def test_a_run_that_cannot_start_leaves_no_output_folder(tmp_path, capsys):
    pytest.importorskip("distributed", reason="the dask extra is part of the test extra")
    (tmp_path / "a.txt").write_text("Profit rose 5%.", encoding="utf-8")
    out = tmp_path / "new" / "out"
    code = cli.main(["extract", str(tmp_path / "a.txt"), "--out", str(out), "--engine", "dask",
                     "--scheduler", "tcp://127.0.0.1:9", "--workers", "1", "-q"])
    assert code == 2 and "cannot reach the Dask scheduler" in capsys.readouterr().err
    assert not (tmp_path / "new").exists()
    kept = tmp_path / "kept"  # a folder that was there stays, as it was
    kept.mkdir()
    cli.main(["extract", str(tmp_path / "a.txt"), "--out", str(kept), "--engine", "dask",
              "--scheduler", "tcp://127.0.0.1:9", "--workers", "1", "-q"])
    assert kept.is_dir() and not [p for p in kept.iterdir() if p.name != ".newsfacts.lock"]


def test_no_input_file_is_a_warning(tmp_path, capsys, nlp):
    (tmp_path / "in").mkdir()
    code = cli.main(["extract", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--workers", "1", "-q"])
    assert code == 0
    assert f"warning: no input file found in {tmp_path / 'in'}" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["report", "export-verdicts", "export-claimreview"])
def test_a_dest_whose_folder_is_missing_is_a_plain_error(extracted, tmp_path, capsys, command):
    _, _, out = extracted
    dest = tmp_path / "missing" / "file"
    assert cli.main([command, str(out), "--dest", str(dest)]) == 2
    err = capsys.readouterr().err
    assert f"the folder of --dest does not exist: {dest.parent}" in err and "Traceback" not in err
    assert not (tmp_path / "missing").exists()


def test_a_busy_port_is_a_plain_error(extracted, capsys):
    import socket

    _, _, out = extracted
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert cli.main(["serve", str(out), "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"port {port} on 127.0.0.1 is in use" in err and "--port" in err and "Traceback" not in err


# ---------------------------------------------------------------- progress


def test_progress_is_logged_periodically_when_stderr_is_not_a_terminal(extracted, tmp_path, capsys, monkeypatch):
    from pipeline import progress

    _, src, _ = extracted
    monkeypatch.setattr(progress, "LOG_EVERY", 0.0)
    cli.main(["extract", str(src), "--out", str(tmp_path), "--workers", "1", "--force"])
    lines = [l for l in capsys.readouterr().err.splitlines() if l.startswith("newsfacts: ") and "documents done" in l]
    assert lines and lines[-1].startswith("newsfacts: 3 documents done (")
    assert "docs/s" in lines[-1] and lines[-1].endswith("% of the input read")
    assert "\r" not in "".join(lines)


def test_quiet_logs_no_progress(extracted, tmp_path, capsys, monkeypatch):
    from pipeline import progress

    _, src, _ = extracted
    monkeypatch.setattr(progress, "LOG_EVERY", 0.0)
    cli.main(["extract", str(src), "--out", str(tmp_path), "--workers", "1", "--force", "-q"])
    assert "documents done" not in capsys.readouterr().err


def test_the_progress_bar_counts_bytes_of_a_dump_to_a_total(tmp_path):
    """On a terminal: a bar over the input's bytes, so a single dump has a total and
    an ETA; each document counts once it is done, at the bytes read up to it."""
    import io

    from pipeline.ingest import read_articles
    from pipeline.progress import Progress, input_bytes
    from pipeline.readers.sniff import ReadProgress

    dump = tmp_path / "dump.jsonl"
    dump.write_text("".join(json.dumps({"id": f"d{i}", "text": "x" * 100}) + "\n" for i in range(50)), encoding="utf-8")

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    reading = ReadProgress()
    total = input_bytes([dump], tmp_path / "out")
    assert total == dump.stat().st_size
    bar = Progress(total, reading, stream=Terminal())
    seen = []
    for _ in read_articles([dump], progress=reading):
        bar.read()
    for _ in range(50):
        bar.update()
        seen.append(bar.bar.n)
    assert bar.bar.total == total and seen == sorted(seen) and seen[-1] == total
    assert 0 < seen[0] < total
    bar.close()


def test_without_file_locks_a_run_warns_that_it_is_unguarded(tmp_path, capsys, monkeypatch, nlp):
    from pipeline import outlock

    monkeypatch.setattr(outlock, "fcntl", None)
    (tmp_path / "a.txt").write_text("Profit rose 5%.", encoding="utf-8")
    assert cli.main(["extract", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "--workers", "1", "-q"]) == 0
    assert "warning: this system has no file locks" in capsys.readouterr().err
    assert not (tmp_path / "out" / outlock.LOCK_FILE).exists()
