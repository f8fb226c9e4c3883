"""Hangs and unbounded memory, from history (issue 12): ``limits.max_file_size`` applies to every revision
read from git as it does to the files. A roster blob of 45 MB committed once made ``check`` take 20 s and
1.6 GB and ``trail`` 167 s, 9.3 GB and 900 MB of output; now that revision is read past in small pieces and
named (PML004 warning in ``check``, a note on stderr from ``trail``), an approval that rests on it is not
backed (fail closed), and the trail shows what changed across it once. Real repositories with pinned
authors and dates, the real command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers.cli import run
from helpers.pms import CONFIG, pms
from helpers.repos import commit_as, git

SAITO = "Misaki Saito <saito@sakura-market.example>"
NAKAMURA = "Hanako Nakamura <nakamura@sakura-market.example>"
ROSTER = "people/roster.yaml"
LEDGER = "contractors/contractors.yaml"
ENFORCED = CONFIG + "require_approvals: {contractor: error}\n"


def history(root: Path, monkeypatch: pytest.MonkeyPatch, padding: int) -> dict[str, str]:
    """Staff edits C-001, pads the roster with ``padding`` bytes of comment (committed once), the privacy
    manager approves C-001 on top of it, and staff puts the roster back. The commits by name."""
    ledger = root / LEDGER
    ledger.write_text(ledger.read_text(encoding="utf-8").replace("service: 商品の配送", "service: 返品の回収"), "utf-8")
    commits = {"edit": commit_as(root, SAITO, "C-001: returns", day="2026-05-01T10:00:00+09:00")}
    # signed while the roster is readable (sign, like check, reads no file over the limit), committed later
    unsigned = ledger.read_bytes()
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "nakamura@sakura-market.example")
    signed = run("sign", "C-001", "--as", "nakamura", "--repo", root, "--date", "2026-05-03", "--force")
    assert signed.exit_code == 0, signed.stderr
    signed_ledger = ledger.read_bytes()
    ledger.write_bytes(unsigned)
    roster = (root / ROSTER).read_bytes()
    with open(root / ROSTER, "ab") as out:
        line = b"# " + b"x" * 1021 + b"\n"
        out.write(line * (padding // len(line) + 1))
    commits["big"] = commit_as(root, SAITO, "Roster with a pasted export", day="2026-05-02T10:00:00+09:00")
    ledger.write_bytes(signed_ledger)
    commits["approve"] = commit_as(root, NAKAMURA, "C-001 approved", day="2026-05-03T10:00:00+09:00")
    (root / ROSTER).write_bytes(roster)
    commits["back"] = commit_as(root, SAITO, "Roster as it was", day="2026-05-04T10:00:00+09:00")
    return commits


@pytest.fixture
def small_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, str]]:
    root = pms(tmp_path / "pms", config=ENFORCED + "limits: {max_file_size: 100000}\n")
    return root, history(root, monkeypatch, 200_000)


def check(root: Path) -> tuple[int, list[dict]]:
    result = run("check", root, "--format", "json", "--today", "2026-11-26", "--lang", "en")
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    return result.exit_code, result.json()["findings"]


def test_check_names_the_revision_and_does_not_back_what_rests_on_it(small_limit: tuple[Path, dict]) -> None:
    root, commits = small_limit
    code, found = check(root)
    assert code == 1
    big = [f for f in found if f["rule"] == "PML004"]
    assert [(f["file"], f["line"], f["severity"]) for f in big] == [(ROSTER, 1, "warning")]
    size = len(git(root, "cat-file", "blob", f"{commits['big']}:{ROSTER}").encode("utf-8"))
    assert big[0]["message"] == (
        f"in commit {commits['big'][:10]}, this file is {size} bytes, over the limit of 100000 bytes "
        "(limits.max_file_size in pmarklint.yaml): that revision was not read from history, so an approval that "
        "depends on it (the roster of that time) cannot be backed by git"
    )
    assert [(f["rule"], f["entry"]) for f in found if f["rule"] != "PML004"] == [("PML405", "C-001")]
    assert check(root) == (code, found)  # the same in the next run: nothing is kept that would hide it


def test_an_approval_after_the_roster_is_back_is_backed(small_limit: tuple[Path, dict], monkeypatch) -> None:
    """The roster's history is still read (who granted which role), so the warning stays; the approval holds."""
    root, _ = small_limit
    ledger = root / LEDGER
    ledger.write_text(ledger.read_text(encoding="utf-8").replace("返品の回収", "返品の回収と交換"), "utf-8")
    commit_as(root, SAITO, "C-001: exchanges", day="2026-05-05T10:00:00+09:00")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "nakamura@sakura-market.example")
    assert run("sign", "C-001", "--as", "nakamura", "--repo", root, "--date", "2026-05-06").exit_code == 0
    commit_as(root, NAKAMURA, "C-001 approved again", day="2026-05-06T10:00:00+09:00")
    code, found = check(root)
    assert code == 0
    assert [(f["rule"], f["file"], f["severity"]) for f in found] == [("PML004", ROSTER, "warning")]


