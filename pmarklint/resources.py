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
