"""The text of a ledger file as :mod:`pmarklint.documents.edit` reads it before editing: the lines and offsets
of its nodes (from the 1-based line and column the loader keeps for every key and value), where the lines of
each key or item end, the spans of one-line scalars and of flow collections, and the layout (:class:`Style`)
the file already uses, so that new lines look like their neighbours.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pmarklint.documents.loader import DUPLICATE, Document, Path

Rel = tuple[str, ...]  # a path inside an entry with list indexes left out: ("risks", "phase")


class Cannot(Exception):
    """This node cannot be edited at this level: the caller rewrites a larger region."""


@dataclass
class Style:
    """How a file is laid out, learnt from the file itself so that new lines look like their neighbours."""

    indent: int = 2  # a nested block mapping's keys, to the right of their parent key
    seq_indent: int = 2  # a block sequence's dashes, to the right of their parent key (0 or 2)
    entry_dash: int | None = None  # 0-based column of the dash of each entry
    blank_between: bool = False  # a blank line between entries
    flow: dict[Rel, bool] = field(default_factory=dict)  # by field: mappings and lists written in flow style
    flow_items: dict[Rel, bool] = field(default_factory=dict)  # by field: list items that are flow mappings
    dates: frozenset[Rel] = frozenset()  # fields that hold dates

    def mapping_is_flow(self, rel: Rel) -> bool:
        return self.flow.get(rel, False)

    def list_is_flow(self, rel: Rel, items: list[Any]) -> bool:
        if any(isinstance(item, dict) for item in items):
            return False
        return self.flow.get(rel, True)


def child(path: Path, part: Any) -> Path:
    return (*path, part)


def rel_of(path: Path) -> Rel:
    """("entries", 3, "risks", 0, "phase") → ("risks", "phase")."""
    return tuple(p for p in path[2:] if isinstance(p, str))


def _closing_quote(text: str, start: int) -> int | None:
    """The index of the quote that closes the quoted scalar opening at ``start`` on this line, or None."""
    quote = text[start]
    j = start + 1
    while j < len(text):
        if quote == '"' and text[j] == "\\":
            j += 2
            continue
        if text[j] == quote:
            if quote == "'" and text[j + 1 : j + 2] == "'":
                j += 2
                continue
            return j
        j += 1
    return None


def _is_trivia(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#") or stripped == "-"


class Source:
    """The text of one file with the positions of its nodes, and the edits that can be made to it."""

    def __init__(self, text: str, document: Document, style: Style) -> None:
        self.text = text
        self.doc = document
        self.style = style
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.lines = text.split("\n")
        self.starts: list[int] = []
        offset = 0
        for line in self.lines:
            self.starts.append(offset)
            offset += len(line) + 1
        # The lines where the children of each collection start (keys of a mapping, duplicates included;
        # items of a sequence): a child's region ends where its next sibling starts.
        kids: dict[Path, set[int]] = {}
        for path, (start, _) in document.values.items():
            if not path:
                continue
            if len(path) >= 3 and path[-2] == DUPLICATE:
                kids.setdefault(path[:-3], set()).add(int(path[-1]))
            elif DUPLICATE in path:
                continue
            elif isinstance(path[-1], str):
                kids.setdefault(path[:-1], set()).add(document.keys[path][0])
            else:
                kids.setdefault(path[:-1], set()).add(start)
        self.kids = {path: sorted(lines) for path, lines in kids.items()}
        self.block_content = self._block_scalar_lines()

    def _block_scalar_lines(self) -> set[int]:
        """The lines inside block scalars (``|``, ``>``): a line there that starts with ``#`` is text, not a
        comment, and belongs to its value's region."""
        out: set[int] = set()
        for path, (line, column) in self.doc.values.items():
            text = self.lines[line - 1]
            if text[column - 1 : column] not in ("|", ">"):
                continue
            if path in self.doc.keys:
                indent = self.doc.keys[path][1] - 1
            else:
                indent = max(text.rfind("-", 0, column - 1), 0)
            last = line
            for number in range(line + 1, len(self.lines) + 1):
                body = self.lines[number - 1]
                if not body.strip():
                    continue
                if len(body) - len(body.lstrip(" ")) <= indent:
                    break
                last = number
            out.update(range(line + 1, last + 1))
        return out

    # positions

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1

    def eol(self, line: int) -> int:
        """The offset of the end of a line, before its line break."""
        text = self.lines[line - 1]
        return self.starts[line - 1] + len(text) - (1 if text.endswith("\r") else 0)

    def char(self, path: Path) -> str:
        line, column = self.doc.values[path]
        text = self.lines[line - 1]
        return text[column - 1] if column - 1 < len(text) else ""

    def is_flow(self, path: Path) -> bool:
        return self.char(path) in ("{", "[")

    def region_end(self, parent: Path, start: int, parent_end: int) -> int:
        """The last line of the child of ``parent`` that starts on line ``start``: the line before the next
        sibling (or the parent's last line), less trailing blank and comment lines."""
        end = parent_end
        for line in self.kids.get(parent, ()):
            if line > start:
                end = min(end, line - 1)
                break
        while end > start and end not in self.block_content and _is_trivia(self.lines[end - 1]):
            end -= 1
        return end

    # spans of values

    def scalar_span(self, path: Path, *, in_flow: bool) -> tuple[int, int] | None:
        """Start and end offsets of a scalar that stands on one line, or None."""
        line, column = self.doc.values[path]
        text = self.lines[line - 1]
        i = column - 1
        if i >= len(text) or text[i] in "|>!&*{[":
            return None
        if text[i] in "\"'":
            end = _closing_quote(text, i)
            return None if end is None else (self.offset(line, column), self.offset(line, end + 2))
        j = i
        while j < len(text):
            ch = text[j]
            if (ch == "#" and j > i and text[j - 1] in " \t") or (in_flow and ch in ",]}"):
                break
            j += 1
        piece = text[i:j].rstrip()
        if not piece:
            return None
        return self.offset(line, column), self.offset(line, column) + len(piece)

    def flow_span(self, path: Path) -> tuple[int, int]:
        """Start and end offsets of a flow collection, from its bracket to the matching one."""
        line, column = self.doc.values[path]
        start = self.offset(line, column)
        text = self.text
        depth = 0
        quote = ""
        i = start
        while i < len(text):
            ch = text[i]
            if quote:
                if quote == '"' and ch == "\\":
                    i += 2
                    continue
                if ch == quote:
                    if quote == "'" and text[i + 1 : i + 2] == "'":
                        i += 2
                        continue
                    quote = ""
            elif ch in "\"'" and (i == start or text[i - 1] in " \t\n[{,:"):
                quote = ch
            elif ch == "#" and text[i - 1] in " \t":
                newline = text.find("\n", i)
                i = len(text) if newline < 0 else newline
                continue
            elif ch in "[{":
                depth += 1
            elif ch in "]}":
                depth -= 1
                if depth == 0:
                    return start, i + 1
            i += 1
        raise Cannot


