"""``pmarklint report site``: a static site of the PMS for the privacy office, top management and the
auditor: the state at a glance (:func:`pmarklint.reports.site.pages.front`), a page per kind with every entry,
its state, its approvals and its history, the Fit & Gap and the year's calendar.

Reading is :func:`pmarklint.reports.site.data.load_site` (``check``, ``due``, the Fit & Gap and the trail, as
those commands compute them); the pages are :mod:`.pages`; writing the folder at once is :mod:`.output`."""

from __future__ import annotations

from pathlib import Path

from pmarklint.reports.site.data import Site, load_site
from pmarklint.reports.site.output import write_site
from pmarklint.reports.site.pages import Page, pages
from pmarklint.visible import utf8

__all__ = ["Page", "Site", "build_site", "load_site", "pages", "write_site"]


def build_site(site: Site, output: Path, lang: str) -> int:
    """Write every page of ``site`` into the folder ``output`` (:func:`write_site`); the number of pages."""
    return write_site(output, ((p.name, utf8(p.html).encode("utf-8")) for p in pages(site, lang)), lang)
