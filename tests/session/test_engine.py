"""The session engine on a fake clock: timing, operations, catching up, sleeping computers."""

from __future__ import annotations

import pytest

from homecare.routine.model import (
    IceStep,
    IntervalPhase,
    IntervalStep,
    PirStep,
    RepsStep,
    RestStep,
    Routine,
)
from homecare.session.clock import FakeClock
from homecare.session.engine import (
    REMINDER_SHOWN_SECONDS,
    SKIPPED_BY_THE_PATIENT,
    CountdownTick,
    Engine,
    Paused,
    PhaseEnded,
    PhaseStarted,
    ReminderDue,
    Resumed,
    SessionCompleted,
    SessionStarted,
    SessionStopped,
    StepCompleted,
    StepSkipped,
)
from homecare.session.plan import SKIN_CHECK, compile_plan

from .drive import names, run_left_alone


def make(*steps):
    clock = FakeClock()
    return Engine(compile_plan(Routine(title="Test", steps=steps)), clock), clock


def intervals(*seconds, rounds=1):
    return IntervalStep(rounds=rounds, phases=tuple(IntervalPhase(f"P{s}", s) for s in seconds))


def started(events):
    return [e.phase.index for e in events if isinstance(e, PhaseStarted)]


def ended(events):
    return [(e.phase.index, e.completed) for e in events if isinstance(e, PhaseEnded)]


def test_start_enters_the_first_phase():
    engine, _ = make(intervals(5, 6))
    events = engine.start()
    assert events == [SessionStarted(), PhaseStarted(engine.plan.phases[0])]
    snap = engine.snapshot()
    assert (snap.phase.index, snap.seconds_left, snap.countdown, snap.paused) == (0, 5.0, 5, False)
    assert snap.next_phase == engine.plan.phases[1]
    assert engine.start() == []  # starting twice does nothing


def test_a_phase_ends_exactly_at_its_duration():
    engine, clock = make(intervals(5, 6))
    engine.start()
    clock.advance(4.999)
    assert started(engine.update()) == []
    clock.advance(0.001)
    events = engine.update()
    assert ended(events) == [(0, True)] and started(events) == [1]
    assert engine.snapshot().elapsed_in_phase == 0.0


def test_countdown_ticks_three_two_one_once_each():
    engine, clock = make(intervals(10))
    engine.start()
    ticks = []
    for _ in range(40):  # a screen refreshing four times a second
        clock.advance(0.25)
        ticks += [e.seconds_left for e in engine.update() if isinstance(e, CountdownTick)]
    assert ticks == [3, 2, 1]


def test_a_short_phase_does_not_tick_at_its_start():
    engine, clock = make(intervals(3))
    events = engine.start()
    clock.advance(1)
    events += engine.update()
    clock.advance(1)
    events += engine.update()
    assert [e.seconds_left for e in events if isinstance(e, CountdownTick)] == [2, 1]


def test_a_late_update_reports_every_missed_phase_change_once_in_order():
    engine, clock = make(intervals(5, 6, 7, rounds=2), RestStep(seconds=4))
    engine.start()
    clock.advance(5 + 6 + 7 + 5 + 2)  # into the 2nd round's second phase
    events = engine.update()
    assert started(events) == [1, 2, 3, 4]
    assert ended(events) == [(0, True), (1, True), (2, True), (3, True)]
    assert engine.snapshot().elapsed_in_phase == 2.0
    assert not any(isinstance(e, CountdownTick) for e in events)  # stale ticks are dropped
    assert engine.update() == []
    clock.advance(1000)
    events = engine.update()
    assert names(events) == [
        "PhaseEnded",
        "PhaseStarted",
        "PhaseEnded",
        "StepCompleted",
        "PhaseStarted",
        "PhaseEnded",
        "StepCompleted",
        "SessionCompleted",
    ]
    assert engine.snapshot().active_seconds == engine.plan.total_seconds == 40


def test_a_late_update_still_ticks_the_current_second():
    engine, clock = make(intervals(10))
    engine.start()
    clock.advance(8.5)
    assert [e for e in engine.update() if isinstance(e, CountdownTick)] == [
        CountdownTick(engine.plan.phases[0], 2)
    ]


