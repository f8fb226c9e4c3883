"""``pmarklint.yaml``: found by walking up from the path given, read with the same safe loader as the
data files, validated by its own schema. Anything wrong with it ends the run (exit 2) with a message that
names the file, the line and the key."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmarklint.dates import zone, zone_name
from pmarklint.documents.loader import DEFAULT_MAX_FILE_SIZE, decode, parse
from pmarklint.errors import PmarklintError
from pmarklint.findings import Finding, Severity
from pmarklint.i18n import LANGUAGES, text
from pmarklint.resources import DEFAULT_FOLDERS, KINDS
from pmarklint.workspace.cache import Cache, config_record

CONFIG_NAME = "pmarklint.yaml"


@dataclass(frozen=True)
class Config:
    root: Path
    data: dict[str, Any]

    @property
    def language(self) -> str | None:
        value = self.data.get("language")
        return value if isinstance(value, str) else None

    @property
    def fiscal_year_start(self) -> tuple[int, int]:
        """(month, day) the fiscal year starts on: ``fiscal_year_start: "04-01"``; by default April 1 when the
        repository's language is Japanese (年度), January 1 otherwise."""
        value = self.data.get("fiscal_year_start")
        if isinstance(value, str) and len(value) == 5 and value[2] == "-" and value.replace("-", "").isdigit():
            month, day = int(value[:2]), int(value[3:])
            if 1 <= month <= 12 and 1 <= day <= 28:
                return month, day
        return (4, 1) if self.language == "ja" else (1, 1)

    @property
    def folders(self) -> dict[str, str]:
        """kind → folder, relative to the root."""
        paths = self.data.get("paths") or {}
        return {kind: str(paths.get(kind, DEFAULT_FOLDERS[kind])).strip("/") for kind in KINDS}

    @property
    def timezone(self) -> str:
        """The repository's time zone (an IANA name): ``timezone``, else Asia/Tokyo for ``language: ja``,
        else UTC. Today, future dates and due dates are judged in it, by ``check`` and ``sign`` alike."""
        return zone_name(self.data.get("timezone"), self.language)

    @property
    def zone(self) -> dt.tzinfo:
        """:attr:`timezone` as a time zone; a name that names none ends the run with the fix."""
        found = zone(self.timezone)
        if found is None:
            raise PmarklintError(text("ui.bad_timezone", self.language or "en", value=self.timezone))
        return found

    @property
    def max_file_size(self) -> int:
        return int((self.data.get("limits") or {}).get("max_file_size", DEFAULT_MAX_FILE_SIZE))

    @property
    def rule_options(self) -> dict[str, dict[str, Any]]:
        """rule code → its options in ``rules`` other than its severity (e.g. ``PML505: {allow: [...]}``): what
        the file-scope checks read, and so part of a file's cache key. ``limits`` holds the limits they read
        (``max_string_length``, PML007) when pmarklint.yaml sets them."""
        out = {}
        for code, setting in sorted((self.data.get("rules") or {}).items()):
            options = {k: v for k, v in setting.items() if k != "severity"} if isinstance(setting, dict) else {}
            if options:
                out[code] = options
        limits = self.data.get("limits") or {}
        if "max_string_length" in limits:  # PML007 reads it: a file's result depends on it
            out["limits"] = {"max_string_length": limits["max_string_length"]}
        return out

    def severity(self, code: str, default: Severity) -> Severity | None:
        """The severity configured for a rule; None when it is switched off."""
        setting = (self.data.get("rules") or {}).get(code)
        if setting is None:
            return default
        if setting == "off" or setting is False:
            return None
        value = setting.get("severity")
        if value is None:
            return default
        return None if value == "off" else Severity(value)


def find_root(start: Path, lang: str) -> Path:
    if not start.exists():
        raise PmarklintError(text("ui.path_missing", lang, path=str(start)))
    start = start.resolve()
    here = start if start.is_dir() else start.parent
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise PmarklintError(text("ui.no_config", lang, path=str(start)))


def configured_language(start: Path) -> str | None:
    """The ``language`` of the PMS repository at or above ``start``, for the messages of any command run
    inside it; None outside one, or when pmarklint.yaml cannot be read or names no language we have (the
    command itself then says what is wrong with it, in the locale's language)."""
    try:
        root = find_root(start, "en")
        raw = (root / CONFIG_NAME).read_bytes()
    except (PmarklintError, OSError):
        return None
    content, _ = decode(raw, CONFIG_NAME)
    if content is None:
        return None
    loaded = parse(content, CONFIG_NAME)
    data = loaded.document.data if loaded.document is not None else None
    value = data.get("language") if isinstance(data, dict) else None
    return value if value in LANGUAGES else None


def load_config(root: Path, cache: Cache, lang: str) -> Config:
    path = root / CONFIG_NAME
    try:
        with open(path, "rb") as fh:
            raw = fh.read(DEFAULT_MAX_FILE_SIZE + 1)  # the limit is a setting of this very file: the default
    except OSError as exc:
        raise PmarklintError(f"{path}: {exc}") from exc
    if len(raw) > DEFAULT_MAX_FILE_SIZE:
        size = path.stat().st_size
        raise PmarklintError(text("ui.config_too_large", lang, size=size, limit=DEFAULT_MAX_FILE_SIZE))
    key = cache.key("config", raw)
    # Stored as (key, settings): a value under this key that is not such a pair is a damaged cache, a miss.
    cached = cache.get(key, shape=lambda v: v.__class__ is tuple and len(v) == 2 and v[0] == key and _usable(v[1]))
    if cached is not None:
        return Config(root, cached[1])
    data, problems = _read(raw)
    if problems:
        lines = [
            text("ui.bad_config", lang, file=f.file, line=f.line, column=f.column, message=f.message(lang))
            for f in problems
        ]
        raise PmarklintError("\n".join([text("ui.config_invalid", lang), *lines]))
    cache.put(key, (key, data))
    return Config(root, data)


def _usable(value: Any) -> bool:
    """A cached value that a run can use as settings: plain data, a mapping, and every setting the run reads
    readable (else the cache is damaged, and the file is read again)."""
    if not config_record(value):
        return False
    config = Config(Path("."), value)
    rules = value.get("rules") or {}
    return (
        (config.language is None or config.language in ("ja", "en"))
        and len(config.folders) == len(KINDS)
        and config.max_file_size > 0
        and isinstance(rules, dict)
        and all(config.severity(code, Severity.ERROR) in (None, *Severity) for code in rules)
    )


def _read(raw: bytes) -> tuple[dict[str, Any], list[Finding]]:
    content, problems = decode(raw, CONFIG_NAME)
    if content is None:
        return {}, problems
    loaded = parse(content, CONFIG_NAME)
    if loaded.document is None or loaded.findings:
        return {}, loaded.findings
    from pmarklint.documents.schema import validate_config

    data = loaded.document.data
    problems = validate_config(loaded.document, CONFIG_NAME)
    return (data if isinstance(data, dict) else {}), problems
