"""Fuzzing the two YAML readers (issue 12): the loader (libyaml's events, documents/loader.py) and the
plain-YAML fast reader the trail uses (documents/plain.py). On any input, neither raises: the loader answers
with a document or a finding (PML001 to PML004), the plain reader with a value or None. On every input the
plain reader accepts, the loader accepts it too and builds the same value, of the same types, keys in the same
order. Inputs: block YAML built from lines in the plain reader's style with tricky scalars, any text, and any
bytes.

The number of examples is modest for CI (a few seconds); ``PMARKLINT_FUZZ=long`` runs many more:
``PMARKLINT_FUZZ=long python -m pytest tests/hostile/test_fuzz.py``."""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmarklint.documents.loader import decode, parse
from pmarklint.documents.plain import plain_mapping

from helpers.data import same

settings.register_profile(
    "pmarklint-ci", max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "pmarklint-long", max_examples=20_000, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
PROFILE = settings.get_profile("pmarklint-long" if os.environ.get("PMARKLINT_FUZZ") == "long" else "pmarklint-ci")

FILE_CODES = {"PML001", "PML002", "PML003", "PML004"}

# Scalars near the edges of what each reader takes as plain: numbers of every YAML flavour, booleans of YAML
# 1.1, dates, indicators, a colon inside, comments, quotes, flow syntax, line-break look-alikes, a long integer.
ATOMS = [
    "a", "12", "012", "-5", "+7", "0x1F", "0o17", "1_000", "1.5", "1e3", ".5", "-.inf", ".NaN", "true", "True",
    "yes", "no", "on", "~", "null", "Null", "", "2026-04-01", "12:30", "x:y", "x: y", "x #y", "#c", "'q'", '"q"',
    "[]", "{}", "[a]", "{a: 1}", "a,b", "a  b", "大阪", "顧客情報", "|", ">", "&a", "*a", "!t", "!!str x", "?x",
    ":x", "x:", "-", "- x", "sha256:ab", "a ", " a", "é", "\t", "x\u2028y", "x\x85y", "\ufeffx", "x\x7f",
    "%x", "@x", "`x", "9" * 101, "-" + "9" * 120, "1" * 99,
]  # fmt: skip
NAMES = ["k", "id", "a_b", "K", "approvals", "name", "x1"]
ODD_KEYS = ["1k", "x-extra", "キー", "k k", "k:"]  # keys the plain reader leaves to libyaml
TRICKY = st.text(alphabet=st.sampled_from(list("ab1 -:#,'\"[]{}&*!|>?%@`\t\\.~大\u2028\x85\ufeff\x00\x1b")), max_size=8)


@st.composite
def block(draw: st.DrawFn, indent: int = 2, level: int = 0) -> list[str]:
    """Lines of a block mapping or list at ``indent``, nested a few levels, in (mostly) the plain style."""
    lines: list[str] = []
    keys = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=3, unique=True))
    for key in keys:
        if draw(st.integers(0, 9)) == 0:
            key = draw(st.sampled_from([*ODD_KEYS, *NAMES]))  # now and then an odd or a repeated key
        item = draw(st.booleans()) and level > 0
        head = " " * indent + ("- " if item else "") + key + ":"
        if level < 3 and draw(st.integers(0, 3)) == 0:
            sub = indent + draw(st.sampled_from([0, 1, 2, 2, 4])) + (2 if item else 0)
            lines += [head, *draw(block(sub, level + 1))]
        else:
            atom = draw(st.sampled_from(ATOMS)) if draw(st.integers(0, 3)) else draw(TRICKY)
            lines.append(head + (" " + atom if atom else ""))
    return lines


def loader(raw: bytes) -> tuple[Any, list[str]]:
    """The loader's reading of ``raw`` as a data file: (data, codes of its findings). Never an exception."""
    text, problems = decode(raw, "fuzz.yaml")
    if text is None:
        return None, [p.rule for p in problems]
    result = parse(text, "fuzz.yaml")
    codes = [p.rule for p in result.findings]
    assert set(codes) <= FILE_CODES, codes
    for item in result.findings:
        assert item.line >= 1 and item.column >= 1
        assert item.message("en") and item.message("ja")  # every finding renders in both languages
    return (result.document.data if result.document is not None else None), codes


def agree(raw: bytes) -> bool:
    """Whether the plain reader accepted ``raw``; when it did, the loader read the very same value."""
    read = plain_mapping(raw)
    data, codes = loader(raw)
    if read is None:
        return False
    assert codes == [], (raw, codes)
    assert same(read[0], data), (raw, read[0], data)
    return True


@PROFILE
@given(block())
def test_plain_style_lines(lines: list[str]) -> None:
    agree(("\n".join(lines) + "\n").encode("utf-8", "surrogatepass"))


@PROFILE
@given(st.text(max_size=200))
def test_any_text(text: str) -> None:
    agree(text.encode("utf-8", "surrogatepass"))


@PROFILE
@given(st.binary(max_size=200))
def test_any_bytes(raw: bytes) -> None:
    agree(raw)


def test_the_generated_lines_reach_the_fast_path() -> None:
    """The block strategy is worth its name: a fair share of what it makes is read by the plain reader (else
    the comparison above would compare nothing)."""
    accepted = 0

    @settings(PROFILE, max_examples=300, derandomize=True)  # the same examples every run: a count, not a search
    @given(block())
    def count(lines: list[str]) -> None:
        nonlocal accepted
        accepted += agree(("\n".join(lines) + "\n").encode("utf-8", "surrogatepass"))

    count()
    assert accepted >= 30
