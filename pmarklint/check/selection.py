"""What ``check`` reports of a run: the findings of some rules (``--select``, ``--ignore``: rule code prefixes,
as ruff takes them) and of some files (``check FILE...``). The whole repository is always checked, because
references need every file; the selection only decides which of its findings are shown and counted.

Rule codes: each finding's code is matched against the most specific (longest) prefix named by either
option. When that prefix was ignored the finding is left out, when it was selected it is kept; a code that no
prefix matches is kept unless ``--select`` was given. ``--select PML4 --ignore PML406`` reports every approval
check but PML406, and ``--ignore PML4 --select PML406`` only PML406 of them. ``ALL`` selects every rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from pmarklint.check.engine import CheckResult
from pmarklint.errors import PmarklintError
from pmarklint.findings import Finding
from pmarklint.i18n import text
from pmarklint.rules import REGISTRY

ALL = "ALL"


def prefixes(values: Iterable[str], option: str, lang: str) -> tuple[str, ...]:
    """The code prefixes of an option given as often as the user likes, each time one or more separated by
    commas (``--select PML4,PML5 --select PML901``). A prefix that names no rule is a typo: an error."""
    out: list[str] = []
    for value in values:
        for part in value.split(","):
            code = part.strip().upper()
            if not code:
                continue
            if code != ALL and not any(rule.startswith(code) for rule in REGISTRY):
                raise PmarklintError(text("ui.select_unknown", lang, option=option, code=part.strip()))
            out.append(code)
    return tuple(out)


@dataclass(frozen=True)
class Selection:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()  # relative to the repository root, "/"-separated; "" is the whole repository

    def rule_shown(self, code: str) -> bool:
        best_select = max((len(p) for p in self.select if p == ALL or code.startswith(p)), default=-1)
        best_ignore = max((len(p) for p in self.ignore if p == ALL or code.startswith(p)), default=-1)
        if best_ignore < 0 and best_select < 0:
            return not self.select
        return best_select > best_ignore

    def file_shown(self, file: str) -> bool:
        return not self.paths or any(p == "" or file == p or file.startswith(p + "/") for p in self.paths)

    def shown(self, item: Finding) -> bool:
        return self.rule_shown(item.rule) and self.file_shown(item.file)

    def apply(self, result: CheckResult) -> CheckResult:
        if not (self.select or self.ignore or self.paths):
            return result
        return replace(
            result,
            findings=[f for f in result.findings if self.shown(f)],
            waived=[f for f in result.waived if self.shown(f)],
        )


def relative_paths(paths: Sequence[Path], root: Path, lang: str) -> tuple[str, ...]:
    """The files and folders named on the command line, relative to the repository root; each must exist and
    be inside the repository (the root itself stands for the whole repository: "")."""
    top = root.resolve()
    out = []
    for path in paths:
        if not path.exists():
            raise PmarklintError(text("ui.path_missing", lang, path=str(path)))
        resolved = path.resolve()
        if resolved != top and top not in resolved.parents:
            raise PmarklintError(text("ui.path_outside", lang, path=str(path), root=str(root)))
        out.append("" if resolved == top else resolved.relative_to(top).as_posix())
    return tuple(out)
