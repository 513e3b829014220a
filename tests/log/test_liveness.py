"""Telling a dead recording process from a live one, on each platform's path."""

from __future__ import annotations

import builtins
import os
import subprocess
import sys

import pytest

from homecare.log import liveness


@pytest.fixture(params=["linux", "darwin", "win32"])
def platform(request, monkeypatch):
    """Run the liveness checks as on each platform (the Windows one through psutil)."""
    if request.param == "linux" and not sys.platform.startswith("linux"):
        pytest.skip("the /proc path needs Linux")
    if request.param != "linux":
        pytest.importorskip("psutil")
    monkeypatch.setattr(liveness.sys, "platform", request.param)
    return request.param


def test_a_live_process_is_running_and_a_dead_one_is_not(platform):
    child = subprocess.Popen([sys.executable, "-c", "input()"], stdin=subprocess.PIPE)
    try:
        marker = liveness.process_marker(child.pid)
        assert marker is not None
        assert liveness.is_running(child.pid, marker)
        assert liveness.process_marker() == liveness.process_marker(os.getpid())
    finally:
        child.communicate(b"\n")
    assert not liveness.is_running(child.pid, marker)


def test_a_pid_reused_by_another_program_is_not_the_recording_process(platform):
    child = subprocess.Popen([sys.executable, "-c", "input()"], stdin=subprocess.PIPE)
    try:  # the child's pid with this process's marker: as if the pid had been handed out again
        assert liveness.process_marker(child.pid) != liveness.process_marker()
        assert not liveness.is_running(child.pid, liveness.process_marker())
    finally:
        child.communicate(b"\n")


def test_without_psutil_macos_falls_back_to_the_pid_alone(monkeypatch):
    real_import = builtins.__import__

    def no_psutil(name, *args, **kwargs):
        if name == "psutil":
            raise ImportError("not installed")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_psutil)
    monkeypatch.setattr(liveness.sys, "platform", "darwin")
    assert liveness.process_marker() is None
    assert liveness.is_running(os.getppid(), None)  # alive: left running rather than guessed
