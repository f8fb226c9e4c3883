"""Reporters: pure functions from a check result to text. ``REPORTERS`` also feeds ``--format``."""

from __future__ import annotations

from collections.abc import Callable

from pmarklint.engine import CheckResult
from pmarklint.reporters import json_report, text_report

Reporter = Callable[[CheckResult, str, bool], str]

REPORTERS: dict[str, Reporter] = {
    "text": text_report.render,
    "json": json_report.render,
}
