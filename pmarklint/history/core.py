"""Entries across revisions, without re-parsing every revision of every ledger.

Git is read by :mod:`pmarklint.git` (one ``git log --raw`` stream, one ``git cat-file --batch`` process); this
module makes entries of what it reads:

* :class:`Entries`: an entry of a blob, found by its id, from the text of that entry alone. A ledger of
  thousands of entries is split into entry slices with one regular-expression pass over its bytes, and only
  the entries asked for are parsed (see :func:`split_entries`); files that do not have the usual block layout
  are parsed whole, once per blob.
* :class:`Tracer`: the commit that introduced an entry's current state, followed across files and renames.

Blob ids are content hashes, so everything derived from a blob is cached by its id for the whole run.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import sys
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from pmarklint.documents.loader import MAX_DEPTH, decode, parse, resolve_plain
from pmarklint.git.blobs import Blobs
from pmarklint.git.log import Log

# The usual layout of a data file: a top-level ``entries:`` and its items, one ``- `` per entry, at one
# indentation. Anything else (flow style, tabs, an id that is not a plain scalar) is parsed whole.
_ENTRIES = re.compile(rb"^entries:[ \t]*(?:#[^\n]*)?$", re.M)
_DIGEST = re.compile(rb"sha256:[0-9a-f]{64}")
_KIND = re.compile(rb"^kind:[ \t]*['\"]?([A-Za-z_]+)", re.M)
_ID_VALUE = re.compile(
    rb"""id:[ \t]*(?:'([^'\n]*)'|"([^"\\\n]*)"|([^\s#'"{}\[\],][^\n#]*?))[ \t]*(?:#[^\n]*)?$""", re.M
)


def split_entries(data: bytes) -> dict[str, tuple[int, int]] | None:
    """Entry id → (start, end) byte offsets of its item in the file, without parsing YAML; None when the
    file does not have the usual layout (then it must be parsed whole). A slice parses on its own as a
    one-item sequence."""
    found = _ENTRIES.search(data)
    if found is None:
        return None
    body = found.end() + 1
    first = re.compile(rb"^( *)(- |-$)", re.M).search(data, body)
    if first is None:
        return {} if not re.search(rb"^[ \t]*[^\s#]", data[body:], re.M) else None
    if re.search(rb"^[ \t]*[^\s#]", data[body : first.start()], re.M):
        return None  # something else sits between ``entries:`` and its first item
    indent = first.group(1)
    level = len(indent)
    # Each item's first line; the id is on it in nearly every file (``- id: …``). The patterns start with a
    # newline rather than ``^``: re then finds their literal start with a fast scan instead of trying every byte.
    item = re.compile(rb"\n" + indent + rb"-(?: ([^\n]*))?(?=\n|$)")
    # The list ends at the first line that is indented less than its items (or, for items at column 0,
    # at the next top-level key); comments and blank lines do not end it.
    pattern = rb"\n {0,%d}[^\s#-]" % (level - 1) if level else rb"\n[^\s#-]"
    stop = re.compile(pattern).search(data, first.start() - 1)
    end_of_list = stop.start() + 1 if stop else len(data)
    items = [(m.start() + 1, m.group(1)) for m in item.finditer(data, first.start() - 1, end_of_list)]
    out: dict[str, tuple[int, int]] = {}
    id_line = re.compile(rb"\n {%d}(id:[^\n]*)" % (level + 2))
    for index, (start, rest) in enumerate(items):
        end = items[index + 1][0] if index + 1 < len(items) else end_of_list
        if rest is None or not rest.startswith(b"id:"):
            found_id = id_line.search(data, start, end - 1)
            rest = found_id.group(1) if found_id else None
        entry_id = _id_of(rest) if rest is not None else None
        if entry_id is None or entry_id in out:
            return None
        out[entry_id] = (start, end)
    return out


def _id_of(text: bytes) -> str | None:
    """The value of an ``id: …`` line when it is a plain one-line scalar (quoted or not), else None."""
    value = _ID_VALUE.match(text)
    if value is None:
        return None
    raw = next(g for g in value.groups() if g is not None)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


