"""Readers by format: HTML, JSON, CSV/TSV, gzip, WARC, content sniffing, field overrides."""
from __future__ import annotations

import gzip
import io
import json
import random

import pytest

from pipeline.ingest import Problem, parse_published, read_articles
from pipeline.records import Article

PAGE = """<!DOCTYPE html>
<html><head><title>Acme raises $5 million | Example News</title>
<meta property="article:published_time" content="2024-02-19T08:00:00Z">
<link rel="canonical" href="https://example.com/news/acme">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/tech">Technology</a></li><li><a href="/biz">Business</a></li></ul></nav>
<article><h1>Acme raises $5 million</h1>
<p>Acme Corp said on Monday it had raised $5 million in a funding round led by Example Ventures, valuing the company at about $40 million.</p>
<p>The startup, founded in 2019, makes software that helps small retailers manage their stock. Revenue rose 12% last year, the company said.</p>
<p>Chief executive Jane Doe said the money would be used to hire engineers and expand into Europe over the next two years.</p>
</article>
<footer><p>Copyright 2024 Example News. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>
"""
SCRIPTS_ONLY = "<!DOCTYPE html><html><head><script>var a = 1;</script></head><body><script>go()</script></body></html>"


def _read(*paths, **overrides) -> list[Article | Problem]:
    return list(read_articles(list(paths), **overrides))


def _gzip(path, data: bytes):
    path.write_bytes(gzip.compress(data, mtime=0))
    return path


def _assert_page_article(item):
    assert isinstance(item, Article)
    assert "raised $5 million" in item.text
    assert "Privacy policy" not in item.text and "Technology" not in item.text  # footer, nav
    assert item.published == "2024-02-19"
    assert item.title == "Acme raises $5 million"
    start = item.text.index("$5 million")
    assert item.text[start : start + 10] == "$5 million"  # offsets index the extracted text


def test_html_page_gives_main_text_and_stated_metadata(tmp_path):
    (tmp_path / "acme.html").write_text(PAGE, encoding="utf-8")
    [item] = _read(tmp_path)
    _assert_page_article(item)
    assert item.doc_id == "acme" and item.url == "https://example.com/news/acme"


def test_html_without_a_stated_date_has_none(tmp_path):
    page = PAGE.replace('<meta property="article:published_time" content="2024-02-19T08:00:00Z">', "")
    page = page.replace("Copyright 2024 ", "")
    (tmp_path / "undated.htm").write_text(page, encoding="utf-8")
    [item] = _read(tmp_path)
    assert isinstance(item, Article) and item.published is None


def test_html_of_only_scripts_is_an_empty_row(tmp_path):
    (tmp_path / "blank.html").write_text(SCRIPTS_ONLY, encoding="utf-8")
    [item] = _read(tmp_path)
    assert isinstance(item, Problem) and item.status == "empty" and "no article text" in item.reason


def test_html_in_a_declared_legacy_charset(tmp_path):
    # In iso-8859-15 the euro sign is 0xA4, which windows-1252 (the fallback) reads as "\u00a4".
    page = PAGE.replace("<head>", '<head><meta charset="iso-8859-15">').replace("$5 million", "\u20ac5 million")
    (tmp_path / "euro.html").write_bytes(page.encode("iso-8859-15"))
    [item] = _read(tmp_path)
    assert isinstance(item, Article) and "raised \u20ac5 million" in item.text


@pytest.mark.parametrize(
    "raw, expected",
    [("20240219T080000Z", "2024-02-19"), ("20240219080000", "2024-02-19"), ("Mon, 19 Feb 2024 08:00:00 GMT", "2024-02-19"),
     ("2024021", None), ("20241319T000000Z", None), ("19 Feb", None)],
)
def test_published_dates_of_feeds_and_gdelt(raw, expected):
    assert parse_published(raw) == expected


def test_csv_rows_with_quoted_newlines_and_any_case_headers(tmp_path):
    (tmp_path / "feed.csv").write_text(
        'ID,Title,Body,PublishedAt\n'
        'c1,First,"Line one, with a comma.\nLine two: $3 billion.",2024-03-01T10:00:00Z\n'
        'c2,Second,,2024-03-02\n'
        ',Third,"Says ""hello"".",\n',
        encoding="utf-8",
    )
    items = _read(tmp_path / "feed.csv")
    assert [i.doc_id for i in items] == ["c1", "c2", "feed-3"]
    assert items[0].text == "Line one, with a comma.\nLine two: $3 billion."
    assert items[0].published == "2024-03-01" and items[0].title == "First"
    assert isinstance(items[1], Problem) and items[1].status == "empty"
    assert items[2].text == 'Says "hello".'
    assert [i.source.rsplit("#", 1)[1] for i in items] == ["row1", "row2", "row3"]


