"""Bell patterns, speech command choice and the speaker (no real sound is made)."""

from __future__ import annotations

import sys

from homecare.base.settings import Settings
from homecare.session.bells import RING_GAP_SECONDS
from homecare.session.kinds import PhaseKind
from homecare.ui import cues


def test_terminal_bell_rings_first_at_once_and_spaces_the_rest():
    rung, timers = [], []
    bell = cues.TerminalBell(lambda: rung.append("now"), lambda delay, f: timers.append(delay))
    bell.ring(3)
    assert rung == ["now"]
    assert timers == [RING_GAP_SECONDS, 2 * RING_GAP_SECONDS]


def test_speech_command_per_platform():
    def only(*names):
        return lambda name: f"/usr/bin/{name}" if name in names else None

    mac = cues.find_speech_command("darwin", only("say"))
    assert mac.argv == ("say", "-f", "-") and mac.text_on_stdin
    windows = cues.find_speech_command("win32", only("powershell"))
    assert windows.argv[0] == "powershell" and "System.Speech" in windows.argv[-1]
    assert cues.find_speech_command("linux", only("spd-say")).argv == ("spd-say", "--")
    assert cues.find_speech_command("linux", only("espeak-ng")).argv == ("espeak-ng", "--stdin")
    assert cues.find_speech_command("linux", only()) is None


def test_speaker_passes_text_without_a_shell_and_does_not_wait(tmp_path):
    out = tmp_path / "spoken.txt"
    script = f"import sys; open({str(out)!r}, 'w', encoding='utf-8').write(sys.stdin.read())"
    speaker = cues.Speaker(cues.SpeechCommand((sys.executable, "-c", script), True))
    speaker.say("$(touch x); CONTRACT")
    speaker._process.wait(timeout=10)
    assert out.read_text(encoding="utf-8") == "$(touch x); CONTRACT"


def test_missing_speech_program_is_not_an_error():
    speaker = cues.Speaker(cues.SpeechCommand(("/nonexistent/say",), True))
    speaker.say("hello")  # no exception: speech is a nicety
    speaker.stop()


class Recording:
    def __init__(self) -> None:
        self.rings: list[int] = []
        self.said: list[str] = []

    def ring(self, times: int) -> None:
        self.rings.append(times)

    def say(self, text: str) -> None:
        self.said.append(text)

    def stop(self) -> None:
        pass


def test_speech_setting_speaks_instead_of_ringing():
    fake = Recording()
    spoken = cues.Cues(Settings(sound="speech"), fake, fake)
    spoken.phase_started(PhaseKind.RELAX, "RELAX. Breathe out")
    spoken.session_ended()
    assert fake.said == ["RELAX. Breathe out", "Session finished. Well done."]
    assert fake.rings == []


def test_speech_without_a_command_falls_back_to_the_bell():
    fake = Recording()
    fallback = cues.Cues(Settings(sound="speech"), fake, None)
    fallback.phase_started(PhaseKind.RELAX, "RELAX")
    assert fake.rings == [2]
