"""The JSON report: a contract for CI scripts, versioned by ``format_version`` and described by
``schemas/check-output.schema.json`` (docs/output-json.md)."""

from __future__ import annotations

import json
from typing import Any

from pmarklint import __version__
from pmarklint.check.engine import CheckResult
from pmarklint.findings import Finding
from pmarklint.rules import REGISTRY
from pmarklint.visible import utf8

FORMAT_VERSION = 1


def finding_dict(item: Finding, lang: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "rule": item.rule,
        "name": REGISTRY[item.rule].name,
        "severity": item.level,
        "file": item.file,
        "line": item.line,
        "column": item.column,
        "entry": item.entry,
        "path": item.path,
        "message": item.message(lang),
    }
    if item.follows_from is not None:  # a knock-on of a file that could not be read (pmarklint.check.causes)
        out["follows_from"] = dict(zip(("file", "line", "column", "rule"), item.follows_from, strict=True))
    if item.awaiting is not None:  # --stage commit: awaiting approval, not blocking (pmarklint.check.stage)
        out["awaiting_approval"] = {"roles": list(item.awaiting)}
    if item.waiver is not None:
        out["waiver"] = dict(item.waiver)
    return out


def render(result: CheckResult, lang: str, color: bool = False) -> str:
    document = {
        "tool": "pmarklint",
        "format_version": FORMAT_VERSION,
        "version": __version__,
        "today": result.today.isoformat(),
        "stage": result.stage,
        "findings": [finding_dict(f, lang) for f in result.findings],
        "waived": [finding_dict(f, lang) for f in result.waived],
        "changed_since": None
        if result.changes is None
        else {
            "ref": result.changes.ref,
            "commit": result.changes.commit,
            "files": sorted(result.changes.files),
            "entries": sorted(result.changes.entries),
        },
        "as_of": None
        if result.as_of is None
        else {
            "requested": result.as_of.requested,
            "commit": result.as_of.commit,
            "committed": result.as_of.committed,
            "subject": result.as_of.subject,
        },
        "summary": {
            "files": result.files,
            "entries": result.entries,
            "errors": result.errors,
            "warnings": result.warnings,
            "waived": len(result.waived),
        },
    }
    return utf8(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"
