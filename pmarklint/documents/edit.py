"""Write values into a ledger file the way a person would: change only what changed.

``pmarklint import`` updates existing entries in place. Comments, key order, quoting, blank lines and the
``approvals`` lines are part of the record (an approval is a signature, a comment may be an auditor's note),
so this module never re-dumps a file. It reads the positions the loader keeps for every node (1-based line and
column of each key and value) and edits the text:

* a scalar on one line (``key: value``, or inside a one-line flow collection ``{a: 1, b: 2}``) is replaced
  between its first and last character, so a trailing ``# comment`` stays;
* a flow collection (``[a, b]``, ``{period: P5Y}``) is replaced as a whole;
* a key that appears is inserted after the key that precedes it in the schema's order, at its siblings'
  indentation; a key that disappears loses its lines (the comments around it stay);
* a block sequence, a block scalar or anything laid out in a way not listed here is rewritten as a region:
  the key's lines are replaced by freshly emitted YAML in the file's own indentation;
* when even that is not possible (the first key of a ``- key:`` line removed, an entry in flow style), the
  whole entry is rewritten: the comments above it stay, the comments inside it go, its approvals lines are
  copied byte for byte.

Every result is parsed again with the loader and compared with the intended data, entry by entry; an entry
whose fine-grained edit does not read back exactly is rewritten as a whole, and one that still does not is
left untouched and reported. A file is never written with content that reads differently from what was asked.

New entries are appended to the ``entries`` list in the style the file already uses (the indentation of its
entries, flow or block for each field as its other entries have it, a blank line between entries if it has).
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pmarklint.documents.loader import Document, Path, parse, resolve_plain

Rel = tuple[str, ...]  # a path inside an entry with list indexes left out: ("risks", "phase")
Edit = tuple[int, int, str]  # replace text[start:end] with the string

_DUPLICATE = "\x00duplicate"


class EditError(Exception):
    """The file cannot be edited safely (its layout, its line endings); the message says why."""


class _Cannot(Exception):
    """This node cannot be edited at this level: the caller rewrites a larger region."""


# ---------------------------------------------------------------------------------------------- emitting

_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_INDICATORS = frozenset(",[]{}")
_YAML11_WORDS = frozenset({"yes", "no", "on", "off", "y", "n", "true", "false", "null", "~"})
_NUMBERISH = re.compile(
    r"[-+]?(?:[0-9][0-9_,.:]*(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?|\.(?:inf|nan))\Z"
    r"|0[xob][0-9a-f_]+\Z",
    re.IGNORECASE,
)
_DATEISH = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?\Z")
_COMMENT_OR_COLON = re.compile(r":[ \t]|[ \t]#")
# YAML's printable characters, less the ones libyaml takes for line breaks (NEL, LS, PS) and the BOM.
_UNPRINTABLE = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")


def _plain_ok(text: str, *, flow: bool, date: bool) -> bool:
    """Whether ``text`` can be written without quotes and still read back as this very string, by our loader
    and by YAML 1.1 readers (an editor's schema plugin, PyYAML's safe_load) alike."""
    if not text or text != text.strip() or text[0] in _INDICATORS:
        return False
    if _UNPRINTABLE.search(text) or any(ch in text for ch in "\t\n\r"):
        return False
    if _COMMENT_OR_COLON.search(text) or text.endswith(":"):
        return False
    if flow and (":" in text or any(ch in _FLOW_INDICATORS for ch in text)):
        return False
    if resolve_plain(text) != text or text.casefold() in _YAML11_WORDS or _NUMBERISH.match(text):
        return False
    return date or not _DATEISH.match(text)


def _double_quoted(text: str) -> str:
    out = ['"']
    for ch in text:
        if ch == '"' or ch == "\\":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif _UNPRINTABLE.match(ch):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def scalar(value: Any, *, flow: bool = False, date: bool = False) -> str:
    """One scalar as YAML that the loader reads back as ``value``. ``date``: the field holds dates, so a
    date-like string is written plain (elsewhere it is quoted, so that no YAML 1.1 reader takes it for a
    date)."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    text = str(value)
    return text if _plain_ok(text, flow=flow, date=date) else _double_quoted(text)


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


def flow(value: Any, rel: Rel, style: Style) -> str:
    if isinstance(value, dict):
        parts = [f"{scalar(k, flow=True)}: {flow(v, (*rel, str(k)), style)}" for k, v in value.items()]
        return "{" + ", ".join(parts) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(item, rel, style) for item in value) + "]"
    return scalar(value, flow=True, date=rel in style.dates)


