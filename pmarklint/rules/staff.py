"""What the checks of the records (PML6xx) share: the fiscal year of the settings, who was on the staff on a
day, how messages name a person, and the small repository their examples start from."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pmarklint.dates import fiscal_year, fiscal_year_bounds, parse_date
from pmarklint.rules.context import Context, active
from pmarklint.rules.index import EntryRef

EXAMPLE_CONFIG = """organization: {name: 株式会社テスト}
framework: pmark-2023
language: ja
departments:
  - {id: cs, name: カスタマーサービス部}
  - {id: sales, name: 営業部}
"""
EXAMPLE_PEOPLE = """kind: person
entries:
  - id: yamamoto
    name: 山本 一郎
    department: sales
    employment: officer
    joined: 2010-04-01
    roles: [top_management]
  - id: nakamura
    name: 中村 花子
    department: cs
    employment: regular
    joined: 2015-04-01
    roles: [privacy_manager, education_lead]
"""


def fiscal_year_of(ctx: Context, day: dt.date) -> int:
    return fiscal_year(day, ctx.config.fiscal_year_start)


def fiscal_bounds(ctx: Context, year: int) -> tuple[dt.date, dt.date]:
    return fiscal_year_bounds(year, ctx.config.fiscal_year_start)


def joined(person: EntryRef) -> dt.date | None:
    return parse_date(person.data.get("joined"))


def left(person: EntryRef) -> dt.date | None:
    return parse_date(person.data.get("left"))


def employed(person: EntryRef, day: dt.date) -> bool:
    """Whether the person was one of the staff (従業者) on ``day``: in the roster, joined, not yet left."""
    start, end = joined(person), left(person)
    return active(person) and (start is None or start <= day) and (end is None or day < end)


def staff(ctx: Context) -> dict[str, EntryRef]:
    """Every active person of the roster by id (left or not: :func:`employed` says when)."""
    return {ref.id: ref for ref in ctx.entries("person") if ref.id is not None and active(ref)}


def name_of(ctx: Context, person_id: Any) -> str:
    """A person for a message argument: the id, which the run completes with the roster's name so that the
    message says 山本 一郎(yamamoto) in Japanese, "山本 一郎 (yamamoto)" in English (pmarklint.check.engine
    ``with_names``, pmarklint.i18n ``PERSON_ARGS``); the id alone when the roster lacks them."""
    del ctx
    return str(person_id)


def setting(ctx: Context, section: str, key: str) -> Any:
    """``section.key`` of pmarklint.yaml (e.g. ``training.onboarding_within``), None when not set."""
    value = ctx.config.data.get(section)
    return value.get(key) if isinstance(value, dict) else None


# The day each record kind says a control's recurring task was last done (``record_kind`` on the task).
PROVING_KINDS = ("training", "audit_report", "review", "operation_check", "plan")


def newest_record(ctx: Context, kind: str) -> tuple[dt.date, EntryRef] | None:
    """The newest record of ``kind`` up to today and its day: a regular training, an audit report, a review
    or an operation check by its date, a plan by its latest approval."""
    best: tuple[dt.date, EntryRef] | None = None
    for ref in ctx.entries(kind):
        if not active(ref) or (kind == "training" and ref.data.get("type") != "regular"):
            continue
        if kind == "plan":
            approvals = ref.data.get("approvals")
            days = (
                [parse_date(a.get("date")) for a in approvals if isinstance(a, dict)]
                if isinstance(approvals, list)
                else []
            )
        else:
            days = [parse_date(ref.data.get("date"))]
        for day in days:
            if day is not None and day <= ctx.today and (best is None or day > best[0]):
                best = (day, ref)
    return best