def test_every_step_type_runs_to_completion_with_step_outcomes():
    engine, clock = make(
        PirStep(side="both", cycles=2),
        IceStep(minutes=6),
        RepsStep(sets=2, rest_seconds=5),
        RestStep(until_ready=True),
        intervals(3),
    )
    events = run_left_alone(engine, clock)
    assert [e.step_index for e in events if isinstance(e, StepCompleted)] == [0, 1, 2, 3, 4]
    assert started(events) == list(range(len(engine.plan.phases)))
    assert all(completed for _, completed in ended(events))
    assert events[-1] == SessionCompleted()
    snap = engine.snapshot()
    assert snap.finished and snap.phase is None and snap.progress == 1.0
    assert snap.active_seconds == engine.plan.total_seconds


def test_pausing_for_an_hour_continues_where_it_was():
    engine, clock = make(intervals(60))
    engine.start()
    clock.advance(20.5)
    assert engine.pause()[-1] == Paused()
    clock.advance(3600)
    assert engine.update() == []
    snap = engine.snapshot()
    assert snap.paused and snap.seconds_left == 39.5 and snap.active_seconds == 20.5
    assert snap.wall_seconds == 3620.5
    assert engine.next_deadline() is None  # nothing changes while paused
    assert engine.resume() == [Resumed()]
    clock.advance(39.5)
    assert engine.update()[-1] == SessionCompleted()
    snap = engine.snapshot()
    assert (snap.active_seconds, snap.wall_seconds) == (60.0, 3660.0)


def test_pause_and_resume_are_idempotent():
    engine, _ = make(intervals(60))
    assert engine.pause() == []  # not started
    engine.start()
    assert engine.resume() == []
    assert engine.pause() == [Paused()]
    assert engine.pause() == []


def test_skip_phase_moves_on_at_once():
    engine, clock = make(intervals(10, 20))
    engine.start()
    clock.advance(3)
    events = engine.skip_phase()
    assert ended(events) == [(0, False)] and started(events) == [1]
    clock.advance(20)
    assert engine.update()[-1] == SessionCompleted()
    assert engine.snapshot().active_seconds == 23


def test_skipping_the_last_phase_of_a_step_still_completes_it_if_an_earlier_one_ran():
    engine, clock = make(intervals(10, 5), intervals(5))
    engine.start()
    clock.advance(10)
    engine.update()
    assert names(engine.skip_phase()) == ["PhaseEnded", "StepCompleted", "PhaseStarted"]


def test_a_step_whose_every_phase_was_skipped_is_skipped_by_the_patient():
    engine, clock = make(PirStep(cycles=2, setup_seconds=5), intervals(5))
    engine.start()
    events = []
    for _ in range(5):  # position, contract, relax, contract, relax
        clock.advance(1)
        events += engine.skip_phase()
    assert [(i, done) for i, done in ended(events)] == [(n, False) for n in range(5)]
    assert StepSkipped(0, SKIPPED_BY_THE_PATIENT) in events
    assert not any(isinstance(e, StepCompleted) for e in events)
    clock.advance(5)
    assert StepCompleted(1) in engine.update()


def test_getting_into_position_alone_does_not_make_a_step_done():
    engine, clock = make(PirStep(cycles=1, setup_seconds=5, side="both"))
    engine.start()
    events = []
    while not engine.snapshot().finished:
        if engine.snapshot().phase.kind.preparation:  # position, switch sides: waited
            clock.advance(engine.snapshot().seconds_left)
            events += engine.update()
        else:
            events += engine.skip_phase()
    kinds = [e.phase.kind for e in events if isinstance(e, PhaseEnded) and e.completed]
    assert kinds == ["position", "switch-sides"]
    assert StepSkipped(0, SKIPPED_BY_THE_PATIENT) in events


def test_a_confirmed_untimed_phase_makes_its_step_done_though_the_rest_was_skipped():
    engine, _ = make(RepsStep(sets=2, rest_seconds=30))
    engine.start()
    events = engine.confirm() + engine.skip_phase() + engine.skip_phase()  # set, rest, set
    assert StepCompleted(0) in events and not any(isinstance(e, StepSkipped) for e in events)


