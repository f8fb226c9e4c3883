"""``pmarklint sign``: record an approval in the entries it approves.

A target is an entry id, a data file (every entry in it: the yearly review of a ledger) or ``file#id``.
For each entry the approval ``{by, role, date, digest}`` of the person is written, or refreshed in place when
the person already approved it in that role; nothing else in the file changes (the edit goes through
:mod:`pmarklint.documents.edit`, which keeps comments, key order, quoting and blank lines and reads every result
back before anything is written).

Signing is all or nothing: every target is checked first, and when any of them cannot be signed (unknown
target, a person who lacks the role, an entry that does not match its schema, a git identity that is not the
person's) nothing is written and every reason is reported. ``force`` lifts only the identity check, and says so. Writing
is all or nothing too: every file's new text is made first, then all are written, and a failure on any file
(a full disk, a read-only folder) leaves every ledger as it was.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmarklint.approvals.digest import digest
from pmarklint.approvals.policy import POLICY_KEY, policy_approvers, settings_digest
from pmarklint.documents import edit as yaml_edit
from pmarklint.documents.loader import Document, decode, parse
from pmarklint.findings import Finding, finding
from pmarklint.git.identity import next_author
from pmarklint.git.run import GitError
from pmarklint.i18n import text
from pmarklint.rules.context import DEFAULT_APPROVERS
from pmarklint.workspace.cache import Cache
from pmarklint.workspace.config import CONFIG_NAME, Config, find_root, load_config
from pmarklint.workspace.files import discover, find_git_dir

APPROVAL_FIELDS = ("by", "role", "date", "digest")


class SignRefused(Exception):
    """Nothing was written; ``reasons`` says why, one line (or a few) per problem."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("\n".join(reasons))
        self.reasons = reasons


@dataclass
class Ledger:
    rel: str
    kind: str | None
    text: str | None
    document: Document | None
    bom: bool = False
    problems: list[Finding] = field(default_factory=list)  # what the loader and the schema say about it
    reason: str = ""  # why it could not be read

    @property
    def entries(self) -> list[Any]:
        data = self.document.data if self.document is not None else None
        entries = data.get("entries") if isinstance(data, dict) else None
        return entries if isinstance(entries, list) else []

    def entry_problems(self, index: int) -> list[Finding]:
        """The findings that fall inside entry ``index`` (by its lines)."""
        assert self.document is not None
        values = self.document.values
        start = values[("entries", index)][0]
        following = [values[("entries", i)][0] for i in range(index + 1, len(self.entries))]
        end = min((line for line in following if line > start), default=None)
        return [p for p in self.problems if p.line >= start and (end is None or p.line < end)]


@dataclass(frozen=True)
class Signed:
    file: str
    id: str
    role: str
    date: str
    changed: bool  # False: the same approval was already there


@dataclass
class SignResult:
    signed: list[Signed]
    warnings: list[str]  # said loudly, but not a refusal (--force)
    person_name: str = ""  # the signer's name in the roster, for the messages (名前(id))


# ----------------------------------------------------------------------------------------------- the repository


def _load(root: Path, rel: str, max_size: int, lang: str) -> Ledger:
    """One ledger as ``check`` reads it: refused when it is a symbolic link, read without following a link
    swapped in since (``O_NOFOLLOW``) and never past ``limits.max_file_size``."""
    from pmarklint.check.engine import classify
    from pmarklint.documents.schema import validate_document
    from pmarklint.workspace.files import TooLarge, link_finding, read_file

    link = link_finding(root, rel)
    if link is not None:
        return Ledger(rel, None, None, None, reason=link.message(lang))
    try:
        raw = read_file(root, rel, max_size)
    except TooLarge as exc:
        too_large = finding("PML004", rel, 1, 1, "PML004.too_large", size=exc.size, limit=max_size)
        return Ledger(rel, None, None, None, reason=too_large.message(lang))
    except OSError as exc:
        unreadable = finding("PML004", rel, 1, 1, "PML004.unreadable", error=str(exc))
        return Ledger(rel, None, None, None, reason=unreadable.message(lang))
    content, problems = decode(raw, rel)
    if content is None:
        return Ledger(rel, None, None, None, reason=problems[0].message(lang) if problems else "?")
    loaded = parse(content, rel)
    if loaded.document is None:
        first = loaded.findings[0]
        return Ledger(rel, None, content, None, reason=f"{first.line}:{first.column}: {first.message(lang)}")
    kind, _ = classify(loaded.document, rel)
    found = list(loaded.findings)
    if kind is not None:
        found += validate_document(kind, loaded.document, rel)
    return Ledger(rel, kind, content, loaded.document, raw.startswith(b"\xef\xbb\xbf"), found)


