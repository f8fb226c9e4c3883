"""Corrective actions (是正処置, J.7.1), PML608 to PML610: an action open past its due date, an action
without a root cause, and an action done whose effectiveness nobody checked in time
(``corrective.effectiveness_within``, default P3M after ``done_on``).

An action is open until it has ``done_on``; an effectiveness check that found the action ``not_effective``
reopens nothing by itself: the office records a new action (or a new ``due`` and clears ``done_on``).
"""

from __future__ import annotations

from pmarklint.dates import Duration, parse_date
from pmarklint.findings import Severity
from pmarklint.rules.context import Context, active
from pmarklint.rules.index import EntryRef
from pmarklint.rules.rule import Example, Rule, Scope
from pmarklint.rules.staff import EXAMPLE_CONFIG, EXAMPLE_PEOPLE, name_of, setting

EFFECTIVENESS_WITHIN = Duration(months=3)


def _example(extra: str) -> dict[str, str]:
    return {
        "pmarklint.yaml": EXAMPLE_CONFIG,
        "people/people.yaml": EXAMPLE_PEOPLE,
        "corrective/corrective.yaml": "kind: corrective\nentries:\n  - id: CA-2026-01\n    source: audit\n"
        "    item: J.4.3\n    nonconformity: 派遣社員2名が定期教育を受講していない\n    owner: nakamura\n" + extra,
    }


_CAUSE = "    root_cause: 派遣社員が教育対象者の名簿に入っていなかった\n"
_DONE = _CAUSE + "    due: 2026-07-31\n    done_on: 2026-07-20\n"

RULES = (
    Rule(
        "PML608",
        "corrective-overdue",
        Severity.ERROR,
        Scope.REPOSITORY,
        "records",
        bad=Example(_example(_CAUSE + "    due: 2026-10-31\n")),
        good=Example(_example(_CAUSE + "    due: 2026-12-15\n")),
        requirement="J.7.1",
    ),
    Rule(
        "PML609",
        "root-cause-missing",
        Severity.WARNING,
        Scope.REPOSITORY,
        "records",
        bad=Example(_example("    due: 2026-12-15\n")),
        good=Example(_example(_CAUSE + "    due: 2026-12-15\n")),
        requirement="J.7.1",
    ),
    Rule(
        "PML610",
        "effectiveness-unchecked",
        Severity.ERROR,
        Scope.REPOSITORY,
        "records",
        bad=Example(_example(_DONE)),
        good=Example(
            _example(_DONE + "    effectiveness: {checked_on: 2026-10-15, by: yamamoto, result: effective}\n")
        ),
        requirement="J.7.1",
    ),
)


def check(ctx: Context) -> None:
    text = setting(ctx, "corrective", "effectiveness_within")
    within = Duration.parse(text) or EFFECTIVENESS_WITHIN
    for ref in ctx.entries("corrective"):
        if active(ref):
            _open(ctx, ref)
            if not ref.data.get("root_cause"):
                ctx.report("PML609", ref, (), "PML609.missing", owner=name_of(ctx, ref.data.get("owner")))
            _effectiveness(ctx, ref, within, str(text or "P3M"))


def _open(ctx: Context, ref: EntryRef) -> None:
    due = parse_date(ref.data.get("due"))
    if "done_on" in ref.data or due is None or due >= ctx.today:
        return
    owner = name_of(ctx, ref.data.get("owner"))
    ctx.report("PML608", ref, ("due",), "PML608.overdue", due=str(due), owner=owner)


def _effectiveness(ctx: Context, ref: EntryRef, within: Duration, text: str) -> None:
    done = parse_date(ref.data.get("done_on"))
    if done is None:
        return
    deadline = within.after(done)
    check = ref.data.get("effectiveness")
    checked = parse_date(check.get("checked_on")) if isinstance(check, dict) else None
    if checked is None and deadline < ctx.today:
        ctx.report("PML610", ref, ("done_on",), "PML610.never", done=str(done), within=text, deadline=str(deadline))
    elif checked is not None and checked > deadline:
        ctx.report(
            "PML610",
            ref,
            ("effectiveness", "checked_on"),
            "PML610.late",
            done=str(done),
            within=text,
            deadline=str(deadline),
            checked=str(checked),
        )
