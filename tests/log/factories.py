"""Sessions for the log's tests, as the recorder would have left them."""

from __future__ import annotations

from datetime import datetime, timedelta

from homecare.log.outcome import session_outcome
from homecare.log.store import Session, StepOutcome


def finished(
    started: datetime,
    routine_id: str = "lower-back-pir",
    status: str = "completed",
    **fields,
) -> Session:
    """A finished session of 12 minutes, as the recorder would have left it."""
    values = dict(
        routine_id=routine_id,
        title=routine_id.replace("-", " ").capitalize(),
        content_hash=f"hash-{routine_id}",
        started=started,
        ended=started + timedelta(minutes=12),
        status=status,
        planned_seconds=720.0,
        active_seconds=700.0,
        steps_total=2,
        steps_done=2,
        app_version="0.1.0",
    )
    values.update(fields)
    if "outcome" not in fields:  # as the recorder decides it, by the one rule
        values["outcome"] = session_outcome(
            values["steps_total"],
            values["steps_done"],
            values.get("steps_excused", 0),
            values["steps_done"] > 0,
        )
    return Session(**values)


EXCUSED_ICE = StepOutcome(1, "Ice", "excused", "safety check: body feels cold")