def learn_style(text: str, document: Document, dates: frozenset[Rel]) -> Style:
    """The indentation and the flow or block style per field that the file already uses."""
    style = Style(dates=dates)
    values, keys = document.values, document.keys
    lines = text.split("\n")
    indents: list[int] = []
    seq_indents: list[int] = []
    for path, (line, column) in values.items():
        if len(path) < 3 or path[0] != "entries" or DUPLICATE in path or not isinstance(path[-1], str):
            continue
        if path not in keys:
            continue
        key_line, key_column = keys[path]
        text_line = lines[line - 1]
        first = text_line[column - 1] if column - 1 < len(text_line) else ""
        node = node_at(document.data, path)
        rel = rel_of(path)
        if isinstance(node, dict) and node:
            is_flow = first == "{"
            style.flow.setdefault(rel, is_flow)
            if not is_flow and line > key_line:
                indents.append(column - key_column)
        elif isinstance(node, list) and node:
            is_flow = first == "["
            if not any(isinstance(item, dict) for item in node):
                style.flow.setdefault(rel, is_flow)
            elif not is_flow:
                item_line, item_column = values[child(path, 0)]
                item_text = lines[item_line - 1]
                style.flow_items.setdefault(rel, item_text[item_column - 1 : item_column] == "{")
            if not is_flow and line > key_line:
                seq_indents.append(column - key_column)
    if indents:
        style.indent = max(set(indents), key=indents.count)
    if seq_indents:
        style.seq_indent = max(set(seq_indents), key=seq_indents.count)
    _learn_entries(style, document, lines)
    return style


def _learn_entries(style: Style, document: Document, lines: list[str]) -> None:
    """The column of the entries' dashes, and whether a blank line stands between entries."""
    values = document.values
    if ("entries", 0) not in values:
        return
    line, column = values[("entries", 0)]
    dash = lines[line - 1].rfind("-", 0, column - 1)
    if dash >= 0:
        style.entry_dash = dash
    if ("entries", 1) in values:
        second = values[("entries", 1)][0]
        style.blank_between = second >= 2 and not lines[second - 2].strip()


def node_at(data: Any, path: Path) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data
