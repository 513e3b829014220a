"""Step settings in words, as handouts and ``homecare show`` list them."""

from __future__ import annotations

from homecare.routine import words
from homecare.routine.model import RestStep

READY = "Wait until the patient says they are ready"


def test_a_flag_that_is_off_is_not_listed():
    assert words.settings(RestStep(seconds=5)) == [("How long to rest", "5 seconds")]


def test_a_flag_that_is_on_says_yes():
    assert (READY, "yes") in words.settings(RestStep(until_ready=True))
