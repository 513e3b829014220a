"""Calendar days: one way to read them, and arithmetic that stays within the calendar.

Python's dates run from 0001-01-01 to 9999-12-31 (``FIRST_DAY``, ``LAST_DAY``); stepping past
either end raises ``OverflowError``. ``add_days`` stops at the end instead, so a far date in a
file or on the command line gives a clamped day, never a crash. ``parse_day`` accepts exactly
``YYYY-MM-DD`` on every Python (``date.fromisoformat`` takes ``20261101`` on 3.11 and later).
"""

from __future__ import annotations

import re
from datetime import date

FIRST_DAY = date.min
LAST_DAY = date.max
_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def add_days(day: date, count: int) -> date:
    """``day`` moved by ``count`` days, clamped to FIRST_DAY..LAST_DAY."""
    ordinal = day.toordinal() + count
    return date.fromordinal(min(max(ordinal, FIRST_DAY.toordinal()), LAST_DAY.toordinal()))


def parse_day(text: str) -> date:
    """The day written ``YYYY-MM-DD``; ``ValueError`` for any other form or a day that does not
    exist."""
    found = _DAY.fullmatch(text)
    if found is None:
        raise ValueError(f"not a day like 2026-05-01: {text!r}")
    return date(int(found[1]), int(found[2]), int(found[3]))
