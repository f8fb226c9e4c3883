"""The PMS site in a real browser (headless Chromium): walked page by page from the front page along its
links, every page loads without a message on the console (no script error, nothing that failed to load), every
link lands on a page and an element that exist, the figures the reader sees are those of ``check --format
json``, a hostile contractor name is shown as text, the filter script runs, the pages print on A4, and
screenshots of the front page are taken (their paths are printed). Skipped, with the reason, when no Chromium
is installed (.ci/run installs it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.browser import is_a4, load_page, page_sizes, print_to_pdf, require_browser, screenshot
from helpers.cli import check_json
from helpers.site import HOSTILE, PAGES, Page, build, shop_repo

pytestmark = pytest.mark.slow


@pytest.fixture
def browser() -> str:
    return require_browser()


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    repo = shop_repo(tmp_path, monkeypatch)
    return repo, build(repo, tmp_path / "site")


def test_the_site_walked_page_by_page(site: tuple[Path, Path], browser: str) -> None:
    repo, folder = site
    seen: dict[str, Page] = {}
    queue = ["index.html"]
    problems: list[str] = []
    while queue:
        name = queue.pop(0)
        if name in seen:
            continue
        dom, console = load_page(folder / name, browser)
        problems += [f"{name}: {message}" for message in console]
        seen[name] = Page(dom)
        for href in seen[name].links:
            target = href.partition("#")[0] or name
            assert (folder / target).is_file(), f"{name} links to {href}, which is not there"
            queue.append(target)
    assert problems == []
    assert set(seen) == PAGES  # every page is reached from the front page
    for name, page in seen.items():
        for href in page.links:
            target, _, anchor = href.partition("#")
            assert not anchor or anchor in seen[target or name].ids, f"{name}: {href} has no element to land on"
        assert page.sources == [], f"{name} fetches {page.sources}"

    summary = check_json(repo).json()["summary"]
    front = seen["index.html"]
    shown = ("errors", "warnings", "waived", "files", "entries")
    assert {k: front.figures[k] for k in shown} == {k: summary[k] for k in shown}

    contractors = seen["kind-contractor.html"]
    assert HOSTILE in contractors.rows["e-C-003"]
    assert contractors.tags.count("img") == 0 and contractors.tags.count("script") == 1
    # the filter script ran: the search box it shows is no longer hidden
    dom, _ = load_page(folder / "kind-contractor.html", browser)
    assert '<p class="filter">' in dom and '<p class="filter" hidden="">' not in dom


def test_the_pages_print_on_a4_and_the_front_page_is_photographed(
    site: tuple[Path, Path], browser: str, tmp_path: Path
) -> None:
    _, folder = site
    for name in ("index.html", "kind-inventory.html", "fitgap.html", "calendar.html"):
        sizes = page_sizes(print_to_pdf(folder / name, tmp_path / f"{name}.pdf", browser))
        assert sizes and all(is_a4(size) for size in sizes), (name, sizes)
    shots = tmp_path / "screenshots"
    shots.mkdir()
    for width, height in ((1280, 1800), (420, 2400)):  # a desk and a phone
        png = screenshot(folder / "index.html", shots / f"front-{width}.png", browser, width=width, height=height)
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
        print(f"screenshot of the front page: {png}")
