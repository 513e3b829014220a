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


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
@pytest.mark.parametrize(("umask", "expected"), [(0o022, 0o600), (0o077, 0o600), (0o277, 0o400)])
def test_a_new_file_is_private_or_stricter_if_the_umask_says_so(tmp_path, umask, expected):
    path = tmp_path / "report.md"
    old = os.umask(umask)
    try:
        write_atomic(path, b"pain scores")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == expected


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, devices and links are POSIX here")
@pytest.mark.parametrize("kind", ["fifo", "link", "device", "folder"])
def test_only_regular_files_are_replaced_even_when_overwriting(tmp_path, kind):
    path = tmp_path / "out.md"
    target = tmp_path / "elsewhere.md"
    target.write_bytes(b"mine")
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "link":
        path.symlink_to(target)
    elif kind == "folder":
        path.mkdir()
    else:  # a device node of its own: a test must never risk the system's /dev/null
        try:
            os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        except (PermissionError, AttributeError):
            pytest.skip("making a device node needs root")
    before = os.lstat(path)
    with pytest.raises(UserError, match="not a regular file; homecare only replaces regular"):
        write_atomic(path, b"new", overwrite=True)
    after = os.lstat(path)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert target.read_bytes() == b"mine"
