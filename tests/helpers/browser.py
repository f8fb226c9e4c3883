"""A real headless browser for the tests of HTML reports: print a page to PDF as a person printing it would,
read the page sizes of that PDF, and dump the DOM the browser built (what a reader sees, after the browser's
own parsing, so escaping mistakes show up as elements).

Chromium is looked up on PATH; without it, :func:`require_browser` skips the test and says how to get it.
Each run gets its own profile folder, so runs never share state."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
A4_POINTS = (595.0, 842.0)  # 210 x 297 mm at 72 points per inch
_MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]")


def find_browser() -> str | None:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_browser() -> str:
    found = find_browser()
    if found is None:
        pytest.skip(
            "no headless browser on PATH (looked for " + ", ".join(BROWSERS) + "); "
            "install Chromium (apt-get install chromium), as .ci/run does"
        )
    return found


def _run(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    command = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        f"--user-data-dir={profile}",
        *args,
    ]
    proc = subprocess.run(command, capture_output=True, timeout=180, check=False)
    if proc.returncode != 0:
        raise AssertionError(f"{' '.join(command)} failed ({proc.returncode}):\n{proc.stderr.decode(errors='replace')}")
    return proc


def print_to_pdf(page: Path, pdf: Path, browser: str | None = None) -> bytes:
    """Print the HTML file ``page`` to ``pdf`` and return the PDF's bytes."""
    browser = browser or require_browser()
    _run(browser, pdf.parent / f".profile-{pdf.stem}", f"--print-to-pdf={pdf}", page.resolve().as_uri())
    assert pdf.is_file(), f"the browser wrote no {pdf}"
    return pdf.read_bytes()


def dump_dom(page: Path, browser: str | None = None) -> str:
    """The DOM the browser built from the HTML file ``page``, serialised."""
    browser = browser or require_browser()
    proc = _run(browser, page.parent / f".profile-dom-{page.stem}", "--dump-dom", page.resolve().as_uri())
    return proc.stdout.decode("utf-8")


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) in points of every page of a PDF, read from its MediaBox entries."""
    sizes = []
    for match in _MEDIA_BOX.finditer(pdf):
        x1, y1, x2, y2 = (float(v) for v in match.groups())
        sizes.append((abs(x2 - x1), abs(y2 - y1)))
    return sizes


def is_a4(size: tuple[float, float], tolerance: float = 1.5) -> bool:
    width, height = size
    return abs(width - A4_POINTS[0]) <= tolerance and abs(height - A4_POINTS[1]) <= tolerance


_CONSOLE = re.compile(r":CONSOLE[^\]]*\]\s*(.*)")


def load_page(page: Path, browser: str | None = None) -> tuple[str, list[str]]:
    """Open the HTML file ``page`` as a reader would: the DOM the browser built, and every message the page
    wrote to the browser's console (script errors, resources that failed to load, console.error calls), read
    from the browser's own log."""
    browser = browser or require_browser()
    profile = page.parent / f".profile-load-{page.stem}"
    proc = _run(browser, profile, "--enable-logging=stderr", "--v=0", "--dump-dom", page.resolve().as_uri())
    log = proc.stderr.decode("utf-8", errors="replace").splitlines()
    return proc.stdout.decode("utf-8"), [m.group(1) for line in log if (m := _CONSOLE.search(line))]


def screenshot(page: Path, png: Path, browser: str | None = None, *, width: int = 1280, height: int = 1600) -> Path:
    """A PNG of the HTML file ``page`` in a window of ``width`` x ``height`` pixels."""
    browser = browser or require_browser()
    _run(
        browser,
        png.parent / f".profile-shot-{png.stem}",
        f"--screenshot={png}",
        f"--window-size={width},{height}",
        "--hide-scrollbars",
        page.resolve().as_uri(),
    )
    assert png.is_file(), f"the browser wrote no {png}"
    return png
