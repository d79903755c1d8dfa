"""Hostile inputs: odd names and trees, dumps that are broken in ways that shift rows,
oversize fields, text that is slightly wrong. Each gets its own row in
documents.jsonl and never stops the run or takes the rows after it with it.

These run on the readers alone (no model), but for the exit statuses of the CLI."""
from __future__ import annotations

import gzip
import io
import json
import os
import re
from pathlib import Path

import pytest

from pipeline import cli
from pipeline.ingest import Problem, read_articles
from pipeline.records import Article


def _items(*paths: Path, **kwargs) -> dict[str, Article | Problem]:
    items = list(read_articles(paths, **kwargs))
    by_id = {i.doc_id: i for i in items}
    assert len(by_id) == len(items), [i.doc_id for i in items]  # ids are unique
    return by_id


# ---------------------------------------------------------------- names and trees


def test_a_name_that_is_not_utf8_is_read_and_shown_escaped(tmp_path):
    folder = os.fsencode(tmp_path) + b"/r\xe9p"
    os.mkdir(folder)
    with open(folder + b"/caf\xe9.txt", "wb") as fh:
        fh.write(b"Profit rose 5%.")
    (item,) = read_articles([tmp_path])
    assert item.doc_id == "caf\\xe9" and item.source.endswith("/r\\xe9p/caf\\xe9.txt")
    assert item.text == "Profit rose 5%." and "not UTF-8" in item.note
    json.dumps(item.source, ensure_ascii=False).encode("utf-8")  # writable


