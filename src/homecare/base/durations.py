"""How long something takes, in the same words everywhere: the run screen, the plain runner,
``homecare show`` and ``list``, handouts and calendar reminders."""

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
