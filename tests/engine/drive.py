"""Walking an engine through a session on a fake clock, as a screen would."""

from __future__ import annotations

from homecare.clock import FakeClock
from homecare.engine import Engine, Event


def run_left_alone(engine: Engine, clock: FakeClock) -> list[Event]:
    """Start (if needed) and sleep from deadline to deadline, confirming untimed phases at once."""
    events = [] if engine.snapshot().started else engine.start()
    while not engine.snapshot().finished:
        deadline = engine.next_deadline()
        if deadline is None:
            events += engine.confirm()
        else:
            clock.advance_to(deadline)
            events += engine.update()
    return events


def names(events: list[Event]) -> list[str]:
    return [type(event).__name__ for event in events]
