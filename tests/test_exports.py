"""Data a newsroom's tools open: the article's url kept from every input format,
newsfacts.sqlite as Datasette shows it (keys, links, search, facets, verdicts),
written atomically; the verdicts as CSV; the checked claims as ClaimReview."""

from __future__ import annotations

import csv
import errno
import json
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from pipeline import cli
from pipeline.claimreview import write_claimreview
from pipeline.review import DB_NAME as REVIEW_DB
from pipeline.review import reconcile, set_verdict, verdicts
from pipeline.reviewed import reviewed_rows, write_verdicts_csv
from pipeline.sqlite_export import ExportError, export_sqlite
from tests.browser.sample import write_jsonl
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
    conn = sqlite3.connect(run / "newsfacts.sqlite")
    assert conn.execute("SELECT url FROM documents WHERE doc_id = 'a'").fetchone() == (URL_TXT,)
    conn.close()


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


# --------------------------------------------------------------------------- SQLite


def test_sqlite_has_keys_links_and_search(run: Path) -> None:
    conn = sqlite3.connect(run / "newsfacts.sqlite")
    pks = {t: [r[1] for r in conn.execute(f"PRAGMA table_info({t})") if r[5]] for t in
           ("documents", "texts", "mentions", "claims", "verdicts")}
    assert pks == {"documents": ["doc_id"], "texts": ["doc_id"], "mentions": ["id"], "claims": ["id"],
                   "verdicts": ["record_id"]}
    fks = {(t, r[3], r[2], r[4]) for t in ("texts", "mentions", "claims", "verdicts")
           for r in conn.execute(f"PRAGMA foreign_key_list({t})")}
    assert {("mentions", "doc_id", "documents", "doc_id"), ("claims", "doc_id", "documents", "doc_id"),
            ("texts", "doc_id", "documents", "doc_id"), ("claims", "amount_mention", "mentions", "id"),
            ("verdicts", "mention_id", "mentions", "id"), ("verdicts", "claim_id", "claims", "id")} <= fks
    # every link leads somewhere
    assert conn.execute("PRAGMA foreign_key_check(mentions)").fetchall() == []
    assert conn.execute("PRAGMA foreign_key_check(texts)").fetchall() == []
    hits = conn.execute(
        "SELECT doc_id FROM texts WHERE rowid IN (SELECT rowid FROM texts_fts WHERE texts_fts MATCH 'Gamma')"
    ).fetchall()
    assert hits == [("c",)]
    sentences = conn.execute(
        "SELECT DISTINCT doc_id FROM mentions WHERE rowid IN (SELECT rowid FROM mentions_fts WHERE mentions_fts MATCH 'Beta')"
    ).fetchall()
    assert sentences == [("b",)]
    claim = conn.execute("SELECT c.metric, m.text FROM claims c JOIN mentions m ON m.id = c.amount_mention "
                         "WHERE c.doc_id = 'a'").fetchone()
    assert claim == ("revenue", "$5.6 billion")
    conn.close()


def test_metadata_describes_tables_and_facets(run: Path) -> None:
    meta = json.loads((run / "metadata.json").read_text(encoding="utf-8"))
    tables = meta["databases"]["newsfacts"]["tables"]
    assert meta["title"] and set(tables) == {"documents", "texts", "mentions", "claims", "verdicts"}
    assert all(t["description"] for t in tables.values())
    assert tables["mentions"]["facets"][:2] == ["type", "method"]
    assert "metric" in tables["claims"]["facets"] and "verdict" in tables["verdicts"]["facets"]
    assert tables["documents"]["label_column"] == "title"
    assert "reviewer" in tables["verdicts"]["facets"]


def test_verdicts_are_written_into_the_sqlite_file(out: Path) -> None:
    mention = read(out / "mentions.jsonl")[2]
    claim = read(out / "claims.jsonl")[0]
    set_verdict(out, mention["id"], "verified", "checked")
    set_verdict(out, claim["id"], "wrong")
    conn = sqlite3.connect(export_sqlite(out))
    rows = conn.execute("SELECT record_id, verdict, note, mention_id, claim_id, text FROM verdicts ORDER BY record_id").fetchall()
    assert rows == [
        (claim["id"], "wrong", "", None, claim["id"], claim["sentence"]["text"]),
        (mention["id"], "verified", "checked", mention["id"], None, mention["text"]),
    ]
    joined = conn.execute("SELECT m.type, d.title FROM verdicts v JOIN mentions m ON m.id = v.mention_id "
                          "JOIN documents d ON d.doc_id = v.doc_id").fetchone()
    assert joined == ("money", "Story d1")
    conn.close()


