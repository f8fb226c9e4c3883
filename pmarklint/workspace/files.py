"""Which files a run checks. Inside a git repository: the files git tracks or has staged (what a commit
would contain), and separately the untracked ones under the PMS folders, which get a warning. Outside git:
every YAML file under the PMS folders."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Workspace:
    root: Path
    files: tuple[str, ...]  # relative to root, with '/' separators
    untracked: tuple[str, ...]
    git_dir: Path | None  # None outside git


def _git(root: Path, *args: str) -> str | None:
    try:
        proc = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=root,
            capture_output=True,
            check=False,
        )
    except OSError:  # git is not installed
        return None
    if proc.returncode != 0:
        return None
    return proc.stdout.decode("utf-8", "surrogateescape")


def find_git_dir(root: Path) -> Path | None:
    """The repository's (common) git directory, or None when ``root`` is not inside a git work tree."""
    common = _git(root, "rev-parse", "--git-common-dir")
    return None if common is None else (root / common.strip()).resolve()


def find_toplevel(root: Path) -> Path | None:
    """The top folder of the git work tree that holds ``root`` (code hosts name files from there)."""
    top = _git(root, "rev-parse", "--show-toplevel")
    return Path(top.strip()) if top else None


def discover(root: Path, folders: list[str], git_dir: Path | None) -> Workspace:
    if git_dir is None:
        return Workspace(root, tuple(_walk(root, folders)), (), None)
    tracked = _git(root, "ls-files", "-z", "--cached", "--", *folders) or ""
    others = _git(root, "ls-files", "-z", "--others", "--exclude-standard", "--", *folders) or ""
    files = [p for p in dict.fromkeys(tracked.split("\0")) if p.endswith(YAML_SUFFIXES) and (root / p).is_file()]
    untracked = [p for p in others.split("\0") if p.endswith(YAML_SUFFIXES)]
    return Workspace(root, tuple(sorted(files)), tuple(sorted(untracked)), git_dir)


def _walk(root: Path, folders: list[str]) -> list[str]:
    out = []
    for folder in folders:
        base = root / folder
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in filenames:
                path = Path(dirpath, name)
                if name.endswith(YAML_SUFFIXES) and path.is_file():  # regular files only: never a FIFO
                    out.append(path.relative_to(root).as_posix())
    return sorted(out)


def list_all_files(root: Path, git_dir: Path | None) -> list[str]:
    """Every file of the repository below ``root``: what git tracks or has staged, else what is on disk."""
    if git_dir is not None:
        listed = _git(root, "ls-files", "-z", "--cached")
        if listed is not None:
            return sorted(p for p in dict.fromkeys(listed.split("\0")) if p)
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d != ".git"]
        out += [Path(dirpath, name).relative_to(root).as_posix() for name in filenames]
    return sorted(out)
