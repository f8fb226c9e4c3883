"""The trail after the period's commits: approvals judged, the state at the end of the period (reviews
overdue, never reviewed, where each entry is), and each commit with git's verdict on its signature
(:class:`Ending`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from pmarklint.approvals.digest import Level, level_of
from pmarklint.dates import Duration, parse_date
from pmarklint.git.signatures import verify
from pmarklint.history.fields import is_retired
from pmarklint.resources import RECORD_KINDS
from pmarklint.trail.commits import clean_path
from pmarklint.trail.merges import MergeReading
from pmarklint.trail.model import CommitInfo, EndState, ReviewState, Signature
from pmarklint.trail.reader import under

SIGNATURE_WORDS = {"G": "good", "B": "bad", "R": "bad", "N": "unsigned"}  # git's %G? letters in the trail's words


class Ending(MergeReading):
    # -- after the period's commits -------------------------------------------------------------------------
    def _judge_changes(self) -> None:
        """Whether each change of content was approved: a later commit of the period added an approval whose
        digest is the content after the change, and git backs it. Otherwise: not required (approvals are off
        for the kind, or the entry is retired), superseded (a later change of the entry was approved), or
        unapproved."""
        backed: dict[tuple[str, str], list[tuple[int, str]]] = {}
        for item in self.approvals:
            if item.backed:
                backed.setdefault((item.entry, item.digest), []).append((item.seq, item.commit))
        approved_at: dict[str, list[int]] = {}
        for change in self.changes:
            if not change.content_changed or change.action == "removed" or change.digest is None:
                continue
            hits = [commit for seq, commit in backed.get((change.entry, change.digest), []) if seq > change.seq]
            if hits:
                change.approval = "approved"
                change.approved_in = tuple(dict.fromkeys(hits))
                approved_at.setdefault(change.entry, []).append(change.seq)
        for change in self.changes:
            if change.approval is not None or not change.content_changed or change.digest is None:
                continue
            if change.action == "retired" or level_of(self.config.data, change.kind) is Level.OFF:
                change.approval = "not_required"
            elif any(seq > change.seq for seq in approved_at.get(change.entry, [])):
                change.approval = "superseded"
            else:
                change.approval = "unapproved"

    def _end_state(self, end_tree: Mapping[str, str]) -> EndState:
        """Entries at the end of the period whose review is overdue (last_reviewed + review_every before the
        last day), and active entries never reviewed; and where each entry is then (:meth:`_place`)."""
        overdue, never, placed = [], [], []
        every_by_kind = (self.config.data.get("review") or {}).get("every") or {}
        for path, blob in sorted(end_tree.items()):
            kind = self._kind(blob)
            if kind is not None:
                for entry_id, entry in sorted(self.entries.all_reusing(blob).items()):
                    placed.append((entry_id, path, kind))
                    if is_retired(entry) or kind in RECORD_KINDS:  # a record has no review to fall due
                        continue
                    own = entry.get("review_every")
                    every_text = own if Duration.parse(own) else every_by_kind.get(kind, "P1Y")
                    every = Duration.parse(every_text) or Duration(years=1)
                    if "last_reviewed" not in entry:
                        never.append(ReviewState(entry_id, kind, path, None, str(every_text), None))
                        continue
                    last = parse_date(entry.get("last_reviewed"))
                    if last is not None and every.after(last) < self.period.until:
                        due = str(every.after(last))
                        overdue.append(ReviewState(entry_id, kind, path, str(last), str(every_text), due))
            self.blobs.done(blob)
        return overdue, never, placed

    def _place(self, placed: Iterable[tuple[str, str, str]]) -> None:
        """Entries at the end of the period count as having been in their file, of their file's kind when no
        change said otherwise."""
        for entry_id, path, kind in placed:
            self.paths.setdefault(entry_id, set()).add(path)
            self.kind_of.setdefault(entry_id, kind)

    def _roster(self, end_tree: Mapping[str, str]) -> dict[str, Any]:
        people: dict[str, Any] = {}
        for path, blob in sorted(end_tree.items()):
            if under(path, self.config.folders["person"]) and self.entries.kind(blob) == "person":
                people.update(self.entries.all_reusing(blob))
        return people

    def _filter(self, end_tree: Mapping[str, str]) -> Callable[[str], bool]:
        kinds, ids, paths = set(self.filters.kinds), set(self.filters.ids), [clean_path(p) for p in self.filters.paths]

        def keep(entry_id: str) -> bool:
            if kinds and self.kind_of.get(entry_id) not in kinds:
                return False
            if ids and entry_id not in ids:
                return False
            return not paths or any(under(p, folder) for p in self.paths.get(entry_id, ()) for folder in paths)

        return keep

    # -- commits ---------------------------------------------------------------------------------------------
    def _info(self, sha: str, signatures: Mapping[str, Signature]) -> CommitInfo:
        commit = self.log.commits[sha]
        return CommitInfo(
            sha,
            commit.author_name,
            commit.author_email,
            commit.author_date,
            commit.committer_date,
            commit.subject,
            len(commit.parents) > 1,
            signatures.get(sha, Signature("unknown", "E")),
        )

    def _signatures(self, shas: Sequence[str], roster: Mapping[str, Any]) -> dict[str, Signature]:
        """git's verdict on each commit's signature (``%G?``), against the signing keys of the roster at the
        end of the period: the principal of each key is the person's id."""
        keys = []
        for person_id, entry in sorted(roster.items()):
            listed = entry.get("signing_keys") if isinstance(entry, dict) else None
            keys += [(person_id, key) for key in (listed if isinstance(listed, list) else [])]
        found = {}
        for sha, verdict in verify(self.root, shas, keys).items():
            status = SIGNATURE_WORDS.get(verdict.letter, "unknown")
            found[sha] = Signature(status, verdict.letter, verdict.signer if status == "good" else None)
        return found