def block(mapping: dict[str, Any], column: int, rel: Rel, style: Style) -> list[str]:
    """A block mapping whose keys stand at ``column`` (0-based); every line carries its indentation."""
    pad = " " * column
    out: list[str] = []
    for key, value in mapping.items():
        sub = (*rel, str(key))
        name = scalar(key)
        if isinstance(value, dict) and value and not style.mapping_is_flow(sub):
            out.append(f"{pad}{name}:")
            out += block(value, column + style.indent, sub, style)
        elif isinstance(value, list) and value and not style.list_is_flow(sub, value):
            out.append(f"{pad}{name}:")
            out += sequence(value, column + style.seq_indent, sub, style)
        elif isinstance(value, (dict, list)):
            out.append(f"{pad}{name}: {flow(value, sub, style)}")
        else:
            out.append(f"{pad}{name}: {scalar(value, date=sub in style.dates)}")
    return out


def sequence(items: list[Any], column: int, rel: Rel, style: Style) -> list[str]:
    """A block sequence whose dashes stand at ``column``."""
    pad = " " * column
    out: list[str] = []
    for item in items:
        if isinstance(item, dict) and item and not style.flow_items.get(rel, False):
            lines = block(item, column + 2, rel, style)
            out.append(f"{pad}- {lines[0][column + 2 :]}")
            out += lines[1:]
        elif isinstance(item, (dict, list)):
            out.append(f"{pad}- {flow(item, rel, style)}")
        else:
            out.append(f"{pad}- {scalar(item, date=rel in style.dates)}")
    return out


# ---------------------------------------------------------------------------------------------- the text


def canonical(value: Any) -> str:
    """Equality that tells ``true`` from ``1``: two values are the same when their canonical JSON is."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def same(a: Any, b: Any) -> bool:
    return a is b or canonical(a) == canonical(b)


def _anchors(present: list[str], added: list[str], order: list[str]) -> dict[str, list[str]]:
    """For each key to add, the present key it goes after: the one that comes last among those that
    precede it in the schema's ``order`` (unknown keys come last), else the last present key."""
    last = len(order)
    rank = {name: i for i, name in enumerate(order)}
    groups: dict[str, list[str]] = {}
    for name in sorted(added, key=lambda n: rank.get(n, last)):
        mine = rank.get(name, last)
        before = [n for n in present if rank.get(n, last) <= mine]
        anchor = max(before, key=lambda n: (rank.get(n, last), present.index(n))) if before else present[-1]
        groups.setdefault(anchor, []).append(name)
    return groups


def arrange(old: list[str], new: dict[str, Any], order: list[str]) -> dict[str, Any]:
    """``new`` with the keys it shares with ``old`` in their old order, and its other keys where
    :func:`_anchors` puts them."""
    present = [name for name in old if name in new]
    added = [name for name in new if name not in present]
    if not present:
        rank = {name: i for i, name in enumerate(order)}
        return {name: new[name] for name in sorted(new, key=lambda n: rank.get(n, len(order)))}
    groups = _anchors(present, added, order)
    out: dict[str, Any] = {}
    for name in present:
        out[name] = new[name]
        for extra in groups.get(name, []):
            out[extra] = new[extra]
    return out


def _child(path: Path, part: Any) -> Path:
    return (*path, part)


def _rel(path: Path) -> Rel:
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


class _Source:
    """The text of one file with the positions of its nodes, and the edits that can be made to it."""

    def __init__(self, text: str, document: Document, style: Style) -> None:
        if "\r" in text.replace("\r\n", ""):
            raise EditError("line endings")
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
            if len(path) >= 3 and path[-2] == _DUPLICATE:
                kids.setdefault(path[:-3], set()).add(int(path[-1]))
            elif _DUPLICATE in path:
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
        raise _Cannot


