"""Progress of long work (reading git history, a large table) for the person waiting at a terminal.

The code doing the work says what it is at with :func:`step` (a cheap call: it only records the state, and does
nothing unless a command turned progress on). A command that may take long turns it on with :func:`showing`:
after a delay (about a second, so that quick runs print nothing) a thread shows the state on standard error,
one line overwritten in place on a terminal and cleared when the work ends; on a stream that is not a terminal
(asked for with ``--progress``) one plain line at most every second. Whether to show progress at all is the
command line's decision (never in hook output, CI logs or pipes unless asked); this module has no
dependencies, so the lowest layers (git/) can report."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

# (what, count) → the line to show: the command line renders it in the user's language
Describe = Callable[[str, int], str]

DELAY_VARIABLE = "PMARKLINT_PROGRESS_DELAY"  # seconds before the first line (default 1)


class Progress:
    def __init__(self, stream: TextIO, describe: Describe, *, delay: float = 1.0, terminal: bool = True) -> None:
        self.stream = stream
        self.describe = describe
        self.delay = delay
        self.terminal = terminal
        self.interval = 0.1 if terminal else 1.0
        self.state: tuple[str, int] | None = None
        self.shown = ""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pmarklint-progress", daemon=True)

    def update(self, what: str, count: int = 0) -> None:
        self.state = (what, count)

    def start(self) -> None:
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        if self.shown and self.terminal:
            self._write("\r\x1b[K")  # the report that follows starts on a clean line

    def _run(self) -> None:
        if self._stop.wait(self.delay):
            return
        while not self._stop.is_set():
            state = self.state
            if state is not None:
                line = self.describe(*state)
                if line != self.shown:
                    self._write(f"\r{line}\x1b[K" if self.terminal else line + "\n")
                    self.shown = line
            self._stop.wait(self.interval)

    def _write(self, data: str) -> None:
        try:
            self.stream.write(data)
            self.stream.flush()
        except (OSError, ValueError):  # the terminal went away: the work goes on without progress
            self._stop.set()


_current: Progress | None = None


def step(what: str, count: int = 0) -> None:
    """Record what the work is at: ``what`` names the activity (a key the command line describes), ``count``
    how far it got. Nothing happens unless progress is being shown."""
    current = _current
    if current is not None:
        current.state = (what, count)


def advance(what: str) -> None:
    """One more of ``what`` (a file version read, say): the count goes on while the activity stays the same."""
    current = _current
    if current is not None:
        state = current.state
        current.state = (what, state[1] + 1 if state is not None and state[0] == what else 1)


def delay() -> float:
    """Seconds before progress appears: PMARKLINT_PROGRESS_DELAY, else about a second."""
    try:
        return max(0.0, float(os.environ.get(DELAY_VARIABLE, "1")))
    except ValueError:
        return 1.0


@contextmanager
def showing(stream: TextIO | None, describe: Describe, first: str, *, terminal: bool = True) -> Iterator[None]:
    """Show progress on ``stream`` while the block runs (None: show nothing); the work starts with ``first``."""
    global _current
    if stream is None:
        yield
        return
    progress = Progress(stream, describe, delay=delay(), terminal=terminal)
    progress.update(first)
    _current = progress
    progress.start()
    try:
        yield
    finally:
        _current = None
        progress.close()
