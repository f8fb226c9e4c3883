"""``pmarklint migrate risks``: the ``risks`` list of inventory entries moves to the risk register (kind ``risk``,
folder ``risks/``, docs/risks.md).

Each item of an entry's ``risks`` becomes a risk entry ``RA-<inventory id>-<n>``: its phase read as one of the
five phases (``保管`` → storage), its threat text kept as the description and read for the threats it names
(``紛失`` → loss), its measure as the first measure, its residual risk as it was, the inventory entry's owner, the
digest of the inventory entry as it stands without its risks (the content the risks were assessed against) and
the entry's ``last_reviewed`` as the day of the review. What the inventory never said (who accepted the residual
risk, the phases not listed, threats the text does not name) is left for the privacy office to fill in, and
``check`` lists it.

The risks of ``inventory/<name>.yaml`` go to ``<risk folder>/<name>.yaml``; the inventory files lose their
``risks`` keys and nothing else (comments, order, quoting and blank lines stay: :mod:`pmarklint.documents.edit`).
Nothing is written when anything is in the way (a target file that exists, an id already used, a phase that
cannot be read, an unreadable file, a layout the editor cannot change safely); everything is written at once
otherwise (:func:`pmarklint.documents.atomic.write_all`). A second run finds nothing to move.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmarklint.approvals.digest import digest
from pmarklint.documents import edit as yaml_edit
from pmarklint.errors import PmarklintError
from pmarklint.i18n import text
from pmarklint.tables.columns import date_fields, field_order
from pmarklint.tables.sync import LedgerFile, Repository, load_repository

PHASES = ("acquisition", "transfer", "use", "storage", "disposal")
# Words of a phase as inventories wrote them, in Japanese and English (the first that a phase text contains).
PHASE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("acquisition", ("取得", "入力", "収集", "acquisition", "collection", "input")),
    ("transfer", ("移送", "送信", "送付", "提供", "委託", "transfer", "transmission", "sending")),
    ("use", ("利用", "加工", "閲覧", "use", "processing")),
    ("storage", ("保管", "保存", "バックアップ", "storage", "backup", "keeping")),
    ("disposal", ("消去", "廃棄", "削除", "disposal", "erasure", "deletion")),
)
# Words of a threat (the first matches of each threat, in the order of the schema).
THREAT_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("leak", ("漏えい", "漏洩", "流出", "窃取", "誤送信", "誤送付", "盗", "leak", "disclos", "theft")),
    ("loss", ("紛失", "滅失", "消失", "loss", "lost")),
    ("damage", ("き損", "毀損", "破損", "改ざん", "damage", "tamper", "corrupt")),
    ("misuse", ("目的外", "不正利用", "misuse")),
    ("legal_violation", ("法令", "違反", "違法", "law", "illegal")),
    ("rights_infringement", ("権利", "rights")),
)


@dataclass
class Migration:
    """What a migration did (or, with dry_run, would do)."""

    written: dict[str, int] = field(default_factory=dict)  # new risk file → number of entries
    cleared: dict[str, int] = field(default_factory=dict)  # inventory file → entries that lost their risks
    risks: int = 0
    dry_run: bool = False

    def lines(self, lang: str) -> list[str]:
        if not self.written:
            return [text("migrate.nothing", lang)]
        out = [
            text(
                "migrate.moved",
                lang,
                risks=self.risks,
                entries=sum(self.cleared.values()),
                files=", ".join(self.written),
            )
        ]
        out += [text("migrate.written", lang, file=rel, count=count) for rel, count in self.written.items()]
        out += [text("migrate.removed", lang, file=rel, count=count) for rel, count in self.cleared.items()]
        out.append(text("migrate.dry_run" if self.dry_run else "migrate.next", lang))
        return out


def phase_of(value: Any) -> str | None:
    """One of the five phases, from what an inventory wrote (``保管``, ``保管・バックアップ``, ``storage``)."""
    if not isinstance(value, str) or not value.strip():
        return None
    words = value.strip().lower()
    if words in PHASES:
        return words
    for phase, names in PHASE_WORDS:
        if any(name in words for name in names):
            return phase
    return None


def threats_of(value: Any) -> list[str]:
    """The threats a threat text names (漏えい → leak, 紛失 → loss); empty when it names none pmarklint knows."""
    if not isinstance(value, str):
        return []
    words = value.lower()
    return [threat for threat, names in THREAT_WORDS if any(re.search(re.escape(n), words) for n in names)]


def migrate_risks(start: Path, lang: str, *, dry_run: bool = False) -> Migration:
    """Move every inventory entry's ``risks`` to the risk register; a PmarklintError (exit 2) when something
    is in the way, with nothing written."""
    repo = load_repository(start, lang)
    blocked = [text("migrate.unreadable", lang, file=f.rel, reason=f.reason) for f in repo.files.values() if f.reason]
    if blocked:
        raise PmarklintError("\n".join(blocked))
    used = _ids(repo)
    folder = repo.folders["risk"].strip("/")
    plan = Migration(dry_run=dry_run)
    new_files: dict[str, list[dict[str, Any]]] = {}
    edited: dict[str, str] = {}
    for rel, loaded in sorted(repo.files.items()):
        if loaded.kind != "inventory" or loaded.document is None or loaded.text is None:
            continue
        changed: dict[int, dict[str, Any]] = {}
        made: list[dict[str, Any]] = []
        for index, entry in enumerate(loaded.entries()):
            if not isinstance(entry, dict) or "risks" not in entry:
                continue
            rest = {key: value for key, value in entry.items() if key != "risks"}
            made += _risks_of(repo, loaded, index, entry, digest(rest), used, lang)
            changed[index] = rest
        if not changed:
            continue
        target = f"{folder}/{rel.rpartition('/')[2]}"
        if target in repo.files or (repo.root / target).exists() or target in new_files:
            raise PmarklintError(text("migrate.exists", lang, file=target))
        edited[rel] = _without_risks(loaded, changed, lang)
        plan.cleared[rel] = len(changed)
        if made:
            new_files[target] = made
            plan.written[target] = len(made)
            plan.risks += len(made)
    if not dry_run and edited:
        from pmarklint.documents.atomic import write_all

        files = [(repo.root / rel, _encoded(repo.files.get(rel), content)) for rel, content in edited.items()]
        schema = _schema_line(repo, folder)
        dates = date_fields("risk")
        for rel, entries in new_files.items():
            content = yaml_edit.new_file("risk", entries, dates=dates, schema=schema)
            files.append((repo.root / rel, content.encode("utf-8")))
        write_all(files, lang, create_folder=True)
    return plan


def _ids(repo: Repository) -> dict[str, str]:
    """Every id the repository uses → the file it is in."""
    found: dict[str, str] = {}
    for rel, loaded in repo.files.items():
        for entry in loaded.entries():
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                found.setdefault(entry["id"], rel)
    return found


def _risks_of(
    repo: Repository,
    loaded: LedgerFile,
    index: int,
    entry: dict[str, Any],
    assessed: str,
    used: dict[str, str],
    lang: str,
) -> list[dict[str, Any]]:
    entry_id = str(entry.get("id", "?"))
    items = entry.get("risks")
    out: list[dict[str, Any]] = []
    for number, item in enumerate(items if isinstance(items, list) else [], start=1):
        item = item if isinstance(item, dict) else {}
        phase = phase_of(item.get("phase"))
        if phase is None:
            assert loaded.document is not None
            path = ("entries", index, "risks", number - 1, "phase")
            line, _ = loaded.document.position(path)
            shown = item.get("phase", "")
            raise PmarklintError(
                text("migrate.phase_unknown", lang, file=loaded.rel, line=line, phase=shown, entry=entry_id)
            )
        risk_id = f"RA-{entry_id}-{number}"
        if risk_id in used:
            raise PmarklintError(text("migrate.id_taken", lang, id=risk_id, entry=entry_id, file=used[risk_id]))
        used[risk_id] = f"{repo.folders['risk']}/"
        risk: dict[str, Any] = {"id": risk_id, "inventory": entry_id, "phase": phase}
        threats = threats_of(item.get("threat"))
        if threats:
            risk["threats"] = threats
        if isinstance(item.get("threat"), str):
            risk["description"] = item["threat"]
        if isinstance(item.get("measure"), str):
            risk["measures"] = [{"text": item["measure"]}]
        if "residual" in item:
            risk["residual"] = item["residual"]
        if isinstance(entry.get("owner"), str):
            risk["owner"] = entry["owner"]
        risk["assessed_digest"] = assessed
        if isinstance(entry.get("last_reviewed"), str):
            risk["reviewed_on"] = entry["last_reviewed"]
        out.append(risk)
    return out


def _without_risks(loaded: LedgerFile, changed: dict[int, dict[str, Any]], lang: str) -> str:
    """The inventory file's text with the ``risks`` of the changed entries removed, and nothing else."""
    assert loaded.text is not None and loaded.document is not None
    order = field_order("inventory")
    try:
        result, failed, _ = yaml_edit.update(
            loaded.text,
            loaded.document,
            changed,
            [],
            order=lambda path: order.get(path, []),
            dates=date_fields("inventory"),
            rel=loaded.rel,
        )
    except yaml_edit.EditError as exc:
        raise PmarklintError(text("migrate.layout", lang, file=loaded.rel, entry="", reason=exc)) from exc
    if failed:
        index, reason = next(iter(failed.items()))
        entry = loaded.entries()[index]
        entry_id = entry.get("id", "?") if isinstance(entry, dict) else "?"
        raise PmarklintError(text("migrate.layout", lang, file=loaded.rel, entry=entry_id, reason=reason))
    return result


def _encoded(loaded: LedgerFile | None, content: str) -> bytes:
    bom = loaded is not None and loaded.bom
    return (("\ufeff" if bom else "") + content).encode("utf-8")


def _schema_line(repo: Repository, folder: str) -> str | None:
    """The editor's schema line for a new risk file, after the inventory files' own (the same folder depth)."""
    for loaded in repo.files.values():
        if loaded.kind == "inventory" and loaded.text:
            first = loaded.text.split("\n", 1)[0]
            if first.startswith("# yaml-language-server: $schema=") and first.endswith("inventory.schema.json"):
                schema = first.removeprefix("# yaml-language-server: $schema=")
                return schema.removesuffix("inventory.schema.json") + "risk.schema.json"
    return None
