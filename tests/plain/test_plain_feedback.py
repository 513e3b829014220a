"""The rating after a rated exercise in the plain runner: asked on a terminal (the timer held
meanwhile), skipped cleanly from a pipe or once input ends."""

from __future__ import annotations

from homecare.plain.terminal import BELL
from homecare.routine.model import FOLLOW_THROUGH_FORMAT, IntervalPhase, IntervalStep, Routine
from homecare.session import wording

from .test_plain import PIPE, TERMINAL, run

RATED = Routine(
    title="Rated",
    feedback=True,
    format=FOLLOW_THROUGH_FORMAT,
    steps=(
        IntervalStep(name="Breathe", phases=(IntervalPhase("In and out", 4),)),
        IntervalStep(name="Walk", phases=(IntervalPhase("Walk on the spot", 3),)),
    ),
)
QUESTION = "Step 1 done: Breathe. How did it feel? The timer waits for your answer."


def ratings(log) -> list[object]:
    return [value for call, value in log.calls if call == "feedback"]


def test_on_a_terminal_each_rated_step_is_asked_and_the_timer_waits():
    lines = [(0, ""), (60, "3"), (70, "")]  # no pain rating; "hard"; no answer to the last
    code, text, engine, _, log = run(RATED, TERMINAL, lines)
    assert code == 0
    shown = [line.lstrip(BELL) for line in text.replace("\r", "\n").splitlines()]
    at = shown.index(QUESTION)
    assert shown[at + 1 : at + 3] == [
        "  1 = easy, 2 = about right, 3 = hard, 4 = painful",
        "Type 1, 2, 3 or 4, then Enter (Enter alone: no answer).",
    ]
    assert shown.index("Step 2 of 2: Walk") > at  # asked before the next step's lines
    assert "  0:03 (waiting for your answer)" in shown
    assert "Noted: hard." in shown and "Going on." in shown and "No answer." in shown
    last = shown.index("Step 2 done: Walk. How did it feel? The timer waits for your answer.")
    assert shown.index("Done 2 of 2 steps, skipped 0.") < last  # the last, right before its prompt
    assert ratings(log) == [(0, "hard")]
    assert engine.snapshot().active_seconds == 7  # not a second lost while answering


def test_painful_is_answered_with_the_stop_and_call_advice_and_a_wrong_answer_asks_again():
    lines = [(0, ""), (5, "7"), (6, "painful"), (20, "1")]
    _, text, _, _, log = run(RATED, TERMINAL, lines)
    assert "That is not one of the answers. Type 1, 2, 3 or 4" in text
    assert f"Noted: painful.\nNoted for your clinician. {wording.STOP_AND_CALL}" in text
    assert ratings(log) == [(0, "painful"), (1, "easy")]


def test_q_at_the_question_stops_the_session_without_a_rating():
    code, text, engine, _, log = run(RATED, TERMINAL, [(0, ""), (5, "q")])
    assert code == 0 and engine.snapshot().stopped_reason == wording.STOPPED_BY_YOU
    assert ratings(log) == [] and "Step 2 done" not in text


def test_nothing_is_asked_from_a_pipe_and_the_end_of_input_goes_on_without_a_rating():
    code, text, engine, _, log = run(RATED, PIPE)
    assert code == 0 and "How did it feel?" not in text and ratings(log) == []
    assert engine.snapshot().finished and engine.snapshot().wall_seconds == 7

    code, text, engine, _, log = run(RATED, TERMINAL, [(0, "")])  # input ends at the question
    assert QUESTION in text and engine.snapshot().finished and ratings(log) == []


def test_q_at_the_last_steps_question_after_the_end_is_no_answer_and_goes_on_to_pain_after():
    # The session is already complete when the last step's question comes: q has nothing to
    # stop, so it ends the question (it used to be swallowed, leaving the patient waiting).
    code, text, engine, _, log = run(RATED, TERMINAL, [(0, ""), (5, "1"), (20, "q"), (21, "3")])
    assert code == 0 and engine.snapshot().finished
    last = text.index("Step 2 done: Walk. How did it feel?")
    assert "No answer." in text[last:]
    assert text.index(wording.PAIN_NOW_AFTER) > last
    assert ratings(log) == [(0, "easy")]
