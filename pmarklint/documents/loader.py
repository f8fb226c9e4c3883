"""Read a YAML data file safely and keep the position of every node.

This module owns PyYAML. It never constructs Python objects through PyYAML's constructors: it reads the
event stream of libyaml's parser (``CSafeLoader``) and builds plain dicts, lists and scalars itself, so that

* every node's line and column is kept (``Document.values`` and ``Document.keys``, by path);
* anchors, aliases, custom tags and several documents stop the file at once (PML003): a YAML bomb is
  refused at its first anchor, in milliseconds, before anything is expanded;
* nesting deeper than ``MAX_DEPTH`` is refused (libyaml's own composer recurses in C and crashes on a
  few hundred thousand levels; the event stream is flat);
* duplicate keys are findings (PML002) instead of silently keeping the last value;
* plain scalars are resolved the YAML 1.2 way, narrowed further: dates stay strings (so ``format: date``
  applies), only ``true``/``false`` are booleans (``yes``, ``no``, ``on`` and ``off`` stay text), and
  numbers with leading zeros (``0312``, a phone or postal code) stay text;
* an integer of more than ``MAX_INT_DIGITS`` digits stops the file (PML003): it is never converted, since
  ``int()`` of a long digit string takes quadratic time and Python refuses one of more than 4,300 digits.

Building from events is also faster than ``yaml.load``: see docs/design/loader.md.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from sys import intern
from typing import Any

import yaml
from yaml import events as ev

from pmarklint.documents import block
from pmarklint.documents.hints import FULLWIDTH_SPACE, diagnose
from pmarklint.documents.scalars import MAX_INT_DIGITS
from pmarklint.documents.scalars import LongNumber as _LongNumber
from pmarklint.documents.scalars import is_long_number as is_long_number
from pmarklint.documents.scalars import resolve as _resolve
from pmarklint.documents.scalars import resolve_plain as resolve_plain
from pmarklint.findings import Finding, finding

if not getattr(yaml, "__with_libyaml__", False):  # pragma: no cover - depends on the installation
    _Parser: Any = yaml.SafeLoader
else:
    _Parser = yaml.CSafeLoader

MAX_DEPTH = 64
DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024

Path = tuple[Any, ...]
# In a path, the second value of a key its mapping already has: (..., key, DUPLICATE, line of that key).
DUPLICATE = "\x00duplicate"

_STR_TAG = "tag:yaml.org,2002:str"
_COLLECTION_TAGS = frozenset({None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})
_SCALAR_TAGS = frozenset({None, "!", _STR_TAG})


def dotted(path: Path) -> str:
    """``('retention', 'period')`` as ``retention.period``; list items as ``risks[0].phase``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass
class Document:
    """A parsed file: its data and where each node stands (1-based line and column, by path)."""

    data: Any
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    # No key and no text in ``data`` is longer than this, when the reader knows such a bound (the block
    # reader: its longest line); lets the long-text check (PML007) skip its walk
    longest: int | None = None

    def position(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """The node at ``path`` (its key with ``key=True``), else its nearest ancestor that exists."""
        table = self.keys if key else self.values
        while path:
            if path in table:
                return table[path]
            if key and path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))


@dataclass
class LoadResult:
    document: Document | None
    findings: list[Finding]


def read_text(abs_path: str, rel: str, max_size: int) -> tuple[str | None, list[Finding]]:
    """The file's text, or a PML004 finding when it is too large or not UTF-8."""
    try:
        size = os.stat(abs_path).st_size
    except OSError as exc:
        return None, [finding("PML004", rel, 1, 1, "PML004.unreadable", error=str(exc))]
    if size > max_size:
        return None, [finding("PML004", rel, 1, 1, "PML004.too_large", size=size, limit=max_size)]
    with open(abs_path, "rb") as fh:
        raw = fh.read(max_size + 1)
    return decode(raw, rel)


