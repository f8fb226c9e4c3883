"""Writing the site into a folder, all at once: the pages are written into a new folder next to the target,
which then takes the target's place, so a reader (or a web server) never sees half a site. A folder that
already holds files is replaced only when it is a site pmarklint wrote (it holds :data:`MARKER`); anything
else is left alone and the command stops."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from pmarklint.errors import PmarklintError
from pmarklint.i18n import text

MARKER = ".pmarklint-site"  # names the folder as a site pmarklint wrote, so that the next run may replace it
MARKER_TEXT = "This folder is written by pmarklint report site; the next run replaces all of it.\n"
NO_JEKYLL = ".nojekyll"  # GitHub Pages serves the files as they are


def write_site(output: Path, files: Iterable[tuple[str, bytes]], lang: str) -> int:
    """Write ``files`` ((name, bytes), names without folders) as the folder ``output``; the count written."""
    shown = str(output)
    if output.exists() and not output.is_dir():
        raise PmarklintError(text("site.not_a_folder", lang, path=shown))
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).is_file():
        raise PmarklintError(text("site.not_a_site", lang, path=shown))
    parent = output.absolute().parent
    count = 0
    try:
        parent.mkdir(parents=True, exist_ok=True)
        fresh = Path(tempfile.mkdtemp(prefix=f".{output.name}.new-", dir=parent))
        try:
            for name, data in files:
                if not name or "/" in name or "\\" in name or name.startswith("."):
                    raise ValueError(f"not a page name: {name!r}")
                (fresh / name).write_bytes(data)
                count += 1
            (fresh / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
            (fresh / NO_JEKYLL).write_bytes(b"")
            os.chmod(fresh, 0o755)  # mkdtemp makes it private; a site is for reading
            _replace(output.absolute(), fresh)
        except BaseException:
            shutil.rmtree(fresh, ignore_errors=True)
            raise
    except OSError as exc:
        raise PmarklintError(text("site.cannot_write", lang, path=shown, reason=exc.strerror or str(exc))) from exc
    return count


def _replace(output: Path, fresh: Path) -> None:
    """``fresh`` renamed to ``output``; an old site there is moved aside first and removed after."""
    if not output.exists():
        fresh.rename(output)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
    old.rmdir()
    output.rename(old)
    try:
        fresh.rename(output)
    except OSError:
        old.rename(output)
        raise
    shutil.rmtree(old, ignore_errors=True)
