"""A ledger's bytes cut into entries without parsing them: :func:`split_entries` finds each entry's slice
with one regular-expression pass, :func:`resplit` finds the slices of the next revision of a file from the
previous one's (only the bytes between the common prefix and the common suffix are searched again), and
:func:`key_blocks` cuts one entry into its top-level keys. Whatever is not in the usual block layout gives
None, and the caller parses the file with the loader instead."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass

# The usual layout of a data file: a top-level ``entries:`` and its items, one ``- `` per entry, at one
# indentation. Anything else (flow style, tabs, an id that is not a plain scalar) is parsed whole.
_ENTRIES = re.compile(rb"^entries:[ \t]*(?:#[^\n]*)?$", re.M)
DIGEST_TEXT = re.compile(rb"sha256:[0-9a-f]{64}")
KIND_LINE = re.compile(rb"^kind:[ \t]*['\"]?([A-Za-z_]+)", re.M)
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


_ID_LINE = re.compile(rb"^(?:[ \t]|\xe3\x80\x80)*-?(?:[ \t]|\xe3\x80\x80)*(id:[^\n]*)", re.M)


def declared(data: bytes) -> tuple[str | None, frozenset[str]]:
    """The kind and the entry ids a file declares, read line by line without parsing: what a file that does not
    parse would have contributed (``kind: …`` at the top level, each ``id: …`` line whatever its indentation)."""
    kind = KIND_LINE.search(data)
    ids = {found for line in _ID_LINE.finditer(data) if (found := _id_of(line.group(1))) is not None}
    return (kind.group(1).decode("ascii") if kind else None), frozenset(ids)


# -- revision after revision: the helpers ---------------------------------------------------------------------
Slices = dict[str, tuple[int, int]] | None


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
    cut = Cut.of(piece)
    return list(zip(cut.keys, cut.blocks, strict=True)) if cut is not None else None


@dataclass
class Cut:
    """An item cut into its top-level keys (:func:`key_blocks`): each key, and where its lines start."""

    piece: bytes
    indent: int  # of the keys
    keys: list[str]
    starts: list[int]  # where each key's lines start (the first at 0)

    @classmethod
    def of(cls, piece: bytes) -> Cut | None:
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

    def again(self, piece: bytes) -> tuple[Cut, int, int, int] | None:
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
        return Cut(piece, self.indent, keys, cuts), kept - 1, changed, after

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


def grown_items(old: bytes, new: bytes) -> bytes | None:
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
