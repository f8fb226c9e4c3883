"""Command-line conventions: reporting some files (``check FILE...``) and some rules (``--select``/``--ignore``
by code prefix), ``--exit-zero``, one name for the repository (PATH or ``-C/--repo``), ``markdown`` for
``md``, English plurals, and the language of every command in a repository that sets one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers.cli import run
from helpers.repos import CONFIG, inventory, make_repo

TODAY = "2026-11-26"
JA_CONFIG = CONFIG.replace("language: en", "language: ja")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Three ledgers: a.yaml clean, b.yaml with two errors (an id a.yaml already uses, an unknown
    contractor), c.yaml that does not parse."""
    return make_repo(
        tmp_path / "pms",
        {
            "inventory/a.yaml": inventory("PI-001", "PI-002"),
            "inventory/b.yaml": inventory("PI-002", extra="    entrusted_to: [C-404]\n"),
            "inventory/c.yaml": "kind: inventory\nentries: [\n",
        },
    )


def _reported(stdout: str) -> list[tuple[str, str]]:
    """(file, rule) of every finding in a text report."""
    out, current = [], ""
    for line in stdout.splitlines():
        if line and not line.startswith(" ") and line.endswith(".yaml"):
            current = line
        found = re.match(r"\s+\d+:\d+\s+(?:error|warning)\s+(PML\d{3})", line)
        if found:
            out.append((current, found.group(1)))
    return out


EVERYTHING = [
    ("inventory/b.yaml", "PML102"),
    ("inventory/b.yaml", "PML201"),
    ("inventory/c.yaml", "PML001"),
]


def test_the_repository_folder_reports_everything(repo: Path) -> None:
    result = run("check", repo, "--today", TODAY)
    assert result.exit_code == 1
    assert _reported(result.stdout) == EVERYTHING
    assert result.stdout.endswith("3 files, 3 entries: 3 errors, 0 warnings\n")


def test_check_file_reports_only_that_file_but_reads_the_whole_repository(repo: Path) -> None:
    one = run("check", repo / "inventory" / "b.yaml", "--today", TODAY)
    assert one.exit_code == 1
    # PML102 needs a.yaml to be read: the whole repository was loaded, only b.yaml's findings are shown
    assert _reported(one.stdout) == EVERYTHING[:2]
    assert one.stdout.endswith(": 2 errors, 0 warnings\n")
    clean = run("check", repo / "inventory" / "a.yaml", "--today", TODAY)
    assert (clean.exit_code, _reported(clean.stdout)) == (0, [])
    assert clean.stdout.startswith("No problems found.")
    broken = run("check", repo / "inventory" / "c.yaml", "--today", TODAY)
    assert (broken.exit_code, _reported(broken.stdout)) == (1, [EVERYTHING[2]])
    assert broken.stdout.endswith(": 1 error, 0 warnings\n")  # English plural: 1 error, 2 errors


def test_check_several_files_and_a_folder(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo / "inventory")
    both = run("check", "a.yaml", "c.yaml", "--today", TODAY)
    assert _reported(both.stdout) == [EVERYTHING[2]]
    folder = run("check", ".", "--today", TODAY)  # a folder inside the repository: everything under it
    assert _reported(folder.stdout) == EVERYTHING
    json_only_b = run("check", "b.yaml", "--format", "json", "--today", TODAY).json()
    assert [(f["file"], f["rule"]) for f in json_only_b["findings"]] == EVERYTHING[:2]


