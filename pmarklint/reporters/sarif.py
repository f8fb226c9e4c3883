"""SARIF 2.1.0, the format of GitHub code scanning and of most code-analysis dashboards: one run, every rule of
the registry with its explanation, one result per finding. Waived findings are results too, with an
external suppression that carries the waiver's reason. (docs/output-formats.md)

Each result has a fingerprint built from what the finding is about (rule, file, entry, field, message and
its arguments) and not from where it is, so an alert keeps its identity when lines move."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from pmarklint import __version__
from pmarklint.check.engine import CheckResult
from pmarklint.findings import Finding
from pmarklint.i18n import PERSON_ARGS, catalog
from pmarklint.reporters.github import repository_prefix
from pmarklint.rules import REGISTRY, Rule
from pmarklint.rules.explain import explain_rule
from pmarklint.visible import utf8

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "pmarklint/v1"
SOURCE_ROOT = "%SRCROOT%"

# Arguments that say where, not what: a fingerprint leaves them out so that it survives lines moving.
_POSITION_ARGS = frozenset({"first_line", "other_line", "offset", "size"})


def _identity(item: Finding, path: str) -> str:
    # A person's name beside their id (``person_name``) is not part of what the finding is: renaming someone
    # in the roster keeps the fingerprints of the findings about them.
    args = [
        [key, str(value)]
        for key, value in sorted(item.args)
        if key not in _POSITION_ARGS and not (key.endswith("_name") and key.removesuffix("_name") in PERSON_ARGS)
    ]
    parts = [item.rule, path, item.entry, item.path, item.message_key, args]
    return json.dumps(parts, ensure_ascii=False, separators=(",", ":"))


def fingerprints(items: Iterable[Finding], prefix: str) -> list[str]:
    """A stable SHA-256 per finding (hex). Two findings that differ only in position (the same key written
    three times in one entry) get the same identity; the second and later get their occurrence number
    added, so that every fingerprint in one report is distinct."""
    seen: dict[str, int] = {}
    out = []
    for item in items:
        identity = _identity(item, prefix + item.file)
        seen[identity] = count = seen.get(identity, 0) + 1
        if count > 1:
            identity += f"#{count}"
        out.append(hashlib.sha256(identity.encode("utf-8", "surrogateescape")).hexdigest())
    return out


def _markdown(plain: str) -> str:
    """The explanation as Markdown: it is already Markdown (headings, indented examples), except that
    consecutive lines of prose would run together; a hard line break keeps them apart."""
    lines = plain.split("\n")

    def prose(line: str) -> bool:
        return bool(line.strip()) and not line.startswith(("    ", "#"))

    return "\n".join(
        line + "  " if prose(line) and i + 1 < len(lines) and prose(lines[i + 1]) else line
        for i, line in enumerate(lines)
    )


def _rule(rule: Rule, lang: str) -> dict[str, Any]:
    doc = catalog(lang).RULE_DOCS[rule.code]
    explanation = explain_rule(rule.code, lang)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": doc["title"]},
        "fullDescription": {"text": doc["what"]},
        "help": {"text": explanation, "markdown": _markdown(explanation)},
        "defaultConfiguration": {"level": rule.severity.value},
        "properties": {
            "tags": ["pmark", rule.family, *rule.tags],
            "requirement": rule.requirement,
            "scope": rule.scope.value,
        },
    }


def _overrides(result: CheckResult, index: dict[str, int]) -> list[dict[str, Any]]:
    """The rules whose severity pmarklint.yaml changed or switched off in this run."""
    out = []
    for code, rule in REGISTRY.items():
        severity = result.config.severity(code, rule.severity)
        if severity == rule.severity:
            continue
        configuration = {"enabled": False} if severity is None else {"level": severity.value}
        out.append({"descriptor": {"id": code, "index": index[code]}, "configuration": configuration})
    return out


_PCHAR = "!$&'()*+,;=@:"  # what a path segment may hold besides letters, digits and -._~ (RFC 3986 pchar)


def file_uri(path: str) -> str:
    """A repository path as the relative URI reference SARIF wants in ``artifactLocation.uri`` (RFC 3986): each
    ``/``-separated part percent-encoded from its UTF-8 bytes, except what a path segment may hold as it is. A
    space, ``#``, ``%``, ``?``, a Japanese name or a control character survive the round trip, and so does a
    ``:`` in the first part (encoded, so that it cannot read as a scheme); a byte that was not UTF-8
    (surrogateescape) is encoded as that byte."""
    parts = [quote(part.encode("utf-8", "surrogateescape"), safe=_PCHAR) for part in path.split("/")]
    parts[0] = parts[0].replace(":", "%3A")
    return "/".join(parts)


def _result(item: Finding, lang: str, uri: str, fingerprint: str, index: dict[str, int]) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": uri, "uriBaseId": SOURCE_ROOT},
            "region": {"startLine": item.line, "startColumn": item.column},
        }
    }
    if item.entry:
        location["logicalLocations"] = [{"name": item.entry, "kind": "object"}]
    out: dict[str, Any] = {
        "ruleId": item.rule,
        "ruleIndex": index[item.rule],
        "level": item.level,
        "message": {"text": item.message(lang)},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    if item.path:
        out["properties"] = {"path": item.path}
    if item.waiver is not None:
        waiver = {key: str(value) for key, value in item.waiver}
        about = {"approved_by": waiver.get("approved_by", ""), "expires": waiver.get("expires", "")}
        out["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": waiver.get("reason", ""), "properties": about}
        ]
    return out


def render(result: CheckResult, lang: str, color: bool = False) -> str:
    index = {code: i for i, code in enumerate(REGISTRY)}
    prefix = repository_prefix(result)
    items = [*result.findings, *result.waived]
    results = [
        _result(item, lang, file_uri(prefix + item.file), fingerprint, index)
        for item, fingerprint in zip(items, fingerprints(items, prefix), strict=True)
    ]
    invocation: dict[str, Any] = {"executionSuccessful": True}
    overrides = _overrides(result, index)
    if overrides:
        invocation["ruleConfigurationOverrides"] = overrides
    document = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "pmarklint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [_rule(rule, lang) for rule in REGISTRY.values()],
                    }
                },
                "invocations": [invocation],
                "language": lang,
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {"today": result.today.isoformat()},
            }
        ],
    }
    return utf8(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"
