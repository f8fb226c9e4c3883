"""A control's recurring task proven by a record kind (record_kind): its last day comes from the newest
record (PML306 judges it), and a hand-written last_done that disagrees is PML629."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from helpers.cli import check_json
from helpers.company import CONFIG, company
from helpers.pms import catalog_controls, where
from helpers.repos import ROOT

J4 = "controls/J.4.yaml"
OPEN = CONFIG.replace(
    "rules: {PML205: off, PML302: off, PML306: off, PML736: off}", "rules: {PML205: off, PML302: off}"
)


def findings(repo: Path, code: str, lang: str = "en", today: str = "2026-11-26") -> list[dict[str, Any]]:
    result = check_json(repo, "--lang", lang, "--today", today)
    assert result.exit_code in (0, 1), result.stderr
    return [f for f in result.json()["findings"] if f["rule"] == code]


def education_done_on(day: str) -> str:
    data = yaml.safe_load(catalog_controls(proven=True)[J4])
    (entry,) = [e for e in data["entries"] if e["id"] == "J.4.3"]
    (task,) = entry["recurring"]
    task["last_done"] = day
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_the_shipped_catalog_names_the_records_that_prove_its_tasks() -> None:
    kinds = {}
    for path in sorted((ROOT / "controls").glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["entries"]:
            for task in entry.get("recurring", []):
                if "record_kind" in task:
                    kinds[entry["id"]] = task["record_kind"]
    assert kinds == {
        "J.3.3": "plan",
        "J.4.3": "training",
        "J.6.1": "operation_check",
        "J.6.2": "audit_report",
        "J.6.3": "review",
    }


def test_hand_written_date_that_disagrees(tmp_path: Path) -> None:
    repo = company(tmp_path / "c", **{J4: education_done_on("2026-05-01")})
    (found,) = findings(repo, "PML629")
    assert (found["file"], found["entry"], found["path"]) == (J4, "J.4.3", "recurring[0].last_done")
    assert found["line"] == where(repo, J4, "2026-05-01")[0]
    assert found["message"] == (
        "'Education for all staff' says last_done 2026-05-01, but the newest training, "
        "T-2026-01, is of 2026-06-15: the record proves the task; remove last_done, or correct the record"
    )
    (ja,) = findings(repo, "PML629", "ja")
    assert "最新の教育の記録 T-2026-01 は 2026-06-15 です" in ja["message"]
    # the near miss: the same day as the record
    assert findings(company(tmp_path / "d", **{J4: education_done_on("2026-06-15")}), "PML629") == []


def test_the_newest_record_says_when_the_task_falls_due(tmp_path: Path) -> None:
    repo = company(tmp_path / "c", config=OPEN)
    (review,) = [f for f in findings(repo, "PML306", today="2027-02-20") if f["entry"] == "J.6.3"]
    assert (review["severity"], review["path"]) == ("warning", "recurring[0].record_kind")
    assert "2026-03-12" in review["message"] and "2027-03-12" in review["message"]
    # no plan is kept here: the plan task asks for its first record, as a task without last_done does
    (plan,) = [f for f in findings(repo, "PML306") if f["entry"] == "J.3.3"]
    assert plan["severity"] == "warning" and plan["path"] == "recurring[0]"
