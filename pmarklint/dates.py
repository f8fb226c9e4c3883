"""Dates and ISO 8601 durations, with the month arithmetic a person would agree with: a review on
2025-01-31 every P1M is next due on 2025-02-28 (the end of a shorter month), and P1Y from 2024-02-29 is
2025-02-28."""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re
from dataclasses import dataclass
from functools import lru_cache

from pmarklint.errors import PmarklintError
from pmarklint.i18n import text

_DURATION = re.compile(r"P(?!\Z)(?:([0-9]+)Y)?(?:([0-9]+)M)?(?:([0-9]+)W)?(?:([0-9]+)D)?\Z")  # ASCII digits only


@dataclass(frozen=True)
class Duration:
    years: int = 0
    months: int = 0
    days: int = 0  # weeks are kept as days

    @classmethod
    def parse(cls, text: object) -> Duration | None:
        """An ISO 8601 duration (P1Y, P6M, P2W, P30D), or None for anything else."""
        return _parse_duration(text) if isinstance(text, str) else None

    # Cached: thousands of entries share a handful of intervals and a few hundred dates.
    @lru_cache(maxsize=8192)  # noqa: B019 - instances are small, immutable and few
    def after(self, start: dt.date) -> dt.date:
        """``start`` plus this duration: years and months first, clamped to the month's last day."""
        return add_months(start, self.years * 12 + self.months) + dt.timedelta(days=self.days)

    @lru_cache(maxsize=8192)  # noqa: B019
    def before(self, end: dt.date) -> dt.date:
        return add_months(end, -(self.years * 12 + self.months)) - dt.timedelta(days=self.days)


def add_months(day: dt.date, months: int) -> dt.date:
    if months == 0:
        return day
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


@lru_cache(maxsize=256)
def _parse_duration(text: str) -> Duration | None:
    match = _DURATION.match(text)
    if match is None:
        return None
    years, months, weeks, days = (int(part or 0) for part in match.groups())
    return Duration(years, months, weeks * 7 + days)


def parse_date(text: object) -> dt.date | None:
    """A YYYY-MM-DD string as a date; anything else (already a schema finding) as None."""
    return _parse_date(text) if isinstance(text, str) and len(text) == 10 else None


@lru_cache(maxsize=4096)
def _parse_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


@dataclass(frozen=True)
class Due:
    """Where a due date stands against today and the warning window."""

    state: str  # "ok", "soon" (within the window) or "overdue"
    due: dt.date


def judge(due: dt.date, today: dt.date, window: Duration) -> Due:
    if due < today:
        return Due("overdue", due)
    if window.before(due) <= today:
        return Due("soon", due)
    return Due("ok", due)


DEFAULT_ZONES = {"ja": "Asia/Tokyo"}  # language → the time zone a repository is in unless it says; else UTC
_FIXED = {"UTC": dt.timezone.utc, "Etc/UTC": dt.timezone.utc, "Asia/Tokyo": dt.timezone(dt.timedelta(hours=9), "JST")}


def zone_name(setting: object, language: str | None) -> str:
    """The repository's time zone: ``timezone`` in pmarklint.yaml, else Asia/Tokyo for ``language: ja``, else
    UTC (docs/approvals.md, "Dates and time zones")."""
    if isinstance(setting, str) and setting:
        return setting
    return DEFAULT_ZONES.get(language or "", "UTC")


@lru_cache(maxsize=16)
def zone(name: str) -> dt.tzinfo | None:
    """The time zone an IANA name names, or None when it names none. Japan and UTC need no time zone
    database (Japan has kept +09:00 all year since 1951), so they work on a system without one."""
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(name)
    except (ImportError, ValueError, OSError, LookupError):  # ZoneInfoNotFoundError is a KeyError
        return _FIXED.get(name)


def now(where: dt.tzinfo, lang: str = "en") -> dt.datetime:
    """The current time in ``where``: PMARKLINT_NOW (an ISO 8601 time with its offset, for tests and for
    replaying a CI run) if set, else the clock."""
    pinned = os.environ.get("PMARKLINT_NOW")
    if not pinned:
        return dt.datetime.now(dt.timezone.utc).astimezone(where)
    try:
        moment = dt.datetime.fromisoformat(pinned.replace("Z", "+00:00"))
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise PmarklintError(text("ui.bad_now", lang, value=pinned))
    return moment.astimezone(where)


def resolve_today(value: str | None, lang: str, where: dt.tzinfo | None = None) -> dt.date:
    """The day the checks count from: ``value`` (``--today``), else PMARKLINT_TODAY, else today in the
    repository's time zone ``where`` (None: the system's own, for commands outside a repository)."""
    value = value or os.environ.get("PMARKLINT_TODAY")
    if not value:
        if where is None:
            return now(dt.datetime.now().astimezone().tzinfo or dt.timezone.utc, lang).date()
        return now(where, lang).date()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise PmarklintError(text("ui.bad_today", lang, value=value)) from None


def day_in(stamp: str, where: dt.tzinfo) -> dt.date:
    """The day an ISO 8601 time with offset (a commit date, as git gives it) falls on in ``where``."""
    return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(where).date()


# -- the fiscal year --------------------------------------------------------------------------------------
# A fiscal year is named by the calendar year it starts in, as Japanese offices name 年度: with an April 1
# start, 2026年度 runs from 2026-04-01 to 2027-03-31. ``start`` is (month, day); days above 28 are refused by
# the settings' schema so that every year has the day.


def fiscal_year(day: dt.date, start: tuple[int, int]) -> int:
    """The fiscal year ``day`` falls in."""
    return day.year if (day.month, day.day) >= start else day.year - 1


def fiscal_year_bounds(year: int, start: tuple[int, int]) -> tuple[dt.date, dt.date]:
    """The first and the last day of fiscal year ``year``."""
    first = dt.date(year, *start)
    return first, dt.date(year + 1, *start) - dt.timedelta(days=1)
