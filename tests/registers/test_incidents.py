"""Incidents (kind: incident): PML701 to PML706 on small repositories, each deadline one day before, on the day
and one day after, with the finding's file, position, entry and message, and the settings that change them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pmarklint.rules.incidents import _example
from pmarklint.rules.staff import EXAMPLE_CONFIG

from helpers.cli import run
from helpers.pms import where
from helpers.repos import commit_as, make_repo

INCIDENTS = "incidents/incidents.yaml"
FINAL = "    reports: {pmark: {final_on: 2026-11-01}}\n    prevention: CA-2026-05\n"


def findings(repo: Path, code: str, today: str, lang: str = "en") -> list[dict[str, Any]]:
    result = run("check", repo, "--format", "json", "--today", today, "--lang", lang)
    assert result.exit_code in (0, 1), result.stderr
    return [f for f in result.json()["findings"] if f["rule"] == code]


def repo_with(tmp_path: Path, extra: str, discovered: str, count: int = 1, config: str = "") -> Path:
    files = _example(extra, discovered, count)
    files["pmarklint.yaml"] = EXAMPLE_CONFIG + config
    return make_repo(tmp_path / "r", files)


# -- PML701: the final report to the assessment body, 30 days (60 when malicious) --------------------------------
@pytest.mark.parametrize(
    ("today", "severity", "key"),
    [("2026-11-25", "warning", "due"), ("2026-11-26", "warning", "due"), ("2026-11-27", "error", "overdue")],
)
def test_final_report_not_made_around_its_deadline(tmp_path: Path, today: str, severity: str, key: str) -> None:
    repo = repo_with(tmp_path, "", "2026-10-27")  # + 30 days = 2026-11-26
    (found,) = findings(repo, "PML701", today)
    assert (found["file"], found["entry"], found["path"], found["severity"]) == (
        INCIDENTS,
        "INC-2026-01",
        "discovered_on",
        severity,
    )
    assert (found["line"], found["column"]) == where(repo, INCIDENTS, "2026-10-27")
    if key == "overdue":
        assert found["message"] == (
            "the final report to the assessment body was due within 30 days of discovery on 2026-10-27, by "
            "2026-11-26, and none is recorded (today is 2026-11-27): report now and record reports.pmark.final_on"
        )
        (ja,) = findings(repo, "PML701", today, "ja")
        assert ja["message"] == (
            "審査機関への確報は発覚日 2026-10-27 から 30日以内、2026-11-26 までに必要でしたが、記録がありません"
            "(今日は 2026-11-27)。直ちに報告して reports.pmark.final_on に日付を記録してください"
        )
    else:
        assert found["message"] == (
            "the final report to the assessment body is due within 30 days of discovery on 2026-10-27, by 2026-11-26 "
            f"(today is {today}): report and record reports.pmark.final_on"
        )


@pytest.mark.parametrize(("final_on", "late"), [("2026-11-25", False), ("2026-11-26", False), ("2026-11-27", True)])
def test_final_report_made_around_its_deadline(tmp_path: Path, final_on: str, late: bool) -> None:
    repo = repo_with(tmp_path, FINAL.replace("2026-11-01", final_on), "2026-10-27")
    found = findings(repo, "PML701", "2026-12-10")
    if not late:
        assert found == []
        return
    (one,) = found
    assert (one["path"], one["severity"]) == ("reports.pmark.final_on", "error")
    assert (one["line"], one["column"]) == where(repo, INCIDENTS, final_on)
    assert one["message"] == (
        "the final report to the assessment body was made on 2026-11-27, after its deadline of 2026-11-26 (30 days "
        "from discovery on 2026-10-27; today is 2026-12-10): record why in notes"
    )


@pytest.mark.parametrize(("final_on", "late"), [("2026-12-25", False), ("2026-12-26", False), ("2026-12-27", True)])
def test_malicious_incident_has_sixty_days(tmp_path: Path, final_on: str, late: bool) -> None:
    extra = "    malicious: true\n" + FINAL.replace(
        "{final_on: 2026-11-01", "{preliminary_on: 2026-10-28, final_on: " + final_on
    )
    repo = repo_with(tmp_path, extra, "2026-10-27")  # + 60 days = 2026-12-26
    assert [f["path"] for f in findings(repo, "PML701", "2027-01-10")] == (["reports.pmark.final_on"] if late else [])


def test_the_deadline_is_a_setting(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, "", "2026-11-10", config="incident: {pmark_final_within: P14D}\n")
    (found,) = findings(repo, "PML701", "2026-11-25")
    assert found["severity"] == "error"
    assert "within 14 days of discovery on 2026-11-10, by 2026-11-24" in found["message"]


def test_an_incident_discovered_after_today_or_retired_is_not_judged(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, "", "2026-12-01")
    assert findings(repo, "PML701", "2026-11-26") == []
    retired = repo_with(
        tmp_path / "x", "    status: retired\n    retired_on: 2026-10-05\n    reason: 重複して登録した\n", "2026-01-01"
    )
    assert findings(retired, "PML701", "2026-11-26") == []


# -- PML702: the preliminary report when sensitive data, harm, malice or many people are involved -----------------
@pytest.mark.parametrize(
    ("today", "severity"), [("2026-11-25", "warning"), ("2026-11-26", "warning"), ("2026-11-27", "error")]
)
def test_preliminary_report_around_its_deadline(tmp_path: Path, today: str, severity: str) -> None:
    repo = repo_with(tmp_path, "    sensitive: true\n    reports: {ppc: {required: false}}\n", "2026-11-21")
    (found,) = findings(repo, "PML702", today)
    assert (found["entry"], found["severity"]) == ("INC-2026-01", severity)
    if severity == "error":
        assert found["message"] == (
            "a preliminary report to the assessment body was needed (sensitive data) within 5 days of discovery on "
            "2026-11-21, by 2026-11-26, and none is recorded (today is 2026-11-27): report now and record "
            "reports.pmark.preliminary_on"
        )
        (ja,) = findings(repo, "PML702", today, "ja")
        assert ja["message"].startswith("審査機関への速報が必要でした(要配慮個人情報)。発覚日 2026-11-21 から 5日以内")


@pytest.mark.parametrize(
    ("preliminary_on", "late"), [("2026-11-25", False), ("2026-11-26", False), ("2026-11-27", True)]
)
def test_preliminary_report_made_around_its_deadline(tmp_path: Path, preliminary_on: str, late: bool) -> None:
    extra = f"    financial_risk: true\n    reports: {{pmark: {{preliminary_on: {preliminary_on}}}, ppc: {{required: false}}}}\n"
    repo = repo_with(tmp_path, extra, "2026-11-21")
    found = findings(repo, "PML702", "2026-11-28")
    assert [(f["path"], f["severity"]) for f in found] == ([("reports.pmark.preliminary_on", "error")] if late else [])
    if late:
        assert (
            "(possible financial harm) was made on 2026-11-27, after its deadline of 2026-11-26" in found[0]["message"]
        )


@pytest.mark.parametrize(
    ("facts", "count", "needed"),
    [
        ("", 1000, False),
        ("", 1001, True),
        ("    my_number: true\n", 100, False),
        ("    my_number: true\n", 101, True),
        ("    malicious: true\n", 1, True),
    ],
)
def test_what_makes_a_preliminary_report_necessary(tmp_path: Path, facts: str, count: int, needed: bool) -> None:
    repo = repo_with(tmp_path, facts + "    reports: {ppc: {required: false}}\n", "2026-11-01", count)
    assert len(findings(repo, "PML702", "2026-11-26")) == (1 if needed else 0)


# -- PML703, PML704: the Commission's reports where the law requires them -------------------------------------
PPC = "    sensitive: true\n    reports: {{pmark: {{preliminary_on: 2026-11-22, final_on: 2026-11-23}}, ppc: {{required: true{ppc}}}}}\n    prevention: CA-2026-05\n"


@pytest.mark.parametrize(
    ("today", "severity"), [("2026-11-25", "warning"), ("2026-11-26", "warning"), ("2026-11-27", "error")]
)
def test_commission_preliminary_report_around_its_deadline(tmp_path: Path, today: str, severity: str) -> None:
    repo = repo_with(tmp_path, PPC.format(ppc=""), "2026-11-21")
    (found,) = findings(repo, "PML703", today)
    assert found["severity"] == severity
    assert "discovery on 2026-11-21, by 2026-11-26" in found["message"]
    assert f"(today is {today})" in found["message"]


@pytest.mark.parametrize(("final_on", "late"), [("2026-12-20", False), ("2026-12-21", False), ("2026-12-22", True)])
def test_commission_final_report_around_its_deadline(tmp_path: Path, final_on: str, late: bool) -> None:
    repo = repo_with(tmp_path, PPC.format(ppc=f", preliminary_on: 2026-11-23, final_on: {final_on}"), "2026-11-21")
    assert findings(repo, "PML703", "2027-01-05") == []
    found = findings(repo, "PML704", "2027-01-05")
    assert [f["path"] for f in found] == (["reports.ppc.final_on"] if late else [])
    if late:
        assert found[0]["message"] == (
            "the final report to the Personal Information Protection Commission was made on 2026-12-22, after its "
            "deadline of 2026-12-21 (30 days from discovery on 2026-11-21; today is 2027-01-05): record why in notes"
        )


def test_no_commission_report_when_the_law_does_not_require_it(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, PPC.format(ppc="").replace("required: true", "required: false"), "2026-10-01")
    assert findings(repo, "PML703", "2026-11-26") == findings(repo, "PML704", "2026-11-26") == []


# -- PML705: facts that look reportable under the law, and no decision recorded ---------------------------------
@pytest.mark.parametrize(
    ("extra", "warned"),
    [
        ("    malicious: true\n", True),
        ("    malicious: true\n    encrypted: true\n", False),
        ("    malicious: true\n    reports: {ppc: {required: false}}\n", False),
        ("    my_number: true\n", False),
    ],
)
def test_commission_report_undecided(tmp_path: Path, extra: str, warned: bool) -> None:
    repo = repo_with(tmp_path, extra, "2026-11-20", 500)
    found = findings(repo, "PML705", "2026-11-21")
    assert len(found) == (1 if warned else 0)
    if warned:
        assert (found[0]["severity"], found[0]["path"], found[0]["line"]) == (
            "warning",
            None,
            where(repo, INCIDENTS, "- id: INC")[0],
        )
        assert found[0]["message"] == (
            "the facts recorded (malice) make this incident look reportable to the Personal Information Protection "
            "Commission, but reports.ppc.required is not set: decide whether the law requires a report and record "
            "true or false"
        )


# -- PML706: prevention after the final report, and the references ---------------------------------------------
def test_final_report_without_prevention(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, "    reports: {pmark: {final_on: 2026-11-01}}\n", "2026-10-27")
    (found,) = findings(repo, "PML706", "2026-11-26")
    assert (found["path"], found["severity"]) == ("reports.pmark.final_on", "error")
    assert found["message"] == (
        "the final report was made on 2026-11-01 but no prevention (a corrective action) is recorded: record the "
        "corrective action that keeps it from happening again in prevention"
    )
    assert findings(repo_with(tmp_path / "x", FINAL, "2026-10-27"), "PML706", "2026-11-26") == []


def test_an_incident_names_inventory_entries_and_a_prevention_that_exist(tmp_path: Path) -> None:
    extra = FINAL.replace("CA-2026-05", "CA-2026-99")
    repo = repo_with(tmp_path, extra, "2026-10-27")
    files = dict(_example(extra, "2026-10-27"))
    text = files[INCIDENTS].replace("[PI-001]", "[PI-001, PI-404]")
    (repo / INCIDENTS).write_text(text, encoding="utf-8")
    result = run("check", repo, "--format", "json", "--today", "2026-11-26")
    unknown = sorted(
        (f["rule"], f["path"])
        for f in result.json()["findings"]
        if f["file"] == INCIDENTS and f["rule"].startswith("PML2")
    )
    assert unknown == [("PML201", "inventory[1]"), ("PML201", "prevention")]


def test_trail_lists_an_incident_per_entry(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, "", "2026-10-27")
    text = (repo / INCIDENTS).read_text(encoding="utf-8")
    (repo / INCIDENTS).write_text(text + FINAL, encoding="utf-8")
    sha = commit_as(
        repo, "中村 花子 <nakamura@test.example>", "The final report on INC-2026-01", day="2026-11-02T10:00:00+09:00"
    )
    result = run("trail", repo, "--since", "2026-04-01", "--until", "2026-11-26", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = result.json()
    (change,) = [c for c in data["changes"] if c["commit"] == sha]
    assert (change["entry"], change["kind"], change["path"]) == ("INC-2026-01", "incident", INCIDENTS)
    assert [f["field"] for f in change["fields"]] == ["reports", "prevention"]
    assert not [n for n in data["never_reviewed"] if n["kind"] == "incident"]
