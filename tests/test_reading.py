"""read_bounded: the one reader of input files refuses what is not a regular file, never waits
on a FIFO and never reads more than its limit."""

from __future__ import annotations

import os
import sys

import pytest

from homecare.base.reading import Unreadable, read_bounded

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX")


def _reason(path, limit: int = 100) -> str:
    with pytest.raises(Unreadable) as refused:
        read_bounded(path, limit)
    return refused.value.reason


def test_a_regular_file_is_read_whole(tmp_path):
    path = tmp_path / "a.toml"
    path.write_bytes(b"x" * 100)
    assert read_bounded(path, 100) == b"x" * 100


def test_a_file_over_the_limit_is_refused_in_words(tmp_path):
    path = tmp_path / "a.toml"
    path.write_bytes(b"x" * 2049)
    assert _reason(path, limit=2048) == "is too large (more than 2 KiB)"


def test_missing_and_folder(tmp_path):
    assert _reason(tmp_path / "missing.toml") == "no such file"
    assert _reason(tmp_path) == "is a folder, not a regular file"


@posix_only
def test_a_fifo_is_refused_at_once_not_waited_on(tmp_path):
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    assert _reason(fifo) == "is a named pipe (FIFO), not a regular file"


@posix_only
def test_a_device_and_a_link_to_one_are_refused(tmp_path):
    link = tmp_path / "settings.toml"
    link.symlink_to("/dev/zero")
    assert _reason("/dev/zero") == "is a device, not a regular file"
    assert _reason(link) == "is a device, not a regular file"


def test_the_message_names_the_file_escaped(tmp_path):
    path = tmp_path / "a\x1b[2Jb.toml"
    with pytest.raises(Unreadable) as refused:
        read_bounded(path, 10)
    assert str(refused.value).endswith("a\\u001b[2Jb.toml: no such file")
