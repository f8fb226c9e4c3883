"""Japanese a privacy office reads as its own: no raw role id, kind, enum value or ISO 8601 duration in a
Japanese message, report or export. Scanned: the message of every rule's failing example, check on the
example company and on a fresh `init`, and the Japanese golden reports.

An identifier may still appear where the user must type it: after its label in parentheses (個人情報保護管理者
(privacy_manager)), as a value to write (`status: not_applicable`), quoted (the user's own value echoed,
'no'), or as part of a field path, file name or command (`contract.expires`, `training/`)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from pmarklint.rules import REGISTRY

from helpers.cli import check_json, run
from helpers.repos import FULL_CONFIG, ROOT, make_repo, play

GOLDEN = ROOT / "tests" / "golden"
# Values the files hold that a user never needs to see raw in Japanese: every enum value of the schemas
# (roles, kinds, statuses, types...), except the few that are themselves what one types in pmarklint.yaml.
_TYPED = {"ja", "en", "error", "warning", "off", "pmark-2023", "roles", "role"}


def _enum_values() -> set[str]:
    values: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            values.update(v for v in node.get("enum", []) if isinstance(v, str))
            clauses = node.get("properties", {}).get("clauses", {})
            values.update(clauses.get("properties", {}) if isinstance(clauses, dict) else ())  # audit_rights
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    for path in (ROOT / "schemas").glob("*.schema.json"):
        if path.name not in ("check-output.schema.json", "trail.schema.json"):
            walk(json.loads(path.read_text(encoding="utf-8")))
    return values - _TYPED


RAW = _enum_values() | {"person", "control", "contractor", "inventory", "corrective", "audit_plan"}
_TOKEN = re.compile(r"(?<![A-Za-z0-9_./@$-])([A-Za-z][A-Za-z0-9_-]*)(?![A-Za-z0-9_/@$-]|\.[A-Za-z0-9])")
_DURATION = re.compile(r"(?<![A-Za-z0-9_])P(?:\d+[YMWD])+(?![A-Za-z0-9_])")
_ALLOWED = [
    re.compile(r"[^\x00-\x7f]\(([A-Za-z_]+)\)"),  # the id after its label: 個人情報保護管理者(privacy_manager)
    re.compile(r"'[^']*'|\"[^\"]*\"|`[^`]*`"),  # quoted: the user's own value, a command
    re.compile(r"[A-Za-z_.\[\]*]+: ?[A-Za-z0-9_.\[\], {}-]+"),  # what to write: status: not_applicable
    re.compile(r"P\d+[YMWD] = "),  # a duration explained: P1Y = 1年
]


def raw_identifiers(text: str) -> list[str]:
    """The raw identifiers and durations a Japanese text shows where a label belongs."""
    for pattern in _ALLOWED:
        text = pattern.sub(" ", text)
    found = [m.group(1) for m in _TOKEN.finditer(text) if m.group(1) in RAW]
    return found + _DURATION.findall(text)


# A person as a message names them: the roster's name, then the id in parentheses (中村 由美(nakamura)). The id
# alone is allowed only inside a command to type ('pmarklint sign PI-1 --as nakamura').
_NAMED = re.compile(r"[^\x00-\x7f]\(([A-Za-z0-9][A-Za-z0-9._-]*)\)")
_COMMAND = re.compile(r"'pmarklint [^']*'|`pmarklint [^`]*`")


def bare_people(text: str, people: set[str]) -> list[str]:
    """The ids of people of the roster that a Japanese text shows without their name."""
    text = _NAMED.sub(" ", _COMMAND.sub(" ", text))
    return [m.group(1) for m in _TOKEN.finditer(text) if m.group(1) in people]


def roster_ids(files: dict[str, str | bytes]) -> set[str]:
    """The ids of the people in the roster files of a repository's files (path → text)."""
    ids: set[str] = set()
    for content in files.values():
        text = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
        try:
            data = yaml.safe_load(text) if "kind: person" in text else None
        except yaml.YAMLError:
            continue
        if isinstance(data, dict) and data.get("kind") == "person":
            ids.update(
                e["id"] for e in data.get("entries") or [] if isinstance(e, dict) and isinstance(e.get("id"), str)
            )
    return ids


