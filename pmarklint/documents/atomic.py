"""Writing a ledger in place, all or nothing, and never through a symbolic link.

The new content goes to a temporary file with a random name in the ledger's own folder (created with
O_EXCL by :func:`tempfile.mkstemp`, so a link planted under a guessable name is never followed), is flushed
to disk, takes the ledger's permissions and is then renamed onto the ledger with :func:`os.replace`. A
ledger that is itself a symbolic link is refused: replacing it would drop the link, writing through it
would change a file outside the repository. On any failure the temporary file is removed."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from pmarklint.errors import PmarklintError
from pmarklint.i18n import text


def write_atomic(path: Path, content: bytes, lang: str, *, create_folder: bool = False) -> None:
    """Put ``content`` in ``path`` in one rename; a PmarklintError (exit 2) with a clear message if not."""
    if path.is_symlink():
        raise PmarklintError(text("ui.write_symlink", lang, file=path))
    folder = path.parent
    try:
        if create_folder:
            folder.mkdir(parents=True, exist_ok=True)
        mode = stat.S_IMODE(os.stat(path).st_mode) if path.exists() else None
        fd, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise PmarklintError(text("ui.write_failed", lang, file=path, reason=exc.strerror or exc)) from exc
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(name, mode if mode is not None else 0o666 & ~_umask())
        if path.is_symlink():  # made a link while we wrote: still refused
            raise PmarklintError(text("ui.write_symlink", lang, file=path))
        os.replace(name, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(name)
        if isinstance(exc, OSError):
            raise PmarklintError(text("ui.write_failed", lang, file=path, reason=exc.strerror or exc)) from exc
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
