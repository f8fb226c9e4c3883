"""Incidents and emergencies (事故・緊急事態, J.4.4.2), PML701 to PML706: the reports an incident owes the
assessment body (P-mark) and, where the law requires it, the Personal Information Protection Commission
(個人情報保護委員会, PPC), each counted from the day it was discovered (``discovered_on``), and the prevention
that follows the final report.

The P-mark rules: every incident gets a final report (確報) within 30 days of discovery (60 when malicious); a
preliminary report (速報) within a few days (default 5) only when sensitive data, possible financial harm,
malice, more than 1,000 people, or My Number data of more than 100 people is involved. The PPC regime applies
to the reportable cases of the law only (``reports.ppc.required``): a preliminary report promptly (about 3 to 5
days) and a final one within 30 days (60 when malicious). The defaults are settings (``incident.*``);
docs/incidents.md names their sources.

A report not yet made is a warning up to and including its deadline (a reminder that says how long is left)
and an error from the day after; a report made after its deadline is an error.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pmarklint.dates import Duration, parse_date
from pmarklint.findings import Severity
from pmarklint.rules.context import Context, active
from pmarklint.rules.deadlines import deadline, within
from pmarklint.rules.index import EntryRef
from pmarklint.rules.rule import Example, Rule, Scope
from pmarklint.rules.staff import EXAMPLE_CONFIG, EXAMPLE_PEOPLE

# (setting in the ``incident`` section, default): docs/incidents.md gives the source of each.
DEFAULTS = {
    "pmark_preliminary_within": "P5D",
    "pmark_final_within": "P30D",
    "pmark_final_within_malicious": "P60D",
    "ppc_preliminary_within": "P5D",
    "ppc_final_within": "P30D",
    "ppc_final_within_malicious": "P60D",
}
MANY_PEOPLE = 1000  # more than this many people: a preliminary report is due (P-mark) and the law applies
MANY_MY_NUMBER = 100  # My Number data of more than this many people: a preliminary report is due (P-mark)

_INVENTORY = """kind: inventory
entries:
  - id: PI-001
    name: 顧客情報
    department: cs
    data_items: [氏名, 住所]
    purpose: 商品の発送
    retention: {period: P5Y, basis: 社内規程}
    disposal: システムから削除
"""
_CORRECTIVE = """kind: corrective
entries:
  - id: CA-2026-05
    source: incident
    source_ref: INC-2026-01
    nonconformity: 宛先の確認をせずに発送した
    root_cause: 発送前の照合の手順がなかった
    owner: nakamura
    due: 2026-12-31
