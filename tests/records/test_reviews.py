"""Management reviews (kind: review) on the realistic company: PML619 to PML623, each with file, position,
entry and message, and a near miss that stays quiet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from helpers.cli import check_json
from helpers.company import REVIEWS, TODAY, company
from helpers.pms import where

Items = list[dict[str, Any]]


def findings(repo: Path, code: str, lang: str = "en", today: str = TODAY) -> list[dict[str, Any]]:
    result = check_json(repo, "--lang", lang, "--today", today)
    assert result.exit_code in (0, 1), result.stderr
    return [f for f in result.json()["findings"] if f["rule"] == code]


def review(items: Items, review_id: str) -> dict[str, Any]:
    (found,) = [r for r in items if r["id"] == review_id]
    return found


def test_two_years_of_reviews_are_clean(tmp_path: Path) -> None:
    result = check_json(company(tmp_path / "c"))
    assert result.exit_code == 0 and result.json()["findings"] == [], result.stdout


def test_fiscal_year_without_a_review(tmp_path: Path) -> None:
    repo = company(tmp_path / "c", meetings=lambda items: items.remove(review(items, "MR-2025")))
    (found,) = findings(repo, "PML619")
    assert (found["file"], found["entry"], found["path"]) == (REVIEWS, "MR-2024", "date")
    assert (found["line"], found["column"]) == (where(repo, REVIEWS, "2025-03-14")[0], 11)
    assert found["message"] == (
        "no management review was held in fiscal year 2025 (ended 2026-03-31); the review before the gap is this "
        "one, of 2025-03-14: hold one every fiscal year"
    )
    (ja,) = findings(repo, "PML619", "ja")
    assert ja["message"].startswith("2025年度(2026-03-31 まで)にマネジメントレビューを実施していません")


def test_current_year_warns_near_its_end(tmp_path: Path) -> None:
    repo = company(tmp_path / "c")
    assert findings(repo, "PML619", today="2027-02-28") == []
    (found,) = findings(repo, "PML619", today="2027-03-05")
    assert (found["entry"], found["severity"]) == ("MR-2025", "warning")
    assert found["message"] == (
        "no management review yet in fiscal year 2026, which ends on 2027-03-31; the last one was on 2026-03-12"
    )


def test_review_without_top_management(tmp_path: Path) -> None:
    def change(items: Items) -> None:
        review(items, "MR-2025")["attendees"] = ["nakamura", "kobayashi"]

    repo = company(tmp_path / "c", meetings=change)
    (found,) = findings(repo, "PML620")
    assert (found["entry"], found["path"]) == ("MR-2025", "attendees")
    assert (found["line"], found["column"]) == (where(repo, REVIEWS, "attendees: [nakamura, kobayashi]")[0], 16)
    assert found["message"] == (
        "top management is not among the attendees of the review of 2026-03-12: top management attends and "
        "decides the outputs"
    )


def test_review_inputs_missing_or_empty(tmp_path: Path) -> None:
    def change(items: Items) -> None:
        inputs = review(items, "MR-2025")["inputs"]
        inputs.pop("law_changes")
        inputs["feedback"] = {"documents": []}

    repo = company(tmp_path / "c", meetings=change)
    (found,) = findings(repo, "PML621")
    assert (found["entry"], found["path"]) == ("MR-2025", "inputs")
    assert found["message"] == (
        "2 required inputs have no content or document: feedback from interested parties, complaints included, "
        "changes in laws and guidelines; write what was reported under each heading"
    )
    (ja,) = findings(repo, "PML621", "ja")
    assert "利害関係者からのフィードバック(苦情を含む)、法令、国が定める指針その他の規範の改正状況" in ja["message"]
    assert "law_changes" not in ja["message"]


def test_inputs_by_document_only_are_enough(tmp_path: Path) -> None:
    def change(items: Items) -> None:
        review(items, "MR-2025")["inputs"]["feedback"] = {"documents": ["docs/audit-checklist.md"]}

    assert findings(company(tmp_path / "c", meetings=change), "PML621") == []


def test_review_outputs_missing(tmp_path: Path) -> None:
    repo = company(tmp_path / "c", meetings=lambda items: review(items, "MR-2024")["outputs"].pop("resources"))
    (found,) = findings(repo, "PML622")
    assert (found["entry"], found["path"]) == ("MR-2024", "outputs")
    assert found["message"] == (
        "1 outputs are not recorded: resources needed; record top management's decisions (or that none was needed)"
    )


def test_previous_action_left_open(tmp_path: Path) -> None:
    repo = company(tmp_path / "c", meetings=lambda items: review(items, "MR-2024")["actions"][0].pop("done_on"))
    (found,) = findings(repo, "PML623")
    assert (found["file"], found["entry"], found["path"]) == (REVIEWS, "MR-2024", "actions[0]")
    assert (found["line"], found["column"]) == (where(repo, REVIEWS, "id: MR-2024-A1")[0], 9)
    assert found["message"] == (
        "action MR-2024-A1 (owner: 中村 由美 (nakamura)) was neither done nor carried over by the next review, "
        "MR-2025 of 2026-03-12: record done_on, or carry it over there (carried_from: MR-2024-A1)"
    )


def test_previous_action_carried_over_or_done_later_is_judged_at_the_next_review(tmp_path: Path) -> None:
    def carried(items: Items) -> None:
        review(items, "MR-2024")["actions"][0].pop("done_on")
        review(items, "MR-2025")["actions"].append(
            {"id": "MR-2025-A2", "text": "電子化の続き", "owner": "nakamura", "carried_from": "MR-2024-A1"}
        )

    assert findings(company(tmp_path / "c", meetings=carried), "PML623") == []

    def late(items: Items) -> None:
        review(items, "MR-2024")["actions"][0]["done_on"] = "2026-03-13"  # the day after the next review

    assert len(findings(company(tmp_path / "d", meetings=late), "PML623")) == 1
