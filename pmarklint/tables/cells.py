"""Cell values: how a ledger value becomes a table cell and how a cell reads back as a value.

Every cell reads back as exactly the value it was made from (export then import changes nothing): each value
is written in its readable form when that form reads back the same, and otherwise as ``json:`` followed by the
value in JSON, which is how a value the readable form cannot carry (a stray type, text with surrounding
spaces, an empty list) survives the round trip. ``docs/integrations/excel.md`` is the user's guide.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from functools import cache
from typing import Any

from pmarklint.tables import message
from pmarklint.tables.columns import Column
from pmarklint.tables.labels import (
    REFERENCES,
    ROLE_COLUMNS,
    LabelError,
    Vocabulary,
    enum_value,
    enum_word,
    role_value,
    role_word,
)

Cell = Any  # str | int | float | bool | datetime.date | datetime.datetime | None, as a workbook holds them
JSON_PREFIX = "json:"


class _Absent:
    """An empty cell: the field is not set."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Any = _Absent()


class CellError(ValueError):
    """A cell that cannot be read; the message says why (in the language asked for)."""


_TRUE = frozenset({"はい", "yes", "y", "true", "○", "〇", "◯", "有", "あり", "1", "✓", "✔"})
_FALSE = frozenset({"いいえ", "no", "n", "false", "×", "✕", "✖", "無", "なし", "無し", "0"})
BOOL_WORDS = {"ja": ("はい", "いいえ"), "en": ("yes", "no")}
_TIME = r"(?:\s*[ T]\s*[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?"
_DATE = re.compile(r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?" + _TIME)
# 和暦: 令和6年4月1日, 令和元年5月1日, R6.4.1, H31/4/30 (an era's first year is 元年).
_ERA_DATE = re.compile(
    r"(令和|平成|昭和|[RHS])\s*(元|[0-9]{1,2})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?" + _TIME,
    re.IGNORECASE,
)
# Each era: the year before its first year, its first and its last day.
_ERAS = {
    "令和": (2018, dt.date(2019, 5, 1), dt.date.max),
    "平成": (1988, dt.date(1989, 1, 8), dt.date(2019, 4, 30)),
    "昭和": (1925, dt.date(1926, 12, 25), dt.date(1989, 1, 7)),
}
_ERA_LETTERS = {"r": "令和", "h": "平成", "s": "昭和"}
# What an office writes in a cell that has nothing to say: read as an empty cell wherever the field may be
# left out (in a yes/no column なし is "no"); in the id column it stays text.
PLACEHOLDERS = frozenset({"なし", "無し", "該当なし", "-", "ー", "―", "—", "‐", "−"})
_DURATION = re.compile(r"P(?!$)([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?")
_DURATION_JA = re.compile(r"(?:([0-9]+)年)?(?:([0-9]+)[かヶケカヵ箇]月)?(?:([0-9]+)週)?(?:([0-9]+)日)?間?")
_DURATION_EN = re.compile(
    r"(?:([0-9]+)years?)?(?:([0-9]+)months?)?(?:([0-9]+)weeks?)?(?:([0-9]+)days?)?", re.IGNORECASE
)
_NO_LABELS = Vocabulary()
_COUNT = re.compile(r"[0-9]+(?:\.0+)?")
_ID_SEPARATORS = re.compile(r"[\s,、，;；]+")
# Characters a workbook cannot hold (openpyxl refuses them); such values are written as json:.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\r]")


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def text_of(cell: Cell) -> str:
    """A cell as the text a CSV file holds."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat(sep=" ")
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _date(text: str) -> str:
    plain = _nfkc(text)
    match = _DATE.fullmatch(plain)
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        except ValueError:
            pass
    match = _ERA_DATE.fullmatch(plain)
    if match:
        era = _ERA_LETTERS.get(match[1].casefold(), match[1])
        before, first, last = _ERAS[era]
        year = before + (1 if match[2] == "元" else int(match[2]))
        try:
            day = dt.date(year, int(match[3]), int(match[4]))
        except ValueError:
            return text
        if first <= day <= last:  # 平成31年5月1日 is no day: that was 令和元年5月1日
            return day.isoformat()
    return text


def _duration(text: str) -> str:
    plain = _nfkc(text).replace(" ", "")
    if _DURATION.fullmatch(plain.upper()):
        return plain.upper()
    match = _DURATION_JA.fullmatch(plain) or _DURATION_EN.fullmatch(plain)
    if match and any(match.groups()):
        units = zip(match.groups(), "YMWD", strict=True)
        return "P" + "".join(f"{int(n)}{unit}" for n, unit in units if n)
    return text


def _boolean(cell: Cell) -> Any:
    if isinstance(cell, bool):
        return cell
    word = _nfkc(text_of(cell)).strip().casefold()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    return text_of(cell).strip()


def _integer(cell: Cell) -> Any:
    if isinstance(cell, bool):
        return cell
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float):
        return int(cell) if cell.is_integer() else cell
    text = text_of(cell).strip()
    plain = re.sub(r"[\s,]", "", _nfkc(text)).removesuffix("件")
    if _COUNT.fullmatch(plain):
        return int(float(plain))
    return text


def norm(header: str) -> str:
    """A header or a label as headers are compared: NFKC, without white space, case folded."""
    return re.sub(r"\s+", "", _nfkc(header)).casefold()


@cache
def _labels(column: Column) -> dict[str, str]:
    """Every way a field of a list item may be labelled (normalised) → the field's name."""
    out: dict[str, str] = {}
    for item in column.fields:
        for label in (item.name, item.ja, item.en):
            out[norm(label)] = item.name
    return out


@cache
def _item_patterns(column: Column) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """How the lines of a list-of-objects cell split into ``label: value`` parts (a `` / `` splits only
    where a label and a colon follow it, so a value may hold `` / `` itself)."""
    names = sorted({label for f in column.fields for label in (f.name, f.ja, f.en)}, key=len, reverse=True)
    alternatives = "|".join(re.escape(n) for n in names)
    split = re.compile(rf"\s/\s+(?=(?:{alternatives})\s*[:：])", re.IGNORECASE)
    part = re.compile(rf"\s*({alternatives})\s*[:：]\s?(.*)", re.IGNORECASE | re.DOTALL)
    return split, part


def _objects(column: Column, text: str, lang: str) -> list[dict[str, Any]]:
    choices = {f.name: f.choices for f in column.fields if f.type == "enum"}
    labels = _labels(column)
    split, part_re = _item_patterns(column)
    types = {f.name: f.type for f in column.fields}
    out: list[dict[str, Any]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        item: dict[str, Any] = {}
        for part in split.split(line.strip()):
            match = part_re.fullmatch(part)
            if match is None or norm(match[1]) not in labels:
                shown = ", ".join(f.label(lang) for f in column.fields)
                raise CellError(message("bad_line", lang, line=number, text=part.strip(), labels=shown))
            name = labels[norm(match[1])]
            value = match[2].strip()
            if value and types.get(name) == "date":
                item[name] = _date(value)
            elif value and name in choices:
                item[name] = enum_value(f"{column.name}.{name}", choices[name], value)
            elif value:
                item[name] = value
        out.append(item)
    return out


def decode(column: Column, cell: Cell, lang: str = "en", labels: Vocabulary | None = None) -> Any:
    """The value a cell holds for this column, ABSENT when the cell is empty. A cell that does not read as
    its column's type is returned as its text, for the schema to say what is wrong with it. Words stand
    for their values (:mod:`pmarklint.tables.labels`): names of departments and people (from ``labels``),
    roles, fixed values and durations."""
    if isinstance(cell, str):
        cell = cell.replace("\r\n", "\n")
        if not cell.strip():
            return ABSENT
        if cell.startswith(JSON_PREFIX):
            try:
                return json.loads(cell[len(JSON_PREFIX) :])
            except ValueError as exc:
                raise CellError(message("bad_json", lang, error=str(exc))) from None
    elif cell is None:
        return ABSENT
    kind = column.type
    placeholder = _nfkc(text_of(cell)).strip()
    if placeholder in PLACEHOLDERS and column.path != ("id",) and (kind != "boolean" or placeholder not in _FALSE):
        return ABSENT
    if kind == "date" and isinstance(cell, dt.date):
        return (cell.date() if isinstance(cell, dt.datetime) else cell).isoformat()  # an Excel date-time too
    if kind == "boolean":
        return _boolean(cell)
    if kind == "integer":
        return _integer(cell)
    if kind == "any" and isinstance(cell, (int, float, bool)):
        return cell
    value = _from_text(column, text_of(cell), lang)
    return _from_words(column, value, lang, labels or _NO_LABELS)


def _from_words(column: Column, value: Any, lang: str, labels: Vocabulary) -> Any:
    source = REFERENCES.get(column.name)
    try:
        if source is not None and isinstance(value, str):
            return labels.read(source, value)
        if source is not None and isinstance(value, list):
            return [labels.read(source, item) if isinstance(item, str) else item for item in value]
    except LabelError as exc:
        raise CellError(message(exc.reason, lang, **exc.args_)) from None
    if column.name in ROLE_COLUMNS and isinstance(value, list):
        return [role_value(item) if isinstance(item, str) else item for item in value]
    if column.type == "enum" and isinstance(value, str):
        return enum_value(column.name, column.choices, value)
    return value


def _from_text(column: Column, text: str, lang: str) -> Any:
    kind = column.type
    if kind == "date":
        return _date(text.strip())
    if kind == "duration":
        return _duration(text.strip())
    if kind in ("code", "enum"):
        return _nfkc(text).strip()
    if kind == "ids":
        return [item for item in _ID_SEPARATORS.split(_nfkc(text)) if item]
    if kind == "texts":
        parts = text.split("\n") if "\n" in text else text.split("、")
        return [part.strip() for part in parts if part.strip()]
    if kind == "objects":
        return _objects(column, text, lang)
    return text.strip()


def _in_words(column: Column, value: Any, lang: str, labels: Vocabulary) -> Cell:
    """The value in words (a name, a role, a fixed value, a duration), or None when it has none."""
    source = REFERENCES.get(column.name)
    if source is not None and isinstance(value, str):
        return labels.show(source, value)
    if source is not None and isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return "\n".join(labels.show(source, v) for v in value)
    if column.name in ROLE_COLUMNS and isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return "\n".join(role_word(v, lang) or v for v in value)
    if column.type == "enum":
        return enum_word(column.name, value, lang)
    if column.type == "duration" and isinstance(value, str):
        from pmarklint.i18n import duration_words

        return duration_words(value, lang)
    if column.type == "objects":
        return _readable(column, value, lang, words=True)
    return None


def _readable(column: Column, value: Any, lang: str, *, words: bool = False) -> Cell:
    """The value in its readable form, or None when it has none (``words``: fixed values of list items
    in words)."""
    kind = column.type
    if kind == "boolean":
        if isinstance(value, bool):
            return BOOL_WORDS["ja" if lang == "ja" else "en"][0 if value else 1]
        return None
    if kind == "integer":
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    if kind == "date" and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value) if len(value) == 10 else value
        except ValueError:
            return value
    if kind in ("ids", "texts"):
        if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
            return "\n".join(value)
        return None
    if kind == "objects":
        if not isinstance(value, list) or not value:
            return None
        lines = []
        for item in value:
            if not isinstance(item, dict) or not item or not all(isinstance(v, str) for v in item.values()):
                return None
            labels = {f.name: f.label(lang) for f in column.fields}
            if any(name not in labels for name in item):
                return None
            shown = {
                name: (enum_word(f"{column.name}.{name}", v, lang) if words else None) or v for name, v in item.items()
            }
            lines.append(" / ".join(f"{labels[name]}: {v}" for name, v in shown.items()))
        return "\n".join(lines)
    return value if isinstance(value, str) else None


def encode(
    column: Column, value: Any, lang: str = "en", labels: Vocabulary | None = None, *, words: bool = True
) -> Cell:
    """A value as a cell that reads back as exactly this value: in words when ``words`` and they read back
    the same (names from ``labels``, roles, fixed values, durations), else its readable form when that reads
    back the same, both from a workbook and from CSV text, else ``json:`` and the value in JSON."""
    vocabulary = labels or _NO_LABELS
    forms = [_in_words(column, value, lang, vocabulary)] if words else []
    for cell in [*forms, _readable(column, value, lang)]:
        if cell is None or (isinstance(cell, str) and _UNSAFE.search(cell)):
            continue
        try:
            typed = decode(column, cell, lang, vocabulary)
            as_text = decode(column, text_of(cell), lang, vocabulary)
        except CellError:
            continue
        if _same(typed, value) and _same(as_text, value):
            return cell
    return JSON_PREFIX + json.dumps(value, ensure_ascii=False)


def _same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (``True`` is not ``1``, ``"1"`` is not ``1``)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(v, b[k]) for k, v in a.items())
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


# Columns whose schema has a pattern or a format: a cell's hidden line break, spaces or full-width characters
# are taken off on the way in (never stored) and the row says so.
_STRICT = frozenset({"code", "date", "duration"})


def trim_note(column: Column, cell: Any, value: Any, shown: str, lang: str) -> str | None:
    """The note for a cell of a strict column whose text hid something that the value taken does not have."""
    from pmarklint.documents.patterns import hidden
    from pmarklint.documents.schema import show

    if column.type not in _STRICT or not isinstance(cell, str) or not isinstance(value, str) or cell == value:
        return None
    secret = hidden(cell.replace("\r\n", "\n"))
    if secret is None or secret[0] not in ("newline", "space", "fullwidth") or hidden(value) is not None:
        return None
    reason = message(f"trimmed_{secret[0]}", lang, value=show(value))
    return message("cell", lang, column=shown, reason=reason)