class _Editor:
    def __init__(self, source: _Source, order: Callable[[Rel], list[str]]) -> None:
        self.src = source
        self.order = order  # the schema's order of the fields of a mapping at this path

    # the parts of an entry

    def mapping(self, path: Path, old: dict[str, Any], new: dict[str, Any], end: int) -> list[Edit]:
        """Edits that turn the block mapping at ``path`` (ending on line ``end``) from ``old`` into ``new``."""
        if self.src.is_flow(path):
            return self.flow_node(path, old, new)
        edits: list[Edit] = []
        for name, value in old.items():
            if name not in new:
                edits.append(self.delete_key(path, name, end))
            elif not same(value, new[name]):
                edits += self.value(path, name, value, new[name], end)
        added = [name for name in new if name not in old]
        if added:
            edits += self.insert_keys(path, old, new, added, end)
        return edits

    def value(self, parent: Path, name: str, old: Any, new: Any, parent_end: int) -> list[Edit]:
        src = self.src
        path = (*parent, name)
        key_line, key_column = src.doc.keys[path]
        end = src.region_end(parent, key_line, parent_end)
        try:
            if isinstance(old, dict) and isinstance(new, dict) and old and new:
                if src.is_flow(path):
                    return self.flow_node(path, old, new)
                if src.doc.values[path][0] > key_line:
                    return self.mapping(path, old, new, end)
            elif isinstance(old, list) and isinstance(new, list) and old:
                return self.sequence(path, old, new, end)
            elif not isinstance(old, (dict, list)) and not isinstance(new, (dict, list)) and old is not None:
                if src.doc.values[path][0] == key_line == end:
                    span = src.scalar_span(path, in_flow=False)
                    if span is not None:
                        return [(*span, scalar(new, date=_rel(path) in src.style.dates))]
            raise _Cannot
        except _Cannot:
            return [self.replace_key(parent, name, new, key_line, key_column, end)]

    def sequence(self, path: Path, old: list[Any], new: list[Any], end: int) -> list[Edit]:
        src = self.src
        if src.is_flow(path):
            start, stop = src.flow_span(path)
            return [(start, stop, flow(new, _rel(path), src.style))]
        if len(new) > len(old) and same(new[: len(old)], old):
            return [self.append_items(path, old, new[len(old) :], end)]
        if 0 < len(new) < len(old) and same(old[: len(new)], new):
            return [self.drop_items(path, len(new), len(old), end)]
        pairs = list(zip(old, new, strict=False))
        if len(old) != len(new) or not all(isinstance(a, dict) and isinstance(b, dict) and a and b for a, b in pairs):
            raise _Cannot
        edits: list[Edit] = []
        for index, (before, after) in enumerate(pairs):
            if not same(before, after):
                item = _child(path, index)
                edits += self.mapping(item, before, after, src.region_end(path, src.doc.values[item][0], end))
        return edits

    def _item_dash(self, item: Path) -> tuple[int, int]:
        """Line and 0-based column of the dash of a block sequence item that starts its line."""
        line, column = self.src.doc.values[item]
        text = self.src.lines[line - 1]
        dash = text.rfind("-", 0, column - 1)
        if dash < 0 or text[:dash].strip() or text[dash + 1 : column - 1].strip():
            raise _Cannot
        return line, dash

    def append_items(self, path: Path, old: list[Any], more: list[Any], end: int) -> Edit:
        """New items at the end of a block sequence, at its dashes' column and in its items' style."""
        src = self.src
        last = _child(path, len(old) - 1)
        _, dash = self._item_dash(_child(path, 0))
        stop = src.region_end(path, src.doc.values[last][0], end)
        rel = _rel(path)
        style = src.style
        first_is_flow = src.char(_child(path, 0)) == "{"
        saved = style.flow_items.get(rel)
        style.flow_items[rel] = first_is_flow
        try:
            lines = sequence(more, dash, rel, style)
        finally:
            if saved is None:
                style.flow_items.pop(rel, None)
            else:
                style.flow_items[rel] = saved
        at = src.eol(stop)
        return at, at, "".join(src.newline + line for line in lines)

    def drop_items(self, path: Path, keep: int, count: int, end: int) -> Edit:
        """The lines of the items from ``keep`` on, removed (comments after the last item stay)."""
        src = self.src
        first_line, _ = self._item_dash(_child(path, keep))
        stop = src.region_end(path, src.doc.values[_child(path, count - 1)][0], end)
        return src.eol(first_line - 1), src.eol(stop), ""

    def flow_node(self, path: Path, old: Any, new: Any) -> list[Edit]:
        """A flow collection: its changed scalars in place when that is all that changed, else the whole."""
        src = self.src
        if isinstance(old, dict) and isinstance(new, dict) and list(old) == list(new):
            edits: list[Edit] = []
            for name, value in old.items():
                if same(value, new[name]):
                    continue
                if isinstance(value, (dict, list)) or isinstance(new[name], (dict, list)) or value is None:
                    break
                span = src.scalar_span((*path, name), in_flow=True)
                if span is None:
                    break
                edits.append((*span, scalar(new[name], flow=True, date=_rel((*path, name)) in src.style.dates)))
            else:
                return edits
        start, stop = src.flow_span(path)
        return [(start, stop, flow(new, _rel(path), src.style))]

    # whole keys

    def _prefix(self, line: int, column: int) -> str:
        """What stands before a key on its line: spaces, or spaces and the dash of a sequence item."""
        return self.src.lines[line - 1][: column - 1]

    def replace_key(self, parent: Path, name: str, value: Any, line: int, column: int, end: int) -> Edit:
        src = self.src
        prefix = self._prefix(line, column)
        if prefix.strip() not in ("", "-") or src.is_flow(parent):
            raise _Cannot
        lines = block({name: value}, column - 1, _rel(parent), src.style)
        return src.offset(line, column), src.eol(end), src.newline.join([lines[0][column - 1 :], *lines[1:]])

    def delete_key(self, parent: Path, name: str, parent_end: int) -> Edit:
        src = self.src
        if src.is_flow(parent):
            raise _Cannot
        line, column = src.doc.keys[_child(parent, name)]
        if self._prefix(line, column).strip():
            raise _Cannot  # the key shares its line with the dash of a sequence item
        end = src.region_end(parent, line, parent_end)
        return src.eol(line - 1), src.eol(end), ""  # from the line break before it: the key's lines go

    def insert_keys(
        self, parent: Path, old: dict[str, Any], new: dict[str, Any], added: list[str], end: int
    ) -> list[Edit]:
        """New keys go after the key that precedes them in the schema's order, at their siblings' column."""
        src = self.src
        if src.is_flow(parent) or not old:
            raise _Cannot
        present = sorted((n for n in old if n in new), key=lambda n: src.doc.keys[_child(parent, n)])
        if not present:
            raise _Cannot
        column = src.doc.keys[_child(parent, present[0])][1]
        groups = _anchors(present, added, self.order(_rel(parent)))
        edits: list[Edit] = []
        rel = _rel(parent)
        for anchor, names in groups.items():
            line = src.doc.keys[_child(parent, anchor)][0]
            stop = src.region_end(parent, line, end)
            lines = block({name: new[name] for name in names}, column - 1, rel, src.style)
            at = src.eol(stop)
            edits.append((at, at, "".join(src.newline + text for text in lines)))
        return edits


