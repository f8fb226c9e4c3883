"""The roster as the approval judge reads it: a person's emails, roles and signing keys (:class:`Person`),
what a change of them grants (:func:`grants`) and what of it holds while it awaits approval
(:func:`narrowed`), the state of the roster after a commit (:class:`RosterState`), and whether a person's keys
signed commits (:func:`verify_signatures`). :mod:`pmarklint.approvals.judge` replays the roster's history
with these."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmarklint.git.signatures import verify


@dataclass(frozen=True)
class Person:
    id: str
    emails: frozenset[str]  # lower case
    roles: frozenset[str]
    keys: tuple[str, ...]
    active: bool


def person_of(entry: Mapping[str, Any]) -> Person | None:
    entry_id = entry.get("id")
    if not isinstance(entry_id, str):
        return None
    emails, roles, keys = (entry.get(name) for name in ("emails", "roles", "signing_keys"))
    emails, roles, keys = (value if isinstance(value, list) else [] for value in (emails, roles, keys))
    return Person(
        entry_id,
        frozenset(e.strip().lower() for e in emails if isinstance(e, str)),
        frozenset(r for r in roles if isinstance(r, str)),
        tuple(k.strip() for k in keys if isinstance(k, str)),
        entry.get("status", "active") != "retired",
    )


def roster_of(entries: Iterable[Mapping[str, Any]]) -> dict[str, Person]:
    out = {}
    for entry in entries:
        person = person_of(entry)
        if person is not None:
            out[person.id] = person
    return out


def grants(new: Person, old: Person | None, approving: frozenset[str]) -> bool:
    """Whether ``new`` can approve something that ``old`` (the same person as the roster had them) could not."""
    power = new.roles & approving
    if not new.active or not power:
        return False  # someone who approves nothing: their addresses and keys prove nothing either
    if old is None or not old.active:
        return True
    return bool(power - old.roles or new.emails - old.emails or set(new.keys) - set(old.keys))


def narrowed(new: Person, old: Person | None, approving: frozenset[str]) -> Person:
    """What of ``new`` holds while its change awaits approval: what it took away, never what it added."""
    if old is None or not old.active:
        return Person(new.id, new.emails, new.roles - approving, new.keys, new.active)
    return Person(
        new.id,
        new.emails & old.emails,
        (new.roles - approving) | (new.roles & old.roles),
        tuple(key for key in new.keys if key in old.keys),
        new.active,
    )


def key_name(person_id: str, key: str) -> str:
    """The principal of one key in an allowed-signers file: the person and which of their keys, so that git's
    answer says which key signed (a key removed from the roster proves nothing afterwards)."""
    return f"{person_id}/{hashlib.sha256(key.encode()).hexdigest()[:16]}"


@dataclass(frozen=True)
class Policy:
    """What the judge needs of the settings: which roles approve roster entries, which roles approve anything,
    and whether signatures are the identity."""

    grant_roles: frozenset[str]
    approving: frozenset[str]
    signed: bool = False


@dataclass
class RosterState:
    """The roster after one commit: the people as written, the people in force, for each person the digest of
    their entry and the commit that wrote that content, whose change awaits approval, and the people no longer
    in the roster with what they held in force when they left (a file that could not be read for a commit, or
    an entry removed and restored, lends nobody more than they had)."""

    written: dict[str, Mapping[str, Any]]
    force: dict[str, Person]
    content: dict[str, tuple[str, str]]
    pending: dict[str, str]  # person → the commit whose change of them awaits approval
    gone: dict[str, Person]
    founded: bool  # a roster existed at this commit or before it
    # person → the digest of their entry as last founded or approved: going back to it (reverting a change
    # nobody approved, or a role taken away without approval) needs no approval
    anchor: dict[str, str] = field(default_factory=dict)


EMPTY = RosterState({}, {}, {}, {}, {}, False)


def carry(state: RosterState, before: RosterState, pid: str) -> None:
    """The person as the state before had them: content, force and what awaits approval."""
    state.content[pid] = before.content[pid]
    if pid in before.force:
        state.force[pid] = before.force[pid]
    if pid in before.pending:
        state.pending[pid] = before.pending[pid]


def verify_signatures(root: Path, requests: Mapping[tuple[str, str], Person]) -> dict[tuple[str, str], bool]:
    """(commit, person id) → whether git finds a good SSH signature on the commit by one of the person's keys.
    One ``git log --no-walk`` per distinct set of keys, with an allowed-signers file of those keys only."""
    groups: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for (sha, person_id), person in requests.items():
        groups.setdefault((person_id, person.keys), []).append(sha)
    out: dict[tuple[str, str], bool] = {}
    for (person_id, keys), commits in groups.items():
        good: set[str] = set()
        if keys:
            good = _good_signatures(root, person_id, keys, commits)
        for sha in commits:
            out[(sha, person_id)] = sha in good
    return out


def _good_signatures(root: Path, principal: str, keys: tuple[str, ...], commits: list[str]) -> set[str]:
    verdicts = verify(root, commits, [(principal, key) for key in keys])
    return {sha for sha, verdict in verdicts.items() if verdict.letter == "G" and verdict.signer == principal}
