"""The plain runner's output helpers: a colour for every tone, and none without colour."""

from __future__ import annotations

import io

from homecare.plain.terminal import BELL, COLOURS, Style, Terminal
from homecare.session.clock import FakeClock
from homecare.session.kinds import PhaseKind, Tone

COLOUR = Style(redraw=True, colour=True, bells=True, countdown_beeps=False, ask=True)
PLAIN = Style(redraw=False, colour=False, bells=True, countdown_beeps=False, ask=False)


def test_every_tone_has_a_colour_so_every_kind_is_coloured():
    assert set(COLOURS) == set(Tone)
    terminal = Terminal(io.StringIO(), COLOUR, FakeClock())
    for kind in PhaseKind:
        assert terminal.label("X", kind.tone) == f"\x1b[{COLOURS[kind.tone]}mX\x1b[0m"


def test_without_colour_a_label_is_its_words():
    assert Terminal(io.StringIO(), PLAIN, FakeClock()).label("ICE", Tone.COLD) == "ICE"


def test_a_pattern_is_spaced_on_a_terminal_and_all_at_once_in_a_pipe():
    clock = FakeClock()
    out = io.StringIO()
    terminal = Terminal(out, COLOUR, clock)
    terminal.ring(PhaseKind.RELAX.rings)
    assert out.getvalue() == BELL and len(terminal.rings_later) == 1
    clock.advance(1)
    terminal.ring_due()
    assert out.getvalue() == BELL * 2 and terminal.rings_later == []
    piped = io.StringIO()
    Terminal(piped, PLAIN, clock).ring(PhaseKind.PACK_OFF.rings)
    assert piped.getvalue() == BELL * 5


def test_a_line_takes_the_place_of_the_countdown():
    out = io.StringIO()
    terminal = Terminal(out, COLOUR, FakeClock())
    terminal.countdown("  0:09")
    terminal.countdown("  0:09")  # unchanged: not drawn again
    terminal.line("Paused.")
    assert out.getvalue() == "\r  0:09" + "\r" + " " * 6 + "\r" + "Paused.\n"


def test_a_clinicians_long_line_wraps_at_words_on_a_terminal_and_stays_whole_in_a_pipe(
    monkeypatch,
):
    import os

    monkeypatch.setattr("shutil.get_terminal_size", lambda: os.terminal_size((31, 24)))
    text = "Sit on a firm chair, feet flat, hands resting on your knees.\nThen \x1b[2Jrelax."
    shown = io.StringIO()
    Terminal(shown, COLOUR, FakeClock()).prose(text)
    assert shown.getvalue().splitlines() == [
        "  Sit on a firm chair, feet",
        "  flat, hands resting on your",
        "  knees.",
        "  Then  [2Jrelax.",
    ]
    piped = io.StringIO()
    Terminal(piped, PLAIN, FakeClock()).prose(text)
    assert piped.getvalue().splitlines()[0] == "  " + text.splitlines()[0]
