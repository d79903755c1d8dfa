"""The record schema is declared once (pipeline/records.py): every writer's keys and
columns come from Mention, Document and Claim, so a field added there reaches all."""
from __future__ import annotations

import csv
import dataclasses
import json
import sqlite3
import typing

import pyarrow.parquet as pq
import pytest

from pipeline import cli
from pipeline.export import table_columns
from pipeline.records import CLAIM_FIELDS, Claim, Document, Mention, fields_of
from pipeline.sqlite_export import _FLAT_KINDS, claim_columns, document_columns, mention_columns

# Columns a writer adds that are not fields of a record: the readable value, the
# flattened value keys, and the parts of a claim flattened for filtering.
DERIVED_MENTION = {"normalized", *_FLAT_KINDS}
DERIVED_CLAIM = {"sentence_start", "sentence_end", "sentence_text", "subject_names", "amount_value",
                 "amount_currency", "amount_mention", "change_mention", "period_mention", "flag_names", "extra"}


@pytest.fixture(scope="module")
def out(tmp_path_factory, nlp):
    src = tmp_path_factory.mktemp("in")
    (src / "a.txt").write_text("Acme Corp said on Monday its revenue rose 12% to $4.5 billion in 2023.\n",
                               encoding="utf-8")
    (src / "b.txt").write_text("Beta Inc raised $7 million, up 20% from last year.\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    assert cli.main(["extract", str(src), "--out", str(out), "--workers", "1", "-q", "--ref-date", "2024-01-01"]) == 0
    return out


def _lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _sqlite_columns(out, table):
    with sqlite3.connect(out / "newsfacts.sqlite") as db:
        return [row[1] for row in db.execute(f"PRAGMA table_info({table})")]


def test_jsonl_keys_are_the_declared_fields_in_order(out):
    mentions, documents, claims = (_lines(out / n) for n in ("mentions.jsonl", "documents.jsonl", "claims.jsonl"))
    assert mentions and documents and claims
    assert {tuple(m) for m in mentions} == {fields_of(Mention)}
    assert {tuple(d) for d in documents} == {fields_of(Document)}
    assert {tuple(c) for c in claims} == {fields_of(Claim)}


def test_tables_have_a_column_for_every_declared_field(out):
    with (out / "mentions.csv").open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    parquet = pq.read_schema(out / "mentions.parquet").names
    for columns in (header, parquet, _sqlite_columns(out, "mentions")):
        assert sorted(set(columns) - DERIVED_MENTION) == sorted(fields_of(Mention))
    assert _sqlite_columns(out, "documents") == list(fields_of(Document))
    # a claim field without a column of its own is kept whole in `extra`
    claims = _sqlite_columns(out, "claims")
    with sqlite3.connect(out / "newsfacts.sqlite") as db:
        extra = {k for (e,) in db.execute("SELECT extra FROM claims") if e for k in json.loads(e)}
    # `sentence` is flattened into sentence_start, sentence_end and sentence_text
    assert (set(claims) - DERIVED_CLAIM) | extra | {"sentence"} == set(CLAIM_FIELDS)
    assert not (set(claims) - DERIVED_CLAIM) & extra


def _grown(record, name="added", kind=str):
    """`record` with one more field, at its end."""
    hints = typing.get_type_hints(record)
    fields = [(f.name, hints[f.name], f) for f in dataclasses.fields(record)]
    return dataclasses.make_dataclass(record.__name__, fields + [(name, kind, dataclasses.field(default=None))])


def test_a_field_added_to_a_record_reaches_every_writer():
    assert "added" in table_columns(_grown(Mention))
    assert "added" in dict(mention_columns(_grown(Mention)))
    assert "added" in dict(document_columns(_grown(Document)))
    assert dict(document_columns(_grown(Document, "pages", int)))["pages"] is int
    # a claim's new field goes to `extra` unless given a column of its own
    assert dict(claim_columns(_grown(Claim))) == dict(claim_columns(Claim))


def test_claims_are_built_from_mention_objects_as_from_dicts(nlp):
    import pipeline
    from pipeline.claims import build_claims

    text = "Acme Corp said its revenue rose 12% to $4.5 billion in 2023."
    ms = pipeline.extract(text, nlp=nlp, doc_id="d")
    assert ms and all(isinstance(m, Mention) for m in ms)
    claims = build_claims("d", text, ms)
    assert claims and claims == build_claims("d", text, [m.to_dict() for m in ms])


def test_a_rerun_reuses_the_stored_claims_of_unchanged_documents(out, monkeypatch, tmp_path):
    import shutil

    import pipeline.claims

    again = tmp_path / "again"
    shutil.copytree(out, again)
    before = {n: (again / n).read_bytes() for n in ("claims.jsonl", "documents.jsonl", "mentions.jsonl")}

    def never(*args, **kw):
        raise AssertionError("claims linked again")

    monkeypatch.setattr(pipeline.claims, "build_claims", never)
    empty = tmp_path / "empty"  # no inputs: the earlier run's documents are kept as they were
    empty.mkdir()
    assert cli.main(["extract", str(empty), "--out", str(again), "--workers", "1", "-q", "--ref-date", "2024-01-01"]) == 0
    assert {n: (again / n).read_bytes() for n in before} == before
