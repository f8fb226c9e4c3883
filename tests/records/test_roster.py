"""The fiscal year setting and the roster as every employee: employment, joined and left (PML601, PML602)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from pmarklint.dates import fiscal_year, fiscal_year_bounds
from pmarklint.workspace.config import Config

from helpers.cli import check_json, run
from helpers.company import CONFIG, TODAY, company, person
from helpers.pms import where

ROSTER = "people/roster.yaml"


def findings(repo: Path, code: str, lang: str = "en") -> list[dict[str, Any]]:
    result = check_json(repo, "--lang", lang)
    assert result.exit_code in (0, 1), result.stderr
    assert result.json()["today"] == TODAY
    return [f for f in result.json()["findings"] if f["rule"] == code]


# -- the fiscal year --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("day", "start", "year"),
    [
        ("2026-04-01", (4, 1), 2026),
        ("2026-03-31", (4, 1), 2025),
        ("2027-03-31", (4, 1), 2026),
        ("2026-01-01", (1, 1), 2026),
        ("2026-12-31", (1, 1), 2026),
        ("2026-09-30", (10, 1), 2025),
        ("2026-10-01", (10, 1), 2026),
    ],
)
def test_fiscal_year_is_named_by_the_year_it_starts_in(day: str, start: tuple[int, int], year: int) -> None:
    assert fiscal_year(dt.date.fromisoformat(day), start) == year


def test_fiscal_year_bounds() -> None:
    assert fiscal_year_bounds(2026, (4, 1)) == (dt.date(2026, 4, 1), dt.date(2027, 3, 31))
    assert fiscal_year_bounds(2026, (1, 1)) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert fiscal_year_bounds(2027, (3, 1)) == (dt.date(2027, 3, 1), dt.date(2028, 2, 29))


@pytest.mark.parametrize(
    ("data", "start"),
    [
        ({"language": "ja"}, (4, 1)),
        ({"language": "en"}, (1, 1)),
        ({}, (1, 1)),
        ({"language": "en", "fiscal_year_start": "04-01"}, (4, 1)),
        ({"language": "ja", "fiscal_year_start": "10-01"}, (10, 1)),
    ],
)
def test_fiscal_year_start_defaults_to_april_in_japanese(data: dict[str, Any], start: tuple[int, int]) -> None:
    assert Config(Path("."), data).fiscal_year_start == start


def test_unquoted_fiscal_year_start_is_read_as_written(tmp_path: Path) -> None:
    repo = company(tmp_path / "c", config=CONFIG + "fiscal_year_start: 04-01\n")
    result = check_json(repo)
    assert result.exit_code == 0, result.stdout + result.stderr


@pytest.mark.parametrize("value", ["13-01", "04-31", "4-1", "2026-04-01"])
def test_bad_fiscal_year_start_is_refused_with_exit_2(tmp_path: Path, value: str) -> None:
    repo = company(tmp_path / "c", config=CONFIG + f'fiscal_year_start: "{value}"\n')
    result = run("check", repo, "--today", TODAY, "--lang", "en")
    assert result.exit_code == 2
    assert "fiscal_year_start" in result.stderr
    assert 'MM-DD (e.g. "04-01")' in result.stderr
    assert "Traceback" not in result.stderr


# -- the roster --------------------------------------------------------------------------------------------
def test_the_company_is_clean(tmp_path: Path) -> None:
    result = check_json(company(tmp_path / "c"))
    assert result.exit_code == 0, result.stdout
    assert result.json()["findings"] == []
    assert result.json()["summary"]["entries"] >= 30 + 58


def test_employment_outside_the_five_values_is_a_schema_finding(tmp_path: Path) -> None:
    repo = company(tmp_path / "c", roster=lambda staff: person(staff, "s03").update(employment="baito"))
    (found,) = [f for f in check_json(repo).json()["findings"] if f["rule"] == "PML101"]
    assert (found["entry"], found["path"]) == ("s03", "employment")


def test_person_who_left_with_roles(tmp_path: Path) -> None:
    repo = company(tmp_path / "c", roster=lambda staff: person(staff, "kato").update(left="2026-09-30"))
    (found,) = findings(repo, "PML601")
    assert (found["file"], found["entry"], found["severity"]) == (ROSTER, "kato", "warning")
    assert (found["line"], found["column"]) == where(repo, ROSTER, "2026-09-30")
    assert found["message"] == (
        "加藤 彩 (kato) left on 2026-09-30 but still holds internal auditor, system administrator: appoint a "
        "successor and remove the roles from this person"
    )
    (ja,) = findings(repo, "PML601", "ja")
    assert "内部監査員、システム管理者 の役割が残っています" in ja["message"]


def test_person_leaving_later_or_without_roles_is_quiet(tmp_path: Path) -> None:
    def change(staff: list[dict[str, Any]]) -> None:
        person(staff, "kato").update(left="2026-11-27")  # tomorrow: still employed today
        person(staff, "s05").update(left="2026-09-30")  # no PMS role

    assert findings(company(tmp_path / "c", roster=change), "PML601") == []


INVENTORY = """kind: inventory
entries:
  - id: PI-HR-001
    name: 従業者情報
    department: hr
    data_items: [氏名, 住所]
    purpose: 雇用管理
    retention: {{period: P7Y}}
    disposal: シュレッダー
    approvals:
      - {{by: nakamura, role: privacy_manager, date: {date}, digest: "sha256:{digest}"}}
"""


@pytest.mark.parametrize(("date", "found"), [("2026-10-01", True), ("2026-09-30", True), ("2026-09-29", False)])
def test_approval_on_or_after_leaving(tmp_path: Path, date: str, found: bool) -> None:
    repo = company(
        tmp_path / "c",
        roster=lambda staff: person(staff, "nakamura").update(left="2026-09-30"),
        **{"inventory/hr.yaml": INVENTORY.format(date=date, digest="0" * 64)},
    )
    hits = findings(repo, "PML602")
    if not found:
        assert hits == []
        return
    (hit,) = hits
    assert (hit["file"], hit["entry"], hit["path"]) == ("inventory/hr.yaml", "PI-HR-001", "approvals[0].date")
    assert (hit["line"], hit["column"]) == where(repo, "inventory/hr.yaml", date)
    assert hit["message"] == (
        f"approval by 中村 由美 (nakamura) dated {date}, on or after the day they left (2026-09-30): someone "
        "still employed must approve"
    )
