"""A staged routine on paper and on the terminal: every stage with its dates or its length."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from homecare.cli import main
from homecare.clinician import handout
from homecare.clinician.draft import Draft
from homecare.routine.model import IceStep, PirStep, Routine, Schedule, Stage, StretchStep

STAGED = Routine(
    title="Back, progressing",
    id="back",
    issued=date(2026, 3, 2),
    schedule=Schedule(times_per_day=2, weeks=4),
    format=3,
    stages=(
        Stage(name="Settle <b>the</b> spasm", weeks=2, steps=(PirStep(cycles=3), IceStep())),
        Stage(
            name="Build up",
            days=10,
            schedule=Schedule(days=("mon", "wed", "fri")),
            steps=(StretchStep(name="Knee to chest", hold_seconds=30),),
        ),
    ),
)


def test_the_handout_lists_every_stage_with_its_dates_and_steps():
    text = handout.render(STAGED, ".md")
    assert "## Stages" in text and "## Steps" not in text
    assert "### Stage 1: Settle \\<b\\>the\\</b\\> spasm" in text  # escaped: shown literally
    assert "**2 weeks, 2026-03-02 to 2026-03-15**" in text
    assert "**10 days, 2026-03-16 to 2026-03-29**" in text  # the last goes to the 4 weeks' end
    assert "Once a day on Mon, Wed, Fri." in text  # stage 2's own rhythm
    assert "#### 1. Knee to chest" in text
    assert text.index("Stage 1") < text.index("Ice") < text.index("Stage 2")
    assert "### Ice" in text  # the safety rules of a step in any stage
    assert text.count("Each session takes") == 2


def test_without_a_start_the_handout_gives_lengths_only():
    text = handout.render(replace(STAGED, issued=None), ".md")
    assert "**2 weeks**" in text and "**10 days**" in text and "2026-03" not in text


def test_the_html_handout_escapes_a_stage_name():
    page = handout.render(STAGED, ".html")
    assert "<h3>Stage 1: Settle &lt;b&gt;the&lt;/b&gt; spasm</h3>" in page
    assert "<h4>1. Knee to chest</h4>" in page


def test_show_prints_every_stage_with_its_dates(tmp_path, capsys):
    from homecare.routine.writer import write_routine

    path = tmp_path / "back.toml"
    write_routine(STAGED, path)
    assert main(["show", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Stage 1: Settle <b>the</b> spasm, 2 weeks, 2026-03-02 to 2026-03-15" in out
    assert "Stage 2: Build up, 10 days, 2026-03-16 to 2026-03-29" in out
    assert "  Schedule: Once a day on Mon, Wed, Fri." in out
    assert "    1. Knee to chest (stretch): " in out
    assert "Steps:" not in out


def test_show_without_a_start_says_the_first_session_starts_it(capsys):
    assert main(["show", "back-progression"]) == 0
    out = capsys.readouterr().out
    assert "(dates from the first session: the routine gives no start)" in out
    assert "Stage 1: Settle the spasm, 2 weeks\n" in out
    assert "Stage 2: Build up, 2 weeks\n" in out


def test_the_editors_preview_lists_the_stages(tmp_path):
    lines = Draft(tmp_path / "back.toml", STAGED).check().preview()
    assert lines[0] == "Stage 1: Settle <b>the</b> spasm, 2 weeks, 2026-03-02 to 2026-03-15"
    assert lines[1].startswith("  1. Post-isometric relaxation (pir): ")
    assert any(line.startswith("Stage 2: Build up, 10 days") for line in lines)


def test_new_from_a_staged_template_keeps_its_stages_and_adds_steps_to_the_last(tmp_path, capsys):
    from homecare.routine import library
    from homecare.routine.loader import load_file

    out = tmp_path / "sam.toml"
    assert main(["new", str(out), "--from", "back-progression", "--step", "rest"]) == 0
    assert "(2 stages, 6 steps)" in capsys.readouterr().out
    routine = load_file(out).routine
    template = library.resolve("back-progression").routine
    assert routine.format == 3 and routine.steps == () and not routine.has_pictures
    assert [s.name for s in routine.stages] == [s.name for s in template.stages]
    assert [s.TYPE for s in routine.stages[-1].steps] == ["heat", "pir", "stretch", "rest"]


def test_import_and_list_speak_of_stages(tmp_path, capsys):
    from homecare.routine.writer import write_routine

    path = tmp_path / "back.toml"
    write_routine(STAGED, path)
    assert main(["import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "  Stage 1: Settle <b>the</b> spasm (2 weeks), 2 steps, about " in out
    assert "  Stage 2: Build up (10 days), 1 step, about " in out
    assert main(["list"]) == 0
    assert "Back, progressing  (2 stages)" in capsys.readouterr().out


def test_reminders_of_a_staged_routine_follow_each_stage_in_its_own_rhythm_and_dates():
    # They used to repeat the routine's twice-daily rhythm for all 4 weeks: stage 2's own
    # schedule (once a day, Mon/Wed/Fri) was ignored, so the patient was called on days and
    # at times nothing was due.
    from datetime import datetime, time, timezone

    from icalendar import Calendar

    from homecare.clinician import remind

    def reminders(**kwargs):
        now = datetime(2026, 3, 9, tzinfo=timezone.utc)
        data = remind.to_ics(STAGED, today=date(2026, 3, 9), now=now, **kwargs)
        return Calendar.from_ical(data).walk("VEVENT")

    morning, evening, stage_2 = reminders()
    assert [str(e["uid"]) for e in (morning, evening, stage_2)] == [
        "back-stage-1-session-1@homecare",
        "back-stage-1-session-2@homecare",
        "back-stage-2-session-1@homecare",
    ]
    # Stage 1 counts from the issued day, as the log does, every day to its last day.
    assert morning.decoded("dtstart") == datetime(2026, 3, 2, 9, 0)
    assert evening.decoded("dtstart") == datetime(2026, 3, 2, 20, 0)
    assert morning["rrule"]["FREQ"] == ["DAILY"]
    assert morning["rrule"]["UNTIL"] == [datetime(2026, 3, 15, 23, 59, 59)]
    assert "Stage 1 of 2: Settle <b>the</b> spasm (2 weeks)" in str(morning["description"])
    minutes = (morning.decoded("dtend") - morning.decoded("dtstart")).total_seconds() / 60
    assert minutes == 17  # stage 1: PIR 1 min 40 s and 15 min of ice, rounded up
    # Stage 2: once a day on its weekdays, to the prescription's end.
    rule = stage_2["rrule"]
    assert stage_2.decoded("dtstart") == datetime(2026, 3, 16, 9, 0)
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["MO", "WE", "FR"]
    assert rule["UNTIL"] == [datetime(2026, 3, 29, 23, 59, 59)]
    assert "Stage 2 of 2: Build up (10 days)" in str(stage_2["description"])
    assert "Knee to chest" in str(stage_2["description"])
    assert "Ice" not in str(stage_2["description"])

    at = (time(7, 30), time(18, 0))  # one per session of the busiest stage
    assert [e.decoded("dtstart").time() for e in reminders(at=at)] == [*at, time(7, 30)]
