"""Finding routines: the library, the bundled examples, names and paths."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from homecare.base import locations
from homecare.base.errors import UserError
from homecare.routine import library
from homecare.routine.problems import RoutineError

CHECKOUT = Path(__file__).resolve().parents[2]
EXAMPLES = (
    "back-progression",
    "back-stretches",
    "combined-session",
    "demo",
    "heat-chronic-spasm",
    "ice-fresh-spasm",
    "lower-back-pir",
)


def _import(routine_id: str, title: str = "Mine") -> Path:
    folder = locations.library_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{routine_id}.toml"
    path.write_text(f'format = 1\ntitle = "{title}"\n[[steps]]\ntype = "pir"\n', "utf-8")
    return path


def test_source_checkout_fallback_finds_the_examples():
    # Run from the source tree (as an editable install does): src/homecare has no routines/
    # folder, so the examples must come from the checkout's top-level routines/.
    probe = "from homecare.routine import library; print(library.examples_dir())"
    env = {**os.environ, "PYTHONPATH": str(CHECKOUT / "src")}
    result = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    assert not (CHECKOUT / "src" / "homecare" / "routines").exists()
    assert Path(result.stdout.strip()) == CHECKOUT / "routines"


def test_examples_are_listed_in_order_and_marked():
    found = library.available()
    assert [r.routine.id for r in found] == list(EXAMPLES)
    assert {r.origin for r in found} == {"example"}
    assert all("not a prescription" in r.routine.notes.lower() for r in found)


def test_imported_routines_come_first_and_replaced_versions_are_not_listed():
    _import("zzz-mine")
    (locations.library_dir() / "replaced").mkdir()
    (locations.library_dir() / "replaced" / "zzz-mine-20260101T000000Z.toml").write_text("x")
    found = library.available()
    assert [(r.routine.id, r.origin) for r in found][:2] == [
        ("zzz-mine", "library"),
        ("back-progression", "example"),
    ]
    assert len(found) == len(EXAMPLES) + 1


def test_a_broken_library_file_is_reported_not_silently_dropped():
    path = locations.library_dir()
    path.mkdir(parents=True)
    (path / "broken.toml").write_text("format = 1\n", "utf-8")
    found = library.catalogue()
    assert len(found.routines) == len(EXAMPLES)
    assert [p.field for p in found.problems] == ["title", "steps"]


def test_resolve_by_id_prefers_the_library_then_the_examples():
    assert library.resolve("demo").origin == "example"
    _import("demo", title="My own demo")
    mine = library.resolve("demo")
    assert (mine.origin, mine.routine.title) == ("library", "My own demo")


def test_resolve_an_existing_path(tmp_path):
    path = _import("elsewhere")
    loaded = library.resolve(str(path))
    assert (loaded.origin, loaded.path) == ("file", path)
    with pytest.raises(RoutineError, match="is a folder"):
        library.resolve(str(tmp_path))


def test_unknown_names_list_what_is_known_with_did_you_mean():
    with pytest.raises(UserError) as caught:
        library.resolve("lower-back-prr")
    assert str(caught.value) == (
        'no routine called "lower-back-prr"; did you mean lower-back-pir?\n'
        f"routines you can name: {', '.join(EXAMPLES)}"
    )


def test_a_name_with_a_path_in_it_is_never_looked_up_in_the_library():
    _import("secret")
    with pytest.raises(UserError, match="^no such file: ../routines/secret"):
        library.resolve("../routines/secret")


def test_a_long_missing_path_keeps_its_file_name():
    folder = "/" + "/".join(["a-rather-long-folder-name"] * 12)
    with pytest.raises(UserError) as caught:
        library.resolve(f"{folder}/my-routine.toml")
    first_line = str(caught.value).splitlines()[0]
    assert first_line.startswith("no such file: /a-rather-long-folder-name/")
    assert first_line.endswith("/my-routine.toml") and "…" in first_line
    assert len(first_line) == len("no such file: ") + 200


def test_the_examples_hashes_are_those_of_the_loaded_examples():
    loaded = {f.content_hash for f in library.available() if f.origin == "example"}
    assert len(loaded) >= 2 and library.example_file_hashes() == loaded
