"""PML101 and PML102 on real repositories: code, file, line, column, entry and a message a person reads."""

from __future__ import annotations

from pathlib import Path

from helpers.cli import check_json
from helpers.repos import inventory, make_repo


def findings(repo: Path) -> list[dict]:
    return check_json(repo).json()["findings"]


def one(repo: Path) -> dict:
    items = findings(repo)
    assert len(items) == 1, items
    return items[0]


def test_duration_written_in_japanese(tmp_path: Path) -> None:
    text = inventory("PI-CS-001", "PI-CS-002").replace(
        "    purpose: 商品の発送\n  - id: PI-CS-002", "    purpose: 商品の発送\n  - id: PI-CS-002"
    )
    text += "    retention:\n      period: 5年\n"
    repo = make_repo(tmp_path / "r", {"inventory/cs.yaml": text})
    item = one(repo)
    assert item == {
        "rule": "PML101",
        "name": "schema",
        "severity": "error",
        "file": "inventory/cs.yaml",
        "line": 14,
        "column": 15,
        "entry": "PI-CS-002",
        "path": "retention.period",
        "message": "'retention.period' must be an ISO 8601 duration such as P5Y (5 years), P6M (6 months) or "
        'P30D (30 days), got "5年"',
    }


def test_missing_field_points_at_the_entry(tmp_path: Path) -> None:
    text = inventory("PI-1").replace("    purpose: 商品の発送\n", "")
    item = one(make_repo(tmp_path / "r", {"inventory/a.yaml": text}))
    assert (item["line"], item["column"], item["entry"]) == (3, 5, "PI-1")
    assert item["message"] == "missing required field 'purpose'"


def test_unknown_field_points_at_the_key_and_suggests(tmp_path: Path) -> None:
    text = inventory("PI-1", extra="    retension: {period: P1Y}\n")
    item = one(make_repo(tmp_path / "r", {"inventory/a.yaml": text}))
    assert (item["line"], item["column"]) == (8, 5)
    assert "'retension'" in item["message"] and "did you mean 'retention'" in item["message"]


def test_custom_fields_with_x_prefix_are_allowed(tmp_path: Path) -> None:
    text = inventory("PI-1", extra="    x-system: 受注管理\n")
    assert findings(make_repo(tmp_path / "r", {"inventory/a.yaml": text})) == []


def test_yes_for_a_boolean(tmp_path: Path) -> None:
    text = inventory("PI-1", extra="    sensitive: yes\n")
    item = one(make_repo(tmp_path / "r", {"inventory/a.yaml": text}))
    assert (item["line"], item["column"], item["path"]) == (8, 16, "sensitive")
    assert "true or false" in item["message"] and "'yes'" in item["message"]


def test_a_list_or_mapping_for_a_boolean_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    for value in ("[1]", "{a: 1}"):
        text = inventory("PI-1", extra=f"    sensitive: {value}\n")
        item = one(make_repo(tmp_path / value.strip("[]{}: "), {"inventory/a.yaml": text}))
        assert (item["rule"], item["line"], item["column"], item["path"]) == ("PML101", 8, 16, "sensitive")


def test_number_where_text_is_expected(tmp_path: Path) -> None:
    text = inventory("PI-1").replace("name: 顧客情報", "name: 2024")
    item = one(make_repo(tmp_path / "r", {"inventory/a.yaml": text}))
    assert (item["line"], item["column"]) == (4, 11)
    assert "put it in quotes" in item["message"]


def test_bad_date_and_enum(tmp_path: Path) -> None:
    text = """kind: contractor
entries:
  - id: C-001
    name: 配送株式会社
    service: 配送
    evaluation: {date: 2026/04/01, result: passed}
"""
    items = [i for i in findings(make_repo(tmp_path / "r", {"contractors/c.yaml": text})) if i["rule"] == "PML101"]
    assert [(i["path"], i["line"], i["column"]) for i in items] == [
        ("evaluation.date", 6, 24),
        ("evaluation.result", 6, 44),
    ]
    assert "YYYY-MM-DD" in items[0]["message"]
    assert "did you mean 'pass'" in items[1]["message"]


