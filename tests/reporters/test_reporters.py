"""The report formats for CI: GitHub workflow commands, SARIF, JUnit XML and GitLab Code Quality. Each is a
contract other tools read: golden files of the bundled example in every format, validation against the
formats' own schemas, escaping, repository-relative paths and fingerprints that survive lines moving.

Regenerate the golden files after an intended change with ``PMARKLINT_REGENERATE_GOLDEN=1 python -m pytest
tests/reporters/test_reporters.py`` and read the diff."""

from __future__ import annotations

import json
import os
import shutil
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, Draft202012Validator, FormatChecker

from pmarklint import __version__
from pmarklint.check.engine import CheckResult, run_check
from pmarklint.cli.check import FORMATS
from pmarklint.findings import Finding, Severity
from pmarklint.reporters import REPORTERS, github, gitlab, junit, sarif
from pmarklint.rules import REGISTRY

from helpers.cli import run
from helpers.repos import CONFIG, ROOT, TESTS, git, inventory, make_repo

HERE = TESTS
GOLDEN = HERE / "golden"
SCHEMAS = HERE / "schemas"
SHARED_SARIF_SCHEMA = HERE.parent.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
SARIF_SCHEMA = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
GITLAB_SCHEMA = json.loads((SCHEMAS / "gitlab-codequality.schema.json").read_text(encoding="utf-8"))
EXAMPLE = ROOT / "examples" / "shop"
TODAY = "2026-11-26"
GOLDEN_NAMES = {
    "text": "examples-shop.text.txt",
    "json": "examples-shop.json",
    "github": "examples-shop.github.txt",
    "sarif": "examples-shop.sarif.json",
    "junit": "examples-shop.junit.xml",
    "gitlab": "examples-shop.gitlab.json",
}


@pytest.fixture(autouse=True)
def _outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports must not depend on the CI the tests run in."""
    for name in ("GITHUB_ACTIONS", "GITHUB_WORKSPACE", "CI_PROJECT_DIR"):
        monkeypatch.delenv(name, raising=False)


def validate_sarif(text: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(text)
    Draft4Validator(SARIF_SCHEMA, format_checker=FormatChecker()).validate(data)
    return data


def validate_gitlab(text: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(text)
    Draft202012Validator(GITLAB_SCHEMA, format_checker=FormatChecker()).validate(data)
    return data


def shop(where: Path) -> Path:
    """A copy of the bundled example in its own git repository, so that the run does not depend on this
    checkout's git state."""
    shutil.copytree(EXAMPLE, where)
    git(where, "init", "-q")
    git(where, "add", "-A")
    return where


def report(repo: Path, fmt: str, *extra: str) -> str:
    result = run("check", repo, "--format", fmt, "--today", TODAY, "--lang", "en", *extra)
    assert result.exit_code in (0, 1), result.stderr
    return result.stdout


def result_with(findings: list[Finding], tmp_path: Path, waived: list[Finding] | None = None) -> CheckResult:
    """A real run's result over a small clean repository, with the findings given."""
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1")})
    result = run_check(repo, today=TODAY, lang="en")
    return replace(result, findings=findings, waived=waived or [])


def tricky(**changes: Any) -> Finding:
    """A finding whose file name and message hold every character that workflow commands escape."""
    base = Finding(
        file="inventory/a,b:c%.yaml",
        line=3,
        column=5,
        rule="PML101",
        severity=Severity.ERROR,
        message_key="PML101.other",
        args=(("detail", "100% sure, really: yes\nsecond line\r"), ("field", "x")),
        entry="PI-1",
        path="x",
    )
    return replace(base, **changes)


# --- every format --------------------------------------------------------------------------------------------


def test_every_cli_format_has_a_reporter() -> None:
    assert set(REPORTERS) == set(FORMATS)