def test_the_scanner_finds_a_person_shown_by_id_alone() -> None:
    people = {"nakamura", "ito"}
    assert bare_people("nakamura が 個人情報保護管理者(privacy_manager) として承認しました", people) == ["nakamura"]
    assert bare_people("'nakamura' 名義の承認を追加したコミット", people) == ["nakamura"]
    assert bare_people("中村 由美(nakamura) が承認しました('pmarklint sign PI-1 --as nakamura')", people) == []
    assert bare_people("people/nakamura.yaml と nakamura@example.com と ito.yaml", people) == []


def test_the_scanner_finds_what_the_issue_found() -> None:
    assert raw_identifiers("control のエントリには役割 top_management の人の承認が必要です") == [
        "control",
        "top_management",
    ]
    assert raw_identifiers("other 認証の有効期限が") == ["other"]
    assert raw_identifiers("間隔 P1Y のため") == ["P1Y"]
    assert raw_identifiers("nakamura が privacy_manager として承認しました") == ["privacy_manager"]
    assert raw_identifiers("8項目のうち1項目がありません: audit_rights") == ["audit_rights"]
    # and lets through what the user types
    assert raw_identifiers("トップマネジメント(top_management)の承認が必要です") == []
    assert raw_identifiers("status: not_applicable と理由を書いてください。'other' と書かれています") == []
    assert raw_identifiers("contract.expires を直して training/ に記録してください(例: P5Y = 5年)") == []


def _messages(findings: list[dict[str, object]]) -> list[str]:
    return [str(f["message"]) for f in findings]


@pytest.mark.parametrize("code", list(REGISTRY))
def test_no_raw_identifier_in_the_japanese_message_of_a_rule(tmp_path: Path, code: str) -> None:
    example = REGISTRY[code].bad
    repo = make_repo(tmp_path, dict(example.files), config=FULL_CONFIG, use_git=example.git)
    play(repo, example.history)
    result = check_json(repo, "--lang", "ja")
    assert result.exit_code in (0, 1), result.stderr
    leaks = {m: raw_identifiers(m) for m in _messages(result.json()["findings"]) if raw_identifiers(m)}
    assert leaks == {}
    people = roster_ids({**example.files, **{p: t for _, files in example.history for p, t in files.items() if t}})
    named = {m: bare_people(m, people) for m in _messages(result.json()["findings"]) if bare_people(m, people)}
    assert named == {}


def test_no_raw_identifier_on_the_example_company_and_a_fresh_repository(tmp_path: Path) -> None:
    shop = run("check", ROOT / "examples" / "shop", "--lang", "ja", "--format", "json", "--today", "2026-11-26")
    target = tmp_path / "pms"
    assert run("init", target, "--lang", "ja").exit_code == 0
    fresh = run("check", target, "--lang", "ja", "--format", "json", "--today", "2026-11-26")
    messages = _messages(shop.json()["findings"]) + _messages(fresh.json()["findings"])
    assert len(messages) > 100
    assert {m: raw_identifiers(m) for m in messages if raw_identifiers(m)} == {}
    roster = (ROOT / "examples/shop/people/roster.yaml").read_text(encoding="utf-8")
    people = roster_ids({"roster": roster})
    assert {m: bare_people(m, people) for m in messages if bare_people(m, people)} == {}
    # one language per message: a catalog task is shown in Japanese only
    assert not [m for m in messages if " / " in m and "PML306" not in m and "「" in m]


@pytest.mark.parametrize("name", ["fitgap-small.ja.md", "fitgap-small.ja.csv", "fitgap-small.ja.html"])
def test_no_raw_identifier_in_the_japanese_golden_reports(name: str) -> None:
    text = (GOLDEN / name).read_text(encoding="utf-8-sig")
    text = re.sub(r"<[^>]+>", " ", text)  # HTML tags and their attributes are not read
    assert raw_identifiers(text) == []


