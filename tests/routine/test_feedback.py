"""``feedback`` in routine files: which steps it rates, format 3, the writer and the schema.
The bad values (text for a flag, an ice step, format 1) are in the bad-file corpus."""

from __future__ import annotations

import sys

import pytest

from homecare.clinician.draft import Draft
from homecare.routine.feedback import rated
from homecare.routine.loader import parse_routine
from homecare.routine.model import FOLLOW_THROUGH_FORMAT, PirStep, Routine
from homecare.routine.problems import RoutineError
from homecare.routine.writer import dumps_routine

from .jsonschema_check import schema_errors

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10
    import tomli as tomllib

GOOD = """
format = 3
title = "Back"
feedback = true

[[steps]]
type = "pir"
name = "Side bend"

[[steps]]
type = "stretch"
feedback = false

[[steps]]
type = "ice"

[[steps]]
type = "reps"
"""


def test_a_routine_rates_its_exercises_and_a_steps_own_value_wins():
    routine = parse_routine(GOOD, "good.toml", "good")
    assert [rated(routine, step) for step in routine.steps] == [True, False, False, True]
    assert schema_errors(tomllib.loads(GOOD)) == []


def test_the_writer_says_format_3_and_reads_back_the_same():
    routine = Routine(
        title="Back", id="back", steps=(PirStep(feedback=True), PirStep(feedback=False))
    )
    text = dumps_routine(routine)
    assert "format = 3" in text and text.count("feedback = ") == 2
    assert parse_routine(text, "back.toml", "back") == Routine(
        title="Back",
        id="back",
        steps=routine.steps,
        format=FOLLOW_THROUGH_FORMAT,
    )
    plain = dumps_routine(Routine(title="Back", steps=(PirStep(),)))
    assert "format = 1" in plain and "feedback" not in plain


@pytest.mark.parametrize("where", ["routine", "step"])
def test_feedback_false_also_needs_format_3(where):
    text = 'format = 2\ntitle = "Back"\n' + ("feedback = false\n" if where == "routine" else "")
    text += '[[steps]]\ntype = "reps"\n' + ("feedback = false\n" if where == "step" else "")
    with pytest.raises(RoutineError) as caught:
        parse_routine(text, "back.toml", "back")
    assert [p.field for p in caught.value.problems] == ["format"]
    assert "must say format = 3" in str(caught.value.problems[0])
    (error,) = schema_errors(tomllib.loads(text))
    assert "2 is less than the minimum of 3" in error


def test_a_file_without_feedback_keeps_its_format():
    routine = parse_routine('format = 1\ntitle = "B"\n[[steps]]\ntype = "pir"\n', "b.toml", "b")
    assert not routine.says_feedback and not rated(routine, routine.steps[0])


def test_the_editors_draft_is_format_3_once_it_says_feedback(tmp_path):
    draft = Draft(tmp_path / "back.toml", Routine(title="Back", id="back", steps=(PirStep(),)))
    assert draft.table()["format"] == 1
    draft.set_text(0, "feedback", "true")
    assert draft.table()["format"] == FOLLOW_THROUGH_FORMAT
    check = draft.check()
    assert check.errors == () and rated(check.routine, check.routine.steps[0])


def test_show_and_the_handout_say_which_steps_ask_how_they_felt():
    from homecare.clinician import handout
    from homecare.routine.words import RATING_LABEL, rating, settings

    routine = parse_routine(GOOD, "good.toml", "good")
    assert [bool(rating(routine, step)) for step in routine.steps] == [True, False, False, True]
    rows = [label.lower() for step in routine.steps for label, _ in settings(step)]
    assert not any("ask the patient" in label for label in rows)  # said once, by rating()
    sections = handout.build(routine).steps
    assert [any(label == RATING_LABEL for label, _ in s.settings) for s in sections] == [
        True,
        False,
        False,
        True,
    ]