def test_symlink_loops_get_rows(tmp_path):
    (tmp_path / "a.txt").write_text("Profit rose 5%.", encoding="utf-8")
    (tmp_path / "x").symlink_to("y")
    (tmp_path / "y").symlink_to("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to("..", target_is_directory=True)
    items = _items(tmp_path)
    assert items["x"].status == items["y"].status == "failed" and "symbolic links" in items["x"].reason
    assert items["up"].status == "skipped"
    followed = _items(tmp_path, follow_symlinks=True)  # followed, a loop is still read once
    assert "loop" in followed["up"].reason and isinstance(followed["a"], Article)


@pytest.mark.slow
def test_folders_nested_a_thousand_deep(tmp_path):
    deep = tmp_path
    for _ in range(1000):  # os.makedirs itself recurses too deep
        deep = deep / "d"
        deep.mkdir()
    (deep / "a.txt").write_text("Profit rose 5%.", encoding="utf-8")
    try:
        (item,) = read_articles([tmp_path])
        assert isinstance(item, Article) and item.text == "Profit rose 5%."
    finally:  # shutil.rmtree (pytest's clean-up) recurses too deep as well
        (deep / "a.txt").unlink()
        while deep != tmp_path:
            deep.rmdir()
            deep = deep.parent


def test_a_folder_that_cannot_be_listed_gets_a_row(tmp_path, monkeypatch):
    for sub in ("a", "b", "c"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / f"{sub}.txt").write_text("Profit rose 5%.", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path):  # as chmod 000 would (root is not stopped by it)
        if os.fspath(path).endswith("/b"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = _items(tmp_path)
    assert set(items) == {"a", "b", "c"}
    assert items["b"].status == "failed" and "cannot list folder: Permission denied" in items["b"].reason


def test_same_file_name_in_two_folders_gives_two_articles(tmp_path):
    for site, text in (("s1", "Profit rose 5%."), ("s2", "Sales fell 2%."), ("s3", "Costs rose.")):
        (tmp_path / site).mkdir()
        (tmp_path / site / "index.html").write_text(f"<html><body><article><p>{text}</p></article></body></html>", encoding="utf-8")
    (tmp_path / "other.txt").write_text("Unchanged.", encoding="utf-8")
    items = _items(tmp_path)
    assert set(items) == {"index", "s2/index", "s3/index", "other"}  # the first and lone names keep their ids
    assert items["s2/index"].source.endswith("s2/index.html")


def test_a_symlink_out_of_the_input_folder_is_not_followed(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("Secret revenue rose 5%.", encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "leak.txt").symlink_to(outside)
    (tmp_path / "in" / "real.txt").write_text("Profit rose 5%.", encoding="utf-8")
    (tmp_path / "in" / "alias.txt").symlink_to("real.txt")  # within the folder: read
    items = _items(tmp_path / "in")
    assert items["leak"].status == "skipped"
    assert "outside the input folder" in items["leak"].reason and "--follow-symlinks" in items["leak"].reason
    assert items["alias"].text == "Profit rose 5%."
    assert _items(tmp_path / "in", follow_symlinks=True)["leak"].text == "Secret revenue rose 5%."


# ---------------------------------------------------------------- every row of a dump


@pytest.mark.parametrize(
    "body",
    [
        'a,"Revenue rose 5% to $3 million.\nb,Profit fell 2%.\nc,Sales rose 1%.\n',  # never closed
        'a,"Revenue rose 5% to $3 million.\nb,"Profit fell 2%."\nc,"Sales rose 1%."\n',  # closed by the next row's
        'a,"Revenue rose 5% to $3 million.\nb,He said "no",x\nc,Sales rose 1%.\n',  # closed before a delimiter
    ],
    ids=["unterminated", "next-row-quote", "closed-later"],
)
def test_an_unterminated_csv_quote_does_not_swallow_the_rows_after_it(tmp_path, body):
    (tmp_path / "q.csv").write_text("id,text\n" + body, encoding="utf-8")
    items = list(read_articles([tmp_path]))
    assert items[0].status == "failed" and "row 1 (line 2)" in items[0].reason and "quote" in items[0].reason
    by_id = {i.doc_id: i for i in items}
    assert by_id["c"].text == "Sales rose 1%." and by_id["c"].source.endswith("#row3")


def test_multiline_quoted_csv_fields_are_still_one_row(tmp_path):
    (tmp_path / "m.csv").write_text('id,text\na,"Revenue rose 5%.\n\nProfit ""fell"", it said."\nb,Fine.\n', encoding="utf-8")
    items = _items(tmp_path)
    assert items["a"].text == 'Revenue rose 5%.\n\nProfit "fell", it said.' and items["b"].text == "Fine."


def test_a_malformed_first_jsonl_line_fails_alone(tmp_path):
    lines = ['{"id": "a", "text": broken}', json.dumps({"id": "b", "text": "Profit rose 5%."}), json.dumps({"id": "c", "text": "Fine."})]
    (tmp_path / "d.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _items(tmp_path)
    assert items["d-1"].status == "failed" and "line 1 is not valid JSON" in items["d-1"].reason
    assert items["b"].text == "Profit rose 5%." and items["c"].text == "Fine."
    # A pretty-printed JSON document is still one document.
    doc = json.dumps({"articles": [{"id": "p1", "text": "One."}, {"id": "p2", "text": "Two."}]}, indent=2)
    (tmp_path / "d.jsonl").unlink()
    (tmp_path / "pretty.json").write_text(doc, encoding="utf-8")
    assert set(_items(tmp_path)) == {"p1", "p2"}


def _warc(n: int, gz: bool = False) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for i in range(n):
        body = f"<html><body><article><p>Story {i}: revenue rose {i + 1}% to ${i + 2} million in 2023, the company said.</p></article></body></html>"
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        headers = {"WARC-Record-ID": f"<urn:uuid:rec-{i}>", "WARC-Date": "2024-02-19T08:00:00Z"}
        record = writer.create_warc_record(f"https://example.com/{i}", "response", payload=io.BytesIO(body.encode()), http_headers=http, warc_headers_dict=headers)
        writer.write_record(record)
    return buf.getvalue()


@pytest.mark.parametrize("excess", [40, 900, 5000])
def test_an_overstated_warc_content_length_keeps_the_records_after_it(tmp_path, excess):
    data = _warc(4)
    m = list(re.finditer(rb"Content-Length: (\d+)", data))[1]  # the second record's
    data = data[: m.start(1)] + str(int(m.group(1)) + excess).encode() + data[m.end(1):]
    (tmp_path / "cc.warc").write_bytes(data)
    (tmp_path / "cc2.warc.gz").write_bytes(gzip.compress(data.replace(b"rec-", b"gz-"), mtime=0))
    items = _items(tmp_path)
    for prefix, name in (("rec", "cc.warc"), ("gz", "cc2.warc.gz")):
        assert [items[f"{prefix}-{i}"].source.rpartition("#")[2] for i in range(4)] == ["record1", "record2", "record3", "record4"]
        assert items[f"{prefix}-1"].text.startswith("Story 1") and "Content-Length" in items[f"{prefix}-1"].note
        assert "WARC" not in items[f"{prefix}-1"].text
        assert items[f"{prefix}-3"].text.startswith("Story 3")


@pytest.mark.parametrize(
    "junk, failed",
    [
        (b"XYZ garbage\r\n\r\n", 0),  # between records: no record lost
        (b"WARC/1.0\r\nContent-Length: abc\r\n\r\n", 0),  # read as an empty record: nothing lost
        (b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\nHTTP/\r\n\r\n", 1),
    ],
    ids=["garbage", "bad-length", "bad-http"],
)
def test_a_warc_record_that_cannot_be_parsed_fails_alone(tmp_path, junk, failed):
    data = _warc(3)
    second = data.index(b"WARC/1.0", 10)
    (tmp_path / "cc.warc").write_bytes(data[:second] + junk + data[second:])
    items = list(read_articles([tmp_path]))
    assert [i.doc_id for i in items if isinstance(i, Article)] == ["rec-0", "rec-1", "rec-2"]
    assert sum(isinstance(i, Problem) and i.status == "failed" for i in items) == failed


# ---------------------------------------------------------------- exit statuses


def test_an_unexpected_error_exits_3_not_1(tmp_path, monkeypatch, capsys):
    from pipeline import jobs

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(jobs, "extract", broken)
    (tmp_path / "a.txt").write_text("Profit rose 5%.", encoding="utf-8")
    code = cli.main(["extract", str(tmp_path), "--out", str(tmp_path / "out"), "-q"])
    assert code == cli.EXIT_INTERNAL == 3
    assert "internal error: RuntimeError: a bug" in capsys.readouterr().err


# ---------------------------------------------------------------- memory bounded by the limits


def test_an_oversize_csv_field_is_refused_unread_and_the_next_row_read(tmp_path):
    with gzip.open(tmp_path / "big.csv.gz", "wb") as fh:
        fh.write(b'id,text\nbig,"' + b"a" * 3000 + b'"\nafter,"Profit rose 5%."\n')
    items = _items(tmp_path, max_bytes=1000)
    assert items["big-1"].status == "skipped" and "over the limit of 1,000 bytes" in items["big-1"].reason
    assert items["after"].text == "Profit rose 5%."
    # A quoted field over many short lines is refused once over the limit too (and
    # reading resumes on its second line: an unterminated quote looks just like it).
    (tmp_path / "big.csv.gz").unlink()
    (tmp_path / "lines.csv").write_text('id,text\nbig,"' + "a\n" * 2000 + '"\nafter,"Fine."\n', encoding="utf-8")
    items = list(read_articles([tmp_path], max_bytes=1000))
    assert items[0].status == "skipped" and "field limit" in items[0].reason
    assert items[-1].text == "Fine."


def test_a_json_document_over_its_limit_is_not_parsed(tmp_path, monkeypatch):
    from pipeline.readers import tabular

    monkeypatch.setattr(tabular, "MAX_JSON_BYTES", 1000)
    (tmp_path / "big.json.gz").write_bytes(gzip.compress(json.dumps([{"id": "a", "text": "x" * 5000}]).encode()))
    (item,) = read_articles([tmp_path], max_bytes=100)
    assert item.status == "skipped" and "for a JSON document" in item.reason


def test_a_huge_id_is_shortened_stably(tmp_path):
    long = "x" * 1_000_000
    (tmp_path / "d.jsonl").write_text(json.dumps({"id": long, "text": "Profit rose 5%."}) + "\n" + json.dumps({"id": long + "y", "text": "Fine."}) + "\n", encoding="utf-8")
    first, second = read_articles([tmp_path])
    assert len(first.doc_id) == len(second.doc_id) == 256 and first.doc_id != second.doc_id
    assert "id of 1,000,000 characters shortened" in first.note
    assert [i.doc_id for i in read_articles([tmp_path])] == [first.doc_id, second.doc_id]  # stable


# ---------------------------------------------------------------- slightly wrong text is still text


@pytest.mark.parametrize(
    "data, text, note",
    [
        ("Revenue rose 5% to €3 million".encode() + b" \xff " + "“fine”.".encode(), "Revenue rose 5% to €3 million ÿ “fine”.", "1 byte not UTF-8"),
        ("Price €3 million. ".encode() + "Café à 5%.".encode("latin-1"), "Price €3 million. Café à 5%.", "2 bytes not UTF-8"),
        ("Revenue rose 5%.\x85Profit fell.\x85".encode(), "Revenue rose 5%.\nProfit fell.\n", "NEL line ends"),
        ("\x93Profit\x94 rose 5% to \x803 million.".encode(), "“Profit” rose 5% to €3 million.", "C1 control characters"),
    ],
    ids=["stray-byte", "mixed-latin1", "nel", "c1-as-latin1"],
)
def test_slightly_wrong_text_is_decoded_and_noted(tmp_path, data, text, note):
    (tmp_path / "t.txt").write_bytes(data)
    (item,) = read_articles([tmp_path])
    assert item.text == text and note in item.note


def test_c1_controls_in_dump_fields_are_repaired(tmp_path):
    (tmp_path / "d.jsonl").write_text(json.dumps({"id": "c", "text": "Sales \x96 a record \x85", "title": "\x93Hi\x94"}) + "\n", encoding="utf-8")
    (item,) = read_articles([tmp_path])
    assert item.text == "Sales – a record …" and item.title == "“Hi”" and "windows-1252" in item.note


def test_html_meta_utf16_over_ascii_and_images_named_html(tmp_path):
    page = "<html><head><meta charset=utf-16></head><body><article><p>Revenue rose 5% to $3 million in 2023, the company said on Monday.</p></article></body></html>"
    (tmp_path / "page.html").write_bytes(page.encode() + (b" " if len(page) % 2 else b""))
    (tmp_path / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    items = _items(tmp_path)
    assert items["page"].text.startswith("Revenue rose 5%") and "read as UTF-8" in items["page"].note
    assert items["image"].status == "failed" and "not an HTML page: the content is a PNG image" in items["image"].reason


@pytest.mark.parametrize("stated", ["9999-12-31", "0001-01-01T00:00:00Z"])
def test_placeholder_publication_dates_are_unknown(tmp_path, stated):
    (tmp_path / "d.jsonl").write_text(json.dumps({"id": "p", "text": "Revenue rose 5% last year.", "published": stated}) + "\n", encoding="utf-8")
    (item,) = read_articles([tmp_path])
    assert item.published is None and "placeholder" in item.note


def test_placeholder_dates_run_through_the_pipeline(tmp_path, nlp, capsys):
    rows = [{"id": f"p{i}", "text": "Revenue rose 5% last year and will rise next year.", "published": d} for i, d in enumerate(["9999-12-31", "0001-01-01"])]
    (tmp_path / "d.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    code = cli.main(["extract", str(tmp_path), "--out", str(tmp_path / "out"), "--workers", "1", "-q"])
    docs = [json.loads(line) for line in (tmp_path / "out" / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert code == 0 and [(d["status"], d["published"]) for d in docs] == [("ok", None), ("ok", None)]


def test_the_report_caps_embedded_text_in_bytes(tmp_path):
    from pipeline.report import load_output

    docs = [{"doc_id": f"d{i}", "status": "ok"} for i in (1, 2)]
    (tmp_path / "documents.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    (tmp_path / "texts.jsonl").write_text("".join(json.dumps({"doc_id": d["doc_id"], "text": "€" * 6}) + "\n" for d in docs), encoding="utf-8")
    for name in ("mentions.jsonl", "claims.jsonl"):
        (tmp_path / name).write_text("", encoding="utf-8")
    # 6 characters each, 18 bytes each: the second would pass a count of characters.
    assert [d["doc_id"] for d in load_output(tmp_path, max_chars=30).docs] == ["d1"]