# ---------------------------------------------------------------------------------------------- files


def learn_style(text: str, document: Document, dates: frozenset[Rel]) -> Style:
    """The indentation and the flow or block style per field that the file already uses."""
    style = Style(dates=dates)
    values, keys = document.values, document.keys
    lines = text.split("\n")
    indents: list[int] = []
    seq_indents: list[int] = []
    for path, (line, column) in values.items():
        if len(path) < 3 or path[0] != "entries" or _DUPLICATE in path or not isinstance(path[-1], str):
            continue
        if path not in keys:
            continue
        key_line, key_column = keys[path]
        text_line = lines[line - 1]
        first = text_line[column - 1] if column - 1 < len(text_line) else ""
        node = _node_at(document.data, path)
        rel = _rel(path)
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
                item_line, item_column = values[_child(path, 0)]
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


def _node_at(data: Any, path: Path) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def update(
    text: str,
    document: Document,
    changed: dict[int, dict[str, Any]],
    appended: list[dict[str, Any]],
    *,
    order: Callable[[Rel], list[str]],
    dates: frozenset[Rel],
    rel: str = "<file>",
) -> tuple[str, dict[int, str], list[int]]:
    """The text with entries ``changed`` (by index: their new content) and ``appended`` at the end.

    Returns the new text, the entries that could not be written (index → reason; they are left as they
    were) and the appended entries that could not be written (their positions in ``appended``)."""
    return _Update(text, document, changed, appended, order, dates, rel).run()