# Where each fixed value of the schemas has its words in the catalogs: the family of keys (``<family>.<value>``)
# by schema and field name ("*": any schema). Role ids have theirs under ``role.``; the values one types in
# pmarklint.yaml (_TYPED) are shown as written.
_FAMILIES = {
    ("*", "status"): "table.value.status",
    ("control", "status"): "fitgap.status",
    ("audit_plan", "criteria"): "criterion",
    ("audit_report", "type"): "audits.finding",
    ("complaint", "category"): "complaint_category",
    ("contractor", "type"): "table.value.certifications.type",
    ("contractor", "result"): "table.value.evaluation.result",
    ("control", "record_kind"): "kind",
    ("control", "difficulty"): "fitgap.difficulty",
    ("corrective", "source"): "corrective_source",
    ("corrective", "result"): "audits.effect",
    ("incident", "type"): "incident_type",
    ("inventory", "basis"): "table.value.overseas.basis",
    ("inventory", "residual"): "table.value.risks.residual",
    ("operation_check", "result"): "check_result",
    ("person", "employment"): "employment",
    ("plan", "activity"): "activity",
    ("request", "type"): "request_type",
    ("request", "decision"): "request_decision",
    ("risk", "phase"): "risk_phase",
    ("risk", "threats"): "risk_threat",
    ("risk", "likelihood"): "risk_level",
    ("risk", "impact"): "risk_level",
    ("risk", "residual"): "risk_level",
    ("training", "type"): "training_type",
    ("training", "topics"): "topic",
}


def _enum_fields() -> list[tuple[str, str, str]]:
    """(schema, field name, value) for every fixed value of the data schemas, and every contract clause."""
    found: list[tuple[str, str, str]] = []

    def walk(node: object, schema: str, name: str) -> None:
        if isinstance(node, dict):
            found.extend((schema, name, v) for v in node.get("enum", []) if isinstance(v, str))
            for key, child in node.items():
                if key in ("properties", "patternProperties", "$defs", "definitions") and isinstance(child, dict):
                    for field, sub in child.items():
                        walk(sub, schema, field)
                        if field == "clauses" and isinstance(sub, dict):
                            found.extend((schema, "clauses", c) for c in sub.get("properties", {}))
                elif key not in ("enum", "const", "default", "examples"):
                    walk(child, schema, name)
        elif isinstance(node, list):
            for child in node:
                walk(child, schema, name)

    for path in sorted((ROOT / "schemas").glob("*.schema.json")):
        if path.name not in ("check-output.schema.json", "trail.schema.json"):
            walk(json.loads(path.read_text(encoding="utf-8")), path.name.split(".")[0], "")
    return found


def test_every_fixed_value_of_the_schemas_has_its_words_in_both_languages() -> None:
    """A value the files hold (corrective source: incident, request type: disclosure…) is shown in words:
    every one has a Japanese and an English label, and a new fixed value fails here until it has one."""
    from pmarklint.i18n import en, ja
    from pmarklint.resources import ROLES

    fields = _enum_fields()
    assert ("corrective", "source", "incident") in fields and ("contractor", "clauses", "audit_rights") in fields
    missing = []
    for schema, name, value in fields:
        if value in _TYPED:
            continue
        if value in ROLES:
            family = "role"
        elif name == "clauses":
            family = "clause"
        else:
            family = _FAMILIES.get((schema, name)) or _FAMILIES.get(("*", name)) or f"(no family for {schema}.{name})"
        for lang, catalog in (("ja", ja), ("en", en)):
            if f"{family}.{value}" not in catalog.MESSAGES:
                missing.append(f"{lang}: {schema}.{name} = {value} ({family}.{value})")
    assert missing == []


def test_a_corrective_action_from_an_incident_names_its_source_in_words(tmp_path: Path) -> None:
    from pmarklint.i18n import text

    assert text("PML611.no_ref", "ja", source="incident") == (
        "この是正処置は事故によるものですが、どの記録か(source_ref)が書かれていません。記録のIDを書いてください"
    )
    assert "comes from an incident" in text("PML611.no_ref", "en", source="incident")