class Entries:
    """Entries of blobs by id, parsing only what is asked for. A blob's split is cached by blob id, a parsed
    entry by the bytes of its slice: an entry that did not change between two revisions is parsed once."""

    _KEEP_BYTES = 256 << 20  # blob contents kept in memory, most recently used first out last

    def __init__(self, blobs: Blobs) -> None:
        self.blobs = blobs
        self._data: OrderedDict[str, bytes] = OrderedDict()
        self._kept = 0
        self._slices: dict[str, dict[str, tuple[int, int]] | None] = {}
        self._whole: dict[str, dict[str, Any]] = {}
        self._parsed: dict[bytes, Any] = {}
        self._kind: dict[str, str | None] = {}
        self._digests: dict[str, dict[str, set[str]]] = {}
        # For reading revision after revision (see "Revision after revision" below).
        self._blocks: dict[bytes, tuple[str, Any, int]] = {}  # a key's lines → (key, value, depth bound)
        self._alone: dict[bytes, int] = {}  # an item that parses on its own, in keys → depth bound of its values
        self._recent: dict[str, _Cut] = {}  # entry id → its item put together last

    def _bytes(self, blob: str) -> bytes:
        data = self._data.get(blob)
        if data is not None:
            self._data.move_to_end(blob)
            return data
        data = self.blobs.read(blob)
        self._data[blob] = data
        self._kept += len(data)
        while self._kept > self._KEEP_BYTES and len(self._data) > 1:
            self._kept -= len(self._data.popitem(last=False)[1])
        return data

    def kind(self, blob: str) -> str | None:
        if blob not in self._kind:
            found = _KIND.search(self._bytes(blob))
            self._kind[blob] = found.group(1).decode("ascii") if found else None
        return self._kind[blob]

    def ids(self, blob: str) -> set[str]:
        slices = self._split(blob)
        return set(slices) if slices is not None else set(self._parse_whole(blob))

    def slices(self, blob: str) -> dict[str, tuple[int, int]] | None:
        """Entry id → (start, end) in the blob's bytes (:func:`split_entries`), cached; None when the file
        must be parsed whole."""
        return self._split(blob)

    def _split(self, blob: str) -> dict[str, tuple[int, int]] | None:
        if blob not in self._slices:
            self._slices[blob] = split_entries(self._bytes(blob))
        return self._slices[blob]

    def piece(self, blob: str, entry_id: str) -> bytes | None:
        """The bytes of the entry's item in the blob; None when it is not there or the file cannot be split."""
        slices = self._split(blob)
        if slices is None or entry_id not in slices:
            return None
        start, end = slices[entry_id]
        return self._bytes(blob)[start:end]

    def content_key(self, blob: str, entry_id: str) -> bytes | None:
        """The entry's bytes without its ``approvals`` lines: equal keys mean equal content, so a search
        over revisions compares bytes and parses only what differs. None when the file cannot be split."""
        piece = self.piece(blob, entry_id)
        return None if piece is None else _parts(piece)[0]

    def approvals(self, blob: str, entry_id: str) -> list[Any] | None:
        """The entry's ``approvals`` list in the blob, parsing only those lines (None: not there, or the
        layout needs the whole entry parsed: then use :meth:`get`)."""
        piece = self.piece(blob, entry_id)
        if piece is None:
            return None
        block = _parts(piece)[1]
        if block is None:
            return None
        if block not in self._parsed:
            text, _ = decode(block, "approvals")
            document = parse(text, "approvals").document if text else None
            data = document.data if document is not None else None
            self._parsed[block] = data.get("approvals") if isinstance(data, dict) else None
        value = self._parsed[block]
        return value if isinstance(value, list) else None

    def get(self, blob: str | None, entry_id: str) -> Any:
        """The entry's data in this blob (as pmarklint reads YAML), or None when it is not there."""
        if blob is None:
            return None
        slices = self._split(blob)
        if slices is None:
            return self._parse_whole(blob).get(entry_id)
        if entry_id not in slices:
            return None
        start, end = slices[entry_id]
        piece = self._bytes(blob)[start:end]
        if piece not in self._parsed:
            value = _parse_item(piece)
            if value is None or value.get("id") != entry_id:  # the slice did not stand on its own
                value = self._parse_whole(blob).get(entry_id)
            self._parsed[piece] = value
        return self._parsed[piece]

    def digests(self, blob: str) -> dict[str, set[str]]:
        """Every ``sha256:`` digest written in the blob → the ids of the entries it is written in: a quick
        test of whether an approval can be in an entry, from one pass over the bytes."""
        found = self._digests.get(blob)
        if found is not None:
            return found
        found = {}
        data = self._bytes(blob)
        slices = self._split(blob)
        if slices is None:
            for entry_id, entry in self._parse_whole(blob).items():
                for item in entry.get("approvals") or []:
                    value = item.get("digest") if isinstance(item, dict) else None
                    if isinstance(value, str):
                        found.setdefault(value, set()).add(entry_id)
        else:
            bounds = sorted((start, end, entry_id) for entry_id, (start, end) in slices.items())
            starts = [b[0] for b in bounds]
            for m in _DIGEST.finditer(data):
                at = bisect.bisect_right(starts, m.start()) - 1
                if at >= 0 and m.start() < bounds[at][1]:
                    found.setdefault(m.group().decode("ascii"), set()).add(bounds[at][2])
        self._digests[blob] = found
        return found

    def all(self, blob: str) -> dict[str, Any]:
        """Every entry of the blob by id (for small files such as the roster)."""
        return self._parse_whole(blob)

    def _parse_whole(self, blob: str) -> dict[str, Any]:
        if blob not in self._whole:
            text, _ = decode(self._bytes(blob), blob)
            document = parse(text, blob).document if text else None
            data = document.data if document is not None else None
            entries = data.get("entries") if isinstance(data, dict) else None
            self._whole[blob] = {
                e["id"]: e
                for e in (entries if isinstance(entries, list) else [])
                if isinstance(e, dict) and isinstance(e.get("id"), str)
            }
        return self._whole[blob]

    # -- Revision after revision ------------------------------------------------------------------------
    # A reader that walks a ledger's revisions in order (the audit trail) sees each revision differ from the
    # one before in a few lines. These methods give the same answers as slices(), get() and all(), with less
    # work: a split is derived from the previous revision's, and an entry is put together from the values of
    # its top-level keys, reading again only the keys whose lines changed.

    def split_near(self, blob: str, base: str | None, head: int | None = None, tail: int | None = None) -> Slices:
        """The same as :meth:`slices` for ``blob``. When ``base`` (another revision of the file) is split
        already, only the entries between the stretches the two share at their start (``head`` bytes) and at
        their end (``tail`` bytes, at most what ``head`` leaves) are looked at again."""
        if blob not in self._slices:
            before = self._slices.get(base) if base is not None else None
            derived = None
            if before:
                assert base is not None
                x, y = self._bytes(base), self._bytes(blob)
                if head is None:
                    head = common_prefix(x, y)
                if tail is None:
                    tail = common_suffix(x, y, min(len(x), len(y)) - head)
                derived = resplit(x, y, before, head, tail)
            self._slices[blob] = derived if derived is not None else split_entries(self._bytes(blob))
        return self._slices[blob]

    def get_reusing(self, blob: str | None, entry_id: str) -> Any:
        """The same value as :meth:`get`, with less parsing. The entry is put together from its top-level keys
        (see :func:`key_blocks`): from the item of the same entry read last, the keys whose lines are as they
        were keep their values, and only the others are read; lines in the plainest block style are read
        without libyaml (:func:`plain_mapping`), and the rest with it."""
        if blob is None:
            return None
        slices = self._split(blob)
        if slices is None or entry_id not in slices:
            return self.get(blob, entry_id)
        start, end = slices[entry_id]
        piece = self._bytes(blob)[start:end]
        if piece in self._parsed:
            return self._parsed[piece]
        value = self._compose(piece, entry_id)
        if value is None:
            return self.get(blob, entry_id)
        self._parsed[piece] = value
        return value

    def all_reusing(self, blob: str) -> dict[str, Any]:
        """The same as :meth:`all`, put together from the entries (:meth:`get_reusing`) when the file has the
        usual layout and nothing in it would stop the whole file from parsing."""
        if blob not in self._whole:
            slices = self._split(blob)
            found = self._from_items(blob, slices) if slices else None
            if found is None:
                return self._parse_whole(blob)
            self._whole[blob] = found
        return self._whole[blob]

    def _compose(self, piece: bytes, entry_id: str) -> Any:
        """The entry of a one-item slice, from its keys; None when get() must parse it. The entry's previous
        item (the one put together last) tells which keys' lines to look at again; a list that only grew at
        its end (approvals) needs only its new items read."""
        before = self._recent.get(entry_id)
        again = before.again(piece) if before is not None and before.piece in self._alone else None
        if before is not None and again is not None:
            found = self._compose_again(before, *again)
        else:
            found = self._compose_whole(piece)
        if found is None:
            return None
        value, deepest, cut = found
        if deepest > _PIECE_DEPTH or value.get("id") != entry_id:
            return None
        self._alone[piece] = deepest
        self._recent[entry_id] = cut
        return self._parsed.setdefault(piece, value)

    def _compose_again(
        self, before: _Cut, cut: _Cut, low: int, high: int, old_high: int
    ) -> tuple[dict[str, Any], int, _Cut] | None:
        """An item from the previous one of the same entry (``before``): the values of the keys whose lines
        are as they were, and the others read (:meth:`Entries._values`)."""
        previous = self._parsed[before.piece]
        bound = self._alone[before.piece]
        earlier = {before.keys[i]: (before.block(i), previous[before.keys[i]], bound) for i in range(low, old_high)}
        blocks = [(cut.keys[i], cut.block(i)) for i in range(low, high)]
        kept = [k in earlier and earlier[k][0] == b for k, b in blocks]  # a key whose lines are as they were
        changed = self._values([kb for kb, same in zip(blocks, kept, strict=True) if not same], earlier)
        if changed is None or len(set(cut.keys)) != len(cut.keys):
            return None
        fresh = iter(changed)  # in the keys' order; a key whose lines are as they were keeps its value
        found = [(k, previous[k], bound) if same else next(fresh) for (k, _), same in zip(blocks, kept, strict=True)]
        if cut.keys == before.keys:  # the same keys: only values change
            value = dict(previous)
            value.update((name, item) for name, item, _ in found)
        else:
            value = {name: previous[name] for name in cut.keys[:low]}
            value.update((name, item) for name, item, _ in found)
            value.update((name, previous[name]) for name in cut.keys[high:])
        return value, max([bound, *(depth for _, _, depth in found)]), cut

    def _compose_whole(self, piece: bytes) -> tuple[dict[str, Any], int, _Cut] | None:
        """An item read whole (:func:`plain_mapping`), or key by key."""
        cut = _Cut.of(piece)
        if cut is None:
            return None
        read = plain_mapping(piece[: cut.indent - 2] + b"  " + piece[cut.indent :])
        if read is not None and list(read[0]) == cut.keys:
            return read[0], read[1] - 1, cut
        found = self._values(list(zip(cut.keys, cut.blocks, strict=True)), {})
        if found is None:
            return None
        value: dict[str, Any] = {}
        for name, item, _ in found:
            if name in value:
                return None
            value[name] = item
        return value, max((depth for _, _, depth in found), default=0), cut

    def _values(
        self, blocks: list[tuple[str, bytes]], earlier: dict[str, tuple[bytes, Any, int]]
    ) -> list[tuple[str, Any, int]] | None:
        """(key, value, depth bound) of each key's lines: known already, read by :func:`plain_block`, grown
        from the key's ``earlier`` lines (with their value and its depth bound), or parsed (all those left
        in one call)."""
        known = self._blocks
        missing: list[tuple[str, bytes]] = []
        grown: list[tuple[bytes, tuple[str, Any, int] | None]] = []  # (block, what it grew from)
        for key, block in blocks:
            if block in known:
                continue
            before = earlier.get(key)
            new_items = _grown(before[0], block) if before is not None and isinstance(before[1], list) else None
            base = (key, before[1], before[2]) if before is not None and new_items is not None else None
            simple = plain_block(new_items if new_items is not None else block, key)
            if simple is not None and base is None:
                known[block] = simple
            elif simple is not None and base is not None and isinstance(simple[1], list):
                known[block] = (simple[0], [*base[1], *simple[1]], max(base[2], simple[2]))
            else:
                missing.append((key, new_items if new_items is not None else block))
                grown.append((block, base))
        if missing:
            parsed = parse_blocks(missing)
            if parsed is None:
                return None
            for (block, base), found in zip(grown, parsed, strict=True):
                if base is not None:
                    if not isinstance(found[1], list):
                        return None
                    found = (found[0], [*base[1], *found[1]], max(base[2], found[2]))
                known[block] = found
        return [known[block] for _, block in blocks]

    def _from_items(self, blob: str, slices: dict[str, tuple[int, int]]) -> dict[str, Any] | None:
        """Every entry of the blob from its items, or None when that might differ from parsing the file whole:
        the part before the first item must parse on its own as a mapping whose ``entries`` is empty, with
        nothing after the list but comments, and each item must parse on its own within the depth the whole
        file allows."""
        data = self._bytes(blob)
        spans = list(slices.values())
        first, last = spans[0][0], spans[-1][1]
        if not _only_comments(data[last:]) or not _header(data[:first]):
            return None
        out = {}
        for entry_id, (start, end) in slices.items():
            piece = data[start:end]
            if piece not in self._alone:
                value = self._compose(piece, entry_id)
                if value is None:
                    return None
                self._parsed.setdefault(piece, value)
            if self._alone.get(piece, _FILE_DEPTH + 1) > _FILE_DEPTH:
                return None
            out[entry_id] = self._parsed[piece]
        return out