def trail(root: Path, *extra: str) -> tuple[dict, str]:
    result = run(
        "trail", root, "--since", "2026-04-02", "--until", "2026-06-30", "--format", "json", "--lang", "en", *extra
    )
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout), result.stderr


def test_the_trail_reads_past_the_revision_and_says_so(small_limit: tuple[Path, dict]) -> None:
    root, commits = small_limit
    data, notes = trail(root)
    size = len(git(root, "cat-file", "blob", f"{commits['big']}:{ROSTER}").encode("utf-8"))
    assert notes.splitlines() == [
        f"note: {ROSTER} in commit {commits['big'][:10]} is {size} bytes, over the limit of 100000 bytes "
        "(limits.max_file_size in pmarklint.yaml): that revision was not read, and the trail shows what changed "
        "across it in the next commit that changed the file"
    ]
    # the roster's entries did not leave and come back: the revisions around the big one are equal
    changed = sorted({(c["entry"], c["action"]) for c in data["changes"]})
    assert changed == [("C-001", "modified")]
    assert "xxxxxxxxxx" not in json.dumps(data)


def test_without_the_limit_the_same_trail_reads_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = pms(tmp_path / "pms", config=ENFORCED)  # 20 MiB: the 200 kB revision is read
    history(root, monkeypatch, 200_000)
    data, notes = trail(root)
    assert notes == ""
    assert sorted({(c["entry"], c["action"]) for c in data["changes"]}) == [("C-001", "modified")]


@pytest.mark.slow
def test_a_45_mb_roster_blob_costs_seconds_and_little_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = pms(tmp_path / "pms", config=ENFORCED)
    commits = history(root, monkeypatch, 45 * 1024 * 1024)
    env = {**os.environ, "PMARKLINT_CACHE_DIR": str(tmp_path / "cache")}
    for args in (
        ["check", str(root), "--format", "json", "--today", "2026-11-26", "--lang", "en"],
        ["trail", str(root), "--since", "2026-04-02", "--until", "2026-06-30", "--format", "json", "--lang", "en"],
    ):
        started = time.perf_counter()
        proc = subprocess.run([*MEASURED, "-m", "pmarklint", *args], env=env, capture_output=True, text=True)
        assert time.perf_counter() - started < 20
        assert proc.returncode in (0, 1), proc.stderr
        *notes, peak = proc.stderr.splitlines()
        assert commits["big"][:10] in proc.stdout + "\n".join(notes)
        assert len(proc.stdout) < 100_000  # the output does not grow with the blob
        assert int(peak) * 1024 < 200 * 1024 * 1024  # pmarklint and its git processes, at their largest


# A fresh process that runs its arguments and prints, last on stderr, the peak memory (KiB) of what it ran.
MEASURED = [
    sys.executable,
    "-c",
    "import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(code)",
    sys.executable,
]


def test_the_trail_lists_the_revisions_it_did_not_read_in_every_format(small_limit: tuple[Path, dict]) -> None:
    root, commits = small_limit
    size = len(git(root, "cat-file", "blob", f"{commits['big']}:{ROSTER}").encode("utf-8"))
    blob = git(root, "rev-parse", f"{commits['big']}:{ROSTER}").strip()
    data, _ = trail(root)
    assert data["skipped"] == [{"path": ROSTER, "commit": commits["big"], "size": size, "limit": 100000, "blob": blob}]
    period = ("--since", "2026-04-02", "--until", "2026-06-30")
    pages = {}
    for fmt in ("md", "html"):
        for lang in ("ja", "en"):
            result = run("trail", root, *period, "--format", fmt, "--lang", lang)
            assert result.exit_code == 0, result.stderr
            pages[fmt, lang] = result.stdout
    md_row = f"| {ROSTER} | {commits['big'][:10]} | {size} | 100000 | {blob[:10]} |"
    assert "## Revisions not read (over the size limit)" in pages["md", "en"]
    assert "## 読まなかった版(サイズ上限超過)" in pages["md", "ja"]
    assert "| File | Commit | Size (bytes) | Limit (bytes) | Revision (git object) |" in pages["md", "en"]
    assert "| ファイル | コミット | サイズ(バイト) | 上限(バイト) | 版(git オブジェクト) |" in pages["md", "ja"]
    assert md_row in pages["md", "en"] and md_row in pages["md", "ja"]
    assert "1 revision(s) of a file were not read because they are over the size limit" in pages["md", "en"]
    assert "サイズ上限を超えたため読まなかったファイルの版が1件あります" in pages["md", "ja"]
    for lang, title in (("en", "Revisions not read (over the size limit)"), ("ja", "読まなかった版(サイズ上限超過)")):
        page = pages["html", lang]
        assert 'id="skipped"' in page and title in page
        assert f"<td>{size}</td>" in page and f"{commits['big'][:10]}" in page


def test_a_trail_without_oversize_revisions_has_no_such_section(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = pms(tmp_path / "pms", config=ENFORCED)
    history(root, monkeypatch, 200_000)
    data, _ = trail(root)
    assert data["skipped"] == []
    result = run("trail", root, "--since", "2026-04-02", "--until", "2026-06-30", "--format", "md", "--lang", "en")
    assert "Revisions not read" not in result.stdout and "not read because" not in result.stdout
