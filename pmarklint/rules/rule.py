"""What a rule is: its code, name, severity, scope, and the two tiny repositories that show it (bad, good).

Family modules declare their ``RULES`` with these; :mod:`pmarklint.rules` collects them into the registry.
This module imports no family, so that a family can import it while the registry imports the families.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

from pmarklint.findings import Severity


class Scope(str, enum.Enum):
    FILE = "file"  # decided by one file alone (and cached with it)
    REPOSITORY = "repository"  # needs the whole repository's index
    HISTORY = "history"  # needs git history


CATALOG = "\x00the shipped catalog"  # as an Example value under a folder ("controls/"): copy it there


@dataclass(frozen=True)
class Example:
    """A tiny repository: file path → content (text, or bytes written as they are), added to a minimal
    valid PMS repository. A path that starts with ``?`` is written but not added to git; a folder path
    (ending in ``/``) with the value ``CATALOG`` receives the shipped catalog, as ``pmarklint init`` copies it;
    ``pmarklint.yaml`` replaces the minimal settings. ``history`` adds commits by other authors (the
    history checks need them); ``git=False`` leaves the folder outside git."""

    files: Mapping[str, str | bytes]
    # Commits made after the first one (which holds ``files``), in order: ("Name <email>", files changed).
    history: tuple[tuple[str, Mapping[str, str]], ...] = ()
    git: bool = True  # False: the repository is not in git at all


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    scope: Scope
    family: str
    bad: Example
    good: Example
    requirement: str = ""  # the P-mark requirement item it serves, e.g. "J.4.5.5"
    tags: tuple[str, ...] = field(default=())
