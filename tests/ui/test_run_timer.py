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


async def test_the_key_bar_follows_a_phase_that_waits_for_the_patient(make_app, clock, screen):
    """The keys are redrawn when the keys the patient can use change: a phase that waits,
    reached on time, shows Enter (the key bar is no longer redrawn at every phase change)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        running = await ice_running(pilot, clock)
        engine = running.session.engine
        assert "I'm ready" not in " ".join(screen(app)[-2:])  # the pack is on: nothing to confirm
        while not engine.snapshot().waiting:  # the ice ends: "take the pack off", then Enter
            clock.advance_to(engine.next_deadline())
            running.catch_up()
        await pilot.pause()
        assert "I'm ready" in " ".join(screen(app)[-2:])