def test_an_untimed_phase_ended_by_skip_is_not_done():
    engine, _ = make(RepsStep(sets=1))
    engine.start()
    assert engine.skip_phase()[1:] == [StepSkipped(0, SKIPPED_BY_THE_PATIENT), SessionCompleted()]


def test_skip_step_reports_the_reason_and_goes_to_the_next_step():
    engine, clock = make(PirStep(cycles=3), intervals(5))
    engine.start()
    clock.advance(12)
    engine.update()
    events = engine.skip_step("too painful")
    assert events == [
        PhaseEnded(engine.plan.phases[1], completed=False),
        StepSkipped(0, "too painful"),
        PhaseStarted(engine.plan.step_phases(1)[0]),
    ]


def test_skip_step_on_the_last_step_completes_the_session():
    engine, _ = make(intervals(5))
    engine.start()
    assert names(engine.skip_step("no time")) == ["PhaseEnded", "StepSkipped", "SessionCompleted"]


def test_back_after_two_seconds_restarts_the_phase():
    engine, clock = make(intervals(10, 20))
    engine.start()
    clock.advance(10 + 5)
    engine.update()
    events = engine.back()
    assert ended(events) == [(1, False)] and started(events) == [1]
    assert engine.snapshot().seconds_left == 20


def test_back_within_two_seconds_goes_to_the_previous_phase():
    engine, clock = make(intervals(10, 20))
    engine.start()
    clock.advance(10 + 1.5)
    engine.update()
    events = engine.back()
    assert ended(events) == [(1, False)] and started(events) == [0]
    assert engine.snapshot().seconds_left == 10


def test_back_at_the_first_phase_restarts_it():
    engine, clock = make(intervals(10))
    engine.start()
    clock.advance(1)
    assert started(engine.back()) == [0]


def test_going_back_into_a_finished_step_does_not_report_it_twice():
    engine, clock = make(intervals(10), intervals(10))
    engine.start()
    clock.advance(11)
    assert StepCompleted(0) in engine.update()
    engine.back()  # into step 0 again
    clock.advance(10)
    events = engine.update()
    assert started(events) == [1] and StepCompleted(0) not in events


def test_confirm_ends_an_untimed_phase_and_nothing_else():
    engine, clock = make(RepsStep(sets=2, rest_seconds=30))
    engine.start()
    assert engine.snapshot().waiting and engine.next_deadline() is None
    clock.advance(45)  # the patient takes their time
    events = engine.confirm()
    assert ended(events) == [(0, True)] and started(events) == [1]
    assert engine.confirm() == []  # the rest is timed: confirm does nothing
    clock.advance(30)
    assert started(engine.update()) == [2]


def test_stop_ends_the_session_with_the_reason():
    engine, clock = make(intervals(10, 10))
    engine.start()
    clock.advance(4)
    events = engine.stop("pain")
    assert events == [PhaseEnded(engine.plan.phases[0], completed=False), SessionStopped("pain")]
    snap = engine.snapshot()
    assert snap.finished and snap.stopped_reason == "pain" and snap.progress == 0.2
    clock.advance(100)
    assert engine.update() == [] and engine.skip_phase() == [] and engine.stop() == []
    assert engine.snapshot().active_seconds == 4


def test_an_excluded_step_is_reported_skipped_when_reached_and_never_runs():
    engine, clock = make(intervals(5), IceStep(minutes=10), intervals(6))
    engine.exclude_step(1, "the area has poor circulation")
    events = run_left_alone(engine, clock)
    assert [e for e in events if isinstance(e, (StepSkipped, StepCompleted))] == [
        StepCompleted(0),
        StepSkipped(1, "the area has poor circulation"),
        StepCompleted(2),
    ]
    assert {e.phase.step_index for e in events if isinstance(e, PhaseStarted)} == {0, 2}
    assert engine.snapshot().active_seconds == 11


def test_excluded_steps_at_the_start_and_end_and_all_of_them():
    engine, clock = make(intervals(5), intervals(6))
    engine.exclude_step(0, "a")
    engine.exclude_step(1, "b")
    assert engine.snapshot().next_phase is None
    assert names(engine.start()) == [
        "SessionStarted",
        "StepSkipped",
        "StepSkipped",
        "SessionCompleted",
    ]