@pytest.mark.parametrize("fmt", list(GOLDEN_NAMES))
def test_golden_example(fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = shop(tmp_path / "shop")
    monkeypatch.chdir(repo)  # the repository's top: paths stay as they are
    output = report(repo, fmt).replace(f'"{__version__}"', '"<version>"')
    golden = GOLDEN / GOLDEN_NAMES[fmt]
    if os.environ.get("PMARKLINT_REGENERATE_GOLDEN") == "1":
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8"), f"{golden.name} differs; see this file's docstring"


@pytest.mark.parametrize("fmt", ["github", "sarif", "junit", "gitlab"])
def test_clean_repository(fmt: str, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1")})
    output = report(repo, fmt)
    if fmt == "github":
        assert output == "No problems found. 1 file, 1 entry: 0 errors, 0 warnings\n"
    elif fmt == "sarif":
        assert validate_sarif(output)["runs"][0]["results"] == []
    elif fmt == "gitlab":
        assert validate_gitlab(output) == []
    else:  # a clean run shows every check passing on every file
        suites = ET.fromstring(output)
        assert [s.get("name") for s in suites] == ["pmarklint.yaml", "inventory/a.yaml"]
        off = {"PML205", "PML302", "PML502", "PML504", "PML736"}  # switched off in the tests' settings
        assert suites.get("tests") == str(2 * len(REGISTRY))
        assert suites.get("failures") == "0" and suites.get("skipped") == str(2 * len(off))
        skipped = {c.get("name", "").split()[0] for c in suites.iter("testcase") if c.find("skipped") is not None}
        assert skipped == off


# --- GitHub workflow commands ----------------------------------------------------------------------------------


def test_github_escapes_like_the_actions_toolkit(tmp_path: Path) -> None:
    output = github.render(result_with([tricky()], tmp_path), "en")
    line = output.splitlines()[0]
    assert line == (
        "::error file=inventory/a%2Cb%3Ac%25.yaml,line=3,col=5,endLine=3,endColumn=5,title=PML101 schema::"
        "PI-1: 'x': 100%25 sure, really: yes%0Asecond line%0D"
    )
    assert len(output.splitlines()) == 2  # the newline in the message never starts a line of its own


def test_github_escape_functions() -> None:
    assert github.escape_data("a%b\r\nc:d,e") == "a%25b%0D%0Ac:d,e"
    assert github.escape_property("a%b\r\nc:d,e") == "a%25b%0D%0Ac%3Ad%2Ce"
    assert github.escape_property("%3A") == "%253A"  # '%' first, so an escape is never escaped twice


def test_github_annotates_findings_not_waivers_and_ends_with_the_summary(tmp_path: Path) -> None:
    lines = report(shop(tmp_path / "shop"), "github").splitlines()
    errors, warning = ["::error"], ["::warning"]
    # audits/ (2), complaints/, contractors/ (error, warning), controls/, corrective/, disposals/, drills/, incidents/,
    # inventory/ (2), people/ (error, warning), plans/ (2), pmarklint.yaml, requests/, reviews/ (2), training/
    expected = errors * 4 + warning + errors * 14 + warning + errors * 7
    assert [line.split(" ")[0] for line in lines[:-1]] == expected
    assert not any("PML303" in line for line in lines)  # waived
    assert lines[-1] == "32 files, 166 entries: 25 errors, 2 warnings, 1 waived"
    assert not lines[-1].startswith("::")


def test_github_messages_in_japanese(tmp_path: Path) -> None:
    output = report(shop(tmp_path / "shop"), "github", "--lang", "ja")
    assert "title=PML503 contract-clauses::C-002: 契約に必要な8項目のうち1項目がありません" in output


def test_default_format_inside_github_actions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1", extra="    sensitive: no\n")})
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run("check", repo, "--today", TODAY)
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=inventory/a.yaml,line=8,col=16,")


# --- paths from the repository's top ---------------------------------------------------------------------------


@pytest.mark.parametrize("variable", ["GITHUB_WORKSPACE", "CI_PROJECT_DIR"])
def test_paths_start_at_the_repository_top(variable: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The PMS may live in a subfolder of the repository; code hosts want paths from the repository's top."""
    top = tmp_path / "work"
    shutil.copytree(EXAMPLE, top / "examples" / "shop")
    git(top, "init", "-q")
    git(top, "add", "-A")
    monkeypatch.setenv(variable, str(top))
    pms = top / "examples" / "shop"
    want = "examples/shop/audits/plans.yaml"  # the first finding's file
    assert f"::error file={want},line=8," in report(pms, "github")
    assert validate_gitlab(report(pms, "gitlab"))[0]["location"]["path"] == want
    location = validate_sarif(report(pms, "sarif"))["runs"][0]["results"][0]["locations"][0]
    assert location["physicalLocation"]["artifactLocation"] == {"uri": want, "uriBaseId": "%SRCROOT%"}
    suites = ET.fromstring(report(pms, "junit"))
    assert suites[0].get("name") == "examples/shop/pmarklint.yaml"


def test_paths_from_the_current_folder_outside_ci(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    top = tmp_path / "work"
    shutil.copytree(EXAMPLE, top / "shop")
    monkeypatch.chdir(top)
    assert "::error file=shop/contractors/contractors.yaml," in report(top / "shop", "github")


def test_paths_stay_when_the_pms_is_outside_the_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = shop(tmp_path / "shop")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path / "elsewhere"))
    assert "::error file=contractors/contractors.yaml," in report(repo, "github")


# --- SARIF -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_sarif_matches_the_oasis_schema_and_lists_every_rule(lang: str, tmp_path: Path) -> None:
    data = validate_sarif(report(shop(tmp_path / "shop"), "sarif", "--lang", lang))
    assert data["$schema"] == sarif.SCHEMA_URI and data["version"] == "2.1.0"
    (run_,) = data["runs"]
    assert run_["language"] == lang
    driver = run_["tool"]["driver"]
    assert driver["name"] == "pmarklint" and driver["version"] == __version__
    rules = driver["rules"]
    assert [r["id"] for r in rules] == list(REGISTRY)
    for rule in rules:
        code = rule["id"]
        assert rule["name"] == REGISTRY[code].name
        assert rule["defaultConfiguration"]["level"] == REGISTRY[code].severity.value
        assert rule["help"]["text"].startswith(f"{code} {REGISTRY[code].name}: ")
    for result in run_["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    fingerprints = [r["partialFingerprints"]["pmarklint/v1"] for r in run_["results"]]
    assert len(set(fingerprints)) == len(fingerprints) == 28


def test_sarif_lists_waived_findings_as_suppressed(tmp_path: Path) -> None:
    results = validate_sarif(report(shop(tmp_path / "shop"), "sarif"))["runs"][0]["results"]
    suppressed = [r for r in results if "suppressions" in r]
    assert [r["ruleId"] for r in suppressed] == ["PML303"]
    (suppression,) = suppressed[0]["suppressions"]
    assert suppression["kind"] == "external" and suppression["justification"] == "再評価を2027年1月に実施予定"
    assert suppression["properties"] == {"approved_by": "nakamura", "expires": "2027-02-28"}
    assert suppressed[0]["locations"][0]["logicalLocations"] == [{"name": "C-004", "kind": "object"}]


def test_sarif_records_the_settings_that_changed_a_rule(tmp_path: Path) -> None:
    config = CONFIG.replace("PML736: off}", "PML736: off, PML102: {severity: warning}}")
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1")}, config=config)
    (invocation,) = validate_sarif(report(repo, "sarif"))["runs"][0]["invocations"]
    overrides = {o["descriptor"]["id"]: o["configuration"] for o in invocation["ruleConfigurationOverrides"]}
    assert overrides == {
        "PML102": {"level": "warning"},
        "PML205": {"enabled": False},
        "PML302": {"enabled": False},
        "PML502": {"enabled": False},
        "PML504": {"enabled": False},
        "PML736": {"enabled": False},
    }


def test_sarif_escapes_nothing_it_does_not_need_to(tmp_path: Path) -> None:
    data = validate_sarif(sarif.render(result_with([tricky()], tmp_path), "en"))
    (result,) = data["runs"][0]["results"]
    assert result["message"]["text"] == "'x': 100% sure, really: yes\nsecond line\r"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "inventory/a,b:c%25.yaml"


def test_fingerprints_survive_lines_moving(tmp_path: Path) -> None:
    repo = shop(tmp_path / "shop")

    def fingerprinted() -> dict[str, tuple[str, int]]:
        results = validate_sarif(report(repo, "sarif"))["runs"][0]["results"]
        return {
            r["partialFingerprints"]["pmarklint/v1"]: (
                r["ruleId"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
            )
            for r in results
        }

    before = fingerprinted()
    for rel in ("inventory/hr.yaml", "inventory/customer-service.yaml", "contractors/contractors.yaml"):
        path = repo / rel
        path.write_text("# 2026-11 見直し\n# reviewed\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    after = fingerprinted()
    assert set(after) == set(before)
    moved = [key for key in before if before[key][1] != after[key][1]]
    assert (
        len(moved) == 8
    )  # every finding in the edited files (with the waived one and PML002, whose message names a line)
    assert all(after[key][1] == before[key][1] + 2 for key in moved)


def test_fingerprints_do_not_depend_on_the_language(tmp_path: Path) -> None:
    repo = shop(tmp_path / "shop")
    prints = {
        lang: [i["fingerprint"] for i in validate_gitlab(report(repo, "gitlab", "--lang", lang))]
        for lang in ("ja", "en")
    }
    assert prints["ja"] == prints["en"]


def test_repeated_findings_get_distinct_fingerprints() -> None:
    first = tricky(line=3)
    again = tricky(line=9)
    other = tricky(line=9, args=(("detail", "something else"), ("field", "x")))
    prints = sarif.fingerprints([first, again, other], "")
    assert len(set(prints)) == 3
    assert sarif.fingerprints([first], "") == prints[:1]  # the first keeps its fingerprint
    assert sarif.fingerprints([first], "sub/") != prints[:1]  # the path is part of it


def test_sarif_schema_copy_is_the_shared_one() -> None:
    if not SHARED_SARIF_SCHEMA.is_file():
        pytest.skip("../shared is not beside this checkout")
    assert (SCHEMAS / "sarif-schema-2.1.0.json").read_bytes() == SHARED_SARIF_SCHEMA.read_bytes()


# --- JUnit XML -------------------------------------------------------------------------------------------------


def test_junit_one_case_per_file_and_check(tmp_path: Path) -> None:
    suites = ET.fromstring(report(shop(tmp_path / "shop"), "junit"))
    assert suites.tag == "testsuites"
    files = 32 + 1  # the data files and pmarklint.yaml
    assert len(suites) == files
    assert suites.get("tests") == str(files * len(REGISTRY))
    assert suites.get("failures") == "24"  # 25 errors: two of them are PML101 in one file, one test case
    assert sum(int(s.get("tests", "")) for s in suites) == files * len(REGISTRY)
    cases = {(c.get("classname"), c.get("name")): c for c in suites.iter("testcase")}
    schema = cases[("inventory/customer-service.yaml", "PML101 schema")]
    failure = schema.find("failure")
    assert failure is not None and failure.get("type") == "error"
    assert failure.text is not None and failure.text.count("\n") == 1
    assert "87:15 PI-CS-003: 'retention.period'" in failure.text
    warning = cases[("contractors/contractors.yaml", "PML304 expired")]
    assert warning.find("failure") is None
    assert "65:69 C-003: the other certification expires" in (warning.findtext("system-out") or "")
    waived = cases[("contractors/contractors.yaml", "PML303 evaluation-overdue")]
    assert waived.find("failure") is None
    assert "(再評価を2027年1月に実施予定; approved_by: nakamura; expires: 2027-02-28)" in (
        waived.findtext("system-out") or ""
    )


def test_junit_untracked_file_gets_only_the_checks_that_reported_on_it(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1"), "?inventory/draft.yaml": "x: 1\n"})
    suites = ET.fromstring(report(repo, "junit"))
    draft = next(s for s in suites if s.get("name") == "inventory/draft.yaml")
    assert [c.get("name") for c in draft] == ["PML006 untracked-file"]


def test_junit_survives_characters_xml_cannot_hold(tmp_path: Path) -> None:
    odd = tricky(args=(("detail", 'a\x01b <c> & "d"\n'), ("field", "x")))
    suites = ET.fromstring(junit.render(result_with([odd], tmp_path), "en"))
    (failure,) = suites.iter("failure")
    assert failure.get("message") == "3:5 PI-1: 'x': a\ufffdb <c> & \"d\"\n"
    assert suites.get("failures") == "1"


# --- GitLab Code Quality ---------------------------------------------------------------------------------------


def test_gitlab_matches_the_documented_format(tmp_path: Path) -> None:
    repo = shop(tmp_path / "shop")
    issues = validate_gitlab(report(repo, "gitlab"))
    assert len(issues) == 27  # the waived finding is left out
    assert [i["severity"] for i in issues].count("minor") == 2
    assert issues[3] == {  # after the two of audits/ and the one of complaints/
        "description": "PML503 C-002: the contract lacks 1 of the eight required clauses: checking that the contract is kept",
        "check_name": "PML503",
        "fingerprint": issues[3]["fingerprint"],
        "severity": "major",
        "location": {"path": "contractors/contractors.yaml", "lines": {"begin": 51}},
    }
    results = json.loads(report(repo, "sarif"))["runs"][0]["results"]
    assert [i["fingerprint"] for i in issues] == [r["partialFingerprints"]["pmarklint/v1"] for r in results[:27]]


def test_gitlab_keeps_the_message_as_written(tmp_path: Path) -> None:
    (issue,) = validate_gitlab(gitlab.render(result_with([tricky()], tmp_path), "en"))
    assert issue["description"] == "PML101 PI-1: 'x': 100% sure, really: yes\nsecond line\r"