def test_a_path_that_does_not_exist_is_a_clear_error(repo: Path, tmp_path: Path) -> None:
    missing = run("check", repo / "inventory" / "d.yaml", "--today", TODAY)
    assert missing.exit_code == 2
    assert missing.stderr == (
        f"pmarklint: error: {repo / 'inventory' / 'd.yaml'} does not exist: check the spelling, and that you "
        "are in the right folder\n"
    )
    assert "pmarklint.yaml" not in missing.stderr
    elsewhere = tmp_path / "other.yaml"
    elsewhere.write_text("kind: inventory\nentries: []\n", encoding="utf-8")
    outside = run("check", "-C", repo, elsewhere, "--today", TODAY)
    assert outside.exit_code == 2
    assert f"{elsewhere} is not inside the PMS repository" in outside.stderr
    for command in (("trail",), ("report", "fitgap"), ("export", "inventory", "-o", tmp_path / "x.csv", "-C")):
        result = run(*command, tmp_path / "nowhere")
        assert result.exit_code == 2, command
        assert f"{tmp_path / 'nowhere'} does not exist" in result.stderr


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (("--select", "PML1"), [EVERYTHING[0]]),
        (("--select", "pml1,PML0"), [EVERYTHING[0], EVERYTHING[2]]),  # commas, any case
        (("--select", "PML1", "--select", "PML201"), EVERYTHING[:2]),  # repeated
        (("--ignore", "PML2"), [EVERYTHING[0], EVERYTHING[2]]),
        (("--select", "PML", "--ignore", "PML201"), [EVERYTHING[0], EVERYTHING[2]]),
        (("--ignore", "PML2", "--select", "PML201"), [EVERYTHING[1]]),  # the more specific prefix wins
        (("--select", "ALL", "--ignore", "PML0"), EVERYTHING[:2]),
    ],
)
def test_select_and_ignore_by_code_prefix(
    repo: Path, options: tuple[str, ...], expected: list[tuple[str, str]]
) -> None:
    result = run("check", repo, "--today", TODAY, *options)
    assert _reported(result.stdout) == expected
    assert result.exit_code == 1
    assert f": {len(expected)} error{'s' if len(expected) != 1 else ''}," in result.stdout


def test_selected_away_errors_do_not_fail_the_run(repo: Path) -> None:
    result = run("check", repo, "--today", TODAY, "--select", "PML5")
    assert (result.exit_code, _reported(result.stdout)) == (0, [])


def test_a_prefix_that_names_no_rule_is_an_error(repo: Path) -> None:
    result = run("check", repo, "--today", TODAY, "--select", "PML4", "--ignore", "PML99")
    assert result.exit_code == 2
    assert result.stderr == (
        "pmarklint: error: --ignore PML99: no rule code starts with it; 'pmarklint rules' lists them all\n"
    )


def test_exit_zero_reports_errors_but_passes(repo: Path) -> None:
    result = run("check", repo, "--today", TODAY, "--exit-zero")
    assert result.exit_code == 0
    assert _reported(result.stdout) == EVERYTHING
    assert run("check", repo, "--today", "not-a-date", "--exit-zero").exit_code == 2  # could not run: still 2


def test_path_and_repo_name_the_same_repository(repo: Path, tmp_path: Path) -> None:
    by_path = run("check", repo, "--today", TODAY, "--format", "json").json()["findings"]
    by_option = run("check", "-C", repo, "--today", TODAY, "--format", "json").json()["findings"]
    by_long = run("check", "--repo", repo, "--today", TODAY, "--format", "json").json()["findings"]
    assert by_path == by_option == by_long
    assert len(by_path) == 3
    fitgap_path = run("report", "fitgap", repo, "--today", TODAY)
    fitgap_repo = run("report", "fitgap", "-C", repo, "--today", TODAY)
    assert fitgap_path.exit_code == fitgap_repo.exit_code == 0
    assert fitgap_path.stdout == fitgap_repo.stdout
    trail_path = run("trail", repo, "--today", TODAY, "--format", "json")
    trail_repo = run("trail", "--repo", repo, "--today", TODAY, "--format", "json")
    assert (trail_path.exit_code, trail_path.stdout) == (trail_repo.exit_code, trail_repo.stdout)
    assert trail_path.json()["report"] == "trail"
    twice = run("trail", repo, "-C", tmp_path, "--today", TODAY)
    assert twice.exit_code == 2
    assert "the repository is named twice, as PATH" in twice.stderr


def test_markdown_is_accepted_wherever_md_is(repo: Path) -> None:
    for command in (("trail",), ("report", "fitgap")):
        md = run(*command, repo, "--today", TODAY, "--format", "md")
        markdown = run(*command, repo, "--today", TODAY, "--format", "markdown")
        assert md.exit_code == markdown.exit_code == 0, command
        assert markdown.stdout == md.stdout
        assert markdown.stdout.startswith("# ")


