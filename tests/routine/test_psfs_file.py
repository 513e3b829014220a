"""[psfs] in routine files: loaded, checked, shown, written back and kept by the editor."""

from __future__ import annotations

from pathlib import Path

import pytest

from homecare.cli import main
from homecare.clinician.draft import Draft
from homecare.routine.loader import parse_routine
from homecare.routine.model import Psfs, RestStep, Routine
from homecare.routine.writer import dumps_routine

WITH_PSFS = """format = 3
title = "Back"

[psfs]
activities = ["Putting on socks", "Sitting for 30 minutes"]

[[steps]]
type = "rest"
seconds = 30
"""


def test_a_psfs_table_loads_with_its_defaults():
    routine = parse_routine(WITH_PSFS, "back.toml", "back")
    assert routine.psfs == Psfs(("Putting on socks", "Sitting for 30 minutes"), every_days=7)
    assert routine.format == 3


def test_a_file_without_one_asks_nothing():
    without = WITH_PSFS.replace(
        '[psfs]\nactivities = ["Putting on socks", "Sitting for 30 minutes"]\n', ""
    )
    routine = parse_routine(without, "back.toml", "back")
    assert routine.psfs is None


@pytest.mark.parametrize(
    "psfs",
    [Psfs(), Psfs(("Socks",), every_days=14), Psfs(("a", "b", "c", "d", "e"), every_days=90)],
)
def test_the_writer_round_trips_it_and_says_format_3(psfs):
    routine = Routine(title="Back", id="back", steps=(RestStep(seconds=5),), psfs=psfs)
    text = dumps_routine(routine)
    assert "\nformat = 3\n" in text and "\n[psfs]\n" in text
    assert parse_routine(text, "back.toml", "back") == Routine(**{**vars(routine), "format": 3})


def test_the_editor_keeps_it(tmp_path):
    routine = parse_routine(WITH_PSFS, "back.toml", "back")
    draft = Draft(tmp_path / "back.toml", routine)
    draft.header["title"] = "Back, edited"
    table = draft.table()
    assert table["format"] == 3 and table["psfs"]["activities"][0] == "Putting on socks"


def test_check_and_show(tmp_path: Path, capsys):
    good = tmp_path / "good.toml"
    good.write_text(WITH_PSFS, "utf-8")
    assert main(["check", str(good)]) == 0
    assert main(["show", str(good)]) == 0
    out = capsys.readouterr().out
    assert (
        "  PSFS: asked at the first session, then every 7 days: "
        "Putting on socks; Sitting for 30 minutes\n" in out
    )
    bad = tmp_path / "bad.toml"
    bad.write_text(WITH_PSFS.replace("[psfs]\n", "[psfs]\nevery_days = 0\n"), "utf-8")
    assert main(["check", str(bad)]) == 2
    assert (
        f"{bad}, field psfs.every_days: must be between 1 and 90 days (found 0)"
        in capsys.readouterr().out
    )
