"""The plain runner says in words what a step's picture shows."""

from __future__ import annotations

from homecare.routine.model import RestStep, StretchStep

from .test_plain import routine, run


def test_the_alt_text_is_printed_once_with_the_step_and_shown_literally():
    tiny = routine(
        StretchStep(
            name="Knee",
            hold_seconds=5,
            reps=2,
            rest_seconds=0,
            setup_seconds=0,
            image="knee.png",
            image_alt="A knee pulled [bold]up[/bold]\x1b",
        ),
        RestStep(seconds=2),
    )
    _, out, *_ = run(tiny)
    lines = out.splitlines()
    picture = [line for line in lines if line.startswith("  Picture: ")]
    assert picture == [
        "  Picture: A knee pulled [bold]up[/bold] "
    ]  # ESC never reaches the terminal
    assert lines.index(picture[0]) == lines.index("Step 1 of 2: Knee") + 1


def test_a_step_without_a_picture_prints_no_picture_line():
    _, out, *_ = run(routine(RestStep(seconds=2)))
    assert "Picture:" not in out
