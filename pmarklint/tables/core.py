"""Ledgers as tables: the columns of each kind, how a value becomes a cell and back, and reading and writing
CSV and Excel (xlsx) files. This module owns openpyxl, imported only when a workbook is read or written.

One row per entry, one column per field the schema knows (nested objects flattened: ``acquisition.method``),
the id first, headers in Japanese or English (both are understood on import, and so are the field names).
Every cell reads back as exactly the value it was made from (export then import changes nothing): each value
is written in its readable form when that form reads back the same, and otherwise as ``json:`` followed by the
value in JSON, which is how a value the readable form cannot carry (a stray type, text with surrounding
spaces, an empty list) survives the round trip. ``docs/integrations/excel.md`` is the user's guide.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pmarklint.documents.schema import load_schema
from pmarklint.errors import PmarklintError
from pmarklint.i18n import text

Rel = tuple[str, ...]
Cell = Any  # str | int | float | bool | datetime.date | datetime.datetime | None, as a workbook holds them

KIND_NAMES = {"inventory": "inventory", "contractors": "contractor", "contractor": "contractor"}
COMMON = ("owner", "status", "last_reviewed", "review_every", "retired_on", "reason", "notes")
JSON_PREFIX = "json:"
MAX_TABLE_SIZE = 50 * 1024 * 1024


class _Absent:
    """An empty cell: the field is not set."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Any = _Absent()


class CellError(ValueError):
    """A cell that cannot be read; the message says why (in the language asked for)."""


# ------------------------------------------------------------------------------------------------ messages
# In the language catalogs (pmarklint/i18n), under table.*.


def message(key: str, lang: str, **args: Any) -> str:
    return text(f"table.{key}", lang, **args)


# ------------------------------------------------------------------------------------------------- columns

# Headers for fields whose schema title is missing or too short to stand alone as a column.
LABELS: dict[str, tuple[str, str]] = {
    "id": ("ID", "ID"),
    "acquisition.method": ("取得方法", "Acquisition method"),
    "acquisition.direct_in_writing": ("書面による直接取得", "Acquired directly in writing"),
    "acquisition.notice": ("利用目的の通知・公表", "Notice of purpose"),
    "acquisition.consent": ("本人の同意", "Consent"),
    "storage.location": ("保管場所", "Storage location"),
    "storage.medium": ("保管媒体", "Storage medium"),
    "retention.basis": ("保管期限の根拠", "Retention basis"),
    "third_party_provision.provided": ("第三者提供の有無", "Provided to third parties"),
    "third_party_provision.recipients": ("第三者提供先", "Third-party recipients"),
    "third_party_provision.basis": ("第三者提供の根拠", "Basis of third-party provision"),
    "evaluation.date": ("評価日", "Evaluation date"),
    "evaluation.result": ("評価結果", "Evaluation result"),
    "evaluation.evaluator": ("評価者", "Evaluator"),
    "contract.signed": ("契約締結日", "Contract signed"),
    "contract.expires": ("契約期限", "Contract expires"),
    "contract.document": ("契約書", "Contract document"),
}
# Column headers of a group of fields: its prefix, then each field's own title.
GROUPS: dict[str, tuple[str, str]] = {"contract.clauses": ("契約条項", "Clause")}
# Labels of the fields of list items, written before each value ("段階: 保管 / 脅威: …").
ITEM_LABELS: dict[str, tuple[str, str]] = {
    "overseas.country": ("国", "Country"),
    "overseas.recipient": ("提供先", "Recipient"),
    "overseas.basis": ("根拠", "Basis"),
    "overseas.last_checked": ("確認日", "Last checked"),
    "risks.phase": ("段階", "Phase"),
    "risks.threat": ("脅威", "Threat"),
    "risks.measure": ("対策", "Measure"),
    "risks.residual": ("残留リスク", "Residual risk"),
    "certifications.type": ("種類", "Type"),
    "certifications.number": ("番号", "Number"),
    "certifications.expires": ("有効期限", "Expires"),
}