# -- the repository's language --------------------------------------------------------------------------


@pytest.fixture
def ja_repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "ja", {"inventory/a.yaml": inventory("PI-001")}, config=JA_CONFIG)


def test_explain_and_rules_speak_the_repository_language(ja_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the locale is English (conftest: LANG=C.UTF-8); the repository says ja
    assert run("explain", "PML101").stdout.startswith("PML101 schema: Entry does not match its schema")
    assert run("explain", "PML101", "-C", ja_repo).stdout.startswith("PML101 schema: スキーマに合わないエントリ")
    monkeypatch.chdir(ja_repo / "inventory")  # anywhere inside it
    assert run("explain", "pml101").stdout.startswith("PML101 schema: スキーマに合わないエントリ")
    assert run("explain", "PML101", "--lang", "en").stdout.startswith("PML101 schema: Entry does not match")
    assert run("rules").stdout.splitlines()[0] == "PML001  yaml-syntax      error    YAMLの構文エラー"
    assert run("rules", "--lang", "en").stdout.splitlines()[0].endswith("YAML that does not parse")


def test_tool_errors_speak_the_repository_language(ja_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ja_repo)
    select = run("check", "--select", "PML99")
    assert select.exit_code == 2
    assert select.stderr == (
        "pmarklint: エラー: --select PML99: この文字で始まるルールコードはありません。"
        "'pmarklint rules' で一覧を表示できます\n"
    )
    missing = run("check", "inventory/none.yaml")
    assert missing.stderr.startswith("pmarklint: エラー: inventory/none.yaml がありません。")
    today = run("trail", "--today", "2026-13-01")
    assert today.exit_code == 2
    assert today.stderr.startswith("pmarklint: エラー: --today は YYYY-MM-DD 形式で")
    assert run("check", "--select", "PML99", "--lang", "en").stderr.startswith("pmarklint: error: --select PML99")


def test_every_command_speaks_the_repository_language(ja_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ja_repo)
    checked = run("check", "--today", TODAY)
    assert checked.stdout.startswith("問題は見つかりませんでした。")
    exported = run("export", "inventory", "-o", "out.csv")
    assert exported.exit_code == 0
    assert exported.stderr == "1件のエントリを out.csv に書き出しました\n"
    assert Path("out.csv").read_text(encoding="utf-8-sig").startswith("ID,")
    imported = run("import", "out.csv", "--kind", "inventory", "--dry-run")
    assert imported.exit_code == 0
    assert "unchanged" not in imported.stdout and "--dry-run" in imported.stdout
    refused = run("sign", "PI-001", "--as", "nobody")
    assert refused.exit_code == 1
    assert "refused" not in refused.stderr and "nobody" in refused.stderr
    fitgap = run("report", "fitgap", "--today", TODAY)
    assert fitgap.exit_code == 0 and "Fit & Gap" in fitgap.stdout and "Status" not in fitgap.stdout


def test_help_says_where_the_language_comes_from() -> None:
    for command in (("check",), ("explain",), ("rules",), ("trail",), ("export",), ("sign",)):
        shown = " ".join(run(*command, "--help").stdout.split())
        assert "Default: language in the pmarklint.yaml of the repository the command works on, then the locale" in (
            shown
        ), command
    assert "Default: the locale" in " ".join(run("init", "--help").stdout.split())


def test_an_internal_error_speaks_the_repository_language(ja_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pmarklint.check.engine

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(pmarklint.check.engine, "run_check", broken)
    result = run("check", ja_repo)
    assert result.exit_code == 2
    assert result.stderr == (
        "pmarklint: 内部エラー: RuntimeError: a bug\n"
        "PMARKLINT_DEBUG=1 を設定するとトレースバックが表示されます。pmarklint の不具合として報告してください。\n"
    )
    assert run("check", ja_repo, "--lang", "en").stderr.startswith("pmarklint: internal error: RuntimeError: a bug\n")
