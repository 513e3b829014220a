"""``homecare run --plain`` as a real process with pipes (and a pseudo-terminal where there is one).

These take real time: the routines are a second or two long.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time

import pytest

from homecare.log.store import open_store

TINY = """\
format = 1
title = "Tiny"

[[steps]]
type = "reps"
reps = 2
instructions = "Two slow shoulder rolls."

[[steps]]
type = "interval"
[[steps.phases]]
label = "Breathe"
seconds = 1
cue = "Breathe slowly"
"""


@pytest.fixture
def tiny(tmp_path):
    path = tmp_path / "tiny.toml"
    path.write_text(TINY, encoding="utf-8")
    return path


def homecare(*args, **options):
    """``homecare ARGS`` in a child process; its input is never the terminal pytest runs in."""
    options.setdefault("stdin", subprocess.DEVNULL)
    return subprocess.Popen(
        [sys.executable, "-m", "homecare", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        **options,
    )


def logged():
    with open_store() as store:
        return store.sessions(with_steps=True)


def test_from_a_closed_input_it_asks_nothing_and_runs_to_the_end(tiny):
    process = homecare("run", str(tiny), "--plain", stdin=subprocess.DEVNULL)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    lines = out.splitlines()
    assert lines[0] == "Tiny: 2 steps, 1 s of timed phases."
    assert "\aSET: Do 2 repetitions, then confirm (until you are done)" in lines
    assert "  Two slow shoulder rolls." in lines
    assert "\aBreathe: Breathe slowly (1 s)" in lines
    assert lines[-2].startswith("\a\a\a\aSession complete: 0:01 active")
    assert lines[-1] == "Done 2 of 2 steps, skipped 0."
    assert "\r" not in out and "\x1b" not in out  # not a terminal: no redraws, no colour
    (session,) = logged()
    assert (session.status, session.steps_done, session.routine_id) == ("completed", 2, "tiny")


def test_from_a_pipe_an_untimed_phase_goes_on_at_a_line_of_input(tiny):
    process = homecare("run", str(tiny), "--plain", stdin=subprocess.PIPE)
    seen = []
    for line in process.stdout:
        seen.append(line)
        if line.startswith("\aSET:"):
            break
    assert process.poll() is None  # waiting for the line, not for an answer to a question
    process.stdin.write("\n")
    process.stdin.flush()
    rest = process.stdout.read()
    assert process.wait(timeout=30) == 0
    assert "Session complete" in rest
    process.stdin.close()
    process.stderr.close()
    process.stdout.close()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child is POSIX")
def test_ctrl_c_stops_the_session_and_records_it_as_stopped(tmp_path):
    path = tmp_path / "long.toml"
    path.write_text(
        'format = 1\ntitle = "Long"\n[[steps]]\ntype = "rest"\nseconds = 600\n', encoding="utf-8"
    )
    process = homecare("run", str(path), "--plain", stdin=subprocess.PIPE)
    for line in process.stdout:
        if "REST" in line:
            break
    process.send_signal(signal.SIGINT)
    out, _ = process.communicate(timeout=30)
    assert process.returncode == 130
    assert "Session stopped (Ctrl+C pressed)" in out
    (session,) = logged()
    assert (session.status, session.stop_reason) == ("stopped", "Ctrl+C pressed")


def test_a_missing_routine_is_a_clear_message_not_a_traceback(tmp_path):
    process = homecare("run", "nope.toml", "--plain", stdin=subprocess.DEVNULL, cwd=tmp_path)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 2 and "nope.toml" in err and "Traceback" not in err


pty = pytest.importorskip("pty") if sys.platform != "win32" else None


def run_on_a_terminal(path, **env):
    """Run with stdout on a pseudo-terminal and stdin at its end; all it printed."""
    main, side = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "homecare", "run", str(path), "--plain"],
        stdin=subprocess.DEVNULL,
        stdout=side,
        stderr=subprocess.PIPE,
        env={**os.environ, "TERM": "xterm", **env},
    )
    os.close(side)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the terminal closed: the process has ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    assert process.wait(timeout=30) == 0, process.stderr.read()
    process.stderr.close()
    return b"".join(chunks).decode("utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_on_a_terminal_the_countdown_redraws_and_no_color_is_honoured(tmp_path):
    path = tmp_path / "rest.toml"
    path.write_text(
        'format = 1\ntitle = "R"\n[[steps]]\ntype = "rest"\nseconds = 1\n', encoding="utf-8"
    )
    coloured = run_on_a_terminal(path)
    assert "\x1b[1;32mREST\x1b[0m" in coloured
    assert "\r  0:01" in coloured  # the countdown line, redrawn in place
    assert "\x1b" not in run_on_a_terminal(path, NO_COLOR="1")


def converse(path, replies):
    """Run on a pseudo-terminal for both input and output, typing each answer once its prompt
    has appeared (as a patient would); all it printed."""
    main, side = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "homecare", "run", str(path), "--plain"],
        stdin=side,
        stdout=side,
        stderr=subprocess.PIPE,
        env={**os.environ, "TERM": "xterm"},
    )
    os.close(side)
    deadline = time.monotonic() + 30
    shown, searched = b"", 0

    def read_more():
        ready, _, _ = select.select([main], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            process.kill()
            raise AssertionError(f"no prompt in time; shown so far: {shown!r}")
        try:
            return os.read(main, 4096)
        except OSError:  # the terminal closed: the process has ended
            return b""

    for prompt, answer in replies:
        while (found := shown.find(prompt.encode(), searched)) < 0:
            chunk = read_more()
            assert chunk, f"ended before {prompt!r}: {shown!r}"
            shown += chunk
        searched = found + len(prompt)
        os.write(main, answer.encode() + b"\n")
    while chunk := read_more():
        shown += chunk
    os.close(main)
    assert process.wait(timeout=30) == 0, process.stderr.read()
    process.stderr.close()
    return shown.decode("utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_on_a_terminal_it_asks_pain_before_and_after_and_a_note(tmp_path):
    path = tmp_path / "rest.toml"
    path.write_text(
        'format = 1\ntitle = "R"\ncontact = "Clinic 555 0100"\n'
        '[[steps]]\ntype = "rest"\nseconds = 1\n',
        encoding="utf-8",
    )
    shown = converse(
        path,
        [
            ("or just Enter to skip: ", "4"),
            ("or just Enter to skip: ", "8"),
            ("A note for your log (optional), then Enter: ", "stiff"),
        ],
    )
    assert "How much pain do you have right now?" in shown
    assert "Your pain is high or has gone up." in shown and "Your clinic: Clinic 555 0100" in shown
    (session,) = logged()
    assert (session.pain_before, session.pain_after, session.note) == (4, 8, "stiff")
