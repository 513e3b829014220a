"""The whole CLI where real machines differ: a console that cannot show every character, a
closed standard input, an output that goes away. Never a traceback, never a hang.

Each case runs ``python -m homecare`` in a fresh process, as a person or a script would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX shell redirections")
TITLE = "Back \u2713 \u0421\u043f\u0438\u043d\u0430"  # a check mark and Cyrillic
ROUTINE = f'format = 1\ntitle = "{TITLE}"\n[[steps]]\ntype = "rest"\nseconds = 1\n'


def homecare(*args: str, env: dict[str, str] | None = None, **options):
    options.setdefault("stdin", subprocess.DEVNULL)
    options.setdefault("capture_output", "stdout" not in options)
    return subprocess.run(
        [sys.executable, "-m", "homecare", *args],
        env={**os.environ, **(env or {})},
        timeout=60,
        **options,
    )


def shell(script: str, **options):
    """``script`` in bash with ``$HC`` running homecare; (exit code, output and errors)."""
    done = subprocess.run(
        ["bash", "-c", script],
        env={**os.environ, "HC": f"{sys.executable} -m homecare"},
        capture_output=True,
        text=True,
        timeout=60,
        **options,
    )
    return done.returncode, done.stdout + done.stderr


@pytest.fixture
def unicode_routine(tmp_path) -> Path:
    path = tmp_path / "back.toml"
    path.write_text(ROUTINE, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["show", "import", "handout"])
def test_a_cp1252_console_gets_question_marks_not_a_crash(unicode_routine, tmp_path, command):
    args = [command, str(unicode_routine)]
    if command == "handout":
        args += ["-o", str(tmp_path / "h.md")]
    done = homecare(*args, env={"PYTHONIOENCODING": "cp1252"})
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    assert "Back ? ?????".encode("cp1252") in done.stdout


@pytest.mark.parametrize("command", [["list"], ["history"], ["show", "demo"], ["--help"]])
def test_a_closed_pipe_ends_quietly(command):
    """As ``homecare list | head -c1`` once ``head`` has gone: the pipe has no reader."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        done = homecare(*command, stdout=writer, stderr=subprocess.PIPE)
    finally:
        os.close(writer)
    assert done.stderr == b""
    # argparse itself ignores a failed write of the help on Python 3.11 and later (exit 0)
    assert done.returncode == 1 or (command == ["--help"] and sys.version_info >= (3, 11))


@posix_only
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_output_is_one_line_of_words():
    code, output = shell("$HC list > /dev/full")
    assert code == 1
    assert output == "homecare: could not write the output: No space left on device\n"


@posix_only
@pytest.mark.parametrize("redirect", ["<&-", "</dev/null >/dev/null", ">&-"])
def test_the_full_screen_app_needs_a_terminal(unicode_routine, redirect):
    code, output = shell(f"$HC run {unicode_routine} 2>&1 {redirect}")
    assert code == 2
    assert output == (
        "homecare: the full-screen app needs a terminal for its input and output; "
        "from a script or a pipe, use: homecare run NAME --plain\n"
    )


@posix_only
def test_the_plain_runner_with_stdin_closed_runs_to_the_end(unicode_routine):
    code, output = shell(f"$HC run {unicode_routine} --plain <&- 2>&1")
    assert code == 0 and "Traceback" not in output and "Exception" not in output
    assert "Back" in output


@posix_only
def test_a_reader_gone_mid_session_ends_the_plain_runner_quietly_and_logs_the_stop(tmp_path):
    routine = tmp_path / "short.toml"
    routine.write_text(
        ROUTINE.replace("[[steps]]", "[[steps]]\nname = 'breath'")
        + '[[steps]]\ntype = "rest"\nseconds = 1\n' * 5,
        encoding="utf-8",
    )
    # The reader leaves at the first cue: the session has started, and five steps are to come.
    code, output = shell(
        f"$HC run {routine} --plain </dev/null 2>&1 | grep -m1 REST >/dev/null; "
        "echo exit ${PIPESTATUS[0]}; $HC history"
    )
    assert "Traceback" not in output and "exit 1" in output
    assert "stopped: output closed" in output