# --------------------------------------------------------------------------- atomic


def test_a_failed_export_removes_the_stale_file_and_says_so(out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    export_sqlite(out)
    import pipeline.sqlite_export as sx

    def disk_full(record: dict[str, Any]) -> dict[str, Any]:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(sx, "claim_row", disk_full)
    with pytest.raises(ExportError, match="No space left.*previous newsfacts.sqlite was removed"):
        export_sqlite(out)
    assert not (out / "newsfacts.sqlite").exists() and not list(out.glob(".*tmp*"))


def test_extract_says_when_the_export_failed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, nlp) -> None:
    import pipeline.sqlite_export as sx

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Acme raised $5 million in 2023.", encoding="utf-8")
    monkeypatch.setattr(sx, "mention_row", lambda m: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space left on device")))
    assert cli.main(["extract", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--workers", "1", "-q"]) == 2
    err = capsys.readouterr().err
    assert "cannot write" in err and "newsfacts.sqlite" in err and "No space left" in err
    assert (tmp_path / "out" / "mentions.jsonl").is_file() and not (tmp_path / "out" / "newsfacts.sqlite").exists()


KILLED_DURING_EXPORT = """
import os, signal, sys
import pipeline.sqlite_export as sx
sx.mention_row = lambda m: os.kill(os.getpid(), signal.SIGKILL)
from pipeline.cli import main
main(["extract", sys.argv[1], "--out", sys.argv[2], "--workers", "1", "-q"])
"""


@pytest.mark.slow
def test_a_run_killed_during_the_export_leaves_no_old_sqlite_beside_new_files(tmp_path: Path, nlp) -> None:
    first, second, out = tmp_path / "first", tmp_path / "second", tmp_path / "out"
    for folder, text in ((first, "Acme raised $5 million in 2023."), (second, "Beta raised $7 million in 2024.")):
        folder.mkdir()
        (folder / f"{folder.name}.txt").write_text(text, encoding="utf-8")
    assert cli.main(["extract", str(first), "--out", str(out), "--workers", "1", "-q"]) == 0
    assert (out / "newsfacts.sqlite").is_file()
    proc = subprocess.run([sys.executable, "-c", KILLED_DURING_EXPORT, str(second), str(out)], cwd=ROOT, timeout=300)
    assert proc.returncode == -signal.SIGKILL
    assert {d["doc_id"] for d in read(out / "documents.jsonl")} == {"first", "second"}  # the new files are in place
    assert not (out / "newsfacts.sqlite").exists()  # and the old run's database is not beside them
    assert cli.main(["extract", str(second), "--out", str(out), "--workers", "1", "-q"]) == 0
    conn = sqlite3.connect(out / "newsfacts.sqlite")
    assert conn.execute("SELECT count(*) FROM documents").fetchone() == (2,)
    conn.close()
    assert not list(out.glob(".*tmp*"))  # the killed run's temporary file is gone too


# --------------------------------------------------------------------------- Datasette


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as resp:
        return json.loads(resp.read().decode("utf-8"))


@pytest.fixture()
def datasette(run: Path) -> Any:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(run / "newsfacts.sqlite"), "-m", str(run / "metadata.json"),
         "-h", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(f"{base}/-/versions.json")
                break
            except OSError:
                if proc.poll() is not None:
                    raise AssertionError(f"datasette exited: {proc.stderr.read().decode()}") from None
                if time.monotonic() > deadline:
                    raise AssertionError("datasette did not start within 60 s") from None
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.mark.slow
def test_datasette_serves_rows_search_and_links(datasette: str) -> None:
    db = f"{datasette}/newsfacts"
    docs = _get(f"{db}/documents.json?_shape=array")
    assert {d["doc_id"]: d["url"] for d in docs}["a"] == URL_TXT
    found = _get(f"{db}/mentions.json?_search=billion&_shape=array&_labels=on")
    assert found and {m["doc_id"]["value"] for m in found} == {"a"}
    assert found[0]["doc_id"]["label"] == "Acme's year"  # the foreign key shows the document's title
    texts = _get(f"{db}/texts.json?_search=Beta&_shape=array&_col=doc_id")
    assert [t["doc_id"] for t in texts] == ["b"]
    row = _get(f"{db}/documents/a.json?_extras=foreign_key_tables")
    links = {t["other_table"]: t for t in row["foreign_key_tables"]}
    assert links["mentions"]["count"] > 0 and links["mentions"]["link"] == "/newsfacts/mentions?doc_id=a"
    facets = _get(f"{db}/mentions.json?_size=0")["facet_results"]
    assert {"type", "method"} <= set(facets.get("results", facets))  # the facets of metadata.json
    assert _get(f"{datasette}/-/metadata.json")["title"] == "newsfacts"


# --------------------------------------------------------------------------- verdicts as CSV


def with_urls(out: Path) -> Path:
    docs = read(out / "documents.jsonl")
    for d in docs:
        d["url"] = f"https://news.example.com/{d['doc_id']}" if d["status"] == "ok" else None
    write_jsonl(out / "documents.jsonl", docs)
    return out


def test_verdicts_csv_joins_records_and_documents(out: Path) -> None:
    with_urls(out)
    mention = read(out / "mentions.jsonl")[2]
    claim = read(out / "claims.jsonl")[0]
    set_verdict(out, mention["id"], "verified", "matches the filing, \"page 3\"")
    set_verdict(out, claim["id"], "wrong", "revenue, not profit")
    dest, n = write_verdicts_csv(out)
    assert dest == out / "verdicts.csv" and n == 2 and not list(out.glob(".*tmp*"))
    with dest.open(encoding="utf-8", newline="") as fh:
        rows = {r["record_id"]: r for r in csv.DictReader(fh)}
    m, c = rows[mention["id"]], rows[claim["id"]]
    assert (m["verdict"], m["note"], m["type"], m["text"], m["normalized"]) == (
        "verified", 'matches the filing, "page 3"', "money", "$5.6 billion", "5.6 billion USD")
    assert (m["doc_id"], m["title"], m["url"], m["published"]) == ("d1", "Story d1", "https://news.example.com/d1", "2024-02-19")
    assert (c["kind"], c["type"], c["text"], c["metric"], c["subject"]) == (
        "claim", "claim", claim["sentence"]["text"], "revenue", "Acme Corp")
    assert "$5.6 billion" in c["normalized"] and c["status"] == "current"


def test_verdicts_keep_the_store_columns_and_orphans(out: Path) -> None:
    mentions = read(out / "mentions.jsonl")
    set_verdict(out, mentions[0]["id"], "verified", reviewer="Ana")
    set_verdict(out, mentions[1]["id"], "needs-check")
    write_jsonl(out / "mentions.jsonl", mentions[1:])  # the first record is gone
    reconcile(out)
    rows = {r["record_id"]: r for r in reviewed_rows(out)}
    gone = rows[mentions[0]["id"]]
    assert gone["status"] == "orphaned" and gone["reviewer"] == "Ana" and gone["text"] is None
    assert gone["decided"] and rows[mentions[1]["id"]]["reviewer"] == "" and rows[mentions[1]["id"]]["text"] == mentions[1]["text"]
    header = next(csv.reader((write_verdicts_csv(out)[0]).open(encoding="utf-8")))
    assert header[:8] == ["record_id", "kind", "verdict", "note", "status", "updated", "reviewer", "decided"]


def test_no_verdicts_gives_a_header_only_file(out: Path) -> None:
    dest, n = write_verdicts_csv(out, out / "v.csv")
    assert n == 0 and dest.read_text(encoding="utf-8").startswith("record_id,kind,verdict")
    assert not (out / REVIEW_DB).exists()  # reading does not create a store


# --------------------------------------------------------------------------- ClaimReview


def test_claimreview_has_the_required_and_recommended_fields(out: Path) -> None:
    with_urls(out)
    claims = read(out / "claims.jsonl")
    set_verdict(out, claims[0]["id"], "verified", "as in the annual report", reviewer="Ana Ruiz")
    set_verdict(out, claims[1]["id"], "wrong")
    set_verdict(out, read(out / "mentions.jsonl")[0]["id"], "verified")  # a mention: not a claim review
    export = write_claimreview(out, base_url="https://factcheck.example.org/reviews", publisher="Example News")
    assert export.path == out / "claimreview.json" and export.written == 2 and not export.missing
    assert export.left_out == {"verdicts on mentions": 1}
    reviews = {r["identifier"]: r for r in json.loads(export.path.read_text(encoding="utf-8"))}
    docs = {d["doc_id"]: d for d in read(out / "documents.jsonl")}
    for claim, verdict in ((claims[0], "True"), (claims[1], "False")):
        r = reviews[claim["id"]]
        doc = docs[claim["doc_id"]]
        assert r["@context"] == "https://schema.org" and r["@type"] == "ClaimReview"
        # required: claimReviewed, reviewRating (with alternateName), url, author
        assert r["claimReviewed"] == claim["sentence"]["text"]
        assert r["url"].startswith("https://factcheck.example.org/reviews#")
        rating = r["reviewRating"]
        assert rating["@type"] == "Rating" and rating["alternateName"] == verdict
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert rating["ratingValue"] == (rating["bestRating"] if verdict == "True" else rating["worstRating"])
        assert r["author"]["name"]
        # recommended: itemReviewed (a Claim that appears in the article), datePublished
        item = r["itemReviewed"]
        assert item["@type"] == "Claim"
        assert item["appearance"] == {"@type": "CreativeWork", "url": doc["url"], "headline": doc["title"],
                                      "datePublished": doc["published"]}
        assert len(r["datePublished"]) == 10 and r["datePublished"][4] == "-"
    reviewed = reviews[claims[0]["id"]]
    assert reviewed["author"] == {"@type": "Person", "name": "Ana Ruiz",
                                  "affiliation": {"@type": "Organization", "name": "Example News"}}
    decided = verdicts(out)[claims[0]["id"]]["decided"]
    assert decided and reviewed["datePublished"] == decided[:10] and reviewed["reviewBody"] == "as in the annual report"
    assert reviews[claims[1]["id"]]["author"] == {"@type": "Organization", "name": "Example News"}


def test_claimreview_leaves_out_what_no_longer_matches(out: Path) -> None:
    claims = read(out / "claims.jsonl")
    set_verdict(out, claims[0]["id"], "needs-check")
    set_verdict(out, claims[1]["id"], "verified")
    changed = dict(claims[1], metric="revenue")  # same id, says something else now
    write_jsonl(out / "claims.jsonl", [claims[0], changed])
    reconcile(out)
    export = write_claimreview(out, out / "cr.jsonld")
    assert export.written == 0 and json.loads((out / "cr.jsonld").read_text(encoding="utf-8")) == []
    assert sorted(export.left_out) == ["changed verdicts (the claim is gone or now says something else)",
                                       "claims marked needs-check"]


# --------------------------------------------------------------------------- command line


@pytest.mark.parametrize("command", ["export-verdicts", "export-claimreview", "export-sqlite"])
def test_a_missing_out_dir_is_a_clear_error(command: str, tmp_path: Path, capsys) -> None:
    assert cli.main([command, str(tmp_path / "nowhere")]) == 2
    assert f"no such folder: {tmp_path / 'nowhere'}" in capsys.readouterr().err
    assert cli.main([command, str(tmp_path)]) == 2
    assert "not a newsfacts output folder" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["export-verdicts", "export-claimreview"])
def test_a_dest_in_a_missing_folder_is_a_clear_error(command: str, out: Path, tmp_path: Path, capsys) -> None:
    assert cli.main([command, str(out), "--dest", str(tmp_path / "no" / "file")]) == 2
    assert f"the folder of --dest does not exist: {tmp_path / 'no'}" in capsys.readouterr().err
    assert not (tmp_path / "no").exists()
    assert cli.main([command, str(out), "--dest", str(tmp_path)]) == 2
    assert "is a folder; give a file name" in capsys.readouterr().err


def test_commands_write_and_report(out: Path, tmp_path: Path, capsys) -> None:
    claim = read(out / "claims.jsonl")[0]
    set_verdict(out, claim["id"], "verified")
    assert cli.main(["export-verdicts", str(out), "--dest", str(tmp_path / "v.csv")]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "v.csv")
    assert cli.main(["export-claimreview", str(out), "--dest", str(tmp_path / "cr.json")]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == str(tmp_path / "cr.json") and "1 claim reviews" in captured.err
    assert "without url (give --base-url)" in captured.err and "without author (give --publisher)" in captured.err
    assert cli.main(["export-sqlite", str(out)]) == 0
    conn = sqlite3.connect(out / "newsfacts.sqlite")
    assert conn.execute("SELECT verdict FROM verdicts").fetchall() == [("verified",)]
    conn.close()
    assert "datasette" in capsys.readouterr().err
