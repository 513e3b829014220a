"""The app over a log damaged in the middle: no traceback, the patient is told and can exercise."""

from __future__ import annotations

from log.damage import damaged_log  # tests/log/damage.py

from homecare.locations import log_path


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_a_log_damaged_in_the_middle_is_set_aside_and_the_patient_can_exercise(make_app):
    damaged_log()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_show_history()  # reads the whole log: finds the damage
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        kept = [p for p in log_path().parent.glob("log-damaged-*") if p.suffix == ".sqlite3"]
        assert len(kept) == 1
        assert "The session log was damaged" in shown(app, "#home-notice")
        assert kept[0].name in shown(app, "#home-notice").replace("\n", "")
        await pilot.press("enter", "1", "n", "3", "s")  # a session starts and runs
        assert str(app.screen.query_one("#band").render())
        assert app.session is not None and not app.session.over
