"""How a language package is put together from its modules by area: one merge that refuses a key defined
twice. The language packages import this module, never the package's ``__init__`` (which imports them)."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import TypeVar

# The modules of a language package: rules (findings and explanations of the checks, by PMLxxx code), ui (the
# command line: ui.*, sign.*, table.*), reports (reports for people: report.*, fitgap.*, trail.*), records (the
# checks of the roster and the PDCA records, PML6xx, and the words for their values), registers (the checks of
# the registers, PML7xx: incidents..., and the words for their values), summaries (report education and
# report audits), site (the PMS site: site.*), risks (the risk register, PML73x, and pmarklint migrate risks).
AREAS = ("rules", "ui", "reports", "records", "registers", "summaries", "site", "risks")


_V = TypeVar("_V")


def merge(parts: Mapping[str, Mapping[str, _V]]) -> dict[str, _V]:
    """One dict from several, named by where they come from; a key in two of them is an error, where a plain
    update would silently keep the last one."""
    merged: dict[str, _V] = {}
    origin: dict[str, str] = {}
    for name, part in parts.items():
        twice = sorted(merged.keys() & part.keys())
        if twice:
            raise ValueError("defined twice: " + ", ".join(f"{key} ({origin[key]}, {name})" for key in twice))
        merged.update(part)
        origin.update(dict.fromkeys(part, name))
    return merged


def assemble(package: str) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """A language's ``MESSAGES`` and ``RULE_DOCS``, from the ``AREAS`` modules of its package."""
    modules = {f"{package}.{area}": importlib.import_module(f"{package}.{area}") for area in AREAS}
    messages = merge({name: getattr(module, "MESSAGES", {}) for name, module in modules.items()})
    docs = merge({name: getattr(module, "RULE_DOCS", {}) for name, module in modules.items()})
    return messages, docs
