"""``homecare log recover FILE``: copy every session that can still be read from a damaged log
(one that homecare set aside as ``log-damaged-*.sqlite3``) into the log in use."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from homecare.log.recover import recover
from homecare.log.store import open_store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    recovering = actions.add_parser(
        "recover",
        help="copy every readable session from a damaged log into your log",
        description="Copy every session that can still be read from FILE (a damaged log that "
        "homecare set aside) into your log. FILE is only read, never changed; sessions "
        "already in your log are not copied twice.",
    )
    recovering.add_argument("file", type=Path, metavar="FILE", help="the damaged log kept aside")


def run(args: argparse.Namespace) -> int:
    with open_store() as store:
        result = recover(args.file, store)
        if store.notice:
            print(f"homecare: {store.notice}", file=sys.stderr)
    already = result.found - result.copied
    print(
        f"Read {result.found:,} session{'s' if result.found != 1 else ''} from {args.file}; "
        f"copied {result.copied:,} into your log"
        + (f" ({already:,} were there already)" if already else "")
        + "."
    )
    if result.skipped_ranges:
        print(
            f"{result.skipped_ranges:,} damaged part(s) of the file could not be read; "
            "what was on them is lost. The file is left as it was."
        )
    return 0
