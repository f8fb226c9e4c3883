"""Injection (issue 12), the left-overs: GitHub workflow commands carry no raw control character and escape what
their syntax needs (``%``, ``\\r``, ``\\n``, and ``:`` and ``,`` in properties); SARIF's
``artifactLocation.uri`` is a percent-encoded relative URI for any file name, checked by parsing it back.
(The text, Markdown, JUnit, JSON and GitLab outputs: tests/reporters/test_hostile_output.py.) Real
repositories, real git, the real command line."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from pmarklint.reporters.github import escape_data, escape_property
from pmarklint.reporters.sarif import file_uri

from helpers.cli import run
from helpers.repos import inventory, make_repo

TODAY = "2026-11-26"
# Double-quoted YAML: \e is ESC. The department is wrong, so the finding's message quotes the value.
HOSTILE = inventory("PI-1").replace("department: cs", 'department: "cs\\e]0;owned\\a\\e[2J 100%, a:b\\r\\nc"')


def unescape(value: str) -> str:
    """What the Actions runner makes of an escaped value (the toolkit's escapes read back)."""
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(escaped, char)
    return value


def annotations(repo: Path) -> list[str]:
    result = run("check", repo, "--format", "github", "--today", TODAY, "--lang", "en")
    assert result.exit_code == 1, result.stderr
    return result.stdout.splitlines()


def test_github_annotations_hold_no_control_character(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": HOSTILE})
    lines = annotations(repo)
    assert len(lines) == 3  # two commands (PML101, PML201) and the summary: no line break made more
    assert lines[2] == "1 file, 1 entry: 2 errors, 0 warnings"
    for command in lines[:2]:
        assert re.search(r"[\x00-\x1f\x7f-\x9f]", command) is None, command
    match = re.fullmatch(r"::error (?P<props>[^:]*)::(?P<message>.*)", lines[1])
    assert match is not None, lines[1]
    properties = dict(item.split("=", 1) for item in match["props"].split(","))
    assert properties == {
        "file": "inventory/a.yaml",
        "line": "5",
        "col": "17",
        "endLine": "5",
        "endColumn": "17",
        "title": "PML201 unknown-reference",
    }
    # ESC and BEL shown as escapes; %, the line break, ':' and ',' arrive as written
    assert unescape(match["message"]) == (
        "PI-1: department 'cs\\x1b]0;owned\\x07\\x1b[2J 100%, a:b\r\nc' is not defined: add it to departments "
        "in pmarklint.yaml, or correct the id"
    )


@pytest.mark.parametrize(
    ("value", "data", "prop"),
    [
        ("100%", "100%25", "100%25"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("x:y,z", "x:y,z", "x%3Ay%2Cz"),
        ("\x1b[31mred", "\\x1b[31mred", "\\x1b[31mred"),
        ("tab\there\x7f\u202e", "tab\\there\\x7f\\u202e", "tab\\there\\x7f\\u202e"),
        ("顧客情報", "顧客情報", "顧客情報"),
    ],
)
def test_the_escapes(value: str, data: str, prop: str) -> None:
    assert (escape_data(value), escape_property(value)) == (data, prop)


NAMES = [
    "a b.yaml",
    "a#b.yaml",
    "100%.yaml",
    "q?x=1.yaml",
    "c:d.yaml",
    "顧客台帳.yaml",
    "ctl\x01\x1b.yaml",
    "e%41.yaml",
]


def test_sarif_uris_parse_back_to_the_file_name(tmp_path: Path) -> None:
    bad = inventory("PI-{}").replace("department: cs", "department: nowhere")
    files = {f"inventory/{name}": bad.replace("PI-{}", f"PI-{i}") for i, name in enumerate(NAMES)}
    repo = make_repo(tmp_path / "r", files)
    result = run("check", repo, "--format", "sarif", "--today", TODAY)
    assert result.exit_code == 1, result.stderr
    locations = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]
        for r in json.loads(result.stdout)["runs"][0]["results"]
    ]
    uris = sorted(location["uri"] for location in locations)
    assert len(uris) == len(NAMES)
    for uri in uris:
        parts = urlsplit(uri)
        assert (parts.scheme, parts.netloc, parts.query, parts.fragment) == ("", "", "", "")
        assert parts.path == uri
        assert re.fullmatch(r"[A-Za-z0-9\-._~%/!$&'()*+,;=@:]+", uri), uri
    assert sorted(unquote(uri) for uri in uris) == sorted(f"inventory/{name}" for name in NAMES)
    assert "inventory/a%20b.yaml" in uris and "inventory/a%23b.yaml" in uris and "inventory/100%25.yaml" in uris
    assert "inventory/c:d.yaml" in uris and file_uri("c:d.yaml") == "c%3Ad.yaml"  # never a scheme "c:"


def test_a_name_that_is_not_utf8_is_encoded_byte_for_byte() -> None:
    name = b"inventory/b\xff.yaml".decode("utf-8", "surrogateescape")
    assert file_uri(name) == "inventory/b%FF.yaml"
    assert unquote(file_uri(name), errors="surrogateescape") == name
