"""The audit trail (``pmarklint trail``): what happened to every entry of the PMS during a period, read from git
history, per entry and not per file.

How it reads history without re-parsing every revision of a ledger:

* one ``git log --raw`` over the PMS folders (:func:`pmarklint.git.log.read_log`) gives the commits and, per
  commit, which files changed from which blob to which;
* for each change of the period, the old and the new blob are split into entry slices (by id, without
  parsing YAML) and the slices' bytes are compared: only entries whose bytes differ are parsed, and an entry
  that did not change between two revisions is parsed once (:class:`pmarklint.history.entries.Entries`);
* the new blob's split is derived from the old one's, looking again only at the items between the bytes the
  two share at their start and at their end (:meth:`pmarklint.history.entries.Entries.split_near`);
* a changed entry is put together from its previous revision: only the top-level keys whose lines changed
  are read, a list that grew at its end (approvals) only for its new items, and plain block YAML without
  libyaml (:meth:`pmarklint.history.entries.Entries.get_reusing`); digests are computed once per content;
* an id that leaves one file and enters another in the same commit is a move (a renamed file or a ledger
  split by department moves every entry), reported with whatever else changed;
* each blob is read from git once: a blob's bytes are kept from its first use to its last, and the uses are
  counted before the changes are read (:class:`Kept`); a second ``git cat-file`` streams them in the order
  they will be read, so git inflates the next revisions while the current ones are compared
  (:class:`pmarklint.git.blobs.Prefetch`);
* a long period is read by two processes: a forked helper reads the later part while this process reads the
  earlier one (:class:`Helper`), and the helper's findings follow this process's, in the order of the
  commits;
* merge commits are not read again for the changes their branch made (those are reported on the branch's
  own commits); what a merge changed beyond all its parents (a conflict resolved by hand, an edit in the
  merge) comes from one ``git log -c --raw`` over the period's merges, entry by entry, within each file;
* the state at the end of the period (reviews overdue, the roster whose signing keys verify signatures) is
  the tree of one commit, parsed once.

Approvals are judged by :class:`pmarklint.approvals.judge.Judge`, through :func:`approval_judge` (the one
place the trail asks whether git backs an approval). Signatures come from git (``%G?``), verified against an
allowed-signers file written from the roster's ``signing_keys`` as it stands at the end of the period.

:func:`build_trail` returns a :class:`Trail`: plain data, in no language. :mod:`pmarklint.trail.render` lays it
out (Markdown, HTML, JSON, CSV) in the reader's language.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, cast

from pmarklint.approvals.digest import Approval
from pmarklint.approvals.judge import Judge
from pmarklint.git.log import Log, read_log
from pmarklint.git.repo import (
    ancestors,
    commit_of,
    tree,
)
from pmarklint.history.entries import Entries
from pmarklint.trail.ending import Ending
from pmarklint.trail.model import EndState, Filters, JudgeFn, Merge, SkippedRevision, Trail
from pmarklint.trail.period import require_full_history, resolve_period
from pmarklint.trail.reader import Helper, Incomplete, Kept, TrailEntries, under
from pmarklint.workspace.cache import Cache
from pmarklint.workspace.config import Config, find_root, load_config


def approval_judge(root: Path, log: Log, entries: Entries, config: Config, roster: Mapping[str, Any]) -> JudgeFn:
    """(backed, reason key, reason arguments) for an approval that ``commit`` added to ``entry_id``.

    The verdict is the one ``check`` gives (:meth:`Judge.verdict`: PML405, PML406, PML404, PML409), judged by
    the roster in force at the approval's parent commit, as the log itself has it; ``roster`` (the person
    entries at the end of the period) is not needed for that."""
    judges: list[Judge] = []  # built on the first approval: a trail without approvals never needs it
    people = config.folders["person"]

    def call(commit: str, item: Approval, entry_id: str, path: str) -> tuple[bool, str | None, dict[str, str]]:
        from pmarklint.history.tracer import Origin
        from pmarklint.rules.history_checks import policy_of

        if not judges:
            judges.append(Judge(root, log, entries, lambda path: under(path, people), policy_of(config.data)))
        index = log.position.get((path, commit))
        if index is None:  # it came with a merge: no commit of its own added it (as check says, PML405)
            return False, "PML405.untraced", {"person": item.by}
        verdict = judges[0].verdict(entry_id, Origin(commit, path, index), item)
        args = {str(k): str(v) for k, v in verdict.args.items()}
        return verdict.backed, verdict.reason, args

    return call


# -- the command's entry point ---------------------------------------------------------------------------


def build_trail(
    start: Path,
    *,
    since: str | None = None,
    until: str | None = None,
    today: str | None = None,
    filters: Filters | None = None,
    lang: str = "en",
) -> Trail:
    """The audit trail of the PMS repository at (or above) ``start``; a PmarklintError when it cannot be
    built (not a repository, not in git, a shallow clone, a bad period)."""
    root = find_root(start, lang)
    config = load_config(root, Cache(None), lang)
    require_full_history(root, lang)
    if today or os.environ.get("PMARKLINT_TODAY") or not until:
        from pmarklint.dates import resolve_today  # imported only when today matters

        day = resolve_today(today, lang, config.zone)
    else:
        day = dt.date.today()  # not used: --until ends the period
    period = resolve_period(root, since, until, day, lang)
    collecting = gc.isenabled()
    gc.disable()  # reading history makes no cyclic garbage; the collector's passes would only cost time
    try:
        with Kept(root, config.max_file_size) as blobs:
            return _Builder(root, config, period, filters or Filters(), blobs).build()
    finally:
        if collecting:
            gc.enable()


class _Builder(Ending):
    # -- the plan -------------------------------------------------------------------------------------------
    def build(self) -> Trail:
        head = self.period.until_commit or commit_of(self.root, "HEAD")
        self.log = read_log(self.root, self.folders, head) if head else Log()
        selected = self._selected()
        end = self._end_commit(head)
        end_tree = tree(self.root, end, self.folders) if end else {}
        merges = self._merges([sha for sha in selected if len(self.log.commits[sha].parents) > 1])
        split = self._split(selected)
        helper = Helper.start(self, selected, split, merges, end_tree) if split < len(selected) else None
        try:
            if helper is None:
                self._plan(selected, merges, end_tree, end_tree)
            else:
                self._plan(selected[:split], merges, end_tree, {})
            roster = self._roster(end_tree)
            self.judge = approval_judge(self.root, self.log, self.entries, self.config, roster)
            self._read(selected, 0, split if helper else len(selected), merges)
            later = helper.result() if helper is not None else None
        finally:
            if helper is not None:
                helper.close()
        if later is not None:
            end_state = self._absorb(later)
        else:
            if helper is not None:  # the helper could not read its part: read it here
                self._read(selected, split, len(selected), merges)
            end_state = self._end_state(end_tree)
        overdue, never, placed = end_state
        self._place(placed)
        self._judge_changes()

        keep = self._filter(end_tree)
        changes = [c for c in self.changes if keep(c.entry)]
        approvals = [a for a in self.approvals if keep(a.entry)]
        reviews = [r for r in self.reviews if keep(r.entry)]
        evaluations = [e for e in self.evaluations if keep(e.entry)]
        used = {c.commit for c in changes} | {a.commit for a in approvals}
        used |= {d.commit for d in (*reviews, *evaluations)}
        order = [sha for sha in selected if sha in used]
        signatures = self._signatures(order, roster)
        commits = {sha: self._info(sha, signatures) for sha in order}
        organization = (self.config.data.get("organization") or {}).get("name")
        return Trail(
            root=self.root,
            period=self.period,
            filters=self.filters,
            organization=organization if isinstance(organization, str) else "",
            language=self.config.language,
            end_commit=end,
            commits=commits,
            changes=sorted(changes, key=lambda c: (c.entry, c.seq)),
            approvals=sorted(approvals, key=lambda a: (a.entry, a.seq, a.by, a.role, a.date)),
            reviews=sorted(reviews, key=lambda r: (r.entry, r.seq)),
            evaluations=sorted(evaluations, key=lambda e: (e.entry, e.seq)),
            overdue=[o for o in overdue if keep(o.entry)],
            never_reviewed=[n for n in never if keep(n.entry)],
            skipped=self._skipped(),
            names={
                person: str(data["name"]).strip()
                for person, data in roster.items()
                if isinstance(data, dict) and isinstance(data.get("name"), str)
            },
        )

    def _skipped(self) -> tuple[SkippedRevision, ...]:
        """The revisions not read because they are larger than limits.max_file_size, each with the first commit
        (oldest first) that wrote it and its path."""
        sizes = self.blobs.skipped
        where = self.log.written_in(sizes)
        limit = self.config.max_file_size
        found = [SkippedRevision(*where.get(blob, ("", "")), sizes[blob], blob, limit) for blob in sizes]
        return tuple(sorted(found, key=lambda s: (s.path, s.commit, s.blob)))

    def _plan(
        self,
        part: Sequence[str],
        merges: Mapping[str, Merge],
        roster_tree: Mapping[str, str],
        end_tree: Mapping[str, str],
    ) -> None:
        """Count the uses of every blob that reading the commits ``part`` (and then ``end_tree``) needs, and
        start reading them ahead in the order they will first be read: the roster (from ``roster_tree``),
        then each commit's files, old before new, then the end of the period."""
        people = self.config.folders["person"]
        order = [blob for path, blob in sorted(roster_tree.items()) if under(path, people)]
        for sha in part:
            files = merges[sha].files if sha in merges else []
            blobs = [blob for _, parents, result in files for blob in (*parents, result)]
            blobs += [blob for change in self.log.changes.get(sha, []) for blob in (change.old, change.new)]
            for blob in blobs:
                self.blobs.need(blob)
            order += [blob for blob in blobs if blob]
        for blob in end_tree.values():
            self.blobs.need(blob)
        order += [blob for _, blob in sorted(end_tree.items())]
        self.blobs.ahead(order)

    def _read(self, selected: Sequence[str], start: int, stop: int, merges: Mapping[str, Merge]) -> None:
        """Read the commits ``selected[start:stop]`` (``seq`` is the position in ``selected``)."""
        self.first = start
        for seq in range(start, stop):
            sha = selected[seq]
            if sha in merges:
                self._merge(seq, merges[sha])
            elif len(self.log.commits[sha].parents) <= 1:
                self._commit(seq, sha)

    # -- the later part of a long period, read by a second process -----------------------------------------
    def _split(self, selected: Sequence[str]) -> int:
        """Where the part a second process reads starts: about half of the work, counting a file that is
        added (every entry in it is new) as many changed files. ``len(selected)`` when not worth it."""
        if len(selected) < Helper.WORTH:
            return len(selected)
        weights = [
            sum(1 + Helper.ADDED * (change.old is None) for change in self.log.changes.get(sha, [])) or 1
            for sha in selected
        ]
        half, total = sum(weights) / 2, 0
        for index, weight in enumerate(weights):
            total += weight
            if total >= half:
                return index + 1
        return len(selected)

    def _later(
        self, selected: Sequence[str], start: int, merges: Mapping[str, Merge], end_tree: Mapping[str, str]
    ) -> tuple[Any, ...]:
        """In the second process: read ``selected[start:]`` with blobs and entries of its own, and give what it
        found (:meth:`_absorb`)."""
        with Kept(self.root, self.config.max_file_size) as blobs:
            self.blobs = blobs
            self.entries = TrailEntries(blobs)
            self._plan(selected[start:], merges, end_tree, end_tree)
            roster = self._roster(end_tree)
            self.judge = approval_judge(self.root, self.log, self.entries, self.config, roster)
            self._read(selected, start, len(selected), merges)
            end_state = self._end_state(end_tree)
        if self.incomplete:
            raise Incomplete
        found = (self.changes, self.approvals, self.reviews, self.evaluations, self.paths, self.kind_of, end_state)
        return (*found, dict(blobs.skipped))

    def _absorb(self, later: tuple[Any, ...]) -> EndState:
        """Add what the second process found, after what this one found (the order of the commits); the state
        at the end of the period, which it read as well."""
        changes, approvals, reviews, evaluations, paths, kind_of, end_state, skipped = later
        self.blobs.skipped.update(skipped)
        self.changes += changes
        self.approvals += approvals
        self.reviews += reviews
        self.evaluations += evaluations
        for entry_id, found in paths.items():
            self.paths.setdefault(entry_id, set()).update(found)
        self.kind_of.update(kind_of)
        return cast(EndState, end_state)

    def _selected(self) -> list[str]:
        """The commits of the period, oldest first: by the day they were committed (in the committer's own
        time zone), and after --since when it is a revision."""
        period = self.period
        excluded: set[str] = set()
        if period.since_commit:
            excluded = ancestors(self.root, period.since_commit)
        out = []
        for sha in reversed(self.log.order):
            day = dt.date.fromisoformat(self.log.commits[sha].committer_date[:10])
            if sha in excluded:
                continue
            if period.since_commit is None and day < period.since:
                continue
            if period.until_commit is None and day > period.until:
                continue
            out.append(sha)
        return out

    def _end_commit(self, head: str | None) -> str | None:
        """The commit whose tree is the state at the end of the period: --until's, else the newest commit on
        the first-parent line of HEAD committed on or before the last day."""
        if head is None or self.period.until_commit:
            return head
        from pmarklint.check.as_of import on_day
        from pmarklint.git.repo import first_parent_line

        # as --as-of: the main line from its root, up to the first commit dated after the day, so that a later
        # commit with a backdated date is never the state at the end of the period
        return on_day(first_parent_line(self.root, head), self.period.until, self.config.zone)

    # -- one commit ----------------------------------------------------------------------------------------
