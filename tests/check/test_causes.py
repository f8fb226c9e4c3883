"""Errors grouped by cause: a roster that does not parse comes first, and the findings elsewhere that follow
from it (a contractor's owner who is in that roster) are marked as its consequences, in text, --quiet and JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.cli import check_json, run, validate_output
from helpers.pms import pms
from helpers.repos import CONFIG, make_repo

# Over-indented on line 6: the file does not parse, so nakamura is in no roster.
BROKEN_ROSTER = """kind: person
entries:
  - id: nakamura
    name: 中村 花子
    roles: [privacy_manager]
      emails: [nakamura@example.test]
"""
CONTRACTORS = """kind: contractor
entries:
  - id: C-001
    name: 配送株式会社
    service: 商品の配送
    owner: nakamura
  - id: C-002
    name: 倉庫株式会社
    service: 保管
    owner: sato
"""


def _repo(tmp_path: Path) -> Path:
    files = {"contractors/a.yaml": CONTRACTORS, "people/people.yaml": BROKEN_ROSTER}
    return make_repo(
        tmp_path / "r", files, config=CONFIG.replace("PML205: off", "PML205: off, PML303: off, PML503: off")
    )


def test_json_marks_the_findings_that_follow_from_an_unreadable_file(tmp_path: Path) -> None:
    data = check_json(_repo(tmp_path)).json()
    validate_output(data)
    by_entry = {(f["rule"], f["entry"]): f for f in data["findings"]}
    cause = by_entry[("PML001", None)]
    assert (cause["file"], cause["line"], cause["column"], cause.get("follows_from")) == (
        "people/people.yaml",
        6,
        7,
        None,
    )
    # nakamura is declared in the roster that did not parse: a consequence
    assert by_entry[("PML201", "C-001")]["follows_from"] == {
        "file": "people/people.yaml",
        "line": 6,
        "column": 7,
        "rule": "PML001",
    }
    # sato is in no file at all: a finding of its own
    assert "follows_from" not in by_entry[("PML201", "C-002")]
    assert data["summary"]["errors"] == 3  # consequences are still errors: the repository is broken
    assert not any("awaiting_approval" in f for f in data["findings"])


EXPECTED_QUIET = {
    "en": [
        "people/people.yaml",
        "  6:7      error   PML001  this is not valid YAML: while parsing a block mapping, did not find expected key. This "
        "line is indented further than the line above it, which already has its value: start its key at the same "
        "column as the keys above it.",
        "     6 |       emails: [nakamura@example.test]",
        "       |       ^",
        "           … and 1 finding elsewhere that follows from it (not listed): fix this first",
        "",
        "contractors/a.yaml",
        "  10:12    error   PML201 C-002  no person with id 'sato' in the roster (people/): add them, or correct "
        "the id",
    ],
    "ja": [
        "people/people.yaml",
        "  6:7      error   PML001  YAMLとして読めません: while parsing a block mapping, did not find expected key。この行は、"
        "値のある上の行より深くインデントされています。上の行のキーと同じ位置から書き始めてください。",
        "     6 |       emails: [nakamura@example.test]",
        "       |       ^",
        "           … ほかに、これが原因の指摘が1件あります(表示していません)。まずこれを直してください",
        "",
        "contractors/a.yaml",
    ],
}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_quiet_shows_the_cause_first_and_counts_what_follows(tmp_path: Path, lang: str) -> None:
    result = run("check", _repo(tmp_path), "--quiet", "--lang", lang, "--today", "2026-11-26")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[: len(EXPECTED_QUIET[lang])] == EXPECTED_QUIET[lang]
    assert "C-001" not in result.stdout  # the consequence is counted, not listed


def test_full_report_lists_the_consequences_last_marked(tmp_path: Path) -> None:
    result = run("check", _repo(tmp_path), "--lang", "en", "--today", "2026-11-26")
    lines = result.stdout.splitlines()
    assert lines[0] == "people/people.yaml"
    assert lines[4] == "           … and 1 finding elsewhere that follows from it (listed at the end): fix this first"
    heading = lines.index("Following from an error above (a file that could not be read); they go once it is fixed:")
    assert (
        lines.index(
            "  10:12    error   PML201 C-002  no person with id 'sato' in the roster (people/): add "
            "them, or correct the id"
        )
        < heading
    )
    assert lines[heading + 1 : heading + 3] == [
        "contractors/a.yaml",
        "  6:12     error   PML201 C-001  no person with id 'nakamura' in the roster (people/): add them, or "
        "correct the id (follows from the error in people/people.yaml:6)",
    ]


def test_a_file_that_parses_causes_nothing(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    fixed = BROKEN_ROSTER.replace("      emails", "    emails")
    (repo / "people" / "people.yaml").write_text(fixed, encoding="utf-8")
    data = check_json(repo).json()
    assert [(f["rule"], f["entry"], f.get("follows_from")) for f in data["findings"]] == [("PML201", "C-002", None)]


def _causes_and_consequences(repo: Path) -> tuple[list[dict], list[dict]]:
    findings = check_json(repo).json()["findings"]
    return [f for f in findings if "follows_from" not in f], [f for f in findings if "follows_from" in f]


def test_a_broken_control_file_causes_the_missing_controls_it_declares(tmp_path: Path) -> None:
    """A clean repository whose controls/J.9.yaml does not parse: the requirement items it declares are
    "missing" (PML205), each marked as following from the syntax error; nothing else is reported."""
    j9 = (pms(tmp_path / "base") / "controls" / "J.9.yaml").read_text(encoding="utf-8")
    broken = j9.replace("- id: J.9.1\n", "- id: J.9.1\n    note: over-indented\n", 1)
    assert broken != j9
    repo = pms(tmp_path / "r", **{"controls/J.9.yaml": broken})
    causes, consequences = _causes_and_consequences(repo)
    assert [(f["rule"], f["file"]) for f in causes] == [("PML001", "controls/J.9.yaml")]
    declared = sorted(line.split("id: ")[1] for line in j9.splitlines() if line.startswith("- id: J.9."))
    assert sorted(f["message"].split()[2] for f in consequences) == declared
    assert {f["rule"] for f in consequences} == {"PML205"}
    cause = causes[0]
    assert all(
        f["follows_from"] == {"file": cause["file"], "line": cause["line"], "column": cause["column"], "rule": "PML001"}
        for f in consequences
    )


def test_a_roster_saved_as_shift_jis_causes_what_refers_to_its_people(tmp_path: Path) -> None:
    """The roster cannot be read (PML004: Excel saved it as Shift_JIS): the references to its people and the
    roles nobody holds follow from it."""
    roster = (pms(tmp_path / "base") / "people" / "roster.yaml").read_text(encoding="utf-8")
    repo = pms(tmp_path / "r")
    (repo / "people" / "roster.yaml").write_bytes(roster.encode("cp932"))
    causes, consequences = _causes_and_consequences(repo)
    assert [(f["rule"], f["file"]) for f in causes] == [("PML004", "people/roster.yaml")]
    assert consequences, "the contractors and controls name people of the roster"
    assert {f["rule"] for f in consequences} <= {"PML201", "PML502"}
    assert all(f["follows_from"]["rule"] == "PML004" for f in consequences)
