"""The editor's model: forms from the specs, edits as text, the loader's verdict, the plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from homecare.clinician.draft import HEADER, Draft, from_text, new_step, to_text
from homecare.routine.model import STEP_TYPES, IntervalStep, PirStep, Schedule
from homecare.routine.specs import DaysSpec, NumberSpec, TableListSpec, specced_fields

FILE = Path("/clinic/Sam Back.toml")


def field(draft: Draft, target, name: str):
    return next(f for f in draft.fields(target) if f.name == name)


def test_a_new_draft_needs_a_title_and_a_step():
    check = Draft(FILE).check()
    assert check.routine is None
    assert {p.field for p in check.errors} == {"title", "steps"}
    assert check.preview() == ["Fix 2 errors to see the plan."]


def test_building_a_routine_step_by_step():
    draft = Draft(FILE)
    draft.set_text(HEADER, "title", "Back")
    draft.set_text(HEADER, "schedule.times_per_day", "2")
    draft.set_text(HEADER, "schedule.days", "mon, wed fri")
    assert draft.add_step("pir", 0) == 0
    assert draft.add_step("rest", 1) == 1  # a rest starts valid: until the patient is ready
    assert draft.add_step("interval", 2) == 2  # and an interval with one phase
    draft.set_text(0, "side", "both")
    draft.set_text(2, "phases", "Walk | 60 | slowly\nSit|30")
    check = draft.check()
    assert check.errors == ()
    routine = check.routine
    assert routine.id == "sam-back"  # from the file name
    assert routine.schedule == Schedule(times_per_day=2, days=("mon", "wed", "fri"))
    assert [s.TYPE for s in routine.steps] == ["pir", "rest", "interval"]
    assert [(p.label, p.seconds, p.cue) for p in routine.steps[2].phases] == [
        ("Walk", 60, "slowly"),
        ("Sit", 30, ""),
    ]
    preview = check.preview()
    assert preview[0] == "1. Post-isometric relaxation (pir, left then right): 3 min 20 s"
    assert preview[-1].startswith("Total: about 4 min 50 s")


@pytest.mark.parametrize("step_type", list(STEP_TYPES))
def test_every_new_step_is_valid_at_once(step_type):
    draft = Draft(FILE)
    draft.set_text(HEADER, "title", "T")
    draft.add_step(step_type, 0)
    assert draft.check().routine.steps == (new_step(step_type),)


def test_reorder_and_remove_steps():
    draft = Draft(FILE)
    for kind in ("pir", "ice", "heat"):
        draft.add_step(kind, len(draft.steps))
    assert draft.move_step(2, -1) == 1
    assert [s["type"] for s in draft.steps] == ["pir", "heat", "ice"]
    assert draft.move_step(0, -1) == 0  # already first
    assert draft.move_step(2, 1) == 2  # already last
    draft.remove_step(0)
    assert [s["type"] for s in draft.steps] == ["heat", "ice"]
    assert draft.step_label(1) == "2. Ice (ice)"


def test_problems_land_on_their_inputs():
    draft = Draft(FILE)
    draft.set_text(HEADER, "title", "Back")
    draft.set_text(HEADER, "schedule.start", "2026-13-01")
    draft.add_step("pir", 0)
    draft.set_text(0, "contract_seconds", "99")
    draft.add_step("interval", 1)
    draft.set_text(1, "phases", "Walk | soon")
    check = draft.check()
    assert check.routine is None
    [seconds] = check.for_field(0, "contract_seconds")
    assert "must be between 3 and 30 seconds" in seconds.message
    assert check.for_field(HEADER, "schedule.start")[0].message.startswith("must be a date")
    assert "whole number" in check.for_field(1, "phases")[0].message
    assert check.for_field(0, "cycles") == []


def test_warnings_are_live_and_do_not_block():
    draft = Draft(FILE)
    draft.set_text(HEADER, "title", "Back")
    draft.add_step("pir", 0)
    draft.set_text(0, "cycles", "8")
    check = draft.check()
    assert check.routine is not None
    [warning] = check.for_field(0, "cycles")
    assert warning.severity == "warning" and "a few cycles per session" in warning.message


def test_every_field_has_an_input_with_its_range():
    draft = Draft(FILE)
    draft.add_step("pir", 0)
    names = [f.name for f in draft.fields(0)]
    assert names == [f.name for f, _ in specced_fields(PirStep)]
    contract = field(draft, 0, "contract_seconds")
    assert contract.hint == ("how long to contract gently · 3 to 30 seconds · suggested 5 to 10")
    assert contract.default == "10" and contract.text == "10"  # a new step shows its values
    header = [f.name for f in draft.fields(HEADER)]
    assert header[:2] == ["title", "id"] and "schedule.weeks" in header
    assert field(draft, HEADER, "id").default == "sam-back"
    assert "required" in field(draft, HEADER, "title").hint


def test_loading_a_routine_shows_its_values(routine):
    draft = Draft(FILE, routine)
    assert field(draft, HEADER, "title").text == routine.title
    assert field(draft, HEADER, "schedule.days").text == "mon, wed, fri"
    assert field(draft, HEADER, "schedule.start").text == "2026-11-25"
    assert field(draft, 3, "phases").text == "Walk | 30 | slowly"
    assert draft.check().routine == routine


def test_text_round_trips_for_every_kind_of_value():
    days, number = DaysSpec("d"), NumberSpec(1, 10, "s", "h")
    phases = next(s for f, s in specced_fields(IntervalStep) if isinstance(s, TableListSpec))
    assert from_text("Mon,  tue", days) == ["mon", "tue"]
    assert to_text(["mon", "tue"], days) == "mon, tue"
    assert from_text(" 7 ", number) == 7 and from_text("seven", number) == "seven"
    assert from_text("", number) is None
    assert to_text(date(2026, 1, 2), None) == "2026-01-02"
    text = "A | 5 | go | now"
    assert from_text(text, phases) == [{"label": "A", "seconds": 5, "cue": "go | now"}]
    assert to_text(from_text(text, phases), phases) == text


def test_decimal_minutes_are_numbers_for_ice_and_heat_only():
    draft = Draft(FILE)
    draft.set_text(HEADER, "title", "T")
    draft.add_step("ice", 0)
    draft.set_text(0, "minutes", "0.5")
    check = draft.check()
    assert check.errors == ()
    assert check.routine.steps[0].minutes == 0.5
    draft.add_step("pir", 1)
    draft.set_text(1, "cycles", "2.5")  # cycles are whole: the text reaches the loader as text
    assert [p.field for p in draft.check().errors] == ["cycles"]
