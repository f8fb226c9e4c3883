"""Who the next commit will be authored by: ``git var GIT_AUTHOR_IDENT`` (the environment first, then the
configuration), read with one parser."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pmarklint.git.run import run

_IDENT = re.compile(r"^(?P<name>[^<>]*?)\s*<(?P<email>[^<>]*)>")


@dataclass(frozen=True)
class Ident:
    name: str
    email: str  # as configured; compare case-insensitively
    line: str  # what git printed


def parse_ident(line: str) -> Ident | None:
    """``Name <email> 1700000000 +0900`` → its name and e-mail; None when it holds no ``<email>``."""
    found = _IDENT.match(line.strip())
    return Ident(found["name"].strip(), found["email"].strip(), line.strip()) if found else None


def next_author(root: Path) -> Ident | None:
    """The author of the next commit; None when git prints no usable identity. git's refusal (no identity
    configured) raises :class:`~pmarklint.git.run.GitError` with git's message."""
    return parse_ident(run(root, "var", "GIT_AUTHOR_IDENT").decode("utf-8", "replace"))
