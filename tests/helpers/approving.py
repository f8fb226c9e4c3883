"""What the approval tests do again and again: edit a file in place, sign as someone, read the findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.cli import run
from helpers.pms import CONFIG, pms
from helpers.repos import commit_as


def email(identity: str) -> str:
    """The address of "Name <address>"."""
    return identity[identity.index("<") + 1 : -1]


def edit(root: Path, rel: str, old: str, new: str) -> None:
    """Replace the first ``old`` in a file by ``new`` (which must be there)."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def sign(root: Path, monkeypatch: pytest.MonkeyPatch, target: str, person: str, identity: str, *extra: str) -> None:
    """``pmarklint sign`` run by ``identity`` (git's user.email is what sign and the hook look at)."""
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", email(identity))
    result = run("sign", target, "--as", person, "--repo", root, "--date", "2026-05-02", *extra)
    assert result.exit_code == 0, result.stderr


def findings(root: Path, *extra: str) -> list[dict]:
    result = run("check", root, "--format", "json", "--today", "2026-11-26", "--lang", "en", *extra)
    assert result.exit_code in (0, 1), result.stderr
    return result.json()["findings"]


def summary(root: Path, *extra: str) -> list[tuple[str, str | None, str | None]]:
    """(rule, entry, path inside the entry) of each finding."""
    return [(f["rule"], f["entry"], f.get("path")) for f in findings(root, *extra)]


# The people of tests/helpers/pms.py's roster, as git identities, and the ledger they work on.
SAITO = "Misaki Saito <saito@sakura-market.example>"  # staff (internal auditor): writes the ledgers
NAKAMURA = "Hanako Nakamura <nakamura@sakura-market.example>"  # privacy manager: approves them
YAMAMOTO = "Ichiro Yamamoto <yamamoto@sakura-market.example>"  # top management: approves the roster
LEDGER = "contractors/contractors.yaml"
ENFORCED = CONFIG + "require_approvals: {contractor: error}\n"


def changed_by_staff(root: Path) -> Path:
    """The clean repository of tests/helpers/pms.py with approvals enforced for contractors, then staff changes
    C-001's service in a commit of her own; nobody has approved it yet."""
    repo = pms(root, config=ENFORCED)
    edit(repo, LEDGER, "service: 商品の配送", "service: 商品の配送と返品の回収")
    commit_as(repo, SAITO, "C-001: returns too", day="2026-05-01T10:00:00+09:00")
    return repo
