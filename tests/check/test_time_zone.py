"""One time zone (issue 11): ``check`` and ``sign`` judge today, future dates (PML305) and due dates in the
repository's time zone (``timezone:`` in pmarklint.yaml; default Asia/Tokyo for ``language: ja``, else UTC),
whatever the machine's clock zone. The clock is pinned with PMARKLINT_NOW; real repositories, real commits."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.cli import run
from helpers.pms import CONFIG, pms
from helpers.repos import commit_as

NAKAMURA = "Hanako Nakamura <nakamura@sakura-market.example>"
LEDGER = "contractors/contractors.yaml"
JA = CONFIG.replace("language: en", "language: ja")
CI_CLOCK = "2026-05-02T23:30:00+00:00"  # a CI in UTC late on the 2nd: 08:30 on the 3rd in Tokyo


def approved_on_the_3rd(tmp_path: Path, config: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The manager approves C-001 on 2026-05-03 (noon UTC, the 3rd everywhere near) and commits it."""
    root = pms(tmp_path / "pms", config=config)
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "nakamura@sakura-market.example")
    monkeypatch.setenv("PMARKLINT_NOW", "2026-05-03T12:00:00+00:00")
    signed = run("sign", "C-001", "--as", "nakamura", "--repo", root)
    assert signed.exit_code == 0, signed.stderr
    assert "date: 2026-05-03" in (root / LEDGER).read_text(encoding="utf-8")
    commit_as(root, NAKAMURA, "C-001 approved", day="2026-05-03T21:00:00+09:00")
    return root


def check(root: Path) -> tuple[str, list[tuple[str, str | None, str | None]]]:
    result = run("check", root, "--format", "json", "--lang", "en")
    assert result.exit_code in (0, 1), result.stderr
    data = result.json()
    return data["today"], [(f["rule"], f["entry"], f.get("path")) for f in data["findings"]]


@pytest.mark.parametrize(
    ("config", "today", "future"),
    [
        (JA, "2026-05-03", False),  # language: ja → Asia/Tokyo
        (CONFIG + "timezone: Asia/Tokyo\n", "2026-05-03", False),
        (CONFIG, "2026-05-02", True),  # language: en → UTC: in UTC it is still the 2nd
        (JA + "timezone: UTC\n", "2026-05-02", True),
    ],
    ids=["ja-default", "en-tokyo", "en-default-utc", "ja-utc"],
)
def test_an_approval_signed_east_of_utc_is_not_a_future_date_for_a_ci_in_utc(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: str, today: str, future: bool
) -> None:
    root = approved_on_the_3rd(tmp_path, config, monkeypatch)
    monkeypatch.setenv("PMARKLINT_NOW", CI_CLOCK)
    monkeypatch.setenv("TZ", "UTC")
    assert check(root) == (today, [("PML305", "C-001", "approvals[0].date")] if future else [])


def test_sign_takes_today_in_the_repositorys_time_zone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In Tokyo at 08:00 on the 3rd (23:00 UTC on the 2nd) a Japanese repository signs on the 3rd, and the
    check a CI in UTC runs half an hour later agrees; a repository in UTC signs on the 2nd."""
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "nakamura@sakura-market.example")
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("PMARKLINT_NOW", "2026-05-03T08:00:00+09:00")
    early = pms(tmp_path / "early", config=JA)
    assert run("sign", "C-001", "--as", "nakamura", "--repo", early).exit_code == 0
    assert "date: 2026-05-03" in (early / LEDGER).read_text(encoding="utf-8")
    commit_as(early, NAKAMURA, "C-001 approved", day="2026-05-03T08:00:00+09:00")
    monkeypatch.setenv("PMARKLINT_NOW", CI_CLOCK)
    assert check(early) == ("2026-05-03", [])
    tokyo = pms(tmp_path / "tokyo", config=JA)
    assert run("sign", "C-001", "--as", "nakamura", "--repo", tokyo, "--date", "2026-05-03").exit_code == 0
    utc = pms(tmp_path / "utc", config=CONFIG)
    refused = run("sign", "C-001", "--as", "nakamura", "--repo", utc, "--date", "2026-05-03")
    assert refused.exit_code != 0 and "2026-05-03" in refused.stderr and "2026-05-02" in refused.stderr
    assert run("sign", "C-001", "--as", "nakamura", "--repo", utc).exit_code == 0
    assert "date: 2026-05-02" in (utc / LEDGER).read_text(encoding="utf-8")


def test_today_and_pmarklint_today_still_win(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = pms(tmp_path / "pms", config=JA)
    monkeypatch.setenv("PMARKLINT_NOW", CI_CLOCK)
    monkeypatch.setenv("PMARKLINT_TODAY", "2026-11-26")
    assert check(root)[0] == "2026-11-26"
    assert run("check", root, "--format", "json", "--today", "2027-01-05").json()["today"] == "2027-01-05"


def test_due_dates_fall_due_on_the_day_in_the_repositorys_time_zone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Everything was reviewed on 2026-04-01 yearly: due 2027-04-01. At 16:00 UTC on 2027-04-01 it is the
    2nd in Tokyo, so the reviews are overdue there, and due today (not overdue) in UTC."""
    monkeypatch.setenv("PMARKLINT_NOW", "2027-04-01T16:00:00+00:00")
    tokyo = check(pms(tmp_path / "tokyo", config=JA))
    utc = check(pms(tmp_path / "utc", config=CONFIG))
    assert tokyo[0] == "2027-04-02" and utc[0] == "2027-04-01"
    assert "PML301" in {rule for rule, _, _ in tokyo[1]} and "PML301" not in {rule for rule, _, _ in utc[1]}


@pytest.mark.parametrize(
    ("setting", "variable", "message"),
    [
        ("timezone: Asia/Tokio\n", "", "'Asia/Tokio' is not a time zone name"),
        ("timezone: 9\n", "", "timezone"),
        ("", "2026-05-02 23:30", "PMARKLINT_NOW must be a time with its offset"),
        ("", "tomorrow", "PMARKLINT_NOW must be a time with its offset"),
    ],
    ids=["unknown-zone", "not-text", "no-offset", "not-a-time"],
)
def test_a_zone_or_clock_that_cannot_be_read_stops_the_run_with_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str, variable: str, message: str
) -> None:
    root = pms(tmp_path / "pms", config=CONFIG + setting)
    if variable:
        monkeypatch.setenv("PMARKLINT_NOW", variable)
    result = run("check", root, "--lang", "en")
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
