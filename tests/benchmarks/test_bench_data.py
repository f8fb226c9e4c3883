"""The default mode's generated repository (benchmarks/bench.py) is a current one: no former `risks` lists in
the inventory, no risk register, and PML736 turned off for it, so no risk rule speaks. Nothing is timed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pytest

from pmarklint.documents.loader import parse

from helpers.cli import check_json
from helpers.repos import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import bench

pytestmark = pytest.mark.slow

ARGS = argparse.Namespace(entries=60, files=4, contractors=10, people=20, seed=20261126)
RISK_RULES = {"PML730", "PML731", "PML732", "PML733", "PML734", "PML735", "PML736"}


def generated(repo: Path) -> Path:
    repo.mkdir()
    bench.generate(repo, ARGS)
    bench.git_commit(repo)
    return repo


def test_no_risk_rule_speaks_on_the_generated_repository(tmp_path: Path) -> None:
    repo = generated(tmp_path / "repo")
    for path in sorted((repo / "inventory").glob("*.yaml")):
        document = parse(path.read_text("utf-8"), path.name).document
        assert document is not None, path
        assert all("risks" not in entry for entry in document.data["entries"]), path
    assert not (repo / "risks").exists()
    result = check_json(repo)
    assert result.exit_code in (0, 1), result.stderr
    assert "PML101" not in result.codes()  # the generator and the schemas agree
    assert not RISK_RULES & set(result.codes())


def test_without_its_setting_the_missing_register_is_reported(tmp_path: Path) -> None:
    """The setting is what keeps PML736 quiet: the same repository without it gets the one warning."""
    repo = generated(tmp_path / "repo")
    settings = repo / "pmarklint.yaml"
    text = settings.read_text("utf-8")
    setting = 'rules:\n  PML736: "off"\n'
    assert setting in text
    settings.write_text(text.replace(setting, ""), "utf-8")
    assert check_json(repo).codes().count("PML736") == 1


def test_one_edit_changes_one_purpose_of_one_file(tmp_path: Path) -> None:
    """The edit measurement's edit: the first purpose of the i-th inventory file gains a few characters and
    nothing else changes, so the findings stay those of the unedited repository."""
    repo = generated(tmp_path / "repo")
    before = {p.name: parse(p.read_text("utf-8"), p.name).document.data for p in (repo / "inventory").glob("*.yaml")}
    assert bench.edit_one(repo, 5) == "inventory/inv-01.yaml"  # 5 % 4 files
    for path in (repo / "inventory").glob("*.yaml"):
        data = parse(path.read_text("utf-8"), path.name).document.data
        if path.name != "inv-01.yaml":
            assert data == before[path.name]
            continue
        old, new = before[path.name]["entries"], data["entries"]
        assert new[0]["purpose"] == "（改5）" + old[0]["purpose"]
        assert [dict(e, purpose=None) for e in new] == [dict(e, purpose=None) for e in old]
        assert new[1:] == old[1:]


def test_the_wrapper_reports_the_command_s_own_peak_memory(tmp_path: Path) -> None:
    """A child that holds about 60 MB is reported with at least that much; its output passes through."""
    env = dict(bench.os.environ)
    seconds, rss, proc = bench.measured(
        [sys.executable, "-c", "import sys; b = bytearray(60_000_000); sys.stdout.write('out'); sys.stderr.write('e')"],
        env,
    )
    assert proc.returncode == 0
    assert proc.stdout == b"out"
    assert proc.stderr == b"e"
    assert rss >= 60_000_000
    assert seconds > 0
