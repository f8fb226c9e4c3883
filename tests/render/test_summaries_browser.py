"""The summaries of a fiscal year in a real browser (headless Chromium): each prints to a PDF of A4 pages,
and the DOM the browser builds holds the table of contents and no script. Skipped, with the reason, when no
Chromium is installed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers.browser import dump_dom, is_a4, page_sizes, print_to_pdf, require_browser
from helpers.cli import run
from helpers.repos import ROOT

pytestmark = pytest.mark.slow

SHOP = ROOT / "examples" / "shop"


@pytest.mark.parametrize(
    ("kind", "year", "anchors"),
    [
        ("education", "2025", ["#sessions", "#staff", "#incomplete"]),
        ("audits", "2025", ["#plans", "#reports", "#findings", "#actions", "#review-1"]),
    ],
)
def test_a_summary_prints_on_a4_with_its_contents(kind: str, year: str, anchors: list[str], tmp_path: Path) -> None:
    browser = require_browser()
    page = tmp_path / f"{kind}.html"
    result = run("report", kind, SHOP, "--today", "2026-11-26", "--year", year, "--output", page)
    assert result.exit_code == 0, result.stderr
    pdf = print_to_pdf(page, tmp_path / f"{kind}.pdf", browser)
    assert pdf.startswith(b"%PDF-")
    sizes = page_sizes(pdf)
    assert sizes and all(is_a4(size) for size in sizes), sizes
    dom = dump_dom(page, browser)
    nav = dom.split("<nav", 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'href="([^"]+)"', nav) == anchors
    assert "<script" not in dom
