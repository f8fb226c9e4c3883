"""Emergency drills (kind: drill): PML711 on small repositories, a fiscal year without a drill around the day
its warning starts and the day it ends, with the finding's file, position, entry and message in both languages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pmarklint.rules.drills import _example
from pmarklint.rules.staff import EXAMPLE_CONFIG

from helpers.cli import run
from helpers.pms import where
from helpers.repos import make_repo

DRILLS = "drills/drills.yaml"


def findings(repo: Path, today: str = "2026-11-26", lang: str = "en") -> list[dict[str, Any]]:
    result = run("check", repo, "--format", "json", "--today", today, "--lang", lang)
    assert result.exit_code in (0, 1), result.stderr
    return [f for f in result.json()["findings"] if f["rule"] == "PML711"]


def repo_with(tmp_path: Path, *drills: tuple[str, str], config: str = "") -> Path:
    files = _example(*drills)
    files["pmarklint.yaml"] = EXAMPLE_CONFIG + config
    if not drills:
        files["drills/drills.yaml"] = "kind: drill\nentries: []\n"
    return make_repo(tmp_path / "r", files)


def test_a_fiscal_year_that_ended_without_a_drill(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, ("DR-2024", "2024-11-15"), ("DR-2026", "2026-10-20"))
    (found,) = findings(repo)
    assert (found["file"], found["entry"], found["path"], found["severity"]) == (DRILLS, "DR-2024", "date", "error")
    assert (found["line"], found["column"]) == where(repo, DRILLS, "2024-11-15")
    assert found["message"] == (
        "no emergency drill is recorded in fiscal year 2025, from 2025-04-01 to 2026-03-31 (today is 2026-11-26); "
        "the last drill before it was on 2024-11-15: hold a drill every fiscal year and record it in drills/"
    )
    (ja,) = findings(repo, lang="ja")
    assert ja["message"] == (
        "2025年度(2025-04-01 から 2026-03-31 まで)の緊急事態への準備の訓練の記録がありません(今日は 2026-11-26)。"
        "その前の訓練は 2024-11-15 です。訓練は毎年度行い、drills/ に記録してください"
    )
    full = repo_with(tmp_path / "f", ("DR-2024", "2024-11-15"), ("DR-2025", "2025-11-14"), ("DR-2026", "2026-10-20"))
    assert findings(full) == []


# The current fiscal year 2026 ends on 2027-03-31; the reminder starts 30 days before (review.warn_within).
@pytest.mark.parametrize(
    ("today", "severity"),
    [("2027-02-28", None), ("2027-03-01", "warning"), ("2027-03-31", "warning"), ("2027-04-01", "error")],
)
def test_the_current_year_around_its_end(tmp_path: Path, today: str, severity: str | None) -> None:
    repo = repo_with(tmp_path, ("DR-2025", "2025-11-14"))
    found = findings(repo, today)
    if severity is None:
        assert found == []
        return
    (one,) = found
    assert (one["entry"], one["severity"]) == ("DR-2025", severity)
    if severity == "warning":
        assert one["message"] == (
            f"no emergency drill yet in fiscal year 2026, from 2026-04-01, which ends on 2027-03-31 (today is {today}); "
            "the last drill was on 2025-11-14: hold one before the year ends and record it in drills/"
        )
        (ja,) = findings(repo, today, "ja")
        assert ja["message"] == (
            "2026年度(2026-04-01 から)の緊急事態への準備の訓練がまだ記録されていません。年度は 2027-03-31 に終わります"
            f"(今日は {today})。前回の訓練は 2025-11-14 です。年度内に訓練を行い、drills/ に記録してください"
        )
    else:
        assert "fiscal year 2026, from 2026-04-01 to 2027-03-31 (today is 2027-04-01)" in one["message"]


def test_no_drill_at_all_is_a_reminder_at_the_settings(tmp_path: Path) -> None:
    repo = repo_with(tmp_path)
    assert findings(repo, "2027-02-28") == []
    (found,) = findings(repo, "2027-03-10")
    assert (found["file"], found["entry"], found["severity"], found["line"]) == ("pmarklint.yaml", None, "warning", 1)
    assert found["message"] == (
        "no emergency drill is recorded: fiscal year 2026, from 2026-04-01, ends on 2027-03-31 (today is 2027-03-10); "
        "hold one before the year ends and record it in drills/ (or set drills.yearly: false if your procedure sets "
        "another interval)"
    )


def test_the_yearly_check_is_a_setting(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, ("DR-2024", "2024-11-15"), ("DR-2026", "2026-10-20"), config="drills: {yearly: false}\n")
    assert findings(repo) == []


def test_a_drill_names_people_and_a_corrective_action_that_exist(tmp_path: Path) -> None:
    files = _example(("DR-2026", "2026-10-20"))
    files[DRILLS] = files[DRILLS].replace("[nakamura, yamamoto]", "[nakamura, suzuki]") + "    corrective: CA-9\n"
    repo = make_repo(tmp_path / "r", files)
    result = run("check", repo, "--format", "json", "--today", "2026-11-26", "--lang", "en")
    found = [(f["rule"], f["path"], f["message"]) for f in result.json()["findings"] if f["file"] == DRILLS]
    assert found == [
        (
            "PML201",
            "participants[1]",
            "no person with id 'suzuki' in the roster (people/): add them, or correct the id",
        ),
        (
            "PML201",
            "corrective",
            "no corrective action with id 'CA-9' (kind: corrective): record the action, or correct the id",
        ),
    ]
