"""The plain-text runner in-process, on a fake clock with scripted input."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import timedelta

import pytest
from fakes import MemoryLog

from homecare.base.text import literal
from homecare.log.recorder import SessionRecorder
from homecare.log.store import open_store
from homecare.plain.input import END_OF_INPUT
from homecare.plain.runner import PlainRunner
from homecare.plain.terminal import BELL, ERASE_LINE_ABOVE, Style
from homecare.routine.model import (
    IceStep,
    IntervalPhase,
    IntervalStep,
    PirStep,
    RepsStep,
    Routine,
    RoutineFile,
)
from homecare.session import wording
from homecare.session.bells import END_RINGS, RING_GAP_SECONDS
from homecare.session.clock import FakeClock
from homecare.session.engine import (
    Engine,
    SessionCompleted,
    SessionStopped,
    StepCompleted,
    StepSkipped,
)
from homecare.session.plan import compile_plan
from homecare.session.safety import STOP_AND_CALL
from homecare.session.wording import OUTPUT_CLOSED, PAIN_HIGH

PIPE = Style(redraw=False, colour=False, bells=True, countdown_beeps=False, ask=False)
TERMINAL = Style(redraw=True, colour=True, bells=True, countdown_beeps=False, ask=True)


class ScriptedLines:
    """Input lines that arrive at given clock times; the wait moves the fake clock instead."""

    def __init__(self, clock: FakeClock, lines=(), *, ends=True) -> None:
        self.clock = clock
        self.lines = [(clock.monotonic() + at, line) for at, line in lines]
        self.ends = ends
        self.waits: list[float | None] = []

    def get(self, timeout):
        self.waits.append(timeout)
        if self.lines and (timeout is None or self.lines[0][0] <= self.clock.monotonic() + timeout):
            at, line = self.lines.pop(0)
            self.clock.advance_to(at)
            return line
        if not self.lines and self.ends:
            self.ends = False
            return END_OF_INPUT
        if timeout is None:
            raise AssertionError("the runner would wait forever")
        self.clock.advance(timeout)
        return None


def run(routine, style=PIPE, lines=(), *, ends=True, interrupt_at=None):
    clock = FakeClock()
    engine = Engine(compile_plan(routine), clock)
    inputs = ScriptedLines(clock, lines, ends=ends)
    out = io.StringIO()
    log = MemoryLog()
    runner = PlainRunner(engine, inputs, out, style, log)
    if interrupt_at is not None:
        original = inputs.get

        def get(timeout):
            if clock.monotonic() - 1000 >= interrupt_at:
                raise KeyboardInterrupt
            return original(timeout)

        inputs.get = get
    code = runner.run()
    return code, out.getvalue(), engine, inputs, log


def routine(*steps, title="Tiny"):
    return Routine(title=title, steps=steps)


TWO_PHASES = routine(
    IntervalStep(phases=(IntervalPhase("Breathe", 4, "Breathe slowly"), IntervalPhase("Still", 3)))
)


def test_one_line_per_cue_with_the_last_seconds_counted_down():
    code, text, engine, inputs, _ = run(TWO_PHASES)
    assert code == 0
    assert text.replace(BELL, "").splitlines() == [
        "Tiny: 1 step, 7 s of timed phases.",
        STOP_AND_CALL,
        "Step 1 of 1: Intervals",
        "Breathe: Breathe slowly (4 s)",
        "  3",
        "  2",
        "  1",
        "Still: Still (3 s)",
        "  2",
        "  1",
        "Session complete: 0:07 active, 0:07 in all.",
        "Done 1 of 1 steps, skipped 0.",
    ]
    assert engine.snapshot().active_seconds == 7
    assert all(wait is not None and wait <= 1 for wait in inputs.waits)  # slept to each deadline
    assert "\r" not in text and "\x1b" not in text


def test_the_bell_rings_in_a_pattern_per_kind_of_phase():
    _, text, _, _, _ = run(routine(PirStep(cycles=1, setup_seconds=5)))
    lines = text.splitlines()
    rings = {line.lstrip(BELL).split(":")[0]: len(line) - len(line.lstrip(BELL)) for line in lines}
    assert rings["GET INTO POSITION"] == 3
    assert rings["CONTRACT"] == 1
    assert rings["RELAX"] == 2
    assert lines[-2].startswith(BELL * END_RINGS + "Session complete")


def test_no_bells_when_sound_is_off():
    quiet = Style(redraw=False, colour=False, bells=False, countdown_beeps=False, ask=False)
    assert BELL not in run(TWO_PHASES, quiet)[1]


def test_countdown_beeps_ring_each_of_the_last_seconds():
    beeping = Style(redraw=False, colour=False, bells=True, countdown_beeps=True, ask=False)
    _, text, _, _, _ = run(routine(IntervalStep(phases=(IntervalPhase("A", 5),))), beeping)
    assert text.count(BELL + "  3\n") == 1 and text.count(BELL + "  1\n") == 1


def test_from_a_pipe_an_untimed_phase_goes_on_at_a_line_of_input():
    sets = routine(RepsStep(reps=5, sets=2, rest_seconds=4))
    code, text, engine, _, log = run(sets, lines=[(30, "done"), (50, "")], ends=False)
    assert code == 0
    assert "SET: Do 5 repetitions, then confirm (until you are done) - set 1 of 2" in text
    assert engine.snapshot().active_seconds == 30 + 4 + (50 - 34)
    assert log.events[-1] == SessionCompleted()


def test_from_a_pipe_lines_sent_early_confirm_later_untimed_phases():
    sets = routine(IntervalStep(phases=(IntervalPhase("Warm", 5),)), RepsStep(sets=1))
    _, _, engine, _, _ = run(sets, lines=[(0, "")], ends=False)
    assert engine.snapshot().finished and engine.snapshot().active_seconds == 5


def test_at_the_end_of_input_untimed_phases_go_on_by_themselves():
    sets = routine(RepsStep(sets=3, rest_seconds=2))
    _, text, engine, _, _ = run(sets)
    assert engine.snapshot().active_seconds == 4
    assert text.count("SET:") == 3


def test_on_a_terminal_enter_confirms_and_letters_control_the_session():
    two = IntervalStep(phases=(IntervalPhase("A", 10), IntervalPhase("B", 10)))
    sets = routine(RepsStep(sets=1), two)
    lines = [(0, ""), (5, ""), (7, "p"), (100, "p"), (101, "s"), (102, "?")]  # 0: no pain given
    code, text, engine, _, _ = run(sets, TERMINAL, lines)
    assert code == 0
    assert "press Enter when done" in text and "Keys: Enter = done" in text
    assert "Paused. Type p and Enter to go on." in text and "Going on." in text
    snap = engine.snapshot()
    assert snap.active_seconds == 5 + 3 + 10  # A: 2 s, paused 93 s, 1 s more, then skipped
    assert snap.wall_seconds == 101 + 10
    assert text.count("Keys: Enter = done") == 2  # an unknown key shows the keys again


def test_on_a_terminal_the_countdown_is_redrawn_in_place_in_colour():
    hold = routine(IntervalStep(phases=(IntervalPhase("Hold on", 3),)))
    _, text, _, _, _ = run(hold, TERMINAL, [(0, "")])
    assert "\r  0:03\r  0:02\r  0:01" in text
    assert "\n  3\n" not in text


def test_colour_marks_the_label_only_when_allowed():
    pir = routine(PirStep(cycles=1, setup_seconds=0))
    assert "\x1b[1;33mCONTRACT\x1b[0m" in run(pir, TERMINAL, [(0, "")])[1]
    plain_terminal = Style(redraw=True, colour=False, bells=True, countdown_beeps=False, ask=True)
    assert "\x1b" not in run(pir, plain_terminal, [(0, "")])[1]


def test_q_stops_and_ctrl_c_stops_with_its_own_reason_and_exit_code():
    code, text, _, _, log = run(TWO_PHASES, TERMINAL, [(0, ""), (2, "q")])
    assert code == 0 and log.events[-1] == SessionStopped("you chose to stop")
    assert "Session stopped (you chose to stop): 0:02 active" in text
    code, text, _, _, log = run(TWO_PHASES, PIPE, ends=False, interrupt_at=5)
    assert code == 130 and log.events[-1] == SessionStopped("Ctrl+C pressed")
    assert "Session stopped (Ctrl+C pressed): 0:05 active" in text


def test_reminders_and_step_instructions_are_printed():
    how = "Wrap it in a towel.\nLie down."
    ice = routine(IceStep(minutes=10, area="lower back", instructions=how))
    _, text, _, _, _ = run(ice)
    assert "  Wrap it in a towel.\n  Lie down.\n" in text
    assert text.count(BELL + "  Check your skin\n") == 1
    assert (
        BELL * 3 + "PUT THE PACK ON: Put the ice pack on your lower back (wrapped in a thin "
        "towel, never straight on the skin), then confirm (until you are done)\n"
    ) in text
    assert BELL + "ICE: Ice pack on: lower back, keep still (10 min)\n" in text
    assert BELL * 5 + "TAKE THE PACK OFF: Take the ice pack off now. Look at your skin: " in text


def test_excluded_steps_are_announced():
    clock = FakeClock()
    engine = Engine(compile_plan(TWO_PHASES), clock)
    engine.exclude_step(0, "you said the area feels cold")
    out = io.StringIO()
    PlainRunner(engine, ScriptedLines(clock), out, PIPE, MemoryLog()).run()
    assert "Skipped step 1 (Intervals): you said the area feels cold" in out.getvalue()


@pytest.mark.parametrize("text", ["\x1b[31mred\x1b[0m", "bell\a", "bidi\u202eevil", "cr\rlf\n"])
def test_text_from_a_file_never_carries_control_characters(text):
    shown = literal(text)
    assert all(ch.isprintable() for ch in shown) and len(shown) == len(text)


@pytest.mark.parametrize(
    ("out_tty", "environ", "colour", "escapes"),
    [
        (True, {}, True, True),
        (True, {"NO_COLOR": "1"}, False, True),
        (True, {"TERM": "dumb"}, False, False),
        (False, {}, False, False),
        (True, {"NO_COLOR": ""}, True, True),
    ],
)
def test_style_follows_the_terminal_and_no_color(out_tty, environ, colour, escapes, monkeypatch):
    monkeypatch.setattr("sys.platform", "linux")

    class Stream(io.StringIO):
        def __init__(self, tty):
            super().__init__()
            self.tty = tty

        def isatty(self):
            return self.tty

    style = Style.detect(Stream(out_tty), Stream(False), environ=environ)
    assert (style.colour, style.escapes, style.redraw) == (colour, escapes, out_tty)
    assert not style.ask


def test_on_a_terminal_the_rings_of_a_pattern_are_spaced_out():
    clock = FakeClock()
    engine = Engine(compile_plan(routine(PirStep(cycles=1, setup_seconds=5))), clock)
    rings = []

    class Out(io.StringIO):
        def write(self, text):
            rings.extend([round(clock.monotonic() - 1000, 2)] * text.count(BELL))
            return super().write(text)

    PlainRunner(engine, ScriptedLines(clock, [(0, "")]), Out(), TERMINAL, MemoryLog()).run()

    def pattern(at, times):
        return [round(at + RING_GAP_SECONDS * n, 2) for n in range(times)]

    # get into position (3), contract (1), relax (2), the end
    assert rings == pattern(0, 3) + pattern(5, 1) + pattern(15, 2) + pattern(35, END_RINGS)


@pytest.mark.parametrize("output_is_a_terminal", [True, False])
def test_a_scripted_session_is_logged_complete_on_time_and_its_end_cue_rung_whole(
    output_is_a_terminal,
):
    """Input from a script, nothing asked: the session is complete (logged) at its length. On a
    terminal someone may be listening, so the end pattern is still rung spaced out, and the run
    ends with its last ring; into a file or a pipe the rings go out at once and it ends then."""
    clock = FakeClock()
    engine = Engine(compile_plan(TWO_PHASES), clock)
    log = MemoryLog(clock)
    style = replace(PIPE, redraw=output_is_a_terminal)
    rings = []

    class Out(io.StringIO):
        def write(self, text):
            rings.extend([round(clock.monotonic() - 1000, 2)] * text.count(BELL))
            return super().write(text)

    assert PlainRunner(engine, ScriptedLines(clock), Out(), style, log).run() == 0
    completed = [at - 1000 for at, event in log.moments if isinstance(event, SessionCompleted)]
    assert completed == [7]
    gap = RING_GAP_SECONDS if output_is_a_terminal else 0
    assert rings[-END_RINGS:] == [round(7 + gap * n, 2) for n in range(END_RINGS)]
    assert clock.monotonic() - 1000 == pytest.approx(7 + gap * (END_RINGS - 1))


def test_the_routines_notes_and_the_clinics_contact_come_first():
    notes = Routine(
        title="Back",
        notes="Go slowly.\nNo bouncing.",
        contact="Clinic 555 0100",
        steps=TWO_PHASES.steps,
    )
    lines = run(notes)[1].splitlines()
    assert lines[:4] == [
        "Back: 1 step, 7 s of timed phases.",
        "  Go slowly.",
        "  No bouncing.",
        STOP_AND_CALL + " Contact: Clinic 555 0100",
    ]


def test_when_output_goes_away_the_stop_is_still_recorded():
    clock = FakeClock()
    engine = Engine(compile_plan(TWO_PHASES), clock)
    log = MemoryLog()

    class ClosedPipe(io.StringIO):
        def write(self, text):
            if clock.monotonic() - 1000 >= 2:
                raise BrokenPipeError
            return super().write(text)

    with pytest.raises(BrokenPipeError):
        PlainRunner(engine, ScriptedLines(clock), ClosedPipe(), PIPE, log).run()
    assert log.events[-1] == SessionStopped(OUTPUT_CLOSED)


# -- the app's questions, on a terminal ------------------------------------------------------

WITH_ICE = Routine(
    title="Back",
    contact="Clinic 555 0100",
    steps=(
        IntervalStep(phases=(IntervalPhase("Warm up", 5),)),
        IceStep(minutes=0.25, area="lower back"),
    ),
)
AFTER = 60  # seconds: WITH_ICE is over by then, so these lines answer the questions after it
PACK_ON_AND_OFF = [(5, ""), (20, "")]  # Enter when the pack is on (after the warm up), and off


def answered(before, after=(), *, ice_runs=True):
    """Lines answering the questions before the session at once, Enter to confirm the pack on
    and off if the ice runs, and the answers after the session later."""
    during = PACK_ON_AND_OFF if ice_runs else []
    return [(0, line) for line in before] + during + [(AFTER, line) for line in after]


ESCAPES = Style(
    redraw=True, colour=False, bells=False, countdown_beeps=False, ask=True, escapes=True
)


def test_the_safety_check_explains_a_caution_and_a_skip_leaves_the_step_out():
    # long ago, no poor circulation, body cold; skip; pain 4 before, 3 after; a note
    answers = answered(["2", "n", "1", "s", "4"], ["3", "stiff this morning"], ice_runs=False)
    code, text, engine, _, log = run(WITH_ICE, TERMINAL, answers, ends=False)
    assert code == 0
    assert (
        "Safety check before ice: 3 short questions.\n"
        "Question 1 of 3: When did this problem start?\n"
        "  1 = Recently: less than about two weeks ago\n"
        "  2 = Long ago (more than about three weeks), or it keeps coming back\n"
        "  3 = In between: about two to three weeks ago\n"
        "  s = Not sure\n"
        "Type 1, 2, 3 or s, then Enter: "
    ) in text
    assert "PUT THE PACK ON" not in text  # an excused step runs none of its phases
    assert "Step 2: Ice. Ice is not advised today, because:\n" in text
    assert "  * Ice is not advised while your back or your whole body feels cold.\n" in text
    assert "  s = Skip this step today\n  g = Go on anyway\nType s or g, then Enter: " in text
    reason = "safety check: problem is chronic, body feels cold"
    assert StepSkipped(1, reason) in log.events
    assert f"Skipped step 2 (Ice): {reason}" in text
    assert engine.snapshot().active_seconds == 5  # the ice never ran
    assert log.pain_before == 4
    assert log.saved[-1] == (3, "stiff this morning")
    assert text.index("Type a number from 0 to 10") < text.index("Keys: Enter = done")


def test_going_on_despite_the_safety_check_runs_the_step_and_keeps_the_choice_for_the_log():
    answers = answered(["1", "yes", "neither", "g", ""], ["", ""])  # words work too
    code, text, engine, _, log = run(WITH_ICE, TERMINAL, answers, ends=False)
    assert code == 0 and "Ice is not advised where circulation is poor." in text
    assert StepCompleted(1) in log.events and engine.snapshot().active_seconds == 5 + 15
    assert log.pain_before is None  # Enter skips the rating
    (decision,) = log.decisions  # the log keeps it as its own field, not in the note
    assert decision.log_reason == "safety check: poor circulation; went on anyway"
    assert log.saved[-1] == (None, "")  # the note holds the patient's words only


def test_no_caution_no_choice_to_make():
    answers = answered(["1", "n", "3", ""], ["", ""])
    _, text, _, _, log = run(WITH_ICE, TERMINAL, answers, ends=False)
    assert "not advised" not in text and "Type s or g" not in text
    assert StepCompleted(1) in log.events


def test_an_answer_that_is_not_offered_is_asked_again():
    answers = answered(["maybe", "1", "n", "3", "11", "seven", "7"], ["", ""])
    _, text, _, _, log = run(WITH_ICE, TERMINAL, answers, ends=False)
    assert text.count("That is not one of the answers.") == 1
    assert text.count("Please type a whole number from 0 to 10.") == 2
    assert log.pain_before == 7


@pytest.mark.parametrize(
    ("before", "after", "alert"),
    [
        ("", "7", True),
        ("3", "5", True),
        ("3", "4", False),
        ("", "6", False),
        ("8", "", False),
    ],
)
def test_high_or_rising_pain_after_shows_the_clinics_contact(before, after, alert):
    lines = [(0, before), (9, after), (9, "")]
    _, text, _, _, log = run(TWO_PHASES_WITH_CONTACT, TERMINAL, lines, ends=False)
    advice = f"{PAIN_HIGH}\n{STOP_AND_CALL}\nYour clinic: Clinic 555 0100\n"
    assert (advice in text) == alert
    assert log.saved[-1][0] == (int(after) if after else None)


TWO_PHASES_WITH_CONTACT = Routine(title="Tiny", contact="Clinic 555 0100", steps=TWO_PHASES.steps)


def test_an_answer_typed_during_the_last_rings_is_kept_for_the_pain_question():
    lines = [(0, ""), (7.1, "2"), (9, "")]  # the end pattern rings from 7 s to 8.05 s
    _, _, _, _, log = run(TWO_PHASES, TERMINAL, lines, ends=False)
    assert log.saved[-1] == (2, "")


def test_the_end_of_input_at_a_question_starts_nothing():
    code, text, _, _, log = run(WITH_ICE, TERMINAL, [(0, "1")])
    assert code == 1 and "Not started: nothing was recorded." in text
    assert log.events == [] and log.saved == []


def test_ctrl_c_at_a_question_starts_nothing():
    clock = FakeClock()

    class CtrlC:
        def get(self, timeout):
            raise KeyboardInterrupt

    log = MemoryLog()
    runner = PlainRunner(
        Engine(compile_plan(WITH_ICE), clock), CtrlC(), io.StringIO(), TERMINAL, log
    )
    assert runner.run() == 130 and log.events == []


def test_when_input_is_not_a_terminal_nothing_is_asked():
    code, text, _, _, log = run(WITH_ICE, PIPE, [(0, "2"), (0, "s")])
    assert code == 0 and "Question" not in text and "How much pain" not in text
    assert log.pain_before == "never set" and log.saved == []
    assert StepCompleted(1) in log.events


def test_the_echo_of_a_typed_command_is_erased_where_the_terminal_moves_the_cursor():
    lines = [(0, ""), (2, "p"), (3, "p"), (9, ""), (9, "")]
    _, text, _, _, _ = run(TWO_PHASES, ESCAPES, lines, ends=False)
    # the line with "  0:02p" (now one up) is cleared and the countdown drawn again
    assert text.count(ERASE_LINE_ABOVE) == 2
    assert f"{ERASE_LINE_ABOVE}Paused. Type p and Enter to go on.\n\r  0:02 (paused)" in text
    assert ERASE_LINE_ABOVE not in run(TWO_PHASES, TERMINAL, lines, ends=False)[1]


def test_a_whole_session_reaches_the_real_log(tmp_path):
    clock = FakeClock()
    plan = compile_plan(WITH_ICE)
    engine = Engine(plan, clock)
    routine_file = RoutineFile(tmp_path / "back.toml", WITH_ICE, "0" * 64, "file")
    recorder = SessionRecorder.open(routine_file, engine)
    answers = answered(["2", "n", "1", "s", "5"], ["8", "sharp when bending"], ice_runs=False)
    inputs = ScriptedLines(clock, answers, ends=False)
    out = io.StringIO()
    assert PlainRunner(engine, inputs, out, TERMINAL, recorder).run() == 0
    assert recorder.close(10)
    with open_store() as store:
        (session,) = store.sessions(with_steps=True)
    assert (session.status, session.steps_done, session.steps_excused) == ("completed", 1, 1)
    assert session.outcome == "done"  # the ice the safety check left out is not a miss
    assert session.steps[1].outcome == "excused"
    assert session.steps[1].reason == "safety check: problem is chronic, body feels cold"
    assert (session.pain_before, session.pain_after) == (5, 8)
    assert session.note == "sharp when bending"
    assert session.active_seconds == 5
    assert "Your clinic: Clinic 555 0100" in out.getvalue()


def test_a_log_held_by_another_process_never_holds_up_the_cues(tmp_path, monkeypatch):
    """Another process holds the log's write lock for the whole session: every cue still comes
    at its time on the runner's clock, no write happens on the runner's thread, and the session
    reaches the log whole once the lock is let go."""
    import sqlite3
    import threading

    from homecare.log import store as store_module

    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_SECONDS", 600.0)  # wait, never fail
    runner_thread = threading.get_ident()
    real_write = store_module.LogStore._write

    def write(self):
        assert threading.get_ident() != runner_thread, "the timer's thread waited for the log"
        return real_write(self)

    monkeypatch.setattr(store_module.LogStore, "_write", write)
    with open_store() as store:
        path = store.path
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        clock = FakeClock()
        engine = Engine(compile_plan(TWO_PHASES), clock)
        routine_file = RoutineFile(tmp_path / "two.toml", TWO_PHASES, "0" * 64, "file")
        recorder = SessionRecorder.open(routine_file, engine)
        inputs = ScriptedLines(clock)
        out = io.StringIO()
        assert PlainRunner(engine, inputs, out, PIPE, recorder).run() == 0
        assert engine.snapshot().active_seconds == 7  # on time: 4 s + 3 s on the runner's clock
        assert "Session complete: 0:07 active, 0:07 in all." in out.getvalue()
        assert not recorder.flush(0.2)  # still waiting for the lock, off the timer's thread
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert recorder.close(30)
    with open_store() as store:
        (session,) = store.sessions(with_steps=True)
    assert (session.status, session.steps_done) == ("completed", 1)


def test_a_pause_during_ice_says_to_take_the_pack_off():
    # the pack on at 5 s, a pause from 10 s to 11 s into the ice, the pack off at 25 s
    lines = [
        (0, "1"),
        (0, "n"),
        (0, "3"),
        (0, ""),
        (5, ""),
        (10, "p"),
        (11, "p"),
        (25, ""),
        (AFTER, ""),
        (AFTER, ""),
    ]
    _, text, engine, _, log = run(WITH_ICE, TERMINAL, lines, ends=False)
    assert "Paused. Type p and Enter to go on.\n" + wording.paused_with_pack("ice") in text
    assert "Take the ice pack off while you are paused" in text
    assert StepCompleted(1) in log.events


def test_a_pause_outside_ice_and_heat_says_nothing_about_a_pack():
    lines = [(0, ""), (1, "p"), (2, "p"), (9, ""), (9, "")]
    _, text, _, _, _ = run(TWO_PHASES, TERMINAL, lines, ends=False)
    assert "Paused." in text and "pack" not in text


def test_the_red_flags_come_before_the_first_session_only():
    clock = FakeClock()
    first = PlainRunner(
        Engine(compile_plan(WITH_ICE), clock),
        ScriptedLines(clock),
        io.StringIO(),
        PIPE,
        MemoryLog(),
        first_session=True,
    )
    first.run()
    text = first.out.getvalue()
    assert "\n".join(wording.red_flags("Clinic 555 0100")) in text
    assert "homecare's addition" in text and text.index("urgent") < text.index("Step 1 of 2")
    _, later, _, _, _ = run(WITH_ICE)
    assert "urgent" not in later


def test_an_old_ice_prescription_brings_advice_before_the_safety_check():
    old = replace(WITH_ICE, issued=FakeClock().wall().date() - timedelta(days=15))
    _, text, _, _, _ = run(old, TERMINAL, answered(["1", "n", "3", ""], ["", ""]), ends=False)
    assert wording.ICE_MAY_BE_OLD + "\nSafety check before ice" in text
    _, fresh, _, _, _ = run(WITH_ICE, TERMINAL, answered(["1", "n", "3", ""], ["", ""]), ends=False)
    assert wording.ICE_MAY_BE_OLD not in fresh
