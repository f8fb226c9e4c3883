"""Crashes (issue 12): what used to end a command with "internal error" (exit 2) is a finding with its code and
position, or a clean run. A 4,301-digit integer (Python's int-to-string limit), also in an old roster revision
that every later history check and trail reads; a file name with the byte 0x01 in the trail; a damaged cache
(tests/workspace/test_cache_robust.py and test_cache_consistency.py have every shape); and the YAML bombs of
old (nesting, anchors, NUL bytes). Real repositories, real git, the real command line."""

from __future__ import annotations

import json
import marshal
import os
import re
from importlib.metadata import version
from pathlib import Path

import pytest

from pmarklint.documents.loader import MAX_DEPTH
from pmarklint.workspace.cache import Cache

from helpers.cli import check_json, run
from helpers.pms import CONFIG, pms
from helpers.repos import commit_as, git, inventory, make_repo, write

TODAY = "2026-11-26"
SAITO = "Misaki Saito <saito@sakura-market.example>"


def no_crash(result: object) -> None:
    stderr = getattr(result, "stderr", "")
    assert "internal error" not in stderr and "Traceback" not in stderr, stderr


def test_a_4301_digit_integer_is_pml003_at_the_number(tmp_path: Path) -> None:
    ledger = inventory("PI-1", extra=f"    record_count: {'9' * 4301}\n")
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": ledger})
    result = check_json(repo)
    no_crash(result)
    assert result.exit_code == 1
    (found,) = result.json()["findings"]
    assert (found["rule"], found["file"], found["line"], found["column"]) == ("PML003", "inventory/a.yaml", 8, 19)
    assert "4301 digits" in found["message"]
    for args in (("trail", repo, "--since", "2026-04-01", "--until", "2026-04-30"), ("report", "fitgap", repo)):
        other = run(*args)
        no_crash(other)
        assert other.exit_code == 0, other.stderr


def test_an_old_roster_revision_with_a_huge_integer_breaks_no_later_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = pms(tmp_path / "pms", config=CONFIG + "require_approvals: {contractor: error}\n")
    roster = (root / "people/roster.yaml").read_text(encoding="utf-8")
    write(root, {"people/roster.yaml": roster.replace("last_reviewed: 2026-04-01", f"x-count: {'1' * 5000}", 1)})
    commit_as(root, SAITO, "A roster nobody can read", day="2026-05-01T10:00:00+09:00")
    write(root, {"people/roster.yaml": roster})
    commit_as(root, SAITO, "The roster back", day="2026-05-02T10:00:00+09:00")
    check = run("check", root, "--format", "json", "--today", TODAY, "--lang", "en")
    no_crash(check)
    assert check.exit_code == 1  # the approvals of the clean repository are missing: PML401, nothing else
    assert {f["rule"] for f in check.json()["findings"]} == {"PML401"}
    trail = run("trail", root, "--since", "2026-04-02", "--until", "2026-06-30", "--format", "json")
    no_crash(trail)
    assert trail.exit_code == 0
    assert json.loads(trail.stdout)["changes"] == []  # the unreadable revision is skipped; nothing changed


def test_a_file_name_with_byte_01_goes_through_the_trail(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1")})
    odd = "inventory/odd\x01name.yaml"
    write(repo, {odd: inventory("PI-2")})
    commit_as(repo, SAITO, "A ledger with an odd name", day="2026-05-01T10:00:00+09:00")
    result = run("trail", repo, "--since", "2026-04-02", "--until", "2026-06-30", "--format", "json")
    no_crash(result)
    assert result.exit_code == 0
    changes = json.loads(result.stdout)["changes"]
    assert [(c["entry"], c["action"], c["path"]) for c in changes] == [("PI-2", "added", odd)]
    markdown = run("trail", repo, "--since", "2026-04-02", "--until", "2026-06-30")
    assert markdown.exit_code == 0 and "\x01" not in markdown.stdout
    assert "inventory/odd\\x01name.yaml" in markdown.stdout  # shown as an escape, as in the text report


def test_a_settings_record_of_the_wrong_shape_in_the_cache_is_a_miss(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1")})
    cache = Cache(Path(os.environ["PMARKLINT_CACHE_DIR"]))
    key = cache.key("config", (repo / "pmarklint.yaml").read_bytes())
    path = cache.directory / key[:2] / key  # type: ignore[operator]
    path.parent.mkdir(parents=True)
    path.write_bytes(marshal.dumps((key, {"limits": {"max_file_size": "big"}})))
    result = check_json(repo)
    no_crash(result)
    assert (result.exit_code, result.codes()) == (0, [])


def _pyyaml_version() -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version("PyYAML"))[:3])


# Where a 100,000-deep flow list stops: PyYAML 6.0.4's libyaml refuses the 1,000th level while scanning ahead
# (column 1009), before our own limit sees the events; older versions leave it to ours (MAX_DEPTH levels in).
_NESTING_STOP = 1009 if _pyyaml_version() >= (6, 0, 4) else len("entries: ") + MAX_DEPTH


@pytest.mark.parametrize(
    ("content", "code", "where"),
    [
        (
            "kind: inventory\nentries: " + "[" * 100_000 + "]" * 100_000 + "\n",
            "PML003",
            (2, _NESTING_STOP),
        ),
        ("kind: inventory\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n", "PML003", (2, 4)),
        ("kind: inventory\nentries: []\n" + "\x00" * 1000, "PML001", (3, 1)),
        ("kind: inventory\nentries: !!python/object:os.system [echo]\n", "PML003", (2, 10)),
        ("kind: inventory\n---\nkind: person\n", "PML003", (2, 1)),
    ],
    ids=["nesting", "billion-laughs", "nul-bytes", "python-tag", "two-documents"],
)
def test_yaml_bombs_are_findings(tmp_path: Path, content: str, code: str, where: tuple[int, int]) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": content})
    result = check_json(repo, "--no-cache")
    no_crash(result)
    assert result.exit_code == 1
    (found,) = result.json()["findings"]
    assert (found["rule"], found["file"], found["line"], found["column"]) == (code, "inventory/a.yaml", *where)
    assert found["message"]


def test_a_file_that_is_a_folder_in_an_old_commit_is_no_crash(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1")})
    git(repo, "rm", "-q", "inventory/a.yaml")
    write(repo, {"inventory/a.yaml/b.yaml": inventory("PI-1")})
    commit_as(repo, SAITO, "A folder where the ledger was", day="2026-05-01T10:00:00+09:00")
    result = run("trail", repo, "--since", "2026-04-02", "--until", "2026-06-30", "--format", "json")
    no_crash(result)
    assert result.exit_code == 0
    assert [(c["entry"], c["action"]) for c in json.loads(result.stdout)["changes"]] == [("PI-1", "moved")]
