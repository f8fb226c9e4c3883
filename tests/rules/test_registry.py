"""The registry and its documentation: every rule's examples run through the checker, and both languages
document every rule and every message with the same placeholders, each key in the same-named module of the
language package and in only one of them."""

from __future__ import annotations

import importlib
import pkgutil
import re
import string
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from pmarklint.i18n import LANGUAGES, catalog, en, ja
from pmarklint.i18n.assembly import AREAS, merge
from pmarklint.rules import REGISTRY, Example

from helpers.cli import check_json
from helpers.repos import FULL_CONFIG, ROOT, make_repo, play


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


CATALOG_NAMES = ("MESSAGES", "RULE_DOCS")


def area_modules(lang: str) -> dict[str, ModuleType]:
    return {area: importlib.import_module(f"pmarklint.i18n.{lang}.{area}") for area in AREAS}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_package_has_exactly_the_area_modules(lang: str) -> None:
    package = importlib.import_module(f"pmarklint.i18n.{lang}")
    assert {module.name for module in pkgutil.iter_modules(package.__path__)} == set(AREAS)


@pytest.mark.parametrize("name", CATALOG_NAMES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_key_is_defined_in_two_modules_of_a_language(lang: str, name: str) -> None:
    counts = Counter(key for module in area_modules(lang).values() for key in getattr(module, name, {}))
    assert [key for key, count in counts.items() if count > 1] == []
    assert set(counts) == set(getattr(catalog(lang), name))  # and the assembled catalog has them all


def test_a_key_and_its_translation_are_in_the_same_module() -> None:
    english, japanese = area_modules("en"), area_modules("ja")
    for area in AREAS:
        for name in CATALOG_NAMES:
            en_keys, ja_keys = set(getattr(english[area], name, {})), set(getattr(japanese[area], name, {}))
            assert en_keys == ja_keys, (area, name, en_keys ^ ja_keys)


def test_assembling_a_key_defined_twice_is_an_error() -> None:
    assert merge({"a": {"one": "1"}, "b": {"two": "2"}}) == {"one": "1", "two": "2"}
    with pytest.raises(ValueError, match=r"defined twice: ui\.clean \(a, b\)"):
        merge({"a": {"ui.clean": "x", "one": "1"}, "b": {"ui.clean": "y"}})


def test_a_command_in_english_does_not_import_japanese() -> None:
    code = (
        "import sys\n"
        "from pmarklint.cli.main import main\n"
        "try:\n"
        "    main(['rules', '--lang', 'en'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('pmarklint.i18n.'))), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "PML101" in result.stdout
    loaded = result.stderr.split()
    assert "pmarklint.i18n.en.rules" in loaded
    assert not [module for module in loaded if module.startswith("pmarklint.i18n.ja")], loaded


def test_every_message_key_used_in_the_code_exists() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "pmarklint").rglob("*.py"))
    used = set(re.findall(r'"(PML\d{3}\.[a-z_0-9]+)"', source))
    assert used, "no message keys found"
    assert used <= set(en.MESSAGES), used - set(en.MESSAGES)


def test_rules_doc_is_up_to_date() -> None:
    import importlib.util

    root = ROOT
    spec = importlib.util.spec_from_file_location("gen_rules_doc", root / "tools" / "gen_rules_doc.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = (root / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == module.render(), "docs/rules.md is stale: run python tools/gen_rules_doc.py"


def test_readme_lists_every_code_with_a_link_to_its_explanation() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code, rule in REGISTRY.items():
        assert f"| [{code}](docs/rules.md#{code.lower()}) | {rule.name} |" in readme, code
