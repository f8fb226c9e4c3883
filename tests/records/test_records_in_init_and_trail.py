"""The records as `init` lays them out (a commented example that passes once uncommented) and as `trail`
shows them: per entry, like every kind, and never listed as "never reviewed"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.cli import run
from helpers.company import TRAINING, company, training
from helpers.repos import commit_as, git

WATANABE = "渡辺 恵 <watanabe@midori.example>"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_init_writes_each_record_kind_with_an_example_that_passes(tmp_path: Path, lang: str) -> None:
    target = tmp_path / "pms"
    assert run("init", target, "--lang", lang).exit_code == 0
    fresh = run("check", target, "--format", "json", "--today", "2026-11-26")
    assert fresh.exit_code == 0, fresh.stdout
    records = (
        "training/training.yaml",
        "corrective/corrective.yaml",
        "audits/audit_plan.yaml",
        "audits/audit_report.yaml",
        "reviews/review.yaml",
        "operation-checks/operation_check.yaml",
        "incidents/incident.yaml",
        "requests/request.yaml",
        "drills/drill.yaml",
        "complaints/complaint.yaml",
        "disposals/disposal.yaml",
    )
    for rel in ("people/people.yaml", *records):
        path = target / rel
        lines = path.read_text(encoding="utf-8").splitlines()
        body = [line.replace("entries: []", "entries:") for line in lines]
        body = [line[1:] if line.startswith("#  ") else line for line in body]
        path.write_text("\n".join(body) + "\n", encoding="utf-8")
    git(target, "add", "-A")
    result = run("check", target, "--format", "json", "--today", "2026-11-26")
    assert result.exit_code == 0, [f for f in result.json()["findings"] if f["severity"] == "error"]
    found = [f for f in result.json()["findings"] if f["file"] in records]
    assert {f["rule"] for f in found} == {"PML401"}  # only the approvals the examples have not got yet
    assert {f["entry"] for f in found} == {
        "T-2026-01",
        "T-2026-OB1",
        "CA-2026-01",
        "AP-2026",
        "AR-2026-PO",
        "MR-2026",
        "OC-2026-PO",
        "INC-2026-01",
        "RQ-2026-01",
        "DR-2026-01",
        "CP-2026-01",
        "DS-2026-01",
    }
    # the plan's example is the one record that needs an approval before it counts: once uncommented, it is
    # reported until it is signed, and nothing else is
    plan = target / "plans" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("entries: []", "entries:").replace("\n#  ", "\n  "))
    git(target, "add", "-A")
    unsigned = run("check", target, "--format", "json", "--today", "2026-11-26").json()["findings"]
    assert sorted((f["rule"], f["entry"]) for f in unsigned if f["file"] == "plans/plan.yaml") == [
        ("PML401", "PL-2026"),
        ("PML624", "PL-2026"),
    ]


def test_trail_lists_a_training_record_per_entry(tmp_path: Path) -> None:
    repo = company(tmp_path / "c")
    text = (repo / TRAINING).read_text(encoding="utf-8")
    (repo / TRAINING).write_text(text.replace("date: 2026-10-05", "date: 2026-10-06"), encoding="utf-8")
    sha = commit_as(repo, WATANABE, "Onboarding of s21: the day it was held", day="2026-10-07T10:00:00+09:00")
    result = run("trail", repo, "--since", "2026-04-01", "--until", "2026-11-26", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    (change,) = [c for c in data["changes"] if c["commit"] == sha]
    assert (change["entry"], change["kind"], change["path"]) == ("T-2026-OB2", "training", TRAINING)
    assert change["fields"] == [{"field": "date", "old": "2026-10-05", "new": "2026-10-06"}]
    assert not [n for n in data["never_reviewed"] if n["kind"] == "training"]
    markdown = run("trail", repo, "--since", "2026-04-01", "--until", "2026-11-26", "--lang", "ja").stdout
    (line,) = [row for row in markdown.splitlines() if row.startswith("| T-2026-OB2 | 2026-10-07 |")]
    assert line.endswith("| 変更 | training/training.yaml | date: 2026-10-05 → 2026-10-06 | 不要 |")


def test_trail_can_show_only_training(tmp_path: Path) -> None:
    repo = company(tmp_path / "c", education=lambda items: training(items, "T-2026-01").update(owner="nakamura"))
    result = run(
        "trail", repo, "--since", "2026-01-01", "--until", "2026-11-26", "--kind", "training", "--format", "json"
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["filters"]["kinds"] == ["training"]
