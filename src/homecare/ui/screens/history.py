"""History: a calendar of the last weeks (numbers and symbols as well as colours), the pain
trend, how each rated exercise felt, and the latest sessions with their skipped steps and notes.

The data comes from ``homecare.log.overview`` in a handful of indexed queries, so the screen is
ready at once however long the log is. Text from routine files and notes is shown literally.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Sparkline, Static

from homecare.base.text import counted
from homecare.log import psfs
from homecare.log.feedback import per_exercise
from homecare.log.listing import HEADING, session_lines
from homecare.log.overview import Overview, day_symbol, overview
from homecare.log.store import LogStore
from homecare.routine.model import RoutineFile
from homecare.session.clock import Clock, SystemClock

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
LEGEND = "✓ all done   ◐ some done   ✗ none done   · nothing due   (done/due)"
_DAY_STYLES = {"✓": "bold green", "◐": "yellow", "✗": "bold red", "·": "dim"}


PSFS_HEADING = "Activities you find hard (0 unable, 10 as well as before your problem)"


def calendar_text(data: Overview) -> Text:
    """One line per week: the Monday's date, then each day's mark and done/due."""
    text = Text()
    heading = "Week of " + "".join(f"{name:<9}" for name in WEEKDAY_NAMES)
    text.append(heading + "\n", style="bold")
    for week in data.weeks:
        text.append(f"{week[0].day:%b %d}  ")
        for day in week:
            if day.day > data.today:
                text.append(" " * 9)
                continue
            symbol = day_symbol(day)
            count = f"{day.done}/{day.due}" if day.due else (str(day.done) if day.done else "")
            style = _DAY_STYLES[symbol] + (" reverse" if day.day == data.today else "")
            text.append(f"{day.day.day:>2} {symbol}{count:<4}", style=style)
            text.append(" ")
        text.append("\n")
    text.append(LEGEND, style="dim")
    return text


def _pain_line(label: str, values: list[int]) -> Text:
    if not values:
        return Text(f"{label}: no ratings yet")
    return Text(
        f"{label}: latest {values[-1]}, average {sum(values) / len(values):.1f} "
        f"over {counted(len(values), 'session')} (0 none, 10 worst)"
    )


def sessions_text(data: Overview) -> Text:
    """The latest sessions, newest first, as in ``homecare history``: one line each, then
    skipped steps (with reasons) and the note. One Text, so it draws at once."""
    if not data.recent:
        return Text()
    text = Text()
    text.append(HEADING + "\n", style="bold")
    lines = (
        line for session in data.recent for line in session_lines(session, data.is_example(session))
    )
    text.append("\n".join(lines))
    return text


def feedback_text(data: Overview) -> Text:
    """How each exercise felt, from the ratings in the latest sessions (empty when none)."""
    rated = per_exercise(reversed(data.recent))
    return Text("\n".join(item.for_the_patient for item in rated))


def psfs_text(data: Overview) -> Text:
    """Each routine's PSFS over the latest sessions (empty when none was taken)."""
    return Text("\n".join(psfs.for_the_patient(c) for c in psfs.courses(reversed(data.recent))))


def _sparkline(values: list[int], id: str) -> Sparkline:
    """One column per session: a Sparkline stretches its data over its width, which drew a
    single session as a bar across the whole screen."""
    sparkline = Sparkline(values, id=id)
    sparkline.styles.width = max(1, len(values))
    sparkline.display = bool(values)  # the words above say "no ratings yet"
    return sparkline


class HistoryScreen(Screen[None]):
    """The patient's history; Escape goes back."""

    BINDINGS = [Binding("escape,q", "dismiss", "back")]
    DEFAULT_CSS = """
    HistoryScreen #history { padding: 0 1; scrollbar-size-vertical: 1; }
    HistoryScreen .heading { text-style: bold; margin-top: 1; }
    HistoryScreen Sparkline { height: 2; margin: 0 0 1 0; }
    """

    def __init__(
        self, store: LogStore, clock: Clock | None = None, library: Iterable[RoutineFile] = ()
    ) -> None:
        """``library``: the patient's routines and the examples, so a routine imported but not
        yet done is due from its import, and examples are marked and never due."""
        super().__init__()
        self._data = overview(store, (clock or SystemClock()).wall().date(), library=library)

    def compose(self) -> ComposeResult:
        data = self._data
        with VerticalScroll(id="history"):
            yield Static("History", classes="title", markup=False)
            yield Static(Text(f"Last {len(data.weeks)} weeks, all routines"), classes="heading")
            yield Static(calendar_text(data), id="calendar")
            yield Static(Text("Pain before and after sessions"), classes="heading")
            yield Static(_pain_line("Before", data.pain_before), id="pain-before")
            yield _sparkline(data.pain_before, "spark-before")
            yield Static(_pain_line("After", data.pain_after), id="pain-after")
            yield _sparkline(data.pain_after, "spark-after")
            felt = feedback_text(data)
            if felt:  # only once an exercise has been rated (feedback = true in the routine)
                yield Static(Text("How the exercises felt"), classes="heading")
                yield Static(felt, id="exercise-feedback")
            progress = psfs_text(data)
            if progress:  # only once a PSFS was taken ([psfs] in the routine)
                yield Static(Text(PSFS_HEADING), classes="heading")
                yield Static(progress, id="psfs")
            yield Static(Text(self._sessions_heading()), classes="heading", id="sessions-heading")
            yield Static(sessions_text(self._data), id="sessions")
        yield Footer()

    def _sessions_heading(self) -> str:
        data = self._data
        if not data.recent:
            return "No sessions recorded yet."
        if data.total > len(data.recent):
            return (
                f"The latest {len(data.recent)} of {data.total:,} sessions "
                "(homecare report lists them all)"
            )
        return f"Sessions ({data.total})"
