"""``homecare edit FILE``: the routine editor on its own, for clinicians.

A file that does not exist yet is started empty and created on the first save; a file that
does not load is refused with its problems (fix them, or start again with ``homecare new``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from homecare.base import streams
from homecare.base.errors import UserError
from homecare.routine.loader import load_file


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE", help="the routine file (.toml)")


def run(args: argparse.Namespace) -> int:
    path: Path = args.file
    if path.suffix.lower() != ".toml":
        raise UserError("a routine file's name must end in .toml")
    routine = load_file(path).routine if path.exists() else None
    if routine is None and not path.parent.is_dir():
        raise UserError(f"the folder {path.parent} does not exist")

    streams.require_terminal("the editor")
    from homecare.ui.screens.editor import EditorApp  # Textual only once the file is fine

    app = EditorApp(path, routine)
    app.run()
    return app.return_code or 0  # 1 when the editor crashed (Textual has shown the traceback)