def _parts(piece: bytes) -> tuple[bytes, bytes | None]:
    """An entry item's bytes split into (everything but the ``approvals`` key, the ``approvals`` lines);
    the second is None when there are none or when they do not stand apart (``- approvals:`` first)."""
    if b"approvals:" not in piece:
        return piece, None
    lines = piece.split(b"\n")
    for index, line in enumerate(lines):
        bare = line.lstrip(b" ")
        if not bare.startswith(b"approvals:"):
            continue
        indent = len(line) - len(bare)
        end = index + 1
        while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip(b" ")) > indent):
            end += 1
        return b"\n".join(lines[:index] + lines[end:]), b"\n".join(lines[index:end]) + b"\n"
    return piece, None


def _parse_item(piece: bytes) -> dict[str, Any] | None:
    text, _ = decode(piece, "entry")
    if text is None:
        return None
    document = parse(text, "entry").document
    data = document.data if document is not None else None
    if isinstance(data, list) and len(data) == 1 and isinstance(data[0], dict):
        return data[0]
    return None


# -- revision after revision: the helpers ---------------------------------------------------------------------
Slices = dict[str, tuple[int, int]] | None

# How deep the values of an entry's keys may nest (a collection is one level): in a one-item slice (a list
# holding the entry) and in a whole file (a mapping holding that list), within the loader's MAX_DEPTH.
_PIECE_DEPTH = MAX_DEPTH - 2
_FILE_DEPTH = MAX_DEPTH - 3


