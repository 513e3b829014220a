"""``homecare list`` remembers what it showed of each file, and never trusts that record blindly."""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys

import pytest

from homecare.base import locations
from homecare.cli import main
from homecare.routine import loader
from homecare.routine.library import examples_dir
from homecare.routine.listed import RECORD_NAME

ROUTINE = 'format = 1\ntitle = "{title}"\n[[steps]]\ntype = "pir"\n'


@pytest.fixture
def library():
    folder = locations.library_dir()
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(ROUTINE.format(title="Mine"), "utf-8")
    return folder


@pytest.fixture
def loads(monkeypatch):
    """The files the loader loads, by name."""
    loaded: list[str] = []
    load_file = loader.load_file

    def counted(path, origin="file"):
        loaded.append(os.path.basename(path))
        return load_file(path, origin)

    monkeypatch.setattr(loader, "load_file", counted)
    return loaded


def listing(capsys) -> str:
    assert main(["list"]) == 0
    return capsys.readouterr().out


def record_path():
    return locations.data_dir() / RECORD_NAME


def test_a_second_listing_loads_nothing_and_shows_the_same(library, loads, capsys):
    first = listing(capsys)
    assert "mine.toml" in loads and "demo.toml" in loads
    loads.clear()
    assert listing(capsys) == first
    assert loads == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_the_record_is_private(library, capsys):
    listing(capsys)
    assert stat.S_IMODE(record_path().stat().st_mode) == 0o600


def test_a_changed_file_or_picture_is_loaded_again(library, loads, capsys):
    examples = examples_dir()
    shutil.copy(examples / "demo.toml", library / "pictured.toml")
    shutil.copytree(examples / "images", library / "images")
    listing(capsys)
    (library / "mine.toml").write_text(ROUTINE.format(title="Mine, changed"), "utf-8")
    loads.clear()
    assert "Mine, changed" in listing(capsys)
    assert loads == ["mine.toml"]
    for picture in (library / "images").glob("*.png"):
        times = picture.stat()
        os.utime(picture, ns=(times.st_atime_ns, times.st_mtime_ns + 1_000_000_000))
    loads.clear()
    listing(capsys)
    assert loads == ["pictured.toml"]


def test_a_broken_file_is_reported_every_time(library, capsys):
    (library / "broken.toml").write_text("nonsense", "utf-8")
    for _ in range(2):
        assert main(["list"]) == 2
        assert "broken.toml, line 1" in capsys.readouterr().err


@pytest.mark.parametrize(
    "damage",
    [
        lambda record: "not json {",
        lambda record: json.dumps([1, 2, 3]),
        lambda record: json.dumps({**record, "stamp": "homecare 0.0.1"}),
        lambda record: json.dumps({**record, "routines": {k: [1, 2] for k in record["routines"]}}),
        lambda record: json.dumps(
            {
                **record,
                "routines": {
                    key: ["mine", "\x1b[2J\x1b]0;owned\x07", *rest]
                    for key, (_, _, *rest) in record["routines"].items()
                },
            }
        ),
        lambda record: json.dumps(
            {
                **record,
                "routines": {
                    key: [routine_id, title, True, stages, files]
                    for key, (routine_id, title, _, stages, files) in record["routines"].items()
                },
            }
        ),
        lambda record: json.dumps(
            {
                **record,
                "routines": {k: [*v[:3], 1.5, v[4]] for k, v in record["routines"].items()},
            }
        ),
        lambda record: json.dumps(
            {**record, "routines": {k: [*v[:4], []] for k, v in record["routines"].items()}}
        ),
    ],
    ids=[
        "not JSON",
        "not a record",
        "another homecare",
        "short entries",
        "escapes",
        "bad time",
        "stages not counted",
        "no files",
    ],
)
def test_a_damaged_or_hostile_record_is_ignored(library, loads, capsys, damage):
    expected = listing(capsys)
    record = json.loads(record_path().read_text("utf-8"))
    record_path().write_text(damage(record), "utf-8")
    loads.clear()
    assert listing(capsys) == expected
    assert "mine.toml" in loads and "\x1b" not in expected


def test_without_a_data_folder_to_write_in_it_still_lists(loads, capsys):
    assert not locations.data_dir().exists()
    first = listing(capsys)
    loads.clear()
    assert listing(capsys) == first and "demo.toml" in loads
