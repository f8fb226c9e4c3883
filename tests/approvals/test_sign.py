"""pmarklint sign: what it writes (only approvals lines, byte for byte elsewhere), what it refuses (nothing
written), and that check agrees with what it signed."""

from __future__ import annotations

import difflib
import subprocess
from pathlib import Path

import pytest

from pmarklint.approvals.digest import digest
from pmarklint.cli.main import cli
from pmarklint.cli.sign import sign
from pmarklint.documents.loader import parse

from helpers.cli import run
from helpers.pms import CONFIG, CONTRACTORS, INVENTORY, pms, where
from helpers.repos import commit_as

cli.add_command(sign)  # cli.py registers it; harmless when it already has

NAKAMURA = "nakamura@sakura-market.example"
YAMAMOTO = "yamamoto@sakura-market.example"
ENFORCED = CONFIG + "require_approvals: error\n"

# A ledger as people write them: comments, odd quoting, blank lines, keys out of schema order.
HANDWRITTEN = """# 顧客対応部門の個人情報管理台帳
kind: inventory
entries:
  # 顧客情報: 年1回見直し
  - id: PI-CS-001
    name: "顧客情報"   # 正式名称
    department: cs
    owner: nakamura
    last_reviewed: 2026-04-01
    data_items: [氏名, 住所, 電話番号, メールアドレス]
    purpose: '商品の発送と問合せへの対応'
    access: [nakamura, saito]
    retention: {period: P5Y, basis: 社内規程}
    disposal: システムから削除
    entrusted_to: [C-001]
    overseas:
      - {country: US, recipient: Kitebird Mail, basis: equivalent_system, last_checked: 2026-04-01}

  - id: PI-CS-002
    name: 問合せ記録
    department: cs
    owner: nakamura
    data_items:
      - 氏名
      - 問合せ内容
    purpose: 問合せへの対応
    retention: {period: P3Y, basis: 社内規程}
    disposal: システムから削除
    last_reviewed: 2026-04-01
    # 以上
"""


