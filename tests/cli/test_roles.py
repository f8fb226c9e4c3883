"""Role help: `pmarklint roles` names every role in both languages with what it may approve, and a role
written by its Japanese name or a common English word is answered with the id it stands for."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmarklint.resources import ROLES

from helpers.cli import check_json, run
from helpers.repos import make_repo

PEOPLE = "kind: person\nentries:\n  - {{id: sato, name: 佐藤 一郎, roles: [{role}]}}\n"


def test_roles_lists_every_role_with_both_names_and_what_it_approves() -> None:
    result = run("roles", "--lang", "ja")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("役割の一覧")
    assert [line.split()[0] for line in lines[1::2]] == list(ROLES)
    at = lines.index("audit_lead           個人情報保護監査責任者 / audit lead")
    assert lines[at + 1].strip() == "承認できるもの: 内部監査計画、内部監査報告"
    english = run("roles", "--lang", "en").stdout.splitlines()
    assert english[english.index("sysadmin             システム管理者 / system administrator") + 1].strip() == (
        "may approve: nothing (no approving role)"
    )


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("監査責任者", "audit_lead"),
        ("auditor", "audit_lead"),
        ("個人情報保護管理者", "privacy_manager"),
        ("CEO", "top_management"),
    ],
)
def test_a_role_by_its_name_or_a_synonym_is_answered_with_its_id(tmp_path: Path, typed: str, meant: str) -> None:
    repo = make_repo(tmp_path / "r", {"people/people.yaml": PEOPLE.format(role=typed)})
    found = [f for f in check_json(repo, "--lang", "ja").json()["findings"] if f["rule"] == "PML101"]
    assert len(found) == 1 and found[0]["entry"] == "sato" and found[0]["line"] == 3
    assert f"('{meant}' の誤りではありませんか?)" in found[0]["message"]


def test_a_misspelt_role_still_gets_the_closest_id(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"people/people.yaml": PEOPLE.format(role="privacy_manger")})
    (finding,) = [f for f in check_json(repo).json()["findings"] if f["rule"] == "PML101"]
    assert "(did you mean 'privacy_manager'?)" in finding["message"]
