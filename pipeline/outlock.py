"""One run at a time per output folder: two runs writing the same --out (a nightly
job that overran into the next) would each rename their files over the other's
and leave a manifest that describes neither.

The lock is the kernel's flock, through fcntl, not the filelock package: it is
what filelock uses on POSIX too, it needs no dependency, and the lock file can
keep the holder's pid for the message a waiting run shows (filelock truncates
the file when it opens it). Where fcntl is missing (Windows), runs go unguarded
and the command says so (`guarded()`)."""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

try:
    import fcntl
except ImportError:  # not POSIX
    fcntl = None  # type: ignore[assignment]

LOCK_FILE = ".newsfacts.lock"
UNGUARDED = ("this system has no file locks (fcntl): nothing stops a second run into the same output "
             "folder while this one writes; run one at a time per folder")


class OutputBusy(RuntimeError):
    """Another run holds the output folder."""


def guarded() -> bool:
    """Whether exclusive() can keep a second run out on this system."""
    return fcntl is not None


@contextmanager
def exclusive(out: str | Path) -> Iterator[None]:
    """Hold OUT/.newsfacts.lock for the block. The lock is the kernel's (flock), so a
    run that is killed releases it by dying; the file stays, holding the pid of the
    last run that took it, for the message a waiting run shows."""
    if fcntl is None:  # no flock here: run unguarded (the command warns, see guarded())
        yield
        return
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            who = f" (process {holder})" if holder.isdigit() else ""
            raise OutputBusy(
                f"another newsfacts run{who} is writing to {folder}; wait for it to finish or choose another --out"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(fd)  # releases the lock
