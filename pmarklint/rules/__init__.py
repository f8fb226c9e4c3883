"""The rule registry: every check pmarklint knows, with its code, name, severity and scope.

Rules live in families, one module each; a family module lists its rules in ``RULES``. The registry is
a plain dict built from them. What a rule says to people (its explanation and its messages) lives in the
language catalogs of :mod:`pmarklint.i18n`, keyed by code, so that Japanese and English never drift.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from pmarklint.findings import Finding, Severity


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


def _families() -> tuple[ModuleType, ...]:
    from pmarklint.rules import approvals, dates, files, history, organisation, references, schema

    return (files, schema, references, dates, organisation, approvals, history)


def _build() -> dict[str, Rule]:
    registry: dict[str, Rule] = {}
    for family in _families():
        for rule in family.RULES:
            if rule.code in registry:  # pragma: no cover - caught by the registry test
                raise ValueError(f"rule code {rule.code} registered twice")
            registry[rule.code] = rule
    return dict(sorted(registry.items()))


def repository_checks() -> list[Callable[[Any], None]]:
    """Each family's ``check(ctx)``: runs once per run over the whole repository's index."""
    return [family.check for family in _families() if hasattr(family, "check")]


def document_checks() -> list[Callable[[str, Any, str], list[Finding]]]:
    """Each family's ``check_document(kind, document, rel)``: runs when a file is loaded; cached with it."""
    return [family.check_document for family in _families() if hasattr(family, "check_document")]


def refiners() -> list[Callable[[Any, list[Finding]], list[Finding]]]:
    """Each family's ``refine(ctx, findings)``: rule options applied after every check (e.g. allow-lists)."""
    return [family.refine for family in _families() if hasattr(family, "refine")]


REGISTRY: dict[str, Rule] = _build()
