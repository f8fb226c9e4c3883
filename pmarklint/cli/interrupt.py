"""Ctrl-C, wherever it comes: one line and exit code 130. Standard library only, imported when needed, so
that the console script (:mod:`.start`) can answer an interrupt while the command line is still loading."""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # not typing's: importing typing alone takes longer than the rest of the start-up
if TYPE_CHECKING:
    from typing import NoReturn


def interrupted(lang: str | None = None) -> NoReturn:
    """Ctrl-C: one line on standard error and exit code 130 (128 + SIGINT, as shells report it). A second
    Ctrl-C while leaving is ignored, so that it cannot print a traceback either."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        from pmarklint.i18n import system_language, text

        line = text("ui.interrupted", lang or system_language())
    except Exception:  # pragma: no cover - the catalogs could not even be loaded
        line = "pmarklint: interrupted (Ctrl-C)"
    try:
        sys.stderr.write("\n" + line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    try:  # whatever is still buffered for a reader that is gone is dropped, not flushed at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    sys.exit(130)
