"""The registry and its documentation: every rule's examples run through the checker, and both languages
document every rule and every message with the same placeholders."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from conftest import FULL_CONFIG, check_json, make_repo, play

from pmarklint.i18n import en, ja
from pmarklint.rules import REGISTRY, Example


def run_example(tmp_path: Path, example: Example) -> list[str]:
    repo = make_repo(tmp_path, dict(example.files), config=FULL_CONFIG, use_git=example.git)
    play(repo, example.history)
    result = check_json(repo)
    assert result.exit_code in (0, 1), result.stderr
    return result.codes()


@pytest.mark.parametrize("code", list(REGISTRY))
def test_failing_example_yields_its_code(tmp_path: Path, code: str) -> None:
    assert code in run_example(tmp_path, REGISTRY[code].bad)


@pytest.mark.parametrize("code", list(REGISTRY))
def test_passing_example_does_not_yield_its_code(tmp_path: Path, code: str) -> None:
    assert code not in run_example(tmp_path, REGISTRY[code].good)


def test_codes_names_and_severities() -> None:
    names = [rule.name for rule in REGISTRY.values()]
    assert len(set(names)) == len(names)
    for code, rule in REGISTRY.items():
        assert re.fullmatch(r"PML\d{3}", code)
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
        assert rule.requirement.startswith("J.")


@pytest.mark.parametrize("catalog", [en, ja], ids=["en", "ja"])
def test_every_rule_is_documented(catalog) -> None:
    assert set(catalog.RULE_DOCS) == set(REGISTRY)
    for doc in catalog.RULE_DOCS.values():
        assert set(doc) == {"title", "what", "why", "fix"}
        assert all(value.strip() for value in doc.values())


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_catalogs_have_the_same_keys_and_placeholders() -> None:
    assert set(en.MESSAGES) == set(ja.MESSAGES)
    for key in en.MESSAGES:
        assert placeholders(en.MESSAGES[key]) == placeholders(ja.MESSAGES[key]), key


def test_every_message_key_used_in_the_code_exists() -> None:
    source = "\n".join(
        p.read_text(encoding="utf-8") for p in (Path(__file__).parent.parent / "pmarklint").rglob("*.py")
    )
    used = set(re.findall(r'"(PML\d{3}\.[a-z_0-9]+)"', source))
    assert used, "no message keys found"
    assert used <= set(en.MESSAGES), used - set(en.MESSAGES)


def test_rules_doc_is_up_to_date() -> None:
    import importlib.util

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("gen_rules_doc", root / "tools" / "gen_rules_doc.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = (root / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == module.render(), "docs/rules.md is stale: run python tools/gen_rules_doc.py"


def test_readme_lists_every_code_with_a_link_to_its_explanation() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for code, rule in REGISTRY.items():
        assert f"| [{code}](docs/rules.md#{code.lower()}) | {rule.name} |" in readme, code
