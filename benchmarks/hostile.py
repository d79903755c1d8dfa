"""Hostile inputs, each run through `newsfacts extract --workers 1` in its own process:
prints each input's documents.jsonl rows (status and reason), the exit status and the
peak RSS of the run. Memory must be bounded by the limits, not the input: every run
is expected to stay under 1.5 GiB.

    python benchmarks/hostile.py              # all cases (jsonl-lines takes a few minutes)
    python benchmarks/hostile.py csv-gz ids   # some of them

The oversize inputs are small on disk (gzip) and large once read: a gzip'd CSV with
one 1 GiB field, a gzip'd JSON document of 1 GiB, eight JSONL lines of 1M characters,
a JSONL record whose id is 1M characters long."""
from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
LIMIT_MIB = 1536
SENTENCE = "Acme said revenue rose 12% to $5.6 billion in 2023, and profit fell 3% to $1.2 billion. "


def _gzip_repeated(path: Path, head: bytes, unit: bytes, times: int, tail: bytes) -> None:
    """A gzip file whose content is head + unit*times + tail, written in bounded pieces."""
    with gzip.open(path, "wb", compresslevel=6) as fh:
        fh.write(head)
        chunk = unit * max(1, (1 << 20) // len(unit))
        per = len(chunk) // len(unit)
        done = 0
        while done + per <= times:
            fh.write(chunk)
            done += per
        fh.write(unit * (times - done))
        fh.write(tail)


def csv_gz(d: Path) -> None:
    _gzip_repeated(d / "huge-field.csv.gz", b'id,text\nbig,"', b"a", 1 << 30, b'"\nafter,"' + SENTENCE.encode() + b'"\n')


def json_gz(d: Path) -> None:
    _gzip_repeated(d / "huge.json.gz", b'[{"id": "big", "text": "', b"a", 1 << 30, b'"}]')


def jsonl_lines(d: Path) -> None:
    text = (SENTENCE * (999_000 // len(SENTENCE) + 1))[:999_000]
    with (d / "long-lines.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(8):
            fh.write(json.dumps({"id": f"long-{i}", "text": text}) + "\n")


def long_id(d: Path) -> None:
    (d / "long-id.jsonl").write_text(json.dumps({"id": "x" * 1_000_000, "text": SENTENCE * 200}) + "\n", encoding="utf-8")


def names(d: Path) -> None:
    folder = os.fsencode(d) + b"/r\xe9p"
    os.mkdir(folder)
    with open(folder + b"/caf\xe9.txt", "wb") as fh:
        fh.write(SENTENCE.encode())


def trees(d: Path) -> None:
    (d / "x").symlink_to("y")
    (d / "y").symlink_to("x")
    (d / "passwd.txt").symlink_to("/etc/passwd")
    deep = d
    for _ in range(1000):
        deep = deep / "d"
        deep.mkdir()
    (deep / "deep.txt").write_text(SENTENCE, encoding="utf-8")
    for site in ("site1", "site2"):
        (d / site).mkdir()
        (d / site / "index.html").write_text(f"<html><body><article><p>{SENTENCE}</p></article></body></html>", encoding="utf-8")


def dumps(d: Path) -> None:
    (d / "quote.csv").write_text(f'id,text\nq1,"{SENTENCE}\nq2,"{SENTENCE}"\nq3,"{SENTENCE}"\n', encoding="utf-8")
    lines = ['{"id": "j1", "text": broken}'] + [json.dumps({"id": f"j{i}", "text": SENTENCE}) for i in (2, 3)]
    (d / "first-bad.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (d / "cc.warc").write_bytes(_overstated_warc())


def _overstated_warc() -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for i in range(3):
        body = f"<html><body><article><p>Story {i}. {SENTENCE}</p></article></body></html>".encode()
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(f"https://example.com/{i}", "response", payload=io.BytesIO(body),
                                           http_headers=http, warc_headers_dict={"WARC-Record-ID": f"<urn:uuid:w{i}>"})
        writer.write_record(record)
    data = buf.getvalue()
    m = list(re.finditer(rb"Content-Length: (\d+)", data))[0]
    return data[: m.start(1)] + str(int(m.group(1)) + 600).encode() + data[m.end(1):]


def text(d: Path) -> None:
    (d / "stray-byte.txt").write_bytes(("Revenue rose 5% to €3 million. " * 3).encode() + b"\xff " + "“Fine”, it said.".encode())
    (d / "mixed.txt").write_bytes("Revenue rose 5% to €3 million. ".encode() + "Le café a gagné 7%.".encode("latin-1"))
    (d / "c1.jsonl").write_text(json.dumps({"id": "c1", "text": "\x93Profit\x94 rose 5% to \x803 million \x96 a record."}) + "\n", encoding="utf-8")
    (d / "nel.txt").write_text(("Revenue rose 5% to $3 million.\x85" * 4), encoding="utf-8")
    page = f'<html><head><meta charset="utf-16"></head><body><article><p>{SENTENCE}</p></article></body></html>'
    (d / "utf16-meta.html").write_bytes(page.encode("ascii") + (b" " if len(page) % 2 else b""))
    (d / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    rows = [{"id": "p1", "text": "Revenue rose 5% last year.", "published": "9999-12-31"},
            {"id": "p2", "text": "Revenue rose 5% last year.", "published": "0001-01-01T00:00:00Z"}]
    (d / "placeholder-dates.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


CASES: dict[str, Callable[[Path], None]] = {
    "csv-gz": csv_gz, "json-gz": json_gz, "jsonl-lines": jsonl_lines, "ids": long_id,
    "names": names, "trees": trees, "dumps": dumps, "text": text,
}


def run(name: str, make: Callable[[Path], None]) -> int:
    with tempfile.TemporaryDirectory(prefix=f"hostile-{name}-") as tmp:
        inputs, out = Path(tmp) / "in", Path(tmp) / "out"
        inputs.mkdir()
        make(inputs)
        # A child of its own, so RUSAGE_CHILDREN is this run's peak alone.
        probe = (
            "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)"
        )
        cmd = [sys.executable, "-c", probe, sys.executable, "-m", "pipeline.cli", "extract", str(inputs),
               "--out", str(out), "--workers", "1", "-q"]
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, errors="replace")
        rss_kib, code = map(int, done.stdout.split()[-2:])
        print(f"== {name}: exit {code}, peak RSS {rss_kib / 1024:,.0f} MiB")
        for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines() if (out / "documents.jsonl").exists() else []:
            row = json.loads(line)
            source = row["source"].replace(str(inputs) + "/", "")
            print(f"   {source[:60]:60} {row['status']:8} {(row['reason'] or '')[:150]}")
        if done.stderr.strip() and code not in (0, 1):
            print("   stderr:", done.stderr.strip()[-500:])
        _remove_deep(inputs)
        return rss_kib // 1024


def _remove_deep(folder: Path) -> None:
    """TemporaryDirectory's clean-up recurses once per level: a 1000-deep tree goes first."""
    deep = folder / "d"
    if not deep.is_dir():
        return
    while (deep / "d").is_dir():
        deep = deep / "d"
    for f in deep.iterdir():
        f.unlink()
    while deep != folder:
        deep.rmdir()
        deep = deep.parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cases", nargs="*", choices=[[], *CASES], help="cases to run (default: all)")
    args = ap.parse_args()
    worst = max(run(name, CASES[name]) for name in (args.cases or CASES))
    print(f"largest peak RSS: {worst:,} MiB (limit {LIMIT_MIB:,} MiB): {'ok' if worst < LIMIT_MIB else 'OVER'}")
    return 0 if worst < LIMIT_MIB else 1


if __name__ == "__main__":
    sys.exit(main())