class _Update:
    """Plans the edits of each changed entry (fine-grained, and a whole rewrite to fall back on), then
    applies them and reads the result back until every entry reads as intended."""

    def __init__(
        self,
        text: str,
        document: Document,
        changed: dict[int, dict[str, Any]],
        appended: list[dict[str, Any]],
        order: Callable[[Rel], list[str]],
        dates: frozenset[Rel],
        rel: str,
    ) -> None:
        self.text, self.document, self.changed, self.appended, self.rel = text, document, changed, appended, rel
        self.source = _Source(text, document, learn_style(text, document, dates))
        self.editor = _Editor(self.source, order)
        entries = document.data.get("entries") if isinstance(document.data, dict) else None
        self.entries: list[Any] = entries if isinstance(entries, list) else []
        self.entries_end = _entries_end(self.source)
        self.failed: dict[int, str] = {}
        self.fine: dict[int, list[Edit]] = {}
        self.whole: dict[int, list[Edit]] = {}
        self.ends: dict[int, int] = {}
        for index, new in changed.items():
            self.plan_entry(index, new)
        self.append_edits = _append(self.source, appended, self.entries_end) if appended else []

    def plan_entry(self, index: int, new: dict[str, Any]) -> None:
        old = self.entries[index]
        path = ("entries", index)
        self.ends[index] = self.source.region_end(("entries",), self.document.values[path][0], self.entries_end)
        try:
            if not isinstance(old, dict) or not old:
                raise _Cannot
            self.fine[index] = self.editor.mapping(path, old, new, self.ends[index])
        except _Cannot:
            if self.rewrite(index) is None:
                self.failed[index] = "layout"

    def rewrite(self, index: int) -> list[Edit] | None:
        """The edit that rewrites the whole entry (made when first needed), or None where that is not possible."""
        if index not in self.whole:
            try:
                edit = _rewrite_entry(self.source, index, self.changed[index], self.ends[index], self.editor.order(()))
                self.whole[index] = [edit]
            except _Cannot:
                return None
        return self.whole[index]

    def attempt(self, plan: dict[int, list[Edit]], *, appended: bool = True) -> tuple[str, set[int], bool]:
        """The text with the planned edits, the entries that do not read back as intended, and whether the
        rest of the file (other entries, other keys, the appended entries) reads back unchanged."""
        more = self.append_edits if appended else []
        result = _apply(self.text, [edit for group in plan.values() for edit in group] + more)
        loaded = parse(result, self.rel)
        data = loaded.document.data if loaded.document is not None else None
        got = data.get("entries") if isinstance(data, dict) else None
        tail = self.appended if more else []
        if not isinstance(got, list) or len(got) != len(self.entries) + len(tail):
            return result, set(plan), False
        bad = {i for i in plan if not same(got[i], self.changed[i])}
        bad |= {i for i, old in enumerate(self.entries) if i not in plan and not same(got[i], old)}
        rest = same(_without_entries(data), _without_entries(self.document.data))
        return result, bad, rest and all(same(got[len(self.entries) + j], e) for j, e in enumerate(tail))

    def run(self) -> tuple[str, dict[int, str], list[int]]:
        plan: dict[int, list[Edit]] = {}
        for index in self.changed:
            edits = self.fine[index] if index in self.fine else self.rewrite(index)
            if edits is not None and index not in self.failed:
                plan[index] = edits
        result, bad, rest_ok = self.attempt(plan)
        if bad or not rest_ok:
            # Something did not read back: try each entry's edits alone, the fine ones, then the rewrites.
            for stage in ("fine", "whole"):
                for index in list(plan):
                    _, alone, ok = self.attempt({index: plan[index]}, appended=False)
                    if not alone and ok:
                        continue
                    whole = self.rewrite(index) if stage == "fine" else None
                    if whole is not None and plan[index] is not whole:
                        plan[index] = whole
                    else:
                        del plan[index]
                        self.failed[index] = "verify"
            result, bad, rest_ok = self.attempt(plan)
        if (bad or not rest_ok) and self.append_edits:
            appended_failed = list(range(len(self.appended)))
            result, bad, rest_ok = self.attempt(plan, appended=False)
        else:
            appended_failed = []
        if bad or not rest_ok:
            raise EditError("verify")
        return result, self.failed, appended_failed


def _without_entries(data: Any) -> Any:
    return {k: v for k, v in data.items() if k != "entries"} if isinstance(data, dict) else data


def _entries_end(source: _Source) -> int:
    keys = source.doc.keys
    if ("entries",) not in keys:
        raise EditError("no entries")
    return source.region_end((), keys[("entries",)][0], len(source.lines))