_CHUNK = 8192


def common_prefix(x: bytes, y: bytes) -> int:
    """How many bytes ``x`` and ``y`` share at their start: chunk by chunk, then by halving the chunk that
    differs (``startswith`` compares in C and copies only the piece of ``y``; a memoryview would compare
    byte by byte in Python's terms and be much slower)."""
    most = min(len(x), len(y))
    low = 0
    while low < most:
        high = min(low + _CHUNK, most)
        if not x.startswith(y[low:high], low):
            break
        low = high
    else:
        return most
    while high - low > 1:  # x[:low] == y[:low] and x[:high] != y[:high]
        middle = (low + high) // 2
        if x.startswith(y[low:middle], low):
            low = middle
        else:
            high = middle
    return low


def common_suffix(x: bytes, y: bytes, most: int) -> int:
    """How many bytes (at most ``most``) ``x`` and ``y`` share at their end, as :func:`common_prefix`."""
    most = max(most, 0)
    end_x, end_y = len(x), len(y)
    low = 0
    while low < most:
        high = min(low + _CHUNK, most)
        if not x.endswith(y[end_y - high : end_y - low], 0, end_x - low):
            break
        low = high
    else:
        return most
    while high - low > 1:  # the last ``low`` bytes agree, the last ``high`` do not
        middle = (low + high) // 2
        if x.endswith(y[end_y - middle : end_y - low], 0, end_x - low):
            low = middle
        else:
            high = middle
    return low


