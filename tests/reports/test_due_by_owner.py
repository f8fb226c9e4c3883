"""``pmarklint due --by-owner``: one list per owner, with the name and email from the roster, and the CI
scripts that keep one issue per owner (ci/github/due-issues.sh with gh, ci/gitlab/due-issues.sh with curl),
run against a fake ``gh`` and a fake ``curl`` on PATH: the first run opens an issue per owner, the next
edits the same issues, and the issue of an owner with nothing due is closed."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
import yaml

from pmarklint.cli.main import cli

from helpers.cli import run
from helpers.repos import ROOT

SHOP = ROOT / "examples" / "shop"
TODAY = "2026-11-26"
GITHUB_SCRIPT = ROOT / "ci" / "github" / "due-issues.sh"
GITLAB_SCRIPT = ROOT / "ci" / "gitlab" / "due-issues.sh"
OWNERS = [
    ("ito", "伊藤 翔太", ["ito@sakura-market.example"], "PMS deadlines: ito", 4, 3),
    ("nakamura", "中村 由美", ["nakamura@sakura-market.example"], "PMS deadlines: nakamura", 3, 2),
    ("watanabe", "渡辺 恵", ["watanabe@sakura-market.example"], "PMS deadlines: watanabe", 4, 0),
    (None, None, [], "PMS deadlines: no owner", 1, 1),
]


def by_owner(*extra: str) -> dict[str, Any]:
    result = run("due", SHOP, "--today", TODAY, "--by-owner", "--format", "json", *(extra or ("--lang", "en")))
    assert result.exit_code == 0, result.stderr
    return result.json()


def test_the_shop_by_owner_one_object_per_owner_with_name_email_and_their_deadlines() -> None:
    data = by_owner()
    assert (data["format"], data["version"], data["today"], data["until"]) == (
        "pmarklint-due-by-owner",
        1,
        TODAY,
        "2027-02-24",
    )
    got = [(o["owner"], o["name"], o["emails"], o["title"], o["count"], o["overdue"]) for o in data["owners"]]
    assert got == OWNERS
    ito = data["owners"][0]
    assert [(d["due"], d["rule"], d["entry"], d["days_left"]) for d in ito["deadlines"]] == [
        ("2026-06-30", "PML301", "PI-CS-005", -149),
        ("2026-09-30", "PML608", "CA-2026-01", -57),
        ("2026-11-16", "PML707", "RQ-2026-02", -10),
        ("2026-12-15", "PML304", "C-003", 19),
    ]
    # the same deadlines as the plain list, split by owner
    plain = run("due", SHOP, "--today", TODAY, "--format", "json", "--lang", "en").json()["deadlines"]
    assert sorted(d["uid"] for o in data["owners"] for d in o["deadlines"]) == sorted(d["uid"] for d in plain)
    assert all(d["owner"] == o["owner"] for o in data["owners"] for d in o["deadlines"])
    nobody = data["owners"][-1]
    assert nobody["markdown"] == (
        "Deadlines up to 2027-02-24, as of 2026-11-26 (overdue ones first)\n\n## no owner\n\n"
        "| Due | Days left | Where | What |\n|---|---|---|---|\n"
        "| 2026-10-08 | overdue by 49 days | pmarklint.yaml:11 cs | department cs was last checked (operation "
        "check) on 2026-07-08; every 3 months, so due on 2026-10-08: check its operation and record it in "
        "operation-checks/ |\n\n1 deadline, 1 overdue\n\nA scheduled job keeps this issue up to date (pmarklint "
        "due --by-owner): an edit here is overwritten. Do what is due and record it in the repository; the "
        "list follows.\n"
    )


def test_markdown_by_owner_has_a_section_per_owner_with_the_email() -> None:
    result = run("due", SHOP, "--today", TODAY, "--by-owner", "--format", "md")
    assert result.exit_code == 0, result.stderr
    headings = re.findall(r"^#+ .*$", result.stdout, flags=re.M)
    assert headings == [
        "# 担当者ごとの期限一覧",
        "## 伊藤 翔太 (ito)",
        "## 中村 由美 (nakamura)",
        "## 渡辺 恵 (watanabe)",
        "## 担当者なし",
    ]
    assert "メール: ito@sakura-market.example\n" in result.stdout
    assert "期限 4件(うち期限切れ 3件)\n" in result.stdout


def test_text_by_owner_groups_the_lines_under_each_owner() -> None:
    result = run("due", SHOP, "--today", TODAY, "--by-owner", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    start = lines.index("伊藤 翔太 (ito) <ito@sakura-market.example>")
    assert lines[start + 1] == "  2026-06-30  overdue by 149 days  inventory/customer-service.yaml:146 PI-CS-005"
    assert lines[-1] == "12 deadlines"


def test_by_owner_is_not_a_calendar() -> None:
    result = run("due", SHOP, "--today", TODAY, "--by-owner", "--format", "ics", "--lang", "en")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--by-owner lists deadlines as text, JSON or Markdown" in result.stderr


# -- the CI snippets --------------------------------------------------------------------------------------


def _pmarklint_calls(text: str) -> list[list[str]]:
    """Each ``pmarklint ...`` command line of a script or a job (comments left out), split as a shell does."""
    calls = []
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip().lstrip("- ")
        if line.startswith("run: "):
            line = line[len("run: ") :]
        if line.startswith("pmarklint "):
            calls.append(shlex.split(line.split(">", 1)[0].split("|")[0]))
    return calls


def _options(path: tuple[str, ...]) -> set[str]:
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    return {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)}


@pytest.mark.parametrize("script", [GITHUB_SCRIPT, GITLAB_SCRIPT], ids=["github", "gitlab"])
def test_the_scripts_call_only_options_that_exist(script: Path) -> None:
    calls = _pmarklint_calls(script.read_text(encoding="utf-8"))
    assert calls, "the script runs pmarklint"
    for call in calls:
        assert call[1] == "due"
        used = {arg for arg in call[2:] if arg.startswith("--")}
        assert used <= _options(("due",)), used - _options(("due",))
        assert "--by-owner" in used and "--format" in used
    proc = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr


def test_the_workflow_and_the_job_parse_and_run_the_scripts() -> None:
    workflow = yaml.safe_load((ROOT / "ci" / "github" / "due-issues.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["schedule"] == [{"cron": "0 21 * * *"}]
    assert workflow["permissions"] == {"contents": "read", "issues": "write"}
    steps = workflow["jobs"]["issues"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    assert runs[-1] == "bash .github/due-issues.sh"
    assert steps[-1]["env"]["GH_TOKEN"] == "${{ github.token }}"
    job = yaml.safe_load((ROOT / "ci" / "gitlab" / "due-issues.gitlab-ci.yml").read_text(encoding="utf-8"))
    issues = job["pmarklint-due-issues"]
    assert issues["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]
    assert issues["script"] == ["bash ci/due-issues.sh"]
    docs = (ROOT / "docs" / "due.md").read_text(encoding="utf-8")
    for call in _pmarklint_calls(docs):
        path = ("due",) if call[1] == "due" else tuple(call[1:3])
        used = {arg.split("=")[0] for arg in call[2:] if arg.startswith("--")}
        assert used <= _options(path), (call, used - _options(path))


# -- running the scripts against fake hosts -----------------------------------------------------------------

FAKE_GH = """
import json, sys
from pathlib import Path
state = Path(__file__).with_name("issues.json")
issues = json.loads(state.read_text()) if state.exists() else []
args = sys.argv[1:]
with Path(__file__).with_name("calls.log").open("a") as log:
    log.write(json.dumps(args) + "\\n")
