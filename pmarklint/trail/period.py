"""The period a trail covers: ``--since`` and ``--until`` as dates or revisions, and the full history it needs."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pmarklint.dates import add_months
from pmarklint.errors import PmarklintError
from pmarklint.git.repo import (
    commit_date_and_subject,
    commit_of,
    inside_work_tree,
    is_shallow,
)
from pmarklint.i18n import text
from pmarklint.trail.model import Period

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def require_full_history(root: Path, lang: str) -> None:
    if not inside_work_tree(root):
        raise PmarklintError(text("trail.not_git", lang, path=str(root)))
    if is_shallow(root):
        raise PmarklintError(text("trail.shallow", lang))


def resolve_period(root: Path, since: str | None, until: str | None, today: dt.date, lang: str) -> Period:
    """--since and --until as dates or revisions. Default: the twelve months up to today (2025-04-01 to
    2026-03-31 when today is 2026-03-31)."""
    end_day, end_commit = _bound(root, until, "--until", lang) if until else (today, None)
    if since:
        start_day, start_commit = _bound(root, since, "--since", lang)
    else:
        start_day, start_commit = add_months(end_day, -12) + dt.timedelta(days=1), None
    if start_day > end_day:
        raise PmarklintError(text("trail.bad_period", lang, since=str(start_day), until=str(end_day)))
    return Period(
        start_day,
        end_day,
        since if start_commit else None,
        until if end_commit else None,
        start_commit,
        end_commit,
    )


def _bound(root: Path, value: str, option: str, lang: str) -> tuple[dt.date, str | None]:
    if _DATE.match(value):
        try:
            return dt.date.fromisoformat(value), None
        except ValueError:
            raise PmarklintError(text("trail.bad_date", lang, option=option, value=value)) from None
    sha = commit_of(root, value)
    if sha is None:
        raise PmarklintError(text("trail.bad_rev", lang, option=option, value=value))
    stamp, _ = commit_date_and_subject(root, sha)
    return dt.date.fromisoformat(stamp[:10]), sha
