"""GitLab Code Quality (``artifacts:reports:codequality``): a JSON array with one issue per finding, the
subset of the Code Climate format that GitLab reads. Errors are ``major``, warnings ``minor``; waived findings
are left out (GitLab has no way to mark an issue as accepted; the JSON and SARIF reports list them).
The fingerprint is the SARIF one, stable when lines move. (docs/output-formats.md)"""

from __future__ import annotations

import json
from typing import Any

from pmarklint.check.engine import CheckResult
from pmarklint.reporters.github import repository_prefix
from pmarklint.reporters.sarif import fingerprints
from pmarklint.visible import utf8

SEVERITY = {"error": "major", "warning": "minor"}


def render(result: CheckResult, lang: str, color: bool = False) -> str:
    prefix = repository_prefix(result)
    issues: list[dict[str, Any]] = []
    for item, fingerprint in zip(result.findings, fingerprints(result.findings, prefix), strict=True):
        entry = f" {item.entry}" if item.entry else ""
        issues.append(
            {
                "description": f"{item.rule}{entry}: {item.message(lang)}",
                "check_name": item.rule,
                "fingerprint": fingerprint,
                "severity": SEVERITY[item.level],
                "location": {"path": prefix + item.file, "lines": {"begin": item.line}},
            }
        )
    return utf8(json.dumps(issues, ensure_ascii=False, indent=2)) + "\n"
