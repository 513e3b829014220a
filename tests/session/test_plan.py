"""How each step type unrolls into phases."""

from __future__ import annotations

import pytest

from homecare.routine.model import (
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
from homecare.session.plan import (
    CONTRACT,
    SKIN_CHECK,
    SWITCH_SIDES_SECONDS,
    Counter,
    Reminder,
    compile_plan,
)


def plan_of(*steps):
    return compile_plan(Routine(title="Test", steps=steps))


def shape(plan):
    """(kind, seconds, side) of every phase: the plan at a glance."""
    return [(p.kind, p.seconds, p.side) for p in plan.phases]


def test_pir_one_side_is_position_then_contract_relax_cycles():
    plan = plan_of(
        PirStep(side="left", contract_seconds=8, relax_seconds=15, cycles=2, setup_seconds=12)
    )
    assert shape(plan) == [
        ("position", 12.0, "left"),
        ("contract", 8.0, "left"),
        ("relax", 15.0, "left"),
        ("contract", 8.0, "left"),
        ("relax", 15.0, "left"),
    ]
    position, contract, relax = plan.phases[:3]
    assert position.cue == "Get into position (left side)"
    assert contract.cue.startswith("Breathe in and contract gently")
    assert relax.cue == "Breathe out, relax, let it lengthen"
    assert (contract.label, relax.label) == ("CONTRACT", "RELAX")
    assert [str(c) for p in plan.phases for c in p.counters if c.label == "cycle"] == [
        "cycle 1 of 2",
        "cycle 1 of 2",
        "cycle 2 of 2",
        "cycle 2 of 2",
    ]
    assert plan.total_seconds == 12 + 2 * (8 + 15)


def test_pir_contract_cue_carries_the_prescribed_force():
    plan = plan_of(PirStep(force="very light, a tenth of full strength", cycles=1))
    assert plan.phases[1].cue == CONTRACT + " (very light, a tenth of full strength)"


def test_both_sides_run_left_then_switch_to_the_right():
    plan = plan_of(PirStep(side="both", cycles=1, setup_seconds=7))
    assert shape(plan) == [
        ("position", 7.0, "left"),
        ("contract", 10.0, "left"),
        ("relax", 20.0, "left"),
        ("switch-sides", 7.0, "right"),
        ("contract", 10.0, "right"),
        ("relax", 20.0, "right"),
    ]
    assert plan.phases[3].cue == "Switch to the right side"
    assert plan.phases[3].label == "SWITCH SIDES"


def test_no_setup_time_means_no_position_phase_but_switching_sides_still_takes_time():
    plan = plan_of(PirStep(side="both", cycles=1, setup_seconds=0))
    kinds = [p.kind for p in plan.phases]
    assert kinds == ["contract", "relax", "switch-sides", "contract", "relax"]
    assert plan.phases[2].seconds == SWITCH_SIDES_SECONDS


def test_stretch_holds_with_a_release_between_repetitions():
    plan = plan_of(StretchStep(hold_seconds=30, reps=3, rest_seconds=10, setup_seconds=5))
    assert shape(plan) == [
        ("position", 5.0, None),
        ("hold", 30.0, None),
        ("release", 10.0, None),
        ("hold", 30.0, None),
        ("release", 10.0, None),
        ("hold", 30.0, None),
    ]
    assert plan.phases[0].cue == "Get into position"
    assert [str(p.counters[-1]) for p in plan.phases[1:]] == [
        "rep 1 of 3",
        "rep 1 of 3",
        "rep 2 of 3",
        "rep 2 of 3",
        "rep 3 of 3",
    ]


def test_stretch_without_rest_goes_straight_to_the_next_hold():
    plan = plan_of(StretchStep(reps=2, rest_seconds=0, setup_seconds=0))
    assert [p.kind for p in plan.phases] == ["hold", "hold"]


def test_reps_sets_wait_for_the_patient_and_do_not_count_in_the_total():
    plan = plan_of(RepsStep(reps=12, sets=2, rest_seconds=45, side="both"))
    assert shape(plan) == [
        ("set", None, "left"),
        ("rest", 45.0, "left"),
        ("set", None, "left"),
        ("switch-sides", float(SWITCH_SIDES_SECONDS), "right"),
        ("set", None, "right"),
        ("rest", 45.0, "right"),
        ("set", None, "right"),
    ]
    assert plan.phases[0].cue == "Do 12 repetitions, then confirm"
    assert not plan.phases[0].timed
    assert plan.total_seconds == 2 * 45 + SWITCH_SIDES_SECONDS


def test_ice_reminds_to_check_the_skin_at_each_interval_but_not_at_the_end():
    plan = plan_of(IceStep(minutes=20, check_skin_every_minutes=5, area="lower back"))
    _, ice, _ = plan.phases
    assert (ice.kind, ice.label, ice.seconds) == ("ice", "ICE", 1200.0)
    assert ice.cue == "Ice pack on: lower back, keep still"
    assert ice.reminders == tuple(Reminder(at, SKIN_CHECK) for at in (300.0, 600.0, 900.0))
    assert SKIN_CHECK == "Check your skin"


def test_heat_with_a_check_interval_longer_than_the_heat_has_no_reminder():
    _, heat, _ = plan_of(HeatStep(minutes=10, check_skin_every_minutes=15)).phases
    assert (heat.kind, heat.seconds, heat.reminders) == ("heat", 600.0, ())
    assert heat.cue == "Heat pack on, keep still"


@pytest.mark.parametrize(
    ("step", "pack"),
    [(IceStep(area="lower back"), "ice pack"), (HeatStep(area="lower back"), "heat pack")],
)
def test_ice_and_heat_start_with_the_pack_on_and_end_with_it_off(step, pack):
    on, timed, off = plan_of(step).phases
    assert (on.kind, on.label, on.seconds) == ("pack-on", "PUT THE PACK ON", None)
    assert on.cue == (
        f"Put the {pack} on your lower back (wrapped in a thin towel, never "
        "straight on the skin), then confirm"
    )
    assert timed.kind == step.TYPE and timed.seconds == 900.0
    assert (off.kind, off.label, off.seconds) == ("pack-off", "TAKE THE PACK OFF", None)
    assert off.cue.startswith(f"Take the {pack} off now. Look at your skin: if it stays ")
    assert plan_of(step).total_seconds == 900.0  # putting on and taking off are not timed


def test_rest_is_timed_or_waits_until_ready():
    timed, ready = plan_of(RestStep(seconds=90), RestStep(until_ready=True)).phases
    assert (timed.kind, timed.seconds) == ("rest", 90.0)
    assert (ready.kind, ready.seconds) == ("wait", None)
    assert ready.cue == "Rest until you are ready, then confirm"


def test_interval_rounds_use_the_files_labels_and_cues():
    walk_and_sit = (IntervalPhase("Walk", 30, "Walk slowly"), IntervalPhase("Sit", 15))
    step = IntervalStep(rounds=2, phases=walk_and_sit)
    plan = plan_of(step)
    assert [(p.label, p.cue, p.seconds) for p in plan.phases] == [
        ("Walk", "Walk slowly", 30.0),
        ("Sit", "Sit", 15.0),
    ] * 2
    assert [str(p.counters[-1]) for p in plan.phases] == ["round 1 of 2"] * 2 + ["round 2 of 2"] * 2


def test_phases_are_numbered_and_carry_their_step():
    plan = plan_of(RestStep(seconds=5), PirStep(name="Neck", instructions="Chin down", cycles=1))
    assert [p.index for p in plan.phases] == list(range(len(plan.phases)))
    assert [p.step_index for p in plan.phases] == [0, 1, 1, 1]
    neck = plan.phases[1]
    assert (neck.step_name, neck.step_type, neck.instructions) == ("Neck", "pir", "Chin down")
    assert neck.counters == (Counter("step", 2, 2),)  # step first; "cycle 1 of 1" is left out
    assert plan.phases[0].step_name == "Rest"  # the step type's default name
    assert plan.step_phases(1) == plan.phases[1:]
    assert plan.total_seconds == 5 + 10 + 10 + 20
