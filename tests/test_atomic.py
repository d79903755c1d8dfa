"""atomic_write: a file appears whole or not at all."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.atomic import atomic_path, atomic_write


def test_the_new_file_replaces_the_old_only_when_written_whole(tmp_path: Path) -> None:
    dest = tmp_path / "report.html"
    dest.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_write(dest) as fh:
            fh.write("half of the new")
            raise RuntimeError("disk full")
    assert dest.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]  # no temporary left
    with atomic_write(dest) as fh:
        fh.write("new é\n")
    assert dest.read_bytes() == "new é\n".encode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_bytes_and_newlines_are_written_as_given(tmp_path: Path) -> None:
    with atomic_write(tmp_path / "a.bin", "wb") as fh:
        fh.write(b"\x00\r\n")
    with atomic_write(tmp_path / "b.csv", newline="") as fh:
        fh.write("a,b\r\n")
    assert (tmp_path / "a.bin").read_bytes() == b"\x00\r\n"
    assert (tmp_path / "b.csv").read_bytes() == b"a,b\r\n"


def test_a_path_for_a_library_to_write_by_name(tmp_path: Path) -> None:
    import sqlite3

    dest = tmp_path / "x.sqlite"
    with atomic_path(dest) as tmp:
        assert tmp.parent == tmp_path and tmp.name.startswith(".x.sqlite.tmp-")
        conn = sqlite3.connect(tmp)
        conn.execute("CREATE TABLE t (a)")
        conn.commit()
        conn.close()
        assert not dest.exists()
    assert sqlite3.connect(dest).execute("SELECT count(*) FROM t").fetchone() == (0,)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.sqlite"]
