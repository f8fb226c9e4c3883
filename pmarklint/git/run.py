"""The runner: how pmarklint starts git, and what it does when git fails.

One error policy: a command that fails raises :class:`GitError` (a :class:`PmarklintError`, so the command
line ends with exit 2) carrying git's own message. Questions whose "no" is an ordinary answer (is this a
repository, is A an ancestor of B) are asked through :func:`status` with the exit codes that mean "no", so no
failure is ever swallowed by accident.

One environment policy (:func:`environment`): file names come unquoted (``core.quotepath=off``), reads take
no optional locks (``GIT_OPTIONAL_LOCKS=0``, so a check never competes with the user's own git for the index
lock), git sees the objects as they are (no replace refs, no grafts: either would let a local setting show
history other than what was committed), and what git tells a hook about its own repository stays with that
repository. ``GIT_INDEX_FILE`` (during ``git commit`` the index being committed, which may be a temporary one)
is kept for the repository pmarklint checks, so a hook sees exactly what is being committed (git reads a
relative one from the top of the work tree, wherever in it the command runs). A repository
pmarklint creates (``init``) gets none of ``GIT_DIR``, ``GIT_WORK_TREE`` or ``GIT_INDEX_FILE``, so that
``pmarklint init`` run from inside a hook never writes into the index of the repository being committed.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from pmarklint.errors import PmarklintError

BASE = ("git", "-c", "core.quotepath=off", "-c", "advice.graftFileDeprecated=false")


class GitError(PmarklintError):
    """git could not be run, or it failed; ``detail`` is the last line git wrote to standard error."""

    def __init__(self, command: str, detail: str) -> None:
        super().__init__(f"git {command} failed: {detail}" if command else detail)
        self.command = command
        self.detail = detail


_REPOSITORY_VARIABLES = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX", "GIT_OBJECT_DIRECTORY")


def environment(*, new_repository: bool = False) -> dict[str, str]:
    env = dict(os.environ)
    env["GIT_OPTIONAL_LOCKS"] = "0"
    env["GIT_NO_REPLACE_OBJECTS"] = "1"
    env["GIT_GRAFT_FILE"] = os.devnull
    if new_repository:
        for name in _REPOSITORY_VARIABLES:
            env.pop(name, None)
    return env


def command(args: Sequence[str], config: Sequence[str] = ()) -> list[str]:
    """The argument vector: git, the fixed options, ``-c`` for each of ``config``, then ``args``."""
    return [*BASE, *(part for item in config for part in ("-c", item)), *args]


def _complete(
    root: Path, args: Sequence[str], input: bytes | None, config: Sequence[str], new_repository: bool = False
) -> tuple[int, bytes, bytes]:
    env = environment(new_repository=new_repository)
    try:
        proc = subprocess.run(command(args, config), cwd=root, input=input, capture_output=True, env=env)
    except OSError as exc:
        raise _not_started(exc) from exc
    return proc.returncode, proc.stdout, proc.stderr


def _not_started(exc: OSError) -> GitError:
    """git could not be started: most often it is not installed. Nothing is checked without it (a check that
    carried on would let approvals nobody can prove pass)."""
    if isinstance(exc, FileNotFoundError):
        return GitError(
            "",
            "git is not installed or not on PATH: pmarklint needs git to read the repository and prove its "
            "approvals; install git (in CI, use an image that has it) and run again",
        )
    return GitError("", f"cannot run git: {exc.strerror or exc}")


def _failure(args: Sequence[str], code: int, stderr: bytes) -> GitError:
    """git's own words: its lines joined (the first and the last three when it says more), without the
    ``fatal:`` prefix, so that a message like "detected dubious ownership … safe.directory" arrives whole."""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    lines = [line for line in lines if not line.startswith("hint:")]  # advice, not the failure
    lines = [line.removeprefix("fatal: ").removeprefix("error: ") for line in lines]
    shown = lines if len(lines) <= 4 else [lines[0], *lines[-3:]]
    return GitError(args[0] if args else "", " ".join(shown) if shown else f"exit code {code}")


def run(
    root: Path, *args: str, input: bytes | None = None, config: Sequence[str] = (), new_repository: bool = False
) -> bytes:
    """git's standard output; any failure raises :class:`GitError`. ``new_repository``: ``root`` is a
    repository pmarklint creates, whatever repository pmarklint itself runs in (see :func:`environment`)."""
    code, out, err = _complete(root, args, input, config, new_repository)
    if code != 0:
        raise _failure(args, code, err)
    return out


def status(root: Path, *args: str, answers: Sequence[int], new_repository: bool = False) -> tuple[int, bytes]:
    """The exit code and output of a question whose exit codes in ``answers`` (besides 0) mean "no"; any
    other failure raises :class:`GitError`."""
    code, out, err = _complete(root, args, None, (), new_repository)
    if code != 0 and code not in answers:
        raise _failure(args, code, err)
    return code, out


def start(root: Path, *args: str, stdin: int | IO[bytes]) -> subprocess.Popen[bytes]:
    """A long-running git (``cat-file --batch``) reading requests from ``stdin``. Its standard error is
    dropped: what it cannot answer it says on standard output, and the reader turns that into an error."""
    try:
        return subprocess.Popen(
            command(args), cwd=root, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=environment()
        )
    except OSError as exc:
        raise _not_started(exc) from exc
