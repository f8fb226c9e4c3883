"""The risk register (kind: risk): PML730 to PML735 on small repositories, each both ways, with the finding's
file, position, entry and message in both languages; the not-applicable path; the yearly review one day before,
on and after its due date; and the re-assessment after an inventory change in a real git repository."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pmarklint.approvals.digest import digest
from pmarklint.rules.risks import _ACCEPTED, _ASSESSED, _INVENTORY, _LEGAL, _NOT_APPLICABLE, _PI, DIGEST, _example

from helpers.cli import run
from helpers.pms import where
from helpers.repos import commit_as, git, make_repo, write

RISKS = "risks/risks.yaml"
INVENTORY = "inventory/inventory.yaml"
SATO = "Kenji Sato <sato@example.test>"


def findings(repo: Path, today: str = "2026-11-26", lang: str = "en", *extra: str) -> list[dict[str, Any]]:
    result = run("check", repo, "--format", "json", "--today", today, "--lang", lang, *extra)
    assert result.exit_code in (0, 1), result.stderr
    return [f for f in result.json()["findings"] if f["rule"].startswith("PML73")]


def repo_with(tmp_path: Path, **parts: Any) -> Path:
    files = _example(**parts)
    return make_repo(tmp_path / "r", files, config=files["pmarklint.yaml"])


def place(found: dict[str, Any]) -> tuple[Any, ...]:
    return (found["rule"], found["file"], found["line"], found["column"], found["entry"], found["path"])


def test_every_phase_assessed_or_not_applicable_is_clean(tmp_path: Path) -> None:
    repo = repo_with(tmp_path)
    assert "not_applicable: {reason:" in (repo / RISKS).read_text(encoding="utf-8")  # the transfer phase
    assert findings(repo) == []


def test_a_phase_neither_assessed_nor_marked_not_applicable(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, transfer="", storage="")
    (found,) = findings(repo)
    assert place(found) == ("PML730", INVENTORY, *where(repo, INVENTORY, "id: PI-001"), "PI-001", None)
    assert found["severity"] == "error"
    assert found["message"] == (
        "the risks of PI-001 are not assessed for: transfer and transmission, storage and backup; assess each phase "
        "of its lifecycle in risks/ (kind: risk), or mark a phase that does not apply not applicable with the reason"
    )
    (ja,) = findings(repo, lang="ja")
    assert ja["message"] == (
        "PI-001 のリスク分析がない局面があります: 移送・送信、保管・バックアップ。risks/(kind: risk)で局面ごとにリスクを"
        "分析するか、該当しない局面は理由を付けて該当なし(not_applicable)にしてください"
    )


def test_not_applicable_needs_a_reason_and_owes_no_residual_risk(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, transfer="    not_applicable: {}\n")
    result = run("check", repo, "--format", "json", "--today", "2026-11-26", "--lang", "en")
    schema = [f for f in result.json()["findings"] if f["rule"] == "PML101"]
    assert [(f["file"], f["entry"], f["path"]) for f in schema] == [(RISKS, "RA-2", "not_applicable")]
    assert "reason" in schema[0]["message"]
    # with its reason, the phase counts as covered, and needs no threats, residual or acceptance
    assert findings(repo_with(tmp_path / "b", transfer=_NOT_APPLICABLE)) == []


def test_no_register_at_all_is_one_warning_not_a_phase_check(tmp_path: Path) -> None:
    # an inventory with no risk entry at all: the examiner's first question, said once at the first entry
    files = _example()
    del files[RISKS]
    files[INVENTORY] += _INVENTORY.split("entries:\n")[1].replace("PI-001", "PI-002")
    repo = make_repo(tmp_path / "r", files, config=files["pmarklint.yaml"])
    (found,) = findings(repo)
    assert place(found) == ("PML736", INVENTORY, *where(repo, INVENTORY, "id: PI-001"), "PI-001", None)
    assert found["severity"] == "warning"
    assert found["message"] == (
        "the inventory has 2 active entries but no risk analysis is recorded (no entry of kind: risk): assess each "
        "entry phase by phase in risks/ (pmarklint migrate risks moves the former risks lists there); until the "
        "first one is recorded, the phases are not checked one by one"
    )
    (ja,) = findings(repo, lang="ja")
    assert ja["message"].startswith(
        "個人情報管理台帳に有効なエントリが2件ありますが、リスク分析(kind: risk)が一つも記録されていません"
    )
    # an empty inventory (a fresh init) and former risks lists (PML735, whose fix starts the register) get none
    files[INVENTORY] = "kind: inventory\nentries: []\n"
    assert findings(make_repo(tmp_path / "empty", files, config=files["pmarklint.yaml"])) == []
    files[INVENTORY] = _INVENTORY + "    risks:\n      - {phase: 保管, threat: 紛失, residual: low}\n"
    legacy = make_repo(tmp_path / "legacy", files, config=files["pmarklint.yaml"])
    assert [f["rule"] for f in findings(legacy)] == ["PML735"]


def test_a_retired_inventory_entry_needs_no_analysis(tmp_path: Path) -> None:
    retired = _INVENTORY + "    status: retired\n    retired_on: 2026-06-30\n    reason: 事業終了\n"
    repo = repo_with(tmp_path, transfer="", inventory=retired)
    assert findings(repo) == []


@pytest.mark.parametrize(
    ("storage", "key", "path", "en", "ja"),
    [
        (
            _ASSESSED,
            "no_residual",
            None,
            "no residual risk is recorded: record the risk left after the measures (residual) and have top "
            "management accept it",
            "残留リスク(residual)が記録されていません。対策後に残るリスクを記録し、トップマネジメントの承認を受けてください",
        ),
        (
            _ASSESSED + "    residual: medium\n",
            "unaccepted",
            "residual",
            "the residual risk (medium) is not accepted by top management: record who accepted it and when "
            "(accepted_by, accepted_on)",
            "残留リスク(中)がトップマネジメントに承認されていません。承認した人と日付(accepted_by、accepted_on)を記録してください",
        ),
        (
            _ASSESSED + _ACCEPTED.replace("yamamoto", "nakamura"),
            "not_top",
            "accepted_by",
            "the residual risk (low) is accepted by 中村 花子 (nakamura), who is not top management: the residual risk "
            "is accepted by a person holding the top management role (top_management)",
            "残留リスク(低)を承認した 中村 花子(nakamura) はトップマネジメントではありません。残留リスクはトップマネジメント"
            "(top_management)が承認します",
        ),
    ],
)
def test_residual_risk_accepted_by_top_management(
    tmp_path: Path, storage: str, key: str, path: str | None, en: str, ja: str
) -> None:
    repo = repo_with(tmp_path, storage=storage)
    (found,) = findings(repo)
    needle = {None: "id: RA-4", "residual": "medium", "accepted_by": "nakamura"}[path]
    expected = where(repo, RISKS, needle)  # for the entry itself: its first key
    assert place(found) == ("PML731", RISKS, *expected, "RA-4", path)
    assert found["message"] == en
    (found_ja,) = findings(repo, lang="ja")
    assert found_ja["message"] == ja


def test_a_legal_risk_cannot_be_accepted_as_residual(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, storage=_LEGAL + _ACCEPTED)
    (found,) = findings(repo)
    assert place(found) == ("PML732", RISKS, *where(repo, RISKS, "yamamoto", 3), "RA-4", "accepted_by")
    assert found["message"] == (
        "a risk of breaking the law cannot be accepted as residual risk: take measures that keep the handling within "
        "the law, and leave residual and accepted_by out (record the other threats in an entry of their own)"
    )
    (ja,) = findings(repo, lang="ja")
    assert ja["message"] == (
        "法令違反のリスクは残留リスクとして承認できません。法令に沿った取扱いにする対策をとり、residual と accepted_by は"
        "書かないでください(ほかの脅威は別のエントリに記録します)"
    )
    # removed by its measures, with no residual risk kept: nothing to accept, nothing reported
    assert findings(repo_with(tmp_path / "b", storage=_LEGAL)) == []


@pytest.mark.parametrize(
    ("today", "state"),
    [("2027-03-31", None), ("2027-04-01", "soon"), ("2027-05-01", "soon"), ("2027-05-02", "overdue")],
)
def test_the_yearly_review_around_its_due_date(tmp_path: Path, today: str, state: str | None) -> None:
    repo = repo_with(tmp_path)  # every risk reviewed on 2026-05-01; due 2027-05-01, a warning 30 days before
    found = findings(repo, today)
    if state is None:
        assert found == []
        return
    assert [(f["rule"], f["entry"], f["path"]) for f in found] == [
        ("PML733", f"RA-{n}", "reviewed_on") for n in range(1, 6)
    ]
    first = found[0]
    assert (first["file"], first["line"], first["column"]) == (RISKS, *where(repo, RISKS, "2026-05-01", 2))
    if state == "soon":
        assert first["severity"] == "warning"
        assert first["message"] == (
            "the risk analysis is due for its review soon: last reviewed on 2026-05-01, every 1 year, so due on 2027-05-01"
        )
    else:
        assert first["severity"] == "error"
        assert first["message"] == (
            "the risk analysis is due for its review: last reviewed on 2026-05-01, every 1 year, so due on 2027-05-01; "
            "review the risk and its measures and update reviewed_on"
        )
        (ja, *_) = findings(repo, today, "ja")
        assert ja["message"] == (
            "リスク分析の見直しの期限を過ぎています(最終見直し 2026-05-01、間隔1年、期限 2027-05-01)。リスクと対策を見直して"
            " reviewed_on を更新してください"
        )


def test_the_review_interval_is_a_setting_and_due_lists_it(tmp_path: Path) -> None:
    files = _example()
    files["pmarklint.yaml"] += "review: {every: {risk: P6M}}\n"
    repo = make_repo(tmp_path / "r", files, config=files["pmarklint.yaml"])
    found = findings(repo, "2026-11-02")
    assert {(f["rule"], f["severity"]) for f in found} == {("PML733", "error")}
    assert "due on 2026-11-01" in found[0]["message"]
    due = run("due", repo, "--format", "json", "--today", "2026-10-01", "--lang", "en")
    assert due.exit_code in (0, 1), due.stderr
    listed = [d for d in due.json()["deadlines"] if d["rule"] == "PML733"]
    assert [(d["entry"], d["due"]) for d in listed] == [(f"RA-{n}", "2026-11-01") for n in range(1, 6)]


def test_an_assessment_without_a_digest_is_told_the_digest_to_record(tmp_path: Path) -> None:
    repo = repo_with(
        tmp_path,
        replace=(
            f'    assessed_digest: "{DIGEST}"\n    reviewed_on: 2026-05-01\n  - id: RA-2',
            "    reviewed_on: 2026-05-01\n  - id: RA-2",
        ),
    )
    (found,) = findings(repo)
    assert place(found) == ("PML734", RISKS, 3, 5, "RA-1", None)
    assert found["message"] == (
        f'the risk does not record which content of PI-001 ({INVENTORY}) it assessed: record assessed_digest: "{DIGEST}"'
        " once the assessment holds for the entry as it is"
    )


CHANGED = _INVENTORY.replace("data_items: [氏名, 住所]", "data_items: [氏名, 住所, 電話番号]").replace(
    "disposal: システムから削除", "disposal: 専門業者が消去"
)
NOW = digest({**_PI, "data_items": ["氏名", "住所", "電話番号"], "disposal": "専門業者が消去"})


def test_changed_since_assessment_without_history(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, inventory=CHANGED)
    found = findings(repo)
    assert [place(f) for f in found] == [
        ("PML734", RISKS, *where(repo, RISKS, '"sha256:', n), f"RA-{n}", "assessed_digest") for n in range(1, 6)
    ]
    assert found[0]["message"] == (
        f"PI-001 ({INVENTORY}) has changed since this risk was assessed: assess the risk again, then record "
        f'assessed_digest: "{NOW}"'
    )
    (ja, *_) = findings(repo, lang="ja")
    assert ja["message"] == (
        f'PI-001({INVENTORY})はこのリスク分析の後に変更されています。リスクを分析し直し、assessed_digest: "{NOW}" を'
        "記録してください"
    )


@pytest.mark.slow
def test_reassessment_after_an_inventory_change_names_the_fields_git_knows(tmp_path: Path) -> None:
    repo = repo_with(tmp_path)  # committed on 2026-04-01 with every risk assessed against it
    assert findings(repo) == []
    # a comment and a layout change only: the content, and so the assessment, still holds
    write(repo, {INVENTORY: _INVENTORY.replace("    name: 顧客情報\n", "    # 顧客の台帳\n    name: 顧客情報\n")})
    commit_as(repo, SATO, "PI-001: a comment", day="2026-06-01T10:00:00+09:00")
    assert findings(repo) == []
    write(repo, {INVENTORY: CHANGED})
    commit_as(repo, SATO, "PI-001: phone numbers, disposal by a contractor", day="2026-07-01T10:00:00+09:00")
    found = findings(repo)
    assert [(f["rule"], f["entry"], f["path"]) for f in found] == [
        ("PML734", f"RA-{n}", "assessed_digest") for n in range(1, 6)
    ]
    assert found[0]["message"] == (
        f"PI-001 ({INVENTORY}) has changed since this risk was assessed (changed: data_items, disposal): assess the "
        f'risk again, then record assessed_digest: "{NOW}"'
    )
    (ja, *_) = findings(repo, lang="ja")
    assert ja["message"] == (
        f"PI-001({INVENTORY})はこのリスク分析の後に変更されています(変更: data_items, disposal)。リスクを分析し直し、"
        f'assessed_digest: "{NOW}" を記録してください'
    )
    # an uncommitted change on top: still compared with the revision that was assessed
    write(repo, {INVENTORY: CHANGED.replace("商品の発送", "商品の発送と返品")})
    assert "changed: data_items, purpose, disposal" in findings(repo)[0]["message"]
    # without history, git is not asked: the plain message
    assert "(changed:" not in findings(repo, "2026-11-26", "en", "--no-history")[0]["message"]
    # assessed again: the digest of the entry now, and nothing is reported
    git(repo, "checkout", "--", INVENTORY)
    text = (repo / RISKS).read_text(encoding="utf-8").replace(DIGEST, NOW)
    write(repo, {RISKS: text})
    assert findings(repo) == []


def test_an_inventory_entry_that_still_carries_risks(tmp_path: Path) -> None:
    legacy = _INVENTORY + "    risks:\n      - {phase: 保管, threat: 紛失, residual: low}\n      - {threat: 漏えい}\n"
    repo = repo_with(tmp_path, inventory=legacy)
    found = [f for f in findings(repo) if f["rule"] == "PML735"]
    assert [place(f) for f in found] == [("PML735", INVENTORY, *where(repo, INVENTORY, "risks:"), "PI-001", "risks")]
    assert found[0]["severity"] == "warning"
    assert found[0]["message"] == (
        "this entry still records its risks in the inventory (2 risks): risks now have a register of their own "
        "(risks/, kind: risk), one entry per phase; move them with 'pmarklint migrate risks'"
    )
    (ja,) = [f for f in findings(repo, lang="ja") if f["rule"] == "PML735"]
    assert ja["message"] == (
        "このエントリはリスクを台帳に記録したままです(2件)。リスク分析は専用の記録簿(risks/、kind: risk)に局面ごとに"
        "記録します。'pmarklint migrate risks' で移してください"
    )
    assert [f for f in findings(repo_with(tmp_path / "b")) if f["rule"] == "PML735"] == []


def test_a_review_in_the_future_is_reported_not_counted(tmp_path: Path) -> None:
    repo = repo_with(
        tmp_path, replace=("reviewed_on: 2026-05-01\n  - id: RA-4", "reviewed_on: 2027-01-10\n  - id: RA-4")
    )
    result = run("check", repo, "--format", "json", "--today", "2026-11-26", "--lang", "en")
    found = [(f["rule"], f["entry"], f["path"]) for f in result.json()["findings"] if f["file"] == RISKS]
    assert found == [("PML305", "RA-3", "reviewed_on")]
