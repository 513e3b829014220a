"""The bell patterns: how many rings announce each kind of phase, and the end of a session.

A patient with eyes closed must tell the phases apart by ear, so each kind has its own number
of rings: one to do (contract, hold, apply), two to let go (relax, release, rest), three to
move or get ready (get into position, switch sides, wait for you, put the pack on), and five,
heard nowhere else, to take the ice or heat pack off (PACK-2 in docs/clinical-basis.md). Each
kind's number is ``PhaseKind.rings`` (homecare.session.kinds). The app (``homecare.ui.cues``)
and the plain runner (``homecare.plain.terminal``) ring the same patterns.
"""

from __future__ import annotations

RING_GAP_SECONDS = 0.35  # far enough apart to count, close enough to hear as one pattern
END_RINGS = 4
PACK_OFF_RINGS = 5  # take the pack off: a pattern of its own
