"""The minimal Textual reference: a Digits countdown updated once a second.

This is the yardstick homecare's start-up, CPU and memory are compared with: the least a
Textual 8 timer can do. It counts down from the given number of seconds (default 20 minutes),
computing what to show from the monotonic clock, and quits on q or Ctrl+C.

If BENCH_TICK_LOG names a file, the monotonic time of the start and of every tick is appended
to it, so the bench can see how punctual Textual's own once-a-second timer is.

With phases (``reference_app.py 1200 contract:10 relax:30``) it is the least a Textual timer of
PIR cycles can be: the countdown counts down each phase in turn, round and round, and the label
says which phase it is (a new word each phase change, as homecare's band).
"""

from __future__ import annotations

import os
import sys
import time

from textual.app import App, ComposeResult
from textual.widgets import Digits, Label


class ReferenceCountdown(App[None]):
    CSS = "Screen { align: center middle; } Digits { width: auto; }"
    BINDINGS = [("q", "quit", "Quit"), ("ctrl+c", "quit", "Quit")]

    def __init__(self, seconds: int, phases: list[tuple[str, int]] | None = None) -> None:
        super().__init__()
        self.seconds = seconds
        self.phases = phases or []
        self.phase = 0
        self.tick_log = None

    def compose(self) -> ComposeResult:
        yield Digits(self._shown(self.phases[0][1] if self.phases else self.seconds))
        yield Label(self._label(0))

    def on_mount(self) -> None:
        self.started = time.monotonic()
        if path := os.environ.get("BENCH_TICK_LOG"):
            self.tick_log = open(path, "a", encoding="utf-8")
            self._log(self.started)
        self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        now = time.monotonic()
        left = max(0, round(self.seconds - (now - self.started)))
        shown = left
        if self.phases:
            cycle = sum(seconds for _, seconds in self.phases)
            into = round(now - self.started) % cycle
            for index, (_, seconds) in enumerate(self.phases):
                if into < seconds:
                    shown = seconds - into
                    if index != self.phase:
                        self.phase = index
                        self.query_one(Label).update(self._label(index))
                    break
                into -= seconds
        self.query_one(Digits).update(self._shown(shown))
        if self.tick_log:
            self._log(now)
        if left == 0:
            self.exit()

    def _log(self, moment: float) -> None:
        self.tick_log.write(f"{moment:.6f}\n")
        self.tick_log.flush()

    def _label(self, phase: int) -> str:
        name = f"{self.phases[phase][0]}: " if self.phases else ""
        return f"{name}reference countdown, q to quit"

    @staticmethod
    def _shown(seconds: int) -> str:
        return f"{seconds // 60:02d}:{seconds % 60:02d}"


if __name__ == "__main__":
    phases = [(name, int(seconds)) for name, seconds in (a.split(":") for a in sys.argv[2:])]
    ReferenceCountdown(int(sys.argv[1]) if len(sys.argv) > 1 else 1200, phases).run()
