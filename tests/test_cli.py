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
    assert cli.main(["extract", str(tmp_path / "missing"), "--out", str(tmp_path)]) == 2
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
