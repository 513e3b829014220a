"""Feedback per exercise in the session flow: which steps are asked about, the timer held while
the question is up, the answer (or none) logged with its step. A fake clock and a fake log."""

from __future__ import annotations

import pytest
from fakes import MemoryLog

from homecare.routine.feedback import rated
from homecare.routine.model import (
    FOLLOW_THROUGH_FORMAT,
    HeatStep,
    IceStep,
    IntervalPhase,
    IntervalStep,
    PirStep,
    RepsStep,
    RestStep,
    Routine,
    StretchStep,
)
from homecare.session import engine as ev
from homecare.session import feedback
from homecare.session.clock import FakeClock
from homecare.session.flow import Flow

PIR = PirStep(name="Side bend", cycles=1, contract_seconds=5, relax_seconds=5, setup_seconds=0)
STRETCH = StretchStep(name="Knee to chest", reps=1, hold_seconds=5, setup_seconds=10)


def routine(*steps, feedback: bool | None = True) -> Routine:
    return Routine(title="Back", feedback=feedback, steps=steps, format=FOLLOW_THROUGH_FORMAT)


def started(routine: Routine, *, asked: bool = True) -> tuple[Flow, FakeClock, MemoryLog]:
    clock, log = FakeClock(), MemoryLog()
    flow = Flow.of(routine, clock)
    if asked:  # the questions around the session are asked (the app; a terminal)
        flow.set_pain_before(None)
    flow.start(log)
    flow.handle(flow.engine.start())
    return flow, clock, log


def until_asked_or_over(flow: Flow, clock: FakeClock) -> None:
    """Let time pass (untimed phases confirmed at once) until a rating is due or it is over."""
    engine = flow.engine
    while flow.rating_question is None and not engine.snapshot().finished:
        deadline = engine.next_deadline()
        if deadline is None:
            flow.handle(engine.confirm())
        else:
            clock.advance_to(deadline)
            flow.handle(engine.update())


def ratings(log: MemoryLog) -> list[object]:
    return [value for call, value in log.calls if call == "feedback"]


def test_exercise_steps_are_rated_as_the_routine_says_and_a_steps_own_value_wins():
    interval = IntervalStep(phases=(IntervalPhase("Walk", 5),))
    exercises = (PIR, STRETCH, RepsStep(), interval)
    with_it = routine(*exercises)
    assert all(rated(with_it, step) for step in exercises)
    without = routine(*exercises, feedback=None)
    assert not any(rated(without, step) for step in exercises)
    assert rated(without, RepsStep(feedback=True))
    assert not rated(with_it, RepsStep(feedback=False))
    for not_an_exercise in (IceStep(), HeatStep(), RestStep(seconds=5)):
        assert not rated(with_it, not_an_exercise)


def test_the_timer_waits_for_the_answer_and_goes_on_after_it():
    flow, clock, log = started(routine(PIR, STRETCH))
    until_asked_or_over(flow, clock)
    assert flow.rating_question == feedback.Question(0, "Side bend")
    snapshot = flow.engine.snapshot()
    assert snapshot.paused and snapshot.phase.kind == "position"  # the next step, held at once
    assert snapshot.seconds_left == pytest.approx(10)
    clock.advance(120)  # the patient takes two minutes to answer: nothing is missed
    flow.handle(flow.engine.update())
    assert flow.engine.snapshot().seconds_left == pytest.approx(10)
    assert ratings(log) == []

    events = flow.rate("hard")
    flow.handle(events)
    assert ratings(log) == [(0, "hard")]
    assert [type(e) for e in events] == [ev.Resumed]
    assert flow.rating_question is None and not flow.engine.snapshot().paused
    clock.advance(4)
    flow.handle(flow.engine.update())
    assert flow.engine.snapshot().seconds_left == pytest.approx(6)


def test_no_answer_goes_on_and_logs_nothing():
    flow, clock, log = started(routine(PIR, STRETCH))
    until_asked_or_over(flow, clock)
    flow.handle(flow.rate(None))
    assert ratings(log) == [] and not flow.engine.snapshot().paused
    until_asked_or_over(flow, clock)
    assert flow.rating_question == feedback.Question(1, "Knee to chest")


