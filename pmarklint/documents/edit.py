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

What this module reads of a file (positions, regions, spans, its layout) is in
:mod:`pmarklint.documents.edit_scan`; the YAML it writes comes from :mod:`pmarklint.documents.edit_emit`.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable
from typing import Any

from pmarklint.documents.edit_emit import anchors, arrange, block, flow, scalar, sequence
from pmarklint.documents.edit_scan import (
    Cannot,
    Rel,
    Source,
    Style,
    child,
    learn_style,
    node_at,
    rel_of,
)
from pmarklint.documents.loader import Document, Path, parse

Edit = tuple[int, int, str]  # replace text[start:end] with the string


class EditError(Exception):
    """The file cannot be edited safely (its layout, its line endings); the message says why."""


def canonical(value: Any) -> str:
    """Equality that tells ``true`` from ``1``: two values are the same when their canonical JSON is."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def same(a: Any, b: Any) -> bool:
    return a is b or canonical(a) == canonical(b)


class _Editor:
    def __init__(self, source: Source, order: Callable[[Rel], list[str]]) -> None:
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
                        return [(*span, scalar(new, date=rel_of(path) in src.style.dates))]
            raise Cannot
        except Cannot:
            return [self.replace_key(parent, name, new, key_line, key_column, end)]

    def sequence(self, path: Path, old: list[Any], new: list[Any], end: int) -> list[Edit]:
        src = self.src
        if src.is_flow(path):
            start, stop = src.flow_span(path)
            return [(start, stop, flow(new, rel_of(path), src.style))]
        if len(new) > len(old) and same(new[: len(old)], old):
            return [self.append_items(path, old, new[len(old) :], end)]
        if 0 < len(new) < len(old) and same(old[: len(new)], new):
            return [self.drop_items(path, len(new), len(old), end)]
        pairs = list(zip(old, new, strict=False))
        if len(old) > len(new) or not all(isinstance(a, dict) and isinstance(b, dict) and a and b for a, b in pairs):
            raise Cannot
        edits: list[Edit] = []
        for index, (before, after) in enumerate(pairs):
            if not same(before, after):
                item = child(path, index)
                edits += self.mapping(item, before, after, src.region_end(path, src.doc.values[item][0], end))
        if len(new) > len(old):  # items changed in place and more added at the end (an attendance list)
            edits.append(self.append_items(path, old, new[len(old) :], end))
        return edits

    def _item_dash(self, item: Path) -> tuple[int, int]:
        """Line and 0-based column of the dash of a block sequence item that starts its line."""
        line, column = self.src.doc.values[item]
        text = self.src.lines[line - 1]
        dash = text.rfind("-", 0, column - 1)
        if dash < 0 or text[:dash].strip() or text[dash + 1 : column - 1].strip():
            raise Cannot
        return line, dash

    def append_items(self, path: Path, old: list[Any], more: list[Any], end: int) -> Edit:
        """New items at the end of a block sequence, at its dashes' column and in its items' style."""
        src = self.src
        last = child(path, len(old) - 1)
        _, dash = self._item_dash(child(path, 0))
        stop = src.region_end(path, src.doc.values[last][0], end)
        rel = rel_of(path)
        style = src.style
        first_is_flow = src.char(child(path, 0)) == "{"
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
        first_line, _ = self._item_dash(child(path, keep))
        stop = src.region_end(path, src.doc.values[child(path, count - 1)][0], end)
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
                edits.append((*span, scalar(new[name], flow=True, date=rel_of((*path, name)) in src.style.dates)))
            else:
                return edits
        start, stop = src.flow_span(path)
        return [(start, stop, flow(new, rel_of(path), src.style))]

    # whole keys

    def _prefix(self, line: int, column: int) -> str:
        """What stands before a key on its line: spaces, or spaces and the dash of a sequence item."""
        return self.src.lines[line - 1][: column - 1]

    def replace_key(self, parent: Path, name: str, value: Any, line: int, column: int, end: int) -> Edit:
        src = self.src
        prefix = self._prefix(line, column)
        if prefix.strip() not in ("", "-") or src.is_flow(parent):
            raise Cannot
        lines = block({name: value}, column - 1, rel_of(parent), src.style)
        return src.offset(line, column), src.eol(end), src.newline.join([lines[0][column - 1 :], *lines[1:]])

    def delete_key(self, parent: Path, name: str, parent_end: int) -> Edit:
        src = self.src
        if src.is_flow(parent):
            raise Cannot
        line, column = src.doc.keys[child(parent, name)]
        if self._prefix(line, column).strip():
            raise Cannot  # the key shares its line with the dash of a sequence item
        end = src.region_end(parent, line, parent_end)
        return src.eol(line - 1), src.eol(end), ""  # from the line break before it: the key's lines go

    def insert_keys(
        self, parent: Path, old: dict[str, Any], new: dict[str, Any], added: list[str], end: int
    ) -> list[Edit]:
        """New keys go after the key that precedes them in the schema's order, at their siblings' column."""
        src = self.src
        if src.is_flow(parent) or not old:
            raise Cannot
        present = sorted((n for n in old if n in new), key=lambda n: src.doc.keys[child(parent, n)])
        if not present:
            raise Cannot
        column = src.doc.keys[child(parent, present[0])][1]
        groups = anchors(present, added, self.order(rel_of(parent)))
        edits: list[Edit] = []
        rel = rel_of(parent)
        for anchor, names in groups.items():
            line = src.doc.keys[child(parent, anchor)][0]
            stop = src.region_end(parent, line, end)
            lines = block({name: new[name] for name in names}, column - 1, rel, src.style)
            at = src.eol(stop)
            edits.append((at, at, "".join(src.newline + text for text in lines)))
        return edits


# ---------------------------------------------------------------------------------------------- files


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
        style = learn_style(text, document, dates)
        if "\r" in text.replace("\r\n", ""):
            raise EditError("line endings")
        self.source = Source(text, document, style)
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
                raise Cannot
            self.fine[index] = self.editor.mapping(path, old, new, self.ends[index])
        except Cannot:
            if self.rewrite(index) is None:
                self.failed[index] = "layout"

    def rewrite(self, index: int) -> list[Edit] | None:
        """The edit that rewrites the whole entry (made when first needed), or None where that is not possible."""
        if index not in self.whole:
            try:
                edit = _rewrite_entry(self.source, index, self.changed[index], self.ends[index], self.editor.order(()))
                self.whole[index] = [edit]
            except Cannot:
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


def _entries_end(source: Source) -> int:
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


def _dash(source: Source, index: int) -> tuple[int, int]:
    """Line and 0-based column of the dash that starts entry ``index``."""
    line, column = source.doc.values[("entries", index)]
    text = source.lines[line - 1]
    before = text[: column - 1]
    if before.rstrip().endswith("-"):
        return line, len(before.rstrip()) - 1
    if before.strip():
        raise Cannot
    for number in range(line - 1, 0, -1):  # a dash alone on a line above the entry's first key
        stripped = source.lines[number - 1].strip()
        if stripped == "-":
            return number, source.lines[number - 1].index("-")
        if stripped and not stripped.startswith("#"):
            break
    raise Cannot


def _entry_lines(
    source: Source, entry: dict[str, Any], dash: int, content: int, original: Path | None, end: int | None = None
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


def _kept_lines(source: Source, entry: Path, value: Any, content: int, entry_end: int) -> list[str] | None:
    """The original lines of an entry's approvals, when they hold this very value at this column."""
    path = (*entry, "approvals")
    if path not in source.doc.keys or source.is_flow(entry) or not same(node_at(source.doc.data, path), value):
        return None
    line, column = source.doc.keys[path]
    if column - 1 != content:
        return None
    end = source.region_end(entry, line, entry_end)
    lines = [text.removesuffix("\r") for text in source.lines[line - 1 : end]]
    lines[0] = " " * content + lines[0][content:]
    return lines


def _rewrite_entry(source: Source, index: int, new: dict[str, Any], end: int, order: list[str]) -> Edit:
    path = ("entries", index)
    old = node_at(source.doc.data, path)
    new = arrange(list(old) if isinstance(old, dict) else [], new, order)
    dash_line, dash = _dash(source, index)
    line, column = source.doc.values[path]
    content = column - 1 if line == dash_line and not source.is_flow(path) else dash + 2
    lines = _entry_lines(source, new, dash, content, path, end)
    return source.offset(dash_line, dash + 1), source.eol(end), source.newline.join(lines)[dash:]


def _append(source: Source, entries: list[dict[str, Any]], entries_end: int) -> list[Edit]:
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
    dummy = Source("", Document({}), style)
    for number, entry in enumerate(entries):
        if number:
            lines.append("")
        lines += _entry_lines(dummy, entry, 2, 4, None)
    return "\n".join(lines) + "\n"
