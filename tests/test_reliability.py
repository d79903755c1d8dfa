"""Bad input and repeatable output.

Every input document gets a row in documents.jsonl with its status and a clear
reason, whatever it holds; one bad document changes nothing for the good ones; the
run never shows a traceback for a user error; the exit status is 1 exactly when a
document failed. Two runs over the same input give byte-identical files, whatever
the time zone or locale.

Small bad inputs live in tests/fixtures/bad/; large, binary, permission, symlink
and FIFO cases are made here, in tmp_path."""
from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import cli
from pipeline.ingest import MAX_BYTES, Problem, read_articles
from pipeline.readers.base import NotedArticle
from pipeline.records import Article
from tests.conftest import CORPUS, ROOT

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "bad"
GOOD_IDS = ("000_78491d6c5b3a8a4b", "003_2fe8624c3dd58d99")  # two seed articles, copied as the good inputs
RECORD_FILES = ("mentions.jsonl", "documents.jsonl", "texts.jsonl", "mentions.csv")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

# doc_id → (status, words the reason must hold; None: no reason) for every bad input.
EXPECTED = {
    "empty": ("empty", "file has no text"),
    "image": ("failed", "PNG image"),
    "utf16": ("ok", None),
    "cp1252": ("ok", None),
    "latin1": ("ok", None),
    "dump-good": ("ok", None),
    "mixed-2": ("failed", "line 2 is not valid JSON"),
    "dump-notext": ("failed", "no text field"),
    "mixed-4": ("failed", "line 4 is not a JSON object"),
    "dump-blank": ("empty", "text field is empty"),
    "nocolumn": ("failed", "no text column"),
    "scripts": ("empty", "no article text found"),
    # made by _make_bad_inputs
    "big": ("skipped", "over the limit of 20.0 MiB"),
    "bomb": ("skipped", "decompressed content is over the limit"),
    "longline": ("skipped", "over the limit of 1,000,000"),
    "deep": ("failed", "nested too deeply"),
    "zeros": ("failed", "binary content"),
    "dangling": ("failed", "dangling symbolic link"),
    "unreadable": ("failed", "Permission denied"),
    "surrogates": ("ok", None),
}
if hasattr(os, "mkfifo"):
    EXPECTED["fifo"] = ("skipped", "not a regular file (a named pipe)")


def _rows(out: Path, name: str = "documents.jsonl") -> list[dict]:
    return [json.loads(line) for line in (out / name).read_text(encoding="utf-8").splitlines()]


def _make_good_inputs(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    meta = [json.loads(line) for line in (CORPUS / "metadata.jsonl").read_text(encoding="utf-8").splitlines()]
    for doc_id in GOOD_IDS:
        shutil.copy(CORPUS / f"{doc_id}.txt", folder / f"{doc_id}.txt")
    (folder / "metadata.jsonl").write_text(
        "".join(json.dumps(m) + "\n" for m in meta if m["doc_id"] in GOOD_IDS), encoding="utf-8"
    )
    (folder / "wire.jsonl").write_text(
        json.dumps({"id": "wire-1", "text": "Baidu said revenue fell 2% to 31.5 billion yuan.", "published": "2024-02-29"})
        + "\n",
        encoding="utf-8",
    )
    return folder


def _make_bad_inputs(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(FIXTURES, folder)
    with (folder / "big.txt").open("wb") as fh:  # sparse: 21 MiB on paper, nothing on disk
        fh.truncate(21 * 2**20)
    (folder / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * (MAX_BYTES + 1), mtime=0))
    (folder / "longline.txt").write_bytes(b"x" * 2**20)  # 1 MiB, not one space
    (folder / "deep.json").write_text("[" * 100_000, encoding="utf-8")
    (folder / "zeros.txt").write_bytes(b"\x00" * 4096)
    (folder / "dangling.txt").symlink_to(folder / "no-such-target.txt")
    (folder / "surrogates.jsonl").write_text('{"id": "surrogates", "text": "Profit \\ud800 rose 5% to $3 million."}\n', encoding="utf-8")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "fifo.txt")
    _unreadable(folder / "unreadable.txt", monkeypatch)
    return folder