def resplit(x: bytes, y: bytes, before: dict[str, tuple[int, int]], head: int, tail: int) -> Slices:
    """``split_entries(y)``, derived from ``before`` (``split_entries(x)``, not empty) when ``y`` differs from
    ``x`` only between its first ``head`` bytes and its last ``tail`` bytes (``head + tail`` at most the
    length of either). The items before the first differing byte keep their offsets, those after the last
    move by the difference in length. In between, an item whose bytes are an old item's, up to the start of
    the next item, is that item; the others (and what an old item grew by at its end) are read as
    :func:`split_entries` reads them. None when it cannot be derived this way (the first item's opening line
    changed, a line may end the list, the list had lines after it, an id is missing or found twice): then
    split ``y`` whole."""
    ids, spans = list(before), list(before.values())
    first, end_of_list = spans[0][0], spans[-1][1]
    spaces = _INDENT.match(x, first)
    level = spaces.end() - first if spaces else 0
    if head < first + level + 3:  # the list's first item and its indentation must stay as they were
        return None
    shift = len(y) - len(x)
    low_index = bisect.bisect_right(spans, head - level - 2, key=_start) - 1  # the last whose ``- `` is shared
    high_index = bisect.bisect_left(spans, len(x) - tail + 1, key=_start)  # the first whose line break is
    if high_index < len(spans):
        high = spans[high_index][0] + shift
    elif end_of_list == len(x):
        high = len(y)  # the list runs to the end of the file, as it did
    else:
        return None
    item, id_line, stop = _list_patterns(level)
    at = spans[low_index][0]
    if item.match(y, at - 1) is None:
        return None
    out = dict(itertools.islice(before.items(), low_index))
    later = {entry_id: index for index, entry_id in enumerate(ids[low_index:high_index], low_index)}
    old = low_index  # the old item expected next
    while at < high:
        scan = at  # where the item may differ from the old one
        if old < high_index:
            start, end = spans[old]
            if y.startswith(x[start:end], at):
                following = at + end - start
                if following == high or (following < high and item.match(y, following - 1)):
                    out[ids[old]] = (at, following)
                    at, old = following, old + 1
                    continue
                scan = following - 1  # the old item, and more after it
        found = item.search(y, scan, high)
        following = found.start() + 1 if found else high
        if stop.search(y, scan, following):
            return None  # a line that would end the list
        entry_id = _id_at(y, at, following, item, id_line)
        if entry_id is None or entry_id in out:
            return None
        out[entry_id] = (at, following)
        at = following
        old = later[entry_id] + 1 if entry_id in later and later[entry_id] >= old else old
    count = len(out) + len(spans) - high_index
    out.update((i, (a + shift, b + shift)) for i, (a, b) in itertools.islice(before.items(), high_index, None))
    if len(out) != count:
        return None  # an id found twice
    new_end = end_of_list + shift if high_index < len(spans) else len(y)
    return out if next(reversed(out.values()))[1] == new_end else None  # the list ends where split_entries ends it


def _id_at(data: bytes, start: int, end: int, item: re.Pattern[bytes], id_line: re.Pattern[bytes]) -> str | None:
    """The id of the item ``data[start:end]``, as :func:`split_entries` finds it."""
    head = item.match(data, start - 1)
    rest = head.group(1) if head is not None else None
    if rest is None or not rest.startswith(b"id:"):
        found = id_line.search(data, start, end - 1)
        rest = found.group(1) if found else None
    return _known_id(rest) if rest is not None else None


