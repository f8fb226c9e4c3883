"""Every test runs isolated: its own cache and home folder, a pinned git identity and locale. What tests
share lives in tests/helpers/."""

from __future__ import annotations

import pytest

from helpers.repos import GIT_ENV


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own cache and a pinned git identity; no test depends on the machine's setup."""
    monkeypatch.setenv("PMARKLINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.delenv("PMARKLINT_TODAY", raising=False)
    for name in ("PMARKLINT_CACHE_KEY", "XDG_CACHE_HOME"):  # the cache's key is made in the test's own home
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    for name in ("GITHUB_ACTIONS", "GITHUB_WORKSPACE", "CI_PROJECT_DIR"):  # CI formats and paths follow them
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
