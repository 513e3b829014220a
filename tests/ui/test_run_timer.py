"""The run screen's wake-ups: one timer for the engine's next deadline, then one interval timer
while the deadlines come a second apart, and a new timer as soon as they do not."""

from __future__ import annotations

from homecare.ui.screens.run import RunScreen


async def ice_running(pilot, clock) -> RunScreen:
    """Safety check, no pain rating, the PIR step skipped, the pack on: ice is counting down."""
    await pilot.press("enter", "1", "n", "3", "s", "s", "enter")
    screen = pilot.app.screen
    assert isinstance(screen, RunScreen)
    assert screen.session.engine.snapshot().phase.kind == "ice"
    return screen


async def test_one_interval_timer_serves_the_seconds_and_a_pause_replaces_it(make_app, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ice_running(pilot, clock)
        engine = screen.session.engine
        clock.advance_to(engine.next_deadline())
        screen._start_ticking()  # the one-shot timer fired at the deadline
        ticking = screen._timer
        assert ticking is not None and ticking._repeat is None  # repeats until stopped
        for _ in range(3):  # each second the engine's next deadline is the interval's next beat
            clock.advance(1.0)
            screen._tick()
            assert screen._timer is ticking
        await pilot.press("space")  # paused: no deadline, no timer
        assert screen._timer is None
        clock.advance(30)
        await pilot.press("space")  # going on: a new deadline, off the old beat, a new timer
        assert screen._timer is not None and screen._timer is not ticking
        assert screen._wakes_at == engine.next_deadline()
