"""Run a program in a real pseudo-terminal and watch what it draws, with timestamps.

The program sees an 80x24 terminal it controls (``os.forkpty``), as in a terminal emulator:
Textual's driver and curses behave exactly as they would for a patient. The bench reads the
output as it comes, feeds it to a ``Screen``, and records when things appear. Exit times come
from a pidfd (Linux 5.3+), so they are exact to the wake-up; CPU time comes from /proc.
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import termios
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from benchlib.screen import Screen

COLS, ROWS = 80, 24
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Exit:
    at: float  # monotonic time the process was seen to exit
    status: int  # as returned by waitpid
    max_rss_kib: int
    cpu_seconds: float  # user + system over the whole life of the process

    @property
    def code(self) -> int | None:
        return os.waitstatus_to_exitcode(self.status)


class PtyProcess:
    """One program running in its own pseudo-terminal; call ``pump`` to read what it writes."""

    def __init__(
        self,
        argv: list[str],
        env: dict[str, str],
        cwd: str | None = None,
        piped_input: bool = False,
    ) -> None:
        """``piped_input``: standard input is a pipe the bench holds open (a script feeding the
        program) while output still goes to the terminal."""
        self.argv = argv
        self.screen = Screen(COLS, ROWS)
        self.lines: list[tuple[float, str]] = []  # complete output lines with arrival times
        self.bell_times: list[float] = []  # when each terminal bell arrived
        self.exit: Exit | None = None
        self._partial = ""
        self.last_output_at: float | None = None
        self.output_times: list[float] = []  # when each read returned output
        self.bell_only_times: list[float] = []  # the reads that held nothing but bells
        self.input_pipe: int | None = None
        reader, writer = os.pipe() if piped_input else (None, None)
        self.started = time.monotonic()
        pid, fd = os.forkpty()
        if pid == 0:  # child: size the terminal, then become the program
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
                # Ctrl+C and Ctrl+\ as on a terminal. A bench started in the background by a
                # shell ignores them, every program it starts would too (an ignored signal
                # stays ignored across exec, and Python then sets no KeyboardInterrupt), and
                # a Ctrl+C sent to the program would do nothing.
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                signal.signal(signal.SIGQUIT, signal.SIG_DFL)
                if reader is not None:
                    os.dup2(reader, 0)
                    os.close(reader)
                    os.close(writer)
                if cwd:
                    os.chdir(cwd)
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid = pid
        self.fd = fd
        if reader is not None:
            os.close(reader)
            self.input_pipe = writer
        self.pidfd = os.pidfd_open(pid) if hasattr(os, "pidfd_open") else None

    # --- reading -------------------------------------------------------------------------

    def pump(self, timeout: float) -> bool:
        """Read whatever arrives within ``timeout`` seconds. False once the process has exited."""
        return pump_all([self], timeout) and self.exit is None

    def _read(self) -> None:
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            data = b""
        if not data:
            self._reap(block=True)
            return
        now = time.monotonic()
        self.last_output_at = now
        self.output_times.append(now)
        if not data.strip(b"\a"):
            self.bell_only_times.append(now)
        rung = self.screen.bells
        self.screen.feed(data)  # counts real bells, not the BEL that ends an OSC sequence
        self.bell_times.extend([now] * (self.screen.bells - rung))
        text = data.decode("utf-8", errors="replace")
        pieces = (self._partial + text).split("\n")
        self._partial = pieces.pop()
        self.lines.extend((now, piece) for piece in pieces)

    def _reap(self, block: bool) -> None:
        if self.exit is not None:
            return
        pid, status, usage = os.wait4(self.pid, 0 if block else os.WNOHANG)
        if pid == 0:
            return
        self.exit = Exit(time.monotonic(), status, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)
        if self.pidfd is not None:
            os.close(self.pidfd)
            self.pidfd = None

    # --- waiting for things ----------------------------------------------------------------

    def output(self) -> str:
        """Everything written so far, escape sequences included."""
        return "\n".join(line for _, line in self.lines) + "\n" + self._partial

    def wait_for(
        self,
        condition: Callable[[PtyProcess], bool],
        timeout: float,
        also: Iterable[PtyProcess] = (),
    ) -> float | None:
        """The monotonic time at which ``condition`` first held, or None after ``timeout``.
        Processes in ``also`` are kept drained meanwhile, so their timestamps stay true."""
        deadline = time.monotonic() + timeout
        while not condition(self):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.exit is not None:
                return None
            pump_all([self, *also], min(remaining, 0.5))
        return time.monotonic()

    def wait_for_text(self, *markers: str, timeout: float = 10.0) -> float | None:
        return self.wait_for(lambda p: p.screen.contains(*markers), timeout)

    def wait_settled(self, quiet: float = 0.05, timeout: float = 10.0) -> float | None:
        """When the first drawing burst ended: the time of the last output before the screen,
        once something visible is on it, stayed unchanged for ``quiet`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.exit is None:
            drawn = self.screen.text().strip() and self.last_output_at is not None
            if drawn and time.monotonic() - self.last_output_at >= quiet:
                return self.last_output_at
            pump_all([self], quiet / 5)
        return None

    def wait_exit(self, timeout: float) -> Exit | None:
        deadline = time.monotonic() + timeout
        while self.exit is None and time.monotonic() < deadline:
            pump_all([self], min(0.5, max(0.0, deadline - time.monotonic())))
            self._reap(block=False)
        return self.exit

    # --- acting on it -------------------------------------------------------------------------

    def send(self, data: bytes | str) -> float:
        if isinstance(data, str):
            data = data.encode("utf-8")
        sent_at = time.monotonic()
        os.write(self.fd, data)
        return sent_at

    def cpu_seconds(self) -> float:
        """CPU time so far, user + system, from /proc/<pid>/stat (clock-tick resolution)."""
        with open(f"/proc/{self.pid}/stat", encoding="utf-8") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        utime, stime, cutime, cstime = (int(value) for value in fields[11:15])
        return (utime + stime + cutime + cstime) / CLOCK_TICKS

    def cpu_seconds_precise(self) -> float | None:
        """CPU time of the live threads in nanoseconds from schedstat, where the kernel has it."""
        total = 0
        try:
            for task in os.listdir(f"/proc/{self.pid}/task"):
                with open(f"/proc/{self.pid}/task/{task}/schedstat", encoding="utf-8") as stat:
                    total += int(stat.read().split()[0])
        except (OSError, ValueError, IndexError):
            return None
        return total / 1e9

    def peak_rss_kib(self) -> int | None:
        """VmHWM of the live process (the same figure wait4 reports as ru_maxrss at exit)."""
        try:
            with open(f"/proc/{self.pid}/status", encoding="utf-8") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return None

    def kill(self) -> None:
        if self.exit is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.wait_exit(5)
        self.close()

    def close(self) -> None:
        for fd in (self.fd, self.pidfd, self.input_pipe):
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self.fd = -1
        self.pidfd = None
        self.input_pipe = None

    def __enter__(self) -> PtyProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.kill()


def pump_all(processes: Iterable[PtyProcess], timeout: float) -> bool:
    """Read from every live process for up to ``timeout`` seconds (returns after the first
    batch of activity). Keeping the terminals drained matters: a program blocks when its
    terminal's buffer is full, as it would behind a frozen terminal emulator."""
    watched: dict[int, tuple[PtyProcess, str]] = {}
    for process in processes:
        if process.exit is None and process.fd >= 0:
            watched[process.fd] = (process, "out")
            if process.pidfd is not None:
                watched[process.pidfd] = (process, "exit")
    if not watched:
        return False
    ready, _, _ = select.select(list(watched), [], [], timeout)
    for fd in ready:
        process, what = watched[fd]
        if what == "out":
            process._read()
        else:
            process._reap(block=False)
    return True


def run_for(processes: list[PtyProcess], seconds: float) -> None:
    """Keep every terminal drained for ``seconds``."""
    deadline = time.monotonic() + seconds
    while (remaining := deadline - time.monotonic()) > 0:
        if not pump_all(processes, min(remaining, 0.5)):
            time.sleep(min(remaining, 0.5))