def _start(span: tuple[int, int]) -> int:
    return span[0]


_INDENT = re.compile(rb" *")
_LISTS: dict[int, tuple[re.Pattern[bytes], re.Pattern[bytes], re.Pattern[bytes]]] = {}


def _list_patterns(level: int) -> tuple[re.Pattern[bytes], re.Pattern[bytes], re.Pattern[bytes]]:
    """For a list of items at ``level``, as :func:`split_entries` reads it: an item's first line, an ``id:``
    line of an item, and where the list ends."""
    found = _LISTS.get(level)
    if found is None:
        found = _LISTS[level] = (
            re.compile(rb"\n" + b" " * level + rb"-(?: ([^\n]*))?(?=\n|$)"),
            re.compile(rb"\n {%d}(id:[^\n]*)" % (level + 2)),
            re.compile(rb"\n {0,%d}[^\s#-]" % (level - 1) if level else rb"\n[^\s#-]"),
        )
    return found


_known_id = functools.lru_cache(maxsize=1 << 14)(_id_of)  # an item's id line, read again in every revision


_ITEM_HEAD = re.compile(rb"( *)- ([A-Za-z_][A-Za-z0-9_]*):(?=[ \n]|\Z)")
_BLOCK_PATTERNS: dict[int, tuple[re.Pattern[bytes], re.Pattern[bytes], re.Pattern[bytes]]] = {}


def _block_patterns(indent: int) -> tuple[re.Pattern[bytes], re.Pattern[bytes], re.Pattern[bytes]]:
    """For keys at ``indent``: a line less indented that is neither blank nor a comment; a line at the keys'
    indentation that is not a list item nor a comment; and, among those, a line that starts a plain key."""
    found = _BLOCK_PATTERNS.get(indent)
    if found is None:
        found = _BLOCK_PATTERNS[indent] = (
            re.compile(rb"\n {0,%d}[^ \n#]" % (indent - 1)),
            re.compile(rb"\n {%d}[^ \n#-]" % indent),
            re.compile(rb"\n {%d}([A-Za-z_][A-Za-z0-9_]*):(?=[ \n]|\Z)" % indent),
        )
    return found


def key_blocks(piece: bytes) -> list[tuple[str, bytes]] | None:
    """An entry's item cut into its top-level keys: (key, the key's lines), the first with its ``- `` turned
    into spaces, so that each stands on its own as a one-key mapping at the columns it had. None unless the
    item has the plain block layout: ``- key:`` on its first line, every other line that starts a key at the
    keys' indentation is ``key:`` with a plain name, no line less indented than the keys but blank lines and
    comments, no tab and no carriage return.

    Why a key's lines mean the same on their own: a line at the keys' indentation ends any block scalar,
    plain scalar or nested block collection above it; only a quoted scalar or a flow collection can run on
    over it, and then the lines above do not parse on their own (the quote or bracket is not closed)."""
    cut = _Cut.of(piece)
    return list(zip(cut.keys, cut.blocks, strict=True)) if cut is not None else None


@dataclass
class _Cut:
    """An item cut into its top-level keys (:func:`key_blocks`): each key, and where its lines start."""

    piece: bytes
    indent: int  # of the keys
    keys: list[str]
    starts: list[int]  # where each key's lines start (the first at 0)

    @classmethod
    def of(cls, piece: bytes) -> _Cut | None:
        if b"\t" in piece or b"\r" in piece:
            return None
        head = _ITEM_HEAD.match(piece)
        if head is None:
            return None
        indent = len(head.group(1)) + 2
        outdented, starts, key = _block_patterns(indent)
        if outdented.search(piece):
            return None
        keys = [head.group(2).decode("ascii")]
        cuts = [0]
        for line in key.finditer(piece):
            keys.append(line.group(1).decode("ascii"))
            cuts.append(line.start() + 1)
        if len(cuts) - 1 != len(starts.findall(piece)):
            return None  # a line at the keys' indentation that is not a plain key
        return cls(piece, indent, keys, cuts)

    def again(self, piece: bytes) -> tuple[_Cut, int, int, int] | None:
        """The cut of ``piece``, another revision of this item: the lines of this one that it kept as they were
        are not looked at again. With it, which keys' lines may differ: ``[low, high)`` of its keys, in
        place of ``[low, old_high)`` of these; the others are the same bytes. None when ``piece`` must be cut
        whole (its first line changed)."""
        old = self.piece
        head = common_prefix(old, piece)
        tail = common_suffix(old, piece, min(len(old), len(piece)) - head)
        low = piece.rfind(b"\n", 0, head) + 1  # the first line that may differ
        high = len(piece) - tail + 1  # lines that start here or after are lines of the old item
        if low == 0:
            return None
        if b"\t" in piece[low:high] or b"\r" in piece[low:high]:
            return None
        shift = len(piece) - len(old)
        outdented, starts, key = _block_patterns(self.indent)
        if outdented.search(piece, low - 1):  # a line of the old item cannot be one
            return None
        kept = bisect.bisect_left(self.starts, low)  # keys that start before the first line that may differ
        keys, cuts = self.keys[:kept], self.starts[:kept]
        for line in key.finditer(piece, low - 1):
            if line.start() >= high - 1:
                break
            keys.append(line.group(1).decode("ascii"))
            cuts.append(line.start() + 1)
        count = 0
        for line in starts.finditer(piece, low - 1):
            if line.start() >= high - 1:
                break
            count += 1
        if count != len(cuts) - kept:
            return None  # a line at the keys' indentation that is not a plain key
        after = bisect.bisect_left(self.starts, high - shift)  # keys that start in the lines kept at the end
        changed = len(cuts)
        keys += self.keys[after:]
        cuts += [at + shift for at in self.starts[after:]]
        return _Cut(piece, self.indent, keys, cuts), kept - 1, changed, after

    def block(self, index: int) -> bytes:
        """The lines of the key at ``index`` (the first with its ``- `` turned into spaces)."""
        starts = self.starts
        end = starts[index + 1] if index + 1 < len(starts) else len(self.piece)
        if index == 0:
            return self.piece[: self.indent - 2] + b"  " + self.piece[self.indent : end]
        return self.piece[starts[index] : end]

    @functools.cached_property
    def blocks(self) -> list[bytes]:
        """Each key's lines, the first with its ``- `` turned into spaces."""
        piece, indent, cuts = self.piece, self.indent, [*self.starts, len(self.piece)]
        blocks = [piece[: indent - 2] + b"  " + piece[indent : cuts[1]]]
        blocks += [piece[start:end] for start, end in itertools.pairwise(cuts[1:])]
        return blocks


