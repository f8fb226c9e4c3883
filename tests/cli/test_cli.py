"""The command line: exit codes, formats, options, settings, and the errors that end a run with exit 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pmarklint import __version__
from pmarklint.rules import REGISTRY

from helpers.cli import check_json, run, validate_output
from helpers.repos import CONFIG, FULL_CONFIG, ROOT, git, inventory, make_repo


def test_clean_repository_exits_0(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1")})
    result = check_json(repo)
    assert result.exit_code == 0
    data = result.json()
    validate_output(data)
    assert data["tool"] == "pmarklint" and data["version"] == __version__ and data["format_version"] == 1
    assert data["today"] == "2026-11-26"
    assert data["findings"] == [] and data["waived"] == []
    assert data["summary"] == {"files": 1, "entries": 1, "errors": 0, "warnings": 0, "waived": 0}


def test_errors_exit_1_and_the_json_matches_its_schema(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1", extra="    sensitive: no\n")})
    result = check_json(repo)
    assert result.exit_code == 1
    validate_output(result.json())
    assert result.json()["summary"]["errors"] == 1


def test_text_report_groups_by_file_and_shows_the_line(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "r",
        {
            "inventory/a.yaml": inventory("PI-1", extra="    sensitive: no\n"),
            "inventory/b.yaml": "kind: inventory\nentries: [\n",
        },
    )
    result = run("check", repo, "--today", "2026-11-26")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "inventory/a.yaml"
    assert lines[1].split()[:4] == ["8:16", "error", "PML101", "PI-1"]
    assert lines[2] == "     8 |     sensitive: no"
    assert lines[3] == "       |                ^"
    assert "inventory/b.yaml" in lines
    assert lines[-1] == "2 files, 1 entry: 2 errors, 0 warnings"
    assert "\033[" not in result.stdout  # no colour when not on a terminal


def test_output_file(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1")})
    out = tmp_path / "report.json"
    result = run("check", repo, "--format", "json", "--output", out)
    assert result.exit_code == 0 and result.stdout == ""
    validate_output(json.loads(out.read_text(encoding="utf-8")))


def test_untracked_file_is_warned_and_not_checked(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "r",
        {"inventory/a.yaml": inventory("PI-1"), "?inventory/draft.yaml": "kind: inventory\nentries: [\n"},
    )
    result = check_json(repo)
    assert result.exit_code == 0
    (item,) = result.json()["findings"]
    assert (item["rule"], item["severity"], item["file"]) == ("PML006", "warning", "inventory/draft.yaml")
    assert run("check", repo, "--strict").exit_code == 1


def test_staged_file_is_checked(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1")})
    (repo / "inventory" / "new.yaml").write_text(inventory("PI-1"), encoding="utf-8")
    git(repo, "add", "inventory/new.yaml")
    assert check_json(repo).codes() == ["PML102"]


def test_files_outside_pms_folders_are_ignored(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1"), "docs/notes.yaml": "a: [\n"})
    assert check_json(repo).codes() == []


def test_unknown_kind_and_missing_kind(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "r",
        {"inventory/a.yaml": "kind: invetory\nentries: []\n", "contractors/b.yaml": "entries: []\n"},
    )
    items = check_json(repo).json()["findings"]
    assert [(i["file"], i["rule"], i["line"], i["column"]) for i in items] == [
        ("contractors/b.yaml", "PML005", 1, 1),
        ("inventory/a.yaml", "PML005", 1, 7),
    ]
    assert "did you mean 'inventory'" in items[1]["message"]


def test_outside_git_every_yaml_file_is_read(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "r", {"inventory/a.yaml": inventory("PI-1"), "inventory/b.yaml": inventory("PI-1")}, use_git=False
    )
    assert check_json(repo).codes() == ["PML102"]


def test_check_finds_the_root_from_a_subfolder(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1")})
    assert check_json(repo / "inventory").exit_code == 0


def test_not_a_pms_repository_exits_2(tmp_path: Path) -> None:
    result = run("check", tmp_path)
    assert result.exit_code == 2
    assert "pmarklint.yaml" in result.stderr and "pmarklint init" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_path_exits_2(tmp_path: Path) -> None:
    assert run("check", tmp_path / "nowhere").exit_code == 2


@pytest.mark.parametrize(
    ("config", "needle"),
    [
        (
            CONFIG.replace("framework: pmark-2023", "framework: pmark-2017"),
            "pmarklint.yaml:2:12: 'framework' must be one of pmark-2023",
        ),
        (
            FULL_CONFIG + "rules: {PML101: {severity: fatal}}\n",
            "'rules.PML101.severity' must be one of error, warning, off",
        ),
        (FULL_CONFIG + "rules: {PML999: off}\n", "unknown rule code 'PML999'"),
        (FULL_CONFIG + "rules: {pml101: off}\n", "'rules' must be a rule code such as PML101, got \"pml101\""),
        (CONFIG + "langage: ja\n", "unknown field 'langage' (did you mean 'language'?)"),
        (CONFIG + "language: ja\nlanguage: en\n", "key 'language' appears twice"),
        ("organization: [\n", "pmarklint.yaml:2:1: this is not valid YAML"),
        (CONFIG.replace("framework: pmark-2023\n", ""), "missing required field 'framework'"),
    ],
)
def test_broken_config_exits_2_and_names_the_key(tmp_path: Path, config: str, needle: str) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1")}, config=config)
    result = run("check", repo, "--lang", "en")
    assert result.exit_code == 2, result.stdout
    assert needle in result.stderr
    assert "Traceback" not in result.stderr


def test_config_in_shift_jis_exits_2(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1")}, config=CONFIG)
    (repo / "pmarklint.yaml").write_bytes(CONFIG.encode("cp932"))
    result = run("check", repo, "--lang", "en")
    assert result.exit_code == 2 and "Shift_JIS" in result.stderr


def test_rule_can_be_switched_off_or_downgraded(tmp_path: Path) -> None:
    files = {"inventory/a.yaml": inventory("PI-1"), "inventory/b.yaml": inventory("PI-1")}
    off = make_repo(tmp_path / "off", files, config=CONFIG.replace("PML504: off", "PML504: off, PML102: off"))
    assert check_json(off).json()["findings"] == []
    warn = make_repo(
        tmp_path / "warn", files, config=CONFIG.replace("PML504: off", "PML504: off, PML102: {severity: warning}")
    )
    result = check_json(warn)
    assert result.exit_code == 0
    assert [(f["rule"], f["severity"]) for f in result.json()["findings"]] == [("PML102", "warning")]
    assert check_json(warn, "--strict").exit_code == 1


def test_custom_folders(tmp_path: Path) -> None:
    config = CONFIG + "paths: {inventory: ledgers/pi}\n"
    repo = make_repo(
        tmp_path / "r", {"ledgers/pi/a.yaml": inventory("PI-1", extra="    sensitive: no\n")}, config=config
    )
    assert [f["file"] for f in check_json(repo).json()["findings"]] == ["ledgers/pi/a.yaml"]


def test_size_limit_from_config(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "r", {"inventory/a.yaml": inventory("PI-1")}, config=CONFIG + "limits: {max_file_size: 50}\n"
    )
    assert check_json(repo).codes() == ["PML004"]


def test_today_from_environment_and_bad_today(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1")})
    monkeypatch.setenv("PMARKLINT_TODAY", "2027-01-15")
    assert run("check", repo, "--format", "json").json()["today"] == "2027-01-15"
    result = run("check", repo, "--today", "2027-13-01")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr


def test_language_from_config_then_option(tmp_path: Path) -> None:
    files = {"inventory/a.yaml": inventory("PI-1", extra="    sensitive: no\n")}
    repo = make_repo(tmp_path / "r", files, config=CONFIG.replace("language: en", "language: ja"))
    assert "true か false" in run("check", repo).stdout
    assert "true or false" in run("check", repo, "--lang", "en").stdout


def test_rules_lists_every_rule() -> None:
    result = run("rules", "--lang", "en")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.splitlines()]
    assert listed == list(REGISTRY)


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("code", list(REGISTRY))
def test_explain_every_rule(code: str, lang: str) -> None:
    result = run("explain", code.lower(), "--lang", lang)
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{code} {REGISTRY[code].name}: ")
    assert REGISTRY[code].requirement in result.stdout
    assert result.stdout.count("    # ") >= 2  # a failing and a passing example


def test_explain_unknown_code_exits_2() -> None:
    result = run("explain", "PML999")
    assert result.exit_code == 2 and "pmarklint rules" in result.stderr


def test_help_and_version() -> None:
    assert "check" in run("--help").stdout
    assert __version__ in run("--version").stdout
    assert "--today" in run("check", "--help").stdout


def test_module_entry_point_runs(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1", extra="    sensitive: no\n")})
    proc = subprocess.run(
        [sys.executable, "-m", "pmarklint", "check", str(repo), "--format", "json"], capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["summary"]["errors"] == 1


def test_usage_error_exits_2() -> None:
    assert run("check", "--format", "xml").exit_code == 2
    assert run("nonsense").exit_code == 2


def test_a_200_mb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1")})
    with open(repo / "inventory" / "huge.yaml", "wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # sparse: costs no disk
    git(repo, "add", "inventory/huge.yaml")
    result = check_json(repo)
    (item,) = result.json()["findings"]
    assert (item["rule"], item["file"], item["line"], item["column"]) == ("PML004", "inventory/huge.yaml", 1, 1)
    assert "209715200 bytes" in item["message"] and "max_file_size" in item["message"]


def test_special_files_outside_git_are_skipped(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1")}, use_git=False)
    os.mkfifo(repo / "inventory" / "pipe.yaml")  # reading it would block forever
    assert check_json(repo).json()["summary"]["files"] == 1


def test_unwritable_output_exits_2(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1")})
    result = run("check", repo, "--output", tmp_path / "missing-folder" / "report.txt")
    assert result.exit_code == 2
    assert "--output" in result.stderr and "Traceback" not in result.stderr


def test_a_reader_that_stops_reading_is_no_internal_error() -> None:
    """``pmarklint check | head``: the pipe closes before the report is written."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "pmarklint", "check", str(ROOT / "examples" / "shop"), "--today", "2026-11-26"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    with proc.stderr:
        errors = proc.stderr.read().decode("utf-8", "replace")
    assert proc.wait(timeout=60) == 1
    assert "internal error" not in errors and "Traceback" not in errors and "Exception ignored" not in errors
