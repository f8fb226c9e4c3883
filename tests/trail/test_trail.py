"""``pmarklint trail``: the audit trail, read from real git repositories with pinned authors and dates.

Each scenario commits a small PMS history step by step (who, on which day, what) and reads the trail back:
one small history is compared whole, as JSON; the others (an entry moving between files, a ledger split in
two, a renamed file, a revert, merges of real branches, signed commits, filters) by the fields that matter.
Every JSON trail is validated against ``schemas/trail.schema.json``. Markdown, HTML and CSV of one scenario
are golden files: regenerate them after an intended change with ``PMARKLINT_REGENERATE_GOLDEN=1 python -m
pytest tests/trail/test_trail.py`` and read the diff."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from pmarklint import __version__
from pmarklint.approvals.digest import digest
from pmarklint.documents.loader import parse
from pmarklint.git.blobs import Blobs
from pmarklint.history import entries as history_entries
from pmarklint.trail import build as trail

from helpers import browser
from helpers.cli import run
from helpers.repos import GIT_ENV, GOLDEN, ROOT, git

GOLDEN = GOLDEN
SCHEMA = json.loads((ROOT / "schemas" / "trail.schema.json").read_text(encoding="utf-8"))

NAKAMURA = "Hanako Nakamura <nakamura@sakura-market.example>"  # privacy manager: approves the inventory
SATO = "Taro Sato <sato@sakura-market.example>"  # edits the inventory
YAMAMOTO = "Ichiro Yamamoto <yamamoto@sakura-market.example>"  # top management

CONFIG = """organization: {name: 株式会社さくらマーケット}
framework: pmark-2023
language: en
departments:
  - {id: cs, name: カスタマーサービス部}
  - {id: hr, name: 人事総務部}
require_approvals: {inventory: error, contractor: error}
review:
  every: {person: P2Y}
"""

ROSTER = """kind: person
entries:
  - id: yamamoto
    name: 山本 一郎
    emails: [yamamoto@sakura-market.example]
    department: hr
    roles: [top_management]
    last_reviewed: 2025-03-01
  - id: nakamura
    name: 中村 花子
    emails: [nakamura@sakura-market.example]
    department: cs
    roles: [privacy_manager]
    last_reviewed: 2025-03-01
  - id: sato
    name: 佐藤 太郎
    emails: [sato@sakura-market.example]
    department: cs
    roles: [department_manager]
    last_reviewed: 2025-03-01{keys}
"""

CUSTOMERS = """  - id: PI-CS-001
    name: 顧客情報
    department: cs
    data_items: [氏名, 住所]
    purpose: {purpose}
    overseas:
      - {{country: US, recipient: Kitebird Mail, basis: {basis}}}
    last_reviewed: {reviewed}
"""
ENQUIRIES = """  - id: PI-CS-002
    name: {name}{comment}
    department: cs
    data_items: [氏名, 問合せ内容]
    purpose: 問合せへの対応
    last_reviewed: 2025-01-15
"""
STAFF = """  - id: PI-HR-001
    name: 従業者情報
    department: hr
    data_items: [氏名, 住所, 口座番号]
    purpose: {purpose}
    last_reviewed: 2025-09-01
"""
CONTRACTOR = """kind: contractor
entries:
  - id: C-001
    name: ヤマネコ運輸株式会社
    service: 商品の配送
    evaluation: {{date: {evaluated}, result: {result}}}
    last_reviewed: 2025-09-01
