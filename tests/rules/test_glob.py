"""Document and evidence globs (PML204): folder by folder, in time bounded by the path and the pattern."""

from __future__ import annotations

import pytest

from pmarklint.rules.references import glob_match


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("records/audit/**/*.md", "records/audit/2026/04/report.md", True),
        ("records/audit/**/*.md", "records/audit/report.md", True),
        ("records/*.md", "records/a/b.md", False),
        ("**/*.md", "x.md", True),
        ("docs/*", "docs/a", True),
        ("docs/*", "docs", False),
        ("a/**/**/b", "a/b", True),
        ("a/?.md", "a/b.md", True),
        ("a/?.md", "a/bc.md", False),
        ("a/[ab].md", "a/b.md", True),
        ("教育/*.pdf", "教育/2026年度.pdf", True),
        ("records/**/a/**/a/**/a/**/zz.md", "records/" + "a/" * 30 + "f.md", False),
    ],
)
def test_glob_match(pattern: str, path: str, expected: bool) -> None:
    assert glob_match(pattern, path) is expected
