"""One way to say how long something takes, on every screen, page and command."""

from __future__ import annotations

import pytest

from homecare.base.durations import clock_face, duration_words


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (0, "0 s"),
        (7, "7 s"),
        (60, "1 min"),
        (95, "1 min 35 s"),
        (600, "10 min"),
        (3600, "1 h"),
        (3725, "1 h 2 min 5 s"),
        (3605, "1 h 5 s"),
    ],
)
def test_hours_minutes_and_seconds_leave_out_the_zeros(seconds, words):
    assert duration_words(seconds) == words


def test_a_part_second_rounds_up_so_a_timer_never_looks_short():
    assert duration_words(59.2) == "1 min"
    assert duration_words(0.4) == "1 s"


def test_one_clock_face_for_every_countdown_and_session_time():
    assert [clock_face(s) for s in (0, 8, 59.4, 59.6, 75, 900, 3725)] == [
        "0:00",
        "0:08",
        "0:59",
        "1:00",
        "1:15",
        "15:00",
        "62:05",
    ]
    assert [clock_face(s, minutes_always=False) for s in (0, 8, 59, 60, 75)] == [
        "0",
        "8",
        "59",
        "1:00",
        "1:15",
    ]  # the run screen's big countdown


@pytest.mark.parametrize(
    ("number", "words"), [(0, "0 steps"), (1, "1 step"), (2, "2 steps"), (-1, "-1 steps")]
)
def test_a_count_says_its_noun_in_the_singular_only_for_one(number, words):
    from homecare.base.text import counted

    assert counted(number, "step") == words
