"""git's verdict on commit signatures (``%G?``), against an allowed-signers file that pmarklint writes: one
writer (:func:`allowed_signers`, one filter of what a usable key is) and one verification pass over all the
commits asked about (:func:`verify`), never one process per commit. The programs git verifies with are pinned
(``ssh-keygen``, ``gpg``, ``gpgsm`` from ``PATH``), whatever a repository's own configuration names: a
program that calls every signature good would otherwise be one ``git config`` away."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pmarklint.git.run import run

PINNED_PROGRAMS = ("gpg.ssh.program=ssh-keygen", "gpg.program=gpg", "gpg.x509.program=gpgsm")
_UNUSABLE = frozenset('\n\r"')  # a key with one of these would break the allowed-signers line


@dataclass(frozen=True)
class Verdict:
    letter: str  # git's %G?: G good, B bad, U good but of unknown validity, N none, E cannot check, ...
    signer: str | None  # %GS: the principal of the allowed-signers line that matched (good signatures)


def usable_key(key: object) -> str | None:
    """The key as it goes into the file, or None when it cannot be written safely."""
    usable = key.strip() if isinstance(key, str) else ""
    return usable if usable and not _UNUSABLE & set(usable) else None


def allowed_signers(keys: Iterable[tuple[str, object]]) -> str:
    """The allowed-signers file for ``(principal, key)`` pairs; principals are person ids. Keys that cannot
    be written safely are left out, so they verify nothing."""
    lines = []
    for principal, key in keys:
        usable = usable_key(key)
        if usable is not None and not _UNUSABLE & set(principal):
            lines.append(f'"{principal}" namespaces="git" {usable}\n')
    return "".join(lines)


def verify(root: Path, commits: Sequence[str], keys: Iterable[tuple[str, object]]) -> dict[str, Verdict]:
    """git's verdict on each commit's signature, with only ``keys`` allowed to sign."""
    if not commits:
        return {}
    with tempfile.TemporaryDirectory(prefix="pmarklint-signers-") as folder:
        signers = os.path.join(folder, "allowed_signers")
        with open(signers, "w", encoding="utf-8") as out:
            out.write(allowed_signers(keys))
        output = run(
            root,
            "log",
            "--no-walk=unsorted",
            "--stdin",
            "--no-show-signature",
            "--format=%x01%H%x00%G?%x00%GS",
            input="\n".join(commits).encode(),
            config=(f"gpg.ssh.allowedSignersFile={signers}", *PINNED_PROGRAMS),
        )
    found = {}
    for record in output.decode("utf-8", "replace").split("\x01")[1:]:
        sha, letter, signer = [*record.strip("\n").split("\0"), "", ""][:3]
        found[sha] = Verdict(letter.strip() or "E", signer.strip() or None)
    return found
