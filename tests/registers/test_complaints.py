"""Complaints and consultations (kind: complaint): PML712 to PML715 on small repositories, the response and the
closing one day before, on the day and one day after their deadlines, with the finding's file, position, entry
and message in both languages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pmarklint.rules.complaints import _example
from pmarklint.rules.staff import EXAMPLE_CONFIG

from helpers.cli import run
from helpers.pms import where
from helpers.repos import commit_as, make_repo

COMPLAINTS = "complaints/complaints.yaml"


def findings(repo: Path, code: str, today: str = "2026-11-26", lang: str = "en") -> list[dict[str, Any]]:
    result = run("check", repo, "--format", "json", "--today", today, "--lang", lang)
    assert result.exit_code in (0, 1), result.stderr
    return [f for f in result.json()["findings"] if f["rule"] == code]


def repo_with(tmp_path: Path, extra: str, category: str = "complaint", config: str = "") -> Path:
    files = _example(extra, "2026-11-02", category)  # + 14 days = 2026-11-16, + 30 days = 2026-12-02
    files["pmarklint.yaml"] = EXAMPLE_CONFIG + config
    return make_repo(tmp_path / "r", files)


@pytest.mark.parametrize(
    ("today", "severity"), [("2026-11-15", "warning"), ("2026-11-16", "warning"), ("2026-11-17", "error")]
)
def test_response_not_made_around_its_deadline(tmp_path: Path, today: str, severity: str) -> None:
    repo = repo_with(tmp_path, "")
    (found,) = findings(repo, "PML712", today)
    assert (found["file"], found["entry"], found["path"], found["severity"]) == (
        COMPLAINTS,
        "CP-2026-01",
        "received_on",
        severity,
    )
    assert (found["line"], found["column"]) == where(repo, COMPLAINTS, "2026-11-02")
    if severity == "error":
        assert found["message"] == (
            "the response to this complaint was due within 14 days of its receipt on 2026-11-02, by 2026-11-16, and "
            "none is recorded (today is 2026-11-17): respond now and record responded_on"
        )
        (ja,) = findings(repo, "PML712", today, "ja")
        assert ja["message"] == (
            "この苦情・相談への回答は受付日 2026-11-02 から 14日 以内、2026-11-16 までに必要でしたが、記録がありません"
            "(今日は 2026-11-17)。直ちに回答して responded_on を記録してください"
        )
    else:
        assert found["message"] == (
            "the response to this complaint is due within 14 days of its receipt on 2026-11-02, by 2026-11-16 "
            f"(today is {today}): respond and record responded_on"
        )


@pytest.mark.parametrize(("responded", "late"), [("2026-11-15", False), ("2026-11-16", False), ("2026-11-17", True)])
def test_response_made_around_its_deadline(tmp_path: Path, responded: str, late: bool) -> None:
    repo = repo_with(tmp_path, f"    responded_on: {responded}\n    closed_on: 2026-11-20\n")
    found = findings(repo, "PML712")
    assert [(f["path"], f["severity"]) for f in found] == ([("responded_on", "error")] if late else [])
    if late:
        assert found[0]["line"] == where(repo, COMPLAINTS, "2026-11-17")[0]
        assert found[0]["message"] == (
            "the response to this complaint was made on 2026-11-17, after the company's standard of 14 days from its "
            "receipt on 2026-11-02 (by 2026-11-16; today is 2026-11-26): record why in notes"
        )
        (ja,) = findings(repo, "PML712", lang="ja")
        assert ja["message"] == (
            "この苦情・相談への回答は 2026-11-17 で、社内基準の受付日 2026-11-02 から 14日(2026-11-16 まで)を過ぎて"
            "いました(今日は 2026-11-26)。遅れた理由を notes に記録してください"
        )


@pytest.mark.parametrize(
    ("today", "severity"), [("2026-12-01", "warning"), ("2026-12-02", "warning"), ("2026-12-03", "error")]
)
def test_open_around_its_deadline(tmp_path: Path, today: str, severity: str) -> None:
    repo = repo_with(tmp_path, "    responded_on: 2026-11-04\n")
    (found,) = findings(repo, "PML713", today)
    assert (found["entry"], found["path"], found["severity"]) == ("CP-2026-01", "received_on", severity)
    if severity == "error":
        assert found["message"] == (
            "this complaint was to be closed within 30 days of its receipt on 2026-11-02, by 2026-12-02, and is still "
            "open (today is 2026-12-03): finish handling it and record closed_on"
        )
        (ja,) = findings(repo, "PML713", today, "ja")
        assert ja["message"] == (
            "この苦情・相談は受付日 2026-11-02 から 30日 以内、2026-12-02 までに完了する必要がありましたが、未完了です"
            "(今日は 2026-12-03)。対応を終えて closed_on を記録してください"
        )
    else:
        assert found["message"] == (
            "this complaint is to be closed within 30 days of its receipt on 2026-11-02, by 2026-12-02 "
            f"(today is {today}): close it and record closed_on"
        )


@pytest.mark.parametrize(("closed", "late"), [("2026-12-01", False), ("2026-12-02", False), ("2026-12-03", True)])
def test_closed_around_its_deadline(tmp_path: Path, closed: str, late: bool) -> None:
    repo = repo_with(tmp_path, f"    responded_on: 2026-11-04\n    closed_on: {closed}\n")
    found = findings(repo, "PML713", "2026-12-10")
    assert [(f["path"], f["severity"]) for f in found] == ([("closed_on", "error")] if late else [])
    if late:
        assert found[0]["message"] == (
            "this complaint was closed on 2026-12-03, after the standard of 30 days from its receipt on 2026-11-02 "
            "(by 2026-12-02; today is 2026-12-10): record why in notes"
        )


def test_the_standards_are_settings(tmp_path: Path) -> None:
    config = "complaints: {respond_within: P7D, close_within: P2M}\n"
    repo = repo_with(tmp_path, "", config=config)
    (respond,) = findings(repo, "PML712", "2026-11-09")
    assert (respond["severity"], "within 7 days" in respond["message"], "by 2026-11-09" in respond["message"]) == (
        "warning",
        True,
        True,
    )
    (close,) = findings(repo, "PML713", "2026-11-09")
    assert "within 2 months of its receipt on 2026-11-02, by 2027-01-02" in close["message"]


@pytest.mark.parametrize(
    ("category", "extra", "code", "reported"),
    [
        ("suspected_incident", "", "PML714", True),
        ("suspected_incident", "    incident: INC-2026-01\n", "PML714", False),
        ("complaint", "", "PML714", False),
        ("request", "", "PML715", True),
        ("request", "    request: RQ-2026-01\n", "PML715", False),
        ("consultation", "", "PML715", False),
    ],
)
def test_the_record_a_complaint_turns_into(
    tmp_path: Path, category: str, extra: str, code: str, reported: bool
) -> None:
    repo = repo_with(tmp_path, "    responded_on: 2026-11-04\n    closed_on: 2026-11-20\n" + extra, category)
    found = findings(repo, code)
    if not reported:
        assert found == []
        return
    (one,) = found
    assert (one["file"], one["entry"], one["path"], one["severity"]) == (COMPLAINTS, "CP-2026-01", "category", "error")
    assert one["line"] == where(repo, COMPLAINTS, category)[0]
    messages = {
        "PML714": (
            "this complaint, received on 2026-11-02, is a suspected incident but names no incident record: record the "
            "incident (kind: incident) and name it in incident",
            "2026-11-02 に受け付けたこの苦情・相談は事故の疑いですが、事故の記録が示されていません。事故(kind: incident)"
            "を記録し、その ID を `incident` に書いてください",
        ),
        "PML715": (
            "this complaint, received on 2026-11-02, is a request from the person but names no request record: record "
            "the request (kind: request) and name it in request",
            "2026-11-02 に受け付けたこの苦情・相談は本人からの開示等の請求ですが、請求の記録が示されていません。"
            "開示等の請求(kind: request)を記録し、その ID を `request` に書いてください",
        ),
    }
    assert one["message"] == messages[code][0]
    (ja,) = findings(repo, code, lang="ja")
    assert ja["message"] == messages[code][1]


def test_the_records_named_exist_and_are_of_the_right_kind(tmp_path: Path) -> None:
    # an incident id that is a request, a request id that does not exist
    extra = "    responded_on: 2026-11-04\n    closed_on: 2026-11-20\n    incident: RQ-2026-01\n    request: RQ-9\n"
    repo = repo_with(tmp_path, extra, "suspected_incident")
    found = [(f["path"], f["message"]) for f in findings(repo, "PML201") if f["file"] == COMPLAINTS]
    assert found == [
        ("incident", "no incident with id 'RQ-2026-01' (kind: incident): record the incident, or correct the id"),
        ("request", "no request with id 'RQ-9' (kind: request): record the request, or correct the id"),
    ]
    (ja,) = [f for f in findings(repo, "PML201", lang="ja") if f["path"] == "incident"]
    assert (
        ja["message"] == "ID が 'RQ-2026-01' の事故(kind: incident)がありません。事故を記録するか、ID を直してください"
    )


def test_due_lists_the_answer_and_the_closing(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, "")
    result = run("due", repo, "--today", "2026-11-10", "--format", "json", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    listed = [(d["rule"], d["entry"], d["due"], d["days_left"]) for d in result.json()["deadlines"]]
    assert listed == [("PML712", "CP-2026-01", "2026-11-16", 6), ("PML713", "CP-2026-01", "2026-12-02", 22)]


def test_summary_holds_no_personal_data(tmp_path: Path) -> None:
    files = _example("    responded_on: 2026-11-04\n    closed_on: 2026-11-20\n")
    files[COMPLAINTS] = files[COMPLAINTS].replace(
        "注文していない商品の案内メールが届くとの苦情",
        "山田様(090-1234-5678)から、注文していない商品の案内が届くとの苦情",
    )
    repo = make_repo(tmp_path / "r", files)
    (found,) = findings(repo, "PML505")
    assert (found["file"], found["entry"], found["path"]) == (COMPLAINTS, "CP-2026-01", "summary")


def test_trail_lists_a_complaint_per_entry(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, "    responded_on: 2026-11-04\n")
    path = repo / COMPLAINTS
    path.write_text(path.read_text(encoding="utf-8") + "    closed_on: 2026-11-20\n", encoding="utf-8")
    sha = commit_as(repo, "伊藤 翔太 <ito@example.com>", "CP-2026-01 closed", day="2026-11-20T10:00:00+09:00")
    args = ("--since", "2026-11-01", "--until", "2026-11-26", "--kind", "complaint")
    result = run("trail", repo, *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    (change,) = [c for c in result.json()["changes"] if c["commit"] == sha]
    assert (change["entry"], change["kind"], change["path"]) == ("CP-2026-01", "complaint", COMPLAINTS)
    assert change["fields"] == [{"field": "closed_on", "old": None, "new": "2026-11-20"}]
    csv = run("trail", repo, *args, "--format", "csv", "--lang", "ja").stdout
    (row,) = [line for line in csv.splitlines() if sha in line]
    assert ",CP-2026-01,苦情・相談," in row
