"""The one fake of each interface the tests need, shared across the test folders."""

from __future__ import annotations

from homecare.session.clock import Clock


class MemoryLog:
    """A ``SessionLog`` (homecare.session.flow) that keeps what it is given, in order.

    With a ``clock`` it also notes when each event arrived (``moments``), for the real-time
    tests. ``calls`` holds every call but ``record``, so a test can say nothing was asked.
    """

    problem = notice = ""

    def __init__(self, clock: Clock | None = None) -> None:
        self.clock = clock
        self.events: list[object] = []
        self.moments: list[tuple[float, object]] = []
        self.calls: list[tuple[str, object]] = []
        self.pain_before: object = "never set"
        self.decisions: object = "never set"
        self.saved: list[tuple[int | None, str]] = []  # (pain after, note) at each save
        self.psfs: list[tuple[str, int]] = []  # the PSFS ratings, as last recorded

    def record(self, events):
        self.events.extend(events)
        if self.clock is not None:
            now = self.clock.monotonic()
            self.moments.extend((now, event) for event in events)

    def set_pain_before(self, value):
        self.pain_before = value
        self.calls.append(("pain before", value))

    def record_safety_check(self, decisions):
        self.decisions = list(decisions)
        self.calls.append(("safety", self.decisions))

    def record_psfs(self, ratings):
        self.psfs = list(ratings)
        self.calls.append(("psfs", self.psfs))

    def record_feedback(self, step_index, rating):
        self.calls.append(("feedback", (step_index, rating)))

    def finish(self, pain_after=None, note=""):
        self.saved.append((pain_after, note))
        self.calls.append(("finish", (pain_after, note)))
