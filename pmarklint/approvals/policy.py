"""The approval settings of ``pmarklint.yaml`` as a policy (docs/design/threat-model.md): who may approve what,
how strictly approvals are required, the severities and switches of the approval and history checks, the
waivers and the folders. A change to them takes effect only once someone entitled (``approvals.policy``,
default top management) approves it in a commit of their own, under the settings and roster in force before;
until then history is judged as if the change had not been made, and the change is PML408 on its line.

The approval is an item of ``policy_approvals`` in ``pmarklint.yaml`` whose digest is :func:`settings_digest`
of the settings as they are; ``pmarklint sign pmarklint.yaml --as PERSON`` writes it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pmarklint.approvals.digest import Approval, digest
from pmarklint.documents.loader import decode, parse

if TYPE_CHECKING:  # the history is read only by the judge; check --no-history imports none of it
    from pmarklint.history.entries import Entries

CONFIG_PATH = "pmarklint.yaml"

POLICY_KEY = "policy_approvals"
DEFAULT_POLICY_APPROVERS = ("top_management",)
GOVERNING = ("approvals", "require_approvals", "require_signed_approvals", "waivers", "paths")
GOVERNED_RULES = ("PML4", "PML9")  # the rules whose severity or switch is part of the policy


def governing(settings: Mapping[str, Any]) -> dict[str, Any]:
    """The settings that make up the policy, as read from ``pmarklint.yaml``."""
    out = {key: settings[key] for key in GOVERNING if key in settings}
    rules = settings.get("rules")
    if isinstance(rules, Mapping):
        kept = {str(k): v for k, v in rules.items() if str(k).startswith(GOVERNED_RULES)}
        if kept:
            out["rules"] = kept
    return out


def settings_digest(settings: Mapping[str, Any]) -> str:
    """The digest an approval of the settings carries (the same digest as an entry's, over ``{"settings": ...}``
    so that the ``approvals`` setting is part of it)."""
    return digest({"settings": governing(settings)})


def policy_approvers(settings: Mapping[str, Any]) -> tuple[str, ...]:
    approvals = settings.get("approvals")
    listed = approvals.get("policy") if isinstance(approvals, Mapping) else None
    if isinstance(listed, list) and listed and all(isinstance(role, str) for role in listed):
        return tuple(listed)
    return DEFAULT_POLICY_APPROVERS


def approvals_of(settings: Mapping[str, Any]) -> list[Approval]:
    return Approval.read({"approvals": settings.get(POLICY_KEY)})


def changed_keys(one: Mapping[str, Any], other: Mapping[str, Any]) -> list[str]:
    """The governing keys whose values differ (``rules`` when a PML4xx/PML9xx setting differs), in file order."""
    first, second = governing(one), governing(other)
    return [key for key in (*GOVERNING, "rules") if first.get(key) != second.get(key)]


def in_force(settings: Mapping[str, Any], force: Mapping[str, Any]) -> dict[str, Any]:
    """``settings`` with their approval settings replaced by ``force`` (those in force): what a run judges by
    while a change of them awaits approval."""
    out = {key: value for key, value in settings.items() if key not in (*GOVERNING, "rules")}
    rules = settings.get("rules")
    kept = (
        {k: v for k, v in rules.items() if not str(k).startswith(GOVERNED_RULES)} if isinstance(rules, Mapping) else {}
    )
    forced = force.get("rules")
    if isinstance(forced, Mapping):
        kept.update(forced)
    if kept:
        out["rules"] = kept
    out.update({key: force[key] for key in GOVERNING if key in force})
    return out


@dataclass(frozen=True)
class PolicyState:
    """The settings in force after one commit: their digest, the settings themselves, the digest last founded
    or approved, the commit that wrote the settings as they are, and the commit whose change awaits approval."""

    force: str
    settings: Mapping[str, Any]
    anchor: str
    written: tuple[str, str]  # (digest, commit) of the settings as written
    last: Mapping[str, Any]  # the settings as written (their policy_approvals included)
    pending: str = ""

    def added(self, settings: Mapping[str, Any]) -> list[Approval]:
        """The approvals of ``settings`` that the settings written before did not have."""
        had = {(a.by, a.role, a.date, a.digest) for a in approvals_of(self.last)}
        return [a for a in approvals_of(settings) if (a.by, a.role, a.date, a.digest) not in had]


# Whether ``commit`` approves ``settings`` under the state before; the last argument is the commit that wrote
# the settings as they are. The judge provides it (roster, identities, keys).
Acceptor = Callable[[str, Mapping[str, Any], PolicyState, str], bool]


def step(
    commit: str, settings: Mapping[str, Any] | None, before: PolicyState | None, accepts: Acceptor
) -> PolicyState | None:
    """The state after ``commit``, which wrote ``settings`` (None: pmarklint.yaml is missing or unreadable
    there, which changes nothing in force)."""
    if settings is None:
        return before
    value = settings_digest(settings)
    if before is None:  # the founding settings
        return PolicyState(value, settings, value, (value, commit), settings)
    written = before.written if before.written[0] == value else (value, commit)
    if value in (before.force, before.anchor):
        return PolicyState(value, settings, before.anchor if value == before.force else value, written, settings)
    if written[1] != commit and accepts(commit, settings, before, written[1]):
        return PolicyState(value, settings, value, written, settings)
    pending = before.pending or written[1]
    return PolicyState(before.force, before.settings, before.anchor, written, settings, pending)


def read_settings(entries: Entries, blob: str) -> Mapping[str, Any] | None:
    """``pmarklint.yaml`` as one revision has it; None when it cannot be read."""
    text, _ = decode(entries.blobs.read(blob), CONFIG_PATH)
    document = parse(text, CONFIG_PATH).document if text is not None else None
    data = document.data if document is not None else None
    return data if isinstance(data, dict) else None
