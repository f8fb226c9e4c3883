"""Hangs and unbounded memory (issue 12): what a hostile or careless file makes pmarklint do is bounded by its
size, never by the square of it. Schema findings are capped per entry and counted ("... and N more"), a text
value longer than ``limits.max_string_length`` is a finding (PML007), and a long line is cut in the text
report. Real repositories, the real command line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from pmarklint.documents.schema import MAX_FINDINGS_PER_ENTRY

from helpers.cli import check_json, run
from helpers.repos import CONFIG, inventory, make_repo


def unknown_keys(count: int) -> str:
    return inventory("PI-1", extra="".join(f"    k{i}: v\n" for i in range(count)))


def quick(started: float, seconds: float = 10) -> None:
    assert time.perf_counter() - started < seconds


def test_an_entry_with_many_unknown_keys_gets_twenty_findings_and_a_count(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": unknown_keys(40_000)})  # 404 s before
    started = time.perf_counter()
    result = check_json(repo)
    quick(started)
    assert result.exit_code == 1
    findings = result.json()["findings"]
    assert [f["rule"] for f in findings] == ["PML101"] * (MAX_FINDINGS_PER_ENTRY + 1)
    more, *listed = findings  # the count stands at the entry, the first line of the list
    assert (more["line"], more["column"], more["entry"], more["path"]) == (3, 5, "PI-1", None)
    assert more["message"].startswith(f"... and {40_000 - MAX_FINDINGS_PER_ENTRY} more schema problems in this entry")
    assert [f["path"] for f in listed] == [f"k{i}" for i in range(MAX_FINDINGS_PER_ENTRY)]
    assert [f["line"] for f in listed] == list(range(8, 8 + MAX_FINDINGS_PER_ENTRY))
    ja = run("check", repo, "--format", "json", "--today", "2026-11-26", "--lang", "ja")
    assert f"ほか{40_000 - MAX_FINDINGS_PER_ENTRY}件" in ja.json()["findings"][0]["message"]


def test_a_few_problems_are_all_listed_without_a_count(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": unknown_keys(MAX_FINDINGS_PER_ENTRY)})
    result = check_json(repo)
    assert result.codes() == ["PML101"] * MAX_FINDINGS_PER_ENTRY
    assert not any("more schema problems" in f["message"] for f in result.json()["findings"])


def test_missing_fields_are_listed_once_each(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": "kind: inventory\nentries:\n  - id: PI-1\n"})
    result = check_json(repo)
    messages = sorted(f["message"] for f in result.json()["findings"])
    assert messages == [f"missing required field '{name}'" for name in ("data_items", "department", "name", "purpose")]


def test_many_wrong_items_in_one_list_are_capped(tmp_path: Path) -> None:
    items = ", ".join(["[x]"] * 5_000)  # every item a list where text belongs: one error each
    ledger = inventory("PI-1").replace("data_items: [氏名, 住所]", f"data_items: [{items}]")
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": ledger})
    started = time.perf_counter()
    findings = check_json(repo).json()["findings"]
    quick(started)
    assert len(findings) == MAX_FINDINGS_PER_ENTRY + 1
    assert findings[0]["message"].startswith(f"... and {5_000 - MAX_FINDINGS_PER_ENTRY} more")


@pytest.mark.slow
def test_a_million_unknown_keys_finish_in_seconds(tmp_path: Path) -> None:
    ledger = unknown_keys(1_000_000)  # 12 MB: under the 20 MiB file limit; did not finish before
    assert 12_000_000 < len(ledger) < 20 * 1024 * 1024
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": ledger})
    started = time.perf_counter()
    result = check_json(repo, "--no-cache")
    quick(started, 60)
    assert result.exit_code == 1
    findings = result.json()["findings"]
    assert len(findings) == MAX_FINDINGS_PER_ENTRY + 1
    assert findings[0]["message"].startswith(f"... and {1_000_000 - MAX_FINDINGS_PER_ENTRY} more")


LONG = inventory("PI-1").replace("purpose: 商品の発送", "purpose: " + "あ" * 40_000)


def test_a_value_longer_than_an_excel_cell_is_pml007_at_the_value(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": LONG})
    result = check_json(repo)
    assert result.exit_code == 1
    (item,) = result.json()["findings"]
    assert (item["rule"], item["line"], item["column"], item["entry"], item["path"]) == (
        "PML007",
        7,
        14,
        "PI-1",
        "purpose",
    )
    assert item["message"].startswith("this value is 40000 characters long, over the limit of 32767")
    assert "あ" * 10 not in item["message"]  # the value is never copied into the message


def test_the_limit_is_a_setting(tmp_path: Path) -> None:
    raised = make_repo(
        tmp_path / "a", {"inventory/a.yaml": LONG}, config=CONFIG + "limits: {max_string_length: 50000}\n"
    )
    assert check_json(raised).codes() == []
    lowered = make_repo(
        tmp_path / "b", {"inventory/a.yaml": inventory("PI-1")}, config=CONFIG + "limits: {max_string_length: 8}\n"
    )
    found = check_json(lowered).json()["findings"]
    assert [(f["rule"], f["line"], f["column"], f["entry"], f["path"]) for f in found] == [
        ("PML007", 1, 7, None, "kind"),  # inventory: 9 characters
        ("PML007", 5, 5, "PI-1", "department"),  # a key counts too
        ("PML007", 6, 5, "PI-1", "data_items"),
    ]


@pytest.mark.parametrize(
    ("setting", "words"),
    [
        ("{max_string_length: 0}", "limits.max_string_length"),
        ("{max_string_length: many}", "limits.max_string_length"),
        ("{max_file_size: -1}", "limits.max_file_size"),
        ("{max_widgets: 10}", "limits.max_widgets"),
    ],
)
def test_a_bad_limit_is_a_clear_error(tmp_path: Path, setting: str, words: str) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1")}, config=CONFIG + f"limits: {setting}\n")
    result = run("check", repo, "--today", "2026-11-26", "--lang", "en")
    assert result.exit_code == 2
    assert "pmarklint.yaml:" in result.stderr and words in result.stderr
    assert "Traceback" not in result.stderr


def test_the_text_report_cuts_a_long_line_around_the_column(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": LONG})
    result = run("check", repo, "--today", "2026-11-26", "--lang", "en")
    assert result.exit_code == 1
    source, caret = [line for line in result.stdout.splitlines() if line.startswith(("     7 |", "       |"))]
    assert source == "     7 |     purpose: " + "あ" * 147 + "…"
    assert caret == "       |" + " " * 14 + "^"
    assert len(result.stdout) < 2_000


def test_a_huge_settings_file_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    padding = "# " + "x" * 1021 + "\n"
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1")}, config=CONFIG + padding * 21_000)
    size = (repo / "pmarklint.yaml").stat().st_size
    started = time.perf_counter()
    result = run("check", repo, "--today", "2026-11-26", "--lang", "en")
    quick(started)
    assert result.exit_code == 2
    assert result.stderr == (
        f"pmarklint: error: pmarklint.yaml is {size} bytes, over the limit of 20971520 bytes for the settings file: "
        "it holds settings, not data; remove what was pasted into it\n"
    )
