"""YAML as :mod:`pmarklint.documents.edit` writes it: scalars that read back as the very value (by our loader
and by YAML 1.1 readers alike), block and flow collections in a file's own layout (its
:class:`~pmarklint.documents.edit_scan.Style`), and where new keys go among the keys already there.
"""

from __future__ import annotations

import math
import re
from typing import Any

from pmarklint.documents.edit_scan import Rel, Style
from pmarklint.documents.loader import resolve_plain

_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_INDICATORS = frozenset(",[]{}")
_YAML11_WORDS = frozenset({"yes", "no", "on", "off", "y", "n", "true", "false", "null", "~"})
_NUMBERISH = re.compile(
    r"[-+]?(?:[0-9][0-9_,.:]*(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?|\.(?:inf|nan))\Z"
    r"|0[xob][0-9a-f_]+\Z",
    re.IGNORECASE,
)
_DATEISH = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?\Z")
_COMMENT_OR_COLON = re.compile(r":[ \t]|[ \t]#")
# YAML's printable characters, less the ones libyaml takes for line breaks (NEL, LS, PS) and the BOM.
_UNPRINTABLE = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")


def _plain_ok(text: str, *, flow: bool, date: bool) -> bool:
    """Whether ``text`` can be written without quotes and still read back as this very string, by our loader
    and by YAML 1.1 readers (an editor's schema plugin, PyYAML's safe_load) alike."""
    if not text or text != text.strip() or text[0] in _INDICATORS:
        return False
    if _UNPRINTABLE.search(text) or any(ch in text for ch in "\t\n\r"):
        return False
    if _COMMENT_OR_COLON.search(text) or text.endswith(":"):
        return False
    if flow and (":" in text or any(ch in _FLOW_INDICATORS for ch in text)):
        return False
    if resolve_plain(text) != text or text.casefold() in _YAML11_WORDS or _NUMBERISH.match(text):
        return False
    return date or not _DATEISH.match(text)


def _double_quoted(text: str) -> str:
    out = ['"']
    for ch in text:
        if ch == '"' or ch == "\\":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif _UNPRINTABLE.match(ch):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def scalar(value: Any, *, flow: bool = False, date: bool = False) -> str:
    """One scalar as YAML that the loader reads back as ``value``. ``date``: the field holds dates, so a
    date-like string is written plain (elsewhere it is quoted, so that no YAML 1.1 reader takes it for a
    date)."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    text = str(value)
    return text if _plain_ok(text, flow=flow, date=date) else _double_quoted(text)


def flow(value: Any, rel: Rel, style: Style) -> str:
    if isinstance(value, dict):
        parts = [f"{scalar(k, flow=True)}: {flow(v, (*rel, str(k)), style)}" for k, v in value.items()]
        return "{" + ", ".join(parts) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(item, rel, style) for item in value) + "]"
    return scalar(value, flow=True, date=rel in style.dates)


def block(mapping: dict[str, Any], column: int, rel: Rel, style: Style) -> list[str]:
    """A block mapping whose keys stand at ``column`` (0-based); every line carries its indentation."""
    pad = " " * column
    out: list[str] = []
    for key, value in mapping.items():
        sub = (*rel, str(key))
        name = scalar(key)
        if isinstance(value, dict) and value and not style.mapping_is_flow(sub):
            out.append(f"{pad}{name}:")
            out += block(value, column + style.indent, sub, style)
        elif isinstance(value, list) and value and not style.list_is_flow(sub, value):
            out.append(f"{pad}{name}:")
            out += sequence(value, column + style.seq_indent, sub, style)
        elif isinstance(value, (dict, list)):
            out.append(f"{pad}{name}: {flow(value, sub, style)}")
        else:
            out.append(f"{pad}{name}: {scalar(value, date=sub in style.dates)}")
    return out


def sequence(items: list[Any], column: int, rel: Rel, style: Style) -> list[str]:
    """A block sequence whose dashes stand at ``column``."""
    pad = " " * column
    out: list[str] = []
    for item in items:
        if isinstance(item, dict) and item and not style.flow_items.get(rel, False):
            lines = block(item, column + 2, rel, style)
            out.append(f"{pad}- {lines[0][column + 2 :]}")
            out += lines[1:]
        elif isinstance(item, (dict, list)):
            out.append(f"{pad}- {flow(item, rel, style)}")
        else:
            out.append(f"{pad}- {scalar(item, date=rel in style.dates)}")
    return out


def anchors(present: list[str], added: list[str], order: list[str]) -> dict[str, list[str]]:
    """For each key to add, the present key it goes after: the one that comes last among those that
    precede it in the schema's ``order`` (unknown keys come last), else the last present key."""
    last = len(order)
    rank = {name: i for i, name in enumerate(order)}
    groups: dict[str, list[str]] = {}
    for name in sorted(added, key=lambda n: rank.get(n, last)):
        mine = rank.get(name, last)
        before = [n for n in present if rank.get(n, last) <= mine]
        anchor = max(before, key=lambda n: (rank.get(n, last), present.index(n))) if before else present[-1]
        groups.setdefault(anchor, []).append(name)
    return groups


def arrange(old: list[str], new: dict[str, Any], order: list[str]) -> dict[str, Any]:
    """``new`` with the keys it shares with ``old`` in their old order, and its other keys where
    :func:`anchors` puts them."""
    present = [name for name in old if name in new]
    added = [name for name in new if name not in present]
    if not present:
        rank = {name: i for i, name in enumerate(order)}
        return {name: new[name] for name in sorted(new, key=lambda n: rank.get(n, len(order)))}
    groups = anchors(present, added, order)
    out: dict[str, Any] = {}
    for name in present:
        out[name] = new[name]
        for extra in groups.get(name, []):
            out[extra] = new[extra]
    return out
