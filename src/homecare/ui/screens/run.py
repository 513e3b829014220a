"""The run screen: a big countdown, the cue in words, the phase kind in colour AND in a word.

The display changes only when something shown changes: the engine says when that is
(``next_deadline``) and one timer is set for that moment, so the screen costs almost nothing
between seconds and a 20-minute ice phase stays exact (time comes from the clock, not ticks).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static

from homecare.base.durations import clock_face, duration_words
from homecare.session import wording
from homecare.session.engine import SKIPPED_BY_THE_PATIENT, Event, Snapshot, whole_seconds_left
from homecare.session.plan import Phase
from homecare.session.wording import STOPPED_BY_YOU
from homecare.ui.screens.confirm import STOP_SESSION, ConfirmScreen
from homecare.ui.widgets.countdown import Countdown
from homecare.ui.widgets.keys import KeyBar
from homecare.ui.widgets.picture import StepPicture
from homecare.ui.widgets.progress import ProgressLine

if TYPE_CHECKING:
    from homecare.ui.session import SessionController

TIMER_SLACK = 0.001  # wake just after the deadline, so the engine sees the change
SAME_MOMENT = 0.001  # deadlines this close are one (they are sums of floats)
# The stage: the picture, the band, the cue, the countdown (or the words that wait) and the
# reminder. The band is thinner when the stage is short, so the countdown keeps its rows (it
# draws itself as large as they allow, one line at the least).
STAGE = ("picture", "band", "cue", "countdown", "waiting", "reminder")
CRAMPED_ROWS = 9  # fewer: a one-row band and a one-row cue
ROOMY_ROWS = 18  # as many or more: a five-row band


def where_text(phase: Phase) -> Text:
    """Step k of n: its name (literal, from the routine file), and the side."""
    text = Text()
    step, *others = phase.counters
    text.append(f"{str(step).capitalize()}: ", style="bold")
    text.append(phase.step_name, style="bold")
    if phase.side:
        text.append(f"   {phase.side.upper()} SIDE", style="bold")
    if others:
        text.append("   " + ", ".join(str(counter) for counter in others))
    return text


def next_text(phase: Phase | None) -> Text:
    if phase is None:
        return Text("Next: the end. Well done.")
    text = Text("Next: ")
    text.append(phase.label, style="bold")
    if phase.side:
        text.append(f" ({phase.side})")
    text.append(
        ", until you are ready" if phase.seconds is None else f", {duration_words(phase.seconds)}"
    )
    return text


class RunScreen(Screen[None]):
    BINDINGS = [
        Binding("space", "pause", "pause"),
        Binding("space", "resume", "go on"),
        Binding("enter", "confirm", "I'm ready"),
        Binding("n", "skip", "skip phase"),
        Binding("s", "skip_step", "skip step"),
        Binding("b", "back", "back"),
        Binding("q", "stop", "stop"),
    ]

    def __init__(self, session: SessionController) -> None:
        super().__init__()
        self.session = session
        self._timer: Timer | None = None
        self._wakes_at: float | None = None  # the deadline the timer wakes for next
        self._shown: dict[str, object] = {}
        self._scene: tuple[object, ...] | None = None  # what, besides the countdown, is shown
        self._waiting: bool | None = None
        self._asking = False  # the rating window is up (homecare.ui.screens.feedback)
        self._keys: tuple[bool, bool] | None = None  # (paused, waiting) the key bar shows
        self._widgets: dict[str, Widget] = {}  # by id: drawing looks them up every second

    def compose(self) -> ComposeResult:
        """The lines above and below the countdown are grouped in containers of their own: each
        second Textual fetches the lines of every widget whose container overlaps the
        countdown, so the screen's direct children are what a second costs (the screen, the
        head, the countdown and the foot; the minimal Textual countdown has three)."""
        yield StepPicture(id="picture")
        with Vertical(id="head"):
            yield Static(id="where", markup=False)
            yield Static(id="band", markup=False)
            yield Static(id="cue", markup=False)
        yield Countdown(id="countdown")
        yield Static(id="waiting", markup=False)
        with Vertical(id="foot"):
            yield Static(id="reminder", markup=False)
            yield Static(id="next", markup=False)
            with VerticalScroll(id="instructions-box"):
                yield Static(id="instructions", markup=False)
            yield Static(id="log-status", markup=False)
            yield ProgressLine(id="progress")
            yield KeyBar()

    def on_mount(self) -> None:
        self.screen_layout_refresh_signal.subscribe(self, self._fit_stage)
        if not self.session.engine.snapshot().started:
            self.session.act(self.session.engine.start)
        self.after_change()

    def _fit_stage(self, _screen: object = None) -> None:
        """After each layout: a thinner band on a short stage, a taller one on a tall stage.
        The stage's rows do not change with the band's (the countdown takes what it leaves),
        so the layout this may cause settles at once."""
        rows = sum(self.query_one(f"#{part}").region.height for part in STAGE)
        self.set_class(rows < CRAMPED_ROWS, "-cramped")
        self.set_class(rows >= ROOMY_ROWS, "-roomy")

    # -- keeping up with the clock ------------------------------------------------------------

    def catch_up(self) -> None:
        """Bring the engine up to the clock and redraw: what the deadline timer calls."""
        self.session.act(self.session.engine.update)
        self.after_change()

    def after_change(self) -> None:
        if self._ask_rating() and self.session.over:
            self._cancel_timer()  # the last step's rating comes before the done screen
            return
        if self.session.over:
            self._cancel_timer()
            from homecare.ui.screens.done import DoneScreen

            self.app.switch_screen(DoneScreen(self.session))
            return
        self.draw(self.session.engine.snapshot())
        self._schedule()

    def _schedule(self) -> None:
        """Wake at the engine's next deadline. Most of a session they come a second apart: one
        interval timer serves them while they do (a timer a second cost Textual a new task each
        second, 8% of the minimal countdown's CPU), a new one is set when they do not."""
        deadline = self.session.engine.next_deadline()
        if deadline is not None and self._wakes_at is not None:
            if abs(deadline - self._wakes_at) < SAME_MOMENT:
                return
        self._cancel_timer()
        if deadline is None:
            return
        delay = max(0.0, deadline - self.session.engine.clock.monotonic()) + TIMER_SLACK
        self._timer = self.set_timer(delay, self._start_ticking)
        self._wakes_at = deadline

    def _start_ticking(self) -> None:
        """At a deadline: from now on wake every second, then catch up."""
        self._timer = self.set_interval(1.0, self._tick)
        self._tick()

    def _tick(self) -> None:
        if self._wakes_at is not None:
            self._wakes_at += 1.0
        self.catch_up()

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._wakes_at = None

    def on_unmount(self) -> None:
        self._cancel_timer()

    def _ask_rating(self) -> bool:
        """Show the rating window while the flow has a rating due (the session waits for it,
        paused by the flow); True while one is due."""
        question = self.session.flow.rating_question
        if question is None:
            return False
        if not self._asking:
            from homecare.ui.screens.feedback import FeedbackScreen

            self._asking = True
            # The window has keys of its own (s: no answer there): the run screen's key bar,
            # which would show through below it, is hidden meanwhile.
            self.query_one(KeyBar).display = False
            over = self.session.over
            self.app.push_screen(FeedbackScreen(question, session_over=over), self._rated)
        return True

    def _rated(self, value: str | None) -> None:
        from homecare.ui.screens.feedback import STOP

        self._asking = False
        self.query_one(KeyBar).display = True
        if value == STOP:  # a stop ends the question without a rating
            self.session.stop(STOPPED_BY_YOU)
            value = None
        self.session.rate(value)
        self.after_change()
        self.refresh_bindings()

    # -- drawing ------------------------------------------------------------------------------

    def _set(self, widget_id: str, value: object, layout: bool = True) -> bool:
        """Update a widget only when its value changed; True when it did. ``layout=False``: the
        widget's size does not depend on its text (never lay the screen out for it)."""
        if widget_id in self._shown and self._shown[widget_id] == value:
            return False
        self._shown[widget_id] = value
        widget = self._widgets.get(widget_id) or self.query_one(f"#{widget_id}")
        self._widgets[widget_id] = widget
        if isinstance(widget, Countdown):
            widget.update(str(value))
        elif isinstance(widget, ProgressLine):
            assert isinstance(value, int)
            widget.percent = value
        else:
            assert isinstance(widget, Static) and isinstance(value, (str, Text))
            self._update_text(widget, value, layout)
        return True

    def _update_text(self, line: Static, text: str | Text, layout: bool) -> None:
        """New words for a line; the screen is laid out again only when it needs other rows
        (a phase change of PIR cycles changes the words of four lines, rarely their rows)."""
        before = line.content_size
        line.update(text, layout=False)
        if not layout:
            return
        if not before.width or before.height != line.get_content_height(
            line.container_size, self.size, before.width
        ):
            line.refresh(layout=True)

    def draw(self, snapshot: Snapshot) -> None:
        """Most seconds only the countdown changes (and the percentage now and then): only the
        countdown is touched then; the rest is redrawn when the phase, pause, or reminder does."""
        phase = snapshot.phase
        if phase is None:
            return
        scene = (
            phase,
            snapshot.paused,
            snapshot.waiting,
            snapshot.reminder,
            snapshot.next_phase,
            self.session.log_message,
        )
        if scene != self._scene:
            self._scene = scene
            self._draw_scene(snapshot, phase)
        if not snapshot.waiting:
            self._set("countdown", clock_face(snapshot.countdown or 0, minutes_always=False))
        self._set("progress", int(snapshot.progress * 100))  # moves with the shown percentage

    def _draw_scene(self, snapshot: Snapshot, phase: Phase) -> None:
        band = Text(f"PAUSED ({phase.label})" if snapshot.paused else phase.label)
        if self._set("band", band, layout=False):  # its height is the stylesheet's
            kind = "paused" if snapshot.paused else phase.kind.tone.value
            self.query_one("#band").set_classes(kind)
        keys = (snapshot.paused, snapshot.waiting)  # what check_action decides on
        if keys != self._keys:  # not at every phase change: the key bar is drawn again
            self._keys = keys
            self.refresh_bindings()
        self._set("where", where_text(phase))
        if phase.seconds is not None:
            widest = clock_face(whole_seconds_left(phase.seconds), minutes_always=False)
            self.query_one(Countdown).widest = widest
        self.query_one(StepPicture).show_step(self.session.routine_file, phase.step_index)
        cue = phase.cue
        if snapshot.paused:
            cue = "Press Space to go on."
            if phase.kind.thermal:  # PACK-4: the timer stops, the cold does not
                cue = f"{wording.paused_with_pack(phase.kind)}\n{cue}"
        self._set("cue", Text(cue))
        waiting = snapshot.waiting
        if waiting != self._waiting:
            self._waiting = waiting
            self.query_one("#countdown").display = not waiting
            self.query_one("#waiting").display = waiting
        if waiting:
            self._set("waiting", Text("Press Enter when you are ready."))
        reminder = self._reminder(phase, snapshot.reminder)
        if self._set("reminder", reminder):
            self.query_one("#reminder").display = bool(reminder.plain)
        self._set("next", next_text(snapshot.next_phase))
        if self._set("instructions", Text(phase.instructions)):
            self.query_one("#instructions-box").display = bool(phase.instructions)
        log_message = self.session.log_message  # the log cannot be written, or was set aside
        if self._set("log-status", Text(log_message)):
            self.query_one("#log-status").display = bool(log_message)

    @staticmethod
    def _reminder(phase: Phase, due: str | None) -> Text:
        """Ice and heat: the skin check when due, otherwise how often to check."""
        if due:
            return Text(f">>> {due.upper()} <<<", style="bold reverse")
        if phase.kind.thermal and phase.reminders:
            return Text(f"Check your skin every {duration_words(phase.reminders[0].at_seconds)}.")
        if phase.kind.thermal:
            return Text("Check your skin now and then.")
        return Text()

    # -- keys ---------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        snapshot = self.session.engine.snapshot()
        if action == "pause":
            return not snapshot.paused
        if action == "resume":
            return snapshot.paused
        if action == "confirm":
            return snapshot.waiting and not snapshot.paused
        return True

    def _do(self, operation: Callable[[], list[Event]]) -> None:
        self.session.act(operation)
        self.after_change()
        self.refresh_bindings()

    def action_pause(self) -> None:
        self._do(self.session.engine.pause)

    def action_resume(self) -> None:
        self._do(self.session.engine.resume)

    def action_confirm(self) -> None:
        self._do(self.session.engine.confirm)

    def action_skip(self) -> None:
        self._do(self.session.engine.skip_phase)

    def action_skip_step(self) -> None:
        """The whole step, every phase and side of it, in one key press."""
        self._do(lambda: self.session.engine.skip_step(SKIPPED_BY_THE_PATIENT))

    def action_back(self) -> None:
        self._do(self.session.engine.back)

    def action_stop(self) -> None:
        """Ask first, with the timer paused while asking; "no" goes on as before (still paused
        if the patient had paused)."""
        paused_before = self.session.engine.snapshot().paused
        if not paused_before:
            self._do(self.session.engine.pause)

        def answered(stop: bool | None) -> None:
            if stop:
                self.session.stop(STOPPED_BY_YOU)
                self.after_change()
            elif not paused_before:
                self._do(self.session.engine.resume)

        self.app.push_screen(ConfirmScreen(STOP_SESSION), answered)
