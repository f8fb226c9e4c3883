"""One glossary (docs/glossary.md) and the Japanese texts that follow it: the message catalogs, the init
templates and the shipped catalog use the one word for each term, never a variant the glossary lists to
avoid, and name roles and kinds as the glossary does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from pmarklint.i18n import en, ja

from helpers.repos import ROOT

GLOSSARY = ROOT / "docs" / "glossary.md"


def table(heading: str) -> list[list[str]]:
    """The rows of the table under ``## heading`` (header and separator left out)."""
    section = GLOSSARY.read_text(encoding="utf-8").split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[2:]]


def japanese_texts() -> dict[str, str]:
    """Every Japanese text a user reads, by where it comes from."""
    out = {f"ja:{key}": str(value) for key, value in ja.MESSAGES.items()}
    for code, doc in ja.RULE_DOCS.items():
        out |= {f"ja:{code}.{part}": str(text) for part, text in doc.items()}
    for path in sorted((ROOT / "pmarklint" / "workspace" / "templates" / "ja").iterdir()):
        out[f"templates/ja/{path.name}"] = path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "examples" / "shop" / "docs").rglob("*.md")):  # the model documents users copy
        out[f"examples/shop/{path.relative_to(ROOT / 'examples' / 'shop').as_posix()}"] = path.read_text(
            encoding="utf-8"
        )
    for path in sorted((ROOT / "controls").glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["entries"]:
            for name in ("title", "summary", "to_verify", "no_recurring", "no_records", "difficulty_reason"):
                if isinstance(entry.get(name), dict):
                    out[f"controls/{entry['id']}.{name}"] = entry[name]["ja"]
            for i, item in enumerate(entry.get("records", []) + entry.get("recurring", [])):
                words = item.get("title") or item.get("task")
                out[f"controls/{entry['id']}.tasks[{i}]"] = words["ja"]
            out[f"controls/{entry['id']}.notes"] = entry.get("notes", "")
    return out


def avoided() -> list[str]:
    words = []
    for row in table("Terms / 用語"):
        words += [w for w in row[2].split("、") if w and "(" not in w]  # "(例外の意味で)": a use, checked below
    return words


def test_the_glossary_lists_the_terms_the_issue_settled() -> None:
    terms = {row[0]: row for row in table("Terms / 用語")}
    assert terms["例外承認"][1] == "waiver" and terms["適用除外"][1] == "not applicable"
    assert {"シャロークローン", "期末の状態", "署名: 不正", "渡す", "遅れずに"} <= set(avoided())


@pytest.mark.parametrize("word", avoided())
def test_no_japanese_text_uses_a_word_to_avoid(word: str) -> None:
    assert [where for where, text in japanese_texts().items() if word in text] == []


def test_not_applicable_is_the_only_meaning_of_tekiyo_jogai() -> None:
    """適用除外 is what a privacy office calls an item that does not apply; a waiver is 例外承認."""
    uses = {where for where, text in japanese_texts().items() if "適用除外" in text}
    assert uses == {"ja:fitgap.legend", "ja:fitgap.status.not_applicable", "templates/ja/README.md"}
    assert "是正中" in ja.MESSAGES["ui.summary_waived"] and "例外承認" in ja.MESSAGES["ui.waived_heading"]
    assert ja.MESSAGES["ui.waived_item"] == "是正中(期限 {expires})"


def test_review_in_katakana_is_only_the_management_review() -> None:
    stray = {where: text for where, text in japanese_texts().items() if re.search(r"(?<!マネジメント)レビュー", text)}
    assert stray == {}


@pytest.mark.parametrize("heading, prefix", [("Roles / 役割", "role"), ("Kinds / 種類", "kind")])
def test_roles_and_kinds_are_named_as_the_glossary_names_them(heading: str, prefix: str) -> None:
    rows = table(heading)
    assert rows
    for key, japanese, english in rows:
        key = key.strip("`")
        assert ja.MESSAGES[f"{prefix}.{key}"] == japanese, key
        assert en.MESSAGES[f"{prefix}.{key}"] == english, key
    named = {k.split(".", 1)[1] for k in ja.MESSAGES if k.startswith(f"{prefix}.") and k != "role.with_id"}
    assert {row[0] for row in rows} >= named - {"pmark", "isms", "other"}  # certifications: below the tables


def test_the_docs_link_the_glossary(tmp_path: Path) -> None:
    assert "docs/glossary.md" in (ROOT / "README.md").read_text(encoding="utf-8")