@pytest.fixture
def as_nakamura(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", NAKAMURA.upper())  # e-mails compare without case
    monkeypatch.setenv("PMARKLINT_TODAY", "2026-11-26")


def signing(repo: Path, *args: str):
    return run("sign", *args, "--repo", repo)


def added_lines(before: str, after: str) -> list[str]:
    """The lines ``after`` adds; fails if it removes or changes any line of ``before``."""
    diff = list(difflib.ndiff(before.splitlines(keepends=True), after.splitlines(keepends=True)))
    assert not [d for d in diff if d.startswith("- ")], "".join(diff)
    return [d[2:] for d in diff if d.startswith("+ ")]


def findings(repo: Path) -> list[tuple[str, str | None]]:
    result = run("check", repo, "--format", "json", "--today", "2026-11-26")
    return [(f["rule"], f["entry"]) for f in result.json()["findings"]]


def entry(repo: Path, rel: str, index: int) -> dict:
    document = parse((repo / rel).read_text(encoding="utf-8"), rel).document
    assert document is not None
    return dict(document.data["entries"][index])


@pytest.mark.usefixtures("as_nakamura")
def test_signing_a_file_adds_only_approvals_lines(tmp_path: Path) -> None:
    repo = pms(tmp_path / "r", config=ENFORCED, **{"inventory/cs.yaml": HANDWRITTEN})
    before = (repo / "inventory/cs.yaml").read_text(encoding="utf-8")
    result = signing(repo, "inventory/cs.yaml", "--as", "nakamura")
    assert result.exit_code == 0, result.stderr
    assert "2 approvals written" in result.stdout
    after = (repo / "inventory/cs.yaml").read_text(encoding="utf-8")
    added = added_lines(before, after)
    first, second = entry(repo, "inventory/cs.yaml", 0), entry(repo, "inventory/cs.yaml", 1)
    assert added == [
        "    approvals:\n",
        "      - by: nakamura\n",
        "        role: privacy_manager\n",
        "        date: 2026-11-26\n",
        f"        digest: {digest(first)}\n",
        "    approvals:\n",
        "      - by: nakamura\n",
        "        role: privacy_manager\n",
        "        date: 2026-11-26\n",
        f"        digest: {digest(second)}\n",
    ]
    # the approvals stand after each entry's last key: before the blank line and the trailing comment
    assert after.index("approvals") < after.index("\n\n  - id: PI-CS-002")
    assert after.rstrip().endswith(f"digest: {digest(second)}\n    # 以上".rstrip())
    assert ("PML401", "PI-CS-001") not in findings(repo)
    assert not [f for f in findings(repo) if f[1] in ("PI-CS-001", "PI-CS-002")]


@pytest.mark.usefixtures("as_nakamura")
def test_refreshing_an_approval_changes_only_its_date_and_digest(tmp_path: Path) -> None:
    earlier = digest(entry(pms(tmp_path / "x"), "contractors/contractors.yaml", 0))
    signed = CONTRACTORS + (
        "    approvals:  # 年次見直し\n"
        f'      - {{by: nakamura, role: privacy_manager, date: 2026-04-01, digest: "{earlier}"}}  # 初回\n'
    )
    changed = signed.replace("service: 商品の配送", "service: 商品の配送と返品の回収")
    repo = pms(tmp_path / "r", config=ENFORCED, **{"contractors/contractors.yaml": changed})
    assert ("PML403", "C-001") in findings(repo)
    before = (repo / "contractors/contractors.yaml").read_text(encoding="utf-8")
    result = signing(repo, "C-001", "--as", "nakamura", "--date", "2026-11-20")
    assert result.exit_code == 0, result.stderr
    after = (repo / "contractors/contractors.yaml").read_text(encoding="utf-8")
    now = digest(entry(repo, "contractors/contractors.yaml", 0))
    assert after == before.replace("2026-04-01, digest", "2026-11-20, digest").replace(earlier, now)
    assert not [f for f in findings(repo) if f[1] == "C-001"]
    # signing again the same day changes nothing
    result = signing(repo, "contractors/contractors.yaml#C-001", "--as", "nakamura", "--date", "2026-11-20")
    assert result.exit_code == 0 and "already approved" in result.stdout
    assert (repo / "contractors/contractors.yaml").read_text(encoding="utf-8") == after


@pytest.mark.usefixtures("as_nakamura")
def test_new_approvals_follow_the_files_one_line_style_and_others_stay(tmp_path: Path) -> None:
    first = digest(entry(pms(tmp_path / "x"), "inventory/cs.yaml", 0))
    text = INVENTORY.replace(
        "    last_reviewed: 2026-04-01\n  - id: PI-CS-002",
        "    last_reviewed: 2026-04-01\n    approvals:\n"
        f'      - {{by: yamamoto, role: top_management, date: 2026-04-01, digest: "{first}"}}\n'
        "  - id: PI-CS-002",
    )
    repo = pms(tmp_path / "r", **{"inventory/cs.yaml": text})
    before = (repo / "inventory/cs.yaml").read_text(encoding="utf-8")
    result = signing(repo, "inventory/cs.yaml", "--as", "nakamura", "--date", "2026-11-01")
    assert result.exit_code == 0, result.stderr
    added = added_lines(before, (repo / "inventory/cs.yaml").read_text(encoding="utf-8"))
    second = digest(entry(repo, "inventory/cs.yaml", 1))
    assert added == [
        f'      - {{by: nakamura, role: privacy_manager, date: 2026-11-01, digest: "{first}"}}\n',
        "    approvals:\n",
        f'      - {{by: nakamura, role: privacy_manager, date: 2026-11-01, digest: "{second}"}}\n',
    ]


def test_sign_the_whole_repository_then_enforce(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """How a repository adopts approvals: a to-do list, everyone signs their part, then enforcement."""
    repo = pms(tmp_path / "r", config=CONFIG + "require_approvals: warning\n")
    monkeypatch.setenv("PMARKLINT_TODAY", "2026-11-26")
    assert {rule for rule, _ in findings(repo)} == {"PML401"}
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", NAKAMURA)
    assert signing(repo, "contractors/contractors.yaml", "inventory/cs.yaml", "--as", "nakamura").exit_code == 0
    # Not committed yet: the approvals must be committed by nakamura, and the check says so to anyone else.
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", YAMAMOTO)
    assert {rule for rule, _ in findings(repo)} == {"PML401", "PML405"}
    day = "2026-11-26T10:00:00+09:00"  # signed today: an approval dated after its commit would be PML409
    commit_as(repo, f"Hanako Nakamura <{NAKAMURA}>", "The ledgers reviewed and approved", day=day)
    controls = sorted(str(p.relative_to(repo)) for p in (repo / "controls").glob("*.yaml"))
    result = signing(repo, "people/roster.yaml", *controls, "--as", "yamamoto")
    assert result.exit_code == 0, result.stderr
    commit_as(repo, f"Ichiro Yamamoto <{YAMAMOTO}>", "The roster and the controls approved", day=day)
    (repo / "pmarklint.yaml").write_text(ENFORCED, encoding="utf-8")
    # Enforcement is a change of the approval settings: top management approves it too, in a commit of his own.
    assert {rule for rule, _ in findings(repo)} == {"PML408"}
    commit_as(repo, f"Hanako Nakamura <{NAKAMURA}>", "Approvals enforced", day=day)
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", YAMAMOTO)
    assert signing(repo, "pmarklint.yaml", "--as", "yamamoto").exit_code == 0
    commit_as(repo, f"Ichiro Yamamoto <{YAMAMOTO}>", "Enforcement approved", day=day)
    assert findings(repo) == []


# -- refusals: nothing is written ---------------------------------------------------------------------------


@pytest.mark.usefixtures("as_nakamura")
@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["J.1.1", "--as", "nakamura"], "中村 花子 (nakamura) holds no role that may approve a control entry"),
        (["C-001", "--as", "nakamura", "--role", "top_management"], "中村 花子 (nakamura) does not hold this role"),
        (["C-001", "--as", "kobayashi", "--force", "--role", "audit_lead"], "may not approve a contractor entry"),
        (["C-001", "--as", "tanaka"], "no active person with this id"),
        (["C-999", "--as", "nakamura"], "C-999: no entry has this id"),
        (["inventory/cs.yaml#PI-CS-009", "--as", "nakamura"], "has no entry with the id PI-CS-009"),
        (["inventory/nope.yaml#PI-CS-001", "--as", "nakamura"], "is not a data file"),
        (["C-001", "--as", "nakamura", "--date", "2026-12-01"], "cannot be dated in the future"),
        (["C-001", "--as", "nakamura", "--date", "1.12.2026"], "YYYY-MM-DD"),
        (["C-001", "--as", "yamamoto", "--role", "top_management"], "cannot sign on their behalf"),
    ],
)
def test_refusals(tmp_path: Path, args: list[str], reason: str) -> None:
    repo = pms(tmp_path / "r")
    result = signing(repo, "inventory/cs.yaml", *args)
    assert result.exit_code == 1
    assert "nothing was written" in result.stderr and reason in result.stderr, result.stderr
    status = subprocess.run(["git", "status", "--porcelain"], cwd=repo, capture_output=True, text=True, check=True)
    assert status.stdout == ""