def test_tsv_and_long_fields(tmp_path):
    long_text = "Shares rose 4%. " * 20_000  # past the csv module's default field limit
    (tmp_path / "wire.tsv").write_text(f"doc_id\ttext\nt1\t{long_text}\nt2\tShort one.\n", encoding="utf-8")
    items = _read(tmp_path)
    assert [i.doc_id for i in items] == ["t1", "t2"]
    assert items[0].text == long_text and items[1].text == "Short one."


def test_csv_without_text_column_is_one_failed_row(tmp_path):
    (tmp_path / "prices.csv").write_text("ticker,close\nACME,12.5\nBETA,3.1\n", encoding="utf-8")
    [item] = _read(tmp_path)
    assert isinstance(item, Problem) and item.status == "failed"
    assert "ticker, close" in item.reason and item.source.endswith("prices.csv")


def test_json_array_items_and_bad_items(tmp_path):
    rows = [{"id": "j1", "text": "One $1 deal."}, "nope", {"maintext": "Three."}]
    (tmp_path / "batch.json").write_text(json.dumps(rows, indent=2), encoding="utf-8")
    items = _read(tmp_path)
    assert [i.doc_id for i in items] == ["j1", "batch-2", "batch-3"]
    assert isinstance(items[1], Problem) and "not a JSON object" in items[1].reason
    assert items[2].text == "Three." and items[2].source.endswith("batch.json#item3")


def test_newsapi_object_and_newsplease_single_article(tmp_path):
    newsapi = {
        "status": "ok",
        "totalResults": 2,
        "articles": [
            {"source": {"id": None, "name": "Wire"}, "title": "A", "description": "Desc only.",
             "url": "https://e.com/a", "publishedAt": "2024-04-01T09:00:00Z", "content": None},
            {"source": {"id": None, "name": "Wire"}, "title": "B", "description": "Short.",
             "url": "https://e.com/b", "publishedAt": "2024-04-02T09:00:00Z", "content": "Full text of B… [+1200 chars]"},
        ],
    }
    (tmp_path / "newsapi.json").write_text(json.dumps(newsapi), encoding="utf-8")
    single = {"title": "NP", "maintext": "News-please text.", "date_publish": "2023-01-05 08:00:00", "url": "https://e.com/np"}
    (tmp_path / "np.json").write_text(json.dumps(single, indent=1), encoding="utf-8")
    items = _read(tmp_path)
    assert [(i.doc_id, i.text) for i in items] == [
        ("newsapi-1", "Desc only."), ("newsapi-2", "Full text of B… [+1200 chars]"), ("np", "News-please text.")
    ]
    assert items[1].published == "2024-04-02" and items[1].url == "https://e.com/b"
    assert items[2].published == "2023-01-05" and items[2].source == str(tmp_path / "np.json")


def test_gzip_versions_read_as_their_inner_format(tmp_path):
    _gzip(tmp_path / "a.txt.gz", "Alpha rose 5%.".encode())
    _gzip(tmp_path / "b.jsonl.gz", b'{"id": "b1", "text": "Beta."}\n{"id": "b2", "text": "Gamma."}\n')
    _gzip(tmp_path / "c.csv.gz", b"id,text\nc1,Delta.\n")
    _gzip(tmp_path / "d.html.gz", PAGE.encode())
    _gzip(tmp_path / "e.json.gz", json.dumps([{"id": "e1", "text": "Epsilon."}]).encode())
    items = {i.doc_id: i for i in _read(tmp_path)}
    assert sorted(items) == ["a", "b1", "b2", "c1", "d", "e1"]
    assert items["a"].text == "Alpha rose 5%." and items["b2"].source.endswith("b.jsonl.gz#line2")
    _assert_page_article(items["d"])


def test_sniffing_when_the_extension_is_missing_or_wrong(tmp_path):
    _gzip(tmp_path / "dump.dat", b'{"id": "s1", "text": "One."}\n{"text": "Two."}\n')
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "looks.txt").write_text('{"id": "x", "text": "a .txt stays text"}\n', encoding="utf-8")
    (tmp_path / "export").write_text("headline\tbody\nH\tTabbed body.\n", encoding="utf-8")
    (tmp_path / "lines.json").write_text('{"id": "l1", "text": "A"}\n{"id": "l2", "text": "B"}\n', encoding="utf-8")
    items = {i.doc_id: i for i in _read(tmp_path)}
    assert items["l2"].text == "B" and items["l2"].source.endswith("lines.json#line2")
    assert items["s1"].text == "One." and items["dump-2"].text == "Two."
    _assert_page_article(items["page"])
    assert items["looks"].text.startswith('{"id"')
    assert items["export-1"].text == "Tabbed body." and items["export-1"].title == "H"


