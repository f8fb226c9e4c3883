"""The github and gitlab samples of docs/output-formats.md are the real output of `pmarklint check examples/shop
--today 2026-11-26 --lang en --format FORMAT` run from the repository's top: every line a sample shows is a line
of that output, so a change to the example or to a message that the page would misstate fails here. (The junit
sample is checked against the golden file by tests/cli/test_docs_cli.py.)"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from helpers.cli import run
from helpers.repos import ROOT, git

PAGE = ROOT / "docs" / "output-formats.md"


@pytest.fixture(autouse=True)
def _outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GITHUB_ACTIONS", "GITHUB_WORKSPACE", "CI_PROJECT_DIR"):
        monkeypatch.delenv(name, raising=False)


def sample(heading: str) -> str:
    """The first fenced block under the ``## `heading``` section of the page."""
    section = PAGE.read_text(encoding="utf-8").split(f"## `{heading}`", 1)[1]
    match = re.search(r"```[a-z]*\n(.*?)```", section, re.DOTALL)
    assert match is not None, heading
    return match.group(1)


def output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> str:
    """The example's report in ``fmt``, run from the top of a repository that holds it at examples/shop."""
    top = tmp_path / "top"
    shutil.copytree(ROOT / "examples" / "shop", top / "examples" / "shop")
    git(top, "init", "-q")
    git(top, "add", "-A")
    monkeypatch.chdir(top)
    result = run("check", "examples/shop", "--today", "2026-11-26", "--lang", "en", "--format", fmt)
    assert result.exit_code == 1, result.stderr
    return result.stdout


def test_every_line_of_the_github_sample_is_a_line_of_the_real_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = [line.rstrip() for line in sample("github").splitlines() if line.strip()]
    real = {line.rstrip() for line in output(tmp_path, monkeypatch, "github").splitlines()}
    assert len(shown) >= 3
    assert [line for line in shown if line not in real] == []


def test_the_github_sample_ends_with_the_real_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    last = sample("github").strip().splitlines()[-1]
    assert last == output(tmp_path, monkeypatch, "github").strip().splitlines()[-1]
    assert last == "32 files, 166 entries: 25 errors, 2 warnings, 1 waived"


def test_the_gitlab_sample_is_an_issue_of_the_real_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown = json.loads(sample("gitlab").replace("…64 hex digits…", "FINGERPRINT"))
    real = json.loads(output(tmp_path, monkeypatch, "gitlab"))
    by_text = {issue["description"]: issue for issue in real}
    for issue in shown:
        found = by_text.get(issue["description"])
        assert found is not None, issue["description"]
        assert re.fullmatch(r"[0-9a-f]{64}", found["fingerprint"])
        assert {**issue, "fingerprint": found["fingerprint"]} == found
