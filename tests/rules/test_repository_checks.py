"""References, dates, renewal, roles, contracts, retention, personal data and waivers on a realistic
multi-file repository (tests/helpers/pms.py): each test breaks one thing and asserts the finding it causes (code,
file, line, column, entry), and a near miss that causes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.cli import run
from helpers.pms import CLEAN_TODAYS, CONFIG, CONTRACTORS, FIRST_WARNING, INVENTORY, PEOPLE, pms, where, with_rules


def check(repo: Path, today: str = "2026-11-26") -> dict:
    result = run("check", repo, "--format", "json", "--today", today, "--lang", "en")
    assert result.exit_code in (0, 1), result.stderr
    return result.json()


def found(repo: Path, today: str = "2026-11-26") -> list[tuple]:
    return [(f["rule"], f["file"], f["line"], f["column"], f["entry"]) for f in check(repo, today)["findings"]]


def only(repo: Path, today: str = "2026-11-26") -> dict:
    items = check(repo, today)["findings"]
    assert len(items) == 1, [(i["rule"], i["message"]) for i in items]
    return items[0]


def expect(
    item: dict, rule: str, file: str, position: tuple[int, int], entry: str | None, severity: str = "error"
) -> None:
    assert (item["rule"], item["file"], (item["line"], item["column"]), item["entry"], item["severity"]) == (
        rule,
        file,
        position,
        entry,
        severity,
    ), item["message"]


# -- a repository that breaks nothing ---------------------------------------------------------------------


@pytest.mark.parametrize("today", CLEAN_TODAYS)
def test_clean_repository_has_no_findings_before_its_first_due_date(tmp_path: Path, today: str) -> None:
    result = run("check", pms(tmp_path / "r"), "--format", "json", "--today", today)
    assert result.exit_code == 0
    assert result.json()["findings"] == []
    assert result.json()["summary"]["entries"] == 58 + 4 + 1 + 2


def test_first_warnings_come_30_days_before_the_first_due_date(tmp_path: Path) -> None:
    items = check(pms(tmp_path / "r"), FIRST_WARNING)["findings"]
    assert items and {i["severity"] for i in items} == {"warning"}
    assert {i["rule"] for i in items} == {"PML302", "PML303", "PML306", "PML307"}


# -- references -------------------------------------------------------------------------------------------


def test_pml201_unknown_contractor(tmp_path: Path) -> None:
    repo = pms(
        tmp_path / "r", **{"inventory/cs.yaml": INVENTORY.replace("entrusted_to: [C-001]", "entrusted_to: [C-009]")}
    )
    items = check(repo)["findings"]
    unknown = next(i for i in items if i["rule"] == "PML201")
    expect(unknown, "PML201", "inventory/cs.yaml", where(repo, "inventory/cs.yaml", "C-009"), "PI-CS-001")
    assert "C-009" in unknown["message"] and "contractor ledger" in unknown["message"]
    # the contractor still lists PI-CS-001, so the entrustment now disagrees too
    assert sorted(i["rule"] for i in items) == ["PML201", "PML203"]


@pytest.mark.parametrize(
    ("rel", "old", "new", "needle", "entry", "word"),
    [
        (
            "inventory/cs.yaml",
            "access: [nakamura, saito]",
            "access: [nakamura, saitou]",
            "saitou",
            "PI-CS-001",
            "roster",
        ),
        (
            "inventory/cs.yaml",
            "    department: cs\n    owner: nakamura\n    data_items: [氏名, 問合せ内容]",
            "    department: sales\n    owner: nakamura\n    data_items: [氏名, 問合せ内容]",
            "sales",
            "PI-CS-002",
            "departments",
        ),
        ("contractors/contractors.yaml", "evaluator: nakamura", "evaluator: tanaka", "tanaka", "C-001", "roster"),
        (
            "people/roster.yaml",
            "    department: hr\n    roles: [audit_lead]",
            "    department: it\n    roles: [audit_lead]",
            "it",
            "kobayashi",
            "departments",
        ),
    ],
)
def test_pml201_every_reference_field(
    tmp_path: Path, rel: str, old: str, new: str, needle: str, entry: str, word: str
) -> None:
    originals = {
        "inventory/cs.yaml": INVENTORY,
        "contractors/contractors.yaml": CONTRACTORS,
        "people/roster.yaml": PEOPLE,
    }
    text = originals[rel]
    assert old in text
    repo = pms(tmp_path / "r", **{rel: text.replace(old, new)})
    item = only(repo)
    line, column = where(repo, rel, f": {needle}") if needle in ("sales", "it", "tanaka") else where(repo, rel, needle)
    if needle in ("sales", "it", "tanaka"):
        column += 2
    expect(item, "PML201", rel, (line, column), entry)
    assert word in item["message"]


def test_pml201_control_number_that_is_no_requirement_item(tmp_path: Path) -> None:
    extra = "kind: control\nentries:\n  - id: J.9.5\n    title: {ja: 委託先の監督}\n    status: fit\n    last_reviewed: 2026-04-01\n"
    repo = pms(tmp_path / "r", **{"controls/extra.yaml": extra})
    expect(only(repo), "PML201", "controls/extra.yaml", (3, 9), "J.9.5")
    # near miss: a company's own control with its own id is fine
    own = extra.replace("J.9.5", "SM-001")
    assert check(pms(tmp_path / "own", **{"controls/extra.yaml": own}))["findings"] == []


def test_pml202_reference_to_a_retired_person(tmp_path: Path) -> None:
    people = PEOPLE.replace(
        "    roles: [internal_auditor]\n",
        "    roles: [internal_auditor]\n    status: retired\n    retired_on: 2026-09-30\n    reason: 退職\n",
    )
    repo = pms(tmp_path / "r", **{"people/roster.yaml": people})
    item = only(repo)
    expect(item, "PML202", "inventory/cs.yaml", where(repo, "inventory/cs.yaml", "saito"), "PI-CS-001")
    assert "2026-09-30" in item["message"] and "people/roster.yaml" in item["message"]


def test_pml202_near_miss_retired_entries_may_refer_to_retired_ones(tmp_path: Path) -> None:
    people = PEOPLE.replace(
        "    roles: [internal_auditor]\n",
        "    roles: [internal_auditor]\n    status: retired\n    retired_on: 2026-09-30\n    reason: 退職\n",
    )
    inventory = INVENTORY.replace("access: [nakamura, saito]", "access: [nakamura]") + (
        "  - id: PI-CS-003\n    name: 旧キャンペーン\n    department: cs\n    owner: saito\n    data_items: [氏名]\n"
        "    purpose: 抽選\n    status: retired\n    retired_on: 2026-09-30\n    reason: 終了\n"
    )
    found = check(pms(tmp_path / "r", **{"people/roster.yaml": people, "inventory/cs.yaml": inventory}))["findings"]
    assert [(f["rule"], f["entry"]) for f in found] == [("PML717", "PI-CS-003")]  # no PML202; a disposal is owed


def test_pml203_contractor_side(tmp_path: Path) -> None:
    repo = pms(
        tmp_path / "r",
        **{"contractors/contractors.yaml": CONTRACTORS.replace("entrusted_data: [PI-CS-001]", "entrusted_data: []")},
    )
    item = only(repo)
    expect(item, "PML203", "inventory/cs.yaml", where(repo, "inventory/cs.yaml", "C-001"), "PI-CS-001")
    assert "C-001's entrusted_data (contractors/contractors.yaml) does not list PI-CS-001" in item["message"]


def test_pml203_inventory_side(tmp_path: Path) -> None:
    contractors = CONTRACTORS.replace("entrusted_data: [PI-CS-001]", "entrusted_data: [PI-CS-001, PI-CS-002]")
    repo = pms(tmp_path / "r", **{"contractors/contractors.yaml": contractors})
    item = only(repo)
    expect(
        item,
        "PML203",
        "contractors/contractors.yaml",
        where(repo, "contractors/contractors.yaml", "PI-CS-002"),
        "C-001",
    )
    assert "PI-CS-002's entrusted_to (inventory/cs.yaml) does not name C-001" in item["message"]


def test_pml203_near_miss_contractor_without_entrusted_data(tmp_path: Path) -> None:
    contractors = CONTRACTORS.replace("    entrusted_data: [PI-CS-001]\n", "")
    assert check(pms(tmp_path / "r", **{"contractors/contractors.yaml": contractors}))["findings"] == []


def test_pml204_document_path(tmp_path: Path) -> None:
    files = {"docs/itaku.md": None}
    repo = pms(tmp_path / "r")
    (repo / "docs/itaku.md").unlink()
    from helpers.repos import git

    git(repo, "rm", "-q", "--cached", "docs/itaku.md")
    item = only(repo)
    expect(item, "PML204", "controls/J.9.yaml", where(repo, "controls/J.9.yaml", "docs/itaku.md"), "J.9.4")
    assert files  # the near miss is the clean repository, where the file exists


def test_pml204_globs_and_untracked_files(tmp_path: Path) -> None:
    controls = {
        "controls/own.yaml": "kind: control\nentries:\n  - id: SM-001\n    title: {ja: 記録}\n    status: fit\n"
        "    last_reviewed: 2026-04-01\n    records:\n      - {title: 監査報告書, evidence: ['records/audit/**/*.md']}\n"
    }
    missing = pms(tmp_path / "missing", **controls)
    expect(only(missing), "PML204", "controls/own.yaml", where(missing, "controls/own.yaml", "'records/"), "SM-001")
    present = pms(tmp_path / "present", **controls, **{"records/audit/2026/report.md": "# 内部監査報告書\n"})
    assert check(present)["findings"] == []
    untracked = pms(tmp_path / "untracked", **controls, **{"?records/audit/2026/report.md": "# 下書き\n"})
    assert [i["rule"] for i in check(untracked)["findings"]] == ["PML204"]  # git does not know the file


def test_pml205_missing_and_not_applicable(tmp_path: Path) -> None:
    j9 = (pms(tmp_path / "base") / "controls" / "J.9.yaml").read_text(encoding="utf-8")
    start = j9.index("- id: J.9.3")
    end = j9.index("- id: J.9.4")
    repo = pms(tmp_path / "r", **{"controls/J.9.yaml": j9[:start] + j9[end:]})
    item = only(repo)
    expect(item, "PML205", "pmarklint.yaml", where(repo, "pmarklint.yaml", "pmark-2023"), "J.9.3")
    assert "J.9.3" in item["message"] and "not_applicable" in item["message"]
    not_applicable = (
        j9[:start]
        + "- id: J.9.3\n  title: {ja: 従業者の監督}\n  status: not_applicable\n  reason: 従業者がいない\n  last_reviewed: '2026-04-01'\n"
        + j9[end:]
    )
    assert check(pms(tmp_path / "na", **{"controls/J.9.yaml": not_applicable}))["findings"] == []


# -- dates ------------------------------------------------------------------------------------------------


def test_pml301_and_pml302_around_the_due_date(tmp_path: Path) -> None:
    repo = pms(tmp_path / "r")
    # PI-CS-002 was last reviewed 2026-04-01 like everything else; only dates differ between these runs.
    items = check(repo, "2027-04-02")["findings"]
    overdue = [i for i in items if i["rule"] == "PML301"]
    assert len(overdue) == 58 + 4 + 1 + 2
    cs2 = next(i for i in overdue if i["entry"] == "PI-CS-002")
    expect(cs2, "PML301", "inventory/cs.yaml", where(repo, "inventory/cs.yaml", "2026-04-01", 3), "PI-CS-002")
    assert "due on 2027-04-01" in cs2["message"]
    due_today = check(repo, "2027-04-01")["findings"]
    assert not [i for i in due_today if i["rule"] == "PML301"]  # due today is not overdue yet
    assert {i["severity"] for i in due_today} == {"warning"}


def test_review_every_of_the_entry_and_of_the_settings(tmp_path: Path) -> None:
    six_months = INVENTORY.replace("    retention: {period: P3Y", "    review_every: P6M\n    retention: {period: P3Y")
    repo = pms(tmp_path / "r", **{"inventory/cs.yaml": six_months})
    item = only(repo)
    expect(item, "PML301", "inventory/cs.yaml", where(repo, "inventory/cs.yaml", "2026-04-01", 3), "PI-CS-002")
    assert "every 6 months, so due on 2026-10-01" in item["message"]
    settings = CONFIG + "review:\n  every: {person: P6M}\n  warn_within: P7D\n"
    people = [i for i in check(pms(tmp_path / "s", config=settings), "2026-09-28")["findings"]]
    assert {(i["rule"], i["entry"]) for i in people} == {
        ("PML302", p) for p in ("yamamoto", "nakamura", "kobayashi", "saito")
    }
    assert check(pms(tmp_path / "s2", config=settings), "2026-09-23")["findings"] == []  # outside the 7-day window


def test_month_arithmetic_a_person_agrees_with(tmp_path: Path) -> None:
    monthly = INVENTORY.replace(
        "    last_reviewed: 2026-04-01\n  - id: PI-CS-002",
        "    last_reviewed: 2026-01-31\n    review_every: P1M\n  - id: PI-CS-002",
    )
    repo = pms(tmp_path / "r", **{"inventory/cs.yaml": monthly})
    item = only(repo, "2026-04-02")
    assert item["rule"] == "PML301" and "due on 2026-02-28" in item["message"]


def test_pml302_never_reviewed(tmp_path: Path) -> None:
    repo = pms(tmp_path / "r", **{"people/roster.yaml": PEOPLE.replace("    last_reviewed: 2026-04-01\n", "", 1)})
    expect(only(repo), "PML302", "people/roster.yaml", (3, 5), "yamamoto", "warning")


def test_pml303_evaluation(tmp_path: Path) -> None:
    failed = pms(
        tmp_path / "f", **{"contractors/contractors.yaml": CONTRACTORS.replace("result: pass", "result: fail")}
    )
    expect(
        only(failed),
        "PML303",
        "contractors/contractors.yaml",
        where(failed, "contractors/contractors.yaml", "fail"),
        "C-001",
    )
    missing = CONTRACTORS.replace("    evaluation: {date: 2026-04-01, result: pass, evaluator: nakamura}\n", "")
    repo = pms(tmp_path / "m", **{"contractors/contractors.yaml": missing})
    expect(only(repo), "PML303", "contractors/contractors.yaml", (3, 5), "C-001")
    old = CONTRACTORS.replace("evaluation: {date: 2026-04-01", "evaluation: {date: 2025-11-20")
    repo = pms(tmp_path / "o", **{"contractors/contractors.yaml": old})
    item = only(repo)
    expect(
        item,
        "PML303",
        "contractors/contractors.yaml",
        where(repo, "contractors/contractors.yaml", "2025-11-20"),
        "C-001",
    )
    assert "due on 2026-11-20" in item["message"]
    near = pms(
        tmp_path / "n", **{"contractors/contractors.yaml": CONTRACTORS.replace("result: pass", "result: conditional")}
    )
    assert check(near)["findings"] == []


def test_pml304_contract_and_certification(tmp_path: Path) -> None:
    expired = CONTRACTORS.replace("      expires: 2028-03-31", "      expires: 2026-10-31")
    repo = pms(tmp_path / "c", **{"contractors/contractors.yaml": expired})
    expect(
        only(repo),
        "PML304",
        "contractors/contractors.yaml",
        where(repo, "contractors/contractors.yaml", "2026-10-31"),
        "C-001",
    )
    soon = CONTRACTORS.replace(
        'number: "10860001(04)", expires: 2028-03-31', 'number: "10860001(04)", expires: 2026-12-20'
    )
    repo = pms(tmp_path / "s", **{"contractors/contractors.yaml": soon})
    item = only(repo)
    expect(
        item,
        "PML304",
        "contractors/contractors.yaml",
        where(repo, "contractors/contractors.yaml", "2026-12-20"),
        "C-001",
        "warning",
    )
    assert "P-mark certification expires on 2026-12-20" in item["message"]


def test_pml305_future_dates(tmp_path: Path) -> None:
    future = CONTRACTORS.replace("signed: 2025-04-01", "signed: 2026-12-01")
    repo = pms(tmp_path / "r", **{"contractors/contractors.yaml": future})
    item = only(repo)
    expect(
        item,
        "PML305",
        "contractors/contractors.yaml",
        where(repo, "contractors/contractors.yaml", "2026-12-01"),
        "C-001",
    )
    assert "contract.signed" in item["message"]
    # the near miss: on that day it is no longer future (the fiscal year ends in December: the drill reminder)
    assert [f["rule"] for f in check(repo, "2026-12-01")["findings"]] == ["PML711"]


def test_pml306_recurring_task(tmp_path: Path) -> None:
    repo = pms(tmp_path / "r")
    j4 = (repo / "controls" / "J.4.yaml").read_text(encoding="utf-8")
    marker = "last_done: '2026-04-01'"
    first = j4.index(marker)
    repo = pms(
        tmp_path / "o", **{"controls/J.4.yaml": j4[:first] + "last_done: '2025-10-01'" + j4[first + len(marker) :]}
    )
    item = only(repo)
    line, column = where(repo, "controls/J.4.yaml", "'2025-10-01'")
    entry = [ln for ln in j4[:first].splitlines() if ln.startswith("- id: ")][-1][6:]
    expect(item, "PML306", "controls/J.4.yaml", (line, column), entry)
    assert "due on 2026-10-01" in item["message"]


def test_pml307_overseas(tmp_path: Path) -> None:
    no_basis = INVENTORY.replace(", basis: equivalent_system, last_checked: 2026-04-01", "")
    repo = pms(tmp_path / "b", **{"inventory/cs.yaml": no_basis})
    expect(only(repo), "PML307", "inventory/cs.yaml", where(repo, "inventory/cs.yaml", "{country: US"), "PI-CS-001")
    stale = INVENTORY.replace("last_checked: 2026-04-01", "last_checked: 2025-10-01")
    repo = pms(tmp_path / "s", **{"inventory/cs.yaml": stale})
    expect(only(repo), "PML307", "inventory/cs.yaml", where(repo, "inventory/cs.yaml", "2025-10-01"), "PI-CS-001")
    consent = INVENTORY.replace("basis: equivalent_system, last_checked: 2026-04-01", "basis: consent")
    assert check(pms(tmp_path / "c", **{"inventory/cs.yaml": consent}))["findings"] == []  # no periodic check needed


@pytest.mark.parametrize(
    ("today", "severity", "words"),
    [
        ("2027-07-31", None, None),
        ("2027-08-01", "warning", "open until 2027-11-30"),
        ("2027-11-30", "warning", "open until 2027-11-30"),
        ("2027-12-01", "error", "closed on 2027-11-30"),
        ("2028-04-01", "error", "expired on 2028-03-31"),
    ],
)
def test_pml308_renewal_window(tmp_path: Path, today: str, severity: str | None, words: str | None) -> None:
    repo = pms(tmp_path / "r")
    items = [i for i in check(repo, today)["findings"] if i["rule"] == "PML308"]
    if severity is None:
        assert items == []
        return
    (item,) = items
    expect(item, "PML308", "pmarklint.yaml", where(repo, "pmarklint.yaml", "2028-03-31"), None, severity)
    assert words in item["message"]


# -- organisation and domain ------------------------------------------------------------------------------


def test_pml501_manager_and_audit_lead(tmp_path: Path) -> None:
    people = PEOPLE.replace("roles: [privacy_manager]", "roles: [privacy_manager, audit_lead]")
    repo = pms(tmp_path / "r", **{"people/roster.yaml": people})
    item = only(repo)
    expect(
        item,
        "PML501",
        "people/roster.yaml",
        where(repo, "people/roster.yaml", "[privacy_manager, audit_lead]"),
        "nakamura",
    )
    assert "privacy manager and audit lead" in item["message"]
    top = PEOPLE.replace("roles: [top_management]", "roles: [top_management, audit_lead]")
    assert [i["rule"] for i in check(pms(tmp_path / "t", **{"people/roster.yaml": top}))["findings"]] == ["PML501"]
    near = PEOPLE.replace("roles: [privacy_manager]", "roles: [privacy_manager, secretariat]")
    assert check(pms(tmp_path / "n", **{"people/roster.yaml": near}))["findings"] == []


def test_pml502_unassigned_role(tmp_path: Path) -> None:
    people = PEOPLE.replace("roles: [audit_lead]", "roles: [department_manager]")
    repo = pms(tmp_path / "r", **{"people/roster.yaml": people})
    item = only(repo)
    assert (item["rule"], item["file"], item["severity"]) == ("PML502", "pmarklint.yaml", "warning")
    assert "audit lead" in item["message"]
    retired = PEOPLE.replace(
        "    roles: [audit_lead]\n",
        "    roles: [audit_lead]\n    status: retired\n    retired_on: 2026-09-30\n    reason: 退職\n",
    )
    assert [i["rule"] for i in check(pms(tmp_path / "x", **{"people/roster.yaml": retired}))["findings"]] == ["PML502"]


def test_pml503_contract_clauses(tmp_path: Path) -> None:
    repo = pms(
        tmp_path / "r",
        **{
            "contractors/contractors.yaml": CONTRACTORS.replace("audit_rights: true", "audit_rights: false").replace(
                "        end_of_contract: true\n", ""
            )
        },
    )
    item = only(repo)
    line, column = where(repo, "contractors/contractors.yaml", "audit_rights: false")
    expect(item, "PML503", "contractors/contractors.yaml", (line, column + len("audit_rights: ")), "C-001")
    assert (
        "2 of the eight required clauses: checking that the contract is kept, measures after the contract ends"
        in item["message"]
    )


def test_pml504_retention_and_disposal(tmp_path: Path) -> None:
    text = INVENTORY.replace(
        "    retention: {period: P3Y, basis: 社内規程}\n    disposal: システムから削除\n",
        "    retention: {basis: 社内規程}\n",
    )
    repo = pms(tmp_path / "r", **{"inventory/cs.yaml": text})
    items = check(repo)["findings"]
    assert [(i["rule"], i["entry"], i["path"]) for i in items] == [
        ("PML504", "PI-CS-002", None),
        ("PML504", "PI-CS-002", "retention"),
    ]
    assert "disposal" in items[0]["message"] and "retention.period" in items[1]["message"]
    assert (items[1]["line"], items[1]["column"]) == where(repo, "inventory/cs.yaml", "{basis: 社内規程}")


def test_pml505_personal_data_and_allow_list(tmp_path: Path) -> None:
    text = INVENTORY.replace(
        "    purpose: 問合せへの対応\n",
        "    purpose: 問合せへの対応\n    notes: 担当の佐藤(090-1234-5678)か sato.taro@gmail.example.com まで\n",
    )
    repo = pms(tmp_path / "r", **{"inventory/cs.yaml": text})
    items = check(repo)["findings"]
    assert [(i["rule"], i["entry"], i["path"]) for i in items] == [("PML505", "PI-CS-002", "notes")] * 2
    assert (items[0]["line"], items[0]["column"]) == where(repo, "inventory/cs.yaml", "担当の佐藤")
    assert all("090-1234-5678" not in i["message"] and "sato.taro@" not in i["message"] for i in items)  # masked
    allowed = with_rules(CONFIG, "PML505: {allow: ['090-1234-5678', '*@gmail.example.com']}")
    assert check(pms(tmp_path / "a", config=allowed, **{"inventory/cs.yaml": text}))["findings"] == []
    # the roster's git identities are expected e-mail addresses, and data item names are not data
    assert check(pms(tmp_path / "n"))["findings"] == []


def test_pml505_allow_list_is_applied_as_the_file_is_checked_and_cached_with_it(tmp_path: Path) -> None:
    """The allow-list is part of what a file's cached result depends on: changing it changes the findings even
    though the ledger did not change."""
    text = INVENTORY.replace(
        "    purpose: 問合せへの対応\n", "    purpose: 問合せへの対応\n    notes: 担当 090-1234-5678\n"
    )
    repo = pms(tmp_path / "r", **{"inventory/cs.yaml": text})
    assert [i["rule"] for i in check(repo)["findings"]] == ["PML505"]  # and now in the cache
    settings = repo / "pmarklint.yaml"
    plain = settings.read_text(encoding="utf-8")
    settings.write_text(with_rules(plain, "PML505: {allow: ['090-*']}"), encoding="utf-8")
    assert check(repo)["findings"] == []
    settings.write_text(with_rules(plain, "PML505: {severity: warning}"), encoding="utf-8")
    assert [(i["rule"], i["severity"]) for i in check(repo)["findings"]] == [("PML505", "warning")]


def test_pml505_leaves_approval_digests_alone(tmp_path: Path) -> None:
    """A hex digest often holds a run of ten or more digits: that is no phone number."""
    fake = "sha256:" + "09012345678" + "a" * 53
    text = INVENTORY.replace(
        "    purpose: 問合せへの対応\n",
        "    purpose: 問合せへの対応\n    approvals:\n"
        f'      - {{by: nakamura, role: privacy_manager, date: 2026-04-02, digest: "{fake}"}}\n',
    )
    found = check(pms(tmp_path / "r", **{"inventory/cs.yaml": text}))["findings"]
    assert [(i["rule"], i["entry"]) for i in found] == [("PML403", "PI-CS-002")]  # stale, and nothing else


def test_pml505_my_number_needs_a_valid_check_digit(tmp_path: Path) -> None:
    valid = INVENTORY.replace(
        "    purpose: 問合せへの対応\n", "    purpose: 問合せへの対応\n    notes: 管理番号 123456789018\n"
    )
    assert [i["rule"] for i in check(pms(tmp_path / "v", **{"inventory/cs.yaml": valid}))["findings"]] == ["PML505"]
    ordinary = valid.replace("123456789018", "123456789012")
    assert check(pms(tmp_path / "o", **{"inventory/cs.yaml": ordinary}))["findings"] == []


# -- waivers ----------------------------------------------------------------------------------------------

WAIVER = "waivers:\n  - {{rule: PML303, entry: C-001, reason: 再評価を2月に実施予定, approved_by: {by}, expires: {expires}}}\n"
FAILED = {"contractors/contractors.yaml": CONTRACTORS.replace("result: pass", "result: fail")}


def test_waiver_lists_the_finding_apart(tmp_path: Path) -> None:
    repo = pms(tmp_path / "r", config=CONFIG + WAIVER.format(by="nakamura", expires="2027-02-28"), **FAILED)
    result = run("check", repo, "--format", "json", "--today", "2026-11-26")
    assert result.exit_code == 0
    data = result.json()
    assert data["findings"] == []
    (waived,) = data["waived"]
    assert (waived["rule"], waived["entry"]) == ("PML303", "C-001")
    assert waived["waiver"]["approved_by"] == "nakamura" and waived["waiver"]["reason"] == "再評価を2月に実施予定"
    assert data["summary"]["waived"] == 1
    text = run("check", repo, "--today", "2026-11-26").stdout
    assert "1 waived" in text and "PML303" in text


@pytest.mark.parametrize(
    ("by", "expires", "rule", "needle"),
    [
        ("nakamura", "2026-10-31", "PML304", "2026-10-31"),  # expired
        ("saito", "2027-02-28", "PML402", "saito"),  # an internal auditor may not approve contractor waivers
        ("tanaka", "2027-02-28", "PML402", "tanaka"),  # nobody of that name
    ],
)
def test_invalid_waivers_are_findings_and_waive_nothing(
    tmp_path: Path, by: str, expires: str, rule: str, needle: str
) -> None:
    repo = pms(tmp_path / "r", config=CONFIG + WAIVER.format(by=by, expires=expires), **FAILED)
    data = check(repo)
    assert data["waived"] == []
    rules = sorted((i["rule"], i["file"]) for i in data["findings"])
    assert rules == sorted([("PML303", "contractors/contractors.yaml"), (rule, "pmarklint.yaml")])
    about = next(i for i in data["findings"] if i["rule"] == rule)
    assert (about["line"], about["column"]) == where(repo, "pmarklint.yaml", needle)
    assert about["entry"] == "C-001"


def test_apply_waivers_reads_the_findings_and_writes_nothing(tmp_path: Path) -> None:
    """Waivers split the run's findings (kept, waived) and return their own findings apart: no list is sliced
    or extended behind the caller's back."""
    import datetime as dt

    from pmarklint.check.waivers import apply_waivers
    from pmarklint.findings import finding
    from pmarklint.rules.context import Context
    from pmarklint.rules.index import EntryRef, RepositoryIndex
    from pmarklint.workspace.config import Config

    index = RepositoryIndex()
    index.add(EntryRef("people/p.yaml", 0, "person", {"id": "nakamura", "roles": ["privacy_manager"]}))
    index.add(EntryRef("contractors/c.yaml", 0, "contractor", {"id": "C-001"}))
    waivers = [
        {"rule": "PML303", "entry": "C-001", "reason": "-", "approved_by": "nakamura", "expires": "2027-02-28"},
        {"rule": "PML303", "entry": "C-999", "reason": "-", "approved_by": "nakamura", "expires": "2027-02-28"},
    ]
    ctx = Context(
        root=tmp_path,
        config=Config(tmp_path, {"waivers": waivers}),
        today=dt.date(2026, 11, 26),
        index=index,
        locate=lambda *args: (1, 1),
        list_files=list,
        catalog={},
    )
    waived_one = finding("PML303", "contractors/c.yaml", 3, 5, "PML303.overdue", entry="C-001")
    other = finding("PML301", "contractors/c.yaml", 4, 5, "PML301.overdue", entry="C-001")
    found = (waived_one, other)
    kept, waived, about = apply_waivers(ctx, found)
    assert kept == [other]
    assert [(f.rule, f.waiver is not None) for f in waived] == [("PML303", True)]
    assert [(f.rule, f.file, f.entry) for f in about] == [("PML201", "pmarklint.yaml", "C-999")]
    assert ctx.out == [] and found == (waived_one, other)


def test_waiver_for_an_unknown_entry(tmp_path: Path) -> None:
    repo = pms(
        tmp_path / "r", config=CONFIG + WAIVER.format(by="nakamura", expires="2027-02-28").replace("C-001", "C-999")
    )
    item = only(repo)
    expect(item, "PML201", "pmarklint.yaml", where(repo, "pmarklint.yaml", "C-999"), "C-999")
