"""Settings: sound (bell, speech, off), beeps in the last 3 seconds, colours. Saved at once."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from homecare.base import settings as settings_file
from homecare.base.errors import UserError
from homecare.base.settings import Settings
from homecare.ui.typed import homecare_app
from homecare.ui.widgets.keys import KeyBar

SOUND_KEYS = {"1": "bell", "2": "speech", "3": "off"}
SOUND_WORDS = {
    "bell": "bell: ring patterns at each change",
    "speech": "speech: say each cue aloud",
    "off": "off: silent",
}


class SettingsScreen(Screen[None]):
    BINDINGS = [
        *(
            Binding(key, f"sound('{sound}')", sound, show=False)
            for key, sound in SOUND_KEYS.items()
        ),
        Binding("b", "toggle_beeps", "beeps"),
        Binding("t", "next_theme", "colours"),
        Binding("escape,q", "dismiss", "back"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="settings"):
            yield Static("Settings", classes="title", markup=False)
            yield Static(id="choices", markup=False)
            yield Static(id="message", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self._show()

    @property
    def current(self) -> Settings:
        return homecare_app(self).settings

    def _show(self, message: str = "") -> None:
        choices = Text("Sound\n", style="bold")
        for key, sound in SOUND_KEYS.items():
            chosen = sound == self.current.sound
            choices.append(f" {key} ", style="reverse bold")
            choices.append(f" {'(*)' if chosen else '( )'} {SOUND_WORDS[sound]}\n")
        if self.current.sound == "speech" and not homecare_app(self).can_speak:
            choices.append("     No speech command found on this computer: bells instead.\n")
        beeps = "on" if self.current.countdown_beeps else "off"
        choices.append("\nBeep each second in the last 3 seconds\n", style="bold")
        choices.append(" b ", style="reverse bold")
        choices.append(f" {beeps}\n")
        choices.append("\nColours\n", style="bold")
        choices.append(" t ", style="reverse bold")
        choices.append(f" {self.current.theme}  (ansi-dark and ansi-light use your terminal's)\n")
        self.query_one("#choices", Static).update(choices)
        self.query_one("#message", Static).update(message)

    def _change(self, **changes: object) -> None:
        new = replace(self.current, **changes)  # type: ignore[arg-type]
        homecare_app(self).apply_settings(new)
        try:
            settings_file.save(new)
        except UserError as error:
            self._show(f"{error}. The change holds until you close homecare.")
            return
        self._show("Saved.")

    def action_sound(self, sound: str) -> None:
        self._change(sound=sound)

    def action_toggle_beeps(self) -> None:
        self._change(countdown_beeps=not self.current.countdown_beeps)

    def action_next_theme(self) -> None:
        themes = sorted(self.app.available_themes)
        position = themes.index(self.current.theme) if self.current.theme in themes else -1
        self._change(theme=themes[(position + 1) % len(themes)])
