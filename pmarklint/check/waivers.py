"""Waivers: a finding that the privacy office has accepted for a while, with a reason and an approver.

A waiver in pmarklint.yaml names one rule and one entry. It applies while it is valid: not expired, and
approved by an active person who holds a role allowed to approve that entry's kind (``approvals`` in
pmarklint.yaml). A waived finding is reported apart (JSON ``waived``, a count in the text summary), never
dropped; a waiver that has expired, is not properly approved or names an unknown entry is itself a finding
and waives nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from pmarklint.dates import parse_date
from pmarklint.findings import Finding
from pmarklint.rules.context import Context, active

# Rules pmarklint.yaml cannot switch off, lower or waive: history that cannot be read fails closed, and a
# setting in the very file whose changes history must prove cannot say otherwise (docs/design/threat-model.md).
FAIL_CLOSED = frozenset({"PML408", "PML901"})

Waiver = tuple[tuple[str, Any], ...]  # the waiver's settings, with its index in pmarklint.yaml


def _read_waivers(ctx: Context) -> tuple[dict[tuple[str, str], Waiver], list[Finding]]:
    """The valid waivers by (rule, entry id), and the findings about the others."""
    valid: dict[tuple[str, str], Waiver] = {}
    about: list[Finding] = []
    for index, waiver in enumerate(ctx.config.data.get("waivers") or []):
        path = ("waivers", index)
        rule, entry_id, approver_id = waiver["rule"], waiver["entry"], waiver["approved_by"]
        target = ctx.index.by_id.get(entry_id)
        catalog_item = entry_id in ctx.catalog
        if target is None and not catalog_item:
            about.append(
                ctx.config_finding("PML201", (*path, "entry"), "PML201.waiver_entry", entry=entry_id, id=entry_id)
            )
            continue
        kind = target.kind if target is not None else "control"
        approver = ctx.index.by_id.get(approver_id)
        allowed = ctx.approver_roles(kind)
        if approver is None or approver.kind != "person" or not active(approver):
            about.append(
                ctx.config_finding(
                    "PML402", (*path, "approved_by"), "PML402.waiver_unknown", entry=entry_id, person=approver_id
                )
            )
            continue
        if not set(approver.data.get("roles") or []) & set(allowed):
            about.append(
                ctx.config_finding(
                    "PML402",
                    (*path, "approved_by"),
                    "PML402.waiver_role",
                    entry=entry_id,
                    person=approver_id,
                    kind=kind,
                    roles=", ".join(allowed),
                )
            )
            continue
        expires = parse_date(waiver["expires"])
        if expires is not None and expires < ctx.today:
            about.append(
                ctx.config_finding(
                    "PML304", (*path, "expires"), "PML304.waiver_expired", entry=entry_id, rule=rule, date=str(expires)
                )
            )
            continue
        valid[(rule, entry_id)] = tuple(sorted({**waiver, "index": index}.items()))
    return valid, about


def apply_waivers(ctx: Context, found: Iterable[Finding]) -> tuple[list[Finding], list[Finding], list[Finding]]:
    """(findings that stand, findings waived, findings about the waivers themselves), from every finding of
    the run and the waivers in pmarklint.yaml; writes nothing (``found`` and ``ctx.out`` are left as they are).
    No waiver silences a finding about the waivers."""
    valid, about = _read_waivers(ctx)
    kept: list[Finding] = []
    waived: list[Finding] = []
    for item in found:
        waiver = valid.get((item.rule, item.entry or ""))
        if waiver is None or item.rule in FAIL_CLOSED:
            kept.append(item)
        else:
            waived.append(replace(item, waiver=waiver))
    return kept, waived, about
