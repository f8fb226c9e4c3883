"""``pmarklint migrate risks``: an inventory's risks lists move to the risk register, the inventory keeps its
comments and layout, a second run finds nothing, and nothing is written when something is in the way."""

from __future__ import annotations

from pathlib import Path

from pmarklint.approvals.digest import digest
from pmarklint.migrate.risks import phase_of, threats_of

from helpers.cli import run
from helpers.repos import CONFIG, git, make_repo

INVENTORY = """# yaml-language-server: $schema=../schemas/inventory.schema.json
# 個人情報管理台帳 (カスタマーサービス部)
kind: inventory
entries:
  - id: PI-001
    name: 顧客情報   # 注文と発送
    department: cs
    data_items: [氏名, 住所]
    purpose: 商品の発送
    risks:
      # 2026年の分析
      - phase: 保管
        threat: 書類の紛失
        measure: 施錠保管
        residual: low
      - {phase: transfer, threat: 送り状の誤送信, residual: medium}
    last_reviewed: 2026-04-15   # 年1回

  - id: PI-002
    name: "購読者"
    department: cs
    data_items: [メールアドレス]
    purpose: お知らせの配信
"""
AFTER = """# yaml-language-server: $schema=../schemas/inventory.schema.json
# 個人情報管理台帳 (カスタマーサービス部)
kind: inventory
entries:
  - id: PI-001
    name: 顧客情報   # 注文と発送
    department: cs
    data_items: [氏名, 住所]
    purpose: 商品の発送
    last_reviewed: 2026-04-15   # 年1回

  - id: PI-002
    name: "購読者"
    department: cs
    data_items: [メールアドレス]
    purpose: お知らせの配信
"""
PI_001 = {
    "id": "PI-001",
    "name": "顧客情報",
    "department": "cs",
    "data_items": ["氏名", "住所"],
    "purpose": "商品の発送",
    "last_reviewed": "2026-04-15",
}
RISKS = f"""# yaml-language-server: $schema=../schemas/risk.schema.json
kind: risk
entries:
  - id: RA-PI-001-1
    inventory: PI-001
    phase: storage
    threats: [loss]
    description: 書類の紛失
    measures:
      - text: 施錠保管
    residual: low
    assessed_digest: {digest(PI_001)}
    reviewed_on: 2026-04-15

  - id: RA-PI-001-2
    inventory: PI-001
    phase: transfer
    threats: [leak]
    description: 送り状の誤送信
    residual: medium
    assessed_digest: {digest(PI_001)}
    reviewed_on: 2026-04-15
"""


def shop(tmp_path: Path, inventory: str = INVENTORY, **extra: str) -> Path:
    return make_repo(tmp_path / "r", {"inventory/cs.yaml": inventory, **extra}, config=CONFIG)


def migrate(repo: Path, *extra: str, lang: str = "en") -> tuple[int, str, str]:
    result = run("migrate", "risks", repo, "--lang", lang, *extra)
    return result.exit_code, result.stdout, result.stderr


def test_risks_move_to_the_register_and_the_inventory_keeps_its_layout(tmp_path: Path) -> None:
    repo = shop(tmp_path)
    code, out, err = migrate(repo)
    assert (code, err) == (0, "")
    assert out == (
        "Moved 2 risks of 1 inventory entry to risks/cs.yaml.\n"
        "  wrote risks/cs.yaml (2 entries)\n"
        "  removed risks from 1 entry in inventory/cs.yaml\n"
        "Next: fill in what the inventory did not say (threats, likelihood, impact, accepted_by and accepted_on by "
        "top management), assess the phases not listed or mark them not applicable, and run 'pmarklint check' "
        "(docs/risks.md).\n"
    )
    assert (repo / "inventory/cs.yaml").read_text(encoding="utf-8") == AFTER
    assert (repo / "risks/cs.yaml").read_text(encoding="utf-8") == RISKS
    # the register is what check reads now: the assessed digest holds, the PML735 warning is gone, and what the
    # inventory never said is listed (the three phases not covered, the residual risks nobody accepted)
    git(repo, "add", "-A")
    result = run("check", repo, "--format", "json", "--today", "2026-11-26", "--lang", "en")
    found = sorted((f["rule"], f["entry"]) for f in result.json()["findings"] if f["rule"].startswith("PML73"))
    assert found == [
        ("PML730", "PI-001"),
        ("PML730", "PI-002"),
        ("PML731", "RA-PI-001-1"),
        ("PML731", "RA-PI-001-2"),
    ]


