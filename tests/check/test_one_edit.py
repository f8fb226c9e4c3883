"""One edited entry with a warm cache (issue 18 item 3): every other file comes from the cache, a finding in a
cached file is placed from the positions the cache keeps (pmarklint.check.places) or by parsing its entry,
and the findings are exactly those of a run without cache: code, file, line, column, severity and message."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

import pmarklint.check.engine as engine
from pmarklint.check.engine import run_check

from helpers.repos import ROOT, git

EXAMPLE = ROOT / "examples" / "shop"


def shop(tmp_path: Path) -> Path:
    repo = tmp_path / "shop"
    shutil.copytree(EXAMPLE, repo)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "the example")
    return repo


def findings(repo: Path, *, use_cache: bool = True) -> list[tuple[Any, ...]]:
    result = run_check(repo, today="2026-11-26", lang="ja", use_cache=use_cache)
    return [(f.rule, f.file, f.line, f.column, f.level, f.message("ja"), f.entry, f.path) for f in result.findings]


def edit(repo: Path, rel: str, old: str, new: str) -> None:
    path = repo / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


class Spy:
    """What the engine parses and loads fresh during a run."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.parsed: list[str] = []
        self.fresh: list[str] = []
        real_parse, real_fresh = engine.parse, engine._load_fresh

        def parse(text: str, rel: str) -> Any:
            self.parsed.append(rel)
            return real_parse(text, rel)

        def fresh(raw: bytes, rel: str, options: Any) -> Any:
            self.fresh.append(rel)
            return real_fresh(raw, rel, options)

        monkeypatch.setattr(engine, "parse", parse)
        monkeypatch.setattr(engine, "_load_fresh", fresh)


def test_a_warm_run_of_the_example_loads_no_file_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file's record is used, also contractors.yaml, whose PML503 finding names the missing clauses in a
    tuple (such a record was refused as not plain, and the file parsed and validated on every run)."""
    repo = shop(tmp_path)
    cold = findings(repo)
    assert any(f[0] == "PML503" for f in cold)
    spy = Spy(monkeypatch)
    assert findings(repo) == cold
    assert spy.fresh == []


# Each step edits the example once more, with the cache the earlier steps filled.
EDITS = [
    # a few characters of one purpose
    ("inventory/sales.yaml", "    purpose: ", "    purpose: (改) "),
    # a line more in the first entry of a file: every later entry of that file moves down
    ("inventory/hr.yaml", "    record_count: 45\n", "    record_count: 45\n    notes: 年1回見直す\n"),
    # a person's id changes in the roster: the inventory files that name them, all cached, get new findings
    ("people/roster.yaml", "  - id: kobayashi\n", "  - id: kobayashi-k\n"),
    # another purpose: the findings of the step before are placed from the positions kept since
    ("inventory/customer-service.yaml", "    purpose: ", "    purpose: (改) "),
    # the roster again, back as it was
    ("people/roster.yaml", "  - id: kobayashi-k\n", "  - id: kobayashi\n"),
]


def first(text: str, old: str, new: str) -> str:
    at = text.index(old)
    return text[:at] + new + text[at + len(old) :]


def test_each_edit_with_a_warm_cache_gives_the_findings_of_a_run_without_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = shop(tmp_path)
    findings(repo)  # fills the cache
    seen = {p.read_bytes() for p in repo.rglob("*.yaml")}
    spy = Spy(monkeypatch)
    for rel, old, new in EDITS:
        path = repo / rel
        path.write_text(first(path.read_text(encoding="utf-8"), old, new), encoding="utf-8")
        spy.fresh.clear()
        warm = findings(repo)
        assert spy.fresh == ([] if path.read_bytes() in seen else [rel])  # only an edited file is read again
        seen.add(path.read_bytes())
        assert warm == findings(repo, use_cache=False), rel


def test_a_finding_in_a_cached_file_is_placed_without_a_parse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once an entry has been located, the next runs place its findings from the kept positions: a run after
    an edit parses the edited file and nothing else, not even an entry's lines."""
    repo = shop(tmp_path)
    edit(repo, "people/roster.yaml", "  - id: kobayashi\n", "  - id: kobayashi-k\n")
    findings(repo)  # the cold run: every file parsed, the located entries' places kept
    without = findings(repo, use_cache=False)
    in_sales = [f for f in without if f[1] == "inventory/sales.yaml" and "kobayashi" in f[5]]
    assert in_sales  # the unknown person, reported in a file that will come from the cache
    spy = Spy(monkeypatch)
    edit(repo, "inventory/hr.yaml", "    purpose: 給与の計算と支払", "    purpose: (改) 給与の計算と支払")
    assert findings(repo) == findings(repo, use_cache=False)
    spy.parsed.clear()
    edit(repo, "inventory/hr.yaml", "    purpose: (改) 給与の計算と支払", "    purpose: (改2) 給与の計算と支払")
    warm = findings(repo)
    assert set(spy.parsed) <= {"inventory/hr.yaml", "pmarklint.yaml"}, spy.parsed
    assert warm == findings(repo, use_cache=False)


def test_kept_positions_that_do_not_fit_are_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A places record of the right shape whose numbers do not fit the entry (too few, an unknown width) is
    not used: the entry is parsed, and the finding's position is still the true one."""
    repo = shop(tmp_path)
    edit(repo, "people/roster.yaml", "  - id: kobayashi\n", "  - id: kobayashi-k\n")
    findings(repo)
    want = findings(repo, use_cache=False)
    cache = engine.Cache(engine.default_directory(repo / ".git"))
    raw = (repo / "inventory/sales.yaml").read_bytes()
    key = cache.key("places", raw)
    kept = cache.get(key)
    assert isinstance(kept, tuple) and any(kept)
    for damaged in (tuple(b[:-8] if b else b for b in kept), tuple(b"Q" + b[1:] if b else b for b in kept)):
        cache.put(key, damaged)
        assert findings(repo) == want
