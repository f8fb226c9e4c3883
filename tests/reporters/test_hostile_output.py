"""What a hostile or careless file holds never acts on the reader of a check report (issue 12): an ESC sequence
or a line break in a value or a file name is shown as an escape in the text report and cannot forge a line;
JUnit XML, SARIF, GitLab and JSON stay well-formed for any file name and value, even one that is not UTF-8.
Real repositories in temporary folders, real git, the real command line."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import pytest

from pmarklint.visible import utf8, visible, xml_text

from helpers.cli import run
from helpers.repos import git, inventory, make_repo

TODAY = "2026-11-26"
FORGED = "no problems found. 2 files, 2 entries: 0 errors, 0 warnings"
# Double-quoted YAML: \e is ESC, \n a line break. The department is wrong, so findings quote the value.
HOSTILE = f"""kind: inventory
entries:
  - id: PI-1
    name: "\\e[2J\\e[Hcleared"
    department: "cs\\e[31m\\n{FORGED}"
    data_items: [氏名]
    purpose: 発送
"""
# A file name git accepts but a terminal or an XML parser does not: \x01, ESC, a tab.
ODD_NAME = "inventory/odd\x01\x1b[2J\tname.yaml"


def hostile_repo(tmp_path: Path) -> Path:
    bad = inventory("PI-2").replace("department: cs", "department: nowhere")
    return make_repo(tmp_path / "r", {"inventory/a.yaml": HOSTILE, ODD_NAME: bad})


def report(repo: Path, fmt: str, tmp_path: Path) -> str:
    """The report as written to a file: nothing in between strips what it holds."""
    out = tmp_path / f"report.{fmt}"
    result = run("check", repo, "--format", fmt, "--today", TODAY, "--output", out)
    assert result.exit_code == 1, result.stderr
    assert "internal error" not in result.stderr
    return out.read_bytes().decode("utf-8")


def test_visible_escapes_what_acts_on_a_terminal_and_keeps_japanese() -> None:
    assert visible("a\x1b[2Jb\nc\td\r\x7f\x9b") == "a\\x1b[2Jb\\nc\\td\\r\\x7f\\x9b"
    assert visible("abc\u202edef\u2028") == "abc\\u202edef\\u2028"
    assert visible(os.fsdecode(b"b\xff.yaml")) == "b\\xff.yaml"
    assert visible("株式会社テスト 顧客情報 (PI-1)") == "株式会社テスト 顧客情報 (PI-1)"
    assert xml_text("a\x01b\x1bc\td\ne") == "a\ufffdb\ufffdc\td\ne"
    assert utf8(os.fsdecode(b"x\xffy")) == "x\ufffdy"


def test_text_report_shows_escapes_and_no_forged_line(tmp_path: Path) -> None:
    text = report(hostile_repo(tmp_path), "text", tmp_path)
    assert "\x1b" not in text and "\x01" not in text and "\t" not in text
    lines = text.splitlines()
    assert not any(line.startswith(FORGED) for line in lines)  # the value's line break is shown, not obeyed
    assert f"cs\\x1b[31m\\n{FORGED}" in text  # the message's value as written
    assert "inventory/odd\\x01\\x1b[2J\\tname.yaml" in lines  # the file name as a heading, escaped
    assert lines[-1].startswith("2 files, 2 entries: ")  # the one real summary line is the last


def test_text_report_caret_stays_under_the_column_when_the_line_shows_escapes(tmp_path: Path) -> None:
    # A tab before the value: the shown line has "\t" (two characters), the caret moves with it.
    ledger = inventory("PI-1").replace("    department: cs", '    department: "\\tcs" # \t')
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": ledger})
    text = report(repo, "text", tmp_path)
    lines = text.splitlines()
    shown = next(i for i, line in enumerate(lines) if "| " in line and "department:" in line)
    source, caret = lines[shown], lines[shown + 1]
    assert "\t" not in source and "\\t" in source
    assert source[caret.index("^")] == '"'


def test_junit_is_well_formed_for_any_file_name(tmp_path: Path) -> None:
    suites = ET.fromstring(report(hostile_repo(tmp_path), "junit", tmp_path))
    names = [suite.get("name") for suite in suites]
    assert "inventory/odd\ufffd\ufffd[2J\tname.yaml" in names
    failures = [f.text or "" for f in suites.iter("failure")]
    assert any(FORGED in f for f in failures)
    assert not any("\x1b" in f for f in failures)


@pytest.mark.parametrize("fmt", ["sarif", "gitlab", "json"])
def test_json_reports_parse_back_for_any_file_name(tmp_path: Path, fmt: str) -> None:
    data = json.loads(report(hostile_repo(tmp_path), fmt, tmp_path))
    found = strings(data)
    if fmt == "sarif":  # a percent-encoded URI (tests/hostile/test_injection.py)
        found = {unquote(value) for value in found}
    assert ODD_NAME in found  # the file name comes back exactly as git has it


def strings(value: object) -> set[str]:
    if isinstance(value, str):
        return {value}
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return set().union(*(strings(v) for v in items))


def test_a_file_name_that_is_not_utf8_is_no_internal_error(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1")})
    bad = inventory("PI-2").replace("department: cs", "department: nowhere")
    (repo / "inventory" / os.fsdecode(b"b\xff.yaml")).write_text(bad, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "a file name that is not UTF-8")
    for fmt in ("text", "json", "github", "sarif", "junit", "gitlab"):
        out = report(repo, fmt, tmp_path)
        assert "\ufffd" in out or "\\xff" in out or (fmt == "sarif" and "b%FF.yaml" in out), fmt
        if fmt in ("json", "sarif", "gitlab"):
            json.loads(out)
        if fmt == "junit":
            ET.fromstring(out)