@dataclass(frozen=True)
class ItemField:
    """A field of the items of a list of objects (risks, overseas, certifications)."""

    name: str
    type: str
    ja: str
    en: str

    def label(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en


@dataclass(frozen=True)
class Column:
    """One column of a ledger's table. ``type`` says how its cells read and write:
    text, code (ids, country codes), enum, date, duration, integer, boolean, ids, texts, objects, any."""

    path: Rel
    type: str
    ja: str
    en: str
    choices: tuple[str, ...] = ()
    fields: tuple[ItemField, ...] = ()

    @property
    def name(self) -> str:
        return ".".join(self.path)

    def header(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en


def kind_of(name: str) -> str:
    """``inventory`` or ``contractor`` from what a user types (``contractors``, the folder, works too)."""
    return KIND_NAMES[name]


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        base = _resolve(defs[ref.removeprefix("#/$defs/")], defs)
        return {**base, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _titles(title: str) -> tuple[str, str]:
    ja, _, en = title.partition(" / ")
    return ja.strip(), (en or ja).strip()


def _type(node: dict[str, Any], defs: dict[str, Any]) -> str:
    if "enum" in node:
        return "enum"
    kind = node.get("type")
    hint = node.get("x-pmarklint-hint")
    if kind == "boolean" or kind == "integer":
        return str(kind)
    if kind == "array":
        items = _resolve(node.get("items", {}), defs)
        if items.get("type") == "object":
            return "objects"
        return "ids" if items.get("x-pmarklint-hint") == "id" else "texts"
    if node.get("format") == "date":
        return "date"
    if hint == "duration":
        return "duration"
    if hint in ("id", "country"):
        return "code"
    return "text"


def _columns_of(path: Rel, node: dict[str, Any], defs: dict[str, Any], parent: tuple[str, str] | None) -> list[Column]:
    resolved = _resolve(node, defs)
    name = ".".join(path)
    title = node.get("title")
    group = GROUPS.get(".".join(path[:-1]))
    if name in LABELS:
        ja, en = LABELS[name]
    elif group and isinstance(title, str):
        own = _titles(title)
        ja, en = f"{group[0]}: {own[0]}", f"{group[1]}: {own[1]}"
    elif isinstance(title, str):
        ja, en = _titles(title)
    elif parent is not None:
        ja, en = f"{parent[0]}: {path[-1]}", f"{parent[1]}: {path[-1]}"
    else:
        ja = en = name
    if resolved.get("type") == "object" and isinstance(resolved.get("properties"), dict):
        out: list[Column] = []
        for sub, subnode in resolved["properties"].items():
            out += _columns_of((*path, sub), subnode, defs, (ja, en))
        return out
    kind = _type(resolved, defs)
    fields: tuple[ItemField, ...] = ()
    if kind == "objects":
        items = _resolve(resolved["items"], defs)
        fields = tuple(
            ItemField(sub, _type(_resolve(subnode, defs), defs), *ITEM_LABELS.get(f"{name}.{sub}", (sub, sub)))
            for sub, subnode in items.get("properties", {}).items()
        )
    choices = tuple(str(c) for c in resolved.get("enum", ()))
    return [Column(path, kind, ja, en, choices, fields)]


@cache
def columns(kind: str) -> tuple[Column, ...]:
    """The columns of a kind's table, in order: the id, the kind's own fields, then the fields every entry
    may carry. ``approvals`` is never a column: an approval is a signature on the content, not content."""
    schema = load_schema(kind)
    defs = schema["$defs"]
    properties = defs["entry"]["properties"]
    own = [n for n in properties if n not in ("id", "approvals") and n not in COMMON]
    out: list[Column] = []
    for name in ["id", *own, *[n for n in COMMON if n in properties]]:
        out += _columns_of((name,), properties[name], defs, None)
    return tuple(out)


@cache
def field_order(kind: str) -> dict[Rel, list[str]]:
    """The order of the fields of each mapping of an entry (by its path): where a new key is written."""
    order: dict[Rel, list[str]] = {}
    for column in columns(kind):
        for depth in range(len(column.path)):
            names = order.setdefault(column.path[:depth], [])
            if column.path[depth] not in names:
                names.append(column.path[depth])
        if column.fields:
            order[column.path] = [f.name for f in column.fields]
    order[("approvals",)] = ["by", "role", "date", "digest"]
    return order


@cache
def date_fields(kind: str) -> frozenset[Rel]:
    out: set[Rel] = {("approvals", "date")}
    for column in columns(kind):
        if column.type == "date":
            out.add(column.path)
        out.update((*column.path, f.name) for f in column.fields if f.type == "date")
    return frozenset(out)


def extra_column(path: Rel) -> Column:
    """A column for a value the schema has no column for (an ``x-`` field, a misspelt key): its cells are
    text, or ``json:`` for anything else, and validation on import says what is wrong with it."""
    name = ".".join(path)
    return Column(path, "any", name, name)


# ---------------------------------------------------------------------------------------------- cell values

_TRUE = frozenset({"はい", "yes", "y", "true", "○", "〇", "◯", "有", "あり", "1", "✓", "✔"})
_FALSE = frozenset({"いいえ", "no", "n", "false", "×", "✕", "✖", "無", "なし", "0"})
_BOOL_WORDS = {"ja": ("はい", "いいえ"), "en": ("yes", "no")}
_DATE = re.compile(r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?(?:[ T]0{1,2}:00(?::00)?)?")
_DURATION = re.compile(r"P(?!$)([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?")
_DURATION_JA = re.compile(r"(?:([0-9]+)年)?(?:([0-9]+)[かヶケカヵ箇]月)?(?:([0-9]+)週)?(?:([0-9]+)日)?間?")
_COUNT = re.compile(r"[0-9]+(?:\.0+)?")
_ID_SEPARATORS = re.compile(r"[\s,、，;；]+")
# Characters a workbook cannot hold (openpyxl refuses them); such values are written as json:.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\r]")
_FIELD_PATH = re.compile(r"(?:[a-z][a-z0-9_]*|x[-_][A-Za-z0-9_-]*)(?:\.[a-z][a-z0-9_]*)*")


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _text_of(cell: Cell) -> str:
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
    match = _DATE.fullmatch(_nfkc(text))
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        except ValueError:
            pass
    return text


def _duration(text: str) -> str:
    plain = _nfkc(text).replace(" ", "")
    if _DURATION.fullmatch(plain.upper()):
        return plain.upper()
    match = _DURATION_JA.fullmatch(plain)
    if match and any(match.groups()):
        units = zip(match.groups(), "YMWD", strict=True)
        return "P" + "".join(f"{int(n)}{unit}" for n, unit in units if n)
    return text


def _boolean(cell: Cell) -> Any:
    if isinstance(cell, bool):
        return cell
    word = _nfkc(_text_of(cell)).strip().casefold()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    return _text_of(cell).strip()


def _integer(cell: Cell) -> Any:
    if isinstance(cell, bool):
        return cell
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float):
        return int(cell) if cell.is_integer() else cell
    text = _text_of(cell).strip()
    plain = re.sub(r"[\s,]", "", _nfkc(text)).removesuffix("件")
    if _COUNT.fullmatch(plain):
        return int(float(plain))
    return text


@cache
def _labels(column: Column) -> dict[str, str]:
    """Every way a field of a list item may be labelled (normalised) → the field's name."""
    out: dict[str, str] = {}
    for item in column.fields:
        for label in (item.name, item.ja, item.en):
            out[_norm(label)] = item.name
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
            if match is None or _norm(match[1]) not in labels:
                shown = ", ".join(f.label(lang) for f in column.fields)
                raise CellError(message("bad_line", lang, line=number, text=part.strip(), labels=shown))
            name = labels[_norm(match[1])]
            value = match[2].strip()
            if value:
                item[name] = _date(value) if types.get(name) == "date" else value
        out.append(item)
    return out


def decode(column: Column, cell: Cell, lang: str = "en") -> Any:
    """The value a cell holds for this column, ABSENT when the cell is empty. A cell that does not read as
    its column's type is returned as its text, for the schema to say what is wrong with it."""
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
    if kind == "boolean":
        return _boolean(cell)
    if kind == "integer":
        return _integer(cell)
    if kind == "any" and isinstance(cell, (int, float, bool)):
        return cell
    return _from_text(column, _text_of(cell), lang)


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


def _readable(column: Column, value: Any, lang: str) -> Cell:
    """The value in its readable form, or None when it has none."""
    kind = column.type
    if kind == "boolean":
        if isinstance(value, bool):
            return _BOOL_WORDS["ja" if lang == "ja" else "en"][0 if value else 1]
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
            lines.append(" / ".join(f"{labels[name]}: {v}" for name, v in item.items()))
        return "\n".join(lines)
    return value if isinstance(value, str) else None


def encode(column: Column, value: Any, lang: str = "en") -> Cell:
    """A value as a cell that reads back as exactly this value: its readable form when that reads back the
    same both from a workbook and from CSV text, else ``json:`` and the value in JSON."""
    cell = _readable(column, value, lang)
    if cell is not None and not (isinstance(cell, str) and _UNSAFE.search(cell)):
        try:
            typed = decode(column, cell, lang)
            as_text = decode(column, _text_of(cell), lang)
        except CellError:
            typed = as_text = ABSENT
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


# ------------------------------------------------------------------------------------------ entries and rows


def flatten(entry: dict[str, Any], kind: str) -> dict[Rel, Any]:
    """The values of an entry by column path. Objects the schema describes are spread over their fields'
    columns; anything else (including an object that is empty or not an object) is one value."""
    groups = {column.path[:depth] for column in columns(kind) for depth in range(1, len(column.path))}
    out: dict[Rel, Any] = {}

    def walk(node: dict[str, Any], prefix: Rel) -> None:
        for key, value in node.items():
            path = (*prefix, str(key))
            if path == ("approvals",):
                continue
            if path in groups and isinstance(value, dict) and value:
                walk(value, path)
            else:
                out[path] = value

    walk(entry, ())
    return out


def table_columns(kind: str, entries: Iterable[dict[Rel, Any]]) -> list[Column]:
    """The kind's columns, then a column for each value that has none (in the order they are first met)."""
    known = columns(kind)
    paths = {c.path for c in known}
    extra: dict[Rel, None] = {}
    for flat in entries:
        for path in flat:
            if path not in paths:
                extra.setdefault(path)
    return [*known, *(extra_column(path) for path in extra)]


def set_path(entry: dict[str, Any], path: Rel, value: Any) -> None:
    node = entry
    for part in path[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            child = node[part] = {}
        node = child
    node[path[-1]] = value


def delete_path(entry: dict[str, Any], path: Rel) -> None:
    """Remove the value at ``path``; a mapping left empty by that goes too."""
    chain = [entry]
    for part in path[:-1]:
        child = chain[-1].get(part)
        if not isinstance(child, dict):
            return
        chain.append(child)
    if path[-1] not in chain[-1]:
        return
    del chain[-1][path[-1]]
    for depth in range(len(path) - 1, 0, -1):
        if chain[depth]:
            break
        del chain[depth - 1][path[depth - 1]]


# ----------------------------------------------------------------------------------------- writing tables


def _csv_escape(text: str) -> str:
    """A leading ``'`` keeps a spreadsheet from taking text for a formula (``=``, ``+``, ``-``, ``@``); a
    leading ``'`` of the text itself is doubled when a formula character follows, so reading undoes exactly
    what writing did."""
    if text[:1] in ("=", "+", "-", "@") or (text[:1] == "'" and text[1:2] in ("=", "+", "-", "@", "'")):
        return "'" + text
    return text


def _csv_unescape(text: str) -> str:
    if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@", "'"):
        return text[1:]
    return text


def write_csv(headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """UTF-8 with a BOM (so that Excel reads Japanese correctly), CRLF line ends, dates as YYYY-MM-DD."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_csv_escape(h) for h in headers])
    for row in rows:
        writer.writerow([_csv_escape(_text_of(cell)) for cell in row])
    return out.getvalue().encode("utf-8-sig")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def write_xlsx(
    sheet: str, column_list: Sequence[Column], headers: Sequence[str], rows: Sequence[Sequence[Cell]], lang: str
) -> bytes:
    """A workbook with one sheet: a bold, frozen header row with filters, real dates (yyyy-mm-dd), lines of
    lists wrapped, and drop-down lists for yes/no and fixed-choice columns."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    ws.append(list(headers))
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    top, wrap = Alignment(vertical="top"), Alignment(vertical="top", wrap_text=True)
    for cell in ws[1]:
        cell.font, cell.fill, cell.alignment = bold, fill, wrap
    widths = [_width(h) for h in headers]
    for number, row in enumerate(rows, start=2):
        for index, value in enumerate(row, start=1):
            if value is None:
                continue
            cell = ws.cell(row=number, column=index, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text that starts with "=" stays text, never a formula
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            cell.alignment = wrap if isinstance(value, str) and "\n" in value else top
            longest = max((_width(line) for line in _text_of(value).split("\n")), default=0)
            widths[index - 1] = max(widths[index - 1], longest)
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), 60)
    last = max(len(rows) + 1, 2)
    for index, column in enumerate(column_list, start=1):
        choices = list(_BOOL_WORDS["ja" if lang == "ja" else "en"]) if column.type == "boolean" else column.choices
        if column.type in ("boolean", "enum") and choices:
            letter = get_column_letter(index)
            check = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
            check.errorStyle = "warning"
            check.add(f"{letter}2:{letter}{max(last, 1000)}")
            ws.add_data_validation(check)
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{last}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# ----------------------------------------------------------------------------------------- reading tables


@dataclass
class Table:
    """What a file holds: its headers and its rows, each with its spreadsheet row number (header = row 1
    unless the header row is elsewhere)."""

    headers: list[str | None]
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)
    sheet: str | None = None
    sheets: int = 1


def letter(index: int) -> str:
    """A column's letter as a spreadsheet shows it: 0 → A, 26 → AA."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def _codec(encoding: str) -> str:
    """Shift_JIS as Excel writes it is Windows code page 932 (a superset with ①, ㈱ and the like)."""
    name = encoding.lower().replace("-", "_")
    return "cp932" if name in ("shift_jis", "sjis", "s_jis", "shiftjis", "ms932", "windows_31j") else encoding


def read_table(path: Path, *, sheet: str | None, encoding: str, header_row: int, lang: str) -> Table:
    """The table in a CSV or xlsx file (told apart by content, not by name)."""
    try:
        size = path.stat().st_size
        if size > MAX_TABLE_SIZE:
            raise PmarklintError(message("too_large", lang, file=path, size=size, limit=MAX_TABLE_SIZE))
        raw = path.read_bytes()
    except OSError as exc:
        raise PmarklintError(message("bad_file", lang, file=path, reason=exc.strerror or exc)) from exc
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise PmarklintError(message("xls", lang, file=path))
    if raw.startswith(b"PK\x03\x04"):
        grid, name, count = _read_xlsx(raw, path, sheet, lang)
    else:
        grid, name, count = _read_csv(raw, path, encoding, lang), None, 1
    rows = [(number, cells) for number, cells in grid if any(_text_of(c).strip() for c in cells)]
    header = next((cells for number, cells in grid if number == header_row), None)
    if header is None:
        raise PmarklintError(message("no_header", lang, row=header_row))
    headers = [_text_of(h).strip() or None for h in header]
    body = [(number, cells) for number, cells in rows if number > header_row]
    return Table(headers, body, name, count)


def _read_csv(raw: bytes, path: Path, encoding: str, lang: str) -> list[tuple[int, list[Cell]]]:
    codec = _codec(encoding)
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError:
        raise PmarklintError(message("encoding", lang, file=path, encoding=encoding)) from None
    except LookupError:
        raise PmarklintError(message("bad_file", lang, file=path, reason=f"unknown encoding {encoding}")) from None
    text = text.removeprefix("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise PmarklintError(message("bad_file", lang, file=path, reason=exc)) from None
    return [(number, [_csv_unescape(c) for c in record]) for number, record in enumerate(records, start=1)]


def _read_xlsx(raw: bytes, path: Path, sheet: str | None, lang: str) -> tuple[list[tuple[int, list[Cell]]], str, int]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), data_only=True)
    except Exception as exc:  # openpyxl raises zip, XML and key errors for broken files
        raise PmarklintError(message("bad_file", lang, file=path, reason=f"{type(exc).__name__}: {exc}")) from None
    sheets = {ws.title: ws for ws in book.worksheets}  # worksheets only: a chart sheet holds no table
    if sheet is not None:
        if sheet not in sheets:
            raise PmarklintError(message("no_sheet", lang, file=path, sheet=sheet, sheets=", ".join(sheets)))
        ws = sheets[sheet]
    else:
        ours = {sheet_name(k, language) for k in ("inventory", "contractor") for language in ("ja", "en")}
        ws = next((sheets[name] for name in sheets if name in ours), book.worksheets[0])
    grid = [
        (number, list(values))
        for number, values in enumerate(ws.iter_rows(min_row=1, max_row=ws.max_row, values_only=True), start=1)
    ]
    return grid, ws.title, len(sheets)


def sheet_name(kind: str, lang: str) -> str:
    """The kind's title in the schema (a sheet name has at most 31 characters)."""
    ja, en = _titles(str(load_schema(kind).get("title", kind)))
    return (ja if lang == "ja" else en)[:31]


# ----------------------------------------------------------------------------------------- headers


def _norm(header: str) -> str:
    return re.sub(r"\s+", "", _nfkc(header)).casefold()


def header_lookup(kind: str) -> dict[str, Column]:
    out: dict[str, Column] = {}
    for column in columns(kind):
        for header in (column.ja, column.en, column.name):
            out.setdefault(_norm(header), column)
    return out


def parse_maps(values: Sequence[str], kind: str, lang: str) -> dict[str, Column | None]:
    """``--map 'HEADER=FIELD'`` (FIELD: a field name, or one of our headers; empty: skip the column)."""
    lookup = header_lookup(kind)
    out: dict[str, Column | None] = {}
    for value in values:
        header, sign, target = value.rpartition("=")
        if not sign or not header.strip():
            raise PmarklintError(message("bad_map", lang, value=value, reason=message("map_syntax", lang)))
        target = target.strip()
        if not target:
            out[_norm(header)] = None
            continue
        if target == "approvals" or target.startswith("approvals."):
            raise PmarklintError(message("bad_map", lang, value=value, reason=message("map_approvals", lang)))
        column = lookup.get(_norm(target))
        if column is None and target.startswith(("x-", "x_")) and _FIELD_PATH.fullmatch(target):
            column = extra_column(tuple(target.split(".")))
        if column is None:
            reason = message("map_field", lang, field=target, kind=kind)
            raise PmarklintError(message("bad_map", lang, value=value, reason=reason))
        out[_norm(header)] = column
    return out


def _is_field_path(header: str, kind: str) -> bool:
    """A header that names a field by its key: an ``x-`` field, or a field (or part) of the kind's schema
    that has no column of its own (``acquisition`` when its value is not an object). An office's ``memo``
    is no such thing: it must be mapped."""
    if not _FIELD_PATH.fullmatch(header):
        return False
    first = header.split(".")[0]
    return first.startswith(("x-", "x_")) or (first != "approvals" and first in {c.path[0] for c in columns(kind)})


def map_headers(table: Table, kind: str, maps: dict[str, Column | None], lang: str) -> list[Column | None]:
    """The column each header of the table stands for (None: skipped). Every header must be understood:
    a column nobody maps would be data dropped without a word."""
    lookup = header_lookup(kind)
    out: list[Column | None] = []
    unknown: list[str] = []
    for index, header in enumerate(table.headers):
        if header is None:
            if any(index < len(cells) and _text_of(cells[index]).strip() for _, cells in table.rows):
                raise PmarklintError(message("empty_header", lang, column=letter(index)))
            out.append(None)
            continue
        key = _norm(header)
        if key in maps:
            out.append(maps[key])
        elif key in lookup:
            out.append(lookup[key])
        elif _is_field_path(header, kind):
            out.append(extra_column(tuple(header.split("."))))  # a field the table names by its key
        else:
            out.append(None)
            unknown.append(f"{letter(index)} '{header}'")
    if unknown:
        raise PmarklintError(message("unknown_headers", lang, kind=kind, columns=", ".join(unknown)))
    seen: dict[Rel, int] = {}
    for index, column in enumerate(out):
        if column is None:
            continue
        if column.path in seen:
            first = letter(seen[column.path])
            raise PmarklintError(
                message("duplicate_column", lang, first=first, second=letter(index), field=column.name)
            )
        seen[column.path] = index
    if ("id",) not in seen:
        shown = ", ".join(h for h in table.headers if h) or "-"
        raise PmarklintError(message("no_id_column", lang, headers=shown))
    return out
