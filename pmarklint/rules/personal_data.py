"""Real personal data typed into a ledger value by mistake.

A ledger names data items (「電話番号」, 「メールアドレス」); it should never hold an actual e-mail address,
phone number or My Number (個人番号). :func:`find_personal_data` finds those three in one value.

Width.  People type full width as readily as half width (「０３－１２３４－５６７８」).  NFKC of a whole string would
shift offsets (「㈱」 becomes three characters, half-width 「ｶﾞ」 one) and would turn 「①」 into a digit, so only the
characters whose NFKC is one ASCII character are folded: the full-width forms U+FF01-U+FF5E and the ideographic
space.  Matching runs on that folded copy, which has the original's length, and hits are cut from the original.
Only ASCII digits are digits (``re.ASCII``).

E-mail.  ``local@domain.tld`` with ASCII on both sides of the ``@``, so Japanese touching the address
(「連絡先はtaro@example.jpです」) stays out of it.  The local part may hold the dots Japanese carriers once allowed
(``taro..yamada.@docomo.ne.jp``) but may not start with one; it may not start in the middle of a run of its own
characters either.  The top-level domain is 2+ letters not followed by more domain characters, so ``a@b.c``,
``user@localhost`` and ``a@b.jp3`` are not addresses.

Phone.  Each accepted shape is spelled out in ``_PHONE_SHAPES`` (digits after the trunk ``0``; ``+81`` with an optional
``(0)`` replaces that ``0``), so 10 digits cover landlines with a 1-4 digit area code and 0120/0570, and 11 digits
cover 070/080/090 mobiles, 050 IP phones and 0800 free dial.  Between groups one separator is optional: a hyphen or a
look-alike (「-」「－」「‐」「‑」「‒」「–」「—」「―」「−」), a half- or full-width space, or a parenthesis
(``03(1234)5678``; ``(03)1234-5678`` keeps its opening parenthesis).  「ー」 (and half-width 「ｰ」), the prolonged sound
mark, is accepted too: a Japanese IME in full-width mode types it for the hyphen key, and since a separator only
counts between digit groups it cannot make a katakana word look like a number.  No digit may touch the number, nor a
digit across a hyphen or a dot, so dates (2026-04-01), decimals, 13-digit runs and ``03-1234-5678-9`` yield nothing,
while 7-digit postal codes, P-mark numbers (10820123(03)), amounts (1,200,000) and counts fit no shape.  Spaces are
not part of that boundary, so numbers in a space-separated list are still found.

My Number.  12 digits, optionally 4-4-4 with the same separators (not parentheses), whose 12th digit is the check
digit of the first 11 (:func:`my_number_check_digit`), so only about one ordinary 12-digit number in ten trips it.
Here a space before or after a further digit is a boundary too, so a 16-digit card number written in fours is not
read as a My Number.

Hits do not overlap.  E-mail wins over the digits inside it (``09012345678@docomo.ne.jp``), then My Number over phone.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Hit:
    kind: str  # "email" | "phone" | "my_number"
    text: str  # the matched text exactly as it appears in the value
    start: int  # character offset in the value


# NFKC of each of these is exactly one ASCII character: "０" -> "0", "＠" -> "@", "－" -> "-", "　" -> " ".
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\uff70"  # for a [character class]

# Every part is bounded (RFC 5321: 64 characters before the @, labels of 63), so that a long value without an
# address costs linear time: an unbounded local part made "a.a.a.…" of 80,000 characters take 7 seconds.
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9_%+-])[A-Za-z0-9_%+-][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}"
    r"(?![A-Za-z0-9-])"
)


def _with_gaps(pattern: str, gap: str) -> str:
    """Patterns below write ``~`` where one optional separator may stand between two groups of digits."""
    return pattern.replace("~", gap)


_PHONE_SHAPES = (
    r"[1-9]~\d{4}~\d{4}",  # 03-1234-5678: 1-digit area code (Tokyo, Osaka)
    r"[1-9]\d~\d{3}~\d{4}",  # 045-123-4567
    r"[1-9]\d{2}~\d{2}~\d{4}",  # 0467-12-3456
    r"[1-9]\d{3}~\d~\d{4}",  # 01267-2-3456
    r"[1-9]\d{2}~\d{3}~\d{3}",  # 0120-123-456 free dial, 0570-123-456 navi dial
    r"[5789]0~\d{4}~\d{4}",  # 090/080/070-1234-5678 mobile, 050 IP phone
    r"800~\d{3}~\d{4}",  # 0800-123-4567 free dial
)
_PHONE = re.compile(
    _with_gaps(
        rf"(?<![0-9])(?<![0-9][.{_DASHES}])"  # no digit touching it, nor one across a hyphen or a dot
        r"(?:(?:\((?=0\d{1,4}\)))?0|\+81~(?:\(0\)~)?)"  # trunk 0 or "(03)", else +81 or "+81 (0)"
        rf"(?:{'|'.join(_PHONE_SHAPES)})"
        rf"(?![.{_DASHES}]?[0-9])",
        f"[ {_DASHES}()]?",
    ),
    re.ASCII,
)
_MY_NUMBER = re.compile(
    _with_gaps(
        rf"(?<![0-9])(?<![0-9][. {_DASHES}])(\d{{4}})~(\d{{4}})~(\d{{4}})(?![. {_DASHES}]?[0-9])", f"[ {_DASHES}]?"
    ),
    re.ASCII,
)


# Every kind needs an @ or at least ten digits: most ledger values (names, purposes, dates) have neither,
# and are answered by these two quick searches alone.
_MAYBE = re.compile(r"[@＠]|(?:[0-9０-９][^0-9０-９]{0,4}){10}")


# More characters that are no digit than _MAYBE lets stand between two digits: texts joined with it match
# _MAYBE only where one of them does.
_APART = "\n" * 5


def may_hold_personal_data(texts: list[str]) -> bool:
    """Whether any of ``texts`` may hold what :func:`find_personal_data` finds, in one search for all of them:
    False means that none does (most entries of a ledger)."""
    return _MAYBE.search(_APART.join(texts)) is not None


def find_personal_data(value: str) -> list[Hit]:
    """E-mail addresses, Japanese phone numbers and My Numbers in ``value``, by position, none overlapping."""
    if not _MAYBE.search(value):
        return []
    folded = value.translate(_WIDTH)
    hits: list[Hit] = []
    for kind, match in _candidates(folded):
        start, end = match.span()
        if all(end <= hit.start or start >= hit.start + len(hit.text) for hit in hits):
            hits.append(Hit(kind, value[start:end], start))
    return sorted(hits, key=lambda hit: hit.start)


def _candidates(folded: str) -> Iterator[tuple[str, re.Match[str]]]:
    """In order of precedence when two overlap."""
    for match in _EMAIL.finditer(folded):
        yield "email", match
    for match in _MY_NUMBER.finditer(folded):
        digits = "".join(match.groups())
        if my_number_check_digit(digits[:11]) == int(digits[11]):
            yield "my_number", match
    for match in _PHONE.finditer(folded):
        yield "phone", match


def my_number_check_digit(first_eleven: str) -> int:
    """The official formula: P_n is the n-th of the 11 digits counted from the right, Q_n = n + 1 for n <= 6 and
    n - 5 for n >= 7, r = sum(P_n * Q_n) mod 11, and the check digit is 0 if r <= 1, else 11 - r."""
    if len(first_eleven) != 11 or not (first_eleven.isascii() and first_eleven.isdigit()):
        raise ValueError(f"expected 11 ASCII digits, got {first_eleven!r}")
    total = sum(int(p) * (n + 1 if n <= 6 else n - 5) for n, p in enumerate(reversed(first_eleven), start=1))
    remainder = total % 11
    return 0 if remainder <= 1 else 11 - remainder


def is_allowed(hit_text: str, allow: Iterable[str]) -> bool:
    """Whether ``hit_text`` is listed in ``allow``, exactly or by an fnmatch pattern (``*@example.co.jp``, ``03-*``).
    Both sides are width-folded and case-folded, so e-mail addresses compare case-insensitively and a full-width hit
    matches a half-width entry; digits and separators must otherwise agree."""
    text = _comparable(hit_text)
    for entry in allow:
        pattern = _comparable(entry.strip())
        if text == pattern or fnmatch.fnmatchcase(text, pattern):
            return True
    return False


def _comparable(text: str) -> str:
    return text.translate(_WIDTH).casefold()
