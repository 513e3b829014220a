"""The loader on good input, the text policy, and warnings."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from homecare.routine.limits import warnings_for
from homecare.routine.loader import (
    InvalidValue,
    check_file,
    check_value,
    load_file,
    parse_routine,
    slugify,
)
from homecare.routine.model import (
    HeatStep,
    IceStep,
    IntervalStep,
    PirStep,
    RestStep,
    Routine,
    Schedule,
    StretchStep,
)
from homecare.routine.problems import RoutineError
from homecare.routine.specs import TextSpec
from homecare.session.plan import compile_plan

FULL = """\
format = 1
id = "full"
title = "Full routine"
prescribed_by = "Dr A. Clinician"
patient = "P. Patient"
contact = "Clinic: 555 0100"
issued = 2026-03-02
notes = \"\"\"
Line one.
\tIndented line two.\"\"\"

[schedule]
times_per_day = 2
days = ["mon", "wed", "fri"]
start = 2026-03-02
weeks = 3

[[steps]]
type = "pir"
side = "both"

[[steps]]
type = "stretch"
name = "Knee to chest"
hold_seconds = 30.0

[[steps]]
type = "ice"
minutes = 15

[[steps]]
type = "rest"
until_ready = true

[[steps]]
type = "interval"
rounds = 2
[[steps.phases]]
label = "In"
seconds = 4
"""


def test_a_full_file_loads_with_defaults_filled_in():
    routine = parse_routine(FULL, "full.toml", "ignored")
    assert routine.id == "full" and routine.issued == date(2026, 3, 2)
    assert routine.notes == "Line one.\n\tIndented line two."
    assert routine.schedule == Schedule(2, ("mon", "wed", "fri"), date(2026, 3, 2), None, 3)
    assert routine.schedule.last_day == date(2026, 3, 22)
    pir, stretch, ice, rest, interval = routine.steps
    assert pir == PirStep(side="both") and pir.sides == ("left", "right")
    assert stretch == StretchStep(name="Knee to chest", hold_seconds=30)
    assert isinstance(stretch.hold_seconds, int)  # 30.0 in the file is the whole number 30
    assert ice == IceStep(minutes=15) and ice.display_name == "Ice"
    assert rest == RestStep(until_ready=True)
    assert isinstance(interval, IntervalStep) and interval.phases[0].label == "In"


def test_bom_and_crlf_are_accepted():
    data = b"\xef\xbb\xbf" + FULL.replace("\n", "\r\n").encode("utf-8")
    assert parse_routine(data, "f", "x") == parse_routine(FULL, "f", "x")


def test_id_defaults_from_the_file_name(tmp_path):
    path = tmp_path / "My Back (PIR) v2.toml"
    path.write_text('format = 1\ntitle = "T"\n[[steps]]\ntype = "pir"\n', encoding="utf-8")
    loaded = load_file(path)
    assert loaded.routine.id == "my-back-pir-v2"
    assert loaded.origin == "file" and loaded.path == path
    assert loaded.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Lower Back (PIR)", "lower-back-pir"),
        ("---", "routine"),
        ("Ünïcode", "n-code"),
        ("x" * 100, "x" * 64),
    ],
)
def test_slugify_always_gives_a_valid_id(name, slug):
    assert slugify(name) == slug


def test_every_problem_is_reported_not_only_the_first():
    text = 'format = 1\ntitle = "T"\n[[steps]]\ntype = "pir"\ncycles = 99\nforce = 3\n'
    with pytest.raises(RoutineError) as caught:
        parse_routine(text, "f.toml", "f")
    assert [p.field for p in caught.value.problems] == ["cycles", "force"]
    assert all(
        p.step == 1 and p.step_name == "Post-isometric relaxation" for p in caught.value.problems
    )


def test_syntax_errors_carry_line_and_column():
    with pytest.raises(RoutineError) as caught:
        parse_routine('format = 1\ntitle "T"\n', "f.toml", "f")
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (2, 7)


@pytest.mark.parametrize(
    ("text", "multiline", "message"),
    [
        ("a\x1b[31m", False, "contains U+001B ESCAPE at character 2"),
        ("a\u202eb", True, "contains U+202E RIGHT-TO-LEFT OVERRIDE at character 2"),
        ("a\u2066b", False, "contains U+2066 LEFT-TO-RIGHT ISOLATE at character 2"),
        ("a\u200db", False, "contains U+200D ZERO WIDTH JOINER at character 2"),
        ("a\ufeffb", False, "contains U+FEFF ZERO WIDTH NO-BREAK SPACE at character 2"),
        ("a\u2028b", True, "contains U+2028 LINE SEPARATOR at character 2"),
        ("a\x9bb", True, "contains U+009B (a control character) at character 2"),
        ("a\rb", True, "contains U+000D CARRIAGE RETURN at character 2"),
        ("a\tb", False, "contains U+0009 CHARACTER TABULATION at character 2"),
        ("a\nb", False, "must be on one line"),
    ],
)
def test_text_policy_refuses_hidden_characters_and_names_them(text, multiline, message):
    with pytest.raises(InvalidValue) as caught:
        check_value(TextSpec(100, "t", multiline=multiline), text)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    "text", ["line one\nline two\ttabbed", "[bold]not markup[/]", "Ünï 🙂 中文"]
)
def test_text_policy_keeps_ordinary_text_exactly(text):
    assert check_value(TextSpec(100, "t", multiline=True), text) == text


def test_warnings_come_from_soft_ranges_and_cross_field_rules():
    routine = Routine(
        title="T",
        steps=(
            PirStep(cycles=8, contract_seconds=4),
            IceStep(minutes=25, check_skin_every_minutes=30),
            IceStep(minutes=10),
            IceStep(minutes=0.5, check_skin_every_minutes=0.25),
        ),
    )
    found = [(p.step, p.field, p.message) for p in warnings_for(routine, "f.toml")]
    assert found == [
        (
            1,
            "contract_seconds",
            "4 seconds is outside the usual 5 to 10 seconds "
            "(PIR-2 in docs/clinical-basis.md: a gentle contraction of about ten seconds)",
        ),
        (
            1,
            "cycles",
            "8 cycles is more than the usual 5 cycles at most "
            "(PIR-3 in docs/clinical-basis.md: a few cycles per session)",
        ),
        (
            2,
            "check_skin_every_minutes",
            "30 minutes is more than the usual 10 minutes at most "
            "(PACK-3 in docs/clinical-basis.md: check the skin about every 5 minutes "
            "(published cryotherapy and superficial-heat guidance))",
        ),
        (
            2,
            "minutes",
            "25 minutes is outside the usual 10 to 20 minutes (ICE-6 in "
            "docs/clinical-basis.md: a real ice session is most often 15 to 20 minutes "
            "(published cryotherapy guidance))",
        ),
        (
            2,
            "check_skin_every_minutes",
            "the skin check every 30 minutes never comes during "
            "25 minutes of ice; check the skin at least once",
        ),
        (
            4,
            "minutes",
            "0.5 minutes is outside the usual 10 to 20 minutes (ICE-6 in "
            "docs/clinical-basis.md: a real ice session is most often 15 to 20 minutes "
            "(published cryotherapy guidance))",
        ),
    ]
    assert all(p.severity == "warning" for p in warnings_for(routine, "f.toml"))


def test_ice_with_heat_and_long_sessions_warn_for_the_whole_routine():
    routine = Routine(
        title="T",
        steps=(IceStep(minutes=20), RestStep(seconds=1800), RestStep(seconds=1800)) + (IceStep(),),
    )
    assert [p.message for p in warnings_for(routine, "f")] == [
        "a session takes about 95 minutes, more than the usual 60 at most "
        "(common practice for home exercise)"
    ]
    mixed = Routine(title="T", steps=(IceStep(), HeatStep()))
    assert "both ice and heat" in warnings_for(mixed, "f")[0].message


def test_check_file_returns_errors_or_warnings(tmp_path):
    good = tmp_path / "good.toml"
    good.write_text('format = 1\ntitle = "T"\n[[steps]]\ntype = "pir"\ncycles = 6\n', "utf-8")
    loaded, problems = check_file(good)
    assert loaded is not None and [p.severity for p in problems] == ["warning"]
    loaded, problems = check_file(tmp_path / "missing.toml")
    assert loaded is None and [str(p) for p in problems] == [
        f"{tmp_path}/missing.toml: no such file"
    ]
    loaded, problems = check_file(tmp_path)
    assert loaded is None and problems[0].message == "is a folder, not a regular file"


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("0.1", "must be between 0.25 and 30 minutes (found 0.1)"),
        ('"0.5"', 'must be a number of minutes (found text "0.5")'),
        ("inf", "must be a number of minutes (found inf)"),
        ("nan", "must be a number of minutes (found nan)"),
        ("true", "must be a number of minutes (found true)"),
    ],
)
def test_ice_minutes_may_be_decimal_within_their_range(given, message):
    text = f'format = 1\ntitle = "T"\n[[steps]]\ntype = "ice"\nminutes = {given}\n'
    with pytest.raises(RoutineError) as caught:
        parse_routine(text, "f.toml", "f")
    assert [p.message for p in caught.value.problems] == [message]


def test_decimal_minutes_load_as_given_and_whole_ones_as_whole_numbers():
    text = (
        'format = 1\ntitle = "T"\n[[steps]]\ntype = "ice"\nminutes = 0.25\n'
        'check_skin_every_minutes = 0.25\n[[steps]]\ntype = "heat"\nminutes = 12.0\n'
    )
    ice, heat = parse_routine(text, "f.toml", "f").steps
    assert (ice.minutes, ice.check_skin_every_minutes) == (0.25, 0.25)
    assert heat.minutes == 12 and isinstance(heat.minutes, int)


def test_decimal_minutes_run_for_whole_seconds_with_their_skin_checks():
    ice = IceStep(minutes=1.01, check_skin_every_minutes=0.25)
    _, phase, _ = compile_plan(Routine(title="T", steps=(ice,))).phases  # pack on, ice, pack off
    assert phase.seconds == 61  # 60.6 seconds, rounded to the nearest second
    assert [r.at_seconds for r in phase.reminders] == [15, 30, 45, 60]
