"""Real PMS repositories in temporary folders, real git with pinned identities and dates."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

from pmarklint.rules import CATALOG

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent
GOLDEN = TESTS / "golden"

# Settings with every check on, as a real repository has them.
FULL_CONFIG = """organization: {name: 株式会社テスト}
framework: pmark-2023
language: en
departments:
  - {id: cs, name: カスタマーサービス部}
"""
# For tests that look at one file or one rule: the checks that need a complete repository (the whole catalog,
# a roster, reviews, retention, a risk register) are off, so that a two-line ledger is a clean repository.
CONFIG = FULL_CONFIG + "rules: {PML205: off, PML302: off, PML502: off, PML504: off, PML736: off}\n"

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Hanako Nakamura",
    "GIT_AUTHOR_EMAIL": "nakamura@example.test",
    "GIT_COMMITTER_NAME": "Hanako Nakamura",
    "GIT_COMMITTER_EMAIL": "nakamura@example.test",
    "GIT_AUTHOR_DATE": "2026-04-01T09:00:00+09:00",
    "GIT_COMMITTER_DATE": "2026-04-01T09:00:00+09:00",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    proc = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return proc.stdout


def write(repo: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        if content == CATALOG:  # the shipped catalog, copied into the folder as `pmarklint init` does
            write(repo, {rel + p.name: p.read_text(encoding="utf-8") for p in (ROOT / "controls").glob("*.yaml")})
            continue
        path = repo / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def make_repo(root: Path, files: dict[str, str | bytes], *, config: str = CONFIG, use_git: bool = True) -> Path:
    """A PMS repository: pmarklint.yaml plus ``files``. With git, every file is committed, except paths
    that start with '?' which are written but left untracked."""
    root.mkdir(parents=True, exist_ok=True)
    tracked = {k: v for k, v in files.items() if not k.startswith("?")}
    write(root, {"pmarklint.yaml": config})
    write(root, tracked)  # in order: a file may replace one of a copied catalog
    if use_git:
        git(root, "init", "-q", "-b", "main")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "initial")
    write(root, {k[1:]: v for k, v in files.items() if k.startswith("?")})
    return root


def commit_as(
    repo: Path, author: str, message: str, *, day: str = "2026-04-02T10:00:00+09:00", add: bool = True
) -> str:
    """Commit everything in ``repo`` as ``author`` ("Name <email>"), on ``day``; returns the commit id."""
    name, email = author[: author.index("<")].strip(), author[author.index("<") + 1 : author.index(">")]
    env = {
        **os.environ,
        **GIT_ENV,
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
        "GIT_AUTHOR_DATE": day,
        "GIT_COMMITTER_DATE": day,
    }
    if add:
        subprocess.run(["git", "add", "-A"], cwd=repo, env=env, check=True)
    subprocess.run(["git", "commit", "-q", "--allow-empty", "-m", message], cwd=repo, env=env, check=True)
    return git(repo, "rev-parse", "HEAD").strip()


def play(repo: Path, history: Any) -> None:
    """Commit each step of an Example's ``history`` ((author, files) pairs), a day apart."""
    for number, (author, files) in enumerate(history):
        write(repo, dict(files))
        commit_as(repo, author, f"step {number + 1}", day=f"2026-04-{number + 2:02d}T10:00:00+09:00")


INVENTORY_ENTRY = """  - id: {id}
    name: 顧客情報
    department: cs
    data_items: [氏名, 住所]
    purpose: 商品の発送
"""


def inventory(*ids: str, extra: str = "") -> str:
    return "kind: inventory\nentries:\n" + "".join(INVENTORY_ENTRY.format(id=i) + extra for i in ids)


# An inventory ledger as `pmarklint init` lays it out, with one entry whose retention period is a parameter:
# the broken and the good change that the hook and CI tests commit.
INIT_INVENTORY = """# yaml-language-server: $schema=../.pmarklint/schemas/inventory.schema.json
kind: inventory
entries:
  - id: PI-001
    name: Customer data
    department: privacy-office
    data_items: [氏名]
    purpose: Shipping orders and answering enquiries
    retention: {{period: {period}}}
    disposal: Deleted from the order system
    last_reviewed: 2026-04-01
"""
BAD_INVENTORY = INIT_INVENTORY.format(period="5年")
GOOD_INVENTORY = INIT_INVENTORY.format(period="P5Y")
