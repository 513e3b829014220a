"""Drive whole sessions through the app with a fake clock and a counting bell."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from homecare.log.listing import session_lines
from homecare.log.store import open_store
from homecare.routine.model import PirStep, RestStep, Routine, RoutineFile
from homecare.session import wording
from homecare.ui.screens.done import DoneScreen
from homecare.ui.screens.home import HomeScreen
from homecare.ui.screens.pain import PainBeforeScreen
from homecare.ui.screens.red_flags import RedFlagsScreen
from homecare.ui.screens.run import RunScreen
from homecare.ui.screens.safety_check import SafetyCheckScreen
from homecare.ui.widgets.keys import KeyBar


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def shown_options(app) -> list[str]:
    return [str(o.prompt) for o in app.screen.query_one("#routines").options]


async def advance(pilot, clock, seconds: float) -> None:
    """Move the fake clock on, then let the run screen catch up as its deadline timer would."""
    clock.advance(seconds)
    pilot.app.screen.catch_up()
    await pilot.pause()


async def test_home_lists_own_routines_first_then_examples(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        summary = shown(app, "#summary")
        assert "Test back routine" in summary
        assert "Prescribed by: Dr [bold]Markup[/bold] Test" in summary  # literal, not markup
        assert "4 steps, about 2 min 29 s plus the time you take" in summary
        prompts = [str(o.prompt) for o in app.screen.query_one("#routines").options]
        assert prompts[0].startswith("Test back routine")
        assert "Examples (not a prescription)" in prompts
        assert prompts[-1].startswith("Demo (example)")


async def test_enter_before_the_list_is_read_starts_the_first_routine(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        home = app.screen
        home.routines, home.loaded = [], False  # as when Enter comes before the first paint
        await pilot.press("enter")
        assert isinstance(app.screen, SafetyCheckScreen)
        assert app.screen_stack[0].routines[0].routine.title == "Test back routine"


async def test_whole_session_with_safety_skip_pause_skip_back(make_app, clock, bell):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.screen, SafetyCheckScreen)
        await pilot.press("1", "n", "1")  # recent, circulation fine, body feels cold
        assert "Ice is not advised while your back or your whole body feels cold" in shown(
            app, "#verdict"
        )
        await pilot.press("s")  # skip the ice today
        assert isinstance(app.screen, PainBeforeScreen)
        await pilot.press("4")
        assert isinstance(app.screen, RunScreen)
        assert app.session.pain_before == 4
        assert shown(app, "#band") == "GET INTO POSITION"
        assert "LEFT SIDE" in shown(app, "#where")
        assert bell.patterns == [3]

        await advance(pilot, clock, 3)
        assert shown(app, "#band") == "CONTRACT"
        assert "Breathe in and contract gently" in shown(app, "#cue")
        assert app.screen.query_one("#countdown").value == "5"
        assert "cycle 1 of 2" in shown(app, "#where")
        assert shown(app, "#next") == "Next: RELAX (left), 6 s"
        assert bell.patterns == [3, 1]

        await advance(pilot, clock, 2.5)
        assert app.screen.query_one("#countdown").value == "3"
        await advance(pilot, clock, 2.5)
        assert shown(app, "#band") == "RELAX"
        assert bell.patterns == [3, 1, 2]

        await pilot.press("space")
        assert shown(app, "#band") == "PAUSED (RELAX)"
        await advance(pilot, clock, 600)
        assert app.screen.query_one("#countdown").value == "6"
        await pilot.press("space")
        await advance(pilot, clock, 1)
        assert app.screen.query_one("#countdown").value == "5"

        await pilot.press("n")  # skip the rest of this relax
        assert shown(app, "#band") == "CONTRACT"
        assert "cycle 2 of 2" in shown(app, "#where")
        await pilot.press("b")  # straight back: the relax before
        assert shown(app, "#band") == "RELAX"
        assert bell.patterns == [3, 1, 2, 1, 2]

        await advance(pilot, clock, 6)  # relax ends; contract 2
        await advance(pilot, clock, 5)  # relax 2
        await advance(pilot, clock, 6)  # PIR done; ice was skipped: reps, waiting
        assert shown(app, "#band") == "SET"
        assert shown(app, "#waiting") == "Press Enter when you are ready."
        assert bell.patterns == [3, 1, 2, 1, 2, 1, 2, 1]
        await advance(pilot, clock, 30)
        await pilot.press("enter")
        assert shown(app, "#band") == "REST"
        await advance(pilot, clock, 4)

        assert isinstance(app.screen, DoneScreen)
        assert bell.patterns[-1] == 4  # finished
        summary = shown(app, "#summary")
        assert "Finished: Test back routine" in summary
        assert "Done 3 of 4 steps, skipped 1" in summary
        assert "skipped step 2, Ice: safety check: body feels cold" in summary
        await pilot.press("7")
        assert app.screen.query_one("#alert").display
        assert "Call 555-0100" in shown(app, "#alert")
        await pilot.press(*"ok", "enter")
        assert isinstance(app.screen, HomeScreen)
        assert "1 of 2 done today, last done today 09:" in shown_options(app)[0]

        (logged,) = app.store.sessions(with_steps=True)
    assert logged.status == "completed"
    assert (logged.pain_before, logged.pain_after, logged.note) == (4, 7, "ok")
    assert (logged.steps_done, logged.steps_excused, logged.steps_total) == (3, 1, 4)
    assert logged.steps_skipped == 0 and logged.outcome == "done"  # the excused ice is no miss
    assert logged.skipped[0].outcome == "excused"
    assert logged.skipped[0].reason == "safety check: body feels cold"
    # position 3, contract 5, relax 1 then skipped, relax again 6, contract 5, relax 6,
    # the set 30, rest 4; the 600 s pause does not count.
    assert logged.active_seconds == 3 + 5 + 1 + 6 + 5 + 6 + 30 + 4


async def test_going_on_despite_the_safety_check_runs_the_step_and_logs_the_choice(
    make_app, clock, bell
):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "2", "y", "3")  # chronic, poor circulation, body neither
        verdict = shown(app, "#verdict")
        assert "Ice is not advised where circulation is poor." in verdict
        assert "the usual advice is heat instead" in verdict
        await pilot.press("g", "s")  # go on anyway; skip the pain question
        assert app.session.pain_before is None
        await pilot.press("n", "n", "n", "n", "n")  # skip the PIR phases
        assert shown(app, "#band") == "PUT THE PACK ON"  # the timer waits for the pack
        assert "wrapped in a thin towel" in shown(app, "#cue")
        assert "Press Enter when you are ready." in shown(app, "#waiting")
        await advance(pilot, clock, 30)
        await pilot.press("enter")
        assert shown(app, "#band") == "ICE"
        assert shown(app, "#reminder") == "Check your skin every 1 min."
        assert bell.patterns[-1] == 1
        await advance(pilot, clock, 60)
        assert shown(app, "#reminder") == ">>> CHECK YOUR SKIN <<<"
        assert bell.patterns[-1] == 1  # the reminder rings once
        assert app.screen.query_one("#countdown").value == "1:00"
        await pilot.press("space")  # a pause during ice: take the pack off
        assert shown(app, "#band") == "PAUSED (ICE)"
        assert shown(app, "#cue").startswith("Take the ice pack off while you are paused")
        await pilot.press("space")
        await advance(pilot, clock, 60)
        assert shown(app, "#band") == "TAKE THE PACK OFF"
        assert shown(app, "#cue").startswith("Take the ice pack off now. Look at your skin:")
        assert bell.patterns[-1] == 5  # its own pattern
        await pilot.press("enter")  # the pack is off
        assert shown(app, "#band") == "SET"
        await pilot.press("q", "y")
        assert isinstance(app.screen, DoneScreen)
        assert "Stopped: Test back routine" in shown(app, "#summary")
        await pilot.press("s", "escape")
        (logged,) = app.store.sessions(with_steps=True)
    assert logged.status == "stopped"
    assert session_lines(logged)[-2:] == [  # as History and ``homecare history`` show it
        "    stopped: you chose to stop",
        "    went on after a safety caution: Ice: safety check: poor circulation, problem is "
        "chronic; went on anyway.",
    ]
    assert logged.pain_before is None
    assert logged.note == ""  # the override is its own field, not glued onto the note
    assert logged.safety_override == (
        "Ice: safety check: poor circulation, problem is chronic; went on anyway."
    )
    assert [s.outcome for s in logged.steps][:2] == ["skipped", "done"]  # the ice ran to its end


async def test_quitting_mid_session_records_it_as_stopped(make_app, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "1", "n", "3", "0")
        assert isinstance(app.screen, RunScreen)
        await advance(pilot, clock, 4)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    with open_store() as store:
        (logged,) = store.sessions(with_steps=True)
    assert logged.status == "stopped"
    assert session_lines(logged)[-1] == "    stopped: app closed"
    assert logged.pain_before == 0
    assert logged.active_seconds == 4


async def test_one_key_skips_a_two_sided_pir_step(make_app, bell):
    pir = PirStep(name="Side bend", side="both", cycles=3)
    routine = Routine(title="Two sides", id="two-sides", steps=(pir, RestStep(seconds=30)))
    app = make_app(
        routines=[RoutineFile(Path("/nowhere/two-sides.toml"), routine, "f" * 64, "library")]
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "s")  # start; no pain rating
        assert shown(app, "#band") == "GET INTO POSITION"
        assert "s skip step" in shown(app, "KeyBar")
        await pilot.press("s")
        assert shown(app, "#band") == "REST"
        assert shown(app, "#where").startswith("Step 2 of 2")
        assert app.session.outcome.skipped == {0: "skipped by the patient"}


async def test_the_stop_question_pauses_the_timer_and_no_goes_on(make_app, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "1", "n", "3", "s")
        await advance(pilot, clock, 3 + 1)  # 1 s into CONTRACT (5 s)
        assert app.screen.query_one("#countdown").value == "4"
        await pilot.press("q")
        assert app.session.engine.snapshot().paused
        clock.advance(60)  # the patient thinks it over
        await pilot.press("n")  # ...and goes on
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        assert not app.session.engine.snapshot().paused
        assert shown(app, "#band") == "CONTRACT"
        assert app.screen.query_one("#countdown").value == "4"
        await advance(pilot, clock, 1)
        assert app.screen.query_one("#countdown").value == "3"


async def test_no_to_the_stop_question_leaves_a_paused_session_paused(make_app, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "1", "n", "3", "s", "space", "q")
        clock.advance(60)
        await pilot.press("n")
        await pilot.pause()
        assert app.session.engine.snapshot().paused
        assert shown(app, "#band") == "PAUSED (GET INTO POSITION)"


async def test_the_clinicians_notes_are_shown_in_full_before_the_session(make_app, screen):
    paragraphs = [
        f"Paragraph {n}: [b]not markup[/b], breathe out slowly and let the muscle go."
        for n in range(1, 16)
    ]
    notes = "\n\n".join(paragraphs).replace("breathe out", "breathe\nout")  # a file's line breaks
    routine = Routine(
        title="Long notes",
        id="long-notes",
        notes=notes,
        contact="Clinic 555-0100",
        steps=(RestStep(seconds=30),),
    )
    app = make_app(
        routines=[RoutineFile(Path("/nowhere/long-notes.toml"), routine, "f" * 64, "library")]
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, PainBeforeScreen)
        assert "↑↓ scroll notes" in shown(app, "KeyBar")
        seen = set()
        for _ in range(12):
            seen.update(line.strip() for line in screen(app))
            await pilot.press("pagedown")
        for n in range(1, 16):  # each paragraph, literally, rewrapped to the screen's width
            assert any(
                line.startswith(f"Paragraph {n}: [b]not markup[/b], breathe out") for line in seen
            ), n
        assert "Contact: Clinic 555-0100" in seen
        assert "How much pain do you have right now?" in seen  # the question stays in view
        await pilot.press("s")
        assert isinstance(app.screen, RunScreen)


async def test_both_pain_ratings_can_be_corrected_on_the_done_screen(make_app, clock):
    app = make_app()
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.press("enter", "1", "n", "3", "2")  # safety check; pain before 2 (a slip)
        await advance(pilot, clock, 4)
        await pilot.press("q", "y")
        await pilot.pause()
        assert isinstance(app.screen, DoneScreen)
        keys = str(app.screen.query_one(KeyBar).render())
        assert "next question" in keys and "previous question" in keys  # the keys are shown
        assert ">2<" in shown(app, "#pain-before-again .scale")
        await pilot.press("shift+tab")  # from pain after back to pain before
        await pilot.press("6")  # corrected
        assert app.screen.focused.id == "pain-after"
        await pilot.press("8")  # a rise of 2: the alert, and the stop-and-call advice
        await pilot.pause()  # let any notification render
        assert app.screen.query_one("#alert").display
        assert app.screen.focused.id == "note"
        await pilot.press("shift+tab", "5")  # after was wrong too: 8 -> 5
        await pilot.pause()
        assert not app.screen.query_one("#alert").display  # 6 -> 5: no alert any more
        await pilot.press("escape")
        await pilot.pause()
        (logged,) = app.store.sessions()
    assert (logged.pain_before, logged.pain_after) == (6, 5)


async def test_the_red_flags_come_before_the_first_session_with_the_clinics_contact(make_app):
    app = make_app(red_flags=True)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, RedFlagsScreen)
        text = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "loss of bladder or bowel control" in text and "fever" in text
        assert "homecare's addition" in text and "Your clinic: Call 555-0100" in text
        await pilot.press("escape")  # back home: nothing started
        assert isinstance(app.screen, HomeScreen) and app.session is None
        await pilot.press("enter", "enter")
        assert isinstance(app.screen, SafetyCheckScreen)


def issued_days_ago(file, clock, days):
    issued = clock.wall().date() - timedelta(days)
    return replace(file, routine=replace(file.routine, issued=issued))


async def test_an_old_ice_prescription_brings_advice_at_home_and_in_the_safety_check(
    make_app, clock
):
    usual = make_app().services.routines().routines[0]
    old = issued_days_ago(usual, clock, 15)
    app = make_app(routines=[old])
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert wording.ICE_MAY_BE_OLD in shown(app, "#summary")
        await pilot.press("enter")
        assert isinstance(app.screen, SafetyCheckScreen)
        assert shown(app, "#advice") == wording.ICE_MAY_BE_OLD
        assert old.routine.steps == usual.routine.steps  # advice only: nothing switched
    fresh = issued_days_ago(usual, clock, 14)
    app = make_app(routines=[fresh])
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert wording.ICE_MAY_BE_OLD not in shown(app, "#summary")
        await pilot.press("enter")
        assert not app.screen.query("#advice")


async def test_home_says_an_example_is_never_due(make_app):
    app = make_app()  # the test routine (no schedule) and an example
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        options = shown_options(app)
        (example,) = [o for o in options if o.startswith("Demo")]
        (prescribed,) = [o for o in options if o.startswith("Test back routine")]
        assert "an example: nothing due today" in example
        assert "example" not in prescribed and "not scheduled today" in prescribed
