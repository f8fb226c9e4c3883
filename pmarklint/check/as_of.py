"""``check --as-of DATE|REV``: the repository as it stood on an audit's reference date.

DATE means the last commit on or before that day on the first-parent line of HEAD (the main line, as the
audit trail reads it); REV is any revision git understands. That commit's tree is extracted (``git
archive``) and checked, judged on DATE (for a REV: the day it was committed) unless ``--today`` says
otherwise; the history checks read the history up to that commit.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from pmarklint.errors import PmarklintError
from pmarklint.git.repo import commit_date_and_subject, commit_of, git_dir, is_shallow, last_commit_on_or_before
from pmarklint.i18n import text

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class AsOf:
    requested: str  # what --as-of said
    commit: str
    day: dt.date  # the day the repository is judged on
    committed: str  # the commit's committer date, ISO 8601
    subject: str


def resolve(root: Path, value: str, lang: str) -> AsOf:
    if git_dir(root) is None:
        raise PmarklintError(text("ui.as_of_no_git", lang, value=value))
    if _DATE.match(value):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise PmarklintError(text("ui.as_of_bad", lang, value=value)) from None
        commit = last_commit_on_or_before(root, "HEAD", value)
        if commit is None:
            key = "ui.as_of_shallow" if is_shallow(root) else "ui.as_of_none"
            raise PmarklintError(text(key, lang, value=value))
    else:
        commit = commit_of(root, value)
        if commit is None:
            raise PmarklintError(text("ui.as_of_bad", lang, value=value))
        day = None
    stamp, subject = commit_date_and_subject(root, commit)
    return AsOf(value, commit, day or dt.date.fromisoformat(stamp[:10]), stamp, subject)