_LIST_KEY = re.compile(rb" *[A-Za-z_][A-Za-z0-9_]*: *\n( *)-[ \n]")


def _grown(old: bytes, new: bytes) -> bytes | None:
    """When a key's lines ``new`` are its lines ``old`` (``key:`` alone on its line, then a list whose items
    start at one indentation) with more items of that list after them: the ``key:`` line and the new items,
    which parse on their own to the items added. None otherwise.

    The old items keep their meaning: a new item starts at the items' indentation, which ends whatever the
    last old item held (as between keys: :func:`key_blocks`)."""
    head = _LIST_KEY.match(old)
    if head is None or len(new) <= len(old) or not new.startswith(old) or not old.endswith(b"\n"):
        return None
    items = len(head.group(1))
    added = new[len(old) :]
    if not added.startswith(head.group(1) + b"-") or added[items + 1 : items + 2] not in (b" ", b"\n"):
        return None
    fits = re.compile(rb"\n(?: {0,%d}[^ \n#]| {%d}[^ \n#-])" % (items - 1, items) if items else rb"\n[^ \n#-]")
    if fits.search(new, len(old) - 1):
        return None  # a line less indented than the items, or one at their indentation that is not an item
    return old[: head.end(1) - items] + added


# A key's lines in the plainest block style are read without libyaml: block mappings and block lists, whose
# scalars are plain and on one line, and empty flow collections. A plain scalar is then the line's text up to
# its trailing spaces (libyaml reads it so) when it starts with no indicator and holds no comment, no ``: ``,
# no bracket or brace, no control character, and no character that YAML takes as a line break or a byte order
# mark. Anything else (quotes, block scalars, comments, blank lines, anchors, tags, a repeated key) is left to
# libyaml, and so is any layout the reader does not know.
_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_NOT_PLAIN = r"\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff#\[\]{}"  # nowhere in a plain scalar read here
_SCALAR = (  # a first character that is no indicator, then the rest (its trailing spaces are dropped)
    rf"[^\s\-?:,&*!|>'\"%@`{_NOT_PLAIN}][^\x00-\x1f:{_NOT_PLAIN}]*(?::[^\s:{_NOT_PLAIN}][^\x00-\x1f:{_NOT_PLAIN}]*)*"
)
_VALUE = rf"{_SCALAR}|\[\]|\{{\}}"


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
    for indent, dash, item_key, item_value, item, name, value in found:
        if not dash:
            append((len(indent), False, sys.intern(name), *_inline(value)))
        elif item_key:
            append((len(indent), True, "", False, None, 0))
            append((len(indent) + len(dash), False, sys.intern(item_key), *_inline(item_value)))
        else:
            append((len(indent), True, "", *_inline(item)))
    append(_END)
    try:
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
    return (True, empty(), 1) if empty is not None else (True, resolve_plain(text), 0)


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
    return bound if bound <= _FILE_DEPTH else depth(value)


_NOT_INDICATORS = bytes(set(range(256)) - set(b":?-[{"))


