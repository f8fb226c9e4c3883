"""``check --hook``: the pre-commit hook's quick "nothing to check" for a commit that cannot break the
repository.

The hook runs at every commit (``always_run``), because pre-commit passes only files that still exist: a
commit that deletes or renames a ledger, or a document a control cites, would otherwise be skipped. What a
commit can break the repository with, and so what makes the hook check the whole repository:

* ``pmarklint.yaml`` or any file under the PMS folders, added, changed, deleted or renamed;
* any other file deleted, renamed or changed in type: it may be a document or record a control cites
  (``documents``, ``records.evidence``; PML204). Knowing whether it is would mean reading every control, which
  is what the check itself does, so any such deletion is checked (about a third of a second).

Adding or editing any other file (README.md, a policy document) cannot make a finding appear, so such a
commit is passed at once. Outside git the check always runs. A commit that is checked is checked as staged
(``--hook`` implies ``--staged``: pmarklint.git.index), so a plain git hook judges the commit being made."""

from __future__ import annotations

from pathlib import Path

from pmarklint.git.repo import git_dir, staged
from pmarklint.workspace.cache import Cache
from pmarklint.workspace.config import CONFIG_NAME, find_root, load_config

_HARMLESS = frozenset({"A", "M"})  # an addition or an edit outside the PMS folders


def commit_can_break(start: Path, lang: str) -> bool:
    """Whether the commit being made can change the check's result (see the module's description)."""
    root = find_root(start, lang)
    if git_dir(root) is None:
        return True
    folders = [folder + "/" for folder in load_config(root, Cache(None), lang).folders.values()]
    for path, change in staged(root).items():
        if path == CONFIG_NAME or path.startswith(tuple(folders)) or change not in _HARMLESS:
            return True
    return False
