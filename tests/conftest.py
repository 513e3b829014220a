"""Shared test set-up: no test ever touches the real data or config folders."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory, monkeypatch):
    """Point HOMECARE_DATA_DIR and HOMECARE_CONFIG_DIR at fresh temporary folders."""
    root = tmp_path_factory.mktemp("homecare")
    monkeypatch.setenv("HOMECARE_DATA_DIR", str(root / "data"))
    monkeypatch.setenv("HOMECARE_CONFIG_DIR", str(root / "config"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return root
