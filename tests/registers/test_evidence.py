"""The evidence table (record kind → requirement items, pmarklint.evidence), the records it counts per item in
a fiscal year, and PML750: a control marked fit or partial whose yearly records are missing this year, on the
day before, on and after the window before the year's end, with its position and message in both languages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from pmarklint.evidence import EVIDENCE, Period, counts_in, kinds_of
from pmarklint.resources import RECORD_KINDS
from pmarklint.rules.evidence_gaps import _example
from pmarklint.rules.staff import EXAMPLE_CONFIG

from helpers.cli import run
from helpers.pms import where
from helpers.repos import ROOT, make_repo

CONTROLS = "controls/controls.yaml"
APRIL = (4, 1)


def catalog_ids() -> set[str]:
    ids: set[str] = set()
    for path in sorted((ROOT / "controls").glob("*.yaml")):
        ids |= {entry["id"] for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["entries"]}
    return ids


def test_every_item_of_the_table_is_in_the_shipped_catalog() -> None:
    ids = catalog_ids()
    assert len(ids) == 58
    named = {item for line in EVIDENCE for item in line.items}
    assert named - ids == set()
    assert {"J.4.3", "J.6.2", "J.6.3", "J.7.1", "J.4.4.2", "J.10.2", "J.11", "J.9.1", "J.3.1.3", "J.3.3"} <= named


def test_every_record_kind_is_in_the_table_once() -> None:
    kinds = [line.kind for line in EVIDENCE]
    assert sorted(kinds) == sorted(RECORD_KINDS)
    assert [line.kind for line in kinds_of("J.4.4.2")] == ["drill", "incident"]
    assert [line.kind for line in EVIDENCE if not line.yearly] == [
        "corrective",
        "incident",
        "request",
        "complaint",
        "disposal",
    ]


def test_counts_per_item_in_a_fiscal_year() -> None:
    records: dict[str, list[dict[str, Any]]] = {
        "audit_report": [
            {"id": "AR-1", "date": "2026-04-01"},  # the first day of fiscal year 2026
            {"id": "AR-2", "date": "2027-03-31"},  # its last day, but after today: planned, not counted
            {"id": "AR-3", "date": "2026-03-31"},  # fiscal year 2025
            {"id": "AR-4", "date": "2026-05-01", "status": "retired"},
            {"id": "AR-5", "date": "not a date"},
        ],
        "audit_plan": [{"id": "AP-2026", "fiscal_year": 2026}, {"id": "AP-2025", "fiscal_year": 2025}],
        "risk": [{"id": "RA-1", "accepted_on": "2026-06-01"}, {"id": "RA-2", "reviewed_on": "2025-06-01"}],
    }
    period = Period.current(dt.date(2026, 11, 26), APRIL)
    assert (period.year, period.start, period.end) == (2026, dt.date(2026, 4, 1), dt.date(2027, 3, 31))
    found = counts_in(records, period, APRIL, dt.date(2026, 11, 26))
    assert found["J.6.2"] == {"audit_plan": 1, "audit_report": 1}
    assert found["J.3.1.3"] == found["J.3.1.4"] == {"risk": 1}
    assert found["J.11"] == {"complaint": 0}
    assert "J.9.2" not in found  # no kind evidences it
    # a calendar fiscal year (the default without language: ja): AR-1 and AR-3 are both of 2026
    assert counts_in(records, Period.current(dt.date(2026, 3, 1), (1, 1)), (1, 1))["J.6.2"]["audit_report"] == 2


def findings(repo: Path, today: str = "2026-11-26", lang: str = "en") -> list[dict[str, Any]]:
    result = run("check", repo, "--format", "json", "--today", today, "--lang", lang)
    assert result.exit_code in (0, 1), result.stderr
    return [f for f in result.json()["findings"] if f["rule"] == "PML750"]


def repo_with(tmp_path: Path, status: str, *reports: tuple[str, str], config: str = "") -> Path:
    files = _example(status, *reports)
    files["pmarklint.yaml"] = EXAMPLE_CONFIG + config
    return make_repo(tmp_path / "r", files)


def test_fit_without_a_record_this_year_or_last(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, "fit", ("AR-2024-CS", "2025-01-20"))
    (found,) = findings(repo)
    assert (found["file"], found["entry"], found["path"], found["severity"]) == (CONTROLS, "J.6.2", "status", "warning")
    assert (found["line"], found["column"]) == where(repo, CONTROLS, "fit")
    assert found["message"] == (
        "J.6.2 is marked fit but there is no audit plan, audit report record in fiscal year 2026 (2026-04-01 to "
        "2027-03-31) nor in the year before (today is 2026-11-26): add the record in audits/, or change the status "
        "to partial or gap"
    )
    (ja,) = findings(repo, lang="ja")
    assert ja["message"] == (
        "J.6.2 は「適合」ですが、2026年度(2026-04-01〜2027-03-31)にも前年度にも内部監査計画、内部監査報告の記録が"
        "ありません(今日は 2026-11-26): 記録を audits/ に追加するか、状況(status)を一部対応(partial)か未対応(gap)に"
        "直してください"
    )


@pytest.mark.parametrize(("today", "reported"), [("2027-02-28", False), ("2027-03-01", True), ("2027-03-02", True)])
def test_last_year_backs_the_status_until_the_window_before_the_year_ends(
    tmp_path: Path, today: str, reported: bool
) -> None:
    # fiscal year 2026 ends on 2027-03-31; the "due soon" window is 30 days: from 2027-03-01
    repo = repo_with(tmp_path, "partial", ("AR-2025-CS", "2026-01-20"))
    found = findings(repo, today)
    if not reported:
        assert found == []
        return
    (item,) = found
    assert (item["severity"], item["path"]) == ("warning", "status")
    assert item["message"] == (
        "J.6.2 is marked partial but there is no audit plan, audit report record yet in fiscal year 2026 (2026-04-01 "
        f"to 2027-03-31); the last one is AR-2025-CS, of the year before (today is {today}): hold it and record it in "
        "audits/ before 2027-03-31, or change the status"
    )


def test_near_misses(tmp_path: Path) -> None:
    # a record this year; a control not in operation; a kind the repository keeps no record of at all
    assert findings(repo_with(tmp_path / "a", "fit", ("AR-2024-CS", "2025-01-20"), ("AR-2026", "2026-10-20"))) == []
    assert findings(repo_with(tmp_path / "b", "gap", ("AR-2024-CS", "2025-01-20"))) == []
    files = _example("fit")
    files.pop("audits/plans.yaml")
    files.pop("audits/reports.yaml")
    files[CONTROLS] += "  - id: J.11\n    title: {ja: 苦情}\n    status: fit\n"  # a complaint is not yearly
    files["complaints/c.yaml"] = "kind: complaint\nentries: []\n"
    assert findings(make_repo(tmp_path / "c", files)) == []


def test_the_fit_gap_counts_the_records_per_item_with_the_period(tmp_path: Path) -> None:
    repo = repo_with(
        tmp_path, "fit", ("AR-2024-CS", "2025-01-20"), ("AR-2026-1", "2026-06-01"), ("AR-2026-2", "2026-10-01")
    )
    result = run("report", "fitgap", repo, "--today", "2026-11-26", "--lang", "ja")
    assert result.exit_code == 0, result.stderr
    assert "今年度の記録: 2026年度(2026-04-01〜2027-03-31)" in result.stdout
    header = next(line for line in result.stdout.splitlines() if line.startswith("| 項番"))
    assert header.endswith("| 今年度の記録 |")
    row = next(line for line in result.stdout.splitlines() if line.startswith("| J.6.2 "))
    assert row.endswith("| 内部監査計画 0件<br>内部監査報告 2件 |")
    english = run("report", "fitgap", repo, "--today", "2026-11-26", "--lang", "en", "--format", "csv")
    assert "Records this year" in english.stdout
    assert "audit plan: 0\naudit report: 2" in english.stdout
