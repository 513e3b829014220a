"""Shared test set-up: no test ever touches the real data or config folders."""

from __future__ import annotations

import pytest
from hypothesis import settings

# Timing is the benchmarks' job: a per-example deadline only makes property tests flaky on a
# loaded machine (CI runs on two cores).
settings.register_profile("homecare", deadline=None)
settings.load_profile("homecare")


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory, monkeypatch):
    """Point HOMECARE_DATA_DIR and HOMECARE_CONFIG_DIR at fresh temporary folders."""
    root = tmp_path_factory.mktemp("homecare")
    monkeypatch.setenv("HOMECARE_DATA_DIR", str(root / "data"))
    monkeypatch.setenv("HOMECARE_CONFIG_DIR", str(root / "config"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return root


@pytest.fixture
def store(isolated_dirs):
    """A fresh session log in the test's own data folder."""
    from homecare.log.store import open_store

    with open_store() as opened:
        yield opened
