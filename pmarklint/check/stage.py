"""``check --stage commit|merge``: how much a missing or stale approval weighs, by where the check runs.

The approval workflow has two steps in two commits: staff edits an entry and commits it, then an approver
reviews the change and commits her approval (``pmarklint sign``). Between the two, the entry is *awaiting
approval*. Where that is allowed depends on the stage:

* ``commit`` (the pre-commit hook, the pre-push hook): an entry awaiting approval does not stop the commit. A
  missing approval (PML401), one given to earlier content (PML403) or a roster change not approved yet (PML408)
  that ``require_approvals: error`` makes an error is reported as a warning that names the roles it awaits
  (``Finding.awaiting``), so that the edit can be committed and reviewed.
* ``merge`` (the default; CI on a pull request and on the main branch): they stay errors. Nothing is merged, and
  the main branch is not green, while anything required awaits approval.

At every stage, an approval that exists but does not hold is an error when approvals are required: by someone
who may not approve (PML402), self-made (PML404), not by the person it names (PML405), unsigned where
signatures are required (PML406), by a role granted without approval (PML407). The stage changes nothing about
them. A team without pull requests follows the same two steps on the main branch: the edit commits at the
commit stage, and CI on main fails until the approval commit is pushed."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from pmarklint.findings import Finding, Severity

STAGES = ("commit", "merge")
DEFAULT_STAGE = "merge"
AWAITING = frozenset({"PML401", "PML403", "PML408"})  # what an approval not given yet looks like


def at_stage(
    found: list[Finding], stage: str, kind_of: Callable[[str], str | None], config: Mapping[str, Any]
) -> list[Finding]:
    """``found`` as the stage weighs it. ``kind_of``: the kind of the file a finding is in."""
    if stage == DEFAULT_STAGE:
        return found
    from pmarklint.approvals.policy import policy_approvers
    from pmarklint.rules.context import DEFAULT_APPROVERS
    from pmarklint.workspace.config import CONFIG_NAME

    configured = config.get("approvals") or {}
    out = []
    for item in found:
        kind = kind_of(item.file)
        settings = item.file == CONFIG_NAME and item.rule == "PML408"  # a change of the approval settings
        if item.rule not in AWAITING or item.level != "error" or (kind not in DEFAULT_APPROVERS and not settings):
            out.append(item)
            continue
        roles = policy_approvers(config) if settings else tuple(configured.get(kind) or DEFAULT_APPROVERS[str(kind)])
        out.append(replace(item, severity=Severity.WARNING, awaiting=tuple(roles)))
    return out
