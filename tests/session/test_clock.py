"""The clocks themselves."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from homecare.session.clock import FakeClock, SystemClock


def test_fake_clock_moves_only_when_told():
    clock = FakeClock()
    start_wall, start = clock.wall(), clock.monotonic()
    clock.advance(2.5)
    assert clock.monotonic() == start + 2.5 and clock.wall() == start_wall + timedelta(seconds=2.5)
    clock.advance_to(start + 1)  # already past: nothing happens
    assert clock.monotonic() == start + 2.5
    clock.advance_to(start + 4)
    assert clock.monotonic() == start + 4 and clock.wall() == start_wall + timedelta(seconds=4)


def test_fake_clock_suspend_is_counted_by_its_monotonic_clock_and_set_wall_moves_wall_only():
    clock = FakeClock()
    start_wall, start = clock.wall(), clock.monotonic()
    clock.suspend(600)  # as CLOCK_BOOTTIME counts a sleep
    assert clock.monotonic() == start + 600 and clock.wall() == start_wall + timedelta(minutes=10)
    clock.set_wall(-3600)
    assert clock.monotonic() == start + 600 and clock.wall() == start_wall - timedelta(minutes=50)


def test_the_system_clock_counts_sleep_where_the_platform_can():
    import sys
    import time

    from homecare.session import clock as clock_module

    if sys.platform.startswith("linux"):  # CLOCK_BOOTTIME, not time.monotonic (CLOCK_MONOTONIC)
        boot = time.clock_gettime(time.CLOCK_BOOTTIME)
        assert abs(SystemClock().monotonic() - boot) < 1.0
    assert clock_module._sleep_counting_clock() is not time.monotonic or sys.platform not in (
        "linux",
        "darwin",
    )


def test_fake_clock_refuses_going_back_and_naive_times():
    with pytest.raises(ValueError):
        FakeClock().advance(-1)
    with pytest.raises(ValueError):
        FakeClock().suspend(-1)
    with pytest.raises(ValueError):
        FakeClock(datetime(2026, 1, 1))


def test_system_clock_is_monotonic_and_timezone_aware():
    clock = SystemClock()
    readings = [clock.monotonic() for _ in range(1000)]
    assert readings == sorted(readings)
    assert clock.wall().utcoffset() is not None
