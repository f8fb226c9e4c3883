"""``pmarklint due`` on the bundled example and on small repositories: the deadlines check computes, looked at
further ahead, in text, JSON, Markdown and iCalendar (read back with the icalendar library)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest

from pmarklint.reports.due import Deadline, DueList, render_due

from helpers.cli import run
from helpers.pms import CONFIG, pms
from helpers.repos import ROOT

SHOP = ROOT / "examples" / "shop"
TODAY = "2026-11-26"


def due_json(path: Path, *extra: str) -> dict:
    result = run("due", path, "--today", TODAY, "--format", "json", "--lang", "en", *extra)
    assert result.exit_code == 0, result.stderr
    return result.json()


def test_the_shop_lists_its_deadlines_soonest_first_with_owner_and_days_left() -> None:
    data = due_json(SHOP, "--within", "P180D")
    assert (data["format"], data["version"], data["today"], data["until"]) == ("pmarklint-due", 1, TODAY, "2027-05-25")
    deadlines = data["deadlines"]
    assert [d["due"] for d in deadlines] == sorted(d["due"] for d in deadlines)
    for d in deadlines:
        assert d["days_left"] == (dt.date.fromisoformat(d["due"]) - dt.date(2026, 11, 26)).days
        assert d["overdue"] is (d["days_left"] < 0)
        assert d["due"] <= "2027-05-25"
    contract = next(d for d in deadlines if d["entry"] == "C-001" and d["rule"] == "PML304")
    assert (contract["due"], contract["owner"], contract["owner_name"]) == ("2027-03-31", "ito", "伊藤 翔太")
    assert contract["message"] == "the contract expires on 2027-03-31"
    incident = next(d for d in deadlines if d["entry"] == "INC-2026-02")
    assert (incident["rule"], incident["due"], incident["days_left"]) == ("PML701", "2026-11-19", -7)
    request = next(d for d in deadlines if d["entry"] == "RQ-2026-02")
    assert (request["rule"], request["due"], request["owner"]) == ("PML707", "2026-11-16", "ito")
    drill = next(d for d in deadlines if d["rule"] == "PML711")
    assert (drill["entry"], drill["due"], drill["owner"], drill["overdue"]) == (
        "DR-2024",
        "2026-03-31",
        "nakamura",
        True,
    )
    overdue = next(d for d in deadlines if d["entry"] == "PI-CS-005")
    assert (overdue["rule"], overdue["due"], overdue["days_left"]) == ("PML301", "2026-06-30", -149)


def test_a_shorter_window_lists_fewer_and_the_overdue_ones_still() -> None:
    wide, narrow = due_json(SHOP, "--within", "P180D")["deadlines"], due_json(SHOP, "--within", "P30D")["deadlines"]
    assert narrow == [d for d in wide if d["due"] <= "2026-12-26"]
    assert any(d["overdue"] for d in narrow) and len(narrow) < len(wide)


def test_the_calendar_reads_back_with_the_same_events_and_reminders(tmp_path: Path) -> None:
    listed = due_json(SHOP, "--within", "P180D")["deadlines"]
    out = tmp_path / "pms.ics"
    result = run("due", SHOP, "--today", TODAY, "--within", "P180D", "--output", out, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    raw = out.read_bytes()
    assert raw.endswith(b"END:VCALENDAR\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded as RFC 5545 says
    calendar = icalendar.Calendar.from_ical(raw)
    events = list(calendar.walk("VEVENT"))
    assert [str(e["UID"]) for e in events] == [d["uid"] for d in listed]
    assert [e.decoded("DTSTART").isoformat() for e in events] == [d["due"] for d in listed]
    for event, deadline in zip(events, listed, strict=True):
        assert event.decoded("DTEND") == event.decoded("DTSTART") + dt.timedelta(days=1)
        summary = str(event["SUMMARY"])
        assert summary == (f"{deadline['entry']}: " if deadline["entry"] else "") + deadline["message"]
        (alarm,) = event.walk("VALARM")
        assert alarm.decoded("TRIGGER") == -dt.timedelta(days=7)
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_uids_are_stable_from_run_to_run(tmp_path: Path) -> None:
    first = run("due", SHOP, "--today", TODAY, "--format", "ics").stdout
    later = run("due", SHOP, "--today", "2026-11-27", "--format", "ics").stdout
    uids = [[str(e["UID"]) for e in icalendar.Calendar.from_ical(text).walk("VEVENT")] for text in (first, later)]
    assert uids[0] == uids[1]  # the next day the same deadlines are the same events (a subscription updates them)


def test_text_in_japanese_and_markdown() -> None:
    ja = run("due", SHOP, "--today", TODAY, "--within", "P30D")
    assert ja.exit_code == 0
    assert ja.stdout.splitlines()[0] == "2026-11-26 時点で 2026-12-26 までの期限(期限切れを含む)"
    assert "2026-06-30  149日超過  inventory/customer-service.yaml" in ja.stdout
    md = run("due", SHOP, "--today", TODAY, "--within", "P30D", "--format", "markdown", "--lang", "en").stdout
    assert md.startswith("# Deadlines\n")
    assert "| Due | Days left | Where | Owner | What |" in md
    assert "| 2026-06-30 | overdue by 149 days |" in md


def test_values_that_break_a_calendar_line_are_escaped() -> None:
    what = "a, b; c\nd \\ e \x1b[2J"
    deadline = Deadline(dt.date(2026, 12, 1), 5, "PML302", "c.yaml", 3, "C-1", None, None, None, what)
    listing = DueList(dt.date(2026, 11, 26), dt.date(2027, 2, 24), "P90D", "en", "株式会社テスト", (deadline,))
    now = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.timezone.utc)
    calendar = icalendar.Calendar.from_ical(render_due(listing, "ics", now))
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "C-1: a, b; c\nd \\ e [2J"  # the control character dropped, the rest kept
    assert str(calendar["X-WR-CALNAME"]) == "PMS deadlines: 株式会社テスト"
    assert event.decoded("DTSTAMP") == now


def test_a_repository_without_deadlines_and_a_bad_period(tmp_path: Path) -> None:
    repo = pms(tmp_path / "r", config=CONFIG)
    data = due_json(repo, "--within", "P7D")
    assert isinstance(data["deadlines"], list)
    bad = run("due", repo, "--within", "90 days", "--lang", "en")
    assert bad.exit_code == 2
    assert "--within 90 days: not a period" in bad.stderr and "P90D" in bad.stderr


@pytest.mark.parametrize("suffix", [".ics", ".json", ".md"])
def test_the_format_follows_the_output_name(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"due{suffix}"
    assert run("due", SHOP, "--today", TODAY, "--output", out).exit_code == 0
    head = out.read_bytes()[:20]
    assert head.startswith({".ics": b"BEGIN:VCALENDAR", ".json": b"{", ".md": b"# "}[suffix])
