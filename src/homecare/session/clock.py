"""Clocks: where every duration in homecare comes from.

The engine takes a ``Clock`` so tests can drive time by hand (``FakeClock``) and the app runs
on the real one (``SystemClock``). ``monotonic()`` gives durations; ``wall()`` gives the
timezone-aware time of day for the log, and lets the engine notice a computer sleep: when the
wall clock jumps ahead of the monotonic clock, the machine was suspended (see docs/engine.md).
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from typing import Protocol


class Clock(Protocol):
    def monotonic(self) -> float:
        """Seconds from an arbitrary start; never goes back. Durations come only from this."""
        ...

    def wall(self) -> datetime:
        """The time of day, timezone-aware."""
        ...


def _monotonic_source():
    """The best monotonic clock the platform has: one that keeps counting while asleep.

    Linux's CLOCK_BOOTTIME includes time suspended, so an ice pack's minutes keep running while
    the laptop sleeps. Elsewhere ``time.monotonic`` may stop during suspend; the engine then
    notices the gap against the wall clock instead.
    """
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is not None:
        try:
            time.clock_gettime(boottime)
        except OSError:
            return time.monotonic
        return lambda: time.clock_gettime(boottime)
    return time.monotonic


class SystemClock:
    """The real clock. Stateless, so one instance can be shared."""

    _monotonic = staticmethod(_monotonic_source())

    def monotonic(self) -> float:
        return self._monotonic()

    def wall(self) -> datetime:
        return datetime.now(timezone.utc).astimezone()


class FakeClock:
    """A clock for tests: time moves only when told to.

    ``advance`` moves both clocks together; ``suspend`` moves only the wall clock, as a computer
    sleep looks to a monotonic clock that stops while the machine is suspended.
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
            self._wall += timedelta(seconds=monotonic - self._monotonic)
            self._monotonic = monotonic

    def suspend(self, seconds: float) -> None:
        """Simulate a computer sleep: the wall clock moves on, the monotonic clock does not."""
        if seconds < 0:
            raise ValueError("time does not go back")
        self._wall += timedelta(seconds=seconds)
