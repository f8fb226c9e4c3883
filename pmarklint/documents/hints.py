"""What a YAML syntax error most likely is, in the words of the person who made it.

The parser says where it gave up ("mapping values are not allowed in this context", "did not find expected
key"), which is often a line after the real mistake and never says what the mistake was. :func:`diagnose`
looks at the lines around that place for the mistakes people make when they first edit a ledger by hand,
and names the one it finds, with the line it is on:

* ``fullwidth``: a line indented with a full-width space (全角スペース, U+3000), which looks like a space
  but is a character to YAML;
* ``tab``: a line indented with a tab;
* ``dash_space``: an item written ``-id: PI-001``, without the space after ``-``;
* ``colon_space``: a key written ``name:顧客``, without the space after ``:``;
* ``empty_list``: ``entries: []`` (the empty list of a new file) with the example items below it uncommented;
* ``over_indented``: a key indented further than the key above it, which already has its value.

Only the text is read: the parser itself is :mod:`pmarklint.documents.loader`'s. None when nothing here
fits; the loader then keeps its general hints."""

from __future__ import annotations

import re
from dataclasses import dataclass

FULLWIDTH_SPACE = "\u3000"

_BLANK_OR_COMMENT = re.compile(r"[ \t\u3000]*(?:#.*)?\Z")
_DASH_NO_SPACE = re.compile(r"( *)-(?=[^\s\-\d.])[^\s:]+:(?: |\Z)")
_COLON_NO_SPACE = re.compile(r" *(?:- +)?[A-Za-z_][\w-]*:(?=[^\s/])")
_EMPTY_LIST = re.compile(r" *(?:- +)?[A-Za-z_][\w-]*:[ \t]*\[[ \t]*\][ \t]*(?:#.*)?\Z")
_ITEM = re.compile(r" *- ")
_KEY_WITH_VALUE = re.compile(r"( *)(- +)?([^\s#:'\"][^:#]*?|'[^']*'|\"[^\"]*\"):[ \t]+[^\s#]")
_KEY = re.compile(r"( *)(- +)?[^\s#:-][^:#]*?:(?:[ \t]|\Z)")


@dataclass(frozen=True)
class Hint:
    name: str  # the key under ``hint.`` in the catalogs
    line: int  # 1-based, where the mistake is
    column: int


def diagnose(text: str, line: int, problem: str) -> Hint | None:
    """The likely mistake behind a syntax error the parser reported on ``line`` (1-based)."""
    lines = text.split("\n")
    if not lines:
        return None
    line = min(max(line, 1), len(lines))
    nearby = _nearby(lines, line)
    for number in nearby:
        found = _indentation(lines[number - 1], number)
        if found is not None:
            return found
    for number in nearby:
        source = lines[number - 1]
        dash = _DASH_NO_SPACE.match(source)
        if dash is not None:
            return Hint("dash_space", number, len(dash.group(1)) + 1)
        if ": " not in source and _COLON_NO_SPACE.match(source) and not source.lstrip().startswith("#"):
            return Hint("colon_space", number, source.index(":") + 1)
    empty = _empty_list_above(lines, line)
    if empty is not None:
        return empty
    if len(nearby) == 2:
        return _over_indented(lines, nearby[1], nearby[0])
    return None


def _nearby(lines: list[str], line: int) -> list[int]:
    """The line the parser named and the nearest line above it that holds something (not blank, not a
    comment): the mistake is on one of them in nearly every case."""
    out = [line]
    above = line - 1
    while above >= 1 and _BLANK_OR_COMMENT.match(lines[above - 1]):
        above -= 1
    if above >= 1:
        out.append(above)
    return out


def _indentation(source: str, number: int) -> Hint | None:
    stripped = source.lstrip(" \t" + FULLWIDTH_SPACE)
    leading = source[: len(source) - len(stripped)]
    if FULLWIDTH_SPACE in leading:
        return Hint("fullwidth", number, leading.index(FULLWIDTH_SPACE) + 1)
    if "\t" in leading:
        return Hint("tab", number, leading.index("\t") + 1)
    return None


def _empty_list_above(lines: list[str], line: int) -> Hint | None:
    """``key: []`` whose next line with content is an item (``- …``), at or above the line named."""
    for number in range(min(line, len(lines)), 0, -1):
        if not _EMPTY_LIST.match(lines[number - 1]):
            continue
        following = number + 1
        while following <= len(lines) and _BLANK_OR_COMMENT.match(lines[following - 1]):
            following += 1
        if following <= len(lines) and following <= line + 1 and _ITEM.match(lines[following - 1]):
            return Hint("empty_list", number, lines[number - 1].index("[") + 1)
        return None
    return None


def _over_indented(lines: list[str], above: int, line: int) -> Hint | None:
    """A key on ``line`` indented further than the key on ``above``, which has its value on its own line."""
    previous = _KEY_WITH_VALUE.match(lines[above - 1])
    current = _KEY.match(lines[line - 1])
    if previous is None or current is None or current.group(2):
        return None
    key_column = len(previous.group(1)) + len(previous.group(2) or "")
    if len(current.group(1)) > key_column:
        return Hint("over_indented", line, len(current.group(1)) + 1)
    return None
