"""The `homecare` command line.

Each subcommand lives in its own module under ``homecare.commands`` and is imported only when
it is used, so commands that need no UI never pay for importing Textual. A command module has
``add_arguments(parser)`` and ``run(args) -> int``.

Exit codes: 0 success, 1 warnings only (``check --strict``) or the output could not be written
(a closed pipe, a full disk: see ``homecare.base.streams``), 2 bad input (a clear message on stderr,
never a traceback), 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
from importlib import import_module
from pathlib import Path
from typing import Any, NamedTuple

from homecare import __version__
from homecare.base import streams
from homecare.base.errors import UserError


class Command(NamedTuple):
    module: str
    help: str


COMMANDS: dict[str, Command] = {
    "run": Command("homecare.commands.run", "run a routine (full screen, or --plain for text)"),
    "list": Command("homecare.commands.list_routines", "list the routines you can run"),
    "check": Command("homecare.commands.check", "check routine files for problems"),
    "show": Command("homecare.commands.show", "summarise a routine: steps, timings, warnings"),
    "schema": Command("homecare.commands.schema", "print the JSON Schema of routine files"),
    "history": Command("homecare.commands.history", "show the sessions you have done"),
    "report": Command("homecare.commands.report", "write a report for your clinician"),
    "new": Command("homecare.commands.new", "write a new routine file (for clinicians)"),
    "edit": Command("homecare.commands.edit", "edit a routine file in the editor screen"),
    "import": Command("homecare.commands.import_routine", "add routine files to your library"),
    "handout": Command("homecare.commands.handout", "write a printable handout of a routine"),
    "remind": Command("homecare.commands.remind", "write calendar reminders (.ics) for a routine"),
    "log": Command("homecare.commands.log", "look after the session log (recover a damaged one)"),
    "pack": Command("homecare.commands.pack", "pack a routine and its pictures into one file"),
}


def _chosen_command(argv: list[str]) -> str | None:
    """The subcommand named on the command line, found before parsing so only it is imported.

    It is the first word that is not an option or the value of one (``--data-dir run`` names
    a folder called "run"); argparse also accepts ``--data-dir`` shortened, as ``--data``.
    None after ``--help`` (or ``-h``, or ``--he``): that shows the main help, naming every command.
    """
    tokens = iter(argv)
    for token in tokens:
        if token == "--":
            token = next(tokens, "")
        elif token == "-h" or (len(token) > 2 and "--help".startswith(token)):
            return None
        elif len(token) > 2 and "--data-dir".startswith(token):
            next(tokens, None)  # the folder
            continue
        elif token.startswith("-"):
            continue
        return token if token in COMMANDS else None
    return None


class HelpFormatter(argparse.HelpFormatter):
    """argparse's layout, with the terminal's width found without importing ``shutil``.

    argparse makes a formatter for every option it adds, and its own asks ``shutil`` for the
    width: importing shutil (with bz2, lzma and fnmatch) costs every command about 2 ms.
    """

    def __init__(self, prog: str, **options: Any) -> None:
        options.setdefault("width", _columns() - 2)  # as argparse does
        super().__init__(prog, **options)


def _columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` finds it: $COLUMNS, the terminal, 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0 and sys.__stdout__ is not None:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (ValueError, OSError):  # a closed stdout, or not a terminal
            columns = 0
    return columns if columns > 0 else 80


def build_parser(argv: list[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="homecare",
        formatter_class=HelpFormatter,
        description="A guided home-care exercise timer. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"homecare {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help="where the session log and your routine library live (default: your data folder; "
        "also HOMECARE_DATA_DIR)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    chosen = _chosen_command(argv)
    # A subparser costs about half a millisecond (argparse looks up translations for it), so a
    # named command gets only its own; the main help and "invalid choice" need them all.
    for name, command in COMMANDS.items():
        if chosen is None or name == chosen:
            sub = subparsers.add_parser(
                name, help=command.help, description=command.help, formatter_class=HelpFormatter
            )
        if name == chosen:
            import_module(command.module).add_arguments(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    streams.prepare()
    try:
        code = _run(sys.argv[1:] if argv is None else list(argv))
        sys.stdout.flush()
    except UserError as error:
        streams.say(f"homecare: {error}")
        return 2
    except KeyboardInterrupt:
        return 130
    except SystemExit:  # argparse after --help, --version or a usage error
        try:
            sys.stdout.flush()
        except OSError:
            streams.discard_output()
            return 1  # as for any output that could not be written
        raise
    except OSError as error:
        if not streams.output_failed(error):
            raise
        if not isinstance(error, BrokenPipeError):  # a closed pipe is the reader's choice
            streams.say(f"homecare: could not write the output: {error.strerror or error}")
        return 1
    return code


def _run(argv: list[str]) -> int:
    args = build_parser(argv).parse_args(argv)
    if args.data_dir is not None:
        os.environ["HOMECARE_DATA_DIR"] = str(args.data_dir)
    module = "homecare.commands.app" if args.command is None else COMMANDS[args.command].module
    return import_module(module).run(args)
