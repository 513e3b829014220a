"""The kinds of phase, each carrying everything the front ends show or ring for it.

A phase kind used to be a bare string looked up in five tables (label, bell pattern, colour,
the run screen's style, preparation or not), each with a silent default: a new kind passed the
tests and rang or coloured wrongly. Here a kind cannot exist without all of them.

``PhaseKind`` is a ``str`` Enum: a kind compares equal to its old name ("ice" == PhaseKind.ICE),
so the log, the JSON exports and tests that speak of kinds by name keep working, and
``PhaseKind("ice")`` reads one back. Bell patterns are explained in ``homecare.session.bells``.
"""

from __future__ import annotations

from enum import Enum

from homecare.session.bells import PACK_OFF_RINGS


class Tone(Enum):
    """How a kind looks: the run screen's style class (its value) and the plain runner's colour."""

    EFFORT = "effort"  # do: contract, hold, a set of repetitions
    EASE = "ease"  # let go: relax, release, rest
    MOVE = "move"  # get ready: position, switch sides, put the pack on
    COLD = "cold"
    WARM = "warm"
    ALERT = "alert"  # take the pack off now


class PhaseKind(str, Enum):
    """A kind of phase: its on-screen label, rings, tone and whether it is preparation.

    Preparation (getting into position, switching sides, putting a pack on or taking it off)
    is not the exercise: it does not count as work done, and a step whose only phases left are
    preparation is done already.
    """

    label: str
    rings: int
    tone: Tone
    preparation: bool

    def __new__(
        cls, value: str, label: str, rings: int, tone: Tone, preparation: bool = False
    ) -> PhaseKind:
        kind = str.__new__(cls, value)
        kind._value_ = value
        kind.label = label
        kind.rings = rings
        kind.tone = tone
        kind.preparation = preparation
        return kind

    POSITION = ("position", "GET INTO POSITION", 3, Tone.MOVE, True)
    CONTRACT = ("contract", "CONTRACT", 1, Tone.EFFORT)
    RELAX = ("relax", "RELAX", 2, Tone.EASE)
    HOLD = ("hold", "HOLD", 1, Tone.EFFORT)
    RELEASE = ("release", "RELEASE", 2, Tone.EASE)
    REST = ("rest", "REST", 2, Tone.EASE)
    SWITCH_SIDES = ("switch-sides", "SWITCH SIDES", 3, Tone.MOVE, True)
    PACK_ON = ("pack-on", "PUT THE PACK ON", 3, Tone.MOVE, True)
    ICE = ("ice", "ICE", 1, Tone.COLD)
    HEAT = ("heat", "HEAT", 1, Tone.WARM)
    PACK_OFF = ("pack-off", "TAKE THE PACK OFF", PACK_OFF_RINGS, Tone.ALERT, True)
    SET = ("set", "SET", 1, Tone.EFFORT)
    WAIT = ("wait", "WHEN YOU ARE READY", 3, Tone.EASE)
    # An interval phase shows the label written in the routine file, never this one.
    INTERVAL = ("interval", "", 1, Tone.EFFORT)

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)

    @property
    def thermal(self) -> bool:
        """Ice or heat on the skin: a pause stops the timer, not the cold or the heat (PACK-4)."""
        return self in (PhaseKind.ICE, PhaseKind.HEAT)
