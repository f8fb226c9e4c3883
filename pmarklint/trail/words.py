"""The trail's words for people, shared by every format for people: values as written, commit ids shortened,
kinds, roles, approval and signature states in the reader's language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pmarklint.history.fields import FieldChange
from pmarklint.i18n import catalog, text
from pmarklint.trail.model import (
    ApprovalRecord,
    CommitInfo,
    EntryChange,
)

SHORT = 10  # characters of a commit id shown to people
ABSENT = "—"


def person_word(person: str, names: Mapping[str, str], lang: str) -> str:
    """A person as the roster names them, with the id: 中村 由美(nakamura); the id alone when not in it."""
    name = names.get(person)
    return str(catalog(lang).MESSAGES["person.with_id"]).format(name=name, id=person) if name else person


def reason_text(item: ApprovalRecord, lang: str, names: Mapping[str, str] | None = None) -> str:
    """Why git does not back the approval, in words: the Judge's message, else a line per rule code."""
    messages = catalog(lang).MESSAGES
    if item.reason and item.reason in messages:
        args = dict(item.reason_args)
        person = args.get("person")
        if names and isinstance(person, str) and names.get(person) and "person_name" not in args:
            args["person_name"] = names[person]
        try:
            return text(item.reason, lang, **args)
        except (KeyError, IndexError, ValueError):
            pass
    code = (item.reason or "").split(".", 1)[0]
    key = f"trail.reason.{code}" if f"trail.reason.{code}" in messages else "trail.reason.other"
    return text(key, lang, reason=item.reason or "?")


# -- words -------------------------------------------------------------------------------------------------
def show(value: Any) -> str:
    """A value of an entry as a person reads it: text as written, lists and mappings in YAML's flow style."""
    if value is None:
        return ABSENT
    return _inner(value)


def _inner(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_inner(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_inner(v)}" for k, v in value.items()) + "}"
    return str(value)


def field_lines(change: EntryChange) -> list[str]:
    if change.action in ("added", "removed"):
        return [f"{f.field}: {show(f.new if change.action == 'added' else f.old)}" for f in change.fields]
    return [field_line(f) for f in change.fields]


def field_line(item: FieldChange) -> str:
    return f"{item.field}: {show(item.old)} → {show(item.new)}"


def short(sha: str | None) -> str:
    return sha[:SHORT] if sha else ""


def kind_word(kind: str, lang: str) -> str:
    return text(f"trail.kind.{kind}", lang) if f"trail.kind.{kind}" in catalog(lang).MESSAGES else kind


def role_word(role: str, lang: str) -> str:
    messages = catalog(lang).MESSAGES
    for key in (f"role.{role}", f"report.role.{role}"):
        if key in messages:
            return str(messages[key])
    return role


def approval_word(change: EntryChange, lang: str) -> str:
    if change.approval is None:
        return ""
    word = text(f"trail.approval.{change.approval}", lang)
    if change.approved_in:
        word += " (" + ", ".join(short(c) for c in change.approved_in) + ")"
    return word


def signature_word(commit: CommitInfo | None, lang: str) -> str:
    if commit is None:
        return ""
    word = text(f"trail.signature.{commit.signature.status}", lang)
    return f"{word} ({commit.signature.signer})" if commit.signature.signer else word


def yes_word(flag: bool, lang: str) -> str:
    return text("trail.yes" if flag else "trail.no", lang)
