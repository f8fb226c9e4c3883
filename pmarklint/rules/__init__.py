"""The rule registry: every check pmarklint knows, with its code, name, severity and scope.

Rules live in families, one module each; a family module lists its rules in ``RULES``. The registry is
a plain dict built from them. What a rule says to people (its explanation and its messages) lives in the
language catalogs of :mod:`pmarklint.i18n`, keyed by code, so that Japanese and English never drift.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any

from pmarklint.findings import Finding
from pmarklint.rules.rule import CATALOG, Example, Rule, Scope

__all__ = [
    "CATALOG",
    "REGISTRY",
    "Example",
    "Rule",
    "Scope",
    "document_checks",
    "history_scope_checks",
    "open_history",
    "repository_checks",
]


def _families() -> tuple[ModuleType, ...]:
    from pmarklint.rules import (
        approvals,
        dates,
        files,
        history,
        organisation,
        records,
        references,
        registers,
        schema,
    )

    return (files, schema, references, dates, organisation, records, registers, approvals, history)


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


def document_checks() -> list[Callable[[str, Any, str, Mapping[str, Any]], list[Finding]]]:
    """Each family's ``check_document(kind, document, rel, options)``: runs when a file is loaded; cached with it.
    ``options``: rule code → the rule's options in pmarklint.yaml (Config.rule_options), part of the cache key."""
    return [family.check_document for family in _families() if hasattr(family, "check_document")]


def history_scope_checks() -> list[Callable[[Any], None]]:
    """The ``check_history(ctx)`` of each family that declares history-scope rules (Scope.HISTORY): run after
    the repository checks when the run reads git history (``ctx.history`` is set)."""
    return [family.check_history for family in _families() if any(r.scope is Scope.HISTORY for r in family.RULES)]


def open_history(ctx: Any) -> Any:
    """The run's reading of git history (``Context.history``), from the family that reads it
    (``open_history(ctx)``); the other families ask it through ``Context.changed_since``."""
    (family,) = [family for family in _families() if hasattr(family, "open_history")]
    return family.open_history(ctx)


REGISTRY: dict[str, Rule] = _build()
