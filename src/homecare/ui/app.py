"""The homecare app: home, safety check, pain before, run, done; plus help, settings, guide.

``create_app`` is the factory: tests pass a fake clock, a temporary log, a list of routines and
a counting bell; ``homecare`` passes nothing and gets the real ones. Nothing slow happens before
the home screen first paints: the routine files and the log are read after that.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.filter import Monochrome, NoColor
from textual.screen import Screen

from homecare.base import settings as settings_file
from homecare.base.settings import Settings
from homecare.session.clock import Clock, SystemClock
from homecare.session.wording import APP_CLOSED
from homecare.ui.cues import Bell, Cues, Speaker, SpeechCommand, TerminalBell, find_speech_command

if TYPE_CHECKING:
    from homecare.log.recorder import SessionRecorder
    from homecare.log.store import LogStore
    from homecare.routine.library import Catalogue
    from homecare.routine.model import RoutineFile
    from homecare.session.engine import Engine
    from homecare.ui.session import SessionController

FALLBACK_THEME = "textual-dark"


def _library_routines() -> Catalogue:
    from homecare.routine import library

    return library.catalogue()


def _open_log() -> LogStore:
    from homecare.log.store import open_store

    return open_store()


def _log_recorder(
    store: LogStore | None, routine_file: RoutineFile, engine: Engine, problem: str
) -> SessionRecorder:
    from homecare.log.recorder import NOT_SAVED, SessionRecorder

    problem = f"{problem} {NOT_SAVED}" if problem else ""
    return SessionRecorder(store, routine_file, engine, problem)


@dataclass
class Services:
    """Everything the app reaches outside itself, so tests can replace each part."""

    clock: Clock = field(default_factory=SystemClock)
    routines: Callable[[], Catalogue] = _library_routines
    open_log: Callable[[], LogStore] = _open_log
    recorder: Callable[[LogStore | None, RoutineFile, Engine, str], SessionRecorder] = _log_recorder
    bell: Bell | None = None  # None: the terminal bell
    speech: Callable[[], SpeechCommand | None] = find_speech_command


class HomecareApp(App[None]):
    CSS_PATH = "homecare.tcss"
    TITLE = "homecare"
    BINDINGS = [
        Binding("ctrl+c", "quit", "quit", show=False, priority=True),
    ]

    def __init__(
        self,
        services: Services | None = None,
        settings: Settings | None = None,
        open_routine: RoutineFile | None = None,
    ) -> None:
        super().__init__()
        self.services = services or Services()
        self.settings_problems: list[str] = []
        if settings is None:
            settings, self.settings_problems = settings_file.load()
        self.settings = settings
        self.open_routine = open_routine
        self._speech: SpeechCommand | None | bool = False  # False: not looked for yet
        self.store: LogStore | None = None  # opened after the first paint
        self.recorder: SessionRecorder | None = None  # the latest session's (writes on its thread)
        self.log_problem = ""
        self.cues = Cues(settings, self.services.bell or TerminalBell(self.bell, self.set_timer))
        self.session: SessionController | None = None  # the running session

    # -- start and stop -----------------------------------------------------------------------

    def on_mount(self) -> None:
        self._apply_theme(self.settings.theme)
        self._apply_speech()
        self._catch_signals()
        if self.open_routine is not None:
            self.call_after_refresh(self.start_routine, self.open_routine)

    def get_default_screen(self) -> Screen:
        """The home screen is the first and bottom screen: no blank screen is drawn before it."""
        from homecare.ui.screens.home import HomeScreen

        return HomeScreen()

    def _catch_signals(self) -> None:
        """SIGTERM and SIGHUP (terminal closed) end like Ctrl+Q: session kept, terminal reset.

        Only where the platform has them and the loop can watch them (not on Windows, where
        closing the console is handled by Textual's driver).
        """
        loop = asyncio.get_running_loop()
        for name in ("SIGTERM", "SIGHUP"):
            number = getattr(signal, name, None)
            if number is None:
                continue
            try:
                loop.add_signal_handler(number, self.shutdown, APP_CLOSED)
            except (NotImplementedError, RuntimeError, ValueError):
                pass

    def shutdown(self, reason: str) -> None:
        self.end_session(reason)
        self.exit()

    async def action_quit(self) -> None:
        self.shutdown(APP_CLOSED)

    def end_session(self, reason: str) -> None:
        """Stop and record the running session, if any (safe to call more than once)."""
        if self.session is not None:
            self.session.stop(reason)

    def on_unmount(self) -> None:
        self.end_session(APP_CLOSED)
        self.cues.close()
        if self.store is not None:
            self.store.close()

    # -- settings -----------------------------------------------------------------------------

    @property
    def can_speak(self) -> bool:
        if self._speech is False:
            self._speech = self.services.speech()
        return self._speech is not None

    def _apply_speech(self) -> None:
        self.cues.close()
        wanted = self.settings.sound == "speech" and self.can_speak
        speech = self._speech if isinstance(self._speech, SpeechCommand) else None
        self.cues.speaker = Speaker(speech) if wanted and speech is not None else None

    def _apply_theme(self, theme: str) -> None:
        self.theme = theme if theme in self.available_themes else FALLBACK_THEME

    def watch_theme(self) -> None:
        """Under NO_COLOR, keep Textual's colour filter right for the theme in use.

        Textual picks it once, for the theme at start-up: Monochrome for a theme of its own
        colours, NoColor (the terminal's own) for an ANSI theme. Monochrome applied to an ANSI
        theme's colours made every text black on black.
        """
        if self.no_color:
            wanted = NoColor() if self.native_ansi_color else Monochrome()
            self._filters = [
                wanted if isinstance(old, (NoColor, Monochrome)) else old for old in self._filters
            ]

    def apply_settings(self, new: Settings) -> None:
        self.settings = new
        self.cues.settings = new
        self._apply_theme(new.theme)
        self._apply_speech()

    # -- the log ------------------------------------------------------------------------------

    def open_log(self) -> None:
        """Open the session log (after the first paint). A problem is kept in ``log_problem``,
        not raised; it and the store's notice (a damaged log set aside) show on the home screen.
        """
        if self.store is not None:
            return
        from homecare.base.errors import UserError

        try:  # tried again each time it is needed: a full disk may have been freed meanwhile
            self.store = self.services.open_log()
            self.log_problem = ""
        except UserError as error:
            self.log_problem = str(error)

    @property
    def log_message(self) -> str:
        """What the home screen says about the log: why it could not open, or its notice."""
        return self.log_problem or (self.store.notice if self.store is not None else "")

    def make_recorder(self, session: SessionController) -> SessionRecorder:
        """The log's recorder for a new session (it keeps the session in memory if no log)."""
        self.recorder = self.services.recorder(
            self.store, session.routine_file, session.engine, self.log_problem
        )
        return self.recorder

    def wait_for_log(self, say: Callable[[str], None]) -> None:
        """After the app closed: wait, bounded and said, for the last session to be saved."""
        if self.recorder is None or self.recorder.flush(0.5):
            return
        say("homecare: saving your session to the log...")
        if not self.recorder.close():
            say(
                f"homecare: your last session could not be saved: {self.recorder.problem} What "
                "was saved at its last step is kept."
            )

    # -- actions offered everywhere -----------------------------------------------------------

    def start_routine(self, routine_file: RoutineFile) -> None:
        from homecare.ui.session import begin

        begin(self, routine_file)

    def action_show_history(self) -> None:
        self.open_log()
        if self.store is None:
            self.notify("The log could not be opened, so there is no history to show.")
            return
        from homecare.ui.screens.history import HistoryScreen

        library = self.services.routines().routines
        self.push_screen(HistoryScreen(self.store, clock=self.services.clock, library=library))

    def action_show_import(self) -> None:
        from homecare.ui.screens.home import ImportScreen

        self.push_screen(ImportScreen())

    def action_show_help(self) -> None:
        from homecare.ui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def action_show_settings(self) -> None:
        from homecare.ui.screens.settings import SettingsScreen

        self.push_screen(SettingsScreen())

    def action_show_guide(self) -> None:
        from homecare.ui.screens.guide import GuideScreen

        self.push_screen(GuideScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from screen_commands(self, screen)
        yield from super().get_system_commands(screen)


def screen_commands(app: HomecareApp, screen: Screen) -> Iterable[SystemCommand]:
    """The home screen's actions in the command palette (Ctrl+P), on the home screen only."""
    start = getattr(screen, "start_selected", None)
    if start is None:
        return
    yield SystemCommand("Start routine", "Start the selected routine", start)
    yield SystemCommand("History", "The sessions you have done", app.action_show_history)
    yield SystemCommand("Import", "Add a routine file from your clinician", app.action_show_import)
    yield SystemCommand(
        "Ice or heat?", "A guide to which one suits, from your answers", app.action_show_guide
    )
    yield SystemCommand("Settings", "Sound, beeps, colours", app.action_show_settings)
    yield SystemCommand("Help", "Keys and what homecare does", app.action_show_help)


def create_app(
    services: Services | None = None,
    settings: Settings | None = None,
    open_routine: RoutineFile | None = None,
) -> HomecareApp:
    """The app, with real services unless told otherwise (tests pass fakes)."""
    return HomecareApp(services, settings, open_routine)
