"""Operation checks (kind: operation_check) on the realistic company: PML628 per department, at the interval
the settings give, and the corrective action an operation check found (PML611), with near misses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from helpers.cli import check_json
from helpers.company import CONFIG, CORRECTIVE, company

Items = list[dict[str, Any]]


def findings(repo: Path, code: str, lang: str = "en", today: str = "2026-11-26") -> list[dict[str, Any]]:
    result = check_json(repo, "--lang", lang, "--today", today)
    assert result.exit_code in (0, 1), result.stderr
    return [f for f in result.json()["findings"] if f["rule"] == code]


def line_of(repo: Path, rel: str, needle: str) -> int:
    lines = (repo / rel).read_text(encoding="utf-8").splitlines()
    return next(n for n, text in enumerate(lines, start=1) if needle in text)


def drop(check_id: str) -> Any:
    return lambda items: items.remove(next(c for c in items if c["id"] == check_id))


def test_yearly_checks_are_due_a_year_after_the_last(tmp_path: Path) -> None:
    repo = company(tmp_path / "c", checks=drop("OC-2026-IT"))
    (found,) = findings(repo, "PML628")
    assert (found["file"], found["entry"], found["path"]) == ("pmarklint.yaml", "it", "departments[3]")
    assert found["line"] == line_of(repo, "pmarklint.yaml", "{id: it,")
    assert found["message"] == (
        "department it was last checked (operation check) on 2025-10-16; every 1 year, so due on 2026-10-16: check "
        "its operation and record it in operation-checks/"
    )
    (ja,) = findings(repo, "PML628", "ja")
    assert ja["message"].startswith("部門 it の運用の確認は 2025-10-16 が最後です")


def test_interval_per_department(tmp_path: Path) -> None:
    config = CONFIG + "operation_check: {every: P1Y, departments: {cs: P1M}}\n"
    repo = company(tmp_path / "c", config=config)
    (found,) = findings(repo, "PML628")
    assert (found["entry"], found["severity"]) == ("cs", "error")
    assert "every 1 month, so due on 2026-11-13" in found["message"]
    # near misses: on 2026-11-12 cs is due within the window (a warning), the others are in time
    (soon,) = findings(repo, "PML628", today="2026-11-12")
    assert (soon["entry"], soon["severity"]) == ("cs", "warning")


def test_department_never_checked(tmp_path: Path) -> None:
    def change(items: Items) -> None:
        items[:] = [c for c in items if c["department"] != "hr"]

    (found,) = findings(company(tmp_path / "c", checks=change), "PML628")
    assert found["message"] == (
        "department hr has no operation check on record; the checks began on 2025-10-13, every 1 year, so one was "
        "due on 2026-10-13"
    )


def test_corrective_action_from_an_operation_check_points_both_ways(tmp_path: Path) -> None:
    def unlink(items: Items) -> None:
        next(c for c in items if c["id"] == "OC-2026-SALES")["issues"][0].pop("corrective")

    repo = company(tmp_path / "c", checks=unlink)
    (found,) = findings(repo, "PML611")
    assert (found["file"], found["entry"], found["path"]) == (CORRECTIVE, "CA-2026-01", "source_ref")
    assert found["message"] == (
        "the record 'OC-2026-SALES' (operation-checks/checks.yaml) does not name this corrective action: add its "
        "id there (corrective: ...)"
    )
    assert findings(company(tmp_path / "d"), "PML611") == []
