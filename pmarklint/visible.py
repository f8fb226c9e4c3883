"""Text from a repository made safe to show: what a hostile or careless file holds (an ESC sequence that
clears the terminal, a line break that forges a summary line, a byte that is not UTF-8, a character XML
cannot hold) is shown as written, as a visible escape, and never acts on the reader's screen or file.

- :func:`visible`: for a terminal and plain text reports. Control characters (C0, DEL, C1), line and
  paragraph separators, and the bidirectional controls that reorder what is shown (CVE-2021-42574) become
  ``\\n``, ``\\t``, ``\\x1b``, ``\\u202e``; a byte that was not UTF-8 (a lone surrogate from a file name)
  becomes ``\\xNN``. Japanese and every other printable text is left alone.
- :func:`xml_text`: for XML 1.0, which cannot hold most control characters even escaped: they (and bytes
  that were not UTF-8) become U+FFFD, the replacement character; tab and line breaks, which XML holds, stay."""

from __future__ import annotations

import re

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# C0, DEL, C1; NEL, line and paragraph separators; bidirectional embeddings, overrides and isolates, marks;
# lone surrogates (bytes that were not UTF-8, decoded with surrogateescape).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the byte itself
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` on one line, with every character that would act on a terminal shown as an escape."""
    return _UNSAFE.sub(_escape, text)


def xml_text(text: str) -> str:
    """``text`` as XML 1.0 can hold it; what it cannot hold is replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def utf8(text: str) -> str:
    """``text`` that can be written as UTF-8: a byte that was not UTF-8 (a lone surrogate from a file name or
    a commit message, decoded with surrogateescape) becomes U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)
