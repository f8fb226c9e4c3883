"""The Fit & Gap page in a real browser (headless Chromium): it prints to a PDF of A4 pages, and the DOM the
browser builds holds the table of contents, every row of the table, and no element that came from the
repository's text. Skipped, with the reason, when no Chromium is installed (.ci/run installs it)."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers.browser import dump_dom, is_a4, page_sizes, print_to_pdf, require_browser
from helpers.cli import run
from helpers.repos import ROOT, git

pytestmark = pytest.mark.slow

TODAY = "2026-11-26"


@pytest.fixture
def browser() -> str:
    return require_browser()


def shop(tmp_path: Path, **changes: tuple[str, str]) -> Path:
    """A copy of the bundled example in its own git repository; ``changes``: file → (old, new) text."""
    repo = tmp_path / "shop"
    shutil.copytree(ROOT / "examples" / "shop", repo)
    for rel, (old, new) in changes.items():
        path = repo / rel
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    return repo


def fitgap_page(repo: Path, where: Path, *args: str) -> Path:
    page = where / "fitgap.html"
    result = run("report", "fitgap", repo, "--today", TODAY, "--format", "html", "--output", page, *args)
    assert result.exit_code == 0, result.stderr
    return page


class _Dom(HTMLParser):
    """The parts of the dumped DOM the test reads: elements by tag, the links of the table of contents, and
    the first cell of every row of the first table's body."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.toc_links: list[str] = []
        self.row_ids: list[str] = []
        self._in_nav = False
        self._tables = 0
        self._in_body = False
        self._first_cell: list[str] | None = None
        self._cells_in_row = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if tag == "nav":
            self._in_nav = True
        elif tag == "a" and self._in_nav:
            self.toc_links.append(str(values.get("href")))
        elif tag == "table":
            self._tables += 1
        elif tag == "tbody" and self._tables == 1:
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self._cells_in_row = 0
        elif tag == "td" and self._in_body:
            self._cells_in_row += 1
            if self._cells_in_row == 1:
                self._first_cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav":
            self._in_nav = False
        elif tag == "tbody":
            self._in_body = False
        elif tag == "td" and self._first_cell is not None:
            self.row_ids.append("".join(self._first_cell).strip())
            self._first_cell = None

    def handle_data(self, data: str) -> None:
        if self._first_cell is not None:
            self._first_cell.append(data)


def read_dom(text: str) -> _Dom:
    dom = _Dom()
    dom.feed(text)
    dom.close()
    return dom


def test_fitgap_prints_on_a4(browser: str, tmp_path: Path) -> None:
    page = fitgap_page(shop(tmp_path), tmp_path)
    pdf = print_to_pdf(page, tmp_path / "fitgap.pdf", browser)
    assert pdf.startswith(b"%PDF-")
    sizes = page_sizes(pdf)
    assert len(sizes) >= 2, "58 rows do not fit on one page"
    assert all(is_a4(size) for size in sizes), sizes


def test_the_browser_sees_the_contents_and_every_row(browser: str, tmp_path: Path) -> None:
    repo = shop(tmp_path)
    for lang in ("ja", "en"):
        where = tmp_path / lang
        where.mkdir()
        dom = read_dom(dump_dom(fitgap_page(repo, where, "--lang", lang), browser))
        assert dom.toc_links == ["#items", "#by-status", "#by-difficulty"]
        assert len(dom.row_ids) == 58
        assert dom.row_ids[0] == "J.1.1" and dom.row_ids[-1] == "J.11"
        assert {"J.3.1.1", "J.8.9", "J.9.4", "J.10.2"} <= set(dom.row_ids)
        assert "script" not in dom.tags


def test_the_browser_shows_markup_in_a_title_as_text(browser: str, tmp_path: Path) -> None:
    hostile = "<script>document.title='owned'</script><img src=x>"
    repo = shop(
        tmp_path,
        **{"controls/shop-controls.yaml": ("title: {ja: 認識, en: Awareness}", f'title: {{ja: "{hostile}", en: x}}')},
    )
    text = dump_dom(fitgap_page(repo, tmp_path, "--lang", "ja"), browser)
    dom = read_dom(text)
    assert "script" not in dom.tags and "img" not in dom.tags
    assert len(dom.row_ids) == 58
    assert re.search(r"&lt;script&gt;document\.title='owned'&lt;/script&gt;&lt;img src=x&gt;", text)
    assert "<title>Fit &amp; Gap 表: 株式会社さくらマーケット</title>" in text
