"""The documents about the command line say what it does: shell completion and NO_COLOR as docs/cli.md
describes them, the JUnit example of docs/output-formats.md as the reporter writes it, and no document or
file ``init`` writes pins a version of pmarklint that cannot be installed (there is no release on a package
index yet)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pmarklint.workspace import scaffold

from helpers.cli import run
from helpers.repos import GOLDEN, ROOT

CLI_DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


def _pmarklint(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pmarklint", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_shell_completion_works_as_documented() -> None:
    assert 'eval "$(_PMARKLINT_COMPLETE=bash_source pmarklint)"' in CLI_DOC
    script = _pmarklint(env={"_PMARKLINT_COMPLETE": "bash_source"})
    assert script.returncode == 0
    assert "complete -o nosort -F _pmarklint_completion pmarklint" in script.stdout
    # what the bash script asks for each TAB
    words = _pmarklint(env={"_PMARKLINT_COMPLETE": "bash_complete", "COMP_WORDS": "pmarklint che", "COMP_CWORD": "1"})
    assert words.stdout.split() == ["plain,check"]
    options = _pmarklint(
        env={"_PMARKLINT_COMPLETE": "bash_complete", "COMP_WORDS": "pmarklint check --exit", "COMP_CWORD": "2"}
    )
    assert options.stdout.split() == ["plain,--exit-zero"]
    for shell in ("zsh", "fish"):
        assert f"_PMARKLINT_COMPLETE={shell}_source pmarklint" in CLI_DOC
        assert _pmarklint(env={"_PMARKLINT_COMPLETE": f"{shell}_source"}).stdout.strip()


def test_no_color_as_documented(tmp_path: Path) -> None:
    assert "NO_COLOR=1 pmarklint check" in CLI_DOC
    pty = pytest.importorskip("pty")
    outputs = {}
    for name, extra in (("colour", {}), ("plain", {"NO_COLOR": "1"})):
        master, slave = pty.openpty()
        env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
        proc = subprocess.Popen(
            [sys.executable, "-m", "pmarklint", "check", "examples/shop", "--today", "2026-11-26", "--no-progress"],
            cwd=ROOT,
            env={**env, **extra},
            stdout=slave,
            stderr=subprocess.DEVNULL,
        )
        os.close(slave)
        data = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
        os.close(master)
        assert proc.wait(timeout=60) == 1
        outputs[name] = data
    assert b"\x1b[" in outputs["colour"]
    assert b"\x1b[" not in outputs["plain"]
    assert outputs["plain"].replace(b"\r\n", b"\n") == re.sub(rb"\x1b\[[0-9;]*m", b"", outputs["colour"]).replace(
        b"\r\n", b"\n"
    )


def test_the_junit_example_is_what_the_reporter_writes() -> None:
    doc = (ROOT / "docs" / "output-formats.md").read_text(encoding="utf-8")
    sample = doc[doc.index("## `junit`: JUnit XML") :]
    sample = sample[sample.index("```xml\n") + 7 : sample.index("```\n", sample.index("```xml\n") + 7)]
    golden = (GOLDEN / "examples-shop.junit.xml").read_text(encoding="utf-8").splitlines()
    shown = [line for line in sample.splitlines() if line.strip() != "..."]
    assert len(shown) >= 8
    at = 0
    for line in shown:  # every line is the reporter's, in its order
        at = golden.index(line, at) + 1
    ci = doc[doc.index("# .gitlab-ci.yml: test report") :]
    assert "|| true" not in ci[: ci.index("```")]  # an exit code 2 must fail the job


def _install_texts(tmp_path: Path) -> dict[str, str]:
    texts = {
        str(p.relative_to(ROOT)): p.read_text(encoding="utf-8")
        for p in [ROOT / "README.md", ROOT / "action.yml", *(ROOT / "docs").rglob("*.md"), *(ROOT / "ci").rglob("*")]
        if p.is_file()
    }
    for lang in ("ja", "en"):
        for rel, _ in scaffold.create(tmp_path / lang, lang, git=False, ci="github"):
            texts[f"init {lang}: {rel}"] = (tmp_path / lang / rel).read_text(encoding="utf-8")
        scaffold.create(tmp_path / f"{lang}-gitlab", lang, git=False, ci="gitlab")
        texts[f"init {lang}: .gitlab-ci.yml"] = (tmp_path / f"{lang}-gitlab" / ".gitlab-ci.yml").read_text("utf-8")
    return texts


def test_no_document_pins_a_version_that_cannot_be_installed(tmp_path: Path) -> None:
    for name, text in _install_texts(tmp_path).items():
        assert not re.search(r"pmarklint\s*[=~]=\s*\d", text), name  # no release on a package index yet
        assert not re.search(r"\brev:\s*v\d", text), name  # no such tag
        assert not re.search(r"pmarklint@v\d", text), name
        assert not re.search(r"ref:\s*v\d", text), name


def test_help_of_check_names_the_new_options() -> None:
    shown = " ".join(run("check", "--help").stdout.split())
    for option in ("--select CODES", "--ignore CODES", "--exit-zero", "--progress / --no-progress", "-C, --repo"):
        assert option in shown, option
