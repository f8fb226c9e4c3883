"""Reporters: pure functions from a check result to text. ``REPORTERS`` also feeds ``--format``
(docs/output-json.md, docs/output-formats.md)."""

from __future__ import annotations

from collections.abc import Callable

from pmarklint.check.engine import CheckResult
from pmarklint.reporters import github, gitlab, json_report, junit, sarif, text_report

Reporter = Callable[[CheckResult, str, bool], str]

REPORTERS: dict[str, Reporter] = {
    "text": text_report.render,
    "json": json_report.render,
    "github": github.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "gitlab": gitlab.render,
}
