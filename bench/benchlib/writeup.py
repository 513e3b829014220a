"""bench/RESULTS.md: the machine, the date, the table, how each figure was taken, the commands."""

from __future__ import annotations

from datetime import datetime

from benchlib.context import Bench

METHOD = """\
- **Terminal.** Every full-screen figure comes from a real pseudo-terminal of 80x24
  (`os.forkpty`, TERM=xterm-256color), read continuously by the bench and replayed onto a small
  screen model (`bench/benchlib/screen.py`).
- **First paint** is the moment the screen first holds the subject's marker text (the reference
  app's label; homecare's home screen with its routine list and key bar), measured from the
  fork. termdown (curses) draws its digits in one burst; its first paint is the end of that
  burst (no output for 50 ms after). Runs of the subjects are interleaved.
- **Quitting** is from writing the key (q, or Ctrl+C in a session) to the process's exit
  (pidfd), which includes restoring the terminal.
- **Memory** is the peak resident set (`ru_maxrss` from `wait4`) of the process over its life.
- **CPU** is user+system time from `/proc/<pid>/task/*/schedstat` (nanoseconds; `/proc/<pid>/stat`
  ticks agree within a tick) over consecutive windows after a warm-up, with all three subjects
  running at once on their own terminals; expressed in CPU-seconds per minute.
- **Display updates** are bursts of terminal output (gap > 50 ms) while the session runs:
  how many per second, and how far each lies from the whole second after the session started.
- **Punctuality on a fake clock** drives `homecare.session.engine.Engine` with
  `homecare.session.clock.FakeClock` through a 20-minute routine, waking at each `next_deadline()` plus
  a random lateness of up to 15 ms (a busy event loop), and compares every phase change with the
  plan's schedule (cumulative phase durations from the start).
- **Punctuality on a real clock** runs `homecare run FILE --plain` for about a minute in a
  pseudo-terminal and timestamps each terminal bell as it arrives, against the plan's schedule
  from the first phase's start. The session's end is its "Session complete" line against start +
  the plan's total; with input from a script, the process then rings the whole end-of-session
  pattern (on a terminal someone may be listening) and its exit is timed from the last ring.
- **CLI commands** are fresh processes timed from spawn to exit (output captured), interleaved
  with `python -c pass` and `termdown --help`; Textual imports are found with `-X importtime`.
- **Logs** are generated with `benchlib.synthetic.fill_log` into folders under
  bench/out/data/ at the start of each run.
"""


def results_markdown(
    bench: Bench, machine: dict[str, str], started: datetime, elapsed: float, argv: list[str]
) -> str:
    mode = "quick (smoke run; short durations, few repeats)" if bench.quick else "full"
    command = " ".join(["bench/run", *argv])
    lines = [
        "# Benchmark results",
        "",
        f"Written by `{command}` on {started:%Y-%m-%d %H:%M %Z} ({mode}; took {elapsed:.0f} s).",
        "Figures are medians with (min–max, n = number of runs or windows). Targets are from",
        "issues 7 and 17; a ratio target is computed from the reference measured in the same run",
        "under the same Python (the table names the Python of each figure).",
        "Why figures miss their targets, and what would fix them: bench/README.md, Findings.",
        "",
        "## Machine",
        "",
        *(f"- {key}: {value}" for key, value in machine.items()),
        "",
        "## Results",
        "",
        bench.report.markdown_table(),
        "",
    ]
    if bench.report.notes:
        lines += ["## Notes", ""]
        for section, notes in bench.report.notes.items():
            lines += [f"- {section}: {note}" for note in notes]
        lines.append("")
    lines += [
        "## How the figures are taken",
        "",
        METHOD,
        "## Commands",
        "",
        "Every command ran with TERM=xterm-256color, LANG=C.UTF-8 and",
        "HOMECARE_CONFIG_DIR=bench/out/data/config; full-screen ones in an 80x24 pseudo-terminal.",
        "",
    ]
    for section, commands in bench.report.commands.items():
        lines += [f"{section}:", "", "```", *commands, "```", ""]
    return "\n".join(lines)
