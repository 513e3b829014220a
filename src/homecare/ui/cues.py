"""Sound cues: a bell pattern per phase kind (``homecare.session.bells``), last-seconds beeps and
optional spoken cues. Speech uses the system's own command and runs in its own process, so it
never blocks the screen.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from homecare.base.settings import Settings
from homecare.session.bells import END_RINGS, RING_GAP_SECONDS
from homecare.session.kinds import PhaseKind


class Bell(Protocol):
    def ring(self, times: int) -> None: ...


class TerminalBell:
    """Rings the terminal bell ``times`` times: the first at once, the rest on timers."""

    def __init__(self, bell: Callable[[], None], set_timer: Callable[..., object]) -> None:
        self._bell = bell
        self._set_timer = set_timer

    def ring(self, times: int) -> None:
        self._bell()
        for n in range(1, times):
            self._set_timer(RING_GAP_SECONDS * n, self._bell)


@dataclass(frozen=True)
class SpeechCommand:
    """A system speech command: ``argv`` plus whether the text goes on stdin or last."""

    argv: tuple[str, ...]
    text_on_stdin: bool


_SAPI = (
    "Add-Type -AssemblyName System.Speech; "
    "(New-Object System.Speech.Synthesis.SpeechSynthesizer).Speak([Console]::In.ReadToEnd())"
)


def find_speech_command(
    platform: str = sys.platform, which: Callable[[str], str | None] = shutil.which
) -> SpeechCommand | None:
    """The system's own speech command, or None. Text never goes through a shell."""
    if platform == "darwin" and which("say"):
        return SpeechCommand(("say", "-f", "-"), text_on_stdin=True)
    if platform == "win32" and which("powershell"):
        return SpeechCommand(("powershell", "-NoProfile", "-Command", _SAPI), text_on_stdin=True)
    if which("spd-say"):
        return SpeechCommand(("spd-say", "--"), text_on_stdin=False)
    for name in ("espeak-ng", "espeak"):
        if which(name):
            return SpeechCommand((name, "--stdin"), text_on_stdin=True)
    return None


class Speaker:
    """Speaks one cue at a time in a child process; a new cue cuts off the previous one."""

    def __init__(self, command: SpeechCommand) -> None:
        self._command = command
        self._process: subprocess.Popen[bytes] | None = None

    def say(self, text: str) -> None:
        self.stop()
        argv = list(self._command.argv)
        if not self._command.text_on_stdin:
            argv.append(text)
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)
        try:
            self._process = subprocess.Popen(
                argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                creationflags=flags,
            )
            assert self._process.stdin is not None
            if self._command.text_on_stdin:
                self._process.stdin.write(text.encode("utf-8"))
            self._process.stdin.close()
        except OSError:
            self._process = None  # speech is a nicety: a failure must not stop the timer

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
        self._process = None


class Cues:
    """Turns what happens in a session into sounds, as the settings ask."""

    def __init__(self, settings: Settings, bell: Bell, speaker: Speaker | None = None) -> None:
        self.settings = settings
        self.bell = bell
        self.speaker = speaker  # set when the sound setting is speech and a command exists

    def _say(self, words: str) -> bool:
        """Say ``words`` if speech is chosen and there is a voice; False to ring instead."""
        if self.settings.sound != "speech" or self.speaker is None:
            return False
        self.speaker.say(words)
        return True

    def phase_started(self, kind: PhaseKind, words: str) -> None:
        if not self._say(words) and self.settings.sound != "off":
            self.bell.ring(kind.rings)

    def say(self, words: str) -> None:
        """Words said only when speech is chosen (a question on screen): no bell of its own."""
        self._say(words)

    def countdown(self) -> None:
        if self.settings.countdown_beeps and self.settings.sound != "off":
            self.bell.ring(1)

    def reminder(self, text: str) -> None:
        if not self._say(text) and self.settings.sound != "off":
            self.bell.ring(1)

    def session_ended(self) -> None:
        if not self._say("Session finished. Well done.") and self.settings.sound != "off":
            self.bell.ring(END_RINGS)

    def close(self) -> None:
        if self.speaker is not None:
            self.speaker.stop()
