"""Stages: which one is current on a local day, their dates, and the routine one stage runs."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from homecare.routine.loader import parse_routine
from homecare.routine.model import HeatStep, IceStep, PirStep, Routine, Schedule, Stage
from homecare.routine.stages import (
    current_stage,
    length_words,
    stage_routine,
    stage_schedule,
    stage_spans,
    where_words,
)
from homecare.routine.writer import dumps_routine
from homecare.session.plan import compile_plan

BERLIN = ZoneInfo("Europe/Berlin")
SETTLE = Stage(name="Settle the spasm", weeks=2, steps=(PirStep(cycles=3), IceStep(minutes=15)))
BUILD = Stage(
    name="Build up",
    days=10,
    schedule=Schedule(times_per_day=1, days=("mon", "wed", "fri")),
    steps=(PirStep(cycles=5), HeatStep(minutes=15)),
)
STAGED = Routine(
    title="Lower back, progressing",
    id="back-stages",
    schedule=Schedule(times_per_day=2, weeks=4),
    stages=(SETTLE, BUILD),
    format=3,
)
START = date(2026, 3, 2)  # a Monday


def number_on(routine: Routine, start: date | None, day: date) -> int:
    span = current_stage(routine, start, day)
    assert span is not None
    return span.number


@pytest.mark.parametrize(
    ("day", "number"),
    [
        (date(2026, 2, 20), 1),  # before the start: the first stage is what comes
        (START, 1),
        (date(2026, 3, 15), 1),  # the 14th day: the last of two weeks
        (date(2026, 3, 16), 2),
        (date(2026, 3, 25), 2),  # 10 days of stage 2 end here ...
        (date(2026, 3, 29), 2),  # ... and the last stage goes on to the schedule's 4 weeks
        (date(2026, 9, 1), 2),  # after the prescription: still the last stage, never none
    ],
)
def test_the_stage_is_chosen_by_the_day_counted_from_the_start(day, number):
    assert number_on(STAGED, START, day) == number


def test_without_a_known_start_the_first_stage_is_current():
    assert number_on(STAGED, None, date(2026, 5, 1)) == 1


def test_spans_give_each_stage_its_dates_and_the_last_runs_to_the_schedules_end():
    first, second = stage_spans(STAGED, START)
    assert (first.first_day, first.last_day) == (START, date(2026, 3, 15))
    assert (second.first_day, second.last_day) == (date(2026, 3, 16), date(2026, 3, 29))


def test_without_an_end_the_last_stage_goes_on():
    endless = Routine(title="t", stages=(SETTLE, BUILD), format=3)
    assert stage_spans(endless, START)[-1].last_day is None
    assert number_on(endless, START, date(2027, 1, 1)) == 2


def test_a_schedule_that_ends_early_cuts_the_stages():
    short = Routine(title="t", schedule=Schedule(weeks=1), stages=(SETTLE, BUILD), format=3)
    first, second = stage_spans(short, START)
    assert first.last_day == date(2026, 3, 8)
    assert second.last_day < second.first_day  # never runs: check warns about it
    assert number_on(short, START, date(2026, 3, 20)) == 2  # after the end: the last one


def test_without_a_start_the_spans_have_no_dates():
    assert [(s.first_day, s.last_day) for s in stage_spans(STAGED, None)] == [(None, None)] * 2


SPRING, AUTUMN = date(2026, 3, 23), date(2026, 10, 19)  # Mondays before each change


@pytest.mark.parametrize(
    ("start", "moment", "number"),
    [
        # Spring forward (29 March 2026): the week's last day has 23 hours
        (SPRING, datetime(2026, 3, 29, 23, 30, tzinfo=BERLIN), 1),
        (SPRING, datetime(2026, 3, 30, 0, 15, tzinfo=BERLIN), 2),  # 6 d 23 h 15 elapsed
        # Fall back (25 October 2026): a 25-hour day is still one day
        (AUTUMN, datetime(2026, 10, 25, 23, 30, tzinfo=BERLIN), 1),  # 7 d 0 h 30 elapsed
        (AUTUMN, datetime(2026, 10, 26, 0, 15, tzinfo=BERLIN), 2),
    ],
)
def test_a_daylight_saving_change_moves_no_stage_boundary(start, moment, number):
    """Stage 1 is one week of local days; counting elapsed seconds from the start's midnight
    would be wrong by the hour the clocks moved, in both directions."""
    one_week = Routine(
        title="t", stages=(Stage(name="a", weeks=1, steps=SETTLE.steps), BUILD), format=3
    )
    midnight = datetime.combine(start, datetime.min.time(), tzinfo=BERLIN)
    elapsed = moment.astimezone(timezone.utc) - midnight.astimezone(timezone.utc)
    elapsed_days = elapsed // timedelta(days=1)
    trap = {(SPRING, 2): 6, (AUTUMN, 1): 7}.get((start, number))
    if trap is not None:
        assert elapsed_days == trap  # seconds say the other stage: the date must decide
    assert number_on(one_week, start, moment.date()) == number


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (START, "week 1 of 4, stage 1: Settle the spasm"),
        (date(2026, 3, 10), "week 2 of 4, stage 1: Settle the spasm"),
        (date(2026, 3, 27), "week 4 of 4, stage 2: Build up"),
        (date(2026, 4, 6), "week 6, stage 2: Build up"),
        (date(2026, 2, 27), "starts 2026-03-02 with stage 1: Settle the spasm"),
    ],
)
def test_where_words_say_the_week_and_the_stage(day, words):
    assert where_words(STAGED, START, day) == words


def test_where_words_count_weeks_to_the_end_of_the_last_stage_without_a_schedule_end():
    no_end = Routine(title="t", stages=(SETTLE, BUILD), format=3)  # 14 + 10 days: 4 weeks
    assert where_words(no_end, START, date(2026, 3, 16)) == "week 3 of 4, stage 2: Build up"
    assert where_words(no_end, None, START) == "week 1 of 4, stage 1: Settle the spasm"
    assert where_words(no_end, START, date(2026, 3, 30)) == "week 5, stage 2: Build up"


def test_a_routine_without_stages_has_no_stage():
    plain = Routine(title="t", steps=(PirStep(),))
    assert current_stage(plain, START, START) is None and where_words(plain, START, START) == ""


def test_a_stage_schedule_keeps_the_routines_dates_and_takes_its_own_rhythm():
    merged = stage_schedule(STAGED, BUILD)
    assert merged == Schedule(times_per_day=1, days=("mon", "wed", "fri"), weeks=4)
    assert stage_schedule(STAGED, SETTLE) == STAGED.schedule
    alone = Routine(title="t", stages=(BUILD,), format=3)
    assert stage_schedule(alone, BUILD) == BUILD.schedule


def test_the_routine_of_a_stage_is_an_ordinary_routine_the_plan_compiles():
    routine = stage_routine(STAGED, 2)
    assert routine.stages == () and routine.steps == BUILD.steps
    assert routine.schedule == stage_schedule(STAGED, BUILD)
    plan = compile_plan(routine)
    assert {phase.step_type for phase in plan.phases} == {"pir", "heat"}
    assert [c.total for c in plan.phases[0].counters][0] == 2  # "step 1 of 2"


def test_lengths_in_words():
    assert (length_words(SETTLE), length_words(BUILD)) == ("2 weeks", "10 days")
    assert length_words(Stage(name="x", weeks=1)) == "1 week"


def test_a_staged_routine_goes_through_a_file_and_back_unchanged():
    text = dumps_routine(STAGED)
    assert "[[stages]]" in text and "[stages.schedule]" in text and "[[stages.steps]]" in text
    assert "format = 3" in text
    assert parse_routine(text, "back.toml", "back-stages") == STAGED


def test_a_format_1_file_loads_as_before_with_no_stages():
    routine = parse_routine('format = 1\ntitle = "t"\n[[steps]]\ntype = "pir"\n', "t.toml", "t")
    assert routine.stages == () and len(routine.steps) == 1


def test_the_full_example_in_the_reference_is_a_clean_staged_file(tmp_path):
    import re
    from pathlib import Path

    from homecare.routine.loader import check_file

    doc = Path(__file__).resolve().parents[2] / "docs" / "routine-format.md"
    text = doc.read_text(encoding="utf-8")
    example = re.search(r"```toml\n(.*?)```", text[text.index("## Stages") :], re.S)
    path = tmp_path / "stages.toml"
    path.write_text(example[1], encoding="utf-8")
    routine, problems = check_file(path)
    assert problems == [] and routine is not None
    assert [stage.name for stage in routine.stages] == ["Settle the spasm", "Build up"]


def test_a_staged_routine_packs_the_pictures_of_every_stage(tmp_path, capsys):
    from homecare.cli import main
    from homecare.routine.loader import load_file

    out = tmp_path / "bp.homecare"
    assert main(["pack", "back-progression", "-o", str(out)]) == 0
    assert "with 3 picture(s)" in capsys.readouterr().out
    loaded = load_file(out)
    assert len(loaded.routine.stages) == 2 and loaded.routine.has_pictures
    assert loaded.routine.steps == ()


def test_check_warns_about_a_stage_that_never_runs_or_has_none_of_its_weekdays():
    # A 3-day stage on Saturdays from a Monday start had no session due at all, silently.
    from dataclasses import replace

    from homecare.routine.limits import warnings_for

    def warned(routine: Routine) -> list[str]:
        return [p.message for p in warnings_for(routine, "x.toml") if "stage " in p.message]

    saturdays = Stage(
        name="Short", days=3, schedule=Schedule(days=("sat",)), steps=(PirStep(cycles=3),)
    )
    short_first = replace(STAGED, issued=START, stages=(saturdays, BUILD))
    assert warned(short_first) == [
        "stage 1 (Short) has no session due: none of its days (Sat) falls between 2026-03-02 and "
        "2026-03-04 (make the stage longer, or give it other days)"
    ]
    assert warned(replace(short_first, issued=date(2026, 3, 5))) == []  # Thu to Sat: one
    assert warned(replace(short_first, issued=None)) == []  # the start unknown: cannot tell
    cut = replace(STAGED, schedule=Schedule(start=START, weeks=2))
    assert warned(cut) == [
        "stage 2 (Build up) never runs: the schedule ends before it starts (make the schedule "
        "longer, or the stages before it shorter)"
    ]
    assert warned(replace(STAGED, issued=START)) == []
