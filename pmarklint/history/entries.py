"""Entries of a blob, by id: :class:`Entries` reads from a blob only the entries asked for, from the text of
that entry alone (:mod:`pmarklint.documents.slices`), and rebuilds an entry from its previous revision where
only some of its keys changed. Blob ids are content hashes, so what is derived from a blob is kept by its id
for the whole run."""

from __future__ import annotations

import bisect
import re
from collections import OrderedDict
from typing import Any

from pmarklint.approvals.digest import Approval
from pmarklint.documents.loader import decode, parse
from pmarklint.documents.plain import (
    FILE_DEPTH,
    PIECE_DEPTH,
    is_header,
    only_comments,
    parse_blocks,
    plain_block,
    plain_mapping,
)
from pmarklint.documents.slices import (
    DIGEST_TEXT,
    KIND_LINE,
    Cut,
    Slices,
    common_prefix,
    common_suffix,
    grown_items,
    resplit,
    split_entries,
)
from pmarklint.git.blobs import Blobs

_NEAR = 64  # how far split_among looks for a revision split already


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
        self._keys: dict[bytes, tuple[bytes, bytes | None]] = {}  # an entry's bytes → _parts(them)
        self._kind: dict[str, str | None] = {}
        self._approval_keys: dict[bytes, frozenset[tuple[str, str, str, str]]] = {}
        self._content: dict[tuple[str, str], bytes | None] = {}  # (blob, entry id) → content_key()
        self._keys_at: dict[tuple[str, str], frozenset[tuple[str, str, str, str]] | None] = {}  # → approval_keys()
        self._digests: dict[str, dict[str, set[str]]] = {}
        # For reading revision after revision (see "Revision after revision" below).
        self._blocks: dict[bytes, tuple[str, Any, int]] = {}  # a key's lines → (key, value, depth bound)
        self._alone: dict[bytes, int] = {}  # an item that parses on its own, in keys → depth bound of its values
        self._recent: dict[str, Cut] = {}  # entry id → its item put together last

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
            found = KIND_LINE.search(self._bytes(blob))
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
        at = (blob, entry_id)
        if at in self._content:
            return self._content[at]
        piece = self.piece(blob, entry_id)
        found = self._parts(piece)[0] if piece is not None else None
        if len(self._content) > 200_000:
            self._content.clear()
        self._content[at] = found
        return found

    def _parts(self, piece: bytes) -> tuple[bytes, bytes | None]:
        found = self._keys.get(piece)
        if found is None:
            if len(self._keys) > 100_000:
                self._keys.clear()
            found = self._keys[piece] = _parts(piece)
        return found

    def approvals(self, blob: str, entry_id: str) -> list[Any] | None:
        """The entry's ``approvals`` list in the blob, parsing only those lines (None: not there, or the
        layout needs the whole entry parsed: then use :meth:`get`)."""
        piece = self.piece(blob, entry_id)
        if piece is None:
            return None
        block = self._parts(piece)[1]
        if block is None:
            return None
        if block not in self._parsed:
            # the usual block style, without libyaml; the blank lines that end the block (before the next entry)
            # say nothing, and the plain reader takes no blank line (it reads no block scalar, whose ``|+``
            # would keep them)
            plain = plain_block(block.rstrip(b"\n") + b"\n", "approvals")
            if plain is not None and plain[2] <= FILE_DEPTH:
                self._parsed[block] = plain[1]
            else:
                text, _ = decode(block, "approvals")
                document = parse(text, "approvals").document if text else None
                data = document.data if document is not None else None
                self._parsed[block] = data.get("approvals") if isinstance(data, dict) else None
        value = self._parsed[block]
        return value if isinstance(value, list) else None

    def approval_keys(self, blob: str, entry_id: str) -> frozenset[tuple[str, str, str, str]] | None:
        """(by, role, date, digest) of each well-formed item of :meth:`approvals`, kept by the bytes of those
        lines: what a search for one approval compares, revision after revision (kept by blob and id too).
        None as :meth:`approvals`."""
        at = (blob, entry_id)
        if at in self._keys_at:
            return self._keys_at[at]
        if len(self._keys_at) > 200_000:
            self._keys_at.clear()
        found = self._keys_at[at] = self._approval_keys_of(blob, entry_id)
        return found

    def known_approval_keys(self, blob: str, entry_id: str) -> frozenset[tuple[str, str, str, str]] | bool | None:
        """:meth:`approval_keys` when this run has computed it for the blob and id already; False when not."""
        return self._keys_at.get((blob, entry_id), False)

    def _approval_keys_of(self, blob: str, entry_id: str) -> frozenset[tuple[str, str, str, str]] | None:
        piece = self.piece(blob, entry_id)
        block = self._parts(piece)[1] if piece is not None else None
        if block is None:
            return None
        found = self._approval_keys.get(block)
        if found is None:
            found = _usual_approvals(block)
            if found is None:
                listed = self.approvals(blob, entry_id)
                if listed is None:
                    return None
                found = frozenset((a.by, a.role, a.date, a.digest) for a in Approval.read({"approvals": listed}))
            self._approval_keys[block] = found
        return found

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

    def may_hold(self, blob: str, entry_id: str, text: str) -> bool:
        """A quick test of whether the entry's item in the blob can hold ``text`` (a digest): False only when it
        surely does not; a file that cannot be split is looked up in :meth:`digests`."""
        slices = self._split(blob)
        if slices is not None:
            if entry_id not in slices:
                return False
            start, end = slices[entry_id]
            return self._bytes(blob).find(text.encode("utf-8", "surrogateescape"), start, end) >= 0
        return entry_id in self.digests(blob).get(text, ())

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
            for m in DIGEST_TEXT.finditer(data):
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

    def split_among(self, blob: str, revisions: list[str | None], at: int) -> None:
        """Split ``blob`` (``revisions[at]``, one revision of a file among its others) from the nearest revision
        already split (:meth:`split_near`), when one is near; a search that probes revisions out of order (the
        tracer's gallop and bisection) then reads only what differs from a revision it has seen."""
        if blob in self._slices:
            return
        for distance in range(1, min(_NEAR, len(revisions)) + 1):
            for j in (at - distance, at + distance):
                base = revisions[j] if 0 <= j < len(revisions) else None
                if base is not None and self._slices.get(base):
                    self.split_near(blob, base)
                    return

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
        if deepest > PIECE_DEPTH or value.get("id") != entry_id:
            return None
        self._alone[piece] = deepest
        self._recent[entry_id] = cut
        return self._parsed.setdefault(piece, value)

    def _compose_again(
        self, before: Cut, cut: Cut, low: int, high: int, old_high: int
    ) -> tuple[dict[str, Any], int, Cut] | None:
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

    def _compose_whole(self, piece: bytes) -> tuple[dict[str, Any], int, Cut] | None:
        """An item read whole (:func:`plain_mapping`), or key by key."""
        cut = Cut.of(piece)
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
            new_items = grown_items(before[0], block) if before is not None and isinstance(before[1], list) else None
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
        if not only_comments(data[last:]) or not is_header(data[:first]):
            return None
        out = {}
        for entry_id, (start, end) in slices.items():
            piece = data[start:end]
            if piece not in self._alone:
                value = self._compose(piece, entry_id)
                if value is None:
                    return None
                self._parsed.setdefault(piece, value)
            if self._alone.get(piece, FILE_DEPTH + 1) > FILE_DEPTH:
                return None
            out[entry_id] = self._parsed[piece]
        return out