def test_exclude_step_only_before_start_and_only_real_steps():
    engine, _ = make(intervals(5))
    with pytest.raises(IndexError):
        engine.exclude_step(1, "no such step")
    engine.start()
    with pytest.raises(RuntimeError):
        engine.exclude_step(0, "too late")


def test_back_steps_over_excluded_steps():
    engine, clock = make(intervals(5), intervals(6), intervals(7))
    engine.exclude_step(1, "skip")
    engine.start()
    clock.advance(5.5)
    assert started(engine.update()) == [2]
    assert started(engine.back()) == [0]


def test_twenty_minutes_of_ice_with_an_irregular_screen_ends_on_time_with_every_skin_check():
    engine, clock = make(IceStep(minutes=20, check_skin_every_minutes=5))
    events = engine.start() + engine.confirm()  # the pack is on: the timer starts
    step = 0
    while not engine.snapshot().waiting:
        clock.advance((0.13, 0.9, 0.37, 2.2)[step % 4])  # uneven, late refreshes
        step += 1
        events += engine.update()
    assert [e.text for e in events if isinstance(e, ReminderDue)] == [SKIN_CHECK] * 3
    snap = engine.snapshot()  # now: take the pack off
    assert snap.phase.kind == "pack-off"
    assert snap.active_seconds - snap.elapsed_in_phase == 1200.0  # no drift, whatever the refresh
    assert clock.monotonic() - 1000.0 < 1200.0 + 2.2


def test_a_skin_check_is_shown_for_a_while_after_it_is_due():
    engine, clock = make(IceStep(minutes=15, check_skin_every_minutes=5))
    engine.start()
    engine.confirm()  # the pack is on
    clock.advance(299)
    assert engine.update() == [] and engine.snapshot().reminder is None
    clock.advance(1)
    assert engine.update() == [ReminderDue(engine.plan.phases[1], SKIN_CHECK)]
    assert engine.snapshot().reminder == SKIN_CHECK
    clock.advance(REMINDER_SHOWN_SECONDS)
    engine.update()
    assert engine.snapshot().reminder is None


def test_next_deadline_is_the_next_whole_second_of_the_countdown():
    engine, clock = make(intervals(10, 5))
    engine.start()
    t0 = clock.monotonic()
    assert engine.next_deadline() == t0 + 1
    clock.advance(0.3)
    assert engine.next_deadline() == t0 + 1
    clock.advance(2.0)  # countdown shows 8 (7.7 left), next change at 7 left
    assert engine.snapshot().countdown == 8
    assert engine.next_deadline() == t0 + 3
    engine.pause()
    clock.advance(0.45)
    engine.resume()  # the timeline moved by the pause; the deadline stays aligned to the phase end
    assert engine.next_deadline() == pytest.approx(t0 + 3.45)
    clock.advance_to(t0 + 10.45)
    engine.update()
    assert engine.snapshot().phase.index == 1
    assert engine.next_deadline() == pytest.approx(t0 + 11.45)


def test_next_deadline_includes_reminders_and_is_none_when_nothing_runs():
    engine, clock = make(IceStep(minutes=10, check_skin_every_minutes=5))
    assert engine.next_deadline() is None  # not started
    engine.start()
    assert engine.next_deadline() is None  # waiting for the pack to be on
    engine.confirm()
    clock.advance(299.5)
    assert engine.next_deadline() == clock.monotonic() + 0.5
    run_left_alone(engine, clock)
    assert engine.next_deadline() is None


def test_progress_follows_the_timed_phases():
    engine, clock = make(intervals(30, 10), RepsStep(sets=1))
    engine.start()
    clock.advance(20)
    engine.update()
    assert engine.snapshot().progress == 0.5
    clock.advance(20)
    engine.update()
    assert engine.snapshot().waiting and engine.snapshot().progress == 1.0


