"""Month arithmetic a person would agree with, and due dates against today."""

from __future__ import annotations

import datetime as dt

import pytest

from pmarklint.dates import Duration, add_months, judge, parse_date

D = dt.date


@pytest.mark.parametrize(
    ("start", "duration", "expected"),
    [
        (D(2025, 1, 31), "P1M", D(2025, 2, 28)),
        (D(2024, 1, 31), "P1M", D(2024, 2, 29)),
        (D(2024, 2, 29), "P1Y", D(2025, 2, 28)),
        (D(2025, 3, 31), "P6M", D(2025, 9, 30)),
        (D(2025, 4, 1), "P1Y", D(2026, 4, 1)),
        (D(2025, 12, 15), "P1M", D(2026, 1, 15)),
        (D(2025, 4, 1), "P30D", D(2025, 5, 1)),
        (D(2025, 4, 1), "P2W", D(2025, 4, 15)),
        (D(2025, 1, 31), "P1Y1M1D", D(2026, 3, 1)),
    ],
)
def test_after(start: dt.date, duration: str, expected: dt.date) -> None:
    parsed = Duration.parse(duration)
    assert parsed is not None
    assert parsed.after(start) == expected


def test_before_is_the_mirror_for_the_renewal_window() -> None:
    # The P-mark's own example: expiry 2024-12-01, application window 2024-04-02 to 2024-08-01.
    expires = D(2024, 12, 1)
    assert Duration(months=8).before(expires) + dt.timedelta(days=1) == D(2024, 4, 2)
    assert Duration(months=4).before(expires) == D(2024, 8, 1)


@pytest.mark.parametrize("text", ["P", "1Y", "P1.5Y", "PT1H", "P-1Y", "5年", "", "P1Y "])
def test_invalid_durations(text: str) -> None:
    assert Duration.parse(text) is None


def test_add_months_backwards_across_a_year() -> None:
    assert add_months(D(2026, 3, 31), -13) == D(2025, 2, 28)


def test_parse_date() -> None:
    assert parse_date("2026-04-01") == D(2026, 4, 1)
    assert parse_date("2026-02-30") is None
    assert parse_date("2026/04/01") is None
    assert parse_date(20260401) is None


def test_judge() -> None:
    window = Duration(days=30)
    today = D(2026, 11, 26)
    assert judge(D(2026, 11, 25), today, window).state == "overdue"
    assert judge(D(2026, 11, 26), today, window).state == "soon"  # due today is not yet overdue
    assert judge(D(2026, 12, 26), today, window).state == "soon"
    assert judge(D(2026, 12, 27), today, window).state == "ok"


@pytest.mark.parametrize("value", [None, 20260401, ["2026-04-01"], {"a": 1}, "P1Y"])
def test_anything_that_is_not_a_date_or_duration_is_none(value: object) -> None:
    assert parse_date(value) is None
    if value != "P1Y":
        assert Duration.parse(value) is None
