"""GitHub Actions workflow commands: one ``::error`` or ``::warning`` line per finding, which the runner turns
into an annotation on the file and line of the pull request, then the text report's summary line (not a
command) so that the log stays readable. Waived findings are not annotated. (docs/output-formats.md)

Values are escaped as GitHub's own toolkit escapes them (@actions/core ``escapeData`` and ``escapeProperty``), so
a message with ``%``, a newline, ``:`` or ``,`` arrives as written; any other control character (ESC first of
all) is shown as an escape such as ``\\x1b``, never written raw into the log."""

from __future__ import annotations

import os
from pathlib import Path

from pmarklint.check.engine import CheckResult
from pmarklint.findings import Finding
from pmarklint.i18n import text
from pmarklint.rules import REGISTRY
from pmarklint.visible import utf8, visible

# Where CI checked the repository out: GitHub Actions, then GitLab CI. Paths in CI reports are relative to it.
_WORKSPACE_VARIABLES = ("GITHUB_WORKSPACE", "CI_PROJECT_DIR")


def repository_prefix(result: CheckResult) -> str:
    """The PMS root's path inside the repository, ``/``-separated with a trailing ``/``, or ``""``.

    Findings name files relative to the PMS root (the folder with pmarklint.yaml), which may be a subfolder
    of the repository (``examples/shop``); code hosts want paths from the repository's top. The top is the
    git work tree's top folder; outside git, the CI workspace (``GITHUB_WORKSPACE``, then ``CI_PROJECT_DIR``),
    else the current folder. When the PMS root is not inside it, paths stay relative to the PMS root."""
    base = (
        str(result.repository_root)
        if result.repository_root is not None
        else next((os.environ[name] for name in _WORKSPACE_VARIABLES if os.environ.get(name)), None) or os.getcwd()
    )
    try:
        relative = Path(os.path.relpath(os.path.realpath(result.root), os.path.realpath(base)))
    except ValueError:  # another drive on Windows
        return ""
    if relative.parts[:1] == ("..",):
        return ""
    prefix = relative.as_posix()
    return "" if prefix == "." else prefix + "/"


def escape_data(value: str) -> str:
    """@actions/core ``escapeData``: the message after ``::``; then every other control character (ESC, a tab,
    DEL, C1, the bidirectional controls) shown as ``\\x1b`` and the like (:func:`pmarklint.visible.visible`), so
    that a value cannot colour, clear or reorder the workflow log."""
    return visible(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(value: str) -> str:
    """@actions/core ``escapeProperty``: a ``key=value`` property."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(item: Finding, path: str, lang: str) -> str:
    properties = {
        "file": path,
        "line": str(item.line),
        "col": str(item.column),
        "endLine": str(item.line),
        "endColumn": str(item.column),
        "title": f"{item.rule} {REGISTRY[item.rule].name}",
    }
    message = item.message(lang)
    if item.entry:
        message = f"{item.entry}: {message}"
    listed = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{item.level} {listed}::{escape_data(message)}"


def summary(result: CheckResult, lang: str) -> str:
    """The text report's last line: counts, and the number waived."""
    line = text(
        "ui.summary", lang, files=result.files, entries=result.entries, errors=result.errors, warnings=result.warnings
    )
    if result.waived:
        line += text("ui.summary_waived", lang, waived=len(result.waived))
    return line if result.findings else text("ui.clean", lang) + " " + line


def render(result: CheckResult, lang: str, color: bool = False) -> str:
    prefix = repository_prefix(result)
    out = [command(item, prefix + item.file, lang) for item in result.findings]
    out.append(summary(result, lang))
    return utf8("\n".join(out)) + "\n"
