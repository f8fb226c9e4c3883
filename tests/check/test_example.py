"""The bundled example repository: the mistakes it documents are exactly what check reports today."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers.cli import check_json
from helpers.repos import ROOT, git

EXAMPLE = ROOT / "examples" / "shop"


def test_example_findings(tmp_path: Path) -> None:
    repo = tmp_path / "shop"
    shutil.copytree(EXAMPLE, repo)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    result = check_json(repo)
    assert result.exit_code == 1
    found = [
        (f["rule"], f["file"], f["line"], f["column"], f["entry"], f["severity"]) for f in result.json()["findings"]
    ]
    assert found == [
        ("PML612", "audits/plans.yaml", 8, 32, "AP-2025", "error"),
        ("PML613", "audits/reports.yaml", 19, 14, "AR-2025-SALES", "error"),
        ("PML714", "complaints/complaints.yaml", 33, 15, "CP-2026-03", "error"),
        ("PML503", "contractors/contractors.yaml", 51, 23, "C-002", "error"),
        ("PML304", "contractors/contractors.yaml", 65, 69, "C-003", "warning"),
        ("PML204", "controls/J.9.yaml", 38, 31, "J.9.2", "error"),
        ("PML608", "corrective/corrective.yaml", 29, 10, "CA-2026-01", "error"),
        ("PML610", "corrective/corrective.yaml", 42, 14, "CA-2026-02", "error"),
        ("PML716", "disposals/disposals.yaml", 21, 18, "DS-2026-02", "error"),
        ("PML711", "drills/drills.yaml", 6, 11, "DR-2024", "error"),
        ("PML701", "incidents/incidents.yaml", 22, 20, "INC-2026-02", "error"),
        ("PML101", "inventory/customer-service.yaml", 87, 15, "PI-CS-003", "error"),
        ("PML101", "inventory/customer-service.yaml", 107, 16, "PI-CS-004", "error"),
        ("PML301", "inventory/customer-service.yaml", 146, 20, "PI-CS-005", "error"),
        ("PML002", "inventory/hr.yaml", 60, 5, "PI-HR-002", "error"),
        ("PML201", "inventory/hr.yaml", 86, 20, "PI-HR-003", "error"),
        ("PML730", "inventory/sales.yaml", 5, 5, "PI-SL-001", "error"),
        ("PML505", "inventory/sales.yaml", 31, 12, "PI-SL-001", "error"),
        ("PML603", "people/roster.yaml", 73, 5, "matsumoto", "error"),
        ("PML601", "people/roster.yaml", 100, 11, "mori", "warning"),
        ("PML624", "plans/plans.yaml", 5, 5, "PL-2026", "error"),
        ("PML626", "plans/plans.yaml", 12, 44, "PL-2026", "error"),
        ("PML628", "pmarklint.yaml", 11, 5, "cs", "error"),
        ("PML707", "requests/requests.yaml", 16, 18, "RQ-2026-02", "error"),
        ("PML623", "reviews/reviews.yaml", 25, 9, "MR-2024", "error"),
        ("PML621", "reviews/reviews.yaml", 31, 7, "MR-2025", "error"),
        ("PML606", "training/training.yaml", 61, 44, "T-2026-01", "error"),
    ]
    (waived,) = result.json()["waived"]
    assert (waived["rule"], waived["entry"], waived["waiver"]["approved_by"]) == ("PML303", "C-004", "nakamura")
    assert result.json()["summary"] == {"files": 32, "entries": 166, "errors": 25, "warnings": 2, "waived": 1}


def test_example_readme_lists_every_reported_mistake() -> None:
    readme = (EXAMPLE / "README.md").read_text(encoding="utf-8")
    for code in (
        "PML503",
        "PML304",
        "PML204",
        "PML101",
        "PML301",
        "PML002",
        "PML201",
        "PML505",
        "PML730",
        "PML303",
        "PML601",
        "PML603",
        "PML606",
        "PML608",
        "PML610",
        "PML612",
        "PML613",
        "PML621",
        "PML623",
        "PML624",
        "PML626",
        "PML628",
        "PML701",
        "PML707",
        "PML711",
        "PML714",
        "PML716",
    ):
        assert code in readme


def test_example_in_place(tmp_path: Path) -> None:
    """The README's first command checks the example where it lies, inside this project's repository."""
    result = check_json(EXAMPLE)
    assert result.exit_code == 1
    assert result.json()["summary"]["files"] == 32


def test_the_example_policy_has_what_a_document_examination_looks_for() -> None:
    """The example company's 個人情報保護方針 is the model users copy: it states each commitment the guideline
    asks of a policy (J.2.2), so that a copy does not draw a finding in the document examination."""
    policy = (ROOT / "examples" / "shop" / "docs" / "policy.md").read_text(encoding="utf-8")
    for commitment in (
        "目的外利用",  # no use beyond the purpose, and the measures for it
        "そのための措置",
        "法令、国が定める指針その他の規範を遵守",
        "漏えい、滅失又はき損を防止",
        "是正",  # correction of incidents
        "苦情及び相談",
        "継続的に改善",
        "制定日",
        "最終改正日",
        "代表取締役",  # top management's name
        "お問合せ先",
    ):
        assert commitment in policy, commitment