def _apply(text: str, edits: Iterable[Edit]) -> str:
    ordered = sorted(edits, key=lambda e: (e[0], e[1]))
    for (_, end_a, _), (start_b, _, _) in itertools.pairwise(ordered):
        if start_b < end_a:
            raise EditError("overlap")
    pieces = []
    done = 0
    for start, end, replacement in ordered:
        pieces += [text[done:start], replacement]
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def _dash(source: _Source, index: int) -> tuple[int, int]:
    """Line and 0-based column of the dash that starts entry ``index``."""
    line, column = source.doc.values[("entries", index)]
    text = source.lines[line - 1]
    before = text[: column - 1]
    if before.rstrip().endswith("-"):
        return line, len(before.rstrip()) - 1
    if before.strip():
        raise _Cannot
    for number in range(line - 1, 0, -1):  # a dash alone on a line above the entry's first key
        stripped = source.lines[number - 1].strip()
        if stripped == "-":
            return number, source.lines[number - 1].index("-")
        if stripped and not stripped.startswith("#"):
            break
    raise _Cannot


def _entry_lines(
    source: _Source, entry: dict[str, Any], dash: int, content: int, original: Path | None, end: int | None = None
) -> list[str]:
    """An entry as a block sequence item, its dash at column ``dash`` and its keys at ``content``. The
    approvals of the entry at ``original`` are copied line for line when they stand at that column."""
    style = source.style
    lines: list[str] = []
    for name, value in entry.items():
        kept = None
        if name == "approvals" and original is not None and end is not None:
            kept = _kept_lines(source, original, value, content, end)
        lines += kept if kept is not None else block({name: value}, content, (), style)
    if not lines:
        return [" " * dash + "- {}"]
    first = lines[0]
    lines[0] = " " * dash + "-" + " " * (content - dash - 1) + first[content:]
    return lines


def _kept_lines(source: _Source, entry: Path, value: Any, content: int, entry_end: int) -> list[str] | None:
    """The original lines of an entry's approvals, when they hold this very value at this column."""
    path = (*entry, "approvals")
    if path not in source.doc.keys or source.is_flow(entry) or not same(_node_at(source.doc.data, path), value):
        return None
    line, column = source.doc.keys[path]
    if column - 1 != content:
        return None
    end = source.region_end(entry, line, entry_end)
    lines = [text.removesuffix("\r") for text in source.lines[line - 1 : end]]
    lines[0] = " " * content + lines[0][content:]
    return lines


def _rewrite_entry(source: _Source, index: int, new: dict[str, Any], end: int, order: list[str]) -> Edit:
    path = ("entries", index)
    old = _node_at(source.doc.data, path)
    new = arrange(list(old) if isinstance(old, dict) else [], new, order)
    dash_line, dash = _dash(source, index)
    line, column = source.doc.values[path]
    content = column - 1 if line == dash_line and not source.is_flow(path) else dash + 2
    lines = _entry_lines(source, new, dash, content, path, end)
    return source.offset(dash_line, dash + 1), source.eol(end), source.newline.join(lines)[dash:]


def _append(source: _Source, entries: list[dict[str, Any]], entries_end: int) -> list[Edit]:
    doc = source.doc
    style = source.style
    edits: list[Edit] = []
    key_line, key_column = doc.keys[("entries",)]
    current = doc.data.get("entries")
    if isinstance(current, list) and current:
        if source.is_flow(("entries",)):
            raise EditError("flow entries")
    elif current is not None and current != []:
        raise EditError("entries")
    elif source.is_flow(("entries",)):  # "entries: []" becomes "entries:"
        start, stop = source.flow_span(("entries",))
        while start > 0 and source.text[start - 1] in " \t":
            start -= 1
        edits.append((start, stop, ""))
        if doc.values[("entries",)][0] != key_line:
            raise EditError("entries")
    dash = style.entry_dash if style.entry_dash is not None else key_column - 1 + style.seq_indent
    out: list[str] = []
    for number, entry in enumerate(entries):
        if style.blank_between and (current or number):
            out.append("")
        out += _entry_lines(source, entry, dash, dash + 2, None)
    at = source.eol(entries_end)
    edits.append((at, at, "".join(source.newline + text for text in out)))
    return edits


def new_file(kind: str, entries: list[dict[str, Any]], *, dates: frozenset[Rel], schema: str | None = None) -> str:
    """The text of a new ledger file holding ``entries``."""
    style = Style(dates=dates, blank_between=True)
    lines = [f"# yaml-language-server: $schema={schema}"] if schema else []
    lines += [f"kind: {kind}", "entries:"]
    dummy = _Source("", Document({}), style)
    for number, entry in enumerate(entries):
        if number:
            lines.append("")
        lines += _entry_lines(dummy, entry, 2, 4, None)
    return "\n".join(lines) + "\n"
