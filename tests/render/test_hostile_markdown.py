"""Markdown and HTML reports show what the data says and render nothing from it (issue 12): image and link
syntax, raw HTML and table-breaking pipes in values and commit subjects stay text, in ``trail --format md``
and ``report fitgap``. Real repositories with real history, the real command line."""

from __future__ import annotations

import re
from pathlib import Path

from pmarklint.render import markdown

from helpers.cli import run
from helpers.repos import commit_as, inventory, make_repo, write

HOSTILE = "![x](http://evil.example/p.png) [y](javascript:alert(1)) <img src=x onerror=alert(1)> a|b"
# Unescaped: "](" closing a link or image, "<" opening HTML, a "|" that is not "\|".
LINK = re.compile(r"(?<!\\)\]\(")
PIPE = re.compile(r"(?<!\\)\|")


def test_escape_keeps_link_image_and_block_syntax_as_text() -> None:
    assert markdown.escape_cell("[y](javascript:x)") == "[y\\](javascript:x)"
    assert markdown.escape_cell("![x](http://e/p.png)") == "![x\\](http://e/p.png)"
    assert markdown.escape_cell("[a][b]") == "[a\\][b]"
    assert markdown.escape_cell("approvals[x,y]: a → b") == "approvals[x,y]: a → b"  # no link: unchanged
    para = markdown.block(markdown.Paragraph("# forged\n[r]: javascript:x\n1. one\n---\na | b"))
    assert para == "\\# forged\\\n\\[r]: javascript:x\\\n1\\. one\\\n\\---\\\na \\| b\n"
    assert markdown.block(markdown.Items(("> quote",))) == "- \\> quote\n"


def hostile_trail(tmp_path: Path) -> Path:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1")})
    write(repo, {"inventory/a.yaml": inventory("PI-1").replace("name: 顧客情報", f'name: "{HOSTILE}"')})
    commit_as(repo, "Taro Sato <sato@example.test>", f"subject {HOSTILE}")
    return repo


def assert_renders_nothing(text: str) -> None:
    assert not LINK.search(text), "a link or an image from data"
    assert "<img" not in text and "&lt;img" in text


def table_widths_hold(text: str) -> None:
    """Every row of every table has as many cells as its header."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if re.fullmatch(r"\|(---\|)+", line):
            width = len(PIPE.findall(lines[i - 1]))
            for row in lines[i + 1 :]:
                if not row.startswith("|"):
                    break
                assert len(PIPE.findall(row)) == width, row


def test_trail_markdown_renders_nothing_from_values_and_subjects(tmp_path: Path) -> None:
    repo = hostile_trail(tmp_path)
    result = run("trail", repo, "--since", "2026-04-01", "--until", "2026-04-30", "--format", "md")
    assert result.exit_code == 0, result.stderr
    assert "subject ![x\\](http://evil.example/p.png)" in result.stdout  # the commit subject, escaped
    assert_renders_nothing(result.stdout)
    table_widths_hold(result.stdout)


def test_trail_html_escapes_values_and_subjects(tmp_path: Path) -> None:
    repo = hostile_trail(tmp_path)
    result = run("trail", repo, "--since", "2026-04-01", "--until", "2026-04-30", "--format", "html")
    assert result.exit_code == 0, result.stderr
    assert "<img" not in result.stdout and "&lt;img src=x onerror=alert(1)&gt;" in result.stdout


CONTROLS = f"""kind: control
framework: pmark-2023
entries:
  - id: SEC-1
    title: {{ja: "{HOSTILE}", en: "{HOSTILE}"}}
    status: gap
    initial_tasks: ["# forged heading", "{HOSTILE}"]
    difficulty: low
"""


def test_fitgap_markdown_and_html_render_nothing_from_data(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"controls/controls.yaml": CONTROLS})
    result = run("report", "fitgap", repo, "--today", "2026-11-26", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert "[y\\](javascript:alert(1))" in result.stdout
    assert_renders_nothing(result.stdout)
    table_widths_hold(result.stdout)
    page = run("report", "fitgap", repo, "--today", "2026-11-26", "--format", "html")
    assert page.exit_code == 0, page.stderr
    assert "<img" not in page.stdout and "&lt;img src=x onerror=alert(1)&gt;" in page.stdout
    assert 'href="javascript' not in page.stdout
