"""The session flow both front ends share: safety answers to skips, pain, the alert, the counts.

No screen and no terminal: the flow is driven as the app's screens and the plain runner drive
it, on a fake clock, into a fake log that keeps what it was given.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, timezone

import pytest
from fakes import MemoryLog

from homecare.routine.model import HeatStep, IceStep, RestStep, Routine
from homecare.session import wording
from homecare.session.clock import FakeClock
from homecare.session.flow import Flow, SessionLog
from homecare.session.safety import Decision

from .drive import run_left_alone

ICE_AND_HEAT = Routine(
    title="Back",
    steps=(
        RestStep(seconds=5),
        IceStep(minutes=0.25, area="lower back"),
        HeatStep(minutes=0.25),
    ),
)
NO_PACKS = Routine(title="Rest", steps=(RestStep(seconds=5),))
# Poor circulation cautions against ice, a warm red area against heat; the rest is neutral.
AGAINST_BOTH = {
    "injury_age": "between",
    "area": "warm",
    "circulation": "yes",
    "body": "neither",
    "swelling": "no",
}
AGAINST_NEITHER = {
    "injury_age": "unknown",
    "area": "neither",
    "circulation": "no",
    "body": "neither",
    "swelling": "no",
}


def flow_of(routine: Routine, clock: FakeClock | None = None, **kwargs) -> Flow:
    return Flow.of(routine, clock or FakeClock(), **kwargs)


def test_the_memory_log_is_a_session_log():
    log: SessionLog = MemoryLog()  # checked by mypy; here, that the names exist
    assert all(
        callable(getattr(log, name))
        for name in (
            "record",
            "set_pain_before",
            "record_safety_check",
            "record_feedback",
            "finish",
        )
    )


def test_the_questions_are_asked_only_for_the_routines_ice_and_heat():
    flow = flow_of(ICE_AND_HEAT)
    assert [(s.step_index, s.therapy) for s in flow.thermal_steps] == [(1, "ice"), (2, "heat")]
    assert flow.therapies == ("ice", "heat")
    assert {q.id for q in flow.questions} == {
        "injury_age",
        "area",
        "circulation",
        "body",
        "swelling",
    }
    only_ice = flow_of(Routine(title="Ice", steps=(IceStep(minutes=1),)))
    assert only_ice.therapies == ("ice",)
    assert "swelling" not in {q.id for q in only_ice.questions}  # a heat question only
    assert flow_of(NO_PACKS).thermal_steps == [] and flow_of(NO_PACKS).questions == ()


def test_answers_with_no_caution_decide_every_step_at_once():
    flow = flow_of(ICE_AND_HEAT)
    assert flow.answer_safety(AGAINST_NEITHER) == []
    assert flow.decisions == [Decision(1, "ice", (), False), Decision(2, "heat", (), False)]


@pytest.mark.parametrize("skip_ice, skip_heat", list(itertools.product([True, False], repeat=2)))
def test_every_skip_or_go_on_choice_reaches_the_engine_and_the_log(skip_ice, skip_heat):
    clock = FakeClock()
    flow = flow_of(ICE_AND_HEAT, clock)
    pending = flow.answer_safety(AGAINST_BOTH)
    assert [(p.step.step_index, p.step.therapy) for p in pending] == [(1, "ice"), (2, "heat")]
    assert [c.reason for c in pending[0].cautions] == [
        "poor circulation",
        "problem is two to three weeks old",
    ]
    assert [c.reason for c in pending[1].cautions] == ["area warm, red or swollen"]
    flow.decide(2, skip_heat)  # in any order: the decisions are kept in step order
    flow.decide(1, skip_ice)
    assert flow.pending == []
    assert [(d.step_index, d.skipped) for d in flow.decisions] == [(1, skip_ice), (2, skip_heat)]
    flow.set_pain_before(3)
    log = MemoryLog()
    flow.start(log)
    assert log.calls == [("pain before", 3), ("safety", flow.decisions)]
    excluded = {1: flow.decisions[0].log_reason} if skip_ice else {}
    excluded |= {2: flow.decisions[1].log_reason} if skip_heat else {}
    assert flow.engine.excluded == excluded
    flow.handle(run_left_alone(flow.engine, clock))
    assert sorted(flow.outcome.done) == [0] + [1] * (not skip_ice) + [2] * (not skip_heat)
    assert sorted(flow.outcome.skipped) == sorted(excluded)
    if skip_ice:
        assert flow.outcome.skipped[1].startswith("safety check: poor circulation")
    assert flow.outcome.finished and flow.outcome.over and log.events
    assert flow.counts == f"Done {3 - len(excluded)} of 3 steps, skipped {len(excluded)}"


def test_a_step_must_be_decided_before_the_start():
    flow = flow_of(ICE_AND_HEAT)
    flow.answer_safety(AGAINST_BOTH)
    flow.decide(1, True)
    with pytest.raises(RuntimeError):
        flow.start(MemoryLog())
    with pytest.raises(StopIteration):
        flow.decide(1, False)  # already decided


def test_answering_again_starts_the_decisions_afresh():
    flow = flow_of(ICE_AND_HEAT)
    flow.answer_safety(AGAINST_BOTH)
    flow.decide(1, True)
    flow.answer_safety(AGAINST_NEITHER)
    assert flow.pending == [] and not any(d.skipped for d in flow.decisions)


def test_nothing_asked_means_nothing_recorded_before_the_session():
    """From a pipe the plain runner asks nothing: the log gets events, no pain or choices."""
    clock = FakeClock()
    flow = flow_of(ICE_AND_HEAT, clock)
    log = MemoryLog()
    flow.start(log)
    flow.handle(run_left_alone(flow.engine, clock))
    assert log.calls == [] and flow.outcome.done == [0, 1, 2]


def test_a_stop_is_counted_with_its_reason():
    clock = FakeClock()
    flow = flow_of(ICE_AND_HEAT, clock)
    flow.set_pain_before(None)
    flow.start(MemoryLog())
    flow.handle(flow.engine.start())
    flow.handle(flow.engine.stop("Ctrl+C pressed"))
    assert flow.outcome.stopped_reason == "Ctrl+C pressed"
    assert not flow.outcome.finished and flow.outcome.over and flow.outcome.done == []
    assert flow.counts == "Done 0 of 3 steps, skipped 0"


@pytest.mark.parametrize(
    "before, after, alert",
    [
        (None, None, False),
        (3, None, False),
        (None, 6, False),
        (None, 7, True),
        (3, 4, False),
        (3, 5, True),
        (6, 5, False),
        (8, 8, True),
        (0, 1, False),
        (0, 2, True),
    ],
)
def test_the_pain_alert(before, after, alert):
    flow = flow_of(NO_PACKS)
    flow.set_pain_before(before)
    flow.start(MemoryLog())
    assert flow.set_pain_after(after) is alert
    assert flow.pain_alert is alert


def test_pain_after_and_the_note_are_each_saved_at_once_and_a_correction_too():
    flow = flow_of(NO_PACKS)
    flow.set_pain_before(2)
    log = MemoryLog()
    flow.start(log)
    flow.set_pain_after(5)
    flow.set_note("easier")
    flow.set_pain_before(1)  # corrected on the done screen
    flow.set_pain_after(4)
    assert log.calls[2:] == [
        ("finish", (5, "")),
        ("finish", (5, "easier")),
        ("pain before", 1),
        ("finish", (4, "easier")),
    ]


def test_pain_after_before_the_start_is_an_error():
    with pytest.raises(RuntimeError):
        flow_of(NO_PACKS).set_pain_after(3)


def test_the_old_ice_advice_reads_the_flows_clock():
    old = Routine(title="Ice", issued=date(2026, 1, 1), steps=(IceStep(minutes=1),))
    soon = FakeClock(datetime(2026, 1, 10, 9, tzinfo=timezone.utc))
    late = FakeClock(datetime(2026, 2, 10, 9, tzinfo=timezone.utc))
    assert flow_of(old, soon).ice_advice() is None
    assert flow_of(old, late).ice_advice() == wording.ICE_MAY_BE_OLD


def test_the_red_flags_are_for_the_first_session_only():
    assert flow_of(NO_PACKS, first_session=True).first_session
    assert not flow_of(NO_PACKS).first_session
