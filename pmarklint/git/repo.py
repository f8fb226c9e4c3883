"""Questions about a repository, each an explicit function: where it is, which commit a revision names, what
a tree or the index holds, what changed. A "no" (not a repository, no such commit) is an answer; anything
else git cannot do raises :class:`~pmarklint.git.run.GitError`."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable
from pathlib import Path

from pmarklint.git.run import GitError, run, status

NOT_A_REPOSITORY = 128  # git's exit code for "not a git repository" (and for other fatal errors)
MINIMUM_VERSION = (2, 34)  # SSH signature verification; docs/design/git.md


def _text(out: bytes) -> str:
    return out.decode("utf-8", "surrogateescape")


def _inside_git_folder(root: Path) -> bool:
    return any((folder / ".git").exists() for folder in (root, *root.parents))


def _git_file(root: Path) -> Path | None:
    """The nearest ``.git`` at or above ``root`` when it is a file (a worktree's or a submodule's pointer)."""
    for folder in (root, *root.parents):
        if (folder / ".git").exists():
            return folder / ".git" if (folder / ".git").is_file() else None
    return None


def git_dir(root: Path) -> Path | None:
    """The repository's (common) git directory, or None when ``root`` is in no git work tree: no ``.git`` in
    it or above it, and no ``GIT_DIR``. Where there is one, git must answer: a git that is missing, or that
    refuses the repository ("dubious ownership": a clone owned by another user, common in CI containers),
    raises :class:`GitError` with git's message, so that the approval checks never quietly fall back to
    "outside git" (they fail closed; docs/design/threat-model.md)."""
    variable = os.environ.get("GIT_DIR")
    if not variable and not _inside_git_folder(root.resolve()):
        return None
    try:
        out = run(root, "rev-parse", "--git-common-dir")
    except GitError as exc:
        if variable and exc.command:  # git ran, and the folder GIT_DIR names is no repository
            raise GitError(
                exc.command,
                f"{exc.detail} (the GIT_DIR variable is set to '{variable}': unset it, or point it at the "
                "repository's .git folder)",
            ) from exc
        found = _git_file(root.resolve())
        if found is not None and exc.command:
            raise GitError(
                exc.command,
                f"{exc.detail} ({found} is a file that points git at that folder, and it holds no repository: "
                "restore the folder, or clone the repository again)",
            ) from exc
        raise
    return (root / _text(out).strip()).resolve()


def toplevel(root: Path) -> Path | None:
    """The top folder of the work tree that holds ``root`` (code hosts name files from there)."""
    code, out = status(root, "rev-parse", "--show-toplevel", answers=(NOT_A_REPOSITORY,))
    return None if code else Path(_text(out).strip())


def inside_work_tree(root: Path) -> bool:
    code, out = status(root, "rev-parse", "--is-inside-work-tree", answers=(NOT_A_REPOSITORY,))
    return code == 0 and out.strip() == b"true"


def prefix(root: Path) -> str:
    """``root`` relative to the top of its work tree, with a trailing '/' ('' at the top)."""
    return _text(run(root, "rev-parse", "--show-prefix")).strip()


def is_shallow(root: Path) -> bool:
    return run(root, "rev-parse", "--is-shallow-repository").strip() == b"true"


def commit_of(root: Path, rev: str) -> str | None:
    """The commit a revision names (``HEAD``, a branch, a tag, a hash), or None when it names none (no
    commit yet, a typo)."""
    code, out = status(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}", answers=(1,))
    return None if code else (out.decode("ascii", "replace").strip() or None)


def is_ancestor(root: Path, older: str, newer: str) -> bool:
    """Whether ``older`` is an ancestor of ``newer``. A commit this clone does not have (gone since a
    cache recorded it) is no ancestor: the caller then works from scratch, never from a wrong premise."""
    code, _ = status(root, "merge-base", "--is-ancestor", older, newer, answers=(1, NOT_A_REPOSITORY))
    return code == 0


def commit_date_and_subject(root: Path, commit: str) -> tuple[str, str]:
    """The committer date (ISO 8601) and the subject of one commit."""
    out = _text(run(root, "log", "-1", "--no-show-signature", "--format=%cI%x00%s", commit)).rstrip("\n")
    stamp, _, subject = out.partition("\0")
    return stamp, subject


def first_parent_line(root: Path, rev: str) -> list[tuple[str, str]]:
    """The first-parent line of ``rev`` from its root commit to ``rev``: (commit, committer date as ISO 8601)
    for each, oldest first. Dates are what each commit says, in the order the commits were made."""
    out = _text(run(root, "log", "--first-parent", "--reverse", "--no-show-signature", "--format=%H %cI", rev, "--"))
    return [(sha, stamp) for sha, _, stamp in (line.partition(" ") for line in out.splitlines()) if stamp]


def replace_refs(root: Path) -> tuple[tuple[str, str], ...]:
    """Every ``git replace`` ref: (ref, object it points at). pmarklint reads history with replace objects
    off; what is kept from an earlier run is keyed by them all the same, so that adding or deleting one
    never serves a verdict learnt under other refs."""
    out = _text(run(root, "for-each-ref", "--format=%(refname) %(objectname)", "refs/replace/"))
    return tuple(tuple(line.split(" ", 1)) for line in out.splitlines() if " " in line)  # type: ignore[misc]


def ancestors(root: Path, commit: str) -> set[str]:
    """Every commit reachable from ``commit``, itself included."""
    return set(run(root, "rev-list", commit).decode("ascii", "replace").split())


def tree(root: Path, rev: str, paths: Iterable[str]) -> dict[str, str]:
    """path → blob id of every file under ``paths`` at ``rev`` (paths relative to ``root``)."""
    top = prefix(root)
    out = run(root, "ls-tree", "-r", "-z", "--full-tree", rev, "--", *(top + p for p in paths))
    found = {}
    for item in _text(out).split("\0"):
        if not item:
            continue
        meta, path = item.split("\t", 1)
        kind, sha = meta.split()[1:3]
        if kind == "blob" and path.startswith(top):
            found[path[len(top) :]] = sha
    return found


def _names(out: bytes) -> list[str]:
    return [p for p in _text(out).split("\0") if p]


def tracked(root: Path, *paths: str) -> list[str]:
    """Files git tracks or has staged under ``paths`` (all of them without paths), relative to ``root``."""
    return list(dict.fromkeys(_names(run(root, "ls-files", "-z", "--cached", "--", *paths))))


def untracked(root: Path, *paths: str) -> list[str]:
    """Files under ``paths`` that git neither tracks nor ignores."""
    return _names(run(root, "ls-files", "-z", "--others", "--exclude-standard", "--", *paths))


def changed_since(root: Path, commit: str, paths: Iterable[str]) -> list[str]:
    """Files under ``paths`` whose content now (tracked and staged) differs from ``commit``."""
    return _names(run(root, "diff", "--no-renames", "--name-only", "-z", "--relative", commit, "--", *paths))


def staged(root: Path) -> dict[str, str]:
    """What the commit being made changes under ``root``: path (relative to ``root``) → git's letter for the
    change (A added, M modified, D deleted, T type changed). A rename is a deletion and an addition. Read
    from the index git is committing (during ``git commit``, the one it names in ``GIT_INDEX_FILE``)."""
    out = _names(run(root, "diff", "--cached", "--name-status", "--no-renames", "-z", "--relative", "--"))
    return dict(zip(out[1::2], (state[:1] for state in out[0::2]), strict=True))


def touched_between(root: Path, older: str, newer: str, paths: Iterable[str]) -> set[str]:
    """Every file under ``paths`` that a commit after ``older`` up to ``newer`` touched."""
    out = run(
        root, "log", "--format=", "--name-only", "-z", "--no-renames", "--relative", f"{older}..{newer}", "--", *paths
    )
    return {p for p in _text(out).replace("\n", "\0").split("\0") if p}


def show(root: Path, commit: str, rel: str) -> bytes | None:
    """The content of ``rel`` (relative to ``root``) at ``commit``; None when the file is not there."""
    code, out = status(root, "show", f"{commit}:{prefix(root)}{rel}", answers=(NOT_A_REPOSITORY,))
    return None if code else out


def files_at(root: Path, commit: str) -> dict[str, str]:
    """path (relative to ``root``) → blob id of every regular file below ``root`` in ``commit``'s tree: every
    tracked file, whatever ``.gitattributes`` says (``git archive`` would leave out ``export-ignore`` files
    and rewrite ``export-subst`` ones). Symbolic links and submodules are left out."""
    top = prefix(root)
    out = run(root, "ls-tree", "-r", "-z", "--full-tree", commit, "--", top or ".")
    found = {}
    for item in _text(out).split("\0"):
        meta, _, path = item.partition("\t")
        parts = meta.split()
        if len(parts) == 3 and parts[0] in ("100644", "100755") and parts[1] == "blob" and path.startswith(top):
            found[path[len(top) :]] = parts[2]
    return found


def init_and_add(folder: Path, paths: Iterable[str]) -> None:
    """Make ``folder`` a repository of its own unless it is inside one, and stage ``paths`` there; what git
    tells a hook about the repository being committed is not passed on (see :mod:`pmarklint.git.run`)."""
    code, _ = status(folder, "rev-parse", "--git-dir", answers=(NOT_A_REPOSITORY,), new_repository=True)
    if code:
        run(folder, "init", "-q", new_repository=True)
    run(folder, "add", "--", *paths, new_repository=True)


@functools.lru_cache(maxsize=1)
def version(root: Path) -> tuple[int, ...]:
    """git's version, e.g. (2, 39, 5); () when ``git --version`` says something unexpected."""
    found = re.search(rb"(\d+)\.(\d+)(?:\.(\d+))?", run(root, "--version"))
    return tuple(int(part) for part in found.groups() if part is not None) if found else ()


def require_version(root: Path) -> None:
    """History is read only with a git that can verify what pmarklint relies on (SSH signatures)."""
    found = version(root)
    if found[:2] < MINIMUM_VERSION:
        shown = ".".join(map(str, found)) or "unknown"
        need = ".".join(map(str, MINIMUM_VERSION))
        raise GitError("", f"pmarklint needs git {need} or newer to read history (this git is {shown})")


def work_tree_changed(root: Path) -> bool:
    """Whether the files under ``root`` differ from HEAD: changed, staged, deleted, or new and not ignored."""
    return bool(run(root, "status", "--porcelain", "-z", "--untracked-files=normal", "--", ".").strip(b"\0"))
