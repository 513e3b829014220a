"""The app over a log damaged in the middle: no traceback, the patient is told and can exercise."""

from __future__ import annotations

from log.damage import damaged_log  # tests/log/damage.py

from homecare.base.locations import log_path


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


async def test_a_log_that_could_not_open_is_tried_again_when_next_needed(make_app):
    from homecare.log.store import LogUnavailable, open_store

    tries = []

    def full_then_freed():
        tries.append(1)
        if len(tries) == 1:
            raise LogUnavailable("The session log cannot be used: the disk is full.")
        return open_store()

    app = make_app(open_log=full_then_freed)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "disk is full" in shown(app, "#home-notice")
        app.action_show_history()  # space was freed meanwhile: the log opens now
        await pilot.pause()
        assert app.store is not None and app.log_problem == ""
        assert type(app.screen).__name__ == "HistoryScreen"


async def test_a_log_held_by_another_process_never_holds_up_the_app(make_app, clock, monkeypatch):
    import sqlite3
    import threading

    from homecare.log import store as store_module

    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_SECONDS", 600.0)  # wait, never fail
    screen_thread = threading.get_ident()
    real_write = store_module.LogStore._write

    def write(self):
        assert threading.get_ident() != screen_thread, "the screen waited for the log"
        return real_write(self)

    monkeypatch.setattr(store_module.LogStore, "_write", write)
    store_module.open_store().close()
    holder = sqlite3.connect(log_path(), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("enter", "1", "n", "3", "s")  # to the run screen
            clock.advance(3)
            app.screen.catch_up()
            assert str(app.screen.query_one("#band").render()) == "CONTRACT"
            recorder = app.session.recorder
            assert not recorder.flush(0.2)  # waiting for the lock, on its own thread
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert recorder.close(30)
    with store_module.open_store() as store:
        (session,) = store.sessions()
    assert (session.status, session.stop_reason) == ("stopped", "app closed")