"""


def _example(extra: str, discovered: str = "2026-10-01", count: int = 1) -> dict[str, str]:
    return {
        "pmarklint.yaml": EXAMPLE_CONFIG,
        "people/people.yaml": EXAMPLE_PEOPLE,
        "inventory/inventory.yaml": _INVENTORY,
        "corrective/corrective.yaml": _CORRECTIVE,
        "incidents/incidents.yaml": "kind: incident\nentries:\n  - id: INC-2026-01\n"
        f"    discovered_on: {discovered}\n    type: misdelivery\n"
        "    description: 顧客あての納品書を別の顧客に誤って送付した\n"
        f"    inventory: [PI-001]\n    count: {count}\n    owner: nakamura\n" + extra,
    }


_FINAL = "    reports: {pmark: {final_on: 2026-10-20}}\n    prevention: CA-2026-05\n"
_PRELIMINARY = _FINAL.replace("{final_on", "{preliminary_on: 2026-10-03, final_on")
_SENSITIVE = "    sensitive: true\n    reports: {pmark: {preliminary_on: 2026-11-21}, ppc: {required: true}}\n"

RULES = (
    Rule(
        "PML701",
        "incident-final-report",
        Severity.ERROR,
        Scope.REPOSITORY,
        "registers",
        bad=Example(_example("    reports: {pmark: {final_on: 2026-11-05}}\n    prevention: CA-2026-05\n")),
        good=Example(_example(_FINAL)),
        requirement="J.4.4.2",
    ),
    Rule(
        "PML702",
        "incident-preliminary-report",
        Severity.ERROR,
        Scope.REPOSITORY,
        "registers",
        bad=Example(_example("    malicious: true\n" + _FINAL)),
        good=Example(_example("    malicious: true\n" + _PRELIMINARY)),
        requirement="J.4.4.2",
    ),
    Rule(
        "PML703",
        "ppc-preliminary-report",
        Severity.ERROR,
        Scope.REPOSITORY,
        "registers",
        bad=Example(_example(_SENSITIVE, "2026-11-20")),
        good=Example(
            _example(_SENSITIVE.replace("required: true", "required: true, preliminary_on: 2026-11-22"), "2026-11-20")
        ),
        requirement="J.4.4.2",
    ),
    Rule(
        "PML704",
        "ppc-final-report",
        Severity.ERROR,
        Scope.REPOSITORY,
        "registers",
        bad=Example(
            _example(
                "    reports: {pmark: {final_on: 2026-10-20}, ppc: {required: true, preliminary_on: 2026-10-02}}\n"
                "    prevention: CA-2026-05\n"
            )
        ),
        good=Example(
            _example(
                "    reports: {pmark: {final_on: 2026-10-20}, ppc: {required: true, preliminary_on: 2026-10-02, "
                "final_on: 2026-10-20}}\n    prevention: CA-2026-05\n"
            )
        ),
        requirement="J.4.4.2",
    ),
    Rule(
        "PML705",
        "ppc-report-undecided",
        Severity.WARNING,
        Scope.REPOSITORY,
        "registers",
        bad=Example(_example(_PRELIMINARY, count=1500)),
        good=Example(_example("    encrypted: true\n" + _PRELIMINARY, count=1500)),
        requirement="J.4.4.2",
    ),
    Rule(
        "PML706",
        "incident-prevention-missing",
        Severity.ERROR,
        Scope.REPOSITORY,
        "registers",
        bad=Example(_example("    reports: {pmark: {final_on: 2026-10-20}}\n")),
        good=Example(_example(_FINAL)),
        requirement="J.4.4.2",
    ),
)


def _within(ctx: Context, name: str) -> tuple[Duration, str]:
    return within(ctx, "incident", name, DEFAULTS[name])


def triggers(data: dict[str, Any]) -> list[str]:
    """Why an incident needs a preliminary report to the assessment body (empty: it needs none)."""
    count = data.get("count")
    count = count if isinstance(count, int) and not isinstance(count, bool) else 0
    found = [name for name in ("sensitive", "financial_risk", "malicious") if data.get(name) is True]
    if count > MANY_PEOPLE:
        found.append("many_people")
    if data.get("my_number") is True and count > MANY_MY_NUMBER:
        found.append("my_number")
    return found


def looks_reportable(data: dict[str, Any]) -> list[str]:
    """The facts that make an incident look reportable under the law (sensitive data, financial harm, malice,
    more than 1,000 people), unless the data was protected by encryption."""
    if data.get("encrypted") is True:
        return []
    return [name for name in triggers(data) if name != "my_number"]


def _reports(data: dict[str, Any], regime: str) -> dict[str, Any]:
    reports = data.get("reports")
    found = reports.get(regime) if isinstance(reports, dict) else None
    return found if isinstance(found, dict) else {}


def check(ctx: Context) -> None:
    for ref in ctx.entries("incident"):
        discovered = parse_date(ref.data.get("discovered_on"))
        if not active(ref) or discovered is None or discovered > ctx.today:
            continue
        malicious = ref.data.get("malicious") is True
        pmark = _reports(ref.data, "pmark")
        ppc = _reports(ref.data, "ppc")
        final = "pmark_final_within_malicious" if malicious else "pmark_final_within"
        _deadline(ctx, ref, "PML701", discovered, _within(ctx, final), ("reports", "pmark", "final_on"))
        why = triggers(ref.data)
        if why:
            at = ("reports", "pmark", "preliminary_on")
            _deadline(ctx, ref, "PML702", discovered, _within(ctx, "pmark_preliminary_within"), at, triggers=why)
        if ppc.get("required") is True:
            at = ("reports", "ppc", "preliminary_on")
            _deadline(ctx, ref, "PML703", discovered, _within(ctx, "ppc_preliminary_within"), at)
            final = "ppc_final_within_malicious" if malicious else "ppc_final_within"
            _deadline(ctx, ref, "PML704", discovered, _within(ctx, final), ("reports", "ppc", "final_on"))
        elif "required" not in ppc and looks_reportable(ref.data):
            ctx.report("PML705", ref, (), "PML705.undecided", triggers=looks_reportable(ref.data))
        final_on = parse_date(pmark.get("final_on"))
        if final_on is not None and not ref.data.get("prevention"):
            ctx.report("PML706", ref, ("reports", "pmark", "final_on"), "PML706.missing", final=str(final_on))


def _deadline(
    ctx: Context,
    ref: EntryRef,
    code: str,
    start: dt.date,
    period: tuple[Duration, str],
    at: tuple[str, ...],
    **args: Any,
) -> None:
    """A report due ``period`` after the discovery, recorded at ``at`` inside the entry."""
    deadline(ctx, ref, code, start, period, ("discovered_on",), at, **args)
