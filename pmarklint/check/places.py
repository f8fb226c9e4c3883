"""Where every node of each entry stands, kept beside a file's cache record, so that a repository-scope finding
in a file that came from the cache is placed without parsing the file again (docs/design/cache.md).

One ``bytes`` per entry: a type letter (``H`` or ``I``, the width of the numbers) and then, for each node of
the entry in the order a walk of its data meets them (the entry itself, then depth first, keys in their order),
four little-endian numbers: the value's line relative to the entry's first line, its column, the key's line
relative to the entry's first line and its column (0 when the node has no key: a list item). The paths are not
stored: they are those of the entry's data, which the cache record holds (a duplicate key's second value, which
the data does not have, is never asked for). Only the entries that were located (had a repository-scope
finding) in an earlier run are kept, ``b""`` for the others: placing every node of every entry would cost the
cold run about 3%, and the entries with findings are, run after run, mostly the same ones. Any other entry is
placed the old way, by parsing its lines, and kept from then on."""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable
from typing import Any

from pmarklint.documents.loader import Document

Path = tuple[Any, ...]
_SWAP = sys.byteorder == "big"  # the records hold little-endian numbers on every machine


def _nodes(entry: Any, base: Path) -> list[Path]:
    """Every path inside ``entry`` (itself first), in the loader's order: depth first, children in order."""
    out: list[Path] = []
    stack: list[tuple[Path, Any]] = [(base, entry)]
    pop, push = stack.pop, stack.append
    while stack:
        path, value = pop()
        out.append(path)
        kind = value.__class__
        if kind is dict:
            for name, item in reversed(list(value.items())):
                push(((*path, name), item))
        elif kind is list:
            for i in range(len(value) - 1, -1, -1):
                push(((*path, i), value[i]))
    return out


def entry_places(document: Document, indexes: Iterable[int], kept: tuple[bytes, ...] = ()) -> tuple[bytes, ...]:
    """The places of the entries ``indexes`` of ``document`` (a whole file's parse), ``b""`` for the others
    (or what ``kept`` already holds for them, when it has one item per entry)."""
    entries = document.data.get("entries") if document.data.__class__ is dict else None
    if entries.__class__ is not list:
        return ()
    values, keys = document.values, document.keys
    out = list(kept) if len(kept) == len(entries) else [b""] * len(entries)
    for i in indexes:
        if not 0 <= i < len(entries) or ("entries", i) not in values:
            continue
        first = values["entries", i][0]
        numbers: list[int] = []
        for path in _nodes(entries[i], ("entries", i)):
            value = values.get(path)
            if value is None:  # not a node the loader placed: keep nothing for this entry
                break
            key = keys.get(path)
            numbers += (value[0] - first, value[1], *((key[0] - first, key[1]) if key else (0, 0)))
        else:
            if min(numbers) >= 0:
                width = "H" if max(numbers) < 1 << 16 else "I"
                packed = array(width, numbers)
                if _SWAP:
                    packed.byteswap()
                out[i] = width.encode() + packed.tobytes()
    return tuple(out)


def entry_document(record: bytes, entry: Any, index: int, first: int) -> Document | None:
    """The positions of entry ``index`` (whose first line is ``first``) as a Document that answers
    ``position`` for paths inside the entry the way the whole file's would; None when ``record`` does not fit
    the entry's data (then the caller parses)."""
    width = record[:1].decode("ascii", "replace")
    if width not in ("H", "I"):
        return None
    numbers = array(width)
    try:
        numbers.frombytes(record[1:])
    except ValueError:
        return None
    if _SWAP:
        numbers.byteswap()
    nodes = _nodes(entry, ("entries", index))
    if len(numbers) != 4 * len(nodes):
        return None
    values: dict[Path, tuple[int, int]] = {}
    keys: dict[Path, tuple[int, int]] = {}
    for n, path in enumerate(nodes):
        line, column, key_line, key_column = numbers[4 * n : 4 * n + 4]
        values[path] = (line + first, column)
        if key_column:
            keys[path] = (key_line + first, key_column)
    return Document(None, values, keys)
