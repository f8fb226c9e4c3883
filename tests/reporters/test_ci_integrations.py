"""The ready-made CI integrations: the composite GitHub Action (action.yml and ci/github/run-check.sh), the
GitLab CI job (ci/gitlab/pmarklint.gitlab-ci.yml) and the CI files ``pmarklint init --ci`` writes.

Nothing here talks to GitHub or GitLab. The files are read with pmarklint's own YAML loader (which also
refuses duplicate keys and keeps ``on:`` a string), and their shell steps are run for real with bash, the
installed ``pmarklint`` script and real git, in the order and with the environment the CI service would give
them: :class:`Steps` plays the part of the Actions runner for ``run:`` steps (``uses:`` steps are only
recorded), and the GitLab job's script lines run in one errexit shell as GitLab's runner does.

Every PMS repository is made with ``python -m pmarklint init --no-git``, a ledger entry (broken or valid) and
``git init`` plus a first commit with a pinned identity and date."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from pmarklint import __version__
from pmarklint.documents.loader import parse
from pmarklint.workspace import scaffold

from helpers.repos import BAD_INVENTORY, GOOD_INVENTORY, ROOT, git

ACTION = ROOT / "action.yml"
SCRIPT = ROOT / "ci" / "github" / "run-check.sh"
GITLAB_TEMPLATE = ROOT / "ci" / "gitlab" / "pmarklint.gitlab-ci.yml"
TODAY = "2026-11-26"

_SCRIPTS_DIR = Path(sysconfig.get_path("scripts"))
_PMARKLINT = _SCRIPTS_DIR / ("pmarklint.exe" if os.name == "nt" else "pmarklint")
needs_installed_pmarklint = pytest.mark.skipif(
    shutil.which("bash") is None or not _PMARKLINT.is_file(),
    reason="needs bash and the pmarklint script installed next to this Python (pip install -e .)",
)

# Where the broken value stands, counted by hand the way a person reads the file: 1-based line and column.
BAD_LINE = BAD_INVENTORY.splitlines().index("    retention: {period: 5年}") + 1
BAD_COLUMN = "    retention: {period: ".__len__() + 1


def load_yaml(path: Path) -> Any:
    """The file's data through pmarklint's loader; any finding (syntax, duplicate key, anchors) fails."""
    result = parse(path.read_text(encoding="utf-8"), path.name)
    assert result.findings == [], [f.message("en") for f in result.findings]
    assert result.document is not None
    return result.document.data


# Fixture repositories


def new_pms(directory: Path, inventory: str | None = None, *, ci: str | None = None, commit: bool = True) -> Path:
    """``pmarklint init`` (in a subprocess, like a user), then the given inventory, then a first commit."""
    directory.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "pmarklint", "init", directory.name, "--lang", "en", "--no-git"]
    subprocess.run(command, cwd=directory.parent, check=True, capture_output=True)
    if ci is not None:
        scaffold.create(directory, "en", git=False, ci=ci)
    if inventory is not None:
        (directory / "inventory" / "inventory.yaml").write_text(inventory, encoding="utf-8")
    if commit:
        git(directory, "init", "-q", "-b", "main")
        git(directory, "add", "-A")
        git(directory, "commit", "-q", "-m", "PMS repository from pmarklint init")
    return directory


def ci_env(workspace: Path, **extra: str) -> dict[str, str]:
    """The environment of a CI job: this machine's, without anything a CI service or an earlier run set, with
    the installed pmarklint first on PATH."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GITHUB_", "INPUT_", "RUNNER_", "CI_", "PMARKLINT_"))
        and k not in {"CI", "PYTHONPATH", "VIRTUAL_ENV"}
    }
    env["PMARKLINT_CACHE_DIR"] = os.environ["PMARKLINT_CACHE_DIR"]
    env["PATH"] = os.pathsep.join([str(_SCRIPTS_DIR), env.get("PATH", "")])
    return {**env, "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(workspace), **extra}


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str

    def annotations(self, level: str = "error") -> list[str]:
        return [line for line in self.stdout.splitlines() if line.startswith(f"::{level} ")]


def run_script(cwd: Path, *args: str, **env: str) -> Ran:
    proc = subprocess.run(
        ["bash", str(SCRIPT), *args], cwd=cwd, env=ci_env(cwd, **env), capture_output=True, text=True, check=False
    )
    return Ran(proc.returncode, proc.stdout, proc.stderr)


def pml101(annotations: list[str]) -> tuple[str, int, int, str]:
    """The one PML101 annotation: (file, line, column, message)."""
    pattern = re.compile(r"::error file=([^,]+),line=(\d+),col=(\d+),(?:[^:]*,)?title=PML101[^:]*::(.*)")
    found = [m for m in map(pattern.fullmatch, annotations) if m]
    assert len(found) == 1, annotations
    file, line, column, message = found[0].groups()
    return file, int(line), int(column), message


# (a) action.yml


def test_action_is_a_composite_action_whose_inputs_are_declared() -> None:
    action = load_yaml(ACTION)
    assert action["runs"]["using"] == "composite"
    declared = set(action["inputs"])
    assert declared == {"path", "today", "strict", "sarif", "version", "python-version"}
    assert action["inputs"]["path"]["default"] == "."
    assert action["inputs"]["strict"]["default"] == action["inputs"]["sarif"]["default"] == "false"
    assert action["inputs"]["python-version"]["default"] == "3.11"
    text = ACTION.read_text(encoding="utf-8")
    used = set(re.findall(r"\binputs\.([A-Za-z0-9_-]+)", text))
    assert used == declared  # every input used is declared, and every declared one is used
    for step in action["runs"]["steps"]:
        assert "run" not in step or step.get("shell") == "bash", step  # composite run steps must name a shell
    assert "fetch-depth: 0" in text  # the full-history note for the caller's checkout
    setup = action["runs"]["steps"][0]
    assert setup["uses"].startswith("actions/setup-python@")
    assert setup["with"]["python-version"] == "${{ inputs.python-version }}"
    upload = [s for s in action["runs"]["steps"] if str(s.get("uses", "")).startswith("github/codeql-action/")]
    assert len(upload) == 1 and upload[0]["uses"].startswith("github/codeql-action/upload-sarif@")


# What each of the script's steps reads. Checked against the script itself, so that a new setting cannot be
# added to the script without being passed by action.yml.
SCRIPT_ENV = {
    "install": {"INPUT_VERSION"},
    "check": {"INPUT_PATH", "INPUT_TODAY", "INPUT_STRICT"},
    "sarif": {"INPUT_PATH", "INPUT_TODAY", "INPUT_SARIF_FILE"},
}


def test_every_step_that_runs_the_script_passes_the_settings_it_reads() -> None:
    read_by_script = set(re.findall(r"\b(INPUT_[A-Z_]+)", SCRIPT.read_text(encoding="utf-8")))
    assert read_by_script == set().union(*SCRIPT_ENV.values()) | {"INPUT_SARIF"}  # INPUT_SARIF: without a step
    steps = [s for s in load_yaml(ACTION)["runs"]["steps"] if "run" in s]
    called = []
    for step in steps:
        match = re.fullmatch(r'bash "\$GITHUB_ACTION_PATH/ci/github/run-check\.sh" (\w+)', step["run"].strip())
        assert match, step["run"]
        name = match.group(1)
        called.append(name)
        env = step.get("env", {})
        assert set(env) >= SCRIPT_ENV[name], (name, env)
        for key, value in env.items():
            if key != "INPUT_SARIF_FILE":  # a fixed name, not an input
                assert value == "${{ inputs." + key.removeprefix("INPUT_").lower() + " }}", (key, value)
    assert called == ["install", "check", "sarif"]


# (b) ci/github/run-check.sh, run with bash as the action runs it


def test_script_is_valid_bash() -> None:
    subprocess.run(["bash", "-n", str(SCRIPT)], check=True)
    if shutil.which("shellcheck"):
        proc = subprocess.run(["shellcheck", str(SCRIPT)], capture_output=True, text=True, check=False)
        assert proc.returncode == 0, proc.stdout


@needs_installed_pmarklint
def test_script_annotates_a_broken_ledger_and_fails(tmp_path: Path) -> None:
    repo = new_pms(tmp_path / "repo", BAD_INVENTORY)
    outputs, summary = tmp_path / "github_output", tmp_path / "step_summary"

    ran = run_script(
        repo,
        PMARKLINT_SKIP_INSTALL="1",
        INPUT_PATH=str(repo),
        INPUT_TODAY=TODAY,
        GITHUB_OUTPUT=str(outputs),
        GITHUB_STEP_SUMMARY=str(summary),
    )

    assert ran.returncode == 1, ran
    file, line, column, message = pml101(ran.annotations())
    assert (file, line, column) == ("inventory/inventory.yaml", BAD_LINE, BAD_COLUMN)
    assert message.startswith("PI-001: ") and "5年" in message
    assert len(ran.annotations()) == 1  # the fresh repository's other findings are warnings
    assert "exit-code=1" in outputs.read_text(encoding="utf-8").splitlines()
    report = summary.read_text(encoding="utf-8")
    assert report.startswith("### pmarklint") and "PML101" in report and "5年" in report
    assert not (repo / "pmarklint.sarif").exists()  # only with INPUT_SARIF=true


@needs_installed_pmarklint
def test_script_passes_a_clean_repository(tmp_path: Path) -> None:
    repo = new_pms(tmp_path / "repo", GOOD_INVENTORY)

    ran = run_script(repo, PMARKLINT_SKIP_INSTALL="1", INPUT_PATH=str(repo), INPUT_TODAY=TODAY)

    assert ran.returncode == 0, ran
    assert ran.annotations() == []
    assert ran.annotations("warning")  # a new repository's to-do list: annotated, not failing
    assert "0 errors" in ran.stdout


@needs_installed_pmarklint
def test_script_strict_fails_on_warnings(tmp_path: Path) -> None:
    repo = new_pms(tmp_path / "repo", GOOD_INVENTORY)

    ran = run_script(repo, PMARKLINT_SKIP_INSTALL="1", INPUT_TODAY=TODAY, INPUT_STRICT="true")

    assert ran.returncode == 1, ran
    assert ran.annotations() == [] and ran.annotations("warning")


@needs_installed_pmarklint
def test_script_writes_sarif_even_when_the_check_fails(tmp_path: Path) -> None:
    repo = new_pms(tmp_path / "repo", BAD_INVENTORY)
    outputs = tmp_path / "github_output"

    ran = run_script(
        repo, PMARKLINT_SKIP_INSTALL="1", INPUT_TODAY=TODAY, INPUT_SARIF="true", GITHUB_OUTPUT=str(outputs)
    )

    assert ran.returncode == 1, ran  # the check's exit code, not the SARIF step's
    sarif = json.loads((repo / "pmarklint.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    results = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "PML101"]
    assert len(results) == 1
    location = results[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "inventory/inventory.yaml"
    assert (location["region"]["startLine"], location["region"]["startColumn"]) == (BAD_LINE, BAD_COLUMN)
    assert "sarif-file=pmarklint.sarif" in outputs.read_text(encoding="utf-8").splitlines()


@needs_installed_pmarklint
def test_script_names_files_from_the_repository_top_when_the_pms_is_a_subfolder(tmp_path: Path) -> None:
    top = tmp_path / "top"
    new_pms(top / "pms", BAD_INVENTORY, commit=False)
    git(top, "init", "-q", "-b", "main")
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "PMS in a subfolder")

    ran = run_script(top, PMARKLINT_SKIP_INSTALL="1", INPUT_PATH="pms", INPUT_TODAY=TODAY)

    assert ran.returncode == 1, ran
    assert pml101(ran.annotations())[:3] == ("pms/inventory/inventory.yaml", BAD_LINE, BAD_COLUMN)


@needs_installed_pmarklint
def test_script_turns_a_tool_failure_into_an_annotation_and_exit_2(tmp_path: Path) -> None:
    empty = tmp_path / "not-a-pms"
    empty.mkdir()

    ran = run_script(empty, PMARKLINT_SKIP_INSTALL="1", INPUT_TODAY=TODAY)

    assert ran.returncode == 2, ran
    assert ran.stderr.strip()  # pmarklint's own message, shown as it is
    [annotation] = ran.annotations()
    message = ran.stderr.strip().replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    assert annotation == f"::error title=pmarklint could not run (exit code 2)::{message}"


@needs_installed_pmarklint
@pytest.mark.parametrize("name", ["STRICT", "SARIF"])
def test_script_refuses_a_flag_that_is_not_true_or_false(tmp_path: Path, name: str) -> None:
    ran = run_script(tmp_path, PMARKLINT_SKIP_INSTALL="1", **{f"INPUT_{name}": "yes"})

    assert ran.returncode == 2, ran
    assert ran.annotations() == [
        f"::error title=pmarklint action input::{name.lower()} must be true or false, got 'yes'"
    ]


@needs_installed_pmarklint
@pytest.mark.parametrize(
    ("version", "requirement"),
    [
        ("", str(ROOT)),  # the action's own checkout
        ("0.1.0", "pmarklint==0.1.0"),
        (">=0.1,<0.2", "pmarklint>=0.1,<0.2"),
        ("~=0.1.0", "pmarklint~=0.1.0"),
        ("pmarklint @ git+https://git.example.com/org/pmarklint@v0.1.0", None),
    ],
)
def test_script_install_step_asks_pip_for_the_version_input(
    tmp_path: Path, version: str, requirement: str | None
) -> None:
    """pip is replaced by a stand-in ``python`` that records its arguments (nothing is downloaded); the
    installed pmarklint script still answers ``--version``."""
    fake = tmp_path / "bin"
    fake.mkdir()
    record = tmp_path / "pip-args"
    (fake / "python").write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{record}"\n', encoding="utf-8")
    (fake / "python").chmod(0o755)
    env = ci_env(tmp_path, INPUT_VERSION=version)
    env["PATH"] = os.pathsep.join([str(fake), env["PATH"]])

    proc = subprocess.run(["bash", str(SCRIPT), "install"], cwd=tmp_path, env=env, capture_output=True, text=True)

    assert proc.returncode == 0, proc.stderr
    args = record.read_text(encoding="utf-8").splitlines()
    assert args[:3] == ["-m", "pip", "install"]
    assert args[-1] == (requirement or version)
    assert f"pmarklint, version {__version__}" in proc.stdout


# The action's steps in order, as the Actions runner runs them


@dataclass
class Steps:
    """A stand-in for the GitHub Actions runner, enough for pmarklint's files: ``run:`` steps run with bash
    and exactly the environment the step declares (on top of the job's), each with its own GITHUB_OUTPUT;
    ``if:`` conditions of the forms used here are evaluated; ``uses:`` steps are recorded, not run."""

    cwd: Path
    env: dict[str, str]
    inputs: dict[str, str] = field(default_factory=dict)
    skip: frozenset[str] = frozenset()  # names of run steps not to run (they install from the network)
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    results: list[tuple[str, str]] = field(default_factory=list)  # (step name, outcome)
    used: list[dict[str, Any]] = field(default_factory=list)  # the uses: steps that would run, resolved
    stdout: str = ""
    failed: bool = False

    def expand(self, value: object) -> str:
        return re.sub(r"\$\{\{\s*(.*?)\s*\}\}", lambda m: self.value(m.group(1)), str(value))

    def value(self, expression: str) -> str:
        if expression.startswith("inputs."):
            return self.inputs[expression.removeprefix("inputs.")]
        if match := re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression):
            return self.outputs.get(match.group(1), {}).get(match.group(2), "")
        if expression == "github.action_path":
            return str(ROOT)
        raise AssertionError(f"the stand-in runner does not know ${{{{ {expression} }}}}")

    def condition(self, expression: str | None) -> bool:
        if expression is None:
            return not self.failed  # success()
        # A condition without a status function is "success() && ..." (GitHub's rule).
        ok = "always()" in expression or not self.failed
        for atom in (a.strip() for a in expression.split("&&")):
            if atom == "always()":
                continue
            match = re.fullmatch(r"([\w.-]+) (==|!=) '([^']*)'", atom)
            assert match, f"the stand-in runner does not know the condition {atom!r}"
            left, operator, right = match.groups()
            equal = self.value(left).lower() == right.lower()  # GitHub compares strings ignoring case
            ok = ok and (equal if operator == "==" else not equal)
        return ok

    def run(self, steps: list[dict[str, Any]]) -> Steps:
        for number, step in enumerate(steps):
            name = step.get("name") or step.get("uses") or f"step {number}"
            if not self.condition(step.get("if")):
                self.results.append((name, "skipped"))
                continue
            if "uses" in step:
                self.used.append({"uses": step["uses"], **{k: self.expand(v) for k, v in step.get("with", {}).items()}})
                self.results.append((name, "used"))
                continue
            if name in self.skip:
                self.results.append((name, "not run here"))
                continue
            output = self.cwd.parent / f"github_output_{number}"
            output.write_text("", encoding="utf-8")
            env = {
                **self.env,
                **{k: self.expand(v) for k, v in step.get("env", {}).items()},
                "GITHUB_OUTPUT": str(output),
                "GITHUB_ACTION_PATH": str(ROOT),
            }
            shell = (
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c"]
                if step.get("shell")
                else ["bash", "-e", "-c"]
            )
            proc = subprocess.run([*shell, step["run"]], cwd=self.cwd, env=env, capture_output=True, text=True)
            self.stdout += proc.stdout
            if "id" in step:
                lines = output.read_text(encoding="utf-8").splitlines()
                self.outputs[step["id"]] = dict(line.split("=", 1) for line in lines if "=" in line)
            if proc.returncode != 0 and not step.get("continue-on-error"):
                self.failed = True
            self.results.append((name, f"exit {proc.returncode}"))
        return self


def action_inputs(**given: str) -> dict[str, str]:
    defaults = {k: str(v.get("default", "")) for k, v in load_yaml(ACTION)["inputs"].items()}
    return {**defaults, **given}


@needs_installed_pmarklint
def test_action_steps_annotate_fail_and_still_upload_sarif(tmp_path: Path) -> None:
    repo = new_pms(tmp_path / "repo", BAD_INVENTORY)
    action = load_yaml(ACTION)
    env = ci_env(repo, PMARKLINT_SKIP_INSTALL="1")  # as a job that installed pmarklint itself

    runner = Steps(repo, env, action_inputs(today=TODAY, sarif="true")).run(action["runs"]["steps"])

    assert runner.results == [
        ("Set up Python for pmarklint", "used"),
        ("Install pmarklint", "exit 0"),
        ("pmarklint check", "exit 1"),
        ("pmarklint SARIF report", "exit 0"),  # if: always(): after the failed check too
        ("Upload the SARIF report to code scanning", "used"),
    ]
    assert runner.failed
    assert pml101(Ran(0, runner.stdout, "").annotations())[:3] == ("inventory/inventory.yaml", BAD_LINE, BAD_COLUMN)
    setup, upload = runner.used
    assert setup == {"uses": setup["uses"], "python-version": "3.11"}
    assert upload["sarif_file"] == "pmarklint.sarif" and (repo / upload["sarif_file"]).is_file()
    assert runner.expand(action["outputs"]["exit-code"]["value"]) == "1"


@needs_installed_pmarklint
def test_action_steps_without_sarif_skip_the_report_and_the_upload(tmp_path: Path) -> None:
    repo = new_pms(tmp_path / "repo", GOOD_INVENTORY)
    action = load_yaml(ACTION)

    runner = Steps(repo, ci_env(repo, PMARKLINT_SKIP_INSTALL="1"), action_inputs(today=TODAY))
    runner.run(action["runs"]["steps"])

    assert [outcome for _, outcome in runner.results] == ["used", "exit 0", "exit 0", "skipped", "skipped"]
    assert not runner.failed and not (repo / "pmarklint.sarif").exists()


# (c) pmarklint init --ci: scaffold.create(ci=...)


def test_init_ci_github_writes_a_workflow_with_full_history(tmp_path: Path) -> None:
    report = scaffold.create(tmp_path, "en", git=False, ci="github")

    assert (".github/workflows/pmarklint.yml", True) in report
    path = tmp_path / ".github" / "workflows" / "pmarklint.yml"
    text = path.read_text(encoding="utf-8")
    workflow = load_yaml(path)
    assert "fetch-depth: 0" in text and "{version}" not in text
    assert set(workflow["on"]) == {"pull_request", "push"} and workflow["on"]["push"]["branches"] == ["main"]
    steps = workflow["jobs"]["pmarklint"]["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@") and steps[0]["with"]["fetch-depth"] == 0
    runs = [s["run"] for s in steps if "run" in s]
    # no release on a package index yet: from the organisation's copy of the repository (a URL to fill in)
    assert 'python -m pip install "pmarklint @ git+https://git.example.com/your-org/pmarklint"' in runs
    assert "pmarklint check" in runs
    assert any("--format sarif --output pmarklint.sarif" in r for r in runs)
    assert workflow["permissions"]["security-events"] == "write"
    assert not (tmp_path / ".gitlab-ci.yml").exists()


def test_init_ci_gitlab_writes_the_job_with_full_history_and_code_quality(tmp_path: Path) -> None:
    report = scaffold.create(tmp_path, "en", git=False, ci="gitlab")

    assert (".gitlab-ci.yml", True) in report
    job = load_yaml(tmp_path / ".gitlab-ci.yml")["pmarklint"]
    assert job["variables"]["GIT_DEPTH"] == "0"
    assert job["artifacts"]["when"] == "always"
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    requirement = "pmarklint @ git+https://git.example.com/your-org/pmarklint"
    assert job["variables"]["PMARKLINT_REQUIREMENT"] == requirement
    assert load_yaml(GITLAB_TEMPLATE)["pmarklint"]["variables"]["PMARKLINT_REQUIREMENT"] == requirement
    assert not (tmp_path / ".github").exists()


def test_init_without_ci_writes_no_ci_file(tmp_path: Path) -> None:
    scaffold.create(tmp_path, "en", git=False)
    assert not (tmp_path / ".github").exists() and not (tmp_path / ".gitlab-ci.yml").exists()
    with pytest.raises(ValueError, match="github, gitlab"):
        scaffold.create(tmp_path / "other", "en", git=False, ci="jenkins")


@pytest.mark.parametrize(("ci", "rel"), [("github", ".github/workflows/pmarklint.yml"), ("gitlab", ".gitlab-ci.yml")])
def test_init_ci_never_overwrites(tmp_path: Path, ci: str, rel: str) -> None:
    (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / rel).write_text("ours\n", encoding="utf-8")

    report = scaffold.create(tmp_path, "en", git=False, ci=ci)

    assert (rel, False) in report
    assert (tmp_path / rel).read_text(encoding="utf-8") == "ours\n"
    assert (tmp_path / "pmarklint.yaml").is_file()  # the rest is still written


@needs_installed_pmarklint
def test_init_github_workflow_steps_annotate_and_write_sarif(tmp_path: Path) -> None:
    repo = new_pms(tmp_path / "repo", BAD_INVENTORY, ci="github")
    workflow = load_yaml(repo / ".github" / "workflows" / "pmarklint.yml")
    job = workflow["jobs"]["pmarklint"]
    env = ci_env(repo, **job.get("env", {}), PMARKLINT_TODAY=TODAY)

    runner = Steps(repo, env, skip=frozenset({"Install pmarklint"})).run(job["steps"])

    assert [outcome for _, outcome in runner.results] == ["used", "used", "not run here", "exit 1", "exit 0", "used"]
    assert pml101(Ran(0, runner.stdout, "").annotations())[:3] == ("inventory/inventory.yaml", BAD_LINE, BAD_COLUMN)
    assert json.loads((repo / "pmarklint.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert runner.used[-1]["sarif_file"] == "pmarklint.sarif"


# (d) the GitLab CI template


def test_gitlab_template_is_the_job_init_writes(tmp_path: Path) -> None:
    """ci/gitlab/pmarklint.gitlab-ci.yml (for include:) and the .gitlab-ci.yml init writes differ in comments
    only, so the template pins the current version (update it with each release)."""
    scaffold.create(tmp_path, "en", git=False, ci="gitlab")
    included = load_yaml(GITLAB_TEMPLATE)
    assert included == load_yaml(tmp_path / ".gitlab-ci.yml")
    assert list(included) == ["pmarklint"]


def test_gitlab_template_reports_for_the_merge_request() -> None:
    job = load_yaml(GITLAB_TEMPLATE)["pmarklint"]
    assert job["image"] == "python:3.11"
    assert job["variables"]["GIT_DEPTH"] == "0"
    assert any("pip install" in line for line in job["before_script"])
    script = job["script"]
    assert all(line.startswith('pmarklint check "$PMARKLINT_PATH"') for line in script)
    assert any("--format gitlab --output gl-code-quality-report.json" in line for line in script)
    assert any("--format junit --output pmarklint-junit.xml" in line for line in script)
    assert "--format" not in script[-1]  # the text report last: its exit code decides the job
    assert job["artifacts"] == {
        "when": "always",
        "reports": {"codequality": "gl-code-quality-report.json", "junit": "pmarklint-junit.xml"},
    }


def gitlab_job(repo: Path) -> subprocess.CompletedProcess[str]:
    """The job's script lines in one errexit bash, as GitLab's runner runs them (before_script, the pip
    install, is left out), with the job's variables and GitLab's CI_PROJECT_DIR."""
    job = load_yaml(GITLAB_TEMPLATE)["pmarklint"]
    env = ci_env(repo, **job["variables"], CI_PROJECT_DIR=str(repo), PMARKLINT_TODAY=TODAY)
    for key in ("GITHUB_ACTIONS", "GITHUB_WORKSPACE"):
        del env[key]
    script = "set -eo pipefail\n" + "\n".join(job["script"])
    return subprocess.run(["bash", "-c", script], cwd=repo, env=env, capture_output=True, text=True)


@needs_installed_pmarklint
def test_gitlab_job_fails_on_a_broken_ledger_and_writes_both_reports(tmp_path: Path) -> None:
    repo = new_pms(tmp_path / "repo", BAD_INVENTORY)

    proc = gitlab_job(repo)

    assert proc.returncode == 1, proc.stderr
    assert "PML101" in proc.stdout and "5年" in proc.stdout  # the text report in the job log
    issues = json.loads((repo / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    [issue] = [i for i in issues if i["check_name"] == "PML101"]
    assert issue["severity"] == "major"
    assert issue["location"] == {"path": "inventory/inventory.yaml", "lines": {"begin": BAD_LINE}}
    failures = list(ET.parse(repo / "pmarklint-junit.xml").getroot().iter("failure"))
    assert any("5年" in (f.text or "") for f in failures), failures


@needs_installed_pmarklint
def test_gitlab_job_passes_a_clean_repository(tmp_path: Path) -> None:
    repo = new_pms(tmp_path / "repo", GOOD_INVENTORY)

    proc = gitlab_job(repo)

    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert [
        i
        for i in json.loads((repo / "gl-code-quality-report.json").read_text(encoding="utf-8"))
        if i["severity"] == "major"
    ] == []
    assert (repo / "pmarklint-junit.xml").is_file()


# The docs: each page starts with a snippet that is what init writes (so the tests above cover it)

DOCS = ROOT / "docs" / "integrations"


def yaml_blocks(page: Path) -> list[Any]:
    blocks = re.findall(r"^```yaml\n(.*?)^```$", page.read_text(encoding="utf-8"), flags=re.DOTALL | re.MULTILINE)
    out = []
    for block in blocks:
        result = parse(block, page.name)
        assert result.findings == [] and result.document is not None, block
        out.append(result.document.data)
    return out


@pytest.mark.parametrize(
    ("page", "ci", "written"),
    [
        ("pre-commit.md", "none", ".pre-commit-config.yaml"),
        ("github.md", "github", ".github/workflows/pmarklint.yml"),
        ("gitlab.md", "gitlab", ".gitlab-ci.yml"),
    ],
)
def test_docs_start_with_what_init_writes(tmp_path: Path, page: str, ci: str, written: str) -> None:
    scaffold.create(tmp_path, "en", git=False, ci=ci)
    assert yaml_blocks(DOCS / page)[0] == load_yaml(tmp_path / written)


def test_docs_name_hooks_and_files_that_exist() -> None:
    hooks = {hook["id"] for hook in load_yaml(ROOT / ".pre-commit-hooks.yaml")}
    [_, remote] = yaml_blocks(DOCS / "pre-commit.md")
    assert {hook["id"] for hook in remote["repos"][0]["hooks"]} <= hooks
    included = yaml_blocks(DOCS / "gitlab.md")[1]["include"][0]
    assert (ROOT / included["file"]).is_file()
    for page in DOCS.glob("*.md"):
        for target in re.findall(r"\]\((\.\./[^)#]+)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).exists(), (page.name, target)
