"""Corrective actions (kind: corrective) on the realistic company: PML608 to PML610, each with the
finding's file, position, entry and message, and a near miss that stays quiet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from helpers.cli import check_json
from helpers.company import CONFIG, CORRECTIVE, TODAY, company
from helpers.pms import where

Items = list[dict[str, Any]]


def findings(repo: Path, code: str, lang: str = "en") -> list[dict[str, Any]]:
    result = check_json(repo, "--lang", lang, "--today", TODAY)
    assert result.exit_code in (0, 1), result.stderr
    return [f for f in result.json()["findings"] if f["rule"] == code]


def action(items: Items, action_id: str) -> dict[str, Any]:
    (found,) = [a for a in items if a["id"] == action_id]
    return found


def value_at(repo: Path, needle: str, value: str) -> tuple[int, int]:
    line, column = where(repo, CORRECTIVE, needle)
    text = (repo / CORRECTIVE).read_text(encoding="utf-8").splitlines()[line - 1]
    return line, text.index(value, column - 1) + 1


def test_open_action_past_due(tmp_path: Path) -> None:
    repo = company(tmp_path / "c", actions=lambda items: action(items, "CA-2026-01").update(due="2026-11-20"))
    (found,) = findings(repo, "PML608")
    assert (found["file"], found["entry"], found["path"], found["severity"]) == (
        CORRECTIVE,
        "CA-2026-01",
        "due",
        "error",
    )
    assert (found["line"], found["column"]) == value_at(repo, "due: 2026-11-20", "2026-11-20")
    assert found["message"] == (
        "this corrective action is still open and was due on 2026-11-20 (owner: 吉田 大輔 (yoshida)): complete it "
        "and record done_on, or agree a new due date and record why"
    )
    (ja,) = findings(repo, "PML608", "ja")
    assert ja["message"].startswith(
        "この是正処置は未完了のまま期限 2026-11-20 を過ぎています(責任者: 吉田 大輔(yoshida))"
    )


def test_open_action_near_misses(tmp_path: Path) -> None:
    def change(items: Items) -> None:
        action(items, "CA-2026-01").update(due=TODAY)  # due today: not yet past
        action(items, "CA-2025-01").update(due="2025-11-30")  # late, but done

    assert findings(company(tmp_path / "c", actions=change), "PML608") == []


def test_action_without_root_cause(tmp_path: Path) -> None:
    repo = company(tmp_path / "c", actions=lambda items: action(items, "CA-2026-01").pop("root_cause"))
    (found,) = findings(repo, "PML609")
    assert (found["entry"], found["severity"], found["path"]) == ("CA-2026-01", "warning", None)
    assert (found["line"], found["column"]) == where(repo, CORRECTIVE, "id: CA-2026-01")
    assert found["message"] == (
        "no root cause (root_cause) is recorded: without it the action may fix the symptom and the "
        "nonconformity comes back; owner: 吉田 大輔 (yoshida)"
    )
    assert findings(company(tmp_path / "d"), "PML609") == []


def test_effectiveness_never_checked(tmp_path: Path) -> None:
    repo = company(tmp_path / "c", actions=lambda items: action(items, "CA-2025-01").pop("effectiveness"))
    (found,) = findings(repo, "PML610")
    assert (found["entry"], found["path"]) == ("CA-2025-01", "done_on")
    assert (found["line"], found["column"]) == value_at(repo, "done_on: 2025-12-10", "2025-12-10")
    assert found["message"] == (
        "the action was done on 2025-12-10 but its effectiveness was not checked within 3 months (by 2026-03-10): "
        "check it and record effectiveness"
    )


@pytest.mark.parametrize(("checked", "late"), [("2026-03-11", True), ("2026-03-10", False)])
def test_effectiveness_checked_late(tmp_path: Path, checked: str, late: bool) -> None:
    def change(items: Items) -> None:
        action(items, "CA-2025-01")["effectiveness"]["checked_on"] = checked

    hits = findings(company(tmp_path / "c", actions=change), "PML610")
    if not late:
        assert hits == []
        return
    (found,) = hits
    assert found["path"] == "effectiveness.checked_on"
    assert found["message"] == (
        "the action was done on 2025-12-10; its effectiveness was checked on 2026-03-11, after the deadline of "
        "2026-03-10 (3 months): check effectiveness on time"
    )


def test_effectiveness_near_misses(tmp_path: Path) -> None:
    def change(items: Items) -> None:
        action(items, "CA-2026-01").update(done_on="2026-09-01")  # deadline 2026-12-01: not yet

    config = CONFIG + "corrective: {effectiveness_within: P6M}\n"

    def unchecked(items: Items) -> None:
        change(items)
        action(items, "CA-2025-01")["effectiveness"]["checked_on"] = "2026-06-01"  # within P6M

    assert findings(company(tmp_path / "c", actions=change), "PML610") == []
    assert findings(company(tmp_path / "d", actions=unchecked, config=config), "PML610") == []
