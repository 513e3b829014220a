"""``homecare run FILE|NAME``: run a routine, full screen or (``--plain``) as lines of text.

The plain runner is recorded in the session log like the app: on a terminal it asks the app's
questions (ice/heat safety check, pain before and after, a note); a Ctrl+C is recorded as stopped.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from datetime import date

from homecare.base import settings
from homecare.log.before_session import BeforeSession, before_session
from homecare.log.recorder import QUIT_WAIT_SECONDS, SessionRecorder
from homecare.log.store import LogUnavailable, open_store
from homecare.plain.input import LineReader
from homecare.plain.runner import PlainRunner
from homecare.plain.terminal import Style
from homecare.routine.library import resolve
from homecare.routine.model import RoutineFile
from homecare.session.clock import SystemClock
from homecare.session.engine import Engine
from homecare.session.plan import compile_plan


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "routine",
        metavar="FILE|NAME",
        help="a routine file, or the name of one in your library or the examples (homecare list)",
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help="plain text, one line per cue, no full screen: for screen readers, slow terminals "
        "and scripts (on a terminal: the safety check and pain questions, Enter confirms; from "
        "a pipe, each line confirms and nothing is asked)",
    )


def run(args: argparse.Namespace) -> int:
    routine_file = resolve(args.routine)
    if not args.plain:
        from homecare.commands.app import launch

        return launch(routine_file)
    return run_plain(routine_file)


def run_plain(routine_file: RoutineFile) -> int:
    """Run in plain text on standard input and output, recording the session in the log."""
    chosen, problems = settings.load()
    for problem in problems:
        print(f"homecare: settings: {problem}", file=sys.stderr)
    clock = SystemClock()
    before = _what_the_log_says(routine_file, clock.wall().date())
    engine = Engine(compile_plan(before.routine_file.routine), clock)
    recorder = SessionRecorder.open(before.routine_file, engine)  # opens the log on its own thread
    style = Style.detect(
        sys.stdout, sys.stdin, bells=chosen.sound != "off", countdown_beeps=chosen.countdown_beeps
    )
    runner = PlainRunner(
        engine,
        LineReader(sys.stdin),
        sys.stdout,
        style,
        recorder,
        first_session=before.first_session,
        last_psfs=before.last_psfs,
        where=before.where,
    )
    try:
        code = runner.run()
    except BrokenPipeError:  # the reader went away (e.g. `| head`); the stop is recorded
        _silence_stdout()
        _last_write(recorder)
        return 1
    if not _last_write(recorder):
        return code
    runner.tell_log()  # what the last writes found (a damaged log, a full disk)
    return code


def _what_the_log_says(routine_file: RoutineFile, today: date) -> BeforeSession:
    """Today's stage, the first session and the last PSFS (homecare.log.before_session); a log
    that cannot be opened answers as a first session would."""
    store = None
    try:
        with open_store() as store:
            return before_session(store, routine_file, today)
    except (LogUnavailable, sqlite3.Error, OSError):
        return before_session(None, routine_file, today)
    finally:  # a log found damaged here is set aside now: the recorder opens a sound one
        if store is not None and store.notice:
            print(f"homecare: {store.notice}", file=sys.stderr)


def _last_write(recorder: SessionRecorder) -> bool:
    """Wait, bounded and said, for the session to reach the log; True if it did."""
    if not recorder.flush(0.5):
        print(
            f"homecare: saving the session to the log (waiting up to {QUIT_WAIT_SECONDS:.0f} s)...",
            file=sys.stderr,
        )
    if recorder.close(QUIT_WAIT_SECONDS):
        return True
    print(
        f"homecare: the session could not be saved: {recorder.problem or 'the log is busy'}. "
        "What was saved at the last step boundary is kept.",
        file=sys.stderr,
    )
    return False


def _silence_stdout() -> None:
    """Point stdout at the null device so Python's exit flush does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
