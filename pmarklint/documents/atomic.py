"""Writing ledgers in place, all or nothing, and never through a symbolic link.

The new content goes to a temporary file with a random name in the ledger's own folder (created with
O_EXCL by :func:`tempfile.mkstemp`, so a link planted under a guessable name is never followed), is flushed
to disk, takes the ledger's permissions and is then renamed onto the ledger with :func:`os.replace`. A
ledger that is itself a symbolic link is refused: replacing it would drop the link, writing through it
would change a file outside the repository. On any failure the temporary file is removed.

:func:`write_all` does this for several files at once (``sign`` over several ledgers, an ``import`` that
touches several files): every temporary file is written first, so a full disk or a read-only folder stops the
run before any ledger changes; only then are they renamed into place, and should a rename fail, the ledgers
already replaced get their old content back (kept as a hard link, which needs no disk space) and a file the
run created is removed again."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pmarklint.errors import PmarklintError
from pmarklint.i18n import text


def write_atomic(path: Path, content: bytes, lang: str, *, create_folder: bool = False) -> None:
    """Put ``content`` in ``path`` in one rename; a PmarklintError (exit 2) with a clear message if not."""
    write_all([(path, content)], lang, create_folder=create_folder)


@dataclass
class _Prepared:
    path: Path
    temporary: str
    existed: bool
    backup: str | None = None  # a hard link to the old content, while the run may still need it
    old: bytes | None = None  # the old content, where no hard link can be made
    folders: tuple[Path, ...] = ()  # folders this run created for the file


def write_all(files: Sequence[tuple[Path, bytes]], lang: str, *, create_folder: bool = False) -> None:
    """Put each content in its path, all or nothing; a PmarklintError (exit 2) naming the file if not."""
    prepared: list[_Prepared] = []
    replaced: list[_Prepared] = []
    current = files[0][0] if files else Path(".")
    try:
        for path, content in files:
            current = path
            prepared.append(_prepare(path, content, lang, create_folder))
        for item in prepared:
            current = item.path
            if item.path.is_symlink():  # made a link while we wrote: still refused
                raise PmarklintError(text("ui.write_symlink", lang, file=item.path))
            if item.existed:
                _keep_old(item)
            os.replace(item.temporary, item.path)
            replaced.append(item)
    except BaseException as exc:
        _undo(prepared, replaced)
        if isinstance(exc, OSError):
            raise PmarklintError(text("ui.write_failed", lang, file=current, reason=exc.strerror or exc)) from exc
        raise
    for item in prepared:
        if item.backup is not None:
            _remove(item.backup)


def _undo(prepared: list[_Prepared], replaced: list[_Prepared]) -> None:
    """After a failure: temporary files removed, the ledgers already replaced as they were, the folders made
    for new files removed."""
    for item in prepared:
        if item not in replaced:
            _remove(item.temporary)
    for item in reversed(replaced):
        _restore(item)
    for item in prepared:
        if item.backup is not None:
            _remove(item.backup)
        if item not in replaced or not item.existed:
            for folder in item.folders:
                with contextlib.suppress(OSError):
                    folder.rmdir()


def _prepare(path: Path, content: bytes, lang: str, create_folder: bool) -> _Prepared:
    """The new content in a temporary file next to ``path``, flushed to disk, with the ledger's mode."""
    if path.is_symlink():
        raise PmarklintError(text("ui.write_symlink", lang, file=path))
    folder = path.parent
    made: list[Path] = []
    if create_folder:
        missing = [f for f in (folder, *folder.parents) if not f.exists()]
        folder.mkdir(parents=True, exist_ok=True)
        made = missing  # deepest first, as they are removed again
    existed = path.exists()
    mode = stat.S_IMODE(os.stat(path).st_mode) if existed else None
    fd, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(name, mode if mode is not None else 0o666 & ~_umask())
    except BaseException:
        _remove(name)
        for made_folder in made:
            with contextlib.suppress(OSError):
                made_folder.rmdir()
        raise
    return _Prepared(path, name, existed, folders=tuple(made))


def _keep_old(item: _Prepared) -> None:
    """Keep the ledger's old content until every file is in place: a hard link under a random name (no disk
    space needed), else its bytes in memory."""
    for _ in range(5):
        name = str(item.path.with_name(f".{item.path.name}.{secrets.token_hex(6)}.old"))
        try:
            os.link(item.path, name, follow_symlinks=False)
        except FileExistsError:
            continue
        except OSError:
            break
        item.backup = name
        return
    item.old = item.path.read_bytes()


def _restore(item: _Prepared) -> None:
    """Undo a rename that was done: the old content back, or the new file removed."""
    with contextlib.suppress(OSError):
        if item.backup is not None:
            os.replace(item.backup, item.path)
            item.backup = None
        elif item.old is not None:
            item.path.write_bytes(item.old)
        elif not item.existed:
            item.path.unlink()


def _remove(name: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(name)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
