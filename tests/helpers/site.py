"""A PMS site to test (``pmarklint report site``): a copy of the bundled example in its own git history, with
one approval git backs, one it does not and a hostile contractor name; and a reader of the pages' HTML (links,
ids, what is fetched, the front page's figures, the text of each row)."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers.approving import NAKAMURA, SAITO, sign
from helpers.cli import run
from helpers.repos import ROOT, commit_as, git

TODAY = "2026-11-26"
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> Kitebird'
PAGES = {
    "index.html",
    "fitgap.html",
    "calendar.html",
    *(
        f"kind-{kind}.html"
        for kind in (
            "person",
            "control",
            "contractor",
            "inventory",
            "training",
            "corrective",
            "audit_plan",
            "audit_report",
            "review",
            "plan",
            "operation_check",
            "incident",
            "request",
            "drill",
            "complaint",
            "disposal",
            "risk",
        )
    ),
}


def shop_repo(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example in its own history: committed by Saito on 2026-04-01; Nakamura approves C-001 and
    commits it (git backs it); an approval of C-002 in Nakamura's name is committed by Saito (it does not);
    C-003's name is hostile markup."""
    repo = root / "shop"
    shutil.copytree(ROOT / "examples" / "shop", repo)
    ledger = repo / "contractors" / "contractors.yaml"
    ledger.write_text(ledger.read_text(encoding="utf-8").replace("Kitebird Mail, Inc.", HOSTILE, 1), encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    commit_as(repo, SAITO, "The PMS as it stands", day="2026-04-01T09:00:00+09:00")
    sign(repo, monkeypatch, "C-001", "nakamura", NAKAMURA)
    commit_as(repo, NAKAMURA, "Approve C-001", day="2026-05-02T10:00:00+09:00")
    sign(repo, monkeypatch, "C-002", "nakamura", NAKAMURA)
    commit_as(repo, SAITO, "Nakamura said yes to C-002", day="2026-05-03T10:00:00+09:00")
    return repo


def build(repo: Path, output: Path, *args: str) -> Path:
    result = run("report", "site", repo, "--output", output, "--today", TODAY, *args)
    assert result.exit_code == 0, result.stderr
    return output


class Page(HTMLParser):
    """What the tests read of a page: its links, its ids, its scripts and stylesheets, the figures, and the
    text of each table row by its id."""

    def __init__(self, source: str) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.sources: list[str] = []  # src= of any element, <link href=>
        self.tags: list[str] = []
        self.figures: dict[str, int] = {}
        self.rows: dict[str, str] = {}
        self._figure: str | None = None
        self._row: str | None = None
        self._row_text: list[str] = []
        self.feed(source)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.append(tag)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))
        if "src" in values or tag == "link":
            self.sources.append(str(values.get("src") or values.get("href")))
        if values.get("data-figure"):
            self._figure = str(values["data-figure"])
        if tag == "tr" and values.get("id"):
            self._row, self._row_text = str(values["id"]), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr" and self._row:
            self.rows[self._row] = " ".join(self._row_text)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._figure and data.strip():
            self.figures[self._figure] = int(data)
            self._figure = None
        if self._row is not None:
            self._row_text.append(data)


def read(site: Path, name: str) -> Page:
    return Page((site / name).read_text(encoding="utf-8"))
