"""The shipped catalog and `pmarklint init`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from pmarklint.dates import Duration
from pmarklint.documents.loader import load_file
from pmarklint.i18n import text
from pmarklint.resources import ROLES

from helpers.cli import check_json, run
from helpers.repos import ROOT, git, make_repo


def catalog_entries() -> list[dict]:
    out = []
    for path in sorted((ROOT / "controls").glob("*.yaml")):
        result = load_file(str(path), path.name)
        assert result.findings == [] and result.document is not None
        out += result.document.data["entries"]
    return out


def test_catalog_covers_the_58_requirement_items() -> None:
    entries = catalog_entries()
    ids = [e["id"] for e in entries]
    assert len(ids) == 58 == len(set(ids))
    chapters = {i.split(".")[1] for i in ids}
    assert chapters == {str(n) for n in range(1, 12)}
    for entry in entries:
        assert entry["title"]["ja"] and entry["title"]["en"] and entry["summary"]["ja"] and entry["summary"]["en"]
        if not entry.get("verified", False):
            assert entry.get("to_verify", {}).get("ja"), (
                f"{entry['id']} is unverified and says nothing about what to check"
            )
            assert entry["to_verify"].get("en"), entry["id"]


def test_every_catalog_item_names_its_clauses_records_tasks_and_difficulty() -> None:
    """What a consultant asks of each item: its JIS Q 15001:2023 clause (or why it is not known), where it
    comes from in JIS Q 15001:2017 (body clause or Annex A number, never the two mixed in one field), the
    records and recurring tasks (or why there are none), and how hard it is, with the reason."""
    for entry in catalog_entries():
        item = entry["id"]
        assert entry.get("jis_2023") or "JIS 2023" in entry.get("to_verify", {}).get("en", ""), item
        assert "jis_2017" not in entry, item
        assert not str(entry.get("jis_2017_clause", "")).startswith("A"), item
        assert str(entry.get("jis_2017_annex_a", "A.")).startswith("A."), item
        assert entry.get("records") or entry.get("no_records"), item
        assert entry.get("recurring") and "no_recurring" not in entry, item  # every item has a yearly operation
        assert entry["difficulty"] in ("low", "medium", "high") and entry["difficulty_reason"]["ja"], item
        for record in entry.get("records", []):
            assert set(record["title"]) == {"ja", "en"}, item  # one language per report
        for task in entry.get("recurring", []):
            assert set(task["task"]) == {"ja", "en"}, item
    by_id = {e["id"]: e for e in catalog_entries()}
    assert sum(1 for e in by_id.values() if e.get("jis_2023")) >= 48
    assert {i for i, e in by_id.items() if e["difficulty"] == "high"} == {
        "J.3.1.1",
        "J.3.1.3",
        "J.6.2",
        "J.9.2",
        "J.9.4",
    }
    assert by_id["J.4.5.2"]["title"]["ja"] == "文書化した情報の管理" and not by_id["J.4.5.2"]["verified"]
    assert by_id["J.1.4"]["title"]["ja"] == "個人情報保護マネジメントシステムの適用範囲の決定"
    # the note on incidents keeps the assessment body's reports apart from the regulator's
    assert "審査機関へ" in by_id["J.4.4.2"]["notes"] and "個人情報保護委員会へ" in by_id["J.4.4.2"]["notes"]


def _both(value: object) -> bool:
    return isinstance(value, dict) and set(value) == {"ja", "en"} and all(value.values())


def test_every_catalog_item_has_the_fit_and_gap_columns_in_both_languages() -> None:
    """The columns a consultant fills in for each item: the rules and manuals, the first-year tasks, the
    records with who approves them, the yearly operation with its interval and the role that does it, and
    what the examination checks; each text in Japanese and English."""
    for entry in catalog_entries():
        item = entry["id"]
        assert entry["documents"] and all(_both(d["title"]) and "path" not in d for d in entry["documents"]), item
        assert 1 <= len(entry["initial_tasks"]) <= 3 and all(map(_both, entry["initial_tasks"])), item
        assert 1 <= len(entry["examination"]) <= 3 and all(map(_both, entry["examination"])), item
        assert entry["records"] and all(r["approver_role"] in ROLES for r in entry["records"]), item
        for task in entry["recurring"]:
            assert _both(task["task"]) and task["owner_role"] in ROLES and "owner" not in task, item
            assert Duration.parse(task["every"]) is not None, item
        assert _both(entry["difficulty_reason"]), item


def test_a_document_has_one_name_everywhere_and_the_docs_list_them_all() -> None:
    """One rule or manual, one name: the same Japanese title always has the same English one and the other
    way round, and docs/fitgap.md lists every name the catalog uses."""
    names = {(d["title"]["ja"], d["title"]["en"]) for e in catalog_entries() for d in e["documents"]}
    assert len({ja for ja, _ in names}) == len(names) == len({en for _, en in names})
    listed = (ROOT / "docs" / "fitgap.md").read_text(encoding="utf-8")
    for ja, en in sorted(names):
        assert f"| {ja} | {en} |" in listed, ja


def test_catalog_has_the_yearly_tasks() -> None:
    recurring = {e["id"]: [r["every"] for r in e.get("recurring", [])] for e in catalog_entries()}
    for item in ("J.3.1.1", "J.4.3", "J.6.2", "J.6.3", "J.9.4"):
        assert "P1Y" in recurring[item], item


def test_catalog_lints_clean(tmp_path: Path) -> None:
    files = {f"controls/{p.name}": p.read_text(encoding="utf-8") for p in (ROOT / "controls").glob("*.yaml")}
    result = check_json(make_repo(tmp_path / "r", files))
    assert result.exit_code == 0
    # what remains is the to-do list of a new PMS: tasks never done yet
    assert {f["rule"] for f in result.json()["findings"]} <= {"PML306"}
    assert result.json()["summary"]["entries"] == 58


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_fresh_repository_passes_check(tmp_path: Path, lang: str) -> None:
    target = tmp_path / "pms"
    result = run("init", target, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    for rel in (
        "pmarklint.yaml",
        "README.md",
        "people/people.yaml",
        "contractors/contractors.yaml",
        "inventory/inventory.yaml",
        "controls/J.9.yaml",
        ".pre-commit-config.yaml",
        ".vscode/settings.json",
        ".pmarklint/schemas/inventory.schema.json",
    ):
        assert (target / rel).is_file(), rel
    assert "pmarklint.yaml" in git(target, "ls-files")  # staged, so that check reads it
    checked = run("check", target, "--format", "json", "--today", "2026-11-26")
    assert checked.exit_code == 0, checked.stdout
    assert checked.json()["summary"]["entries"] == 58
    # require_approvals: warning: every control is on the to-do list of approvals, as a warning
    found = checked.json()["findings"]
    assert {f["severity"] for f in found} == {"warning"}
    assert {f["file"].split("/")[0] for f in found if f["rule"] == "PML401"} == {"controls"}
    assert len([f for f in found if f["rule"] == "PML401"]) == 58
    settings = json.loads((target / ".vscode/settings.json").read_text(encoding="utf-8"))
    for schema in settings["yaml.schemas"]:
        assert (target / schema).is_file()
    first_line = (target / "controls/J.9.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../.pmarklint/schemas/control.schema.json"
    assert f"language: {lang}" in (target / "pmarklint.yaml").read_text(encoding="utf-8")


def test_commented_examples_pass_once_uncommented(tmp_path: Path) -> None:
    """The examples in the ledgers are what a user copies: they must be valid when uncommented."""
    target = tmp_path / "pms"
    run("init", target, "--lang", "ja")
    for rel in (
        "people/people.yaml",
        "contractors/contractors.yaml",
        "inventory/inventory.yaml",
        "training/training.yaml",
    ):
        path = target / rel
        lines = path.read_text(encoding="utf-8").splitlines()
        body = [line.replace("entries: []", "entries:") for line in lines]
        body = [line[1:] if line.startswith("#  ") else line for line in body]
        path.write_text("\n".join(body) + "\n", encoding="utf-8")
    git(target, "add", "-A")
    result = run("check", target, "--format", "json", "--today", "2026-11-26")
    assert result.exit_code == 0, [f for f in result.json()["findings"] if f["severity"] == "error"]
    # four people (three role holders and staff), one entry of each ledger, two trainings (with an onboarding)
    assert result.json()["summary"]["entries"] == 58 + 6 + 2
    ledgers = [
        f
        for f in result.json()["findings"]
        if f["file"] in ("inventory/inventory.yaml", "contractors/contractors.yaml")
    ]
    assert not [f for f in ledgers if f["rule"] not in ("PML401", "PML736")]
    # the first inventory entry asks, once, for the risk analysis the repository does not record yet
    assert [(f["rule"], f["entry"]) for f in ledgers if f["rule"] == "PML736"] == [("PML736", "PI-001")]


def test_init_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "pms"
    target.mkdir()
    (target / "README.md").write_text("ours\n", encoding="utf-8")
    result = run("init", target, "--lang", "en", "--no-git")
    assert result.exit_code == 0
    assert "README.md already exists; left as it is" in result.stdout
    assert (target / "README.md").read_text(encoding="utf-8") == "ours\n"
    again = run("init", target, "--lang", "en", "--no-git")
    assert "created" not in again.stdout
    assert not (target / ".git").exists()


@pytest.mark.parametrize(("ci", "path"), [("github", ".github/workflows/pmarklint.yml"), ("gitlab", ".gitlab-ci.yml")])
def test_init_offers_ci(tmp_path: Path, ci: str, path: str) -> None:
    target = tmp_path / "pms"
    result = run("init", target, "--lang", "en", "--ci", ci)
    assert result.exit_code == 0, result.stderr
    assert (target / path).is_file()
    assert path in git(target, "ls-files")
    assert run("check", target, "--format", "json", "--today", "2026-11-26").exit_code == 0


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_fit_and_gap_of_a_fresh_repository_shows_the_catalogs_columns(tmp_path: Path, lang: str) -> None:
    """What a new user hands the consultant on day one: all 58 rows with their rules and manuals, first-year
    tasks, records, yearly operation (with the role that does it) and examination points, in one language."""
    target = tmp_path / "pms"
    assert run("init", target, "--lang", lang).exit_code == 0
    result = run("report", "fitgap", target, "--format", "csv", "--today", "2026-11-26", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    header, body = rows[0], rows[1:]
    assert len(body) == 58
    columns = ("documents", "initial_tasks", "records", "recurring", "examination")
    where = {c: header.index(text(f"fitgap.col.{c}", lang)) for c in columns}
    for row in body:
        for column, index in where.items():
            assert row[index].strip(), (row[0], column)
    other = {"ja": "en", "en": "ja"}[lang]
    by_id = {e["id"]: e for e in catalog_entries()}
    j94 = next(row for row in body if row[0] == "J.9.4")
    assert j94[where["documents"]] == by_id["J.9.4"]["documents"][0]["title"][lang]
    assert by_id["J.9.4"]["examination"][0][other] not in j94[where["examination"]]
    assert by_id["J.9.4"]["examination"][0][lang] in j94[where["examination"]].splitlines()
    owner = text("fitgap.owner", lang, owner=text("role.privacy_manager", lang))
    assert owner in j94[where["recurring"]]


def test_a_fresh_repository_is_not_asked_for_tasks_of_items_it_has_not_started(tmp_path: Path) -> None:
    """The whole catalog starts at gap (未対応): its yearly tasks are not reported as never done until the
    company puts an item in operation; then they are."""
    target = tmp_path / "pms"
    run("init", target, "--lang", "en")
    fresh = run("check", target, "--format", "json", "--today", "2026-11-26").json()["findings"]
    assert not [f for f in fresh if f["rule"] == "PML306"]
    path = target / "controls" / "J.9.yaml"
    content = path.read_text(encoding="utf-8")
    start = content.index("  - id: J.9.4")
    path.write_text(content[:start] + content[start:].replace("status: gap", "status: partial", 1), encoding="utf-8")
    git(target, "add", "-A")
    found = run("check", target, "--format", "json", "--today", "2026-11-26").json()["findings"]
    (task,) = [f for f in found if f["rule"] == "PML306"]
    assert (task["entry"], task["severity"], task["file"]) == ("J.9.4", "warning", "controls/J.9.yaml")
    assert task["message"] == "'Re-evaluate contractors' has never been done: do it and record last_done"
