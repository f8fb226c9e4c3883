"""Schema patterns as JSON Schema defines them: ECMA-262 regular expressions (no flags), matched by Python's
``re`` after a translation of the constructs whose meaning differs, and what a failing value hides.

Python reads ``^[A-Z]{2}$`` differently from ECMA-262 in ways that let a value through that is not what it
looks like: ``$`` also matches before a final line break (so ``"JP\\n"`` is a country), ``\\d`` and ``\\w``
match any script's digits and letters (``"１"`` is a digit), ``.`` matches ``\\r`` and ``\\u2028``, and ``\\s``
is a different set of white space. :func:`ecma_regex` rewrites exactly those: ``$`` outside a character class
becomes ``\\Z``, ``\\d``/``\\w`` become their ASCII classes, ``\\s`` becomes ECMA-262's white space and line
terminators, ``.`` excludes the four line terminators. A construct it does not know is refused rather than
guessed at (a test translates every pattern of the shipped schemas and compares it with an ECMAScript
engine on a corpus of near misses: tests/documents/test_patterns.py).

:func:`hidden` names what the eye does not see in a value that failed its pattern or format: a line break at
the end, a space at either end, full-width letters or digits, an invisible character.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# ECMA-262 WhiteSpace and LineTerminator (22.2.2.9 CharacterClassEscape \s): what \s matches there.
_WHITE = "\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
_LINE_TERMINATORS = "\n\r\u2028\u2029"
_IN_CLASS = {"d": "0-9", "w": "A-Za-z0-9_", "s": _WHITE}
_OUTSIDE = {
    "d": "[0-9]",
    "D": "[^0-9]",
    "w": "[A-Za-z0-9_]",
    "W": "[^A-Za-z0-9_]",
    "s": f"[{_WHITE}]",
    "S": f"[^{_WHITE}]",
}
# Escapes that mean the same in both: a literal character, a control escape, a word boundary (a backspace
# inside a class, in both).
_SAME = frozenset("bBtnrfv0\\/^$.*+?()[]{}|-")


class UnsupportedPattern(ValueError):
    """A pattern construct the translation does not know; add it here (with a test) before using it."""


def translate(pattern: str) -> str:
    """The ECMA-262 ``pattern`` as a Python regular expression with the same meaning (compile with re.ASCII)."""
    out: list[str] = []
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            out.append(_escape(pattern, index, in_class))
            index += 6 if pattern[index + 1 : index + 2] == "u" else 4 if pattern[index + 1 : index + 2] == "x" else 2
            continue
        if in_class:
            if char == "]":
                in_class = False
            elif char == "[":
                out.append("\\[")  # a literal [ in ECMA-262, a nested set (a FutureWarning) in Python
                index += 1
                continue
            out.append(char)
        elif char == "[":
            body = pattern[index + 1 :]
            if body.startswith(("]", "^]")):
                raise UnsupportedPattern(f"empty or negated-empty class in {pattern!r}")
            in_class = True
            out.append(char)
            if body.startswith("^"):
                out.append("^")
                index += 1
        elif char == "$":
            out.append("\\Z")
        elif char == ".":
            out.append("[^\\n\\r\\u2028\\u2029]")
        elif char == "(" and pattern.startswith("(?", index):
            out.append(_group(pattern, index))
            index += 3 if pattern.startswith(("(?:", "(?=", "(?!"), index) else 4
            continue
        else:
            out.append(char)
        index += 1
    return "".join(out)


def _escape(pattern: str, index: int, in_class: bool) -> str:
    letter = pattern[index + 1 : index + 2]
    if letter == "u" and re.fullmatch(r"[0-9A-Fa-f]{4}", pattern[index + 2 : index + 6]):
        return pattern[index : index + 6]
    if letter == "x" and re.fullmatch(r"[0-9A-Fa-f]{2}", pattern[index + 2 : index + 4]):
        return pattern[index : index + 4]
    if in_class and letter in _IN_CLASS:
        return _IN_CLASS[letter]
    if not in_class and letter in _OUTSIDE:
        return _OUTSIDE[letter]
    if letter in _SAME:
        return "\\" + letter
    raise UnsupportedPattern(f"escape \\{letter} in {pattern!r}")


def _group(pattern: str, index: int) -> str:
    for opening in ("(?:", "(?=", "(?!", "(?<=", "(?<!"):
        if pattern.startswith(opening, index):
            return opening
    raise UnsupportedPattern(f"group {pattern[index : index + 4]!r} in {pattern!r}")


@cache
def ecma_regex(pattern: str) -> re.Pattern[str]:
    """The compiled Python equivalent of an ECMA-262 pattern; ``.search(value)`` is the schema's verdict."""
    return re.compile(translate(pattern), re.ASCII)


# ---------------------------------------------------------------------------------------- what is hidden


def _is_fullwidth(char: str) -> bool:
    """A full-width form of an ASCII character (Ａ, １, －, ＠) or the ideographic space."""
    return "\uff01" <= char <= "\uff5e" or char == "\u3000"


def _is_invisible(char: str) -> bool:
    return unicodedata.category(char) in ("Cf", "Cc", "Zl", "Zp") and char not in "\t\n\r"


def _codes(chars: str) -> str:
    return ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(chars))


def hidden(value: str) -> tuple[str, dict[str, str]] | None:
    """What a value hides, as a message key suffix and its arguments, or None when nothing is hidden:
    ``newline`` (a line break at the end), ``linebreak`` (one inside), ``space`` (white space at either end),
    ``fullwidth`` (full-width forms of ASCII characters, listed), ``invisible`` (listed by code point)."""
    if value and value[-1] in _LINE_TERMINATORS:
        return "newline", {}
    if any(c in _LINE_TERMINATORS for c in value):
        return "linebreak", {}
    if value != value.strip():
        return "space", {}
    wide = "".join(c for c in value if _is_fullwidth(c))
    if wide:
        return "fullwidth", {"chars": " ".join(dict.fromkeys(wide))}
    invisible = "".join(c for c in value if _is_invisible(c))
    if invisible:
        return "invisible", {"chars": _codes(invisible)}
    return None
