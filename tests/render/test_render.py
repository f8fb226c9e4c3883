"""The rendering helpers every report shares (pmarklint.render): text shows as written in each format, never as
markup or a formula; the HTML page needs nothing from outside and prints on A4; CSV opens in Excel."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

from pmarklint.render import Document, Items, Paragraph, Section, Table, csv_table, html, markdown

HOSTILE = '<script>alert("x")</script> & <b>bold</b> | pipe'


def sample(title: str = "監査の記録") -> Document:
    return Document(
        title=title,
        lang="ja",
        intro=(Paragraph("株式会社テスト\n2026-11-26 時点"),),
        sections=(
            Section("一覧", (Table.of(["ID", "内容"], [["A-1", "一行目\n二行目"], ["A-2", HOSTILE]]),), anchor="list"),
            Section("まとめ", (Paragraph("2項目"), Items(("一つ目", "二つ目")))),
            Section("まとめ", (Paragraph("同じ見出し"),)),
        ),
        contents_title="目次",
        footer="pmarklint で作成",
    )


# --- Markdown ---------------------------------------------------------------------------------------------------


def test_markdown_cell_escaping() -> None:
    assert markdown.escape_cell("a | b") == "a \\| b"
    assert markdown.escape_cell("one\ntwo\r\nthree\rfour") == "one<br>two<br>three<br>four"
    assert markdown.escape_cell("<script>alert(1)</script>") == "&lt;script>alert(1)&lt;/script>"
    assert markdown.escape_cell("C:\\path|x") == "C:\\\\path\\|x"
    assert markdown.escape_cell("R&D &amp; more") == "R&D &amp;amp; more"
    assert markdown.escape_cell("  padded  ") == "padded"
    assert markdown.escape_inline("a | b") == "a | b"  # outside a table a pipe is just text


def test_markdown_table_has_one_line_per_row_and_the_same_number_of_cells() -> None:
    text = markdown.table(["a", "b|c", "d"], [["1", "x|y\nz"], ["2", "", "3"]])
    lines = text.splitlines()
    assert lines[:2] == ["| a | b\\|c | d |", "|---|---|---|"]
    assert lines[2:] == ["| 1 | x\\|y<br>z |  |", "| 2 |  | 3 |"]
    for line in lines:
        assert len(re.split(r"(?<!\\)\|", line)) == 5


def test_markdown_document() -> None:
    text = markdown.render(sample())
    assert text.startswith("# 監査の記録\n\n株式会社テスト\\\n2026-11-26 時点\n\n## 一覧\n\n| ID | 内容 |\n")
    assert '| A-2 | &lt;script>alert("x")&lt;/script> & &lt;b>bold&lt;/b> \\| pipe |' in text
    assert "## まとめ\n\n2項目\n\n- 一つ目\n- 二つ目\n" in text
    assert text.endswith("---\n\npmarklint で作成\n")


# --- HTML -------------------------------------------------------------------------------------------------------


class _Outline(HTMLParser):
    """What a browser's parser would build, in brief: every start tag, every id, every link target, the text
    of table cells."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.ids: list[str] = []
        self.links: list[str] = []
        self.cells: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(str(values["id"]))
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))
        if tag == "td":
            self._cell = []
        if tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.cells.append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def outline(page: str) -> _Outline:
    parser = _Outline()
    parser.feed(page)
    parser.close()
    return parser


def test_html_escaping() -> None:
    assert html.escape(HOSTILE) == (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt; | pipe"
    )
    assert html.escape_lines("a<\nb") == "a&lt;<br>b"
    assert html.css_class('x" onclick="y') == "x-onclick-y"


def test_html_page_shows_text_as_written() -> None:
    page = html.page(sample(title='<img src=x onerror="alert(1)">'))
    parsed = outline(page)
    assert "script" not in parsed.tags and "img" not in parsed.tags and "b" not in parsed.tags
    assert parsed.cells == ["A-1", "一行目\n二行目", "A-2", HOSTILE]
    assert "<title>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</title>" in page


def test_html_page_is_self_contained_and_prints_on_a4() -> None:
    page = html.page(sample(), css="td { color: black; }")
    assert page.startswith('<!DOCTYPE html>\n<html lang="ja">\n<head>\n<meta charset="utf-8">')
    for external in ("http://", "https://", "<link", "<script", "src=", "@import", "url("):
        assert external not in page
    assert "@page { size: A4;" in page and "@media print" in page and "display: table-header-group" in page
    fonts = re.search(r"font-family: ([^;]+);", page)
    assert fonts is not None
    stack = [f.strip().strip('"') for f in fonts.group(1).split(",")]
    assert stack[0] == "Hiragino Sans" and stack[-1] == "sans-serif"
    assert {"Noto Sans CJK JP", "Yu Gothic", "Meiryo"} <= set(stack)
    assert page.index("td { color: black; }") > page.index("@page")  # a report's style comes after the base


def test_html_table_of_contents_links_every_section_once() -> None:
    parsed = outline(html.page(sample()))
    assert parsed.links == ["#list", "#section-2", "#section-3"]
    assert parsed.ids == ["list", "section-2", "section-3"]
    assert html.anchors([Section("a", (), anchor="x"), Section("b", (), anchor="x")]) == ["x", "x-2"]
    assert html.anchors([Section("a", (), anchor="<bad id>")]) == ["bad-id"]


def test_html_row_and_column_classes_are_safe() -> None:
    table = Table.of(["a", "b"], [["1", "2"]], row_classes=['ok" onclick="x'], column_classes=["id nowrap"])
    text = html.table(table)
    assert '<tr class="ok onclick-x">' in text  # each word made safe: no quote gets through
    assert '<th scope="col" class="id nowrap">a</th><th scope="col">b</th>' in text
    assert '<td class="id nowrap">1</td><td>2</td>' in text


# --- CSV --------------------------------------------------------------------------------------------------------


def test_csv_has_a_bom_and_reads_back() -> None:
    data = csv_table.to_csv(["項番", "内容"], [["J.1.1", "一行目\n二行目"], ["J.1.2", 'a "quoted", value']])
    assert data.startswith(b"\xef\xbb\xbf") and not data.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
    assert b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))
    assert rows == [["項番", "内容"], ["J.1.1", "一行目\n二行目"], ["J.1.2", 'a "quoted", value']]
    assert data.decode("utf-8-sig").startswith("項番,内容\r\n")


def test_csv_cells_never_become_formulas() -> None:
    values = ["=1+1", "+81 3", "-x", "@SUM(A1)", "\t=1", "plain", "a=b"]
    data = csv_table.table_to_csv(Table.of(["v"], [[v] for v in values]))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [r[0] for r in rows[1:]] == ["'=1+1", "'+81 3", "'-x", "'@SUM(A1)", "'\t=1", "plain", "a=b"]
