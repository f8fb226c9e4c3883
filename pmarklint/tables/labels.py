"""Values in words in a table: what ``export`` writes in place of an id or a fixed value, and how ``import``
reads the words back.

- Fixed values (``status``, ``employment``, ``evaluation.result`` and the fixed values of list items such as
  ``overseas.basis``) are written in the reader's language (``active`` → 有効 / in use) and read back from
  either language's word or the value itself.
- Roles are written by name (個人情報保護管理者) and read back from the Japanese or English name, the name with
  its id, or the id.
- Departments and people are written by name (the department's name in ``departments:`` of pmarklint.yaml,
  the person's name in the roster). Their ids go into a hidden column of their own at the end of the table,
  headed ``<header>(ID)``: import takes the id from there as long as the name next to it is the one export
  wrote, and otherwise reads the name (or the name with the id, or the id) back to its id. A name that is no
  department's or person's, or that two people share, is a clear problem of its row, never a guess.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from pmarklint.i18n import catalog

# The columns that hold the id of a department or a person (or a list of people's ids), by column name.
REFERENCES = {
    "department": "department",
    "owner": "person",
    "access": "person",
    "evaluation.evaluator": "person",
}
# The columns that hold role ids.
ROLE_COLUMNS = frozenset({"roles"})
# Where a fixed value's word is in the catalogs, when it is not under ``table.value.<column>.<value>``.
_ENUM_KEYS = {"employment": "employment"}
# A person's or department's id: what import takes as an id when the text is no name.
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_WITH_ID = re.compile(r"(.*?)\s*[(（]\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*[)）]")


def twin_header(header: str, lang: str) -> str:
    """The header of the hidden column that holds the ids of a column of names."""
    return f"{header}(ID)" if lang == "ja" else f"{header} (id)"


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def enum_word(name: str, value: Any, lang: str) -> str | None:
    """The word for a fixed value of the field ``name`` (``status``, ``overseas.basis``), None if it has none."""
    if not isinstance(value, str):
        return None
    messages = catalog(lang).MESSAGES
    word = messages.get(f"table.value.{name}.{value}")
    if word is None and name in _ENUM_KEYS:
        word = messages.get(f"{_ENUM_KEYS[name]}.{value}")
    return str(word) if word is not None else None


def enum_value(name: str, choices: tuple[str, ...], text: str) -> str:
    """A fixed value from its word in either language, or from the value itself; anything else as written
    (the schema says what is wrong with it)."""
    key = _norm(text)
    for choice in choices:
        if key == _norm(choice) and choice == text.strip():
            return choice
    for choice in choices:
        words = [enum_word(name, choice, lang) for lang in ("ja", "en")]
        if any(word is not None and _norm(word) == key for word in words):
            return choice
    return text


def role_word(role: str, lang: str) -> str | None:
    word = catalog(lang).MESSAGES.get(f"role.{role}")
    return str(word) if word is not None else None


def role_value(text: str) -> str:
    """A role id from its name in either language, the name with the id, or the id; else as written."""
    match = _WITH_ID.fullmatch(text.strip())
    if match and role_word(match[2], "ja") is not None:
        return match[2]
    from pmarklint.resources import ROLES

    key = _norm(text)
    for role in ROLES:
        if any(_norm(role_word(role, lang) or role) == key for lang in ("ja", "en")):
            return role
    return text.strip()


class LabelError(ValueError):
    """A name that reads back to no id, or to more than one."""

    def __init__(self, reason: str, **args: Any) -> None:
        super().__init__(reason)
        self.reason = reason
        self.args_ = args


@dataclass(frozen=True)
class Vocabulary:
    """The names of a repository's departments and people, for a table's cells."""

    departments: dict[str, str] = field(default_factory=dict)  # id → name
    people: dict[str, str] = field(default_factory=dict)

    def __hash__(self) -> int:
        return hash((tuple(self.departments.items()), tuple(self.people.items())))

    def names(self, source: str) -> dict[str, str]:
        return self.departments if source == "department" else self.people

    def show(self, source: str, ident: str) -> str:
        """The name for an id: the name alone when no one else has it, else the name with the id; the id
        when it has no name."""
        names = self.names(source)
        name = names.get(ident)
        if not name:
            return ident
        if sum(1 for other in names.values() if _norm(other) == _norm(name)) > 1 or _ID.fullmatch(name):
            return f"{name}({ident})"
        return name

    def read(self, source: str, text: str) -> str:
        """The id a cell's name stands for: the name, the name with its id in parentheses, or the id."""
        names = self.names(source)
        plain = unicodedata.normalize("NFKC", text).strip()
        if plain in names or not names:
            return plain
        match = _WITH_ID.fullmatch(plain)
        if match and match[2] in names:
            return match[2]
        found = [ident for ident, name in names.items() if name and _norm(name) == _norm(plain)]
        if len(found) == 1:
            return found[0]
        if found:
            raise LabelError(f"ambiguous_{source}", name=plain, ids=", ".join(found))
        if _ID.fullmatch(plain):
            return plain  # an id the repository does not know (yet): check says so
        raise LabelError(f"unknown_{source}", name=plain)
