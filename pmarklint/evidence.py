"""Which records evidence which requirement item: one line per record kind, with the J items (control ids of
the shipped catalog, controls/*.yaml) its records show to be in operation, and the day each record counts
from. The Fit & Gap counts the records per item for the fiscal year (``report fitgap``, "Records this
year"), and PML750 warns about a control marked fit or partial whose yearly evidence is missing.

``yearly`` separates the records a PMS makes every fiscal year (a training, an audit, a review, a drill, the
plans, the operation checks, the risk review) from those made when something happens (an incident, a
request, a complaint, a corrective action, a disposal): a year without a complaint is no gap, so only the
yearly kinds are asked for by PML750; the others are counted all the same. docs/evidence.md explains it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pmarklint.dates import fiscal_year, fiscal_year_bounds, parse_date


@dataclass(frozen=True)
class Evidence:
    kind: str  # a record kind (pmarklint.resources.RECORD_KINDS)
    items: tuple[str, ...]  # the requirement items its records evidence
    dated_by: tuple[str, ...]  # the record's own date fields, the first one present counts; "fiscal_year": the year
    yearly: bool  # True: expected in every fiscal year (PML750); False: made when something happens


EVIDENCE: tuple[Evidence, ...] = (
    # education: awareness of the policy and the rules (J.4.3) and the competence it builds (J.4.2)
    Evidence("training", ("J.4.2", "J.4.3"), ("date",), yearly=True),
    # the internal audit (J.6.2): the year's audit plan and the audit reports
    Evidence("audit_plan", ("J.6.2",), ("fiscal_year",), yearly=True),
    Evidence("audit_report", ("J.6.2",), ("date",), yearly=True),
    # the management review (J.6.3); its output is the record of continual improvement (J.7.2)
    Evidence("review", ("J.6.3", "J.7.2"), ("date",), yearly=True),
    # the annual PMS plan (J.3.3 計画策定)
    Evidence("plan", ("J.3.3",), ("fiscal_year",), yearly=True),
    # the operation checks of each department: monitoring and measurement (J.6.1)
    Evidence("operation_check", ("J.6.1",), ("date",), yearly=True),
    # the emergency drill: preparedness for incidents (J.4.4.2)
    Evidence("drill", ("J.4.4.2",), ("date",), yearly=True),
    # the risk register, reviewed yearly: risk assessment (J.3.1.3) and risk treatment (J.3.1.4)
    Evidence("risk", ("J.3.1.3", "J.3.1.4"), ("reviewed_on", "accepted_on"), yearly=True),
    # a nonconformity and its corrective action (J.7.1)
    Evidence("corrective", ("J.7.1",), ("raised_on",), yearly=False),
    # an incident handled and reported under the emergency procedure (J.4.4.2)
    Evidence("incident", ("J.4.4.2",), ("discovered_on",), yearly=False),
    # a request from a data subject: the rights (J.10.1) and the procedure for requests (J.10.2)
    Evidence("request", ("J.10.1", "J.10.2"), ("received_on",), yearly=False),
    # a complaint or an enquiry (J.11)
    Evidence("complaint", ("J.11",), ("received_on",), yearly=False),
    # erasing data no longer needed (J.9.1 正確性の確保: erase without delay)
    Evidence("disposal", ("J.9.1",), ("date",), yearly=False),
)
BY_KIND: dict[str, Evidence] = {line.kind: line for line in EVIDENCE}


def kinds_of(item: str) -> tuple[Evidence, ...]:
    """The kinds whose records evidence ``item``, in the table's order (none for most items)."""
    return tuple(line for line in EVIDENCE if item in line.items)


@dataclass(frozen=True)
class Period:
    """A fiscal year: its number (2026 for 年度 2026) and its first and last day."""

    year: int
    start: dt.date
    end: dt.date

    @classmethod
    def of(cls, year: int, fiscal_year_start: tuple[int, int]) -> Period:
        return cls(year, *fiscal_year_bounds(year, fiscal_year_start))

    @classmethod
    def current(cls, today: dt.date, fiscal_year_start: tuple[int, int]) -> Period:
        return cls.of(fiscal_year(today, fiscal_year_start), fiscal_year_start)


def record_year(kind: str, data: Mapping[str, Any], fiscal_year_start: tuple[int, int]) -> int | None:
    """The fiscal year a record counts in, from its own date (or the year it is for); None when it has none
    that can be read (a schema finding) or its kind evidences nothing."""
    line = BY_KIND.get(kind)
    if line is None:
        return None
    for name in line.dated_by:
        value = data.get(name)
        if name == "fiscal_year":
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            continue
        day = parse_date(value)
        if day is not None:
            return fiscal_year(day, fiscal_year_start)
    return None


def record_day(kind: str, data: Mapping[str, Any]) -> dt.date | None:
    """The record's own date (None for a record dated by the year it is for)."""
    line = BY_KIND.get(kind)
    for name in line.dated_by if line is not None else ():
        day = parse_date(data.get(name))
        if day is not None:
            return day
    return None


def counts_in(
    records: Mapping[str, Iterable[Mapping[str, Any]]],
    period: Period,
    fiscal_year_start: tuple[int, int],
    today: dt.date | None = None,
) -> dict[str, dict[str, int]]:
    """item → kind → the number of records of the kind in ``period`` (records: kind → entries). A retired
    record and one dated after ``today`` (planned, not yet made) are not counted. Every item the table names
    is there, with 0 for a kind without records."""
    out: dict[str, dict[str, int]] = {}
    for line in EVIDENCE:
        found = sum(
            1
            for data in records.get(line.kind, ())
            if data.get("status") != "retired"
            and record_year(line.kind, data, fiscal_year_start) == period.year
            and not (today is not None and (day := record_day(line.kind, data)) is not None and day > today)
        )
        for item in line.items:
            out.setdefault(item, {})[line.kind] = found
    return out
