"""The bundled example repository: the mistakes it documents are exactly what check reports today."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT, check_json, git

EXAMPLE = ROOT / "examples" / "shop"


def test_example_findings(tmp_path: Path) -> None:
    repo = tmp_path / "shop"
    shutil.copytree(EXAMPLE, repo)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    result = check_json(repo)
    assert result.exit_code == 1
    found = [(f["rule"], f["file"], f["line"], f["column"], f["entry"]) for f in result.json()["findings"]]
    assert found == [
        ("PML101", "inventory/customer-service.yaml", 101, 15, "PI-CS-003"),
        ("PML101", "inventory/customer-service.yaml", 126, 16, "PI-CS-004"),
        ("PML002", "inventory/hr.yaml", 74, 5, "PI-HR-002"),
    ]
    assert result.json()["summary"]["entries"] == 25


def test_example_in_place(tmp_path: Path) -> None:
    """The README's first command checks the example where it lies, inside this project's repository."""
    result = check_json(EXAMPLE)
    assert result.exit_code == 1
    assert result.json()["summary"]["files"] == 5
