"""The blob readers and ``limits.max_file_size`` (issue 12): a blob larger than the limit is read past in
pieces and given as :class:`Skipped` (no bytes, its size), by the one-at-a-time reader and by the prefetching
one alike, and the stream stays in step for the blobs after it. A real repository, real ``git cat-file``."""

from __future__ import annotations

from pathlib import Path

from pmarklint.git.blobs import Blobs, Prefetch, Skipped

from helpers.repos import git, make_repo


def blobs_of(tmp_path: Path) -> tuple[Path, list[str], dict[str, bytes]]:
    files = {f"inventory/f{i:02d}.yaml": f"kind: inventory\nentries: []\n# {i}\n" for i in range(40)}
    files["inventory/big.yaml"] = "kind: inventory\n" + "# padding\n" * 10_000
    repo = make_repo(tmp_path / "r", files)
    contents = {}
    for rel, text in files.items():
        contents[git(repo, "rev-parse", f"HEAD:{rel}").strip()] = text.encode()
    order = sorted(contents, key=lambda sha: (len(contents[sha]) > 1000, sha))
    big = order.pop()
    order.insert(20, big)  # the large one in the middle of the stream
    return repo, order, contents


def test_one_at_a_time(tmp_path: Path) -> None:
    repo, order, contents = blobs_of(tmp_path)
    with Blobs(repo, 1000) as blobs:
        for sha in order:
            data = blobs.read(sha)
            if len(contents[sha]) > 1000:
                assert isinstance(data, Skipped) and data == b"" and data.size == len(contents[sha])
            else:
                assert data == contents[sha] and not isinstance(data, Skipped)
        assert blobs.skipped == {order[20]: len(contents[order[20]])}
    with Blobs(repo) as blobs:  # no limit: everything is read
        assert blobs.read(order[20]) == contents[order[20]]


def test_read_ahead(tmp_path: Path) -> None:
    repo, order, contents = blobs_of(tmp_path)
    ahead = Prefetch(repo, order, 1000)
    try:
        for sha in order:
            data = ahead.take(sha)
            assert data is not None
            if len(contents[sha]) > 1000:
                assert isinstance(data, Skipped) and data.size == len(contents[sha])
            else:
                assert data == contents[sha]
    finally:
        ahead.close()
