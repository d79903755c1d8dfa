"""A run's progress on stderr. On a terminal, a bar over the bytes of the input
files (a dump of a million articles is one file: counting documents would need a
first pass over it), with the documents done, the rate and the time left. When
stderr is a log file or a pipe, a line every LOG_EVERY seconds instead, which a
bar's carriage returns would turn into one unreadable line."""
from __future__ import annotations

import sys
import time
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, TextIO

if TYPE_CHECKING:
    from pipeline.readers.sniff import ReadProgress

LOG_EVERY = 30.0  # seconds between log lines


def input_bytes(paths: Iterable[str | Path], exclude: Path) -> int:
    """The size of the input files together."""
    from pipeline.ingest import iter_files

    total = 0
    for f in iter_files(paths, exclude):
        try:
            total += f.stat().st_size if f.is_file() else 0
        except OSError:
            pass
    return total


class Progress:
    def __init__(self, total: int, reading: ReadProgress, stream: TextIO | None = None, every: float | None = None) -> None:
        self.reading = reading
        self.total = total
        self.stream = stream or sys.stderr
        self.every = LOG_EVERY if every is None else every
        self.docs = 0
        self.marks: deque[int] = deque()  # bytes read when each document in flight was read
        self.start = self.last = time.monotonic()
        self.bar = None
        if self.stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(
                total=total or None, unit="B", unit_scale=True, unit_divisor=1024, file=self.stream,
                dynamic_ncols=True, smoothing=0.1,
            )

    def read(self) -> None:
        """One more document was read (its bytes count once it is done: the
        readers run ahead of the workers by the batches in flight)."""
        self.marks.append(self.reading.bytes)

    def update(self, n: int = 1) -> None:
        """`n` more documents are done, in the order they were read."""
        self.docs += n
        for _ in range(n - 1):
            if self.marks:
                self.marks.popleft()
        read = self.marks.popleft() if self.marks else self.reading.bytes
        read = min(read, self.total) if self.total else read
        if self.bar is not None:
            if read > self.bar.n:
                self.bar.update(read - self.bar.n)
            self.bar.set_postfix_str(f"{self.docs} docs", refresh=False)
            return
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            self._log(now, read)

    def _log(self, now: float, read: int) -> None:
        rate = self.docs / max(now - self.start, 1e-9)
        share = f", {100 * read / self.total:.0f}% of the input read" if self.total else ""
        print(f"newsfacts: {self.docs} documents done ({rate:.1f} docs/s){share}", file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


class NoProgress:
    def read(self) -> None:
        pass

    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass
