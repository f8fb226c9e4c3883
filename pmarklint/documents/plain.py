"""A reader for the plainest block YAML, without libyaml: what the history reads thousands of times (one
entry's keys, revision after revision) costs a regular expression instead of a parse. It must read exactly
what the loader reads, or give up (None) and leave the text to the loader; tests/history/test_entries.py compares
both, also on random input."""

from __future__ import annotations

import functools
import re
import sys
from typing import Any

from pmarklint.documents.loader import MAX_DEPTH, decode, is_long_number, parse, resolve_plain
from pmarklint.documents.scalars import PLAIN_NAME as _NAME
from pmarklint.documents.scalars import PLAIN_VALUE as _VALUE

# How deep the values of an entry's keys may nest (a collection is one level): in a one-item slice (a list
# holding the entry) and in a whole file (a mapping holding that list), within the loader's MAX_DEPTH.
PIECE_DEPTH = MAX_DEPTH - 2
FILE_DEPTH = MAX_DEPTH - 3


# A key's lines in the plainest block style are read without libyaml: block mappings and block lists, whose
# scalars are plain and on one line, and empty flow collections. A plain scalar is then the line's text up to
# its trailing spaces (libyaml reads it so) when it starts with no indicator and holds no comment, no ``: ``,
# no bracket or brace, no control character, and no character that YAML takes as a line break or a byte order
# mark. Anything else (quotes, block scalars, comments, blank lines, anchors, tags, a repeated key) is left to
# libyaml, and so is any layout the reader does not know. The scalar and key patterns are in scalars.py.
@functools.cache
def _rows() -> re.Pattern[str]:
    """A line: its indentation, then ``- `` and a key (with or without its value) or a scalar, or a key alone
    (compiled on first use: only the audit trail reads this way)."""
    return re.compile(
        rf"^( *)(?:(- +)(?:({_NAME}):(?: +({_VALUE}))?|({_VALUE}))|({_NAME}):(?: +({_VALUE}))?) *$", re.MULTILINE
    )


_EMPTY = {"[]": list, "{}": dict}

# A row: (indentation, an item of a list, key, whether a value is on the line, that value, how deep it nests).
# An item ``- key: value`` is two rows: the item, with no value on it (its value is the mapping below), and
# the key at the column it stands at. A last row, less indented than any, ends the rows.
_Row = tuple[int, bool, str, bool, Any, int]
_END: _Row = (-1, False, "", False, None, 0)


class _Plain(Exception):
    """The lines are not in the style the plain reader knows."""


def plain_block(block: bytes, key: str) -> tuple[str, Any, int] | None:
    """A key's lines (from :func:`key_blocks`) in the plainest block style: (key, value as the loader builds
    it, how deep the value nests), without libyaml; None for anything else (then parse them)."""
    read = plain_mapping(block)
    if read is None or len(read[0]) != 1 or key not in read[0]:
        return None
    return next(iter(read[0])), read[0][key], read[1] - 1


def plain_mapping(text: bytes) -> tuple[dict[str, Any], int] | None:
    """Lines that are one block mapping in the plainest block style, and how deep it nests (1 for a mapping of
    scalars), as the loader builds them; None for anything else."""
    try:
        decoded = text.decode("utf-8")
    except UnicodeDecodeError:
        return None
    found = _rows().findall(decoded)
    if len(found) != decoded.count("\n") + (not decoded.endswith("\n")):
        return None  # a line of another kind
    rows: list[_Row] = []
    append = rows.append
    try:
        for indent, dash, item_key, item_value, item, name, value in found:
            if not dash:
                append((len(indent), False, sys.intern(name), *_inline(value)))
            elif item_key:
                append((len(indent), True, "", False, None, 0))
                append((len(indent) + len(dash), False, sys.intern(item_key), *_inline(item_value)))
            else:
                append((len(indent), True, "", *_inline(item)))
        append(_END)
        data, end, depth = _mapping(rows, 0, rows[0][0])
    except _Plain:
        return None
    return (data, depth) if end == len(rows) - 1 else None


