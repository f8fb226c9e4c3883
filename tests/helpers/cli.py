"""The real command line through click's test runner."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from jsonschema import Draft202012Validator, FormatChecker

from pmarklint.cli.main import cli

from helpers.repos import ROOT

OUTPUT_SCHEMA = json.loads((ROOT / "schemas" / "check-output.schema.json").read_text(encoding="utf-8"))


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.stdout)
        return data

    def codes(self) -> list[str]:
        return [f["rule"] for f in self.json()["findings"]]


def run(*args: str | Path) -> Run:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


def check_json(repo: Path, *extra: str) -> Run:
    return run("check", repo, "--format", "json", "--today", "2026-11-26", *extra)


def validate_output(data: dict[str, Any]) -> None:
    """The JSON of ``check`` against its published schema (schemas/check-output.schema.json)."""
    Draft202012Validator(OUTPUT_SCHEMA, format_checker=FormatChecker()).validate(data)
