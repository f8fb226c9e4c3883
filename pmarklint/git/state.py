"""What a whole ``check`` run depends on in git, in a few quick questions: HEAD (its commit and the branch it
names), every ref (the ``git replace`` refs and the branches history reads), the index and the work tree as
``git status`` sees them (tracked files added, deleted or changed, untracked files) and git's settings. The kept
result of a run (pmarklint.check.kept) is keyed by these bytes."""

from __future__ import annotations

from pathlib import Path

from pmarklint.git.run import GitError, run


def fingerprint(root: Path) -> bytes | None:
    """The state of the repository at ``root`` that a run reads, as bytes; None when git cannot say (no commit
    yet, git missing): then nothing is kept."""
    try:
        head = run(root, "rev-parse", "--show-toplevel", "--git-common-dir", "HEAD", "--symbolic-full-name", "HEAD")
        refs = run(root, "for-each-ref", "--format=%(objectname) %(refname)")
        changes = run(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignored=no")
        settings = run(root, "config", "--list", "-z")
    except (GitError, OSError):
        return None
    return b"\0\0".join((head, refs, changes, settings))
