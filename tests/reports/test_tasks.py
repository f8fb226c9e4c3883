"""``pmarklint report tasks``: everyone's task list for the fiscal year, by owner, on the shop example and on a
small repository (a person's tasks, a role's tasks, an unassigned one, --owner, an unknown --owner)."""

from __future__ import annotations

from pathlib import Path

from pmarklint.rules.staff import EXAMPLE_CONFIG, EXAMPLE_PEOPLE

from helpers.cli import run
from helpers.repos import ROOT, make_repo

SHOP = ROOT / "examples" / "shop"
TODAY = "2026-11-26"

_CONTROLS = """kind: control
entries:
  - id: J.4.3
    title: {ja: 認識, en: Awareness}
    status: fit
    recurring:
      - {task: {ja: 全従業者への教育, en: Education for all staff}, every: P1Y, owner: nakamura, record_kind: training}
  - id: J.6.2
    title: {ja: 内部監査, en: Internal audit}
    status: fit
    recurring:
      - {task: {ja: 内部監査, en: Internal audit}, every: P1Y, owner: nakamura, last_done: 2025-11-20}
  - id: J.6.3
    title: {ja: マネジメントレビュー, en: Management review}
    status: gap
    recurring:
      - {task: {ja: マネジメントレビュー, en: Management review}, every: P1Y, owner_role: top_management}
  - id: J.11
    title: {ja: 苦情及び相談への対応, en: Complaints and enquiries}
    status: fit
    recurring:
      - {task: {ja: 苦情の記録の点検, en: Check the complaint records}, every: P6M, last_done: 2026-10-01}
"""
_TRAINING = """kind: training
entries:
  - id: T-2026-01
    title: 定期教育
    type: regular
    date: 2026-06-15
    topics: [policy, importance, roles, consequences]
    attendance:
      - {person: yamamoto}
      - {person: nakamura}
"""


def small(tmp_path: Path) -> Path:
    return make_repo(
        tmp_path / "r",
        {
            "pmarklint.yaml": EXAMPLE_CONFIG,
            "people/people.yaml": EXAMPLE_PEOPLE,
            "controls/controls.yaml": _CONTROLS,
            "training/training.yaml": _TRAINING,
        },
    )


def tasks(repo: Path, *extra: str) -> str:
    result = run("report", "tasks", repo, "--today", TODAY, *extra)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_a_person_a_role_and_the_unassigned_each_with_their_tasks(tmp_path: Path) -> None:
    out = tasks(small(tmp_path), "--format", "text", "--lang", "en")
    assert out.splitlines() == [
        "The yearly operation of the controls in fiscal year 2026 (2026-04-01 to 2027-03-31), as of 2026-11-26, by "
        "owner",
        "",
        "中村 花子 (nakamura)",
        # the internal audit was last done a year and six days ago: overdue; the training is proven by its record
        "  J.6.2 Internal audit: Internal audit (1 year; last done 2025-11-20, next due 2026-11-20)  [overdue by 6 days]",
        "  J.4.3 Awareness: Education for all staff (1 year; last done 2026-06-15, next due 2027-06-15)",
        "  2 tasks, 1 overdue",
        "",
        "Top management (top_management; no person named yet)",
        "  J.6.3 Management review: Management review (1 year; last done -, next due -)  [not in operation yet]",
        "  1 task, 0 overdue",
        "",
        "Unassigned",
        "  J.11 Complaints and enquiries: Check the complaint records (6 months; last done 2026-10-01, next due "
        "2027-04-01)",
        "  1 task, 0 overdue",
    ]


def test_the_list_in_japanese_markdown_with_the_period(tmp_path: Path) -> None:
    out = tasks(small(tmp_path), "--lang", "ja")
    assert out.startswith("# 担当者別のタスク: 株式会社テスト\n")
    assert "2026年度(2026-04-01〜2027-03-31)の管理策の通年運用を担当者別に示します(2026-11-26 時点)" in out
    assert "## 中村 花子(nakamura)" in out
    assert "| J.6.2 内部監査 | 内部監査 | 1年 | 2025-11-20 | 2026-11-20 | 6日超過 |" in out
    assert "## トップマネジメント(top_management、担当者は未指名)" in out
    assert "## 担当未定" in out


def test_owner_keeps_one_person_or_one_role(tmp_path: Path) -> None:
    repo = small(tmp_path)
    mine = tasks(repo, "--format", "text", "--lang", "en", "--owner", "nakamura")
    assert "中村 花子 (nakamura)" in mine
    assert "Top management" not in mine and "Unassigned" not in mine
    role = tasks(repo, "--format", "text", "--lang", "en", "--owner", "top_management")
    assert "J.6.3 Management review" in role and "nakamura" not in role
    # a person of the roster without tasks: an empty list, which says so
    none = tasks(repo, "--format", "text", "--lang", "en", "--owner", "yamamoto")
    assert none.splitlines()[-1] == "No task of the yearly operation is assigned."


def test_an_unknown_owner_is_exit_2_with_the_ids_to_choose_from(tmp_path: Path) -> None:
    result = run("report", "tasks", small(tmp_path), "--today", TODAY, "--owner", "tanaka", "--lang", "en")
    assert result.exit_code == 2
    assert "--owner tanaka: no person of the roster nor role has that id (people: nakamura, yamamoto;" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_shop_lists_every_recurring_task_once_under_its_owner() -> None:
    out = tasks(SHOP, "--format", "html", "--lang", "en")
    assert out.startswith("<!DOCTYPE html>")
    assert "<h2" in out and "山本 健一 (yamamoto)" in out
    text = tasks(SHOP, "--format", "text", "--lang", "en")
    listed = [line for line in text.splitlines() if line.startswith("  J.")]
    recurring = sum(
        path.read_text(encoding="utf-8").count("- {task:") for path in sorted((SHOP / "controls").glob("*.yaml"))
    )
    assert len(listed) == recurring > 50
    # the management review task of top management, written by hand, with its next due date
    assert (
        "  J.6.3 Management review: マネジメントレビューの実施 (1 year; last done 2026-10-20, next due 2027-10-20)"
        in text.splitlines()
    )


def test_a_broken_control_file_shows_what_parses_and_says_so(tmp_path: Path) -> None:
    repo = small(tmp_path)
    broken = _CONTROLS.replace("every: P6M, last_done: 2026-10-01}", "every: 半年, owner: 12}") + "  - {id: [x]}\n"
    (repo / "controls" / "controls.yaml").write_text(broken, encoding="utf-8")
    result = run("report", "tasks", repo, "--today", TODAY, "--format", "text", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "problems in the files this report reads" in result.stderr
    # the interval that is no duration is shown as written, never done; the owner 12 (not in the roster) as written
    lines = result.stdout.splitlines()
    at = lines.index("12")
    assert lines[at + 1] == (
        "  J.11 Complaints and enquiries: Check the complaint records (半年; last done -, next due -)  [never done]"
    )
