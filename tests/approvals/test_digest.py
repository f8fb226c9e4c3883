"""Content-bound approvals: the digest as docs/approvals.md documents it, and PML401 to PML403 on the
realistic repository of tests/helpers/pms.py under each require_approvals level."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from pmarklint.approvals.digest import Level, canonical_json, digest, level_of
from pmarklint.documents.loader import parse
from pmarklint.rules.approvals import CURRENT_DIGEST, EARLIER_DIGEST

from helpers.cli import run
from helpers.pms import CLEAN_TODAYS, CONFIG, CONTRACTORS, INVENTORY, PEOPLE, pms, where
from helpers.repos import ROOT

DOC = ROOT / "docs" / "approvals.md"


def entries_of(text: str) -> list[dict]:
    document = parse(text, "x.yaml").document
    assert document is not None
    return list(document.data["entries"])


def example_block(name: str) -> str:
    doc = DOC.read_text(encoding="utf-8")
    match = re.search(rf"<!-- digest-example: {name} -->\n```\w+\n(.*?)```", doc, re.S)
    assert match, name
    return match[1]


# -- the digest ------------------------------------------------------------------------------------------


def test_worked_example_in_the_docs_is_what_pmarklint_computes() -> None:
    (entry,) = entries_of(example_block("entry"))
    canonical = example_block("canonical").strip()
    assert canonical_json(entry) == canonical
    assert digest(entry) == example_block("digest").strip()
    # recomputed from the documented recipe alone, without pmarklint
    recipe = json.dumps(json.loads(canonical), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert "sha256:" + hashlib.sha256(recipe.encode("utf-8")).hexdigest() == digest(entry)


def test_digest_ignores_approvals_comments_quoting_and_order_but_not_values() -> None:
    base = (
        "kind: contractor\nentries:\n  - id: C-001\n    name: 配送\n    evaluation: {date: 2026-04-01, result: pass}\n"
    )
    other_layout = (
        "kind: contractor\nentries:\n  # a comment\n  - evaluation:\n      result: 'pass'\n      date: 2026-04-01\n"
        '    name: "配送"  # another\n    id: C-001\n    approvals: []\n'
    )
    (a,), (b,) = entries_of(base), entries_of(other_layout)
    assert digest(a) == digest(b)
    assert digest(a) != digest({**a, "name": "配送 "})
    assert digest({**a, "approvals": [{"by": "x"}]}) == digest(a)
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", digest(a))


def test_digest_reads_values_as_pmarklint_does() -> None:
    """Dates stay text, yes stays text, a leading zero keeps a number text: no two YAML readers disagree."""
    (entry,) = entries_of("kind: x\nentries:\n  - {id: A, d: 2026-04-01, y: yes, z: 0312, n: 12, t: true}\n")
    assert canonical_json(entry) == '{"d":"2026-04-01","id":"A","n":12,"t":true,"y":"yes","z":"0312"}'


def test_rule_examples_carry_real_digests() -> None:
    from pmarklint.rules.approvals import _SIGNED

    (entry,) = entries_of(_SIGNED)
    assert digest(entry) == CURRENT_DIGEST
    assert digest({**entry, "service": "配送と倉庫"}) == EARLIER_DIGEST


@pytest.mark.parametrize(
    ("setting", "kind", "level"),
    [
        (None, "control", Level.OFF),
        ("warning", "inventory", Level.WARNING),
        ("error", "person", Level.ERROR),
        (True, "person", Level.ERROR),
        (False, "person", Level.OFF),
        ({"contractor": "error"}, "contractor", Level.ERROR),
        ({"contractor": "error"}, "inventory", Level.OFF),
    ],
)
def test_levels(setting: object, kind: str, level: Level) -> None:
    config = {} if setting is None else {"require_approvals": setting}
    assert level_of(config, kind) is level


# -- the checks on a realistic repository -----------------------------------------------------------------


def check(repo: Path, today: str = "2026-11-26") -> dict:
    """The content checks alone: these repositories hold everything in one commit, so what git proves about
    who approved (tests/approvals/test_judge.py) is left out."""
    result = run("check", repo, "--format", "json", "--today", today, "--lang", "en", "--no-history")
    assert result.exit_code in (0, 1), result.stderr
    return result.json()


def approval(entry_text: str, index: int = 0, **fields: str) -> str:
    """The approvals lines for entry ``index`` of a ledger text, with a digest of its current content."""
    entry = entries_of(entry_text)[index]
    item = {"by": "nakamura", "role": "privacy_manager", "date": "2026-04-01", "digest": digest(entry), **fields}
    body = ", ".join(f'{k}: "{v}"' if k == "digest" else f"{k}: {v}" for k, v in item.items())
    return f"    approvals:\n      - {{{body}}}\n"


def with_approval(text: str, after: str, lines: str) -> str:
    assert after in text
    return text.replace(after, after + lines, 1)


SIGNED_CONTRACTORS = CONTRACTORS + approval(CONTRACTORS)


def test_without_require_approvals_nothing_is_required(tmp_path: Path) -> None:
    assert check(pms(tmp_path / "r"))["findings"] == []


@pytest.mark.parametrize("today", CLEAN_TODAYS)
def test_a_signed_contractor_keeps_the_repository_clean(tmp_path: Path, today: str) -> None:
    repo = pms(
        tmp_path / "r",
        config=CONFIG + "require_approvals: {contractor: error}\n",
        **{"contractors/contractors.yaml": SIGNED_CONTRACTORS},
    )
    assert check(repo, today)["findings"] == []


def test_warning_level_lists_every_unapproved_entry_and_still_passes(tmp_path: Path) -> None:
    repo = pms(tmp_path / "r", config=CONFIG + "require_approvals: warning\n")
    result = run("check", repo, "--format", "json", "--today", "2026-11-26")
    assert result.exit_code == 0
    items = result.json()["findings"]
    assert {(i["rule"], i["severity"]) for i in items} == {("PML401", "warning")}
    assert len(items) == result.json()["summary"]["entries"] == 65


def test_error_level_fails_on_a_missing_approval(tmp_path: Path) -> None:
    repo = pms(tmp_path / "r", config=CONFIG + "require_approvals: {contractor: error, inventory: off}\n")
    result = run("check", repo, "--format", "json", "--today", "2026-11-26")
    assert result.exit_code == 1
    (item,) = result.json()["findings"]
    assert (item["rule"], item["severity"], item["entry"]) == ("PML401", "error", "C-001")
    assert (item["line"], item["column"]) == where(repo, "contractors/contractors.yaml", "id: C-001")
    assert "privacy_manager" in item["message"] and "pmarklint sign C-001" in item["message"]


def test_retired_entries_need_no_approval(tmp_path: Path) -> None:
    retired = INVENTORY.replace(
        "    name: 問合せ記録\n",
        "    name: 問合せ記録\n    status: retired\n    retired_on: 2026-04-01\n    reason: 廃止\n",
    )
    retired = with_approval(retired, "    last_reviewed: 2026-04-01\n", approval(INVENTORY))
    repo = pms(
        tmp_path / "r", config=CONFIG + "require_approvals: {inventory: error}\n", **{"inventory/cs.yaml": retired}
    )
    codes = [(i["rule"], i["entry"]) for i in check(repo)["findings"]]
    assert codes == [("PML717", "PI-CS-002")]  # no approval asked; only the disposal record it still needs


def test_pml403_stale_after_a_value_changed_but_not_after_a_comment(tmp_path: Path) -> None:
    changed = SIGNED_CONTRACTORS.replace("service: 商品の配送", "service: 商品の配送と返品の回収")
    repo = pms(
        tmp_path / "r",
        config=CONFIG + "require_approvals: {contractor: error}\n",
        **{"contractors/contractors.yaml": changed},
    )
    items = check(repo)["findings"]
    assert [(i["rule"], i["severity"], i["entry"]) for i in items] == [("PML403", "error", "C-001")]
    assert (items[0]["line"], items[0]["column"]) == where(repo, "contractors/contractors.yaml", '"sha256:')
    assert "nakamura" in items[0]["message"] and "2026-04-01" in items[0]["message"]

    commented = SIGNED_CONTRACTORS.replace("service: 商品の配送", "service: '商品の配送'  # 宅配のみ")
    repo = pms(
        tmp_path / "s", config=CONFIG + "require_approvals: error\n", **{"contractors/contractors.yaml": commented}
    )
    assert not [i for i in check(repo)["findings"] if i["entry"] == "C-001"]


def test_stale_approvals_are_warnings_until_enforced(tmp_path: Path) -> None:
    changed = SIGNED_CONTRACTORS.replace("service: 商品の配送", "service: 商品の配送と返品の回収")
    repo = pms(tmp_path / "r", **{"contractors/contractors.yaml": changed})
    result = run("check", repo, "--format", "json", "--today", "2026-11-26")
    assert result.exit_code == 0
    assert [(i["rule"], i["severity"]) for i in result.json()["findings"]] == [("PML403", "warning")]


def test_a_current_approval_makes_an_older_one_history(tmp_path: Path) -> None:
    config = CONFIG.replace("contractor: [privacy_manager]", "contractor: [privacy_manager, top_management]")
    config += "require_approvals: {contractor: error}\n"
    changed = CONTRACTORS.replace("service: 商品の配送", "service: 配送と回収")
    earlier = digest(entries_of(CONTRACTORS)[0])
    yamamoto = f'      - {{by: yamamoto, role: top_management, date: 2026-04-01, digest: "{earlier}"}}\n'
    repo = pms(
        tmp_path / "r", config=config, **{"contractors/contractors.yaml": changed + approval(changed) + yamamoto}
    )
    assert check(repo)["findings"] == []
    # without nakamura's approval of the new content, yamamoto's is stale
    repo = pms(
        tmp_path / "s", config=config, **{"contractors/contractors.yaml": changed + "    approvals:\n" + yamamoto}
    )
    assert [(i["rule"], i["path"]) for i in check(repo)["findings"]] == [("PML403", "approvals[0].digest")]


@pytest.mark.parametrize(
    ("fields", "key", "needle", "word"),
    [
        ({"by": "tanaka"}, "by", "tanaka", "not an active person"),
        ({"by": "kobayashi", "role": "audit_lead"}, "role", "audit_lead", "may not approve a contractor entry"),
        ({"by": "yamamoto"}, "role", "privacy_manager, date", "does not give them"),
    ],
)
def test_pml402_approver(tmp_path: Path, fields: dict, key: str, needle: str, word: str) -> None:
    text = CONTRACTORS + approval(CONTRACTORS, **fields)
    repo = pms(
        tmp_path / "r",
        config=CONFIG + "require_approvals: {contractor: error}\n",
        **{"contractors/contractors.yaml": text},
    )
    items = [i for i in check(repo)["findings"] if i["rule"] != "PML201"]  # tanaka is also an unknown reference
    assert [(i["rule"], i["severity"], i["entry"], i["path"]) for i in items] == [
        ("PML402", "error", "C-001", f"approvals[0].{key}")
    ]
    assert (items[0]["line"], items[0]["column"]) == where(repo, "contractors/contractors.yaml", needle)
    assert word in items[0]["message"]


def test_pml402_for_a_retired_approver(tmp_path: Path) -> None:
    people = PEOPLE.replace(
        "    roles: [privacy_manager]\n",
        "    roles: [privacy_manager]\n    status: retired\n    retired_on: 2026-04-01\n    reason: 退職\n",
    )
    repo = pms(tmp_path / "r", **{"people/roster.yaml": people, "contractors/contractors.yaml": SIGNED_CONTRACTORS})
    assert ("PML402", "warning", "C-001") in [(i["rule"], i["severity"], i["entry"]) for i in check(repo)["findings"]]


def test_messages_in_japanese(tmp_path: Path) -> None:
    changed = SIGNED_CONTRACTORS.replace("service: 商品の配送", "service: 配送と回収")
    repo = pms(
        tmp_path / "r", config=CONFIG + "require_approvals: error\n", **{"contractors/contractors.yaml": changed}
    )
    result = run("check", repo, "--format", "json", "--today", "2026-11-26", "--lang", "ja")
    messages = {i["rule"]: i["message"] for i in result.json()["findings"]}
    assert "承認が古くなっています" in messages["PML403"]
    assert "承認がありません" in messages["PML401"]


@pytest.mark.parametrize("value", ["strict", "{contractor: maybe}", "{supplier: error}"])
def test_a_bad_setting_stops_the_run(tmp_path: Path, value: str) -> None:
    repo = pms(tmp_path / "r", config=CONFIG + f"require_approvals: {value}\n")
    result = run("check", repo, "--today", "2026-11-26")
    assert result.exit_code == 2
    assert "require_approvals" in result.stderr


def test_an_initialised_repository_with_approvals_as_a_to_do_list_still_passes(tmp_path: Path) -> None:
    target = tmp_path / "pms"
    assert run("init", target, "--lang", "en").exit_code == 0
    assert "\nrequire_approvals: warning\n" in (target / "pmarklint.yaml").read_text(encoding="utf-8")
    result = run("check", target, "--format", "json")
    assert result.exit_code == 0, result.stdout
    assert "PML401" in {i["rule"] for i in result.json()["findings"]}
    assert {i["severity"] for i in result.json()["findings"] if i["rule"] == "PML401"} == {"warning"}
