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
    :meth:`message`, so a finding can be cached once and reported in Japanese or English.

    ``severity`` is None when the rule's default applies: a check says what is wrong, and the run decides
    how much it matters (the rule's default, then pmarklint.yaml). A check sets it only where one rule
    grades its own findings (due soon is a warning, overdue an error)."""

    file: str
    line: int
    column: int
    rule: str
    severity: Severity | None
    message_key: str
    args: tuple[tuple[str, Any], ...] = ()
    entry: str | None = None
    path: str | None = None
    waiver: tuple[tuple[str, Any], ...] | None = field(default=None, compare=False)
    # Set by the run after severities are settled, never cached (pmarklint.check.engine):
    # the error this finding follows from (file, line, column, rule), when it is a knock-on of that error;
    follows_from: tuple[str, int, int, str] | None = field(default=None, compare=False)
    # the roles whose approval the entry awaits, when a missing or stale approval does not block (check --stage commit)
    awaiting: tuple[str, ...] | None = field(default=None, compare=False)

    def message(self, lang: str) -> str:
        return render(self.message_key, lang, dict(self.args))

    @property
    def level(self) -> str:
        """``error`` or ``warning``; a reporter reads it after the run has settled every severity."""
        if self.severity is None:
            raise ValueError(f"the severity of this {self.rule} finding was never settled")
        return self.severity.value

    def to_tuple(self) -> tuple[Any, ...]:
        """A plain tuple for the cache (marshal stores only built-in types)."""
        return (
            self.line,
            self.column,
            self.rule,
            self.severity.value if self.severity else None,
            self.message_key,
            self.args,
            self.entry,
            self.path,
        )

    @classmethod
    def from_tuple(cls, file: str, data: tuple[Any, ...]) -> Finding:
        line, column, rule, severity, key, args, entry, path = data
        level = Severity(severity) if severity else None
        return cls(file, line, column, rule, level, key, tuple(tuple(a) for a in args), entry, path)


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
    """Build a finding; ``severity`` only where the check grades it (else the rule's default applies)."""
    return Finding(
        file=file,
        line=line,
        column=column,
        rule=rule,
        severity=severity,
        message_key=key,
        args=tuple(sorted(args.items())),
        entry=entry,
        path=path,
    )