@dataclass
class _Repository:
    root: Path
    config: Config
    ledgers: dict[str, Ledger]

    def approver_roles(self, kind: str) -> list[str]:
        configured = (self.config.data.get("approvals") or {}).get(kind)
        return list(configured) if configured else DEFAULT_APPROVERS[kind]

    def find(self, entry_id: str) -> list[tuple[Ledger, int]]:
        return [
            (ledger, index)
            for ledger in self.ledgers.values()
            if ledger.kind is not None
            for index, entry in enumerate(ledger.entries)
            if isinstance(entry, dict) and entry.get("id") == entry_id
        ]


def _repository(start: Path, lang: str) -> _Repository:
    root = find_root(start, lang)
    config = load_config(root, Cache(None), lang)
    workspace = discover(root, sorted(set(config.folders.values())), find_git_dir(root))
    rels = sorted({*workspace.files, *workspace.untracked})
    return _Repository(root, config, {rel: _load(root, rel, config.max_file_size, lang) for rel in rels})


# ------------------------------------------------------------------------------------------------ the targets


def _relative(repo: _Repository, name: str, cwd: Path) -> str | None:
    """The data file ``name`` names (from the current folder, else from the repository's root), or None."""
    for base in (cwd, repo.root):
        named = base / name
        path = named.parent.resolve() / named.name  # a link is named, not followed: _load refuses it
        try:
            rel = path.relative_to(repo.root.resolve()).as_posix()
        except ValueError:
            continue
        if rel in repo.ledgers:
            return rel
    return None


def _resolve(repo: _Repository, target: str, cwd: Path, lang: str) -> tuple[list[tuple[Ledger, int]], list[str]]:
    """The (ledger, entry index) pairs a target names, and the reasons it names none."""
    name, _, entry_id = target.rpartition("#") if "#" in target else (target, "", "")
    rel = _relative(repo, name, cwd)
    if rel is None and not entry_id:
        found = repo.find(target)
        if len(found) > 1:
            files = ", ".join(sorted({ledger.rel for ledger, _ in found}))
            return [], [text("sign.duplicate", lang, target=target, files=files)]
        if found:
            return found, []
        return [], [text("sign.no_target", lang, target=target)]
    if rel is None:
        return [], [text("sign.no_file", lang, target=target, file=name)]
    ledger = repo.ledgers[rel]
    if ledger.kind is None:
        reason = ledger.reason or text("sign.unknown_kind", lang)
        return [], [text("sign.unreadable", lang, target=target, file=rel, reason=reason)]
    if not entry_id:
        if not ledger.entries:
            return [], [text("sign.no_entries", lang, target=target, file=rel)]
        return [(ledger, index) for index in range(len(ledger.entries))], []
    found = [(ledger, i) for i, e in enumerate(ledger.entries) if isinstance(e, dict) and e.get("id") == entry_id]
    if not found:
        return [], [text("sign.not_in_file", lang, target=target, file=rel, id=entry_id)]
    return found[:1], [] if len(found) == 1 else [text("sign.duplicate", lang, target=target, files=rel)]


# ---------------------------------------------------------------------------------------------- who is signing


def git_email(root: Path) -> tuple[str | None, str]:
    """The e-mail of ``git var GIT_AUTHOR_IDENT`` (whoever would author the next commit), or None and why."""
    try:
        ident = next_author(root)
    except GitError as exc:
        return None, exc.detail
    if ident is None or not ident.email:
        return None, ident.line if ident is not None else ""
    return ident.email, ""


def _person(repo: _Repository, person: str, lang: str) -> dict[str, Any]:
    found = [e for ledger, i in repo.find(person) if ledger.kind == "person" for e in [ledger.entries[i]]]
    if not found or found[0].get("status", "active") == "retired":
        raise SignRefused([text("sign.unknown_person", lang, person=person)])
    entry: dict[str, Any] = found[0]
    return entry


def _identity(repo: _Repository, person: str, entry: dict[str, Any], force: bool, lang: str) -> list[str]:
    """Refuses (or, with ``force``, warns) unless the git identity is one of the person's emails."""
    emails = [str(e) for e in entry.get("emails") or []]
    email, reason = git_email(repo.root)
    if email is not None and email.casefold() in {e.casefold() for e in emails}:
        return []
    if email is None:
        problem = text("sign.identity_unknown", lang, reason=reason)
    else:
        problem = text(
            "sign.identity_mismatch",
            lang,
            email=email,
            person=person,
            person_name=_name(entry),
            emails=", ".join(emails) or "-",
        )
    if not force:
        raise SignRefused([problem])
    return [problem, text("sign.forced", lang, person=person, person_name=_name(entry), email=email or "?")]


def _name(entry: dict[str, Any]) -> str:
    name = entry.get("name")
    return name.strip() if isinstance(name, str) else ""


