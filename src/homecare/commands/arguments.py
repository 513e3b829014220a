"""Arguments that several commands share, written once so they read and behave alike."""

from __future__ import annotations

import argparse
from pathlib import Path


def routine_and_output(parser: argparse.ArgumentParser, *, output: str, help: str) -> None:
    """A routine (file or id), the required ``-o`` file it is written to (``output`` is its
    metavar, ``help`` says what it holds), and ``--force`` to replace that file."""
    parser.add_argument("routine", metavar="FILE|NAME", help="a routine file or a routine's id")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar=output, help=help)
    parser.add_argument("--force", action="store_true", help=f"replace {output} if it exists")
