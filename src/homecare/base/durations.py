"""How long something takes, in the same words everywhere: the run screen, the plain runner,
``homecare show`` and ``list``, handouts and calendar reminders; and the same clock face on
every countdown and session time."""

from __future__ import annotations

import math


def duration_words(seconds: float) -> str:
    """``95`` -> ``"1 min 35 s"``; whole seconds, rounded up so a timer never looks short."""
    total = math.ceil(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours} h" if hours else "", f"{minutes} min" if minutes else ""]
    parts.append(f"{secs} s" if secs or not (hours or minutes) else "")
    return " ".join(p for p in parts if p)


def clock_face(seconds: float, *, minutes_always: bool = True) -> str:
    """``75`` -> ``"1:15"``, ``8`` -> ``"0:08"`` (to the nearest second); a countdown's last
    minute without its minutes (``minutes_always=False``: ``8`` -> ``"8"``)."""
    minutes, rest = divmod(round(seconds), 60)
    if not minutes and not minutes_always:
        return str(rest)
    return f"{minutes}:{rest:02d}"
