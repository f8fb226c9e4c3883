"""``check --as-of DATE|REV``: the repository as it stood on an audit's reference date.

DATE: the first-parent line of HEAD (the main line, as the audit trail reads it) is walked from its root,
and the repository on DATE is the last commit before the first one dated after DATE, in the repository's
time zone. Commit dates are claims (docs/design/threat-model.md): a commit made later with a backdated
committer date comes after one dated after DATE, so it is never taken as "the repository on DATE"; and
every commit on the line dated earlier than the commit before it is reported (a notice on standard error).
REV is any revision git understands. That commit's tree is extracted (every tracked file, whatever
``.gitattributes`` says) and checked, judged on DATE (for a REV: the day it was committed, in the
repository's time zone) unless ``--today`` says otherwise; the history checks read the history up to that
commit.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from pmarklint.dates import day_in
from pmarklint.errors import PmarklintError
from pmarklint.git.repo import commit_date_and_subject, commit_of, first_parent_line, git_dir, is_shallow
from pmarklint.i18n import text

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MOST_NOTICES = 10  # backdated commits named one by one; the rest are counted


@dataclass(frozen=True)
class AsOf:
    requested: str  # what --as-of said
    commit: str
    day: dt.date  # the day the repository is judged on
    committed: str  # the commit's committer date, ISO 8601
    subject: str
    backdated: tuple[tuple[str, str, str], ...] = ()  # (commit, its date, the date of the commit before it)

    def notices(self) -> tuple[tuple[str, dict[str, str]], ...]:
        """One line per commit dated before the commit before it on the main line (message key, args)."""
        shown = tuple(
            ("ui.as_of_backdated", {"commit": sha[:10], "committed": stamp, "before": before})
            for sha, stamp, before in self.backdated[:MOST_NOTICES]
        )
        more = len(self.backdated) - MOST_NOTICES
        return shown + ((("ui.as_of_backdated_more", {"count": str(more)}),) if more > 0 else ())


def _instant(stamp: str) -> dt.datetime:
    return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def backdated(line: list[tuple[str, str]]) -> tuple[tuple[str, str, str], ...]:
    """The commits of a first-parent line (oldest first) dated earlier than the commit before them."""
    return tuple(
        (sha, stamp, before)
        for (_, before), (sha, stamp) in itertools.pairwise(line)
        if _instant(stamp) < _instant(before)
    )


def on_day(line: list[tuple[str, str]], day: dt.date, zone: dt.tzinfo) -> str | None:
    """The repository on ``day``: the last commit before the first one dated after it (None: there is none)."""
    found = None
    for sha, stamp in line:
        if day_in(stamp, zone) > day:
            break
        found = sha
    return found


def resolve(root: Path, value: str, lang: str, zone: dt.tzinfo) -> AsOf:
    if git_dir(root) is None:
        raise PmarklintError(text("ui.as_of_no_git", lang, value=value))
    late: tuple[tuple[str, str, str], ...] = ()
    if _DATE.match(value):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise PmarklintError(text("ui.as_of_bad", lang, value=value)) from None
        line = first_parent_line(root, "HEAD") if commit_of(root, "HEAD") else []
        commit = on_day(line, day, zone)
        if commit is None:
            key = "ui.as_of_shallow" if is_shallow(root) else "ui.as_of_none"
            raise PmarklintError(text(key, lang, value=value))
        late = backdated(line)
    else:
        commit = commit_of(root, value)
        if commit is None:
            raise PmarklintError(text("ui.as_of_bad", lang, value=value))
        day = None
    stamp, subject = commit_date_and_subject(root, commit)
    return AsOf(value, commit, day or day_in(stamp, zone), stamp, subject, late)
