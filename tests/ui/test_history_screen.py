"""The History screen, driven with App.run_test()."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from log.factories import EXCUSED_ICE, finished
from textual.app import App
from textual.widgets import Sparkline, Static

from homecare.log.overview import calendar
from homecare.log.prescriptions import prescriptions
from homecare.log.store import RoutineVersion, StepOutcome
from homecare.routine.model import Schedule
from homecare.session.clock import FakeClock
from homecare.ui.screens.history import HistoryScreen

BERLIN = ZoneInfo("Europe/Berlin")
TODAY = date(2026, 5, 13)  # a Wednesday
NOW = datetime(2026, 5, 13, 20, 0, tzinfo=BERLIN)


class HistoryApp(App[None]):
    def __init__(self, store) -> None:
        super().__init__()
        self.store = store

    def on_mount(self) -> None:
        self.push_screen(HistoryScreen(self.store, FakeClock(NOW)))


def at(days_ago: int, hour: int) -> datetime:
    return datetime.combine(TODAY - timedelta(days=days_ago), datetime.min.time(), BERLIN).replace(
        hour=hour
    )


def fill(store) -> None:
    """Prescribed twice a day from Monday: Tuesday both done, today one of two."""
    schedule = Schedule(times_per_day=2, start=TODAY - timedelta(days=2))
    store.add_sessions(
        [
            finished(at(1, 8), "back", content_hash="h", pain_before=7, pain_after=5),
            finished(
                at(1, 19),
                "back",
                content_hash="h",
                pain_before=6,
                pain_after=3,
                title="[b]Back[/b] routine",
                note="felt \x1b[5mbetter\nslept well",
                steps=(StepOutcome(0, "PIR", "done"), EXCUSED_ICE),
                steps_excused=1,
            ),
            finished(at(0, 8), "back", content_hash="h", status="stopped", steps_done=0),
            finished(at(0, 9), "back", content_hash="h", pain_before=5),
        ],
        [RoutineVersion("h", "back", "Back", schedule=schedule)],
    )


def test_calendar_sums_routines_and_marks_each_day(store):
    fill(store)
    weeks = calendar(store, TODAY, prescriptions(store))
    assert len(weeks) == 6 and weeks[-1][0].day == date(2026, 5, 11)
    this_week = {day.day.day: (day.due, day.done) for day in weeks[-1]}
    assert this_week[11] == (2, 0)  # due from the 11th, nothing done
    assert this_week[12] == (2, 2)
    assert this_week[13] == (2, 1)  # the session stopped before any step does not count
    assert weeks[-2][0].due == 0  # before the prescription started


async def test_history_screen_shows_calendar_trend_and_sessions(store):
    fill(store)
    app = HistoryApp(store)
    async with app.run_test(size=(100, 50)) as pilot:
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        shown = str(screen.query_one("#calendar", Static).render())
        assert "11 ✗0/2" in shown and "12 ✓2/2" in shown and "13 ◐1/2" in shown
        assert "✓ all done" in shown  # the legend says it in words
        before = screen.query_one("#spark-before", Sparkline)
        assert list(before.data) == [7, 6, 5]
        assert list(screen.query_one("#spark-after", Sparkline).data) == [5, 3]
        assert "latest 5, average 6.0" in str(screen.query_one("#pain-before", Static).render())
        lines = str(screen.query_one("#sessions", Static).render()).splitlines()
        assert lines[0].split()[:3] == ["When", "Routine", "Done?"]
        assert [line[39:50].strip() for line in lines[1:] if line[:1] == "2"] == [
            "done",
            "not done",
            "done",
            "done",
        ]  # newest first
        tuesday = next(n for n, line in enumerate(lines) if "[b]Back[/b] routine" in line)
        assert "6 -> 3" in lines[tuesday]  # the title literal, not markup
        assert lines[tuesday + 1].strip() == "excused Ice: safety check: body feels cold"
        assert lines[tuesday + 2].strip() == "note: felt \\u001b[5mbetter / slept well"
        assert "Sessions (4)" in str(screen.query_one("#sessions-heading", Static).render())
        await pilot.press("escape")
        assert not isinstance(app.screen, HistoryScreen)


async def test_history_screen_with_an_empty_log(store):
    app = HistoryApp(store)
    async with app.run_test(size=(80, 24)):
        screen = app.screen
        heading = str(screen.query_one("#sessions-heading", Static).render())
        assert "No sessions recorded yet." in heading
        assert "no ratings yet" in str(screen.query_one("#pain-before", Static).render())


async def test_one_session_is_one_column_of_the_pain_sparkline_not_the_whole_width(store):
    store.add_sessions([finished(at(0, 8), "back", pain_before=6, pain_after=4)])
    app = HistoryApp(store)
    async with app.run_test(size=(100, 50)):
        before = app.screen.query_one("#spark-before", Sparkline)
        assert list(before.data) == [6] and before.size.width == 1
        words = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "latest 6, average 6.0 over 1 session (0 none" in words
    fill(store)
    app = HistoryApp(store)
    async with app.run_test(size=(100, 50)):
        assert app.screen.query_one("#spark-before", Sparkline).size.width == 4
