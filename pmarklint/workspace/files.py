"""Which files a run checks. Inside a git repository: the files git tracks or has staged (what a commit
would contain), and separately the untracked ones under the PMS folders, which get a warning. Outside git:
every YAML file under the PMS folders."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from pmarklint.findings import Finding, finding
from pmarklint.git.repo import git_dir, toplevel, tracked, untracked

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Workspace:
    root: Path
    files: tuple[str, ...]  # relative to root, with '/' separators
    untracked: tuple[str, ...]
    git_dir: Path | None  # None outside git


def find_git_dir(root: Path) -> Path | None:
    """The repository's (common) git directory, or None when ``root`` is not inside a git work tree."""
    return git_dir(root)


def find_toplevel(root: Path) -> Path | None:
    """The top folder of the git work tree that holds ``root`` (code hosts name files from there)."""
    return toplevel(root)


def discover(root: Path, folders: list[str], git_dir: Path | None) -> Workspace:
    if git_dir is None:
        return Workspace(root, tuple(_walk(root, folders)), (), None)
    files = [p for p in tracked(root, *folders) if _data_file(root, p, folders)]
    others = [p for p in untracked(root, *folders) if p.endswith(YAML_SUFFIXES)]
    return Workspace(root, tuple(sorted(files)), tuple(sorted(others)), git_dir)


def _data_file(root: Path, rel: str, folders: list[str]) -> bool:
    """A YAML file to check, or a symbolic link in its place (a PMS folder itself included), which is
    checked without being opened (:func:`link_finding`)."""
    path = root / rel
    if path.is_symlink():
        return rel.endswith(YAML_SUFFIXES) or rel in folders
    return rel.endswith(YAML_SUFFIXES) and path.is_file()


def _walk(root: Path, folders: list[str]) -> list[str]:
    out = []
    for folder in folders:
        base = root / folder
        if base.is_symlink():  # reported (link_finding), never walked: it may lead anywhere
            out.append(folder)
            continue
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in filenames:
                path = Path(dirpath, name)
                # regular files only (never a FIFO); a link is kept to be reported, not read
                if name.endswith(YAML_SUFFIXES) and (path.is_symlink() or path.is_file()):
                    out.append(path.relative_to(root).as_posix())
    return sorted(out)


def link_finding(root: Path, rel: str) -> Finding | None:
    """A PML004 finding when the file is a symbolic link, or when a folder on its way leads out of the
    repository; None when the file may be opened. Looked at with lstat before anything is read: pmarklint
    follows no link, so a link to /etc/passwd or /proc/self/environ is never opened. The target is named
    only when it stays inside the repository."""
    path = root / rel
    try:
        top = root.resolve()
        resolved = path.resolve()
        if path.is_symlink():
            if resolved.is_relative_to(top) and resolved != top:
                target = resolved.relative_to(top).as_posix()
                return finding("PML004", rel, 1, 1, "PML004.symlink", target=target)
            return finding("PML004", rel, 1, 1, "PML004.symlink_outside")
        if not resolved.is_relative_to(top):
            return finding("PML004", rel, 1, 1, "PML004.outside")
    except (OSError, RuntimeError, ValueError):  # a loop of links, a name the system refuses
        return finding("PML004", rel, 1, 1, "PML004.symlink_outside")
    return None


def read_file(root: Path, rel: str, max_size: int | None = None) -> bytes:
    """The bytes of a repository file, read without following any symbolic link: each folder on the way and
    the file itself are opened with ``O_NOFOLLOW``, one below the other, so a link put in place of the file or
    of a folder after :func:`link_finding` looked (a race) makes the read fail (``OSError``) instead of being
    followed. Only a regular file is read (never a FIFO or a device). With ``max_size``, a larger file raises
    :class:`TooLarge` before anything is read."""
    fd = _open_nofollow(root, rel)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", rel)
        if max_size is not None and info.st_size > max_size:
            raise TooLarge(info.st_size)
        chunks = []
        left = info.st_size + 1 if max_size is None else max_size + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if max_size is not None and len(data) > max_size:  # it grew while being read
            raise TooLarge(len(data))
        if max_size is None and len(data) > info.st_size:  # it grew: read the rest too
            data += _read_rest(fd)
        return data
    finally:
        os.close(fd)


class TooLarge(OSError):
    """A file larger than the limit it was read with; ``size`` is its size in bytes."""

    def __init__(self, size: int) -> None:
        super().__init__(errno.EFBIG, f"{size} bytes")
        self.size = size


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_FLAGS = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def _open_nofollow(root: Path, rel: str) -> int:
    parts = [part for part in rel.split("/") if part not in ("", ".")]
    if not parts or ".." in parts:
        raise OSError(errno.EINVAL, "not a file inside the repository", rel)
    if not _NOFOLLOW or os.open not in os.supports_dir_fd:  # pragma: no cover - Windows has neither
        return os.open(root.joinpath(*parts), _FLAGS)
    fd = os.open(root, _FLAGS | _DIRECTORY)
    try:
        for part in parts[:-1]:
            inner = os.open(part, _FLAGS | _DIRECTORY | _NOFOLLOW, dir_fd=fd)
            os.close(fd)
            fd = inner
        # O_NONBLOCK: a FIFO swapped in is not waited on (it is refused as not a regular file)
        return os.open(parts[-1], _FLAGS | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0), dir_fd=fd)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR):  # O_NOFOLLOW met a link, as a file or as a folder
            raise OSError(exc.errno, "a symbolic link is in its place now, and pmarklint follows no link", rel) from exc
        raise
    finally:
        os.close(fd)


def _read_rest(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def escapes(root: Path, rel: str) -> bool:
    """Whether a file of the repository is a symbolic link, or lies behind one, that leads out of it."""
    try:
        return not (root / rel).resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError, ValueError):
        return True


def list_all_files(root: Path, git_dir: Path | None) -> list[str]:
    """Every file of the repository below ``root``: what git tracks or has staged, else what is on disk."""
    if git_dir is not None:
        return sorted(tracked(root))
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d != ".git"]
        out += [Path(dirpath, name).relative_to(root).as_posix() for name in filenames]
    return sorted(out)
