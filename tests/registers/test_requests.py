"""Requests from data subjects (kind: request): PML707 to PML710 on small repositories, the response deadline one
day before, on the day and one day after, with the finding's file, position, entry and message."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pmarklint.rules.requests import _example
from pmarklint.rules.staff import EXAMPLE_CONFIG

from helpers.cli import run
from helpers.pms import where
from helpers.repos import make_repo

REQUESTS = "requests/requests.yaml"
CHECKED = "    identity_check: {method: 運転免許証の写し, on: 2026-11-03}\n"


def findings(repo: Path, code: str, today: str = "2026-11-26", lang: str = "en") -> list[dict[str, Any]]:
    result = run("check", repo, "--format", "json", "--today", today, "--lang", lang)
    assert result.exit_code in (0, 1), result.stderr
    return [f for f in result.json()["findings"] if f["rule"] == code]


def repo_with(tmp_path: Path, extra: str, retained: bool = True, config: str = "") -> Path:
    files = _example(extra, "2026-11-02", retained)  # + 14 days = 2026-11-16
    files["pmarklint.yaml"] = EXAMPLE_CONFIG + config
    return make_repo(tmp_path / "r", files)


@pytest.mark.parametrize(
    ("today", "severity"), [("2026-11-15", "warning"), ("2026-11-16", "warning"), ("2026-11-17", "error")]
)
def test_response_not_made_around_its_deadline(tmp_path: Path, today: str, severity: str) -> None:
    repo = repo_with(tmp_path, CHECKED)
    (found,) = findings(repo, "PML707", today)
    assert (found["file"], found["entry"], found["path"], found["severity"]) == (
        REQUESTS,
        "RQ-2026-01",
        "received_on",
        severity,
    )
    assert (found["line"], found["column"]) == where(repo, REQUESTS, "2026-11-02")
    if severity == "error":
        assert found["message"] == (
            "the response to this request was due within 14 days of its receipt on 2026-11-02, by 2026-11-16, and "
            "none is recorded (today is 2026-11-17): respond now and record responded_on"
        )
        (ja,) = findings(repo, "PML707", today, "ja")
        assert ja["message"] == (
            "この請求への回答は受付日 2026-11-02 から 14日以内、2026-11-16 までに必要でしたが、記録がありません"
            "(今日は 2026-11-17)。直ちに回答して responded_on を記録してください"
        )


@pytest.mark.parametrize(("responded", "late"), [("2026-11-15", False), ("2026-11-16", False), ("2026-11-17", True)])
def test_response_made_around_its_deadline(tmp_path: Path, responded: str, late: bool) -> None:
    repo = repo_with(tmp_path, CHECKED + f"    decision: full\n    responded_on: {responded}\n")
    found = findings(repo, "PML707")
    assert [(f["path"], f["severity"]) for f in found] == ([("responded_on", "error")] if late else [])
    if late:
        assert found[0]["message"] == (
            "the response to this request was made on 2026-11-17, after the company's standard of 14 days from its "
            "receipt on 2026-11-02 (by 2026-11-16; today is 2026-11-26): record why in notes"
        )


def test_the_standard_is_a_setting_and_a_withdrawn_request_owes_nothing(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, CHECKED, config="requests: {respond_within: P30D}\n")
    (found,) = findings(repo, "PML707", "2026-11-20")
    assert (found["severity"], "by 2026-12-02" in found["message"]) == ("warning", True)
    withdrawn = repo_with(tmp_path / "w", CHECKED + "    decision: withdrawn\n")
    assert findings(withdrawn, "PML707") == []


@pytest.mark.parametrize(
    ("identity", "key"),
    [("", "missing"), (CHECKED.replace("2026-11-03", "2026-11-11"), "after"), (CHECKED, None)],
)
def test_identity_checked_before_the_response(tmp_path: Path, identity: str, key: str | None) -> None:
    repo = repo_with(tmp_path, identity + "    decision: full\n    responded_on: 2026-11-10\n")
    found = findings(repo, "PML708")
    if key is None:
        assert found == []
        return
    (one,) = found
    messages = {
        "missing": "the response was made on 2026-11-10 but no identity check is recorded (identity_check.on): "
        "confirm the person's identity before responding, and record how and when",
        "after": "the identity was checked on 2026-11-11, after the response on 2026-11-10: the identity is checked "
        "before responding",
    }
    assert (one["severity"], one["path"], one["message"]) == (
        "error",
        "responded_on" if key == "missing" else "identity_check.on",
        messages[key],
    )


@pytest.mark.parametrize(
    ("decision", "reason", "reported"),
    [
        ("partial", "", True),
        ("refused", "", True),
        ("refused", "    reason: 法令に基づき不開示\n", False),
        ("full", "", False),
    ],
)
def test_reason_for_a_partial_or_refused_decision(tmp_path: Path, decision: str, reason: str, reported: bool) -> None:
    repo = repo_with(tmp_path, CHECKED + f"    decision: {decision}\n    responded_on: 2026-11-10\n" + reason)
    found = findings(repo, "PML709")
    assert len(found) == (1 if reported else 0)
    if reported:
        (ja,) = findings(repo, "PML709", lang="ja")
        word = {"partial": "一部開示等", "refused": "不開示等"}[decision]
        assert ja["message"].startswith(f"決定が「{word}」なのに理由がありません")
        assert found[0]["path"] == "decision"


def test_the_data_concerned_is_retained_personal_data(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, CHECKED + "    decision: full\n    responded_on: 2026-11-10\n", retained=False)
    (found,) = findings(repo, "PML710")
    assert (found["path"], found["line"]) == ("inventory[0]", where(repo, REQUESTS, "PI-001")[0])
    assert found["message"].startswith("PI-001 (inventory/inventory.yaml) is not recorded as retained personal data")
    assert findings(repo_with(tmp_path / "ok", CHECKED), "PML710") == []