def test_impossible_date(tmp_path: Path) -> None:
    text = inventory("PI-1", extra="    last_reviewed: 2026-02-30\n")
    item = one(make_repo(tmp_path / "r", {"inventory/a.yaml": text}))
    assert item["path"] == "last_reviewed" and "YYYY-MM-DD" in item["message"]


def test_retired_entry_needs_date_and_reason(tmp_path: Path) -> None:
    text = inventory("PI-1", extra="    status: retired\n")
    items = findings(make_repo(tmp_path / "r", {"inventory/a.yaml": text}))
    assert sorted(i["message"] for i in items) == [
        "missing required field 'reason'",
        "missing required field 'retired_on'",
    ]


def test_not_applicable_control_needs_a_reason(tmp_path: Path) -> None:
    text = "kind: control\nentries:\n  - id: J.8.9\n    title: {ja: 匿名加工情報}\n    status: not_applicable\n"
    item = one(make_repo(tmp_path / "r", {"controls/c.yaml": text}))
    assert (item["rule"], item["entry"], item["message"]) == ("PML101", "J.8.9", "missing required field 'reason'")


def test_japanese_messages(tmp_path: Path) -> None:
    text = inventory("PI-1", extra="    retention: {period: 5年}\n")
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": text})
    item = check_json(repo, "--lang", "ja").json()["findings"][0]
    assert item["message"].startswith("'retention.period' はISO 8601 の期間")


def test_file_level_errors(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": "kind: inventory\nentries: {}\nextra: 1\n"})
    items = findings(repo)
    assert [(i["path"], i["line"]) for i in items] == [("entries", 2), ("extra", 3)]


def test_entries_that_are_not_mappings(tmp_path: Path) -> None:
    item = one(make_repo(tmp_path / "r", {"inventory/a.yaml": "kind: inventory\nentries:\n  - just text\n"}))
    assert (item["line"], item["column"], item["message"]) == (
        3,
        5,
        "'the entry' must be a mapping of fields, got \"just text\"",
    )


def test_duplicate_id_names_both_places(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "r",
        {"inventory/a.yaml": inventory("PI-1", "PI-2"), "inventory/b.yaml": inventory("PI-3", "PI-1")},
    )
    item = one(repo)
    assert (item["rule"], item["file"], item["line"], item["column"], item["entry"]) == (
        "PML102",
        "inventory/b.yaml",
        8,
        9,
        "PI-1",
    )
    assert "inventory/a.yaml:3" in item["message"]


def test_duplicate_id_across_kinds(tmp_path: Path) -> None:
    people = "kind: person\nentries:\n  - id: PI-1\n    name: 中村\n"
    item = one(make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1"), "people/p.yaml": people}))
    assert item["rule"] == "PML102" and item["file"] == "people/p.yaml"


def test_near_miss_similar_ids_are_fine(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1", "PI-10", "pi-1")})
    assert findings(repo) == []


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "r",
        {
            "inventory/a.yaml": "kind: inventory\nentries: [\n",
            "inventory/b.yaml": inventory("PI-1", extra="    sensitive: no\n"),
            "inventory/c.yaml": b"kind: inventory\n\x82\xa0\n",
        },
    )
    items = findings(repo)
    assert [(i["file"], i["rule"]) for i in items] == [
        ("inventory/a.yaml", "PML001"),
        ("inventory/b.yaml", "PML101"),
        ("inventory/c.yaml", "PML004"),
    ]


def test_duplicate_id_after_an_entry_that_is_not_a_mapping(tmp_path: Path) -> None:
    text = "kind: inventory\nentries:\n  - just text\n" + inventory("PI-1").split("entries:\n", 1)[1]
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": text, "inventory/b.yaml": inventory("PI-1")})
    items = findings(repo)
    duplicate = next(i for i in items if i["rule"] == "PML102")
    assert (duplicate["file"], duplicate["line"], duplicate["column"]) == ("inventory/b.yaml", 3, 9)
    assert "inventory/a.yaml:4" in duplicate["message"]
