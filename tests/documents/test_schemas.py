"""The shipped JSON Schemas: generated from tools/gen_schemas.py, valid 2020-12, with stable ids and help
text in both languages for editors."""

from __future__ import annotations

import importlib.util
import json

import pytest
from jsonschema import Draft202012Validator

from helpers.repos import ROOT


def generator():
    spec = importlib.util.spec_from_file_location("gen_schemas", ROOT / "tools" / "gen_schemas.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_schemas_match_the_generator() -> None:
    gen = generator()
    for name, schema in gen.all_schemas().items():
        committed = (ROOT / "schemas" / name).read_text(encoding="utf-8")
        assert committed == gen.render(schema), f"schemas/{name} is stale: run python tools/gen_schemas.py"
    assert sorted(p.name for p in (ROOT / "schemas").glob("*.json")) == sorted(gen.all_schemas())


@pytest.mark.parametrize("name", ["person", "control", "contractor", "inventory", "pmarklint", "check-output"])
def test_schema_is_valid_with_a_stable_id(name: str) -> None:
    schema = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(f"/v1/{name}.schema.json")


@pytest.mark.parametrize("name", ["person", "control", "contractor", "inventory"])
def test_every_entry_field_has_bilingual_help(name: str) -> None:
    schema = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    for field, sub in schema["$defs"]["entry"]["properties"].items():
        title = sub.get("title") or schema["$defs"].get(sub.get("$ref", "#/$defs/").split("/")[-1], {}).get("title")
        assert title and " / " in title, f"{name}.{field} has no bilingual title"


def test_inlined_validators_agree_with_the_shipped_schemas() -> None:
    """check validates against a copy of each schema with its references inlined (for speed): it must
    reach the same verdict as the shipped schema on valid and invalid entries alike."""
    from jsonschema import FormatChecker

    from pmarklint.documents.loader import load_file
    from pmarklint.documents.schema import _validator, load_schema

    samples: dict[str, list] = {"person": [], "control": [], "contractor": [], "inventory": []}
    for path in [*(ROOT / "examples" / "shop").rglob("*.yaml"), *(ROOT / "controls").glob("*.yaml")]:
        document = load_file(str(path), path.name).document
        if document and isinstance(document.data, dict) and document.data.get("kind") in samples:
            samples[document.data["kind"]] += document.data["entries"]
    broken = [{}, {"id": "x y"}, {"id": "a", "status": "retired"}, {"id": "a", "last_reviewed": "2026-02-30"}]
    for kind, entries in samples.items():
        assert entries, kind
        schema = load_schema(kind)
        shipped = Draft202012Validator(
            {"$ref": "#/$defs/entry", "$defs": schema["$defs"]}, format_checker=FormatChecker()
        )
        inlined = _validator(kind, "entry")
        variants = [*entries, *broken, *({**e, "review_every": "1 year"} for e in entries)]
        for entry in variants:
            assert inlined.is_valid(entry) == shipped.is_valid(entry), (kind, entry)
            assert sorted(e.message for e in inlined.iter_errors(entry)) == sorted(
                e.message for e in shipped.iter_errors(entry)
            ), (kind, entry)
