"""Walking an engine through a session on a fake clock, as a screen would."""

from __future__ import annotations

from homecare.session.clock import FakeClock
from homecare.session.engine import Engine, Event


def run_left_alone(engine: Engine, clock: FakeClock, *, to_phase_ends: bool = False) -> list[Event]:
    """Start (if needed) and let time pass, confirming untimed phases at once.

    Time goes from one ``next_deadline()`` to the next, as a screen refreshing only when the
    display changes would; ``to_phase_ends`` jumps straight to each phase's end instead (for
    routines hours long).
    """
    events = [] if engine.snapshot().started else engine.start()
    while not engine.snapshot().finished:
        deadline = engine.next_deadline()
        if deadline is None:
            events += engine.confirm()
            continue
        if to_phase_ends:
            deadline = clock.monotonic() + engine.snapshot().seconds_left
        clock.advance_to(deadline)
        events += engine.update()
    return events


def names(events: list[Event]) -> list[str]:
    return [type(event).__name__ for event in events]