def depth(value: Any) -> int:
    """How deep a value nests: 0 for a scalar, one more than its deepest item for a collection."""
    if isinstance(value, dict):
        return 1 + max((depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((depth(v) for v in value), default=0)
    return 0


def _only_comments(text: bytes) -> bool:
    try:
        text.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return all(not line.strip() or line.lstrip().startswith(b"#") for line in text.split(b"\n"))


def _header(text: bytes) -> bool:
    """Whether the part of a file before its first item parses on its own, without findings, as a mapping
    whose ``entries`` is empty (the items that follow are its value in the whole file)."""
    decoded, _ = decode(text, "header")
    if decoded is None:
        return False
    result = parse(decoded, "header")
    data = result.document.data if result.document is not None else None
    return not result.findings and isinstance(data, dict) and "entries" in data and data["entries"] is None


# Whether a state holds for an entry in a blob: (blob id, entry id) → bool. Cheap tests first: see
# Entries.digests.
Predicate = Callable[[str, str], bool]


@dataclass(frozen=True)
class Origin:
    """Where a state of an entry came from: the commit that made ``predicate`` true for it, in ``path``."""

    commit: str
    path: str
    index: int  # in log.by_path[path]


class Tracer:
    """Finds the commit that brought an entry into a given state (an approval appearing in it, its content
    reaching a digest), following the entry when it moved between files.

    The search reads as few revisions as it can: it looks back from the newest change of the file in
    growing steps until the state is absent, then bisects, and then confirms the answer on the commit's
    own before and after (a commit *introduces* the state when it holds after the commit and not before).
    When the history is not that simple (the state came and went, branches were merged), it falls back to
    reading the file's changes one by one."""

    def __init__(self, log: Log, entries: Entries) -> None:
        self.log = log
        self.entries = entries

    def origin(self, entry_id: str, path: str, holds: Predicate, start: int = 0) -> Origin | None:
        """The most recent commit, among ``log.by_path[path][start:]``, that introduced the state; the
        caller knows it holds after ``by_path[path][start]`` (or in a newer tree). None when no commit of the
        log introduced it (it was there before the history begins: a shallow clone, or a merge did it)."""
        seen: set[tuple[str, int]] = set()
        while (path, start) not in seen:
            seen.add((path, start))
            found = self._in_file(entry_id, path, holds, start)
            if found is None:
                return None
            moved = self._moved_from(entry_id, found, holds)
            if moved is None:
                return found
            path, start = moved
        return None

    def _holds(self, blob: str | None, entry_id: str, holds: Predicate) -> bool:
        return blob is not None and holds(blob, entry_id)

    def _in_file(self, entry_id: str, path: str, holds: Predicate, start: int) -> Origin | None:
        changes = self.log.by_path.get(path, [])
        if start >= len(changes):
            return None

        def after(i: int) -> bool:
            return self._holds(changes[i].new, entry_id, holds)

        if after(start):
            # Gallop back until the state is absent after some change, then bisect between.
            good, step, probe = start, 1, start + 1
            while probe < len(changes) and after(probe):
                good, step = probe, step * 2
                probe = start + step
            bad = min(probe, len(changes))
            while bad - good > 1:
                middle = (good + bad) // 2
                if after(middle):
                    good = middle
                else:
                    bad = middle
            if not self._holds(changes[good].old, entry_id, holds):
                return Origin(changes[good].commit, path, good)
        for i in range(start, len(changes)):  # the state came and went, or merges: read change by change
            if after(i) and not self._holds(changes[i].old, entry_id, holds):
                return Origin(changes[i].commit, path, i)
        return None

    def _moved_from(self, entry_id: str, found: Origin, holds: Predicate) -> tuple[str, int] | None:
        """When the commit moved the entry into ``found.path`` from another file where the state already
        held, where to continue: that file, from the changes before this commit."""
        change = self.log.by_path[found.path][found.index]
        if self.entries.get(change.old, entry_id) is not None:
            return None  # the entry was already in this file: the commit changed it here
        for other in self.log.changes.get(found.commit, []):
            if other.path != found.path and self._holds(other.old, entry_id, holds):
                index = self.log.position[(other.path, found.commit)]
                return other.path, index + 1
        return None


def iter_snapshots(log: Log, paths: Callable[[str], bool]) -> Iterator[tuple[str, dict[str, str]]]:
    """(commit, {path: blob}) for every commit, oldest first, of the files for which ``paths`` is true: the
    tree of those files after each commit, rebuilt from the log's changes (merges included)."""
    state: dict[str, dict[str, str]] = {}
    for sha in reversed(log.order):
        commit = log.commits[sha]
        before = state.get(commit.parents[0], {}) if commit.parents else {}
        changes = log.merge_changes.get(sha) if len(commit.parents) > 1 else log.changes.get(sha)
        relevant = [c for c in changes or [] if paths(c.path)]
        if relevant:
            after = dict(before)
            for change in relevant:
                if change.new is None:
                    after.pop(change.path, None)
                else:
                    after[change.path] = change.new
        else:
            after = before
        state[sha] = after
        yield sha, after
