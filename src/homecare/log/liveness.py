"""Is the process that started a session still running?

A session row keeps the pid of the process recording it and a marker of when that process
started, so a pid reused by an unrelated program after a crash is not mistaken for the
original (macOS hands pids out again quickly). Where the marker comes from:

- Linux: the boot id and start time in clock ticks from /proc (no import, and unmoved by a
  wall clock that is set);
- elsewhere (macOS, Windows, BSD): the process creation time from ``psutil``, imported only
  here; without psutil, Windows asks the kernel through ctypes (a signal-0 ``os.kill`` would
  terminate the process there) and other systems fall back to the pid alone, which errs on the
  side of leaving a session "running" rather than misreporting it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

_PROC = Path("/proc")


def process_marker(pid: int | None = None) -> str | None:
    """A string that changes when ``pid`` is reused by a new process (None if unknowable)."""
    pid = os.getpid() if pid is None else pid
    if sys.platform.startswith("linux"):
        return _proc_start_time(pid)
    psutil = _psutil()
    if psutil is not None:
        try:
            return f"created:{psutil.Process(pid).create_time():.2f}"
        except (psutil.Error, OSError):
            return None
    if sys.platform == "win32":
        return _windows_creation_time(pid)
    return None


def is_running(pid: int, marker: str | None) -> bool:
    """True if ``pid`` is alive and, when both markers are known, is the same process."""
    if pid == os.getpid():
        return marker is None or marker == process_marker()
    if pid <= 0:
        return False
    if not _alive(pid):
        return False
    current = process_marker(pid)
    return marker is None or current is None or current == marker


def _psutil():
    """psutil if installed (a dependency on macOS and Windows, docs/log.md), else None."""
    try:
        import psutil
    except ImportError:
        return None
    return psutil


def _alive(pid: int) -> bool:
    if not sys.platform.startswith("linux"):
        psutil = _psutil()
        if psutil is not None:
            return psutil.pid_exists(pid)
    return _windows_alive(pid) if sys.platform == "win32" else _posix_alive(pid)


def _posix_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by someone else
        return True
    except OSError:
        return False
    return True


def _proc_start_time(pid: int) -> str | None:
    """Boot id and start time in clock ticks from /proc/PID/stat (Linux only)."""
    try:
        stat = (_PROC / str(pid) / "stat").read_text(encoding="utf-8")
        boot = (_PROC / "sys/kernel/random/boot_id").read_text(encoding="utf-8").strip()
    except OSError:
        return None
    # The command name (field 2) may contain spaces and parentheses: split after the last ")".
    fields = stat[stat.rindex(")") + 2 :].split()
    return f"{boot}:{fields[19]}"  # field 22 of the whole line: starttime


def _windows_handle(pid: int) -> tuple[Any, int]:  # pragma: no cover - Windows only
    import ctypes

    query_limited_information = 0x1000
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    return kernel32, kernel32.OpenProcess(query_limited_information, False, pid)


def _windows_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    still_active = 259
    kernel32, handle = _windows_handle(pid)
    if not handle:
        return ctypes.get_last_error() == 5  # type: ignore[attr-defined,unused-ignore]  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)


def _windows_creation_time(pid: int) -> str | None:  # pragma: no cover - Windows only
    import ctypes
    from ctypes import wintypes

    kernel32, handle = _windows_handle(pid)
    if not handle:
        return None
    try:
        times = [wintypes.FILETIME() for _ in range(4)]
        if not kernel32.GetProcessTimes(handle, *(ctypes.byref(t) for t in times)):
            return None
        created = times[0]
        return str((created.dwHighDateTime << 32) | created.dwLowDateTime)
    finally:
        kernel32.CloseHandle(handle)