def test_after_the_last_step_the_question_comes_after_the_end():
    flow, clock, log = started(routine(STRETCH))
    until_asked_or_over(flow, clock)
    assert flow.outcome.finished and flow.rating_question is not None
    assert flow.rate("painful") == []  # nothing to resume
    assert ratings(log) == [(0, "painful")]
    assert feedback.reply_to("painful") is not None and feedback.reply_to("hard") is None


def test_only_rated_steps_that_were_done_are_asked_about():
    steps = (IceStep(minutes=0.25), StretchStep(reps=1, feedback=False), PIR, RepsStep())
    flow, clock, log = started(routine(*steps))
    until_asked_or_over(flow, clock)
    assert flow.rating_question.step_index == 2  # not the ice, not the stretch said false
    flow.handle(flow.rate("easy"))
    flow.handle(flow.engine.skip_step(ev.SKIPPED_BY_THE_PATIENT))  # the reps step, skipped
    assert flow.rating_question is None and flow.outcome.finished
    assert ratings(log) == [(2, "easy")]


def test_a_stop_ends_the_question_and_nothing_is_logged_for_it():
    flow, clock, log = started(routine(PIR, STRETCH))
    until_asked_or_over(flow, clock)
    flow.handle(flow.engine.stop("you chose to stop"))
    assert flow.rating_question is None and ratings(log) == []
    assert flow.outcome.stopped_reason == "you chose to stop"
    assert flow.rate("hard") == [] and ratings(log) == []  # a window still up when it stopped


def test_nothing_is_asked_when_the_questions_around_the_session_are_not():
    flow, clock, log = started(routine(PIR, STRETCH), asked=False)
    until_asked_or_over(flow, clock)
    assert flow.outcome.finished and ratings(log) == []


def test_a_session_the_patient_paused_stays_paused_after_the_answer():
    flow, clock, log = started(routine(PIR, STRETCH))
    flow.handle(flow.engine.pause())
    flow.handle(flow.engine.skip_phase())  # contract: not run to its end
    clock.advance(1)
    flow.handle(flow.engine.resume())
    clock.advance(5)
    flow.handle(flow.engine.pause())  # relax has run to its end: the step is done
    assert flow.rating_question is not None and flow.engine.snapshot().paused
    flow.handle(flow.rate("right"))
    assert flow.engine.snapshot().paused and ratings(log) == [(0, "right")]


def test_steps_done_in_one_late_update_are_each_asked_then_the_session_goes_on():
    second = PirStep(name="Other side", cycles=1, contract_seconds=5, relax_seconds=5)
    flow, clock, log = started(routine(PIR, RestStep(seconds=1, name="Breath"), second, STRETCH))
    clock.advance(31)  # asleep: the first PIR, the rest and the second PIR all ended
    flow.handle(flow.engine.update())
    assert [q.name for q in flow.ratings_due] == ["Side bend", "Other side"]
    assert flow.rate("easy") == []  # still one to answer: the timer still waits
    assert flow.engine.snapshot().paused
    flow.handle(flow.rate("hard"))
    assert not flow.engine.snapshot().paused
    assert ratings(log) == [(0, "easy"), (2, "hard")]


def test_a_rating_is_one_of_the_four_words():
    flow, clock, log = started(routine(PIR))
    until_asked_or_over(flow, clock)
    with pytest.raises(ValueError, match="easy, right, hard, painful"):
        flow.rate("fine")


def test_a_typed_reply_is_read_by_key_or_by_its_words():
    assert [feedback.rating_for(reply).value for reply in ("1", " About Right ", "hard", "4")] == [
        "easy",
        "right",
        "hard",
        "painful",
    ]
    assert feedback.rating_for("5") is None and feedback.rating_for("") is None
    assert feedback.choices() == "1 easy, 2 about right, 3 hard, 4 painful"
