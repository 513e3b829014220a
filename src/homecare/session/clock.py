"""Clocks: where every duration in homecare comes from.

The engine takes a ``Clock`` so tests can drive time by hand (``FakeClock``) and the app runs
on the real one (``SystemClock``). ``monotonic()`` gives every duration and counts time the
computer slept, where the platform has such a clock; ``wall()`` gives the timezone-aware time of
day, read only for the start of a session (and to notice that someone changed it, never to
measure anything). The rules are in docs/engine.md ("How the engine keeps time").
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Protocol


class Clock(Protocol):
    def monotonic(self) -> float:
        """Seconds from an arbitrary start; never goes back, counts sleep where it can.
        Durations come only from this."""
        ...

    def wall(self) -> datetime:
        """The time of day, timezone-aware. It may jump (time sync, set by hand)."""
        ...


def _sleep_counting_clock() -> Callable[[], float]:
    """The platform's monotonic clock that keeps counting while the computer sleeps, else
    ``time.monotonic`` (the timer then stands still while asleep).

    An ice pack keeps working while the laptop sleeps, so the timer must count that time.
    - Linux: ``CLOCK_BOOTTIME`` (``CLOCK_MONOTONIC``, behind ``time.monotonic``, stops asleep).
    - macOS: ``CLOCK_MONOTONIC`` through ``clock_gettime`` keeps counting asleep (Apple's
      clock_gettime(3)); ``time.monotonic`` and ``CLOCK_UPTIME_RAW`` stop.
    - Windows: ``GetTickCount64`` counts sleep and hibernation (Microsoft's documentation);
      ``time.monotonic`` is QueryPerformanceCounter from Python 3.13, not documented either way.
    """
    if sys.platform.startswith("linux") or sys.platform == "darwin":
        name = "CLOCK_BOOTTIME" if sys.platform.startswith("linux") else "CLOCK_MONOTONIC"
        which = getattr(time, name, None)
        if which is not None:
            try:
                time.clock_gettime(which)
            except OSError:
                pass
            else:
                return lambda: time.clock_gettime(which)
    if sys.platform == "win32":  # pragma: no cover - Windows only
        try:
            import ctypes

            ticks = ctypes.WinDLL("kernel32").GetTickCount64
            ticks.restype = ctypes.c_ulonglong
            return lambda: ticks() / 1000.0
        except (AttributeError, OSError):
            pass
    return time.monotonic


class SystemClock:
    """The real clock. Stateless, so one instance can be shared."""

    _monotonic = staticmethod(_sleep_counting_clock())

    def monotonic(self) -> float:
        return self._monotonic()

    def wall(self) -> datetime:
        return datetime.now(timezone.utc).astimezone()


class FakeClock:
    """A clock for tests: time moves only when told to.

    ``advance`` moves both clocks together; ``suspend`` is a computer sleep, which a
    sleep-counting monotonic clock counts like the wall clock; ``set_wall`` moves the wall
    clock alone, as a time sync or a clock set by hand does.
    """

    def __init__(self, start: datetime | None = None, monotonic_start: float = 1000.0) -> None:
        self._wall = start or datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
        if self._wall.tzinfo is None:
            raise ValueError("FakeClock needs a timezone-aware start time")
        self._monotonic = monotonic_start

    def monotonic(self) -> float:
        return self._monotonic

    def wall(self) -> datetime:
        return self._wall

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("time does not go back")
        self._monotonic += seconds
        self._wall += timedelta(seconds=seconds)

    def advance_to(self, monotonic: float) -> None:
        """Advance until ``monotonic()`` reads ``monotonic`` (no-op if already past it)."""
        if monotonic > self._monotonic:
            self.advance(monotonic - self._monotonic)

    def suspend(self, seconds: float) -> None:
        """Simulate a computer sleep: both clocks move on (the monotonic one counts sleep)."""
        self.advance(seconds)

    def set_wall(self, seconds: float) -> None:
        """Step the wall clock alone by ``seconds`` (either way), as a time sync does."""
        self._wall += timedelta(seconds=seconds)
