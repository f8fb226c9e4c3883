"""Plain scalars as pmarklint reads them (the YAML 1.2 way, narrowed: docs/design/loader.md), and the shape of
the plainest plain scalars, which the block reader and the plain reader read without libyaml. No outside
library: the loader (which owns PyYAML), block.py and plain.py share these."""

from __future__ import annotations

import re
from typing import Any

MAX_INT_DIGITS = 100  # an amount of yen, a count of people or records: never more than a few dozen digits

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(
    r"[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z|[-+]?(?:0|[1-9][0-9]*)[eE][-+]?[0-9]+\Z"
)
_SPECIAL_FLOATS = {
    ".inf": float("inf"),
    ".Inf": float("inf"),
    ".INF": float("inf"),
    "+.inf": float("inf"),
    "+.Inf": float("inf"),
    "+.INF": float("inf"),
    "-.inf": float("-inf"),
    "-.Inf": float("-inf"),
    "-.INF": float("-inf"),
    ".nan": float("nan"),
    ".NaN": float("nan"),
    ".NAN": float("nan"),
}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULLS = frozenset({"~", "null", "Null", "NULL"})


class LongNumber(Exception):
    """An integer literal too long to convert (``MAX_INT_DIGITS``); carries its number of digits."""


def resolve_plain(text: str) -> Any:
    """The value of an untagged plain scalar; an integer too long to convert stays text."""
    try:
        return resolve(text)
    except LongNumber:
        return text


def is_long_number(text: str) -> bool:
    """Whether an untagged plain scalar is an integer too long to read (the loader stops the file at it)."""
    return len(text) > MAX_INT_DIGITS and _INT.match(text) is not None and len(text.lstrip("+-")) > MAX_INT_DIGITS


def resolve(text: str) -> Any:
    """The value of an untagged plain scalar; raises :class:`LongNumber` for an integer of more than
    ``MAX_INT_DIGITS`` digits, before ``int()`` sees it."""
    if not text:
        return None
    first = text[0]
    if first in "0123456789+-.":
        if _INT.match(text):
            if len(text) > MAX_INT_DIGITS and len(text.lstrip("+-")) > MAX_INT_DIGITS:
                raise LongNumber(len(text.lstrip("+-")))
            return int(text)
        if _FLOAT.match(text):
            return float(text)
        return _SPECIAL_FLOATS.get(text, text)
    if first in "tTfF":
        return _BOOLS.get(text, text)
    if first in "nN~" and text in _NULLS:
        return None
    return text


# The plainest plain scalar, on one line: it starts with no indicator and holds no comment, no ``: ``, no
# bracket or brace, no control character, and no character that YAML takes as a line break or a byte order
# mark; its trailing spaces are not part of it (libyaml reads it so). A key of the plain reader is a name.
PLAIN_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
NOT_PLAIN = r"\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff#\[\]{}"  # nowhere in a plain scalar read here
PLAIN_SCALAR = (  # a first character that is no indicator, then the rest (its trailing spaces are dropped)
    rf"[^\s\x00-\x1f\-?:,&*!|>'\"%@`{NOT_PLAIN}][^\x00-\x1f:{NOT_PLAIN}]*(?::[^\s\x00-\x1f:{NOT_PLAIN}][^\x00-\x1f:{NOT_PLAIN}]*)*"
)
PLAIN_VALUE = rf"{PLAIN_SCALAR}|\[\]|\{{\}}"