def _date(value: str | None, lang: str, config: Config) -> str:
    from pmarklint.dates import resolve_today

    today = resolve_today(None, lang, config.zone)  # in the repository's time zone, as check judges it
    if value is None:
        return today.isoformat()
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise SignRefused([text("sign.bad_date", lang, value=value)]) from None
    if len(value) != 10:
        raise SignRefused([text("sign.bad_date", lang, value=value)])
    if day > today:
        raise SignRefused([text("sign.future_date", lang, date=value, today=today.isoformat())])
    return value


# ------------------------------------------------------------------------------------------------------ signing


def approve(entry: dict[str, Any], by: str, role: str, date: str) -> dict[str, Any]:
    """The entry with the approval of ``by`` in ``role`` written: refreshed in place when there is one,
    appended otherwise. The digest is of the entry as it stands (approvals left out)."""
    approval = {"by": by, "role": role, "date": date, "digest": digest(entry)}
    items = list(entry.get("approvals") or [])
    for index, item in enumerate(items):
        if isinstance(item, dict) and item.get("by") == by and item.get("role") == role:
            items[index] = {name: approval[name] if name in approval else item[name] for name in item} | approval
            break
    else:
        items.append(approval)
    return {**entry, "approvals": items}


def sign(
    start: Path,
    targets: Sequence[str],
    *,
    person: str,
    role: str | None = None,
    date: str | None = None,
    force: bool = False,
    lang: str = "en",
    cwd: Path | None = None,
) -> SignResult:
    """Sign every entry the targets name as ``person``; raises SignRefused (nothing written) when any cannot be."""
    repo = _repository(start, lang)
    cwd = cwd or Path.cwd()
    entry = _person(repo, person, lang)
    held = [str(r) for r in entry.get("roles") or []]
    if role is not None and role not in held:
        raise SignRefused(
            [
                text(
                    "sign.role_not_held",
                    lang,
                    person=person,
                    person_name=_name(entry),
                    role_id=role,
                    roles=", ".join(held),
                )
            ]
        )
    day = _date(date, lang, repo.config)
    warnings = _identity(repo, person, entry, force, lang)

    reasons: list[str] = []
    chosen: dict[tuple[str, int], str] = {}  # (file, index) → the role signed in
    settings_role: str | None = None
    for target in targets:
        if _names_settings(repo, target, cwd):
            settings_role, problem = _settings_role(repo, person, held, role, lang, _name(entry))
            reasons += [problem] if problem else []
            continue
        found, problems = _resolve(repo, target, cwd, lang)
        reasons += problems
        for ledger, index in found:
            problem = _check_entry(repo, ledger, index, person, held, role, chosen, lang, _name(entry))
            if problem:
                reasons.append(problem)
    if reasons:
        raise SignRefused(list(dict.fromkeys(reasons)))

    signed: list[Signed] = []
    texts: dict[str, str] = {}
    for rel in sorted({rel for rel, _ in chosen}):
        ledger = repo.ledgers[rel]
        changed: dict[int, dict[str, Any]] = {}
        for (file, index), as_role in sorted(chosen.items()):
            if file != rel:
                continue
            old = ledger.entries[index]
            new = approve(old, person, as_role, day)
            signed.append(Signed(rel, str(old.get("id")), as_role, day, not yaml_edit.same(old, new)))
            if not yaml_edit.same(old, new):
                changed[index] = new
        if changed:
            texts[rel] = _edit(ledger, changed, lang)
    if settings_role is not None:
        new_text, changed_settings = _sign_settings(repo, person, settings_role, day, lang)
        signed.append(Signed(CONFIG_NAME, POLICY_KEY, settings_role, day, changed_settings))
        if changed_settings:
            texts[CONFIG_NAME] = new_text
    _save_all(repo, texts, lang)
    return SignResult(signed, warnings, _name(entry))


# ------------------------------------------------------------------------- the approval settings of pmarklint.yaml


def _names_settings(repo: _Repository, target: str, cwd: Path) -> bool:
    for base in (cwd, repo.root):
        named = base / target
        if (named.parent.resolve() / named.name) == repo.root.resolve() / CONFIG_NAME:
            return True
    return False


def _settings_role(
    repo: _Repository, person: str, held: list[str], role: str | None, lang: str, person_name: str = ""
) -> tuple[str | None, str]:
    """The role ``person`` approves the approval settings in (``approvals.policy``), or why they cannot."""
    allowed = list(policy_approvers(repo.config.data))
    if role is not None and role not in allowed:
        reason = text(
            "sign.role_not_allowed", lang, id=CONFIG_NAME, role_id=role, kind="policy", roles=", ".join(allowed)
        )
        return None, reason
    as_role = role or next((r for r in allowed if r in held), None)
    if as_role is None:
        return None, text(
            "sign.no_allowed_role",
            lang,
            id=CONFIG_NAME,
            person=person,
            person_name=person_name,
            kind="policy",
            roles=", ".join(allowed),
        )
    return as_role, ""


