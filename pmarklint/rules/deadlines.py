"""What the registers' deadline checks (PML7xx) share: a deadline read from pmarklint.yaml with its default, and
the one shape every such check reports in. Something owed ``within`` of a start day (an incident's report, the
answer to a request or a complaint, the closing of a complaint) and not done yet is a warning up to and
including its deadline (a reminder that says how long is left) and an error from the day after; done after its
deadline, it is an error. Every message names the day counted from (``start``), the period (``within``), the
deadline and today; a late one also the day it was done (``done``). ``pmarklint due`` lists the open ones by
their ``deadline``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pmarklint.dates import Duration, parse_date
from pmarklint.findings import Severity
from pmarklint.rules.context import Context
from pmarklint.rules.index import EntryRef
from pmarklint.rules.staff import setting


def within(ctx: Context, section: str, name: str, default: str) -> tuple[Duration, str]:
    """The period ``section.name`` of pmarklint.yaml and its text as written, or ``default`` when it is not set
    (or is no ISO 8601 duration: the schema reports that)."""
    text = setting(ctx, section, name)
    found = Duration.parse(text)
    if found is None:
        text, found = default, Duration.parse(default)
    assert found is not None
    return found, str(text)


def deadline(
    ctx: Context,
    ref: EntryRef,
    code: str,
    start: dt.date,
    period: tuple[Duration, str],
    start_at: tuple[str, ...],
    done_at: tuple[str, ...],
    **args: Any,
) -> None:
    """Something owed ``period`` after ``start`` (recorded at ``start_at`` inside the entry), done on the day
    recorded at ``done_at``: reported at the start while it is open, at the day done when it was late. The
    message keys are ``{code}.due``, ``{code}.overdue`` and ``{code}.late``."""
    due = period[0].after(start)
    holder: Any = ref.data
    for step in done_at[:-1]:
        holder = holder.get(step) if isinstance(holder, dict) else None
    done = parse_date(holder.get(done_at[-1])) if isinstance(holder, dict) else None
    words = {"start": str(start), "within": period[1], "deadline": str(due), "today": str(ctx.today), **args}
    if done is None:
        key, severity = (f"{code}.overdue", None) if due < ctx.today else (f"{code}.due", Severity.WARNING)
        ctx.report(code, ref, start_at, key, severity=severity, **words)
    elif done > due:
        ctx.report(code, ref, done_at, f"{code}.late", done=str(done), **words)
