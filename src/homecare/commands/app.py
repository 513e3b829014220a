"""``homecare`` with no command: open the app (``launch`` also serves ``homecare run NAME``)."""

from __future__ import annotations

import argparse
import gc
import sys
from typing import TYPE_CHECKING

from homecare.base import streams

if TYPE_CHECKING:
    from homecare.routine.model import RoutineFile


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The app takes no options of its own (``--data-dir`` is the CLI's)."""


def run(args: argparse.Namespace) -> int:
    return launch()


def launch(routine_file: RoutineFile | None = None) -> int:
    """Open the app, optionally straight into ``routine_file`` (safety check, pain, run).

    ``UserError`` when standard input or output is not a terminal (see ``homecare.base.streams``).
    Returns 0. A session still running when the app closes (Ctrl+C, Ctrl+Q, SIGTERM, the
    terminal closed) has been recorded as stopped by then.
    """
    streams.require_terminal("the full-screen app")
    # Importing Textual and the app is most of the start-up, and everything it creates lives
    # as long as the app: collecting garbage meanwhile finds none (about 13 ms wasted on a
    # 2-core machine). Frozen afterwards, those objects are skipped by every later collection.
    gc.disable()
    from homecare.ui.app import create_app

    gc.freeze()
    gc.enable()
    if routine_file is not None and routine_file.routine.has_pictures:
        from homecare.ui.widgets.picture import detect_graphics

        detect_graphics()  # the terminal can be asked only before the app starts
    app = create_app(open_routine=routine_file)
    app.run()
    app.wait_for_log(lambda words: print(words, file=sys.stderr))
    # By now the session is recorded, the log closed and the terminal restored. Freezing the
    # objects left over spares Python's final collection from visiting every one of them
    # before the process ends: quitting took about 90 ms less (measured in bench/run).
    gc.freeze()
    return app.return_code or 0
