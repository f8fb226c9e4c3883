"""``check --quiet`` (what the pre-commit hook shows): errors in full and first, then one line per rule for
the warnings with their count, then the summary. Without --quiet the report is the golden one, unchanged."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pmarklint.check.engine import CheckResult, run_check
from pmarklint.findings import Finding, Severity
from pmarklint.reporters import REPORTERS
from pmarklint.reporters.text_report import render

from helpers.cli import run
from helpers.repos import GOLDEN, ROOT

EXAMPLE = ROOT / "examples" / "shop"
TODAY = "2026-11-26"


def _due_soon(line: int) -> Finding:
    return Finding("people/people.yaml", line, 5, "PML302", Severity.WARNING, "PML302.never", entry=f"p{line}")


def _result() -> CheckResult:
    """The example's findings (25 errors, 2 warnings) with three review-due-soon warnings listed first."""
    result = run_check(EXAMPLE, today=TODAY, lang="en")
    assert result.errors == 25 and result.warnings == 2
    return replace(result, findings=[_due_soon(3), _due_soon(9), _due_soon(15), *result.findings])


EXPECTED = {
    "en": [
        "PML302 review-due-soon: 3 warnings — run `pmarklint check` to list them",
        "PML304 expired: 1 warning — run `pmarklint check` to see it",
        "PML601 left-holds-role: 1 warning — run `pmarklint check` to see it",
        "",
        "32 files, 166 entries: 25 errors, 5 warnings, 1 waived",
    ],
    "ja": [
        "PML302 review-due-soon: 警告3件 — 一覧は `pmarklint check` で表示できます",
        "PML304 expired: 警告1件 — 内容は `pmarklint check` で表示できます",
        "PML601 left-holds-role: 警告1件 — 内容は `pmarklint check` で表示できます",
        "",
        "32ファイル、166エントリ: エラー25件、警告5件、是正中1件",
    ],
}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_quiet_lists_errors_first_and_counts_warnings_per_rule(lang: str) -> None:
    lines = render(_result(), lang, quiet=True).splitlines()

    assert lines[-5:] == EXPECTED[lang]
    findings = [line for line in lines if line.startswith("  ") and not line.startswith("   ")]
    assert len(findings) == 25
    assert all(" error   PML" in line for line in findings)
    assert not any(" warning PML" in line for line in lines)  # no warning listed one by one
    assert lines[0] == "audits/plans.yaml"  # the first error's file, not the warnings' people/


def test_quiet_without_warnings_or_errors_is_the_summary() -> None:
    result = replace(_result(), findings=[], waived=[])
    assert render(result, "en", quiet=True) == "No problems found. 32 files, 166 entries: 0 errors, 0 warnings\n"


def test_without_quiet_the_report_is_unchanged() -> None:
    result = _result()
    assert render(result, "en") == REPORTERS["text"](result, "en", False)
    assert "PML302 review-due-soon:" not in render(result, "en")


def test_check_quiet_on_the_command_line() -> None:
    quiet = run("check", EXAMPLE, "--today", TODAY, "--lang", "en", "--quiet")
    assert quiet.exit_code == 1
    assert quiet.stdout.endswith(
        "PML304 expired: 1 warning — run `pmarklint check` to see it\n"
        "PML601 left-holds-role: 1 warning — run `pmarklint check` to see it\n\n"
        "32 files, 166 entries: 25 errors, 2 warnings, 1 waived\n"
    )
    plain = run("check", EXAMPLE, "--today", TODAY, "--lang", "en")
    golden = (GOLDEN / "examples-shop.text.txt").read_text(encoding="utf-8")
    assert plain.stdout == golden
    assert (
        run("check", EXAMPLE, "--today", TODAY, "--format", "json", "--quiet").stdout
        == run("check", EXAMPLE, "--today", TODAY, "--format", "json").stdout
    )  # --quiet shortens the text report only


def test_quiet_is_in_the_help() -> None:
    assert "--quiet" in run("check", "--help").stdout


@pytest.mark.parametrize(
    ("lang", "heading", "line"),
    [
        (
            "ja",
            "是正中の指摘(pmarklint.yaml の例外承認により、期限まではエラーに数えません):",
            "  contractors/contractors.yaml:94:13 PML303 C-004  是正中(期限 2027-02-28): 委託先評価の期限切れです。",
        ),
        (
            "en",
            "Being corrected (waived in pmarklint.yaml: not counted as errors until the waiver expires):",
            "  contractors/contractors.yaml:94:13 PML303 C-004  being corrected (until 2027-02-28): evaluation overdue",
        ),
    ],
)
def test_a_waived_finding_is_listed_as_being_corrected_until_the_waiver_expires(
    lang: str, heading: str, line: str
) -> None:
    """例外承認 is the name of the setting; the finding it covers is 是正中, with the waiver's expiry."""
    lines = render(run_check(EXAMPLE, today=TODAY, lang=lang), lang, color=False).splitlines()
    at = lines.index(heading)
    assert lines[at + 1].startswith(line)
