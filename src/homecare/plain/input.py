"""Input for the plain runner: lines typed (or piped) and the questions answered with them.

Lines are read on a background thread (``LineReader``) so the runner can wait for the engine's
next deadline or the next line, whichever comes first, without polling; ``Asker`` turns lines
into answers (a choice, a pain rating, a note). Kept apart from the terminal output and the
session loop so each can be read, and faked in tests, on its own.
"""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Sequence
from typing import Protocol, TextIO

from homecare.base.text import literal
from homecare.session import wording
from homecare.session.safety import Answer

# On Windows a wait on a lock cannot be interrupted by Ctrl+C (CPython issue 29971), so waits
# for a line are cut into seconds there; elsewhere an untimed phase waits without waking.
LONGEST_WAIT = 1.0 if sys.platform == "win32" else None
END_OF_INPUT = object()  # what LineReader.get returns once, when input ends


class Lines(Protocol):
    def get(self, timeout: float | None) -> object:
        """The next line, END_OF_INPUT (once), or None if ``timeout`` seconds pass first."""
        ...


class LineReader:
    """Lines from a stream, read on a daemon thread so waiting for them can time out."""

    def __init__(self, stream: TextIO) -> None:
        self._lines: queue.Queue[object] = queue.Queue()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: TextIO) -> None:
        try:
            for line in stream:
                self._lines.put(line.rstrip("\r\n"))
        except (OSError, ValueError):
            pass  # a closed or broken input is the same as its end
        self._lines.put(END_OF_INPUT)

    def get(self, timeout: float | None) -> object:
        """The next line, END_OF_INPUT (once), or None if ``timeout`` seconds pass first."""
        try:
            return self._lines.get(timeout=timeout)
        except queue.Empty:
            return None


class NoAnswer(Exception):
    """Input ended while a question waited for its answer."""


class Asker:
    """Questions on a terminal, each answered by typing a short answer and Enter.

    The choices are shown in words with the answer to type; a wrong answer asks again.
    """

    def __init__(self, inputs: Lines, out: TextIO) -> None:
        self.inputs = inputs  # may hand back lines typed before the question was asked
        self.out = out

    def choice(self, question: str, answers: Sequence[Answer]) -> Answer:
        """One of ``answers``, by its key or its words ("1", "yes", "not sure")."""
        self.out.write(question + "\n")
        for answer in answers:
            self.out.write(f"  {answer.key} = {answer.label}\n")
        keys = [answer.key for answer in answers]
        prompt = f"Type {', '.join(keys[:-1])} or {keys[-1]}, then Enter: "
        while True:
            reply = self.text(prompt).lower()
            for answer in answers:
                if reply in (answer.key, answer.value.lower(), answer.label.lower()):
                    return answer
            self.out.write("That is not one of the answers.\n")

    def pain(self, question: str) -> int | None:
        """A rating from 0 to 10, or None when the patient just presses Enter."""
        self.out.write(f"{question} {wording.PAIN_SCALE}\n")
        while True:
            reply = self.text("Type a number from 0 to 10, or just Enter to skip: ")
            if not reply:
                return None
            if reply in {str(rating) for rating in range(11)}:
                return int(reply)
            self.out.write("Please type a whole number from 0 to 10.\n")

    def text(self, prompt: str) -> str:
        """A line typed after ``prompt``, without surrounding spaces or control characters;
        NoAnswer at end of input."""
        self.out.write(prompt)
        self.out.flush()
        line = None
        try:
            while line is None:  # LONGEST_WAIT keeps Ctrl+C working on Windows
                line = self.inputs.get(LONGEST_WAIT)
        except KeyboardInterrupt:
            self.out.write("\n")  # what follows starts on a line of its own
            raise
        if line is END_OF_INPUT:
            self.out.write("\n")
            raise NoAnswer
        return literal(str(line)).strip()  # a typed escape sequence is not kept in the log
