"""Which files a run checks. Inside a git repository: the files git tracks or has staged (what a commit
would contain), and separately the untracked ones under the PMS folders, which get a warning. Outside git:
every YAML file under the PMS folders."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

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
    files = [p for p in tracked(root, *folders) if p.endswith(YAML_SUFFIXES) and (root / p).is_file()]
    others = [p for p in untracked(root, *folders) if p.endswith(YAML_SUFFIXES)]
    return Workspace(root, tuple(sorted(files)), tuple(sorted(others)), git_dir)


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
        return sorted(tracked(root))
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d != ".git"]
        out += [Path(dirpath, name).relative_to(root).as_posix() for name in filenames]
    return sorted(out)
