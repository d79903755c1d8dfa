"""Readers: text files with metadata, JSONL dumps with the usual field aliases."""
from __future__ import annotations

import json

import pytest

from pipeline.ingest import InputError, Problem, parse_published, read_articles


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_text_files_take_metadata_from_beside_them(tmp_path):
    _write(tmp_path / "a.txt", "Alpha rose 5%.")
    _write(tmp_path / "b.md", "Beta fell 3%.")
    _write(tmp_path / "metadata.jsonl", json.dumps({"doc_id": "a", "published": "2024-02-19T08:00:00Z", "title": "A"}) + "\n")
    items = list(read_articles([tmp_path]))
    assert [i.doc_id for i in items] == ["a", "b"]
    assert items[0].published == "2024-02-19" and items[0].title == "A"
    assert items[1].published is None


def test_jsonl_aliases_and_bad_lines(tmp_path):
    rows = [
        {"id": "x1", "maintext": "One.", "date_publish": "2023-05-01 10:00:00"},
        "not json",
        {"id": "x3", "title": "no text"},
        {"uuid": "x4", "content": "Four.", "date": "yesterday"},
        {"id": "x5", "body": "   "},
    ]
    lines = [r if isinstance(r, str) else json.dumps(r) for r in rows]
    _write(tmp_path / "dump.jsonl", "\n".join(lines) + "\n")
    items = list(read_articles([tmp_path / "dump.jsonl"]))
    assert [i.doc_id for i in items] == ["x1", "dump-2", "x3", "x4", "x5"]
    assert items[0].text == "One." and items[0].published == "2023-05-01"
    assert isinstance(items[1], Problem) and items[1].status == "failed" and "not valid JSON" in items[1].reason
    assert isinstance(items[2], Problem) and "no text field" in items[2].reason
    assert items[3].published is None  # a relative phrase is never resolved against today
    assert isinstance(items[4], Problem) and items[4].status == "empty"
    assert items[1].source.endswith("dump.jsonl#line2")


def test_duplicate_ids_and_unsupported_files_get_rows(tmp_path):
    _write(tmp_path / "a.txt", "One.")
    (tmp_path / "sub").mkdir()
    _write(tmp_path / "sub" / "a.txt", "Again.")
    _write(tmp_path / "notes.xyz", "?")
    _write(tmp_path / ".hidden.txt", "ignored")
    _write(tmp_path / "z.jsonl", '{"id": "a", "text": "Third."}\n')
    items = list(read_articles([tmp_path]))
    kinds = [(i.doc_id, type(i).__name__, getattr(i, "status", "ok")) for i in items]
    # Two files of the same name in different folders are two articles (the second
    # takes its path as id); a record that repeats an id is a duplicate.
    assert kinds == [("a", "Article", "ok"), ("notes", "Problem", "skipped"), ("sub/a", "Article", "ok"), ("a", "Problem", "skipped")]


def test_undecodable_and_empty_files(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\xff\xfe\x00bad")
    _write(tmp_path / "empty.txt", "  \n")
    items = {i.doc_id: i for i in read_articles([tmp_path])}
    assert items["bin"].status == "failed" and "not UTF-8" in items["bin"].reason
    assert items["empty"].status == "empty"


def test_missing_path_is_a_user_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(read_articles([tmp_path / "nope"]))


@pytest.mark.parametrize(
    "raw, expected",
    [("2024-02-19", "2024-02-19"), ("2024-02-19T23:59:00+08:00", "2024-02-19"), ("2024-13-01", None), ("last week", None), (None, None), (20240219, None)],
)
def test_parse_published(raw, expected):
    assert parse_published(raw) == expected