def decode(raw: bytes, rel: str) -> tuple[str | None, list[Finding]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        key = "PML004.shift_jis" if _looks_like_shift_jis(raw) else "PML004.not_utf8"
        return None, [finding("PML004", rel, line, column, key, offset=exc.start)]
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, []


def _looks_like_shift_jis(raw: bytes) -> bool:
    try:
        text = raw.decode("cp932")
    except UnicodeDecodeError:
        return False
    # Shift_JIS text that decodes cleanly and contains Japanese characters (kana or kanji).
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


_HINTS = (
    ("mapping values are not allowed", "colon"),
    ("could not find expected ':'", "colon_missing"),
    ("found unexpected end of stream", "unclosed"),
    ("found undefined tag handle", "tag"),
)


def _syntax_finding(rel: str, exc: yaml.YAMLError, text: str) -> Finding:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        line, column = mark.line + 1, mark.column + 1
    elif isinstance(getattr(exc, "position", None), int):  # a reader error: an index into the text
        at = min(exc.position, len(text))  # type: ignore[attr-defined]
        line, column = text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1
    else:
        line, column = 1, 1
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if getattr(exc, "context", None):
        problem = f"{exc.context}, {problem}"  # type: ignore[attr-defined]
    likely = diagnose(text, line, str(exc))  # the beginner's mistake behind it, on the line where it is
    if likely is not None:
        return finding("PML001", rel, likely.line, likely.column, "PML001.syntax", problem=problem, hint=likely.name)
    hint = next((name for needle, name in _HINTS if needle in str(exc)), "none")
    return finding("PML001", rel, line, column, "PML001.syntax", problem=problem, hint=hint)


def parse(text: str, rel: str) -> LoadResult:
    """Parse one YAML document; anything unsafe or ambiguous is a finding, never an exception.

    A text in the plainest block layout is read by :mod:`pmarklint.documents.block`, which builds the same
    document without libyaml (``PMARKLINT_FAST_LOAD=0`` turns it off); anything else by libyaml's events."""
    if os.environ.get("PMARKLINT_FAST_LOAD") != "0":
        read = block.read(text)
        if read is not None:
            return LoadResult(Document(*read), [])
    return parse_events(text, rel)


def parse_events(text: str, rel: str) -> LoadResult:
    """:func:`parse` through libyaml's events alone."""
    parser = _Parser(text)
    try:
        return _build(parser, rel)
    except yaml.YAMLError as exc:
        if "exceeded maximum nesting depth" in str(exc):  # libyaml's own limit (PyYAML 6.0.4 and later)
            mark = getattr(exc, "problem_mark", None)
            line, column = _pos(mark) if mark is not None else (1, 1)
            return LoadResult(None, [finding("PML003", rel, line, column, "PML003.depth", limit=MAX_DEPTH)])
        return LoadResult(None, [_syntax_finding(rel, exc, text)])
    finally:
        parser.dispose()


def _pos(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _stop(rel: str, mark: Any, key: str, **args: Any) -> LoadResult:
    line, column = _pos(mark)
    return LoadResult(None, [finding("PML003", rel, line, column, key, **args)])


def _build(parser: Any, rel: str) -> LoadResult:  # noqa: C901 - one tight loop over the event stream
    """The document from the parser's events, with the position of every node and of every key."""
    get = parser.get_event
    values: dict[Path, tuple[int, int]] = {}
    keys: dict[Path, tuple[int, int]] = {}
    problems: list[Finding] = []
    # Each open collection: [container, its path, pending key (mappings), position of that key]
    stack: list[list[Any]] = []
    root: Any = None
    documents = 0
    Scalar, MapStart, SeqStart = ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent
    MapEnd, SeqEnd = ev.MappingEndEvent, ev.SequenceEndEvent
    event = get()
    while event is not None:
        cls = event.__class__
        if cls is Scalar or cls is MapStart or cls is SeqStart:
            tag = event.tag
            if event.anchor is not None or tag not in (_SCALAR_TAGS if cls is Scalar else _COLLECTION_TAGS):
                return _refused(rel, event)
            if cls is Scalar:
                try:
                    value = _resolve(event.value) if tag != _STR_TAG and event.implicit[0] else event.value
                except _LongNumber as long:
                    return _stop(rel, event.start_mark, "PML003.long_number", digits=long.args[0], limit=MAX_INT_DIGITS)
            else:
                value = {} if cls is MapStart else []
            if stack:
                top = stack[-1]
                container = top[0]
                if container.__class__ is dict:
                    if top[2] is None:  # this node is a key
                        if cls is not Scalar:
                            return _stop(rel, event.start_mark, "PML003.complex_key")
                        top[2] = intern(event.value)  # keys repeat in every entry: one object each
                        if event.value[:1] == FULLWIDTH_SPACE:  # indented with 全角スペース: read as the key's text
                            problems.append(_fullwidth_key(rel, event))
                        top[3] = event.start_mark
                        event = get()
                        continue
                    name = top[2]
                    top[2] = None
                    if name in container:
                        path = _duplicate(rel, top, name, keys, problems)
                    else:
                        path = top[1] + (name,)
                        container[name] = value
                        keys[path] = _pos(top[3])
                else:
                    path = top[1] + (len(container),)
                    container.append(value)
            else:
                path = ()
                root = value
            values[path] = _pos(event.start_mark)
            if cls is not Scalar:
                if len(stack) >= MAX_DEPTH:
                    return _stop(rel, event.start_mark, "PML003.depth", limit=MAX_DEPTH)
                stack.append([value, path, None, None])
        elif cls is MapEnd or cls is SeqEnd:
            stack.pop()
        elif cls is ev.AliasEvent or (cls is ev.DocumentStartEvent and documents):
            return _refused(rel, event)  # an alias, or a second document
        elif cls is ev.DocumentStartEvent:
            documents += 1
        event = get()
    return LoadResult(Document(root, values, keys), problems)


def _fullwidth_key(rel: str, event: Any) -> Finding:
    line, column = _pos(event.start_mark)
    return finding("PML001", rel, line, column, "PML001.fullwidth_key", key=event.value.lstrip(FULLWIDTH_SPACE))


def _refused(rel: str, event: Any) -> LoadResult:
    """The stop for what is never read (PML003): an alias, a second document, a node with an anchor or with a
    tag other than the plain ones."""
    cls, mark = event.__class__, event.start_mark
    if cls is ev.AliasEvent:
        return _stop(rel, mark, "PML003.alias", name=event.anchor)
    if cls is ev.DocumentStartEvent:
        return _stop(rel, mark, "PML003.documents")
    if event.anchor is not None:
        return _stop(rel, mark, "PML003.anchor", name=event.anchor)
    return _stop(rel, mark, "PML003.tag", tag=event.tag)


def _duplicate(rel: str, top: list[Any], name: str, keys: dict[Path, tuple[int, int]], problems: list[Finding]) -> Path:
    """A key the mapping on top of the stack already has (PML002): the finding, and the path under which the
    second value's position is kept (the value itself is dropped; the first one stays)."""
    first = keys[top[1] + (name,)]
    line, column = _pos(top[3])
    problems.append(
        finding(
            "PML002",
            rel,
            line,
            column,
            "PML002.duplicate",
            path=dotted((*top[1], name)),
            key=name,
            first_line=first[0],
        )
    )
    path: Path = top[1] + (name, DUPLICATE, line)
    return path


def load_file(abs_path: str, rel: str, max_size: int = DEFAULT_MAX_FILE_SIZE) -> LoadResult:
    text, problems = read_text(abs_path, rel, max_size)
    if text is None:
        return LoadResult(None, problems)
    return parse(text, rel)
