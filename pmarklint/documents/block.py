"""The loader's fast path: a whole file in the plainest block layout, read with one regular expression and
one pass over its lines, positions included, without libyaml.

Most of a cold ``check`` used to be the loader's walk over libyaml's events (docs/design/loader.md). The
ledgers people keep, and those ``pmarklint`` writes, are nearly all in one layout: block mappings and block
lists, scalars plain and on one line, empty ``[]`` and ``{}``, whole-line comments and blank lines. This
reader reads exactly that layout and gives up (None) on anything else: then the file goes through libyaml
as before. It must build exactly what :func:`loader.parse` builds (the data, every value's and key's
position, in the same order, and no finding), or give up; tests/documents/test_block.py compares both on
every file and rule example of the project, on hostile input and on random edits.

What it accepts is narrower than YAML on purpose. The scalar rules are the plain reader's
(:mod:`pmarklint.documents.plain`): a plain scalar starts with no indicator and holds no ``: ``, no ``#``, no
bracket or brace, no control character and nothing YAML takes as a line break or a byte order mark; a key is
a name (letters, digits and ``_``). It gives up on quotes, block scalars, flow collections with content,
trailing comments, tabs, ``\\r``, anchors, aliases, tags, directives, document markers, a repeated key
(PML002), a full-width space (PML001), an integer too long to read (PML003), nesting deeper than
``MAX_NESTING``, a key longer than libyaml takes as a simple key, an empty document, and any indentation it
cannot place. Every safety property of the loader therefore holds: what this reader refuses libyaml judges.
"""

from __future__ import annotations

import re
from sys import intern
from typing import Any

from pmarklint.documents.scalars import PLAIN_VALUE, LongNumber, resolve

# Far within the loader's MAX_DEPTH (64) and libyaml's own limit: a ledger nests four or five levels.
MAX_NESTING = 32

# Nowhere in a line read here: control characters (a tab too), what YAML takes as a line break or a byte
# order mark, the characters YAML does not allow at all, and surrogates.
_NEVER = r"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff"
# A key: a name. libyaml refuses an implicit key of more than 1,024 characters ("could not find expected ':'").
_NAME = r"[A-Za-z_][A-Za-z0-9_]{0,999}"
# A line: its indentation, then an item's ``- `` and a key (with or without its value) or a scalar, or a key
# (with or without its value), or a whole-line comment, or nothing. Groups: indentation, ``- ``, key, the
# spaces after its colon, its value, an item's scalar.
_LINE = re.compile(
    rf"^( *)(?:(- +)?(?:({_NAME}):(?:( +)({PLAIN_VALUE}))?|({PLAIN_VALUE}))|#[^{_NEVER}]*)? *$",
    re.MULTILINE,
)
_EMPTY = {"[]": list, "{}": dict}


class _GiveUp(Exception):
    """The text is not in the layout this reader knows."""


Positions = dict[tuple[Any, ...], tuple[int, int]]


def read(text: str) -> tuple[Any, Positions, Positions, int] | None:
    """What the loader would build from ``text`` (the fields of its ``Document``: data, values' and keys'
    positions, a bound on the length of every key and text), when ``text`` is in the plainest block layout and
    the loader would report nothing about it; None otherwise (then parse it with libyaml)."""
    rows = _LINE.findall(text)
    if len(rows) != text.count("\n") + 1:
        return None  # a line of another kind
    try:
        built = _build(rows)
    except (_GiveUp, LongNumber):
        return None
    if built is None:
        return None
    # every key and text is on one line: none is longer than the longest line
    return (*built, max(map(len, text.split("\n"))))


def _scalar(text: str) -> Any:
    if text[-1] == " ":
        text = text.rstrip(" ")
    if text[0] not in _SPECIAL:
        return text
    empty = _EMPTY.get(text)
    return empty() if empty is not None else resolve(text)


_SPECIAL = "0123456789+-.tTfFnN~[{"  # the first characters of a scalar that may not be text (scalars.resolve)


def _build(rows: list[tuple[str, str, str, str, str, str]]) -> tuple[Any, Positions, Positions] | None:  # noqa: C901
    values: Positions = {}
    keys: Positions = {}
    # Each open collection: (indentation, is a list, the collection, its path); the top one is also in
    # at, is_list, container and base
    frames: list[tuple[int, bool, Any, tuple[Any, ...]]] = []
    at: int = -1
    is_list = False
    container: Any = None
    base: tuple[Any, ...] = ()
    root: Any = None
    # A key whose value is on the lines below (or absent): (its mapping, key, path, its indentation, where
    # an absent value stands)
    pending: tuple[Any, str, tuple[Any, ...], int, tuple[int, int]] | None = None
    line = 0
    for indent_text, dash, name, gap, value, item in rows:
        line += 1
        indent = len(indent_text)
        if name and not dash and pending is None and indent == at and not is_list:  # the usual line
            if name in container:
                raise _GiveUp  # a repeated key is a finding (PML002): the loader's
            name = intern(name)
            path = (*base, name)
            keys[path] = (line, indent + 1)
            if value:
                container[name] = _scalar(value)
                values[path] = (line, indent + len(name) + len(gap) + 2)
            else:
                container[name] = None  # keeps the keys' order; the value is set when it is known
                pending = (container, name, path, indent, (line, indent + len(name) + 2))
            continue
        if not name and not item:
            continue  # a blank line or a comment
        if not dash and not name:
            raise _GiveUp  # a scalar alone on its line: a continuation, or a document that is a scalar
        is_item = bool(dash)
        if pending is not None:
            owner, key, path, key_at, absent = pending
            pending = None
            if indent > key_at or (indent == key_at and is_item):  # the block below (a list may align)
                nested: Any = [] if is_item else {}
                owner[key] = nested
                values[path] = (line, indent + 1)
                if len(frames) >= MAX_NESTING:
                    raise _GiveUp
                frames.append((at, is_list, container, base))
                at, is_list, container, base = indent, is_item, nested, path
            else:
                values[path] = absent
        elif root is None:
            root = [] if is_item else {}
            values[()] = (line, indent + 1)
            at, is_list, container, base = indent, is_item, root, ()
        while at > indent or (at == indent and is_list is not is_item):
            if not frames:
                raise _GiveUp
            at, is_list, container, base = frames.pop()
        if at != indent:
            raise _GiveUp
        if is_item:
            path = (*base, len(container))
            column = indent + len(dash)
            if item:
                container.append(_scalar(item))
                values[path] = (line, column + 1)
                continue
            mapping: dict[str, Any] = {}
            container.append(mapping)
            values[path] = (line, column + 1)
            if len(frames) >= MAX_NESTING:
                raise _GiveUp
            frames.append((at, is_list, container, base))
            at, is_list, container, base = column, False, mapping, path
            indent = column
        if name in container:
            raise _GiveUp
        name = intern(name)
        path = (*base, name)
        keys[path] = (line, indent + 1)
        if value:
            container[name] = _scalar(value)
            values[path] = (line, indent + len(name) + len(gap) + 2)
        else:
            container[name] = None
            pending = (container, name, path, indent, (line, indent + len(name) + 2))
    if root is None:
        return None
    if pending is not None:
        values[pending[2]] = pending[4]
    return root, values, keys
