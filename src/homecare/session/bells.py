"""The bell patterns: how many rings announce each kind of phase, and the end of a session.

A patient with eyes closed must tell the phases apart by ear, so each kind has its own number
of rings: one to do (contract, hold, apply), two to let go (relax, release, rest), three to
move or get ready (get into position, switch sides, wait for you, put the pack on), and five,
heard nowhere else, to take the ice or heat pack off (PACK-2 in docs/clinical-basis.md). The
app (``homecare.ui.cues``) and the plain runner (``homecare.plain.runner``) ring the same patterns.
"""

from __future__ import annotations

RING_GAP_SECONDS = 0.35  # far enough apart to count, close enough to hear as one pattern
END_RINGS = 4
PACK_OFF_RINGS = 5  # take the pack off: a pattern of its own

_RINGS_BY_KIND = {
    "contract": 1, "hold": 1, "ice": 1, "heat": 1, "set": 1, "interval": 1,
    "relax": 2, "release": 2, "rest": 2,
    "position": 3, "switch-sides": 3, "wait": 3, "pack-on": 3,
    "pack-off": PACK_OFF_RINGS,
}  # fmt: skip


def rings_for(kind: str) -> int:
    """How many rings announce a phase of this kind (an unknown kind rings once)."""
    return _RINGS_BY_KIND.get(kind, 1)
