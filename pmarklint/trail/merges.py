"""The trail at a merge commit: only what the merge changed beyond all its parents (a conflict resolved by
hand, an edit made in the merge) is an event of the merge (:class:`MergeReading`)."""

from __future__ import annotations

from collections.abc import Sequence

from pmarklint.git.log import read_merges
from pmarklint.history.fields import diff_fields
from pmarklint.trail.commits import CommitReading
from pmarklint.trail.model import Merge


class MergeReading(CommitReading):
    # -- merges ---------------------------------------------------------------------------------------------
    def _merges(self, shas: Sequence[str]) -> dict[str, Merge]:
        """For each merge, the files whose content differs from every parent: only there can a merge have
        changed something beyond what its parents had."""
        return {sha: Merge(sha, files) for sha, files in read_merges(self.root, shas, self.folders).items()}

    def _merge(self, seq: int, merge: Merge) -> None:
        """What the merge changed beyond all its parents, entry by entry, within each file."""
        for path, parents, result in merge.files:
            kinds = [k for k in (self._kind(b) for b in (*parents, result)) if k]
            kind = self._kind(result) or (kinds[0] if kinds else None)
            if kind is not None:
                ids = set(self._ids(result, self._kind(result)))
                for blob in parents:
                    ids |= self._ids(blob, self._kind(blob))
                for entry_id in sorted(ids):
                    if self._wanted(entry_id):
                        self._merged_entry(seq, merge.sha, entry_id, kind, path, parents, result)
            for blob in (*parents, result):
                self.blobs.done(blob)

    def _merged_entry(
        self,
        seq: int,
        sha: str,
        entry_id: str,
        kind: str,
        path: str,
        parents: tuple[str | None, ...],
        result: str | None,
    ) -> None:
        piece = self.entries.piece(result, entry_id) if result else None
        if piece is not None and any(b and self.entries.piece(b, entry_id) == piece for b in parents):
            return  # the merge took this entry from one of its parents
        get = self.entries.get_reusing
        after = get(result, entry_id)
        before = [get(b, entry_id) for b in parents]
        if any(after == b for b in before):
            return
        if after is None:
            self._event(
                seq, sha, entry_id, kind, path, None, next(b for b in before if b is not None), None, "removed", True
            )
        elif all(b is None for b in before):
            self._event(seq, sha, entry_id, kind, path, None, None, after, "added", True, None, before)
        else:
            # The fields that differ from every parent (where a parent had the entry).
            differing = [{f.field for f in diff_fields(b, after)} for b in before if b is not None]
            only = set.intersection(*differing) if differing else set()
            first = next(b for b in before if b is not None)
            self._event(seq, sha, entry_id, kind, path, None, first, after, "modified", True, only, before)
