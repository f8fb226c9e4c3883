"""The log kept between runs (pmarklint.git.log.read_log_since): the log up to a commit kept by an earlier run,
plus the commits since, is exactly the log read whole, or it is not used at all (a merge among the commits
since, parents git rewrote against the boundary). Real repositories, pinned authors and dates."""

from __future__ import annotations

from pathlib import Path

from pmarklint.git.log import is_log_record, joined, log_record, read_log, read_log_since

from helpers.repos import commit_as, git, inventory, make_repo

SAITO = "Misaki Saito <saito@sakura-market.example>"
PATHS = ["inventory", "people", "pmarklint.yaml"]


def _repo(tmp_path: Path) -> Path:
    repo = make_repo(tmp_path / "pms", {"inventory/cs.yaml": inventory("PI-1")})
    for day in range(2, 6):
        (repo / "inventory" / "cs.yaml").write_text(inventory(*(f"PI-{i}" for i in range(1, day))), "utf-8")
        commit_as(repo, SAITO, f"entries up to {day}", day=f"2026-04-{day:02d}T10:00:00+09:00")
    return repo


def _whole(repo: Path) -> tuple[object, ...]:
    return log_record(read_log(repo, PATHS, "HEAD"))


def test_commits_on_top_of_a_kept_log_give_the_log_read_whole(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    base = git(repo, "rev-parse", "HEAD").strip()
    kept = log_record(read_log(repo, PATHS, base))
    assert is_log_record(kept) and log_record(joined(kept)) == kept
    (repo / "inventory" / "ec.yaml").write_text(inventory("PI-EC-1"), "utf-8")
    commit_as(repo, SAITO, "ec", day="2026-04-10T10:00:00+09:00")
    (repo / "notes.txt").write_text("not a PMS file\n", "utf-8")
    commit_as(repo, SAITO, "notes", day="2026-04-11T10:00:00+09:00")  # touches none of the paths
    (repo / "inventory" / "cs.yaml").write_text(inventory("PI-1", "PI-2"), "utf-8")
    commit_as(repo, SAITO, "cs back to two, dated before the base", day="2026-04-01T09:00:00+09:00")
    found = read_log_since(repo, PATHS, base, kept)
    assert found is not None
    assert log_record(found) == _whole(repo)
    assert len(found.order) == len(kept) + 2


def test_a_merge_since_the_kept_log_means_reading_it_whole(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    base = git(repo, "rev-parse", "HEAD").strip()
    kept = log_record(read_log(repo, PATHS, base))
    git(repo, "checkout", "-q", "-b", "side", f"{base}~2")
    (repo / "inventory" / "side.yaml").write_text(inventory("PI-S-1"), "utf-8")
    commit_as(repo, SAITO, "side", day="2026-04-03T12:00:00+09:00")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-edit", "side")
    assert read_log_since(repo, PATHS, base, kept) is None


def test_a_base_that_touched_none_of_the_paths(tmp_path: Path) -> None:
    """The kept log's commit changed no PMS file: the log since it is joined only where git names parents the
    kept log holds; either way the log used is the whole one."""
    repo = _repo(tmp_path)
    (repo / "notes.txt").write_text("x\n", "utf-8")
    base = commit_as(repo, SAITO, "notes", day="2026-04-08T10:00:00+09:00")
    kept = log_record(read_log(repo, PATHS, base))
    (repo / "inventory" / "cs.yaml").write_text(inventory("PI-1"), "utf-8")
    commit_as(repo, SAITO, "cs", day="2026-04-09T10:00:00+09:00")
    found = read_log_since(repo, PATHS, base, kept)
    assert found is None or log_record(found) == _whole(repo)


def test_a_wrong_shaped_record_is_refused() -> None:
    assert not is_log_record(((1, 2),))
    assert not is_log_record("log")
    assert is_log_record(())