def _unreadable(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that cannot be read: chmod 000, or (as root, whom chmod does not stop)
    a file whose opening raises PermissionError, as the OS would."""
    path.write_text("Revenue rose 12% to $5.6 billion.", encoding="utf-8")
    if not IS_ROOT:
        path.chmod(0)
        return
    real_open = Path.open

    def open_(self, *args, **kwargs):
        if os.path.abspath(self) == os.path.abspath(path):
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_)


def _extract(capsys, *args: str | Path, quiet: bool = True) -> tuple[int, str]:
    argv = ["extract", *map(str, args), "--workers", "1"] + (["-q"] if quiet else [])
    capsys.readouterr()
    code = cli.main(argv)
    return code, capsys.readouterr().err


# ---------------------------------------------------------------- the readers alone (no model)


def _read_one(path: Path, **kwargs) -> list[Article | Problem]:
    return list(read_articles([path], **kwargs))


@pytest.mark.parametrize(
    "name, expected",
    [
        ("utf16.txt", "Acme’s revenue rose 12% to $5.6 billion in 2023.\nCafé sales fell 3 percent.\n"),
        ("cp1252.txt", "Acme said “profit rose 5%” to €3 million – a record.\n"),
        ("latin1.txt", "Le café a gagné 7% à 2 millions d'euros.\n"),
    ],
)
def test_text_in_other_encodings_is_decoded_with_a_note(name, expected):
    (item,) = _read_one(FIXTURES / name)
    assert isinstance(item, NotedArticle)
    assert item.text == expected  # the byte-order mark dropped, nothing else changed
    assert ("UTF-16" if name == "utf16.txt" else "windows-1252") in item.note


def test_utf8_with_a_byte_order_mark_is_plain_utf8(tmp_path):
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbfProfit rose 5%.")
    (item,) = _read_one(tmp_path / "bom.txt")
    assert type(item) is Article and item.text == "Profit rose 5%."


def test_a_stray_control_character_does_not_make_text_binary(tmp_path):
    text = ("Revenue rose 12% to $5.6 billion. " * 5 + "\x00\n" + "Profit fell. " * 5 + "\x1b\n") * 3
    (tmp_path / "stray.txt").write_text(text, encoding="utf-8")
    (item,) = _read_one(tmp_path / "stray.txt")
    assert type(item) is Article and item.text == text


def test_utf16_without_a_mark_and_utf32(tmp_path):
    text = "Revenue rose 12% to $5.6 billion.\n"
    (tmp_path / "le.txt").write_bytes(text.encode("utf-16-le"))
    (tmp_path / "u32.txt").write_bytes(text.encode("utf-32"))
    items = {i.doc_id: i for i in read_articles([tmp_path])}
    assert items["le"].text == items["u32"].text == text
    assert "UTF-16-LE" in items["le"].note and "UTF-32" in items["u32"].note


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"\x00" * 64, "binary content"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        (b"\xff\xfe\x00bad", "not UTF-8"),  # a UTF-16 mark before bytes that are no text
        (b"caf\xe9 \x81\x8d", "nor windows-1252"),
        (bytes(range(1, 32)) * 4, "binary content"),
    ],
    ids=["nul", "png", "pdf", "bom-then-binary", "undefined-cp1252", "controls"],
)
def test_binary_content_fails_with_a_reason(tmp_path, data, reason):
    (tmp_path / "x.txt").write_bytes(data)
    (item,) = _read_one(tmp_path / "x.txt")
    assert isinstance(item, Problem) and item.status == "failed" and reason in item.reason


def test_size_limit_is_checked_before_reading(tmp_path, monkeypatch):
    from pipeline.readers import text

    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    # Only the first bytes are read, to tell the format; the content is never read whole.
    monkeypatch.setattr(text, "opened", lambda src: pytest.fail("a file over the limit was read"))
    (item,) = _read_one(big)
    assert item.status == "skipped" and "over the limit of 20.0 MiB for one article" in item.reason


def test_size_limit_can_be_changed(tmp_path):
    (tmp_path / "a.txt").write_text("Profit rose 5% to $3 million. " * 4, encoding="utf-8")
    (tmp_path / "page.html").write_text("<html><body><p>Profit rose 5% to $3 million.</p><p>" + "Sales fell. " * 10 + "</p></body></html>", encoding="utf-8")
    (tmp_path / "d.jsonl").write_text(
        json.dumps({"id": "long", "text": "x" * 200}) + "\n" + json.dumps({"id": "short", "text": "Fine."}) + "\n",
        encoding="utf-8",
    )
    items = {i.doc_id: i for i in read_articles([tmp_path], max_bytes=100)}
    assert items["a"].status == "skipped" and "limit of 100 bytes" in items["a"].reason
    assert items["page"].status == "skipped" and "limit of 100 bytes" in items["page"].reason
    assert items["d-1"].status == "skipped" and "line 1 is over the limit" in items["d-1"].reason
    assert isinstance(items["short"], Article)  # the line after a long one is read
    assert all(isinstance(i, Article) for i in read_articles([tmp_path]))  # within the default limit


def test_dumps_in_utf16(tmp_path):
    rows = [{"id": "w1", "text": "Sales rose 5% to €3 million."}, {"id": "w2", "text": "Café profit fell 2%."}]
    (tmp_path / "w.jsonl").write_bytes("".join(json.dumps(r, ensure_ascii=False) + "\r\n" for r in rows).encode("utf-16"))
    (tmp_path / "w.csv").write_bytes('id,text\nc1,"Sales rose 5% to €3 million."\n'.encode("utf-16"))
    (tmp_path / "w.json").write_bytes(json.dumps([{"id": "j1", "text": "Profit rose 5%."}]).encode("utf-32"))
    items = {i.doc_id: i for i in read_articles([tmp_path])}
    assert {k: getattr(v, "text", None) for k, v in items.items()} == {
        "w1": rows[0]["text"],
        "w2": rows[1]["text"],
        "c1": "Sales rose 5% to €3 million.",
        "j1": "Profit rose 5%.",
    }


def test_unpaired_surrogates_are_replaced_offsets_kept(tmp_path):
    (tmp_path / "s.jsonl").write_text('{"id": "s", "text": "A \\ud800 B", "title": "T\\udc00"}\n', encoding="utf-8")
    (item,) = _read_one(tmp_path / "s.jsonl")
    assert item.text == "A \ufffd B" and item.title == "T\ufffd" and "surrogate" in item.note


def test_nested_json_and_odd_metadata_do_not_stop_reading(tmp_path):
    (tmp_path / "a.txt").write_text("Profit rose 5%.", encoding="utf-8")
    (tmp_path / "metadata.jsonl").write_bytes(
        b'{"doc_id": "a", "title": {"nested": true}, "url": ["x"], "published": 20240219}\n'
        b'{"doc_id": "b", "title": "caf\xe9"}\n' + b"[" * 50_000 + b"\n"
    )
    (tmp_path / "b.txt").write_text("Profit fell 5%.", encoding="utf-8")
    lines = [json.dumps({"id": "before", "text": "Fine."}), "[" * 50_000, json.dumps({"id": "after", "text": "Fine."})]
    (tmp_path / "deep.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = {i.doc_id: i for i in read_articles([tmp_path])}
    assert items["a"].title is None and items["a"].url is None and items["a"].published is None
    assert isinstance(items["b"], Article)
    assert items["deep-2"].status == "failed" and "nested too deeply" in items["deep-2"].reason
    assert isinstance(items["before"], Article) and isinstance(items["after"], Article)


def test_a_reader_bug_fails_its_file_only(tmp_path, monkeypatch):
    from pipeline import ingest

    (tmp_path / "a.txt").write_text("Profit rose 5%.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "b", "text": "Fine."}) + "\n", encoding="utf-8")

    def broken(src, ctx):
        raise RuntimeError("reader bug")
        yield  # pragma: no cover

    monkeypatch.setitem(ingest.READERS, "text", broken)
    items = {i.doc_id: i for i in read_articles([tmp_path])}
    assert items["a"].status == "failed" and "RuntimeError: reader bug" in items["a"].reason
    assert isinstance(items["b"], Article)


def test_special_files_get_rows(tmp_path, monkeypatch):
    bad = _make_bad_inputs(tmp_path / "bad", monkeypatch)
    (bad / "linked").symlink_to(FIXTURES, target_is_directory=True)
    items = {i.doc_id: i for i in read_articles([bad])}
    assert items["linked"].status == "skipped" and "not followed" in items["linked"].reason
    for doc_id in ("dangling", "unreadable", "fifo", "big", "bomb", "zeros", "deep"):
        if doc_id in EXPECTED:
            status, words = EXPECTED[doc_id]
            assert (items[doc_id].status, words in items[doc_id].reason) == (status, True), items[doc_id]


def test_a_dangling_symlink_named_directly(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (item,) = _read_one(tmp_path / "gone.txt")
    assert item.status == "failed" and "dangling symbolic link" in item.reason


# ---------------------------------------------------------------- whole runs (the CLI, in-process)


@pytest.fixture(scope="module")
def good_alone(tmp_path_factory, nlp):
    """The good inputs run on their own: the records the bad inputs must not change."""
    base = tmp_path_factory.mktemp("alone")
    good = _make_good_inputs(base / "good")
    out = base / "out"
    assert cli.main(["extract", str(good), "--out", str(out), "--workers", "1", "-q"]) == 0
    return good, out


def test_bad_inputs_get_clear_rows_and_leave_good_records_alone(good_alone, tmp_path, monkeypatch, capsys):
    good, alone = good_alone
    bad = _make_bad_inputs(tmp_path / "bad", monkeypatch)
    out = tmp_path / "out"
    code, err = _extract(capsys, good, bad, "--out", out, "--batch-size", "3", quiet=False)

    docs = _rows(out)
    by_id = {d["doc_id"]: d for d in docs}
    good_ids = {d["doc_id"] for d in _rows(alone)}
    assert set(by_id) == good_ids | set(EXPECTED)  # every input has its row
    assert len(docs) == len(by_id)
    for doc_id, (status, words) in EXPECTED.items():
        row = by_id[doc_id]
        assert row["status"] == status, row
        if words is None:
            assert row["mentions"] > 0, row  # (its reason may note how the text was decoded)
        else:
            assert words in row["reason"], row

    # The good documents: the same rows, the same records, byte for byte.
    assert [d for d in docs if d["doc_id"] in good_ids] == _rows(alone)
    mentions = (out / "mentions.jsonl").read_text(encoding="utf-8").splitlines()
    kept = [line for line in mentions if json.loads(line)["doc_id"] in good_ids]
    assert kept and kept == (alone / "mentions.jsonl").read_text(encoding="utf-8").splitlines()
    for line in mentions:
        json.loads(line)

    failed = sum(d["status"] == "failed" for d in docs)
    assert code == 1
    assert f"failed {failed}" in err  # the summary counts them
    assert "Traceback" not in err
    assert not list(out.glob(".*.tmp-*"))


def test_decoded_text_gives_the_records_of_its_utf8_twin(tmp_path, nlp, capsys):
    text = (FIXTURES / "utf16.txt").read_bytes().decode("utf-16")
    (tmp_path / "in").mkdir()
    shutil.copy(FIXTURES / "utf16.txt", tmp_path / "in" / "twin.txt")
    (tmp_path / "in8").mkdir()
    (tmp_path / "in8" / "twin.txt").write_text(text, encoding="utf-8")
    for name in ("in", "in8"):
        assert _extract(capsys, tmp_path / name, "--out", tmp_path / f"out-{name}")[0] == 0
    def strip(rows: list[dict]) -> list[dict]:
        return [{k: v for k, v in r.items() if k != "source"} for r in rows]

    assert strip(_rows(tmp_path / "out-in", "mentions.jsonl")) == strip(_rows(tmp_path / "out-in8", "mentions.jsonl"))
    assert _rows(tmp_path / "out-in", "texts.jsonl") == _rows(tmp_path / "out-in8", "texts.jsonl")


def test_decoding_is_noted_in_the_documents_row(tmp_path, nlp, capsys):
    for name in ("utf16.txt", "cp1252.txt"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    assert _extract(capsys, tmp_path, "--out", tmp_path / "out")[0] == 0
    reasons = {d["doc_id"]: d["reason"] or "" for d in _rows(tmp_path / "out")}
    assert "UTF-16" in reasons["utf16"] and "windows-1252" in reasons["cp1252"]


def test_exit_status_is_0_when_nothing_failed(good_alone, tmp_path, capsys):
    good, _ = good_alone
    extra = tmp_path / "extra"
    extra.mkdir()
    for name in ("empty.txt", "scripts.html"):  # empty and skipped inputs are listed, not errors
        shutil.copy(FIXTURES / name, extra / name)
    with (extra / "big.txt").open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    code, err = _extract(capsys, good, extra, "--out", tmp_path / "out", quiet=False)
    statuses = {d["status"] for d in _rows(tmp_path / "out")}
    assert code == 0 and statuses == {"ok", "empty", "skipped"}
    assert "failed" not in err and "Traceback" not in err


def test_user_errors_exit_2_without_a_traceback(tmp_path, capsys):
    code, err = _extract(capsys, tmp_path / "missing", "--out", tmp_path / "out")
    assert code == 2 and "no such file or folder" in err and "Traceback" not in err
    code, err = _extract(capsys, FIXTURES / "empty.txt", "--out", tmp_path / "out", "--model", "no_such_model_xyz")
    assert code == 2 and "not installed" in err and "Traceback" not in err


# ---------------------------------------------------------------- determinism


@pytest.fixture(scope="module")
def det_inputs(tmp_path_factory) -> list[str]:
    base = tmp_path_factory.mktemp("det")
    rows = [
        {"id": "d1", "text": "Revenue rose 12% to $5.6 billion last year, the company said on Monday.", "published": "2024-02-19"},
        {"id": "d2", "body": "Sales fell 3 percent to 2.5bn yuan in the first quarter.", "date": "2023-05-02T23:30:00-08:00"},
        {"id": "d3", "text": "OpenAI released GPT-4o; Baidu's shares (NASDAQ: BIDU) fell 4.5%.", "published": None},
    ]
    dump = base / "dump.jsonl"
    dump.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return [str(CORPUS), str(dump)]


@pytest.fixture(scope="module")
def det_run(det_inputs, tmp_path_factory, nlp) -> Path:
    out = tmp_path_factory.mktemp("det-out")
    assert cli.main(["extract", *det_inputs, "--out", str(out), "--workers", "1", "-q"]) == 0
    return out


def _assert_same_files(a: Path, b: Path, names=RECORD_FILES) -> None:
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


@pytest.mark.slow
def test_two_runs_are_byte_identical(det_inputs, det_run, tmp_path):
    assert cli.main(["extract", *det_inputs, "--out", str(tmp_path), "--workers", "1", "-q"]) == 0
    _assert_same_files(det_run, tmp_path, RECORD_FILES + ("mentions.parquet",))


@pytest.mark.parametrize(
    "env",
    [
        {"TZ": "Pacific/Kiritimati", "LC_ALL": "C", "PYTHONHASHSEED": "1"},
        {"TZ": "America/Adak", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "PYTHONHASHSEED": "4242"},
    ],
    ids=["utc+14-C", "utc-10-C.UTF-8"],
)
@pytest.mark.slow
def test_time_zone_and_locale_do_not_change_output(det_inputs, det_run, tmp_path, env):
    cmd = [sys.executable, "-m", "pipeline.cli", "extract", *det_inputs, "--out", str(tmp_path), "--workers", "1", "-q"]
    done = subprocess.run(cmd, cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    _assert_same_files(det_run, tmp_path)


@pytest.mark.slow
def test_no_timestamps_in_record_files(det_run):
    today = {d.isoformat() for d in (dt.date.today(), dt.datetime.now(dt.timezone.utc).date())}
    stamp = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d")
    for name in RECORD_FILES + ("manifest.jsonl",):
        content = (det_run / name).read_text(encoding="utf-8")
        assert not any(day in content for day in today), name
        if name in ("documents.jsonl", "manifest.jsonl"):
            assert not stamp.search(content), name


@pytest.mark.slow
def test_runs_on_a_machine_without_a_time_zone_database(tmp_path: Path):
    """A slim container has no /usr/share/zoneinfo: the tzdata package stands in,
    and the records are the same."""
    code = ("import json, pipeline; print(json.dumps([m.to_dict() for m in pipeline.extract("
            "'Acme raised $5 million on March 3, 2024, up 12% from last year.', published='2024-05-01')]))")
    empty = tmp_path / "no-zoneinfo"
    empty.mkdir()
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False,
                           env={**os.environ, **extra}) for extra in ({}, {"PYTHONTZPATH": str(empty)})]
    for r in runs:
        assert r.returncode == 0, r.stderr[-2000:]
    assert runs[0].stdout == runs[1].stdout
    assert {m["type"] for m in json.loads(runs[1].stdout)} >= {"money", "date", "percent"}