def value(name):
    return args[args.index(name) + 1]
if args[:2] == ["label", "create"]:
    pass
elif args[:2] == ["issue", "list"]:
    assert value("--state") == "open" and value("--json") == "number,title"
    label = value("--label")
    print(json.dumps([{"number": i["number"], "title": i["title"]} for i in issues
                      if i["state"] == "open" and label in i["labels"]]))
elif args[:2] == ["issue", "create"]:
    number = len(issues) + 1
    issues.append({"number": number, "title": value("--title"), "labels": [value("--label")], "state": "open",
                   "body": Path(value("--body-file")).read_text()})
    print(f"https://github.example/o/r/issues/{number}")
elif args[:2] == ["issue", "edit"]:
    issue = issues[int(args[2]) - 1]
    issue["body"] = Path(value("--body-file")).read_text()
elif args[:2] == ["issue", "close"]:
    issues[int(args[2]) - 1]["state"] = "closed"
else:
    sys.exit(f"unexpected: {args}")
state.write_text(json.dumps(issues, ensure_ascii=False))
"""

FAKE_CURL = """
import json, sys, urllib.parse
from pathlib import Path
state = Path(__file__).with_name("issues.json")
issues = json.loads(state.read_text()) if state.exists() else []
args = sys.argv[1:]
with Path(__file__).with_name("calls.log").open("a") as log:
    log.write(json.dumps(args) + "\\n")
method = args[args.index("--request") + 1]
assert "PRIVATE-TOKEN: secret" in args
url = next(a for a in args if a.startswith("https://"))
data = {}
for i, a in enumerate(args):
    if a in ("--data", "--data-urlencode"):
        name, _, given = args[i + 1].partition("=")
        if a == "--data-urlencode" and "@" in name and not given:
            name, _, file = name.partition("@")
            given = Path(file).read_text()
        data[name] = given
base = "https://gitlab.example/api/v4/projects/7/issues"
if method == "GET" and url == base:
    assert data["state"] == "opened"
    print(json.dumps([{"iid": i["iid"], "title": i["title"]} for i in issues
                      if i["state"] == "opened" and data["labels"] in i["labels"]]))
