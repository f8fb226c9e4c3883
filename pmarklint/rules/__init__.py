"""The rule registry: every check pmarklint knows, with its code, name, severity and scope.

Rules live in families, one module each; a family module lists its rules in ``RULES``. The registry is
a plain dict built from them. What a rule says to people (its explanation and its messages) lives in the
language catalogs of :mod:`pmarklint.i18n`, keyed by code, so that Japanese and English never drift.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from pmarklint.findings import Severity


class Scope(str, enum.Enum):
    FILE = "file"  # decided by one file alone (and cached with it)
    REPOSITORY = "repository"  # needs the whole repository's index
    HISTORY = "history"  # needs git history


@dataclass(frozen=True)
class Example:
    """A tiny repository: file path → content (text, or bytes written as they are), added to a minimal
    valid PMS repository. A path that starts with ``?`` is written but not added to git."""

    files: dict[str, str | bytes]


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


def _build() -> dict[str, Rule]:
    from pmarklint.rules import files, schema

    registry: dict[str, Rule] = {}
    for family in (files, schema):
        for rule in family.RULES:
            if rule.code in registry:  # pragma: no cover - caught by the registry test
                raise ValueError(f"rule code {rule.code} registered twice")
            registry[rule.code] = rule
    return dict(sorted(registry.items()))


REGISTRY: dict[str, Rule] = _build()
