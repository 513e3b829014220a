"""Fixtures for the log's tests: a fresh store in the test's own data folder."""

from __future__ import annotations

import pytest

from homecare.log.store import open_store


@pytest.fixture
def store():
    with open_store() as opened:
        yield opened
