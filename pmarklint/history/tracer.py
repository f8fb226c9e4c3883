"""Which commit brought an entry to a state: :class:`Tracer` walks an entry's file back through the log (and
into the file it moved from) to the commit that introduced the state; :func:`iter_snapshots` gives the
tree of some paths after every commit, oldest first."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from pmarklint.git.log import Log
from pmarklint.history.entries import Entries

# Whether a state holds for an entry in a blob: (blob id, entry id) → bool. Cheap tests first: see
# Entries.digests.
Predicate = Callable[[str, str], bool]


@dataclass(frozen=True)
class Origin:
    """Where a state of an entry came from: the commit that made ``predicate`` true for it, in ``path``."""

    commit: str
    path: str
    index: int  # in log.by_path[path]


class Tracer:
    """Finds the commit that brought an entry into a given state (an approval appearing in it, its content
    reaching a digest), following the entry when it moved between files.

    The search reads as few revisions as it can: it looks back from the newest change of the file in
    growing steps until the state is absent, then bisects, and then confirms the answer: a commit
    *introduces* the state when it holds after the commit and not before, and the answer is the most recent
    such commit, so the state must also have held before every change between it and the start (an approval
    withdrawn and put back by someone else is theirs, however long it stood before). When the history is not
    that simple (the state came and went, branches were merged), it reads the file's changes one by one."""

    def __init__(self, log: Log, entries: Entries) -> None:
        self.log = log
        self.entries = entries
        self._blobs: dict[str, list[str | None]] = {}

    def origin(self, entry_id: str, path: str, holds: Predicate, start: int = 0) -> Origin | None:
        """The most recent commit, among ``log.by_path[path][start:]``, that introduced the state; the
        caller knows it holds after ``by_path[path][start]`` (or in a newer tree). None when no commit of the
        log introduced it (it was there before the history begins: a shallow clone, or a merge did it)."""
        seen: set[tuple[str, int]] = set()
        while (path, start) not in seen:
            seen.add((path, start))
            found = self._in_file(entry_id, path, holds, start)
            if found is None:
                return None
            moved = self._moved_from(entry_id, found, holds)
            if moved is None:
                return found
            path, start = moved
        return None

    def _revisions(self, path: str) -> list[str | None]:
        """The blobs of ``path``'s changes, newest first, each change's new blob then its old one: neighbours in
        this list are revisions of the file that are close in time."""
        found = self._blobs.get(path)
        if found is None:
            found = self._blobs[path] = [b for c in self.log.by_path.get(path, []) for b in (c.new, c.old)]
        return found

    def _holds(self, blob: str | None, entry_id: str, holds: Predicate) -> bool:
        return blob is not None and holds(blob, entry_id)

    def _in_file(self, entry_id: str, path: str, holds: Predicate, start: int) -> Origin | None:
        changes = self.log.by_path.get(path, [])
        if start >= len(changes):
            return None

        revisions = self._revisions(path)
        split = self.entries.split_among

        def after(i: int) -> bool:
            blob = changes[i].new
            if blob is not None:
                split(blob, revisions, 2 * i)
            return self._holds(blob, entry_id, holds)

        def before(i: int) -> bool:
            blob = changes[i].old
            if blob is not None:
                split(blob, revisions, 2 * i + 1)
            return self._holds(blob, entry_id, holds)

        if after(start):
            # Gallop back until the state is absent after some change, then bisect between.
            good, step, probe = start, 1, start + 1
            while probe < len(changes) and after(probe):
                good, step = probe, step * 2
                probe = start + step
            bad = min(probe, len(changes))
            while bad - good > 1:
                middle = (good + bad) // 2
                if after(middle):
                    good = middle
                else:
                    bad = middle
            # ``good`` introduced the state only if no change since introduced it again: the state held before
            # each of them (it came and went, or a merge brought it, where the bisection did not look)
            if not before(good) and all(before(i) for i in range(start, good)):
                return Origin(changes[good].commit, path, good)
        for i in range(start, len(changes)):  # the state came and went, or merges: read change by change
            if after(i) and not before(i):
                return Origin(changes[i].commit, path, i)
        return None

    def _moved_from(self, entry_id: str, found: Origin, holds: Predicate) -> tuple[str, int] | None:
        """When the commit moved the entry into ``found.path`` from another file where the state already
        held, where to continue: that file, from the changes before this commit."""
        change = self.log.by_path[found.path][found.index]
        others = [c for c in self.log.changes.get(found.commit, []) if c.path != found.path and c.old is not None]
        if not others:
            return None  # the commit changed no other file that the entry could have come from
        if self.entries.get_reusing(change.old, entry_id) is not None:
            return None  # the entry was already in this file: the commit changed it here
        for other in others:
            if self._holds(other.old, entry_id, holds):
                index = self.log.position[(other.path, found.commit)]
                return other.path, index + 1
        return None


def iter_snapshots(log: Log, paths: Callable[[str], bool]) -> Iterator[tuple[str, dict[str, str]]]:
    """(commit, {path: blob}) for every commit, oldest first, of the files for which ``paths`` is true: the
    tree of those files after each commit, rebuilt from the log's changes (merges included)."""
    state: dict[str, dict[str, str]] = {}
    for sha in reversed(log.order):
        commit = log.commits[sha]
        before = state.get(commit.parents[0], {}) if commit.parents else {}
        changes = log.merge_changes.get(sha) if len(commit.parents) > 1 else log.changes.get(sha)
        relevant = [c for c in changes or [] if paths(c.path)]
        if relevant:
            after = dict(before)
            for change in relevant:
                if change.new is None:
                    after.pop(change.path, None)
                else:
                    after[change.path] = change.new
        else:
            after = before
        state[sha] = after
        yield sha, after
