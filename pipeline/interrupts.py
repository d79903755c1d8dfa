"""SIGTERM and SIGHUP stop a run as Ctrl-C does: an exception in the main thread, so
that every `finally` runs (workers stopped, temporary files removed, the output
lock freed), and an exit status of 128 + the signal's number.

`held()` marks a section a signal must not cut short (the switch to a run's new
state): a signal that arrives inside it is acted on when the section ends."""
from __future__ import annotations

import signal
from contextlib import contextmanager
from typing import Any, Iterator

_SIGNALS = tuple(getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n))
_state = {"held": 0, "pending": None, "received": None}


class Interrupted(KeyboardInterrupt):
    """The run was stopped by a signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_status(self) -> int:
        return 128 + self.signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


@contextmanager
def installed() -> Iterator[None]:
    """Within the block, SIGINT, SIGTERM and SIGHUP raise Interrupted (main thread only)."""
    _state.update(held=0, pending=None, received=None)
    before = {sig: signal.signal(sig, _handler) for sig in _SIGNALS}
    try:
        yield
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)


def received() -> int | None:
    """The signal that stopped the run, if one did."""
    return _state["received"]


def _handler(signum: int, frame: Any) -> None:
    if _state["received"] is not None:
        return  # already stopping: let the clean-up finish
    if _state["held"]:
        _state["pending"] = _state["pending"] or signum
        return
    _state["received"] = signum
    raise Interrupted(signum)


@contextmanager
def held() -> Iterator[None]:
    _state["held"] += 1
    try:
        yield
    finally:
        _state["held"] -= 1
        signum = _state["pending"]
        if not _state["held"] and signum is not None and _state["received"] is None:
            _state["pending"] = None
            _state["received"] = signum
            raise Interrupted(signum)
