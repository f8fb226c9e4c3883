"""What git proves about approvals: who added each approval, whether that person held the role then, whether
the commit is signed by their key, and whether they approved their own change.

For an approval found in the repository (``{by, role, date, digest}`` in an entry), the commit that
introduced it is found with :class:`pmarklint.history.tracer.Tracer` (following the entry across files), and is
judged against the roster *as it stood in that commit's parent*: nobody can add themselves to the roster
and approve in the same commit.

* PML405: the commit's author e-mail is not one of the approver's ``emails``; or the approver was not an
  active person of the roster then, or did not hold the role then; or no commit of the history introduced
  the approval (it arrived in a merge, or the history is incomplete). An approval that is not committed yet
  (staged, in the working tree) must name the person who is about to commit it (``git var
  GIT_AUTHOR_IDENT``).
* PML406: with ``require_signed_approvals: true``, the commit must carry a good SSH signature by one of the
  approver's ``signing_keys`` (roster of the parent commit). git verifies it (``%G?``), with an
  allowed-signers file that lists only the approver's keys.
* PML404: the approver is the author of the commit that gave the entry the content they approved.
* PML407: a person holds a role that approves something, but their roster entry carries no current approval
  by someone entitled to approve the roster (``approvals.person``), other than themselves. Roles granted
  in the founding roster (the first commit that has a roster) need none; nothing later reopens that.
* PML409: the approval's date is earlier than the commit that wrote the content it approves, or later than the
  commit that added it (a day's tolerance either way, for time zones).

The roster is a policy (docs/design/threat-model.md): a change to it that gives someone more than they had (an
approving role, an e-mail address or a signing key of a person who holds one, a retired person back) takes
effect only once an entitled person other than the one changed approves it, in a commit of their own, under
the roster in force before. Until then every commit is judged by the roster as it was, narrowed by what the
change took away (:meth:`Judge.roster_before`): a roster edited, used to approve and reverted never lends
anyone its power.

Identity: the commit that adds an approval must be authored *and* committed by the approver; content is
written by the author and the committer of the commit that gave it (both count); content that a merge
commit gave an entry (against every parent) was written by the merge. With ``require_signed_approvals``, the
signing key is the identity: an approval's commit signed by the approver, and content written in a commit
that no key of the roster signed counts as written by someone unknown, so its approval cannot be judged free
of self-approval (PML404).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pmarklint.approvals.digest import Approval, digest
from pmarklint.approvals.policy import CONFIG_PATH, PolicyState, policy_approvers, read_settings, settings_digest, step
from pmarklint.approvals.roster import (
    EMPTY,
    Person,
    Policy,
    RosterState,
    carry,
    grants,
    key_name,
    narrowed,
    person_of,
    roster_of,
)
from pmarklint.git.identity import next_author
from pmarklint.git.log import Commit, Log, read_merges
from pmarklint.git.run import GitError
from pmarklint.git.signatures import verify
from pmarklint.history.entries import Entries
from pmarklint.history.tracer import Origin, Tracer, iter_snapshots


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def same(item: Approval, other: Approval) -> bool:
    return (item.by, item.role, item.date, item.digest) == (other.by, other.role, other.date, other.digest)


@dataclass(frozen=True)
class Verdict:
    """What git says about one approval. ``code`` and ``reason`` (a message key) are None when it holds."""

    code: str | None = None
    reason: str | None = None
    commit: Commit | None = None
    args: Mapping[str, Any] = field(default_factory=dict)

    @property
    def backed(self) -> bool:
        return self.code is None


def committing_identity(root: Path) -> str | None:
    """The e-mail (lower case) of whoever the next commit will be authored by; None when git has no
    identity (then git refuses to commit anyway)."""
    try:
        ident = next_author(root)
    except GitError:
        return None
    return ident.email.lower() if ident is not None else None


class Judge:
    """Judges approvals against the history in ``log``. ``is_roster`` says which paths may hold the roster."""

    def __init__(
        self, root: Path, log: Log, entries: Entries, is_roster: Callable[[str], bool], policy: Policy | None = None
    ) -> None:
        self.root = root
        self.log = log
        self.entries = entries
        self.tracer = Tracer(log, entries)
        self.is_roster = is_roster
        self.policy = policy or Policy(frozenset({"top_management"}), frozenset())
        self._digest_memo: dict[Any, str | None] = {}
        self._people: dict[frozenset[tuple[str, str]], dict[str, Mapping[str, Any]]] = {}
        self._signers: dict[str, tuple[str, str] | None] = {}
        self._merges: dict[str, list[tuple[str, tuple[str | None, ...], str | None]]] | None = None
        self._written_memo: dict[tuple[str, Origin, str], Origin | None] = {}
        self._origins: dict[tuple[str, ...], Origin | None] = {}

    # -- the roster at any commit: the policy chain -----------------------------------------------------
    def _written(self, files: Mapping[str, str]) -> dict[str, Mapping[str, Any]]:
        key = frozenset(files.items())
        if key not in self._people:
            people: dict[str, Mapping[str, Any]] = {}
            for blob in sorted(files.values()):
                if self.entries.kind(blob) == "person":
                    for entry in self.entries.all_reusing(blob).values():
                        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                            people.setdefault(entry["id"], entry)
            self._people[key] = people
        return self._people[key]

    @cached_property
    def _states(self) -> dict[str, RosterState]:
        """The roster after every commit of the log, oldest first."""
        states: dict[str, RosterState] = {}
        self.__dict__["_states"] = states  # what is built so far, for the signatures asked while building
        files_at: dict[str, dict[str, str]] = {}
        for sha, files in iter_snapshots(self.log, self.is_roster):
            commit = self.log.commits[sha]
            parents = [states.get(p, EMPTY) for p in commit.parents] or [EMPTY]
            first = commit.parents[0] if commit.parents else None
            if first is not None and files_at.get(first) is files and len(commit.parents) == 1:
                states[sha] = parents[0]
            else:
                states[sha] = self._step(commit, self._written(files), parents)
            files_at[sha] = files
        return states

    def _step(self, commit: Commit, written: dict[str, Mapping[str, Any]], parents: list[RosterState]) -> RosterState:
        before = parents[0]
        if not any(p.founded for p in parents):
            content = {pid: (digest(entry), commit.sha) for pid, entry in written.items()}
            anchor = {pid: value for pid, (value, _) in content.items()}
            return RosterState(written, roster_of(written.values()), content, {}, {}, bool(written), anchor)
        state = RosterState(written, {}, {}, {}, {}, True, dict(before.anchor))
        for pid, left in [*before.force.items(), *before.gone.items()]:
            if pid not in written:
                state.gone.setdefault(pid, left)
        for pid, entry in written.items():
            if len(parents) == 1 and before.written.get(pid) == entry and pid in before.content:
                carry(state, before, pid)  # the same person as before: nothing to judge
            else:
                self._judge_person(commit, pid, entry, parents, state)
        return state

    def _judge_person(
        self, commit: Commit, pid: str, entry: Mapping[str, Any], parents: list[RosterState], state: RosterState
    ) -> None:
        """What of ``entry`` (a person as ``commit`` wrote them) is in force after the commit."""
        before, approving = parents[0], self.policy.approving
        person = person_of(entry)
        if person is None:
            return
        value = digest(entry)
        same_as = next((p for p in parents if pid in p.content and p.content[pid][0] == value), None)
        state.content[pid] = same_as.content[pid] if same_as is not None else (value, commit.sha)
        if same_as is not None and same_as is not before and same_as.written.get(pid) == entry:
            # a merge took this person as a branch had them: in force as they were there
            state.force[pid] = same_as.force.get(pid, narrowed(person, None, approving))
            if pid in same_as.pending:
                state.pending[pid] = same_as.pending[pid]
            return
        old = before.force.get(pid) or before.gone.get(pid)
        if value == before.anchor.get(pid):
            state.force[pid] = person  # back to what was last founded or approved
        elif self._accepted(commit, entry, person, before, parents, state):
            state.force[pid] = person
            state.anchor[pid] = value
        elif not grants(person, old, approving):
            state.force[pid] = person
        else:
            state.force[pid] = narrowed(person, old, approving)
            state.pending[pid] = before.pending.get(pid) or state.content[pid][1]

    def _accepted(
        self,
        commit: Commit,
        entry: Mapping[str, Any],
        person: Person,
        before: RosterState,
        parents: list[RosterState],
        state: RosterState,
    ) -> bool:
        """Whether this commit approves the change of ``person``: an approval of the entry as it is now, added
        by this commit, by an entitled person other than them under the roster before, authored and committed
        (signed, in signed mode) by that person, of content that they did not write."""
        value = digest(entry)
        had = {
            (a.by, a.role, a.date, a.digest)
            for p in parents
            if isinstance(p.written.get(person.id), Mapping)
            for a in Approval.read(p.written[person.id])
        }
        wrote = self.log.commits.get(state.content[person.id][1])
        if wrote is None or wrote.sha == commit.sha:
            return False  # content and approval in one commit: written by the approver
        for item in Approval.read(entry):
            if item.digest != value or item.by == person.id or item.role not in self.policy.grant_roles:
                continue
            if (item.by, item.role, item.date, item.digest) in had:
                continue  # judged when it was added
            if self._approves(commit, wrote, before.force.get(item.by), item.role, before.force):
                return True
        return False

    def _approves(
        self, commit: Commit, writer: Commit, approver: Person | None, role: str, roster: Mapping[str, Person]
    ) -> bool:
        """Whether ``approver`` (as ``roster``, the one in force before ``commit``, has them) approved in
        ``role`` by ``commit``, content that ``writer`` wrote: they hold the role, authored and committed (in
        signed mode: signed, once they have a key) the approval, and did not write the content."""
        if approver is None or not approver.active or role not in approver.roles:
            return False
        if not commit.identities() or not commit.identities() <= approver.emails:
            return False
        if self.policy.signed and approver.keys:  # an approver without a key yet: their keys' bootstrap
            if self.signer(commit.sha, roster) != approver.id:
                return False
            return self.signer(writer.sha, self.roster_before(writer)) not in (None, approver.id)
        return not writer.identities() & approver.emails

    def state_at(self, sha: str | None) -> RosterState:
        return self._states.get(sha, EMPTY) if sha else EMPTY

    def roster_at(self, sha: str | None) -> dict[str, Person]:
        """The roster in force after commit ``sha`` (empty before the first commit)."""
        return self.state_at(sha).force

    def roster_before(self, commit: Commit) -> dict[str, Person]:
        return self.roster_at(commit.parents[0] if commit.parents else None)

    # -- the approval settings of pmarklint.yaml: the same chain ---------------------------------------
    @cached_property
    def _policy(self) -> dict[str, PolicyState | None]:
        """The settings in force after every commit of the log (``pmarklint.yaml`` at the top of the log's
        folder), oldest first."""
        states: dict[str, PolicyState | None] = {}
        for sha in reversed(self.log.order):
            commit = self.log.commits[sha]
            before = states.get(commit.parents[0]) if commit.parents else None
            changes = self.log.merge_changes.get(sha) if len(commit.parents) > 1 else self.log.changes.get(sha)
            change = next((c for c in changes or [] if c.path == CONFIG_PATH), None)
            if change is None:
                states[sha] = before
                continue
            settings = self._settings(change.new) if change.new else None
            states[sha] = step(sha, settings, before, self._accepts_settings)
        return states

    def policy_at(self, sha: str | None) -> PolicyState | None:
        return self._policy.get(sha) if sha else None

    def _settings(self, blob: str) -> Mapping[str, Any] | None:
        return read_settings(self.entries, blob)

    def _accepts_settings(self, sha: str, settings: Mapping[str, Any], before: PolicyState, wrote: str) -> bool:
        """An approval of the settings as they are, added by this commit, by someone whose role
        ``approvals.policy`` (as in force before) names, authored and committed by them, of settings that they
        did not write."""
        commit, writer = self.log.commits[sha], self.log.commits.get(wrote)
        if writer is None:
            return False
        roster = self.roster_before(commit)
        roles = set(policy_approvers(before.settings))
        value = settings_digest(settings)
        return any(
            item.digest == value
            and item.role in roles
            and self._approves(commit, writer, roster.get(item.by), item.role, roster)
            for item in before.added(settings)
        )

    # -- who signed a commit --------------------------------------------------------------------------
    def signer(self, sha: str, roster: Mapping[str, Person]) -> str | None:
        """The person of ``roster`` whose key (as ``roster`` lists their keys) made a good signature on the
        commit; None when none did."""
        if sha not in self._signers:
            self._prefetch_signers([sha])
        found = self._signers.get(sha)
        if found is None:
            return None
        person = roster.get(found[0])
        if person is None or not any(key_name(person.id, key) == found[1] for key in person.keys):
            return None
        return person.id

    def _prefetch_signers(self, shas: list[str]) -> None:
        keys = sorted(
            {
                (key_name(pid, key), key)
                for state in self._states.values()
                for pid, p in state.force.items()
                for key in p.keys
            }
        )
        verdicts = verify(self.root, shas, keys) if keys else {}
        for sha in shas:
            verdict = verdicts.get(sha)
            if verdict is not None and verdict.letter == "G" and verdict.signer and "/" in verdict.signer:
                pid, _, name = verdict.signer.rpartition("/")
                self._signers[sha] = (pid, f"{pid}/{name}")
            else:
                self._signers[sha] = None

    # -- tracing --------------------------------------------------------------------------------------
    def approval_origin(self, entry_id: str, path: str, item: Approval) -> Origin | None:
        """The commit that added the approval to the entry (in ``path`` at the log's newest commit), traced once
        per approval: the history checks and the fields changed since a stale approval both ask."""
        key = (entry_id, path, item.by, item.role, item.date, item.digest)
        if key not in self._origins:
            self._origins[key] = self.tracer.origin(entry_id, path, approval_in(self.entries, item))
        return self._origins[key]

    def _digest(self, blob: str, entry_id: str) -> str | None:
        """The entry's digest in the blob, computed once per distinct content (approvals lines aside)."""
        key: Any = self.entries.content_key(blob, entry_id)
        if key is None:
            key = (blob, entry_id)
        if key not in self._digest_memo:
            entry = self.entries.get_reusing(blob, entry_id)
            self._digest_memo[key] = digest(entry) if isinstance(entry, dict) else None
        return self._digest_memo[key]

    def content_origin(self, entry_id: str, at: Origin, value: str) -> Origin | None:
        """The commit that gave the entry the content with digest ``value``, looking back from ``at``. The
        search compares the entry's bytes (approvals lines aside) and parses only where they differ: a change
        of layout or comments only is not a change of content, and the search goes on past it."""
        change = self.log.by_path[at.path][at.index]
        if change.new is None or self._digest(change.new, entry_id) != value:
            return None  # the approval was not of the content its commit had
        path, start, blob = at.path, at.index, change.new
        while True:
            key = self.entries.content_key(blob, entry_id)
            if key is None:
                return self.tracer.origin(entry_id, path, lambda b, e: self._digest(b, e) == value, start)
            found = self.tracer.origin(entry_id, path, self._same_bytes(key), start)
            if found is None:
                return None
            before = self.log.by_path[found.path][found.index].old
            if before is None or self.entries.content_key(before, entry_id) is None:
                return found
            if self._digest(before, entry_id) != value:
                return found
            path, start, blob = found.path, found.index + 1, before  # only the layout changed: look further back

    def _same_bytes(self, key: bytes) -> Callable[[str, str], bool]:
        return lambda blob, entry_id: self.entries.content_key(blob, entry_id) == key

    def role_origin(self, entry_id: str, path: str, role: str) -> Origin | None:
        def holds(blob: str, eid: str) -> bool:
            entry = self.entries.get(blob, eid)
            return isinstance(entry, dict) and role in (entry.get("roles") or [])

        return self.tracer.origin(entry_id, path, holds)

    # -- judging --------------------------------------------------------------------------------------
    def judge(self, commit_sha: str, item: Approval, entry_id: str) -> Verdict:
        """PML405: the approval introduced by ``commit_sha`` against the roster in force at its parent."""
        commit = self.log.commits[commit_sha]
        person = self.roster_before(commit).get(item.by)
        args = {"person": item.by, "commit": commit.sha[:10], "author": commit.author_email, "day": commit.day}
        if person is None or not person.active:
            return Verdict("PML405", "PML405.not_in_roster", commit, args)
        if item.role not in person.roles:
            return Verdict("PML405", "PML405.role_then", commit, {**args, "role_id": item.role})
        emails = ", ".join(sorted(person.emails)) or "-"
        if commit.author_email.strip().lower() not in person.emails:
            return Verdict("PML405", "PML405.author", commit, {**args, "emails": emails})
        if commit.committer_email.strip().lower() not in person.emails:
            both = {**args, "emails": emails, "committer": commit.committer_email}
            return Verdict("PML405", "PML405.committer", commit, both)
        return Verdict(commit=commit, args=args)

    def self_approval(self, entry_id: str, at: Origin, item: Approval) -> Verdict | None:
        """PML404 when the approver wrote the approved content: they authored or committed the commit that gave
        the entry that content, or a merge that gave it (against every parent). In signed mode the signer is
        who wrote it, and content that no key of the roster signed was written by someone unknown."""
        found = self.written_by(entry_id, at, item.digest)
        writers = [self.log.commits[found.commit]] if found is not None else []
        writers += [self.log.commits[sha] for sha in self.merges_that_wrote(entry_id, item.digest)]
        approval_commit = self.log.commits[at.commit]
        person = self.roster_before(approval_commit).get(item.by)
        emails = person.emails if person else frozenset()
        for commit in writers:
            args = {"person": item.by, "commit": commit.sha[:10], "day": commit.day}
            if self.policy.signed:
                signer = self.signer(commit.sha, self.roster_before(commit))
                if signer is None:
                    return Verdict("PML404", "PML404.unsigned_change", commit, args)
                if signer == item.by:
                    return Verdict("PML404", "PML404.own_change", commit, args)
            elif commit.identities() & emails:
                return Verdict("PML404", "PML404.own_change", commit, args)
        return None

    def dates(self, entry_id: str, at: Origin, item: Approval) -> Verdict | None:
        """PML409: an approval dated before the content it approves was written, or after the commit that
        added it (one day's tolerance for time zones)."""
        approval_commit = self.log.commits[at.commit]
        given = _day(item.date)
        if given is None:
            return None
        latest = max(
            filter(None, (_day(approval_commit.author_date), _day(approval_commit.committer_date))), default=None
        )
        args = {"person": item.by, "date": item.date, "commit": approval_commit.sha[:10]}
        if latest is not None and given > latest + dt.timedelta(days=1):
            return Verdict("PML409", "PML409.after_commit", approval_commit, {**args, "day": latest.isoformat()})
        found = self.written_by(entry_id, at, item.digest)
        if found is not None:
            written = self.log.commits[found.commit]
            day = _day(written.author_date)
            if day is not None and given < day - dt.timedelta(days=1):
                both = {**args, "written": written.sha[:10], "day": day.isoformat()}
                return Verdict("PML409", "PML409.before_change", written, both)
        return None

    def written_by(self, entry_id: str, at: Origin, value: str) -> Origin | None:
        """:meth:`content_origin`, once per approval."""
        key = (entry_id, at, value)
        if key not in self._written_memo:
            self._written_memo[key] = self.content_origin(entry_id, at, value)
        return self._written_memo[key]

    def verdict(self, entry_id: str, at: Origin, item: Approval) -> Verdict:
        """Everything git says about one approval that commit ``at`` added: PML405, then PML406 (signed mode),
        then PML404, then PML409. ``check``, ``trail`` and the reports take their verdict from here."""
        found = self.judge(at.commit, item, entry_id)
        if not found.backed:
            return found
        if self.policy.signed:
            person = self.roster_before(self.log.commits[at.commit]).get(item.by)
            if person is not None and self.signer(at.commit, {person.id: person}) != person.id:
                reason = "PML406.unsigned" if person.keys else "PML406.no_keys"
                return Verdict("PML406", reason, found.commit, {"person": item.by, "commit": at.commit[:10]})
        own = self.self_approval(entry_id, at, item)
        if own is not None:
            return own
        return self.dates(entry_id, at, item) or found

    # -- merges that wrote content ------------------------------------------------------------------
    @cached_property
    def _merge_commits(self) -> list[str]:
        return [sha for sha in self.log.order if len(self.log.commits[sha].parents) > 1]

    def merges_that_wrote(self, entry_id: str, value: str) -> list[str]:
        """The merge commits that gave the entry the content with digest ``value`` while no parent had it (an
        evil merge, or a conflict resolved by hand): they wrote it."""
        merges = self._merge_commits
        if not merges:
            return []
        if self._merges is None:
            self._merges = read_merges(self.root, merges, ["."])
        out = []
        for sha in merges:
            for _path, before, after in self._merges.get(sha, []):
                if after is None or self._digest(after, entry_id) != value:
                    continue
                if all(blob is None or self._digest(blob, entry_id) != value for blob in before):
                    out.append(sha)
                    break
        return out


def approval_in(entries: Entries, item: Approval) -> Callable[[str, str], bool]:
    """Whether an entry of a blob holds the approval ``item`` (the same person, role, date and digest): the
    digest's text in the entry first, then its approvals lines, then (when they do not stand apart) the whole
    entry."""

    wanted = (item.by, item.role, item.date, item.digest)

    def holds(blob: str, eid: str) -> bool:
        keys: Any = entries.known_approval_keys(blob, eid)  # a revision seen before: not read again
        if isinstance(keys, frozenset):  # the digest's text must be there too, as below
            return wanted in keys and entries.may_hold(blob, eid, item.digest)
        if not entries.may_hold(blob, eid, item.digest):
            return False
        keys = entries.approval_keys(blob, eid)
        if keys is not None:
            return wanted in keys
        entry = entries.get(blob, eid)  # the approvals lines do not stand apart: read the whole entry
        listed = entry.get("approvals") if isinstance(entry, dict) else None
        return any(same(item, other) for other in Approval.read({"approvals": listed}))

    return holds
