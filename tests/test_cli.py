"""The command line as a person meets it: help for every command, errors, --version.

Each case runs in a fresh interpreter, as the `homecare` command does, so a module that imports
Textual at the top is caught: only the commands that open the full screen may load it.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from homecare import __version__
from homecare.cli import COMMANDS

MAY_LOAD_TEXTUAL = {"run", "edit"}  # and no command at all, which opens the app

# Runs `homecare ARGS --help` in-process and reports whether Textual was loaded.
PROBE = """
import sys
from homecare.cli import main
try:
    main(sys.argv[1:])
except SystemExit as done:
    code = done.code
else:
    code = "no exit"
print("textual loaded" if "textual" in sys.modules else "no textual", file=sys.stderr)
sys.exit(code)
"""


def _homecare(
    *args: str, probe: bool = False, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    command = ["-c", PROBE] if probe else ["-m", "homecare"]
    return subprocess.run(
        [sys.executable, *command, *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=env,
    )


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_that_exits_0(name):
    done = _homecare(name, "--help", probe=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"usage: homecare {name} ")
    assert COMMANDS[name].help in done.stdout
    if name not in MAY_LOAD_TEXTUAL:
        assert done.stderr.strip() == "no textual", f"homecare {name} --help loaded Textual"


@pytest.mark.parametrize(
    "args", [("--help",), ("--help", "check"), ("--he", "show"), ("-h", "run")]
)
def test_the_main_help_lists_every_command(args):
    done = _homecare(*args, probe=True)
    assert done.returncode == 0 and done.stderr.strip() == "no textual"
    for name, command in COMMANDS.items():
        assert name in done.stdout and command.help in done.stdout


@pytest.mark.parametrize("columns", [40, 50])
def test_help_fits_the_width_in_COLUMNS_as_argparse_reads_it(columns):
    done = _homecare("check", "--help", env={**os.environ, "COLUMNS": str(columns)})
    widest = max(map(len, done.stdout.splitlines()))
    assert done.returncode == 0 and columns - 20 < widest <= columns - 2


def test_an_unknown_command_exits_2_naming_it_and_the_choices():
    done = _homecare("shwo")
    assert done.returncode == 2 and done.stdout == ""
    assert "invalid choice: 'shwo'" in done.stderr and "'show'" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_misspelt_option_exits_2_naming_it():
    done = _homecare("check", "--strcit", "x.toml")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.endswith("homecare: error: unrecognized arguments: --strcit\n")


def test_python_m_homecare_version():
    done = _homecare("--version")
    assert (done.returncode, done.stdout, done.stderr) == (0, f"homecare {__version__}\n", "")
