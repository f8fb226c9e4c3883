"""Where the data that ships with pmarklint lives: ``schemas/`` and ``controls/``.

In a built wheel they are packaged as ``pmarklint/_data/``; in a checkout (or an editable install) they
are the folders at the top of the repository.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent

# The PDCA records (docs/records.md): entries that record something done on a date, never "reviewed".
RECORD_KINDS = (
    "training",
    "corrective",
    "audit_plan",
    "audit_report",
    "review",
    "plan",
    "operation_check",
    "incident",
    "request",
    "drill",
    "complaint",
    "disposal",
    "risk",
)
KINDS = ("person", "control", "contractor", "inventory", *RECORD_KINDS)
DEFAULT_FOLDERS = {"person": "people", "control": "controls", "contractor": "contractors", "inventory": "inventory"}
DEFAULT_FOLDERS |= {
    "training": "training",
    "corrective": "corrective",
    "audit_plan": "audits",
    "audit_report": "audits",
    "review": "reviews",
    "plan": "plans",
    "operation_check": "operation-checks",
    "incident": "incidents",
    "request": "requests",
    "drill": "drills",
    "complaint": "complaints",
    "disposal": "disposals",
    "risk": "risks",
}

# The roles of the roster (people/ roles:, approvals), in the order pmarklint roles lists them.
ROLES = (
    "top_management",
    "privacy_manager",
    "audit_lead",
    "internal_auditor",
    "department_manager",
    "education_lead",
    "complaints_desk",
    "secretariat",
    "application_contact",
    "sysadmin",
    "entry_manager",
)
# What people type for a role instead of its id: its Japanese name (short forms too) and common English
# words. A wrong role value is answered with the id these point to (PML101).
ROLE_SYNONYMS = {
    "トップマネジメント": "top_management",
    "代表者": "top_management",
    "社長": "top_management",
    "ceo": "top_management",
    "president": "top_management",
    "representative": "top_management",
    "management": "top_management",
    "個人情報保護管理者": "privacy_manager",
    "cpo": "privacy_manager",
    "dpo": "privacy_manager",
    "privacy_officer": "privacy_manager",
    "個人情報保護監査責任者": "audit_lead",
    "監査責任者": "audit_lead",
    "auditor": "audit_lead",
    "lead_auditor": "audit_lead",
    "chief_auditor": "audit_lead",
    "audit_manager": "audit_lead",
    "内部監査員": "internal_auditor",
    "監査員": "internal_auditor",
    "部門管理者": "department_manager",
    "部門責任者": "department_manager",
    "教育責任者": "education_lead",
    "trainer": "education_lead",
    "苦情相談窓口": "complaints_desk",
    "苦情窓口": "complaints_desk",
    "事務局": "secretariat",
    "privacy_office": "secretariat",
    "Pマーク申請担当者": "application_contact",
    "申請担当者": "application_contact",
    "システム管理者": "sysadmin",
    "system_administrator": "sysadmin",
    "admin": "sysadmin",
    "入退室管理責任者": "entry_manager",
}


def data_dir(name: str) -> Path:
    """``schemas`` or ``controls``: the packaged copy if there is one, else the checkout's."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"pmarklint is installed without its {name}/ folder")


def schema_path(name: str) -> Path:
    return data_dir("schemas") / f"{name}.schema.json"


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """:func:`code_digest`'s quick stand-in for the kept run (pmarklint.check.kept): the name, size and
    modification time of the same files, not their bytes (an install or an edit gives a file a new time; reading
    every module's bytes costs more than the rest of a kept run)."""
    import hashlib
    import os

    digest = hashlib.sha256()
    schemas = [(f"schemas/{path.name}", path) for path in data_dir("schemas").glob("*.json")]
    modules = [(path.relative_to(_PACKAGE).as_posix(), path) for path in _PACKAGE.rglob("*.py")]
    for name, path in sorted(schemas + modules):
        info = os.stat(path)
        digest.update(f"{name}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def code_digest() -> str:
    """Changes whenever a shipped schema or any of pmarklint's own modules changes: part of every cache key,
    so that a cached result is always what this very code would compute (a checkout being edited too)."""
    import hashlib  # only for commands that read the cache: --help and explain do without it

    digest = hashlib.sha256()
    schemas = [(f"schemas/{path.name}", path) for path in data_dir("schemas").glob("*.json")]
    modules = [(path.relative_to(_PACKAGE).as_posix(), path) for path in _PACKAGE.rglob("*.py")]
    for name, path in sorted(schemas + modules):
        digest.update(name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