@pytest.mark.usefixtures("as_nakamura")
def test_an_entry_with_schema_errors_is_refused_with_the_errors(tmp_path: Path) -> None:
    broken = INVENTORY.replace("retention: {period: P3Y, basis: 社内規程}", "retention: {period: 3年, basis: 社内規程}")
    repo = pms(tmp_path / "r", **{"inventory/cs.yaml": broken})
    result = signing(repo, "inventory/cs.yaml", "--as", "nakamura")
    assert result.exit_code == 1
    assert "PI-CS-002 in inventory/cs.yaml does not match its schema" in result.stderr
    line, column = where(repo, "inventory/cs.yaml", "3年")
    assert f"inventory/cs.yaml:{line}:{column}:" in result.stderr and "PI-CS-001" not in result.stderr
    assert (repo / "inventory/cs.yaml").read_text(encoding="utf-8") == broken


def test_force_signs_for_someone_else_loudly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", NAKAMURA)
    repo = pms(tmp_path / "r")
    result = signing(repo, "J.1.1", "--as", "yamamoto", "--force", "--date", "2026-11-01")
    assert result.exit_code == 0
    assert "WARNING: --force" in result.stderr and NAKAMURA in result.stderr
    assert "approved by 山本 一郎 (yamamoto) as top management (top_management) on 2026-11-01" in result.stdout
    assert entry(repo, "controls/J.1.yaml", 0)["approvals"][0]["by"] == "yamamoto"


def test_japanese_messages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", NAKAMURA)
    repo = pms(tmp_path / "r")
    result = signing(repo, "J.1.1", "--as", "nakamura", "--lang", "ja")
    assert result.exit_code == 1
    assert "承認を記録できません" in result.stderr and "承認できる役割を持っていません" in result.stderr
