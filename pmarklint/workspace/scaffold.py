"""``pmarklint init``: a ready-to-fill PMS repository that passes ``check`` from its first commit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pmarklint import __version__
from pmarklint.git.repo import init_and_add
from pmarklint.git.run import GitError
from pmarklint.resources import DEFAULT_FOLDERS, RECORD_KINDS, data_dir

_TEMPLATES = Path(__file__).resolve().parent / "templates"
_SCHEMAS_IN_REPO = ".pmarklint/schemas"

# ``create(ci=...)``: the CI configuration written for each choice, (template in templates/common, path in
# the new repository). "none" writes none.
CI_FILES = {
    "github": ("github-workflow.yml", ".github/workflows/pmarklint.yml"),
    "gitlab": ("gitlab-ci.yml", ".gitlab-ci.yml"),
}
CI_CHOICES = ("none", *CI_FILES)


def _versioned(template: Path) -> bytes:
    """A template with ``{version}`` replaced by this pmarklint's version."""
    return template.read_text(encoding="utf-8").replace("{version}", __version__).encode("utf-8")


def _files(lang: str, ci: str) -> Iterator[tuple[str, bytes]]:
    """(path in the new repository, content) for every file init writes."""
    own = _TEMPLATES / lang
    common = _TEMPLATES / "common"
    yield "pmarklint.yaml", (own / "pmarklint.yaml").read_bytes()
    yield "README.md", (own / "README.md").read_bytes()
    yield "people/people.yaml", (own / "people.yaml").read_bytes()
    yield "contractors/contractors.yaml", (own / "contractors.yaml").read_bytes()
    yield "inventory/inventory.yaml", (own / "inventory.yaml").read_bytes()
    for kind in RECORD_KINDS:  # the PDCA records (docs/records.md), each in its default folder
        yield f"{DEFAULT_FOLDERS[kind]}/{kind}.yaml", (own / f"{kind}.yaml").read_bytes()
    yield ".pre-commit-config.yaml", _versioned(common / "pre-commit-config.yaml")
    if ci in CI_FILES:
        template, target = CI_FILES[ci]
        yield target, _versioned(common / template)
    yield ".vscode/settings.json", (common / "vscode-settings.json").read_bytes()
    for schema in sorted(data_dir("schemas").glob("*.schema.json")):
        if schema.name != "check-output.schema.json":
            yield f"{_SCHEMAS_IN_REPO}/{schema.name}", schema.read_bytes()
    for control in sorted(data_dir("controls").glob("*.yaml")):
        content = control.read_text(encoding="utf-8").replace(
            "$schema=../schemas/", f"$schema=../{_SCHEMAS_IN_REPO}/", 1
        )
        yield f"controls/{control.name}", content.encode("utf-8")


def create(directory: Path, lang: str, *, git: bool = True, ci: str = "none") -> list[tuple[str, bool]]:
    """Write the files that do not exist yet; return (path, created) for each, in order. ``ci`` adds a CI
    configuration: "github" (a GitHub Actions workflow), "gitlab" (.gitlab-ci.yml) or "none"."""
    if ci not in CI_CHOICES:
        raise ValueError(f"ci must be one of {', '.join(CI_CHOICES)}, got {ci!r}")
    directory.mkdir(parents=True, exist_ok=True)
    report = []
    written = []
    for rel, content in _files(lang, ci):
        target = directory / rel
        if target.exists():
            report.append((rel, False))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "xb") as fh:  # "x": never overwrite, even if the file appeared meanwhile
            fh.write(content)
        report.append((rel, True))
        written.append(rel)
    if git and written:
        _git_add(directory, written)
    return report


def _git_add(directory: Path, paths: list[str]) -> None:
    """Make the folder a git repository (unless it is inside one) and stage the new files, so that
    ``check`` sees them: it reads what git tracks or has staged."""
    try:
        init_and_add(directory, paths)
    except GitError:
        pass  # without git the files are still there, and check reads them from the folders
