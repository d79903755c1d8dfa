"""Data a newsroom's tools open: the article's url kept from every input format."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from pipeline import cli
from tests.test_ingest_formats import _warc_bytes

ROOT = Path(__file__).resolve().parent.parent
URL_TXT = "https://news.example.com/2024/acme-revenue"
URL_JSONL = "https://wire.example.com/beta"
URL_CSV = "https://paper.example.com/gamma"
URL_WARC = "https://example.com/news/acme"  # the WARC record's target URI (tests/test_ingest_formats.py)


def read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_inputs(src: Path) -> None:
    src.mkdir(parents=True, exist_ok=True)
    (src / "a.txt").write_text("Acme's revenue rose 12% to $5.6 billion in 2023, the company said.", encoding="utf-8")
    (src / "metadata.jsonl").write_text(
        json.dumps({"doc_id": "a", "published": "2024-02-19", "title": "Acme's year", "url": URL_TXT}) + "\n", encoding="utf-8"
    )
    (src / "wire.jsonl").write_text(
        json.dumps({"id": "b", "body": "Beta Corp raised $40 million in March 2024.", "link": URL_JSONL}) + "\n",
        encoding="utf-8",
    )
    with (src / "paper.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["id", "text", "url"], ["c", "Gamma Ltd profit fell 3 percent in 2022.", URL_CSV]])
    (src / "cc-news.warc").write_bytes(_warc_bytes(False))


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory, nlp) -> Path:
    """An extract run over every kind of input that carries a url."""
    src = tmp_path_factory.mktemp("in")
    write_inputs(src)
    out = tmp_path_factory.mktemp("out")
    assert cli.main(["extract", str(src), "--out", str(out), "--workers", "1", "-q"]) == 0
    return out


# --------------------------------------------------------------------------- url


def test_the_url_of_every_input_format_is_kept(run: Path) -> None:
    urls = {d["doc_id"]: d["url"] for d in read(run / "documents.jsonl")}
    assert urls["a"] == URL_TXT and urls["b"] == URL_JSONL and urls["c"] == URL_CSV
    assert urls["11111111-2222-3333-4444-555555555555"] == URL_WARC


def test_a_kept_document_keeps_its_url(run: Path, tmp_path: Path) -> None:
    """A document of an earlier run no longer in the inputs is remade from its
    stored row (here by --force), url included."""
    out = tmp_path / "out"
    src = tmp_path / "in"
    write_inputs(src)
    assert cli.main(["extract", str(src), "--out", str(out), "--workers", "1", "-q"]) == 0
    (tmp_path / "only").mkdir()
    (tmp_path / "only" / "z.txt").write_text("Zeta raised $1 million.", encoding="utf-8")
    assert cli.main(["extract", str(tmp_path / "only"), "--out", str(out), "--workers", "1", "-q", "--force"]) == 0
    assert {d["doc_id"]: d["url"] for d in read(out / "documents.jsonl")}["a"] == URL_TXT
