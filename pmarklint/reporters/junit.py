"""JUnit XML, which every CI test dashboard reads (GitLab's ``artifacts:reports:junit``, Jenkins, Azure
Pipelines, test-reporter actions): one test suite per file, one test case per file and check, so a clean
run shows every check passing instead of nothing. (docs/output-formats.md)

- an error fails its test case: one ``<failure>`` with every error of that check in that file;
- a warning does not fail it: it is listed in the test case's ``<system-out>`` (``--strict`` is a property
  of the run, not of the report);
- a waived finding does not fail it either: it is listed in ``<system-out>`` under the text report's
  heading for waived findings, with the waiver's reason, approver and expiry;
- a check switched off in pmarklint.yaml is ``<skipped>``.

Files: pmarklint.yaml, every file the run checked (``CheckResult.checked_files``) and every file a finding
names. A file that was not checked (an untracked file) gets test cases only for the checks that reported on
it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from pmarklint.check.engine import CheckResult
from pmarklint.findings import Finding
from pmarklint.i18n import text
from pmarklint.reporters.github import repository_prefix
from pmarklint.rules import REGISTRY
from pmarklint.visible import xml_text
from pmarklint.workspace.config import CONFIG_NAME

# Characters XML 1.0 cannot hold at all, even escaped (in a file name or a value), become U+FFFD.
_clean = xml_text


def _line(item: Finding, lang: str) -> str:
    entry = f" {item.entry}" if item.entry else ""
    return f"{item.line}:{item.column}{entry}: {item.message(lang)}"


def _waived_line(item: Finding, lang: str) -> str:
    """With the waiver's fields under their pmarklint.yaml names, which read the same in every language."""
    waiver = {key: str(value) for key, value in item.waiver or ()}
    about = "; ".join(
        [waiver.get("reason", ""), *(f"{key}: {waiver.get(key, '')}" for key in ("approved_by", "expires"))]
    )
    return f"{_line(item, lang)} ({about})"


def _testcase(
    suite: ET.Element, path: str, code: str, found: list[Finding], waived: list[Finding], off: bool, lang: str
) -> tuple[int, int]:
    """One test case; returns (failed, skipped)."""
    path = _clean(path)
    case = ET.SubElement(
        suite, "testcase", {"name": f"{code} {REGISTRY[code].name}", "classname": path, "file": path, "time": "0"}
    )
    errors = [f for f in found if f.level == "error"]
    notes = [_line(f, lang) for f in found if f.level != "error"]
    if waived:
        notes += [text("ui.waived_heading", lang), *(_waived_line(f, lang) for f in waived)]
    if errors:
        failure = ET.SubElement(
            case, "failure", {"type": "error", "message": _clean("; ".join(_line(f, lang) for f in errors))}
        )
        failure.text = _clean("\n".join(_line(f, lang) for f in errors))
    elif off and not notes:
        ET.SubElement(case, "skipped", {"message": f"rules.{code}: off"})
        return 0, 1
    if notes:
        ET.SubElement(case, "system-out").text = _clean("\n".join(notes))
    return (1 if errors else 0), 0


def _counts(element: ET.Element, tests: int, failures: int, skipped: int) -> None:
    element.attrib.update(
        {"tests": str(tests), "failures": str(failures), "errors": "0", "skipped": str(skipped), "time": "0"}
    )


def render(result: CheckResult, lang: str, color: bool = False) -> str:
    prefix = repository_prefix(result)
    found: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    waived: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for item in result.findings:
        found[(item.file, item.rule)].append(item)
    for item in result.waived:
        waived[(item.file, item.rule)].append(item)
    checked = {CONFIG_NAME, *result.checked_files}
    reported = {file for file, _ in (*found, *waived)}
    off = {code for code, rule in REGISTRY.items() if result.config.severity(code, rule.severity) is None}

    root = ET.Element("testsuites", {"name": "pmarklint"})
    totals = [0, 0, 0]  # tests, failures, skipped
    for file in sorted(checked | reported, key=lambda f: (f != CONFIG_NAME, f)):
        path = prefix + file
        suite = ET.SubElement(root, "testsuite", {"name": _clean(path)})
        codes = list(REGISTRY) if file in checked else sorted({c for f, c in (*found, *waived) if f == file})
        counts = [len(codes), 0, 0]
        for code in codes:
            failed, skipped = _testcase(
                suite, path, code, found.get((file, code), []), waived.get((file, code), []), code in off, lang
            )
            counts[1] += failed
            counts[2] += skipped
        _counts(suite, *counts)
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
    _counts(root, *totals)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