elif method == "POST" and url == base:
    issue = {"iid": len(issues) + 1, "title": data["title"], "labels": [data["labels"]], "state": "opened",
             "body": data["description"]}
    issues.append(issue)
    print(json.dumps(issue))
elif method == "PUT" and url.startswith(base + "/"):
    issue = issues[int(url.rsplit("/", 1)[1]) - 1]
    if data.get("state_event") == "close":
        issue["state"] = "closed"
    else:
        issue["body"] = data["description"]
    print(json.dumps(issue))
else:
    sys.exit(f"unexpected: {args}")
state.write_text(json.dumps(issues, ensure_ascii=False))
"""


def _fake(tmp_path: Path, name: str, source: str) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    tool = folder / name
    tool.write_text(f"#!{sys.executable}\n{source}", encoding="utf-8")
    tool.chmod(0o755)
    return folder


def _run_script(script: Path, fake: Path, **env: str) -> list[str]:
    pmarklint = Path(sys.executable).parent  # the pmarklint of this environment
    path = os.pathsep.join([str(fake), str(pmarklint), os.environ.get("PATH", "")])
    environment = {**os.environ, "PATH": path, "PMARKLINT_TODAY": TODAY, "PMARKLINT_PATH": str(SHOP), **env}
    proc = subprocess.run(["bash", str(script)], env=environment, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.splitlines()


def _calls(fake: Path) -> list[list[str]]:
    log = fake / "calls.log"
    calls = [json.loads(line) for line in log.read_text().splitlines()]
    log.unlink()
    return calls


def _issues(fake: Path) -> list[dict[str, Any]]:
    return json.loads((fake / "issues.json").read_text())


needs_bash_and_jq = pytest.mark.skipif(
    not (shutil.which("bash") and shutil.which("jq")), reason="the scripts need bash and jq (apt-get install jq)"
)


@needs_bash_and_jq
def test_the_github_script_opens_an_issue_per_owner_once_then_edits_them(tmp_path: Path) -> None:
    fake = _fake(tmp_path, "gh", FAKE_GH)
    owners = by_owner("--lang", "ja")["owners"]  # the scripts speak the repository's language
    titles = [o["title"] for o in owners]
    assert titles[0] == "PMS の期限: ito" and titles[-1] == "PMS の期限: 担当者なし"
    assert _run_script(GITHUB_SCRIPT, fake) == [f"opened: {t}" for t in titles]
    created = [c for c in _calls(fake) if c[:2] == ["issue", "create"]]
    assert [c[c.index("--title") + 1] for c in created] == titles
    issues = _issues(fake)
    assert [(i["number"], i["title"], i["labels"], i["state"]) for i in issues] == [
        (n, t, ["pmarklint-due"], "open") for n, t in enumerate(titles, start=1)
    ]
    assert [i["body"] for i in issues] == [o["markdown"] + "\n" for o in owners]

    # the next run edits the same issues and opens none
    assert _run_script(GITHUB_SCRIPT, fake) == [f"updated #{n}: {t}" for n, t in enumerate(titles, start=1)]
    calls = _calls(fake)
    assert [c[:3] for c in calls if c[0] == "issue" and c[1] != "list"] == [
        ["issue", "edit", str(n)] for n in range(1, 5)
    ]
    assert len(_issues(fake)) == 4

    # a shorter window: watanabe's reviews (due 2027-02-16) fall outside it, so their issue is closed
    lines = _run_script(GITHUB_SCRIPT, fake, PMARKLINT_WITHIN="P30D")
    assert lines[-1] == "closed #3: nothing due"
    assert [i["state"] for i in _issues(fake)] == ["open", "open", "closed", "open"]


@needs_bash_and_jq
def test_the_gitlab_script_opens_an_issue_per_owner_once_then_edits_them(tmp_path: Path) -> None:
    fake = _fake(tmp_path, "curl", FAKE_CURL)
    env = {
        "CI_API_V4_URL": "https://gitlab.example/api/v4",
        "CI_PROJECT_ID": "7",
        "PMARKLINT_GITLAB_TOKEN": "secret",
    }
    owners = by_owner("--lang", "ja")["owners"]
    titles = [o["title"] for o in owners]
    assert _run_script(GITLAB_SCRIPT, fake, **env) == [f"opened: {t}" for t in titles]
    assert [c[c.index("--request") + 1] for c in _calls(fake)] == ["GET", "POST", "POST", "POST", "POST"]
    assert [i["body"] for i in _issues(fake)] == [o["markdown"] + "\n" for o in owners]
    assert _run_script(GITLAB_SCRIPT, fake, **env) == [f"updated #{n}: {t}" for n, t in enumerate(titles, start=1)]
    assert [c[c.index("--request") + 1] for c in _calls(fake)] == ["GET", "PUT", "PUT", "PUT", "PUT"]
    assert _run_script(GITLAB_SCRIPT, fake, PMARKLINT_WITHIN="P30D", **env)[-1] == "closed #3: nothing due"
    assert [i["state"] for i in _issues(fake)] == ["opened", "opened", "closed", "opened"]