def test_time_asleep_counts_for_a_running_ice_pack():
    engine, clock = make(IceStep(minutes=20, check_skin_every_minutes=5), intervals(10))
    engine.start()
    engine.confirm()  # the pack is on
    clock.advance(60)
    engine.update()
    clock.suspend(12 * 60)  # the laptop sleeps; the monotonic clock stops, the ice keeps cooling
    clock.advance(1)
    events = engine.update()
    assert [e.text for e in events if isinstance(e, ReminderDue)] == [SKIN_CHECK, SKIN_CHECK]
    snap = engine.snapshot()
    assert snap.elapsed_in_phase == 60 + 12 * 60 + 1 and snap.active_seconds == 781
    assert engine.next_deadline() == clock.monotonic() + 1  # deadlines stay on the real clock
    clock.suspend(3600)  # a long sleep: the ice ended while asleep, the pack is to come off
    clock.advance(0.5)
    events = engine.update()
    assert ended(events) == [(1, True)] and engine.snapshot().phase.kind == "pack-off"
    assert engine.snapshot().elapsed_in_phase == 781 + 3600.5 - 1200


def test_time_asleep_while_paused_stays_paused():
    engine, clock = make(intervals(60))
    engine.start()
    clock.advance(10)
    engine.pause()
    clock.suspend(600)
    clock.advance(1)
    engine.resume()
    assert engine.snapshot().seconds_left == 50
    assert engine.snapshot().wall_seconds == 611


def test_small_wall_clock_adjustments_are_not_taken_for_sleep():
    engine, clock = make(intervals(60))
    engine.start()
    clock.set_wall(1.5)  # e.g. a time-sync correction
    clock.advance(10)
    engine.update()
    assert engine.snapshot().elapsed_in_phase == 10


def test_a_wall_clock_set_forward_neither_shortens_a_phase_nor_ends_the_session():
    engine, clock = make(IceStep(minutes=20, check_skin_every_minutes=5))
    engine.start()
    clock.advance(60)
    clock.set_wall(600)  # a time sync step, or the clock moved 10 minutes by hand
    clock.advance(1)
    events = engine.update()
    assert not [e for e in events if isinstance(e, (PhaseEnded, ReminderDue))]
    snap = engine.snapshot()
    assert snap.elapsed_in_phase == 61 and snap.active_seconds == 61 and snap.wall_seconds == 61
    assert snap.clock_shift_seconds == 600


def test_a_wall_clock_set_back_neither_lengthens_a_phase_nor_makes_time_negative():
    engine, clock = make(intervals(60))
    engine.start()
    clock.advance(10)
    clock.set_wall(-24 * 3600)  # back a day
    clock.advance(50)
    events = engine.update()
    assert ended(events) == [(0, True)] and events[-1] == SessionCompleted()
    snap = engine.snapshot()
    assert snap.active_seconds == 60 and snap.wall_seconds == 60
    assert snap.clock_shift_seconds == -24 * 3600


def test_a_sleep_is_told_apart_from_a_clock_step_by_the_sleep_counting_clock():
    engine, clock = make(intervals(60, 60))
    engine.start()
    clock.advance(10)
    clock.suspend(30)  # both clocks move: time asleep counts, and it is no clock change
    engine.update()
    assert engine.snapshot().elapsed_in_phase == 40 and engine.snapshot().clock_shift_seconds == 0


def test_snapshot_before_start():
    engine, _ = make(intervals(5))
    snap = engine.snapshot()
    assert not snap.started and snap.phase is None and snap.next_phase == engine.plan.phases[0]
    assert (snap.active_seconds, snap.wall_seconds, snap.progress) == (0.0, 0.0, 0.0)


def test_an_operation_catches_up_with_the_clock_before_acting():
    engine, clock = make(intervals(5, 5, 5))
    engine.start()
    clock.advance(7)  # no refresh since the first phase ended
    events = engine.skip_phase()
    assert ended(events) == [(0, True), (1, False)] and started(events) == [1, 2]


def test_ice_is_done_when_its_time_is_up_even_if_stopped_while_taking_the_pack_off():
    engine, clock = make(IceStep(minutes=1), intervals(5))
    engine.start()
    engine.confirm()  # the pack is on
    clock.advance(60)
    events = engine.update()
    assert StepCompleted(0) in events and engine.snapshot().phase.kind == "pack-off"
    assert StepCompleted(0) not in engine.stop("stopped by you")


def test_putting_the_pack_on_and_off_without_the_ice_is_not_done():
    engine, clock = make(IceStep(minutes=1))
    engine.start()
    engine.confirm()
    engine.skip_phase()  # the ice itself skipped
    assert engine.confirm()[-2:] == [StepSkipped(0, SKIPPED_BY_THE_PATIENT), SessionCompleted()]