"""

PERIOD = ("--since", "2025-04-01", "--until", "2026-03-31")


# -- building histories -------------------------------------------------------------------------------------
def ledger(*entries: str, kind: str = "inventory") -> str:
    return f"kind: {kind}\nentries:\n" + "".join(entries)


def customers(purpose: str = "商品の発送", basis: str = "consent", reviewed: str = "2024-06-01") -> str:
    return CUSTOMERS.format(purpose=purpose, basis=basis, reviewed=reviewed)


def enquiries(comment: str = "", name: str = "問合せ記録") -> str:
    return ENQUIRIES.format(comment=comment, name=name)


def staff(purpose: str = "給与の支払") -> str:
    return STAFF.format(purpose=purpose)


def approved(snippet: str, by: str, role: str, date: str) -> str:
    """The entry ``snippet`` with an approval of its current content, as `pmarklint sign` writes it."""
    data = parse(snippet, "entry").document
    assert data is not None
    value = digest(data.data[0])
    return snippet + f'    approvals:\n      - {{by: {by}, role: {role}, date: {date}, digest: "{value}"}}\n'


def new_repo(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    write(root, {"pmarklint.yaml": CONFIG, "people/roster.yaml": ROSTER.format(keys=""), **files})
    return root


def write(root: Path, files: dict[str, str | None]) -> None:
    for rel, content in files.items():
        path = root / rel
        if content is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


def commit(root: Path, who: str, day: str, message: str = "", *, key: Path | None = None) -> str:
    """Commit everything as ``who`` ("Name <email>") on ``day`` (10:00 in Tokyo); ``key``: sign it with this
    SSH key. Returns the commit id."""
    name, email = who[: who.index("<")].strip(), who[who.index("<") + 1 : -1]
    stamp = f"{day}T10:00:00+09:00"
    env = {
        **os.environ,
        **GIT_ENV,
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
    }
    subprocess.run(["git", "add", "-A"], cwd=root, env=env, check=True)
    signing = ["-c", "gpg.format=ssh", "-c", f"user.signingkey={key}"] if key else []
    command = ["git", *signing, "commit", "-q", "--allow-empty", "-m", message or f"change on {day}"]
    subprocess.run([*command, "-S"] if key else command, cwd=root, env=env, check=True)
    return git(root, "rev-parse", "HEAD").strip()


def trail_json(repo: Path, *args: str) -> dict[str, Any]:
    result = run("trail", repo, "--format", "json", "--lang", "en", *args)
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    Draft202012Validator(SCHEMA, format_checker=FormatChecker()).validate(data)
    return data


def events(data: dict[str, Any], entry: str) -> list[tuple[str, str | None, str]]:
    """(action, moved_from, path) of each change of ``entry``, oldest first."""
    return [(c["action"], c["moved_from"], c["path"]) for c in data["changes"] if c["entry"] == entry]


def fields(change: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {f["field"]: (f["old"], f["new"]) for f in change["fields"]}


# -- one small history, whole --------------------------------------------------------------------------------
@pytest.fixture
def small(tmp_path: Path) -> tuple[Path, list[str]]:
    """Before the period the ledger exists; in it, Sato edits an entry, Nakamura approves the edit, Sato adds an
    entry that nobody approves, and later records a review (after the approval, so it is not approved); a
    comment is edited. After the period, another change that the trail must not show."""
    repo = new_repo(tmp_path / "pms", {"inventory/cs.yaml": ledger(customers())})
    base = commit(repo, NAKAMURA, "2025-03-01", "The inventory as it was before the period")
    edited = customers("商品の発送と問合せへの対応", "equivalent_system")
    write(repo, {"inventory/cs.yaml": ledger(edited)})
    c2 = commit(repo, SATO, "2025-05-10", "Customer data: enquiries too, US recipient checked")
    write(repo, {"inventory/cs.yaml": ledger(approved(edited, "nakamura", "privacy_manager", "2025-05-12"))})
    c3 = commit(repo, NAKAMURA, "2025-05-12", "Approve PI-CS-001")
    write(
        repo, {"inventory/cs.yaml": ledger(approved(edited, "nakamura", "privacy_manager", "2025-05-12"), enquiries())}
    )
    c4 = commit(repo, SATO, "2025-06-01", "Register the enquiry records")
    reviewed = approved(edited, "nakamura", "privacy_manager", "2025-05-12").replace("2024-06-01", "2026-03-01")
    write(repo, {"inventory/cs.yaml": ledger(reviewed, enquiries("  # 問合せフォームとメール"))})
    c5 = commit(repo, SATO, "2026-03-01", "Yearly review of the customer data")
    write(repo, {"inventory/cs.yaml": ledger(reviewed.replace("顧客情報", "顧客情報(EC)"), enquiries())})
    commit(repo, SATO, "2026-04-05", "After the period")
    return repo, [base, c2, c3, c4, c5]


def test_a_small_history_whole(small: tuple[Path, list[str]]) -> None:
    repo, (_, c2, c3, c4, c5) = small
    after_c2 = {
        "id": "PI-CS-001",
        "name": "顧客情報",
        "department": "cs",
        "data_items": ["氏名", "住所"],
        "purpose": "商品の発送と問合せへの対応",
        "overseas": [{"country": "US", "recipient": "Kitebird Mail", "basis": "equivalent_system"}],
        "last_reviewed": "2024-06-01",
    }
    after_c5 = {**after_c2, "last_reviewed": "2026-03-01"}
    d2, d5 = digest(after_c2), digest(after_c5)
    added_enquiries = digest(
        {
            "id": "PI-CS-002",
            "name": "問合せ記録",
            "department": "cs",
            "data_items": ["氏名", "問合せ内容"],
            "purpose": "問合せへの対応",
            "last_reviewed": "2025-01-15",
        }
    )
    approval = {"by": "nakamura", "role": "privacy_manager", "date": "2025-05-12", "digest": d2}

    def commit_json(sha: str, who: str, day: str, subject: str) -> dict[str, Any]:
        name, email = who[: who.index("<")].strip(), who[who.index("<") + 1 : -1]
        stamp = f"{day}T10:00:00+09:00"
        return {
            "sha": sha,
            "author": {"name": name, "email": email},
            "date": stamp,
            "committed": stamp,
            "subject": subject,
            "merge": False,
            "signature": {"status": "unsigned", "git": "N", "signer": None},
        }

    def change(sha: str, action: str, changed: bool, value: str, state: str | None, **extra: Any) -> dict[str, Any]:
        return {
            "entry": "PI-CS-001",
            "kind": "inventory",
            "commit": sha,
            "action": action,
            "path": "inventory/cs.yaml",
            "moved_from": None,
            "merge": False,
            "content_changed": changed,
            "digest": value,
            "approval": state,
            "approved_in": [],
            **extra,
        }

    assert trail_json(repo, *PERIOD) == {
        "tool": "pmarklint",
        "report": "trail",
        "format_version": 1,
        "version": __version__,
        "organization": "株式会社さくらマーケット",
        "period": {
            "since": "2025-04-01",
            "until": "2026-03-31",
            "since_rev": None,
            "until_rev": None,
            "since_commit": None,
            "until_commit": None,
            "end_commit": c5,
        },
        "filters": {"kinds": [], "ids": [], "paths": []},
        "summary": {
            "commits": 4,
            "entries": {"changed": 1, "added": 1, "retired": 0, "removed": 0, "moved": 0},
            "changes": {"total": 3, "approved": 1, "unapproved": 2, "superseded": 0, "not_required": 0},
            "approvals": {"added": 1, "backed": 1, "not_backed": 0},
            "reviews": {"done": 1, "overdue": 1, "never_reviewed": 0},
            "contractors_evaluated": 0,
            "approvers": [{"person": "nakamura", "approvals": 1, "backed": 1}],
        },
        "commits": [
            commit_json(c2, SATO, "2025-05-10", "Customer data: enquiries too, US recipient checked"),
            commit_json(c3, NAKAMURA, "2025-05-12", "Approve PI-CS-001"),
            commit_json(c4, SATO, "2025-06-01", "Register the enquiry records"),
            commit_json(c5, SATO, "2026-03-01", "Yearly review of the customer data"),
        ],
        "changes": [
            change(
                c2,
                "modified",
                True,
                d2,
                "approved",
                approved_in=[c3],
                fields=[
                    {"field": "purpose", "old": "商品の発送", "new": "商品の発送と問合せへの対応"},
                    {"field": "overseas[US].basis", "old": "consent", "new": "equivalent_system"},
                ],
            ),
            change(
                c3,
                "modified",
                False,
                d2,
                None,
                fields=[{"field": "approvals[nakamura,privacy_manager,2025-05-12]", "old": None, "new": approval}],
            ),
            change(
                c5,
                "modified",
                True,
                d5,
                "unapproved",
                fields=[{"field": "last_reviewed", "old": "2024-06-01", "new": "2026-03-01"}],
            ),
            {
                **change(c4, "added", True, added_enquiries, "unapproved"),
                "entry": "PI-CS-002",
                "fields": [
                    {"field": "name", "old": None, "new": "問合せ記録"},
                    {"field": "department", "old": None, "new": "cs"},
                    {"field": "data_items", "old": None, "new": ["氏名", "問合せ内容"]},
                    {"field": "purpose", "old": None, "new": "問合せへの対応"},
                    {"field": "last_reviewed", "old": None, "new": "2025-01-15"},
                ],
            },
        ],
        "approvals": [
            {
                "entry": "PI-CS-001",
                "kind": "inventory",
                "path": "inventory/cs.yaml",
                "commit": c3,
                **approval,
                "matches_content": True,
                "backed": True,
                "reason": None,
                "message": None,
            }
        ],
        "reviews": [
            {
                "entry": "PI-CS-001",
                "kind": "inventory",
                "path": "inventory/cs.yaml",
                "commit": c5,
                "from": "2024-06-01",
                "to": "2026-03-01",
            }
        ],
        "evaluations": [],
        "overdue": [
            {
                "entry": "PI-CS-002",
                "kind": "inventory",
                "path": "inventory/cs.yaml",
                "last_reviewed": "2025-01-15",
                "every": "P1Y",
                "due": "2026-01-15",
            }
        ],
        "never_reviewed": [],
        "skipped": [],
    }


@pytest.mark.parametrize("fmt", ["md", "html", "csv"])
def test_golden_formats(small: tuple[Path, list[str]], fmt: str, tmp_path: Path) -> None:
    repo, _ = small
    output = tmp_path / f"trail.{fmt}"
    result = run("trail", repo, *PERIOD, "--output", output)  # the format from the file name
    assert result.exit_code == 0, result.stderr
    produced = output.read_bytes()
    golden = GOLDEN / f"trail.{fmt}"
    if os.environ.get("PMARKLINT_REGENERATE_GOLDEN") == "1":
        golden.write_bytes(produced)
    assert produced == golden.read_bytes(), f"{golden.name} differs; see this file's docstring"


def test_csv_is_one_row_per_field_change_with_a_bom(small: tuple[Path, list[str]], tmp_path: Path) -> None:
    repo, _ = small
    assert run("trail", repo, *PERIOD, "--format", "csv", "--output", tmp_path / "trail.txt").exit_code == 0
    raw = (tmp_path / "trail.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw[3:].decode("utf-8").split("\r\n")
    assert lines[0].split(",")[:3] == ["Date", "Commit", "Author"]
    assert len([line for line in lines[1:] if line]) == 2 + 1 + 1 + 5  # c2: two fields, c3, c5, c4: five


def test_japanese_headings_follow_the_repository_language(small: tuple[Path, list[str]]) -> None:
    repo, _ = small
    (repo / "pmarklint.yaml").write_text(CONFIG.replace("language: en", "language: ja"), encoding="utf-8")
    text = run("trail", repo, *PERIOD).stdout
    assert text.startswith("# 監査証跡: 株式会社さくらマーケット\n")
    assert "## 概要" in text and "| 有効な承認のない変更 | 2 |" in text and "承認済み" in text
    assert run("trail", repo, *PERIOD, "--lang", "en").stdout.startswith("# Audit trail: ")


def test_default_period_is_the_last_twelve_months(small: tuple[Path, list[str]], monkeypatch: Any) -> None:
    repo, (_, _, _, c4, c5) = small
    data = trail_json(repo, "--today", "2026-05-31")
    assert (data["period"]["since"], data["period"]["until"]) == ("2025-06-01", "2026-05-31")
    assert [c["sha"] for c in data["commits"]][:2] == [c4, c5]
    monkeypatch.setenv("PMARKLINT_TODAY", "2026-03-31")
    assert trail_json(repo)["period"]["since"] == "2025-04-01"


def test_revisions_bound_the_period(small: tuple[Path, list[str]]) -> None:
    repo, (_, c2, c3, c4, c5) = small
    data = trail_json(repo, "--since", c2, "--until", c4)
    assert [c["sha"] for c in data["commits"]] == [c3, c4]
    assert data["period"] | {"end_commit": None} == {
        "since": "2025-05-10",
        "until": "2025-06-01",
        "since_rev": c2,
        "until_rev": c4,
        "since_commit": c2,
        "until_commit": c4,
        "end_commit": None,
    }
    assert data["period"]["end_commit"] == c4
    git(repo, "tag", "audit-2025", c5)
    assert trail_json(repo, "--since", "audit-2025", "--until", "HEAD")["commits"][0]["subject"] == "After the period"
    assert trail_json(repo, "--since", "2025-05-11", "--until", c5)["commits"][0]["sha"] == c3


def count_reads(monkeypatch: pytest.MonkeyPatch) -> tuple[Counter[str], Counter[bytes]]:
    """Count every blob read from git and every blob split into entries; approvals are judged by a stub (the
    judge reads the roster's history on its own)."""
    reads: Counter[str] = Counter()
    splits: Counter[bytes] = Counter()
    real_read, real_split = Blobs.read, history_entries.split_entries

    def read(self: Blobs, sha: str) -> bytes:
        reads[sha] += 1
        return real_read(self, sha)

    def split(data: bytes) -> Any:
        splits[data] += 1
        return real_split(data)

    monkeypatch.setattr(Blobs, "read", read)
    monkeypatch.setattr(history_entries, "split_entries", split)
    monkeypatch.setattr(trail, "approval_judge", lambda *args: lambda *a: (True, None, {}))
    return reads, splits


def test_each_blob_is_read_and_split_once(small: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    repo, _ = small
    reads, splits = count_reads(monkeypatch)
    trail_json(repo, *PERIOD)
    assert reads and max(reads.values()) == 1, reads
    assert splits and max(splits.values()) == 1


# -- entries move: between files, a ledger split in two, a renamed file; a revert --------------------------------
def test_moves_split_rename_and_revert(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "pms", {"inventory/all.yaml": ledger(customers(), enquiries(), staff())})
    commit(repo, NAKAMURA, "2025-03-01")
    # An entry moves to a new file, and its purpose changes in the same commit.
    write(repo, {"inventory/all.yaml": ledger(customers(), staff())})
    write(repo, {"inventory/cs.yaml": ledger(enquiries().replace("問合せへの対応", "問合せとクレームへの対応"))})
    moved = commit(repo, SATO, "2025-04-10", "PI-CS-002 to the CS ledger")
    # The rest of the ledger is split by department; the old file goes away.
    write(repo, {"inventory/all.yaml": None, "inventory/hr.yaml": ledger(staff())})
    write(
        repo,
        {"inventory/cs.yaml": ledger(customers(), enquiries().replace("問合せへの対応", "問合せとクレームへの対応"))},
    )
    split = commit(repo, SATO, "2025-04-11", "Split the inventory by department")
    git(repo, "mv", "inventory/hr.yaml", "inventory/jinji.yaml")
    renamed = commit(repo, SATO, "2025-04-12", "Rename the HR ledger")
    retire = "    status: retired\n    retired_on: 2025-05-01\n    reason: 外部委託に移行\n"
    write(repo, {"inventory/jinji.yaml": ledger(staff() + retire)})
    retired = commit(repo, SATO, "2025-05-01", "Retire the staff data")
    env = {
        **os.environ,
        "GIT_COMMITTER_DATE": "2025-05-02T10:00:00+09:00",
        "GIT_AUTHOR_DATE": "2025-05-02T10:00:00+09:00",
    }
    subprocess.run(["git", "revert", "--no-edit", "HEAD"], cwd=repo, env=env, check=True, capture_output=True)
    reverted = git(repo, "rev-parse", "HEAD").strip()
    write(repo, {"inventory/cs.yaml": ledger(customers())})
    removed = commit(repo, SATO, "2025-06-01", "PI-CS-002 is no longer kept")

    data = trail_json(repo, *PERIOD)
    assert events(data, "PI-CS-002") == [
        ("moved", "inventory/all.yaml", "inventory/cs.yaml"),
        ("removed", None, "inventory/cs.yaml"),
    ]
    first, last = (c for c in data["changes"] if c["entry"] == "PI-CS-002")
    assert first["commit"] == moved and last["commit"] == removed
    assert fields(first) == {"purpose": ("問合せへの対応", "問合せとクレームへの対応")}
    assert first["content_changed"] and first["approval"] == "unapproved"
    assert events(data, "PI-CS-001") == [("moved", "inventory/all.yaml", "inventory/cs.yaml")]
    assert events(data, "PI-HR-001") == [
        ("moved", "inventory/all.yaml", "inventory/hr.yaml"),
        ("moved", "inventory/hr.yaml", "inventory/jinji.yaml"),
        ("retired", None, "inventory/jinji.yaml"),
        ("modified", None, "inventory/jinji.yaml"),
    ]
    staff_changes = [c for c in data["changes"] if c["entry"] == "PI-HR-001"]
    assert [c["commit"] for c in staff_changes] == [split, renamed, retired, reverted]
    assert [c["fields"] for c in staff_changes[:2]] == [[], []]  # moved whole, content unchanged
    assert [c["approval"] for c in staff_changes] == [None, None, "not_required", "unapproved"]
    assert fields(staff_changes[3]) == {
        "status": ("retired", None),
        "retired_on": ("2025-05-01", None),
        "reason": ("外部委託に移行", None),
    }
    assert data["summary"]["entries"] == {"changed": 2, "added": 0, "retired": 1, "removed": 1, "moved": 3}
    # --path: entries that were under the folder at some point in the period, wherever they went.
    only_hr = trail_json(repo, *PERIOD, "--path", "inventory/hr.yaml")
    assert {c["entry"] for c in only_hr["changes"]} == {"PI-HR-001"}
    assert {c["entry"] for c in trail_json(repo, *PERIOD, "--path", "./inventory/all.yaml")["changes"]} == {
        "PI-CS-001",
        "PI-CS-002",
        "PI-HR-001",
    }


# -- merges: changes are reported on the branch's commits; a merge only for what it added itself ------------------
def test_merges(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = new_repo(tmp_path / "pms", {"inventory/cs.yaml": ledger(customers(), enquiries())})
    commit(repo, NAKAMURA, "2025-03-01")
    git(repo, "checkout", "-q", "-b", "feature")
    write(repo, {"inventory/cs.yaml": ledger(customers("商品の発送と返品対応"), enquiries())})
    on_branch = commit(repo, SATO, "2025-04-10", "Returns too")
    edited = customers("商品の発送と返品対応")
    write(
        repo, {"inventory/cs.yaml": ledger(approved(edited, "nakamura", "privacy_manager", "2025-04-11"), enquiries())}
    )
    approval = commit(repo, NAKAMURA, "2025-04-11", "Approve on the branch")
    git(repo, "checkout", "-q", "main")
    write(repo, {"contractors/c.yaml": CONTRACTOR.format(evaluated="2025-04-12", result="pass")})
    on_main = commit(repo, SATO, "2025-04-12", "A contractor")
    env = {
        **os.environ,
        "GIT_COMMITTER_DATE": "2025-04-13T10:00:00+09:00",
        "GIT_AUTHOR_DATE": "2025-04-13T10:00:00+09:00",
    }
    subprocess.run(["git", "merge", "-q", "--no-ff", "feature", "-m", "Merge feature"], cwd=repo, env=env, check=True)
    clean_merge = git(repo, "rev-parse", "HEAD").strip()
    # Both sides change PI-CS-002; the conflict is resolved with a third value, and the merge also edits a
    # field of PI-CS-001 that neither side touched: both are the merge's own changes.
    signed = approved(edited, "nakamura", "privacy_manager", "2025-04-11")
    git(repo, "checkout", "-q", "-b", "other")
    phone = enquiries(name="問合せ記録(電話)").replace("2025-01-15", "2025-04-14")  # reviewed on the branch
    write(repo, {"inventory/cs.yaml": ledger(signed, phone)})
    review = commit(repo, SATO, "2025-04-14", "Phone")
    git(repo, "checkout", "-q", "main")
    write(repo, {"inventory/cs.yaml": ledger(signed, enquiries(name="問合せ記録(メール)"))})
    commit(repo, SATO, "2025-04-15", "Mail")
    conflict = subprocess.run(["git", "merge", "-q", "--no-ff", "other"], cwd=repo, env=env, capture_output=True)
    assert conflict.returncode != 0
    resolved = ledger(
        signed.replace("[氏名, 住所]", "[氏名, 住所, 電話番号]"),
        enquiries(name="問合せ記録(電話・メール)").replace("2025-01-15", "2025-04-14"),
    )
    write(repo, {"inventory/cs.yaml": resolved})
    evil = commit(repo, NAKAMURA, "2025-04-16", "Merge other, both channels")

    data = trail_json(repo, *PERIOD)
    by_commit = {(c["entry"], c["commit"]): c for c in data["changes"]}
    assert not any(c["commit"] == clean_merge for c in data["changes"])  # its changes are the branch's
    assert by_commit[("PI-CS-001", on_branch)]["approval"] == "approved"
    assert by_commit[("PI-CS-001", on_branch)]["approved_in"] == [approval]
    assert [(a["commit"], a["backed"]) for a in data["approvals"]] == [(approval, True)]
    assert by_commit[("C-001", on_main)]["action"] == "added"
    assert data["summary"]["contractors_evaluated"] == 1  # added with an evaluation inside the period
    assert fields(by_commit[("PI-CS-002", evil)]) == {"name": ("問合せ記録(メール)", "問合せ記録(電話・メール)")}
    assert fields(by_commit[("PI-CS-001", evil)]) == {"data_items": (["氏名", "住所"], ["氏名", "住所", "電話番号"])}
    assert by_commit[("PI-CS-001", evil)]["merge"] is True
    # What one parent already had (the branch's review, the approval) is not the merge's doing.
    assert [r["commit"] for r in data["reviews"] if r["entry"] == "PI-CS-002"] == [review]
    # Merges read their parents' blobs too: still once each.
    reads, splits = count_reads(monkeypatch)
    trail_json(repo, *PERIOD)
    assert max(reads.values()) == 1 and max(splits.values()) == 1
    assert [c["merge"] for c in data["commits"] if c["sha"] in (evil, clean_merge)] == [True]


# -- approvals git does not back, reviews and evaluations, signatures ----------------------------------------------
def test_an_approval_committed_by_someone_else_is_not_backed(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "pms", {"inventory/cs.yaml": ledger(customers())})
    commit(repo, NAKAMURA, "2025-03-01")
    write(repo, {"inventory/cs.yaml": ledger(customers("商品の発送と返品対応"))})
    change = commit(repo, SATO, "2025-04-10")
    forged = approved(customers("商品の発送と返品対応"), "nakamura", "privacy_manager", "2025-04-10")
    write(repo, {"inventory/cs.yaml": ledger(forged)})
    commit(repo, SATO, "2025-04-11", "Nakamura said yes")
    data = trail_json(repo, *PERIOD)
    (item,) = data["approvals"]
    assert (item["backed"], item["reason"], item["matches_content"]) == (False, "PML405.author", True)
    assert "sato@sakura-market.example" in item["message"]
    assert [c["approval"] for c in data["changes"] if c["commit"] == change] == ["unapproved"]
    assert data["summary"]["approvers"] == [{"person": "nakamura", "approvals": 1, "backed": 0}]
    text = run("trail", repo, *PERIOD).stdout
    assert "the approval by 中村 花子 (nakamura) dated 2025-04-10 is not backed by git" in text


def test_reviews_evaluations_and_overdue(tmp_path: Path) -> None:
    repo = new_repo(
        tmp_path / "pms",
        {
            "inventory/cs.yaml": ledger(customers()),
            "contractors/c.yaml": CONTRACTOR.format(evaluated="2024-04-01", result="pass"),
        },
    )
    commit(repo, NAKAMURA, "2025-03-01")
    write(repo, {"contractors/c.yaml": CONTRACTOR.format(evaluated="2025-10-01", result="conditional")})
    evaluated = commit(repo, SATO, "2025-10-01")
    data = trail_json(repo, *PERIOD)
    assert data["evaluations"] == [
        {
            "entry": "C-001",
            "kind": "contractor",
            "path": "contractors/c.yaml",
            "commit": evaluated,
            "from": "2024-04-01",
            "to": "2025-10-01",
            "result": "conditional",
        }
    ]
    assert data["reviews"] == []
    assert [(o["entry"], o["due"]) for o in data["overdue"]] == [("PI-CS-001", "2025-06-01")]
    # review_every on the entry wins over review.every
    write(repo, {"inventory/cs.yaml": ledger(customers() + "    review_every: P2Y\n")})
    commit(repo, SATO, "2025-10-02")
    assert trail_json(repo, *PERIOD)["overdue"] == []


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="needs ssh-keygen")
def test_signatures_are_verified_against_the_roster(tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    keys.mkdir()
    for name in ("nakamura", "stranger"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", keys / name], check=True)
    public = (keys / "nakamura.pub").read_text().strip()
    repo = new_repo(tmp_path / "pms", {"inventory/cs.yaml": ledger(customers())})
    write(
        repo,
        {
            "people/roster.yaml": ROSTER.format(keys="").replace(
                "    roles: [privacy_manager]\n", f"    roles: [privacy_manager]\n    signing_keys: [{public}]\n"
            )
        },
    )
    commit(repo, NAKAMURA, "2025-03-01")
    write(repo, {"inventory/cs.yaml": ledger(customers("a"))})
    good = commit(repo, NAKAMURA, "2025-04-01", key=keys / "nakamura")
    write(repo, {"inventory/cs.yaml": ledger(customers("b"))})
    unknown = commit(repo, SATO, "2025-04-02", key=keys / "stranger")
    write(repo, {"inventory/cs.yaml": ledger(customers("c"))})
    unsigned = commit(repo, SATO, "2025-04-03")
    signatures = {c["sha"]: c["signature"] for c in trail_json(repo, *PERIOD)["commits"]}
    assert signatures == {
        good: {"status": "good", "git": "G", "signer": "nakamura"},
        unknown: {"status": "unknown", "git": "U", "signer": None},
        unsigned: {"status": "unsigned", "git": "N", "signer": None},
    }


def test_filters_by_kind_and_id(small: tuple[Path, list[str]]) -> None:
    repo, _ = small
    only = trail_json(repo, *PERIOD, "--id", "PI-CS-002")
    assert {c["entry"] for c in only["changes"]} == {"PI-CS-002"}
    assert only["approvals"] == [] and [o["entry"] for o in only["overdue"]] == ["PI-CS-002"]
    assert only["summary"]["commits"] == 1 and only["filters"]["ids"] == ["PI-CS-002"]
    assert trail_json(repo, *PERIOD, "--kind", "contractor")["changes"] == []
    both = trail_json(repo, *PERIOD, "--id", "PI-CS-002", "--id", "PI-CS-001", "--kind", "inventory")
    assert both["summary"]["changes"]["total"] == 3
    text = run("trail", repo, *PERIOD, "--id", "PI-CS-002").stdout
    assert "Only: id PI-CS-002" in text


# -- what it refuses ---------------------------------------------------------------------------------------------
def test_bad_input_exits_2(small: tuple[Path, list[str]], tmp_path: Path) -> None:
    repo, _ = small
    not_pms = tmp_path / "empty"
    not_pms.mkdir()
    cases = {
        "no pmarklint.yaml": run("trail", not_pms),
        "after it ends": run("trail", repo, "--since", "2026-04-01", "--until", "2026-03-31"),
        "no such revision": run("trail", repo, "--since", "no-such-tag"),
        "not a date": run("trail", repo, "--until", "2026-02-30"),
    }
    for message, result in cases.items():
        assert result.exit_code == 2, message
        assert message in result.stderr and result.stdout == ""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "pmarklint.yaml").write_text(CONFIG, encoding="utf-8")
    result = run("trail", outside)
    assert result.exit_code == 2 and "not inside a git repository" in result.stderr


def test_a_shallow_clone_says_how_to_fetch_the_history(small: tuple[Path, list[str]], tmp_path: Path) -> None:
    repo, _ = small
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", repo.resolve().as_uri(), str(clone))
    result = run("trail", clone, *PERIOD)
    assert result.exit_code == 2
    assert "git fetch --unshallow" in result.stderr and "fetch-depth: 0" in result.stderr


def test_a_repository_without_commits_has_an_empty_trail(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "pms", {})
    data = trail_json(repo, *PERIOD)
    assert data["changes"] == [] and data["commits"] == [] and data["period"]["end_commit"] is None


def test_the_schema_is_valid_with_a_stable_id() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$id"].endswith("/v1/trail.schema.json")


# -- the HTML page in a real browser -----------------------------------------------------------------------------
@pytest.mark.slow
def test_html_in_a_headless_browser(small: tuple[Path, list[str]], tmp_path: Path) -> None:
    found = browser.require_browser()
    repo, _ = small
    page = tmp_path / "trail.html"
    assert run("trail", repo, *PERIOD, "--output", page).exit_code == 0
    dom = browser.dump_dom(page, found)
    assert "<h1>Audit trail: 株式会社さくらマーケット</h1>" in dom
    assert dom.count("<table>") == 7 and "<script" not in dom
    sizes = browser.page_sizes(browser.print_to_pdf(page, tmp_path / "trail.pdf", found))
    assert sizes and all(abs(w - 595) < 2 and abs(h - 842) < 2 for w, h in sizes)


def test_a_commit_that_breaks_the_yaml_is_bridged(tmp_path: Path) -> None:
    """The entry's YAML is broken in one commit and repaired with another change in the next: the repair is
    compared with the entry as it last parsed, so the change made while it was broken is not lost."""
    repo = new_repo(tmp_path / "pms", {"inventory/cs.yaml": ledger(customers(), enquiries())})
    commit(repo, NAKAMURA, "2025-03-01")
    write(repo, {"inventory/cs.yaml": ledger(customers("[商品の発送"), enquiries())})
    commit(repo, SATO, "2025-04-10", "Broken")
    write(repo, {"inventory/cs.yaml": ledger(customers("商品の発送と返品対応"), enquiries())})
    repaired = commit(repo, SATO, "2025-04-11", "Repaired")
    changes = trail_json(repo, *PERIOD)["changes"]
    assert [(c["entry"], c["commit"], fields(c)) for c in changes] == [
        ("PI-CS-001", repaired, {"purpose": ("商品の発送", "商品の発送と返品対応")})
    ]
