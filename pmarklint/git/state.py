"""What a whole ``check`` run depends on in git, in a few quick questions asked at once: HEAD (its commit and
the branch it names) and the common git folder, every ref (the ``git replace`` refs and the branches history
reads), the index and the work tree as ``git status`` sees them (tracked files added, deleted or changed,
untracked files) and git's settings. The kept result of a run (pmarklint.check.kept) is keyed by these bytes."""

from __future__ import annotations

import subprocess
from pathlib import Path

from pmarklint.git.run import command, environment

QUESTIONS = (
    ("rev-parse", "--show-toplevel", "--git-common-dir", "HEAD", "--symbolic-full-name", "HEAD"),
    ("for-each-ref", "--format=%(objectname) %(refname)"),
    ("status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignored=no"),
    ("config", "--list", "-z"),
)


def fingerprint(root: Path) -> tuple[bytes, Path] | None:
    """The state of the repository at ``root`` that a run reads, as bytes, and its common git folder; None
    when git cannot say (outside git, no commit yet, git missing or refusing the folder): then nothing is
    kept, and the run itself says what is wrong. The questions run side by side (about a third of the time)."""
    env = environment()
    try:
        started = [
            subprocess.Popen(command(q), cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
            for q in QUESTIONS
        ]
    except OSError:
        return None
    answers = []
    for proc in started:
        out, _ = proc.communicate()
        answers.append((proc.returncode, out))
    if any(code != 0 for code, _ in answers):
        return None
    head = answers[0][1].decode("utf-8", "surrogateescape").split("\n")
    if len(head) < 2 or not head[1]:
        return None
    return b"\0\0".join(out for _, out in answers), (root / head[1]).resolve()