def test_field_overrides_are_tried_first(tmp_path):
    (tmp_path / "custom.jsonl").write_text(
        json.dumps({"key": "k1", "story": "Custom text.", "text": "teaser", "when": "2022-07-08", "hed": "Hed"}) + "\n",
        encoding="utf-8",
    )
    (tmp_path / "custom.csv").write_text("Key,Story\nk2,From CSV.\n", encoding="utf-8")
    items = _read(tmp_path, text_field="story", id_field="key", date_field="when", title_field="hed")
    assert [(i.doc_id, i.text) for i in items] == [("k2", "From CSV."), ("k1", "Custom text.")]
    assert items[1].published == "2022-07-08" and items[1].title == "Hed"
    assert isinstance(_read(tmp_path / "custom.csv")[0], Problem)  # no override: no text column


def _warc_bytes(gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)

    def response(uri: str, ctype: str, body: bytes, rid: str, status: str = "200 OK"):
        http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        headers = {"WARC-Record-ID": f"<urn:uuid:{rid}>", "WARC-Date": "2024-02-20T01:02:03Z"}
        return writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http, warc_headers_dict=headers)

    writer.write_record(writer.create_warc_record("https://example.com/news/acme", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
    writer.write_record(response("https://example.com/news/acme", "text/html; charset=utf-8", PAGE.encode(), "11111111-2222-3333-4444-555555555555"))
    writer.write_record(response("https://example.com/logo.png", "image/png", b"\x89PNG....", "66666666-7777-8888-9999-000000000000"))
    undated = PAGE.replace('<meta property="article:published_time" content="2024-02-19T08:00:00Z">', "").replace("Copyright 2024 ", "")
    writer.write_record(response("https://example.com/b", "text/html", undated.encode(), "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"))
    return buf.getvalue()


@pytest.mark.parametrize("name, gz", [("cc-news.warc", False), ("cc-news.warc.gz", True)])
def test_warc_html_responses_only(tmp_path, name, gz):
    (tmp_path / name).write_bytes(_warc_bytes(gz))
    items = _read(tmp_path)
    assert [i.doc_id for i in items] == ["11111111-2222-3333-4444-555555555555", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"]
    _assert_page_article(items[0])
    assert items[0].url == "https://example.com/news/acme"
    assert items[0].source == f"{tmp_path / name}#record2"
    assert items[1].published == "2024-02-20"  # no date on the page: the capture date
    assert items[1].source.endswith("#record4")


def test_error_rows(tmp_path):
    (tmp_path / "bad.json").write_text("[{]", encoding="utf-8")
    (tmp_path / "empty.jsonl").write_text("\n\n", encoding="utf-8")
    (tmp_path / "header-only.csv").write_text("id,text\n", encoding="utf-8")
    noise = random.Random(0)
    lines = [json.dumps({"id": f"ok{n}", "text": noise.randbytes(600).hex()}) for n in range(1, 300)]
    (tmp_path / "broken.jsonl.gz").write_bytes(gzip.compress("\n".join(lines).encode(), mtime=0)[:-2000])  # cut short
    (tmp_path / "notgz.txt.gz").write_bytes(b"\x1f\x8bnot really gzip")
    (tmp_path / "latin.csv").write_bytes(b"id,text\nl1,caf\xe9\nl2,fine\n")
    (tmp_path / "short.warc").write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999\r\n\r\ntrunc")
    items = _read(tmp_path)
    rows = {(i.source.rsplit("/", 1)[1], i.status if isinstance(i, Problem) else "ok") for i in items}
    assert ("bad.json", "failed") in rows
    assert ("empty.jsonl", "empty") in rows
    assert ("header-only.csv", "empty") in rows
    assert ("latin.csv#row1", "failed") in rows and ("latin.csv#row2", "ok") in rows
    assert ("notgz.txt.gz", "failed") in rows
    assert any(s.startswith("short.warc") and st == "failed" for s, st in rows)
    broken = [i for i in items if "broken.jsonl.gz" in i.source]
    assert broken[0].doc_id == "ok1" and broken[-1].status == "failed" and "gzip" in broken[-1].reason
    assert len({i.doc_id for i in items if isinstance(i, Article)}) == sum(isinstance(i, Article) for i in items)
