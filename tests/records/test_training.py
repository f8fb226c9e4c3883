"""Education records (kind: training) on the realistic company: PML603 to PML607, each with the finding's
file, position, entry and message, and a near miss that stays quiet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from helpers.cli import check_json
from helpers.company import CONFIG, TODAY, TRAINING, company, person, training
from helpers.pms import where

ROSTER = "people/roster.yaml"
Items = list[dict[str, Any]]


def findings(repo: Path, code: str, *extra: str, lang: str = "en", today: str = TODAY) -> list[dict[str, Any]]:
    result = check_json(repo, "--lang", lang, "--today", today, *extra)
    assert result.exit_code in (0, 1), result.stderr
    return [f for f in result.json()["findings"] if f["rule"] == code]


def without(training_id: str, person_id: str) -> Any:
    def change(items: Items) -> None:
        record = training(items, training_id)
        record["attendance"] = [a for a in record["attendance"] if a["person"] != person_id]

    return change


def value_at(repo: Path, rel: str, line_needle: str, value: str) -> tuple[int, int]:
    """(line, column) of ``value`` on the line that holds ``line_needle``."""
    line, _ = where(repo, rel, line_needle)
    text = (repo / rel).read_text(encoding="utf-8").splitlines()[line - 1]
    return line, text.index(value, text.index(line_needle)) + 1


def test_two_years_of_training_are_clean(tmp_path: Path) -> None:
    result = check_json(company(tmp_path / "c"))
    assert result.exit_code == 0 and result.json()["findings"] == [], result.stdout


# -- PML603: a regular training in every fiscal year ---------------------------------------------------------
def test_missed_fiscal_year(tmp_path: Path) -> None:
    repo = company(tmp_path / "c", education=without("T-2025-01", "s05"))
    (found,) = findings(repo, "PML603")
    assert (found["file"], found["entry"], found["severity"]) == (ROSTER, "s05", "error")
    assert (found["line"], found["column"]) == where(repo, ROSTER, "id: s05")
    assert found["message"] == (
        "木村 亮 (s05) passed no regular training in fiscal year 2025 (due by 2026-03-31), and none is on "
        "record: train the person and record it in training/"
    )
    (ja,) = findings(repo, "PML603", lang="ja")
    assert ja["message"].startswith("木村 亮(s05) は 2025年度(期限 2026-03-31)に定期教育を修了しておらず")


def test_missed_year_names_the_last_training_passed(tmp_path: Path) -> None:
    repo = company(tmp_path / "c", education=without("T-2026-01", "s05"))
    (found,) = findings(repo, "PML603", today="2027-04-02")
    assert found["message"] == (
        "木村 亮 (s05) passed no regular training in fiscal year 2026 (due by 2027-03-31); the last one passed "
        "was T-2025-01 on 2025-06-10: train the person and record it in training/"
    )


def test_missed_year_near_misses(tmp_path: Path) -> None:
    def change(items: Items) -> None:
        for pid in ("s05", "s06", "s09", "s10"):
            without("T-2025-01", pid)(items)
        # s05 watched the recording on the last day of the year; s06 failed the quiz in June, passed in July
        training(items, "T-2025-02")["attendance"] += [
            {"person": "s05", "date": "2026-03-31", "score": 80, "passed": True},
            {"person": "s06", "score": 95, "passed": True},
        ]

    def roster(staff: Items) -> None:
        person(staff, "s09").update(joined="2025-05-01")  # joined during 2025年度: the onboarding covers it
        person(staff, "s10").update(left="2026-03-31")  # gone on the last day of the year

    assert findings(company(tmp_path / "c", roster=roster, education=change), "PML603") == []


def test_current_year_warns_before_its_end(tmp_path: Path) -> None:
    repo = company(tmp_path / "c", education=without("T-2026-01", "s05"))
    assert findings(repo, "PML603", today="2027-02-28") == []  # the window (P30D) opens on 2027-03-01
    (found,) = findings(repo, "PML603", today="2027-03-10")
    assert (found["entry"], found["severity"]) == ("s05", "warning")
    assert (
        found["message"] == "木村 亮 (s05) has not yet passed a regular training in fiscal year 2026: due by 2027-03-31"
    )


def test_fiscal_year_start_moves_the_years(tmp_path: Path) -> None:
    """With a January start, T-2025-01 (June 2025) is in fiscal year 2025 and the July make-up too; nobody
    owes 2024, the year before the records begin."""
    repo = company(
        tmp_path / "c", config=CONFIG + 'fiscal_year_start: "01-01"\n', education=without("T-2026-01", "s05")
    )
    assert findings(repo, "PML603") == []
    (found,) = findings(repo, "PML603", today="2026-12-10")
    assert (
        found["message"] == "木村 亮 (s05) has not yet passed a regular training in fiscal year 2026: due by 2026-12-31"
    )


def test_interval_setting(tmp_path: Path) -> None:
    repo = company(tmp_path / "c", config=CONFIG + "training: {every: P1Y}\n", education=without("T-2026-01", "s05"))
    (found,) = findings(repo, "PML603")
    assert (found["entry"], found["severity"]) == ("s05", "error")
    assert found["message"] == (
        "木村 亮 (s05) last passed a regular training in T-2025-01 on 2025-06-10; every 1 year, so due on 2026-06-10"
    )


# -- PML604: trained on joining ------------------------------------------------------------------------------
def test_new_person_never_trained(tmp_path: Path) -> None:
    repo = company(tmp_path / "c", education=lambda items: items.remove(training(items, "T-2026-OB2")))
    (found,) = findings(repo, "PML604")
    assert (found["file"], found["entry"], found["path"]) == (ROSTER, "s21", "joined")
    assert (found["line"], found["column"]) == value_at(repo, ROSTER, "joined: 2026-10-01", "2026-10-01")
    assert found["message"] == (
        "村上 陸 (s21) joined on 2026-10-01 and has had no training since: the onboarding training was due "
        "within 1 month, by 2026-11-01"
    )
    (ja,) = findings(repo, "PML604", lang="ja")
    assert ja["message"].startswith("村上 陸(s21) は 2026-10-01 に入社しましたが、教育を受けていません")


def test_new_person_trained_late(tmp_path: Path) -> None:
    repo = company(tmp_path / "c", education=lambda items: training(items, "T-2026-OB2").update(date="2026-11-10"))
    (found,) = findings(repo, "PML604")
    assert found["message"] == (
        "村上 陸 (s21) joined on 2026-10-01 but was first trained on 2026-11-10 (T-2026-OB2), after the deadline "
        "of 2026-11-01 (1 month after joining): train new staff on time"
    )


def test_onboarding_near_misses(tmp_path: Path) -> None:
    def change(items: Items) -> None:
        training(items, "T-2026-OB1").update(date="2026-08-01")  # s20 joined 2026-07-01: the last day
        training(items, "T-2026-OB2").update(date="2026-11-25")

    repo = company(tmp_path / "c", config=CONFIG + "training: {onboarding_within: P2M}\n", education=change)
    assert findings(repo, "PML604") == []


# -- PML605: the four points ------------------------------------------------------------------------------------
def test_regular_training_without_all_four_points(tmp_path: Path) -> None:
    def change(items: Items) -> None:
        training(items, "T-2026-01")["topics"] = ["policy", "roles"]
        training(items, "T-2026-OB1")["topics"] = ["policy"]  # onboarding: not a regular training

    repo = company(tmp_path / "c", education=change)
    (found,) = findings(repo, "PML605")
    assert (found["file"], found["entry"], found["path"]) == (TRAINING, "T-2026-01", "topics")
    assert (found["line"], found["column"]) == value_at(repo, TRAINING, "topics: [policy, roles]", "[")
    assert found["message"] == (
        "this regular training does not cover 2 of the four points of J.4.3: the importance and benefits of the "
        "PMS, the consequences of a breach; add them to the training and to topics"
    )
    (ja,) = findings(repo, "PML605", lang="ja")
    assert "PMSに適合することの重要性及び利点、PMSに違反した際に予想される結果" in ja["message"]
    assert "importance" not in ja["message"]


# -- PML606: quiz results --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("score", "passed", "key"),
    [(70, True, "passed_below"), (85, False, "failed_above"), (80, True, None), (79.5, False, None)],
)
def test_passed_agrees_with_score(tmp_path: Path, score: float, passed: bool, key: str | None) -> None:
    def change(items: Items) -> None:
        (attendee,) = [a for a in training(items, "T-2026-01")["attendance"] if a["person"] == "s03"]
        attendee.update(score=score, passed=passed)

    repo = company(tmp_path / "c", education=change)
    hits = findings(repo, "PML606")
    if key is None:
        assert hits == []
        return
    (found,) = hits
    assert (found["entry"], found["path"]) == ("T-2026-01", "attendance[11].passed")
    word = "true" if passed else "false"
    assert (found["line"], found["column"]) == value_at(repo, TRAINING, f"person: s03, score: {score}", word)
    expected = {
        "passed_below": "松本 拓也 (s03) is marked as passed with 70 points, below the pass mark of 80",
        "failed_above": "松本 拓也 (s03) is marked as not passed with 85 points, at or above the pass mark of 80",
    }
    assert found["message"] == expected[key] + ": correct passed, or the score"


# -- PML607: absentees followed up ---------------------------------------------------------------------------------
def test_absentee_not_followed_up(tmp_path: Path) -> None:
    def change(items: Items) -> None:
        without("T-2026-01", "s08")(items)
        training(items, "T-2026-01")["absentees"] = [{"person": "s08", "follow_up_by": "2026-07-31"}]

    repo = company(tmp_path / "c", education=change)
    (found,) = findings(repo, "PML607")
    assert (found["file"], found["entry"], found["path"]) == (TRAINING, "T-2026-01", "absentees[0].follow_up_by")
    assert (found["line"], found["column"]) == value_at(repo, TRAINING, "person: s08, follow_up_by", "2026-07-31")
    assert found["message"] == (
        "山崎 玲奈 (s08) missed '2026年度 個人情報保護教育' on 2026-06-15 and the follow-up was due by 2026-07-31, "
        "but no later training records them: hold a make-up session and record it"
    )
    (ja,) = findings(repo, "PML607", lang="ja")
    assert "「2026年度 個人情報保護教育」を欠席し" in ja["message"]


def test_absentee_near_misses(tmp_path: Path) -> None:
    def change(items: Items) -> None:
        for pid in ("s08", "s09"):
            without("T-2026-01", pid)(items)
        training(items, "T-2026-01")["absentees"] = [
            {"person": "s08", "follow_up_by": "2026-11-30"},  # not due yet
            {"person": "s09", "follow_up_by": "2026-07-31"},
        ]
        training(items, "T-2026-OB1")["attendance"].append({"person": "s09"})  # made up with the new staff

    assert findings(company(tmp_path / "c", education=change), "PML607") == []
