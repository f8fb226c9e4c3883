"""The index as a work tree, for ``check --staged``: what is staged (the commit being made), not what the
work tree holds.

A plain ``.git/hooks/pre-commit`` script runs with the work tree as the user left it: a file may be staged in
one state and changed again on disk (``git add`` then an edit). The commit takes the staged one, so that is
what the hook must judge. :func:`extract` writes the staged content of the PMS files into a folder of their
own, laid out as the repository is; :func:`as_work_tree` then makes every git process that pmarklint starts
in the block see that folder as the work tree of the same repository, with the same index (during ``git
commit``, the one git names in ``GIT_INDEX_FILE``), HEAD and history. So ``git diff HEAD`` there is what the
commit changes, ``git ls-files`` what it contains, and the approval checks judge the staged approvals as the
ones about to be committed. The user's work tree and index are never written."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pmarklint.git.repo import prefix, toplevel
from pmarklint.git.run import GitError, run

_VARIABLES = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE")


def extract(root: Path, paths: Iterable[str], dest: Path) -> Path:
    """Write the staged content of the files under ``paths`` (relative to ``root``) into ``dest``, each at its
    place from the top of the repository; returns the folder of ``dest`` that stands for ``root``."""
    top = toplevel(root)
    if top is None:  # pragma: no cover - the caller asks only inside a work tree
        raise GitError("", f"{root} is not in a git work tree")
    names = run(root, "ls-files", "-z", "--cached", "--full-name", "--", *paths)
    if names:
        run(top, "checkout-index", "-z", "--stdin", "--force", f"--prefix={dest.resolve()}/", input=names)
    out = dest / prefix(root)
    out.mkdir(parents=True, exist_ok=True)
    return out


@contextmanager
def as_work_tree(root: Path, work_tree: Path) -> Iterator[None]:
    """In the block, git sees ``work_tree`` (from :func:`extract`) as the work tree of ``root``'s repository,
    with its own git directory and index."""
    git_dir = run(root, "rev-parse", "--absolute-git-dir").decode("utf-8", "surrogateescape").strip()
    index = run(root, "rev-parse", "--path-format=absolute", "--git-path", "index")
    view = {
        "GIT_DIR": git_dir,
        "GIT_WORK_TREE": str(work_tree.resolve()),
        "GIT_INDEX_FILE": index.decode("utf-8", "surrogateescape").strip(),
    }
    before = {name: os.environ.get(name) for name in _VARIABLES}
    os.environ.update(view)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
