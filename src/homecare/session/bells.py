"""The bell patterns: how many rings announce each kind of phase, and the end of a session.

A patient with eyes closed must tell the phases apart by ear, so each kind has its own number
of rings: one to do (contract, hold, apply), two to let go (relax, release, rest), three to
move (get into position, switch sides, wait for you). The app (``homecare.ui.cues``) and the
plain runner (``homecare.plain.runner``) ring the same patterns.
"""

from __future__ import annotations

RING_GAP_SECONDS = 0.35  # far enough apart to count, close enough to hear as one pattern
END_RINGS = 4

_RINGS_BY_KIND = {
    "contract": 1, "hold": 1, "ice": 1, "heat": 1, "set": 1, "interval": 1,
    "relax": 2, "release": 2, "rest": 2,
    "position": 3, "switch-sides": 3, "wait": 3,
}  # fmt: skip


def rings_for(kind: str) -> int:
    """How many rings announce a phase of this kind (an unknown kind rings once)."""
    return _RINGS_BY_KIND.get(kind, 1)