# The approvals lines as pmarklint writes them (``pmarklint sign``): a key, then items of the four keys in this
# order, each value a plain scalar that the loader reads as text (an id, a date, a digest), and blank lines at
# the end. Anything else is read by the plain reader or libyaml.
_ID_TEXT = rb"(?!(?:null|true|false)\n)[a-z][a-z0-9_.-]{0,63}"
_USUAL_APPROVALS = re.compile(
    rb"( *)approvals:\n((?:\1  - by: " + _ID_TEXT + rb"\n\1    role: " + _ID_TEXT + rb"\n"
    rb"\1    date: [0-9]{4}-[0-9]{2}-[0-9]{2}\n\1    digest: sha256:[0-9a-f]{64}\n)+)\n*"
)
_USUAL_ITEM = re.compile(rb" *- by: ([^\n]+)\n *role: ([^\n]+)\n *date: ([^\n]+)\n *digest: ([^\n]+)\n")


def _usual_approvals(block: bytes) -> frozenset[tuple[str, str, str, str]] | None:
    """(by, role, date, digest) of each item when the approvals lines are in the usual layout (above), else
    None: the same tuples that the loader's reading of those lines gives, without reading them as YAML."""
    whole = _USUAL_APPROVALS.fullmatch(block)
    if whole is None:
        return None
    items = _USUAL_ITEM.findall(whole.group(2))
    return frozenset(tuple(part.decode("ascii") for part in item) for item in items)


def _parts(piece: bytes) -> tuple[bytes, bytes | None]:
    """An entry item's bytes split into (everything but the ``approvals`` key, the ``approvals`` lines);
    the second is None when there are none or when they do not stand apart (``- approvals:`` first).

    The split is made only where the ``approvals:`` line is surely a key of the item: at the item's own key
    column, with no quote and no open bracket on any line above it (a quoted scalar may go on over several
    lines, at any indentation, and hold a line that reads ``approvals:``). Anything else is read whole."""
    if b"approvals:" not in piece:
        return piece, None
    lines = piece.split(b"\n")
    first = lines[0].lstrip(b" ")
    if not first.startswith(b"- "):
        return piece, None
    column = len(lines[0]) - len(first) + 2 + (len(first[2:]) - len(first[2:].lstrip(b" ")))
    for index, line in enumerate(lines):
        bare = line.lstrip(b" ")
        if not bare.startswith(b"approvals:"):
            continue
        indent = len(line) - len(bare)
        if index == 0 or indent != column or not _plain(lines[:index]):
            return piece, None
        end = index + 1
        while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip(b" ")) > indent):
            end += 1
        return b"\n".join(lines[:index] + lines[end:]), b"\n".join(lines[index:end]) + b"\n"
    return piece, None


def _plain(lines: list[bytes]) -> bool:
    """Whether no line opens a scalar or a collection that could go on below it: no quote characters, and
    brackets closed on the line that opens them."""
    text = b"\n".join(lines)
    if b'"' in text or b"'" in text:
        return False
    if b"[" not in text and b"{" not in text:
        return True
    return all(
        line.count(b"[") + line.count(b"{") == line.count(b"]") + line.count(b"}")
        for line in lines
        if b"[" in line or b"{" in line or b"]" in line or b"}" in line
    )


def _parse_item(piece: bytes) -> dict[str, Any] | None:
    text, _ = decode(piece, "entry")
    if text is None:
        return None
    document = parse(text, "entry").document
    data = document.data if document is not None else None
    if isinstance(data, list) and len(data) == 1 and isinstance(data[0], dict):
        return data[0]
    return None