def _inline(text: str) -> tuple[bool, Any, int]:
    """A row's value on its own line: (whether there is one, the value, how deep it nests)."""
    text = text.rstrip(" ")
    if not text:
        return False, None, 0
    empty = _EMPTY.get(text)
    if empty is not None:
        return True, empty(), 1
    if is_long_number(text):
        raise _Plain  # the loader stops the file there (PML003): so must this reader, not read it as text
    return True, resolve_plain(text), 0


def _node(rows: list[_Row], at: int) -> tuple[Any, int, int]:
    indent = rows[at][0]
    if indent - rows[0][0] > 2 * MAX_DEPTH:
        raise _Plain  # nesting that deep is for libyaml to judge
    return _sequence(rows, at, indent) if rows[at][1] else _mapping(rows, at, indent)


def _mapping(rows: list[_Row], at: int, indent: int) -> tuple[dict[str, Any], int, int]:
    out: dict[str, Any] = {}
    depth = 0
    while True:
        row = rows[at]
        if row[0] != indent or row[1]:
            break
        name = row[2]
        if name in out:
            raise _Plain  # the loader keeps the first and reports the second: left to it
        at += 1
        if row[3]:
            value, inner = row[4], row[5]
        elif rows[at][0] > indent or (rows[at][0] == indent and rows[at][1]):
            value, at, inner = _node(rows, at)
        else:
            value, inner = None, 0
        out[name] = value
        if inner > depth:
            depth = inner
    if rows[at][0] > indent:
        raise _Plain
    return out, at, depth + 1


def _sequence(rows: list[_Row], at: int, indent: int) -> tuple[list[Any], int, int]:
    out: list[Any] = []
    depth = 0
    while True:
        row = rows[at]
        if row[0] != indent or not row[1]:
            break
        at += 1
        if row[3]:
            value, inner = row[4], row[5]
        else:  # ``- key: …``: the mapping on the next row, at the key's column
            value, at, inner = _node(rows, at)
        out.append(value)
        if inner > depth:
            depth = inner
    if rows[at][0] > indent:
        raise _Plain
    return out, at, depth + 1


def parse_blocks(blocks: list[tuple[str, bytes]]) -> list[tuple[str, Any, int]] | None:
    """Keys' lines of one item (from :func:`key_blocks`, in their order) parsed together, in one call:
    (key, value, a bound on how deep the value nests) for each; None unless they parse as a mapping of
    exactly those keys, in that order.

    Parsed together they mean what each means on its own: the keys are at one indentation, and a line that
    is not the start of a key at that indentation cannot hold a key of the mapping (:func:`key_blocks`), so
    when the keys found are all the keys of the lines, each key's value is parsed from its own lines. Only
    the last lines of an item can lack a final line break, and they stay last."""
    decoded, _ = decode(b"".join(block for _, block in blocks), "entry")
    document = parse(decoded, "entry").document if decoded is not None else None
    data = document.data if document is not None else None
    if not isinstance(data, dict) or len(data) != len(blocks):
        return None
    out = []
    for (key, block), (name, value) in zip(blocks, data.items(), strict=True):
        if name != key:
            return None
        out.append((name, value, depth_bound(block, value)))
    return out


def depth_bound(text: bytes, value: Any) -> int:
    """A number no smaller than how deep ``value`` (parsed from ``text``) nests: every collection in YAML owns
    one of the indicators counted here, so their number will do; the value is walked when it is high."""
    bound = len(text.translate(None, _NOT_INDICATORS))
    return bound if bound <= FILE_DEPTH else depth(value)


_NOT_INDICATORS = bytes(set(range(256)) - set(b":?-[{"))


def depth(value: Any) -> int:
    """How deep a value nests: 0 for a scalar, one more than its deepest item for a collection."""
    if isinstance(value, dict):
        return 1 + max((depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((depth(v) for v in value), default=0)
    return 0


def only_comments(text: bytes) -> bool:
    try:
        text.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return all(not line.strip() or line.lstrip().startswith(b"#") for line in text.split(b"\n"))


def is_header(text: bytes) -> bool:
    """Whether the part of a file before its first item parses on its own, without findings, as a mapping
    whose ``entries`` is empty (the items that follow are its value in the whole file)."""
    decoded, _ = decode(text, "header")
    if decoded is None:
        return False
    result = parse(decoded, "header")
    data = result.document.data if result.document is not None else None
    return not result.findings and isinstance(data, dict) and "entries" in data and data["entries"] is None
