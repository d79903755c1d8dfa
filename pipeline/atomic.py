"""Files that appear whole or not at all: written under a temporary name beside
their place (.NAME.tmp-PID, the form export.remove_stale_temp_files clears after
a killed run), flushed to disk, then renamed over the old one. A reader sees the
old file or the new one, never half of one; a failure leaves the old file."""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Iterator


def check_dest(dest: str | Path) -> Path:
    """A file the user named to write, whose folder must exist (a typo should not
    create folders)."""
    dest = Path(dest)
    if dest.is_dir():
        raise IsADirectoryError(f"--dest {dest} is a folder; give a file name")
    if not dest.parent.is_dir():
        raise FileNotFoundError(f"the folder of --dest does not exist: {dest.parent}")
    return dest


def temp_name(dest: Path) -> Path:
    """Where `dest` is written before it is renamed into place."""
    return dest.with_name(f".{dest.name}.tmp-{os.getpid()}")


@contextmanager
def atomic_path(dest: str | Path) -> Iterator[Path]:
    """A temporary path for the block to create `dest` at (e.g. a database that a
    library writes by name); renamed to `dest` when the block ends without error,
    removed when it fails."""
    dest = Path(dest)
    tmp = temp_name(dest)
    try:
        tmp.unlink(missing_ok=True)  # a left-over of an earlier process with this pid
        yield tmp
        _fsync(tmp)
        os.replace(tmp, dest)
        fsync_dir(dest.parent)
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def atomic_write(dest: str | Path, mode: str = "w", *, encoding: str | None = "utf-8", newline: str | None = None) -> Iterator[IO[Any]]:
    """An open file for the block to write `dest` through (text by default, "wb"
    for bytes); `dest` is replaced only once the block has written it all."""
    with atomic_path(dest) as tmp:
        with open(tmp, mode, encoding=None if "b" in mode else encoding, newline=newline) as fh:
            yield fh


def _fsync(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def fsync_dir(folder: Path) -> None:
    """Make renames in `folder` durable (where the system allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
