"""How the trail reads blobs and splits its work: blob contents kept from their first use to their last
(:class:`Kept`), the trail's view of entries (:class:`TrailEntries`), and a forked second process that reads
the later part of a long period (:class:`Helper`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from pmarklint.forked import Forked
from pmarklint.git.blobs import Blobs, Prefetch, Skipped
from pmarklint.history.entries import Entries
from pmarklint.trail.model import Merge


def under(path: str, folder: str) -> bool:
    """Whether ``path`` is ``folder`` or inside it (both relative to the root, '/'-separated)."""
    folder = folder.strip("/")
    return not folder or folder == "." or path == folder or path.startswith(folder + "/")


# -- reading each blob once ---------------------------------------------------------------------------------
class Kept(Blobs):
    """Blobs whose bytes are kept from their first use to their last: the uses are counted before any is
    read (:meth:`need`) and given back one by one (:meth:`done`), so a ledger's revisions, each the new side
    of one change and the old side of the next, are read from git once, and only the blobs still to be used
    stay in memory."""

    def __init__(self, root: Path, max_size: int | None = None) -> None:
        super().__init__(root, max_size)
        self._uses: Counter[str] = Counter()
        self._kept: dict[str, bytes] = {}
        self._ahead: Prefetch | None = None

    def ahead(self, order: Sequence[str]) -> None:
        """Start reading ``order`` (the blobs in the order they will first be read) ahead of use."""
        if self._ahead is None and len(order) >= Prefetch.WORTH:
            self._ahead = Prefetch(self.root, order, self.max_size)

    def close(self) -> None:
        if self._ahead is not None:
            self._ahead.close()
            self._ahead = None
        super().close()

    def need(self, sha: str | None) -> None:
        if sha is not None:
            self._uses[sha] += 1

    def done(self, sha: str | None) -> None:
        if sha is None:
            return
        self._uses[sha] -= 1
        if self._uses[sha] <= 0:
            del self._uses[sha]
            self._kept.pop(sha, None)

    def __enter__(self) -> Kept:
        return self

    def read(self, sha: str) -> bytes:
        data = self._kept.get(sha)
        if data is None:
            data = self._ahead.take(sha) if self._ahead is not None else None
            if data is None:
                data = super().read(sha)
            elif isinstance(data, Skipped):
                self.skipped[sha] = data.size
            if self._uses[sha] > 0:
                self._kept[sha] = data
        return data


class LaterReader(Protocol):
    """What the helper runs: the trail builder's reading of the later part of the period."""

    def _later(
        self, selected: Sequence[str], start: int, merges: Mapping[str, Merge], end_tree: Mapping[str, str]
    ) -> tuple[Any, ...]: ...


class Incomplete(Exception):
    """The second process met an entry whose previous value only the first part of the period tells."""


class Helper:
    """A second process (:class:`pmarklint.forked.Forked`) that reads the later part of a long period while this
    one reads the earlier part: the commits of a period are read one by one, but what each tells depends only
    on its own files (an entry that does not parse in one revision is the exception, and then this process
    reads that part itself). When it cannot run or fails, this process reads its part as well."""

    WORTH = 400  # commits in the period below which one process reads them all
    ADDED = 14  # a file added in a commit costs about as much as this many changed files

    def __init__(self, child: Forked) -> None:
        self._child = child

    @classmethod
    def start(
        cls,
        builder: LaterReader,
        selected: Sequence[str],
        split: int,
        merges: Mapping[str, Merge],
        end_tree: Mapping[str, str],
    ) -> Helper | None:
        child = Forked.start(lambda: builder._later(selected, split, merges, end_tree))
        return cls(child) if child is not None else None

    def result(self) -> tuple[Any, ...] | None:
        """What the helper found; None when it did not finish."""
        found = self._child.result()
        return found if isinstance(found, tuple) else None

    def close(self) -> None:
        self._child.close()


class TrailEntries(Entries):
    """The trail's Entries: :meth:`all` gives what :meth:`Entries.all` gives, put together from the entries
    the trail has already read (:meth:`Entries.all_reusing`): the roster is read at the parent of every
    approval's commit, one revision after another. Few blob contents are kept besides those :class:`Kept`
    keeps until their last use: memory given back is used again for the next revisions instead of new
    pages."""

    _KEEP_BYTES = 16 << 20

    def all(self, blob: str) -> dict[str, Any]:
        return self.all_reusing(blob)


# -- field changes --------------------------------------------------------------------------------------------
# How the items of a list field are told apart, tried in order; ``id`` for any other list of mappings. A list
# whose items cannot be told apart this way is compared item by item, by position.