def test_a_second_run_finds_nothing_to_move(tmp_path: Path) -> None:
    repo = shop(tmp_path)
    assert migrate(repo)[0] == 0
    before = {p: p.read_bytes() for p in repo.rglob("*.yaml")}
    assert migrate(repo) == (0, "No inventory entry records risks: nothing to migrate.\n", "")
    assert migrate(repo, lang="ja") == (0, "リスクを記録した台帳エントリはありません。移行するものはありません。\n", "")
    assert {p: p.read_bytes() for p in repo.rglob("*.yaml")} == before


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    repo = shop(tmp_path)
    code, out, _ = migrate(repo, "--dry-run")
    assert code == 0 and out.endswith("Nothing was written (--dry-run).\n")
    assert (repo / "inventory/cs.yaml").read_text(encoding="utf-8") == INVENTORY
    assert not (repo / "risks").exists()


def test_refuses_to_overwrite_a_risk_file(tmp_path: Path) -> None:
    repo = shop(tmp_path, **{"risks/cs.yaml": "kind: risk\nentries: []\n"})
    code, out, err = migrate(repo)
    assert (code, out) == (2, "")
    assert err == (
        "pmarklint: error: risks/cs.yaml already exists: nothing was written; move it away or choose another folder for risk "
        "in pmarklint.yaml (paths.risk)\n"
    )
    assert (repo / "inventory/cs.yaml").read_text(encoding="utf-8") == INVENTORY
    assert (repo / "risks/cs.yaml").read_text(encoding="utf-8") == "kind: risk\nentries: []\n"


def test_refuses_a_phase_it_cannot_read_and_an_id_already_taken(tmp_path: Path) -> None:
    repo = shop(tmp_path, INVENTORY.replace("phase: 保管", "phase: その他"))
    code, _, err = migrate(repo, lang="ja")
    assert code == 2
    assert err == (
        "pmarklint: エラー: inventory/cs.yaml:12: PI-001 のリスクの局面「その他」が分かりません(取得、移送、利用、保管、廃棄、または "
        "acquisition、transfer、use、storage、disposal など)。直してから移行をやり直してください。何も書いていません\n"
    )
    taken = "kind: contractor\nentries:\n  - id: RA-PI-001-2\n    name: 配送株式会社\n    service: 配送\n"
    repo = shop(tmp_path / "b", **{"contractors/c.yaml": taken})
    code, _, err = migrate(repo)
    assert code == 2
    assert err == (
        "pmarklint: error: the id RA-PI-001-2 that the migration would give the risk of PI-001 is already used "
        "(contractors/c.yaml): nothing was written\n"
    )
    assert (repo / "inventory/cs.yaml").read_text(encoding="utf-8") == INVENTORY
    assert not (repo / "risks").exists()


def test_refuses_when_a_file_cannot_be_read(tmp_path: Path) -> None:
    repo = shop(tmp_path, **{"inventory/broken.yaml": "kind: inventory\nentries: [\n"})
    code, _, err = migrate(repo)
    assert code == 2
    assert err.startswith("pmarklint: error: inventory/broken.yaml cannot be read (")
    assert err.endswith("): correct it first; nothing was written\n")
    assert (repo / "inventory/cs.yaml").read_text(encoding="utf-8") == INVENTORY


def test_how_phases_and_threats_are_read() -> None:
    assert [phase_of(p) for p in ("取得", "移送", "利用・加工", "保管・バックアップ", "廃棄", "Storage")] == [
        "acquisition",
        "transfer",
        "use",
        "storage",
        "disposal",
        "storage",
    ]
    assert phase_of("その他") is None and phase_of(None) is None
    assert threats_of("個人番号を含む書類の紛失・盗難") == ["leak", "loss"]
    assert threats_of("フォームの改ざんによる入力情報の窃取") == ["leak", "damage"]
    assert threats_of("権限が広すぎる") == []
