"""Findings: immutable values that every check returns and every reporter reads."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from pmarklint.i18n import render


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at one place. ``message_key`` and ``args`` are rendered in the reader's language by
    :meth:`message`, so a finding can be cached once and reported in Japanese or English."""

    file: str
    line: int
    column: int
    rule: str
    severity: Severity
    message_key: str
    args: tuple[tuple[str, Any], ...] = ()
    entry: str | None = None
    path: str | None = None
    waiver: tuple[tuple[str, Any], ...] | None = field(default=None, compare=False)

    def message(self, lang: str) -> str:
        return render(self.message_key, lang, dict(self.args))

    def to_tuple(self) -> tuple[Any, ...]:
        """A plain tuple for the cache (marshal stores only built-in types)."""
        return (
            self.line,
            self.column,
            self.rule,
            self.severity.value,
            self.message_key,
            self.args,
            self.entry,
            self.path,
        )

    @classmethod
    def from_tuple(cls, file: str, data: tuple[Any, ...]) -> Finding:
        line, column, rule, severity, key, args, entry, path = data
        return cls(file, line, column, rule, Severity(severity), key, tuple(tuple(a) for a in args), entry, path)


def finding(
    rule: str,
    file: str,
    line: int,
    column: int,
    key: str,
    /,
    *,
    entry: str | None = None,
    path: str | None = None,
    severity: Severity | None = None,
    **args: Any,
) -> Finding:
    """Build a finding with the rule's default severity (looked up in the registry)."""
    from pmarklint.rules import REGISTRY

    return Finding(
        file=file,
        line=line,
        column=column,
        rule=rule,
        severity=severity or REGISTRY[rule].severity,
        message_key=key,
        args=tuple(sorted(args.items())),
        entry=entry,
        path=path,
    )