def _sign_settings(repo: _Repository, person: str, role: str, day: str, lang: str) -> tuple[str, bool]:
    """pmarklint.yaml with the approval of its approval settings written in ``policy_approvals`` (refreshed in
    place for the same person and role, appended otherwise); every other line stays as it is. The block is
    written anew, one flow mapping per line (a comment inside it is not kept)."""
    from pmarklint.workspace.files import read_file

    raw = read_file(repo.root, CONFIG_NAME, repo.config.max_file_size)
    original = raw.decode("utf-8-sig")
    value = settings_digest(repo.config.data)
    items = [dict(item) for item in repo.config.data.get(POLICY_KEY) or [] if isinstance(item, dict)]
    mine = {"by": person, "role": role, "date": day, "digest": value}
    for index, item in enumerate(items):
        if item.get("by") == person and item.get("role") == role:
            if {k: str(item.get(k)) for k in mine} == mine:
                return original, False
            items[index] = mine
            break
    else:
        items.append(mine)
    block = f"{POLICY_KEY}:\n" + "".join(
        f'  - {{by: {i.get("by")}, role: {i.get("role")}, date: {i.get("date")}, digest: "{i.get("digest")}"}}\n'
        for i in items
    )
    lines = original.splitlines(keepends=True)
    start = next((n for n, line in enumerate(lines) if re.match(rf"{POLICY_KEY}\s*:", line)), None)
    if start is None:
        body = original if original.endswith("\n") or not original else original + "\n"
        return body + block, True
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][:1] in " \t-#"):
        end += 1
    return "".join(lines[:start]) + block + "".join(lines[end:]), True


def _check_entry(
    repo: _Repository,
    ledger: Ledger,
    index: int,
    person: str,
    held: list[str],
    role: str | None,
    chosen: dict[tuple[str, int], str],
    lang: str,
    person_name: str = "",
) -> str:
    """Why entry ``index`` cannot be signed ("" if it can); records the role it is signed in."""
    assert ledger.kind is not None
    entry = ledger.entries[index]
    name = entry.get("id") if isinstance(entry, dict) and isinstance(entry.get("id"), str) else f"#{index + 1}"
    problems = ledger.entry_problems(index)
    if problems or not isinstance(entry, dict):
        lines = [f"  {ledger.rel}:{p.line}:{p.column}: {p.message(lang)}" for p in problems]
        return "\n".join([text("sign.invalid", lang, id=name, file=ledger.rel), *lines])
    allowed = repo.approver_roles(ledger.kind)
    if role is not None and role not in allowed:
        return text("sign.role_not_allowed", lang, id=name, role_id=role, kind=ledger.kind, roles=", ".join(allowed))
    as_role = role or next((r for r in allowed if r in held), None)
    if as_role is None:
        return text(
            "sign.no_allowed_role",
            lang,
            id=name,
            person=person,
            person_name=person_name,
            kind=ledger.kind,
            roles=", ".join(allowed),
        )
    chosen[(ledger.rel, index)] = as_role
    return ""


def _edit(ledger: Ledger, changed: dict[int, dict[str, Any]], lang: str) -> str:
    from pmarklint.tables.columns import date_fields

    assert ledger.text is not None and ledger.document is not None and ledger.kind is not None

    def order(path: tuple[str, ...]) -> list[str]:
        # No order for the entry's own keys: a new approvals key goes after its last key.
        return list(APPROVAL_FIELDS) if path == ("approvals",) else []

    try:
        result, failed, _ = yaml_edit.update(
            ledger.text, ledger.document, changed, [], order=order, dates=date_fields(ledger.kind), rel=ledger.rel
        )
    except yaml_edit.EditError as exc:
        raise SignRefused([text("sign.unwritable", lang, file=ledger.rel, reason=str(exc))]) from None
    if failed:
        ids = ", ".join(str(ledger.entries[i].get("id")) for i in sorted(failed))
        raise SignRefused([text("sign.unwritable", lang, file=ledger.rel, reason=ids)])
    return result


def _save_all(repo: _Repository, texts: dict[str, str], lang: str) -> None:
    """Every ledger's new text was made before this; now they are written all or nothing (temporary files
    and renames, see :func:`pmarklint.documents.atomic.write_all`), so that a failure on the second file
    leaves the first as it was."""
    from pmarklint.documents.atomic import write_all

    files = [
        (
            repo.root / rel,
            (("\ufeff" if rel in repo.ledgers and repo.ledgers[rel].bom else "") + content).encode("utf-8"),
        )
        for rel, content in texts.items()
    ]
    write_all(files, lang)
