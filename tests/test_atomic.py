"""write_atomic: the old file or the new one, never half of either, and errors in words."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from homecare.base.atomic import write_atomic
from homecare.base.errors import UserError


def test_writes_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "out.txt"
    write_atomic(path, b"hello")
    assert path.read_bytes() == b"hello"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_existing_file_is_kept_unless_overwrite(tmp_path):
    path = tmp_path / "out.txt"
    path.write_bytes(b"old")
    with pytest.raises(UserError, match="already exists"):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"old"
    write_atomic(path, b"new", overwrite=True)
    assert path.read_bytes() == b"new"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_replacing_keeps_the_file_permissions(tmp_path):
    path = tmp_path / "out.txt"
    path.write_bytes(b"old")
    path.chmod(0o600)
    write_atomic(path, b"new", overwrite=True)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_missing_folder_is_named(tmp_path):
    with pytest.raises(UserError, match="folder .*nowhere does not exist"):
        write_atomic(tmp_path / "nowhere" / "out.txt", b"x")


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "back.toml"
    path.write_bytes(b"old")

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(UserError, match="No space left on device"):
        write_atomic(path, b"new", overwrite=True)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["back.toml"]
